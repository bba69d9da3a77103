"""The newsclean command: a thin click shell over the library, a module per command (``group``:
the commands; ``options``: the options they share; ``messages``: how they speak).

stdout carries only cleaned text (or JSON); every message goes to stderr. A command line with
nothing to parse (``newsclean`` with piped input, ``newsclean clean``) cleans without importing
click (``cleaning.clean_plain``).
"""

from __future__ import annotations

import sys
import warnings
from typing import Any

from ..collector import collect_less
from .messages import Exit, Failure, failures, say, show_warning
from .writing import drop_unwritten_output


def __getattr__(name: str) -> Any:
    """``cli``, the click group, imported when asked for (tests and ``python -m`` tools use it)."""
    if name == "cli":
        from .group import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: one-line errors, quiet on a closed pipe and on Ctrl-C, never a traceback."""
    warnings.showwarning = show_warning
    collect_less()
    args = sys.argv[1:] if argv is None else argv
    try:
        if args == ["clean"] or (not args and (sys.stdin is None or not sys.stdin.isatty())):
            from .cleaning import clean_plain

            with failures():
                clean_plain()
        else:
            _with_click(argv)
    except Failure as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        drop_unwritten_output()
        sys.exit(Exit.BROKEN_PIPE)
    except OSError as exc:  # a full disk, a read-only place: the system's reason, in one line
        drop_unwritten_output()
        where = f"{exc.filename}: " if exc.filename else ""
        say(f"newsclean: error: {where}{exc.strerror or exc}")
        sys.exit(Exit.FAILED)
    except KeyboardInterrupt:
        sys.exit(Exit.INTERRUPTED)


def _with_click(argv: list[str] | None) -> None:
    """Every other command line: click parses it (imported here, so a plain clean never loads it)."""
    import click

    from .group import cli

    try:
        cli.main(args=argv, prog_name="newsclean", standalone_mode=False)
    except click.exceptions.Abort:
        sys.exit(Exit.INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
