"""Batch mode: mirrored layout, safety (atomic writes, interruption, bad files, in-place backups,
folder checks) and the site-boilerplate pass."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean.cli import cli
from newsclean.runners import batch

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
FOOTER = "Northgate Daily is published by Northgate Media Group with the support of its regional partners."
SHARED_QUOTE = '"We will not give up on this town," the mayor said at the start of the meeting on Monday evening.'
TOPICS = ["the new bridge", "the school budget", "the harbour works", "the bus timetable", "the library"]


def article(n: int, quote: bool = False) -> str:
    topic = TOPICS[n % len(TOPICS)]
    lines = [
        f"Council debates {topic} for the {n + 1}th time this year",
        f"The council met on Tuesday to discuss {topic}, which has divided residents for months now.",
        f"Supporters of {topic} said the plan would help local families and bring new jobs to the area.",
        *([SHARED_QUOTE] if quote else []),
        f"A final decision on {topic} is expected at the next meeting, officials said after the vote.",
        FOOTER,
    ]
    return "\n".join(lines) + "\n"


def invoke(args, input=None):
    return CliRunner().invoke(cli, args, input=input)


@pytest.fixture
def corpus(tmp_path) -> Path:
    src = tmp_path / "src"
    (src / "site-a" / "2024").mkdir(parents=True)
    (src / "site-b").mkdir()
    for n in range(4):
        (src / "site-a" / "2024" / f"story-{n}.txt").write_text(article(n, quote=n < 2), encoding="utf-8")
    for sample in SAMPLES:
        (src / "site-b" / sample.name).write_bytes(sample.read_bytes())
    return src


def outputs(root: Path) -> dict[str, bytes]:
    """The files under root, without the ledger of settings batch keeps beside them."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and p.name != batch.Ledger.NAME}


def test_mirrors_folders_and_names_and_matches_clean(corpus, tmp_path):
    dst = tmp_path / "dst"
    result = invoke(["batch", str(corpus), "-o", str(dst), "--jobs", "2", "--no-site-boilerplate"])
    assert result.exit_code == 0, result.stderr
    assert sorted(outputs(dst)) == sorted(outputs(corpus))
    for sample in SAMPLES:
        assert (dst / "site-b" / sample.name).read_text(encoding="utf-8") == invoke(["clean", str(sample)]).stdout


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_written_files_follow_the_umask_and_a_replaced_file_keeps_its_mode(corpus, tmp_path, umask):
    # Workers are forked processes: they inherit the umask set here.
    previous = os.umask(umask)
    try:
        dst = tmp_path / "dst"
        assert invoke(["batch", str(corpus), "-o", str(dst), "--jobs", "2"]).exit_code == 0
        single = tmp_path / "single.txt"
        assert invoke(["clean", str(SAMPLES[0]), "-o", str(single)]).exit_code == 0
        modes = {p.stat().st_mode & 0o777 for p in [*dst.rglob("*.txt"), single]}
        assert modes == {0o666 & ~umask}
        single.chmod(0o640)
        assert invoke(["clean", str(SAMPLES[0]), "-o", str(single)]).exit_code == 0
        assert single.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(previous)


def test_site_boilerplate_drops_a_shared_footer_and_keeps_a_line_two_files_share(corpus, tmp_path):
    dst = tmp_path / "dst"
    report = tmp_path / "report.jsonl"
    result = invoke(["batch", str(corpus), "-o", str(dst), "--report", str(report)])
    assert result.exit_code == 0, result.stderr
    for n in range(4):
        text = (dst / "site-a" / "2024" / f"story-{n}.txt").read_text(encoding="utf-8")
        assert FOOTER not in text
        assert (SHARED_QUOTE in text) == (n < 2)
        assert "A final decision on" in text
    records = {r["path"]: r for r in map(json.loads, report.read_text().splitlines())}
    assert records["site-a/2024/story-0.txt"]["drops"] == {"site_boilerplate": 1}
    # The footer alone would survive the single-document filters.
    alone = invoke(["clean", str(corpus / "site-a" / "2024" / "story-0.txt")]).stdout
    assert FOOTER in alone
    off = tmp_path / "off"
    invoke(["batch", str(corpus), "-o", str(off), "--no-site-boilerplate"])
    assert FOOTER in (off / "site-a" / "2024" / "story-0.txt").read_text(encoding="utf-8")


def test_site_boilerplate_finds_a_shared_footer_in_hard_wrapped_files(corpus, tmp_path):
    for n in range(4):
        story = corpus / "site-a" / "2024" / f"story-{n}.txt"
        paragraphs = story.read_text(encoding="utf-8").splitlines()
        story.write_text("\n\n".join(textwrap.fill(p, 60) for p in paragraphs) + "\n", encoding="utf-8")
    dst = tmp_path / "dst"
    assert invoke(["batch", str(corpus), "-o", str(dst)]).exit_code == 0
    for n in range(4):
        text = " ".join((dst / "site-a" / "2024" / f"story-{n}.txt").read_text(encoding="utf-8").split())
        assert FOOTER not in text and "A final decision on" in text


def test_a_bad_file_is_reported_and_the_rest_finish(corpus, tmp_path):
    (corpus / "site-b" / "photo.txt").write_bytes(b"\x89PNG\x00\x00\x00")
    (corpus / "site-b" / "huge.txt").write_text("word " * 5000)
    dst = tmp_path / "dst"
    report = tmp_path / "r.jsonl"
    result = invoke(["batch", str(corpus), "-o", str(dst), "--max-bytes", "20000", "--report", str(report)])
    assert result.exit_code == 1
    assert "failed: site-b/photo.txt: input looks binary" in result.stderr
    assert "failed: site-b/huge.txt: input is 25,000 bytes, over the limit" in result.stderr
    assert len(outputs(dst)) == len(outputs(corpus)) - 2
    statuses = {r["path"]: r["status"] for r in map(json.loads, report.read_text().splitlines())}
    assert statuses["site-b/photo.txt"] == "failed" and statuses["site-b/de-lokal.txt"] == "changed"
    quiet = invoke(["batch", str(corpus), "-o", str(tmp_path / "quiet"), "--max-bytes", "20000", "-q"])
    assert quiet.exit_code == 1
    assert quiet.stderr.splitlines() == ["failed: site-b/huge.txt: input is 25,000 bytes, over the limit of 20,000 "
                                         "(see --max-bytes)", "failed: site-b/photo.txt: input looks binary (it "
                                         "contains NUL bytes), not text"]


def test_rerun_skips_up_to_date_outputs_and_force_redoes_them(corpus, tmp_path):
    dst = tmp_path / "dst"
    invoke(["batch", str(corpus), "-o", str(dst)])
    again = invoke(["batch", str(corpus), "-o", str(dst), "--report", str(tmp_path / "r.jsonl")])
    assert {json.loads(line)["status"] for line in (tmp_path / "r.jsonl").read_text().splitlines()} == {"skipped"}
    assert "skipped (up to date)" in again.stderr
    forced = invoke(["batch", str(corpus), "-o", str(dst), "--force", "--report", str(tmp_path / "f.jsonl")])
    assert forced.exit_code == 0
    assert "skipped" not in {json.loads(line)["status"] for line in (tmp_path / "f.jsonl").read_text().splitlines()}


def test_in_place_keeps_a_backup_and_never_replaces_it(corpus):
    story = corpus / "site-b" / SAMPLES[0].name
    original = story.read_bytes()
    assert invoke(["batch", str(corpus), "--in-place", "--backup-suffix", ".bak"]).exit_code == 0
    backup = story.with_name(story.name + ".bak")
    assert backup.read_bytes() == original
    assert story.read_bytes() != original
    assert invoke(["batch", str(corpus), "--in-place", "--backup-suffix", ".bak", "--force"]).exit_code == 0
    assert backup.read_bytes() == original  # the first backup, holding the original, stays
    assert not list(corpus.rglob("*.bak.bak"))


def test_output_inside_input_is_refused(corpus):
    result = invoke(["batch", str(corpus), "-o", str(corpus / "cleaned")])
    assert result.exit_code == 2
    assert "may not be inside the input folder" in result.stderr
    assert not (corpus / "cleaned").exists()


def test_input_inside_output_is_refused_and_nothing_is_overwritten(corpus):
    before = outputs(corpus.parent)
    for dst in (corpus.parent, corpus.parent / "link"):
        if dst.name == "link":
            dst.symlink_to(corpus.parent, target_is_directory=True)
            before = outputs(corpus.parent)
        result = invoke(["batch", str(corpus / "site-b"), "-o", str(dst)])
        assert result.exit_code == 2
        assert "may not be inside the output folder" in result.stderr
        assert outputs(corpus.parent) == before


def test_a_list_of_paths_relative_to_src_works_and_a_list_matching_nothing_is_an_error(corpus, tmp_path):
    dst = tmp_path / "dst"
    listed = "\n".join(p.relative_to(corpus).as_posix() for p in (corpus / "site-b").iterdir()) + "\n"
    result = invoke(["batch", str(corpus), "-o", str(dst), "--from-list", "-"], input=listed)
    assert result.exit_code == 0, result.stderr
    assert sorted(outputs(dst)) == sorted(f"site-b/{p.name}" for p in (corpus / "site-b").iterdir())
    nothing = invoke(["batch", str(corpus), "-o", str(tmp_path / "none"), "--from-list", "-"],
                     input="no-such-file.txt\n")
    assert nothing.exit_code == 2
    assert "none of the 1 listed paths is a file in" in nothing.stderr


def test_links_out_of_src_are_not_followed_and_glob_exclude_from_list(corpus, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("private notes\n")
    (corpus / "site-b" / "link.txt").symlink_to(outside)
    files = [p.as_posix() for p in batch.list_sources(corpus)]
    assert "site-b/link.txt" not in files and "site-b/de-lokal.txt" in files
    assert [p.name for p in batch.list_sources(corpus, ["site-b/*"], ["es-*"])] == [
        "de-lokal.txt", "en-tech-footer.txt", "fr-culture.txt"]
    listed = [str(corpus / "site-b" / "fr-culture.txt"), str(outside)]
    assert [p.as_posix() for p in batch.list_sources(corpus, from_list=listed)] == ["site-b/fr-culture.txt"]
    dst = tmp_path / "dst"
    result = invoke(["batch", str(corpus), "-o", str(dst), "--from-list", "-"], input="\n".join(listed) + "\n")
    assert result.exit_code == 0
    assert list(outputs(dst)) == ["site-b/fr-culture.txt"]


def test_engine_yields_results_from_python(corpus, tmp_path):
    plan = batch.Plan(src=corpus, dst=tmp_path / "dst")
    results = list(batch.run(plan, batch.list_sources(corpus), jobs=1))
    assert {r.status for r in results} == {"changed"}
    assert all(r.lines_out < r.lines_in for r in results)


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> tuple[Path, Path]:
    """80 files of ~50 KB (so that writes take a moment) and their complete, uninterrupted outputs."""
    root = tmp_path_factory.mktemp("big")
    src, ref = root / "src", root / "ref"
    text = "".join(s.read_text(encoding="utf-8") for s in SAMPLES) * 40
    for n in range(80):
        (src / f"d{n % 6}").mkdir(parents=True, exist_ok=True)
        (src / f"d{n % 6}" / f"{n:03d}.txt").write_text(text.replace("council", f"council {n}"), encoding="utf-8")
    assert invoke(["batch", str(src), "-o", str(ref), "-q", "--no-site-boilerplate"]).exit_code == 0
    return src, ref


def _signals_as_from_a_shell() -> None:
    """The run starts as a shell starts it, whatever this test process did to its signals (a child
    inherits an ignored or blocked SIGINT, and Python then never raises KeyboardInterrupt)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM], ids=["kill", "int", "term"])
def test_an_interrupted_run_leaves_no_partial_output_and_a_rerun_completes(big_corpus, tmp_path, how):
    src, ref = big_corpus
    dst = tmp_path / "dst"
    command = [sys.executable, "-m", "newsclean", "batch", str(src), "-o", str(dst), "--jobs", "2", "-q",
               "--no-site-boilerplate"]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=_signals_as_from_a_shell)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(dst.rglob("*.txt")):  # interrupted at its first output
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    if how == signal.SIGKILL:
        os.killpg(proc.pid, how)  # the whole group: workers die too, mid-write
    else:
        proc.send_signal(how)
    _, err = proc.communicate(timeout=60)
    if how != signal.SIGKILL:
        assert proc.returncode == 130, err.decode()
        assert b"Traceback" not in err
    written = list(dst.rglob("*.txt"))
    assert 0 < len(written) < 80, "the run was not interrupted mid-way"
    for path in written:  # every output present is complete
        assert path.read_bytes() == (ref / path.relative_to(dst)).read_bytes(), path
    rerun = invoke(["batch", str(src), "-o", str(dst), "-q", "--no-site-boilerplate"])
    assert rerun.exit_code == 0
    assert outputs(dst) == outputs(ref)  # complete, and no temporary files left behind


def test_a_resumed_in_place_run_counts_site_lines_from_the_backups(corpus, tmp_path):
    """#23 item 7: files a killed run already rewrote are counted as they were, from their backups."""
    import shutil

    resumed = tmp_path / "resumed"
    shutil.copytree(corpus, resumed)
    assert invoke(["batch", str(corpus), "--in-place", "-j", "1"]).exit_code == 0
    assert invoke(["batch", str(resumed), "--in-place", "-j", "1"]).exit_code == 0
    for n in (2, 3):  # as if the run had been killed after rewriting stories 0 and 1
        story = resumed / "site-a" / "2024" / f"story-{n}.txt"
        backup = story.with_name(story.name + ".orig")
        backup.replace(story)
    assert invoke(["batch", str(resumed), "--in-place", "-j", "1"]).exit_code == 0
    assert outputs(resumed) == outputs(corpus)
    assert FOOTER not in (resumed / "site-a" / "2024" / "story-3.txt").read_text(encoding="utf-8")


def test_a_run_with_other_settings_makes_the_outputs_again_and_says_why(corpus, tmp_path):
    """#23 item 15: outputs made with other filters are not "up to date"."""
    out = tmp_path / "out"
    story = "site-a/2024/story-0.txt"
    assert invoke(["batch", str(corpus), "-o", str(out), "--only", "ads", "--no-site-boilerplate"]).exit_code == 0
    assert FOOTER in (out / story).read_text(encoding="utf-8")
    with pytest.warns(UserWarning, match=r"made with other settings \(filters, options, version\)"):
        assert invoke(["batch", str(corpus), "-o", str(out)]).exit_code == 0
    assert FOOTER not in (out / story).read_text(encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert invoke(["batch", str(corpus), "-o", str(out), "--report", str(tmp_path / "r.jsonl")]).exit_code == 0
    assert {json.loads(line)["status"] for line in (tmp_path / "r.jsonl").read_text().splitlines()} == {"skipped"}


def test_in_place_with_other_settings_cleans_the_original_again_from_its_backup(corpus, tmp_path):
    import shutil

    shutil.copytree(corpus, tmp_path / "copy")
    assert invoke(["batch", str(tmp_path / "copy"), "-o", str(tmp_path / "expected")]).exit_code == 0
    story = corpus / "site-a" / "2024" / "story-0.txt"
    original = story.read_text(encoding="utf-8")
    for _ in range(2):
        assert invoke(["batch", str(corpus), "--in-place", "--only", "ads", "--no-site-boilerplate"]).exit_code == 0
    assert FOOTER in story.read_text(encoding="utf-8")
    assert invoke(["batch", str(corpus), "--in-place"]).exit_code == 0
    assert story.read_bytes() == (tmp_path / "expected" / "site-a" / "2024" / "story-0.txt").read_bytes()
    assert story.with_name(story.name + ".orig").read_text(encoding="utf-8") == original


def test_skipping_the_site_filter_runs_the_batch_without_it(corpus, tmp_path):
    """--min-docs sets the site filter's option: with the filter skipped, every worker failed to start."""
    out = tmp_path / "out"
    result = invoke(["batch", str(corpus), "-o", str(out), "-j", "2", "--skip", "site_boilerplate"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.rglob("*") if not p.name.startswith(".")) == sorted(
        p.name for p in corpus.rglob("*") if not p.name.startswith("."))
