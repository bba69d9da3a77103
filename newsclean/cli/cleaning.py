"""What ``newsclean clean`` does, without click: the command (``clean``) parses its options with
click and calls ``clean_sources``; ``clean_plain`` is the same with every default, for a command
line that gives nothing to parse (``newsclean``, ``newsclean clean``), and runs without importing
click at all: click, with the uuid, platform, datetime and gettext it brings, was a sixth of a plain
clean's instructions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..filters.site import with_site_counts
from ..inputs.sources import DEFAULT_MAX_BYTES, InputError
from ..pipeline import Cleaner
from ..rules.lexicon import phrasebook
from ..settings import Settings
from .messages import Exit, Failure, note, say, warning
from .reading import decoding_note, load_source, same_file, source_name
from .writing import show_diff, stdout, stdout_console, write

if TYPE_CHECKING:
    from .options import Remembering

# Seconds a document may take before it is passed through unchanged, with a warning.
DEFAULT_TIME_BUDGET = 60.0


def make_cleaner(settings: Settings, memory: Remembering | None = None) -> Cleaner:
    """The cleaner ``settings`` make (with ``memory``, for documents that come with their site's
    counts): an unknown filter, or an option for one that does not run, is a FilterError (exit 2)
    before any work; a run that leaves the judge out says so, once."""
    cleaner = Cleaner.from_settings(settings)  # checked as the user gave them
    if memory is not None:
        cleaner = Cleaner.from_settings(with_site_counts(settings, memory.min_docs))
    if settings.only is not None and "judge" not in settings.only and "judge" not in settings.skip:
        note("the judge is not in --only: the filters' proposals are final (add judge to --only to have it decide)")
    return cleaner


def clean_plain() -> None:
    """``newsclean clean`` with no option and no source: stdin to stdout, as ``clean_sources`` does
    with the defaults the command's options declare."""
    phrasebook()  # as the command's options read them: a bad phrase file stops the run before it starts
    clean_sources((), "-", Settings.make(time_budget=DEFAULT_TIME_BUDGET), DEFAULT_MAX_BYTES, "text", False, False,
                  False, None, "auto", None, None)


def clean_sources(sources: tuple[str, ...], output: str, settings: Settings, max_bytes: int, fmt: str,
                  with_title: bool, show_diff_instead: bool, explain: bool, color: bool | None, input_format: str,
                  encoding: str | None, memory: Remembering | None) -> None:
    """SOURCES (none: stdin) to stdout or ``output``, or their verdicts shown."""
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
            say(f"newsclean: error: {exc}")
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
