"""What the judge knows about a line's shape and place: its own shape and where it sits relative to the body.

All signals are language-independent: lengths, stopword density in the document's language,
punctuation, casing, digits, link shapes, and the line's neighbourhood. The first pass marks
"body-like" lines (long sentences dense in stopwords); the context features then say how far a
line is from them, how much body lies before and after it, and whether its words belong to the
body's vocabulary.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from ..core.article import LIST_MARKER, shape
from ..core.document import Document
from ..core.text import DIGIT, ends_sentence, is_cjk, stopword_density, title_case_share, word_count, words
from ..rules.regex import compiled

SHORT_WORDS = 8
LONG_WORDS = 30
# A link or a path: a URL, a web address, a domain, a breadcrumb's separator. Each shape is looked for
# on its own, and only in a line holding its literal: one expression of all four tries each at
# every character of every line.
# (The kernel is told the domains and the separators' marks.)
TOP_DOMAINS = ("com", "de", "org", "net", "fr", "es", "pl", "it")
PATH_MARKS = "›»>|/"
DOMAIN = compiled(rf"\w\.({'|'.join(TOP_DOMAINS)})\b")
PATH_SEPARATOR = compiled(f" [{PATH_MARKS}] ")
DOT_WORD = compiled(r"\.\w")
# Cells of a table row flattened to text: separated by tabs, bars or runs of spaces (counted up to
# MAX_COLUMNS).
CELL_GAP = compiled(r"\t|\||\S {2,}(?=\S)")
MAX_COLUMNS = 5
# Distances in lines are capped: beyond this, far is far.
MAX_DISTANCE = 10
WINDOW = 3

FEATURE_NAMES: tuple[str, ...] = (
    "bias", "log_words", "stopword_density", "ends_sentence", "short", "long", "list_item", "link_like",
    "digit_share", "upper_share", "title_case", "ends_with_colon", "position", "inside_body_span",
    "distance_to_previous_body", "distance_to_next_body", "body_share_nearby", "body_before", "body_after",
    "short_run", "relatedness", "dropped_neighbours", "cjk", "density_x_length",
    "document_body_share", "document_length", "after_colon", "list_run",
    "body_like", "before_first_body", "after_last_body", "next_to_body", "table_row",
    "head_size", "tail_size", "in_announced_list", "in_article_list", "proposed", "shape_repeats", "columns",
)
# In a document that is mostly body (already extracted text) a line's place says less than in a
# whole page; these features are repeated, scaled by how much of the document is boilerplate.
PAGE_SCALED = (
    "short", "log_words", "stopword_density", "ends_sentence", "inside_body_span", "distance_to_previous_body",
    "distance_to_next_body", "body_share_nearby", "short_run", "before_first_body", "after_last_body",
    "next_to_body", "list_item", "table_row", "head_size", "tail_size",
)
SCALED_AT = [FEATURE_NAMES.index(name) for name in PAGE_SCALED]
FEATURE_NAMES = (*FEATURE_NAMES, *(f"{name}_on_page" for name in PAGE_SCALED))


def document_features(doc: Document, indices: list[int], kernel: Any = None) -> Sequence[Sequence[float]]:
    """One feature vector (ordered as FEATURE_NAMES) for each line in ``indices``. The body is found
    among the lines no filter proposed to drop; the proposed ones mark where debris sits.
    ``kernel``: the judge's kernel's ``Features`` (``model.FEATURES``), which measures each line
    natively from its text and words (the per-line memos of a line's density and stems are mostly
    not yet made but for the body's lines, which the article measured: few filters ask for them)
    and builds the same rows, as C doubles that the judge's kernel reads (``_kernel.Rows``), or None."""
    stopwords = doc.stopwords
    texts = [doc.lines[i].strip() for i in indices]
    article = doc.article
    is_list = [bool(LIST_MARKER.match(t)) for t in texts]
    shapes = [shape(t) for t in texts]
    if kernel is not None:
        return kernel.rows(texts, [words(t) for t in texts], indices, doc.lines, doc.proposals, article, is_list,
                           shapes, stopwords)
    n = len(texts)
    counts = [word_count(t) for t in texts]
    proposed = [i in doc.proposals for i in indices]
    body = [i in article.body for i in indices]
    cjk = [is_cjk(t) for t in texts]
    densities = [0.0 if c else stopword_density(t, stopwords) for t, c in zip(texts, cjk, strict=True)]
    related = [article.relatedness(t, stopwords, is_body=b) for t, b in zip(texts, body, strict=True)]
    in_lists = [i in article.lists for i in indices]
    body_positions = [k for k in range(n) if body[k]]
    body_words_total = sum(c for c, b in zip(counts, body, strict=True) if b) or 1
    body_words_before = []
    running = 0
    for c, b in zip(counts, body, strict=True):
        body_words_before.append(running)
        running += c if b else 0
    short_run = _short_runs(counts)
    # How much of the whole document reads as body: high for extracted text, low for a whole page.
    document_body_share = len(body_positions) / max(n, 1)
    document_length = math.log1p(n) / 7
    # A run of non-body lines after a line ending in ":" is what that line announced (a list, a table).
    announced = [False] * n
    for k in range(1, n):
        announced[k] = not body[k] and (texts[k - 1].endswith(":") or announced[k - 1])
    rows: list[list[float]] = []
    for k, text in enumerate(texts):
        c = counts[k]
        density = densities[k]
        letters, capitals, digits = character_counts(text)
        upper = capitals / letters if letters else 0.0
        j = bisect_left(body_positions, k)
        previous = body_positions[j - 1] if j > 0 and body_positions[j - 1] < k else None
        following: int | None
        if j < len(body_positions) and body_positions[j] == k:
            following = k
            previous = k
        else:
            following = body_positions[j] if j < len(body_positions) else None
        dist_prev = min(k - previous, MAX_DISTANCE) if previous is not None else MAX_DISTANCE
        dist_next = min(following - k, MAX_DISTANCE) if following is not None else MAX_DISTANCE
        lo, hi = max(0, k - WINDOW), min(n, k + WINDOW + 1)
        shared = related[k]  # None: no content words
        relatedness = 0.5 if shared is None else shared
        neighbours_proposed = ((k > 0 and proposed[k - 1]) + (k + 1 < n and proposed[k + 1])) / 2
        rows.append([
            1.0,
            math.log1p(c) / 5,
            density,
            float(ends_sentence(text)),
            float(c < SHORT_WORDS),
            float(c >= LONG_WORDS),
            float(is_list[k]),
            float(link_like(text) or has_mail_address(text)),
            digits / max(len(text), 1),
            upper,
            title_case_share(text),
            float(text.endswith(":")),
            k / max(n - 1, 1),
            float(bool(body_positions) and body_positions[0] <= k <= body_positions[-1]),
            dist_prev / MAX_DISTANCE,
            dist_next / MAX_DISTANCE,
            sum(body[lo:hi]) / (hi - lo),
            body_words_before[k] / body_words_total,
            1 - (body_words_before[k] + (c if body[k] else 0)) / body_words_total,
            min(short_run[k], MAX_DISTANCE) / MAX_DISTANCE,
            relatedness,
            neighbours_proposed,
            float(cjk[k]),
            density * math.log1p(c) / 5,
            document_body_share,
            document_length,
            float(k > 0 and texts[k - 1].endswith(":")),
            float(is_list[k] and ((k > 0 and is_list[k - 1]) or (k + 1 < n and is_list[k + 1]))),
            float(body[k]),
            float(previous is None),
            float(following is None),
            float(min(dist_prev, dist_next) <= 1),
            float(text.count("|") >= 2),
            # Lines before the first / after the last body line: a page's menu and footer are long,
            # an article's own head (title, date) and tail (author, notes) are short.
            math.log1p(body_positions[0]) / 5 if previous is None and body_positions else 0.0,
            math.log1p(n - 1 - body_positions[-1]) / 5 if following is None and body_positions else 0.0,
            float(announced[k]),
            float(in_lists[k]),
            float(proposed[k]),
            # A list, a table or a schedule: lines of one shape in a row.
            float(bool(shapes[k]) and ((k > 0 and shapes[k - 1] == shapes[k])
                                       or (k + 1 < n and shapes[k + 1] == shapes[k]))),
            min(len(CELL_GAP.findall(text)), MAX_COLUMNS) / MAX_COLUMNS,
        ])
        row = rows[-1]
        row += [row[at] * (1 - document_body_share) for at in SCALED_AT]
    return rows


# ASCII text, most lines of most pages, has its letters, capitals and digits counted by deleting the
# rest in C; other text a character at a time (``str.isalpha``, ``str.isupper`` and ``\d`` agree
# with these tables on ASCII).
_ASCII = bytes(range(128))
_NOT_LETTER = bytes(c for c in _ASCII if not chr(c).isalpha())
_NOT_CAPITAL = bytes(c for c in _ASCII if not chr(c).isupper())
_NOT_DIGIT = bytes(c for c in _ASCII if not chr(c).isdigit())


def character_counts(text: str) -> tuple[int, int, int]:
    """Letters, capitals and digits in ``text``."""
    if text.isascii():
        raw = text.encode("ascii")
        return (len(raw.translate(None, _NOT_LETTER)), len(raw.translate(None, _NOT_CAPITAL)),
                len(raw.translate(None, _NOT_DIGIT)))
    return sum(map(str.isalpha, text)), sum(map(str.isupper, text)), len(DIGIT.findall(text))


def link_like(text: str) -> bool:
    return ("http://" in text or "https://" in text or "www." in text
            or ("." in text and DOMAIN.search(text) is not None)
            or (" " in text and PATH_SEPARATOR.search(text) is not None))


def has_mail_address(text: str) -> bool:
    """An "@" inside a word with a ".x" later in it (what ``\\S+@\\S+\\.\\w+`` finds), looked for a word
    at a time: that expression takes time quadratic in the length of a long word."""
    if "@" not in text:
        return False
    for word in text.split():
        at = word.find("@", 1)
        if at > 0 and DOT_WORD.search(word, at + 2):
            return True
    return False


def _short_runs(counts: list[int]) -> list[int]:
    """For each line, the length of the run of consecutive short lines it belongs to (0 if not short)."""
    runs = [0] * len(counts)
    start = 0
    while start < len(counts):
        if counts[start] >= SHORT_WORDS:
            start += 1
            continue
        end = start
        while end < len(counts) and counts[end] < SHORT_WORDS:
            end += 1
        for k in range(start, end):
            runs[k] = end - start
        start = end
    return runs
