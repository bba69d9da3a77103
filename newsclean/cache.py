"""newsclean's cache folder: what takes long to build and rarely changes (compiled rules, the
matcher's literal table, the stopword index, the plug-ins' entry points), kept between runs so
that a plain ``clean`` starts fast.

The folder is ``$NEWSCLEAN_CACHE``, else ``$XDG_CACHE_HOME/newsclean``, else ``~/.cache/newsclean``.
An entry holds what it was built from (its key, and the source of the code that built it) and is
read only for exactly that, so a stale one is never used; deleting the folder is always safe. A
cache that cannot be read or written is built again in memory. Entries are written atomically and
only the newest few of each kind are kept.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
# Entries of one kind kept: the current one and one other (a second virtual environment, say).
KEEP_PER_KIND = 2


def cache_dir() -> Path:
    if explicit := os.environ.get("NEWSCLEAN_CACHE"):
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsclean"


def read_cache(name: str) -> Any | None:
    path = cache_dir() / f"{name}.marshal"
    try:
        value = marshal.loads(path.read_bytes())
        os.utime(path)  # in use: the newest of its kind, kept when older ones go
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return value


def write_cache(name: str, value: Any, kind: str | None = None) -> None:
    """Best effort, and atomic: a reader sees the old entry, the new one, or none. With ``kind``,
    only the newest KEEP_PER_KIND entries of that kind stay: the folder does not grow without bound
    as code, Python and virtual environments come and go."""
    import tempfile  # with shutil and random, a start-up's worth of imports: only a run that writes loads it

    path = cache_dir() / f"{name}.marshal"
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "wb") as out:
            out.write(marshal.dumps(value))
        os.replace(temp, path)
        if kind:
            _prune(path.parent, kind)
    except (OSError, ValueError):
        if temp:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _prune(folder: Path, kind: str) -> None:
    entries = []
    for entry in folder.glob(f"{kind}-*.marshal"):
        with contextlib.suppress(OSError):  # another process may prune at the same moment
            entries.append((entry.stat().st_mtime_ns, entry))
    for _, old in sorted(entries, reverse=True)[KEEP_PER_KIND:]:
        with contextlib.suppress(OSError):
            old.unlink()


def cached(kind: str, key: str, build: Callable[[], T], builder: str) -> T:
    """The value built for ``key``: from the cache folder when it holds one, else built and kept.
    ``builder`` is the file of the code that builds it (a source file, or a compiled module): a
    change to that code is a new key too."""
    key = f"{key}\n{Path(builder).read_bytes().decode('utf-8', 'surrogateescape')}"
    name = f"{kind}-{zlib.crc32(key.encode('utf-8', 'surrogatepass')):08x}"
    found = read_cache(name)
    if isinstance(found, tuple) and len(found) == 2 and found[0] == key:
        return found[1]
    value = build()
    write_cache(name, (key, value), kind)
    return value
