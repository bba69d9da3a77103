"""What a clean works on and produces: the document, the drops filters propose and the judge
decides, each line's verdict and the result. No I/O here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from itertools import filterfalse
from time import monotonic
from typing import TYPE_CHECKING, Any

from ..record import Fields, Frozen, Record, field_setters, set_field
from ..rules.lexicon import Rule
from ..rules.matcher import matcher
from .article import Article, find_article
from .text import detect_language, word_count

if TYPE_CHECKING:
    from ..inputs.page import PageEvidence


class OverBudget(Exception):
    """The document took longer than its time budget."""


class Drop(Frozen):
    """One line called debris, with the filter that called it and a stable reason code for counting:
    a filter's proposal (``Document.proposals``), or the decision taken (``Document.decisions``)."""

    __slots__ = _fields = ("index", "reason", "detail", "filter", "ref")
    index: int
    reason: str
    detail: str
    filter: str
    ref: int | None  # the line this one is debris by reference to (repeats, is contained in)

    def __init__(self, index: int, reason: str, detail: str = "", filter: str = "", ref: int | None = None) -> None:
        _drop_index(self, index)
        _drop_reason(self, reason)
        _drop_detail(self, detail)
        _drop_filter(self, filter)
        _drop_ref(self, ref)


_drop_index, _drop_reason, _drop_detail, _drop_filter, _drop_ref = field_setters(Drop)


class SiteCounts(Frozen):
    """In how many of its site's documents each line of a document occurs (by ``line_hash``): what
    batch and corpus count over a run, and what the site memory remembers across runs."""

    __slots__ = _fields = ("counts", "remembered", "one_site", "recall")
    counts: Mapping[int, int]  # documents of the group holding each hash
    remembered: Mapping[int, int]  # of those, the documents the memory holds
    one_site: bool  # False: a group that may mix sites (a folder), where short lines count only in a run
    # One document at a time (the site memory): given the document's line hashes, in how many of the
    # site's remembered documents each occurs; the counts above are then left empty.
    recall: Callable[[set[int]], Mapping[int, int]] | None

    def __init__(self, counts: Mapping[int, int] | None = None, remembered: Mapping[int, int] | None = None,
                 one_site: bool = True, recall: Callable[[set[int]], Mapping[int, int]] | None = None) -> None:
        set_field(self, "counts", {} if counts is None else counts)
        set_field(self, "remembered", {} if remembered is None else remembered)
        set_field(self, "one_site", one_site)
        set_field(self, "recall", recall)


class Document(Fields):
    """One document as the stages see it; ``pipeline.prepare`` makes it.

    ``lines``: a paragraph a line, in NFC, blank lines kept so that indices match the input.
    ``proposals``: while filters propose, the first proposal about each line; later ones wait in
    ``later_proposals`` (the judge honours a plug-in's). ``decisions``: the lines the decide stage
    drops, final. The two never change meaning. What the page says of each line (``page``,
    ``groups``), how much of a Markdown line is link text (``link_share``) and the site's counts
    (``site``) come with the document.
    """

    # No __slots__: a Document takes other attributes, as its dataclass did.
    _fields = ("lines", "from_html", "link_share", "page", "groups", "site", "proposals", "later_proposals",
               "decisions", "notes", "body_probability", "deadline")
    lines: list[str]
    from_html: bool  # extracted from a page: the extractor has judged its layout already
    link_share: dict[int, float]
    page: dict[int, tuple[str, ...]]  # HTML: each line's page evidence
    groups: dict[int, int]  # HTML: the element holding each line's block
    site: SiteCounts | None
    proposals: dict[int, Drop]
    later_proposals: dict[int, list[Drop]]
    decisions: dict[int, Drop]
    notes: dict[int, str]  # the signal behind a kept line, for --explain
    body_probability: dict[int, float]  # the judge's p(body) of each line
    deadline: float | None  # a time.monotonic time: past it, cleaning stops (OverBudget)
    # Found on first need (not shown by repr):
    _language: tuple[str, frozenset[str]] | None
    _article: tuple[int, list[int], Article] | None
    _hits: tuple[int, list[int]] | None  # (rules scanned for, each line's mask)
    _nonblank: list[int] | None
    _content: tuple[int, list[int]] | None

    def __init__(self, lines: list[str], from_html: bool = False, link_share: dict[int, float] | None = None,
                 page: dict[int, tuple[str, ...]] | None = None, groups: dict[int, int] | None = None,
                 site: SiteCounts | None = None, proposals: dict[int, Drop] | None = None,
                 later_proposals: dict[int, list[Drop]] | None = None, decisions: dict[int, Drop] | None = None,
                 notes: dict[int, str] | None = None, body_probability: dict[int, float] | None = None,
                 deadline: float | None = None) -> None:
        self.lines, self.from_html, self.site, self.deadline = lines, from_html, site, deadline
        self.link_share = {} if link_share is None else link_share
        self.page = {} if page is None else page
        self.groups = {} if groups is None else groups
        self.proposals = {} if proposals is None else proposals
        self.later_proposals = {} if later_proposals is None else later_proposals
        self.decisions = {} if decisions is None else decisions
        self.notes = {} if notes is None else notes
        self.body_probability = {} if body_probability is None else body_probability
        self._language = self._article = self._hits = self._nonblank = self._content = None

    def take_page(self, page: PageEvidence | None) -> None:
        """What the page says about each line (``Source.page``), when it speaks of these lines."""
        if page is not None and len(page) == len(self.lines):
            self.page, self.groups = dict(enumerate(page.tokens)), dict(enumerate(page.groups))

    def propose(self, drop: Drop) -> None:
        """A filter's proposal: the first about a line stands for the judge to weigh, a later one
        waits (a plug-in's, which the judge honours); blank lines are never proposed."""
        if not self.lines[drop.index].strip():
            return
        if drop.index not in self.proposals:
            self.proposals[drop.index] = drop
        else:
            self.later_proposals.setdefault(drop.index, []).append(drop)

    def withdraw_by_reference(self, decided: Mapping[int, Drop]) -> bool:
        """Withdraw each proposal that calls a line debris by reference to a line ``decided`` drops
        too (``Drop.ref``): the next proposal about the line stands, or none. Whether any was."""
        void = [i for i, drop in decided.items() if drop.ref is not None and drop.ref in decided]
        for i in void:
            later = self.later_proposals.pop(i, [])
            self.proposals.pop(i, None)
            if later:
                self.proposals[i], self.later_proposals[i] = later[0], later[1:]
        return bool(void)

    def check_budget(self) -> None:
        """OverBudget once the deadline has passed: called between the steps of the work, and
        within the long ones."""
        if self.deadline is not None and monotonic() > self.deadline:
            raise OverBudget

    def hits(self, i: int) -> int:
        """The rules that can match in line ``i``: one scan of the document's lines, shared by every filter
        (asked a few times a line: the scan made is read here without a call to ``_scan``)."""
        scanned = self._hits
        if scanned is None or scanned[0] != len(Rule.registry):
            return self._scan()[i]
        return scanned[1][i]

    def hits_of(self, lines: list[int]) -> list[int]:
        """``hits`` of each of ``lines``, the scan read once for all."""
        masks = self._scan()
        return [masks[i] for i in lines]

    def _scan(self) -> list[int]:
        """Every line's scan (``Matcher.scan_all``), made on first need; made anew when rules were
        made since (a plug-in's rule, made late, must not be hidden by an older scan)."""
        rules = len(Rule.registry)
        if self._hits is None or self._hits[0] != rules:
            self._hits = (rules, matcher().scan_all(self.lines))
        return self._hits[1]

    def candidates(self, mask: int) -> list[int]:
        """The lines of ``content`` (in order, a fresh list) whose scan says one of the rules in
        ``mask`` (``lexicon.mask_of``) can match: a filter every one of whose drops needs one of
        those rules to match judges only these, and its Python never runs on the other lines."""
        masks = self._scan()
        return [i for i in self.content if masks[i] & mask]

    @property
    def content(self) -> list[int]:
        """The lines a filter judges: non-blank lines that no filter has proposed so far (a fresh
        list each time). A filter that must see proposed lines too reads ``proposals``."""
        if self._content is None or self._content[0] != len(self.proposals):
            self._content = (len(self.proposals), list(filterfalse(self.proposals.__contains__, self._with_text())))
        return list(self._content[1])

    @property
    def article(self) -> Article:
        """Where the article sits, as the lines not proposed show it (found anew once more are
        proposed, from what was found before)."""
        if self._article is None or self._article[0] != len(self.proposals):
            content = self.content
            before = self._article[1:] if self._article is not None else None
            self._article = (len(self.proposals), content, find_article(self.lines, content, self.stopwords, before))
        return self._article[2]

    @property
    def language(self) -> str:
        return self._detect()[0]

    @property
    def stopwords(self) -> frozenset[str]:
        """The stoplist of the document's language (of every language, when none is clear)."""
        return self._detect()[1]

    def _detect(self) -> tuple[str, frozenset[str]]:
        if self._language is None:
            self._language = detect_language(self.lines)
        return self._language

    @property
    def nonblank(self) -> list[int]:
        """Every line with text, proposed or not, in page order (a fresh list each time)."""
        return list(self._with_text())

    def _with_text(self) -> list[int]:
        """``nonblank``, made on first need: the list itself, for reading."""
        if self._nonblank is None:
            self._nonblank = [i for i, line in enumerate(self.lines) if line.strip()]
        return self._nonblank

    def body_words_in_order(self) -> tuple[list[int], list[int]]:
        """Every line with text in page order, proposed ones too (they mark where sections begin),
        and the body words of each line not proposed (0 for the rest): how far into the article a
        line sits."""
        indices = self.nonblank
        body = self.article.body
        return indices, [word_count(self.lines[i]) if i in body else 0 for i in indices]


class LineVerdict(Frozen):
    """One input line and what happened to it."""

    __slots__ = _fields = ("index", "text", "kept", "drop", "note", "p_body", "role")
    index: int
    text: str
    kept: bool
    drop: Drop | None
    note: str
    p_body: float | None  # the judge's probability that the line is body (None: not judged)
    # "title": the headline, never debris (out of the body text where the judge had it out);
    # "author", "date": the byline and the date line, never debris, out of the body text
    role: str

    def __init__(self, index: int, text: str, kept: bool, drop: Drop | None = None, note: str = "",
                 p_body: float | None = None, role: str = "") -> None:
        _verdict_index(self, index)
        _verdict_text(self, text)
        _verdict_kept(self, kept)
        _verdict_drop(self, drop)
        _verdict_note(self, note)
        _verdict_p_body(self, p_body)
        _verdict_role(self, role)


_verdict_index, _verdict_text, _verdict_kept, _verdict_drop, _verdict_note, _verdict_p_body, _verdict_role = (
    field_setters(LineVerdict))


class Result(Record):
    """The outcome of ``clean``: the kept text, byte-faithful, and a verdict for every line."""

    __slots__ = _fields = ("text", "verdicts", "language", "passed_through", "fallback", "title", "author", "date")
    text: str
    verdicts: list[LineVerdict]
    language: str
    passed_through: str  # why the text came out unchanged, unjudged (over the time budget)
    fallback: str  # HTML: why the page got the extractor's own text (``newsclean.core.floor``)
    title: str  # the headline (``newsclean.core.headline``), "" when none was found
    author: str  # the page's author and date where it gives them, else the byline's (``core.byline``)
    date: str  # YYYY-MM-DD where the date reads as one day, else as written

    def __init__(self, text: str, verdicts: list[LineVerdict], language: str = "", passed_through: str = "",
                 fallback: str = "", title: str = "", author: str = "", date: str = "") -> None:
        self.text, self.verdicts, self.language, self.passed_through = text, verdicts, language, passed_through
        self.fallback, self.title, self.author, self.date = fallback, title, author, date

    @property
    def drops(self) -> list[Drop]:
        """The lines dropped as debris (the headline, byline and date line, out of the body, are not)."""
        return [v.drop for v in self.verdicts if v.drop is not None and not v.role]

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
