"""A page's article text: trafilatura's extraction, the page's blocks it left out, and what the
page says about every line.

trafilatura is precise but drops whole blocks of the article now and then: the lead set in its
own box, a paragraph after an inline image, a list or a table between two paragraphs; and it
keeps some debris: other stories' teasers, captions, bylines, newsletter boxes. So every block
of the page near the extracted text comes back as a candidate, and every line, extracted or
not, carries the evidence of the element it came from (``newsclean.inputs.page``): the judge decides,
in both directions, with the page in view.
"""

from __future__ import annotations

import html
import json
import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from .. import native
from ..core.article import is_body_like, stems
from ..core.occurrences import occurrences
from ..core.text import detect_language
from .page import Block, PageEvidence, align, line_keys, match_key, page_blocks, tokens_of
from .source import Source

METADATA_FIELDS = {"title": "title", "author": "author", "date": "date", "sitename": "source-hostname",
                   "url": "source", "hostname": "hostname", "language": "language"}
# A block the extractor left out is a candidate when it lies inside the span of the blocks it
# kept, or this many blocks beyond it. Candidates this near a kept block, and those that read as
# prose about the same things as the extracted text (this share of their content words), say so
# in their evidence.
EDGE_BLOCKS = 2
NEAR_BLOCKS = 2
MIN_SHARED_STEMS = 0.5
# A block is already extracted when this share of its word 4-grams is in the extraction.
SHINGLE = 4
MIN_SHARED_SHINGLES = 0.5
# A line the extractor wrote as a table row is read as the blocks of layout-table cells it holds
# when they make up this share of its words.
MIN_ROW_COVERED = 0.8
# The text a reader sees (a noscript's included).
SEEN_TEXT = "//text()[not(ancestor::script or ancestor::style or ancestor::template)]"
# The cells of a table row as the extractor writes it ("| a | b \\| c |").
ROW_CELL = re.compile(r"(?<!\\)\|")
# Where a page states its headline, author and date (newsclean.core.headline), in order of trust: a
# meta tag by its property, name or itemprop, or the first element of a kind ("h1": its text).
HEAD_SOURCES = {
    "h1": ("h1",),
    "og:title": ("meta og:title", "meta twitter:title"),
    "title": ("title",),
    "author": ("meta author", "meta article:author", "meta byl", "rel=author"),
    "date": ("meta article:published_time", "meta datePublished", "itemprop=datePublished", "meta date", "time"),
}
# Where a page states its own URL, in order of trust: an element, the attribute that marks it, and
# the attribute that holds the URL.
URL_SOURCES = (("link", "rel", "canonical", "href"), ("meta", "property", "og:url", "content"))
ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
# The elements that mark the author (rel="author") or the date (itemprop="datePublished", with a
# datetime), found by their attributes: a test of every element took four times as long.
MARKED_AUTHOR_OR_DATE = '//*/@rel[.="author"]/.. | //*/@itemprop[.="datePublished"]/parent::*[@datetime]'
DATE_CHARS = 10
# A list item as the extractor writes it.
LIST_MARK = "- "
# A tag whose attributes run this long carries no article text, and the HTML parser's time grows
# with the square of their number (40,000 attributes: half a minute): its attributes go.
MAX_TAG_CHARS = 20_000
MAX_COMPARED_CHARS = 8_000_000
OVERLONG_TAG = re.compile(rf"<([a-zA-Z][\w:-]*)\s[^<>]{{{MAX_TAG_CHARS},}}>")
# Such a tag's attributes hold every character of a stretch this long that starts at a multiple of
# its length: a page is searched for one only where such a stretch holds no "<" nor ">".
TAG_WINDOW = MAX_TAG_CHARS // 2
# The characters trafilatura's repair of a page removes (trafilatura.utils.INVALID_XML_CHARS).
CONTROL_CHARS = [*map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])]


def extract_html(html: str, with_metadata: bool = False, markdown: bool = False) -> Source:
    """The page's main text, one block a line, each line with its page evidence (and, when
    ``markdown``, its Markdown).

    The page is parsed once. trafilatura's default mode (which also runs two other extractors and
    keeps the best), then its recall mode when that finds nothing. Its fast mode takes two thirds
    of the time, but its text, candidates and all, scores .914 on wcxb-dev before any filter
    (against .925), and the judge after it lost as much. Metadata (title, author, date, site, URL,
    language) costs a second pass over the page, so it is read only when asked for.
    """
    try:
        tree, warning = parse_page(without_overlong_tags(html))
    except Exception:  # malformed markup must never crash a run
        tree, warning = None, ""
    if tree is None:
        return Source("", is_html=True)
    # What is read of the whole tree is read before the extractor runs, which leaves it out of the
    # processor's cache (a walk of it then takes several times as long).
    blocks = page_blocks(tree)
    url, (head, templates) = page_url(tree), page_head(tree)
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
    lines = without_unseen_text(split_layout_rows(text.splitlines(), blocks), blocks, templates, tree)
    lines, origins = with_candidates(lines, blocks)
    holders: dict[Any, int] = {}
    page = PageEvidence(
        [tokens_of(origin.kept, blocks[origin.block] if origin.block is not None else None) + origin.extra
         for origin in origins],
        [-1 if origin.block is None else holders.setdefault(blocks[origin.block].holder, len(holders))
         for origin in origins])
    source = Source("\n".join(lines) + "\n", True, metadata, url=url, page=page, warning=warning, head=head)
    if markdown:
        from .markdown import block_markdown, line_markdown

        source.markdown = [line_markdown(line, block_markdown(blocks[k].element, url) if k is not None else None)
                           for line, k in zip(lines, markdown_blocks(lines, origins, blocks), strict=True)]
    return source


def without_overlong_tags(html: str) -> str:
    """The page, its overlong tags without their attributes. The expression runs only on a page
    that may hold one: over every page it took 4 µs a line."""
    bare = False  # the stretch before holds no "<" nor ">" either: the tag around it was tried
    for start in range(0, len(html) - TAG_WINDOW + 1, TAG_WINDOW):
        end = start + TAG_WINDOW
        if html.find(">", start, end) >= 0 or html.find("<", start, end) >= 0:
            bare = False
            continue
        opening = -1 if bare else html.rfind("<", 0, start)  # where a tag around the stretch opens
        if opening >= 0 and OVERLONG_TAG.match(html, opening):
            return OVERLONG_TAG.sub(r"<\1>", html)
        bare = True
    return html


def repaired(html: str, beginning: str) -> str:
    """The page as trafilatura's ``repair_faulty_html`` leaves it, called only where its tests say
    it changes something: its expression for control characters over every page took 4 µs a line."""
    from trafilatura.utils import DOCTYPE_TAG, repair_faulty_html

    end = html.find("\n")  # a doctype on a first line that is the page's last gets a line break
    if (has_control_character(html)
            or ("doctype" in beginning and (end < 0 or DOCTYPE_TAG.match(html[:end])))
            or any("<html" in line and line.endswith("/>") for line in html[:4096].splitlines()[:4])):
        return repair_faulty_html(html, beginning)
    return html


def has_control_character(html: str) -> bool:
    """Whether the page holds one of ``CONTROL_CHARS``: natively in one pass where the kernel is
    loaded (a search a character took 0.4 ms a page, most pages being more than Latin-1)."""
    kernel = native.KERNEL
    return kernel.has_control_character(html) if kernel is not None else any(char in html for char in CONTROL_CHARS)


def parse_page(html: str) -> tuple[Any, str]:
    """The page's tree, parsed as trafilatura parses it, but to 2,047 levels of nesting rather than
    libxml2's usual 255, past which a page of unclosed blocks loses everything below (None when it
    is no HTML); and a warning when even that depth was passed."""
    from lxml.etree import ElementDefaultClassLookup
    from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring
    from trafilatura.utils import is_dubious_html

    parser = HTMLParser(huge_tree=True, collect_ids=False, default_doctype=False, encoding="utf-8",
                        remove_comments=True, remove_pis=True)
    # Every element an HtmlElement, chosen in C: lxml.html's own lookup (a form's or an input's class
    # of its own) is a Python call for each element the extractor and the page's blocks touch, about
    # 4,700 a page and a tenth of the HTML path's time; nothing here or in trafilatura uses those classes.
    parser.set_element_class_lookup(ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
    beginning = html[:50].lower()
    html = repaired(html, beginning)
    try:
        tree = fromstring(html, parser=parser)
    except ValueError:  # a string that declares its encoding: parsed as bytes
        tree = None
    if tree is None or len(tree) < 1:
        tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    if tree is None or (is_dubious_html(beginning) and len(tree) < 2):
        return None, ""
    too_deep = any("Excessive depth" in error.message for error in parser.error_log)
    return tree, "the page nests elements over 2,047 levels deep: the text below that depth is lost" * too_deep


def markdown_blocks(lines: list[str], origins: list[Origin], blocks: list[Block]) -> list[int | None]:
    """The block each line's Markdown is written from: its origin, or for a line the extractor
    found none for because it decoded a character reference of the page's text once more
    ("&amp;lt;b&amp;gt;" read as "<b>"), the block that reads as the line once decoded."""
    decoded: dict[str, int] | None = None
    found = []
    for line, origin in zip(lines, origins, strict=True):
        k = origin.block
        if k is None and any(mark in line for mark in "<>&"):
            if decoded is None:
                decoded = {match_key(html.unescape(b.text)): n for n, b in enumerate(blocks) if "&" in b.text}
            k = decoded.get(match_key(line))
        found.append(k)
    return found


def page_url(tree: Any) -> str:
    """The page's own absolute URL: its canonical link, else its og:url ("" if neither)."""
    for tag, name, value, attribute in URL_SOURCES:
        for element in tree.iter(tag):  # in C: an XPath expression took seven times as long
            found = element.get(attribute) if element.get(name) == value else None
            if found is not None and found.strip().lower().startswith(("http://", "https://")):
                return found.strip()
    return ""


def page_head(tree: Any) -> tuple[dict[str, str], list[Any]]:
    """What the page says of its headline (its first h1, og:title, title bar), author and date:
    cheap lookups, the first non-empty answer of each (``newsclean.core.headline``); and its
    template elements, found by the same walk (one of its own took 1 µs a line)."""
    said: dict[str, str] = {}  # what each source says, its first answer with text
    first: dict[str, Any] = {}  # the first h1, title and time with a datetime
    templates = []
    for element in tree.iter("meta", "h1", "title", "time", "template"):  # one walk of the tree
        tag = element.tag  # a new string each time it is asked for
        if tag == "template":
            templates.append(element)
        elif tag != "meta":
            if tag != "time" or element.get("datetime"):
                first.setdefault(tag, element)
        else:
            content = " ".join((element.get("content") or "").split())
            for attribute in ("property", "name", "itemprop"):
                if content and element.get(attribute):
                    said.setdefault(f"meta {element.get(attribute)}", content)
    for source in ("h1", "title"):
        if source in first:
            said[source] = " ".join(first[source].text_content().split())
    if "time" in first:
        said["time"] = " ".join(first["time"].get("datetime").split())
    head, by = _head(said)
    # An author or date marked on an element is looked for only where no source trusted more says
    # it: the question reads the whole page.
    if by.get("author", "") in ("", "rel=author") or by.get("date", "") in ("", "itemprop=datePublished", "meta date",
                                                                              "time"):
        for element in tree.xpath(MARKED_AUTHOR_OR_DATE):
            if element.get("rel") == "author":
                said.setdefault("rel=author", " ".join(element.text_content().split()))
            elif element.get("itemprop") == "datePublished":
                said.setdefault("itemprop=datePublished", " ".join(element.get("datetime").split()))
        head, by = _head(said)
    return head, templates


def _head(said: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Of what each source says, the most trusted answer to each question, and which source gave it."""
    head, by = {}, {}
    for key, sources in HEAD_SOURCES.items():
        for source in sources:
            found = said.get(source, "")
            if found and not (key == "author" and found.lower().startswith(("http://", "https://"))):
                head[key] = found[:DATE_CHARS] if key == "date" and ISO_DATE.match(found) else found
                by[key] = source
                break
    return head, by


def _extract(tree: Any, with_metadata: bool, **options: bool) -> dict[str, Any]:
    """trafilatura's result as a dict ({} when it finds nothing or fails)."""
    from trafilatura import extract

    try:
        found = extract(tree, options=extract_options(with_metadata, **options))
    except Exception:  # malformed markup must never crash a run
        return {}
    if not found:
        return {}
    return json.loads(found) if with_metadata else {"text": found}


@lru_cache(maxsize=8)
def extract_options(with_metadata: bool, fast: bool = False, favor_recall: bool = False) -> Any:
    """trafilatura's options (comments left out, tables kept), made once: ``extract`` makes them
    anew from its configuration on every call (0.7 µs a line)."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="json" if with_metadata else "txt", with_metadata=with_metadata, comments=False,
                     tables=True, fast=fast, recall=favor_recall)


def shingles(words: list[str]) -> Iterator[tuple[str, ...]]:
    """A text's word 4-grams, made in C."""
    return zip(*(words[k:] for k in range(SHINGLE)), strict=False)  # the shorter ends them


def mostly_in(blocks: dict[int, str], extracted: list[str]) -> list[int]:
    """Of the blocks (by their words, ``match_key``), those the extractor has, split or spaced
    differently: most of their 4-grams are in its text (its words, ``extracted``). Only theirs are
    looked for in it: a set of all of its own took a quarter of ``with_candidates``'s time."""
    own = {k: set(shingles(key.split())) for k, key in blocks.items()}
    wanted = set().union(*own.values())
    present = wanted.intersection(shingles(extracted)) if wanted else wanted
    return [k for k, grams in own.items() if grams and len(grams & present) >= MIN_SHARED_SHINGLES * len(grams)]


def without_unseen_text(lines: list[str], blocks: list[Block], templates: list[Any], tree: Any) -> list[str]:
    """The extractor's lines less those it read from one of the page's template elements that say
    nothing a reader sees: trafilatura keeps a template's text (scripts, styles and noscript
    elements it removes)."""
    if not templates:
        return lines
    known = {block.key for block in blocks}
    suspects = {n: key for n, key in enumerate(map(match_key, lines)) if key and key not in known}
    unseen = " \n ".join(match_key(node.text_content()) for node in templates) if suspects else ""
    suspects = {n: key for n, key in suspects.items() if f" {key} " in f" {unseen} "}
    if not suspects:
        return lines
    seen = f" {match_key(' '.join(tree.xpath(SEEN_TEXT)))} "
    return [line for n, line in enumerate(lines) if n not in suspects or f" {suspects[n]} " in seen]


def split_layout_rows(lines: list[str], blocks: list[Block]) -> list[str]:
    """The extractor's lines, each table row of a layout table (a row that holds a page: menu,
    article and footer, one cell a column) replaced by the blocks of its cells it holds, or where
    it holds them in part (the extractor cut a cell), by its cells, a line each. A row without
    words goes."""
    layout, data_rows = {}, set()
    for block in blocks:
        if block.in_layout:
            layout.setdefault(block.key, block.text)
        elif block.element.tag == "tr":
            data_rows.add(block.key)
    keys = {n: match_key(line) for n, line in enumerate(lines) if line.lstrip().startswith("|")}
    keys = {n: key for n, key in keys.items() if key not in data_rows}
    if not layout or not keys:
        return lines
    rows, starts, haystack = list(keys), [], ""  # the rows' words, one after another
    for key in keys.values():
        starts.append(len(haystack))
        haystack += f" {key} \n"
    hits = sorted((at, -len(needle), needle) for needle, places in occurrences(
        (f" {key} " for key in layout), haystack, limit=len(haystack)).items() for at in places)
    found: dict[int, list[str]] = {n: [] for n in rows}
    covered = dict.fromkeys(rows, 0)
    end = -1
    for at, _, needle in hits:
        if at < end:  # overlaps a longer or earlier block
            continue
        n = rows[bisect_right(starts, at) - 1]
        found[n].append(layout[needle.strip()])
        covered[n] += len(needle) - 1
        end = at + len(needle) - 1  # neighbours share the space between them
    out = []
    for n, line in enumerate(lines):
        if n in keys and not keys[n]:
            continue
        if n in keys and covered[n] >= MIN_ROW_COVERED * (len(keys[n]) + 1):
            out.extend(found[n])
        elif n in keys and covered[n]:
            out.extend(cell for cell in (" ".join(cell.replace("\\|", "|").split()) for cell in ROW_CELL.split(line))
                       if cell)
        else:
            out.append(line)
    return out


class Origin(NamedTuple):
    """Where a line of the text came from: a block of the page (or none found), whether the
    extractor kept it, and what else its evidence says."""

    block: int | None
    kept: bool
    extra: tuple[str, ...] = ()


def with_candidates(lines: list[str], blocks: list[Block]) -> tuple[list[str], list[Origin]]:
    """The extracted lines and the page's blocks it left out near them, in page order, each with
    its origin. A list item loses the extractor's "- " (its element says it is one)."""
    keys = line_keys(lines, blocks)
    aligned = align(lines, blocks, keys)
    text = [line[len(LIST_MARK):] if k is not None and blocks[k].element.tag == "li" and line.startswith(LIST_MARK)
            else line for line, k in zip(lines, aligned, strict=True)]
    origins = [Origin(k, True) for k in aligned]
    is_found = {k for k in aligned if k is not None}
    # The extractor may have split, joined or cut a block: what it holds of the blocks in the span
    # of those it kept as they are (all of the page's when none is) counts as found too.
    span = range(min(is_found), max(is_found) + 1) if is_found else range(len(blocks))
    extracted = " ".join(" ".join(line.split()) for line in lines)
    unfound = [k for k in span if k not in is_found]
    verbatim = occurrences((blocks[k].text for k in unfound), extracted, limit=1)
    is_found.update(k for k in unfound if blocks[k].text in verbatim)
    is_found.update(mostly_in({k: blocks[k].key for k in unfound if blocks[k].text not in verbatim},
                              " ".join(keys).split()))
    if not is_found:
        return text, origins
    found = sorted(is_found)
    stopwords = detect_language(lines)[1]
    vocabulary = frozenset().union(*(stems(line, stopwords) for line in lines))
    anchors = sorted((k, n) for n, k in enumerate(aligned) if k is not None)
    anchor_blocks = [k for k, _ in anchors]
    # A candidate is never larger than the extracted text, nor holds a block the extractor kept
    # (a layout cell or a box around the article would bring the article back twice, and debris with it).
    holding_kept: set[Any] = set()
    for k, _ in anchors:
        for above in blocks[k].element.iterancestors():
            if above in holding_kept:  # and so is everything above it
                break
            holding_kept.add(above)
    inserted: dict[int, list[tuple[str, Origin]]] = {}
    taken: set[Any] = set()  # the elements of the candidates so far
    for k in range(max(found[0] - EDGE_BLOCKS, 0), min(found[-1] + EDGE_BLOCKS + 1, len(blocks))):
        block, element = blocks[k].text, blocks[k].element
        if (k in is_found or len(block) > len(extracted) or element in holding_kept
                or any(above in taken for above in element.iterancestors())):  # a paragraph in an item taken
            continue
        taken.add(element)
        j = bisect_right(found, k)
        near = (j and k - found[j - 1] <= NEAR_BLOCKS) or (j < len(found) and found[j] - k <= NEAR_BLOCKS)
        own = stems(block, stopwords)
        extra = tuple(token for token, holds in (
            ("x:near", near), ("x:prose", is_body_like(block, stopwords)),
            ("x:topic", bool(own) and len(own & vocabulary) >= MIN_SHARED_STEMS * len(own))) if holds)
        at = bisect_right(anchor_blocks, k)
        inserted.setdefault(anchors[at - 1][1] if at else -1, []).append((block, Origin(k, False, extra)))
    out_text, out_origins = [], []
    for n in range(-1, len(lines)):
        if n >= 0:
            out_text.append(text[n])
            out_origins.append(origins[n])
        for block, origin in inserted.get(n, ()):
            out_text.append(block)
            out_origins.append(origin)
    return out_text, out_origins
