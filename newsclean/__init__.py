"""newsclean: strip boilerplate from scraped news text and keep the article body.

    >>> import newsclean
    >>> result = newsclean.clean(text)
    >>> result.text, [(d.filter, d.reason) for d in result.drops]

Many documents with the same settings: ``cleaner = Cleaner.from_settings(Settings.make(...))``,
then ``cleaner.clean(text)`` for each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .core.document import Document, Drop, LineVerdict, Result, SiteCounts
from .filters.base import Filter, line_filter
from .filters.site import SiteBoilerplate
from .pipeline import Cleaner
from .registry import FilterError, available_filters, build_filters, split_stages
from .settings import Settings
from .version import __version__

if TYPE_CHECKING:
    from .inputs.page import PageEvidence
    from .sites.memory import SiteMemory


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
    ``Result.title``, ``author`` and ``date`` (from text alone, or where the page says nothing of
    them, the headline, byline and date line are found in the text).
    ``time_budget``: seconds after which the text is passed through unchanged (see
    ``Result.passed_through``). ``memory``: a ``SiteMemory`` that counts, across runs, in how
    many of the site's documents each line occurs (the site is ``url``'s host; the document is
    remembered under ``url``); a line in at least ``min_docs`` of them goes as ``remembered``.
    """
    if filters is None:
        settings = Settings.make(only, skip, options, preset, time_budget, site_counts=memory is not None)
        cleaner = Cleaner.from_settings(settings)
    else:
        given, judge = split_stages(filters)
        if memory is not None and all(f.name != SiteBoilerplate.name for f in given):
            given = [SiteBoilerplate(), *given]
        cleaner = Cleaner(given, judge, time_budget)
    site = None
    if memory is not None:
        from .sites.hashing import host_of  # a site's counts only: a plain clean hashes nothing

        host = host_of(url)
        if not host:
            raise ValueError(f"a site memory needs the document's URL, with a host (got {url!r})")
        site = SiteCounts(recall=memory.recall(host, url))
    return cleaner.clean(text, from_html=from_html, page=page, head=head, site=site)


__all__ = [
    "Cleaner", "Document", "Drop", "Filter", "FilterError", "LineVerdict", "MemoryUnavailable", "Result", "Settings",
    "SiteCounts", "SiteMemory", "__version__", "available_filters", "build_filters", "clean", "line_filter",
]
