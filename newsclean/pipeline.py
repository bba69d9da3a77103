"""Split text into lines, run filters in order, apply their decisions, rebuild the text.

Kept lines come out byte for byte, with their own line endings; a blank-line gap before a kept
paragraph survives, so blank-line-separated text keeps its layout. The lines of a hard-wrapped
or Markdown paragraph are judged together and share one verdict (see ``view``).
"""

from __future__ import annotations

from collections.abc import Sequence
from time import monotonic
from typing import TYPE_CHECKING
from unicodedata import is_normalized, normalize

from .core.document import Document, Drop, LineVerdict, OverBudget, Result
from .core.floor import below_floor
from .core.headline import find_headline
from .core.text import forget_lines
from .core.view import judged_lines
from .filters.base import Filter
from .judge.model import Judge

if TYPE_CHECKING:
    from .inputs.page import PageEvidence


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """Lines without endings, and each line's ending ("\\n", "\\r\\n", "\\r" or "" at EOF)."""
    raw = text.splitlines(keepends=True)
    lines = [line.rstrip("\r\n") for line in raw]
    endings = [line[len(body):] for line, body in zip(raw, lines, strict=True)]
    return lines, endings


# A time budget allows a document this many lines and characters a second of it; a document with
# more is passed through at once, before its lines are judged: a million tiny lines (7.9 MB) took the
# judge 131 s and 4.2 GB, and 1 MB of sentences about 5 s.
MAX_LINES_PER_SECOND = 1_000
MAX_CHARS_PER_SECOND = 100_000


def run(text: str, filters: Sequence[Filter], from_html: bool = False, time_budget: float | None = None,
        page: PageEvidence | None = None, head: dict[str, str] | None = None) -> Result:
    """Clean ``text``; past ``time_budget`` seconds (checked between filters and within the
    judge), or when the document is larger than the budget allows (``MAX_LINES_PER_SECOND``,
    ``MAX_CHARS_PER_SECOND``), the text is passed through unchanged, with the reason in
    ``Result.passed_through``: a pathological document must not hold up a run over millions, nor
    take its memory. ``page``: each line's page evidence (``Source.page``); ``head``: what the
    page says of its headline, author and date (``Source.head``)."""
    forget_lines()
    lines, endings = split_lines(text)
    if time_budget and (len(lines) > time_budget * MAX_LINES_PER_SECOND
                        or len(text) > time_budget * MAX_CHARS_PER_SECOND):
        return _passed(text, lines, f"over the time budget of {time_budget:g} s: passed through unchanged "
                                    f"({len(lines):,} lines, {len(text):,} characters; it allows "
                                    f"{time_budget * MAX_LINES_PER_SECOND:,.0f} lines, "
                                    f"{time_budget * MAX_CHARS_PER_SECOND:,.0f} characters)")
    # Judged in NFC, so that "é" typed as e + combining accent is the same word as "é"; output
    # is the input's own lines.
    view, heads, link_share = judged_lines([line if is_normalized("NFC", line) else normalize("NFC", line)
                                            for line in lines])
    doc = Document(view, from_html=from_html, link_share=link_share)
    doc.take_page(page)
    try:
        apply(doc, filters, monotonic() + time_budget if time_budget else None)
    except OverBudget:
        return _passed(text, lines, f"over the time budget of {time_budget:g} s: passed through unchanged")
    fallback = hold_floor(doc) if doc.page else ""
    headline = find_headline(doc, {i for i in range(len(view)) if i not in doc.dropped}, head)
    title_lines = set(headline.lines) if headline else set()
    for i in title_lines:  # the headline is the title, never debris: out of the body where the judge had it out
        p_body = doc.body_probability.get(i)
        signal = "the headline" if p_body is None else f"p(body)={p_body:.2f}, the headline"
        if i in doc.dropped:
            doc.dropped[i] = Drop(i, "title", signal, "headline")
        else:
            doc.notes[i] = signal
    dropped = {i: doc.dropped[heads.get(i, i)] for i in range(len(lines)) if heads.get(i, i) in doc.dropped}
    titled = {i for i in range(len(lines)) if heads.get(i, i) in title_lines}
    verdicts = [
        LineVerdict(i, line, kept=i not in dropped, drop=dropped.get(i), note=doc.notes.get(heads.get(i, i), ""),
                    p_body=doc.body_probability.get(heads.get(i, i)), role="title" if i in titled else "")
        for i, line in enumerate(lines)
    ]
    textless = [not view[heads.get(i, i)].strip() for i in range(len(lines))]
    return Result(_rebuild(lines, endings, dropped, textless), verdicts, doc.language, fallback=fallback,
                  title=headline.title if headline else "",
                  author=headline.author if headline else "", date=headline.date if headline else "")


def _passed(text: str, lines: list[str], why: str) -> Result:
    """The text as it came, every line kept, unjudged, and why."""
    return Result(text, [LineVerdict(i, line, kept=True) for i, line in enumerate(lines)], passed_through=why)


def apply(doc: Document, filters: Sequence[Filter], deadline: float | None = None) -> None:
    """Run the filters in order, each proposing drops (the first proposal about a line stands,
    blank lines are never dropped, nor a line by reference to one dropped too); then the judge,
    if it runs, decides on all of them.
    OverBudget when ``deadline`` (a ``time.monotonic`` time) passes."""
    judges = [flt for flt in filters if isinstance(flt, Judge)]
    doc.deadline = deadline
    for flt in filters:
        doc.check_budget()
        for drop in flt.step(doc):
            if not doc.lines[drop.index].strip():
                continue
            if drop.index not in doc.dropped:
                doc.dropped[drop.index] = drop
            else:  # a later proposal the judge may have to honour (a plug-in's)
                doc.later_proposals.setdefault(drop.index, []).append(drop)
    doc.check_budget()
    for judge in judges:
        judge.decide(doc)
    if not judges:  # no line goes by reference to a line that goes too (see ``Judge.decide``)
        doc.withdraw_by_reference(doc.dropped)


def hold_floor(doc: Document) -> str:
    """A page whose outcome falls below the extractor's own text (``newsclean.floor``) gets that
    text: its lines kept, the candidates dropped. Returns why ("" when the outcome stands)."""
    extracted = ["x:kept" in doc.page.get(i, ()) for i in range(len(doc.lines))]
    kept = [bool(line.strip()) and i not in doc.dropped for i, line in enumerate(doc.lines)]
    reason = below_floor(doc.lines, kept, extracted)
    if reason:
        for i, line in enumerate(doc.lines):
            if extracted[i]:
                doc.dropped.pop(i, None)
                doc.notes[i] = "the extractor's text: the outcome fell below it"
            elif line.strip():
                doc.dropped[i] = Drop(i, "below_floor", reason, "html")
    return reason


def _rebuild(lines: list[str], endings: list[str], dropped: dict, textless: list[bool]) -> str:
    """Kept lines with their endings; a gap of lines without text (blank lines, and in Markdown
    rules and images) survives where it sits before a kept line that follows kept output (or
    starts the text), and at the end after a kept last line."""
    out: list[str] = []
    gap: list[str] = []  # lines without text since the last content line
    last_kept = True  # whether the last content line was kept (True before any content)
    for i, line in enumerate(lines):
        if textless[i]:
            gap.append(line + endings[i])
            continue
        last_kept = i not in dropped
        if last_kept:
            if out or i == len(gap):
                out.extend(gap)
            out.append(line + endings[i])
        gap = []
    if out and last_kept:
        out.extend(gap)
    return "".join(out)
