"""Site boilerplate: lines that recur across many documents of one site (a batch-wide pass).

As CCNet and crawl pipelines do: each line is normalised (case, digits, punctuation) and hashed
with a stable 64-bit hash; a line whose hash occurs in at least ``min_docs`` documents of its
group is the site's template, not the article. In a batch, documents group by the site they say
they come from (``sites.hashing.document_host``), by folder otherwise. A group of documents that may come from
several sites (a folder) shares short generic lines by chance ("Key Takeaways", "Frequently Asked
Questions"): there a repeated line counts when it is long enough to be a site's own
(``MIN_OWN_WORDS``) or when it repeats with a neighbour (a run of a template's lines). The counts come from a
first pass over the whole batch (``newsclean.runners.batch``), or, for documents cleaned one at a time,
from the site memory (``newsclean.sites.memory``): a line is then dropped as ``remembered``. With
neither, the filter has no counts and keeps everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.document import Document, Drop
from ..core.text import word_count
from ..settings import Settings
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

    def propose(self, doc: Document) -> Iterable[Drop]:
        site = doc.site
        if site is None or not (site.counts or site.recall):
            return
        from ..sites.hashing import line_hash  # only where sites are counted: a plain clean hashes nothing

        content = doc.content
        hashes = {i: line_hash(doc.lines[i]) for i in content}
        counts, remembered = site.counts, site.remembered
        if site.recall is not None:
            remembered = site.recall({h for h in hashes.values() if h is not None})
            counts = {h: n + 1 for h, n in remembered.items()}  # and this document
        found = {i: counts.get(h or 0, 0) for i, h in hashes.items()}
        repeated = {i for i, n in found.items() if n >= self.settings["min_docs"]}
        for k, (i, h) in enumerate(hashes.items()):  # hashes: in content's order
            if i not in repeated:
                continue
            # Where sites may mix, a short line counts only in a run: beside another repeated line.
            if not (site.one_site or word_count(doc.lines[i]) >= MIN_OWN_WORDS
                    or any(j in repeated for j in content[max(k - 1, 0):k + 2] if j != i)):
                continue
            n = found[i]
            from_memory = remembered.get(h or 0, 0)
            if n - from_memory >= self.settings["min_docs"]:
                yield self.drop(i, "repeated_across_documents", f"in {n} documents of its group")
            else:
                yield self.drop(i, "remembered", f"in {n} documents of its site, {from_memory} of them remembered")


def with_site_counts(settings: Settings, min_docs: int | None) -> Settings:
    """``settings`` for documents that come with their site's line counts, a line going once it is in
    ``min_docs`` of them (None: the site filter's default)."""
    options = settings.options_of()
    if min_docs is not None:
        options[SiteBoilerplate.name] = {"min_docs": min_docs}
    return Settings.make(settings.only, settings.skip, options, settings.preset, settings.time_budget,
                         site_counts=True)


def min_docs_of(settings: Settings) -> int:
    """The documents of a site a line must occur in to go, as ``settings`` set the site filter."""
    return settings.options_of().get(SiteBoilerplate.name, {}).get("min_docs", MIN_DOCS)
