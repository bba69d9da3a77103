"""newsclean: strip boilerplate from scraped news text and keep the article body.

    >>> import newsclean
    >>> result = newsclean.clean(text)
    >>> result.text, [(d.filter, d.reason) for d in result.drops]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .core.document import Document, Drop, LineVerdict, Result
from .filters.base import Filter, line_filter
from .pipeline import run
from .registry import FilterError, available_filters, build_filters
from .sites.hashing import host_of

if TYPE_CHECKING:
    from .inputs.page import PageEvidence
    from .sites.memory import SiteMemory

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """The site memory is imported on first use (SQLite is not needed for a plain clean)."""
    if name in ("SiteMemory", "MemoryUnavailable"):
        from .sites import memory

        return getattr(memory, name)
    raise AttributeError(f"module 'newsclean' has no attribute {name!r}")


def clean(
    text: str,
    *,
    only: Iterable[str] | None = None,
    skip: Iterable[str] = (),
    options: dict[str, dict[str, Any]] | None = None,
    filters: Sequence[Filter] | None = None,
    preset: str | None = None,
    from_html: bool = False,
    time_budget: float | None = None,
    memory: SiteMemory | None = None,
    url: str | None = None,
    page: PageEvidence | None = None,
    head: dict[str, str] | None = None,
) -> Result:
    """Clean one document of plain text (one paragraph a line).

    Pass ``filters`` to reuse instances across many documents; otherwise they are built from
    ``only``/``skip``/``options`` (see ``newsclean filters``) and ``preset`` ("precision" drops
    more, "recall" keeps more). ``from_html``: the text was extracted from a page (``load`` tells:
    ``Source.is_html``), which the judge weighs: the extractor has judged the page's layout already.
    ``page``: what the page says about each line (``Source.page``), which the judge weighs too;
    ``head``: what it says of its headline, author and date (``Source.head``), given back in
    ``Result.title``, ``author`` and ``date`` (from text alone, the headline is found in the text).
    ``time_budget``: seconds after which the text is passed through unchanged (see
    ``Result.passed_through``). ``memory``: a ``SiteMemory`` that counts, across runs, in how
    many of the site's documents each line occurs (the site is ``url``'s host; the document is
    remembered under ``url``); a line in at least ``min_docs`` of them goes as ``remembered``.
    """
    if filters is None:
        filters = build_filters(only=only, skip=skip, options=options, preset=preset)
    if memory is not None:
        site = host_of(url)
        if not site:
            raise ValueError(f"a site memory needs the document's URL, with a host (got {url!r})")
        from .sites.memory import with_memory

        min_docs = (options or {}).get("site_boilerplate", {}).get("min_docs")
        filters = with_memory(filters, memory, site, url, min_docs=min_docs)
    return run(text, filters, from_html, time_budget, page, head)


__all__ = [
    "Document", "Drop", "Filter", "FilterError", "LineVerdict", "MemoryUnavailable", "Result", "SiteMemory",
    "__version__", "available_filters", "build_filters", "clean", "line_filter",
]
