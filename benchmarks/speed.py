"""Speed and memory of `newsclean batch`, on a corpus built from ../shared/bench/dev.

Builds N files (copies of the dev `para` documents, spread over folders of 50) in a temporary
folder, then measures:
  - batch throughput with --jobs 1 and --jobs 2 (files/s, MB/s) and their ratio;
  - `newsclean clean` once per file in a shell loop (on --loop-files of them), against batch;
  - peak memory (resident, summed over the batch process and its workers, sampled every 50 ms)
    at each corpus size.

    python benchmarks/speed.py ../shared/bench/dev                    # 2,000 and 20,000 files
    python benchmarks/speed.py ../shared/bench/dev --sizes 2000 --loop-files 200

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

FILES_PER_FOLDER = 50


def build_corpus(data_dir: Path, root: Path, n: int) -> int:
    docs = sorted((data_dir / "docs").glob("*.para.txt"))
    total = 0
    for k in range(n):
        source = docs[k % len(docs)]
        target = root / f"f{k // FILES_PER_FOLDER:04d}" / f"{k:06d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        total += target.stat().st_size
    return total


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def timed(cmd: list[str] | str, shell: bool = False) -> tuple[float, int]:
    """Wall seconds and peak resident bytes of the whole process tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, shell=shell, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd} failed: {err.decode()[-300:]}")
    return time.perf_counter() - start, peak


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", nargs="?", default="../shared/bench/dev", type=Path)
    ap.add_argument("--sizes", default="2000,20000", help="corpus sizes, comma-separated")
    ap.add_argument("--loop-files", type=int, default=200, help="files for the one-process-per-file loop")
    args = ap.parse_args(argv)
    exe = [sys.executable, "-m", "newsclean"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(s) for s in args.sizes.split(",")]:
            src = Path(tmp) / f"src{n}"
            size = build_corpus(args.data_dir, src, n)
            results = {}
            for jobs in (1, 2):
                dst = Path(tmp) / f"dst{n}-{jobs}"
                results[jobs] = timed([*exe, "batch", str(src), "-o", str(dst), "--jobs", str(jobs), "--quiet"])
                shutil.rmtree(dst)
            rows.append((n, size, results))
        n0, _, first = rows[0]
        loop_src = Path(tmp) / f"src{n0}"
        files = sorted(loop_src.rglob("*.txt"))[: args.loop_files]
        out = Path(tmp) / "loop-out"
        out.mkdir()
        script = " ".join(f"{' '.join(exe)} clean {f} > {out / f.name};" for f in files)
        loop_seconds, _ = timed(script, shell=True)

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
