"""A page's article text: trafilatura's extraction, plus the body paragraphs it left out.

trafilatura is precise but drops whole paragraphs of the article now and then: the lead set in
its own box, a paragraph after an inline image, a list between two paragraphs. Such a paragraph
sits next to what was extracted, reads as prose, and talks about the same things. Those three
tests together restore it (and leave teasers alone: they sit nearby and read as prose, but talk
about something else). The filters then judge every line, restored or not.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from itertools import accumulate
from typing import Any

from .article import is_body_like, stems
from .occurrences import occurrences
from .sources import Source
from .text import detect_language

EXTRACT_OPTIONS = {"include_comments": False, "include_tables": True}
METADATA_FIELDS = {"title": "title", "author": "author", "date": "date", "sitename": "source-hostname",
                   "url": "source", "hostname": "hostname", "language": "language"}
# The page's blocks, as a paragraph scraper sees them.
BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "figcaption",
              "td", "th")
# Elements that break a line when rendered: their text is not run into the text beside them.
BREAKING_TAGS = frozenset({*BLOCK_TAGS, "br", "div", "ul", "ol", "dl", "table", "tr", "section", "article",
                           "figure", "header", "footer", "aside", "nav"})
# A missed paragraph is restored when it is at most this many blocks from an extracted one and
# this share of its content words occurs in the extracted text.
MAX_BLOCKS_AWAY = 2
MIN_SHARED_STEMS = 0.5
# A block is already extracted when this share of its word 4-grams is in the extraction.
SHINGLE = 4
MIN_SHARED_SHINGLES = 0.5
WORD = re.compile(r"\w+")
# A tag whose attributes run this long carries no article text, and the HTML parser's time grows
# with the square of their number (40,000 attributes: half a minute): its attributes go.
MAX_TAG_CHARS = 20_000
MAX_COMPARED_CHARS = 8_000_000
OVERLONG_TAG = re.compile(rf"<([a-zA-Z][\w:-]*)\s[^<>]{{{MAX_TAG_CHARS},}}>")


def extract_html(html: str, with_metadata: bool = False) -> Source:
    """The page's main text, one block a line.

    trafilatura's default mode (which also runs two other extractors and keeps the best), then
    its recall mode when that finds nothing. Measured with our filters after it against the fast
    mode with the default as a fallback: the same F on dev html, +.003 on wcxb-dev html, at about
    1.5 times the fast mode's time. Metadata (title, author, date, site, URL, language) costs a
    second pass over the page, so it is read only when asked for.
    """
    from trafilatura import load_html

    try:
        tree = load_html(OVERLONG_TAG.sub(r"<\1>", html))
    except Exception:  # malformed markup must never crash a run
        tree = None
    if tree is None:
        return Source("", is_html=True)
    blocks = page_blocks(tree)  # before the extractor prunes the tree
    url = page_url(tree)
    # Past a size no page of the benchmarks reaches (the largest: 5.3 MB), trafilatura's comparison
    # with its fallback extractors takes time that grows with the square of the page (8 MB: 12 s
    # of 43): its fast mode only.
    fast = len(html) > MAX_COMPARED_CHARS
    found = _extract(tree, with_metadata, fast=fast)
    if not (found.get("text") or "").strip():
        found = _extract(tree, with_metadata, favor_recall=True, fast=fast)
    text = found.get("text") or ""
    if not text.strip():
        return Source("", is_html=True)
    metadata = {key: found.get(name) for key, name in METADATA_FIELDS.items() if found.get(name)}
    return Source(restore_missed_paragraphs(text.splitlines(), blocks), True, metadata, url=url)


def page_url(tree: Any) -> str:
    """The page's own absolute URL: its canonical link, else its og:url ("" if neither)."""
    for path in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        for found in tree.xpath(path):
            if found.strip().lower().startswith(("http://", "https://")):
                return found.strip()
    return ""


def _extract(tree: Any, with_metadata: bool, **options: bool) -> dict[str, Any]:
    """trafilatura's result as a dict ({} when it finds nothing or fails)."""
    from trafilatura import extract

    try:
        found = extract(tree, output_format="json" if with_metadata else "txt", with_metadata=with_metadata,
                        **EXTRACT_OPTIONS, **options)
    except Exception:  # malformed markup must never crash a run
        return {}
    if not found:
        return {}
    return json.loads(found) if with_metadata else {"text": found}


def page_blocks(tree: Any) -> list[str]:
    """The text of every paragraph-like element, in page order."""
    blocks = []
    for element in tree.iter(BLOCK_TAGS):
        try:
            text = block_text(element)
        except ValueError:  # text that lxml cannot represent
            continue
        if text:
            blocks.append(text)
    return blocks


def block_text(element: Any) -> str:
    """An element's text, with a space where a nested block begins or ends: a heading and the
    paragraph after it inside one list item read "Title Text", not "TitleText", as the
    extractor gives them. (lxml's text_content runs them together.)"""
    from lxml import etree

    parts = []
    for event, node in etree.iterwalk(element, events=("start", "end", "comment", "pi")):
        if event == "start":
            parts.append(" " if node.tag in BREAKING_TAGS else "")
            parts.append(node.text or "")
            continue
        if event == "end":
            parts.append(" " if node.tag in BREAKING_TAGS else "")
        if node is not element:  # a comment's or element's tail is text of its parent
            parts.append(node.tail or "")
    return " ".join("".join(parts).split())


def shingles(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[k:k + SHINGLE]) for k in range(len(words) - SHINGLE + 1)}


def _mostly_in(block: str, extracted: set[tuple[str, ...]]) -> bool:
    """The extractor has this block's text, split or spaced differently."""
    own = shingles(block)
    return bool(own) and len(own & extracted) >= MIN_SHARED_SHINGLES * len(own)


def restore_missed_paragraphs(lines: list[str], blocks: list[str]) -> str:
    """The extracted lines, with the page's missed body paragraphs put back in page order."""
    normalised = [" ".join(line.split()) for line in lines]
    extracted = " ".join(normalised)
    extracted_shingles = shingles(extracted)
    verbatim = occurrences(blocks, extracted, limit=1)
    found = [k for k, block in enumerate(blocks) if block in verbatim or _mostly_in(block, extracted_shingles)]
    if not found:
        return "\n".join(lines) + "\n"
    # Candidates: blocks missing from the extraction, next to blocks found in it and before the
    # last of them (after it come the page's bios, related stories and calls to action).
    candidates = []
    for k in range(found[-1]):
        j = bisect_right(found, k)
        if j and found[j - 1] == k:
            continue
        near_before = j and k - found[j - 1] <= MAX_BLOCKS_AWAY
        near_after = found[j] - k <= MAX_BLOCKS_AWAY
        if near_before or near_after:
            candidates.append(k)
    if not candidates:
        return "\n".join(lines) + "\n"
    stopwords = detect_language(lines)[1]
    vocabulary = frozenset().union(*(stems(line, stopwords) for line in lines))
    # A restored block goes after the extracted line that holds the last found block before it.
    by_line = "\n".join(normalised)
    line_starts = list(accumulate((len(line) + 1 for line in normalised[:-1]), initial=0))
    in_lines = occurrences((blocks[k] for k in found), by_line, limit=1)
    restored: dict[int, list[str]] = {}
    taken: list[str] = []
    for k in candidates:
        block = blocks[k]
        if not is_body_like(block, stopwords):
            continue
        own = stems(block, stopwords)
        if not own or len(own & vocabulary) < MIN_SHARED_STEMS * len(own):
            continue
        if any(block in other for other in taken):  # a paragraph inside a restored list item
            continue
        taken.append(block)
        j = bisect_right(found, k)
        anchor = -1
        if j and blocks[found[j - 1]] in in_lines:
            anchor = bisect_right(line_starts, in_lines[blocks[found[j - 1]]][0]) - 1
        restored.setdefault(anchor, []).append(block)
    out = list(restored.get(-1, []))
    for n, line in enumerate(lines):
        out.append(line)
        out.extend(restored.get(n, []))
    return "\n".join(out) + "\n"
