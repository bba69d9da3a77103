"""A batch of pages extracts each page once: the counting pass leaves its extraction for the
cleaning pass (``batch.Plan.spill``), which comes out as it would have extracting again."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsclean.inputs.extraction as extraction
from newsclean.cli import cli
from newsclean.runners import spill

TOPICS = ["the harbour", "the new library", "the tram line", "the school budget"]
FOOTER = "Copyright 2025 Northgate Gazette. All rights reserved. Read our privacy policy."


def page(n: int) -> str:
    topic = TOPICS[n]
    paragraphs = [f"The council met on Tuesday to discuss {topic}, which has divided residents for many months.",
                  f"Supporters of {topic} said the plan would help local families and bring new jobs to the area.",
                  f"A final decision on {topic} is expected at the next meeting, officials said after the vote."]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>News about {topic}</title></head><body><article><h1>News about {topic}</h1>"
            f"{body}<p>{FOOTER}</p></article></body></html>")


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for n in range(len(TOPICS)):
        (src / f"page-{n}.html").write_text(page(n), encoding="utf-8")
    return src


def run_batch(src: Path, out: Path, monkeypatch: pytest.MonkeyPatch, *options: str) -> int:
    """Runs the batch in this process; returns how many times a page was extracted."""
    extracted = []
    original = extraction.extract_html
    monkeypatch.setattr(extraction, "extract_html", lambda *a, **k: extracted.append(1) or original(*a, **k))
    result = CliRunner().invoke(cli, ["batch", str(src), "-o", str(out), "-j", "1", *options])
    assert result.exit_code == 0, result.output
    return len(extracted)


@pytest.mark.parametrize("out_format", ["text", "markdown", "jsonl"])
def test_each_page_is_extracted_once_and_cleans_as_when_extracted_twice(pages, tmp_path, monkeypatch, out_format):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    once = run_batch(pages, tmp_path / "once", monkeypatch, "--format", out_format)
    monkeypatch.setattr(spill, "SPILL_BYTES", 0)  # nothing left for the cleaning pass
    twice = run_batch(pages, tmp_path / "twice", monkeypatch, "--format", out_format)
    assert (once, twice) == (len(TOPICS), 2 * len(TOPICS))
    outputs = sorted(p.name for p in (tmp_path / "once").iterdir() if not p.name.startswith("."))
    assert len(outputs) == len(TOPICS)
    for name in outputs:
        assert (tmp_path / "once" / name).read_bytes() == (tmp_path / "twice" / name).read_bytes()
    if out_format == "text":  # the site's footer is counted on every page, and goes
        assert all(FOOTER not in (tmp_path / "once" / name).read_text() for name in outputs)
        assert all("the council met" in (tmp_path / "once" / name).read_text().lower() for name in outputs)
    assert list(scratch.iterdir()) == []  # the temporary folder is gone


def test_json_output_extracts_again_for_its_metadata(pages, tmp_path, monkeypatch):
    """The counting pass needs no metadata, the JSON output does: it is not left for it."""
    assert run_batch(pages, tmp_path / "out", monkeypatch, "--format", "json") == 2 * len(TOPICS)


def test_without_a_temporary_folder_the_batch_extracts_again(pages, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no such folder"))
    assert run_batch(pages, tmp_path / "out", monkeypatch) == 2 * len(TOPICS)
    assert len(list((tmp_path / "out").glob("*.txt"))) == len(TOPICS)


def test_a_corpus_shard_of_pages_is_extracted_once_and_cleans_as_when_extracted_twice(tmp_path, monkeypatch):
    pytest.importorskip("distributed", reason="needs pip install -e '.[corpus]' (the test extras include it)")
    from newsclean.runners.corpus import CorpusPlan, read_output
    from newsclean.runners.corpus.engine import COUNT_BUCKETS, clean_shard, count_shard, merge_bucket

    shard = tmp_path / "pages.jsonl"
    shard.write_text("".join(json.dumps({"id": n, "url": f"https://gazette.example/{n}", "text": page(n)}) + "\n"
                             for n in range(len(TOPICS))), encoding="utf-8")

    def cleaned(folder: Path | None) -> tuple[list[str], int]:
        extracted = []
        original = extraction.extract_html
        monkeypatch.setattr(extraction, "extract_html", lambda *a, **k: extracted.append(1) or original(*a, **k))
        plan = CorpusPlan(out_dir=tmp_path / f"out-{folder is not None}", spill=folder)
        plan.out_dir.mkdir()
        counts = count_shard(shard, plan)
        repeated = {}
        for bucket in range(COUNT_BUCKETS):
            repeated.update(merge_bucket([counts.buckets[bucket]], 3))
        assert clean_shard(shard, plan.out_dir / "pages.jsonl.gz", plan, repeated).status == "done"
        return [row["text"] for row in read_output(plan.out_dir / "pages.jsonl.gz")], len(extracted)

    with spill.spill_folder() as folder:
        once, extractions = cleaned(folder)
        assert list(folder.iterdir()) == []  # every page taken
    twice, extractions_twice = cleaned(None)
    assert (extractions, extractions_twice) == (len(TOPICS), 2 * len(TOPICS))
    assert once == twice and all(FOOTER not in text and "council met" in text for text in once)


def test_a_rerun_leaves_no_page_for_the_files_it_does_not_clean_again(pages, tmp_path, monkeypatch):
    """Every page is counted again (the counts are the whole folder's), but a file whose output is
    done is not cleaned again: nothing is left for it."""
    run_batch(pages, tmp_path / "out", monkeypatch)
    left = []
    original = spill.leave
    monkeypatch.setattr(spill, "leave", lambda *a: left.append(1) or original(*a))
    assert run_batch(pages, tmp_path / "out", monkeypatch) == len(TOPICS)  # counted, not cleaned
    assert left == []
    (pages / "page-0.html").write_text(page(0).replace("Tuesday", "Wednesday"), encoding="utf-8")
    assert run_batch(pages, tmp_path / "out", monkeypatch, "--force") == len(TOPICS)  # each once again
    assert len(left) == len(TOPICS)
