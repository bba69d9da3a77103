"""batch's and corpus's --report: JSON lines, or an HTML audit page of what was removed and why."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .messages import Exit, Failure
from .reading import same_file


def is_audit(report: Path | None) -> bool:
    """--report names an HTML page (an audit), not JSON lines."""
    return report is not None and report.suffix.lower() in (".html", ".htm")


def _audit_for(report: Path | None) -> Any:
    """An Audit to fill when --report names an HTML page, else None (a JSONL report)."""
    if not is_audit(report):
        return None
    from ..report.audit import Audit

    return Audit()


def check_report(path: Path, inputs: Iterable[Path]) -> None:
    """Before any work: a report that names an input would replace it (a usage error), and one that
    cannot be written fails now rather than after the run."""
    if path.exists() and any(same_file(path, source) for source in inputs):
        raise Failure(f"{path}: the report would replace an input of the run; name another file", Exit.USAGE)
    if path.is_dir():
        raise Failure(f"{path}: is a folder", Exit.FAILED)
    if path.exists() and not path.is_file():  # a device or a FIFO, written into
        writable = os.access(path, os.W_OK)
    else:  # a file, replaced from beside it
        folder = Path(os.path.realpath(path)).parent
        writable = folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)
    if not writable:
        raise Failure(f"{path}: cannot be written there", Exit.FAILED)


@contextlib.contextmanager
def reporting(path: Path | None, title: str, link_base: Path) -> Iterator[tuple[io.StringIO | None, Any]]:
    """Where a run puts its --report: JSON lines, or an Audit for an HTML page. At the end, and
    after Ctrl-C (covering what was done), the report replaces the file whole: an old report is
    never left cut short."""
    audit = _audit_for(path)
    lines = io.StringIO() if path is not None and audit is None else None

    def write() -> None:
        if path is None:
            return
        text = lines.getvalue() if lines is not None else audit.page(title, path.resolve().parent, link_base=link_base)
        from ..files import write_output

        try:
            write_output(path, text.encode("utf-8"))
        except OSError as exc:
            raise Failure(f"{path}: {exc.strerror or exc}", Exit.FAILED) from None

    try:
        yield lines, audit
    except KeyboardInterrupt:
        write()
        raise
    write()
