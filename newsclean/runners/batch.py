"""Cleaning a whole folder: safely, in parallel, with a corpus-wide site-boilerplate pass.

Nothing is lost: inputs are only changed with ``in_place`` (after a backup), every output is
written to a temporary file beside it and renamed, a finished output is not redone unless
``force``, and one bad file is reported without stopping the rest. The engine yields one
``FileResult`` per file; the CLI only renders them.
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import hashlib
import json
import os
import shutil
import signal
import warnings
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..core.document import SiteCounts
from ..files import TEMP_MARK, write_atomic, written_beside
from ..filters.site import min_docs_of
from ..inputs.source import Source
from ..inputs.sources import DEFAULT_MAX_BYTES, InputError, compress, load, read_within
from ..pipeline import Cleaner
from ..report.audit import Audit
from ..report.render import formatted
from ..settings import Settings
from ..sites.hashing import document_hashes, document_host
from ..sites.memory import MemoryUnavailable, SiteMemory
from . import spill

# Files go to workers in chunks (fewer round trips), a few chunks per worker at a time: enough to
# keep workers busy, few enough to stop quickly on Ctrl-C.
CHUNK_FILES = 8
IN_FLIGHT_PER_JOB = 3
# An output's name ends as its format: a page never comes out as text under .html.
FORMAT_SUFFIXES = {"text": ".txt", "markdown": ".md", "json": ".json", "jsonl": ".jsonl"}
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
PACKED_SUFFIXES = (".gz", ".zst")


class BatchError(ValueError):
    """A batch that cannot start: bad folders, DST inside SRC, an unreadable path list."""


@dataclass
class FileResult:
    """What happened to one file (one record of --report)."""

    path: str
    status: str  # changed | unchanged | empty | skipped | passed (through, unjudged) | failed
    lines_in: int = 0
    lines_out: int = 0
    drops: dict[str, int] = field(default_factory=dict)
    error: str = ""
    html: bool = False  # an HTML page, converted to the output format
    audit: Audit | None = field(default=None, repr=False)  # what it removed, for an HTML report


@dataclass
class Plan:
    """Everything a worker needs to clean one file, picklable: how to clean (``settings``, with site
    counts: a file without repeated lines gets empty ones), and where files come from and go."""

    src: Path
    dst: Path | None
    settings: Settings = field(default_factory=lambda: Settings(site_counts=True))
    in_place: bool = False
    backup_suffix: str = ".orig"
    force: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    input_format: str = "auto"
    encoding: str | None = None
    audit: bool = False  # each result carries an Audit of what was removed
    out_format: str = "text"  # text, markdown, json or jsonl, as clean's --format
    spill: Path | None = None  # where the counting pass leaves the pages it extracted (``runners.spill``)



def list_sources(src: Path, patterns: Iterable[str] = ("*",), exclude: Iterable[str] = (),
                 from_list: Iterable[str] | None = None, ignore_suffix: str | None = None) -> list[Path]:
    """Files under SRC as paths relative to it, in a stable order.

    Symbolic links that lead outside SRC are not followed; hidden files and our own temporary
    files are left out, and with ``ignore_suffix``, backups (a file ending with it beside the file
    it backs up; one with no such file means the suffix is a file type, and is an error); with
    ``from_list``, the given paths (e.g. from find) must lie in SRC.
    """
    root = src.resolve()
    patterns, exclude = list(patterns) or ["*"], list(exclude)
    if from_list is not None:
        listed = [Path(p.strip()) for p in from_list if p.strip()]
        # A relative path names a file from here (find's output) or, failing that, from SRC (ls's).
        candidates = [p if p.is_absolute() or p.exists() else src / p for p in listed]
    else:
        candidates = [Path(d) / f for d, _, files in os.walk(src, followlinks=False) for f in files]
    found = []
    for path in sorted(candidates):  # in order, so that an error names the same file each time
        try:
            rel = path.resolve().relative_to(root)
        except ValueError:
            continue  # outside SRC, directly or through a link
        except (OSError, RuntimeError):
            continue  # a link that loops, or that cannot be followed: not a file
        name = rel.name
        if name.startswith(".") or TEMP_MARK in name:
            continue
        text = rel.as_posix()
        if not any(fnmatch.fnmatch(text, p) or fnmatch.fnmatch(name, p) for p in patterns):
            continue
        if any(fnmatch.fnmatch(text, p) or fnmatch.fnmatch(name, p) for p in exclude):
            continue
        if not path.resolve().is_file():
            continue
        if ignore_suffix and name.endswith(ignore_suffix):
            if not (root / text[:-len(ignore_suffix)]).exists():  # no file it backs up: the suffix is a file type
                raise BatchError(f"--backup-suffix {ignore_suffix}: {text} ends with it but is no backup (there is no "
                                 f"{text[:-len(ignore_suffix)]}); give a suffix no file to clean ends with")
            continue
        found.append(rel)
    if from_list is not None and listed and not found:
        raise BatchError(f"none of the {len(listed)} listed paths is a file in {src}")
    return sorted(set(found))


def check_backup_suffix(suffix: str) -> None:
    """A backup is named FILE + suffix, beside FILE: a suffix that is a path would put it elsewhere."""
    if not suffix.strip(".") or any(sep and sep in suffix for sep in ("/", os.sep, os.altsep)):
        raise BatchError(f"--backup-suffix {suffix!r}: give a suffix for file names, such as .orig (no folders)")


def check_folders(src: Path, dst: Path | None, in_place: bool) -> None:
    if not src.is_dir():
        raise BatchError(f"{src}: not a folder")
    if in_place:
        return
    if dst is None:
        raise BatchError("give an output folder with -o DST, or --in-place")
    s, d = src.resolve(), dst.resolve()
    if d == s or s in d.parents:
        raise BatchError(f"{dst}: the output folder may not be inside the input folder")
    if d in s.parents:  # outputs would overwrite inputs
        raise BatchError(f"{src}: the input folder may not be inside the output folder")
    try:  # before any file is cleaned: a place that cannot take the outputs fails at once
        dst.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"{dst}: {_os_message(exc)}") from None
    if not os.access(dst, os.W_OK | os.X_OK):
        raise BatchError(f"{dst}: the output folder is not writable")


def output_name(rel: Path, out_format: str) -> Path:
    """Where a file's output goes, relative to DST: under the format's extension (``story.html``
    becomes ``story.md``, ``x.html.gz`` ``x.txt.gz``, packed as its input); a text file cleaned to
    text keeps its name."""
    packed = next((suffix for suffix in PACKED_SUFFIXES if rel.name.endswith(suffix)), "")
    name = rel.name[:len(rel.name) - len(packed)]
    stem, dot, extension = name.rpartition(".")
    if out_format == "text" and f".{extension.lower()}" not in HTML_SUFFIXES:
        return rel
    return rel.with_name((stem if dot and stem else name) + FORMAT_SUFFIXES[out_format] + packed)


def check_outputs(files: list[Path], out_format: str) -> None:
    """Two inputs whose outputs would share a name (``a.txt`` and ``a.html`` as text) stop the run
    before it starts: neither may overwrite the other."""
    seen: dict[Path, Path] = {}
    for rel in files:
        target = output_name(rel, out_format)
        if target in seen:
            raise BatchError(f"{seen[target]} and {rel} would both be written as {target}: leave one out "
                             "(--exclude)")
        seen[target] = rel


def group_of_folder(rel: Path) -> str:
    return rel.parent.as_posix()


def run(plan: Plan, files: list[Path], jobs: int = 1, site_boilerplate: bool = True,
        group_of: Callable[[Path], str] | None = group_of_folder, memory: SiteMemory | None = None,
        on_counted: Callable[[], None] | None = None) -> Iterator[FileResult]:
    """Clean ``files`` (relative to plan.src); yields results as files finish.

    With ``site_boilerplate``, a first pass counts in how many documents of each group every
    line hash occurs (``on_counted`` is called as each file is counted, before any is cleaned);
    ``group_of`` maps a file to its group (None: the whole batch is one group).
    With a site ``memory`` too, a group is a site (its folder), whose documents of earlier runs
    count as well, and which remembers this run's. An output counts as up to date only if the
    ledger says it was made with the same settings.
    """
    _remove_stale_temporaries(plan)
    counts: dict[tuple[str, str], dict[int, int]] = {}
    remembered: dict[str, dict[int, int]] = {}
    hosts: dict[Path, str] = {}  # the site each document says it comes from
    groups: dict[Path, str] = {rel: (group_of(rel) if group_of else "") for rel in files}
    files = sorted(files, key=lambda rel: (groups[rel], rel))  # a group's files one after another
    settings = _settings_key(plan, site_boilerplate, group_of, memory)
    ledger = Ledger(plan.src if plan.in_place else plan.dst)
    made_alike = {rel for rel in files if ledger.made_with(rel) == settings}
    known = {rel for rel in files if ledger.made_with(rel) is not None}
    _warn_about_other_settings(plan, files, made_alike, known)
    # A page is extracted once: both passes load it alike, but for JSON, whose metadata the counting
    # pass does without.
    spilling = site_boilerplate and plan.out_format != "json"
    with spill.spill_folder(spilling) as folder, _workers(replace(plan, spill=folder), jobs) as workers, ledger:
        if site_boilerplate:
            sites = Sites(plan.src, memory) if memory is not None else None
            min_docs = min_docs_of(plan.settings)
            # A file whose output the ledger holds done is not cleaned again: its page is not left for it.
            cleaned = {rel for rel in files if plan.force or plan.audit or rel not in made_alike}
            counts, remembered, hosts = _count_lines(workers, files, groups, min_docs, sites, on_counted, cleaned)
        tasks = [(rel, counts.get((groups[rel], hosts.get(rel, "")), {}), remembered.get(groups[rel], {}),
                  rel in made_alike, rel in known, memory is not None or bool(hosts.get(rel))) for rel in files]
        for result in _map(_clean_files, tasks, workers, _crashed_cleaning):
            ledger.record(result, settings)
            yield result


class Ledger:
    """What settings each output was made with (a hidden JSON file in DST, or in SRC for
    --in-place), so that a run with other filters or options redoes the files it would change.
    Saved now and then and at the end; an output the ledger does not know is made again."""

    NAME = ".newsclean-batch.json"
    SAVE_EVERY = 500

    def __init__(self, root: Path | None) -> None:
        self.path = root / self.NAME if root is not None else None
        self.files: dict[str, str] = {}
        self._unsaved = 0
        try:
            if self.path is not None:
                self.files = dict(json.loads(self.path.read_text(encoding="utf-8"))["files"])
        except (OSError, ValueError, KeyError, TypeError):
            self.files = {}  # none yet, or unreadable: every output is made again

    def made_with(self, rel: Path) -> str | None:
        return self.files.get(rel.as_posix())

    def record(self, result: FileResult, settings: str) -> None:
        if result.status == "skipped":
            return
        if result.status == "failed":
            self.files.pop(result.path, None)
        else:
            self.files[result.path] = settings
        self._unsaved += 1
        if self._unsaved >= self.SAVE_EVERY:
            self.save()

    def save(self) -> None:
        """Best effort: an output the ledger could not record is only made again next time."""
        if self.path is None or not self._unsaved:
            return
        with contextlib.suppress(OSError):
            # ASCII JSON: a file name that is not UTF-8 is kept escaped, and read back exactly.
            write_atomic(self.path, json.dumps({"files": self.files}).encode("ascii"))
            self._unsaved = 0

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.save()


def _settings_key(plan: Plan, site_boilerplate: bool, group_of: Callable[[Path], str] | None,
                  memory: SiteMemory | None) -> str:
    """How an output was made: the settings (and version), and how files were read, counted and written."""
    made = {"settings": plan.settings.key(), "site_boilerplate": site_boilerplate, "input_format": plan.input_format,
            "encoding": plan.encoding, "max_bytes": plan.max_bytes, "group_by": getattr(group_of, "__name__", None),
            "memory": str(memory.path) if memory is not None else None, "format": plan.out_format}
    return hashlib.sha256(json.dumps(made, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _warn_about_other_settings(plan: Plan, files: list[Path], made_alike: set[Path], known: set[Path]) -> None:
    """Say why finished-looking outputs are made again (in place: files the ledger knows, since a
    backup's name may be taken by a file of the user's)."""
    if plan.force:
        return
    done = [rel for rel in files if rel not in made_alike
            and (rel in known if plan.in_place else (plan.dst / output_name(rel, plan.out_format)).exists())]
    if done:
        warnings.warn(f"{len(done)} output{'s were' if len(done) > 1 else ' was'} made with other settings "
                      "(filters, options, version) or by a run that did not finish: making "
                      f"{'them' if len(done) > 1 else 'it'} again", stacklevel=2)


def _count_lines(workers: Workers, files: list[Path], groups: dict[Path, str], threshold: int, sites: Sites | None,
                 on_counted: Callable[[], None] | None = None, cleaned: Collection[Path] = (),
                 ) -> tuple[dict[tuple[str, str], dict[int, int]], dict[str, dict[int, int]], dict[Path, str]]:
    """Per group and site, the document count of every line hash seen in at least ``threshold``
    documents, and per group how many of those documents the site memory remembers (with ``sites``);
    and each document's site. A group's documents count by the site (host) they say they are from
    (``document_host``), those that do not say it together; with ``sites``, a group is one site.

    Memory holds 64-bit hashes and counts, never lines; a group's full counter lives only until
    its last file is counted, then shrinks to the hashes that reached the threshold. A page of
    ``cleaned`` (the files the cleaning pass will read) is left for it extracted (``runners.spill``).
    """
    members: dict[str, list[Path]] = {}
    for rel in files:
        members.setdefault(groups[rel], []).append(rel)
    remaining = {group: len(rels) for group, rels in members.items()}
    counting: dict[str, dict[str, Counter[int]]] = {}
    newest: dict[str, deque[tuple[Path, set[int]]]] = {}  # the documents a site memory will keep
    repeated: dict[tuple[str, str], dict[int, int]] = {}
    remembered: dict[str, dict[int, int]] = {}
    hosts: dict[Path, str] = {}
    tasks = [(rel, rel in cleaned) for rel in files]
    # A file that cannot be counted (its worker died) counts nothing: the cleaning pass reports it.
    for rel, hashes, host in _map(_hash_files, tasks, workers, lambda task: (task[0], set(), "")):
        if on_counted is not None:
            on_counted()
        group = groups[rel]
        if host and sites is None:
            hosts[rel] = host
        counting.setdefault(group, {}).setdefault(hosts.get(rel, ""), Counter()).update(hashes)
        if sites is not None:
            newest.setdefault(group, deque(maxlen=sites.memory.docs_per_site)).append((rel, hashes))
        remaining[group] -= 1
        if remaining[group]:
            continue
        counters = counting.pop(group)
        if sites is not None:  # a group is one site: its documents name none (``hosts`` stays empty)
            earlier = sites.recall(group, members[group], newest.pop(group))
            counters[""].update(earlier)
        for site, counter in counters.items():
            repeated[group, site] = {h: n for h, n in counter.items() if n >= threshold}
        if sites is not None:
            remembered[group] = {h: earlier[h] for h in repeated[group, ""] if h in earlier}
    return repeated, remembered, hosts


class Sites:
    """A batch's groups as sites of the site memory: a folder is a site, a file a document. A
    memory that fails is one warning; the batch goes on without it."""

    def __init__(self, src: Path, memory: SiteMemory) -> None:
        self.root = src.resolve()
        self.memory: SiteMemory = memory
        self.failed = False

    def recall(self, group: str, members: list[Path], newest: Iterable[tuple[Path, set[int]]]) -> dict[int, int]:
        """The group's counts from earlier runs (its own files not counted twice), after which its
        newest documents are remembered."""
        if self.failed:
            return {}
        site = f"folder:{(self.root / group).as_posix()}"
        try:
            earlier = self.memory.exchange(site, [(self._key(rel), hashes) for rel, hashes in newest],
                                           held=[self._key(rel) for rel in members])
        except MemoryUnavailable as exc:
            warnings.warn(f"{exc}: cleaning without it", stacklevel=2)
            self.failed = True
            return {}
        return earlier

    def _key(self, rel: Path) -> str:
        return (self.root / rel).as_posix()


class Workers:
    """A run's worker processes (none for a single job: the work is done in this process)."""

    def __init__(self, plan: Plan, jobs: int) -> None:
        self.jobs = jobs
        self._args = (plan, True)
        self.pool = self._start() if jobs > 1 else None

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.jobs, initializer=_init_worker, initargs=self._args)

    def restart(self) -> None:
        """A new pool, for one a dead worker broke (its other workers were stopped, perhaps while
        writing: their temporary files go)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        _remove_stale_temporaries(self._args[0])
        self.pool = self._start()


@contextmanager
def _workers(plan: Plan, jobs: int) -> Iterator[Workers]:
    """One set of workers for both passes.

    On Ctrl-C or SIGTERM, no new file starts; files already being written finish (their writes
    are atomic) and KeyboardInterrupt reaches the caller.
    """
    if jobs <= 1:
        _init_worker(plan, ignore_interrupts=False)
        yield Workers(plan, jobs)
        return
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    workers = Workers(plan, jobs)
    try:
        yield workers
    finally:
        if workers.pool is not None:
            workers.pool.shutdown(wait=True, cancel_futures=True)
        signal.signal(signal.SIGTERM, previous)


def _map(fn: Callable[[list], list], tasks: list, workers: Workers, crashed: Callable[[Any], Any]) -> Iterator:
    """fn over tasks, in chunks, a bounded number in flight; results as they finish.

    A worker that dies (out of memory, killed) breaks the pool, and every task in hand with it:
    the pool is made anew and those tasks are done again one at a time, each alone, so that a
    task that kills its worker again is known, and gives ``crashed(task)``; the rest goes on."""
    if workers.pool is None:
        for task in tasks:
            yield from fn([task])
        return
    in_flight = workers.jobs * IN_FLIGHT_PER_JOB
    chunks = deque(tasks[k:k + CHUNK_FILES] for k in range(0, len(tasks), CHUNK_FILES))
    suspects: deque = deque()  # tasks in hand when a worker died
    pending: dict[Future, list] = {}
    try:
        while chunks or suspects or pending:
            if suspects and not pending:
                task = suspects.popleft()
                pending[workers.pool.submit(fn, [task])] = [task]
            while not suspects and chunks and len(pending) < in_flight:
                chunk = chunks.popleft()
                pending[workers.pool.submit(fn, chunk)] = chunk
            alone = len(pending) == 1 and len(next(iter(pending.values()))) == 1  # one task in hand: the culprit
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = any(isinstance(future.exception(), BrokenProcessPool) for future in done)
            if broken:
                done, _ = wait(pending)  # the others in hand fail with it, or have finished
            for future in done:
                chunk = pending.pop(future)
                if not isinstance(future.exception(), BrokenProcessPool):
                    yield from future.result()
                elif alone:
                    yield crashed(chunk[0])
                else:
                    suspects.extend(chunk)
            if broken:
                workers.restart()
    finally:
        for future in pending:
            future.cancel()


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


_PLAN: Plan | None = None
_CLEANER: Cleaner | None = None


def _init_worker(plan: Plan, ignore_interrupts: bool) -> None:
    """Build the filters once per process; workers leave Ctrl-C to the parent."""
    global _PLAN, _CLEANER
    if ignore_interrupts:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _PLAN = plan
    _CLEANER = Cleaner.from_settings(plan.settings)


def _hash_files(tasks: list[tuple[Path, bool]]) -> list[tuple[Path, set[int], str]]:
    return [(rel, *_hash_file(rel, leave)) for rel, leave in tasks]


def _hash_file(rel: Path, leave: bool) -> tuple[set[int], str]:
    """The line hashes of a file as it was: with --in-place, a file a previous run rewrote is
    counted from its backup, so that a resumed run counts what an uninterrupted one did. With
    ``leave``, a page's extraction is left for the cleaning pass."""
    assert _PLAN is not None
    try:
        data = _read(_original(_PLAN, _PLAN.src / rel), _PLAN.max_bytes)
        loaded = _load(_PLAN, data, with_metadata=False)
        hashes, host = document_hashes(loaded.text), document_host(loaded.text, loaded.url)
        if leave and loaded.is_html:
            spill.leave(_PLAN.spill, data, loaded)
        return hashes, host
    except Exception:  # unreadable, MemoryError…: reported by the cleaning pass
        return set(), ""


def _load(plan: Plan, data: bytes, with_metadata: bool) -> Source:
    return load(data, plan.input_format, plan.max_bytes, with_metadata=with_metadata, encoding=plan.encoding,
                markdown=plan.out_format == "markdown")


def _clean_files(tasks: list[tuple[Path, dict[int, int], dict[int, int], bool, bool, bool]]) -> list[FileResult]:
    return [_clean_file(task) for task in tasks]


def _clean_file(task: tuple[Path, dict[int, int], dict[int, int], bool, bool, bool]) -> FileResult:
    """One file; ``made_alike``: its output, if any, was made with this run's settings; ``known``:
    the ledger knows it, so that in place, its backup is one newsclean made."""
    assert _PLAN is not None and _CLEANER is not None
    rel, doc_counts, remembered, made_alike, known, one_site = task
    plan = _PLAN
    source = plan.src / rel
    path = rel.as_posix()
    try:
        target = source if plan.in_place else _target(plan, rel)
        up_to_date = made_alike and not plan.force and _up_to_date(plan, source, target)
        if up_to_date and not plan.audit:
            return FileResult(path, "skipped")
        original = _original(plan, source)
        data = _read(original, plan.max_bytes)
        loaded = spill.take(plan.spill, data) or _load(plan, data, with_metadata=plan.out_format == "json")
        result = _CLEANER.clean(loaded.text, from_html=loaded.is_html, page=loaded.page, head=loaded.head,
                                site=SiteCounts(doc_counts, remembered, one_site))
        output = compress(formatted(result, plan.out_format, loaded, path).encode("utf-8"), loaded.compression)
        if not up_to_date:  # (an up-to-date file is cleaned again for the audit report only)
            if plan.in_place:
                _keep_original(plan, source, original, data, output, known)
            write_atomic(target, output)
    except (InputError, OSError) as exc:
        return FileResult(path, "failed", error=str(exc) if isinstance(exc, InputError) else _os_message(exc))
    except Exception as exc:  # MemoryError, say: one file must never take its batch down
        return FileResult(path, "failed", error=f"{type(exc).__name__}: {exc}")
    audit = None
    if plan.audit and not result.passed_through:
        audit = Audit()
        audit.add(result, site=_site_name(plan, rel), source=path)
    if up_to_date:
        return FileResult(path, "skipped", audit=audit)
    if result.passed_through:
        return FileResult(path, "passed", lines_in=len(result.kept_lines), lines_out=len(result.kept_lines),
                          error=result.passed_through, html=loaded.is_html)
    status = "empty" if not result.text.strip() else "changed" if result.drops else "unchanged"
    return FileResult(path, status, **result.summary(), html=loaded.is_html, audit=audit)


def _site_name(plan: Plan, rel: Path) -> str:
    """A file's site on the audit page: its folder, as SRC names it; a file in SRC itself, SRC's name."""
    folder = rel.parent.as_posix()
    return folder if folder != "." else plan.src.resolve().name


def _crashed_cleaning(task: tuple[Path, dict[int, int], dict[int, int], bool, bool, bool]) -> FileResult:
    return FileResult(task[0].as_posix(), "failed",
                      error="its worker process died (out of memory, or killed); the other files went on")


def _target(plan: Plan, rel: Path) -> Path:
    assert plan.dst is not None
    target = (plan.dst / output_name(rel, plan.out_format)).resolve()
    root = plan.dst.resolve()
    if root not in target.parents:
        raise InputError("the output path would leave the output folder (a symbolic link in it leads out)")
    return target


def _backup(plan: Plan, source: Path) -> Path:
    return source.with_name(source.name + plan.backup_suffix)


def _original(plan: Plan, source: Path) -> Path:
    """What a file held before newsclean: in place, a file cleaned before has it in its backup."""
    if plan.in_place and (backup := _backup(plan, source)).exists():
        return backup
    return source


def _keep_original(plan: Plan, source: Path, original: Path, data: bytes, output: bytes, known: bool) -> None:
    """In place, before a file is replaced: its first backup is made, or kept (it holds the original)."""
    if original == source:
        _write_backup(_backup(plan, source), data, source)
    elif not known:
        _check_backup_is_ours(original, source, data, output, plan.max_bytes)


def _write_backup(backup: Path, data: bytes, source: Path) -> None:
    """The original, whole, under the backup's name before the file is replaced: written beside,
    on disk and read back before it takes the name, and never over a file already there. A disk
    that fills leaves no backup, rather than a short one a re-run would take for the original."""
    tmp = written_beside(backup, data)
    try:
        shutil.copystat(source, tmp)
        if Path(tmp).read_bytes() != data:
            raise OSError(errno.EIO, "the backup reads back other than the original was")
        try:
            os.link(tmp, backup)  # fails if the name is taken: a file of the user's is never replaced
        except FileExistsError:
            raise InputError(f"{backup}: appeared while the file was cleaned; left as it is") from None
        except OSError:  # a file system without hard links (FAT): take the name if it is still free
            if backup.exists():
                raise
            os.replace(tmp, backup)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _check_backup_is_ours(backup: Path, source: Path, original: bytes, output: bytes, max_bytes: int) -> None:
    """A backup the ledger does not know (a run killed before it saved the ledger, or a file of the
    user's, such as a `.orig` patch leaves) is taken for the original only when nothing can be lost
    by it: the file still holds what the backup does, or already what cleaning the backup gives."""
    if _read(source, max_bytes) not in (original, output):
        raise InputError(f"{backup}: a file newsclean did not write has the backup's name; move it away, "
                         "or give another --backup-suffix")


def _up_to_date(plan: Plan, source: Path, target: Path) -> bool:
    if plan.in_place:
        return _backup(plan, source).exists()
    try:
        return target.stat().st_mtime >= source.stat().st_mtime
    except OSError:
        return False


def _read(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as file:
            return read_within(file, max_bytes)
    except OSError as exc:
        raise InputError(f"{path}: {_os_message(exc)}") from None


def _os_message(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _remove_stale_temporaries(plan: Plan) -> None:
    """Temporary files left by a run that was killed (SIGKILL gives no chance to clean up)."""
    root = plan.src if plan.in_place else plan.dst
    if root is None or not root.is_dir():
        return
    for folder, _, names in os.walk(root):
        for name in names:
            if name.startswith(".") and name.endswith(TEMP_MARK):
                os.unlink(os.path.join(folder, name))
