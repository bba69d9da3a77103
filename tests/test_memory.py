"""The site memory: a site's template lines remembered across runs and processes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sites import site_pages, template_lines

import newsclean
from newsclean.cli import cli
from newsclean.sites import memory as memory_module
from newsclean.sites.hashing import document_hashes
from newsclean.sites.memory import SiteMemory


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def remembered_drops(result: newsclean.Result) -> set[str]:
    return {v.text for v in result.verdicts if v.drop and v.drop.reason == "remembered"}


def test_a_sites_template_goes_from_its_third_page_on_and_only_on_that_site(tmp_path):
    with SiteMemory(tmp_path / "memory.sqlite") as memory:
        for site, pages in site_pages().items():
            for n, (url, text) in enumerate(pages, 1):
                result = newsclean.clean(text, memory=memory, url=url)
                gone = remembered_drops(result)
                if n < 3:
                    assert not gone, (site, n)
                else:
                    # Exactly the template: every story line stays.
                    assert gone == {line for line in text.splitlines() if line in template_lines()}, (site, n)
                    assert all(line in result.text for line in text.splitlines() if line not in gone)
        assert {s.site: s.documents for s in memory.sites()} == {"riverside.example": 5, "harbour-times.example": 5}


def test_a_sentence_two_articles_quote_stays(tmp_path):
    quote = "“We will not close the hospital while I am mayor,” she told the council on Monday evening."
    pages = site_pages()["riverside.example"]
    with SiteMemory(tmp_path / "memory.sqlite") as memory:
        newsclean.clean(pages[0][1] + quote + "\n", memory=memory, url=pages[0][0])
        newsclean.clean(pages[1][1], memory=memory, url=pages[1][0])
        result = newsclean.clean(pages[2][1] + quote + "\n", memory=memory, url=pages[2][0])
    assert quote in result.text.splitlines()
    assert remembered_drops(result)  # while the template, on all three pages, goes


def test_cleaning_a_page_again_replaces_what_was_remembered_of_it(tmp_path):
    url, text = site_pages()["riverside.example"][0]
    with SiteMemory(tmp_path / "memory.sqlite") as memory:
        for _ in range(4):
            result = newsclean.clean(text, memory=memory, url=url)
        assert not remembered_drops(result)
        assert [s.documents for s in memory.sites()] == [1]


def test_the_memory_keeps_the_newest_documents_of_a_site(tmp_path):
    pages = site_pages()["riverside.example"]
    with SiteMemory(tmp_path / "memory.sqlite", docs_per_site=2) as memory:
        for url, text in pages:
            newsclean.clean(text, memory=memory, url=url)
        assert [s.documents for s in memory.sites()] == [2]
        first_story = pages[0][1].splitlines()[1]
        # The first page is forgotten: its story counts in no remembered document.
        assert memory.count("riverside.example", document_hashes(first_story)) == {}


def test_the_memory_holds_hashes_never_text(tmp_path):
    path = tmp_path / "memory.sqlite"
    with SiteMemory(path) as memory:
        for url, text in site_pages()["riverside.example"]:
            newsclean.clean(text, memory=memory, url=url)
    data = path.read_bytes() + (path.with_name(path.name + "-wal").read_bytes()
                                if path.with_name(path.name + "-wal").exists() else b"")
    assert b"Riverside Gazette" not in data and b"bakery" not in data


def test_one_page_at_a_time_removes_what_a_batch_removes_as_site_boilerplate(tmp_path):
    """Separate `newsclean clean --remember --url` runs, page by page, drop from the third page on
    the lines a batch over the same pages drops as site boilerplate."""
    memory = tmp_path / "memory.sqlite"
    for site, pages in site_pages().items():
        folder = tmp_path / "src" / site
        folder.mkdir(parents=True)
        for n, (_, text) in enumerate(pages):
            (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    report = tmp_path / "report.jsonl"
    assert invoke("batch", str(tmp_path / "src"), "-o", str(tmp_path / "out"), "-q", "--jobs", "1",
                  "--report", str(report)).exit_code == 0
    for site, pages in site_pages().items():
        batch_gone = {line for line in pages[0][1].splitlines()
                      if line not in (tmp_path / "out" / site / "0.txt").read_text(encoding="utf-8")}
        assert batch_gone == {line for line in pages[0][1].splitlines() if line in template_lines()}
        for n, (url, text) in enumerate(pages, 1):
            done = subprocess.run([sys.executable, "-m", "newsclean", "clean", "--remember", "--memory", str(memory),
                                   "--url", url, "--format", "jsonl"], input=text.encode(), capture_output=True,
                                  check=True)
            records = [json.loads(line) for line in done.stdout.decode().splitlines()]
            gone = {r["text"] for r in records if r.get("reason") == "remembered"}
            expected = {line for line in text.splitlines() if line in template_lines()} if n >= 3 else set()
            assert gone == expected, (site, n)


def test_eight_processes_at_once_lose_no_count(tmp_path):
    pages = [page for pages in site_pages().values() for page in pages][:8]
    for n, (_, text) in enumerate(pages):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")

    def clean_all(memory: Path, at_once: bool) -> None:
        commands = [[sys.executable, "-m", "newsclean", "clean", "--remember", "--memory", str(memory),
                     "--url", url, str(tmp_path / f"{n}.txt")] for n, (url, _) in enumerate(pages)]
        if at_once:
            running = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in commands]
            outcomes = [(p.wait(), p.stderr.read()) for p in running]
        else:
            outcomes = [(p.returncode, p.stderr) for p in (subprocess.run(c, capture_output=True) for c in commands)]
        assert outcomes == [(0, b"")] * len(commands)

    clean_all(tmp_path / "together.sqlite", at_once=True)
    clean_all(tmp_path / "one-by-one.sqlite", at_once=False)

    def contents(path: Path) -> list[tuple]:
        with sqlite3.connect(path) as db:
            return sorted(db.execute("SELECT s.name, d.key, l.hash FROM lines l JOIN documents d ON d.id = l.document "
                                     "JOIN sites s ON s.id = d.site"))

    together = contents(tmp_path / "together.sqlite")
    assert together == contents(tmp_path / "one-by-one.sqlite")
    assert len({(site, key) for site, key, _ in together}) == 8


def test_memory_lists_and_forgets_sites(tmp_path):
    path = tmp_path / "memory.sqlite"
    with SiteMemory(path) as memory:
        for pages in site_pages().values():
            for url, text in pages[:3]:
                newsclean.clean(text, memory=memory, url=url)
    listed = invoke("memory", "--memory", str(path))
    assert listed.exit_code == 0
    assert "riverside.example" in listed.output and "harbour-times.example" in listed.output
    assert invoke("memory", "--memory", str(path), "--forget", "riverside.example").exit_code == 0
    left = json.loads(invoke("memory", "--memory", str(path), "--format", "json").output)
    assert [(s["site"], s["documents"]) for s in left] == [("harbour-times.example", 3)]
    assert invoke("memory", "--memory", str(path), "--forget-all").exit_code == 0
    assert json.loads(invoke("memory", "--memory", str(path), "--format", "json").output) == []


def test_a_corrupt_memory_is_a_warning_and_is_left_as_it_is(tmp_path):
    path = tmp_path / "memory.sqlite"
    path.write_bytes(b"not a database, but somebody's file" * 100)
    before = path.read_bytes()
    url, text = site_pages()["riverside.example"][0]
    result = invoke("clean", "--memory", str(path), "--url", url, input=text)
    assert result.exit_code == 0
    assert result.stdout == newsclean.clean(text).text
    assert result.stderr.count("\n") == 1 and "file is not a database" in result.stderr
    assert path.read_bytes() == before


def test_a_locked_memory_is_a_warning_and_the_clean_goes_on(tmp_path, monkeypatch):
    path = tmp_path / "memory.sqlite"
    with SiteMemory(path) as memory:
        memory.sites()  # made
    monkeypatch.setattr(memory_module, "BUSY_TIMEOUT_SECONDS", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        url, text = site_pages()["riverside.example"][0]
        result = invoke("clean", "--memory", str(path), "--url", url, input=text)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 0
    assert result.stdout == newsclean.clean(text).text
    assert "locked" in result.stderr


def test_the_site_comes_from_the_pages_canonical_link(tmp_path):
    path = tmp_path / "memory.sqlite"
    for n, (url, text) in enumerate(site_pages()["harbour-times.example"][:3]):
        body = "".join(f"<p>{line}</p>" for line in text.splitlines())
        html = (f"<!doctype html><html><head><title>Story {n}</title><link rel='canonical' href='{url}'></head>"
                f"<body><article>{body}</article></body></html>")
        result = invoke("clean", "--memory", str(path), "--format", "json", input=html)
        assert result.exit_code == 0, result.output
    with SiteMemory(path) as memory:
        assert [(s.site, s.documents) for s in memory.sites()] == [("harbour-times.example", 3)]


def test_plain_text_with_no_url_is_cleaned_without_the_memory_and_says_why(tmp_path):
    _, text = site_pages()["riverside.example"][0]
    result = invoke("clean", "--memory", str(tmp_path / "memory.sqlite"), input=text)
    assert result.exit_code == 0
    assert result.stdout == newsclean.clean(text).text
    assert "give --url" in result.stderr


def test_url_without_remember_is_a_usage_error():
    result = invoke("clean", "--url", "https://example.org/a", input="text\n")
    assert result.exit_code == 2 and "--remember" in result.stderr


def test_diff_reads_the_memory_but_adds_nothing(tmp_path):
    path = tmp_path / "memory.sqlite"
    pages = site_pages()["riverside.example"]
    with SiteMemory(path) as memory:
        for url, text in pages[:2]:
            newsclean.clean(text, memory=memory, url=url)
    url, text = pages[2]
    shown = invoke("diff", "--memory", str(path), "--url", url, "--no-color", input=text)
    assert shown.exit_code == 0
    assert "-Riverside Gazette — the valley's independent voice since 1887" in shown.output
    with SiteMemory(path) as memory:
        assert [s.documents for s in memory.sites()] == [2]


def test_a_batch_remembers_its_folder_for_the_next_batch(tmp_path):
    path = tmp_path / "memory.sqlite"
    pages = site_pages()["riverside.example"]
    folder = tmp_path / "src0" / "riverside"
    folder.mkdir(parents=True)
    for n, (_, text) in enumerate(pages[:2]):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    # Two pages are too few for the template to show; the next batch of the folder counts them.
    first = invoke("batch", str(tmp_path / "src0"), "-o", str(tmp_path / "out0"), "--memory", str(path),
                   "-q", "-j", "1")
    assert first.exit_code == 0
    assert (tmp_path / "out0" / "riverside" / "0.txt").read_text(encoding="utf-8") == newsclean.clean(pages[0][1]).text
    for n, (_, text) in enumerate(pages[2:]):
        (tmp_path / "src0" / "riverside" / f"{n + 2}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "src0" / "riverside" / "0.txt").unlink()
    (tmp_path / "src0" / "riverside" / "1.txt").unlink()
    report = tmp_path / "report.jsonl"
    second = invoke("batch", str(tmp_path / "src0"), "-o", str(tmp_path / "out1"), "--memory", str(path), "-q",
                    "-j", "1", "--min-docs", "4", "--report", str(report))
    assert second.exit_code == 0
    assert [json.loads(line)["drops"].get("site_boilerplate") for line in report.read_text().splitlines()] == [3] * 3
    # 3 pages in this run + 2 remembered = 5 >= 4: the template goes; alone (3 < 4) it would stay.
    cleaned = (tmp_path / "out1" / "riverside" / "2.txt").read_text(encoding="utf-8")
    assert not any(line in cleaned for line in template_lines())
    assert all(line in cleaned for line in pages[2][1].splitlines() if line not in template_lines())


@pytest.mark.parametrize("bad", ["", "not a url", "http://[::1"])
def test_the_library_wants_a_url_with_a_host(tmp_path, bad):
    with SiteMemory(tmp_path / "memory.sqlite") as memory, pytest.raises(ValueError, match="URL"):
        newsclean.clean("A line.\n", memory=memory, url=bad)
