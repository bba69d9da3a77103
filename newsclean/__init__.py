"""newsclean: strip boilerplate from scraped news text and keep the article body.

    >>> import newsclean
    >>> result = newsclean.clean(text)
    >>> result.text, [(d.filter, d.reason) for d in result.drops]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .filters.base import Filter, line_filter
from .model import Document, Drop, LineVerdict, Result
from .pipeline import run
from .registry import FilterError, available_filters, build_filters

__version__ = "0.1.0"


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
) -> Result:
    """Clean one document of plain text (one paragraph a line).

    Pass ``filters`` to reuse instances across many documents; otherwise they are built from
    ``only``/``skip``/``options`` (see ``newsclean filters``) and ``preset`` ("precision" drops
    more, "recall" keeps more). ``from_html``: the text was extracted from a page (``load`` tells:
    ``Source.is_html``), which the judge weighs: the extractor has judged the page's layout already.
    ``time_budget``: seconds after which the text is passed through unchanged (see
    ``Result.passed_through``).
    """
    if filters is None:
        filters = build_filters(only=only, skip=skip, options=options, preset=preset)
    return run(text, filters, from_html, time_budget)


__all__ = [
    "Document", "Drop", "Filter", "FilterError", "LineVerdict", "Result",
    "__version__", "available_filters", "build_filters", "clean", "line_filter",
]
