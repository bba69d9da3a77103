"""Site hashing: which site a document comes from, and its lines as stable 64-bit hashes.

The site-boilerplate filter, the batch and corpus passes, the site memory and the audit report
all count lines by these hashes and group documents by these hosts: one module, so that each
counts the same way and none has to load the filters to do it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from .. import native
from ..core.text import DIGIT
from ..core.view import judged_lines
from ..rules.regex import compiled

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


def line_key(line: str) -> str:
    """A line's normalised form: case folded, digits as 0, punctuation as spaces, words single-spaced
    ("" for a line with no words)."""
    return " ".join(PUNCTUATION.sub(" ", DIGIT.sub("0", line.casefold())).split())


def line_hash(line: str) -> int | None:
    """A stable 64-bit hash of a line's normalised form, or None for a line with no words. The
    kernel, where it is loaded, gives the same key in one pass over the line (each line is hashed
    twice in a batch: counted, then cleaned)."""
    kernel = native.KERNEL
    key = kernel.site_key(line) if kernel is not None else line_key(line).encode("utf-8")
    return hash64(key) if key else None


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
