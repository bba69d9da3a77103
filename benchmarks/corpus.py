"""Speed and memory of `newsclean corpus` on Dask, on corpora built from ../shared/bench/dev.

  - JSONL: N records (the dev `para` documents over and over, each with its page's URL, each
    round of copies on hosts of its own) in
    gzip shards of --shard-size records: documents/s with --workers 1 and --workers 2, their
    ratio, and peak memory (resident, summed over the command, the scheduler and its workers,
    sampled every 50 ms) at each size;
  - WARC: the dev HTML pages as responses in one WARC (gzip), against `batch` on the same pages
    as files (site boilerplate off for both, --workers / --jobs 2; the WARC in --warc-shards
    files, as crawls come, since a shard is the unit of work), and how fast fastwarc and warcio
    read it;
  - the same output: `corpus` on JSONL against `batch` on the same documents as files.

    python benchmarks/corpus.py ../shared/bench/dev                  # 2,000 and 20,000 records
    python benchmarks/corpus.py ../shared/bench/dev --sizes 2000

Needs pip install -e '.[bench]'. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from speed import timed  # wall time and peak memory of a whole process tree

from newsclean.runners.corpus import read_output


def dev_documents(data_dir: Path) -> list[tuple[str, str, str]]:
    """(id, url, para text) of every dev document."""
    gold = [json.loads(line) for line in (data_dir / "gold.jsonl").open(encoding="utf-8")]
    return [(g["id"], g.get("url", ""), (data_dir / "docs" / f"{g['id']}.para.txt").read_text(encoding="utf-8"))
            for g in gold]


def build_jsonl(docs: list[tuple[str, str, str]], root: Path, n: int, shard_size: int) -> int:
    root.mkdir(parents=True)
    size = 0
    for start in range(0, n, shard_size):
        lines = []
        for k in range(start, min(n, start + shard_size)):
            doc_id, url, text = docs[k % len(docs)]
            # Each round of copies on hosts of its own: a host's documents are its own pages, not
            # copies of one page (which site boilerplate would rightly remove whole).
            parts = urlsplit(url)
            url = urlunsplit(parts._replace(netloc=f"copy{k // len(docs)}.{parts.netloc}"))
            lines.append(json.dumps({"id": f"{k:07d}-{doc_id}", "url": url, "text": text}, ensure_ascii=False))
            size += len(text.encode("utf-8"))
        data = ("\n".join(lines) + "\n").encode()
        (root / f"part-{start // shard_size:05d}.jsonl.gz").write_bytes(gzip.compress(data))
    return size


def build_warc(data_dir: Path, target: Path, pages_dir: Path, shards: int = 1) -> int:
    """The dev pages as WARC responses in ``shards`` files named after ``target`` (and, for
    batch, as files); returns the page count."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    gold = [json.loads(line) for line in (data_dir / "gold.jsonl").open(encoding="utf-8")]
    members = []  # a gzip member per record, as crawlers write them (readers can seek to a record)
    pages_dir.mkdir(parents=True)
    for g in gold:
        html = gzip.decompress((data_dir / "docs" / f"{g['id']}.html.gz").read_bytes())
        (pages_dir / f"{g['id']}.html").write_bytes(html)
        record = WarcRecord()
        record.init_headers(record_type=WarcRecordType.response)
        record.headers["WARC-Target-URI"] = g.get("url", "")
        record.headers["Content-Type"] = "application/http; msgtype=response"
        record.set_bytes_content(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n"
                                 % len(html) + html)
        stream = io.BytesIO()
        record.write(stream)
        members.append(gzip.compress(stream.getvalue()))
    for k in range(shards):
        name = target.name if shards == 1 else target.name.replace(".warc", f"-{k}.warc")
        target.with_name(name).write_bytes(b"".join(members[k::shards]))
    return len(gold)


def read_seconds(warc: Path) -> dict[str, float]:
    """Seconds to read every response payload of a WARC, with each library."""
    times = {}
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    start = time.perf_counter()  # as newsclean reads it: fastwarc opens and decompresses the file
    for record in ArchiveIterator(str(warc), record_types=WarcRecordType.response, parse_http=True,
                                  fsspec_args=False):
        record.reader.read()
    times["fastwarc"] = time.perf_counter() - start
    try:
        from warcio.archiveiterator import ArchiveIterator as WarcioIterator
    except ImportError:
        return times
    start = time.perf_counter()
    with warc.open("rb") as stream:
        for record in WarcioIterator(stream):
            if record.rec_type == "response":
                record.content_stream().read()
    times["warcio"] = time.perf_counter() - start
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", nargs="?", default="../shared/bench/dev", type=Path)
    ap.add_argument("--sizes", default="2000,20000", help="JSONL corpus sizes in records, comma-separated")
    ap.add_argument("--shard-size", type=int, default=1000, help="records per JSONL shard")
    ap.add_argument("--warc-shards", type=int, default=4, help="WARC files the dev pages are spread over")
    args = ap.parse_args(argv)
    exe = [sys.executable, "-m", "newsclean"]
    docs = dev_documents(args.data_dir)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print(f"{'records':>8} {'MB':>6} {'workers':>7} {'seconds':>8} {'docs/s':>7} {'peak MB':>8}")
        for n in [int(s) for s in args.sizes.split(",")]:
            src = root / f"jsonl{n}"
            size = build_jsonl(docs, src, n, args.shard_size)
            seconds = {}
            for workers in (1, 2):
                out = root / f"out{n}-{workers}"
                seconds[workers], peak = timed([*exe, "corpus", str(src), "-o", str(out), "--workers", str(workers),
                                                "-q"])
                print(f"{n:>8} {size / 1e6:>6.1f} {workers:>7} {seconds[workers]:>8.1f} {n / seconds[workers]:>7.1f} "
                      f"{peak / 1e6:>8.0f}")
                shutil.rmtree(out)
            print(f"{'':>8} --workers 2 / --workers 1 throughput: {seconds[1] / seconds[2]:.2f}x")

        # The same output as batch, on the same documents as files (site boilerplate off for both).
        n = min(int(s) for s in args.sizes.split(","))
        src, files = root / f"jsonl{n}", root / "files"
        files.mkdir()
        for shard in sorted(src.iterdir()):
            for record in read_output(shard):
                (files / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
        timed([*exe, "corpus", str(src), "-o", str(root / "same-corpus"), "--no-site-boilerplate", "-q"])
        timed([*exe, "batch", str(files), "-o", str(root / "same-batch"), "--no-site-boilerplate", "--quiet"])
        corpus_texts = {r["id"]: r["text"] for shard in sorted((root / "same-corpus").iterdir())
                        for r in read_output(shard)}
        batch_texts = {p.stem: p.read_text(encoding="utf-8") for p in (root / "same-batch").iterdir()}
        same = sum(corpus_texts[k] == batch_texts.get(k) for k in corpus_texts)
        print(f"corpus = batch on the same {len(corpus_texts)} documents: {same} identical"
              f"{'' if same == len(corpus_texts) else ' (DIFFERENT)'}")

        warcs, pages = root / "warc", root / "pages"
        warcs.mkdir()
        count = build_warc(args.data_dir, warcs / "dev.warc.gz", pages, shards=args.warc_shards)
        corpus_s, corpus_peak = timed([*exe, "corpus", str(warcs), "-o", str(root / "warc-out"), "--workers", "2",
                                       "--no-site-boilerplate", "-q"])
        batch_s, batch_peak = timed([*exe, "batch", str(pages), "-o", str(root / "pages-out"), "--jobs", "2",
                                     "--no-site-boilerplate", "--quiet"])
        print(f"WARC of {count} dev pages in {args.warc_shards} shards: corpus --workers 2 "
              f"{count / corpus_s:.1f} docs/s ({corpus_peak / 1e6:.0f} MB"
              f" peak); batch --jobs 2 on the pages as files {count / batch_s:.1f} docs/s ({batch_peak / 1e6:.0f} MB)")
        build_warc(args.data_dir, root / "one.warc.gz", root / "pages-again")
        reads = read_seconds(root / "one.warc.gz")
        print("reading its responses: " + ", ".join(f"{name} {count / s:,.0f} records/s" for name, s in reads.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
