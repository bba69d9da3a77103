"""Train the layout model's weights on folders laid out like ../shared/bench/dev.

Lines are labelled by the gold, across the para, page and extr renderings. Snippet gold
(../shared/bench/dev): a line holding a `with` snippet is body, one holding a `without` snippet
is boilerplate, other lines are not used. Whole-body gold (`articleBody`,
../shared/bench/wcxb-dev): a line whose words the body holds is body, one that shares less than
half of its shingles with the body is boilerplate, the rest is not used. Every corpus and
rendering weighs the same in the fit, however many labelled lines it has.

The model is a logistic regression over newsclean.features. It is evaluated by cross-validation
grouped by site (no site is in both the training and the test folds) on each corpus's own metric
of the whole pipeline (snippets or shingles, as quality.py scores them), next to the in-sample
fit, and then fit on all documents and written to newsclean/layout_weights.json.

    python benchmarks/train_layout.py ../shared/bench/dev ../shared/bench/wcxb-dev
    python benchmarks/train_layout.py ../shared/bench/dev --no-write  # report only

Needs numpy (pip install -e '.[bench]'). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from quality import counts, norm, scores, shingle_counts, shingle_scores, shingles, token_text  # as quality.py scores

import newsclean
from newsclean.features import FEATURE_NAMES, document_features
from newsclean.filters.base import Filter
from newsclean.filters.layout import WEIGHTS_FILE, Layout
from newsclean.model import Document
from newsclean.pipeline import apply

VARIANTS = ("para", "page", "extr")
FOLDS = 5
L2 = 1.0
# A line of a whole-body gold document is boilerplate when less than this share of its shingles is body.
MIN_SHARED_SHINGLES = 0.5


class FittedLayout(Layout):
    """The layout filter with weights from a fit, not from the shipped file (which may lack a
    feature that is being added)."""

    def __init__(self, weights: dict[str, float]) -> None:
        Filter.__init__(self)
        self.weights = weights


def site(url: str) -> str:
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def fold_of(url: str) -> int:
    return int(hashlib.blake2b(site(url).encode(), digest_size=4).hexdigest(), 16) % FOLDS


def label(item: dict, line: str) -> int | None:
    """1 for body, 0 for boilerplate, None when the gold does not say."""
    if "articleBody" in item:
        if token_text(line) in item["_tokens"]:
            return 1
        own = shingles(line)
        shared = sum((own & item["_shingles"]).values())
        return 0 if shared < MIN_SHARED_SHINGLES * sum(own.values()) else None
    line = norm(line)
    is_good = any(s in line for s in item["_with"])
    is_bad = any(s in line for s in item["_without"])
    return int(is_good) if is_good != is_bad else None


def labelled_lines(item: dict, text: str, filters: list) -> tuple[list[list[float]], list[int]]:
    """Features and labels of the lines of one document that the gold labels."""
    doc = Document(text.splitlines())
    apply(doc, filters)
    indices = sorted([*doc.content, *doc.dropped])
    kept = [i for i in indices if i not in doc.dropped]
    rows = document_features(doc, indices)
    x, y = [], []
    for k, i in enumerate(kept):
        found = label(item, doc.lines[i])
        if found is not None:
            x.append(rows[k])
            y.append(found)
    return x, y


def fit(x: np.ndarray, y: np.ndarray, sw: np.ndarray, l2: float = L2) -> np.ndarray:
    """Weighted, L2-regularised logistic regression by Newton's method (bias not penalised)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (sw * (p - y)) + penalty * w
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def load_corpus(data_dir: Path) -> list[dict]:
    """The gold of a corpus, with what labelling needs precomputed."""
    gold = [json.loads(line) for line in (data_dir / "gold.jsonl").open(encoding="utf-8")]
    for item in gold:
        item["_corpus"] = data_dir.name
        if "articleBody" in item:
            item["_tokens"], item["_shingles"] = token_text(item["articleBody"]), shingles(item["articleBody"])
        else:
            item["_with"], item["_without"] = [norm(s) for s in item["with"]], [norm(s) for s in item["without"]]
    return gold


def metric(items: list[dict], outputs: dict[str, str]) -> tuple[float, float, float]:
    """The corpus's own metric: shingles for whole-body gold, snippets otherwise."""
    if "articleBody" in items[0]:
        result = shingle_scores([shingle_counts(it["articleBody"], outputs[it["id"]]) for it in items])
    else:
        result = scores([counts(it, outputs[it["id"]]) for it in items])
    return result["precision"], result["recall"], result["f1"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dirs", nargs="*", type=Path,
                    default=[Path("../shared/bench/dev"), Path("../shared/bench/wcxb-dev")])
    ap.add_argument("--no-write", action="store_true", help="report only; keep the shipped weights")
    ap.add_argument("--l2", type=float, default=L2, help="L2 penalty of the fit")
    ap.add_argument("--weight", action="append", default=[], metavar="CORPUS=W",
                    help="weight of a corpus in the fit (its folder name; default 1 each)")
    ap.add_argument("--fit-on", action="append", default=[], metavar="CORPUS",
                    help="fit on these corpora only (default: all); the others are scored held out")
    args = ap.parse_args(argv)
    corpus_weight = {name: float(w) for name, w in (spec.split("=", 1) for spec in args.weight)}
    corpora = {d.name: load_corpus(d) for d in args.data_dirs}
    dirs = {d.name: d for d in args.data_dirs}
    pipeline = newsclean.build_filters()
    position = [f.name for f in pipeline].index("layout")
    before_layout = pipeline[:position]  # what the layout filter sees when it runs
    items = [(name, item) for name, gold in corpora.items() for item in gold]
    texts = {(name, item["id"], v): (dirs[name] / "docs" / f"{item['id']}.{v}.txt").read_text(encoding="utf-8")
             for name, item in items for v in VARIANTS}
    data = {}
    for name, item in items:
        for v in VARIANTS:
            data[(name, item["id"], v)] = labelled_lines(item, texts[(name, item["id"], v)], before_layout)
    folds = {(name, item["id"]): fold_of(item["url"]) for name, item in items}

    # Each corpus and rendering weighs the same in training, however many labelled lines it has.
    groups = {(key[0], key[2]) for key in data}
    per_group = {g: sum(len(data[key][1]) for key in data if (key[0], key[2]) == g) or 1 for g in groups}

    def stack(keys):
        keys = [key for key in keys if not args.fit_on or key[0] in args.fit_on]
        xs = [row for key in keys for row in data[key][0]]
        ys = [label for key in keys for label in data[key][1]]
        sw = [corpus_weight.get(key[0], 1.0) * len(ys) / (len(groups) * per_group[(key[0], key[2])])
              for key in keys for _ in data[key][1]]
        return np.array(xs), np.array(ys, dtype=float), np.array(sw)

    def run(weights: np.ndarray, name: str, gold: list[dict], variant: str) -> dict[str, str]:
        layout = FittedLayout(dict(zip(FEATURE_NAMES, weights.tolist(), strict=True)))
        filters = [*before_layout, layout, *pipeline[position + 1:]]
        return {it["id"]: newsclean.clean(texts[(name, it["id"], variant)], filters=filters).text for it in gold}

    x_all, y_all, sw_all = stack(list(data))
    w_all = fit(x_all, y_all, sw_all, args.l2)
    fold_weights = [fit(*stack([key for key in data if folds[key[:2]] != fold]), args.l2) for fold in range(FOLDS)]
    print(f"{'corpus':10} {'variant':8} {'CV P':>6} {'CV R':>6} {'CV F':>6}   {'in P':>6} {'in R':>6} {'in F':>6}")
    for name, gold in corpora.items():
        for variant in VARIANTS:
            outputs: dict[str, str] = {}
            for fold in range(FOLDS):
                outputs.update(run(fold_weights[fold], name, [it for it in gold if folds[(name, it["id"])] == fold],
                                   variant))
            cv = metric(gold, outputs)
            ins = metric(gold, run(w_all, name, gold, variant))
            print(f"{name:10} {variant:8} {cv[0]:6.3f} {cv[1]:6.3f} {cv[2]:6.3f}   "
                  f"{ins[0]:6.3f} {ins[1]:6.3f} {ins[2]:6.3f}")
    print(f"trained on {len(y_all)} labelled lines ({int(y_all.sum())} body)")
    if not args.no_write:
        weights = {name: round(float(w), 4) for name, w in zip(FEATURE_NAMES, w_all, strict=True)}
        WEIGHTS_FILE.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
