"""Reading the command's inputs: files, folders and stdin, named in messages as the user gave them."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

from ..inputs.source import Source
from ..inputs.sources import InputError, load, read_within
from .messages import say, warning


def load_source(source: str, input_format: str, max_bytes: int, with_metadata: bool = False,
                encoding: str | None = None, markdown: bool = False, among_several: bool = False) -> Source:
    """Read and decode one input; a page with no extractable text, or bytes that had to be
    replaced, is a warning, not an error. An error names the input (a lone one is named by the
    command line itself, and a path that cannot be read always is)."""
    name = source_name(source)
    data = _read(source, max_bytes)
    try:
        loaded = load(data, input_format, max_bytes, with_metadata, encoding, markdown)
    except InputError as exc:  # binary, cut short, too big: among several inputs, said of this one by name
        raise InputError(f"{name}: {exc}" if among_several else str(exc)) from None
    if loaded.replaced:
        warning(f"{name}: {decoding_note(loaded)}")
    if loaded.is_html and not loaded.text.strip():
        warning(f"{name}: no article text found in the page")
    if loaded.warning:
        warning(f"{name}: {loaded.warning}")
    return loaded


def source_name(source: str) -> str:
    """How messages name an input."""
    return "<stdin>" if source == "-" else source


def decoding_note(loaded: Source) -> str:
    if not loaded.replaced:
        return ""
    return f"{loaded.replaced} byte{'s' * (loaded.replaced > 1)} not valid {loaded.encoding}, replaced by U+FFFD"


def _read(source: str, max_bytes: int) -> bytes:
    if source == "-":
        if sys.stdin is None:  # closed by the caller (<&-)
            raise InputError("<stdin>: stdin is closed: give a file, or pipe text in")
        if sys.stdin.isatty():  # not piped: a user waiting for output should know it waits for them
            say("newsclean: reading the article from the terminal: end it with Ctrl-D, or give a file")
        return read_within(sys.stdin.buffer, max_bytes)
    try:
        with open(source, "rb") as file:
            return read_within(file, max_bytes)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a directory (use `newsclean batch` for folders)") from None
    except OSError as exc:
        raise InputError(f"{source}: {exc.strerror or exc}") from None


def expand(paths: tuple[str, ...]) -> Iterator[str]:
    """Files as given; folders walked for their files, in a stable order."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            yield from (str(f) for f in sorted(p.rglob("*")) if f.is_file() and not f.name.startswith("."))
        else:
            yield path


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file (through links, hard links included)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False
