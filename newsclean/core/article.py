"""Where the article is: the one place that decides which lines are its body, where it starts and
ends, what it talks about, and which runs of lines are its own lists and tables.

Every filter that judges a line by its place asks this (``Document.article``) instead of guessing the
body on its own. The body is found as jusText finds good paragraphs: long sentences dense in the
document's stopwords. The article's span runs from its first body line to its last.

Lists, schedules, tables and step sequences inside an article are body even though no line of
them reads like prose: a tour's dates, a recipe's steps, a product table, the same labels under
each section ("Pros", "Cons"). What tells them apart from a teaser run or a menu is that they sit
inside the article's span (or right against it) and are parallel: consecutive lines of one shape
(the same list marker, table cells, or the same pattern of digits and punctuation). A teaser run
is a list of other stories: it sits outside the span, and its words are not the article's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from itertools import chain, pairwise
from operator import and_, eq
from typing import NamedTuple

from .. import native
from ..rules.regex import compiled
from .text import ends_sentence, is_cjk, per_line, stopword_density, word_count, words

# A body-like line: a sentence of this many words, this dense in stopwords.
BODY_MIN_WORDS = 12
BODY_MIN_DENSITY = 0.2
CJK_SENTENCE_MARKS = compiled(r"[，。！？；、]")
STEM_CHARS = 5
MIN_STEM_CHARS = 3
# A list: at least this many consecutive lines of one shape.
MIN_LIST_LINES = 3
# Kept lines a list may start or end away from the span and still belong to the article (the last
# paragraph, then "The dates are:", then the dates).
LIST_REACH = 2
# A table flattened to a cell a line is a list too, with a period of up to this many columns.
MAX_TABLE_COLUMNS = 2
# A list that reaches out of the span belongs to the article when the line right above it announces
# it with a colon, or when this share of its content words occurs in the body.
MIN_LIST_RELATEDNESS = 0.3
LIST_MARKER = compiled(r"^\s*([-–•*·▪►>]|\d{1,3}[.)])\s")
TABLE_CELLS = "|\t"  # what separates a flattened table's cells
# For each period of a list (1 to MAX_TABLE_COLUMNS), a stretch of repeats long enough to make one
# (``_parallel_runs``): a list of MIN_LIST_LINES rows is that many rows less one of repeats.
REPEAT_STRETCHES = tuple(re.compile(b"\\x01{%d,}" % ((MIN_LIST_LINES - 1) * period))
                         for period in range(1, MAX_TABLE_COLUMNS + 1))
# A line's shape for telling lists: its punctuation and digits, words folded away.
SHAPE_WORD = compiled(r"[^\W\d_]+")
SHAPE_DIGITS = compiled(r"\d+")
SHAPE_PHRASE = compiled(r"a( a)+")  # a run of words is one slot: "Tampa" and "St Louis" alike


@per_line
def is_body_like(text: str, stopwords: frozenset[str]) -> bool:
    """Remembered per line: the article is found anew after each filter that drops lines."""
    n = word_count(text)
    if n < BODY_MIN_WORDS or not ends_sentence(text):
        return False
    if is_cjk(text):
        return len(CJK_SENTENCE_MARKS.findall(text)) >= 2
    return stopword_density(text, stopwords) >= BODY_MIN_DENSITY


@per_line
def stems(text: str, stopwords: frozenset[str]) -> frozenset[str]:
    """Content words cut to their first letters: a crude stemmer that works across languages.

    Remembered per line: the teaser filter and the judge's features ask for the same lines' stems."""
    if is_cjk(text):
        chars = [c for c in text if c.isalpha()]
        return frozenset(a + b for a, b in pairwise(chars))
    kernel = native.KERNEL  # where it is loaded, the same stems, natively
    stem = word_stems if kernel is None else kernel.stems
    return stem(words(text), stopwords, MIN_STEM_CHARS, STEM_CHARS)


def word_stems(found: tuple[str, ...], stopwords: frozenset[str], min_chars: int, stem_chars: int) -> frozenset[str]:
    """``stems`` of a line's words (``found``): the definition the kernel's ``stems`` is checked against."""
    stemmed = set()
    for word in found:
        folded = word.casefold()
        if len(folded) >= min_chars and folded not in stopwords and not folded.isdigit():
            stemmed.add(folded[:stem_chars])
    return frozenset(stemmed)


@per_line
def shape(text: str) -> str:
    """What the lines of one list share: the list marker, table cells, or the pattern of digits and
    punctuation once the words are folded away ("June 10 – Tampa, FL @ Amphitheatre" -> "a 0 – a, a @ a").
    A line of words alone has no shape: a menu or a run of headlines is words alone too."""
    stripped = text.strip()
    if marker := LIST_MARKER.match(stripped):
        return "item " + ("0" if marker.group(1)[0].isdigit() else marker.group(1))
    if sum(map(stripped.count, TABLE_CELLS)) >= 2:
        return "row"
    kernel = native.KERNEL  # where it is loaded, the same strings, in a sixth of the time
    return fold_shape(stripped) if kernel is None else kernel.fold_shape(stripped)


def fold_shape(text: str) -> str:
    """``shape`` of a line with no list marker nor cells: its words and numbers folded away, "" when
    nothing else is left. The kernel's ``fold_shape`` is checked against this."""
    folded = SHAPE_DIGITS.sub("0", SHAPE_WORD.sub("a", text))
    folded = SHAPE_PHRASE.sub("a", folded)
    return folded if any(not c.isalpha() and not c.isspace() for c in folded) else ""


class Article(NamedTuple):
    """The article in a document, as the lines still kept show it. (A NamedTuple: a dataclass costs
    a plain clean's start-up, and mypyc, which compiles this module, cannot derive a class from the
    interpreted ``newsclean.record``.)"""

    body: frozenset[int]  # body-like lines
    first: int  # the span: first and last body line (-1 when there is none)
    last: int
    vocabulary: dict[str, int]  # content stems of the body lines, with the number of lines holding each
    lists: frozenset[int]  # lines of the article's own lists, tables and schedules
    shapes: dict[int, str]  # the shape of each line it was found among (``shape``), for the next find

    def inside(self, i: int) -> bool:
        return self.first <= i <= self.last

    def relatedness(self, text: str, stopwords: frozenset[str], is_body: bool = False) -> float | None:
        """Share of a line's content words that the body uses (a body line is compared with the rest
        of the body); None when the line has no content words."""
        own = stems(text, stopwords)
        if not own:
            return None
        kernel = native.KERNEL  # where it is loaded, the same count natively
        count = shared_stems if kernel is None else kernel.shared_stems
        return count(own, self.vocabulary, is_body) / len(own)


def shared_stems(own: frozenset[str], vocabulary: dict[str, int], is_body: bool) -> int:
    """How many of a line's stems (``own``) the body's ``vocabulary`` holds; for a body line, held by
    another body line too. The kernel's ``shared_stems`` is checked against this."""
    if is_body:
        return sum(1 for s in own if vocabulary.get(s, 0) > 1)
    return sum(map(vocabulary.__contains__, own))  # a stem in the vocabulary has a count


def find_article(lines: list[str], content: list[int], stopwords: frozenset[str],
                 before: tuple[list[int], Article] | None = None) -> Article:
    """The article among ``content``, the lines still judged of ``lines``. ``before``: the content
    and article found last in the same document: where the content has only lost lines since (as
    filters propose more), its body is the earlier body less those lines, its vocabulary the
    earlier one less the stems of the body lines gone, and its lines' shapes are the ones found then."""
    if before is not None and set(before[0]).issuperset(content):
        earlier = before[1]
        body = list(filter(earlier.body.__contains__, content))
        gone = earlier.body.difference(body)
        if not gone:
            vocabulary = earlier.vocabulary
        elif len(gone) < len(body):  # fewer lines to take away than to count afresh
            vocabulary = _vocabulary_less(earlier.vocabulary, lines, gone, stopwords)
        else:
            vocabulary = _vocabulary(lines, body, stopwords)
        shapes = earlier.shapes
    else:
        body = [i for i in content if is_body_like(lines[i], stopwords)]
        vocabulary = _vocabulary(lines, body, stopwords)
        shapes = dict(zip(content, map(shape, map(lines.__getitem__, content)), strict=True))
    first, last = (body[0], body[-1]) if body else (-1, -1)
    article = Article(frozenset(body), first, last, vocabulary, frozenset(), shapes)
    lists = frozenset(chain.from_iterable(run for run in _parallel_runs(content, shapes)
                                          if _belongs(lines, stopwords, article, content, run)))
    return Article(article.body, first, last, vocabulary, lists, shapes)


def _vocabulary(lines: list[str], body: list[int], stopwords: frozenset[str]) -> dict[str, int]:
    """The body lines' stems, each with the number of lines holding it (``Article.vocabulary``)."""
    return Counter(chain.from_iterable(stems(lines[i], stopwords) for i in body))


def _vocabulary_less(vocabulary: dict[str, int], lines: list[str], gone: frozenset[int],
                     stopwords: frozenset[str]) -> dict[str, int]:
    """``vocabulary`` less the stems of the body lines ``gone``: the ``_vocabulary`` of the body
    lines left (the same counts, in another order, which nothing reads), from the few lines gone."""
    left = Counter(vocabulary)
    for i in gone:
        for stem in stems(lines[i], stopwords):
            if left[stem] == 1:
                del left[stem]
            else:
                left[stem] -= 1
    return left


def _parallel_runs(content: list[int], shape_of: dict[int, str]) -> list[list[int]]:
    """Runs of kept lines (blank lines between them allowed) that share a shape, line after line,
    or with the period of a table's columns: a table flattened to a cell a line ("6/1/2018",
    "+13.6%", "7/1/2018", "+12.9%", …) repeats its row's shapes."""
    shapes = list(map(shape_of.__getitem__, content))
    runs: list[list[int]] = []
    for period in range(1, MAX_TABLE_COLUMNS + 1):
        # A byte a place from ``period`` on: 1 where its shape (not "") repeats the one a period
        # before. A stretch of m ones is a run of m + period lines; the stretches are found by a
        # regular expression, at C speed (prose lines repeat each other's shape "a." a line after line).
        later = shapes[period:]
        repeats = bytes(map(and_, map(eq, later, shapes), map(bool, later)))
        for stretch in REPEAT_STRETCHES[period - 1].finditer(repeats):
            runs.append(content[stretch.start():stretch.end() + period])
    return runs


def _belongs(lines: list[str], stopwords: frozenset[str], article: Article, content: list[int],
             run: list[int]) -> bool:
    """A run inside the span is the article's. One that reaches out of it is, when it sits against
    the span and either the line before announces it ("Tour dates:") or its words are the article's."""
    if not article.body:
        return False
    if article.inside(run[0]) and article.inside(run[-1]):
        return True
    start, end = bisect_left(content, run[0]), bisect_left(content, run[-1])
    first, last = bisect_left(content, article.first), bisect_left(content, article.last)
    if end < first - LIST_REACH or start > last + LIST_REACH:
        return False
    if start and lines[content[start - 1]].rstrip().endswith(":"):
        return True
    related = article.relatedness(" ".join(lines[i] for i in run), stopwords)
    return related is not None and related >= MIN_LIST_RELATEDNESS
