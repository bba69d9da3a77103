"""Previews: rich rendering (recorded, no colour), the plain diff that patch applies, --explain, JSON."""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

import newsclean
from newsclean.cli import cli
from newsclean.report import render

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def recorded(renderable, width: int = 120) -> str:
    console = Console(record=True, width=width, color_system=None, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def test_seed_preview_shows_the_four_removals_with_reasons(seed):
    result = newsclean.clean(seed[0])
    screen = recorded(render.preview(result, "seed/input.txt"))
    lines = screen.splitlines()
    assert "seed/input.txt" in lines[0]
    removed = [line for line in lines if line.startswith("- ")]
    assert len(removed) == 4
    assert "duplicates: contained_in_longer_line" in removed[0]
    assert "promo: call_to_action" in removed[1]
    assert all("teasers: unrelated_headline" in line for line in removed[2:])
    assert lines[-1].startswith("9 of 13 lines kept, 4 dropped (teasers 2, duplicates 1, promo 1)")


def test_long_runs_of_kept_lines_are_folded():
    text = "".join(f"Paragraph number {n} of a long article about the city budget and its many items.\n"
                   for n in range(20)) + "Advertisement\n"
    screen = recorded(render.preview(newsclean.clean(text, only=["ads"]), "a.txt", context=2))
    assert "… 18 kept lines …" in screen
    assert "Paragraph number 18" in screen and "Paragraph number 5 " not in screen


def test_side_by_side_puts_input_and_output_in_columns():
    result = newsclean.clean(SAMPLES[0].read_text(encoding="utf-8"))
    screen = recorded(render.side_by_side(result, "x"), width=140)
    assert "input" in screen and "cleaned" in screen
    assert "(ads: ad_label)" in screen or "(ads:" in screen


def test_narrow_terminal_falls_back_to_one_column():
    result = CliRunner().invoke(cli, ["diff", "--color", "--side-by-side", str(SAMPLES[0])],
                                env={"COLUMNS": "60"}, terminal_width=60)
    assert result.exit_code == 0
    assert "showing one column" in result.stdout


def test_explanation_lists_every_line_with_verdict_and_signal():
    result = newsclean.clean(SAMPLES[0].read_text(encoding="utf-8"))
    screen = recorded(render.explanation(result), width=200)
    rows = [line for line in screen.splitlines() if re.match(r"│\s+\d+ │", line)]
    assert len(rows) == len(result.kept_lines) + len(result.drops)
    assert any("drop" in r and "ads" in r and "ad_label" in r for r in rows)
    assert any("keep" in r and "p(body)=" in r for r in rows)


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_plain_diff_round_trips_through_patch(sample, tmp_path):
    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    for variant, text in (("lf", sample.read_text(encoding="utf-8")),
                          ("crlf", sample.read_text(encoding="utf-8").replace("\n", "\r\n")),
                          ("no-final-newline", sample.read_text(encoding="utf-8").rstrip("\n"))):
        source = tmp_path / f"{variant}.txt"
        source.write_bytes(text.encode("utf-8"))
        diff = CliRunner().invoke(cli, ["diff", str(source)]).stdout_bytes
        out = tmp_path / f"{variant}.out"
        subprocess.run(["patch", "-s", "-o", str(out), str(source)], input=diff, check=True)
        cleaned = CliRunner().invoke(cli, ["clean", str(source)]).stdout_bytes
        assert out.read_bytes() == cleaned, variant


def test_hunk_headers_carry_the_reasons(seed):
    diff = render.unified_diff(seed[0], newsclean.clean(seed[0]), "input.txt")
    headers = [line for line in diff.splitlines() if line.startswith("@@")]
    assert headers[0].endswith("@@ duplicates:contained_in_longer_line")
    assert headers[-1].endswith("promo:call_to_action; teasers:unrelated_headline")


def test_no_color_env_gives_the_plain_diff():
    result = CliRunner().invoke(cli, ["diff", "--color", str(SAMPLES[0])], env={"NO_COLOR": "1"})
    assert "─" in result.stdout  # --color wins over NO_COLOR
    plain = CliRunner().invoke(cli, ["diff", str(SAMPLES[0])], env={"NO_COLOR": "1"})
    assert plain.stdout.startswith("---")


def test_diff_of_a_folder_previews_changed_files_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for sample in SAMPLES:
        (tmp_path / sample.name).write_bytes(sample.read_bytes())
    (tmp_path / "clean.txt").write_text("Nothing to remove in this short note about the weather.\n")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = CliRunner().invoke(cli, ["diff", "--color", "--no-pager", "."], terminal_width=160)
    assert result.exit_code == 0
    for sample in SAMPLES:
        assert sample.name in result.stdout
    assert "clean.txt" in result.stdout.split("summary")[1]  # only in the summary: it has no changes
    assert result.stdout.count("────") >= len(SAMPLES)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_clean_diff_and_format_json_and_jsonl(seed):
    text = seed[0]
    diff = CliRunner().invoke(cli, ["clean", "--diff"], input=text)
    assert diff.stdout.count("\n-") == 4
    doc = json.loads(CliRunner().invoke(cli, ["clean", "--format", "json"], input=text).stdout)
    assert doc["text"] == seed[1] and doc["language"] == "English"
    assert doc["stats"]["lines_dropped"] == 4
    records = [json.loads(line) for line in
               CliRunner().invoke(cli, ["clean", "--format", "jsonl"], input=text).stdout.splitlines()]
    assert len(records) == 13
    first = records[0]
    assert {k: first[k] for k in ("line", "text", "kept", "filter", "reason")} == {
        "line": 1, "text": text.splitlines()[0], "kept": False, "filter": "duplicates",
        "reason": "contained_in_longer_line"}
    assert first["detail"] == f"p(body)={first['p_body']:.2f}, repeated inside line 3" and first["p_body"] < 0.5
    assert records[1]["kept"] and records[1]["detail"].startswith("p(body)=")


def test_preview_in_a_real_terminal(tmp_path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    session = f"newsclean-test-{os.getpid()}"
    command = f"{sys.executable} -m newsclean diff --no-pager {SAMPLES[0]}; sleep 30"
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "140", "-y", "50", command], check=True,
                   env={**os.environ, "NO_COLOR": "", "TERM": "xterm-256color"})
    try:
        screen = ""
        for _ in range(50):
            time.sleep(0.2)
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session], capture_output=True,
                                    text=True).stdout
            if "lines kept" in screen:
                break
        assert SAMPLES[0].name in screen
        assert "ads: ad_label" in screen and "promo: newsletter_prompt" in screen
        assert "lines kept" in screen
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
