"""A page is extracted once in a run of two passes (batch, corpus).

The counting pass extracts each page's article to hash its lines, and the cleaning pass would
extract it again: trafilatura's extraction is three quarters of a page's time. So the counting
pass leaves each page's extraction, compressed, in a private temporary folder, under the hash
of the page's bytes, and the cleaning pass takes it from there. Where the folder cannot be made or
reached (a worker on another machine), past SPILL_BYTES, or for two pages of the same bytes, the
cleaning pass extracts again, with the same result.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..inputs.source import Source

# A process leaves at most this many bytes (compressed) in the folder.
SPILL_BYTES = 1 << 30

_left = 0  # the bytes this process has left


@contextlib.contextmanager
def spill_folder(wanted: bool = True) -> Iterator[Path | None]:
    """A private temporary folder (in TMPDIR), removed at the end; None when not ``wanted`` or when
    none can be made."""
    if not wanted:
        yield None
        return
    try:
        folder = tempfile.TemporaryDirectory(prefix="newsclean-spill-", ignore_cleanup_errors=True)
    except OSError:
        yield None
        return
    with folder as path:
        yield Path(path)


def leave(folder: Path | None, data: bytes, loaded: Source) -> None:
    """Leave the extraction of a page of bytes ``data`` in ``folder``, best effort."""
    global _left
    if folder is None or _left >= SPILL_BYTES:
        return
    with contextlib.suppress(Exception):  # a full disk, a folder on another machine: extracted again
        packed = zlib.compress(pickle.dumps(loaded, pickle.HIGHEST_PROTOCOL), 1)
        (folder / _name(data)).write_bytes(packed)
        _left += len(packed)


def take(folder: Path | None, data: bytes) -> Source | None:
    """The extraction left in ``folder`` for a page of bytes ``data``, taken out of it (None if none)."""
    if folder is None:
        return None
    path = folder / _name(data)
    try:
        packed = path.read_bytes()
        path.unlink()
        return pickle.loads(zlib.decompress(packed))  # written by this run, in its private folder
    except Exception:  # none left, or unreadable: extracted again
        return None


def _name(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()
