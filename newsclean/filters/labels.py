"""Labels left behind: "Teilnehmende Blogs:", "So erreichen Sie uns:", "Bewerten:" above what another filter dropped.

A short line that ends in a colon only introduces what follows it. When what follows is debris
(a contact block, a share bar, a teaser list), the label belongs to it and goes with it. A label
above kept text ("Zutaten:", "Fazit:") stays.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from ..core.document import Document, Drop
from ..core.text import word_count
from .base import Filter

MAX_LABEL_WORDS = 4


class Labels(Filter):
    name = "labels"
    description = "A short label ending in a colon whose next line was dropped ('Teilnehmende Blogs:')."

    def propose(self, doc: Document) -> Iterable[Drop]:
        proposals = doc.proposals
        for label, following in pairwise(doc.nonblank):
            if following in proposals and label not in proposals:
                text = doc.lines[label].strip()
                if text.endswith(":") and word_count(text) <= MAX_LABEL_WORDS:
                    proposer = proposals[following].filter
                    yield self.drop(label, "label_of_dropped", f"introduces a line {proposer} dropped")
