"""Site boilerplate: lines that recur across many documents of one site (a batch-wide pass).

As CCNet and crawl pipelines do: each line is normalised (case, digits, punctuation) and hashed
with a stable 64-bit hash; a line whose hash occurs in at least ``min_docs`` documents of its
group (by default, its folder) is the site's template, not the article. The counts come from a
first pass over the whole batch (``newsclean.batch``); on a single document the filter has no
counts and keeps everything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..compiled import compiled
from ..model import Document, Drop
from ..text import DIGIT
from ..view import judged_lines
from .base import Filter

# Three documents: a line shared by two articles can be a quote both cite.
MIN_DOCS = 3
PUNCTUATION = compiled(r"[^\w\s]+")


def line_hash(line: str) -> int | None:
    """A stable 64-bit hash of a line's normalised form, or None for a line with no words."""
    key = " ".join(PUNCTUATION.sub(" ", DIGIT.sub("0", line.casefold())).split())
    if not key:
        return None
    import hashlib  # here, not at the top: a plain clean has no counts and hashes nothing

    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


def document_hashes(text: str) -> set[int]:
    """The distinct line hashes of a document (each document counts once per line), of its lines
    as the filters will see them (a wrapped paragraph as one, Markdown by its text)."""
    return {h for h in map(line_hash, judged_lines(text.splitlines())[0]) if h is not None}


class SiteBoilerplate(Filter):
    name = "site_boilerplate"
    description = "Lines repeated across many documents of one site (batch only: needs the corpus counts)."
    default = False
    options = {"min_docs": MIN_DOCS}

    def __init__(self, doc_counts: Mapping[int, int] | None = None, **options: int) -> None:
        super().__init__(**options)
        self.doc_counts: Mapping[int, int] = doc_counts or {}

    def step(self, doc: Document) -> Iterable[Drop]:
        if not self.doc_counts:
            return
        for i in doc.content:
            n = self.doc_counts.get(line_hash(doc.lines[i]) or 0, 0)
            if n >= self.settings["min_docs"]:
                yield self.drop(i, "repeated_across_documents", f"in {n} documents of its group")
