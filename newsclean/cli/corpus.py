"""``newsclean corpus``: corpus shards (JSONL, Parquet, WARC, WET) cleaned on Dask."""

from __future__ import annotations

import sys
import time
from pathlib import Path

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
    jobs_option,
    max_bytes_option,
    memory_options,
    report_option,
    run_quiet_option,
    site_options,
    time_budget_option,
)
from .reports import check_report, is_audit, reporting


@click.command("corpus")
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
@site_options("Also drop lines repeated across documents of one URL host (a first pass counts them).",
              "Documents of a host a line must occur in to go.")
@jobs_option("workers", "Worker processes of a local Dask cluster.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Run on this existing Dask cluster instead.")
@force_option("Redo shards whose output already exists.")
@max_bytes_option("Records with more text are bad records.")
@report_option("FILE.html: an audit page of what was removed and why; other names: one JSON record per shard.")
@run_quiet_option("No progress bar and no summary table (failures still show).")
@time_budget_option
@memory_options
def corpus_command(inputs: tuple[str, ...], out_dir: Path, out_format: str, text_field: str, id_field: str,
                   url_field: str, settings: Settings, explain: bool, site_boilerplate: bool, min_docs: int,
                   workers: int, scheduler: str | None, force: bool, max_bytes: int, report: Path | None, quiet: bool,
                   memory: Remembering | None) -> None:
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
    from ..report import progress
    from ..runners.corpus import (
        CorpusError,
        CorpusPlan,
        Fields,
        check_output_folder,
        dask_client,
        find_shards,
        run_corpus,
    )

    make_cleaner(settings)  # unknown filters or options fail here, before any shard is read
    # With site boilerplate, the documents come with their host's counts and this run's --min-docs,
    # which tells in-run counts from remembered ones.
    remember = memory.memory.docs_per_site if memory and memory.memory else 0
    plan = CorpusPlan(out_dir=out_dir, settings=with_site_counts(settings, min_docs) if site_boilerplate else settings,
                      out_format=out_format, fields=Fields(text_field, id_field, url_field), explain=explain,
                      max_bytes=max_bytes, force=force, remember=remember, audit=is_audit(report))
    check_site_memory(memory, site_boilerplate)
    started = time.monotonic()
    try:
        shards = find_shards(inputs)
        check_output_folder(inputs, shards, out_dir)
        if report is not None:
            check_report(report, shards)
        with (dask_client(workers, scheduler) as client,
              reporting(report, f"newsclean corpus {' '.join(inputs)}", Path.cwd()) as (lines, audit)):
            site_memory = memory.memory if memory else None
            rows = progress.collect_corpus(lambda on_documents: run_corpus(shards, plan, client, on_documents,
                                                                           site_memory),
                                           len(shards), show_progress=not quiet and sys.stderr.isatty(),
                                           report=lines, audit=audit, counting=site_boilerplate)
    except CorpusError as exc:
        raise Failure(str(exc), Exit.USAGE) from None
    progress.print_corpus_summary(rows, time.monotonic() - started, table=not quiet)
    if any(r.status == "failed" or r.bad for r in rows):
        sys.exit(Exit.FAILED)
