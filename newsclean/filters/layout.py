"""Lines outside the article body: menus, link lists, bylines, footers, widgets.

A line is judged in its context, as jusText does, but with the two passes folded into one
small logistic model (weights in ``layout_weights.json``, trained by
``benchmarks/train_layout.py``). The first pass marks body-like lines: long sentences dense in
the document's stopwords. The features of every line then combine its own shape (length,
stopword density, punctuation, casing, digits, link shapes) with its place relative to those
body lines (distance, inside or outside the body's span, how much body lies before and after,
shared vocabulary). A line is dropped when the model's probability that it is body falls below
``threshold``; the reason named is the feature that pulled it down the most.

Text extracted from HTML is left alone: the extractor found the body with the page's DOM, which
says far more about layout than line shapes do, and a second guess from them costs body (on dev
html: 15 body snippets lost for 9 debris ones removed).
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Iterable
from pathlib import Path

from ..features import FEATURE_NAMES, document_features
from ..model import Document, Drop
from .base import Filter

WEIGHTS_FILE = Path(__file__).resolve().parent.parent / "layout_weights.json"
THRESHOLD = 0.15
# Reason codes by the feature that weighed most against the line.
REASONS = {
    "position": "outside_body", "inside_body_span": "outside_body", "body_before": "after_body",
    "body_after": "before_body", "distance_to_previous_body": "far_from_body",
    "distance_to_next_body": "far_from_body", "body_share_nearby": "far_from_body",
    "short": "short_line", "log_words": "short_line", "short_run": "run_of_short_lines",
    "stopword_density": "few_stopwords", "density_x_length": "few_stopwords",
    "ends_sentence": "no_sentence", "link_like": "link_like", "relatedness": "unrelated_to_body",
    "dropped_neighbours": "between_boilerplate", "title_case": "headline_shaped",
    "digit_share": "mostly_digits", "upper_share": "mostly_capitals", "list_item": "list_outside_body",
}


def load_weights(path: Path = WEIGHTS_FILE) -> dict[str, float]:
    weights = json.loads(path.read_text(encoding="utf-8"))
    missing = set(FEATURE_NAMES) - set(weights)
    if missing:
        raise ValueError(f"{path.name} lacks weights for {sorted(missing)}")
    return weights


class Layout(Filter):
    name = "layout"
    description = ("Menus, link lists, bylines, footers: lines outside the article body, judged in context "
                   "(not in text extracted from HTML).")
    options = {"threshold": THRESHOLD}

    def __init__(self, **options: float) -> None:
        super().__init__(**options)
        self.weights = load_weights()

    def step(self, doc: Document) -> Iterable[Drop]:
        # Lines other filters removed stay in view: they are evidence about their neighbours.
        indices = sorted([*doc.content, *doc.dropped])
        if not indices or doc.from_html:
            return
        weights = [self.weights[name] for name in FEATURE_NAMES]
        kept = [i for i in indices if i not in doc.dropped]
        lists = doc.article.lists
        for i, row in zip(kept, document_features(doc, indices), strict=True):
            score = sum(map(operator.mul, weights, row))
            probability = 1 / (1 + math.exp(-max(-50.0, min(50.0, score))))
            if i in lists:
                doc.notes[i] = f"p(body)={probability:.2f}, in the article's list"
            elif probability >= self.settings["threshold"]:
                doc.notes[i] = f"p(body)={probability:.2f}"
            else:
                terms = list(map(operator.mul, weights, row))
                worst = min(range(1, len(terms)), key=terms.__getitem__)  # skip the bias
                reason = REASONS.get(FEATURE_NAMES[worst], "boilerplate_shape")
                yield self.drop(i, reason, f"p(body)={probability:.2f}, {FEATURE_NAMES[worst]}")
