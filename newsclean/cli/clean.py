"""``newsclean clean``: articles to stdout or a file, or their verdicts shown (--diff, --explain)."""

from __future__ import annotations

import functools

import click

from ..settings import Settings
from .cleaning import clean_sources
from .options import (
    Remembering,
    color_option,
    filter_options,
    input_format_option,
    max_bytes_option,
    memory_options,
    quiet_option,
    time_budget_option,
)


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
    clean_sources(sources, output, settings, max_bytes, fmt, with_title, show_diff_instead, explain, color,
                  input_format, encoding, memory)
