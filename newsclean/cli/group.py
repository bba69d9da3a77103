"""The command group: the commands by name, each imported when asked for, and `newsclean` alone
or with a file cleaning (``CleanByDefault``)."""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path
from typing import Any

import click

from ..version import __version__
from .messages import Exit, Failure, failures

COMMANDS = ("clean", "diff", "batch", "corpus", "filters", "memory")


class Commands(dict):
    """The commands by name, each imported from its module (``cli.clean``: ``clean_command``) when it
    is first asked for: a plain clean loads the clean command's module alone."""

    def __init__(self, names: tuple[str, ...]) -> None:
        super().__init__(dict.fromkeys(names))

    def __getitem__(self, name: str) -> click.Command:
        command = super().__getitem__(name)
        if command is None:
            command = getattr(import_module(f"{__package__}.{name}"), f"{name}_command")
            self[name] = command
        return command

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default


class CleanByDefault(click.Group):
    """`newsclean` with no command cleans: `cat a.txt | newsclean`, `newsclean a.txt`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and (sys.stdin is None or not sys.stdin.isatty()):  # piped, or closed: an error then
            args = ["clean"]
        elif args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version", "-V"):
            self._check_typo(args[0])
            args = ["clean", *args]
        return super().parse_args(ctx, args)

    def _check_typo(self, first: str) -> None:
        """A first argument that is no file but nearly a command's name is a mistyped command."""
        if first.startswith("-") or Path(first).exists():
            return
        import difflib

        close = difflib.get_close_matches(first, list(self.commands), n=1, cutoff=0.75)
        if close:
            raise Failure(f"{first}: no such command or file: did you mean '{close[0]}'?", Exit.USAGE)

    def invoke(self, ctx: click.Context) -> Any:
        with failures():
            return super().invoke(ctx)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """A Failure (not a click exception: see ``messages``) shown and exited as click shows its own."""
        try:
            return super().main(*args, **kwargs)
        except Failure as exc:
            exc.show()
            sys.exit(exc.exit_code)


def _version() -> str:
    return f"newsclean {__version__} (Python {sys.version.split()[0]})"


@click.group(cls=CleanByDefault, commands=Commands(COMMANDS),
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", message=_version())
def cli() -> None:
    """Strip boilerplate from scraped news text and keep the article body.

    Plain text in (one paragraph a line), cleaned text out. With no command, cleans stdin:

        cat article.txt | newsclean > clean.txt
    """
