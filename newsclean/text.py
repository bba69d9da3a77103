"""Language-independent measurements of a line: words, stopwords, punctuation, casing.

Stoplists come from the jusText package (installed with trafilatura). They are read as plain
files, without importing justext or lxml, so that the plain-text path starts fast.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.UNICODE)
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
DIGIT = re.compile(r"\d")
TERMINAL_PUNCTUATION = tuple('.!?…"”»“’\'。！？）)')
# A date as pages write it: "10. Juli 2014", "May 31st, 2019", "23.10.2018", "2021-10-16".
DATE = (
    r"(?:\d{1,2}\.? ?[^\W\d]+\.? \d{4}|[^\W\d]+\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})"
)
# How many CJK characters count as one "word" when a script writes no spaces.
CJK_CHARS_PER_WORD = 2

LANGUAGE_SAMPLE_WORDS = 2000
LANGUAGE_TOP_WORDS = 25
# A language is named only when its stoplist covers this share of the document's words.
MIN_LANGUAGE_HIT_RATE = 0.15


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """The words of a line (cached: every filter looks at the same lines)."""
    return tuple(WORD_RE.findall(text))


@lru_cache(maxsize=4096)
def word_count(text: str) -> int:
    """Words, counting CJK scripts (which write no spaces) by characters."""
    cjk = len(CJK_RE.findall(text))
    if cjk:
        return len(words(CJK_RE.sub(" ", text))) + cjk // CJK_CHARS_PER_WORD
    return len(words(text))


@lru_cache(maxsize=8192)
def is_cjk(text: str) -> bool:
    return len(CJK_RE.findall(text)) * 2 > len(text.strip())


@lru_cache(maxsize=8192)
def stopword_density(text: str, stopwords: frozenset[str]) -> float:
    tokens = [w.lower() for w in words(text)]
    if not tokens:
        return 0.0
    return sum(t in stopwords for t in tokens) / len(tokens)


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(TERMINAL_PUNCTUATION)


def title_case_share(text: str) -> float:
    """Share of words (of 4+ letters) that start with a capital: headlines score high."""
    long_words = [w for w in words(text) if len(w) >= 4 and w[0].isalpha()]
    if not long_words:
        return 0.0
    return sum(w[0].isupper() for w in long_words) / len(long_words)


def normalize(text: str) -> str:
    """Fold whitespace and case: the form in which repeats are compared."""
    return " ".join(text.split()).casefold()


def _stoplist_dir() -> Path | None:
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "stoplists"
    return path if path.is_dir() else None


@lru_cache(maxsize=1)
def stoplists() -> dict[str, frozenset[str]]:
    """Every jusText stoplist by language name; empty when justext is not installed."""
    folder = _stoplist_dir()
    if folder is None:
        return {}
    return {
        path.stem: frozenset(path.read_text(encoding="utf-8").casefold().split())
        for path in sorted(folder.glob("*.txt"))
    }


@lru_cache(maxsize=1)
def all_stopwords() -> frozenset[str]:
    return frozenset().union(*stoplists().values()) if stoplists() else frozenset()


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
    sample = [word for line in lines for word in words(line)]
    lists = stoplists()
    if not sample or not lists:
        return "", all_stopwords()
    # Stopwords are a language's most frequent words: the commonest words of the sample decide.
    counts = dict(Counter(map(str.casefold, sample)).most_common(LANGUAGE_TOP_WORDS))
    best, best_hits = "", 0
    for name, stopwords in lists.items():
        hits = sum(counts[word] for word in stopwords.intersection(counts))
        if hits > best_hits:
            best, best_hits = name, hits
    if best_hits < MIN_LANGUAGE_HIT_RATE * sum(counts.values()):
        return "", all_stopwords()
    return best, lists[best]
