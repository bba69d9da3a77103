"""The judge: its model file, p(body) for every line, the one knob, and how it meets the filters."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsclean
from newsclean import Drop, Filter
from newsclean.cli import cli
from newsclean.judge import MODEL_DIR, Judge, load_model
from newsclean.judge.model import BINNED, _tables, hash_token
from newsclean.registry import PRESETS

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (ROOT / "samples" / "en-tech-footer.txt").read_text(encoding="utf-8")


def invoke(args: list[str], input: str | None = None):
    return CliRunner().invoke(cli, args, input=input, catch_exceptions=False)


def test_the_model_loads_only_when_a_line_is_judged():
    code = ("import newsclean\nfrom newsclean.judge.model import load_model\n"
            "before = load_model.cache_info().currsize\n"
            "newsclean.clean('A line of text that says something about the council.\\n')\n"
            "print(before, load_model.cache_info().currsize)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.split() == ["0", "1"]


def test_the_shipped_model_is_small_and_versioned():
    model = load_model()
    assert model.version and model.sparse and model.filters
    assert "teasers" in model.filters and "judge" not in model.filters
    assert sum(p.stat().st_size for p in MODEL_DIR.iterdir()) < 4_000_000


def test_a_model_trained_on_other_features_is_refused(tmp_path):
    for path in MODEL_DIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    meta = json.loads((tmp_path / "judge.json").read_text())
    meta["dense_names"] = meta["dense_names"][:-1]
    (tmp_path / "judge.json").write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="retrain"):
        load_model.__wrapped__(tmp_path)


def test_every_line_gets_a_probability_and_kept_lines_say_it():
    result = newsclean.clean(SAMPLE)
    content = [v for v in result.verdicts if v.text.strip()]
    assert all(v.p_body is not None and 0.0 <= v.p_body <= 1.0 for v in content)
    for v in content:
        if v.kept:
            assert v.note.startswith(f"p(body)={v.p_body:.2f}")
        else:
            assert f"p(body)={v.p_body:.2f}" in v.drop.detail
            assert v.p_body < Judge.options["threshold"]


def test_the_threshold_is_the_one_knob():
    kept = {}
    for threshold in (0.0, 0.2, 0.5, 0.65, 0.9, 1.0):
        result = newsclean.clean(SAMPLE, options={"judge": {"threshold": threshold}})
        kept[threshold] = {v.index for v in result.verdicts if v.kept and v.text.strip()}
    thresholds = sorted(kept)
    assert all(kept[a] >= kept[b] for a, b in pairwise(thresholds))
    assert newsclean.clean(SAMPLE, options={"judge": {"threshold": 0.0}}).text == SAMPLE
    assert kept[1.0] == set()
    assert kept[0.2] > kept[0.9]


def test_presets_are_thresholds_and_an_explicit_threshold_wins():
    assert PRESETS["precision"]["judge"]["threshold"] > Judge.options["threshold"] > PRESETS["recall"]["judge"][
        "threshold"]
    counts = {name: invoke(["clean", *flags], input=SAMPLE).stdout.count("\n")
              for name, flags in (("recall", ["--recall"]), ("default", []), ("precision", ["--precision"]))}
    assert counts["recall"] >= counts["default"] >= counts["precision"]
    assert invoke(["clean", "--precision", "--threshold", "0"], input=SAMPLE).stdout == SAMPLE
    assert invoke(["clean", "-F", "judge:threshold=0"], input=SAMPLE).stdout == SAMPLE


def test_a_threshold_out_of_range_is_a_usage_error():
    result = CliRunner().invoke(cli, ["clean", "--threshold", "1.5"], input=SAMPLE)
    assert result.exit_code == 2 and "1.5" in result.output


def test_p_body_in_every_output_format():
    records = [json.loads(line) for line in invoke(["clean", "--format", "jsonl"], input=SAMPLE).stdout.splitlines()]
    assert all(isinstance(r["p_body"], float) for r in records if r["text"].strip())
    document = json.loads(invoke(["clean", "--format", "json"], input=SAMPLE).stdout)
    assert [r["p_body"] for r in document["lines"]] == [r["p_body"] for r in records]
    explained = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["clean", "--explain"], input=SAMPLE).stdout
    assert explained.count("p(body)=") >= len([r for r in records if r["text"].strip()]) - 2
    preview = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["diff", "--color", "-"], input=SAMPLE).stdout
    assert "(p=0." in preview


def test_judge_drops_name_what_weighed_most():
    text = SAMPLE + "Tap here to read our coverage of the elections\n"
    result = newsclean.clean(text)
    own = [d for d in result.drops if d.filter == "judge"]
    for drop in own:
        assert drop.reason == "low_body_probability"
        assert drop.detail.startswith("p(body)=") and len(drop.detail.split(", ", 1)) == 2


def test_the_evidence_is_described_in_words():
    """What a drop's detail names: each kind of token in its words, a feature by its name."""
    from newsclean.judge.model import _describe

    described = {
        "w:photo": "word 'photo'", "b:read more": "words 'read more'", "f:by": "first word 'by'",
        "l:images": "last word 'images'", "e::": "ends with ':'", "s:»": "starts with '»'",
        "p:menus": "proposed by menus", "r:menus:menu": "proposed as menus:menu",
        "pp:promo": "line above proposed by promo", "np:credits": "line below proposed by credits",
        "t:li": "element <li>", "a:nav": "inside <nav>", "o:footer": "class or id 'footer'",
        "c:sidebar": "inside class or id 'sidebar'", "ld:3": "link density bin 3", "d:2": "depth bin 2",
        "at:9": "page position bin 9", "x:kept": "kept by the extractor", "x:missed": "left out by the extractor",
        "x:other": "other", "log_words": "log_words", "q:unknown": "q:unknown", "w:it's": "word \"it's\"",
    }
    assert {token: _describe(token) for token in described} == described


def test_without_the_judge_every_proposal_applies():
    only = newsclean.clean(SAMPLE, only=["promo", "social"])
    assert {d.filter for d in only.drops} == {"promo", "social"}
    assert all(v.p_body is None for v in only.verdicts)
    rules = newsclean.clean(SAMPLE, skip=["judge"])
    judged = newsclean.clean(SAMPLE)
    proposals = {d.index for d in rules.drops}
    # The judge decides on the same proposals: what it drops with a filter's reason was proposed.
    assert {d.index for d in judged.drops if d.filter != "judge"} <= proposals


class DropsTheSecondLine(Filter):
    name = "second_line"
    description = "Drops line 2, whatever it says."

    def step(self, doc):
        yield self.drop(1, "told_to")


def test_drops_of_filters_the_judge_was_not_trained_with_stand():
    filters = [*newsclean.build_filters(), DropsTheSecondLine()]
    result = newsclean.clean(SAMPLE, filters=filters)
    assert result.verdicts[1].drop == Drop(1, "told_to", "", "second_line")
    assert result.verdicts[1].p_body is not None  # still judged, and shown


def test_words_are_lowercased_as_python_lowercases_them_in_every_build():
    """mypyc compiled ``w.lower()`` to a lowercasing that misses Greek's final sigma: the compiled
    build's tokens for "ΟΔΟΣ" were "οδοσ", the pure build's "οδος"."""
    from newsclean.judge.model import word_tokens

    assert {"w:οδος", "w:καλης", "l:καλης"} <= set(word_tokens("ΟΔΟΣ ΚΑΛΗΣ"))
    assert "w:ἀθῆναι" in word_tokens("ἈΘῆΝΑΙ ΠΌΛΙΣ")


def test_the_hashed_weights_are_memory_mapped_and_the_cached_tables_are_the_computed_ones():
    model = load_model()
    if sys.byteorder == "little":  # read in place, not copied (big-endian machines swap a copy)
        assert isinstance(model.sparse.keys, memoryview) and isinstance(model.sparse.values, memoryview)
    assert model.bins == _tables(model.sparse, BINNED, hash_token)
    assert load_model.__wrapped__().bins == model.bins  # read from the cache folder this time
