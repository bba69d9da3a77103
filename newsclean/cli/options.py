"""The options several commands share, as decorators; the filter options come to a command as one
``Settings``, checked in one place (``cleaning.make_cleaner``)."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..core.document import SiteCounts
from ..inputs.sources import DEFAULT_MAX_BYTES, InputError
from ..registry import parse_option
from ..rules.lexicon import phrasebook
from ..settings import Settings
from .cleaning import DEFAULT_TIME_BUDGET
from .messages import QUIET, QUIET_RUN, Exit, Failure, warning

if TYPE_CHECKING:
    from ..sites.memory import SiteMemory


def filter_options(fn):
    """--only / --skip / -F / --threshold / --precision / --recall, shared by every command that
    cleans: the command gets ``settings``, with --time-budget's seconds when it has that option."""
    command = fn

    @functools.wraps(command)
    def with_settings(*args: Any, only: str | None, skip: str | None, filter_options: tuple[str, ...],
                      threshold: float | None, precision: bool, recall: bool, **kwargs: Any) -> Any:
        if precision and recall:
            raise Failure("--precision and --recall contradict each other: give one", Exit.USAGE)
        settings = Settings.make(_split_names(only) if only is not None else None, _split_names(skip),
                                 _parse_options(filter_options, threshold),
                                 "precision" if precision else "recall" if recall else None,
                                 kwargs.pop("time_budget", None))
        return command(*args, settings=settings, **kwargs)

    fn = with_settings
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


def _split_names(value: str | None) -> list[str]:
    return [name.strip() for name in (value or "").split(",") if name.strip()]


def _parse_options(specs: tuple[str, ...], threshold: float | None) -> dict[str, dict[str, Any]]:
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


def time_budget_option(fn):
    """--time-budget: seconds, or None for no limit (0), which ``filter_options`` puts in the settings."""
    return click.option("--time-budget", type=click.FloatRange(min=0), default=DEFAULT_TIME_BUDGET, metavar="SECONDS",
                        show_default=True, callback=lambda ctx, param, value: value or None,
                        help="A document taking longer, or larger than that allows (1,000 lines and 100,000 "
                        "characters a second), is passed through unchanged, with a warning (0: no limit).")(fn)


def quiet_option(fn):
    """-q for a command whose only messages are warnings and notes: the command gets no ``quiet``."""
    return click.option("-q", "--quiet", is_flag=True, expose_value=False, help="No warnings (errors still show).",
                        callback=_remember(QUIET))(fn)


def run_quiet_option(help: str):
    """-q for batch and corpus: no progress and no summary (nor notes); the command gets ``quiet``."""
    return click.option("-q", "--quiet", is_flag=True, help=help, callback=_remember(QUIET_RUN))


def _remember(key: str):
    """A callback that keeps a flag in the click context's meta, so that every message, even one
    said before the command starts, knows it."""

    def callback(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
        ctx.meta[key] = value
        return value

    return callback


def color_option(fn):
    return click.option("--color/--no-color", default=None,
                        help="Colour the preview (default: unless NO_COLOR is set); --color draws it even when "
                             "piped.")(fn)


def max_bytes_option(help: str):
    return click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, help=help)


def jobs_option(name: str, help: str):
    return click.option("-j", "--jobs", "--workers", name, default=os.cpu_count() or 1, show_default="all cores",
                        help=help)


def force_option(help: str):
    return click.option("--force", is_flag=True, help=help)


def report_option(help: str):
    return click.option("--report", type=click.Path(dir_okay=False, path_type=Path), help=help)


def site_options(site_help: str, min_docs_help: str):
    """--site-boilerplate/--no-site-boilerplate and --min-docs, for batch and corpus."""

    def decorate(fn):
        fn = click.option("--min-docs", default=3, show_default=True, help=min_docs_help)(fn)
        return click.option("--site-boilerplate/--no-site-boilerplate", default=True, show_default=True,
                            help=site_help)(fn)

    return decorate


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
        from ..sites.memory import SiteMemory

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
        from ..sites.hashing import host_of

        if self.memory is None:
            return None
        url = self.url or page_url
        site = host_of(url)
        if not site:
            warning(f"{name}: no site known for --remember (give --url, or a page with a canonical link): "
                    "cleaned without the site memory")
            return None
        return SiteCounts(recall=self.memory.recall(site, key or url, record, on_error=self._failed))

    def _failed(self, exc: Exception) -> None:
        warning(f"{exc}: cleaning without it")
        if self.memory is not None:
            self.memory.close()
        self.memory = None


def check_site_memory(memory: Remembering | None, site_boilerplate: bool) -> None:
    """The site memory remembers what the site filter counts: without it, there is nothing to remember."""
    if memory is not None and not site_boilerplate:
        raise Failure("--remember and --no-site-boilerplate contradict each other: give one", Exit.USAGE)


def input_format_option(fn):
    """--input-format and --encoding: how input bytes are read."""
    fn = click.option("--encoding", metavar="NAME", callback=_check_encoding,
                      help="Read input in this encoding (default: detected; a page's own charset is obeyed).")(fn)
    return click.option("--input-format", type=click.Choice(["auto", "text", "html"]), default="auto",
                        show_default=True, help="HTML is detected by its content; force either way.")(fn)


def _check_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from ..inputs.charsets import check_encoding

    try:
        return check_encoding(value) if value else None
    except InputError as exc:
        raise click.BadParameter(str(exc)) from None
