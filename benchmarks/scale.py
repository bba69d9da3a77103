"""Documents/s of `newsclean batch --jobs 2` and `newsclean corpus --workers 2`, this source tree
beside another (an earlier commit's), taking turns on the same inputs.

    git worktree add /tmp/before HEAD~3
    python benchmarks/scale.py ../shared/bench/dev --against /tmp/before              # 20,000 documents
    python benchmarks/scale.py ../shared/bench/dev --against /tmp/before --size 2000 --only batch
    python benchmarks/scale.py ../shared/bench/{dev,wcxb-dev,wcxb-other} --against /tmp/before --size 0
    python benchmarks/scale.py ../shared/bench/{dev,wcxb-dev} --against /tmp/before --pages

The inputs are copies of the `para` documents (of dev, or of the corpora given): files in folders
of 50 for batch (as speed.py builds them), gzip JSONL shards of 1,000 records for corpus (as
corpus.py builds them). 20,000 documents are 30 copies of each dev document, and a repeated
document finds its lines' measurements in the per-line memos (``core.text.per_line``): `--size 0`
takes each document of the corpora once, as a real corpus would. `--pages` takes each document's
HTML page once instead: files of a folder a corpus for batch, WARC shards (two a corpus) for corpus.
Each tree runs as `python -m newsclean` with that tree first on PYTHONPATH and a cache folder of
its own, warmed first, from a folder holding no tree (`-m` puts the working folder before
PYTHONPATH: run from a source tree, both sides would run that tree). Prints seconds, documents/s,
CPU per document (every process of the run, as last seen every 50 ms, summed: steadier than the wall
clock on a noisy machine) and peak memory of every run, and this tree's best over the other's (--rounds: taking
turns, the order swapped each round). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import build_jsonl, build_warc, dev_documents
from speed import build_corpus, timed

HERE = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dirs", nargs="*", default=[Path("../shared/bench/dev")], type=Path, metavar="DATA_DIR",
                    help="corpora whose `para` documents are copied (default ../shared/bench/dev)")
    ap.add_argument("--against", type=Path, help="another newsclean source tree (or install folder) to time")
    ap.add_argument("--size", type=int, default=20_000,
                    help="documents (0: each document of the corpora once, none a copy)")
    ap.add_argument("--parallel", type=int, default=2, help="batch --jobs and corpus --workers")
    ap.add_argument("--only", default="batch,corpus", help="batch, corpus or both, comma-separated")
    ap.add_argument("--rounds", type=int, default=1, help="runs of each tree, taking turns; the best counts")
    ap.add_argument("--pages", action="store_true", help="each document's HTML page, once, rather than its text")
    args = ap.parse_args(argv)
    documents = [doc for data_dir in args.data_dirs for doc in dev_documents(data_dir)]
    args.size = len(documents) if args.pages else args.size or len(documents)
    trees = {"this tree": HERE}
    if args.against:
        trees["against"] = args.against.resolve()
    chosen = [s.strip() for s in args.only.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inputs = {}
        if args.pages:
            (root / "warc").mkdir()
            for data_dir in args.data_dirs:
                build_warc(data_dir, root / "warc" / f"{data_dir.name}.warc.gz", root / "files" / data_dir.name, 2)
            size = sum(page.stat().st_size for page in (root / "files").rglob("*.html"))
        if "batch" in chosen:
            size = size if args.pages else build_corpus(args.data_dirs, root / "files", args.size)
            inputs["batch"] = (size, lambda out: ["batch", str(root / "files"), "-o", str(out),
                                                  "--jobs", str(args.parallel), "--quiet"])
        if "corpus" in chosen:
            shards = root / ("warc" if args.pages else "jsonl")
            size = size if args.pages else build_jsonl(documents, shards, args.size, 1000)
            inputs["corpus"] = (size, lambda out: ["corpus", str(shards), "-o", str(out),
                                                   "--workers", str(args.parallel), "-q"])
        envs = {}
        for name, tree in trees.items():
            cache = root / f"cache-{len(envs)}"
            envs[name] = {**os.environ, "PYTHONPATH": str(tree), "NEWSCLEAN_CACHE": str(cache)}
            subprocess.run([sys.executable, "-m", "newsclean", "clean", str(HERE / "samples" / "en-tech-footer.txt")],
                           env=envs[name], cwd=root, stdout=subprocess.DEVNULL, check=True)  # warm its cache
        print(f"{'command':>7} {'documents':>9} {'MB':>6} {'tree':>10} {'seconds':>8} {'docs/s':>7} {'CPU ms/doc':>10} "
              f"{'peak MB':>8}")
        for command, (size, arguments) in inputs.items():
            rates: dict[str, float] = {}
            cpu_ms: dict[str, float] = {}
            for turn in range(args.rounds):
                # Taking turns, the first tree first in odd rounds: the machine's speed drifts.
                for name in (list(trees) if turn % 2 == 0 else list(trees)[::-1]):
                    out = root / "out"
                    processes: dict[int, float] = {}
                    seconds, peak = timed([sys.executable, "-m", "newsclean", *arguments(out)], env=envs[name],
                                          cwd=root, cpu=processes)
                    cpu = sum(processes.values())
                    shutil.rmtree(out, ignore_errors=True)
                    rates[name] = max(rates.get(name, 0.0), args.size / seconds)
                    cpu_ms[name] = min(cpu_ms.get(name, float("inf")), cpu / args.size * 1000)
                    print(f"{command:>7} {args.size:>9} {size / 1e6:>6.1f} {name:>10} {seconds:>8.1f} "
                          f"{args.size / seconds:>7.1f} {cpu / args.size * 1000:>10.2f} {peak / 1e6:>8.0f}", flush=True)
            if len(rates) == 2:
                print(f"{'':>7} best of {args.rounds}: this tree / against: "
                      f"{rates['this tree'] / rates['against']:.2f}x in documents/s, "
                      f"{cpu_ms['against'] / cpu_ms['this tree']:.2f}x in CPU per document", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
