"""Site boilerplate: lines that recur across many documents of one site (a batch-wide pass).

As CCNet and crawl pipelines do: each line is normalised (case, digits, punctuation) and hashed
with a stable 64-bit hash; a line whose hash occurs in at least ``min_docs`` documents of its
group is the site's template, not the article. In a batch, documents group by the site they say
they come from (``document_host``), by folder otherwise. A group of documents that may come from
several sites (a folder) shares short generic lines by chance ("Key Takeaways", "Frequently Asked
Questions"): there a repeated line counts when it is long enough to be a site's own
(``MIN_OWN_WORDS``) or when it repeats with a neighbour (a run of a template's lines). The counts come from a
first pass over the whole batch (``newsclean.batch``), or, for documents cleaned one at a time,
from the site memory (``newsclean.memory``): a line is then dropped as ``remembered``. With
neither, the filter has no counts and keeps everything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from ..core.document import Document, Drop
from ..core.text import DIGIT, word_count
from ..core.view import judged_lines
from ..rules.regex import compiled
from .base import Filter

# Three documents: a line shared by two articles can be a quote both cite.
MIN_DOCS = 3
# A repeated line this long is one site's own wording, wherever its neighbours come from.
MIN_OWN_WORDS = 6
# A line that is a URL, perhaps labelled ("URL: https://…", "Source: https://…"): the page the text was taken from.
URL_LINE = compiled(r"^\s*(?:[^\W\d_]{1,12}\s*:\s*)?(https?://\S+)\s*$")
URL_LINES = 5
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


def document_host(text: str, url: str = "") -> str:
    """The site a document says it comes from: the page's own URL (canonical link, og:url), else a
    URL line among the text's first or last few lines ("" when it says nothing)."""
    if url:
        return host_of(url)
    lines = [line for line in text.splitlines() if line.strip()]
    for line in (*lines[:URL_LINES], *lines[-URL_LINES:]):
        found = URL_LINE.match(line)
        if found and host_of(found.group(1)):
            return host_of(found.group(1))
    return ""


def line_hash(line: str) -> int | None:
    """A stable 64-bit hash of a line's normalised form, or None for a line with no words."""
    key = " ".join(PUNCTUATION.sub(" ", DIGIT.sub("0", line.casefold())).split())
    if not key:
        return None
    return hash64(key.encode("utf-8"))


def hash64(data: bytes) -> int:
    """A stable 64-bit hash (BLAKE2b)."""
    return int.from_bytes(_blake2b()(data, digest_size=8).digest(), "big")


@cache
def _blake2b() -> Any:
    """BLAKE2b, imported on first use and without hashlib, which loads OpenSSL (5 ms) for
    algorithms we do not use: a single clean with --remember must cost little more than one without."""
    try:
        from _blake2 import blake2b  # hashlib's own BLAKE2b
    except ImportError:  # a Python built without it
        from hashlib import blake2b
    return blake2b


def document_hashes(text: str) -> set[int]:
    """The distinct line hashes of a document (each document counts once per line), of its lines
    as the filters will see them (a wrapped paragraph as one, Markdown by its text)."""
    return {h for h in map(line_hash, judged_lines(text.splitlines())[0]) if h is not None}


class SiteBoilerplate(Filter):
    name = "site_boilerplate"
    description = "Lines repeated across many documents of one site (batch, corpus, or --remember: needs the counts)."
    default = False
    options = {"min_docs": MIN_DOCS}

    def propose(self, doc: Document) -> Iterable[Drop]:
        site = doc.site
        if site is None or not (site.counts or site.recall):
            return
        hashes = {i: line_hash(doc.lines[i]) for i in doc.content}
        counts, remembered = site.counts, site.remembered
        if site.recall is not None:
            remembered = site.recall({h for h in hashes.values() if h is not None})
            counts = {h: n + 1 for h, n in remembered.items()}  # and this document
        found = {i: counts.get(h or 0, 0) for i, h in hashes.items()}
        repeated = {i for i, n in found.items() if n >= self.settings["min_docs"]}
        # Where sites may mix, a short line counts only in a run: beside another repeated line.
        content = [] if site.one_site else doc.content
        neighbours = {i: set(content[max(k - 1, 0):k + 2]) - {i} for k, i in enumerate(content)}
        for i, h in hashes.items():
            n = found[i]
            if i not in repeated or not (site.one_site or word_count(doc.lines[i]) >= MIN_OWN_WORDS
                                         or neighbours[i] & repeated):
                continue
            from_memory = remembered.get(h or 0, 0)
            if n - from_memory >= self.settings["min_docs"]:
                yield self.drop(i, "repeated_across_documents", f"in {n} documents of its group")
            else:
                yield self.drop(i, "remembered", f"in {n} documents of its site, {from_memory} of them remembered")
