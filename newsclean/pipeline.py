"""A clean in four stages: **prepare** the document, every filter **propose**s drops, the judge
**decide**s, **assemble** the verdicts and the text.

Kept lines come out byte for byte, with their own line endings; a blank-line gap before a kept
paragraph survives, so blank-line-separated text keeps its layout. The lines of a hard-wrapped
or Markdown paragraph are judged together and share one verdict (see ``core.view``).
"""

from __future__ import annotations

from collections.abc import Sequence
from time import monotonic
from typing import TYPE_CHECKING
from unicodedata import is_normalized, normalize

from .core.byline import agreeing, find_byline
from .core.document import Document, Drop, LineVerdict, OverBudget, Result, SiteCounts
from .core.floor import below_floor
from .core.headline import Headline, find_headline, kept_body
from .core.view import judged_lines
from .record import Frozen, set_field
from .registry import build_stages
from .settings import Settings

if TYPE_CHECKING:
    from .filters.base import Filter
    from .inputs.page import PageEvidence
    from .judge import Judge

# A time budget allows a document this many lines and characters a second of it; a document with
# more is passed through at once, before its lines are judged: a million tiny lines (7.9 MB) took the
# judge 131 s and 4.2 GB, and 1 MB of sentences about 5 s.
MAX_LINES_PER_SECOND = 1_000
MAX_CHARS_PER_SECOND = 100_000


class Cleaner(Frozen):
    """The filters and the judge (None: the filters' proposals are final), assembled once to clean
    many documents; ``from_settings`` is how a run makes one."""

    __slots__ = _fields = ("filters", "judge", "time_budget")
    filters: Sequence[Filter]
    judge: Judge | None
    time_budget: float | None

    def __init__(self, filters: Sequence[Filter], judge: Judge | None, time_budget: float | None = None) -> None:
        set_field(self, "filters", filters)
        set_field(self, "judge", judge)
        set_field(self, "time_budget", time_budget)

    @classmethod
    def from_settings(cls, settings: Settings) -> Cleaner:
        filters, judge = build_stages(settings)
        return cls(filters, judge, settings.time_budget)

    def clean(self, text: str, *, from_html: bool = False, page: PageEvidence | None = None,
              head: dict[str, str] | None = None, site: SiteCounts | None = None) -> Result:
        """Clean ``text`` (see ``run``)."""
        return run(text, self, from_html=from_html, page=page, head=head, site=site)


def run(text: str, cleaner: Cleaner, *, from_html: bool = False, page: PageEvidence | None = None,
        head: dict[str, str] | None = None, site: SiteCounts | None = None) -> Result:
    """The four stages. ``from_html``: extracted from a page, whose evidence of each line is
    ``page`` and of its headline, author and date ``head`` (``Source.page``, ``Source.head``);
    ``site``: the counts of its site's lines (for the site filter).

    Past the cleaner's time budget (checked between the stages and within the long ones), or when
    the document is larger than the budget allows (``MAX_LINES_PER_SECOND``,
    ``MAX_CHARS_PER_SECOND``), the text is passed through unchanged, with the reason in
    ``Result.passed_through``: a pathological document must not hold up a run over millions, nor
    take its memory."""
    time_budget = cleaner.time_budget
    lines, endings = split_lines(text)
    if time_budget and (len(lines) > time_budget * MAX_LINES_PER_SECOND
                        or len(text) > time_budget * MAX_CHARS_PER_SECOND):
        return _passed(text, lines, f"over the time budget of {time_budget:g} s: passed through unchanged "
                                    f"({len(lines):,} lines, {len(text):,} characters; it allows "
                                    f"{time_budget * MAX_LINES_PER_SECOND:,.0f} lines, "
                                    f"{time_budget * MAX_CHARS_PER_SECOND:,.0f} characters)")
    doc, heads = prepare(lines, from_html=from_html, page=page, site=site)
    doc.deadline = monotonic() + time_budget if time_budget else None
    try:
        propose(doc, cleaner.filters)
        fallback = decide(doc, cleaner.judge)
    except OverBudget:
        return _passed(text, lines, f"over the time budget of {time_budget:g} s: passed through unchanged")
    return assemble(doc, lines, endings, heads, head, fallback)


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """Lines without endings, and each line's ending ("\\n", "\\r\\n", "\\r" or "" at EOF)."""
    raw = text.splitlines(keepends=True)
    lines = [line.rstrip("\r\n") for line in raw]
    endings = [line[len(body):] for line, body in zip(raw, lines, strict=True)]
    return lines, endings


def prepare(lines: list[str], *, from_html: bool = False, page: PageEvidence | None = None,
            site: SiteCounts | None = None) -> tuple[Document, dict[int, int]]:
    """The document the filters and the judge see, and for each continuation line of a wrapped or
    Markdown paragraph, the paragraph's first line (the document has the paragraph there, on one
    line, and blanks in its place). Judged in NFC, so that "é" typed as e + combining accent is the
    same word as "é"; the output is the input's own lines. The language and the article are found
    on first use (``Document.language``, ``Document.article``)."""
    view, heads, link_share = judged_lines([line if is_normalized("NFC", line) else normalize("NFC", line)
                                            for line in lines])
    doc = Document(view, from_html=from_html, link_share=link_share, site=site)
    doc.take_page(page)
    return doc, heads


def propose(doc: Document, filters: Sequence[Filter]) -> None:
    """Every filter, in order, proposes drops (``Document.propose``); a filter sees what earlier
    ones proposed. OverBudget once the document's deadline passes."""
    for flt in filters:
        doc.check_budget()
        for drop in flt.propose(doc):
            doc.propose(drop)
    doc.check_budget()


def decide(doc: Document, judge: Judge | None) -> str:
    """The judge decides (``Judge.decide``); without one, the proposals are the decisions, less any
    that calls a line debris by reference to a line that goes too (no line goes because a line
    that goes holds it). A page whose outcome falls below the extractor's own text gets that text
    (``hold_floor``): returns why ("" when the outcome stands)."""
    if judge is not None:
        judge.decide(doc)
    else:
        doc.withdraw_by_reference(doc.proposals)
        doc.decisions = dict(doc.proposals)
    return hold_floor(doc) if doc.page else ""


def assemble(doc: Document, lines: list[str], endings: list[str], heads: dict[int, int],
             head: dict[str, str] | None = None, fallback: str = "") -> Result:
    """The result: the headline, byline and date line found and named, never debris; every input
    line with its paragraph's verdict; the kept lines as the text. ``fallback``: why the page got
    the extractor's own text, if it did."""
    kept = set(range(len(doc.lines))).difference(doc.decisions)
    body = kept_body(doc, kept)
    headline = find_headline(doc, body, head)
    title_lines = set(headline.lines) if headline else set()
    page = headline or Headline("")
    byline = agreeing(find_byline(doc, kept, body, title_lines), page.author, page.date)
    decided, notes = dict(doc.decisions), dict(doc.notes)
    roles = {i: "title" for i in title_lines}
    for i in title_lines:  # the headline is the title, never debris: out of the body where the judge had it out
        p_body = doc.body_probability.get(i)
        signal = "the headline" if p_body is None else f"p(body)={p_body:.2f}, the headline"
        if i in decided:
            decided[i] = Drop(i, "title", signal, "headline")
        else:
            notes[i] = signal
    for role, found in (("date", byline.date_lines), ("author", byline.author_lines)):
        for i in found:  # reported, never debris, out of the body (but of a page given the extractor's text)
            signal = f"the {'byline' if role == 'author' else 'date line'}"
            if fallback and i not in decided:
                notes[i] = signal
            else:
                decided[i] = Drop(i, role, signal, "byline")
            roles[i] = role
    judged = [heads.get(i, i) for i in range(len(lines))]  # the line each input line's verdict is
    dropped = {i: decided[at] for i, at in enumerate(judged) if at in decided}
    probability = doc.body_probability
    # index, text, kept, drop, note, p_body, role: positional, for a call made for every line
    verdicts = [LineVerdict(i, line, i not in dropped, dropped.get(i), notes.get(at, ""), probability.get(at),
                            roles.get(at, ""))
                for i, (line, at) in enumerate(zip(lines, judged, strict=True))]
    textless = [not doc.lines[at].strip() for at in judged]
    return Result(_rebuild(lines, endings, dropped, textless), verdicts, doc.language, fallback=fallback,
                  title=page.title, author=page.author or byline.author, date=page.date or byline.date)


def _passed(text: str, lines: list[str], why: str) -> Result:
    """The text as it came, every line kept, unjudged, and why."""
    return Result(text, [LineVerdict(i, line, kept=True) for i, line in enumerate(lines)], passed_through=why)


def hold_floor(doc: Document) -> str:
    """A page whose outcome falls below the extractor's own text (``core.floor``) gets that text:
    its lines kept, the candidates dropped. Returns why ("" when the outcome stands)."""
    extracted = ["x:kept" in doc.page.get(i, ()) for i in range(len(doc.lines))]
    kept = [bool(line.strip()) and i not in doc.decisions for i, line in enumerate(doc.lines)]
    reason = below_floor(doc.lines, kept, extracted)
    if reason:
        for i, line in enumerate(doc.lines):
            if extracted[i]:
                doc.decisions.pop(i, None)
                doc.notes[i] = "the extractor's text: the outcome fell below it"
            elif line.strip():
                doc.decisions[i] = Drop(i, "below_floor", reason, "html")
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
