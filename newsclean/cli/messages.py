"""How the command speaks: exit codes, one-line errors, and warnings and notes on stderr (stdout
carries only cleaned text or JSON)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

import click

QUIET = "newsclean.quiet"  # set in the click context's meta by -q: warnings and notes are not shown
QUIET_RUN = "newsclean.quiet_run"  # set by batch's and corpus's -q (no progress, no summary): notes are not shown


class Exit(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2
    INTERRUPTED = 130
    BROKEN_PIPE = 141


class Failure(click.ClickException):
    """A one-line error on stderr and a non-zero exit: no usage text, no traceback."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click's default, set per error

    def show(self, file: Any = None) -> None:
        click.echo(f"newsclean: error: {self.format_message()}", err=True)


def warning(message: str) -> None:
    """A warning on stderr, unless the command was given -q (errors always show)."""
    context = click.get_current_context(silent=True)
    if not (context and context.meta.get(QUIET)):
        click.echo(f"newsclean: warning: {message}", err=True)


def note(message: str) -> None:
    """A note on stderr: what the command does that the user may not expect; not with -q."""
    context = click.get_current_context(silent=True)
    if not (context and (context.meta.get(QUIET) or context.meta.get(QUIET_RUN))):
        click.echo(f"newsclean: note: {message}", err=True)


def show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """``warnings.showwarning`` for the command: a library warning as one of ours."""
    warning(str(message))
