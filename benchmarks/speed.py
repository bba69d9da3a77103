"""Speed of newsclean: throughput beside jusText, start-up, worst cases, and `newsclean batch`.

    python benchmarks/speed.py ../shared/bench                   # throughput, start-up, worst cases
    python benchmarks/speed.py ../shared/bench --only throughput --compiled /tmp/compiled
    python benchmarks/speed.py ../shared/bench --only startup
    python benchmarks/speed.py ../shared/bench --only instructions --every 20     # about 10 minutes
    python benchmarks/speed.py ../shared/bench --only batch --sizes 2000,20000

throughput  One core, each system in processes of its own taking turns (best of --rounds), on the
            text renderings of ../shared/bench/dev and wcxb-dev: a bare pass that tokenises each line
            and counts its stopwords (the floor for any line classifier in Python), jusText 3 (one <p>
            per line, the document's stoplist), newsclean pure (this source tree, its Python path:
            NEWSCLEAN_NO_KERNEL=1), newsclean kernel (this source tree with the judge's native
            kernel, when it is built there: pip install -e .) and, with
            --compiled DIR, the compiled build installed there. MB/s of input text in CPU and wall
            time, µs of CPU per non-blank line, and newsclean's ratio to jusText.
stages      Where a clean's CPU time goes on dev `para`: each stage, each filter, the language and the
            article (found anew as filters propose); and on the pages of dev and wcxb-dev, the HTML
            path's parts beside trafilatura's own extraction. Kernel and pure, and with --against DIR
            another source tree's beside.
instructions
            The same systems under valgrind callgrind on every 20th document (--every), less each
            process without the run: instructions a line, which the machine's load does not move.
startup     `newsclean clean < dev/seed/input.txt` against a bare `python -c pass`, median of 11
            runs each, with bytecode caching on (as after `pip install`); and the first run with
            an empty cache folder (NEWSCLEAN_CACHE).
worst       Inputs built to be slow, each at two sizes: time should double with the size.
hostile     Whole documents of 1, 4 and 16 MB (--hostile-sizes) of three shapes: a sentence a
            line, an HTML page of paragraphs, one tag with a huge number of attributes.
batch       Builds N files (copies of the dev `para` documents, spread over folders of 50) and
            measures `batch` with --jobs 1 and --jobs 2 (files/s, MB/s, ratio), one `newsclean
            clean` per file in a shell loop (on --loop-files of them), and peak memory (resident,
            summed over the batch process and its workers, sampled every 50 ms).

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

FILES_PER_FOLDER = 50


def build_corpus(data_dirs: Path | list[Path], root: Path, n: int) -> int:
    """``n`` files (folders of FILES_PER_FOLDER) copied, in turn, from the `para` documents of the
    corpora; their bytes."""
    docs = [doc for data_dir in ([data_dirs] if isinstance(data_dirs, Path) else data_dirs)
            for doc in sorted((data_dir / "docs").glob("*.para.txt"))]
    total = 0
    for k in range(n):
        source = docs[k % len(docs)]
        target = root / f"f{k // FILES_PER_FOLDER:04d}" / f"{k:06d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        total += target.stat().st_size
    return total


def _tree(pid: int) -> list[int]:
    """A process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _cpu(pid: int) -> float | None:
    """User and system seconds a process has run (its own, not its children's)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def timed(cmd: list[str] | str, shell: bool = False, env: dict[str, str] | None = None,
          cwd: Path | None = None, cpu: dict[int, float] | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident bytes of the whole process tree; with ``cpu``, each process's
    CPU seconds as last seen (every 50 ms): a fork server's workers, which the command does not
    wait for, escape ``RUSAGE_CHILDREN``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, shell=shell, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            tree = _tree(proc.pid)
            peak = max(peak, sum(map(_rss, tree)))
            for pid in tree if cpu is not None else ():
                if (seconds := _cpu(pid)) is not None:
                    cpu[pid] = seconds
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd} failed: {err.decode()[-300:]}")
    return time.perf_counter() - start, peak


def batch(data_dir: Path, sizes: str, loop_files: int) -> None:
    exe = [sys.executable, "-m", "newsclean"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(s) for s in sizes.split(",")]:
            src = Path(tmp) / f"src{n}"
            size = build_corpus(data_dir, src, n)
            results = {}
            for jobs in (1, 2):
                dst = Path(tmp) / f"dst{n}-{jobs}"
                results[jobs] = timed([*exe, "batch", str(src), "-o", str(dst), "--jobs", str(jobs), "--quiet"])
                shutil.rmtree(dst)
            rows.append((n, size, results))
        n0, _, first = rows[0]
        loop_src = Path(tmp) / f"src{n0}"
        files = sorted(loop_src.rglob("*.txt"))[: loop_files]
        out = Path(tmp) / "loop-out"
        out.mkdir()
        script = " ".join(f"{' '.join(exe)} clean {f} > {out / f.name};" for f in files)
        loop_seconds, _ = timed(script, shell=True)

    print("## batch")
    print(f"{'files':>7} {'MB':>6} {'jobs':>4} {'seconds':>8} {'files/s':>8} {'MB/s':>6} {'peak MB':>8}")
    for n, size, results in rows:
        for jobs, (secs, peak) in results.items():
            print(f"{n:>7} {size / 1e6:>6.1f} {jobs:>4} {secs:>8.1f} {n / secs:>8.0f} {size / 1e6 / secs:>6.2f} "
                  f"{peak / 1e6:>8.0f}")
        print(f"{'':>7} jobs 2 / jobs 1 throughput: {results[1][0] / results[2][0]:.2f}x")
    per_file_loop = loop_seconds / len(files)
    batch_per_file = first[2][0] / n0
    print(f"shell loop, one `newsclean clean` per file: {per_file_loop * 1000:.0f} ms/file over {len(files)} files "
          f"(= {per_file_loop * n0:.0f} s for {n0}); batch --jobs 2: {batch_per_file * 1000:.1f} ms/file; "
          f"batch is {per_file_loop / batch_per_file:.0f}x faster")


SECTIONS = ("throughput", "instructions", "stages", "startup", "worst", "batch", "hostile")
KERNEL_MODULE = "newsclean.judge._kernel"  # the judge's native kernel, built beside its source when it can be
VARIANTS = (("dev", "para"), ("dev", "page"), ("dev", "extr"), ("wcxb-dev", "para"))


def read_docs(folder: Path, variant: str) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((folder / "docs").glob(f"*.{variant}.txt"))]


def _run_system(system: str, corpus_dir: Path, variant: str) -> dict:
    """In a fresh process: one system over every document of a rendering; CPU and wall seconds.
    SPEED_EVERY=N: every Nth document only; SPEED_DRY=1: everything but the run (what valgrind
    counts of it is subtracted from a run's count)."""
    docs = read_docs(corpus_dir, variant)[::int(os.environ.get("SPEED_EVERY", "1"))]
    if system in ("bare", "jusText"):
        import justext

        from newsclean.core.text import WORD_RE, detect_language

        # The language is found before the clocks start: the bare pass and jusText are given it.
        languages = [detect_language(d.splitlines()) for d in docs]

        def run() -> None:
            for doc, (language, stopwords) in zip(docs, languages, strict=True):
                if system == "bare":
                    for line in doc.splitlines():
                        sum(w in stopwords for w in WORD_RE.findall(line.lower()))
                else:
                    page = "".join(f"<p>{html.escape(line)}</p>" for line in doc.splitlines())
                    justext.justext(f"<html><body>{page}</body></html>", justext.get_stoplist(language or "English"))
    else:
        import newsclean

        filters = newsclean.build_filters()
        newsclean.clean(docs[0], filters=filters)  # warm: the matcher is built once per process

        def run() -> None:
            for doc in docs:
                newsclean.clean(doc, filters=filters)

    cpu, wall = time.process_time(), time.perf_counter()
    if not os.environ.get("SPEED_DRY"):
        run()
    return {"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall, "compiled": _compiled_modules()}


class _Spent(dict):
    """CPU seconds by stage, added up over a run: ``add`` the time since a moment (returning now),
    or wrap a function so that every call of it is timed (``timing``)."""

    def add(self, stage: str, since: float) -> float:
        now = time.process_time()
        self[stage] = self.get(stage, 0.0) + now - since
        return now

    def timing(self, stage: str, function: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.add(stage, start)
        return timed


def _stage_times(corpus_dir: Path, variant: str) -> dict[str, float]:
    """In a fresh process: CPU seconds of each stage of ``pipeline.run`` over every document of a
    rendering, each filter's propose apart, and of the work the stages share when it is first asked
    for (the language; the article, found anew as filters propose)."""
    import newsclean.core.document as document
    from newsclean import pipeline
    from newsclean.settings import Settings

    docs = read_docs(corpus_dir, variant)
    cleaner = pipeline.Cleaner.from_settings(Settings())
    cleaner.clean(docs[0])  # warm: the matcher is built once per process
    spent = _Spent()
    document.find_article = spent.timing("  the article (in the stages above)", document.find_article)
    for text in docs:
        start = time.process_time()
        lines, endings = pipeline.split_lines(text)
        doc, heads = pipeline.prepare(lines)
        at = spent.add("prepare", start)
        doc.language  # noqa: B018 - found here, where it is timed, rather than by the first filter to ask
        at = proposing = spent.add("language", at)
        for flt in cleaner.filters:
            for drop in flt.propose(doc):
                doc.propose(drop)
            at = spent.add(f"  {flt.name}", at)
        spent.add("propose", proposing)
        fallback = pipeline.decide(doc, cleaner.judge)
        at = spent.add("decide", at)
        pipeline.assemble(doc, lines, endings, heads, None, fallback)
        spent.add("assemble", at)
        spent.add("total", start)
    return spent


def _html_stage_times(corpus_dir: Path) -> dict[str, float]:
    """In a fresh process: CPU seconds of the HTML path's parts over every page of a corpus, and of
    trafilatura's own default extraction of each page (what quality.py compares with)."""
    import gzip

    from trafilatura import extract

    import newsclean.inputs.extraction as extraction
    from newsclean import pipeline
    from newsclean.inputs.sources import load
    from newsclean.settings import Settings

    pages = [gzip.decompress(p.read_bytes()) for p in sorted((corpus_dir / "docs").glob("*.html.gz"))]
    cleaner = pipeline.Cleaner.from_settings(Settings())
    spent = _Spent()
    extraction.parse_page = spent.timing("  parse (lxml)", extraction.parse_page)
    extraction.page_blocks = spent.timing("  the page's blocks and their evidence", extraction.page_blocks)
    extraction._extract = spent.timing("  trafilatura's extraction (on our parse)", extraction._extract)
    for data in pages[:1]:
        loaded = load(data)
        cleaner.clean(loaded.text, from_html=loaded.is_html, page=loaded.page, head=loaded.head)
    spent.clear()
    for data in pages:
        start = time.process_time()
        loaded = load(data)
        at = spent.add("load (decode, parse, extract, candidates)", start)
        cleaner.clean(loaded.text, from_html=loaded.is_html, page=loaded.page, head=loaded.head)
        end = spent.add("clean (the text stages)", at)
        spent.add("total", start)
        extract(data, include_comments=False, include_tables=True, include_formatting=False)
        spent.add("trafilatura alone (its own parse)", end)
    return spent


def _compiled_modules() -> list[str]:
    """newsclean's modules loaded from C extensions (none in the pure build)."""
    from importlib.machinery import EXTENSION_SUFFIXES

    return sorted(name for name, module in sys.modules.items()
                  if name.startswith("newsclean") and str(getattr(module, "__file__", "")).endswith(
                      tuple(EXTENSION_SUFFIXES)))


def throughput(bench: Path, compiled: Path | None, rounds: int) -> None:
    """Each system in processes of its own, taking turns, best of ``rounds``: the machine is noisy,
    and one process cannot hold the pure and the compiled build at once."""
    systems = _systems(compiled)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    print(f"## Throughput: MB/s of input text and µs per non-blank line, CPU (wall), one core; best of {rounds}")
    header = f"{'corpus':>9} {'variant':>7} {'lines':>6}" + "".join(f" {name:>24}" for name in systems)
    print(header + (f" {'pure/jusText':>12}" + (f" {'kernel/jusText':>14}" if "newsclean kernel" in systems else "")
                    + (f" {'compiled/jusText':>16}" if compiled else "")))
    for corpus, variant in VARIANTS:
        docs = read_docs(bench / corpus, variant)
        megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
        lines = sum(1 for d in docs for line in d.splitlines() if line.strip())
        best: dict[str, dict] = {}
        for _ in range(rounds):
            for name, (system, root, extra, expected) in systems.items():
                out = subprocess.run(
                    [sys.executable, __file__, "--worker", system, str(bench / corpus), variant],
                    env={**env, **extra, "PYTHONPATH": str(root)}, capture_output=True, text=True, check=True)
                found = json.loads(out.stdout)
                if expected is not None and (found["compiled"] != expected if expected != "any"
                                             else not found["compiled"]):
                    raise SystemExit(f"{name} loaded these compiled modules: {found['compiled']} (from {root}), "
                                     f"not {expected}")
                if name not in best or found["cpu"] < best[name]["cpu"]:
                    best[name] = found
        cells = [f"{megabytes / r['cpu']:5.2f} ({megabytes / r['wall']:4.2f}) {r['cpu'] / lines * 1e6:5.0f} µs"
                 for r in best.values()]
        rate = {name: megabytes / r["cpu"] for name, r in best.items()}
        jus = rate[f"jusText {justext_version()}"]
        ratios = f" {rate['newsclean pure'] / jus:>11.2f}x"
        if "newsclean kernel" in systems:
            ratios += f" {rate['newsclean kernel'] / jus:>13.2f}x"
        if compiled:
            ratios += f" {rate['newsclean compiled'] / jus:>15.2f}x"
        print(f"{corpus:>9} {variant:>7} {lines:>6}" + "".join(f" {c:>24}" for c in cells) + ratios, flush=True)
    print("bare pass: tokenise each line, count its stopwords (the floor of a line classifier in Python); "
          "jusText: one <p> a line, the document's stoplist.")


def _systems(compiled: Path | None) -> dict[str, tuple[str, Path, dict[str, str], Any]]:
    """Each system: what runs, from where, with what environment, and which compiled modules it must load."""
    source_root = Path(__file__).resolve().parent.parent
    systems: dict[str, tuple[str, Path, dict[str, str], Any]] = {
        "bare pass": ("bare", source_root, {}, None),
        f"jusText {justext_version()}": ("jusText", source_root, {}, None),
        "newsclean pure": ("newsclean", source_root, {"NEWSCLEAN_NO_KERNEL": "1"}, [])}
    if any((source_root / "newsclean" / "judge").glob("_kernel.*.so")) or any(
            (source_root / "newsclean" / "judge").glob("_kernel.*.pyd")):
        systems["newsclean kernel"] = ("newsclean", source_root, {}, [KERNEL_MODULE])
    if compiled:
        systems["newsclean compiled"] = ("newsclean", compiled.resolve(), {}, "any")
    return systems


def instructions(bench: Path, compiled: Path | None, every: int) -> None:
    """Instructions (valgrind callgrind), which the machine's load does not move: each system on
    every ``every``th document of each rendering, less the same process without the run (its
    start-up, reading and warming)."""
    if shutil.which("valgrind") is None:
        raise SystemExit("speed.py: --only instructions needs valgrind (apt install valgrind)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONHASHSEED"] = "0"
    systems = _systems(compiled)
    print(f"## Instructions (valgrind callgrind) per non-blank line, every {every}th document")
    print(f"{'corpus':>9} {'variant':>7} {'lines':>6}" + "".join(f" {name:>24}" for name in systems)
          + f" {'/ jusText':>30}")
    for corpus, variant in VARIANTS:
        docs = read_docs(bench / corpus, variant)[::every]
        lines = sum(1 for d in docs for line in d.splitlines() if line.strip())
        counts = {}
        for name, (system, root, extra, _) in systems.items():
            counted = []
            for dry in ("", "1"):
                out = subprocess.run(
                    ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
                     "--worker", system, str(bench / corpus), variant],
                    env={**env, **extra, "PYTHONPATH": str(root), "SPEED_EVERY": str(every), "SPEED_DRY": dry},
                    capture_output=True, text=True, check=True)
                counted.append(int(out.stderr.rsplit("Collected :", 1)[1].split()[0]))
            counts[name] = counted[0] - counted[1]
        jus = counts[f"jusText {justext_version()}"]
        print(f"{corpus:>9} {variant:>7} {lines:>6}" + "".join(f" {c / lines / 1e3:>22.0f} k" for c in counts.values())
              + " " + " ".join(f"{c / jus:.2f}" for c in counts.values()), flush=True)


def stages(bench: Path, against: Path | None) -> None:
    """Where a clean's CPU time goes, by stage and filter, on dev ``para`` (one fresh process per
    column; with ``against``, another source tree's columns beside this one's)."""
    if against is not None and not (against / "newsclean" / "__init__.py").is_file():
        raise SystemExit(f"speed.py: --against {against}: not a newsclean source tree (no newsclean/__init__.py)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    trees = {"": Path(__file__).resolve().parent.parent, **({"against ": against.resolve()} if against else {})}
    columns = {f"{label}{path}": (tree, extra) for label, tree in trees.items()
               for path, extra in (("kernel", {}), ("pure", {"NEWSCLEAN_NO_KERNEL": "1"}))}
    for corpus, variant in (("dev", "para"), ("dev", "html"), ("wcxb-dev", "html")):
        lines = sum(1 for d in read_docs(bench / corpus, "para" if variant == "html" else variant)
                    for line in d.splitlines() if line.strip())
        found = {}
        for name, (tree, extra) in columns.items():
            out = subprocess.run([sys.executable, __file__, "--stages-worker", str(bench / corpus), variant],
                                 env={**env, **extra, "PYTHONPATH": str(tree)}, capture_output=True, text=True,
                                 check=True)
            found[name] = json.loads(out.stdout)
        unit = "line" if variant != "html" else "non-blank line of the page's para rendering"
        print(f"## Stages: µs of CPU per {unit} (share of the total), {corpus} {variant}, {lines:,} lines")
        print(f"{'stage':>36}" + "".join(f" {name:>22}" for name in found))
        order = sorted(next(iter(found.values())), key=lambda k: -next(iter(found.values()))[k])
        for stage in order:
            print(f"{stage:>36}" + "".join(
                f" {t.get(stage, 0) / lines * 1e6:>12.1f} ({100 * t.get(stage, 0) / t['total']:4.1f}%)"
                for t in found.values()))


def justext_version() -> str:
    from importlib.metadata import version

    return version("justext")


def startup(bench: Path, runs: int = 11) -> None:
    seed = (bench / "dev" / "seed" / "input.txt").read_bytes()
    command = shutil.which("newsclean", path=str(Path(sys.executable).parent)) or "newsclean"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def median(cmd: list[str], extra_env: dict[str, str] | None = None) -> float:
        subprocess.run(cmd, input=seed, stdout=subprocess.DEVNULL, env={**env, **(extra_env or {})}, check=True)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(cmd, input=seed, stdout=subprocess.DEVNULL, env={**env, **(extra_env or {})}, check=True)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    bare = median([sys.executable, "-c", "pass"])
    plain = median([command, "clean"])
    with tempfile.TemporaryDirectory() as empty:
        start = time.perf_counter()
        subprocess.run([command, "clean"], input=seed, stdout=subprocess.DEVNULL, check=True,
                       env={**env, "NEWSCLEAN_CACHE": empty})
        first = time.perf_counter() - start
    print(f"## Start-up (median of {runs} runs, bytecode cached)")
    print(f"python -c pass                   {bare * 1000:7.1f} ms")
    print(f"newsclean clean < seed           {plain * 1000:7.1f} ms  ({plain / bare:.2f}x python -c pass)")
    print(f"  the same, empty cache folder   {first * 1000:7.1f} ms  (one run: the first after install)")


def worst_cases() -> None:
    import newsclean

    filters = newsclean.build_filters()

    def seconds(text: str) -> float:
        start = time.perf_counter()
        newsclean.clean(text, filters=filters)
        return time.perf_counter() - start

    word = "lorem ipsum dolor sit amet "
    cases = {
        "one long line": lambda n: (word * (n // len(word))) + "\n",
        "short lines": lambda n: "".join(f"Line {k}: a short one.\n" for k in range(n // 22)),
        "one long word": lambda n: "a" * n + "@\n",
        "dotted word": lambda n: "a." * (n // 2) + "\n",
        "bracket bomb": lambda n: "[" * (n // 2) + "](" * (n // 4) + "\n",
        "emphasis bomb": lambda n: "**a " * (n // 4) + "\n",
        "Markdown links": lambda n: "# T\n" + "[a](b) " * (n // 7) + "\n",
        "one line repeated": lambda n: "The same sentence again and again, said once more.\n" * (n // 51),
    }
    sizes = (1_000_000, 2_000_000)
    print("## Worst cases (seconds at each size; linear: the second about twice the first)")
    print(f"{'input':>20} " + " ".join(f"{s / 1e6:>7.0f} MB" for s in sizes) + f" {'ratio':>6}")
    for name, build in cases.items():
        times = [seconds(build(size)) for size in sizes]
        print(f"{name:>20} " + " ".join(f"{t:>10.2f}" for t in times) + f" {times[1] / times[0]:>6.2f}")
    line = cases["one long line"](20_000_000)
    print(f"one 20 MB line: {seconds(line):.1f} s")
    lines = "".join(f"Line {k}: a short one.\n" for k in range(200_000))
    print(f"200,000 short lines ({len(lines) / 1e6:.1f} MB): {seconds(lines):.1f} s")


def hostile_sizes(sizes: str) -> None:
    """Whole documents of the shapes a crawl throws up, read and cleaned as `clean` does (no time
    budget): seconds per MB should stay flat as the size grows."""
    import random

    import newsclean
    from newsclean.inputs.sources import load

    filters = newsclean.build_filters()
    words = ["the", "council", "said", "on", "tuesday", "that", "a", "new", "plan", "for", "housing", "would",
             "bring", "more", "homes", "and", "jobs", "to", "the", "town", "after", "years", "of", "debate"]
    rng = random.Random(0)

    def sentences(n: int) -> list[str]:
        out, size = [], 0
        while size < n:
            line = " ".join(rng.choice(words) for _ in range(rng.randint(8, 20))).capitalize() + f" ({len(out)})."
            out.append(line)
            size += len(line) + 1
        return out

    shapes = {
        "sentence a line": lambda n: ("\n".join(sentences(n)) + "\n").encode(),
        "HTML paragraphs": lambda n: ("<html><body>" + "".join(f"<p>{s}</p>" for s in sentences(n))
                                      + "</body></html>").encode(),
        "attributes on a tag": lambda n: ("<html><body><div " + " ".join(f'data-a{k}="v{k}"' for k in range(n // 16))
                                          + "><p>" + " ".join(words) + ".</p></div></body></html>").encode(),
    }
    megabytes = [float(s) for s in sizes.split(",")]
    print("## Hostile sizes (seconds to read and clean one document; s/MB should stay flat)")
    print(f"{'input':>20} " + " ".join(f"{mb:>8g} MB" for mb in megabytes) + f" {'s/MB':>16}")
    for name, build in shapes.items():
        times = []
        for mb in megabytes:
            data = build(int(mb * 1e6))
            start = time.perf_counter()
            loaded = load(data, max_bytes=len(data) + 1)
            newsclean.clean(loaded.text, filters=filters, from_html=loaded.is_html, page=loaded.page)
            times.append(time.perf_counter() - start)
        per_mb = " ".join(f"{t / mb:.1f}" for t, mb in zip(times, megabytes, strict=True))
        print(f"{name:>20} " + " ".join(f"{t:>11.1f}" for t in times) + f" {per_mb:>16}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench", nargs="?", default="../shared/bench", type=Path,
                    help="the folder holding dev/ and wcxb-dev/")
    ap.add_argument("--only", default="throughput,startup,worst",
                    help=f"sections, comma-separated: {', '.join(SECTIONS)}")
    ap.add_argument("--sizes", default="2000,20000", help="batch: corpus sizes, comma-separated")
    ap.add_argument("--loop-files", type=int, default=200, help="batch: files for the one-process-per-file loop")
    ap.add_argument("--hostile-sizes", default="1,4,16", help="hostile: document sizes in MB, comma-separated")
    ap.add_argument("--compiled", type=Path, metavar="DIR",
                    help="throughput: also the compiled build installed in DIR "
                         "(NEWSCLEAN_COMPILE=1 pip install --no-deps --target DIR .)")
    ap.add_argument("--rounds", type=int, default=3, help="throughput: rounds; the best of each system counts")
    ap.add_argument("--every", type=int, default=20, help="instructions: every Nth document of each rendering")
    ap.add_argument("--against", type=Path, metavar="DIR", help="stages: another source tree beside")
    ap.add_argument("--stages-worker", nargs=2, metavar=("CORPUS", "VARIANT"), help=argparse.SUPPRESS)
    ap.add_argument("--worker", nargs=3, metavar=("SYSTEM", "CORPUS", "VARIANT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.stages_worker:
        corpus, variant = Path(args.stages_worker[0]), args.stages_worker[1]
        print(json.dumps(_html_stage_times(corpus) if variant == "html" else _stage_times(corpus, variant)))
        return 0
    if args.worker:
        system, corpus, variant = args.worker
        print(json.dumps(_run_system(system, Path(corpus), variant)))
        return 0
    chosen = [s.strip() for s in args.only.split(",")]
    for section in chosen:
        if section not in SECTIONS:
            ap.error(f"unknown section {section!r}")
    if "throughput" in chosen:
        throughput(args.bench, args.compiled, args.rounds)
    if "instructions" in chosen:
        instructions(args.bench, args.compiled, args.every)
    if "stages" in chosen:
        stages(args.bench, args.against)
    if "startup" in chosen:
        startup(args.bench)
    if "worst" in chosen:
        worst_cases()
    if "batch" in chosen:
        batch(args.bench / "dev", args.sizes, args.loop_files)
    if "hostile" in chosen:
        hostile_sizes(args.hostile_sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
