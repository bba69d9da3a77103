"""The headline: found, named and kept out of the body, never judged as debris.

A news page states its headline up to three times: in the window's title bar, with the site's
name ("Headline | Section | Site", "Headline - Site"), as the page's heading (``h1``, og:title),
and as a line of the text above the article. In text, the headline is the heading-shaped line
before the article's first body paragraph whose words the body talks about most, a line the
title bar repeats first of all; from a page, its ``h1`` (or og:title, or the title bar less the
site's name). The line that holds it is the title, not body and not debris: the default output
is the body, ``--with-title`` puts it back on top.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..record import Frozen, set_field
from ..rules.regex import compiled
from .article import is_body_like, stems
from .document import Document
from .text import title_case_share, word_count, words

# The site filter's name (filters/site.py): what it drops is the site's template, never a headline.
SITE_FILTER = "site_boilerplate"
# A headline is a heading: this many words at most, and it does not end as a sentence or label does.
MAX_TITLE_WORDS = 30
MAX_TITLE_CHARS = 300
NOT_TITLE_ENDS = (".", ":", ";", ",")
# This share of a headline's content words (stems) occurs in the body's paragraphs.
MIN_SUPPORT = 0.5
# A title bar: the headline, then the site's name (and sections), each part this many words at most.
TITLE_BAR = compiled(r"\s+[|–—•·»~/-]\s+|\s+::\s+")
MAX_SITE_WORDS = 6
# Lines above the first body paragraph that may hold the headline. Of them, a line scores by the
# body's support for its words (counted up to MAX_SUPPORTED, times their share), its p(body), its
# capitals, less for its words past LONG_WORDS (a menu run together) and its distance from the body
# (in lines); more when it is said twice (a heading and a breadcrumb, a title bar), and when it is
# the text's first line (a page's title bar). Weights chosen on wcxb-dev (benchmarks/headline.py).
REACH = 40
MAX_SUPPORTED = 5
LONG_WORDS = 12
LONG_COST = 0.3
DISTANCE_COST = 0.1
REPEATED = 2.0
FIRST = 3.0
FOLD = re.compile(r"[\W_]+")
FIRST_WORD = re.compile(r"[^\W_]+")
HEAD_CHARS = 64  # a line's first word is looked for in its first characters, and further only if not there


def fold(text: str) -> str:
    """Case and punctuation folded away: how headlines are compared."""
    return FOLD.sub(" ", text.casefold()).strip()


class Folded:
    """Which of a document's lines fold to a key, without folding every line (most are body text,
    asked about for a few keys): a line's fold starts with the first word of its casefolded text,
    so only the lines whose first word is the key's are folded; and a line that folds to a key has
    no more words than the key (``words``: a word's first letter casefolds to letters or digits,
    and the character after a word to neither), so only the lines of as few words are read for
    their first word."""

    def __init__(self, lines: list[str], content: list[int]) -> None:
        self.lines = lines
        self.content = content
        self.sizes: list[int] | None = None  # each content line's words, counted on first use
        self.by_first: dict[str, list[int]] = {}  # the content lines of ``indexed`` words or fewer by first word
        self.indexed = -1
        self.found: dict[str, list[int]] = {}

    def lines_of(self, key: str) -> list[int]:
        """The lines of ``content`` (in order) that fold to ``key`` (itself a fold)."""
        if key not in self.found:
            most = key.count(" ") + 1  # the key's words, or more
            if most > self.indexed:
                self._index(most)
            candidates = self.by_first.get(key.partition(" ")[0], [])
            self.found[key] = sorted(i for i in candidates if fold(self.lines[i]) == key)
        return self.found[key]

    def _index(self, most: int) -> None:
        """``by_first`` of every content line of ``most`` words or fewer."""
        lines, indexed = self.lines, self.indexed
        if self.sizes is None:
            self.sizes = list(map(len, map(words, map(lines.__getitem__, self.content))))
        for i, size in zip(self.content, self.sizes, strict=True):
            if indexed < size <= most:
                self.by_first.setdefault(_first_word(lines[i]), []).append(i)
        self.indexed = most


class Headline(Frozen):
    """The headline's text, the lines that state it (indices into the document), and what the
    page says of its author and date."""

    __slots__ = _fields = ("title", "lines", "author", "date")
    title: str
    lines: tuple[int, ...]
    author: str
    date: str

    def __init__(self, title: str, lines: tuple[int, ...] = (), author: str = "", date: str = "") -> None:
        set_field(self, "title", title)
        set_field(self, "lines", lines)
        set_field(self, "author", author)
        set_field(self, "date", date)


def title_bar(line: str) -> tuple[str, list[str]] | None:
    """("Headline", ["Section", "Site"]) from a title-bar line, None when the line is not one."""
    parts = [part.strip() for part in TITLE_BAR.split(line.strip())]
    if len(parts) < 2 or not all(parts) or any(word_count(part) > MAX_SITE_WORDS for part in parts[1:]):
        return None
    return " - ".join(parts[:1]), parts[1:]


def _first_word(line: str) -> str:
    """The first word of the casefolded line ("" when it has none): casefolding is letter by
    letter, so a word that ends within the casefolded head of a long line is its first."""
    head = line[:HEAD_CHARS].casefold()
    first = FIRST_WORD.search(head)
    if len(line) > HEAD_CHARS and (first is None or first.end() == len(head)):
        first = FIRST_WORD.search(line.casefold())
    return first.group() if first else ""


def page_title(head: dict[str, str]) -> str:
    """The headline a page gives: its h1 where the og:title or title bar shares most of its words
    (or where they say nothing: an h1 they do not echo is often the site's logo), else the
    og:title, else the title bar, less the site's name."""
    h1, og, bar = head.get("h1", ""), head.get("og:title", ""), head.get("title", "")
    own = set(fold(h1).split())
    others = [set(fold(t).split()) for t in (og, bar) if t]
    if own and (not others or any(len(own & other) >= MIN_SUPPORT * len(own) for other in others)):
        return h1
    return next(((title_bar(t) or (t, []))[0] for t in (og, bar) if t), h1)


def kept_body(doc: Document, kept: set[int]) -> set[int]:
    """The lines the judge kept (``kept``) that read as body (``is_body_like``): where the headline
    and the byline look for the article's paragraphs, found once for both."""
    stopwords, lines = doc.stopwords, doc.lines
    return {i for i in doc.nonblank if i in kept and is_body_like(lines[i], stopwords)}


def find_headline(doc: Document, body: set[int], head: dict[str, str] | None = None) -> Headline | None:
    """The headline of ``doc`` (``body``: the lines the judge kept that read as body, ``kept_body``),
    from the page's ``head`` when it is HTML, from the text otherwise."""
    author, date = (head or {}).get("author", ""), (head or {}).get("date", "")
    # A line the site repeats on its other pages is its template, not this article's headline.
    template = {i for i, drop in doc.decisions.items() if drop.filter == SITE_FILTER}
    content = [i for i in doc.nonblank if i not in template]
    bodies = (i for i in content if i in body)
    folded = Folded(doc.lines, content)
    title = page_title(head) if head else ""
    if title:
        key = fold(title)
        before = next(bodies, len(doc.lines))  # the first body paragraph
        longest = 3 * len(key) + 30  # a longer line is not taken for the title
        found = [i for i in folded.lines_of(key) if len(doc.lines[i]) <= longest]
        lines = [i for i in found if i <= before] or found[:1]
        return Headline(title, tuple(lines), author, date)
    paragraphs = list(bodies)
    if not paragraphs:
        return None
    guess = _from_text(doc, content, paragraphs, folded)
    if guess is None:
        return Headline("", (), author, date) if author or date else None
    title, at = guess
    lines = [i for i in folded.lines_of(fold(title)) if i < paragraphs[0]] or [at]
    return Headline(title, tuple(lines), author, date)


def _from_text(doc: Document, content: list[int], body: list[int], folded: Folded) -> tuple[str, int] | None:
    """The headline and its line: of the heading-shaped lines above the first body paragraph (and
    the text's first line, where a page's title bar sits), those whose words the body talks
    about, the one that scores best (``_score``)."""
    lines, stopwords = doc.lines, doc.stopwords
    vocabulary = frozenset().union(*(stems(lines[i], stopwords) for i in body))
    above = content[:bisect_left(content, body[0])][-REACH:]  # content is in order
    if content[0] not in above:
        above.insert(0, content[0])
    bar = title_bar(doc.lines[content[0]])
    said_in_bar = fold(bar[0]) if bar else None  # the title bar's headline counts as said twice

    def said(text: str) -> int:
        key = fold(text)
        return len(folded.lines_of(key)) + (key == said_in_bar)

    best: tuple[float, str, int] | None = None
    for n, i in enumerate(above):
        line = lines[i].strip()
        if not _heading_shaped(line):
            continue
        bar = title_bar(line)
        text = bar[0] if bar and said(line) < 2 else line
        own = stems(text, stopwords)
        supported = len(own & vocabulary)
        if not own or supported < MIN_SUPPORT * len(own):
            continue
        score = (min(supported, MAX_SUPPORTED) * supported / len(own) + doc.body_probability.get(i, 0.5)
                 + title_case_share(text) - LONG_COST * max(0, word_count(text) - LONG_WORDS)
                 - DISTANCE_COST * (len(above) - 1 - n) + REPEATED * (said(text) > 1)
                 + FIRST * (i == content[0]))
        if best is None or score > best[0]:
            best = (score, text, i)
    return None if best is None else best[1:]


def _heading_shaped(line: str) -> bool:
    return (0 < word_count(line) <= MAX_TITLE_WORDS and len(line) <= MAX_TITLE_CHARS
            and not line.endswith(NOT_TITLE_ENDS) and any(c.isalpha() for c in line))
