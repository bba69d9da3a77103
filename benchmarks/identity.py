"""Is the output the same? A fingerprint of everything newsclean says about every benchmark file.

    python benchmarks/identity.py ../shared/bench --save before.json     # fingerprint, save it
    python benchmarks/identity.py ../shared/bench --check before.json    # fingerprint, compare

For every text rendering (page, para, extr) of every document in dev and wcxb-dev (and with
--html, every page through the HTML path), one hash of the cleaned text and of each line's
verdict: kept or dropped, the filter, reason and detail of a drop, the note of a kept line, and
p(body). A speed change must leave every hash as it was. Runs on --jobs processes; prints the
files that differ, the first few lines that differ in each. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

CORPORA = ("dev", "wcxb-dev")
VARIANTS = ("page", "para", "extr")


def files(bench: Path, html: bool) -> list[Path]:
    found = []
    for corpus in CORPORA:
        docs = bench / corpus / "docs"
        for variant in VARIANTS:
            found += sorted(docs.glob(f"*.{variant}.txt"))
        if html:
            found += sorted(docs.glob("*.html.gz"))
    return found


def verdicts(path: str) -> list[str]:
    """One line per input line: everything newsclean decided about it; first, the text, and the
    headline, author and date it reports."""
    import newsclean
    from newsclean.inputs.sources import load

    data = Path(path).read_bytes()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    source = load(data)
    result = newsclean.clean(source.text, from_html=source.is_html, page=source.page, head=source.head)
    lines = [f"text {result.language} {hashlib.blake2b(result.text.encode(), digest_size=16).hexdigest()}",
             json.dumps([result.title, result.author, result.date], ensure_ascii=False)]
    for v in result.verdicts:
        drop = (v.drop.filter, v.drop.reason, v.drop.detail) if v.drop else None
        p = None if v.p_body is None else repr(v.p_body)
        lines.append(json.dumps([v.index, v.kept, drop, v.note, p], ensure_ascii=False))
    return lines


def fingerprint(path: str) -> tuple[str, str, list[str]]:
    lines = verdicts(path)
    return path, hashlib.blake2b("\n".join(lines).encode(), digest_size=16).hexdigest(), lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench", type=Path, help="the folder holding dev/ and wcxb-dev/")
    ap.add_argument("--save", type=Path, help="write the fingerprints here")
    ap.add_argument("--check", type=Path, help="compare with fingerprints saved before")
    ap.add_argument("--html", action="store_true", help="also every HTML page (slower: trafilatura)")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    paths = [str(p) for p in files(args.bench, args.html)]
    if not paths:
        print(f"no benchmark files under {args.bench}", file=sys.stderr)
        return 2
    with ProcessPoolExecutor(args.jobs) as pool:
        found = {path: (digest, lines) for path, digest, lines in pool.map(fingerprint, paths, chunksize=8)}
    names = {path: str(Path(path).relative_to(args.bench)) for path in found}
    if args.save:
        args.save.write_text(json.dumps({names[p]: [d, lines] for p, (d, lines) in found.items()}), encoding="utf-8")
        print(f"{len(found)} files fingerprinted into {args.save}")
    if args.check:
        saved = json.loads(args.check.read_text(encoding="utf-8"))
        differ = [p for p in found if saved.get(names[p], [None])[0] != found[p][0]]
        for path in differ[:20]:
            old = saved.get(names[path], [None, []])[1]
            new = found[path][1]
            print(f"differs: {names[path]}")
            shown = 0
            for a, b in zip(old, new, strict=False):
                if a != b and shown < 3:
                    print(f"  was {a[:200]}\n  now {b[:200]}")
                    shown += 1
            if len(old) != len(new):
                print(f"  {len(old)} lines were, {len(new)} now")
        missing = [name for name in saved if name not in names.values()]
        print(f"{len(found) - len(differ)} of {len(found)} files identical, {len(differ)} differ"
              + (f", {len(missing)} saved files not run" if missing else ""))
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
