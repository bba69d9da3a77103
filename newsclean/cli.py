"""The newsclean command: a thin click shell over ``newsclean.clean``.

stdout carries only cleaned text (or JSON); every message goes to stderr.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import io
import json
import os
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .collector import collect_less
from .core.document import SiteCounts
from .inputs.sources import DEFAULT_MAX_BYTES, InputError, Source, load, read_within
from .pipeline import Cleaner
from .registry import FilterError, available_filters, build_filters, parse_option
from .rules.lexicon import PhraseFileError, phrasebook
from .settings import Settings
from .version import __version__

if TYPE_CHECKING:
    from .sites.memory import SiteMemory


QUIET = "newsclean.quiet"  # set in the click context's meta by -q: warnings are not shown


class Exit(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2
    INTERRUPTED = 130
    BROKEN_PIPE = 141


def _split_names(value: str | None) -> list[str]:
    return [name.strip() for name in (value or "").split(",") if name.strip()]


def filter_options(fn):
    """--only / --skip / -F / --threshold / --precision / --recall, shared by every command that cleans.
    The command gets ``preset``: "precision", "recall" or None."""

    command = fn

    @functools.wraps(command)
    def with_preset(*args: Any, precision: bool, recall: bool, **kwargs: Any) -> Any:
        if precision and recall:
            raise Failure("--precision and --recall contradict each other: give one", Exit.USAGE)
        return command(*args, preset="precision" if precision else "recall" if recall else None, **kwargs)

    fn = with_preset
    fn = click.option("--threshold", type=click.FloatRange(0, 1), metavar="P",
                      help="Drop a line when the judge's p(body) is below P (default 0.5; -F judge:threshold=P).")(fn)
    fn = click.option("--precision", is_flag=True, help="Drop more: the judge's threshold at 0.65.")(fn)
    fn = click.option("--recall", is_flag=True,
                      help="Keep more: the judge's threshold at 0.2, only what is surely boilerplate goes.")(fn)
    fn = click.option("-F", "--filter-option", "filter_options", multiple=True, metavar="NAME:KEY=VALUE",
                      help="Set a filter option, e.g. -F teasers:min_relatedness=0.3 (repeatable).")(fn)
    fn = click.option("--skip", metavar="NAMES", help="Filters to leave out, comma-separated.")(fn)
    fn = click.option("--only", metavar="NAMES", help="Run only these filters, comma-separated.")(fn)
    return fn


# Seconds a document may take before it is passed through unchanged, with a warning.
DEFAULT_TIME_BUDGET = 60.0


def time_budget_option(fn):
    """--time-budget: the command gets seconds, or None for no limit (0)."""
    return click.option("--time-budget", type=click.FloatRange(min=0), default=DEFAULT_TIME_BUDGET, metavar="SECONDS",
                        show_default=True, callback=lambda ctx, param, value: value or None,
                        help="A document taking longer, or larger than that allows (1,000 lines and 100,000 "
                        "characters a second), is passed through unchanged, with a warning (0: no limit).")(fn)


def quiet_option(fn):
    """-q for a command whose only messages are warnings: the command gets no ``quiet``."""
    command = fn

    @functools.wraps(command)
    def with_quiet(*args: Any, quiet: bool, **kwargs: Any) -> Any:
        click.get_current_context().meta[QUIET] = quiet
        return command(*args, **kwargs)

    return click.option("-q", "--quiet", is_flag=True, help="No warnings (errors still show).")(with_quiet)


def memory_options(fn, with_url: bool = False):
    """--remember, --memory, --memory-docs (and --url, --min-docs for one document at a time): the
    command gets ``memory``, a ``Remembering`` or None."""
    command = fn

    @functools.wraps(command)
    def with_memory(*args: Any, remember: bool, memory_path: Path | None, memory_docs: int, **kwargs: Any) -> Any:
        url, min_docs = (kwargs.pop("url"), kwargs.pop("min_docs")) if with_url else (None, None)
        if not (remember or memory_path):
            if url or min_docs:
                raise Failure(f"{'--url' if url else '--min-docs'} is for the site memory: add --remember", Exit.USAGE)
            return command(*args, memory=None, **kwargs)
        from .sites.memory import SiteMemory

        with SiteMemory(memory_path, memory_docs) as memory:
            return command(*args, memory=Remembering(memory, url, min_docs), **kwargs)

    fn = with_memory
    if with_url:
        fn = click.option("--min-docs", type=click.IntRange(min=1), metavar="N",
                          help="Remembered documents of the site (this one included) a line must occur in to go "
                               "(default 3).")(fn)
        fn = click.option("--url", metavar="URL", help="The article's URL, for --remember: its host is the site "
                          "(default: the page's canonical link).")(fn)
    fn = click.option("--memory-docs", type=click.IntRange(min=1), default=100, show_default=True, metavar="N",
                      help="Documents per site the memory keeps (the newest).")(fn)
    fn = click.option("--memory", "memory_path", type=click.Path(dir_okay=False, path_type=Path),
                      help="The site memory file (implies --remember; default: in your data folder, "
                           "or $NEWSCLEAN_MEMORY).")(fn)
    return click.option("--remember", is_flag=True,
                        help="Remember each site's lines across runs (hashes, never text), and drop the lines "
                             "its other pages share.")(fn)


class Remembering:
    """The site memory as a command uses it: a memory that fails is one warning, then the run goes
    on without it."""

    def __init__(self, memory: SiteMemory, url: str | None = None, min_docs: int | None = None) -> None:
        self.memory: SiteMemory | None = memory
        self.url, self.min_docs = url, min_docs

    def site_for(self, name: str, page_url: str, key: str | None = None, record: bool = True) -> SiteCounts | None:
        """What the site memory knows of one document's site (None: no site, or no memory)."""
        from .filters.site import host_of

        if self.memory is None:
            return None
        url = self.url or page_url
        site = host_of(url)
        if not site:
            _warning(f"{name}: no site known for --remember (give --url, or a page with a canonical link): "
                     "cleaned without the site memory")
            return None
        return SiteCounts(recall=self.memory.recall(site, key or url, record, on_error=self._failed))

    def _failed(self, exc: Exception) -> None:
        _warning(f"{exc}: cleaning without it")
        if self.memory is not None:
            self.memory.close()
        self.memory = None


def input_format_option(fn):
    """--input-format and --encoding: how input bytes are read."""
    fn = click.option("--encoding", metavar="NAME", callback=_check_encoding,
                      help="Read input in this encoding (default: detected; a page's own charset is obeyed).")(fn)
    return click.option("--input-format", type=click.Choice(["auto", "text", "html"]), default="auto",
                        show_default=True, help="HTML is detected by its content; force either way.")(fn)


def _check_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from .inputs.charsets import check_encoding

    try:
        return check_encoding(value) if value else None
    except InputError as exc:
        raise click.BadParameter(str(exc)) from None


def parse_options(specs: tuple[str, ...], threshold: float | None = None) -> dict[str, dict[str, Any]]:
    """-F options and --threshold; the phrase files are read here too, so that a bad one stops a run
    before it starts."""
    phrasebook()
    options: dict[str, dict[str, Any]] = {}
    for spec in specs:
        name, key, value = parse_option(spec)
        options.setdefault(name, {})[key] = value
    if threshold is not None:
        options.setdefault("judge", {})["threshold"] = threshold
    return options


def make_cleaner(only: str | None, skip: str | None, specs: tuple[str, ...], preset: str | None = None,
                 threshold: float | None = None, time_budget: float | None = None,
                 memory: Remembering | None = None) -> Cleaner:
    """The cleaner the command line asks for; a FilterError becomes a one-line error with exit 2."""
    options = parse_options(specs, threshold)
    if memory is not None and memory.min_docs is not None:
        options.setdefault("site_boilerplate", {})["min_docs"] = memory.min_docs
    settings = Settings.make(_split_names(only) if only is not None else None, _split_names(skip), options, preset,
                             time_budget, site_counts=memory is not None)
    return Cleaner.from_settings(settings)


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
        close = difflib.get_close_matches(first, list(self.commands), n=1, cutoff=0.75)
        if close:
            raise Failure(f"{first}: no such command or file: did you mean '{close[0]}'?", Exit.USAGE)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            raise Failure(str(exc), Exit.FAILED) from None
        except (FilterError, PhraseFileError) as exc:
            raise Failure(str(exc), Exit.USAGE) from None


class ListFile(click.File):
    """--from-list's file, where "-" is stdin, which the caller may have closed (<&-)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == "-" and sys.stdin is None:
            self.fail("stdin is closed: give a file, or pipe the list in", param, ctx)
        return super().convert(value, param, ctx)


class Failure(click.ClickException):
    """A one-line error on stderr and a non-zero exit: no usage text, no traceback."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"newsclean: error: {self.format_message()}", err=True)


def _version() -> str:
    return f"newsclean {__version__} (Python {sys.version.split()[0]})"


@click.group(cls=CleanByDefault, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", message=_version())
def cli() -> None:
    """Strip boilerplate from scraped news text and keep the article body.

    Plain text in (one paragraph a line), cleaned text out. With no command, cleans stdin:

        cat article.txt | newsclean > clean.txt
    """


@cli.command("clean")
@click.argument("sources", nargs=-1)
@click.option("-o", "--output", default="-", metavar="FILE",
              help="Where to write the cleaned text (default: stdout).")
@filter_options
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, help="Refuse larger inputs.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "jsonl"]), default="text",
              show_default=True, help="text: the cleaned text; markdown: HTML input's article as Markdown (headings, "
              "lists, tables, links, emphasis; other input as text); json: one record per document; jsonl: one "
              "record per line.")
@click.option("--with-title", is_flag=True, help="Put the headline on the first line (Markdown: as a '# ' heading); "
              "by default the output is the article's body, and json names the headline as title.")
@click.option("--diff", "show_diff", is_flag=True, help="Show what would be removed instead (as `newsclean diff`).")
@click.option("--explain", is_flag=True, help="Show every line's verdict, filter, reason and signal: a table at a "
              "terminal, one tab-separated line per input line when piped.")
@click.option("--color/--no-color", default=None,
              help="Colour the preview (default: unless NO_COLOR is set); --color draws it even when piped.")
@time_budget_option
@input_format_option
@functools.partial(memory_options, with_url=True)
@quiet_option
def clean_command(sources: tuple[str, ...], output: str, only: str | None, skip: str | None,
                  filter_options: tuple[str, ...], preset: str | None, threshold: float | None, max_bytes: int,
                  fmt: str, with_title: bool, show_diff: bool, explain: bool, color: bool | None,
                  time_budget: float | None, input_format: str, encoding: str | None,
                  memory: Remembering | None) -> None:
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
    views = [flag for flag, on in (("--diff", show_diff), ("--explain", explain), (f"--format {fmt}", fmt != "text"))
             if on]
    if len(views) > 1:
        raise Failure(f"{' and '.join(views)} contradict each other: give one", Exit.USAGE)
    cleaner = make_cleaner(only, skip, filter_options, preset, threshold, time_budget, memory)
    sources = sources or ("-",)
    if output != "-" and any(s != "-" and _same_file(s, output) for s in sources):
        raise InputError(f"{output}: refusing to overwrite the input file")
    cleaned, failed = [], 0
    for source in sources:
        try:
            cleaned.append(_clean_one(source, cleaner, fmt, show_diff, explain, color, input_format, max_bytes,
                                      encoding, memory, several=len(sources) > 1, with_title=with_title))
        except InputError as exc:
            if len(sources) == 1:
                raise
            click.echo(f"newsclean: error: {exc}", err=True)
            failed += 1
    if not (show_diff or explain) and cleaned:  # nothing cleaned: an existing -o file stays as it was
        _write(output, b"".join(cleaned))
    if failed:
        raise Failure(f"{failed} of {len(sources)} inputs could not be cleaned", Exit.FAILED)


def _clean_one(source: str, cleaner: Cleaner, fmt: str, show_diff: bool, explain: bool, color: bool | None,
               input_format: str, max_bytes: int, encoding: str | None, memory: Remembering | None, several: bool,
               with_title: bool = False) -> bytes:
    """One input cleaned: its output's bytes, or (--diff, --explain) its preview shown."""
    name = _name(source)
    loaded = _load(source, input_format, max_bytes, with_metadata=fmt == "json", encoding=encoding,
                   markdown=fmt == "markdown", among_several=several)
    text = loaded.text
    site = None
    if memory is not None:
        # Several files under one --url are several documents: each is remembered under its own name.
        key = f"{memory.url} {Path(source).resolve()}" if several and memory.url and source != "-" else None
        site = memory.site_for(name, loaded.url, key, record=not (show_diff or explain))
    result = cleaner.clean(text, from_html=loaded.is_html, page=loaded.page, head=loaded.head, site=site)
    if result.passed_through:
        _warning(f"{name}: {result.passed_through}")
    if result.fallback:
        _warning(f"{name}: the extractor's own text: {result.fallback}")
    if fmt == "text" and not (show_diff or explain or with_title):
        return result.text.encode("utf-8")
    from .report import render  # not needed for plain text: a plain clean starts fast

    if show_diff or explain:
        console = _stdout_console(color)
        if explain and console.is_terminal:
            console.print(render.explanation(result, _decoding_note(loaded)))
        elif explain:
            _stdout().write(render.explanation_lines(result, _decoding_note(loaded)))
        else:
            _show_diff(console, text, result, name, context=3, side=False)
        return b""
    return render.formatted(result, fmt, loaded, name, with_title).encode("utf-8")


@cli.command("diff")
@click.argument("paths", nargs=-1)
@filter_options
@click.option("--context", default=3, show_default=True, help="Kept lines shown around each removal.")
@click.option("--side-by-side", is_flag=True, help="Input and output in two columns (wide terminals).")
@click.option("--pager/--no-pager", default=True, help="Page long previews when interactive.")
@click.option("--color/--no-color", default=None,
              help="Colour the preview (default: unless NO_COLOR is set); --color draws it even when piped.")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, help="Refuse larger inputs.")
@input_format_option
@functools.partial(memory_options, with_url=True)
@quiet_option
def diff_command(paths: tuple[str, ...], only: str | None, skip: str | None, filter_options: tuple[str, ...],
                 preset: str | None, threshold: float | None, context: int, side_by_side: bool, pager: bool,
                 color: bool | None, max_bytes: int,
                 input_format: str, encoding: str | None, memory: Remembering | None) -> None:
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
    from .report import render

    cleaner = make_cleaner(only, skip, filter_options, preset, threshold, memory=memory)
    paths = paths or ("-",)
    files = list(_expand(paths))
    console = _stdout_console(color)
    many = len(files) > 1 or any(Path(p).is_dir() for p in paths)
    rows, failed = [], 0
    use_pager = pager and console.is_terminal and many
    if use_pager:
        # less shows colours only with -R: set it, as git does, unless the user chose their own.
        os.environ.setdefault("LESS", "FRX")
    with console.pager(styles=True) if use_pager else _nothing():
        for path in files:
            try:
                loaded = _load(path, input_format, max_bytes, encoding=encoding, among_several=many)
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
            _show_diff(console, text, result, path, context, side_by_side)
        if many and console.is_terminal:
            render.print_summary(console, rows)
    if failed:
        raise Failure(f"{failed} of {len(files)} files could not be read", Exit.FAILED)


@cli.command("batch")
@click.argument("src", type=click.Path(path_type=Path))
@click.option("-o", "--output", "dst", type=click.Path(path_type=Path), metavar="FOLDER",
              help="Output folder (mirrors SRC).")
@click.option("--glob", "patterns", multiple=True, metavar="PATTERN", help="Only files matching (repeatable).")
@click.option("--exclude", multiple=True, metavar="PATTERN", help="Leave out files matching (repeatable).")
@click.option("--from-list", type=ListFile("r"), help="Clean the paths listed in FILE (- for stdin), e.g. from find.")
@click.option("-j", "--jobs", "--workers", "jobs", default=os.cpu_count() or 1, show_default="all cores",
              help="Worker processes.")
@filter_options
@click.option("--site-boilerplate/--no-site-boilerplate", default=True, show_default=True,
              help="Drop lines repeated across many files of one group.")
@click.option("--min-docs", default=3, show_default=True, help="Files of a group a line must occur in to go.")
@click.option("--group-by", type=click.Choice(["folder", "none"]), default="folder", show_default=True,
              help="Which files count together for site boilerplate.")
@click.option("--in-place", is_flag=True, help="Rewrite the inputs themselves, keeping a backup of each.")
@click.option("--backup-suffix", default=".orig", show_default=True, help="Backup name for --in-place.")
@click.option("--force", is_flag=True, help="Redo files whose output is already up to date.")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, help="Skip (as failed) larger files.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="FILE.html: an audit page of what was removed and why; other names: one JSON record per file.")
@click.option("--format", "out_format", type=click.Choice(["text", "markdown", "json", "jsonl"]), default="text",
              show_default=True, help="As in `clean`; each output is named with the format's extension "
              "(story.html: story.txt, story.md, story.json, story.jsonl).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary (failures still show).")
@time_budget_option
@input_format_option
@memory_options
def batch_command(src: Path, dst: Path | None, patterns: tuple[str, ...], exclude: tuple[str, ...], from_list,
                  jobs: int, only: str | None, skip: str | None, filter_options: tuple[str, ...],
                  preset: str | None, threshold: float | None, site_boilerplate: bool, min_docs: int,
                  group_by: str, in_place: bool,
                  backup_suffix: str, force: bool, max_bytes: int, report: Path | None, out_format: str, quiet: bool,
                  time_budget: float | None, input_format: str, encoding: str | None,
                  memory: Remembering | None) -> None:
    """Clean every file under SRC into DST, mirroring folders and names.

    Outputs are written atomically; a re-run skips what is up to date, so an interrupted run
    resumes. Lines repeated across at least --min-docs files of one folder (a site's template)
    go too; with --remember, the folder's files of earlier runs count as well. HTML pages come
    out as text (story.html: story.txt), or as --format says.

    \b
    Examples:
        newsclean batch scraped/ -o cleaned/
        newsclean batch pages/ -o articles/ --format markdown
        newsclean batch scraped/ -o cleaned/ --glob '*.txt' --jobs 4 --report report.jsonl
        newsclean batch scraped/ -o cleaned/ --report audit.html
        find scraped -name '*.txt' -newer stamp | newsclean batch scraped -o cleaned --from-list -
        newsclean batch scraped/ --in-place --backup-suffix .bak
        newsclean batch today/ -o cleaned/today/ --remember
    """
    from .report import render
    from .runners import batch

    options = parse_options(filter_options, threshold)
    only_names = _split_names(only) if only is not None else None
    # Unknown filters or options fail here, before any file is touched or any worker starts.
    build_filters(only=only_names, skip=_split_names(skip), options=options, preset=preset)
    if in_place and out_format != "text":
        raise Failure(f"--in-place and --format {out_format} contradict each other: give -o FOLDER", Exit.USAGE)
    try:
        batch.check_folders(src, dst, in_place)
        if in_place:
            batch.check_backup_suffix(backup_suffix)
        files = batch.list_sources(src, patterns or ("*",), exclude, from_list,
                                   ignore_suffix=backup_suffix if in_place else None)
        if not in_place:
            batch.check_outputs(files, out_format)
    except batch.BatchError as exc:
        raise Failure(str(exc), Exit.USAGE) from None
    if report is not None:
        _check_report(report, (src / rel for rel in files))
    if min_docs:
        options["site_boilerplate"] = {"min_docs": min_docs}
    settings = Settings.make(only_names, _split_names(skip), options, preset, time_budget, site_counts=True)
    plan = batch.Plan(src=src, dst=dst, settings=settings, in_place=in_place, backup_suffix=backup_suffix, force=force,
                      max_bytes=max_bytes, input_format=input_format, encoding=encoding,
                      audit=_is_audit(report), out_format=out_format)
    if memory is not None and not site_boilerplate:
        raise Failure("--remember and --no-site-boilerplate contradict each other: give one", Exit.USAGE)

    def run(on_counted: Callable[[], None] | None) -> Iterator[batch.FileResult]:
        return batch.run(plan, files, jobs=max(1, jobs), site_boilerplate=site_boilerplate,
                         group_of=batch.group_of_folder if group_by == "folder" else None,
                         memory=memory.memory if memory else None, on_counted=on_counted)

    with _reporting(report, f"newsclean batch {src}", src.resolve()) as (lines, audit):
        rows = render.collect_batch(run, len(files), lines, show_progress=not quiet and sys.stderr.isatty(),
                                    audit=audit, counting=site_boilerplate)
    render.print_batch_summary(rows, table=not quiet, out_format=out_format)
    if any(r.status == "failed" for r in rows):
        sys.exit(Exit.FAILED)


@cli.command("corpus")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              metavar="FOLDER", help="Output folder: one shard per input, named after it.")
@click.option("--format", "out_format", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True,
              help="Output shards: JSONL (gzip) or Parquet.")
@click.option("--text-field", default="text", show_default=True, help="JSONL/Parquet field holding the text.")
@click.option("--id-field", default="id", show_default=True, help="Field holding the record's id.")
@click.option("--url-field", default="url", show_default=True,
              help="Field holding the URL (site boilerplate groups by its host).")
@filter_options
@click.option("--explain", is_flag=True, help="Add every dropped line and its reason to each record.")
@click.option("--site-boilerplate/--no-site-boilerplate", default=True, show_default=True,
              help="Also drop lines repeated across documents of one URL host (a first pass counts them).")
@click.option("--min-docs", default=3, show_default=True, help="Documents of a host a line must occur in to go.")
@click.option("-j", "--jobs", "--workers", "workers", default=os.cpu_count() or 1, show_default="all cores",
              help="Worker processes of a local Dask cluster.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Run on this existing Dask cluster instead.")
@click.option("--force", is_flag=True, help="Redo shards whose output already exists.")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True,
              help="Records with more text are bad records.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              help="FILE.html: an audit page of what was removed and why; other names: one JSON record per shard.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary table (failures still show).")
@time_budget_option
@memory_options
def corpus_command(inputs: tuple[str, ...], out_dir: Path, out_format: str, text_field: str, id_field: str,
                   url_field: str, only: str | None, skip: str | None, filter_options: tuple[str, ...],
                   preset: str | None, threshold: float | None, explain: bool, site_boilerplate: bool,
                   min_docs: int, workers: int, scheduler: str | None, force: bool, max_bytes: int,
                   report: Path | None, quiet: bool, time_budget: float | None, memory: Remembering | None) -> None:
    """Clean corpus shards (JSONL, Parquet, WARC, WET) into OUTDIR, on Dask.

    INPUTS are files, folders or globs of .jsonl, .jsonl.gz, .jsonl.zst, .parquet, .warc(.gz)
    (HTML responses, extracted as `clean` does) and .wet(.gz). Each record keeps its fields; its
    text field holds the cleaned text and a `newsclean` field what was dropped. Shards are written
    atomically and a re-run skips finished ones. Needs pip install 'newsclean[corpus]'.

    \b
    Examples:
        newsclean corpus crawl/*.warc.gz -o cleaned/
        newsclean corpus shards/ -o cleaned/ --format parquet --text-field content --workers 8
        newsclean corpus 's3like/**/*.jsonl.gz' -o cleaned/ --scheduler tcp://10.0.0.5:8786
        newsclean corpus today/ -o cleaned/today/ --remember --report today.html
    """
    from .report import render
    from .runners.corpus import (
        CorpusError,
        CorpusPlan,
        Fields,
        check_output_folder,
        dask_client,
        find_shards,
        run_corpus,
    )

    options = parse_options(filter_options, threshold)
    only_names = _split_names(only) if only is not None else None
    build_filters(only=only_names, skip=_split_names(skip), options=options, preset=preset)  # fail early
    if site_boilerplate:  # with this run's --min-docs, which tells in-run counts from remembered ones
        options["site_boilerplate"] = {"min_docs": min_docs}
    settings = Settings.make(only_names, _split_names(skip), options, preset, time_budget, site_counts=site_boilerplate)
    plan = CorpusPlan(out_dir=out_dir, settings=settings, out_format=out_format,
                      fields=Fields(text_field, id_field, url_field), explain=explain, max_bytes=max_bytes, force=force,
                      remember=memory.memory.docs_per_site if memory else 0, audit=_is_audit(report))
    if memory is not None and not site_boilerplate:
        raise Failure("--remember and --no-site-boilerplate contradict each other: give one", Exit.USAGE)
    started = time.monotonic()
    try:
        shards = find_shards(inputs)
        check_output_folder(inputs, shards, out_dir)
        if report is not None:
            _check_report(report, shards)
        with (dask_client(workers, scheduler) as client,
              _reporting(report, f"newsclean corpus {' '.join(inputs)}", Path.cwd()) as (lines, audit)):
            site_memory = memory.memory if memory else None
            rows = render.collect_corpus(lambda on_documents: run_corpus(shards, plan, client, on_documents,
                                                                         site_memory),
                                         len(shards), show_progress=not quiet and sys.stderr.isatty(),
                                         report=lines, audit=audit, counting=site_boilerplate)
    except CorpusError as exc:
        raise Failure(str(exc), Exit.USAGE) from None
    render.print_corpus_summary(rows, time.monotonic() - started, table=not quiet)
    if any(r.status == "failed" or r.bad for r in rows):
        sys.exit(Exit.FAILED)


@cli.command("filters")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: a list for machines.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
def filters_command(fmt: str, as_json: bool) -> None:
    """List every available filter: name, default state, options, description.

    \b
    Examples:
        newsclean filters
        newsclean filters --format json | jq -r '.[].name'
    """
    rows = [
        {"name": name, "default": cls.default, "description": cls.description, "options": dict(cls.options)}
        for name, cls in available_filters().items()
    ]
    if as_json or fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        state = "on " if r["default"] else "off"
        opts = "  [" + ", ".join(f"{k}={v}" for k, v in r["options"].items()) + "]" if r["options"] else ""
        click.echo(f"{r['name']:<{width}}  {state}  {r['description']}{opts}")



@cli.command("memory")
@click.option("--memory", "memory_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The site memory file (default: in your data folder, or $NEWSCLEAN_MEMORY).")
@click.option("--forget", "forget_sites", multiple=True, metavar="SITE", help="Forget this site (repeatable).")
@click.option("--forget-all", is_flag=True, help="Forget every site.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: a list for machines.")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
def memory_command(memory_path: Path | None, forget_sites: tuple[str, ...], forget_all: bool, fmt: str,
                   as_json: bool) -> None:
    """List the sites the site memory (--remember) knows, or forget some or all of them.

    \b
    Examples:
        newsclean memory
        newsclean memory --forget example.com
        newsclean memory --forget-all
        newsclean memory --format json | jq -r '.[].site'
    """
    from .sites.memory import MemoryUnavailable, SiteMemory, default_path

    path = memory_path or default_path()
    sites = []
    if not path.exists():  # before the first --remember: nothing remembered, nothing to forget
        if forget_all or forget_sites:
            click.echo(f"{path}: no site memory yet: nothing to forget", err=True)
            return
    else:
        try:
            with SiteMemory(path) as memory:
                if forget_all or forget_sites:
                    for site in [None] if forget_all else forget_sites:
                        forgotten = memory.forget(site)
                        click.echo(f"forgot {forgotten} document{'s' * (forgotten != 1)} of "
                                   f"{'every site' if site is None else site}", err=True)
                    return
                sites = memory.sites()
        except MemoryUnavailable as exc:
            raise Failure(str(exc), Exit.FAILED) from None
    if as_json or fmt == "json":
        click.echo(json.dumps([s.as_dict() for s in sites], indent=2))
        return
    if not sites:
        click.echo(f"{path}: no sites remembered", err=True)
        return
    width = max(len(s.site) for s in sites)
    click.echo(f"{'site':<{width}}  {'documents':>9}  {'lines':>9}  last seen")
    for s in sites:
        seen = time.strftime("%Y-%m-%d %H:%M", time.localtime(s.last_seen))
        click.echo(f"{s.site:<{width}}  {s.documents:>9,}  {s.lines:>9,}  {seen}")

def _stdout() -> Any:
    """stdout, which a caller may have closed (``>&-``)."""
    if sys.stdout is None:
        raise Failure("stdout is closed: give -o FILE, or leave stdout open", Exit.FAILED)
    return sys.stdout


def _stdout_console(color: bool | None):
    """Rich for a terminal (or with --color), in colour unless --no-color or NO_COLOR says not: they
    take the colour away, never the layout. Not a terminal: the caller writes plain text."""
    from rich.console import Console

    coloured = color if color is not None else not os.environ.get("NO_COLOR")
    return Console(file=_stdout(), no_color=not coloured, force_terminal=True if color else None, highlight=False,
                   soft_wrap=False)


def _show_diff(console, text: str, result, name: str, context: int, side: bool) -> None:
    from .report import render

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


def _expand(paths: tuple[str, ...]):
    """Files as given; folders walked for their files, in a stable order."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            yield from (str(f) for f in sorted(p.rglob("*")) if f.is_file() and not f.name.startswith("."))
        else:
            yield path


@contextlib.contextmanager
def _nothing():
    yield


def _load(source: str, input_format: str, max_bytes: int, with_metadata: bool = False,
          encoding: str | None = None, markdown: bool = False, among_several: bool = False) -> Source:
    """Read and decode one input; a page with no extractable text, or bytes that had to be
    replaced, is a warning, not an error. An error names the input (a lone one is named by the
    command line itself, and a path that cannot be read always is)."""
    name = _name(source)
    data = _read(source, max_bytes)
    try:
        loaded = load(data, input_format, max_bytes, with_metadata, encoding, markdown)
    except InputError as exc:  # binary, cut short, too big: among several inputs, said of this one by name
        raise InputError(f"{name}: {exc}" if among_several else str(exc)) from None
    if loaded.replaced:
        _warning(f"{name}: {_decoding_note(loaded)}")
    if loaded.is_html and not loaded.text.strip():
        _warning(f"{name}: no article text found in the page")
    if loaded.warning:
        _warning(f"{name}: {loaded.warning}")
    return loaded


def _name(source: str) -> str:
    """How messages name an input."""
    return "<stdin>" if source == "-" else source


def _decoding_note(loaded: Source) -> str:
    if not loaded.replaced:
        return ""
    return f"{loaded.replaced} byte{'s' * (loaded.replaced > 1)} not valid {loaded.encoding}, replaced by U+FFFD"


def _read(source: str, max_bytes: int) -> bytes:
    if source == "-":
        if sys.stdin is None:  # closed by the caller (<&-)
            raise InputError("<stdin>: stdin is closed: give a file, or pipe text in")
        if sys.stdin.isatty():  # not piped: a user waiting for output should know it waits for them
            click.echo("newsclean: reading the article from the terminal: end it with Ctrl-D, or give a file",
                       err=True)
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


def _write(output: str, data: bytes) -> None:
    if output == "-":
        stdout = _stdout()
        try:
            stdout.buffer.write(data)
            stdout.buffer.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            _drop_unwritten_output()
            raise Failure(f"cannot write to stdout: {exc.strerror or exc}", Exit.FAILED) from None
        return
    from .files import write_output

    try:
        write_output(Path(output), data)
    except OSError as exc:
        raise InputError(f"{output}: {exc.strerror or exc}") from None


def _is_audit(report: Path | None) -> bool:
    """--report names an HTML page (an audit), not JSON lines."""
    return report is not None and report.suffix.lower() in (".html", ".htm")


def _audit_for(report: Path | None) -> Any:
    """An Audit to fill when --report names an HTML page, else None (a JSONL report)."""
    if not _is_audit(report):
        return None
    from .report.audit import Audit

    return Audit()


def _check_report(path: Path, inputs: Iterable[Path]) -> None:
    """Before any work: a report that names an input would replace it (a usage error), and one that
    cannot be written fails now rather than after the run."""
    if path.exists() and any(_same_file(path, source) for source in inputs):
        raise Failure(f"{path}: the report would replace an input of the run; name another file", Exit.USAGE)
    if path.is_dir():
        raise Failure(f"{path}: is a folder", Exit.FAILED)
    if path.exists() and not path.is_file():  # a device or a FIFO, written into
        writable = os.access(path, os.W_OK)
    else:  # a file, replaced from beside it
        folder = Path(os.path.realpath(path)).parent
        writable = folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)
    if not writable:
        raise Failure(f"{path}: cannot be written there", Exit.FAILED)


@contextlib.contextmanager
def _reporting(path: Path | None, title: str, link_base: Path) -> Iterator[tuple[io.StringIO | None, Any]]:
    """Where a run puts its --report: JSON lines, or an Audit for an HTML page. At the end, and
    after Ctrl-C (covering what was done), the report replaces the file whole: an old report is
    never left cut short."""
    audit = _audit_for(path)
    lines = io.StringIO() if path is not None and audit is None else None

    def write() -> None:
        if path is None:
            return
        text = lines.getvalue() if lines is not None else audit.page(title, path.resolve().parent, link_base=link_base)
        from .files import write_output

        try:
            write_output(path, text.encode("utf-8"))
        except OSError as exc:
            raise Failure(f"{path}: {exc.strerror or exc}", Exit.FAILED) from None

    try:
        yield lines, audit
    except KeyboardInterrupt:
        write()
        raise
    write()


def _same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file (through links, hard links included)."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _warn(message, category, filename, lineno, file=None, line=None) -> None:
    _warning(str(message))


def _warning(message: str) -> None:
    """A warning on stderr, unless the command was given -q (errors always show)."""
    context = click.get_current_context(silent=True)
    if not (context and context.meta.get(QUIET)):
        click.echo(f"newsclean: warning: {message}", err=True)



def main(argv: list[str] | None = None) -> None:
    """Entry point: one-line errors, quiet on a closed pipe and on Ctrl-C, never a traceback."""
    warnings.showwarning = _warn
    collect_less()
    try:
        cli.main(args=argv, prog_name="newsclean", standalone_mode=False)
    except click.exceptions.Abort:
        sys.exit(Exit.INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        _drop_unwritten_output()
        sys.exit(Exit.BROKEN_PIPE)
    except OSError as exc:  # a full disk, a read-only place: the system's reason, in one line
        _drop_unwritten_output()
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"newsclean: error: {where}{exc.strerror or exc}", err=True)
        sys.exit(Exit.FAILED)
    except KeyboardInterrupt:
        sys.exit(Exit.INTERRUPTED)


def _drop_unwritten_output() -> None:
    """Stop Python from trying (and complaining) again when it flushes stdout at exit."""
    if sys.stdout is not None:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
