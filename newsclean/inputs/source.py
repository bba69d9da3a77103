"""What an input became: its plain text, and what the page said about itself.

Of its own so that the HTML extraction, which makes one, need not import the loading that calls it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..record import Record

if TYPE_CHECKING:
    from .page import PageEvidence


class Source(Record):
    """Input turned into plain text, and what the page said about itself (HTML only)."""

    __slots__ = _fields = ("text", "is_html", "metadata", "encoding", "replaced", "compression", "url", "page",
                           "warning", "markdown", "head")
    text: str
    is_html: bool
    metadata: dict[str, Any]
    encoding: str
    replaced: int  # bad bytes replaced by U+FFFD while decoding
    compression: str | None  # "gzip" or "zstd": how the input was packed
    url: str  # the page's own URL (its canonical link, or og:url), if it gives one
    page: PageEvidence | None  # HTML: what the page says about each line
    warning: str  # HTML: what could not be read of the page
    markdown: list[str] | None  # HTML, when asked for: each line as Markdown
    head: dict[str, str]  # HTML: its headline, author, date (extraction.page_head)

    def __init__(self, text: str, is_html: bool = False, metadata: dict[str, Any] | None = None,
                 encoding: str = "utf-8", replaced: int = 0, compression: str | None = None, url: str = "",
                 page: PageEvidence | None = None, warning: str = "", markdown: list[str] | None = None,
                 head: dict[str, str] | None = None) -> None:
        self.text, self.is_html, self.metadata = text, is_html, {} if metadata is None else metadata
        self.encoding, self.replaced, self.compression, self.url = encoding, replaced, compression, url
        self.page, self.warning, self.markdown, self.head = page, warning, markdown, {} if head is None else head
