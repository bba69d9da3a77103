"""Plug-ins through the real entry-point machinery: dummy packages under tests/plugins are
pip-installed into a temporary folder and newsclean runs in a subprocess that sees them."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PLUGINS = Path(__file__).resolve().parent / "plugins"


def install(package: str, target: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
         str(PLUGINS / package)],
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        pytest.fail(f"pip could not install the test plug-in {package}: {proc.stderr[-500:]}")


def newsclean(args: list[str], target: Path, input: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(target)}
    return subprocess.run([sys.executable, "-m", "newsclean", *args], input=input, capture_output=True,
                          text=True, env=env)


@pytest.fixture(scope="module")
def dummy(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("dummy-plugin")
    install("newsclean-dummy", target)
    return target


def test_plugin_filters_are_listed_with_their_defaults(dummy):
    proc = newsclean(["filters", "--json"], dummy)
    rows = {r["name"]: r for r in json.loads(proc.stdout)}
    assert rows["shouting"]["default"] is True
    assert rows["short_lines"] == {"name": "short_lines", "default": False, "description": "Lines with few words.",
                                   "options": {"max_words": 2}}
    assert list(rows)[:3] == ["site_boilerplate", "ads", "cookies"]  # built-ins first, in pipeline order


def test_a_plugin_that_fails_to_import_is_a_warning(dummy):
    proc = newsclean(["filters"], dummy)
    assert proc.returncode == 0
    assert "plug-in 'broken' failed to load: this plug-in is broken on purpose" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_class_plugin_runs_by_default_and_records_its_reason(dummy):
    text = "A normal sentence about the council and its plans for the depot.\nBREAKING NEWS\n"
    proc = newsclean(["clean"], dummy, input=text)
    assert proc.stdout == "A normal sentence about the council and its plans for the depot.\n"
    code = ("import newsclean; r = newsclean.clean('ok line here\\nSHOUT LINE\\n', only=['shouting']);"
            "print([(d.filter, d.reason) for d in r.drops])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(dummy)}).stdout
    assert out.strip() == "[('shouting', 'all_caps')]"


def test_function_plugin_is_off_until_chosen_and_takes_options(dummy):
    text = "one two three\nfour\n"
    assert newsclean(["clean", "--only", "duplicates"], dummy, input=text).stdout == text
    assert newsclean(["clean", "--only", "short_lines"], dummy, input=text).stdout == "one two three\n"
    proc = newsclean(["clean", "--only", "short_lines", "-F", "short_lines:max_words=3"], dummy, input=text)
    assert proc.stdout == ""


def test_two_filters_with_one_name_is_an_error(tmp_path):
    install("newsclean-clash", tmp_path)
    proc = newsclean(["clean"], tmp_path, input="text\n")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "newsclean: error: two filters are named 'ads' (plug-in newsclean_clash:Ads)"


def test_a_plugin_phrase_file_joins_the_group_it_names(tmp_path):
    text = "A normal sentence about the council and its plans for the depot.\nReclame\n"
    # Not a label the filters know (the judge alone may still find a lone short word doubtful).
    assert newsclean(["clean", "--skip", "judge"], tmp_path, input=text).stdout == text
    install("newsclean-dutch", tmp_path)
    # The phrase reaches the filter's proposals; the judge, which never saw the word, weighs them.
    proc = newsclean(["clean", "--format", "jsonl", "--skip", "judge"], tmp_path, input=text)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [(r["kept"], r.get("filter"), r.get("reason")) for r in rows] == [
        (True, None, None), (False, "ads", "ad_label")]


def test_a_bad_plugin_phrase_file_is_a_one_line_error_naming_file_and_line(tmp_path):
    install("newsclean-badphrases", tmp_path)
    proc = newsclean(["clean"], tmp_path, input="Some text.\n")
    assert proc.returncode == 2
    bad = tmp_path / "newsclean_badphrases" / "bad.txt"
    assert proc.stderr.startswith(f"newsclean: error: {bad}:3: bad phrase '(weekly letter': missing )")
    assert len(proc.stderr.splitlines()) == 1
