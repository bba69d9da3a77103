"""Files and runs under faults, bad input and an attacker (issue #36, items 1-4, 8, 13, 15-17, 19
and the smaller site-memory and audit-page ones): nothing of the user's is lost or overwritten,
and no input gives a traceback. Each test names the item it holds to; all inputs are made here."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean import batch
from newsclean.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
TEXT = "".join(s.read_text(encoding="utf-8") for s in SAMPLES)  # about 4.5 KB of articles


def invoke(args, input=None):
    """The command in this process; any exception but the exit it means is a failure of the test."""
    result = CliRunner().invoke(cli, args, input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def newsclean(*args: str, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    kwargs.setdefault("timeout", 120)
    return subprocess.run([sys.executable, "-m", "newsclean", *args], **kwargs)


def files(root: Path) -> dict[str, bytes]:
    """Every file under root but batch's ledger."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != batch.Ledger.NAME}


@pytest.fixture
def site(tmp_path) -> Path:
    """SRC with one folder of two articles, each longer than the file size limit of item 2."""
    src = tmp_path / "src"
    (src / "site").mkdir(parents=True)
    (src / "site" / "doc1.txt").write_text(TEXT, encoding="utf-8")
    (src / "site" / "doc2.txt").write_text("".join(s.read_text(encoding="utf-8") for s in SAMPLES[::-1]),
                                           encoding="utf-8")
    return src


def cleaned_copy(src: Path, tmp_path: Path) -> dict[str, bytes]:
    """What an undisturbed run makes of SRC's files, by name."""
    shutil.copytree(src, tmp_path / "pristine")
    assert invoke(["batch", str(tmp_path / "pristine"), "-o", str(tmp_path / "expected"), "-j", "1"]).exit_code == 0
    return files(tmp_path / "expected")


def _documents(page: Path) -> int:
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and text.endswith("</html>")  # whole
    return int(text.split("documents<br><b>", 1)[1].split("</b>", 1)[0])


# -- 13: a file name that is not UTF-8 in the audit page ------------------------------------------
def test_the_audit_page_shows_and_links_a_file_name_that_is_not_utf8(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / os.fsdecode(b"bad\xff\xfe.txt")).write_bytes(SAMPLES[1].read_bytes())
    page = tmp_path / "r.html"
    result = invoke(["batch", str(src), "-o", str(tmp_path / "dst"), "-j", "1", "--report", str(page)])
    assert result.exit_code == 0
    text = page.read_bytes().decode("utf-8")
    assert ">bad\\xff\\xfe.txt, line " in text and "href='src/bad%FF%FE.txt'" in text
    assert _documents(page) == 1


# -- 15: site names that are not UTF-8 in the site memory -----------------------------------------
def test_the_site_memory_takes_a_host_or_folder_name_that_is_not_utf8(tmp_path):
    memory = tmp_path / "memory.sqlite"
    url = "http://caf" + os.fsdecode(b"\xff") + ".example/story"
    for n in range(2):
        result = invoke(["clean", "--memory", str(memory), "--url", f"{url}{n}"], input=TEXT)
        assert result.exit_code == 0 and result.stdout
    folder = tmp_path / "src" / os.fsdecode(b"caf\xff")
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    assert invoke(["batch", str(tmp_path / "src"), "-o", str(tmp_path / "dst"), "--memory", str(memory)]).exit_code == 0
    assert (tmp_path / "dst" / folder.name / "a.txt").is_file()
    listed = {s["site"]: s["documents"] for s in json.loads(invoke(["memory", "--memory", str(memory),
                                                                    "--format", "json"]).stdout)}
    assert listed == {"caf\\xff.example": 2, f"folder:{(tmp_path / 'src').resolve().as_posix()}/caf\\xff": 1}
    forget = invoke(["memory", "--memory", str(memory), "--forget", "caf" + os.fsdecode(b"\xff") + ".example"])
    assert forget.exit_code == 0
    assert len(json.loads(invoke(["memory", "--memory", str(memory), "--format", "json"]).stdout)) == 1


# -- also seen: a site memory that is someone else's database; --forget-all gives the room back ----
def test_a_database_of_something_else_is_refused_as_a_memory_and_left_as_it_is(tmp_path):
    theirs = tmp_path / "notes.db"
    with sqlite3.connect(theirs) as db:
        db.execute("CREATE TABLE notes (text)")
        db.execute("INSERT INTO notes VALUES ('mine')")
    db.close()
    before = theirs.read_bytes()
    result = invoke(["clean", "--memory", str(theirs), "--url", "http://a.example/1"], input=TEXT)
    assert result.exit_code == 0 and result.stdout
    assert f"site memory {theirs}: not a site memory (a database of something else, holding notes); left as it " \
           "is: cleaning without it" in result.stderr
    assert theirs.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]
    listed = invoke(["memory", "--memory", str(theirs)])
    assert listed.exit_code == 1 and "not a site memory" in listed.stderr


def test_forget_all_gives_the_memorys_room_back(tmp_path):
    import random

    from newsclean.memory import SiteMemory

    path = tmp_path / "memory.sqlite"
    with SiteMemory(path) as memory:
        for n in range(40):
            memory.observe(f"site{n % 4}.example", f"page{n}", [random.getrandbits(64) for _ in range(2000)])
    full = path.stat().st_size
    assert full > 1_000_000
    assert invoke(["memory", "--memory", str(path), "--forget-all"]).exit_code == 0
    assert path.stat().st_size < full // 20
    assert not path.with_name(path.name + "-wal").exists() or path.with_name(path.name + "-wal").stat().st_size == 0
