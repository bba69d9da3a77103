"""How much of the debris seen in the wild newsclean removes: ../shared/bench/wild/phrases.jsonl.

    python benchmarks/phrases.py ../shared/bench/wild/phrases.jsonl

Each phrase (collected by others from site-rule files and corpora) is put on its own line after
the body of one of our samples in its language (English for languages we have no sample in) and
cleaned with the default settings. Prints, per kind of debris, how many phrases were removed,
and lists the ones that stayed. The phrases are evidence of what debris looks like, not rules:
a phrase that stays points at a kind of debris no filter knows yet.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import newsclean

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_FOR_LANGUAGE = {
    "en": "en-tech-footer.txt", "de": "de-lokal.txt", "fr": "fr-culture.txt", "es": "es-economia.txt",
}


def body_of(sample: str, filters: list[newsclean.Filter]) -> str:
    """The sample's article paragraphs (what newsclean keeps of it), as context for a phrase."""
    return newsclean.clean((SAMPLES / sample).read_text(encoding="utf-8"), filters=filters).text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("phrases", nargs="?", default="../shared/bench/wild/phrases.jsonl", type=Path)
    args = ap.parse_args(argv)
    filters = newsclean.build_filters()
    bodies = {lang: body_of(sample, filters) for lang, sample in SAMPLE_FOR_LANGUAGE.items()}
    removed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    stayed = []
    for line in args.phrases.read_text(encoding="utf-8").splitlines():
        phrase = json.loads(line)
        body = bodies.get(phrase["lang"], bodies["en"])
        result = newsclean.clean(body + phrase["text"] + "\n", filters=filters)
        total[phrase["kind"]] += 1
        if result.verdicts[body.count("\n")].kept:
            stayed.append(phrase)
        else:
            removed[phrase["kind"]] += 1
    print(f"{'kind':<12}{'removed':>8}{'of':>5}")
    for kind, n in total.most_common():
        print(f"{kind:<12}{removed[kind]:>8}{n:>5}")
    print(f"{'all':<12}{sum(removed.values()):>8}{sum(total.values()):>5}")
    for phrase in stayed:
        print(f"stayed  {phrase['kind']:<11}{phrase['lang']:<4}{phrase['text'][:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
