"""Plug-ins' entry points, found without importing importlib.metadata on every run.

Reading the installed packages' metadata takes importlib.metadata (about 20 ms to import, as much
as the rest of a plain ``clean``). What it finds changes only when packages are installed or
removed, which changes the folders on ``sys.path``; so the entry points of newsclean's groups are
kept in the cache folder (see ``cache``), keyed by those folders and their modification times.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from importlib import import_module
from typing import Any

from .cache import cached

GROUPS = ("newsclean.filters", "newsclean.phrases")


def _installed_key() -> str:
    """What changes when a package is installed or removed: the folders on sys.path and their mtimes."""
    stamps = [sys.version]
    here = os.getcwd()
    for folder in sys.path:
        if folder in ("", here):  # `python -m` puts the working folder first; it changes with every file
            continue
        try:
            stamps.append(f"{folder}:{os.stat(folder or '.').st_mtime_ns}")
        except OSError:
            stamps.append(f"{folder}:-")
    return "\n".join(stamps)


def _scan() -> dict[str, list[tuple[str, str]]]:
    from importlib.metadata import entry_points

    return {group: sorted({(ep.name, ep.value) for ep in entry_points(group=group)}) for group in GROUPS}


@cache
def _all_entry_points() -> dict[str, list[tuple[str, str]]]:
    return cached("entry-points", _installed_key(), _scan, __file__)


def entry_points(group: str) -> list[tuple[str, str]]:
    """(name, "module:attribute") of every entry point in ``group``, by name."""
    return _all_entry_points().get(group, [])


def load(value: str) -> Any:
    """What an entry point names: ``module`` or ``module:attribute.path``."""
    module, _, attribute = value.partition(":")
    found: Any = import_module(module.strip())
    for part in attribute.split("[")[0].strip().split("."):
        if part:
            found = getattr(found, part)
    return found
