"""Hostile inputs for `newsclean clean`: every one must give cleaned text or a one-line error.

    python benchmarks/fuzz.py                     # 2,000 cases in process, 200 through the CLI
    python benchmarks/fuzz.py --cases 10000 --cli 500 --seed 7

Cases are built from the shipped samples (written by us) by mutations a crawl produces: cut
anywhere, bytes flipped, inserted or deleted, NUL bytes, a legacy encoding, UTF-16 with and
without a BOM, NFD, a stray invalid byte, lone surrogates escaped into the text, wrapped in HTML
with broken or hostile markup (unknown charsets, deep nesting, thousands of attributes), packed
as gzip or zstd (whole, cut, or a bomb). In process, an exception other than ``InputError`` is
a bug; through the CLI, a traceback on stderr or an exit code other than 0 or 1 is. Prints a
table of outcomes per mutation. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import gzip
import random
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import newsclean
from newsclean.inputs.sources import InputError, load

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [p.read_bytes() for p in sorted((ROOT / "samples").glob("*")) if p.is_file()]
Mutation = Callable[[random.Random, bytes], bytes]


def _cut(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def _insert(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))) + data[at:]


def _nul(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"\x00" + data[at:]


def _legacy(rng: random.Random, data: bytes) -> bytes:
    return data.decode("utf-8").encode(rng.choice(["cp1252", "cp1250", "latin-1", "cp1251"]), "replace")


def _utf16(rng: random.Random, data: bytes) -> bytes:
    return data.decode("utf-8").encode(rng.choice(["utf-16", "utf-16-le", "utf-32"]))


def _nfd(rng: random.Random, data: bytes) -> bytes:
    return unicodedata.normalize("NFD", data.decode("utf-8")).encode("utf-8")


def _stray_byte(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + bytes([rng.randrange(0x80, 0x100)]) + data[at:]


def _surrogate_escape(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"\xed\xa0\x80" + data[at:]  # a UTF-8-encoded lone surrogate


def _html(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    body = "".join(f"<p>{line}</p>" for line in text.splitlines())
    head = rng.choice(['<meta charset="undefined">', '<meta charset="x-user-defined">', '<meta charset="utf-16">',
                       '<meta charset="iso-8859-1">', "", '<meta http-equiv="Content-Type" content="text/html; '
                       'charset=bogus">'])
    hostile = rng.choice(["", "<div>" * 5000, "<span " + " ".join(f"a{k}=b" for k in range(5000)) + ">",
                          "<script>" + "x" * 100000, "<!--", "<![CDATA[", "<table>" * 2000])
    return f"<html><head>{head}</head><body>{hostile}{body}</body></html>".encode("utf-8", "surrogatepass")


def _gzip(rng: random.Random, data: bytes) -> bytes:
    packed = gzip.compress(data)
    return packed[: rng.randrange(len(packed) + 1)] if rng.random() < 0.5 else packed


def _zstd(rng: random.Random, data: bytes) -> bytes:
    import zstandard

    packed = zstandard.ZstdCompressor().compress(data)
    return packed[: rng.randrange(len(packed) + 1)] if rng.random() < 0.5 else packed


def _bomb(rng: random.Random, data: bytes) -> bytes:
    return gzip.compress(b"a" * 60_000_000, compresslevel=1)


def _long_line(rng: random.Random, data: bytes) -> bytes:
    return data + b"word " * rng.randint(10_000, 100_000)


MUTATIONS: dict[str, Mutation] = {
    "cut": _cut, "bytes flipped": _flip, "bytes inserted": _insert, "NUL byte": _nul, "legacy encoding": _legacy,
    "UTF-16/32": _utf16, "NFD": _nfd, "stray byte": _stray_byte, "surrogate bytes": _surrogate_escape,
    "hostile HTML": _html, "gzip": _gzip, "zstd": _zstd, "gzip bomb": _bomb, "one long line": _long_line,
}


def build(rng: random.Random) -> tuple[str, bytes]:
    name = rng.choice(list(MUTATIONS))
    data = MUTATIONS[name](rng, rng.choice(SAMPLES))
    if rng.random() < 0.3:  # a second mutation on top
        data = rng.choice([_cut, _flip, _insert, _stray_byte])(rng, data) if data else data
    return name, data


def in_process(cases: int, rng: random.Random) -> Counter:
    outcomes: Counter = Counter()
    filters = newsclean.build_filters()
    for _ in range(cases):
        name, data = build(rng)
        try:
            loaded = load(data)
            newsclean.clean(loaded.text, filters=filters, from_html=loaded.is_html, page=loaded.page)
            outcomes[name, "cleaned"] += 1
        except InputError:
            outcomes[name, "one-line error"] += 1
        except Exception as exc:  # a bug: name it
            outcomes[name, f"BUG {type(exc).__name__}: {str(exc)[:60]}"] += 1
    return outcomes


def through_cli(cases: int, rng: random.Random) -> Counter:
    outcomes: Counter = Counter()
    for _ in range(cases):
        name, data = build(rng)
        proc = subprocess.run([sys.executable, "-m", "newsclean", "clean"], input=data, capture_output=True)
        err = proc.stderr.decode("utf-8", "replace")
        if "Traceback" in err or proc.returncode not in (0, 1):
            outcomes[name, f"BUG rc={proc.returncode}: {err.strip().splitlines()[-1][:60] if err.strip() else ''}"] += 1
        elif proc.returncode == 1 and len(err.strip().splitlines()) != 1:
            outcomes[name, "BUG: error not one line"] += 1
        else:
            outcomes[name, "cleaned" if proc.returncode == 0 else "one-line error"] += 1
    return outcomes


def report(title: str, outcomes: Counter) -> None:
    bugs = sum(n for (_, outcome), n in outcomes.items() if outcome.startswith("BUG"))
    print(f"## {title}: {sum(outcomes.values()):,} cases, {bugs} bugs")
    print(f"{'mutation':>18} {'cleaned':>8} {'error':>6}  bugs")
    for name in MUTATIONS:
        row = {o: n for (m, o), n in outcomes.items() if m == name}
        bugs = "; ".join(f"{n}× {o}" for o, n in row.items() if o.startswith("BUG")) or "0"
        print(f"{name:>18} {row.get('cleaned', 0):>8} {row.get('one-line error', 0):>6}  {bugs}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=2000, help="cases cleaned in this process")
    ap.add_argument("--cli", type=int, default=200, help="cases run through `newsclean clean` processes")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    report("in process", in_process(args.cases, rng))
    if args.cli:
        report("through the CLI", through_cli(args.cli, rng))
    return 0


if __name__ == "__main__":
    sys.exit(main())
