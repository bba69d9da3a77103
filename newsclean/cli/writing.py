"""Writing the command's output: stdout (which a caller may have closed, or piped into a reader
that stops), a file, or a preview on a terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from ..inputs.sources import InputError
from .messages import Exit, Failure


def stdout() -> Any:
    """stdout, which a caller may have closed (``>&-``)."""
    if sys.stdout is None:
        raise Failure("stdout is closed: give -o FILE, or leave stdout open", Exit.FAILED)
    return sys.stdout


def stdout_console(color: bool | None):
    """Rich for a terminal (or with --color), in colour unless --no-color or NO_COLOR says not: they
    take the colour away, never the layout. Not a terminal: the caller writes plain text."""
    from rich.console import Console

    coloured = color if color is not None else not os.environ.get("NO_COLOR")
    return Console(file=stdout(), no_color=not coloured, force_terminal=True if color else None, highlight=False,
                   soft_wrap=False)


def show_diff(console, text: str, result, name: str, context: int, side: bool) -> None:
    from ..report import render

    if not console.is_terminal:
        sys.stdout.write(render.unified_diff(text, result, name))  # exactly what patch needs
        sys.stdout.flush()
    elif side and console.width >= render.MIN_SIDE_BY_SIDE_WIDTH:
        console.print(render.side_by_side(result, name))
    else:
        if side:
            console.print(f"[dim](terminal narrower than {render.MIN_SIDE_BY_SIDE_WIDTH} columns: "
                          "showing one column)[/dim]")
        console.print(render.preview(result, name, context))


def write(output: str, data: bytes) -> None:
    """``data`` to stdout ("-") or to the file ``output``, replaced whole."""
    if output == "-":
        out = stdout()
        try:
            out.buffer.write(data)
            out.buffer.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            drop_unwritten_output()
            raise Failure(f"cannot write to stdout: {exc.strerror or exc}", Exit.FAILED) from None
        return
    from ..files import write_output

    try:
        write_output(Path(output), data)
    except OSError as exc:
        raise InputError(f"{output}: {exc.strerror or exc}") from None


def drop_unwritten_output() -> None:
    """Stop Python from trying (and complaining) again when it flushes stdout at exit."""
    if sys.stdout is not None:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
