"""Site boilerplate: lines that recur across many documents of one site (a batch-wide pass).

As CCNet and crawl pipelines do: each line is normalised (case, digits, punctuation) and hashed
with a stable 64-bit hash; a line whose hash occurs in at least ``min_docs`` documents of its
group (by default, its folder) is the site's template, not the article. The counts come from a
first pass over the whole batch (``newsclean.batch``), or, for documents cleaned one at a time,
from the site memory (``newsclean.memory``): a line is then dropped as ``remembered``. With
neither, the filter has no counts and keeps everything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from ..compiled import compiled
from ..model import Document, Drop
from ..text import DIGIT
from ..view import judged_lines
from .base import Filter

# Three documents: a line shared by two articles can be a quote both cite.
MIN_DOCS = 3
PUNCTUATION = compiled(r"[^\w\s]+")
# Names of one site's desktop and mobile front doors: "www.example.com" and "m.example.com" are
# "example.com". Other subdomains stay apart (alice.blogspot.com is not bob.blogspot.com).
FRONT_DOORS = ("www.", "m.", "mobile.", "amp.")
# An archived copy (web.archive.org/web/20190101000000/https://example.com/story) belongs to the
# site it copies.
ARCHIVED = re.compile(r"^/web/\d+[a-z_]*/(.+)$")


def host_of(url: Any) -> str:
    """The group a document's site-boilerplate counts come from: its URL's host, without its front
    door (www., m.), and for an archived copy the original's."""
    if not isinstance(url, str):
        return ""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:  # "http://[::1": not a URL
        return ""
    archived = ARCHIVED.match(parts.path) if host == "web.archive.org" else None
    if archived:
        original = archived.group(1)
        return host_of(original if "://" in original else f"http://{original}")
    for door in FRONT_DOORS:
        if host.startswith(door) and host.count(".") >= 2:
            return host[len(door):]
    return host


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

    def __init__(self, doc_counts: Mapping[int, int] | None = None, remembered: Mapping[int, int] | None = None,
                 **options: int) -> None:
        super().__init__(**options)
        # In how many documents each line hash occurs, and how many of those the site memory
        # remembers (included in doc_counts).
        self.doc_counts: Mapping[int, int] = doc_counts or {}
        self.remembered: Mapping[int, int] = remembered or {}

    def step(self, doc: Document) -> Iterable[Drop]:
        if not self.doc_counts:
            return
        for i in doc.content:
            h = line_hash(doc.lines[i]) or 0
            n = self.doc_counts.get(h, 0)
            if n < self.settings["min_docs"]:
                continue
            remembered = self.remembered.get(h, 0)
            if n - remembered >= self.settings["min_docs"]:
                yield self.drop(i, "repeated_across_documents", f"in {n} documents of its group")
            else:
                yield self.drop(i, "remembered", f"in {n} documents of its site, {remembered} of them remembered")
