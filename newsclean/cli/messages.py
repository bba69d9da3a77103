"""How the command speaks: exit codes, one-line errors, and warnings and notes on stderr (stdout
carries only cleaned text or JSON).

Nothing here imports click until there is something to say: a plain clean runs without click (see
``cleaning.clean_plain``), and a plain clean that goes well says nothing."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum

from ..inputs.sources import InputError
from ..registry import FilterError
from ..rules.lexicon import PhraseFileError

QUIET = "newsclean.quiet"  # set in the click context's meta by -q: warnings and notes are not shown
QUIET_RUN = "newsclean.quiet_run"  # set by batch's and corpus's -q (no progress, no summary): notes are not shown


class Exit(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2
    INTERRUPTED = 130
    BROKEN_PIPE = 141


class Failure(Exception):
    """A one-line error on stderr and a non-zero exit: no usage text, no traceback. Not a click
    exception, so that the plain clean can raise it without click; the command group shows it as
    click shows its own errors (``group.CleanByDefault.main``)."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.message, self.exit_code = message, exit_code

    def show(self) -> None:
        say(f"newsclean: error: {self.message}")


@contextmanager
def failures() -> Iterator[None]:
    """The library's errors as the command's: bad input exits 1, a bad filter or phrase file 2."""
    try:
        yield
    except InputError as exc:
        raise Failure(str(exc), Exit.FAILED) from None
    except (FilterError, PhraseFileError) as exc:
        raise Failure(str(exc), Exit.USAGE) from None


def say(line: str) -> None:
    """One line on stderr, written by ``click.echo`` (which, among other things, takes a terminal's
    escape sequences out of what is not a terminal)."""
    import click

    click.echo(line, err=True)


def _quiet(*keys: str) -> bool:
    """Whether the running command was given a -q that silences these messages (no command
    running, as in the plain clean: no -q)."""
    click = sys.modules.get("click")
    context = click.get_current_context(silent=True) if click else None
    return bool(context and any(context.meta.get(key) for key in keys))


def warning(message: str) -> None:
    """A warning on stderr, unless the command was given -q (errors always show)."""
    if not _quiet(QUIET):
        say(f"newsclean: warning: {message}")


def note(message: str) -> None:
    """A note on stderr: what the command does that the user may not expect; not with -q."""
    if not _quiet(QUIET, QUIET_RUN):
        say(f"newsclean: note: {message}")


def show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """``warnings.showwarning`` for the command: a library warning as one of ours."""
    warning(str(message))
