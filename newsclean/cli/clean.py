"""``newsclean clean``: articles to stdout or a file, or their verdicts shown (--diff, --explain)."""

from __future__ import annotations

import functools
from pathlib import Path

import click

from ..inputs.sources import InputError
from ..pipeline import Cleaner
from ..settings import Settings
from .messages import Exit, Failure, warning
from .options import (
    Remembering,
    color_option,
    filter_options,
    input_format_option,
    make_cleaner,
    max_bytes_option,
    memory_options,
    quiet_option,
    time_budget_option,
)
from .reading import decoding_note, load_source, same_file, source_name
from .writing import show_diff, stdout, stdout_console, write


@click.command("clean")
@click.argument("sources", nargs=-1)
@click.option("-o", "--output", default="-", metavar="FILE",
              help="Where to write the cleaned text (default: stdout).")
@filter_options
@max_bytes_option("Refuse larger inputs.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "jsonl"]), default="text",
              show_default=True, help="text: the cleaned text; markdown: HTML input's article as Markdown (headings, "
              "lists, tables, links, emphasis; other input as text); json: one record per document; jsonl: one "
              "record per line.")
@click.option("--with-title", is_flag=True, help="Put the headline on the first line (Markdown: as a '# ' heading); "
              "by default the output is the article's body, and json names the headline as title.")
@click.option("--diff", "show_diff_instead", is_flag=True,
              help="Show what would be removed instead (as `newsclean diff`).")
@click.option("--explain", is_flag=True, help="Show every line's verdict, filter, reason and signal: a table at a "
              "terminal, one tab-separated line per input line when piped.")
@color_option
@time_budget_option
@input_format_option
@functools.partial(memory_options, with_url=True)
@quiet_option
def clean_command(sources: tuple[str, ...], output: str, settings: Settings, max_bytes: int, fmt: str,
                  with_title: bool, show_diff_instead: bool, explain: bool, color: bool | None, input_format: str,
                  encoding: str | None, memory: Remembering | None) -> None:
    """Clean articles: SOURCES (default: stdin, also "-") to stdout or -o OUT, one after another.

    \b
    Examples:
        newsclean clean samples/en-tech-footer.txt
        cat article.txt | newsclean clean --skip teasers > clean.txt
        newsclean clean article.txt -o clean.txt -F duplicates:min_chars=60
        newsclean clean samples/de-lokal.txt --explain
        newsclean clean samples/de-lokal.txt --format jsonl | jq -c 'select(.kept | not)'
        newsclean clean samples/*.txt --format json | jq -r .stats.lines_dropped
        curl -s https://example.org/news/story.html | newsclean --format json
        curl -s https://example.org/news/story.html | newsclean --format markdown > story.md
        curl -s "$URL" | newsclean clean --remember --url "$URL"
    """
    views = [flag for flag, on in (("--diff", show_diff_instead), ("--explain", explain),
                                   (f"--format {fmt}", fmt != "text")) if on]
    if len(views) > 1:
        raise Failure(f"{' and '.join(views)} contradict each other: give one", Exit.USAGE)
    cleaner = make_cleaner(settings, memory)
    sources = sources or ("-",)
    if output != "-" and any(s != "-" and same_file(s, output) for s in sources):
        raise InputError(f"{output}: refusing to overwrite the input file")
    cleaned, failed = [], 0
    for source in sources:
        try:
            cleaned.append(_clean_one(source, cleaner, fmt, show_diff_instead, explain, color, input_format,
                                      max_bytes, encoding, memory, several=len(sources) > 1, with_title=with_title))
        except InputError as exc:
            if len(sources) == 1:
                raise
            click.echo(f"newsclean: error: {exc}", err=True)
            failed += 1
    if not (show_diff_instead or explain) and cleaned:  # nothing cleaned: an existing -o file stays as it was
        write(output, b"".join(cleaned))
    if failed:
        raise Failure(f"{failed} of {len(sources)} inputs could not be cleaned", Exit.FAILED)


def _clean_one(source: str, cleaner: Cleaner, fmt: str, as_diff: bool, explain: bool, color: bool | None,
               input_format: str, max_bytes: int, encoding: str | None, memory: Remembering | None, several: bool,
               with_title: bool = False) -> bytes:
    """One input cleaned: its output's bytes, or (--diff, --explain) its preview shown."""
    name = source_name(source)
    loaded = load_source(source, input_format, max_bytes, with_metadata=fmt == "json", encoding=encoding,
                         markdown=fmt == "markdown", among_several=several)
    text = loaded.text
    site = None
    if memory is not None:
        # Several files under one --url are several documents: each is remembered under its own name.
        key = f"{memory.url} {Path(source).resolve()}" if several and memory.url and source != "-" else None
        site = memory.site_for(name, loaded.url, key, record=not (as_diff or explain))
    result = cleaner.clean(text, from_html=loaded.is_html, page=loaded.page, head=loaded.head, site=site)
    if result.passed_through:
        warning(f"{name}: {result.passed_through}")
    if result.fallback:
        warning(f"{name}: the extractor's own text: {result.fallback}")
    if fmt == "text" and not (as_diff or explain or with_title):
        return result.text.encode("utf-8")
    from ..report import render  # not needed for plain text: a plain clean starts fast

    if as_diff or explain:
        console = stdout_console(color)
        if explain and console.is_terminal:
            console.print(render.explanation(result, decoding_note(loaded)))
        elif explain:
            stdout().write(render.explanation_lines(result, decoding_note(loaded)))
        else:
            show_diff(console, text, result, name, context=3, side=False)
        return b""
    return render.formatted(result, fmt, loaded, name, with_title).encode("utf-8")
