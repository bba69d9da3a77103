"""``newsclean diff``: what cleaning would remove, and why; nothing is written."""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path

import click

from ..inputs.sources import InputError
from ..settings import Settings
from .cleaning import make_cleaner
from .messages import Exit, Failure
from .options import (
    Remembering,
    color_option,
    filter_options,
    input_format_option,
    max_bytes_option,
    memory_options,
    quiet_option,
)
from .reading import expand, load_source
from .writing import show_diff, stdout_console


@click.command("diff")
@click.argument("paths", nargs=-1)
@filter_options
@click.option("--context", default=3, show_default=True, help="Kept lines shown around each removal.")
@click.option("--side-by-side", is_flag=True, help="Input and output in two columns (wide terminals).")
@click.option("--pager/--no-pager", default=True, help="Page long previews when interactive.")
@color_option
@max_bytes_option("Refuse larger inputs.")
@input_format_option
@functools.partial(memory_options, with_url=True)
@quiet_option
def diff_command(paths: tuple[str, ...], settings: Settings, context: int, side_by_side: bool, pager: bool,
                 color: bool | None, max_bytes: int, input_format: str, encoding: str | None,
                 memory: Remembering | None) -> None:
    """Preview what cleaning would remove from files or folders (default: stdin), and why.
    Nothing is written.

    In a terminal every removed line is struck through in red with its filter and reason
    (--no-color or NO_COLOR: the same without colour). Piped, it prints a plain unified diff that
    `patch` applies. With --remember it reads the site memory but adds nothing to it.

    \b
    Examples:
        newsclean diff samples/en-tech-footer.txt
        newsclean diff samples/ --no-pager
        newsclean diff article.txt | patch -o clean.txt article.txt
        curl -s https://example.org/story.html | newsclean diff
    """
    from ..report import progress

    cleaner = make_cleaner(settings, memory)
    paths = paths or ("-",)
    files = list(expand(paths))
    console = stdout_console(color)
    many = len(files) > 1 or any(Path(p).is_dir() for p in paths)
    rows, failed = [], 0
    use_pager = pager and console.is_terminal and many
    if use_pager:
        # less shows colours only with -R: set it, as git does, unless the user chose their own.
        os.environ.setdefault("LESS", "FRX")
    with console.pager(styles=True) if use_pager else contextlib.nullcontext():
        for path in files:
            try:
                loaded = load_source(path, input_format, max_bytes, encoding=encoding, among_several=many)
            except InputError as exc:
                click.echo(f"newsclean: error: {exc}", err=True)
                failed += 1
                continue
            text = loaded.text
            site = memory.site_for(path, loaded.url, record=False) if memory else None
            result = cleaner.clean(text, from_html=loaded.is_html, page=loaded.page, head=loaded.head, site=site)
            rows.append((path, result))
            if many and not result.drops:
                continue
            show_diff(console, text, result, path, context, side_by_side)
        if many and console.is_terminal:
            progress.print_summary(console, rows)
    if failed:
        raise Failure(f"{failed} of {len(files)} files could not be read", Exit.FAILED)
