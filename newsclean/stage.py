"""The base of what a run is assembled from (``registry.build_stages``): the filters
(``filters.base.Filter``) and the judge (``judge.decide.Judge``), apart from both."""

from __future__ import annotations

from typing import Any, ClassVar


class Stage:
    """What the command line can name (``--only``, ``--skip``) and set options of (``-F``): every
    filter, and the judge."""

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
