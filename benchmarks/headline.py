"""Headline benchmark: the title, author and date newsclean reports against the gold `title`,
`author` and `date` of the WCXB corpora, and the byline and date lines it leaves in the body.

On the pages whose text rendering (`para`, `page`) holds the gold title as a line, and on every
HTML page with a gold title, the reported `Result.title` is compared with the gold one, case and
punctuation folded (``newsclean.core.headline.fold``). On the pages whose rendering holds the gold
author as text (folded; for HTML, the page's source), the reported `Result.author` is right when
the gold author's name (its part before the first comma: "Jane Doe, CFP" names "Jane Doe"),
folded, is the reported one or is contained in it; on those holding the gold date in a common
format (``date_pattern``), `Result.date` is right when it is that day (YYYY-MM-DD). A byline or
date line is a line of the cleaned text (for HTML, of the extracted one) of at most 15 words that
holds the gold author's name or the gold date: `kept` is the share of them left in the body.

    python benchmarks/headline.py ../shared/bench/wcxb-dev ../shared/bench/wcxb-other --jobs 2
    python benchmarks/headline.py ../shared/bench/wcxb-dev --variant html --misses 20

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import calendar
import gzip
import json
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import newsclean
from newsclean.core.headline import fold
from newsclean.inputs.sources import load

VARIANTS = ("para", "page", "html")
MAX_BYLINE_WORDS = 15


def read(data_dir: Path, doc_id: str, variant: str) -> bytes:
    if variant == "html":
        with gzip.open(data_dir / "docs" / f"{doc_id}.html.gz", "rb") as f:
            return f.read()
    return (data_dir / "docs" / f"{doc_id}.{variant}.txt").read_bytes()


def gold_name(author: str) -> str:
    """The gold author's name, folded: its part before the first comma."""
    return fold(author.split(",")[0])


def date_pattern(iso: str) -> re.Pattern[str] | None:
    """The gold date (YYYY-MM-DD) as pages write it: 2024-03-05, 2024/03/05, 5.3.2024, 3/5/2024,
    5/3/2024, March 5(th), 2024, Mar. 5 2024, 5 March 2024, 5. Mar 2024; None for a partial date."""
    found = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    if not found:
        return None
    year, month, day = found.groups()
    m, d = str(int(month)), str(int(day))
    name = f"(?:{calendar.month_name[int(month)]}|{calendar.month_abbr[int(month)]}\\.?)"
    forms = [f"{year}[-/.]{month}[-/.]{day}", f"0?{d}[./-]0?{m}[./-]{year}", f"0?{m}/0?{d}/{year}",
             f"{name} 0?{d}(?:st|nd|rd|th)?,? {year}", f"0?{d}\\.? {name},? {year}"]
    return re.compile(r"(?<!\d)(?:" + "|".join(forms) + r")(?!\d)", re.IGNORECASE)


def clean(job: tuple[Path, str, str, str, str]) -> tuple[str, dict]:
    """(id, what is reported and how many byline and date lines the body keeps of how many)."""
    data_dir, doc_id, variant, author, date = job
    loaded = load(read(data_dir, doc_id, variant), input_format="html" if variant == "html" else "text")
    result = newsclean.clean(loaded.text, from_html=loaded.is_html, page=loaded.page, head=loaded.head)
    name, pattern = gold_name(author), date_pattern(date)
    bylines = [v.kept for v in result.verdicts if len(v.text.split()) <= MAX_BYLINE_WORDS and v.text.strip()
               and ((name and name in fold(v.text)) or (pattern and pattern.search(v.text)))]
    return doc_id, {"title": result.title, "author": result.author, "date": result.date,
                    "bylines": len(bylines), "kept": sum(bylines)}


def holds(data_dir: Path, doc_id: str, variant: str, title: str, author: str, date: str) -> tuple[bool, ...]:
    """Whether the rendering holds the title (an HTML page always counts; a text rendering when one
    of its lines is the title), the author's name and the date as text."""
    text = read(data_dir, doc_id, variant).decode("utf-8", "replace")
    pattern = date_pattern(date)
    has_title = bool(title) and (variant == "html" or any(fold(line) == title for line in text.splitlines()))
    return (has_title, bool(author) and gold_name(author) in fold(text),
            pattern is not None and pattern.search(text) is not None)


def right(field: str, gold: str, found: str) -> bool:
    """The title folded alike; the gold author's name in the reported one; the same day."""
    if field == "title":
        return fold(found) == gold
    if field == "author":
        return bool(found) and gold_name(gold) in fold(found)
    return found == gold


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dirs", nargs="+", type=Path)
    ap.add_argument("--variant", action="append", choices=VARIANTS)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--misses", type=int, default=0, help="print this many misses of each rendering and field")
    args = ap.parse_args()
    rows = []
    with ProcessPoolExecutor(args.jobs) as pool:
        for data_dir in args.data_dirs:
            gold = {}
            for line in (data_dir / "gold.jsonl").read_text(encoding="utf-8").split("\n"):
                if line.strip():
                    item = json.loads(line)
                    gold[item["id"]] = (fold(item.get("title") or ""), item.get("author") or "", item.get("date") or "")
            for variant in args.variant or VARIANTS:
                has = {i: holds(data_dir, i, variant, *g) for i, g in gold.items()}
                ids = [i for i in gold if any(has[i])]
                found = dict(pool.map(clean, [(data_dir, i, variant, *gold[i][1:]) for i in ids], chunksize=8))
                row = [data_dir.name, variant]
                for n, field in enumerate(("title", "author", "date")):
                    pages = [i for i in ids if has[i][n]]
                    misses = [i for i in pages if not right(field, gold[i][n], found[i][field])]
                    row += [len(pages), len(pages) - len(misses)]
                    for i in misses[:args.misses]:
                        print(f"miss {data_dir.name} {variant} {field} {i}: "
                              f"gold {gold[i][n]!r}, got {found[i][field]!r}")
                row += [sum(f["bylines"] for f in found.values()), sum(f["kept"] for f in found.values())]
                rows.append(row)
    fields = "".join(f"{f + ' pages':>13}{'right':>7}{'share':>7}" for f in ("title", "author", "date"))
    print(f"{'corpus':<12}{'rendering':<10}{fields}{'bylines':>9}{'kept':>6}{'share':>7}")
    for corpus, variant, *counts in rows:
        cells = "".join(f"{pages:>13}{hits:>7}{hits / max(pages, 1):>7.3f}"
                        for pages, hits in zip(counts[0:6:2], counts[1:6:2], strict=True))
        lines, kept = counts[6:]
        print(f"{corpus:<12}{variant:<10}{cells}{lines:>9}{kept:>6}{kept / max(lines, 1):>7.3f}")


if __name__ == "__main__":
    main()
