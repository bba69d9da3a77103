"""Issue 36 (items 6, 7, 9-12, 14, 18): corpora keep every column and record, Markdown output is
safe to render, terminals and the audit page show control characters, and one runaway document
takes neither time, memory nor its batch with it."""

import os
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from newsclean.cli import cli

BODY = "The council voted on Tuesday to turn the old rail depot into four hundred homes for the city."
NEWSCLEAN = [sys.executable, "-m", "newsclean"]


def run(args, data=None, code=0):
    result = CliRunner().invoke(cli, args, input=data, env={"COLUMNS": "300"})
    assert result.exit_code == code, result.output
    return result


# ------------------------------------------------------------------ 12: stdin closed
def test_closed_stdin_is_a_one_line_error():
    for args in (["clean"], [], ["diff"]):
        done = subprocess.run(["sh", "-c", 'exec "$@" <&-', "sh", *NEWSCLEAN, *args], capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith("newsclean: error: <stdin>: stdin is closed")


# ------------------------------------------------------------------ 10: terminal escapes in previews
SAMPLE = Path(__file__).parent.parent / "samples" / "en-tech-footer.txt"
HOSTILE = "\x1b]0;owned\x07\x9b31m\x1b[2J"  # retitle the window, a C1 CSI, clear the screen


def hostile_story(tmp_path):
    """The sample with control sequences in its copyright line, which is dropped."""
    source = tmp_path / "story.txt"
    source.write_text(SAMPLE.read_text(encoding="utf-8").replace("© 2026", HOSTILE + "© 2026"), encoding="utf-8")
    return source


def test_explain_and_the_colour_preview_show_control_characters_as_escapes(tmp_path):
    source = hostile_story(tmp_path)
    for args in (["clean", str(source), "--explain"], ["diff", str(source), "--color"],
                 ["diff", str(source), "--color", "--side-by-side"]):
        shown = run(args).stdout
        assert "\\x1b]0;owned\\x07\\x9b31m\\x1b[2J" in shown.replace("\n", "").replace(" ", ""), args
        assert "\x07" not in shown and "\x9b" not in shown, args
        # every ESC left is rich's own colour (CSI ... m); none comes from the text
        assert all(re.match(r"\[[0-9;]*m", part) for part in shown.split("\x1b")[1:]), args
    assert HOSTILE + "© 2026" in run(["clean", str(source), "--only", "ads"]).stdout  # the text: as it came


def test_the_plain_diff_is_escaped_in_a_terminal_and_exact_in_a_pipe(tmp_path):
    source = hostile_story(tmp_path)
    piped = subprocess.run([*NEWSCLEAN, "diff", "--no-color", str(source)], capture_output=True, text=True,
                           timeout=60).stdout
    assert f"-{HOSTILE}© 2026" in piped  # what patch needs
    controller, terminal = os.openpty()
    try:
        subprocess.run([*NEWSCLEAN, "diff", "--no-color", str(source)], stdout=terminal, timeout=60)
        os.close(terminal)
        shown = b""
        while chunk := _read_terminal(controller):
            shown += chunk
    finally:
        os.close(controller)
    assert "-\\x1b]0;owned\\x07\\x9b31m\\x1b[2J© 2026".encode() in shown
    assert b"\x1b" not in shown and b"\x07" not in shown


def _read_terminal(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # the other end is closed: all was read
        return b""


# ------------------------------------------------------------------ 11: bidi controls in names
def test_bidi_controls_in_names_are_shown_in_the_audit_page(tmp_path):
    folder = tmp_path / "src" / "site\u202egpj"
    folder.mkdir(parents=True)
    story = SAMPLE.read_text(encoding="utf-8")
    for n, mark in enumerate(("\u202e", "\u2066", "\u200f")):
        (folder / f"story{mark}txt.exe{n}.txt").write_text(story, encoding="utf-8")
    report = tmp_path / "audit.html"
    run(["batch", str(tmp_path / "src"), "-o", str(tmp_path / "out"), "--report", str(report), "-j", "1"])
    page = report.read_text(encoding="utf-8")
    assert not any(mark in page for mark in "\u202e\u2066\u200f")
    assert "site\\u202egpj" in page and "story\\u2066txt.exe1.txt" in page
    # the link still leads to the file itself
    assert "site%E2%80%AEgpj/story%E2%80%AEtxt.exe0.txt" in page
