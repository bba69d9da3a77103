"""The filter contract: a name, a description, options, and a step that returns decisions.

Filters only decide; the pipeline applies their decisions (as in dolma's taggers), so every
removal carries its filter's name and a reason code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from ..core.document import Document, Drop


class Filter:
    """Base class for built-in and plug-in filters.

    Subclasses set ``name``, ``description`` and, when they take options, ``options``: a dict
    of option name to default value (the default's type is how ``-F name:key=value`` strings
    are converted).
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    default: ClassVar[bool] = True
    options: ClassVar[dict[str, Any]] = {}

    def __init__(self, **options: Any) -> None:
        unknown = sorted(set(options) - set(self.options))
        if unknown:
            known = ", ".join(sorted(self.options)) or "none"
            raise ValueError(f"filter {self.name!r} has no option {unknown[0]!r} (options: {known})")
        self.settings = {**self.options, **options}

    def step(self, doc: Document) -> Iterable[Drop]:
        raise NotImplementedError

    def drop(self, index: int, reason: str, detail: str = "", ref: int | None = None) -> Drop:
        """``ref``: the line whose fate this drop depends on (a repeat's original): a drop by
        reference to a line that is itself dropped does not stand (``Judge.decide``)."""
        return Drop(index=index, reason=reason, detail=detail, filter=self.name, ref=ref)


def line_filter(
    name: str, description: str, default: bool = True, **options: Any
) -> Callable[[Callable[..., Iterable[Drop]]], type[Filter]]:
    """Turn a plain function ``fn(doc, **options) -> drops`` into a Filter class (as pygments does)."""

    def wrap(fn: Callable[..., Iterable[Drop]]) -> type[Filter]:
        def step(self: Filter, doc: Document) -> Iterable[Drop]:
            for decision in fn(doc, **self.settings):
                yield Drop(decision.index, decision.reason, decision.detail, filter=self.name)

        attrs = {
            "name": name,
            "description": description,
            "default": default,
            "options": dict(options),
            "step": step,
            "__doc__": fn.__doc__,
            "__module__": fn.__module__,
        }
        return type(fn.__name__, (Filter,), attrs)

    return wrap
