"""A corpus run on Dask distributed: a local cluster of worker processes, or one you started.

A shard (one input file) is the unit of work. With site boilerplate on, a first pass counts, per
URL host, in how many documents each line hash occurs (64-bit hashes and counts, never lines);
the counts stay on the workers and one task per bucket of hosts merges them, keeping the hashes
seen in at least ``min_docs`` documents. The second pass cleans each shard with the counts of its
hosts. Each output shard is written under a temporary name and renamed when
complete, so a re-run skips finished shards and a shard whose worker was killed is simply
redone by the scheduler on another worker, with no record missing or doubled.
"""

from __future__ import annotations

import glob
import logging
import multiprocessing
import os
import threading
import time
import warnings
import zlib
from array import array
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from ...collector import collect_less
from ...files import TEMP_MARK
from ...filters.site import MIN_DOCS, SiteBoilerplate, min_docs_of
from ...inputs.sources import DEFAULT_MAX_BYTES, InputError, load
from ...pipeline import Cleaner
from ...report.audit import Audit
from ...settings import Settings
from ...sites.hashing import document_hashes, host_of
from ...sites.memory import MemoryUnavailable, SiteMemory
from .. import spill
from .formats import (
    CorpusError,
    Fields,
    ShardWriter,
    holds_surrogate,
    info_field,
    output_name,
    read_records,
    shard_format,
)
from .records import clean_records, text_bytes

# A shard's result names at most this many of its bad records.
MAX_REPORTED_ERRORS = 5
# How long a scheduler given by --scheduler has to answer, and how much longer its handshake may take.
CONNECT_SECONDS = 10
CONNECT_GRACE_SECONDS = 5
# Workers report documents done in steps of this many, on this topic: progress within a shard.
PROGRESS_EVERY = 100
PROGRESS_TOPIC = "newsclean-documents"
# Hosts are split into this many buckets for the merge of the line counts: one task each.
COUNT_BUCKETS = 16
# The Dask setting of how a local cluster's worker processes start.
START_METHOD = "distributed.worker.multiprocessing-method"


@dataclass
class CorpusPlan:
    """What every worker needs to clean a shard (picklable): how to clean (``settings``; with site
    counts, a first pass counts each host's lines), and how shards are read and written."""

    out_dir: Path
    settings: Settings = field(default_factory=lambda: Settings.make(
        options={SiteBoilerplate.name: {"min_docs": MIN_DOCS}}, site_counts=True))
    out_format: str = "jsonl"
    fields: Fields = field(default_factory=Fields)
    explain: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    force: bool = False
    remember: int = 0  # with a site memory: the documents per host it keeps (the first pass sends them)
    audit: bool = False  # each shard's result carries an Audit of what was removed
    spill: Path | None = None  # where the first pass leaves the pages it extracted (``runners.spill``)



@dataclass
class ShardResult:
    """What happened to one shard."""

    shard: str
    status: str  # done | skipped | failed
    records: int = 0
    changed: int = 0
    bad: int = 0
    passed: int = 0  # documents passed through unjudged, over the time budget
    passed_notes: list[str] = field(default_factory=list)  # the first of them, named
    notes: list[str] = field(default_factory=list)  # e.g. which field newsclean's account went in
    drops: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    audit: Audit | None = field(default=None, repr=False)  # what it removed, for an HTML report


def find_shards(inputs: Iterable[str]) -> list[Path]:
    """Files, folders (searched for shards) and globs, in a stable order, each shard once."""
    found: dict[Path, None] = {}
    for spec in inputs:
        path = Path(spec)
        if path.is_dir():
            matches = sorted(p for p in path.rglob("*") if p.is_file() and shard_format(p)
                             and not p.name.startswith("."))
        elif path.exists():
            if shard_format(path) is None:
                raise CorpusError(f"{spec}: not a corpus shard (.jsonl[.gz|.zst], .parquet, .warc[.gz], .wet[.gz])")
            matches = [path]
        else:
            matches = sorted(Path(p) for p in glob.glob(spec, recursive=True) if shard_format(Path(p)))
            if not matches:
                raise CorpusError(f"{spec}: no such file, folder or matching shard")
        if not matches:
            raise CorpusError(f"{spec}: no corpus shards in this folder")
        for match in matches:
            found.setdefault(match, None)
    return list(found)


def check_output_folder(inputs: Iterable[str], shards: list[Path], out_dir: Path) -> None:
    """Inputs and outputs kept apart: an output folder holding an input shard would overwrite it
    (or count it as done), and one inside an input folder would be read as input next time."""
    out = out_dir.resolve()
    for shard in shards:
        if out in shard.resolve().parents:
            raise CorpusError(f"{out_dir}: the output folder holds the input shard {shard}; write elsewhere")
    for spec in inputs:
        folder = Path(spec)
        if folder.is_dir() and (out == folder.resolve() or folder.resolve() in out.parents):
            raise CorpusError(f"{out_dir}: the output folder is inside the input folder {spec}; write elsewhere")


def output_paths(shards: list[Path], plan: CorpusPlan) -> dict[Path, Path]:
    """Each shard's output; two inputs with one output name are refused before any work."""
    targets: dict[Path, Path] = {}
    seen: dict[str, Path] = {}
    for shard in shards:
        name = output_name(shard, plan.out_format)
        if name in seen:
            raise CorpusError(f"{shard} and {seen[name]} would both be written to {name}")
        seen[name] = shard
        targets[shard] = plan.out_dir / name
    return targets


@dataclass
class ShardCounts:
    """The first pass over one shard: its hosts, and per bucket of hosts, each host's line hashes
    with the number of the shard's documents that hold them (compact arrays), or why the shard
    cannot be read (returned, not raised, so that workers log no traceback)."""

    hosts: set[str]
    buckets: list[dict[str, tuple[array, array]]]
    error: CorpusError | None = None
    # With a site memory: per host, the shard's last documents with a URL (URL, line hashes).
    newest: dict[str, list[tuple[str, array]]] = field(default_factory=dict)


def count_shard(shard: Path, plan: CorpusPlan) -> ShardCounts:
    newest: dict[str, deque[tuple[str, array]]] = {}
    try:
        counts = _count_shard(shard, plan, newest)
    except Exception as exc:  # a corrupt shard (a reader's own error) fails that shard alone
        error = exc if isinstance(exc, CorpusError) else CorpusError(f"{shard}: {type(exc).__name__}: {exc}")
        return ShardCounts(set(), [{} for _ in range(COUNT_BUCKETS)], error)
    buckets: list[dict[str, tuple[array, array]]] = [{} for _ in range(COUNT_BUCKETS)]
    for host, counter in counts.items():
        buckets[_bucket(host)][host] = (array("Q", counter.keys()), array("I", counter.values()))
    return ShardCounts(set(counts), buckets, newest={host: list(docs) for host, docs in newest.items()})


def _count_shard(shard: Path, plan: CorpusPlan, newest: dict[str, deque[tuple[str, array]]]) -> dict[str, Counter[int]]:
    counts: dict[str, Counter[int]] = {}
    for record in read_records(shard, plan.fields, plan.max_bytes):
        text = record.fields.get(plan.fields.text)
        if record.error or not isinstance(text, (str, bytes)):
            continue
        try:
            data = text_bytes(text) if isinstance(text, str) else text
            loaded = load(data, "auto", plan.max_bytes)
        except InputError:
            continue  # reported by the cleaning pass
        url = record.fields.get(plan.fields.url)
        host = host_of(url)
        hashes = document_hashes(loaded.text)
        if loaded.is_html:
            spill.leave(plan.spill, data, loaded)
        counts.setdefault(host, Counter()).update(hashes)
        if plan.remember and host:
            newest.setdefault(host, deque(maxlen=plan.remember)).append((url, array("Q", hashes)))
    return counts


def _bucket(host: str) -> int:
    return zlib.crc32(host.encode("utf-8", "surrogatepass")) % COUNT_BUCKETS  # a URL may hold a lone surrogate


def merge_bucket(parts: list[dict[str, tuple[array, array]]], min_docs: int,
                 earlier: dict[str, dict[int, int]] | None = None) -> dict[str, dict[int, int]]:
    """Per host of one bucket, over all shards (and the documents of earlier runs the site memory
    counted: ``earlier``), the line hashes found in at least ``min_docs`` documents (a host at a
    time, so only one host's full counter is ever held)."""
    by_host: dict[str, list[tuple[array, array]]] = {}
    for part in parts:
        for host, pair in part.items():
            by_host.setdefault(host, []).append(pair)
    repeated = {}
    for host, pairs in by_host.items():
        counter: Counter[int] = Counter((earlier or {}).get(host, {}))
        for hashes, documents in pairs:
            for h, n in zip(hashes, documents, strict=True):
                counter[h] += n
        kept = {h: n for h, n in counter.items() if n >= min_docs}
        if kept:
            repeated[host] = kept
    return repeated


def _bucket_of(counts: ShardCounts, bucket: int) -> dict[str, tuple[array, array]]:
    return counts.buckets[bucket]


def _hosts_or_error(counts: ShardCounts) -> set[str] | CorpusError:
    return counts.error or counts.hosts


def _newest_of(counts: ShardCounts) -> dict[str, list[tuple[str, array]]]:
    return counts.newest


def clean_shard(shard: Path, target: Path, plan: CorpusPlan, site_counts: dict[str, dict[int, int]],
                remembered: dict[str, dict[int, int]] | None = None) -> ShardResult:
    """Clean one shard into its output (atomically); bad records are counted, not fatal."""
    started = time.perf_counter()
    result = ShardResult(str(shard), "done", audit=Audit() if plan.audit else None)
    cleaner = Cleaner.from_settings(plan.settings)
    drops: Counter[str] = Counter()
    accounts: deque[str] = deque()  # the field each record's account goes in, in order
    renamed: set[str] = set()  # accounts not in "newsclean", said once each

    def readable() -> Iterator[dict[str, Any]]:
        for record in _counted_errors(read_records(shard, plan.fields, plan.max_bytes), result):
            accounts.append(info_field(record.fields))
            yield record.fields

    try:
        writer = ShardWriter(target, plan.out_format, _input_schema(shard) if plan.out_format == "parquet" else None)
    except CorpusError as exc:
        return ShardResult(str(shard), "failed", errors=[str(exc)])
    try:
        for record in clean_records(readable(), fields=plan.fields, cleaner=cleaner, explain=plan.explain,
                                    max_bytes=plan.max_bytes,
                                    site_counts=site_counts if plan.settings.site_counts else None,
                                    remembered=remembered, audit=result.audit, source=str(shard),
                                    extracted=partial(spill.take, plan.spill) if plan.spill else None):
            account = accounts.popleft()
            info = record[account]
            if account != "newsclean" and account not in renamed:  # the records have a "newsclean" of their own
                renamed.add(account)
                result.notes.append(f"newsclean's account is in field {account}, a name the records do not use "
                                    "(their own fields keep theirs)")
            result.records += 1
            if not result.records % PROGRESS_EVERY:
                _report_documents(PROGRESS_EVERY)
            if "error" in info:
                _add_error(result, f"record {record.get(plan.fields.id, result.records)!r}: {info['error']}")
            elif surrogates := [name for name, value in record.items() if holds_surrogate((name, value))]:
                _add_error(result, f"record {record.get(plan.fields.id, result.records)!r}: {', '.join(surrogates)} "
                           f"{'hold' if len(surrogates) > 1 else 'holds'} a lone surrogate, which is not Unicode text "
                           f"({'kept, escaped' if plan.out_format == 'jsonl' else 'written as U+FFFD'})")
            elif "passed_through" in info:
                result.passed += 1
                if len(result.passed_notes) < MAX_REPORTED_ERRORS:
                    result.passed_notes.append(f"record {record.get(plan.fields.id, result.records)!r}: "
                                               f"{info['passed_through']}")
            else:
                result.changed += bool(info["drops"])
                drops.update(info["drops"])
            writer.write(record, account)
        writer.commit()
        _report_documents(result.records % PROGRESS_EVERY)
    except Exception as exc:  # a corrupt shard (a reader's own error) fails that shard alone
        writer.abort()
        message = str(exc) if isinstance(exc, CorpusError) else f"{type(exc).__name__}: {exc}"
        return ShardResult(str(shard), "failed", errors=[message], seconds=time.perf_counter() - started)
    except BaseException:
        writer.abort()
        raise
    result.drops = dict(drops)
    result.seconds = time.perf_counter() - started
    return result


def _report_documents(count: int) -> None:
    """Tell the client (its progress bar) that ``count`` more documents are done; nothing when
    not on a Dask worker."""
    if not count:
        return
    try:
        from distributed import get_worker

        get_worker().log_event(PROGRESS_TOPIC, count)
    except (ImportError, ValueError):
        pass


def _input_schema(shard: Path) -> Any:
    """A Parquet shard's own schema, with a field for newsclean's account: every column of the
    input reaches the output with its type. None for other formats (the schema is inferred)."""
    if shard_format(shard) != "parquet":
        return None
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(shard)
    except (OSError, pa.ArrowException) as exc:
        raise CorpusError(f"{shard}: {exc}") from None
    return schema.append(pa.field(info_field(dict.fromkeys(schema.names)), pa.null()))


def _counted_errors(records: Iterable, result: ShardResult) -> Iterator:
    """The readable records; the unreadable ones (not JSON, say) counted and named."""
    for record in records:
        if record.error:
            _add_error(result, record.error)
            continue
        yield record


def _add_error(result: ShardResult, error: str) -> None:
    result.bad += 1
    if len(result.errors) < MAX_REPORTED_ERRORS:
        result.errors.append(error)


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A client of an existing cluster (``scheduler``), or of a local one with ``workers``
    single-threaded worker processes: one code path for both."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise CorpusError("the corpus command needs Dask: pip install 'newsclean[corpus]'") from None
    if scheduler:
        with _connect(Client, scheduler) as client:
            yield client
        return
    # Worker logs stay quiet: a task's failure reaches the user as one line of its shard's result.
    # No dashboard; the scheduler's own HTTP server takes any free local port, not 8787 (which
    # another cluster may hold: Dask would say so).
    with dask.config.set(_worker_start(dask.config.get(START_METHOD))), \
            LocalCluster(n_workers=max(1, workers or 1), threads_per_worker=1, processes=True,
                         dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                         silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        client.run(collect_less)  # our own workers, as the command itself (an existing cluster's keep theirs)
        yield client


def _worker_start(configured: str) -> dict[str, str]:
    """How local worker processes start: forked from a fork server where the platform has one (not
    Windows), rather than Dask's default, each spawned as a new interpreter that imports Dask anew.
    Two workers start in 1.5 s rather than 2.2 and stop in 0.1 s rather than 0.7: a tenth of
    cleaning two thousand documents. A method the user configured other than the default is kept."""
    if configured == "spawn" and "forkserver" in multiprocessing.get_all_start_methods():
        return {START_METHOD: "forkserver"}
    return {}


def _connect(client_class: Any, scheduler: str) -> Any:
    """A client of the scheduler at ``scheduler``, or a one-line CorpusError: a bad address, no
    answer, or something else answering (an HTTP server, say, whose reply Dask cannot parse or
    waits on for ever: hence the client is made in a thread that is given up on after a deadline)."""
    outcome: list[Any] = []

    def connect() -> None:
        try:
            outcome.append(client_class(scheduler, timeout=f"{CONNECT_SECONDS}s"))
        except BaseException as exc:  # reported by the caller's thread
            outcome.append(exc)

    thread = threading.Thread(target=connect, daemon=True)
    thread.start()
    thread.join(CONNECT_SECONDS + CONNECT_GRACE_SECONDS)
    if not outcome:
        raise CorpusError(f"no Dask scheduler answered at {scheduler} within {CONNECT_SECONDS} s")
    if isinstance(outcome[0], BaseException):
        exc = outcome[0]
        raise CorpusError(f"cannot reach the Dask scheduler at {scheduler}: {type(exc).__name__}: {exc}")
    return outcome[0]


def run_corpus(shards: list[Path], plan: CorpusPlan, client: Any,
               on_documents: Callable[[int], None] | None = None, memory: SiteMemory | None = None,
               ) -> Iterator[ShardResult]:
    """Clean ``shards`` on the cluster behind ``client``; yields a result as each shard finishes
    (finished shards first, as skipped). ``on_documents(n)`` hears of documents as they are done,
    a hundred at a time, from the workers (on the client's event thread). With a site ``memory``
    (here, on the client), a host's documents of earlier runs count too, and the newest
    ``plan.remember`` of this run's are remembered."""
    if on_documents is not None:
        client.subscribe_topic(PROGRESS_TOPIC, lambda event: on_documents(event[1]))
    try:
        with spill.spill_folder(plan.settings.site_counts) as folder:  # a page is extracted once
            yield from _run_corpus(shards, replace(plan, spill=folder), client,
                                   memory if plan.settings.site_counts else None)
    finally:
        if on_documents is not None:
            client.unsubscribe_topic(PROGRESS_TOPIC)


def _run_corpus(shards: list[Path], plan: CorpusPlan, client: Any, memory: SiteMemory | None) -> Iterator[ShardResult]:
    from distributed import as_completed

    targets = output_paths(shards, plan)
    try:
        plan.out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CorpusError(f"{plan.out_dir}: {exc.strerror or exc}") from None
    _remove_stale_temporaries(plan.out_dir)
    todo = [s for s in shards if plan.force or not targets[s].exists()]
    for shard in shards:
        if shard not in todo:
            yield ShardResult(str(shard), "skipped")
    if not todo:
        return
    hosts: dict[Path, set[str]] = {}
    repeated: dict[str, dict[int, int]] = {}
    remembered: dict[str, dict[int, int]] = {}
    if plan.settings.site_counts:
        # Every shard is counted, finished ones too: the counts are the whole corpus's. They stay
        # on the workers; one task per bucket of hosts merges them, and only the repeated hashes
        # come back, so the client's memory does not grow with the corpus.
        counted = [client.submit(count_shard, s, plan if s in todo else replace(plan, spill=None), pure=False)
                   for s in shards]
        earlier: list[dict[str, dict[int, int]]] = [{} for _ in range(COUNT_BUCKETS)]
        if memory is not None:
            earlier = _recall(memory, client.gather([client.submit(_newest_of, c, pure=False) for c in counted]),
                              plan.remember)
        merged = [client.submit(merge_bucket, [client.submit(_bucket_of, c, b, pure=False) for c in counted],
                                min_docs_of(plan.settings), earlier[b], pure=False) for b in range(COUNT_BUCKETS)]
        summaries = {client.submit(_hosts_or_error, c, pure=False): s for c, s in zip(counted, shards, strict=True)}
        for future in as_completed(summaries):
            shard = summaries[future]
            try:
                found = future.result()
            except Exception as exc:  # e.g. KilledWorker: the task died more often than allowed
                found = CorpusError(f"{shard}: {type(exc).__name__}: {exc}")
            if isinstance(found, CorpusError):  # an unreadable shard fails here, before its cleaning
                if shard in todo:
                    todo.remove(shard)
                    yield _failed(shard, found)
                continue
            hosts[shard] = found
        try:
            for part in client.gather(merged):
                repeated.update(part)  # a host is in one bucket only
        except Exception as exc:
            raise CorpusError(f"counting repeated lines failed: {type(exc).__name__}: {exc}") from None
        del counted, merged, summaries  # the workers drop the counts
        for bucket in earlier:
            for host, counts in bucket.items():
                if host in repeated:
                    remembered[host] = {h: counts[h] for h in repeated[host] if h in counts}
    futures = {}
    for shard in todo:
        mine = {h: repeated[h] for h in hosts.get(shard, ()) if repeated.get(h)}
        from_memory = {h: remembered[h] for h in mine if remembered.get(h)}
        futures[client.submit(clean_shard, shard, targets[shard], plan, mine, from_memory, pure=False)] = shard
    try:
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # e.g. KilledWorker: the shard's task died more often than allowed
                yield _failed(futures[future], exc)
    finally:
        client.cancel(list(futures))
        _remove_stale_temporaries(plan.out_dir)  # what an attempt on a killed worker left


def _recall(memory: SiteMemory, newest_per_shard: list[dict[str, list[tuple[str, array]]]],
            keep: int) -> list[dict[str, dict[int, int]]]:
    """Per bucket and host, the line counts of the host's documents of earlier runs (not those
    this run holds again), after which this run's newest documents of each host are remembered.
    A memory that fails is one warning; the run goes on without it."""
    newest: dict[str, deque[tuple[str, array]]] = {}
    for part in newest_per_shard:
        for host, documents in part.items():
            newest.setdefault(host, deque(maxlen=keep)).extend(documents)
    earlier: list[dict[str, dict[int, int]]] = [{} for _ in range(COUNT_BUCKETS)]
    try:
        for host, documents in newest.items():
            counts = memory.exchange(host, documents)
            if counts:
                earlier[_bucket(host)][host] = counts
    except MemoryUnavailable as exc:
        warnings.warn(f"{exc}: cleaning without it", stacklevel=2)
        return [{} for _ in range(COUNT_BUCKETS)]
    return earlier


def _failed(shard: Path, exc: Exception) -> ShardResult:
    message = str(exc) if isinstance(exc, CorpusError) else f"{type(exc).__name__}: {exc}"
    return ShardResult(str(shard), "failed", errors=[message])


def _remove_stale_temporaries(out_dir: Path) -> None:
    """Partial shards of a run that was killed (a SIGKILL gives no chance to clean up)."""
    for name in os.listdir(out_dir):
        if name.startswith(".") and name.endswith(TEMP_MARK):
            (out_dir / name).unlink(missing_ok=True)
