"""What the filters judge: the text as it reads, a paragraph a line.

Plain text one paragraph a line is judged as it is. Hard-wrapped text (see ``wrapping``) and
Markdown (see ``markdown``) spread a paragraph over several lines: each paragraph is judged on
its first line, its other lines left blank, and Markdown by its text without the syntax. The
verdict on a paragraph applies to all its lines as written.
"""

from __future__ import annotations

from ..inputs import markdown
from . import wrapping


def judged_lines(lines: list[str]) -> tuple[list[str], dict[int, int], dict[int, float]]:
    """The lines as the filters see them; for each continuation line, its paragraph's first line;
    and for Markdown, how much of each paragraph is link text."""
    if markdown.is_markdown(lines):
        return markdown_lines(lines)
    heads = wrapping.continuations(lines)
    return (wrapping.join_paragraphs(lines, heads) if heads else lines), heads, {}


def markdown_lines(lines: list[str]) -> tuple[list[str], dict[int, int], dict[int, float]]:
    """``judged_lines`` for text known to be Markdown."""
    heads = markdown.continuations(lines)
    joined = wrapping.join_paragraphs(lines, heads)
    view = [markdown.plain(line) for line in joined]
    return view, heads, {i: markdown.link_share(line) for i, line in enumerate(joined) if view[i]}
