"""The HTML path's floor: never far below the extractor's own text.

The judge and the candidates (``newsclean.inputs.extraction``) go both ways on a page: they drop the
extractor's debris and bring back the body it left out. On a page unlike those they were
trained on, both can go wrong at once: a block that holds the whole page comes back as one line,
and the article's own paragraphs are then dropped as contained in it. Where the outcome strays
that far from the extractor's text, the page gets the extractor's text, unjudged, and says why.

Keeping little of the extractor's text is no such sign. On the benchmarks' pages where the judge
keeps under a fifth of its words, the judge is right more often than not (the extractor took a
forum, a shop's listing or a page of comments for the article), so that alone never falls back.
"""

from __future__ import annotations

from collections.abc import Sequence

# A kept line this many times as long as the longest line the extractor kept, and at least this
# long, is a page-sized line: no paragraph of an article.
LONG_LINE_FACTOR = 5
MIN_LONG_LINE_CHARS = 3000


def below_floor(lines: Sequence[str], kept: Sequence[bool], extracted: Sequence[bool]) -> str:
    """Why keeping ``kept`` of ``lines``, of which the extractor gave ``extracted``, falls below
    the extractor's own text ("" when it does not)."""
    longest = max((len(line) for line, theirs in zip(lines, extracted, strict=True) if theirs), default=0)
    for line, keep, theirs in zip(lines, kept, extracted, strict=True):
        if keep and not theirs and len(line) >= max(MIN_LONG_LINE_CHARS, LONG_LINE_FACTOR * longest):
            return (f"a line of {len(line):,} characters that the extractor left out, over {LONG_LINE_FACTOR} "
                    f"times its longest ({longest:,})")
    return ""
