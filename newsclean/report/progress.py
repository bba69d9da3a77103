"""Showing a run as it goes and when it ends: progress bars, the summary tables, the JSONL report.

Apart from the renderers (``render``), which show one ``Result`` and need nothing of the runners:
these drain a batch's or a corpus's results, so they know the runners' rows. Rich is imported
only by the functions that draw.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict
from typing import IO, TYPE_CHECKING, Any

from ..core.document import Result
from .render import stats, visible

if TYPE_CHECKING:
    from rich.console import Console

    from ..runners.batch import FileResult
    from .audit import Audit

FORMAT_NAMES = {"text": "text", "markdown": "Markdown", "json": "JSON", "jsonl": "JSON lines"}


def print_summary(console: Console, rows: list[tuple[str, Result]]) -> None:
    """One table for several files: what a batch would do."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title="summary")
    table.add_column("file")
    table.add_column("lines", justify="right")
    table.add_column("dropped", justify="right")
    table.add_column("by filter")
    for name, result in rows:
        s = stats(result)
        table.add_row(Text(visible(name)), str(s["lines"]), str(s["lines_dropped"]),
                      ", ".join(f"{k} {n}" for k, n in sorted(s["by_filter"].items())))
    console.print(table)


def collect_batch(run: Callable[[Callable[[], None] | None], Iterable[FileResult]], total: int,
                  report: IO[str] | None, show_progress: bool, audit: Audit | None = None,
                  counting: bool = False) -> list[FileResult]:
    """Drain a batch run, ``run(on_counted)``: on stderr when interactive, a bar for the site pass
    (with ``counting``: it counts every file's lines before the first is cleaned) and one for the
    cleaning; one JSON line per file to ``report``, each file's audit merged into ``audit``."""
    from contextlib import ExitStack

    rows: list[FileResult] = []
    with ExitStack() as stack:
        bars = _progress_bars(stack, total, *(["counting repeated lines"] if counting else []),
                              "cleaning") if show_progress else []
        counted = (lambda: bars[0]("counting repeated lines")) if counting and bars else None
        started = None
        for row in run(counted):
            rows.append(_reported(row, report, audit))
            if bars:
                started = started or time.monotonic()
                rate = len(rows) / max(time.monotonic() - started, 1e-6)
                bars[-1](f"cleaning {rate:6.0f} files/s")
    return rows


def _reported(row: Any, report: IO[str] | None, audit: Audit | None) -> Any:
    """A file's or shard's result, written to the JSONL ``report`` or its audit merged into ``audit``
    (and let go: a long run holds only the merged one)."""
    from ..files import json_line

    if audit is not None and row.audit is not None:
        audit.merge(row.audit)
        row.audit = None
    if report:
        report.write(json_line({k: v for k, v in asdict(row).items() if k != "audit"}))
    return row


def _progress_bars(stack: Any, total: int, *descriptions: str, unit: str = "") -> list[Callable[..., None]]:
    """Transient progress bars on stderr, one per pass (``descriptions``), closed with ``stack``;
    for each, the call that sets its description and advances it (by one unless told)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               *([TextColumn(unit)] if unit else []), TimeRemainingColumn()]
    progress = stack.enter_context(Progress(*columns, console=Console(stderr=True), transient=True))

    def advancing(task: Any) -> Callable[..., None]:
        return lambda description, advance=1: progress.update(task, advance=advance, description=description)

    return [advancing(progress.add_task(description, total=total)) for description in descriptions]


def print_batch_summary(rows: list[FileResult], table: bool = True, out_format: str = "text") -> None:
    """Files by status, HTML pages converted, lines dropped per filter, and the failures by name
    (on stderr); without the table (--quiet), the failures alone: they always show."""
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True, highlight=False)
    if not table:
        _print_troubles(console, rows)
        return
    status = Counter(r.status for r in rows)
    drops: Counter[str] = Counter()
    for r in rows:
        drops.update(r.drops)
    summary = Table(title="newsclean batch", show_header=False)
    summary.add_column(justify="left")
    summary.add_column(justify="right")
    summary.add_row("files", str(len(rows)))
    for name in ("changed", "unchanged", "empty", "skipped", "passed", "failed"):
        label = {"skipped": "skipped (up to date)", "passed": "passed through (over time)"}.get(name, name)
        summary.add_row(label, str(status.get(name, 0)))
    pages = sum(r.html and r.status != "failed" for r in rows)
    if pages:
        summary.add_row(f"HTML pages converted to {FORMAT_NAMES[out_format]}", str(pages))
    for name, n in drops.most_common():
        summary.add_row(f"lines dropped by {name}", str(n))
    console.print(summary)
    _print_troubles(console, rows)


def _print_troubles(console: Console, rows: list[FileResult]) -> None:
    """Every failure, and every file passed through unjudged: one line each, always shown."""
    for r in rows:
        if r.status in ("failed", "passed"):
            what = "failed" if r.status == "failed" else "passed through"
            console.print(f"{what}: {r.path}: {r.error}", markup=False, soft_wrap=True)


def collect_corpus(run: Callable[[Callable[[int], None] | None], Iterable[Any]], total: int,
                   show_progress: bool, report: IO[str] | None = None, audit: Audit | None = None,
                   counting: bool = False) -> list[Any]:
    """Drain a corpus run, ``run(on_documents)``: on stderr when interactive, a bar of shards whose
    count of documents grows as workers finish them, not only as whole shards do (with
    ``counting``, it says so while the site pass counts lines, before any is cleaned); one JSON
    line per shard to ``report``, each shard's audit merged into ``audit``."""
    from contextlib import ExitStack

    rows: list[Any] = []
    with ExitStack() as stack:
        first = "counting repeated lines" if counting else "cleaning"
        bar = _progress_bars(stack, total, first, unit="shards")[0] if show_progress else None
        started = time.monotonic()
        documents = 0

        def on_documents(count: int) -> None:
            nonlocal documents
            documents += count
            if bar is not None:
                rate = documents / max(time.monotonic() - started, 1e-6)
                bar(f"{documents:,} documents, {rate:,.0f}/s", 0)

        for row in run(on_documents if bar is not None else None):
            rows.append(_reported(row, report, audit))
            if bar is not None:
                bar(f"{documents:,} documents", 1)
    return rows


def print_corpus_summary(rows: list[Any], seconds: float, table: bool = True) -> None:
    """Shards by status, documents, lines dropped per filter (unless not ``table``), and every
    failure and bad record (on stderr)."""
    from rich.console import Console

    console = Console(stderr=True, highlight=False)
    if table:
        console.print(_corpus_table(rows, seconds))
    for r in rows:
        for error in r.errors:
            where = error if error.startswith(r.shard) else f"{r.shard}: {error}"
            print(f"{'failed' if r.status == 'failed' else 'bad record'}: {where}", file=sys.stderr)
        for note in r.passed_notes:
            print(f"passed through: {r.shard}: {note}", file=sys.stderr)
        for note in r.notes:
            print(f"note: {r.shard}: {note}", file=sys.stderr)


def _corpus_table(rows: list[Any], seconds: float) -> Any:
    from rich.table import Table

    status = Counter(r.status for r in rows)
    drops: Counter[str] = Counter()
    for r in rows:
        drops.update(r.drops)
    documents = sum(r.records for r in rows)
    table = Table(title="newsclean corpus", show_header=False)
    table.add_column(justify="left")
    table.add_column(justify="right")
    table.add_row("shards", str(len(rows)))
    for name in ("done", "skipped", "failed"):
        table.add_row(name if name != "skipped" else "skipped (already done)", str(status.get(name, 0)))
    table.add_row("documents", f"{documents:,}")
    table.add_row("documents changed", f"{sum(r.changed for r in rows):,}")
    table.add_row("bad records", f"{sum(r.bad for r in rows):,}")
    table.add_row("passed through (over time)", f"{sum(r.passed for r in rows):,}")
    table.add_row("documents/s", f"{documents / max(seconds, 1e-9):,.1f}")
    for name, n in drops.most_common():
        table.add_row(f"lines dropped by {name}", f"{n:,}")
    return table
