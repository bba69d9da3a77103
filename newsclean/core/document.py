"""What a cleaning run works on and produces: lines, drop decisions, results. No I/O here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from time import monotonic
from typing import TYPE_CHECKING, Any

from ..rules.matcher import matcher

if TYPE_CHECKING:
    from ..inputs.page import PageEvidence
    from .article import Article


class OverBudget(Exception):
    """The document took longer than its time budget."""


@dataclass(frozen=True)
class Drop:
    """A filter's verdict that one line is debris, with a stable reason code for counting."""

    index: int
    reason: str
    detail: str = ""
    filter: str = ""
    ref: int | None = None  # the line this one is debris by reference to (repeats, is contained in)


@dataclass
class Document:
    """The text a filter sees: content lines (no line endings) plus what earlier filters decided.

    Blank lines are kept in ``lines`` (so indices match the input) but filters only judge
    ``content`` lines. ``dropped`` maps an index to the decision taken by an earlier filter,
    which later, context-aware filters may use as evidence. ``from_html`` marks text extracted
    from a page: the extractor has already judged the page's layout; ``page`` holds what the page
    says about each line (``newsclean.page``). ``link_share`` holds, for Markdown input, how much
    of each line is link text.
    """

    lines: list[str]
    dropped: dict[int, Drop] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)  # the signal behind a kept line, for --explain
    body_probability: dict[int, float] = field(default_factory=dict)  # the judge's p(body) of each line
    later_proposals: dict[int, list[Drop]] = field(default_factory=dict)  # drops proposed after the first
    from_html: bool = False
    link_share: dict[int, float] = field(default_factory=dict)  # Markdown: the share of a line that is link text
    page: dict[int, tuple[str, ...]] = field(default_factory=dict)  # HTML: each line's page evidence
    groups: dict[int, int] = field(default_factory=dict)  # HTML: the element holding each line's block
    deadline: float | None = None  # a time.monotonic time: past it, cleaning stops (OverBudget)
    _language: tuple[str, frozenset[str]] | None = field(default=None, repr=False)
    _article: tuple[int, Article] | None = field(default=None, repr=False)
    _hits: dict[int, int] = field(default_factory=dict, repr=False)
    _nonblank: list[int] | None = field(default=None, repr=False)
    _content: tuple[int, list[int]] | None = field(default=None, repr=False)

    def take_page(self, page: PageEvidence | None) -> None:
        """What the page says about each line (``Source.page``), when it speaks of these lines."""
        if page is not None and len(page) == len(self.lines):
            self.page, self.groups = dict(enumerate(page.tokens)), dict(enumerate(page.groups))

    def withdraw_by_reference(self, decided: dict[int, Drop]) -> bool:
        """Withdraw each proposal that calls a line debris by reference to a line ``decided`` drops
        too (``Drop.ref``): the next proposal about the line stands, or none. Whether any was."""
        void = [i for i, drop in decided.items() if drop.ref is not None and drop.ref in decided]
        for i in void:
            later = self.later_proposals.pop(i, [])
            self.dropped.pop(i, None)
            if later:
                self.dropped[i], self.later_proposals[i] = later[0], later[1:]
        return bool(void)

    def check_budget(self) -> None:
        """OverBudget once the deadline has passed: called between the steps of the work, and
        within the long ones."""
        if self.deadline is not None and monotonic() > self.deadline:
            raise OverBudget

    def hits(self, i: int) -> int:
        """The rules that can match in line ``i``: one scan of the line, shared by every filter."""
        found = self._hits.get(i)
        if found is None:
            found = self._hits[i] = matcher().scan(self.lines[i])
        return found

    @property
    def content(self) -> list[int]:
        """Indices of non-blank lines that no earlier filter has dropped (a fresh list each time)."""
        if self._content is None or self._content[0] != len(self.dropped):
            if self._nonblank is None:
                self._nonblank = [i for i, line in enumerate(self.lines) if line.strip()]
            self._content = (len(self.dropped), [i for i in self._nonblank if i not in self.dropped])
        return list(self._content[1])

    @property
    def article(self) -> Article:
        """Where the article sits, as the lines still kept show it (found anew once more are dropped)."""
        if self._article is None or self._article[0] != len(self.dropped):
            from .article import find_article

            self._article = (len(self.dropped), find_article(self))
        return self._article[1]

    @property
    def language(self) -> str:
        return self._detect()[0]

    @property
    def stopwords(self) -> frozenset[str]:
        return self._detect()[1]

    def _detect(self) -> tuple[str, frozenset[str]]:
        if self._language is None:
            from .text import detect_language

            self._language = detect_language(self.lines)
        return self._language


@dataclass(frozen=True)
class LineVerdict:
    """One input line and what happened to it."""

    index: int
    text: str
    kept: bool
    drop: Drop | None = None
    note: str = ""
    p_body: float | None = None  # the judge's probability that the line is body (None: not judged)
    role: str = ""  # "title": the headline, never debris (out of the body text where the judge had it out)


@dataclass
class Result:
    """The outcome of ``clean``: the kept text, byte-faithful, and a verdict for every line."""

    text: str
    verdicts: list[LineVerdict]
    language: str = ""
    passed_through: str = ""  # why the text came out unchanged, unjudged (over the time budget)
    fallback: str = ""  # HTML: why the page got the extractor's own text (``newsclean.floor``)
    title: str = ""  # the headline (``newsclean.headline``), "" when none was found
    author: str = ""  # HTML: the page's author and date, where it gives them
    date: str = ""

    @property
    def drops(self) -> list[Drop]:
        """The lines dropped as debris (the headline, out of the body as the title, is not)."""
        return [v.drop for v in self.verdicts if v.drop is not None and v.role != "title"]

    @property
    def headline(self) -> dict[str, str]:
        """The title, author and date found, as JSON names them (those not found left out)."""
        return {key: value for key, value in (("title", self.title), ("author", self.author), ("date", self.date))
                if value}

    @property
    def kept_lines(self) -> list[str]:
        return [v.text for v in self.verdicts if v.kept and v.text.strip()]

    def summary(self) -> dict[str, Any]:
        """Lines with text in and out, and lines dropped per filter: what batch and corpus report."""
        summary = {"lines_in": sum(1 for v in self.verdicts if v.text.strip()), "lines_out": len(self.kept_lines),
                   "drops": dict(Counter(d.filter for d in self.drops))}
        if self.passed_through:
            summary["passed_through"] = self.passed_through
        if self.fallback:
            summary["fallback"] = self.fallback
        return summary
