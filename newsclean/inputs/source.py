"""What an input became: its plain text, and what the page said about itself.

Of its own so that the HTML extraction, which makes one, need not import the loading that calls it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .page import PageEvidence


@dataclass
class Source:
    """Input turned into plain text, and what the page said about itself (HTML only)."""

    text: str
    is_html: bool = False
    metadata: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"
    replaced: int = 0  # bad bytes replaced by U+FFFD while decoding
    compression: str | None = None  # "gzip" or "zstd": how the input was packed
    url: str = ""  # the page's own URL (its canonical link, or og:url), if it gives one
    page: PageEvidence | None = None  # HTML: what the page says about each line
    warning: str = ""  # HTML: what could not be read of the page
    markdown: list[str] | None = None  # HTML, when asked for: each line as Markdown
    head: dict[str, str] = field(default_factory=dict)  # HTML: its headline, author, date (extraction.page_head)
