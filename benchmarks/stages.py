"""CPU time of each stage of a clean, and of each filter's propose, over the dev paragraph documents,
for one or more source trees side by side (a tree before a change and after it).

    python benchmarks/stages.py ../shared/bench --trees /work/main . --rounds 3
    python benchmarks/stages.py ../shared/bench --trees /work/main . --pure     # NEWSCLEAN_NO_KERNEL=1

Each tree runs in processes of its own (PYTHONPATH set to it), the trees taking turns, best of
``--rounds``: a pass to warm up (regex and literal caches), a pass timing the stages of
``pipeline.run`` one by one (``time.process_time`` around prepare, each filter's ``propose``,
decide, assemble), a pass timing whole cleans (``pipeline.run``), and a pass counting the phrase
rules' calls (``Rule.search`` and its kin); the per-line memos (``text.per_line``) are emptied
before each, as a run meets each document once. Reported as µs of CPU per non-blank input line.

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from time import process_time


def child(data: Path) -> dict:
    import newsclean
    from newsclean import pipeline
    from newsclean.core import text
    from newsclean.rules import lexicon

    texts = [p.read_text(encoding="utf-8") for p in sorted((data / "dev" / "docs").glob("*.para.txt"))]
    lines = sum(1 for document in texts for line in document.splitlines() if line.strip())
    cleaner = pipeline.Cleaner.from_settings(newsclean.Settings.make())

    def stages() -> dict[str, float]:
        times: dict[str, float] = {}

        def add(name: str, start: float) -> float:
            now = process_time()
            times[name] = times.get(name, 0.0) + now - start
            return now

        for document in texts:
            t = process_time()
            split, endings = pipeline.split_lines(document)
            doc, heads = pipeline.prepare(split)
            t = add("prepare", t)
            for flt in cleaner.filters:
                for drop in flt.propose(doc):
                    doc.propose(drop)
                t = add(f"propose:{flt.name}", t)
            fallback = pipeline.decide(doc, cleaner.judge)
            t = add("decide", t)
            pipeline.assemble(doc, split, endings, heads, None, fallback)
            add("assemble", t)
        return times

    def whole() -> float:
        start = process_time()
        for document in texts:
            pipeline.run(document, cleaner)
        return process_time() - start

    def calls() -> dict[str, int]:
        counts: dict[str, int] = {}
        originals = {}
        for method in ("search", "match", "fullmatch", "findall"):
            original = originals[method] = getattr(lexicon.Rule, method)

            def counted(self, *args, _original=original, _method=method, **kwargs):
                counts[_method] = counts.get(_method, 0) + 1
                return _original(self, *args, **kwargs)

            setattr(lexicon.Rule, method, counted)
        try:
            for document in texts:
                pipeline.run(document, cleaner)
        finally:
            for method, original in originals.items():
                setattr(lexicon.Rule, method, original)
        return counts

    def forget() -> None:
        """Empty the per-line memos (``text.per_line``): a timed pass must not find every line measured
        by the pass before it (a run meets each document once)."""
        for module in [m for name, m in sys.modules.items() if name.startswith("newsclean")]:
            for value in vars(module).values():
                info = getattr(value, "cache_info", None)
                if info is not None and info().maxsize == text.LINES_REMEMBERED:
                    value.cache_clear()

    stages()  # warm-up
    forget()
    timed = stages()
    forget()
    whole_time = whole()
    forget()
    import newsclean.native as native

    return {"file": newsclean.__file__, "kernel": native.KERNEL is not None, "docs": len(texts), "lines": lines,
            "stages": timed, "whole": whole_time, "calls": calls()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--trees", nargs="+", type=Path, default=[Path(".")])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pure", action="store_true", help="NEWSCLEAN_NO_KERNEL=1: the Python paths")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.data)))
        return
    env = dict(os.environ)
    if args.pure:
        env["NEWSCLEAN_NO_KERNEL"] = "1"
    best: dict[Path, dict] = {}
    for _ in range(args.rounds):
        for tree in args.trees:
            tree = tree.resolve()
            out = subprocess.run([sys.executable, __file__, str(args.data.resolve()), "--child"], check=True,
                                 capture_output=True, text=True, cwd=tree, env={**env, "PYTHONPATH": str(tree)})
            found = json.loads(out.stdout)
            assert Path(found["file"]).resolve().is_relative_to(tree), (found["file"], tree)
            if tree not in best:
                best[tree] = found
            else:
                kept = best[tree]
                kept["whole"] = min(kept["whole"], found["whole"])
                kept["stages"] = {k: min(v, found["stages"].get(k, v)) for k, v in kept["stages"].items()}
    trees = list(best)
    lines = best[trees[0]]["lines"]
    print(f"{best[trees[0]]['docs']} documents, {lines:,} non-blank lines; kernel: "
          + ", ".join(f"{t.name}={best[t]['kernel']}" for t in trees) + f"; best of {args.rounds}")
    print("µs of CPU per non-blank line")
    print(f"{'':28}" + "".join(f"{t.name:>14}" for t in trees))
    names = list(dict.fromkeys(k for t in trees for k in best[t]["stages"]))
    for name in names:
        print(f"{name:28}" + "".join(f"{best[t]['stages'].get(name, 0.0) / lines * 1e6:14.2f}" for t in trees))
    for label, value in (
        ("propose (all filters)", lambda t: sum(v for k, v in best[t]["stages"].items() if k.startswith("propose:"))),
        ("stages summed", lambda t: sum(best[t]["stages"].values())),
        ("whole clean (pipeline.run)", lambda t: best[t]["whole"]),
    ):
        print(f"{label:28}" + "".join(f"{value(t) / lines * 1e6:14.2f}" for t in trees))
    print("phrase rule calls in one whole pass")
    for method in ("search", "match", "fullmatch", "findall"):
        print(f"{'Rule.' + method:28}" + "".join(f"{best[t]['calls'].get(method, 0):14,}" for t in trees))


if __name__ == "__main__":
    main()
