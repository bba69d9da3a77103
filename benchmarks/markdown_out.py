"""Check `--format markdown` on every page of folders laid out like ../shared/bench/dev: the
Markdown's text, syntax stripped, must equal the plain-text output line for line.

Stripping is ``newsclean.inputs.markdown.plain`` on each line; blank lines and table rules (syntax
only) are left out on both sides, a table row (Markdown in both) is read as Markdown on both
sides, and runs of whitespace count as one space. Prints, per folder,
the pages and lines compared, the pages that differ and the first differences, and how many
headings, list items, table rows, links and emphases the Markdown holds.

    python benchmarks/markdown_out.py ../shared/bench/dev ../shared/bench/wcxb-dev

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import newsclean
from newsclean.inputs.markdown import HEADING, LINK, plain
from newsclean.inputs.sources import load
from newsclean.report.render import TABLE_RULE, markdown_document

EMPHASIS = re.compile(r"(?<![\\\w*])\*\*?[^\s*]")


def text_lines(text: str, markdown: bool) -> list[str]:
    """A text's lines as compared. A table row is written in Markdown's syntax in the plain text
    too (as the extractor writes it, a pipe inside a cell escaped): its text is read as Markdown."""
    found = []
    for line in text.splitlines():
        if not line.strip() or TABLE_RULE.match(line.strip()):
            continue
        found.append(" ".join((plain(line) if markdown or line.lstrip().startswith("|") else line).split()))
    return found


def check(path: str) -> tuple[str, int, list[tuple[str, str]], Counter]:
    """One page: its lines compared, the first differences, and what its Markdown holds."""
    with gzip.open(path, "rb") as f:
        source = load(f.read(), markdown=True)
    result = newsclean.clean(source.text, from_html=source.is_html, page=source.page)
    markdown = markdown_document(result, source.markdown)
    ours, theirs = text_lines(markdown, True), text_lines(result.text, False)
    differences = [(a, b) for a, b in zip(ours, theirs, strict=False) if a != b]
    if len(ours) != len(theirs):
        differences.append((f"{len(ours)} lines", f"{len(theirs)} lines"))
    held = Counter()
    for line in markdown.splitlines():
        held["headings"] += bool(HEADING.match(line))
        held["list items"] += line.startswith("- ")
        held["table rows"] += line.startswith("|") and not TABLE_RULE.match(line.strip())
        held["links"] += len(LINK.findall(line))
        held["emphases"] += len(EMPHASIS.findall(line)) // 2
    return Path(path).name, len(theirs), differences[:3], held


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data_dirs", nargs="+", type=Path)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--limit", type=int, help="the first N pages of each folder")
    args = ap.parse_args(argv)
    failed = 0
    for data_dir in args.data_dirs:
        ids = [json.loads(line)["id"] for line in (data_dir / "gold.jsonl").open(encoding="utf-8") if line.strip()]
        paths = [str(data_dir / "docs" / f"{doc_id}.html.gz") for doc_id in ids[:args.limit]]
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(check, paths, chunksize=8))
        differing = [(name, diffs) for name, _, diffs, _ in results if diffs]
        held = sum((r[3] for r in results), Counter())
        print(f"{data_dir.name}: {len(results)} pages, {sum(r[1] for r in results):,} lines; "
              f"{len(differing)} pages differ; " + ", ".join(f"{n:,} {k}" for k, n in held.items()))
        for name, diffs in differing[:5]:
            print(f"  {name}: {diffs[0][0][:80]!r} != {diffs[0][1][:80]!r}")
        failed += len(differing)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
