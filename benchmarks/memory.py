"""The site memory and the audit report, measured against their targets.

    python benchmarks/memory.py ../shared/bench/wcxb-other [--report-docs 2000 --corpora ../shared/bench/dev ...]

1. Pages of one site fed one at a time through separate `newsclean clean --remember --url`
   processes: from the third page on, are the lines a `batch` over the same pages drops as site
   boilerplate dropped too? (Sites with at least three pages in the corpus; every page's `page`
   rendering, in manifest order.)
2. The cost of --remember on one clean: median of 11 runs of `newsclean clean < seed`, with and
   without, run alternately; for the whole process (wall and CPU time), and inside it (from
   before newsclean is imported to the end: the interpreter's start-up, as noisy, left out).
3. Eight processes at once against one memory: errors, and the memory's contents against a
   sequential run's.
4. The audit page of a `corpus` run over REPORT_DOCS documents: its size, and the time headless
   Chromium takes to load it and run its script (when chromium and selenium are installed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from newsclean.filters.site import MIN_DOCS
from newsclean.sites.hashing import document_hashes, host_of, line_hash

NEWSCLEAN = [sys.executable, "-m", "newsclean"]


def site_pages(corpus: Path, rendering: str) -> dict[str, list[tuple[str, Path]]]:
    pages: dict[str, list[tuple[str, Path]]] = defaultdict(list)
    for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        host = host_of(entry["url"])
        if host:
            pages[host].append((entry["url"], corpus / "docs" / f"{entry['id']}.{rendering}.txt"))
    return {host: found for host, found in pages.items() if len(found) >= 3}


def third_page_on(corpus: Path, rendering: str, work: Path) -> None:
    sites = site_pages(corpus, rendering)
    memory = work / "memory.sqlite"
    expected = found = missed = unknowable = extra = 0
    for host, pages in sites.items():
        src = work / "src" / host
        src.mkdir(parents=True)
        for n, (_, path) in enumerate(pages):
            shutil.copy(path, src / f"{n:03d}.txt")
    # What a batch over the same folders drops as site boilerplate: the filter alone (its proposals
    # stand, first, whatever else runs), the lines of the input its output lacks.
    for host, pages in sites.items():
        subprocess.run([*NEWSCLEAN, "batch", str(work / "src" / host), "-o", str(work / "alone" / host), "-q",
                        "--only", "site_boilerplate"], check=True)
        seen: list[set[int]] = []  # the line hashes of the pages cleaned before
        for n, (url, path) in enumerate(pages):
            original = path.read_text(encoding="utf-8").splitlines()
            hashes = document_hashes(path.read_text(encoding="utf-8"))
            kept = set((work / "alone" / host / f"{n:03d}.txt").read_text(encoding="utf-8").splitlines())
            batch_drops = {line for line in original if line.strip() and line not in kept}
            done = subprocess.run([*NEWSCLEAN, "clean", "--remember", "--memory", str(memory), "--url", url,
                                   "--format", "jsonl", str(path)], capture_output=True, check=True)
            remembered = {json.loads(r)["text"] for r in done.stdout.decode().splitlines()
                          if json.loads(r).get("reason") == "remembered"}
            if n >= 2:
                # A line whose later pages make it the template cannot be known on its first two.
                knowable = {line for line in batch_drops
                            if sum(line_hash(line) in earlier for earlier in seen) >= MIN_DOCS - 1}
                expected += len(batch_drops)
                found += len(batch_drops & remembered)
                missed += len(knowable - remembered)
                unknowable += len(batch_drops - knowable - remembered)
                extra += len(remembered - batch_drops)
            seen.append(hashes)
    print(f"| {corpus.name} {rendering} | {len(sites)} | {sum(len(p) for p in sites.values())} | {expected:,} | "
          f"{found:,} | {missed:,} | {unknowable:,} | {extra:,} |")


def overhead(seed: Path, work: Path) -> None:
    # As an installed package is: its bytecode compiled (PYTHONDONTWRITEBYTECODE would otherwise
    # have every run compile the modules changed since the last one).
    import newsclean

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(newsclean.__file__).parent)],
                   env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, check=True)
    memory = work / "overhead.sqlite"
    kinds = {"plain": [], "--remember": []}
    wall: dict[str, list[float]] = {k: [] for k in kinds}
    cpu: dict[str, list[float]] = {k: [] for k in kinds}
    inside: dict[str, list[float]] = {k: [] for k in kinds}
    for n in range(-2, 11):  # two rounds to warm the disk cache, not counted
        for kind in kinds:
            # A new site each time: nothing is remembered, so both judge the same lines.
            extra = ["--memory", str(memory), "--url", f"https://site{n + 2}.example/story"] if kind != "plain" else []
            started = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-c", IN_PROCESS, str(seed), *extra], stderr=subprocess.PIPE)
            _, status, usage = os.wait4(child.pid, 0)
            if os.waitstatus_to_exitcode(status):
                raise SystemExit(f"newsclean clean failed: {child.stderr.read().decode()}")
            if n >= 0:
                wall[kind].append(time.perf_counter() - started)
                cpu[kind].append(usage.ru_utime + usage.ru_stime)
                inside[kind].append(float(child.stderr.read()))
    for name, times in (("whole process, wall", wall), ("whole process, CPU (user + system)", cpu),
                        ("in the process: imports and the clean, wall", inside)):
        plain, remember = (statistics.median(times[k]) * 1000 for k in ("plain", "--remember"))
        print(f"| {name} | {plain:.1f} ms | {remember:.1f} ms | {remember - plain:+.1f} ms |")
    if shutil.which("valgrind"):
        # Instructions do not depend on what else the machine is doing: the cost as a share of
        # the plain clean's, in its median CPU time.
        counts = {kind: _instructions(seed, work, extra) for kind, extra in
                  (("plain", []), ("--remember", ["--memory", str(memory), "--url", "https://another.example/x"]))}
        share = counts["--remember"] / counts["plain"] - 1
        print(f"| instructions (valgrind) | {counts['plain']:,} | {counts['--remember']:,} | {share:+.2%}, "
              f"{share * statistics.median(cpu['plain']) * 1000:+.1f} ms of its CPU time |")


def _instructions(seed: Path, work: Path, extra: list[str]) -> int:
    out = work / "callgrind.out"
    done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *NEWSCLEAN, "clean",
                           *extra], stdin=seed.open("rb"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env={**os.environ, "PYTHONHASHSEED": "0"}, check=True)
    return int(done.stderr.decode().rsplit("Collected :", 1)[1].split()[0])


# One `newsclean clean` of the seed from stdin, with the time from before newsclean is imported to
# the end on stderr: the interpreter's own start-up, as noisy as the whole, left out.
IN_PROCESS = """
import io, sys, time
started = time.perf_counter()
from newsclean.cli import main
seed, args = sys.argv[1], sys.argv[2:]
sys.stdin = io.TextIOWrapper(io.BytesIO(open(seed, "rb").read()))
sys.stdout = io.TextIOWrapper(io.BytesIO())
try:
    main(["clean", *args])
except SystemExit as exc:
    if exc.code:
        raise
print(time.perf_counter() - started, file=sys.stderr)
"""


def concurrent(corpus: Path, rendering: str, work: Path) -> None:
    pages = [page for found in site_pages(corpus, rendering).values() for page in found][:8]

    def commands(memory: Path) -> list[list[str]]:
        return [[*NEWSCLEAN, "clean", "--memory", str(memory), "--url", url, str(path)] for url, path in pages]

    def contents(memory: Path) -> list[tuple]:
        with sqlite3.connect(memory) as db:
            return sorted(db.execute("SELECT s.name, d.key, l.hash FROM lines l JOIN documents d "
                                     "ON d.id = l.document JOIN sites s ON s.id = d.site"))

    together, alone = work / "together.sqlite", work / "alone.sqlite"
    running = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in commands(together)]
    outcomes = [(p.wait(), p.stderr.read()) for p in running]
    for command in commands(alone):
        subprocess.run(command, capture_output=True, check=True)
    errors = sum(1 for code, err in outcomes if code or err)
    same = contents(together) == contents(alone)
    print(f"| 8 processes at once | {errors} errors | {len(contents(together)):,} line hashes | "
          f"{'equal to' if same else 'DIFFERENT from'} a sequential run |")


def report(corpora: list[Path], documents: int, work: Path) -> None:
    shard = work / "corpus.jsonl"
    written = 0
    with shard.open("w", encoding="utf-8") as out:
        for corpus in corpora:
            for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
                if written == documents:
                    break
                entry = json.loads(line)
                text = (corpus / "docs" / f"{entry['id']}.page.txt").read_text(encoding="utf-8")
                out.write(json.dumps({"id": entry["id"], "url": entry["url"], "text": text}) + "\n")
                written += 1
    page = work / "audit.html"
    started = time.perf_counter()
    subprocess.run([*NEWSCLEAN, "corpus", str(shard), "-o", str(work / "corpus-out"), "-q", "--report", str(page)],
                   check=True)
    seconds = time.perf_counter() - started
    size = page.stat().st_size
    load = _load_seconds(page)
    print(f"| {written:,} documents | run {seconds:.0f} s | page {size / 1e6:.2f} MB | "
          f"loaded and filtered in Chromium in {load} |")


def _load_seconds(page: Path) -> str:
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return "(selenium not installed)"
    if not (chromium and driver_path):
        return "(no chromium)"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            driver.get(page.as_uri())  # returns once the page has loaded and its script has run
            shown = driver.find_element("id", "shown").text
            times.append(time.perf_counter() - started)
        assert shown.endswith("samples shown"), shown
    finally:
        driver.quit()
    return f"{statistics.median(times):.2f} s (median of 3; {shown})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="a corpus folder with sites of several pages (wcxb-other)")
    parser.add_argument("--rendering", default="page", choices=["page", "para", "extr"])
    parser.add_argument("--seed", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared/bench/dev/seed/input.txt")
    parser.add_argument("--corpora", type=Path, nargs="*", default=None, help="corpora for the report's documents")
    parser.add_argument("--report-docs", type=int, default=2000)
    parser.add_argument("--only", nargs="+", choices=["third", "overhead", "concurrent", "report"],
                        default=["third", "overhead", "concurrent", "report"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if "third" in args.only:
            print("| corpus | sites (3+ pages) | pages | batch's site lines, page 3 on | removed one at a time | "
                  "missed, though on 2 earlier pages | not yet on 2 earlier pages | removed, not by batch |\n"
                  "|---|---:|---:|---:|---:|---:|---:|---:|")
            (work / "third").mkdir()
            third_page_on(args.corpus, args.rendering, work / "third")
        if "overhead" in args.only:
            print("\n| run (median of 11) | plain | --remember | cost |\n|---|---:|---:|---:|")
            overhead(args.seed, work)
        if "concurrent" in args.only:
            print()
            concurrent(args.corpus, args.rendering, work)
        if "report" in args.only:
            print()
            report(args.corpora or [args.corpus], args.report_docs, work)


if __name__ == "__main__":
    main()
