"""Showing what a clean did: a rich preview, a plain unified diff, an explanation table, JSON.

Everything here renders a ``Result``; nothing decides. Rich is imported only by the functions
that draw, so the plain-text cleaning path stays light.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..core.document import LineVerdict, Result
from ..core.headline import fold
from ..inputs.markdown import CELL_BORDER, TABLE_RULE, line_markdown

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from ..inputs.source import Source

HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
NO_NEWLINE = "\\ No newline at end of file\n"
MIN_SIDE_BY_SIDE_WIDTH = 100
# Terminals this wide show --explain's reasons beside each line; narrower ones, under it.
WIDE_EXPLANATION = 120
# C0 controls but tab, DEL and C1 controls: a terminal obeys them (colours, a cleared screen, a
# retitled window), so a preview shows them as escapes ("\x1b").
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Scraped text as a terminal should show it: its control characters as escapes."""
    return CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def stats(result: Result) -> dict[str, Any]:
    """Lines and characters kept and dropped, and drops per filter."""
    content = [v for v in result.verdicts if v.text.strip()]
    dropped = [v for v in content if v.drop and not v.role]
    return {
        "lines": len(content),
        "lines_dropped": len(dropped),
        "chars": sum(len(v.text) for v in content),
        "chars_dropped": sum(len(v.text) for v in dropped),
        "by_filter": dict(Counter(v.drop.filter for v in dropped if v.drop)),
        **({"fallback": result.fallback} if result.fallback else {}),
    }


def stat_line(result: Result) -> str:
    s = stats(result)
    per = ", ".join(f"{name} {n}" for name, n in sorted(s["by_filter"].items(), key=lambda kv: -kv[1]))
    return (
        f"{s['lines'] - s['lines_dropped']} of {s['lines']} lines kept, {s['lines_dropped']} dropped"
        + (f" ({per})" if per else "")
        + f"; {s['chars'] - s['chars_dropped']:,} of {s['chars']:,} characters kept"
    )


def unified_diff(original: str, result: Result, name: str = "-") -> str:
    """A unified diff from the input to the cleaned text that ``patch`` applies exactly.

    Each hunk header carries the reasons for its removals after the closing "@@", where patch
    and other tools ignore it.
    """
    before = original.splitlines(keepends=True)
    after = result.text.splitlines(keepends=True)
    out: list[str] = []
    for line in difflib.unified_diff(before, after, f"{name}", f"{name} (cleaned)", n=3):
        match = HUNK.match(line)
        if match:
            start, length = int(match.group(1)), int(match.group(2) or 1)
            reasons = _reasons_between(result, start - 1, start - 1 + length)
            line = line.rstrip("\n") + (f" {reasons}" if reasons else "") + "\n"
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n" + NO_NEWLINE)
    return "".join(out)


def _reasons_between(result: Result, first: int, end: int) -> str:
    found = dict.fromkeys(
        f"{v.drop.filter}:{v.drop.reason}" for v in result.verdicts[first:end] if v.drop is not None
    )
    return "; ".join(found)


def records(result: Result) -> Iterator[dict[str, Any]]:
    """One JSON-ready record per input line (the jsonl schema)."""
    for v in result.verdicts:
        yield {
            "line": v.index + 1,
            "text": v.text,
            "kept": v.kept,
            "filter": v.drop.filter if v.drop else None,
            "reason": v.drop.reason if v.drop else None,
            "detail": v.drop.detail if v.drop else v.note,
            "p_body": None if v.p_body is None else round(v.p_body, 3),
            "role": v.role or None,
        }


def document_json(result: Result, source: str, metadata: dict[str, Any] | None = None,
                  decoding: dict[str, Any] | None = None) -> str:
    """The whole document as one JSON object, a line (the json schema); ``metadata`` comes from an
    HTML page, ``decoding`` says how the bytes were read (encoding, bad bytes replaced)."""
    from ..files import json_line  # valid UTF-8 whatever the source's name holds

    return json_line(
        {"source": source, "language": result.language, "input": decoding or {}, "metadata": metadata or {},
         **result.headline, "text": result.text, "stats": stats(result), "lines": list(records(result))})


def formatted(result: Result, fmt: str, source: Source, name: str, with_title: bool = False) -> str:
    """One document's output in --format ``fmt`` (text, markdown, json, jsonl): what `clean`
    prints and `batch` writes; ``with_title``: the headline on the first line of text or Markdown."""
    if fmt == "markdown":
        return titled(markdown_document(result, source.markdown), result.title, with_title, markdown=True)
    if fmt == "json":
        decoding = {"encoding": source.encoding, "replaced_bytes": source.replaced}
        return document_json(result, name, source.metadata, decoding)
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(result))
    return titled(result.text, result.title, with_title)


def titled(text: str, title: str, with_title: bool, markdown: bool = False) -> str:
    """``text`` with the headline on its first line (in Markdown a heading, written as any line of
    page text is, and a blank line after it), unless it starts with it already."""
    if not (with_title and title) or fold(text.lstrip().split("\n", 1)[0]) == fold(title):
        return text
    return f"{line_markdown(title, ('# ', ''))}\n\n{text}" if markdown else f"{title}\n{text}"


def markdown_document(result: Result, markdown: list[str] | None) -> str:
    """The kept lines as Markdown (``Source.markdown``: each line's Markdown, from the page), one
    block a paragraph; a table gets the rule under its first row that Markdown asks for. Without
    Markdown of its own (text input), the cleaned text as it is."""
    if markdown is None or len(markdown) != len(result.verdicts):
        return result.text
    kept = [md for verdict, md in zip(result.verdicts, markdown, strict=True) if verdict.kept and verdict.text.strip()]
    out: list[str] = []
    for k, line in enumerate(kept):
        kind = _markdown_kind(line)
        previous = _markdown_kind(kept[k - 1]) if k else ""
        if out and not (kind == previous == "item" or {kind, previous} <= {"row", "rule"}):  # a new block
            out.append("")
        out.append(line)
        following = kept[k + 1] if k + 1 < len(kept) else ""
        if kind == "row" and previous not in ("row", "rule") and _markdown_kind(following) != "rule":
            out.append("|" + "---|" * (len(CELL_BORDER.findall(line.strip().strip("|"))) + 1))
    return "\n".join(out) + "\n" if out else ""


def _markdown_kind(line: str) -> str:
    stripped = line.strip()
    if stripped.startswith("|"):
        return "rule" if TABLE_RULE.match(stripped) else "row"
    return "item" if stripped.startswith("- ") else "block"


def _p_body(verdict: LineVerdict) -> str:
    return "" if verdict.p_body is None else f" (p={verdict.p_body:.2f})"


def _folded(result: Result, context: int) -> Iterator[tuple[str, Any]]:
    """("line", verdict) for lines to show, ("fold", n) for runs of kept lines folded away."""
    content = [v for v in result.verdicts if v.text.strip()]
    near_drop = set()
    for k, v in enumerate(content):
        if v.drop:
            near_drop.update(range(k - context, k + context + 1))
    hidden = 0
    for k, v in enumerate(content):
        if v.drop or k in near_drop:
            if hidden:
                yield "fold", hidden
                hidden = 0
            yield "line", v
        else:
            hidden += 1
    if hidden:
        yield "fold", hidden


def preview(result: Result, title: str, context: int = 3, width: int = 0) -> RenderableType:
    """Dropped lines struck through in red with filter and reason beside them; kept lines plain."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(width=1, no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    table.add_column(no_wrap=True, style="dim")
    for kind, item in _folded(result, context):
        if kind == "fold":
            table.add_row("", Text(f"… {item} kept line{'s' if item > 1 else ''} …", style="dim italic"), "")
        elif item.drop:
            table.add_row(Text("-", style="red"), Text(visible(item.text), style="red strike"),
                          Text(f"{item.drop.filter}: {item.drop.reason}{_p_body(item)}", style="red"))
        else:
            table.add_row(" ", Text(visible(item.text)), "")
    return Group(Rule(Text(visible(title), style="bold")), table, Text(stat_line(result), style="bold"))


def side_by_side(result: Result, title: str) -> RenderableType:
    """Input (drops struck through) beside the output."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    table = Table(expand=True, show_lines=False)
    table.add_column("input", ratio=1, overflow="fold")
    table.add_column("cleaned", ratio=1, overflow="fold")
    for v in result.verdicts:
        if not v.text.strip():
            continue
        if v.drop:
            table.add_row(Text(visible(v.text), style="red strike"),
                          Text(f"({v.drop.filter}: {v.drop.reason})", style="dim"))
        else:
            table.add_row(Text(visible(v.text)), Text(visible(v.text)))
    return Group(Rule(Text(visible(title), style="bold")), table, Text(stat_line(result), style="bold"))


def explanation(result: Result, caption: str = "") -> RenderableType:
    """Every line with its verdict, the filter, reason and the signal that decided it. The text
    keeps a readable column at any width: the reasons sit beside it from ``WIDE_EXPLANATION``
    columns on, under it when the terminal is narrower."""
    return _Explanation(result, caption)


class _Explanation:
    """The --explain table, laid out for the width it is drawn at."""

    def __init__(self, result: Result, caption: str) -> None:
        self.result, self.caption = result, caption

    def __rich_console__(self, console: Console, options: Any) -> Iterator[RenderableType]:
        from rich.table import Table
        from rich.text import Text

        wide = options.max_width >= WIDE_EXPLANATION
        table = Table(expand=True, caption=self.caption or None)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("verdict", no_wrap=True)
        if wide:
            table.add_column("why", ratio=1, overflow="fold")
        table.add_column("line" if wide else "line, and why", ratio=2, overflow="fold")
        for v in self.result.verdicts:
            if not v.text.strip():
                continue
            reason = f"{v.drop.filter}: {v.drop.reason}" if v.drop else ""
            why = Text(" · ".join(part for part in (reason, visible(v.drop.detail if v.drop else v.note)) if part),
                       style="dim")
            line = Text(visible(v.text), style="red" if v.drop else "")
            verdict = Text(_verdict(v), style="blue" if v.role else "red" if v.drop else "green")
            if wide:
                table.add_row(str(v.index + 1), verdict, why, line)
            else:
                table.add_row(str(v.index + 1), verdict, Text("\n").join([line, why]) if why else line)
        yield table


def _verdict(v: LineVerdict) -> str:
    """keep, drop, or the line's role (title, author, date): kept or left out of the body, never debris."""
    return v.role or ("drop" if v.drop else "keep")


def explanation_lines(result: Result, caption: str = "") -> str:
    """--explain for a pipe or a file: one line per input line with text, tab-separated (line
    number, verdict, filter:reason or "-", signal or "-", the text), for grep, cut and less; a
    caption (bytes replaced in decoding) follows as a "#" line."""
    out = []
    for v in result.verdicts:
        if not v.text.strip():
            continue
        why = f"{v.drop.filter}:{v.drop.reason}" if v.drop else "-"
        signal = visible((v.drop.detail if v.drop else v.note) or "-")
        text = visible(v.text.rstrip("\r\n"))
        out.append(f"{v.index + 1}\t{_verdict(v)}\t{why}\t{signal}\t{text}\n")
    if caption:
        out.append(f"# {caption}\n")
    return "".join(out)
