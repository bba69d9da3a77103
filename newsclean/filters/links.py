"""Links: in Markdown, a line that is nothing but a link is a menu entry, a tag or another story's
headline.

Link density is the oldest signal of boilerplate in HTML (jusText and boilerpipe judge blocks by
it): an article's text has a link here and there, a page's navigation is made of them. Plain text
has lost the links; Markdown keeps them, so a line whose text is (almost) all link text goes,
unless it is long enough to be a paragraph of its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.document import Document, Drop
from ..core.text import word_count
from .base import Filter

# Share of a line's text inside links from which the line is a link.
MIN_LINK_SHARE = 0.8
# A paragraph this long that happens to be one link is still a paragraph.
MAX_LINK_WORDS = 40


class Links(Filter):
    name = "links"
    description = "Markdown lines that are all link: menu entries, tags, other stories' headlines."
    options = {"min_share": MIN_LINK_SHARE}

    def propose(self, doc: Document) -> Iterable[Drop]:
        if not doc.link_share:  # not Markdown
            return
        for i in doc.content:
            share = doc.link_share.get(i, 0.0)
            if share >= self.settings["min_share"] and word_count(doc.lines[i]) <= MAX_LINK_WORDS:
                yield self.drop(i, "all_link", f"{share:.0%} of its text is link text")
