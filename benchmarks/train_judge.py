"""Train the judge (newsclean/judge/model.py) on folders laid out like ../shared/bench/dev, and say how
well it does on sites it has not seen.

Labels come from the gold through ../shared/bench/oracle.py (read it for the rule): on whole-body
gold (wcxb-dev, wcxb-other) every line is body or debris; on snippet gold (dev) a line holding a
`with` snippet is body, one holding a `without` snippet debris, the rest unlabelled. Every
rendering is used: para, page, extr and the text newsclean extracts from the page (html).

The evidence of each line is what the judge sees at run time (newsclean.judge.model.gather, after every
other filter has proposed its drops), computed once and kept in a cache folder. Then:

- cross-validation grouped by site (5 folds, every registered domain in one fold, across all
  corpora): the first pass is fit on four folds and scores the fifth; the second pass is fit on
  those out-of-fold scores. A word feature counts only when it occurs on at least --min-sites
  sites of the training folds.
- each corpus and rendering is scored with its own metric on the lines kept (snippets on dev,
  shingles on the wcxb folders), next to the unchanged input, the line oracle, the in-sample fit,
  and other learners on the same evidence (--compare).
- then the model is fit on everything and written to newsclean/judge/models/ (unless --no-write).

    python benchmarks/train_judge.py ../shared/bench/dev ../shared/bench/wcxb-dev ../shared/bench/wcxb-other
    python benchmarks/train_judge.py ... --no-write --compare      # learners side by side, nothing written

Needs numpy, scipy and scikit-learn (pip install -e '.[train]'). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import inspect
import json
import math
import os
import pickle
import re
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from debris_kinds import KINDS, labels_of, line_kinds, load_oracle
from quality import counts, shingle_counts, shingle_scores  # the metrics, as quality.py scores them
from quality import scores as snippet_scores
from scipy import sparse

import newsclean
from newsclean.core.document import Document, Drop
from newsclean.inputs.page import PageEvidence
from newsclean.inputs.sources import load
from newsclean.judge import model as judge
from newsclean.judge.features import FEATURE_NAMES
from newsclean.judge.model import (
    CONTEXT_NAMES,
    HASH_BITS,
    MODEL_DIR,
    context_features,
    gather,
    hash_token,
)
from newsclean.pipeline import Cleaner, assemble, prepare, propose, split_lines
from newsclean.settings import Settings

VARIANTS = ("para", "page", "extr", "html")
LINKED = hash_token(judge.LINKED)
FOLDS = 5
MIN_SITES = 3
C = 0.5
THRESHOLD = 0.5
DENSE = len(FEATURE_NAMES)
TOKEN = re.compile(r"\w+")
SHORT_LINE_FLOOR = 4
# Page evidence that names what a site's template calls its blocks: counted, as words are, only
# when seen on --min-sites sites.
SITE_BOUND = ("c:", "o:")


# ------------------------------------------------------------------------------------------ data
def registered_domain(url: str) -> str:
    """The site a page belongs to: its host without www./m., cut to the last two labels (three
    where the second-level label is a short public one such as co.uk or com.br)."""
    host = urlparse(url).netloc.lower().split(":")[0]
    parts = [p for p in host.split(".") if p]
    keep = 3 if len(parts) >= 3 and len(parts[-1]) == 2 and len(parts[-2]) <= 3 else 2
    return ".".join(parts[-keep:]) or url


def fold_of(site: str) -> int:
    return int(hashlib.blake2b(site.encode(), digest_size=4).hexdigest(), 16) % FOLDS


def read_text(data_dir: Path, doc_id: str, variant: str) -> tuple[str, bool, PageEvidence | None, dict | None]:
    """A rendering's text, whether it came from a page, each line's page evidence and the page's
    headline, author and date."""
    if variant == "html":
        with gzip.open(data_dir / "docs" / f"{doc_id}.html.gz", "rb") as f:
            source = load(f.read())
        return source.text, source.is_html, source.page, source.head
    return (data_dir / "docs" / f"{doc_id}.{variant}.txt").read_text(encoding="utf-8"), False, None, None


_FILTERS = None


def proposed(data_dir: str, doc_id: str, variant: str) -> tuple[Document, list[str], list[str], dict[int, int],
                                                            dict | None]:
    """A rendering as a clean has it before the judge: the document made by the prepare stage with
    every filter's proposals, the input's lines and their endings, each continuation line's
    paragraph head, and the page's headline, author and date."""
    global _FILTERS
    if _FILTERS is None:
        _FILTERS = Cleaner.from_settings(Settings.make(skip=["judge"])).filters
    text, from_html, page, head = read_text(Path(data_dir), doc_id, variant)
    lines, endings = split_lines(text)
    doc, heads = prepare(lines, from_html=from_html, page=page)
    propose(doc, _FILTERS)
    return doc, lines, endings, heads, head


def document_evidence(job: tuple[str, str, str, dict]) -> dict:
    """One document's evidence and labels, as the judge sees it at run time: the proposed document,
    gathered as the decide stage gathers it."""
    data_dir, doc_id, variant, gold = job
    doc = proposed(data_dir, doc_id, variant)[0]
    from_html = doc.from_html
    oracle = load_oracle(Path(data_dir))
    evidence = gather(doc)
    texts = [doc.lines[i] for i in evidence.indices]
    proposals = [(doc.proposals[i].filter, doc.proposals[i].reason) if i in doc.proposals else None
                 for i in evidence.indices]
    return {"id": doc_id, "variant": variant, "from_html": from_html, "text": texts,
            "labels": labels_of(oracle, texts, gold), "proposals": proposals,
            "dense": np.asarray(evidence.dense, dtype=np.float32).reshape(len(texts), DENSE),
            "words": [[hash_token(t) for t in judge.word_tokens(line)] for line in evidence.lines],
            "evidence": [[hash_token(t) for t in tokens] for tokens in evidence.proposals],
            # The words of a page's class and id attributes are a site's own as much as a line's words are.
            "classes": [[hash_token(t) for t in tokens if t.startswith(SITE_BOUND)] for tokens in evidence.proposals],
            "groups": evidence.groups}


def assembled(job: tuple[str, str, str, np.ndarray]) -> np.ndarray:
    """Which of a document's lines stay once the judge's verdicts (``keep``, one per evidence line)
    go through the assemble stage, as a clean does: the byline and the date line found, named and
    taken out of the body."""
    data_dir, doc_id, variant, keep = job
    doc, lines, endings, heads, head = proposed(data_dir, doc_id, variant)
    indices = doc.nonblank
    doc.decisions = {i: Drop(i, "low_body_probability", filter="judge") for i, k in zip(indices, keep, strict=True)
                     if not k}
    verdicts = assemble(doc, lines, endings, heads, head).verdicts
    return np.asarray([verdicts[i].kept for i in indices])


def corpus_evidence(data_dir: Path, variant: str, cache: Path, jobs: int) -> list[dict]:
    """Evidence of every document of one corpus and rendering, from the cache when the code and
    data it was built from are unchanged."""
    code = "".join(inspect.getsource(f) for f in (judge.word_tokens, judge.evidence_tokens, judge.gather,
                                                  proposed, document_evidence)).encode()
    code += Path(sys.modules["newsclean.judge.features"].__file__).read_bytes()
    if variant == "html":  # the text and page evidence of a page
        code += b"".join((Path(newsclean.__file__).parent / "inputs" / name).read_bytes()
                         for name in ("extraction.py", "page.py"))
    phrases = b"".join(p.read_bytes()
                       for p in sorted((Path(newsclean.__file__).parent / "rules" / "phrases").glob("*.txt")))
    filters = b"".join(p.read_bytes() for p in sorted((Path(newsclean.__file__).parent / "filters").glob("*.py")))
    key = hashlib.blake2b(code + phrases + filters + str(data_dir.resolve()).encode(), digest_size=8).hexdigest()
    path = cache / f"{data_dir.name}.{variant}.{key}.pkl"
    if path.is_file():
        with path.open("rb") as f:
            return pickle.load(f)
    gold = [json.loads(line) for line in (data_dir / "gold.jsonl").open(encoding="utf-8") if line.strip()]
    jobs_list = [(str(data_dir), g["id"], variant, g) for g in gold]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        docs = list(pool.map(document_evidence, jobs_list, chunksize=4))
    for doc, g in zip(docs, gold, strict=True):
        doc["gold"] = g
    cache.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        pickle.dump(docs, f, protocol=pickle.HIGHEST_PROTOCOL)
    return docs


# ------------------------------------------------------------------------------------- matrices
class Lines:
    """Every line of a set of documents, flat: the judge's evidence as matrices, with labels."""

    def __init__(self, docs: list[dict], corpus_weight: dict[str, float]) -> None:
        self.docs = docs
        self.starts = np.cumsum([0] + [len(d["text"]) for d in docs])
        self.dense = np.vstack([d["dense"] for d in docs]) if docs else np.zeros((0, DENSE), np.float32)
        self.labels = np.concatenate([np.asarray(d["labels"], dtype=np.int8) for d in docs])
        # A second copy of body text is not body: the metric counts its words twice. The oracle
        # labels by words alone, so a line the duplicates filter found repeated (a standfirst
        # inside the first paragraph, a paragraph twice) is debris here.
        repeated = np.concatenate([np.asarray([p is not None and p[0] == "duplicates" for p in d["proposals"]],
                                              dtype=bool) for d in docs])
        self.labels[repeated & (self.labels == 1)] = 0
        word_lengths = [len(w) for d in docs for w in d["words"]]
        self.word_cols = np.fromiter((h for d in docs for w in d["words"] for h in w), dtype=np.int64)
        self.word_rows = np.repeat(np.arange(len(word_lengths)), word_lengths)
        self.word_vals = np.repeat([1 / math.sqrt(n) if n else 0.0 for n in word_lengths], word_lengths)
        ev_lengths = [len(e) for d in docs for e in d["evidence"]]
        self.ev_cols = np.fromiter((h for d in docs for e in d["evidence"] for h in e), dtype=np.int64)
        self.ev_rows = np.repeat(np.arange(len(ev_lengths)), ev_lengths)
        class_lengths = [len(c) for d in docs for c in d["classes"]]
        self.class_cols = np.fromiter((h for d in docs for c in d["classes"] for h in c), dtype=np.int64)
        self.class_rows = np.repeat(np.arange(len(class_lengths)), class_lengths)
        # The first pass's binned features, as the hashed columns judge.Model.first_pass reads.
        from_html = np.repeat([d["from_html"] for d in docs], [len(d["text"]) for d in docs])
        kind = np.where(from_html, 2, np.where(self.dense[:, FEATURE_NAMES.index("document_body_share")]
                                                >= judge.EXTRACTED_BODY_SHARE, 1, 0))
        table = np.asarray([[[hash_token(f"{k}:{name}:{b}") for b in range(judge.BINS)] for name in judge.BINNED]
                            for k in judge.KINDS], dtype=np.int64)
        at = [FEATURE_NAMES.index(name) for name in judge.BINNED]
        bins = np.clip((self.dense[:, at] * judge.BINS + 1e-5).astype(np.int64), 0, judge.BINS - 1)
        binned = table[kind[:, None], np.arange(len(at))[None, :], bins]
        self.ev_rows = np.concatenate([self.ev_rows, np.repeat(np.arange(len(kind)), len(at))])
        self.ev_cols = np.concatenate([self.ev_cols, binned.ravel()])
        self.kind = kind
        self.site = np.repeat([d["site_id"] for d in docs], [len(d["text"]) for d in docs])
        self.fold = np.repeat([d["fold"] for d in docs], [len(d["text"]) for d in docs])
        # A line weighs what it weighs in its corpus's metric: on whole-body gold each document
        # counts the same and a line by its words (with a floor: a short line of a list is part of
        # the article too); on snippet gold each snippet counts the same.
        # Each corpus and rendering weighs the same in all (times its corpus weight).
        weights = []
        for d in docs:
            if d["gold"].get("articleBody"):
                words = np.asarray([len(TOKEN.findall(t)) + SHORT_LINE_FLOOR for t in d["text"]], dtype=np.float64)
                words[np.asarray(d["labels"]) < 0] = 0
                weights.append(words / max(words.sum(), 1))
            else:
                weights.append(np.ones(len(d["text"])))
        self.weight = np.concatenate(weights)
        group = np.repeat([hash((d["corpus"], d["variant"])) for d in docs], [len(d["text"]) for d in docs])
        for g in np.unique(group):
            members = group == g
            total = self.weight[members & (self.labels >= 0)].sum()
            self.weight[members] *= 1000.0 / max(total, 1e-9)
        self.weight *= np.repeat([corpus_weight.get(d["corpus"], 1.0) for d in docs], [len(d["text"]) for d in docs])

    def columns(self, rows: np.ndarray, min_sites: int) -> np.ndarray:
        """The hashed columns the training rows may use: every proposal token, and word tokens
        and class words seen on at least min_sites sites of those rows."""
        take = np.zeros(len(self.labels), bool)
        take[rows] = True
        allowed = self._on_sites(self.word_cols, self.word_rows, take) >= min_sites
        class_sites = self._on_sites(self.class_cols, self.class_rows, take)
        evidence = np.setdiff1d(np.unique(self.ev_cols[take[self.ev_rows]]),
                                np.flatnonzero((class_sites > 0) & (class_sites < min_sites)))
        return np.union1d(np.flatnonzero(allowed), evidence)

    def _on_sites(self, cols: np.ndarray, rows: np.ndarray, take: np.ndarray) -> np.ndarray:
        """On how many sites of the taken rows each hashed column occurs."""
        keep = take[rows]
        pairs = np.unique(cols[keep] * 65536 + self.site[rows[keep]])
        return np.bincount(pairs // 65536, minlength=1 << HASH_BITS)

    def matrix(self, rows: np.ndarray, allowed: np.ndarray) -> sparse.csr_matrix:
        """Dense features, then the allowed hashed columns in the order of ``allowed``."""
        lookup = dict(zip(allowed.tolist(), range(len(allowed)), strict=True))
        local = np.full(len(self.labels), -1)
        local[rows] = np.arange(len(rows))
        parts = []
        for r, c, v in ((self.word_rows, self.word_cols, self.word_vals),
                        (self.ev_rows, self.ev_cols, np.ones(len(self.ev_cols)))):
            at = local[r] >= 0
            mapped = np.fromiter((lookup.get(x, -1) for x in c[at].tolist()), dtype=np.int64, count=int(at.sum()))
            ok = mapped >= 0
            parts.append(sparse.csr_matrix((v[at][ok], (local[r][at][ok], mapped[ok] + DENSE)),
                                           shape=(len(rows), DENSE + len(allowed))))
        dense = sparse.csr_matrix(self.dense[rows])
        dense.resize((len(rows), DENSE + len(allowed)))
        return (parts[0] + parts[1] + dense).tocsr()


def fit_linear(x: sparse.csr_matrix, y: np.ndarray, w: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(solver="liblinear", C=c, fit_intercept=False, max_iter=200)
    model.fit(x, y, sample_weight=w)
    return model.coef_[0]


def context_rows(lines: Lines, first: np.ndarray) -> sparse.csr_matrix:
    """The second pass's features of every line, from first-pass probabilities, document by
    document: CONTEXT_NAMES, then one column per kind, binned feature and bin."""
    share_at = FEATURE_NAMES.index("document_body_share")
    out = []
    for k, d in enumerate(lines.docs):
        lo, hi = lines.starts[k], lines.starts[k + 1]
        linked = [float(LINKED in tokens) for tokens in d["evidence"]]
        out.extend(context_features(first[lo:hi].tolist(), d["from_html"], lines.dense[lo:hi, share_at].tolist(),
                                    d["groups"], linked))
    rows = np.asarray(out, dtype=np.float64).reshape(-1, len(CONTEXT_NAMES))
    at = [CONTEXT_NAMES.index(name) for name in judge.CONTEXT_BINNED]
    bins = np.clip((rows[:, at] * judge.BINS + 1e-5).astype(np.int64), 0, judge.BINS - 1)
    cols = (lines.kind[:, None] * len(at) + np.arange(len(at))[None, :]) * judge.BINS + bins
    onehot = sparse.csr_matrix((np.ones(cols.size), (np.repeat(np.arange(len(rows)), len(at)), cols.ravel())),
                               shape=(len(rows), len(judge.KINDS) * len(at) * judge.BINS))
    return sparse.hstack([sparse.csr_matrix(rows), onehot]).tocsr()


def context_names() -> list[str]:
    return [*CONTEXT_NAMES, *(f"{kind}:{name}:{b}" for kind in judge.KINDS for name in judge.CONTEXT_BINNED
                              for b in range(judge.BINS))]


def fit_context(z: sparse.csr_matrix, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, fit_intercept=False, max_iter=2000)
    model.fit(z, y, sample_weight=w)
    return model.coef_[0]


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(z, -50, 50)))


def first_pass_scores(lines: Lines, rows: np.ndarray, coef: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    return lines.matrix(rows, allowed) @ coef


# ------------------------------------------------------------------------------------- scoring
def score_outputs(docs: list[dict], keep: list[np.ndarray]) -> dict:
    """The corpus's own metric over documents whose lines are kept where ``keep`` says."""
    whole_body = bool(docs[0]["gold"].get("articleBody"))
    rows = []
    for d, kept in zip(docs, keep, strict=True):
        output = "\n".join(t for t, k in zip(d["text"], kept, strict=True) if k)
        rows.append(shingle_counts(d["gold"]["articleBody"], output) if whole_body else counts(d["gold"], output))
    result = shingle_scores(rows) if whole_body else snippet_scores(rows)
    return {"P": result["precision"], "R": result["recall"], "F": result["f1"]}


def per_reason(docs: list[dict], keep: list[np.ndarray]) -> Counter:
    """Lines dropped, by the reason they carry, as body lost or debris removed (oracle labels)."""
    found = Counter()
    for d, kept in zip(docs, keep, strict=True):
        for y, k, proposal in zip(d["labels"], kept, d["proposals"], strict=True):
            if k or y < 0:
                continue
            reason = f"{proposal[0]}:{proposal[1]}" if proposal else "judge:low_body_probability"
            found[(reason, "body" if y == 1 else "debris")] += 1
    return found


# ------------------------------------------------------------------------------------- training
def cross_validate(lines: Lines, min_sites: int, c: float) -> tuple[np.ndarray, np.ndarray]:
    """Out-of-fold first-pass log-odds of every line, and out-of-fold second-pass probabilities."""
    labelled = lines.labels >= 0
    first = np.zeros(len(lines.labels))
    for fold in range(FOLDS):
        train = np.flatnonzero(labelled & (lines.fold != fold))
        test = np.flatnonzero(lines.fold == fold)
        allowed = lines.columns(train, min_sites)
        coef = fit_linear(lines.matrix(train, allowed), lines.labels[train], lines.weight[train], c)
        first[test] = first_pass_scores(lines, test, coef, allowed)
        print(f"  fold {fold}: {len(train)} lines, {len(allowed)} hashed features", file=sys.stderr)
    context = context_rows(lines, sigmoid(first))
    second = np.zeros(len(lines.labels))
    for fold in range(FOLDS):
        train = np.flatnonzero(labelled & (lines.fold != fold))
        test = np.flatnonzero(lines.fold == fold)
        coef = fit_context(context[train], lines.labels[train], lines.weight[train])
        second[test] = sigmoid(context[test] @ coef)
    return first, second


def fit_all(lines: Lines, min_sites: int, c: float, first_oof: np.ndarray) -> dict:
    """The shipped model: the first pass fit on every labelled line, the second on out-of-fold scores."""
    labelled = np.flatnonzero(lines.labels >= 0)
    allowed = lines.columns(labelled, min_sites)
    coef = fit_linear(lines.matrix(labelled, allowed), lines.labels[labelled], lines.weight[labelled], c)
    context = context_rows(lines, sigmoid(first_oof))
    context_coef = fit_context(context[labelled], lines.labels[labelled], lines.weight[labelled])
    everything = np.arange(len(lines.labels))
    first_in = first_pass_scores(lines, everything, coef, allowed)
    second_in = sigmoid(context_rows(lines, sigmoid(first_in)) @ context_coef)
    return {"dense": coef[:DENSE], "sparse": dict(zip(allowed.tolist(), coef[DENSE:].tolist(), strict=True)),
            "context": context_coef[:len(CONTEXT_NAMES)],
            "context_bins": dict(zip(context_names()[len(CONTEXT_NAMES):], context_coef[len(CONTEXT_NAMES):].tolist(),
                                     strict=True)),
            "in_sample": second_in}


def write_model(model: dict, filters: list[str], directory: Path = MODEL_DIR) -> None:
    """judge.json (metadata and the small weights) and judge-words.bin (the hashed tokens' weights:
    their keys, sorted, as little-endian uint32, then their weights as float32)."""
    nonzero = sorted((k, v) for k, v in model["sparse"].items() if abs(v) >= 1e-4)
    keys = np.asarray([k for k, _ in nonzero], dtype="<u4")
    values = np.asarray([v for _, v in nonzero], dtype="<f4")
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "judge-words.bin").write_bytes(keys.tobytes() + values.tobytes())
    meta = {
        "version": f"{date.today().isoformat()}", "hash_bits": HASH_BITS,
        "filters": sorted(filters), "dense_names": list(FEATURE_NAMES), "context_names": list(CONTEXT_NAMES),
        "dense": [round(float(w), 5) for w in model["dense"]],
        "context": [round(float(w), 5) for w in model["context"]],
        "context_bins": {k: round(float(w), 5) for k, w in model["context_bins"].items() if abs(w) >= 1e-5},
    }
    (directory / "judge.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {directory}/judge.json and judge-words.bin ({len(nonzero)} hashed weights)")


# ------------------------------------------------------------------------------------- report
def split_by_doc(lines: Lines, values: np.ndarray) -> list[np.ndarray]:
    return [values[lines.starts[k]:lines.starts[k + 1]] for k in range(len(lines.docs))]


def report(lines: Lines, systems: dict[str, list[np.ndarray]]) -> dict:
    """P/R/F of each system on each corpus and rendering, and the share of the way from the
    unchanged input to the line oracle."""
    groups = defaultdict(list)
    for k, d in enumerate(lines.docs):
        groups[(d["corpus"], d["variant"])].append(k)
    table = {}
    names = list(systems)
    print(f"\n{'corpus':11}{'variant':8}" + "".join(f"{n:>22}" for n in names) + f"{'gap closed':>12}")
    for (corpus, variant), members in sorted(groups.items()):
        docs = [lines.docs[k] for k in members]
        row = {n: score_outputs(docs, [systems[n][k] for k in members]) for n in names}
        table[f"{corpus}/{variant}"] = row
        base, best = row["unchanged"]["F"], row["oracle"]["F"]
        closed = {n: (row[n]["F"] - base) / (best - base) if best > base else float("nan") for n in names}
        table[f"{corpus}/{variant}"]["closed"] = closed
        cells = "".join(f"{row[n]['P']:7.3f}{row[n]['R']:7.3f}{row[n]['F']:7.3f} " for n in names)
        judge = next((n for n in ("judge CV",) if n in names), names[-1])
        print(f"{corpus:11}{variant:8}{cells}{closed[judge]:11.0%}")
    return table


def kept_by_kind(lines: Lines, systems: dict[str, list[np.ndarray]]) -> dict:
    """The share of each kind of debris line (reader comments, bylines, credits, time stamps:
    ``debris_kinds.line_kinds``) each system keeps, per corpus and rendering, with the pages that
    hold that kind: over all pages, then over the pages that bear a comment section (where #39's
    bounds are set)."""
    tables: dict = {}
    kinds_of = [line_kinds(d["text"], d["labels"], d["gold"].get("author") or "") for d in lines.docs]
    for scope in ("all pages", "pages bearing comments"):
        table: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
        pages: Counter = Counter()
        for k, (d, kinds) in enumerate(zip(lines.docs, kinds_of, strict=True)):
            if scope != "all pages" and "comment" not in kinds:
                continue
            for kind in set(kinds) - {""}:
                pages[(d["corpus"], d["variant"], kind)] += 1
            for m, kind in enumerate(kinds):
                if kind:
                    for name, kept in systems.items():
                        cell = table[(d["corpus"], d["variant"], kind)][name]
                        cell[0] += 1
                        cell[1] += bool(kept[k][m])
        names = list(systems)
        print(f"\nkept by kind of debris, {scope} (share of the lines kept, per system)")
        print(f"{'corpus':11}{'variant':8}{'kind':17}{'pages':>6}{'lines':>7}" + "".join(f"{n:>21}" for n in names))
        for (corpus, variant, kind), row in sorted(table.items()):
            if kind in KINDS:
                total = row[names[0]][0]
                print(f"{corpus:11}{variant:8}{kind:17}{pages[(corpus, variant, kind)]:6}{total:7}"
                      + "".join(f"{row[n][1] / total:21.1%}" for n in names))
        tables[scope] = {"/".join(key): {"pages": pages[key], **row} for key, row in table.items()}
    return tables


# ------------------------------------------------------------------------------ other learners
def shifted(lines: Lines, values: np.ndarray, offset: int, fill: float = 0.0) -> np.ndarray:
    """values[i + offset] within each document, ``fill`` past its edges."""
    out = np.full_like(values, fill)
    doc_of = np.repeat(np.arange(len(lines.docs)), np.diff(lines.starts))
    index = np.arange(len(values)) + offset
    ok = (index >= 0) & (index < len(values))
    ok[ok] &= doc_of[index[ok]] == doc_of[ok]
    out[ok] = values[index[ok]]
    return out


def gbt_cv(lines: Lines, first: np.ndarray) -> np.ndarray:
    """Gradient-boosted trees as the second pass: the line's own dense features, its first-pass
    score and those of three lines either side, the neighbours' shape."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    shape = [FEATURE_NAMES.index(n) for n in ("log_words", "ends_sentence", "stopword_density", "proposed")]
    columns = [lines.dense.astype(np.float64), first[:, None], lines.kind[:, None].astype(np.float64)]
    for offset in (-3, -2, -1, 1, 2, 3):
        columns.append(shifted(lines, first, offset)[:, None])
    for offset in (-1, 1):
        columns += [shifted(lines, lines.dense[:, at].astype(np.float64), offset)[:, None] for at in shape]
    x = np.hstack(columns)
    labelled = lines.labels >= 0
    out = np.zeros(len(first))
    for fold in range(FOLDS):
        train = np.flatnonzero(labelled & (lines.fold != fold))
        test = np.flatnonzero(lines.fold == fold)
        model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.1, max_leaf_nodes=31)
        model.fit(x[train], lines.labels[train], sample_weight=lines.weight[train])
        out[test] = model.predict_proba(x[test])[:, 1]
    return out


def hmm_cv(lines: Lines, first: np.ndarray) -> np.ndarray:
    """A two-state sequence model over lines: the first pass's p(body) as the emission, a
    transition matrix per kind of document learned from adjacent labelled lines, and
    forward-backward for each line's posterior."""
    labelled = lines.labels >= 0
    out = np.zeros(len(first))
    doc_of = np.repeat(np.arange(len(lines.docs)), np.diff(lines.starts))
    for fold in range(FOLDS):
        train = labelled & (lines.fold != fold)
        pair = train[:-1] & train[1:] & (doc_of[:-1] == doc_of[1:])
        transitions, priors = {}, {}
        for kind in range(len(judge.KINDS)):
            at = pair & (lines.kind[:-1] == kind)
            a, b = lines.labels[:-1][at], lines.labels[1:][at]
            t = np.array([[np.sum((a == i) & (b == j)) + 1.0 for j in (0, 1)] for i in (0, 1)])
            transitions[kind] = t / t.sum(axis=1, keepdims=True)
            priors[kind] = max(lines.labels[train & (lines.kind == kind)].mean(), 1e-3)
        for k in np.flatnonzero(np.bincount(doc_of, weights=(lines.fold == fold)) > 0):
            lo, hi = lines.starts[k], lines.starts[k + 1]
            if hi == lo:
                continue
            kind = lines.kind[lo]
            t, prior = transitions[kind], priors[kind]
            p = np.clip(sigmoid(first[lo:hi]), 1e-4, 1 - 1e-4)
            emit = np.stack([(1 - p) / (1 - prior), p / prior], axis=1)
            n = hi - lo
            fwd, bwd = np.zeros((n, 2)), np.ones((n, 2))
            fwd[0] = np.array([1 - prior, prior]) * emit[0]
            fwd[0] /= fwd[0].sum()
            for i in range(1, n):
                fwd[i] = (fwd[i - 1] @ t) * emit[i]
                fwd[i] /= fwd[i].sum()
            for i in range(n - 2, -1, -1):
                bwd[i] = t @ (emit[i + 1] * bwd[i + 1])
                bwd[i] /= bwd[i].sum()
            post = fwd * bwd
            out[lo:hi] = post[:, 1] / post.sum(axis=1)
    return out


def threshold_scan(lines: Lines, probability: np.ndarray, thresholds=(0.2, 0.35, 0.5, 0.65)) -> None:
    """Cross-validated F of each corpus and rendering at other thresholds: where the one knob sits."""
    groups = defaultdict(list)
    for k, d in enumerate(lines.docs):
        groups[(d["corpus"], d["variant"])].append(k)
    print(f"\n{'judge CV F at threshold':27}" + "".join(f"{t:>7}" for t in thresholds))
    kept = {t: split_by_doc(lines, probability >= t) for t in thresholds}
    for (corpus, variant), members in sorted(groups.items()):
        docs = [lines.docs[k] for k in members]
        cells = "".join(f"{score_outputs(docs, [kept[t][k] for k in members])['F']:7.3f}" for t in thresholds)
        print(f"{corpus + ' ' + variant:27}{cells}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dirs", nargs="+", type=Path)
    ap.add_argument("--variant", action="append", choices=VARIANTS, help="renderings to use (default: all)")
    ap.add_argument("--cache", type=Path, default=Path("bench-out/judge-cache"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--min-sites", type=int, default=MIN_SITES, help="sites a word feature must occur on")
    ap.add_argument("--c", type=float, default=C, help="inverse L2 penalty of the first pass")
    ap.add_argument("--threshold", type=float, default=THRESHOLD, help="p(body) below which a line goes")
    ap.add_argument("--weight", action="append", default=[], metavar="CORPUS=W",
                    help="weight of a corpus in the fit (its folder name; default 1 each)")
    ap.add_argument("--json", type=Path, help="save the tables here")
    ap.add_argument("--save", type=Path, help="save the out-of-fold scores here (.npz)")
    ap.add_argument("--load", type=Path, help="reuse out-of-fold scores saved by --save (same data and options)")
    ap.add_argument("--no-write", action="store_true", help="report only; keep the shipped model")
    ap.add_argument("--assemble", action="store_true",
                    help="also score the judge's CV verdicts after the assemble stage (bylines and dates named, out "
                         "of the body): the documents are prepared again")
    ap.add_argument("--compare", action="store_true",
                    help="also cross-validate gradient-boosted trees and a sequence model (HMM) as the second pass")
    args = ap.parse_args(argv)
    corpus_weight = {name: float(w) for name, w in (spec.split("=", 1) for spec in args.weight)}
    docs, sites = [], {}
    start = time.perf_counter()
    for data_dir in args.data_dirs:
        for variant in args.variant or VARIANTS:
            for d in corpus_evidence(data_dir, variant, args.cache, args.jobs):
                site = registered_domain(d["gold"]["url"])
                d.update(corpus=data_dir.name, data_dir=data_dir, site_id=sites.setdefault(site, len(sites)),
                         fold=fold_of(site))
                docs.append(d)
    print(f"evidence of {len(docs)} documents in {time.perf_counter() - start:.0f}s", file=sys.stderr)
    lines = Lines(docs, corpus_weight)
    print(f"{len(lines.labels)} lines, {(lines.labels == 1).sum()} body, {(lines.labels == 0).sum()} debris, "
          f"{len(sites)} sites", file=sys.stderr)
    if args.load:
        saved = np.load(args.load)
        first, second = saved["first"], saved["second"]
    else:
        first, second = cross_validate(lines, args.min_sites, args.c)
    if args.save:
        np.savez_compressed(args.save, first=first, second=second)
    systems = {
        "unchanged": [np.ones(len(d["text"]), bool) for d in docs],
        "rules": [np.asarray([p is None for p in d["proposals"]]) for d in docs],
        "oracle": [np.asarray(d["labels"]) != 0 for d in docs],
        "first pass CV": split_by_doc(lines, sigmoid(first) >= args.threshold),
        "judge CV": split_by_doc(lines, second >= args.threshold),
    }
    if args.compare:
        for name, learner in (("trees CV", gbt_cv), ("HMM CV", hmm_cv)):
            start = time.perf_counter()
            systems[name] = split_by_doc(lines, learner(lines, first) >= args.threshold)
            print(f"{name}: {time.perf_counter() - start:.0f}s", file=sys.stderr)
    if args.assemble:
        start = time.perf_counter()
        jobs = [(str(d["data_dir"]), d["id"], d["variant"], kept)
                for d, kept in zip(docs, systems["judge CV"], strict=True)]
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            systems["judge CV, assembled"] = list(pool.map(assembled, jobs, chunksize=4))
        print(f"assembled: {time.perf_counter() - start:.0f}s", file=sys.stderr)
    if not args.no_write:
        model = fit_all(lines, args.min_sites, args.c, first)
        write_model(model, sorted({p[0] for d in docs for p in d["proposals"] if p}))
        systems["judge in-sample"] = split_by_doc(lines, model["in_sample"] >= args.threshold)
    table = report(lines, systems)
    table["kept by kind"] = kept_by_kind(lines, systems)
    threshold_scan(lines, second)
    reasons = Counter()
    for k, d in enumerate(docs):
        if d["corpus"] == "wcxb-dev" and d["variant"] == "extr":
            reasons += per_reason([d], [systems["judge CV"][k]])
    print("\nwcxb-dev extr, judge CV: lines dropped per reason (debris removed / body lost)")
    for reason in sorted({r for r, _ in reasons}, key=lambda r: -reasons[(r, "debris")]):
        print(f"  {reason:45} {reasons[(reason, 'debris')]:6} / {reasons[(reason, 'body')]}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
