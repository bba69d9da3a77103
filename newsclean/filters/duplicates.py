"""Repeated text: a line seen before, or a line wholly contained in a longer one.

The typical case is a standfirst printed above the body and then again as the body's first
sentence; keeping the longer line loses nothing. A repeat is debris when it repeats something
outside the article (the title, a share bar above and below it, a sidebar) or a paragraph; a
label or list line that the article itself repeats, once per section ("Pros:", "Cons:",
"Eat every 2-3 hours"), is its structure and stays. A line contained in a longer one is debris by
reference to that line: when it is dropped too (a share bar "Share All sharing options for:
<headline>", a title bar "<headline> | Section | Site"), the line is judged without it
(``Drop.ref``). An exact repeat of a dropped line is that line's own text again, judged debris
already, and shares its fate (re-judged alone, the repeats of dropped menus stayed: dev page
precision -.009 for recall +.001).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import accumulate

from ..core.document import Document, Drop
from ..core.occurrences import MAX_FIND_WORK, occurrences
from ..core.text import normalize
from .base import Filter

# Shorter fragments (a name, "Share") are too likely to occur inside real sentences by chance.
MIN_CONTAINED_CHARS = 40
MIN_CONTAINED_WORDS = 6


class Duplicates(Filter):
    name = "duplicates"
    description = "Lines that repeat an earlier line or are contained in a longer line."
    options = {"min_chars": MIN_CONTAINED_CHARS}

    def propose(self, doc: Document) -> Iterable[Drop]:
        article = doc.article
        lines, content = doc.lines, doc.content
        first_seen: dict[str, int] = {}  # each distinct key, in the order first seen, with its line
        for i, key in zip(content, map(normalize, map(lines.__getitem__, content)), strict=True):
            earlier = first_seen.setdefault(key, i)
            if earlier != i and (i in article.body or not (article.inside(earlier) and article.inside(i))):
                yield self.drop(i, "repeated_line", f"same as line {earlier + 1}")
        unique = [(i, key) for key, i in first_seen.items()]
        # One haystack of all distinct lines: a candidate found twice occurs inside another line.
        haystack = "\n".join(first_seen)
        starts = list(accumulate([len(key) + 1 for key in first_seen], initial=0))  # where each line starts
        # A key's words are joined by single spaces (``normalize``; no case folding makes a space).
        min_chars, min_spaces = self.settings["min_chars"], MIN_CONTAINED_WORDS - 1
        candidates = [(n, i, key) for n, (i, key) in enumerate(unique)
                      if len(key) >= min_chars and key.count(" ") >= min_spaces]
        found = placed([key for _, _, key in candidates], haystack)
        for n, i, key in candidates:
            elsewhere = [at for at in found.get(key, ()) if at != starts[n]]
            if elsewhere:
                host = unique[bisect_right(starts, elsewhere[0]) - 1][0]
                yield self.drop(i, "contained_in_longer_line", f"repeated inside line {host + 1}", ref=host)


def placed(keys: list[str], haystack: str) -> dict[str, list[int]]:
    """``occurrences`` of distinct ``keys``, each a whole line of ``haystack`` (lines of no newline),
    where a key the haystack holds once, its own line, may be left out: nowhere else, it is debris
    by reference to no line. In a small document, those are told by counting each key in the whole
    haystack at C speed, and only the others are placed (most keys stand once; placing one costs
    Python a key). In a larger one, counting key by key would be quadratic: all are placed."""
    if len(keys) * len(haystack) <= MAX_FIND_WORK:
        keys = [key for key in keys if haystack.count(key) > 1]
    return occurrences(keys, haystack)
