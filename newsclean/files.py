"""Writing what newsclean makes, so that nothing a user has is lost: a file is replaced whole or
not at all (written beside it, on disk before the rename), an output the user named is written
through a link or into a device or a FIFO rather than replacing it, and a JSON line stays valid
UTF-8 whatever a file name holds."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Any

# Every temporary file newsclean writes ends so: a killed run's leftovers are known by it.
TEMP_MARK = ".newsclean-tmp"
# The mode open() gives a new file, before the umask.
NEW_FILE_MODE = 0o666


def json_line(record: dict[str, Any]) -> str:
    """One JSON line that stays valid UTF-8: a string that is not Unicode text (a file name's
    undecodable bytes, a lone surrogate) is written escaped, as JSON allows, and reads back exactly."""
    line = json.dumps(record, ensure_ascii=False, default=str)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record, default=str)
    return line + "\n"


def write_atomic(target: Path, data: bytes) -> None:
    """Write beside the target, on disk before the rename: a run killed at any moment, or a
    machine that loses power, leaves the old file or the new one, never half of one. A new file
    gets the mode any new file gets (mkstemp's is private to its owner); a replaced one keeps its own."""
    tmp = written_beside(target, data)
    try:
        if target.exists():
            shutil.copymode(target, tmp)
        else:
            os.chmod(tmp, NEW_FILE_MODE & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_output(target: Path, data: bytes) -> None:
    """An output the user named (``clean -o``, ``--report``): a regular file, or a new one, is
    replaced atomically; a symbolic link is written through, to the file it leads to; a device or
    a FIFO (/dev/null, a pipe) is written into, never replaced by a file, and a FIFO that no
    process reads is an error at once rather than a wait."""
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = stat.S_IFREG  # a new file (or one a link leads to)
    if stat.S_ISREG(mode):
        write_atomic(Path(os.path.realpath(target)), data)
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO (or socket) with no process reading it
            raise OSError(errno.ENXIO, "no process is reading it", str(target)) from None
        raise
    os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as file:
        file.write(data)


def written_beside(target: Path, data: bytes) -> str:
    """A temporary file beside ``target`` holding ``data``, flushed to disk; none if that fails."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=TEMP_MARK)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _umask() -> int:
    """The process's umask (reading it means setting it, so it is set back at once)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
