"""The judge's model: what it knows of a line (its evidence) and how it weighs it, in two passes.

It weighs, line by line, what the filters proposed together with the line's own words (hashed
word and word-pair features, so "Getty Images", "said:" or "Newsletter" are learned in every
language the data has), its shape and place (``features``), and its neighbours. It decides in two
passes, as jusText does: the first judges each line from its own evidence; the second revises
that verdict from the first-pass verdicts around it (a short line between two body paragraphs is
body, the same line in a run of debris is not). The result is p(body) for every line.

The weights are data (``models/judge.json`` and ``models/judge-words.bin``), trained by
``benchmarks/train_judge.py`` and read once, on first use.
"""

from __future__ import annotations

import importlib
import math
import mmap
import os
import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import pairwise
from operator import itemgetter
from pathlib import Path
from typing import Any, Final, NamedTuple

from .. import native
from ..cache import cached
from ..core.article import MIN_STEM_CHARS, STEM_CHARS, stems
from ..core.document import Document
from ..core.text import CJK_RE, MARKS, TERMINAL_PUNCTUATION, WORD_JOINERS, is_cjk, stopword_density, word_count, words
from ..rules.regex import compiled
from . import features
from .features import FEATURE_NAMES, document_features

MODEL_DIR = Path(__file__).with_name("models")
# Words of a line that count: the first ones say what a line is ("Photo:", "Sign up", "Read more").
MAX_WORDS = 48
HASH_BITS = 22
# Tokens whose weights are kept once looked up, before the cache starts anew.
MAX_CACHED_TOKENS = 200_000
DIGITS = compiled(r"\d")
# Lines around a line that the second pass looks at, and the wider window it averages.
NEAR = 2
WIDE = 6
# A line whose first-pass p(body) is at least this counts as body before and after a line.
CONFIDENT = 0.5
CONTEXT_NAMES = (
    "bias", "first_pass", "previous", "next", "second_previous", "second_next", "near_mean", "wide_mean",
    "body_before", "body_after", "document_mean", "document_body_share", "first_pass_x_document_mean",
    "from_html", "first_line", "last_line", "group_mean", "in_group", "group_linked",
)
# A feature's effect is seldom a straight line, and differs between a whole page and text an
# extractor already cleaned: these features also count by their bin (a tenth of their range),
# one weight per bin and kind of document.
BINS = 10
BINNED = (
    "log_words", "stopword_density", "ends_sentence", "link_like", "digit_share", "upper_share", "title_case",
    "position", "inside_body_span", "distance_to_previous_body", "distance_to_next_body", "body_share_nearby",
    "body_before", "body_after", "short_run", "relatedness", "dropped_neighbours", "head_size", "tail_size",
    "document_body_share",
)
CONTEXT_BINNED = ("first_pass", "previous", "next", "near_mean", "wide_mean", "body_before", "body_after",
                  "group_mean", "group_linked")
# A line of a page that is all link text (``newsclean.inputs.page``: link density in its top bin).
LINKED = "ld:3"
KINDS = ("page", "extracted", "html")
# A document at least this much body reads as text an extractor cleaned.
EXTRACTED_BODY_SHARE = 0.5


# CPython's own str.lower, called as a function: mypyc compiles ``w.lower()`` to a lowercasing of its
# own that, before Python 3.13, maps each character alone and so misses Greek's final sigma ("ΟΔΟΣ"
# to "οδοσ", not "οδος"); the compiled build and the kernel must lowercase as Python does.
_lower: Callable[[str], str] = str.lower


def hash_token(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) & ((1 << HASH_BITS) - 1)


@lru_cache(maxsize=8192)
def word_tokens(text: str) -> tuple[str, ...]:
    """A line's own words as features: lowercased words (digits folded to 0) and word pairs,
    the first and last word, and the marks the line opens and ends with. CJK text, written
    without spaces, gives pairs of characters."""
    stripped = text.strip()
    if is_cjk(stripped):
        found = [a + b for a, b in pairwise([c for c in stripped if c.isalnum()][:MAX_WORDS])]
    else:
        lowered = [_lower(w) for w in words(stripped)[:MAX_WORDS]]
        found = [w if w.isalpha() else DIGITS.sub("0", w) for w in lowered]  # a word of letters has no digits
    tokens = [f"w:{w}" for w in found]
    tokens += [f"b:{a} {b}" for a, b in pairwise(found)]
    if found:
        tokens += [f"f:{found[0]}", f"l:{found[-1]}"]
    if stripped:
        tokens.append(f"e:{stripped[-1]}")
        if not stripped[0].isalnum():
            tokens.append(f"s:{stripped[0]}")
    return tuple(tokens)


def _ranges(character_class: str) -> list[tuple[int, int]]:
    """A regular expression's character class body ("a-zà") as (first, last) code points."""
    found, k = [], 0
    while k < len(character_class):
        if k + 2 < len(character_class) and character_class[k + 1] == "-":
            found.append((ord(character_class[k]), ord(character_class[k + 2])))
            k += 3
        else:
            found.append((ord(character_class[k]), ord(character_class[k])))
            k += 1
    return found


def _load_kernel() -> Any:
    """The native kernel (``_kernel.pyx``), told the rules of ``word_tokens``; None when it is not
    built, or when NEWSCLEAN_NO_KERNEL=1: then the Python path runs, with the same result."""
    if os.environ.get("NEWSCLEAN_NO_KERNEL", "") in ("1", "true", "yes"):
        return None
    try:
        kernel = importlib.import_module("newsclean.judge._kernel")
    except ImportError:
        return None
    # The CJK class as its pattern writes it, escapes (\u3040) and all.
    cjk = CJK_RE.pattern.removeprefix("[").removesuffix("]").encode("ascii").decode("unicode_escape")
    kernel.configure(_ranges(MARKS), _ranges(cjk), WORD_JOINERS, MAX_WORDS, HASH_BITS)
    return kernel


KERNEL: Any = _load_kernel()
native.use(KERNEL)  # for the measurements of core and the rules' gate


def _native_features(kernel: Any) -> Any:
    """The kernel's ``Features``, told the features' names and what ``features`` measures with; None
    without the kernel, or when a feature is one it cannot compute."""
    if kernel is None:
        return None
    try:
        return kernel.Features(FEATURE_NAMES, features.SCALED_AT, TERMINAL_PUNCTUATION, features.TOP_DOMAINS,
                               features.PATH_MARKS, short_words=features.SHORT_WORDS,
                               long_words=features.LONG_WORDS, max_distance=features.MAX_DISTANCE,
                               window=features.WINDOW, max_columns=features.MAX_COLUMNS,
                               min_stem_chars=MIN_STEM_CHARS, stem_chars=STEM_CHARS, word_count=word_count,
                               stems=stems, stopword_density=stopword_density)
    except LookupError:
        return None


FEATURES: Any = _native_features(KERNEL)


def evidence_tokens(doc: Document, indices: list[int]) -> list[tuple[str, ...]]:
    """For each line of ``indices``: what the page says of it, and what the filters proposed for it
    and for its neighbours. A line with no proposal on it or beside it shares the page's tuple
    (an HTML line's holds about 30 tokens: copying each was a tenth of the judge's time there)."""
    page = doc.page
    drops = [doc.proposals.get(i) for i in indices]
    found = []
    for k, i in enumerate(indices):
        tokens = page.get(i, ())
        if (drop := drops[k]) is not None:
            tokens += (f"p:{drop.filter}", f"r:{drop.filter}:{drop.reason}")
        if k and (drop := drops[k - 1]) is not None:
            tokens += (f"pp:{drop.filter}",)
        if k + 1 < len(drops) and (drop := drops[k + 1]) is not None:
            tokens += (f"np:{drop.filter}",)
        found.append(tokens)
    return found


class Evidence(NamedTuple):
    """Everything the judge knows about the non-blank lines of a document, in page order. (A
    NamedTuple, as ``Article`` is.)"""

    indices: list[int]
    dense: Sequence[Sequence[float]]  # ordered as features.FEATURE_NAMES (the kernel's Rows, or lists)
    lines: list[str]  # their word_tokens weighed by 1/sqrt(len)
    proposals: list[tuple[str, ...]]  # evidence_tokens, weighed 1
    groups: list[int]  # HTML: the element holding each line's block (-1: none)


def gather(doc: Document) -> Evidence:
    indices = doc.nonblank
    dense = document_features(doc, indices, FEATURES if KERNEL is not None else None) if indices else []
    doc.check_budget()
    return Evidence(
        indices,
        dense,
        [doc.lines[i] for i in indices],
        evidence_tokens(doc, indices),
        [doc.groups.get(i, -1) for i in indices],
    )


def document_kind(from_html: bool, body_share: float) -> str:
    return "html" if from_html else "extracted" if body_share >= EXTRACTED_BODY_SHARE else "page"


# A value's bin is int(value * BINS + BIN_NUDGE): a tenth of [0, 1] (the nudge keeps a value on a
# bin's edge, 0.3, in its bin however it was rounded). Binned features are never negative, and past 1
# only by a log that no input can take past 6: a table holding the last bin's weight up to there
# reads a weight without clamping the bin.
BIN_NUDGE: Final = 1e-5
TABLE_SIZE = 64


def _bin_table(weights: list[float]) -> list[float]:
    return weights + [weights[-1]] * (TABLE_SIZE - len(weights))


def context_features(first_pass: list[float], from_html: bool, body_share: list[float], groups: list[int],
                     linked: list[float]) -> list[list[float]]:
    """The second pass's view of each line: its first-pass p(body) and those around it, on the
    page and in the text. On a page the lines of one element (a list, a box of teasers, the
    article's paragraphs) mostly share a fate: a line is also seen with the mean first-pass
    p(body) of the other lines its element holds (its own when it is alone), and the share of
    them that are all link text (``linked``: 1.0 for such a line), as a box of headlines is.
    ``groups``: each line's element (-1: none)."""
    n = len(first_pass)
    in_group: dict[int, list[float]] = {}
    for g, p, link in zip(groups, first_pass, linked, strict=True):
        if g >= 0:
            sums = in_group.setdefault(g, [0.0, 0.0, 0.0])  # p(body), lines, lines all link text
            sums[0] += p
            sums[1] += 1.0
            sums[2] += link
    prefix = [0.0]
    for p in first_pass:
        prefix.append(prefix[-1] + p)
    confident = [0]
    for p in first_pass:
        confident.append(confident[-1] + (p >= CONFIDENT))
    total = confident[-1] or 1
    mean = prefix[-1] / n if n else 0.0
    def at(m: int) -> float:
        return first_pass[m] if 0 <= m < n else 0.0

    rows = []
    for k, p in enumerate(first_pass):
        group = in_group.get(groups[k])  # absent for -1
        # The other lines of its element: their mean p(body) and share all link text.
        others = None
        if group is not None and group[1] > 1:
            others = ((group[0] - p) / (group[1] - 1), (group[2] - linked[k]) / (group[1] - 1))
        lo, hi = max(0, k - NEAR), min(n, k + NEAR + 1)
        wlo, whi = max(0, k - WIDE), min(n, k + WIDE + 1)
        rows.append([
            1.0, p, at(k - 1), at(k + 1), at(k - 2), at(k + 2),
            (prefix[hi] - prefix[lo] - p) / max(hi - lo - 1, 1),
            (prefix[whi] - prefix[wlo] - p) / max(whi - wlo - 1, 1),
            confident[k] / total, (confident[-1] - confident[k + 1]) / total,
            mean, body_share[k] if body_share else 0.0, p * mean,
            float(from_html), float(k == 0), float(k == n - 1),
            others[0] if others else p, float(others is not None), others[1] if others else 0.0,
        ])
    return rows


def logistic(z: float) -> float:
    return 1 / (1 + math.exp(-max(-50.0, min(50.0, z))))


_BINNED_AT = [FEATURE_NAMES.index(name) for name in BINNED]
_binned = itemgetter(*_BINNED_AT)
_CONTEXT_BINNED_AT = [CONTEXT_NAMES.index(name) for name in CONTEXT_BINNED]
_context_binned = itemgetter(*_CONTEXT_BINNED_AT)
_SHARE_AT = FEATURE_NAMES.index("document_body_share")


def _tables(weights: dict | SortedWeights, names: tuple[str, ...],
            key=lambda token: token) -> dict[str, list[list[float]]]:
    """Per kind of document, per binned feature, the weight of each bin."""
    return {kind: [_bin_table([weights.get(key(f"{kind}:{name}:{b}"), 0.0) for b in range(BINS)]) for name in names]
            for kind in KINDS}


class SortedWeights:
    """Hashed tokens' weights as two arrays, the keys sorted: read in a millisecond, where building a
    dict of them would take a start-up's worth of time. Looked up by bisection until a run proves
    long (``DICT_AFTER`` lookups); then the weights become a dict once (about 30 ms), whose lookup
    takes a twentieth of a bisection's time."""

    DICT_AFTER = 50_000

    def __init__(self, keys: array[int] | memoryview[int], values: array[float] | memoryview[float]) -> None:
        self.keys, self.values = keys, values
        self.lookups = 0
        self.table: dict[int, float] | None = None

    def get(self, key: int, default: float = 0.0) -> float:
        if self.table is not None:
            return self.table.get(key, default)
        self.lookups += 1
        if self.lookups > self.DICT_AFTER:
            self.table = dict(zip(self.keys, self.values, strict=True))
        at = bisect_left(self.keys, key)
        return self.values[at] if at < len(self.keys) and self.keys[at] == key else default

    def __len__(self) -> int:
        return len(self.keys)


class TokenWeights(dict):
    """A token's weight, hashed once: frequent words and pairs recur on every page."""

    def __init__(self, sparse: SortedWeights) -> None:
        super().__init__()
        self.sparse = sparse

    def __missing__(self, token: str) -> float:
        weight = self[token] = self.sparse.get(hash_token(token), 0.0)
        return weight


class Model:
    """A judge's weights, loaded once (``load_model``) and never changed. A plain class, not a
    dataclass (a plain clean's start-up), equal only to itself: two models' weights are not compared."""

    def __init__(self, version: str, filters: frozenset[str], dense: list[float], sparse: SortedWeights,
                 context: list[float], bins: dict[str, list[list[float]]],
                 context_bins: dict[str, list[list[float]]]) -> None:
        self.version = version
        self.filters = filters  # the filters whose proposals it weighs
        self.dense = dense  # weights of features.FEATURE_NAMES
        self.sparse = sparse  # weights of hashed tokens
        self.context = context  # weights of CONTEXT_NAMES
        self.bins = bins  # the first pass's binned features (from ``sparse``)
        self.context_bins = context_bins  # the second pass's
        self.token_weights = TokenWeights(sparse)
        self.native: Any = self._native()  # the kernel's Judge of these weights (None: the Python path)

    def __repr__(self) -> str:
        return f"Model(version={self.version!r}, filters={sorted(self.filters)!r}, {len(self.sparse)} hashed weights)"

    def _native(self) -> Any:
        """The two passes in the kernel, told these weights and the features' names and places;
        None without the kernel, or when the model has a second-pass feature it cannot compute."""
        if KERNEL is None:
            return None
        try:
            return KERNEL.Judge(self.dense, self.bins, _BINNED_AT, _SHARE_AT, FEATURE_NAMES.index("bias"), self.context,
                                CONTEXT_NAMES, self.context_bins, _CONTEXT_BINNED_AT, self.sparse.keys,
                                self.sparse.values, table_size=TABLE_SIZE, bin_count=BINS, bin_nudge=BIN_NUDGE,
                                extracted_share=EXTRACTED_BODY_SHARE, linked=LINKED, confident=CONFIDENT,
                                near=NEAR, wide=WIDE)
        except LookupError:
            return None

    def _weights(self) -> TokenWeights:
        """The tokens' weights, the cache emptied when it grows too large."""
        if len(self.token_weights) > MAX_CACHED_TOKENS:
            self.token_weights.clear()
        return self.token_weights

    def first_pass(self, evidence: Evidence, from_html: bool) -> list[float]:
        """Log-odds of body from each line's own evidence."""
        weight = self._weights()
        scores = []
        for row, word_score, proposals in zip(evidence.dense, self.word_scores(evidence.lines), evidence.proposals,
                                              strict=True):
            z = sum(map(float.__mul__, self.dense, row), 0.0)
            z += word_score  # 0.0 without tokens: z, a sum begun at +0.0, is never -0.0
            for t in proposals:
                z += weight[t]
            table = self.bins[document_kind(from_html, row[_SHARE_AT])]
            z += sum([weights[int(value * BINS + BIN_NUDGE)]
                      for weights, value in zip(table, _binned(row), strict=True)], 0.0)
            scores.append(z)
        return scores

    def word_scores(self, lines: list[str], words: list[tuple[str, ...]] | None = None) -> list[float]:
        """What each line's own words weigh: its word_tokens' weights, summed, over the square root
        of their number (0.0 for none). Natively when the kernel is built, the same floats (``words``:
        each line's stripped text's ``text.words``, where known)."""
        if KERNEL is not None:
            return KERNEL.word_scores(lines, self.sparse.keys, self.sparse.values, self.word_score, words)
        return [self.word_score(line) for line in lines]

    def word_score(self, line: str) -> float:
        """``word_scores`` of one line, in Python: the definition the kernel is checked against."""
        tokens = word_tokens(line)
        if not tokens:
            return 0.0
        weight = self.token_weights
        return sum([weight[t] for t in tokens], 0.0) / math.sqrt(len(tokens))

    def probabilities(self, evidence: Evidence, from_html: bool) -> list[float]:
        """p(body) of each line: natively when the kernel is built (the same floats), else in Python."""
        if KERNEL is not None and self.native is not None:
            # The words of each line, where the kernel's rows hold them (Rows.words), are not found again.
            scores = self.word_scores(evidence.lines, getattr(evidence.dense, "words", None))
            found = self.native.probabilities(evidence.dense, scores, evidence.proposals, self._weights(),
                                              evidence.groups, from_html)
            if found is not None:  # None: a feature outside its bins, which the Python path answers
                return found
        first = [logistic(z) for z in self.first_pass(evidence, from_html)]
        linked = [float(LINKED in tokens) for tokens in evidence.proposals]
        rows = context_features(first, from_html, [row[_SHARE_AT] for row in evidence.dense], evidence.groups, linked)
        found = []
        for row, dense in zip(rows, evidence.dense, strict=True):
            z = sum(map(float.__mul__, self.context, row), 0.0)
            table = self.context_bins[document_kind(from_html, dense[_SHARE_AT])]
            z += sum([weights[int(value * BINS + BIN_NUDGE)]
                      for weights, value in zip(table, _context_binned(row), strict=True)], 0.0)
            found.append(logistic(z))
        return found

    def strongest_against(self, evidence: Evidence, k: int, from_html: bool) -> str:
        """The single piece of a line's evidence that weighed most against it being body. The kernel,
        when built, finds its weight and where it is; the names are Python's."""
        if KERNEL is not None and self.native is not None:
            found = self.native.strongest(evidence.dense, k, evidence.lines[k], evidence.proposals[k],
                                          self._weights(), from_html)
            if found is not None:  # None: what the Python path answers
                lowest, ties = found
                if lowest >= 0:
                    return "its neighbours"
                # Each tie is (part, index): part 0 a dense feature, 1 a binned one, 2 a word token, 3 a proposal.
                tokens = word_tokens(evidence.lines[k]) if any(part == 2 for part, _ in ties) else ()
                names = (FEATURE_NAMES, BINNED, tokens, evidence.proposals[k])
                return min(_describe(names[part][at]) for part, at in ties)
        row = evidence.dense[k]
        # A feature at 0 weighs nothing, and only a negative weight is named.
        terms = [(w * x, name) for name, w, x in zip(FEATURE_NAMES, self.dense, row, strict=True)
                 if x and name != "bias"]
        table = self.bins[document_kind(from_html, row[_SHARE_AT])]
        terms += [(weights[int(row[at] * BINS + BIN_NUDGE)], name)
                  for name, weights, at in zip(BINNED, table, _BINNED_AT, strict=True)]
        tokens = word_tokens(evidence.lines[k])
        scale = 1 / math.sqrt(len(tokens)) if tokens else 0.0
        terms += [(self.token_weights[t] * scale, t) for t in tokens]
        terms += [(self.token_weights[t], t) for t in evidence.proposals[k]]
        weight = min([w for w, _ in terms], default=0.0)
        if weight >= 0:
            return "its neighbours"
        # Only the heaviest are described; of equals, the first in order of description.
        return min(_describe(name) for w, name in terms if w == weight)


def _describe(token: str) -> str:
    """A token in words; a feature's name (no "kind:" prefix) describes itself. Only the one
    description asked for is formatted."""
    kind, _, value = token.partition(":")
    if kind == "x":
        return _EXTRACTOR.get(value, value)
    template = _DESCRIPTIONS.get(kind)
    return token if template is None else template.format(value)


# What each kind of token says, its value in place of "{}".
_DESCRIPTIONS = {
    "w": "word {!r}", "b": "words {!r}", "f": "first word {!r}", "l": "last word {!r}", "e": "ends with {!r}",
    "s": "starts with {!r}", "p": "proposed by {}", "r": "proposed as {}", "pp": "line above proposed by {}",
    "np": "line below proposed by {}", "t": "element <{}>", "a": "inside <{}>", "o": "class or id {!r}",
    "c": "inside class or id {!r}", "ld": "link density bin {}", "d": "depth bin {}", "at": "page position bin {}",
}


def _hashed_weights(path: Path) -> tuple[array[int] | memoryview[int], array[float] | memoryview[float]]:
    """The sorted keys (uint32) and their weights (float32), the file's two halves, little-endian.
    Memory-mapped, never copied: the Python path reads the few pages its lookups touch; the kernel
    reads the keys once, for its table of where each bucket of them begins (``_kernel.use_weights``)."""
    with path.open("rb") as file:
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    view = memoryview(mapped)
    half = len(view) // 2
    if sys.byteorder == "little":
        return view[:half].cast("I"), view[half:].cast("f")
    keys, values = array("I"), array("f")
    keys.frombytes(view[:half])
    values.frombytes(view[half:])
    keys.byteswap()
    values.byteswap()
    return keys, values


_EXTRACTOR = {"kept": "kept by the extractor", "missed": "left out by the extractor", "near": "near a kept block",
              "prose": "reads as prose", "topic": "on the article's topic"}


@lru_cache(maxsize=1)
def load_model(directory: Path = MODEL_DIR) -> Model:
    text = (directory / "judge.json").read_text(encoding="utf-8")
    keys, values = _hashed_weights(directory / "judge-words.bin")
    sparse = SortedWeights(keys, values)
    # The parsed weights and the bin tables are kept in the cache folder, keyed by both files: a
    # plain clean imports no json and makes none of the 600 lookups of the binned features' weights.
    key = f"{text}\n{zlib.crc32(keys)} {zlib.crc32(values)}"
    meta, bins = cached("judge", key, lambda: _prepared(text, sparse), __file__)
    if tuple(meta["dense_names"]) != FEATURE_NAMES or tuple(meta["context_names"]) != CONTEXT_NAMES:
        raise ValueError(f"{directory / 'judge.json'} was trained on other features; retrain it")
    return Model(meta["version"], frozenset(meta["filters"]), meta["dense"], sparse,
                 meta["context"], bins, _tables(meta["context_bins"], CONTEXT_BINNED))


def _prepared(text: str, sparse: SortedWeights) -> tuple[dict[str, Any], dict[str, list[list[float]]]]:
    """judge.json parsed, and the first pass's bin tables from the hashed weights."""
    import json

    return json.loads(text), _tables(sparse, BINNED, hash_token)
