"""Files and runs under faults, bad input and an attacker (issue #36, items 1-4, 8, 13, 15-17, 19
and the smaller site-memory and audit-page ones): nothing of the user's is lost or overwritten,
and no input gives a traceback. Each test names the item it holds to; all inputs are made here."""

import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean.cli import cli
from newsclean.runners import batch

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


# -- 1: a file of the user's that has the backup's name --------------------------------------------
def test_an_existing_orig_file_is_never_taken_for_the_backup(site):
    story, theirs = site / "site" / "doc1.txt", site / "site" / "doc1.txt.orig"
    theirs.write_text("What patch left behind: another text entirely.\n", encoding="utf-8")
    before = files(site)
    result = invoke(["batch", str(site), "--in-place", "-j", "1"])
    assert result.exit_code == 1
    assert f"{theirs}: a file newsclean did not write has the backup's name" in result.stderr
    assert story.read_bytes() == before["site/doc1.txt"] and theirs.read_bytes() == before["site/doc1.txt.orig"]
    assert (site / "site" / "doc2.txt.orig").read_bytes() == before["site/doc2.txt"]  # the other file is cleaned


def test_a_backup_a_killed_run_left_unrecorded_is_used_when_nothing_can_be_lost(site, tmp_path):
    expected = cleaned_copy(site, tmp_path)
    doc1, doc2 = site / "site" / "doc1.txt", site / "site" / "doc2.txt"
    assert invoke(["batch", str(site), "--in-place", "-j", "1"]).exit_code == 0
    # Killed before the ledger was saved: doc1 rewritten beside its backup, doc2 backed up only.
    (site / batch.Ledger.NAME).unlink()
    shutil.copy2(doc2.with_name("doc2.txt.orig"), doc2)
    result = invoke(["batch", str(site), "--in-place", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    assert (doc1.read_bytes(), doc2.read_bytes()) == (expected["site/doc1.txt"], expected["site/doc2.txt"])


# -- 2: in place on a disk that fills -------------------------------------------------------------
def _file_size_limit(limit: int):
    """Every write past ``limit`` bytes of a file fails part-way (EFBIG), as on a disk that fills."""
    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limited


def test_in_place_on_a_full_disk_keeps_the_originals_and_a_rerun_cleans_them_whole(site, tmp_path):
    originals = files(site)
    expected = cleaned_copy(site, tmp_path)
    assert min(map(len, originals.values())) > 3000
    full = newsclean("batch", str(site), "--in-place", "-j", "1", preexec_fn=_file_size_limit(3000))
    assert full.returncode == 1 and b"Traceback" not in full.stderr, full.stderr
    assert b"failed: site/doc1.txt: File too large" in full.stderr
    assert files(site) == originals  # no backup at all rather than a short one, and the originals as they were
    rerun = newsclean("batch", str(site), "--in-place", "-j", "1")
    assert rerun.returncode == 0, rerun.stderr
    for name in ("site/doc1.txt", "site/doc2.txt"):
        assert (site / name).read_bytes() == expected[name]
        assert (site / (name + ".orig")).read_bytes() == originals[name]


# -- 16: a link inside DST that leads out of it ---------------------------------------------------
def test_a_link_in_dst_leading_out_of_it_fails_that_file_alone(site, tmp_path):
    (site / "other").mkdir()
    (site / "other" / "doc3.txt").write_text(TEXT, encoding="utf-8")
    dst, elsewhere = tmp_path / "dst", tmp_path / "elsewhere"
    elsewhere.mkdir()
    dst.mkdir()
    (dst / "site").symlink_to(elsewhere, target_is_directory=True)
    result = invoke(["batch", str(site), "-o", str(dst), "-j", "1"])
    assert result.exit_code == 1
    assert ("failed: site/doc1.txt: the output path would leave the output folder (a symbolic link in it leads "
            "out)") in result.stderr
    assert list(elsewhere.iterdir()) == []
    assert (dst / "other" / "doc3.txt").is_file()


# -- 19: sizes refused before reading, streams stopped at the limit --------------------------------
def test_a_file_over_the_limit_is_refused_by_its_size_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:  # sparse: 3 GB that take no room, and no memory unless read (2.5 GB may be)
        f.truncate(3 << 30)
    result = newsclean("clean", str(huge), preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (5 << 29,) * 2))
    assert result.returncode == 1, result.stderr
    assert result.stderr == b"newsclean: error: input is 3,221,225,472 bytes, over the limit of 50,000,000 " \
                            b"(see --max-bytes)\n"
    src, dst = tmp_path / "src", tmp_path / "dst"
    src.mkdir()
    huge.rename(src / "huge.txt")
    (src / "small.txt").write_text(TEXT, encoding="utf-8")
    result = newsclean("batch", str(src), "-o", str(dst), "-j", "1", "-q",
                       preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (5 << 29,) * 2))
    assert result.returncode == 1
    assert result.stderr == b"failed: huge.txt: input is 3,221,225,472 bytes, over the limit of 50,000,000 " \
                            b"(see --max-bytes)\n"
    assert (dst / "small.txt").is_file()


def test_an_endless_stream_is_refused_at_the_limit():
    result = newsclean("clean", "/dev/zero", "--max-bytes", "1000000", timeout=60)
    assert result.returncode == 1
    assert result.stderr == b"newsclean: error: input is over the limit of 1,000,000 bytes (see --max-bytes)\n"
    piped = newsclean("clean", "--max-bytes", "1000", input=b"word " * 100_000, timeout=60)
    assert piped.returncode == 1 and b"over the limit of 1,000 bytes" in piped.stderr


# -- 3: a --report that names an input ------------------------------------------------------------
def test_a_report_naming_an_input_is_refused_before_any_work(site, tmp_path):
    story = site / "site" / "doc1.txt"
    before = files(site)
    link = tmp_path / "link.jsonl"
    link.symlink_to(story)
    for report in (story, link):
        result = invoke(["batch", str(site), "-o", str(tmp_path / "dst"), "--report", str(report)])
        assert result.exit_code == 2
        assert result.stderr == f"newsclean: error: {report}: the report would replace an input of the run; " \
                                "name another file\n"
        in_place = invoke(["batch", str(site), "--in-place", "--report", str(report)])
        assert in_place.exit_code == 2 and "would replace an input" in in_place.stderr
    assert files(site) == before
    assert not (tmp_path / "dst" / "site").exists()


def test_a_corpus_report_naming_an_input_shard_is_refused(tmp_path):
    pytest.importorskip("distributed", reason="needs pip install -e '.[corpus]'")
    shard = tmp_path / "a.jsonl"
    shard.write_text(json.dumps({"id": 1, "text": TEXT}) + "\n", encoding="utf-8")
    before = shard.read_bytes()
    result = invoke(["corpus", str(shard), "-o", str(tmp_path / "out"), "-j", "1", "--report", str(shard)])
    assert result.exit_code == 2 and "the report would replace an input of the run" in result.stderr
    assert shard.read_bytes() == before


# -- 4: clean -o onto a symbolic link or a FIFO ---------------------------------------------------
def test_clean_writes_through_a_symbolic_link_to_its_file(tmp_path):
    real, link = tmp_path / "real.txt", tmp_path / "link.txt"
    real.write_text("old\n")
    link.symlink_to(real)
    assert invoke(["clean", str(SAMPLES[0]), "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8") == invoke(["clean", str(SAMPLES[0])]).stdout


def test_clean_writes_into_a_fifo_that_is_read_and_refuses_one_that_is_not(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    unread = newsclean("clean", str(SAMPLES[0]), "-o", str(fifo), timeout=30)
    assert unread.returncode == 1
    assert unread.stderr == f"newsclean: error: {fifo}: no process is reading it\n".encode()
    assert fifo.is_fifo()
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, there before the writer
    try:
        read = newsclean("clean", str(SAMPLES[0]), "-o", str(fifo), timeout=30)
        assert read.returncode == 0, read.stderr
        os.set_blocking(reader, True)
        received = b"".join(iter(lambda: os.read(reader, 65536), b""))
    finally:
        os.close(reader)
    assert received.decode("utf-8") == invoke(["clean", str(SAMPLES[0])]).stdout
    assert fifo.is_fifo()


# -- 8: the audit report of an interrupted, resumed or up-to-date run ----------------------------
def _documents(page: Path) -> int:
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and text.endswith("</html>")  # whole
    return int(text.split("documents<br><b>", 1)[1].split("</b>", 1)[0])


def test_the_audit_report_is_whole_after_ctrl_c_and_covers_the_whole_run_when_resumed(site, tmp_path, monkeypatch):
    for n in range(3, 7):
        (site / "site" / f"doc{n}.txt").write_text(TEXT.replace("council", f"council {n}"), encoding="utf-8")
    dst, page = tmp_path / "dst", tmp_path / "audit.html"
    page.write_text("the report of an earlier run")
    cleaned = []
    real = batch._clean_file

    def interrupted_at_the_fourth(task):
        if len(cleaned) == 3:
            raise KeyboardInterrupt
        cleaned.append(task[0])
        return real(task)

    monkeypatch.setattr(batch, "_clean_file", interrupted_at_the_fourth)
    stopped = CliRunner().invoke(cli, ["batch", str(site), "-o", str(dst), "-j", "1", "--report", str(page)])
    assert stopped.exit_code != 0
    assert _documents(page) == 3  # what was done, written whole
    monkeypatch.setattr(batch, "_clean_file", real)
    resumed = invoke(["batch", str(site), "-o", str(dst), "-j", "1", "--report", str(page)])
    assert resumed.exit_code == 0 and "skipped (up to date)" in resumed.stderr
    assert _documents(page) == 6
    everything = page.read_text(encoding="utf-8")
    again = invoke(["batch", str(site), "-o", str(dst), "-j", "1", "--report", str(page)])
    assert again.exit_code == 0
    assert page.read_text(encoding="utf-8") == everything  # up to date: the same report, not "documents 0"


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


# -- 17: --backup-suffix ---------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", ["/x", "", ".", "sub/.orig"])
def test_a_backup_suffix_that_is_a_path_is_a_usage_error(site, suffix):
    before = files(site)
    result = invoke(["batch", str(site), "--in-place", "--backup-suffix", suffix])
    assert result.exit_code == 2
    assert result.stderr == f"newsclean: error: --backup-suffix {suffix!r}: give a suffix for file names, such as " \
                            ".orig (no folders)\n"
    assert files(site) == before


def test_a_backup_suffix_the_files_to_clean_end_with_is_a_usage_error(site):
    before = files(site)
    result = invoke(["batch", str(site), "--in-place", "--backup-suffix", ".txt"])
    assert result.exit_code == 2
    assert result.stderr == "newsclean: error: --backup-suffix .txt: site/doc1.txt ends with it but is no backup " \
                            "(there is no site/doc1); give a suffix no file to clean ends with\n"
    assert files(site) == before
    assert invoke(["batch", str(site), "--in-place", "--backup-suffix", ".bak"]).exit_code == 0
    assert invoke(["batch", str(site), "--in-place", "--backup-suffix", ".bak"]).exit_code == 0  # backups are no inputs
    assert sorted(files(site)) == ["site/doc1.txt", "site/doc1.txt.bak", "site/doc2.txt", "site/doc2.txt.bak"]


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

    from newsclean.sites.memory import SiteMemory

    path = tmp_path / "memory.sqlite"
    with SiteMemory(path) as memory:
        for n in range(40):
            memory.observe(f"site{n % 4}.example", f"page{n}", [random.getrandbits(64) for _ in range(2000)])
    full = path.stat().st_size
    assert full > 1_000_000
    assert invoke(["memory", "--memory", str(path), "--forget-all"]).exit_code == 0
    assert path.stat().st_size < full // 20
    assert not path.with_name(path.name + "-wal").exists() or path.with_name(path.name + "-wal").stat().st_size == 0
