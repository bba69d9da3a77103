"""Hard-wrapped text (lynx -dump, html2text, mail: 60 to 80 columns) is judged a paragraph at a time.

Filters judge lines, and in hard-wrapped text a line is a fragment: a paragraph's second line
has no capital at its start, its last line no words to count. So the lines a paragraph was
wrapped into are joined before judging, and every one of them shares its paragraph's verdict.

A tool breaks a line only when the next word would not fit; a paragraph's last line ends short
of the width. So a line continues on the next one when that line's first word would have
overflowed it. The width is the one that explains the most line breaks. Text written one
paragraph a line has many lines longer than any such width, and is left as it is.
"""

from __future__ import annotations

from .text import ends_sentence

# Widths tools wrap at; lines longer than this are paragraphs written on one line.
MIN_WIDTH = 40
MAX_WIDTH = 100
# Wrapped text has almost no line longer than its width (a long URL, a table row) ...
MAX_OVERLONG_SHARE = 0.1
# ... and the width explains most of its line breaks (a blank line ends a paragraph, the rest are wraps).
MIN_CONTINUED_SHARE = 0.5
MIN_CONTINUED = 3


def continuations(lines: list[str]) -> dict[int, int]:
    """For each line that continues a wrapped paragraph, the index of the paragraph's first line.

    Empty when the text is not hard-wrapped."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    # No width past MAX_WIDTH is tried, so a line longer than that is overlong at every width: text
    # with enough of them (most text written a paragraph a line) is known unwrapped without the search.
    if sum(len(lines[i].rstrip()) > MAX_WIDTH for i in content) > MAX_OVERLONG_SHARE * len(content):
        return {}
    followed = [i for i in content if i + 1 < len(lines) and lines[i + 1].strip()]
    # Each line followed by another could have been broken at any width from its own length up to
    # its length plus the next word; the width that explains the most breaks is the wrap width.
    # A line that ends a sentence may as well end a paragraph written on one line: no evidence.
    breaks = [(i, len(lines[i].rstrip()), len(lines[i + 1].split(None, 1)[0]))
              for i in followed if not ends_sentence(lines[i])]
    if not breaks:
        return {}
    explained = [0] * (MAX_WIDTH + 2)
    for _, length, word in breaks:
        if length <= MAX_WIDTH:
            explained[length] += 1
            explained[min(length + word + 1, MAX_WIDTH + 1)] -= 1
    running, best, width = 0, 0, 0
    for candidate in range(MAX_WIDTH + 1):
        running += explained[candidate]
        if candidate >= MIN_WIDTH and running >= best:  # on a tie, the wider: fewer lines overlong
            best, width = running, candidate
    overlong = sum(len(lines[i].rstrip()) > width for i in content)
    too_few = best < MIN_CONTINUED or best < MIN_CONTINUED_SHARE * len(followed)
    if too_few or overlong > MAX_OVERLONG_SHARE * len(content):
        return {}
    heads: dict[int, int] = {}
    for i, length, word in breaks:
        if length <= width < length + 1 + word:
            heads[i + 1] = heads.get(i, i)
    return heads


def join_paragraphs(lines: list[str], heads: dict[int, int]) -> list[str]:
    """The lines as filters see them: each paragraph on its first line, its other lines blank."""
    joined = list(lines)
    parts: dict[int, list[str]] = {}
    for i, head in heads.items():
        parts.setdefault(head, [lines[head].rstrip()]).append(lines[i].strip())
        joined[i] = ""
    for head, texts in parts.items():
        joined[head] = " ".join(texts)
    return joined
