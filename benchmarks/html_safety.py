"""What the HTML path must never give: script, style or comment text, a layout table's row as one
line, a page-sized line. Run over every page of every folder given, it counts the outputs that hold
each, and lists every output line over --long characters with the page element it came from.

A folder is laid out like ../shared/bench/dev (``docs/<id>.html.gz``) or holds ``*.html`` pages
(tests/pages, our own). The page's hidden text is found on a parse of its own that keeps comments:
a line of a script, style, template or comment, of at least --min-chars characters and found
nowhere in the page's visible text (a noscript's included), betrays hidden text when an output
line holds it. A layout row is an output line written as a table row whose words are (part of) a
row of a table that lays out the page (a table in a cell, a cell of several blocks, or one row alone).

    python benchmarks/html_safety.py ../shared/bench/dev ../shared/bench/wcxb-dev ../shared/bench/wcxb-other tests/pages
    PYTHONPATH=/path/to/old/checkout python benchmarks/html_safety.py ...   # the same, for an older tree

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import newsclean
from newsclean.inputs.sources import decode_html, load

# A noscript element is what a reader without scripts sees (some pages hold their article there).
HIDDEN = ("script", "style", "template")
BLOCKS = ("p", "div", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "form",
          "section", "article", "aside", "nav", "header", "footer", "figure", "iframe", "li")


def norm(text: str) -> str:
    return " ".join(text.split())


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def pages(folder: Path) -> list[tuple[str, Path]]:
    if (folder / "docs").is_dir():
        found = sorted((folder / "docs").glob("*.html.gz"))
        return [(f"{folder.name}/{p.name.removesuffix('.html.gz')}", p) for p in found]
    return [(f"{folder.name}/{p.name}", p) for p in sorted(folder.glob("*.html"))]


def hidden_and_layout(html: str) -> tuple[list[str], str, set[str]]:
    """The page's hidden lines that no reader sees elsewhere on it, the words of its layout tables'
    rows (a line a row), and its data tables' rows."""
    from lxml import etree
    from lxml.html import HTMLParser, fromstring

    try:
        tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=HTMLParser(huge_tree=True, encoding="utf-8"))
    except Exception:
        return [], "", set()
    hidden_text = []
    for node in tree.iter(etree.Comment, *HIDDEN):
        hidden_text.append(node.text or "" if node.tag is etree.Comment else node.text_content())
    for node in list(tree.iter(etree.Comment, *HIDDEN)):
        parent = node.getparent()
        if parent is not None:
            node.drop_tree() if hasattr(node, "drop_tree") else parent.remove(node)
    visible = norm(tree.text_content())
    lines = {norm(line) for text in hidden_text for line in text.splitlines()}
    signatures = [line for line in lines if len(line) >= ARGS.min_chars and line not in visible]
    layout_rows, data_rows = [], set()
    for table in tree.iter("table"):
        rows = [row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table]
        cells = [cell for row in rows for cell in row]
        # Data: more than one row, no table in a cell, at most one block a cell (a paragraph around its text).
        holds_data = len(rows) > 1 and not any(
            cell.find(".//table") is not None or sum(node.tag in BLOCKS for node in cell.iterdescendants()) > 1
            for cell in cells)
        for row in rows:
            key = words(" ".join(cell.text_content() for cell in row if cell.tag in ("td", "th")))
            data_rows.add(key) if holds_data else layout_rows.append(key)
    return signatures, " \n ".join(["", *layout_rows, ""]), data_rows


def block_of(tokens: tuple[str, ...]) -> str:
    """The page block a line came from, as its evidence names it: tag, and whether the extractor kept it."""
    tag = next((token[2:] for token in tokens if token.startswith("t:")), "?")
    return f"{tag}, {'extracted' if 'x:kept' in tokens else 'candidate'}"


def check(job: tuple[str, Path]) -> tuple[str, bool, int, list[tuple[int, str]], int]:
    """(page, holds hidden text, layout rows as lines, long lines (length, start), lines)."""
    name, path = job
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    try:
        loaded = load(data, "html")
        result = newsclean.clean(loaded.text, from_html=True, page=loaded.page)
    except Exception as error:  # a benchmark reports, it does not stop
        return name, False, 0, [(0, f"error: {error!r}")], 0
    signatures, layout_rows, data_rows = hidden_and_layout(decode_html(data).text)
    lines = [norm(line) for line in result.text.splitlines() if line.strip()]
    output = "\n".join(lines)
    leaked = any(signature in output for signature in signatures)
    # A line written as a table row, not of a data table, whose words are a layout table's row's (or part of it).
    rows = sum(1 for line in lines if line.startswith("|") and words(line) and words(line) not in data_rows
               and f" {words(line)} " in layout_rows)
    evidence = loaded.page.tokens if loaded.page is not None else [()] * len(result.verdicts)
    long = [(len(v.text), f"<{block_of(tokens)}> {norm(v.text)[:80]}")
            for v, tokens in zip(result.verdicts, evidence, strict=True) if v.kept and len(v.text) > ARGS.long]
    return name, leaked, rows, long, len(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--long", type=int, default=3000, help="an output line this long is listed")
    ap.add_argument("--min-chars", type=int, default=30, help="a hidden line this long is a signature")
    global ARGS
    ARGS = ap.parse_args()
    print(f"{'folder':14} {'pages':>6} {'hidden text':>12} {'layout rows':>12} {'long lines':>11}")
    listed = []
    for folder in ARGS.folders:
        jobs = pages(folder)
        with ProcessPoolExecutor(ARGS.jobs) as pool:
            found = list(pool.map(check, jobs, chunksize=4))
        hidden = [name for name, leaked, *_ in found if leaked]
        rows = sum(1 for _, _, count, _, _ in found if count)
        long = [(name, length, start) for name, _, _, lines, _ in found for length, start in lines]
        print(f"{folder.name:14} {len(found):>6} {len(hidden):>12} {rows:>12} {len(long):>11}")
        listed += [f"  hidden text: {name}" for name in hidden]
        listed += [f"  layout rows: {name}: {count}" for name, _, count, _, _ in found if count]
        listed += [f"  long line: {name}: {length} chars: {start!r}" for name, length, start in long]
    print("\n".join(listed))
    return 0


ARGS: argparse.Namespace
if __name__ == "__main__":
    sys.exit(main())
