"""Where filters come from (the built-ins, then plug-ins of the entry-point group
``newsclean.filters``), and which of them, with the judge, a run uses."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from .filters import BUILTIN_FILTERS
from .filters.base import Filter
from .filters.site import SiteBoilerplate
from .judge import Judge
from .plugins import entry_points, load
from .settings import Settings
from .stage import Stage

ENTRY_POINT_GROUP = "newsclean.filters"
# One knob for the precision/recall trade-off: the judge's threshold on p(body), on top of the
# default balance (which keeps body text first). Measured in docs/training.md.
PRESETS: dict[str, dict[str, dict[str, Any]]] = {
    "precision": {"judge": {"threshold": 0.65}},
    "recall": {"judge": {"threshold": 0.2}},
}


class FilterError(ValueError):
    """A filter or option the user named does not exist, or two filters share a name."""


@lru_cache(maxsize=1)
def available_filters() -> dict[str, type[Stage]]:
    """What ``--only``, ``--skip`` and ``-F`` name: the built-in filters (in pipeline order), the
    judge, then plug-in filters by name."""
    found: dict[str, type[Stage]] = {cls.name: cls for cls in (*BUILTIN_FILTERS, Judge)}
    for name, value in entry_points(ENTRY_POINT_GROUP):
        try:
            cls = load(value)
        except Exception as exc:  # a broken plug-in must not take the tool down
            warnings.warn(f"newsclean: plug-in {name!r} failed to load: {exc}", stacklevel=2)
            continue
        if not (isinstance(cls, type) and issubclass(cls, Filter)):
            warnings.warn(f"newsclean: plug-in {name!r} is not a newsclean Filter", stacklevel=2)
            continue
        if cls.name in found:
            raise FilterError(f"two filters are named {cls.name!r} (plug-in {value})")
        found[cls.name] = cls
    return found


def build_stages(settings: Settings) -> tuple[list[Filter], Judge | None]:
    """The filters to run, in order, and the judge (None when ``settings`` leave it out: then the
    filters' proposals are final): ``only`` (in pipeline order) or all on-by-default ones, less
    ``skip``. With site counts the site filter runs first, whatever ``only`` and ``skip`` say (there
    the way to leave it out is not to count: batch's --no-site-boilerplate).

    ``preset`` ("precision" or "recall") sets options first; explicit ``options`` override it, and
    may only be given for filters that run. FilterError names what is wrong.
    """
    known = available_filters()
    if settings.preset is not None and settings.preset not in PRESETS:
        raise FilterError(f"unknown preset {settings.preset!r} (known: {', '.join(PRESETS)})")
    given = settings.options_of()
    options = {name: dict(values) for name, values in PRESETS.get(settings.preset or "", {}).items()}
    for name, values in given.items():
        options.setdefault(name, {}).update(values)
    only, skip = settings.only, settings.skip
    for name in [*(only or []), *skip, *options]:
        if name not in known:
            raise FilterError(f"unknown filter {name!r} (known: {', '.join(known)})")
    chosen = [n for n in known if (n in only if only is not None else known[n].default) and n not in skip]
    if settings.site_counts:
        chosen = [SiteBoilerplate.name, *(n for n in chosen if n != SiteBoilerplate.name)]
    for name in given:  # an option for a filter that does not run would be silently lost
        if name not in chosen:
            raise FilterError(f"options given for the filter {name!r}, which does not run "
                              f"({'--skip leaves it out' if name in skip else 'not in --only, or off by default'})")
    try:
        stages = {name: known[name](**options.get(name, {})) for name in chosen}
    except ValueError as exc:
        raise FilterError(str(exc)) from None
    judge = stages.pop(Judge.name, None)
    filters = [stage for stage in stages.values() if isinstance(stage, Filter)]
    return filters, judge if isinstance(judge, Judge) else None


def build_filters(only: Iterable[str] | None = None, skip: Iterable[str] = (),
                  options: dict[str, dict[str, Any]] | None = None, preset: str | None = None) -> list[Stage]:
    """``build_stages`` as a list for ``newsclean.clean(filters=…)``: the filters, then the judge
    when it runs."""
    filters, judge = build_stages(Settings.make(only, skip, options, preset))
    return [*filters, *([judge] if judge else [])]


def split_stages(stages: Iterable[Stage]) -> tuple[list[Filter], Judge | None]:
    """A list such as ``build_filters`` gives, as the filters and the judge (None when it holds none)."""
    stages = list(stages)
    return [s for s in stages if isinstance(s, Filter)], next((s for s in stages if isinstance(s, Judge)), None)


def parse_option(spec: str) -> tuple[str, str, Any]:
    """Parse ``name:key=value`` (the ``-F`` syntax) and convert value to the option's type."""
    name, sep, rest = spec.partition(":")
    key, eq, value = rest.partition("=")
    if not (sep and eq and name and key):
        raise FilterError(f"bad filter option {spec!r}: expected NAME:KEY=VALUE")
    known = available_filters()
    if name not in known:
        raise FilterError(f"unknown filter {name!r} (known: {', '.join(known)})")
    defaults = known[name].options
    if key not in defaults:
        listed = ", ".join(sorted(defaults)) or "none"
        raise FilterError(f"filter {name!r} has no option {key!r} (options: {listed})")
    return name, key, _convert(value, defaults[key], spec)


def _convert(value: str, default: Any, spec: str) -> Any:
    try:
        if isinstance(default, bool):
            if value.lower() not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                raise ValueError(value)
            return value.lower() in {"1", "true", "yes", "on"}
        if isinstance(default, (int, float)):
            return type(default)(value)
    except ValueError:
        raise FilterError(f"bad value in {spec!r}: expected {type(default).__name__}") from None
    return value
