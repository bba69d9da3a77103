"""A page's blocks, and what the page says about each: the evidence the judge weighs for HTML.

An extractor's text has lost where each line sat. The page still knows: the element a line came
from and the elements around it, the words of their class and id attributes ("related",
"share", "caption", "byline", "newsletter" and their equivalents in every language), how much
of it is link text, how deep it sits and where on the page. Each becomes a token the judge
weighs (hashed, like a line's words), so what a class name means is learned from labelled pages,
not listed here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Any

# The page's blocks, as a paragraph scraper sees them. A table row is one block, its cells
# joined as the extractor joins them.
BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "figcaption", "tr")
CELL_TAGS = ("td", "th")
# Elements whose text no reader sees: it never reaches a block, a candidate or a line.
HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template"})
# Block-level elements. A table with one in a cell holding another, or a table, is a layout
# table, laid out with a table rather than holding data: its rows are not blocks, the blocks in its
# cells are. (A data table's cell may wrap its text in one paragraph.)
# What in a layout cell is a block of its own, not the cell's text.
OWN_BLOCK_TAGS = frozenset({*BLOCK_TAGS, *CELL_TAGS, "table"})
BLOCK_LEVEL_TAGS = frozenset({*BLOCK_TAGS, "table", "div", "ul", "ol", "dl", "section", "article", "aside", "nav",
                              "header", "footer", "form", "figure", "iframe"}) - {"tr"}
# Elements that break a line when rendered: their text is not run into the text beside them.
BREAKING_TAGS = frozenset({*BLOCK_TAGS, *CELL_TAGS, "br", "div", "ul", "ol", "dl", "table", "section", "article",
                           "figure", "header", "footer", "aside", "nav"})
# An element's text is its text content (lxml's, in C) where no element below it is one of these.
SPLITTING_TAGS = BREAKING_TAGS | HIDDEN_TAGS
# Words of class and id attributes: camelCase and kebab-case split, lowercased, at most this many
# from one attribute (utility-class soup says little), of this length.
MAX_ATTRIBUTE_WORDS = 8
ATTRIBUTE_WORD = re.compile(r"[a-z]{3,24}")
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
LINK_DENSITY_BINS = 4
PAGE_POSITION_BINS = 5
WORD = re.compile(r"\w+")


@dataclass(slots=True)  # a page makes hundreds: no dict of their own
class Block:
    text: str
    element: Any  # the lxml element
    position: float  # where on the page, from 0 (top) to 1
    ancestors: Ancestors
    key: str  # its words (``match_key``): every block's is asked for, to align the extracted lines
    in_layout: bool = False  # it sits in a layout table's cell (see ``page_blocks``)
    linked: float | None = None  # the share of link text, where it is not the element's (a part of a cell)
    _tokens: tuple[str, ...] | None = None

    @property
    def tokens(self) -> tuple[str, ...]:
        """Its evidence, for the judge (found when first asked: most blocks are never judged)."""
        if self._tokens is None:
            above, depth = self.ancestors.of(self.element.getparent())
            self._tokens = element_tokens(self.element, self.text, self.position, self.ancestors.in_order(above),
                                          depth, self.linked, self.ancestors.evidence)
        return self._tokens

    @property
    def holder(self) -> Any:
        """The element that holds it and its like: a list its items, a cell its stretches of text."""
        return self.element if self.linked is not None else self.element.getparent()


class Ancestors:
    """What an element inherits from the elements above it (their tags and attribute words) and
    its depth, found once per element and shared by everything below it; and the page's block
    evidence, found once for all the blocks it describes alike."""

    def __init__(self) -> None:
        self.known: dict[Any, tuple[frozenset[str], int]] = {}
        self.sorted: dict[frozenset[str], tuple[str, ...]] = {}
        self.evidence: dict[tuple[Any, ...], tuple[str, ...]] = {}  # ``element_tokens``'s memo

    def of(self, element: Any) -> tuple[frozenset[str], int]:
        """The tokens of ``element`` and everything above it, and its depth."""
        if element is None:
            return frozenset(), 0
        found = self.known.get(element)
        if found is None:
            above, depth = self.of(element.getparent())
            own = {f"a:{element.tag}", *(f"c:{word}" for word in attribute_words(element))}
            found = self.known[element] = (above if own <= above else above | own, depth + 1)
        return found

    def in_order(self, tokens: frozenset[str]) -> tuple[str, ...]:
        """``tokens`` (found by ``of``) sorted, once for all the blocks below the same elements."""
        found = self.sorted.get(tokens)
        if found is None:
            found = self.sorted[tokens] = tuple(sorted(tokens))
        return found


def match_key(text: str) -> str:
    """A block's words, for finding it in an extractor's line (which may mark a list item with
    "- " or a table row with pipes)."""
    return " ".join(WORD.findall(text.lower()))


def page_blocks(tree: Any) -> list[Block]:
    """Every paragraph-like element with text a reader sees, in page order. A table that holds
    data gives a block a row. A layout table gives the blocks in its cells, and a cell of text
    alone gives a block a stretch of text between line breaks (as pages laid out with tables
    wrote paragraphs)."""
    hidden: set[Any] = set()  # what lies in an element whose text is not shown (found as the page is read)
    holds_data: dict[Any, bool] = {}
    has_tables = tree.find(".//table") is not None

    def in_layout(element: Any) -> bool:
        table = next(element.iterancestors("table"), None) if has_tables else None
        if table is not None and table not in holds_data:
            holds_data[table] = is_data_table(table)
        return table is not None and not holds_data[table]

    found: list[tuple[Any, str | None, bool, float | None]] = []  # None: the element's text, read below
    for element in tree.iter(*BLOCK_TAGS, *CELL_TAGS, *HIDDEN_TAGS):
        tag = element.tag  # a new string each time it is asked for
        if tag in HIDDEN_TAGS:
            hidden.update(element.iterdescendants())
            continue
        if element in hidden:
            continue
        layout = in_layout(element)
        if tag in CELL_TAGS:
            if layout:
                with suppress(ValueError):  # text that lxml cannot represent
                    found += [(element, text, True, linked) for text, linked in cell_stretches(element)]
            continue
        if tag == "tr" and layout:
            continue
        found.append((element, None, layout, None))
    texts = block_texts([element for element, text, _, _ in found if text is None])
    read = [(element, texts.get(element, "") if text is None else text, layout, linked)
            for element, text, layout, linked in found]
    read = [block for block in read if block[1]]
    ancestors = Ancestors()
    return [Block(text, element, k / len(read), ancestors, match_key(text), layout, linked)
            for k, (element, text, layout, linked) in enumerate(read)]


def is_data_table(table: Any) -> bool:
    """A table that holds data, not the page's layout: in more than one row, cells of text and
    inline elements, or of one block that holds them."""
    rows = [row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table]
    return len(rows) > 1 and all(is_data_cell(cell) for row in rows for cell in row if cell.tag in CELL_TAGS)


def is_data_cell(cell: Any) -> bool:
    blocks = 0
    for node in cell.iterdescendants():
        if node.tag == "table":
            return False
        blocks += node.tag in BLOCK_LEVEL_TAGS
        if blocks > 1:
            return False
    return True


def cell_stretches(cell: Any) -> list[tuple[str, float]]:
    """A layout cell's own text (its blocks, tables and cells are blocks of their own), cut at its
    line breaks and block-level elements: each stretch, and its share of link text."""
    from lxml import etree

    stretches: list[list[tuple[str, bool]]] = [[]]
    in_link = 0
    walk = etree.iterwalk(cell, events=("start", "end"))
    for event, node in walk:
        if event == "start":
            if node.tag in HIDDEN_TAGS or (node is not cell and node.tag in OWN_BLOCK_TAGS):
                walk.skip_subtree()
                stretches.append([])
                continue
            if node.tag == "br" or node.tag in BREAKING_TAGS:
                stretches.append([])
            in_link += node.tag == "a"
            stretches[-1].append((node.text or "", in_link > 0))
            continue
        in_link -= node.tag == "a"
        if node.tag in BREAKING_TAGS:
            stretches.append([])
        if node is not cell:
            stretches[-1].append((node.tail or "", in_link > 0))
    found = []
    for parts in stretches:
        text = " ".join("".join(part for part, _ in parts).split())
        if text:
            linked = sum(len(" ".join(part.split())) for part, is_link in parts if is_link)
            found.append((text, min(linked / len(text), 1.0)))
    return found


def element_tokens(element: Any, text: str, position: float, above: tuple[str, ...] = (),
                   depth: int = 0, linked: float | None = None,
                   known: dict[tuple[Any, ...], tuple[str, ...]] | None = None) -> tuple[str, ...]:
    """The evidence of one block: its tag, the tags and attribute words above it (``above``, in
    order: ``Ancestors``), its link density, depth and place on the page. ``known``: the evidence
    found before, by what it is made of (the items of one list share theirs: 3 blocks in 4 of a page's)."""
    if linked is None:
        linked = link_density(element, text, "a:a" in above)
    parts = (above, element.tag, min(depth // 4, 5), min(int(position * PAGE_POSITION_BINS), PAGE_POSITION_BINS - 1),
             attribute_words(element), min(int(linked * LINK_DENSITY_BINS), LINK_DENSITY_BINS - 1))
    found = known.get(parts) if known is not None else None
    if found is None:
        _, tag, depth_bin, position_bin, words, linked_bin = parts
        own = {f"t:{tag}", f"d:{depth_bin}", f"at:{position_bin}", f"ld:{linked_bin}", *(f"o:{word}" for word in words)}
        # None of its own tokens is one of those above ("a:" and "c:"), which are in order already:
        # the sort only merges its own in (half the time of sorting all).
        found = tuple(sorted([*above, *own]))
        if known is not None:
            known[parts] = found
    return found


@lru_cache(maxsize=4096)
def _words(value: str) -> tuple[str, ...]:
    return tuple(ATTRIBUTE_WORD.findall(CAMEL.sub(" ", value).lower())[:MAX_ATTRIBUTE_WORDS])


def attribute_words(element: Any) -> tuple[str, ...]:
    words: tuple[str, ...] = ()
    for name in ("class", "id"):
        value = element.get(name)
        if value:
            words += _words(value)
    return words


def link_density(element: Any, text: str, in_link: bool = False) -> float:
    """The share of a block's text that is link text (all of it inside a link)."""
    if in_link:
        return 1.0
    if next(element.iterdescendants("a"), None) is None:  # in C: ElementPath's find took twice as long
        return 0.0
    linked = sum(len(" ".join(text_content(link).split())) for link in element.iter("a"))
    return min(linked / max(len(text), 1), 1.0)


def text_content(element: Any) -> str:
    """lxml's ``text_content``, an XPath call, made only for an element that holds others."""
    return element.text_content() if len(element) else element.text or ""


def block_texts(elements: list[Any]) -> dict[Any, str]:
    """Each element's text (a row's as ``row_text`` writes it), but where lxml cannot represent it.
    Read from the last element up, so that a block inside another is walked once: the outer one
    takes what was read of it (the nodes walked for a page's blocks: half as many)."""
    known: dict[Any, str] = {}
    texts = {}
    for element in reversed(elements):
        try:
            if element.tag == "tr":
                texts[element] = row_text(element, known)
            else:
                known[element] = raw = raw_text(element, known)
                texts[element] = " ".join(raw.split())
        except ValueError:  # text that lxml cannot represent
            continue
    return texts


def raw_text(element: Any, known: dict[Any, str]) -> str:
    """An element's text, with a space where a nested block begins or ends: a heading and the
    paragraph after it inside one list item read "Title Text", not "TitleText", as the
    extractor gives them (lxml's text_content runs them together). Its spaces are collapsed by
    the caller; a block inside it whose text is ``known`` is not walked again."""
    if not len(element):
        return element.text or ""
    if not any(node.tag in SPLITTING_TAGS for node in element.iterdescendants()):
        return element.text_content()  # the same, in C: no space to add, no text to leave out
    from lxml import etree

    parts = []
    walk = etree.iterwalk(element, events=("start", "end", "comment", "pi"))
    for event, node in walk:
        if event == "start" and node.tag in HIDDEN_TAGS:
            walk.skip_subtree()  # its text is not shown; its tail is, at its end
            continue
        if event == "start" and node in known:  # a block (so a space on either side); its tail at its end
            parts.append(f" {known[node]}")
            walk.skip_subtree()
            continue
        if event == "start":
            parts.append(" " if node.tag in BREAKING_TAGS else "")
            parts.append(node.text or "")
            continue
        if event == "end":
            parts.append(" " if node.tag in BREAKING_TAGS else "")
        if node is not element:  # a comment's or element's tail is text of its parent
            parts.append(node.tail or "")
    return "".join(parts)


def row_text(row: Any, known: dict[Any, str]) -> str:
    """A table row as the extractor writes it: "| cell | cell |" ("" when no cell has text). Its
    cells' texts are added to ``known``."""
    cells = []
    for cell in row:
        if cell.tag in CELL_TAGS:
            known[cell] = raw = raw_text(cell, known)
            cells.append(" ".join(raw.split()))
    return "| " + " | ".join(cells) + " |" if any(cells) else ""


def line_keys(lines: Sequence[str], blocks: Sequence[Block]) -> list[str]:
    """Each line's words (``match_key``), taken from the block that reads as the line where one
    does: the extractor writes most blocks as they read, and finding the words took longer."""
    known = {block.text: block.key for block in blocks}
    return [known.get(" ".join(line.split())) or match_key(line) for line in lines]


def align(lines: Sequence[str], blocks: Sequence[Block], keys: Sequence[str] | None = None) -> list[int | None]:
    """For each extracted line, the block it came from (by its words, ``keys`` when they were
    found before; in page order where the same words occur twice), or None."""
    where: dict[str, list[int]] = defaultdict(list)
    for k, block in enumerate(blocks):
        where[block.key].append(k)
    found: list[int | None] = []
    last = -1
    for line, key in zip(lines, line_keys(lines, blocks) if keys is None else keys, strict=True):
        places = where.get(key) if line.strip() else None
        if not places:
            found.append(None)
            continue
        k = next((p for p in places if p > last), places[0])
        found.append(k)
        last = max(last, k)
    return found


@dataclass
class PageEvidence:
    """What the page says about each line of the text extracted from it."""

    tokens: list[tuple[str, ...]]  # the line's page evidence (``tokens_of``), weighed by the judge
    groups: list[int]  # the element holding the line's block (-1: none found): lines of one list, one box

    def __len__(self) -> int:
        return len(self.tokens)


def tokens_of(kept: bool, block: Block | None) -> tuple[str, ...]:
    """A line's page evidence: whether the extractor kept it, and its block's."""
    return tuple(chain(("x:kept" if kept else "x:missed",), block.tokens if block else ("t:none",)))
