"""Everything after the article's end: once most of the body has been read, the first closing marker
(a share bar, the tags, a teaser label, a newsletter box, a comment form, the footer's links) ends
the article.

What a page puts after its article is debris, line for line: more teasers, widgets, author
blurbs, reader comments, the footer. The filters before this one catch most of it by its own
shape; the rest reads like prose and stays unless its place gives it away. Two safeguards keep
a marker inside the article (a "Lesen Sie auch" box between two paragraphs) from cutting it:
most of the body words must come before the marker, and most of the lines after it must
already be debris by other filters' judgement.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import accumulate

from ..core.document import Document, Drop
from .base import Filter

# Drops that close an article: (filter, reason).
END_MARKERS = frozenset({
    ("social", "share_prompt"), ("social", "platform_list"), ("promo", "follow_prompt"),
    ("promo", "newsletter_prompt"), ("promo", "subscription_prompt"), ("promo", "app_prompt"),
    ("promo", "feedback_prompt"), ("promo", "comment_form"), ("promo", "continue_reading"),
    ("teasers", "teaser_label"), ("teasers", "labelled_teaser"), ("teasers", "listed_under_teaser_label"),
    ("teasers", "taxonomy_links"), ("comments", "comment_header"), ("comments", "comment_section"),
    ("comments", "comment_byline"), ("comments", "comment_policy"), ("legal", "legal_link"),
    ("legal", "affiliate_disclosure"), ("menus", "flattened_menu"), ("bios", "author_box"),
})  # not a copyright notice: "©iStock" under a photo sits between two paragraphs
# Share of the document's body words that must come before the marker.
MIN_BODY_BEFORE_END = 0.8
# Share of the lines after the marker that other filters must already have dropped.
MIN_DEBRIS_AFTER_END = 0.5


class ArticleEnd(Filter):
    name = "article_end"
    description = "Whatever is left after the article's end: the first closing marker after most of the body."
    options = {"min_body_before": MIN_BODY_BEFORE_END, "min_debris_after": MIN_DEBRIS_AFTER_END}

    def propose(self, doc: Document) -> Iterable[Drop]:
        indices, body_words = doc.body_words_in_order()
        proposals = doc.proposals
        needed = self.settings["min_body_before"] * sum(body_words)
        before = list(accumulate(body_words))  # the body words up to each line, its own included
        markers = [k for k, i in enumerate(indices) if i in proposals and before[k] >= needed and before[k]
                   and (proposals[i].filter, proposals[i].reason) in END_MARKERS]
        if not markers:
            return
        # proposed_after[k]: lines after the k-th already proposed for dropping (counted once, not per marker)
        proposed_after = list(accumulate((i in proposals for i in reversed(indices[1:])), initial=0))[::-1]
        for k in markers:
            lines_after = len(indices) - k - 1
            if lines_after and proposed_after[k] >= self.settings["min_debris_after"] * lines_after:
                marker, reason = doc.lines[indices[k]].strip()[:40], proposals[indices[k]].reason
                for j in indices[k + 1:]:
                    if j not in proposals:
                        yield self.drop(j, "after_article_end", f"after {marker!r} ({reason})")
                return
