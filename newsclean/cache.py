"""newsclean's cache folder: what takes long to build and rarely changes (compiled rules, the
matcher's literal table, the stopword index, the plug-ins' entry points), kept between runs so
that a plain ``clean`` starts fast.

The folder is ``$NEWSCLEAN_CACHE``, else ``$XDG_CACHE_HOME/newsclean``, else ``~/.cache/newsclean``.
An entry holds what it was built from (its key, and the source of the code that built it) and is
read only for exactly that, so a stale one is never used; deleting the folder is always safe. A
cache that cannot be read or written is built again in memory.
"""

from __future__ import annotations

import marshal
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    if explicit := os.environ.get("NEWSCLEAN_CACHE"):
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsclean"


def read_cache(name: str) -> Any | None:
    try:
        return marshal.loads((cache_dir() / f"{name}.marshal").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write_cache(name: str, value: Any) -> None:
    """Best effort, and atomic: a reader sees the old entry, the new one, or none."""
    path = cache_dir() / f"{name}.marshal"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}")
        temp.write_bytes(marshal.dumps(value))
        os.replace(temp, path)
    except (OSError, ValueError):
        pass


def cached(kind: str, key: str, build: Callable[[], T], builder: str) -> T:
    """The value built for ``key``: from the cache folder when it holds one, else built and kept.
    ``builder`` is the file of the code that builds it: a change to that code is a new key too."""
    key = f"{key}\n{Path(builder).read_text(encoding='utf-8')}"
    name = f"{kind}-{zlib.crc32(key.encode('utf-8', 'surrogatepass')):08x}"
    found = read_cache(name)
    if isinstance(found, tuple) and len(found) == 2 and found[0] == key:
        return found[1]
    value = build()
    write_cache(name, (key, value))
    return value
