"""Language-independent measurements of a line: words, stopwords, punctuation, casing.

Stoplists come from the jusText package (installed with trafilatura). They are read as plain
files, without importing justext or lxml, so that the plain-text path starts fast.
"""

from __future__ import annotations

import importlib.util
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cache, lru_cache
from itertools import accumulate, chain
from operator import itemgetter
from pathlib import Path

from .. import native
from ..cache import cached
from ..rules.regex import compiled

# What joins two parts of one word: "don't", "l’école", "well-known" (the kernel is told them too).
WORD_JOINERS = "'’-"
_JOINER = f"[{re.escape(WORD_JOINERS)}]"
WORD_RE = compiled(rf"[^\W_]+(?:{_JOINER}[^\W_]+)*", re.UNICODE)
# Combining marks (accents written apart, Indic vowel signs and viramas, Arabic and Hebrew vowel
# points) are not word characters to ``re``, yet belong to the word they sit in: दिल्ली is one word.
MARKS = ("\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf-\u05c2\u05c4-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
         "\u06d6-\u06ed\u0900-\u0963\u0966-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff"
         "\u20d0-\u20ff\ufe20-\ufe2f")
HAS_MARK = compiled(f"[{MARKS}]")
MARKED_WORD_RE = compiled(rf"[^\W_](?:[^\W_]|[{MARKS}])*(?:{_JOINER}[^\W_](?:[^\W_]|[{MARKS}])*)*")
CJK_RE = compiled(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
DIGIT = compiled(r"\d")
TERMINAL_PUNCTUATION = tuple('.!?…"”»“’\'。！？）)')
# A date as pages write it: "10. Juli 2014", "1 February, 2026", "May 31st, 2019", "23.10.2018", "2021-10-16".
DATE = (
    r"(?:\d{1,2}\.? ?[^\W\d]+\.?,? \d{4}|[^\W\d]+\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})"
)
# How many CJK characters count as one "word" when a script writes no spaces.
CJK_CHARS_PER_WORD = 2

# Every filter and the judge ask about the same lines: each answer is remembered per line (and
# stoplist), for the lines of the last documents cleaned. A document of more lines than this is
# measured more than once, never differently.
LINES_REMEMBERED = 1 << 16
per_line = lru_cache(maxsize=LINES_REMEMBERED)


# The stopword index's rows are found in blocks of this many (``StopwordIndex``).
INDEX_BLOCK = 64

LANGUAGE_SAMPLE_WORDS = 2000
LANGUAGE_TOP_WORDS = 25
# A language is named only when its stoplist covers this share of the document's words.
MIN_LANGUAGE_HIT_RATE = 0.15


@per_line
def words(text: str) -> tuple[str, ...]:
    """The words of a line: by the kernel's ``words`` where it is loaded (the same words, in about a
    third of the time), else by ``find_words``."""
    kernel = native.KERNEL
    return find_words(text) if kernel is None else kernel.words(text)


def find_words(text: str) -> tuple[str, ...]:
    """``words`` in Python: the definition the kernel's ``words`` is checked against."""
    return tuple((MARKED_WORD_RE if HAS_MARK.search(text) else WORD_RE).findall(text))


def cjk_count(text: str) -> int:
    """The CJK characters in ``text``: by the kernel's ``cjk_count`` where it is loaded (the same
    count in a fraction of the time), else by ``CJK_RE``, which no ASCII character matches."""
    kernel = native.KERNEL
    if kernel is not None:
        return int(kernel.cjk_count(text))
    return 0 if text.isascii() else len(CJK_RE.findall(text))


@per_line
def word_count(text: str) -> int:
    """Words, counting CJK scripts (which write no spaces) by characters."""
    cjk = cjk_count(text)
    if cjk:
        return len(words(CJK_RE.sub(" ", text))) + cjk // CJK_CHARS_PER_WORD
    return len(words(text))


@per_line
def is_cjk(text: str) -> bool:
    return cjk_count(text) * 2 > len(text.strip())


@per_line
def stopword_density(text: str, stopwords: frozenset[str]) -> float:
    found = words(text)
    if not found:
        return 0.0
    kernel = native.KERNEL  # where it is loaded, the same count without a lower-cased copy of each word
    count = count_stopwords(found, stopwords) if kernel is None else kernel.stopword_count(found, stopwords)
    return count / len(found)


def count_stopwords(found: tuple[str, ...], stopwords: frozenset[str]) -> int:
    """How many of the words ``found`` are stopwords, lower-cased: the definition the kernel's
    ``stopword_count`` is checked against."""
    return sum(map(stopwords.__contains__, map(str.lower, found)))


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(TERMINAL_PUNCTUATION)


def title_case_share(text: str) -> float:
    """Share of words (of 4+ letters) that start with a capital: headlines score high."""
    long_words = [w for w in words(text) if len(w) >= 4 and w[0].isalpha()]
    if not long_words:
        return 0.0
    return sum(w[0].isupper() for w in long_words) / len(long_words)


def normalize(text: str) -> str:
    """Fold whitespace and case: the form in which repeats are compared (``fold_line``). A printable
    line's only whitespace is the plain space (every other kind is unprintable): with no two in a
    row and none at its ends, it has nothing to fold but case (most lines; a third of the time)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text.casefold()
    return fold_line(text)


def fold_line(text: str) -> str:
    """``normalize`` by its definition, which its shortcut is checked against."""
    return " ".join(text.split()).casefold()


def _stoplist_dir() -> Path | None:
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "stoplists"
    return path if path.is_dir() else None


class StopwordIndex:
    """Every stoplist word with the languages whose lists hold it, as one sorted table searched by
    bisection: detecting a document's language takes a few lookups, not the hundred sets (about
    40 ms to build) that a start-up could not afford. Kept in the cache folder (see ``cache``) as
    UTF-8 bytes, whose order is the order of the words, with the first word of every block of
    INDEX_BLOCK rows: a word's block is found among those at C speed, then the word in its block."""

    def __init__(self, languages: list[str], table: bytes, starts: array, firsts: list[bytes]) -> None:
        self.languages = languages
        self.table = table  # one row a word: b"word\t3,17\n" (indices into ``languages``)
        self.starts = starts  # where each row starts
        self.firsts = firsts  # the word of every INDEX_BLOCK-th row

    @classmethod
    def build(cls, folder: Path) -> StopwordIndex:
        holders: dict[bytes, list[int]] = {}
        languages = []
        for k, path in enumerate(sorted(folder.glob("*.txt"))):
            languages.append(path.stem)
            for word in set(path.read_text(encoding="utf-8").casefold().split()):
                holders.setdefault(word.encode("utf-8"), []).append(k)
        rows = [b"%s\t%s\n" % (word, ",".join(map(str, ids)).encode()) for word, ids in sorted(holders.items())]
        starts = array("I", accumulate((len(row) for row in rows[:-1]), initial=0) if rows else [])
        return cls(languages, b"".join(rows), starts, sorted(holders)[::INDEX_BLOCK])

    def parts(self) -> tuple[list[str], bytes, bytes, list[bytes]]:
        """What the cache keeps."""
        return self.languages, self.table, self.starts.tobytes(), self.firsts

    def word(self, k: int) -> bytes:
        """The word of row ``k`` (what bisection compares)."""
        start = self.starts[k]
        return self.table[start:self.table.index(b"\t", start)]

    def holders(self, word: str) -> list[int]:
        """The languages (indices) whose stoplist holds ``word``."""
        key = word.encode("utf-8", "surrogatepass")
        block = bisect_right(self.firsts, key) - 1  # the block whose rows it would be among
        if block < 0:
            return []
        first = block * INDEX_BLOCK
        end = min(first + INDEX_BLOCK, len(self.starts))
        k = bisect_left(range(len(self.starts)), key, first, end, key=self.word)
        if k == end or self.word(k) != key:
            return []
        start = self.starts[k] + len(key) + 1
        return [int(i) for i in self.table[start:self.table.index(b"\n", start)].split(b",")]

    def words(self) -> frozenset[str]:
        return frozenset(row.partition(b"\t")[0].decode("utf-8") for row in self.table.splitlines())


@lru_cache(maxsize=1)
def stopword_index() -> StopwordIndex | None:
    """The index of the jusText stoplists; None when justext is not installed."""
    folder = _stoplist_dir()
    if folder is None:
        return None
    languages, table, starts, firsts = cached("stopwords", _stoplists_key(folder),
                                              lambda: StopwordIndex.build(folder).parts(), __file__)
    return StopwordIndex(languages, table, array("I", starts), firsts)


def _stoplists_key(folder: Path) -> str:
    """Keyed by the stoplists themselves (names and sizes), not by where they are installed: every
    virtual environment with the same jusText shares one entry."""
    return repr(sorted((p.name, p.stat().st_size) for p in folder.iterdir()))


@lru_cache(maxsize=65536)
def _holders(word: str) -> list[int]:
    """Cached: the commonest words of every document are mostly the same few."""
    index = stopword_index()
    return index.holders(word) if index else []


def is_stopword(word: str) -> bool:
    """In some language's stoplist, exactly as written."""
    return bool(_holders(word))


@cache
def stoplist(language: str) -> frozenset[str]:
    """One language's stoplist, one object for the life of the process (a hundred languages at
    most): the per-line memos are keyed by a line and its stoplist, and a stoplist equal to the
    key's but another object costs a whole set comparison at every hit (past 16 languages, a
    bounded cache made every other batch of documents 1.5 times slower)."""
    folder = _stoplist_dir()
    if folder is None:
        return frozenset()
    return frozenset((folder / f"{language}.txt").read_text(encoding="utf-8").casefold().split())


@lru_cache(maxsize=1)
def all_stopwords() -> frozenset[str]:
    """Every stoplist's words, for a document in no clear language: 150,000 of them, kept in the cache
    folder as the set itself (read back in a third of the time it takes to gather them from the index)."""
    folder, index = _stoplist_dir(), stopword_index()
    if folder is None or index is None:
        return frozenset()
    return cached("union-stopwords", _stoplists_key(folder), index.words, __file__)


def casefolded_counts(lines: list[tuple[str, ...]]) -> dict[str, int]:
    """Each word of ``lines`` (their words) casefolded, with the times it occurs, in the order first
    seen: the definition the kernel's ``casefolded_counts`` is checked against."""
    return dict(Counter(map(str.casefold, chain.from_iterable(lines))))


def commonest(counts: dict[str, int], n: int) -> dict[str, int]:
    """``dict(Counter(counts).most_common(n))``, without sorting every word: only those counted at
    least as often as the n-th commonest are sorted (most of a document's words occur once)."""
    if len(counts) > n:
        least = sorted(counts.values(), reverse=True)[n - 1]
        counts = {word: count for word, count in counts.items() if count >= least}
    return dict(sorted(counts.items(), key=itemgetter(1), reverse=True)[:n])


def detect_language(lines: list[str]) -> tuple[str, frozenset[str]]:
    """Pick the stoplist that covers most of the document's words (jusText stoplists).

    Falls back to the union of all stoplists when no language is clear (short or CJK text),
    the choice trafilatura makes for jusText too.
    """
    sampled, count = [], 0
    for line in lines:
        sampled.append(line)
        count += len(words(line))
        if count >= LANGUAGE_SAMPLE_WORDS:
            break
    return _detect_in_sample(tuple(sampled))


@lru_cache(maxsize=16)
def _detect_in_sample(lines: tuple[str, ...]) -> tuple[str, frozenset[str]]:
    """Cached: an HTML page's extraction is detected again, with restored paragraphs, by clean()."""
    found = [words(line) for line in lines]
    index = stopword_index()
    if not any(found) or index is None or not index.languages:
        return "", all_stopwords()
    # Stopwords are a language's most frequent words: the commonest words of the sample decide.
    kernel = native.KERNEL  # where it is loaded, the same counts natively
    folded = casefolded_counts(found) if kernel is None else kernel.casefolded_counts(found)
    counts = commonest(folded, LANGUAGE_TOP_WORDS)
    hits = [0] * len(index.languages)
    for word, count in counts.items():
        for k in _holders(word):
            hits[k] += count
    best = max(range(len(hits)), key=lambda k: (hits[k], -k))  # the first of the best, as jusText's order
    if hits[best] == 0 or hits[best] < MIN_LANGUAGE_HIT_RATE * sum(counts.values()):
        return "", all_stopwords()
    return index.languages[best], stoplist(index.languages[best])
