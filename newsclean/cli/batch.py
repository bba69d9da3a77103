"""``newsclean batch``: every file under a folder cleaned into another (or in place), resumably."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from ..filters.site import with_site_counts
from ..settings import Settings
from .cleaning import make_cleaner
from .messages import Exit, Failure
from .options import (
    Remembering,
    check_site_memory,
    filter_options,
    force_option,
    input_format_option,
    jobs_option,
    max_bytes_option,
    memory_options,
    report_option,
    run_quiet_option,
    site_options,
    time_budget_option,
)
from .reports import check_report, is_audit, reporting


class ListFile(click.File):
    """--from-list's file, where "-" is stdin, which the caller may have closed (<&-)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if value == "-" and sys.stdin is None:
            self.fail("stdin is closed: give a file, or pipe the list in", param, ctx)
        return super().convert(value, param, ctx)


@click.command("batch")
@click.argument("src", type=click.Path(path_type=Path))
@click.option("-o", "--output", "dst", type=click.Path(path_type=Path), metavar="FOLDER",
              help="Output folder (mirrors SRC).")
@click.option("--glob", "patterns", multiple=True, metavar="PATTERN", help="Only files matching (repeatable).")
@click.option("--exclude", multiple=True, metavar="PATTERN", help="Leave out files matching (repeatable).")
@click.option("--from-list", type=ListFile("r"), help="Clean the paths listed in FILE (- for stdin), e.g. from find.")
@jobs_option("jobs", "Worker processes.")
@filter_options
@site_options("Drop lines repeated across many files of one group.", "Files of a group a line must occur in to go.")
@click.option("--group-by", type=click.Choice(["folder", "none"]), default="folder", show_default=True,
              help="Which files count together for site boilerplate.")
@click.option("--in-place", is_flag=True, help="Rewrite the inputs themselves, keeping a backup of each.")
@click.option("--backup-suffix", default=".orig", show_default=True, help="Backup name for --in-place.")
@force_option("Redo files whose output is already up to date.")
@max_bytes_option("Skip (as failed) larger files.")
@report_option("FILE.html: an audit page of what was removed and why; other names: one JSON record per file.")
@click.option("--format", "out_format", type=click.Choice(["text", "markdown", "json", "jsonl"]), default="text",
              show_default=True, help="As in `clean`; each output is named with the format's extension "
              "(story.html: story.txt, story.md, story.json, story.jsonl).")
@run_quiet_option("No progress bar and no summary (failures still show).")
@time_budget_option
@input_format_option
@memory_options
def batch_command(src: Path, dst: Path | None, patterns: tuple[str, ...], exclude: tuple[str, ...], from_list,
                  jobs: int, settings: Settings, site_boilerplate: bool, min_docs: int, group_by: str,
                  in_place: bool, backup_suffix: str, force: bool, max_bytes: int, report: Path | None,
                  out_format: str, quiet: bool, input_format: str, encoding: str | None,
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
    from ..report import progress
    from ..runners import batch

    make_cleaner(settings)  # unknown filters or options fail here, before any file is touched or any worker starts
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
        check_report(report, (src / rel for rel in files))
    # Every file is cleaned with its group's counts (none without --site-boilerplate).
    plan = batch.Plan(src=src, dst=dst, settings=with_site_counts(settings, min_docs or None), in_place=in_place,
                      backup_suffix=backup_suffix, force=force, max_bytes=max_bytes, input_format=input_format,
                      encoding=encoding, audit=is_audit(report), out_format=out_format)
    check_site_memory(memory, site_boilerplate)

    def run(on_counted: Callable[[], None] | None) -> Iterator[batch.FileResult]:
        return batch.run(plan, files, jobs=max(1, jobs), site_boilerplate=site_boilerplate,
                         group_of=batch.group_of_folder if group_by == "folder" else None,
                         memory=memory.memory if memory else None, on_counted=on_counted)

    with reporting(report, f"newsclean batch {src}", src.resolve()) as (lines, audit):
        rows = progress.collect_batch(run, len(files), lines, show_progress=not quiet and sys.stderr.isatty(),
                                      audit=audit, counting=site_boilerplate)
    progress.print_batch_summary(rows, table=not quiet, out_format=out_format)
    if any(r.status == "failed" for r in rows):
        sys.exit(Exit.FAILED)
