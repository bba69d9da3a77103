"""How a run cleans: one frozen value, made once from the command line or a library call (as
black's ``Mode``), and read by every command, every worker and the batch ledger.
``pipeline.Cleaner`` is assembled from it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .record import Frozen, set_field
from .version import __version__

FilterOptions = tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]


class Settings(Frozen):
    """``only``: the filters (and "judge") to run, None for the defaults; ``skip``: those to leave
    out ("judge": the proposals are final); ``options``: per filter, its options (``options_of``);
    ``preset``: "precision" or "recall", the judge's threshold; ``time_budget``: seconds a document
    may take before it is passed through unchanged; ``site_counts``: documents come with their
    site's line counts (batch, corpus, the site memory), so the site filter runs first."""

    __slots__ = _fields = ("only", "skip", "options", "preset", "time_budget", "site_counts")
    only: tuple[str, ...] | None
    skip: tuple[str, ...]
    options: FilterOptions
    preset: str | None
    time_budget: float | None
    site_counts: bool

    def __init__(self, only: tuple[str, ...] | None = None, skip: tuple[str, ...] = (), options: FilterOptions = (),
                 preset: str | None = None, time_budget: float | None = None, site_counts: bool = False) -> None:
        set_field(self, "only", only)
        set_field(self, "skip", skip)
        set_field(self, "options", options)
        set_field(self, "preset", preset)
        set_field(self, "time_budget", time_budget)
        set_field(self, "site_counts", site_counts)

    @classmethod
    def make(cls, only: Iterable[str] | None = None, skip: Iterable[str] = (),
             options: Mapping[str, Mapping[str, Any]] | None = None, preset: str | None = None,
             time_budget: float | None = None, site_counts: bool = False) -> Settings:
        """Settings from plain values (options as ``{"teasers": {"min_relatedness": 0.3}}``)."""
        frozen = tuple(sorted((name, tuple(sorted(values.items()))) for name, values in (options or {}).items()))
        return cls(tuple(only) if only is not None else None, tuple(skip), frozen, preset, time_budget, site_counts)

    def options_of(self) -> dict[str, dict[str, Any]]:
        """The options as ``make`` took them: per filter, option name to value."""
        return {name: dict(values) for name, values in self.options}

    def key(self) -> str:
        """A short name for these settings and this version of newsclean: outputs made with the same
        key are made alike (the batch ledger, caches)."""
        import hashlib  # only a run that keeps a ledger asks: a plain clean does not load OpenSSL
        import json

        fields = dict(zip(self._fields, self._values(), strict=True))  # as dataclasses.asdict gave them
        described = json.dumps([__version__, fields], sort_keys=True, default=str)
        return hashlib.sha256(described.encode()).hexdigest()[:16]
