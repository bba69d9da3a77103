"""Using newsclean as a person does: at an 80-column terminal, through a pipe, with NO_COLOR, with
typos and missing input. Terminals are real (a pty), pipes are real (a subprocess) or CliRunner's."""

import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "en-tech-footer.txt"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def invoke(args, input=None, env=None):
    return CliRunner().invoke(cli, args, input=input, env=env)


def in_terminal(args: list[str], columns: int = 80, env: dict | None = None, typed: bytes | None = None,
                stderr_too: bool = False) -> tuple[str, str, int]:
    """Run ``newsclean ARGS`` with a pty of ``columns`` as its stdout (with ``stderr_too``, its
    stderr too; with ``typed``, its stdin, which then gets ``typed`` and an end of file):
    (what the terminal got, stderr, exit)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    attributes = termios.tcgetattr(slave)
    attributes[3] &= ~termios.ECHO  # what is typed is not shown back: the screen holds the output alone
    termios.tcsetattr(slave, termios.TCSANOW, attributes)
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")}
    environment.update({"TERM": "xterm-256color", **(env or {})})
    proc = subprocess.Popen([sys.executable, "-m", "newsclean", *args], stdout=slave,
                            stderr=slave if stderr_too else subprocess.PIPE,
                            stdin=slave if typed is not None else subprocess.DEVNULL, env=environment)
    os.close(slave)
    if typed is not None:
        time.sleep(0.5)
        os.write(master, typed + b"\x04")
    screen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the process closed its end
            break
        if not chunk:
            break
        screen += chunk
    os.close(master)
    stderr = "" if stderr_too else proc.stderr.read().decode()
    proc.wait(30)
    return screen.decode().replace("\r\n", "\n"), stderr, proc.returncode


# -- --explain: readable at 80 columns, one line per input line when piped ---------------------------
def test_explain_at_80_columns_keeps_a_readable_text_column(seed, tmp_path):
    source = tmp_path / "seed.txt"
    source.write_text(seed[0], encoding="utf-8")
    screen, _, code = in_terminal(["clean", "--explain", str(source)])
    assert code == 0
    lines = ANSI.sub("", screen).splitlines()
    assert max(len(line) for line in lines) <= 80
    # 13 input lines of 1,921 characters: about 60 columns of text a line, and each line's reason.
    assert len(lines) < 80
    words = " ".join(" ".join(line.strip("│ ").split()) for line in lines)
    assert "duplicates: contained_in_longer_line" in words
    assert "Amazon's surveillance camera brand, Ring, has reportedly" in words


def test_explain_piped_is_one_line_per_input_line(seed, tmp_path):
    source = tmp_path / "seed.txt"
    source.write_text(seed[0], encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "newsclean", "clean", "--explain", str(source)],
                          capture_output=True, text=True, env={**os.environ, "COLUMNS": "80"})
    assert proc.returncode == 0 and proc.stderr == ""
    rows = [line.split("\t") for line in proc.stdout.splitlines()]
    assert len(rows) == 13
    assert [row[0] for row in rows] == [str(n) for n in range(1, 14)]
    assert [row[4] for row in rows] == seed[0].splitlines()
    assert rows[0][1:3] == ["drop", "duplicates:contained_in_longer_line"] and rows[0][3].startswith("p(body)=")
    assert rows[1][1:3] == ["keep", "-"]
    assert sum(row[1] == "drop" for row in rows) == 4


# -- NO_COLOR and --no-color take the colour away, not the layout ------------------------------------
@pytest.mark.parametrize("how", [{"NO_COLOR": "1"}, "--no-color"])
def test_no_color_at_a_terminal_keeps_the_preview(how):
    args = ["diff", str(SAMPLE), *(["--no-color"] if how == "--no-color" else [])]
    screen, _, code = in_terminal(args, columns=120, env=how if isinstance(how, dict) else None)
    assert code == 0
    assert "ads: ad_label" in screen and "lines kept" in screen and "─" in screen  # the preview, not a patch
    assert not screen.startswith("---")
    assert not re.search(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|9[0-7]|38;)", screen)  # no colour, whatever the styles
    coloured, _, _ = in_terminal(["diff", str(SAMPLE)], columns=120)
    assert re.search(r"\x1b\[(?:[0-9;]*;)?31", coloured)  # red, when colour is allowed


def test_piped_diff_is_still_a_patch_with_or_without_no_color():
    for env in ({"NO_COLOR": "1"}, {}):
        assert invoke(["diff", str(SAMPLE)], env=env).stdout.startswith("---")


# -- the site memory before any --remember ----------------------------------------------------------
def test_an_empty_site_memory_lists_nothing_and_succeeds(tmp_path):
    missing = tmp_path / "never" / "memory.sqlite"
    listed = invoke(["memory", "--memory", str(missing)])
    assert listed.exit_code == 0 and listed.stdout == ""
    assert invoke(["memory", "--memory", str(missing), "--format", "json"]).stdout.strip() == "[]"
    assert json.loads(invoke(["memory", "--memory", str(missing), "--json"]).stdout) == []
    forget = invoke(["memory", "--memory", str(missing), "--forget-all"])
    assert forget.exit_code == 0 and "nothing to forget" in forget.stderr
    assert not missing.exists()


# -- errors name their input; typos; stdin at a terminal ---------------------------------------------
def test_errors_about_one_of_several_inputs_name_it(tmp_path):
    import gzip

    good = tmp_path / "a.txt"
    good.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    cut = tmp_path / "c.txt.gz"
    cut.write_bytes(gzip.compress(b"Some text of an article.\n" * 50)[:40])
    for command in ("clean", "diff"):
        result = invoke([command, str(good), str(binary), str(cut)])
        assert result.exit_code == 1
        errors = [line for line in result.stderr.splitlines() if line.startswith("newsclean: error: ")]
        assert f"newsclean: error: {binary}: input looks binary (it contains NUL bytes), not text" in errors
        assert any(line.startswith(f"newsclean: error: {cut}: ") and "gzip" in line for line in errors)


@pytest.mark.parametrize("typo, command", [("cleen", "clean"), ("dif", "diff"), ("bacth", "batch"),
                                           ("memroy", "memory")])
def test_a_mistyped_command_gets_did_you_mean(typo, command):
    result = invoke([typo, "x.txt"])
    assert result.exit_code == 2
    assert result.stderr == f"newsclean: error: {typo}: no such command or file: did you mean '{command}'?\n"


def test_a_file_named_like_a_command_is_still_cleaned(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("cleen").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke(["cleen"])
    assert result.exit_code == 0 and "Advertisement" not in result.stdout and result.stdout
    assert "did you mean" not in invoke(["story.txt"]).stderr  # far from any command: a missing file


def test_reading_stdin_from_a_terminal_says_so_once():
    typed = "Advertisement\nThe council met on Tuesday.\n"
    screen, stderr, code = in_terminal(["clean"], typed=typed.encode())
    assert code == 0
    assert stderr.count("reading the article from the terminal") == 1 and len(stderr.splitlines()) == 1
    piped = invoke(["clean"], input=typed)
    assert screen == piped.stdout and "The council met on Tuesday." in screen
    assert piped.stderr == ""


# -- one vocabulary ----------------------------------------------------------------------------------
def test_quiet_silences_warnings_of_clean_and_diff(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Der Stadtrat hat am Dienstag beschlossen, die Brücke zu sanieren.\n".encode() + b"\xff\n")
    for command in ("clean", "diff"):
        assert "warning" in invoke([command, str(bad)]).stderr
        quiet = invoke([command, "-q", str(bad)])
        assert quiet.exit_code == 0 and quiet.stderr == ""
    assert invoke(["clean", "-q", str(tmp_path / "missing.txt")]).stderr.startswith("newsclean: error: ")


def test_json_is_an_alias_of_format_json_wherever_format_json_is(tmp_path):
    for args in (["filters"], ["memory", "--memory", str(tmp_path / "m.sqlite")]):
        assert json.loads(invoke([*args, "--json"]).stdout) == json.loads(invoke([*args, "--format", "json"]).stdout)


def test_o_and_jobs_and_q_read_alike_in_every_command():
    helps = {name: invoke([name, "--help"]).stdout for name in ("clean", "diff", "batch", "corpus")}
    for name in ("clean", "diff", "batch", "corpus"):
        assert "-q, --quiet" in helps[name], name
    for name in ("clean", "batch", "corpus"):
        assert re.search(r"-o, --output (FILE|FOLDER)", helps[name]), name
    for name in ("batch", "corpus"):
        assert "-j, --jobs, --workers INTEGER" in helps[name]


@pytest.mark.parametrize("args", [["--only", "promo,social", "-F", "duplicates:min_chars=60"],
                                  ["--skip", "duplicates", "-F", "duplicates:min_chars=60"],
                                  ["--skip", "judge", "--threshold", "0.3"]])
def test_an_option_for_a_filter_that_does_not_run_is_a_usage_error(args, tmp_path):
    for command in (["clean"], ["diff"], ["batch", str(tmp_path), "-o", str(tmp_path.parent / "out")]):
        result = invoke([*command, *args], input="Some text.\n")
        assert result.exit_code == 2, (command, result.output)
        assert "which does not run" in result.stderr and len(result.stderr.splitlines()) == 1


# -- the local Dask cluster says nothing ---------------------------------------------------------------
def test_the_local_dask_cluster_starts_quietly_when_its_usual_port_is_taken():
    import socket
    import warnings

    pytest.importorskip("distributed", reason="needs pip install -e '.[corpus]'")
    from newsclean.runners.corpus import dask_client

    blocker = socket.socket()
    try:
        blocker.bind(("", 8787))
        blocker.listen()
    except OSError:
        pass  # something holds it already, as in the issue
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with dask_client(1) as client:
                assert client.submit(sum, [1, 2]).result() == 3
    finally:
        blocker.close()
    assert [str(w.message) for w in caught if "Port" in str(w.message) or "dashboard" in str(w.message)] == []


# -- batch writes what it says ---------------------------------------------------------------------
def test_batch_turns_a_folder_of_pages_into_markdown_named_md(tmp_path):
    src = tmp_path / "pages"
    (src / "news").mkdir(parents=True)
    tour = ROOT / "samples" / "en-tour.html"
    (src / "news" / "tour.html").write_bytes(tour.read_bytes())
    (src / "note.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke(["batch", str(src), "-o", str(tmp_path / "md"), "--format", "markdown", "-j", "1"])
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(tmp_path / "md").as_posix() for p in (tmp_path / "md").rglob("*")
                     if p.is_file() and not p.name.startswith("."))
    assert written == ["news/tour.md", "note.md"]
    markdown = (tmp_path / "md" / "news" / "tour.md").read_text(encoding="utf-8")
    assert markdown == invoke(["clean", str(tour), "--format", "markdown"]).stdout
    assert markdown.startswith("# ") and "<p>" not in markdown
    assert re.search(r"HTML pages converted to Markdown\s*│\s*1\b", result.stderr)


def test_batch_names_text_and_json_outputs_by_their_format(tmp_path):
    import gzip

    src = tmp_path / "src"
    src.mkdir()
    (src / "story.html").write_bytes((ROOT / "samples" / "en-tour.html").read_bytes())
    (src / "x.html.gz").write_bytes(gzip.compress((ROOT / "samples" / "en-tour.html").read_bytes()))
    (src / "plain.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    assert invoke(["batch", str(src), "-o", str(tmp_path / "text"), "-q", "-j", "1"]).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "text").iterdir() if not p.name.startswith(".")) == [
        "plain.txt", "story.txt", "x.txt.gz"]
    assert gzip.decompress((tmp_path / "text" / "x.txt.gz").read_bytes()).decode() == \
        (tmp_path / "text" / "story.txt").read_text(encoding="utf-8")
    assert invoke(["batch", str(src), "-o", str(tmp_path / "json"), "-q", "-j", "1", "--format", "json"]).exit_code == 0
    document = json.loads((tmp_path / "json" / "story.json").read_text(encoding="utf-8"))
    assert document["source"] == "story.html" and document["text"] == (tmp_path / "text" / "story.txt").read_text()
    assert document["metadata"]["title"]
    assert invoke(["batch", str(src), "-o", str(tmp_path / "jl"), "-q", "-j", "1", "--format", "jsonl"]).exit_code == 0
    lines = [json.loads(line) for line in (tmp_path / "jl" / "plain.jsonl").read_text().splitlines()]
    assert [r["text"] for r in lines] == SAMPLE.read_text(encoding="utf-8").splitlines()


def test_batch_refuses_two_inputs_that_would_share_an_output_and_format_in_place(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Some text.\n")
    (src / "a.html").write_bytes((ROOT / "samples" / "en-tour.html").read_bytes())
    clash = invoke(["batch", str(src), "-o", str(tmp_path / "out")])
    assert clash.exit_code == 2 and clash.stderr.count("\n") == 1
    assert "a.html and a.txt would both be written as a.txt" in clash.stderr
    assert not any((tmp_path / "out").iterdir())
    in_place = invoke(["batch", str(src), "--in-place", "--format", "markdown"])
    assert in_place.exit_code == 2 and "contradict" in in_place.stderr
    assert (src / "a.txt").read_text() == "Some text.\n"


def test_the_audit_page_names_files_in_src_by_the_folders_name(tmp_path):
    src = tmp_path / "northgate-daily"
    src.mkdir()
    for n in range(3):
        (src / f"story-{n}.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    report = tmp_path / "audit.html"
    assert invoke(["batch", str(src), "-o", str(tmp_path / "out"), "-q", "-j", "1", "--report", str(report)]
                  ).exit_code == 0
    page = report.read_text(encoding="utf-8")
    assert "<td>northgate-daily</td>" in page and "data-site='northgate-daily'" in page
    assert "<td>.</td>" not in page and "data-site='.'" not in page


def test_batch_shows_the_site_pass_before_cleaning(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for n in range(4):
        (src / f"story-{n}.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    screen, _, code = in_terminal(["batch", str(src), "-o", str(tmp_path / "out"), "-j", "1"], columns=100,
                                  stderr_too=True)
    assert code == 0
    assert "counting repeated lines" in screen and "cleaning" in screen
    assert screen.index("counting repeated lines") < screen.index("cleaning")
    off, _, _ = in_terminal(["batch", str(src), "-o", str(tmp_path / "off"), "-j", "1", "--no-site-boilerplate"],
                            columns=100, stderr_too=True)
    assert "counting" not in off and "cleaning" in off


def test_corpus_says_it_counts_before_it_cleans(tmp_path):
    pytest.importorskip("distributed", reason="needs pip install -e '.[corpus]'")
    shard = tmp_path / "part-0.jsonl"
    text = SAMPLE.read_text(encoding="utf-8")
    shard.write_text("".join(json.dumps({"id": n, "url": f"https://example.org/{n}", "text": text}) + "\n"
                             for n in range(20)), encoding="utf-8")
    screen, _, code = in_terminal(["corpus", str(shard), "-o", str(tmp_path / "out"), "-j", "1"], columns=120,
                                  stderr_too=True)
    assert code == 0, screen
    assert "counting repeated lines" in screen and "20 documents" in screen
    assert screen.index("counting repeated lines") < screen.index("20 documents")
