"""Markdown from scrapers (html2text, Firecrawl, Jina Reader, crawl4ai) is judged by what a reader sees.

In Markdown a menu item is "* [Sport](https://example.com/sport/)" and a credit
"![](https://cdn.example.com/a.jpg) Foto: dpa": the URLs and the marks hide the words the
filters judge by. So each paragraph is judged by its text (link text, image alt text, no
emphasis, list, heading or quote marks), and its lines kept or dropped as written. What the
syntax tells is kept too: how much of a line is link text (see the ``links`` filter).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

from ..rules.regex import compiled

# "[text](url "title")" and "![alt](url)"; a URL may hold one level of parentheses. Text and
# emphasis stop at the next bracket or mark, so a line of a thousand "[" or "*" costs linear time.
IMAGE = compiled(r"!\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
LINK = compiled(r"\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
REFERENCE_LINK = compiled(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
AUTOLINK = compiled(r"<(https?://[^>\s]+)>")
EMPHASIS = compiled(r"(?<![\w*_])(\*\*|__|\*|_)(?=[^\s*_])([^*_]+)(?<=[^\s*_])\1(?![\w*_])")
# What opens a block: a heading, a quote, a list item (a table row opens one too, and keeps its pipes).
MARKER = r"#{1,6}\s+|>\s?|[*+-]\s+|\d{1,3}[.)]\s+"
BLOCK_MARK = compiled(rf"^\s*({MARKER})+")
BLOCK_START = compiled(rf"^\s*({MARKER}|\|)")
HEADING = compiled(r"^\s*#{1,6}\s")
RULE = compiled(r"^\s*([-*_])(\s*\1){2,}\s*$")
CELL_BORDER = compiled(r"(?<!\\)\|")  # a pipe between cells; "\|" is one in a cell
# The rule under a table's first row ("|---|---|"), which the extractor writes as a line of its own.
TABLE_RULE = compiled(r"^\|?(\s*:?-{3,}:?\s*\|)+\s*(:?-{3,}:?)?\s*$")
ESCAPE = compiled(r"\\([\\`*_{}\[\]()#+\-.!|<>&])")
# A text is Markdown when this many lines hold a link or an image in its syntax (a "# " alone can be
# a hashtag in plain text).
MIN_MARKDOWN_LINES = 3


def is_markdown(lines: list[str]) -> bool:
    found = 0
    for line in lines:
        if "](" in line and LINK.search(line):  # an image's syntax holds a link's
            found += 1
            if found >= MIN_MARKDOWN_LINES:
                return True
    return False


def continuations(lines: list[str]) -> dict[int, int]:
    """For each line that continues a Markdown paragraph, the index of the paragraph's first line.

    In Markdown a paragraph runs to the next blank line (a tool may have wrapped it, links and
    all); a list item, heading, quote, table row or rule starts a new block, a heading ends its
    own, and two trailing spaces end a line."""
    heads: dict[int, int] = {}
    for i in range(len(lines) - 1):
        line, following = lines[i], lines[i + 1]
        if (not line.strip() or not following.strip() or line.endswith("  ") or HEADING.match(line)
                or BLOCK_START.match(following) or RULE.match(following) or RULE.match(line)):
            continue
        heads[i + 1] = heads.get(i, i)
    return heads


def link_share(line: str) -> float:
    """How much of a Markdown line's text is link text: menus and teaser lists are all links."""
    text = plain(line)
    if not text:
        return 0.0
    linked = sum(len(plain(found.group(1))) for found in LINK.finditer(IMAGE.sub("", line)))
    return min(linked / len(text), 1.0)


def plain(line: str) -> str:
    """The text of one Markdown line, as a reader sees it. An escaped mark ("\\*", "\\[") is text,
    never syntax."""
    if RULE.match(line):
        return ""
    text = ESCAPE.sub(lambda found: chr(_HIDDEN + ord(found.group(1))), line) if "\\" in line else line
    text = IMAGE.sub(r"\1", text)
    text = LINK.sub(r"\1", text)
    text = REFERENCE_LINK.sub(r"\1", text)
    text = AUTOLINK.sub(r"\1", text)
    text = BLOCK_MARK.sub("", text)
    text = EMPHASIS.sub(r"\2", text)
    return text.translate(_SHOWN).strip()


# ------------------------------------------------------------------------------ Markdown out
# An escaped mark is hidden as a private-use character while the syntax is read.
_HIDDEN = 0xE000
_SHOWN = {_HIDDEN + ord(mark): mark for mark in "\\`*_{}[]()#+-.!|<>&"}
# Escaped wherever they stand: emphasis, code and link marks, and "<", which would open raw HTML
# ("<img onerror=…>", "<!--") or an autolink.
ESCAPED_ANYWHERE = str.maketrans({mark: "\\" + mark for mark in "\\`*_[]<"})
# An "&" that a renderer would read as the start of a character reference ("&lt;" in the page's text
# would become "<").
ENTITY_START = compiled(r"&(?=#?[0-9A-Za-z]+;)")
# Escapes that not every renderer knows (Python-Markdown reads "\\<" as a backslash before raw HTML):
# written as character references, which all do ("&lt;", and "&amp;" for an "&" that starts one).
AS_REFERENCE = compiled(r"\\([\\<&])")
REFERENCES = {"\\": "\\\\", "<": "&lt;", "&": "&amp;"}
# A link target keeps only these schemes (or none: a relative link); its characters that Markdown
# would read (spaces, parentheses, angle brackets, backslashes, controls) are percent-encoded.
SAFE_SCHEMES = frozenset({"http", "https"})
UNSAFE_IN_TARGET = compiled(r"[\x00-\x20\x7f-\x9f()<>\\]")
EMPHASIS_MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*"}
HEADINGS = {f"h{n}": "#" * n + " " for n in range(1, 7)}
PREFIXES = {**HEADINGS, "li": "- ", "blockquote": "> "}


def escape(text: str) -> str:
    """Text that reads as itself in Markdown: marks escaped, and a line that would open a block."""
    return escape_start(escape_inline(text))


def escape_start(text: str) -> str:
    """Text that opens no block: a heading, quote, list item, table row or rule mark escaped."""
    if not (BLOCK_START.match(text) or RULE.match(text)):
        return text
    at = len(text) - len(text.lstrip())
    if text[at].isdigit():  # "1. " is escaped at its full stop
        at += len(text[at:]) - len(text[at:].lstrip("0123456789"))
    return text[:at] + "\\" + text[at:]


def block_markdown(element: Any, url: str = "") -> tuple[str, str]:
    """A page block as Markdown: the mark that opens it (heading, list item, quote) and its text
    with links and emphasis; a table row as "| cell | cell |"."""
    from .page import BREAKING_TAGS, CELL_TAGS, HIDDEN_TAGS

    def inner(node: Any) -> str:
        parts = [escape_inline(node.text or "")]
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and tag not in HIDDEN_TAGS:
                text = inner(child)
                target = link_target(child.get("href", ""), url) if tag == "a" else None
                if target and text.strip():
                    text = f"[{' '.join(text.split())}]({target})"
                elif tag in EMPHASIS_MARKS and text.strip():
                    mark = EMPHASIS_MARKS[tag]
                    text = f"{mark}{' '.join(text.split())}{mark}"
                elif tag in BREAKING_TAGS:
                    text = f" {text} "
                parts.append(text)
            parts.append(escape_inline(child.tail or ""))
        return "".join(parts)

    if element.tag == "tr":
        cells = (" ".join(inner(cell).split()).replace("|", "\\|") for cell in element if cell.tag in CELL_TAGS)
        return "", "| " + " | ".join(cells) + " |"
    return PREFIXES.get(element.tag, ""), escape_start(" ".join(inner(element).split()))


def escape_inline(text: str) -> str:
    """Text inside a line: its emphasis, code, link and HTML marks escaped, and an "&" that would
    start a character reference."""
    return ENTITY_START.sub(r"\\&", text.translate(ESCAPED_ANYWHERE))


def link_target(href: str, url: str = "") -> str | None:
    """A link's target as Markdown writes it (resolved against the page's ``url``), or None for a
    link to leave as text: a fragment, mailto, javascript: and any scheme but http and https."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    try:
        target = urljoin(url, href) if url else href
        scheme = urlsplit(target).scheme.lower()  # as a browser reads it: "java\tscript:" is javascript
    except ValueError:  # not a URL at all ("http://[")
        return None
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    return ENTITY_START.sub("&amp;", UNSAFE_IN_TARGET.sub(lambda found: f"%{ord(found.group()):02X}", target))


def line_markdown(line: str, rendered: tuple[str, str] | None) -> str:
    """One line of the text as Markdown: its block's rendering when that reads as the line (the
    extractor may have spaced or cut it otherwise), else the line escaped, under its block's mark.
    Whatever the page held, the result is inert: its text is escaped, its links are safe. (The
    extractor escapes a pipe inside a table cell, and decodes a character reference in the page's
    text once more: "&amp;lt;" gives "<"; the block's rendering keeps it as the page shows it.)"""
    import html  # its table of entities is a start-up's cost, and a plain clean writes no Markdown

    if TABLE_RULE.match(line.strip()):  # dashes, colons and pipes: nothing to escape
        return line.strip()
    prefix, text = rendered or ("", "")
    wanted = " ".join((line.replace("\\|", "|") if line.lstrip().startswith("|") else line).split())
    shown = plain(prefix + text)
    if text and wanted in (" ".join(shown.split()), " ".join(html.unescape(shown).split())):
        return _written(prefix + text)
    escaped = escape(line.strip())
    return _written(prefix + escaped if " ".join(plain(prefix + escaped).split()) == " ".join(line.split())
                    else escaped)


def _written(markdown: str) -> str:
    """Markdown as written out: "\\<" and "\\&" as character references."""
    return AS_REFERENCE.sub(lambda found: REFERENCES[found.group(1)], markdown)
