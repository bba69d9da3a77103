"""Quality benchmark: newsclean in-process over a folder laid out like ../shared/bench/dev.

Computes the metric exactly as the reference scorer (bench/score.py) does, per variant, per
language and per filter, next to the unchanged input, and the wall time and throughput of the
cleaning itself. The gold decides the metric: snippets (`with` / `without`, ../shared/bench/dev)
or, where it holds the page's whole main content (`articleBody`, ../shared/bench/wcxb-dev), the
shingle metric. There the per-filter table counts lines: a dropped line is body lost when the
gold body holds its words more often than the output does, debris removed otherwise.

    python benchmarks/quality.py ../shared/bench/dev
    python benchmarks/quality.py ../shared/bench/wcxb-dev
    python benchmarks/quality.py ../shared/bench/dev --variant para --json run.json
    python benchmarks/quality.py ../shared/bench/dev --compare run.json
    python benchmarks/quality.py ../shared/bench/dev --variant para --wrap 78

``--wrap`` hard-wraps each text rendering first, a paragraph to a block of lines at that width
with blank lines between blocks, as lynx -dump, html2text and mail give it. ``--variant md`` is
our own rendering of each page as Markdown (html2text, unwrapped as Markdown scrapers give it,
or with ``--wrap`` at that width as html2text does by default; pip install -e '.[bench]'); its
output is scored by its text, a paragraph at a time (newsclean.inputs.markdown).

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import textwrap
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from urllib.parse import urlparse

import newsclean
from newsclean.core.view import markdown_lines
from newsclean.filters.site import with_site_counts
from newsclean.inputs.markdown import plain
from newsclean.inputs.sources import decode_html, load
from newsclean.registry import parse_option
from newsclean.sites.hashing import document_hashes

TEXT_VARIANTS = ("para", "page", "extr")
VARIANTS = (*TEXT_VARIANTS, "html")
OPTIONAL_VARIANTS = ("md",)
MIN_LANGUAGE_DOCS = 20


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_input(data_dir: Path, doc_id: str, variant: str) -> bytes:
    if variant in ("html", "md"):
        with gzip.open(data_dir / "docs" / f"{doc_id}.html.gz", "rb") as f:
            return f.read()
    return (data_dir / "docs" / f"{doc_id}.{variant}.txt").read_bytes()


def to_markdown(page: bytes, width: int = 0) -> bytes:
    """A page as a Markdown scraper gives it: html2text, one paragraph a line (or wrapped at width)."""
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = width
    return converter.handle(decode_html(page).text).encode("utf-8")


def reader_text(text: str) -> str:
    """Markdown as a reader sees it, a paragraph a line: what the md variant's snippets are matched against."""
    # Always Markdown here, even when too few links are left to tell.
    return "\n".join(markdown_lines(text.splitlines())[0])


def hard_wrap(data: bytes, width: int) -> bytes:
    """One paragraph a line -> paragraphs hard-wrapped at width, separated by blank lines."""
    blocks = [textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False)
              for line in data.decode("utf-8").splitlines() if line.strip()]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


_CLEANER = None


def _clean_one(job: tuple[str, bytes, dict, dict]) -> tuple[str, str, list[tuple[str, str]], float]:
    """Clean one document; returns (id, output, [(filter, dropped line)], seconds)."""
    global _CLEANER
    doc_id, data, settings, doc_counts = job
    if _CLEANER is None:
        min_docs = settings.pop("min_docs", None)
        _CLEANER = newsclean.Cleaner.from_settings(with_site_counts(newsclean.Settings.make(**settings),
                                                                    min_docs or None))
    start = time.perf_counter()
    loaded = load(data)  # HTML is detected and extracted, text decoded
    result = _CLEANER.clean(loaded.text, from_html=loaded.is_html, page=loaded.page, head=loaded.head,
                            site=newsclean.SiteCounts(doc_counts))
    seconds = time.perf_counter() - start
    dropped = [(v.drop.filter, v.text) for v in result.verdicts if v.drop]
    return doc_id, result.text, dropped, seconds


def _trafilatura_one(job: tuple[str, bytes, dict, dict]) -> tuple[str, str, list, float]:
    """The comparison row: trafilatura's own default extraction (as bench/score.py runs it)."""
    from trafilatura import extract

    doc_id, data, _, _ = job
    start = time.perf_counter()
    output = extract(data, include_comments=False, include_tables=True, include_formatting=False) or ""
    return doc_id, output, [], time.perf_counter() - start


def counts(item: dict, output: str) -> tuple[int, int, int, int]:
    out = norm(output)
    tp = sum(1 for w in item["with"] if norm(w) in out)
    fp = sum(1 for w in item["without"] if norm(w) in out)
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str) -> Counter:
    tokens = TOKEN.findall(text)
    return Counter(tuple(tokens[k:k + SHINGLE]) for k in range(max(1, len(tokens) - SHINGLE + 1)) if tokens)


def shingle_counts(body: str, output: str) -> tuple[float, float, float]:
    """Shingle tp / fp / fn of one document, normalised to sum 1 (bench/score.py's wcxb metric)."""
    gold, found = shingles(body), shingles(output)
    tp = sum((gold & found).values())
    fp = sum((found - gold).values())
    fn = sum((gold - found).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def shingle_scores(rows: list[tuple[float, float, float]]) -> dict:
    """Precision and recall averaged over documents, as bench/score.py does."""
    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else tp / (tp + fn)

    scored = [precision(*row) for row in rows if row[0] + row[1] > 0]
    found = [recall(*row) for row in rows if row[0] + row[2] > 0]
    p = sum(scored) / len(scored) if scored else 0.0
    r = sum(found) / len(found) if found else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def token_text(text: str) -> str:
    return " " + " ".join(TOKEN.findall(text)) + " "


def attribute_lines(body: str, output: str, dropped: list[tuple[str, str]]) -> Counter:
    """Per filter, against a whole-body gold: dropped lines the output lacks (the gold holds their
    words more often than the output does: body lost) and the others (debris removed). A second
    copy of a kept line, or a word that a kept sentence holds too, is not body lost."""
    gold, kept = token_text(body), token_text(output)
    missing: dict[str, int] = {}
    found = Counter()
    for name, line in dropped:
        words = token_text(line)
        if not words.strip():
            continue
        if words not in missing:
            missing[words] = max(0, gold.count(words) - kept.count(words))
        lost = missing[words] > 0
        missing[words] -= lost
        found[(name, "lost_body" if lost else "removed_debris")] += 1
    return found


def scores(rows: list[tuple[int, int, int, int]]) -> dict:
    tp, fp, fn, tn = (sum(r[k] for r in rows) for k in range(4))
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0,
        "tp": tp, "fp": fp, "fn": fn, "tn": tn,
    }


def attribute(item: dict, source: str, output: str, dropped: list[tuple[str, str]]) -> Counter:
    """Per filter: `without` snippets it removed (good) and `with` snippets it removed (lost)."""
    found = Counter()
    src, out = norm(source), norm(output)
    for kind, snippets in (("removed_debris", item["without"]), ("lost_body", item["with"])):
        for snippet in snippets:
            s = norm(snippet)
            if s in src and s not in out:
                names = {name for name, line in dropped if s in norm(line)} or {"(spans lines)"}
                for name in names:
                    found[(name, kind)] += 1
    return found


def site_counts(inputs: dict[str, bytes], hosts: dict[str, str], min_docs: int) -> dict[str, dict[int, int]]:
    """Per document: the line hashes found in at least min_docs documents of its URL host."""
    per_host: dict[str, Counter] = defaultdict(Counter)
    hashes = {doc_id: document_hashes(data.decode("utf-8")) for doc_id, data in inputs.items()}
    for doc_id, found in hashes.items():
        per_host[hosts.get(doc_id, doc_id)].update(found)
    return {doc_id: {h: per_host[hosts.get(doc_id, doc_id)][h] for h in found
                     if per_host[hosts.get(doc_id, doc_id)][h] >= min_docs}
            for doc_id, found in hashes.items()}


def run_variant(data_dir: Path, variant: str, gold: list[dict], langs: dict, settings: dict, jobs: int,
                hosts: dict[str, str] | None = None, system=_clean_one, wrap: int = 0) -> dict:
    inputs = {d["id"]: read_input(data_dir, d["id"], variant) for d in gold}
    if variant == "md":
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            pages = pool.map(partial(to_markdown, width=wrap), inputs.values(), chunksize=8)
            inputs = dict(zip(inputs, pages, strict=True))
    if wrap and variant in TEXT_VARIANTS:
        inputs = {doc_id: hard_wrap(data, wrap) for doc_id, data in inputs.items()}
    seed_dir = data_dir / "seed"
    if (seed_dir / "input.txt").is_file() and variant in TEXT_VARIANTS and not wrap:
        inputs["__seed__"] = (seed_dir / "input.txt").read_bytes()
    repeated = site_counts(inputs, hosts, settings.get("min_docs") or 3) if hosts else {}
    work = [(doc_id, data, dict(settings), repeated.get(doc_id, {})) for doc_id, data in inputs.items()]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = {r[0]: r[1:] for r in pool.map(system, work, chunksize=8)}
    wall = time.perf_counter() - start
    megabytes = sum(len(d) for d in inputs.values()) / 1e6
    seed_ok = None
    if "__seed__" in results:
        expected = (seed_dir / "expected.txt").read_text(encoding="utf-8")
        seed_ok = results.pop("__seed__")[0] == expected
    whole_body = "articleBody" in gold[0]
    score, summary = (shingle_counts, shingle_scores) if whole_body else (counts, scores)
    rows, unchanged, per_lang, per_filter = [], [], defaultdict(list), Counter()
    leaked = [0, 0]  # whole-body gold: its must-go snippets found in the output, of all
    for item in gold:
        output, dropped, _ = results[item["id"]]
        if whole_body and item.get("without"):
            leaked[0] += counts(item, output)[1]
            leaked[1] += len(item["without"])
        source = inputs[item["id"]].decode("utf-8") if variant != "html" else ""
        if variant == "md":
            output, source = reader_text(output), reader_text(source)
            dropped = [(name, plain(line)) for name, line in dropped]
        truth = item["articleBody"] if whole_body else item
        row = score(truth, output)
        rows.append(row)
        if variant != "html":
            unchanged.append(score(truth, source))
        per_lang[langs.get(item["id"]) or "?"].append(row)
        if whole_body:
            per_filter += attribute_lines(item["articleBody"], output, dropped)
        elif variant != "html":
            per_filter += attribute(item, source, output, dropped)
    return {
        "variant": variant,
        "metric": "shingles" if whole_body else "snippets",
        "documents": len(gold),
        **summary(rows),
        "unchanged": summary(unchanged) if unchanged else None,
        "leak": leaked[0] / leaked[1] if leaked[1] else None,
        "leaked": leaked,
        "wall_seconds": wall,
        "cpu_seconds": sum(r[2] for r in results.values()),
        "megabytes": megabytes,
        "seed_exact": seed_ok,
        "languages": {lang: {"documents": len(r), **summary(r)} for lang, r in per_lang.items()},
        "filters": {f"{name}:{kind}": n for (name, kind), n in sorted(per_filter.items())},
    }


def print_report(run: dict, old: dict | None) -> None:
    def delta(key: str, value: float, old_row: dict | None) -> str:
        return f" ({value - old_row[key]:+.3f})" if old_row and key in old_row else ""

    r = run
    o = old
    mbps = r["megabytes"] / r["cpu_seconds"] if r["cpu_seconds"] else 0.0
    print(f"\n== {r['variant']}: {r['documents']} documents ({r['metric']}), wall {r['wall_seconds']:.1f}s, "
          f"{mbps:.2f} MB/s per core, seed exact: {r['seed_exact']}")
    print(f"{'':12} {'P':>6} {'R':>6} {'F':>6}")
    print(f"{'all':12} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}"
          + delta("f1", r["f1"], o))
    if r.get("leak") is not None:
        print(f"{'leak':12} {r['leak']:6.3f}   ({r['leaked'][0]} of {r['leaked'][1]} must-go snippets kept)")
    if r["unchanged"]:
        u = r["unchanged"]
        print(f"{'unchanged':12} {u['precision']:6.3f} {u['recall']:6.3f} {u['f1']:6.3f}   (the input itself)")
    for lang, row in sorted(r["languages"].items(), key=lambda kv: -kv[1]["documents"]):
        if row["documents"] >= MIN_LANGUAGE_DOCS:
            old_row = o["languages"].get(lang) if o else None
            print(f"{lang + ' (' + str(row['documents']) + ')':12} {row['precision']:6.3f} "
                  f"{row['recall']:6.3f} {row['f1']:6.3f}" + delta("f1", row["f1"], old_row))
    names = sorted({k.split(":")[0] for k in r["filters"]})
    unit = "lines" if r["metric"] == "shingles" else "snippets"
    print(f"{'filter (' + unit + ')':18} {'debris removed':>15} {'body lost':>10}")
    for name in names:
        gone = r["filters"].get(f"{name}:removed_debris", 0)
        lost = r["filters"].get(f"{name}:lost_body", 0)
        print(f"{name:18} {gone:>15} {lost:>10}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", nargs="?", default="../shared/bench/dev", type=Path)
    ap.add_argument("--variant", action="append", choices=(*VARIANTS, *OPTIONAL_VARIANTS),
                    help="variant to run (repeatable; default: all four; html adds a trafilatura row; "
                         "md: the pages as Markdown)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--skip", default="", help="filters to skip, comma-separated")
    ap.add_argument("--preset", choices=["precision", "recall"], help="the CLI's --precision / --recall")
    ap.add_argument("-F", dest="options", action="append", default=[], metavar="NAME:KEY=VALUE",
                    help="filter option, as on the command line (repeatable)")
    ap.add_argument("--site-boilerplate", action="store_true",
                    help="add the batch site-boilerplate pass, documents grouped by URL host")
    ap.add_argument("--min-docs", type=int, help="with --site-boilerplate: documents a line must occur in")
    ap.add_argument("--repeat", type=int, default=3,
                    help="html: runs of newsclean and trafilatura, taking turns; the fastest of each is timed")
    ap.add_argument("--wrap", type=int, default=0, metavar="WIDTH",
                    help="hard-wrap the text renderings (and md) at WIDTH columns first (no seed check)")
    ap.add_argument("--json", type=Path, help="save this run")
    ap.add_argument("--compare", type=Path, help="print deltas against a saved run")
    args = ap.parse_args(argv)
    if not (args.data_dir / "gold.jsonl").is_file():
        ap.error(f"{args.data_dir} has no gold.jsonl")
    gold = [json.loads(line) for line in (args.data_dir / "gold.jsonl").open(encoding="utf-8") if line.strip()]
    langs, hosts = {}, {}
    manifest = args.data_dir / "manifest.jsonl"
    if manifest.is_file():
        for line in manifest.open(encoding="utf-8"):
            rec = json.loads(line)
            langs[rec["id"]] = rec.get("lang")
            hosts[rec["id"]] = urlparse(rec.get("url", "")).netloc or rec["id"]
    old = json.loads(args.compare.read_text()) if args.compare else {}
    options: dict[str, dict] = {}
    for spec in args.options:
        name, key, value = parse_option(spec)
        options.setdefault(name, {})[key] = value
    settings = {"skip": [s for s in args.skip.split(",") if s], "options": options, "min_docs": args.min_docs,
                "preset": args.preset}
    runs = {}
    for variant in args.variant or VARIANTS:
        if variant != "html":
            runs[variant] = run_variant(args.data_dir, variant, gold, langs, settings, args.jobs,
                                        hosts if args.site_boilerplate else None, wrap=args.wrap)
            print_report(runs[variant], old.get(variant))
            continue
        # The two systems take turns, and each keeps its fastest run: on a shared machine the
        # minimum is the least noisy estimate of what the code itself costs.
        ours, theirs = [], []
        for _ in range(args.repeat):
            ours.append(run_variant(args.data_dir, variant, gold, langs, settings, args.jobs,
                                    hosts if args.site_boilerplate else None))
            theirs.append(run_variant(args.data_dir, variant, gold, langs, settings, args.jobs,
                                      system=_trafilatura_one))
        runs[variant] = min(ours, key=lambda r: r["wall_seconds"])
        base = runs["html-trafilatura"] = min(theirs, key=lambda r: r["wall_seconds"])
        print_report(runs[variant], old.get(variant))
        print(f"{'trafilatura':12} {base['precision']:6.3f} {base['recall']:6.3f} {base['f1']:6.3f}   "
              f"(its own default extract; wall {base['wall_seconds']:.1f}s, "
              f"newsclean/trafilatura wall: {runs[variant]['wall_seconds'] / base['wall_seconds']:.2f}x, "
              f"best of {args.repeat})")
        if base.get("leak") is not None:
            print(f"{'  its leak':12} {base['leak']:6.3f}   "
                  f"({base['leaked'][0]} of {base['leaked'][1]} must-go snippets kept)")
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
