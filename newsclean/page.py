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
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Any

# The page's blocks, as a paragraph scraper sees them. A table row is one block, its cells
# joined as the extractor joins them.
BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "figcaption", "tr")
CELL_TAGS = ("td", "th")
# Elements that break a line when rendered: their text is not run into the text beside them.
BREAKING_TAGS = frozenset({*BLOCK_TAGS, *CELL_TAGS, "br", "div", "ul", "ol", "dl", "table", "section", "article",
                           "figure", "header", "footer", "aside", "nav"})
# Words of class and id attributes: camelCase and kebab-case split, lowercased, at most this many
# from one attribute (utility-class soup says little), of this length.
MAX_ATTRIBUTE_WORDS = 8
ATTRIBUTE_WORD = re.compile(r"[a-z]{3,24}")
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
LINK_DENSITY_BINS = 4
PAGE_POSITION_BINS = 5
WORD = re.compile(r"\w+")


@dataclass
class Block:
    text: str
    element: Any  # the lxml element
    position: float  # where on the page, from 0 (top) to 1
    ancestors: Ancestors
    _tokens: tuple[str, ...] | None = None

    @property
    def tokens(self) -> tuple[str, ...]:
        """Its evidence, for the judge (found when first asked: most blocks are never judged)."""
        if self._tokens is None:
            above, depth = self.ancestors.of(self.element.getparent())
            self._tokens = element_tokens(self.element, self.text, self.position, above, depth)
        return self._tokens


class Ancestors:
    """What an element inherits from the elements above it (their tags and attribute words) and
    its depth, found once per element and shared by everything below it."""

    def __init__(self) -> None:
        self.known: dict[Any, tuple[frozenset[str], int]] = {}

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


def match_key(text: str) -> str:
    """A block's words, for finding it in an extractor's line (which may mark a list item with
    "- " or a table row with pipes)."""
    return " ".join(WORD.findall(text.lower()))


def page_blocks(tree: Any) -> list[Block]:
    """Every paragraph-like element with text, in page order."""
    found = []
    for element in tree.iter(BLOCK_TAGS):
        try:
            text = row_text(element) if element.tag == "tr" else block_text(element)
        except ValueError:  # text that lxml cannot represent
            continue
        if text:
            found.append((element, text))
    ancestors = Ancestors()
    return [Block(text, element, k / len(found), ancestors) for k, (element, text) in enumerate(found)]


def element_tokens(element: Any, text: str, position: float, above: frozenset[str] = frozenset(),
                   depth: int = 0) -> tuple[str, ...]:
    """The evidence of one block: its tag, the tags and attribute words above it (``above``), its
    link density, depth and place on the page."""
    tokens = set(above)
    tokens.add(f"t:{element.tag}")
    tokens.add(f"d:{min(depth // 4, 5)}")
    tokens.add(f"at:{min(int(position * PAGE_POSITION_BINS), PAGE_POSITION_BINS - 1)}")
    tokens.update(f"o:{word}" for word in attribute_words(element))
    tokens.add(f"ld:{min(int(link_density(element, text, 'a:a' in above) * LINK_DENSITY_BINS), LINK_DENSITY_BINS - 1)}")
    return tuple(sorted(tokens))


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
    if element.find(".//a") is None:
        return 0.0
    linked = sum(len(" ".join(link.text_content().split())) for link in element.iter("a"))
    return min(linked / max(len(text), 1), 1.0)


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


def row_text(row: Any) -> str:
    """A table row as the extractor writes it: "| cell | cell |" ("" when no cell has text)."""
    cells = [block_text(cell) for cell in row if cell.tag in CELL_TAGS]
    return "| " + " | ".join(cells) + " |" if any(cells) else ""


def align(lines: Sequence[str], blocks: Sequence[Block]) -> list[int | None]:
    """For each extracted line, the block it came from (by its words; in page order where the
    same words occur twice), or None."""
    where: dict[str, list[int]] = defaultdict(list)
    for k, block in enumerate(blocks):
        where[match_key(block.text)].append(k)
    found: list[int | None] = []
    last = -1
    for line in lines:
        places = where.get(match_key(line)) if line.strip() else None
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
