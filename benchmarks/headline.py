"""Headline benchmark: the title newsclean reports against the gold `title` of the WCXB corpora.

On the pages whose text rendering (`para`, `page`) holds the gold title as a line, and on every
HTML page with a gold title, the reported `Result.title` is compared with the gold one, case and
punctuation folded (``newsclean.core.headline.fold``). Prints a table: corpus x rendering, pages
with the title (as a line, for text), pages where it is reported right, and the share.

    python benchmarks/headline.py ../shared/bench/wcxb-dev ../shared/bench/wcxb-other --jobs 2
    python benchmarks/headline.py ../shared/bench/wcxb-dev --variant html --misses 20

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import newsclean
from newsclean.core.headline import fold
from newsclean.inputs.sources import load

VARIANTS = ("para", "page", "html")


def read(data_dir: Path, doc_id: str, variant: str) -> bytes:
    if variant == "html":
        with gzip.open(data_dir / "docs" / f"{doc_id}.html.gz", "rb") as f:
            return f.read()
    return (data_dir / "docs" / f"{doc_id}.{variant}.txt").read_bytes()


def title_of(job: tuple[Path, str, str]) -> tuple[str, str]:
    """(id, the reported title)."""
    data_dir, doc_id, variant = job
    data = read(data_dir, doc_id, variant)
    loaded = load(data, input_format="html" if variant == "html" else "text")
    return doc_id, newsclean.clean(loaded.text, from_html=loaded.is_html, page=loaded.page,
                                         head=loaded.head).title


def holds_title(data_dir: Path, doc_id: str, variant: str, title: str) -> bool:
    """An HTML page always counts; a text rendering when one of its lines is the title."""
    if variant == "html":
        return True
    text = read(data_dir, doc_id, variant).decode("utf-8", "replace")
    return any(fold(line) == title for line in text.splitlines())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dirs", nargs="+", type=Path)
    ap.add_argument("--variant", action="append", choices=VARIANTS)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--misses", type=int, default=0, help="print this many misses of each rendering")
    args = ap.parse_args()
    rows = []
    with ProcessPoolExecutor(args.jobs) as pool:
        for data_dir in args.data_dirs:
            gold = {}
            for line in (data_dir / "gold.jsonl").read_text(encoding="utf-8").split("\n"):
                if not line.strip():
                    continue
                item = json.loads(line)
                if fold(item.get("title") or ""):
                    gold[item["id"]] = fold(item["title"])
            for variant in args.variant or VARIANTS:
                ids = [i for i, title in gold.items() if holds_title(data_dir, i, variant, title)]
                found = dict(pool.map(title_of, [(data_dir, i, variant) for i in ids], chunksize=8))
                misses = [(i, gold[i], found[i]) for i in ids if fold(found[i]) != gold[i]]
                rows.append((data_dir.name, variant, len(ids), len(ids) - len(misses)))
                for miss in misses[:args.misses]:
                    print(f"miss {data_dir.name} {variant} {miss[0]}: gold {miss[1]!r}, got {miss[2]!r}")
    print(f"{'corpus':<14}{'rendering':<11}{'pages':>7}{'correct':>9}{'share':>8}")
    for corpus, variant, pages, correct in rows:
        print(f"{corpus:<14}{variant:<11}{pages:>7}{correct:>9}{correct / max(pages, 1):>8.3f}")


if __name__ == "__main__":
    main()
