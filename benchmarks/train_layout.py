"""Train the layout model's weights on a folder laid out like ../shared/bench/dev.

Lines are labelled by the gold snippets they contain (a `with` snippet: body, a `without`
snippet: boilerplate; other lines are not used), across the para, page and extr renderings.
The model is a logistic regression over newsclean.features; it is evaluated by cross-validation
grouped by site (no site is in both the training and the test folds), on the snippet metric of
the whole pipeline, and then fit on all documents and written to newsclean/layout_weights.json.

    python benchmarks/train_layout.py ../shared/bench/dev            # CV report + write weights
    python benchmarks/train_layout.py ../shared/bench/dev --no-write # CV report only

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
from quality import counts, norm, scores  # the snippet metric, as the quality benchmark computes it

import newsclean
from newsclean.features import FEATURE_NAMES, document_features
from newsclean.filters.base import Filter
from newsclean.filters.layout import WEIGHTS_FILE, Layout
from newsclean.model import Document
from newsclean.pipeline import apply

VARIANTS = ("para", "page", "extr")
FOLDS = 5
L2 = 1.0


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


def labelled_lines(item: dict, text: str, filters: list) -> tuple[list[list[float]], list[int]]:
    """Features and labels of the lines of one document that contain a gold snippet."""
    doc = Document(text.splitlines())
    apply(doc, filters)
    indices = sorted([*doc.content, *doc.dropped])
    kept = [i for i in indices if i not in doc.dropped]
    rows = document_features(doc, indices)
    good = [norm(s) for s in item["with"]]
    bad = [norm(s) for s in item["without"]]
    x, y = [], []
    for k, i in enumerate(kept):
        line = norm(doc.lines[i])
        is_good = any(s in line for s in good)
        is_bad = any(s in line for s in bad)
        if is_good != is_bad:
            x.append(rows[k])
            y.append(int(is_good))
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


def snippet_scores(gold: list[dict], outputs: dict[str, str]) -> tuple[float, float, float]:
    result = scores([counts(item, outputs[item["id"]]) for item in gold])
    return result["precision"], result["recall"], result["f1"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", nargs="?", default="../shared/bench/dev", type=Path)
    ap.add_argument("--no-write", action="store_true", help="report only; keep the shipped weights")
    args = ap.parse_args(argv)
    gold = [json.loads(line) for line in (args.data_dir / "gold.jsonl").open(encoding="utf-8")]
    pipeline = newsclean.build_filters()
    position = [f.name for f in pipeline].index("layout")
    before_layout = pipeline[:position]  # what the layout filter sees when it runs
    texts = {(item["id"], v): (args.data_dir / "docs" / f"{item['id']}.{v}.txt").read_text(encoding="utf-8")
             for item in gold for v in VARIANTS}
    data = {}
    for item in gold:
        for v in VARIANTS:
            data[(item["id"], v)] = labelled_lines(item, texts[(item["id"], v)], before_layout)
    folds = {item["id"]: fold_of(item["url"]) for item in gold}

    # Each rendering weighs the same in training, however many labelled lines it has.
    per_variant = {v: sum(len(data[key][1]) for key in data if key[1] == v) for v in VARIANTS}

    def stack(keys):
        xs = [row for key in keys for row in data[key][0]]
        ys = [label for key in keys for label in data[key][1]]
        sw = [len(ys) / (len(VARIANTS) * per_variant[key[1]]) for key in keys for _ in data[key][1]]
        return np.array(xs), np.array(ys, dtype=float), np.array(sw)

    def run(weights: np.ndarray, items: list[dict], variant: str) -> dict[str, str]:
        layout = FittedLayout(dict(zip(FEATURE_NAMES, weights.tolist(), strict=True)))
        filters = [*before_layout, layout, *pipeline[position + 1:]]
        return {it["id"]: newsclean.clean(texts[(it["id"], variant)], filters=filters).text for it in items}

    print(f"{'variant':8} {'CV P':>6} {'CV R':>6} {'CV F':>6}   {'in P':>6} {'in R':>6} {'in F':>6}")
    x_all, y_all, sw_all = stack(list(data))
    w_all = fit(x_all, y_all, sw_all)
    for variant in VARIANTS:
        outputs: dict[str, str] = {}
        for fold in range(FOLDS):
            train = [key for key in data if folds[key[0]] != fold]
            w = fit(*stack(train))
            outputs.update(run(w, [it for it in gold if folds[it["id"]] == fold], variant))
        cv = snippet_scores(gold, outputs)
        ins = snippet_scores(gold, run(w_all, gold, variant))
        print(f"{variant:8} {cv[0]:6.3f} {cv[1]:6.3f} {cv[2]:6.3f}   {ins[0]:6.3f} {ins[1]:6.3f} {ins[2]:6.3f}")
    print(f"trained on {len(y_all)} labelled lines ({int(y_all.sum())} body)")
    if not args.no_write:
        weights = {name: round(float(w), 4) for name, w in zip(FEATURE_NAMES, w_all, strict=True)}
        WEIGHTS_FILE.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
