"""Debris by kind: how many reader-comment, byline, credit and time-stamp lines a clean keeps.

The gold says body or debris, not which kind of debris; this script names the kinds it can tell
from the gold and a line's shape, with patterns of its own (not the filters'), so that what it
measures does not follow what the cleaner was taught:

- **comment**: a line of a page's reader-comment section that the gold does not hold as body.
  The section opens with a comment header ("12 Comments", "Leave a reply", "Kommentare",
  "Comentarios"…) after the gold's last body line, and the page bears comments when at least
  ``MIN_ENTRIES`` entry lines follow it (a reader's name with a verb of saying, a date with a clock
  time, a relative time, a lone reply link). It ends with its last entry's prose (the lines of
  ``MIN_PROSE_WORDS`` words or more after the last entry line).
- **byline**: a short debris line that opens with "By"/"Von"/"Por"/"Par"/"Di"/"Door"…, or holds the
  gold's ``author`` (WCXB gold names it).
- **credit**: a short debris line naming a photo, image or agency credit ("Photo: …", "© …",
  "Getty Images").
- **time stamp**: a short debris line that is mostly a date or a time ("14 hours ago",
  "2:15 p.m. 28 December 2007").

Lines the gold holds as body are counted too, by the same shapes (``body:byline``…): what the
cleaner must keep. Run over the shipped model (in-sample) it cleans every document; the
cross-validated figures come from ``train_judge.py``, which prints the same table from its
out-of-fold scores (``kept_by_kind``).

    python benchmarks/debris_kinds.py ../shared/bench/dev ../shared/bench/wcxb-dev --variant para --variant page
    python benchmarks/debris_kinds.py ../shared/bench/wcxb-dev --variant page --show comment --limit 5

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

KINDS = ("comment", "byline", "credit", "time stamp")
MAX_HEADER_WORDS = 12
MAX_ENTRY_WORDS = 15
MIN_ENTRIES = 2
MIN_PROSE_WORDS = 4
MAX_SHORT_WORDS = 12

HEADER = re.compile(
    r"^\W*(\d+\s+)?(reader\s+|leser)?(comments?|kommentare?|commentaires?|comentarios?|commenti|comentários?"
    r"|komentarze?|reacties|reactions?|responses?|replies|réactions|diskussion|discussion)\b"
    r"|^\W*(leave|post|add|write|submit)\s+(a|your)\s+(comment|reply|response)"
    r"|^\W*(join|start)\s+the\s+(discussion|conversation)|^\W*(what\s+readers|was\s+leser)"
    r"|^\W*(kommentar|kommentieren|schreiben sie|diskutieren sie)"
    r"|^\W*(laisser|ajouter|écrire)\s+un\s+commentaire|^\W*(deja|escribe|añade)\s+(un|tu)\s+comentario"
    r"|^\W*(lascia|scrivi)\s+un\s+commento|^\W*(deixe|escreva)\s+(um|seu)\s+comentário"
    r"|^\W*(\d+\s+)?(thoughts|responses|comments|reacties|kommentare)\s+(on|to|zu|op)\b", re.I)
MONTH = (r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|okt|dez"
         r"|janv|févr|mars|avr|juin|juil|août|sept|déc|ene|abr|ago|dic|gen|mag|giu|lug|set|ott)\w*\.?")
DATE = (rf"(\d{{1,2}}\.?\s*{MONTH},?\s*(\d{{4}})?|{MONTH}\s+\d{{1,2}}(st|nd|rd|th)?,?\s*(\d{{4}})?"
        r"|\d{1,4}[./-]\d{1,2}[./-]\d{2,4})")
CLOCK = r"\d{1,2}[:.h]\d{2}\s*([ap]\.?m\.?|uhr|h)?"
RELATIVE = (r"\b\d+\s+(seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|sekunden|minuten|stunden|tagen?"
            r"|wochen|monaten|jahren|heures?|jours?|horas?|días|giorni|ore)\s+(ago|her|fa)\b|\bvor\s+\d+\s+\w+"
            r"|\bil y a\s+\d|\bhace\s+\d|\bhá\s+\d")
STAMP = re.compile(rf"{DATE}.{{0,12}}{CLOCK}|{CLOCK}.{{0,12}}{DATE}|{RELATIVE}", re.I)
SAYS = re.compile(r"\b(says|said|sagt|schreibt|wrote|schrieb|a écrit|dit|escribió|dice|disse|scrive|napisał|schreef"
                  r"|zegt)\s*:?\s*$|\b(says|sagt|schreibt|dit|dice|disse|scrive|zegt)\s*:", re.I)
REPLY = re.compile(r"^\W*(reply|antworten|répondre|responder|rispondi|odpowiedz|beantwoorden|reageer)\W*$", re.I)
BYLINE = re.compile(r"^\W*(by|von|por|par|di|door|autor|author|written by|text:|texto:|redacción:?)\s+\w", re.I)
CREDIT = re.compile(r"^\W*(photo|foto|bild|image|picture|credit|credits|photograph|fotografía|crédit|illustration"
                    r"|source|quelle|fuente)s?\s*:|©|\(c\)\s|\bgetty images\b|\bap photo\b|\bistock|\bshutterstock"
                    r"|\bimago\b|\bunsplash\b|/\s*(reuters|afp|dpa|ap|epa)\b", re.I)
TIME_WORDS = re.compile(rf"{DATE}|{CLOCK}|{RELATIVE}|\b(updated|published|posted|aktualisiert|veröffentlicht"
                        r"|am|um|at|on|le|el|il|mis à jour|publié|publicado|actualizado|\d{4}|today|yesterday"
                        r"|heute|gestern)\b", re.I)
TOKEN = re.compile(r"\w+")


def _words(line: str) -> int:
    return len(line.split())


def comment_section(lines: list[str], labels: list[int]) -> range:
    """The lines of the page's reader-comment section (an empty range when it bears none)."""
    body = [i for i, label in enumerate(labels) if label == 1]
    start = body[-1] + 1 if body else len(lines)
    for i in range(start, len(lines)):
        if _words(lines[i]) <= MAX_HEADER_WORDS and HEADER.search(lines[i].strip()):
            entries = [k for k in range(i + 1, len(lines)) if _words(lines[k]) <= MAX_ENTRY_WORDS
                       and (SAYS.search(lines[k]) or STAMP.search(lines[k]) or REPLY.match(lines[k]))]
            if len(entries) < MIN_ENTRIES:
                return range(0)
            end = entries[-1] + 1
            while end < len(lines) and _words(lines[end]) >= MIN_PROSE_WORDS:
                end += 1
            return range(i, end)
    return range(0)


def line_kinds(lines: list[str], labels: list[int], author: str = "") -> list[str]:
    """Each line's kind ("" when none): "comment", "byline", … for debris, "body:…" for gold body.

    ``labels``: 1 body, 0 debris, -1 unknown (snippet gold names few lines)."""
    kinds = [""] * len(lines)
    for i in comment_section(lines, labels):
        if labels[i] != 1 and lines[i].strip():
            kinds[i] = "comment"
    author = author.strip().lower() if len(author.strip()) >= 4 else ""
    for i, line in enumerate(lines):
        if kinds[i] or not line.strip() or _words(line) > MAX_SHORT_WORDS:
            continue
        lower = line.lower()
        tokens = TOKEN.findall(line)
        time_tokens = sum(len(TOKEN.findall(m.group(0))) for m in TIME_WORDS.finditer(line))
        if BYLINE.match(line) or (author and author in lower):
            kind = "byline"
        elif CREDIT.search(line):
            kind = "credit"
        elif tokens and ((time_tokens * 2 >= len(tokens) and STAMP.search(line))
                         or (time_tokens == len(tokens) and re.search(DATE, line, re.I))):
            kind = "time stamp"
        else:
            continue
        kinds[i] = kind if labels[i] != 1 else f"body:{kind}"
    return kinds


@cache
def load_oracle(data_dir: Path):
    """../shared/bench/oracle.py, read once per process."""
    spec = importlib.util.spec_from_file_location("oracle", data_dir.parent / "oracle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LABEL = {"body": 1, "debris": 0}


def labels_of(oracle, lines: list[str], gold: dict) -> list[int]:
    """The oracle's label of each line (1 body, 0 debris, -1 unknown), by the gold's kind: the
    whole body, or snippets."""
    if gold.get("articleBody"):
        found = oracle.label_full_body(lines, gold["articleBody"])
    else:
        found = oracle.label_snippets(lines, gold.get("with", []), gold.get("without", []))
    return [LABEL.get(label, -1) for label in found]


def clean_one(job: tuple[str, str, str, dict]) -> tuple[list[str], list[bool]]:
    """One document's kinds and which of its lines the shipped cleaner keeps."""
    import newsclean
    from newsclean.pipeline import split_lines

    data_dir, doc_id, variant, gold = job
    text = (Path(data_dir) / "docs" / f"{doc_id}.{variant}.txt").read_text(encoding="utf-8")
    lines = split_lines(text)[0]
    labels = labels_of(load_oracle(Path(data_dir)), lines, gold)
    kinds = line_kinds(lines, labels, gold.get("author") or "")
    result = newsclean.clean(text)
    kept = [False] * len(lines)
    for verdict in result.verdicts:
        if verdict.index < len(kept):
            kept[verdict.index] = verdict.kept
    return kinds, kept


def tally(pairs) -> dict[str, list[int]]:
    """kind -> [lines, kept, pages]."""
    counts: dict[str, list[int]] = {}
    for kinds, kept in pairs:
        seen = set()
        for kind, keep in zip(kinds, kept, strict=True):
            if kind:
                row = counts.setdefault(kind, [0, 0, 0])
                row[0] += 1
                row[1] += bool(keep)
                if kind not in seen:
                    row[2] += 1
                    seen.add(kind)
    return counts


def print_table(title: str, counts: dict[str, list[int]]) -> None:
    print(f"\n{title}")
    print(f"  {'kind':18} {'pages':>6} {'lines':>7} {'kept':>7} {'share':>6}")
    for kind in [*KINDS, *(f"body:{k}" for k in KINDS)]:
        if kind in counts:
            lines, kept, pages = counts[kind]
            print(f"  {kind:18} {pages:6} {lines:7} {kept:7} {kept / lines:6.1%}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dirs", nargs="+", type=Path)
    ap.add_argument("--variant", action="append", choices=("para", "page", "extr"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--show", choices=KINDS, help="print the lines of this kind (with kept/dropped), page by page")
    ap.add_argument("--limit", type=int, default=0, help="with --show: at most this many pages")
    args = ap.parse_args(argv)
    for data_dir in args.data_dirs:
        gold = [json.loads(line) for line in (data_dir / "gold.jsonl").open(encoding="utf-8") if line.strip()]
        for variant in args.variant or ("para", "page"):
            jobs = [(str(data_dir), g["id"], variant, g) for g in gold]
            with ProcessPoolExecutor(max_workers=args.jobs) as pool:
                results = list(pool.map(clean_one, jobs, chunksize=4))
            print_table(f"{data_dir.name} {variant}: lines by kind, kept by the shipped cleaner", tally(results))
            bearing = [(kinds, kept) for kinds, kept in results if "comment" in kinds]
            if bearing:
                print_table(f"{data_dir.name} {variant}: on the {len(bearing)} pages bearing comments", tally(bearing))
            if args.show:
                shown = 0
                for job, (kinds, kept) in zip(jobs, results, strict=True):
                    if args.show in kinds and (not args.limit or shown < args.limit):
                        shown += 1
                        print(f"--- {job[1]}")
                        text = (data_dir / "docs" / f"{job[1]}.{variant}.txt").read_text(encoding="utf-8")
                        for line, kind, keep in zip(text.split("\n"), kinds, kept, strict=False):
                            if kind == args.show:
                                print(f"  {'KEPT' if keep else '    '} {line[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
