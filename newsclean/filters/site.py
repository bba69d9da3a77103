"""Site boilerplate: lines that recur across many documents of one site (a batch-wide pass).

As CCNet and crawl pipelines do: each line is normalised (case, digits, punctuation) and hashed
with a stable 64-bit hash; a line whose hash occurs in at least ``min_docs`` documents of its
group is the site's template, not the article. In a batch, documents group by the site they say
they come from (``sites.hashing.document_host``), by folder otherwise. A group of documents that may come from
several sites (a folder) shares short generic lines by chance ("Key Takeaways", "Frequently Asked
Questions"): there a repeated line counts when it is long enough to be a site's own
(``MIN_OWN_WORDS``) or when it repeats with a neighbour (a run of a template's lines). The counts come from a
first pass over the whole batch (``newsclean.batch``), or, for documents cleaned one at a time,
from the site memory (``newsclean.memory``): a line is then dropped as ``remembered``. With
neither, the filter has no counts and keeps everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from ..core.document import Document, Drop
from ..core.text import word_count
from ..sites.hashing import line_hash
from .base import Filter

# Three documents: a line shared by two articles can be a quote both cite.
MIN_DOCS = 3
# A repeated line this long is one site's own wording, wherever its neighbours come from.
MIN_OWN_WORDS = 6


class SiteBoilerplate(Filter):
    name = "site_boilerplate"
    description = "Lines repeated across many documents of one site (batch, corpus, or --remember: needs the counts)."
    default = False
    options = {"min_docs": MIN_DOCS}

    def __init__(self, doc_counts: Mapping[int, int] | None = None, remembered: Mapping[int, int] | None = None,
                 recall: Callable[[set[int]], Mapping[int, int]] | None = None, **options: int) -> None:
        super().__init__(**options)
        # In how many documents each line hash occurs, and how many of those the site memory
        # remembers (included in doc_counts); or, for one document at a time, ``recall``: given
        # the document's line hashes, in how many of the site's remembered documents each occurs.
        self.doc_counts: Mapping[int, int] = doc_counts or {}
        self.remembered: Mapping[int, int] = remembered or {}
        self.recall = recall
        # Whether the counts come from one site's documents (the memory, a batch's host group) or
        # from a group that may mix sites (a folder), where short lines count only in a run.
        self.one_site = True

    def step(self, doc: Document) -> Iterable[Drop]:
        if not (self.doc_counts or self.recall):
            return
        hashes = {i: line_hash(doc.lines[i]) for i in doc.content}
        counts, remembered = self.doc_counts, self.remembered
        if self.recall is not None:
            remembered = self.recall({h for h in hashes.values() if h is not None})
            counts = {h: n + 1 for h, n in remembered.items()}  # and this document
        found = {i: counts.get(h or 0, 0) for i, h in hashes.items()}
        repeated = {i for i, n in found.items() if n >= self.settings["min_docs"]}
        # Where sites may mix, a short line counts only in a run: beside another repeated line.
        content = [] if self.one_site else doc.content
        neighbours = {i: set(content[max(k - 1, 0):k + 2]) - {i} for k, i in enumerate(content)}
        for i, h in hashes.items():
            n = found[i]
            if i not in repeated or not (self.one_site or word_count(doc.lines[i]) >= MIN_OWN_WORDS
                                         or neighbours[i] & repeated):
                continue
            from_memory = remembered.get(h or 0, 0)
            if n - from_memory >= self.settings["min_docs"]:
                yield self.drop(i, "repeated_across_documents", f"in {n} documents of its group")
            else:
                yield self.drop(i, "remembered", f"in {n} documents of its site, {from_memory} of them remembered")
