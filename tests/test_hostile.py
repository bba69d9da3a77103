"""What a real crawl throws at newsclean: wrong encodings, broken pages, unwritable places, bad
addresses. Each test names the item of issue #23 it holds to; all inputs are written here."""

import json
import os
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean.cli import cli
from newsclean.inputs import charsets
from newsclean.inputs.sources import load
from newsclean.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "bench" / "dev"
# The code page each language of the dev pages was commonly written in before UTF-8.
LEGACY = {"pl": "cp1250", "ar": "cp1256"}
BODY = [
    "Der Gemeinderat hat am Dienstag über die neue Straße am Fluss beraten und für den Bau gestimmt.",
    "Die Anwohner müssen während der Bauzeit mit Umleitungen rechnen, sagte die Bürgermeisterin.",
]


def invoke(args, input=None):
    return CliRunner().invoke(cli, args, input=input)


def newsclean(*args: str, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "newsclean", *args], **kwargs)


# -- 4: encodings ------------------------------------------------------------------------------
def test_a_stray_byte_in_utf8_text_is_replaced_counted_and_reported():
    data = "\n".join(BODY).encode("utf-8").replace(b"neue", b"ne\xffue") + b"\n"
    decoded = charsets.decode(data)
    assert (decoded.encoding, decoded.replaced) == ("utf-8", 1)
    assert "über die ne\ufffdue Straße" in decoded.text
    result = invoke(["clean", "--format", "json"], input=data)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["input"] == {"encoding": "utf-8", "replaced_bytes": 1}
    assert "1 byte not valid utf-8, replaced by U+FFFD" in result.stderr
    explained = invoke(["clean", "--explain", "--no-color"], input=data)
    assert "1 byte not valid utf-8" in explained.stdout


@pytest.mark.parametrize("text, encoding", [
    ("La niña pequeña come en España, y el año que viene también está aquí con su mamá.", "cp1252"),
    ("La crème brûlée est très bonne, et le garçon a mangé tout le gâteau à la fête.", "cp1252"),
    ("To nie jest tak, że się nie da, ale już wkrótce będzie można więcej.", "cp1250"),
    ("To nie jest tak, że się nie da, ale już wkrótce będzie można więcej.", "iso-8859-2"),
    ("Он сказал, что это было не так, и все они были в Москве.", "cp1251"),
    ("Он сказал, что это было не так, и все они были в Москве.", "koi8-r"),
    ("“Smart quotes” cost €5 — it’s fine, and that is all there is to say.", "cp1252"),
])
def test_legacy_text_is_read_in_the_code_page_its_words_belong_to(text, encoding):
    assert charsets.decode(text.encode(encoding)).text == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_that_lost_its_byte_order_mark_is_still_read(encoding):
    text = "\n".join(BODY) + "\n"
    assert charsets.decode(text.encode(encoding)) == charsets.Decoded(text, encoding)


def test_a_stray_nul_byte_is_dropped_and_counted_but_binary_data_is_refused():
    data = "\n".join(BODY).encode().replace(b"Dienstag", b"Diens\x00tag")
    assert charsets.decode(data) == charsets.Decoded("\n".join(BODY), "utf-8", 1)
    with pytest.raises(charsets.InputError, match="looks binary"):
        charsets.decode(bytes(range(256)) * 20)


def test_a_page_declaring_iso_8859_1_is_read_as_windows_1252_as_browsers_do():
    body = "“Quoted” words cost €5, and it’s a sentence long enough for any extractor to keep."
    page = (b'<html><head><meta charset="iso-8859-1"><title>t</title></head><body><article><p>'
            + body.encode("cp1252") + b"</p></article></body></html>")
    assert load(page).text.strip() == body


def test_an_unknown_charset_label_is_ignored_not_a_traceback():
    page = (b'<html><head><meta charset="undefined"></head><body><article><p>'
            + BODY[0].encode("utf-8") + b"</p></article></body></html>")
    result = invoke(["clean"], input=page)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == BODY[0]


def test_encoding_option_forces_an_encoding_and_rejects_an_unknown_one():
    data = "\n".join(BODY).encode("cp1252")
    assert invoke(["clean", "--encoding", "latin1"], input=data).stdout.splitlines() == BODY
    bad = invoke(["clean", "--encoding", "klingon"], input=data)
    assert bad.exit_code == 2 and "unknown encoding: klingon" in bad.output


def test_every_dev_text_in_its_legacy_code_page_reads_as_the_utf8_original():
    """Every dev page's paragraph text, written in its language's usual legacy encoding, decodes
    to exactly the text of the UTF-8 original (what that encoding can hold of it), so it cleans
    to the same output."""
    manifest = DEV / "manifest.jsonl"
    if not manifest.is_file():
        pytest.skip(f"dev pages not found at {DEV} (../shared is not beside this checkout)")
    wrong = []
    for line in manifest.read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        path = DEV / "docs" / f"{page['id']}.para.txt"
        encoding = LEGACY.get(page.get("lang"), "cp1252")
        text = path.read_text(encoding="utf-8").encode(encoding, "replace").decode(encoding)
        if charsets.decode(text.encode(encoding)).text != text:
            wrong.append(page["id"])
    assert wrong == []


# -- 9: one-line errors, never a traceback -------------------------------------------------------
def test_writing_to_a_full_disk_or_a_closed_stdout_is_a_one_line_error():
    with open("/dev/full", "wb") as full:
        proc = newsclean("clean", input=BODY[0].encode(), stdout=full)
    assert proc.returncode == 1
    assert proc.stderr.decode().strip() == "newsclean: error: cannot write to stdout: No space left on device"
    closed = newsclean("clean", input=BODY[0].encode(), preexec_fn=lambda: os.close(1))
    assert closed.returncode == 1
    assert closed.stderr.decode().strip().startswith("newsclean: error: stdout is closed")


def test_a_symlink_loop_in_src_is_passed_over(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "story.txt").write_text("\n".join(BODY) + "\n", encoding="utf-8")
    (src / "self").symlink_to("self")
    (src / "a").symlink_to("b")
    (src / "b").symlink_to("a")
    result = invoke(["batch", str(src), "-o", str(tmp_path / "out"), "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "story.txt").read_text(encoding="utf-8").splitlines() == BODY


def test_a_file_name_that_is_not_utf8_goes_into_the_report_and_the_rest_follow(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    odd = Path(src / "caf\udce9.txt")  # the bytes b"caf\xe9.txt": a Latin-1 file name
    for name in (odd, src / "b.txt", src / "c.txt"):
        name.write_text(BODY[0] + "\n", encoding="utf-8")
    report = tmp_path / "report.jsonl"
    result = invoke(["batch", str(src), "-o", str(tmp_path / "out"), "--report", str(report), "-q", "-j", "1",
                     "--no-site-boilerplate"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["path"] for r in rows) == sorted(["b.txt", "c.txt", odd.name])


def test_a_report_or_an_output_folder_in_an_unwritable_place_fails_before_any_work(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(BODY[0] + "\n", encoding="utf-8")
    blocker = tmp_path / "a-file"  # a path under a file cannot be created, whoever runs the test
    blocker.write_text("x")
    report = invoke(["batch", str(src), "-o", str(tmp_path / "out"), "--report", str(blocker / "r.jsonl")])
    assert report.exit_code == 1 and report.output.startswith("newsclean: error: ")
    assert not (tmp_path / "out" / "a.txt").exists()
    output = invoke(["batch", str(src), "-o", str(blocker / "out")])
    assert output.exit_code == 2 and output.output.startswith("newsclean: error: ")


# -- 2 and 9: corpus folders and schedulers ----------------------------------------------------
@pytest.fixture
def shards(tmp_path) -> Path:
    pytest.importorskip("distributed", reason="needs pip install -e '.[corpus]'")
    folder = tmp_path / "shards"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"id": 1, "text": BODY[0]}) + "\n", encoding="utf-8")
    return folder


def test_a_corpus_output_folder_that_holds_or_sits_in_the_inputs_is_refused(shards):
    before = (shards / "a.jsonl").read_bytes()
    for out in (shards, shards / "clean"):
        result = invoke(["corpus", str(shards), "-o", str(out), "--force", "--workers", "1"])
        assert result.exit_code == 2 and "write elsewhere" in result.output
    assert sorted(p.name for p in shards.iterdir()) == ["a.jsonl"]
    assert (shards / "a.jsonl").read_bytes() == before


def test_a_scheduler_address_that_is_no_address_is_a_one_line_error(shards, tmp_path):
    result = invoke(["corpus", str(shards), "-o", str(tmp_path / "out"), "--scheduler", "notaurl"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "cannot reach the Dask scheduler at notaurl" in result.output


def test_a_scheduler_address_where_an_http_server_answers_is_a_one_line_error(shards, tmp_path, monkeypatch):
    import http.server
    import threading

    from newsclean.runners.corpus import engine

    monkeypatch.setattr(engine, "CONNECT_SECONDS", 2)
    class Quiet(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = invoke(["corpus", str(shards), "-o", str(tmp_path / "out"), "--scheduler",
                         f"tcp://127.0.0.1:{server.server_port}"])
    finally:
        server.shutdown()
    assert result.exit_code == 2
    assert result.output.startswith("newsclean: error: ") and result.output.count("\n") == 1


# -- 6: Unicode normalisation ------------------------------------------------------------------
def test_combining_marks_stay_inside_their_words():
    from newsclean.core.text import words

    assert words("दिल्ली में आज बारिश हुई") == ("दिल्ली", "में", "आज", "बारिश", "हुई")
    assert words(unicodedata.normalize("NFD", "Le comité a décidé")) == tuple(
        unicodedata.normalize("NFD", w) for w in ("Le", "comité", "a", "décidé"))


def test_text_in_nfd_is_judged_as_in_nfc_and_comes_out_as_it_came_in():
    import newsclean as nc

    text = "\n".join([*BODY, "Folgen Sie uns auf Facebook, Instagram und WhatsApp für mehr Nachrichten!",
                      "Über die Straße wird im Frühjahr erneut abgestimmt, kündigte die Verwaltung an."]) + "\n"
    nfd = unicodedata.normalize("NFD", text)
    composed, decomposed = nc.clean(text), nc.clean(nfd)
    assert [v.kept for v in decomposed.verdicts] == [v.kept for v in composed.verdicts]
    assert decomposed.text == unicodedata.normalize("NFD", composed.text)  # the input's own code points
    assert all(line in nfd.splitlines() for line in decomposed.text.splitlines())


def test_dev_pages_in_nfd_keep_the_same_lines_as_in_nfc():
    import newsclean as nc

    manifest = DEV / "manifest.jsonl"
    if not manifest.is_file():
        pytest.skip(f"dev pages not found at {DEV} (../shared is not beside this checkout)")
    differ, tried = [], 0
    for line in manifest.read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        text = unicodedata.normalize("NFC", (DEV / "docs" / f"{page['id']}.para.txt").read_text(encoding="utf-8"))
        nfd = unicodedata.normalize("NFD", text)
        if page.get("lang") not in ("de", "fr", "es") or nfd == text:
            continue
        tried += 1
        if [v.kept for v in nc.clean(nfd).verdicts] != [v.kept for v in nc.clean(text).verdicts]:
            differ.append(page["id"])
        if tried == 25:
            break
    assert tried == 25 and differ == []


# -- 12: what a user meets -----------------------------------------------------------------------
@pytest.mark.parametrize("users_less, expected", [(None, "FRX"), ("-S", "-S")])
def test_the_diff_pager_shows_colours_unless_the_user_set_less(tmp_path, monkeypatch, users_less, expected):
    import pydoc

    from rich.console import Console

    for n in range(2):
        (tmp_path / f"{n}.txt").write_text("\n".join([*BODY, "Advertisement"]) + "\n", encoding="utf-8")
    seen = []
    monkeypatch.setattr(pydoc, "pager", lambda text: seen.append((os.environ.get("LESS"), text)))
    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))
    if users_less is None:
        monkeypatch.delenv("LESS", raising=False)
    else:
        monkeypatch.setenv("LESS", users_less)
    result = invoke(["diff", str(tmp_path), "--color"])
    assert result.exit_code == 0, result.output
    assert seen and seen[0][0] == expected and "\x1b[" in seen[0][1]


def test_explain_at_80_columns_shows_every_line_whole():
    long_line = ("Der Gemeinderat hat am Dienstag nach einer langen und teils hitzigen Debatte über die "
                 "Finanzierung beschlossen, die Brücke über den Fluss bis zum Herbst zu sanieren.")
    result = CliRunner(env={"COLUMNS": "80"}).invoke(cli, ["clean", "--explain", "--no-color"],
                                                      input=long_line + "\n" + BODY[1] + "\n")
    assert result.exit_code == 0
    shown = " ".join(result.stdout.split())
    assert "…" not in result.stdout
    for word in long_line.split():
        assert word in shown


# -- 14: packed input ----------------------------------------------------------------------------
def test_gzip_and_zstd_input_is_unpacked_by_clean_diff_and_batch(tmp_path):
    import gzip

    zstandard = pytest.importorskip("zstandard", reason="needs pip install -e '.[corpus]'")
    text = "\n".join([*BODY, "Advertisement"]) + "\n"
    page = f"<html><body><article><p>{BODY[0]}</p><p>{BODY[1]}</p></article></body></html>".encode()
    src = tmp_path / "src"
    src.mkdir()
    (src / "story.txt.gz").write_bytes(gzip.compress(text.encode()))
    (src / "story.txt.zst").write_bytes(zstandard.ZstdCompressor().compress(text.encode()))
    (src / "page.html.gz").write_bytes(gzip.compress(page))
    for name in ("story.txt.gz", "story.txt.zst", "page.html.gz"):
        result = invoke(["clean", str(src / name)])
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines() == BODY
    assert "Advertisement" in invoke(["diff", str(src / "story.txt.zst"), "--no-color"]).stdout
    batch = invoke(["batch", str(src), "-o", str(tmp_path / "out"), "-q", "-j", "1", "--no-site-boilerplate"])
    assert batch.exit_code == 0, batch.output
    assert gzip.decompress((tmp_path / "out" / "story.txt.gz").read_bytes()).decode().splitlines() == BODY
    unpacked = zstandard.ZstdDecompressor().decompress((tmp_path / "out" / "story.txt.zst").read_bytes())
    assert unpacked.decode().splitlines() == BODY


def test_a_gzip_bomb_is_refused_as_it_unpacks(tmp_path):
    import gzip

    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 20_000_000))
    assert bomb.stat().st_size < 100_000
    result = invoke(["clean", str(bomb), "--max-bytes", "1000000"])
    assert result.exit_code == 1
    assert result.output == "newsclean: error: input unpacks to over 1,000,000 bytes, the limit (see --max-bytes)\n"


# -- 17: the cache folder --------------------------------------------------------------------------
def test_the_cache_keeps_only_the_newest_entries_of_each_kind(tmp_path, monkeypatch):
    from newsclean import cache

    monkeypatch.setenv("NEWSCLEAN_CACHE", str(tmp_path))
    for n in range(6):  # six virtual environments, say, each with its own key
        assert cache.cached("stopwords", f"key {n}", lambda n=n: n, __file__) == n
    assert len(list(tmp_path.glob("stopwords-*.marshal"))) == cache.KEEP_PER_KIND
    assert cache.cached("stopwords", "key 5", lambda: "built again", __file__) == 5  # the newest stays
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_processes_started_together_on_an_empty_cache_give_identical_output(tmp_path):
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt")))
    env = {**os.environ, "NEWSCLEAN_CACHE": str(tmp_path / "cache")}
    procs = [subprocess.Popen([sys.executable, "-m", "newsclean", "clean", "--format", "jsonl"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**env, "PYTHONHASHSEED": str(k)}) for k in range(4)]
    outputs = {proc.communicate(text.encode())[0] for proc in procs}
    assert all(proc.returncode == 0 for proc in procs)
    warm = newsclean("clean", "--format", "jsonl", input=text.encode(), env=env).stdout
    assert outputs == {warm} and b'"kept": false' in warm
    assert len(list((tmp_path / "cache").glob("stopwords-*.marshal"))) == 1


# -- 18: flags mean the same everywhere ------------------------------------------------------------
def test_version_filters_format_and_contradictory_presets():
    assert invoke(["-V"]).stdout.startswith("newsclean ")
    as_format = invoke(["filters", "--format", "json"])
    assert as_format.exit_code == 0 and json.loads(as_format.stdout) == json.loads(invoke(["filters", "--json"]).stdout)
    both = invoke(["clean", "--precision", "--recall"], input=BODY[0])
    assert both.exit_code == 2 and "--precision and --recall contradict each other" in both.output
    assert invoke(["clean", "--precision"], input=BODY[0]).stdout.strip() == BODY[0]


def test_clean_takes_several_files_and_diff_reads_stdin(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(BODY[0] + "\nAdvertisement\n", encoding="utf-8")
    second.write_text(BODY[1] + "\n", encoding="utf-8")
    both = invoke(["clean", str(first), str(second)])
    assert both.exit_code == 0 and both.stdout.splitlines() == BODY
    documents = invoke(["clean", str(first), str(second), "--format", "json"]).stdout.splitlines()
    assert [json.loads(d)["source"] for d in documents] == [str(first), str(second)]
    missing = invoke(["clean", str(first), str(tmp_path / "nope.txt"), str(second)])
    assert missing.exit_code == 1 and missing.stdout.splitlines() == BODY
    assert "1 of 3 inputs could not be cleaned" in missing.stderr
    kept = tmp_path / "kept.txt"
    kept.write_text("an earlier result\n", encoding="utf-8")
    none = invoke(["clean", str(tmp_path / "nope.txt"), str(tmp_path / "nada.txt"), "-o", str(kept)])
    assert none.exit_code == 1 and kept.read_text(encoding="utf-8") == "an earlier result\n"
    diff = invoke(["diff", "--no-color"], input=first.read_text(encoding="utf-8"))
    assert diff.exit_code == 0 and "-Advertisement" in diff.stdout


def test_jobs_and_workers_name_one_option_in_batch_and_corpus():
    for command in ("batch", "corpus"):
        help_text = invoke([command, "--help"]).stdout
        assert "-j, --jobs, --workers" in help_text


def test_corpus_progress_counts_documents_as_workers_finish_them(tmp_path):
    distributed = pytest.importorskip("distributed", reason="needs pip install -e '.[corpus]'")
    from newsclean.runners.corpus import CorpusPlan, run_corpus

    shard = tmp_path / "one.jsonl"
    shard.write_text("".join(json.dumps({"id": n, "text": f"{BODY[n % 2]} ({n})"}) + "\n" for n in range(250)),
                     encoding="utf-8")
    heard: list[int] = []
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        results = list(run_corpus([shard], CorpusPlan(out_dir=tmp_path / "out", settings=Settings()), client,
                                  heard.append))
        for _ in range(50):  # events travel through the scheduler: give the last one a moment
            if sum(heard) == 250:
                break
            time.sleep(0.1)
    assert results[0].records == 250
    assert heard == [100, 100, 50]


# -- 11: hostile sizes -----------------------------------------------------------------------------
def test_a_document_over_its_time_budget_is_passed_through_unchanged_with_a_warning(tmp_path):
    import newsclean as nc

    text = "\n".join([*BODY, "Advertisement"] * 300) + "\n"
    over = nc.clean(text, time_budget=1e-9)
    assert over.text == text and over.passed_through.startswith("over the time budget")
    assert nc.clean(text).text != text
    result = invoke(["clean", "--time-budget", "0.000001"], input=text)
    assert result.exit_code == 0 and result.stdout == text
    assert "over the time budget of 1e-06 s: passed through unchanged" in result.stderr
    src = tmp_path / "src"
    src.mkdir()
    (src / "long.txt").write_text(text, encoding="utf-8")
    report = tmp_path / "r.jsonl"
    batch = invoke(["batch", str(src), "-o", str(tmp_path / "out"), "--time-budget", "0.000001", "-q",
                    "--report", str(report)])
    assert batch.exit_code == 0 and "passed through: long.txt: over the time budget" in batch.stderr
    assert (tmp_path / "out" / "long.txt").read_text(encoding="utf-8") == text
    assert json.loads(report.read_text())["status"] == "passed"


@pytest.mark.parametrize("find_work", [0, 1 << 40], ids=["automaton", "find"])
def test_occurrences_finds_long_and_prefix_sharing_needles_in_repetitive_text(monkeypatch, find_work):
    """The same places, by the automaton and needle by needle (``MAX_FIND_WORK``); a long needle
    given up on in repetitive text by both."""
    from newsclean.core import occurrences as module
    from newsclean.core.occurrences import MAX_PREFIX_CHARS, occurrences

    monkeypatch.setattr(module, "MAX_FIND_WORK", find_work)
    shared = "x" * MAX_PREFIX_CHARS
    haystack = "intro\n" + "word " * 20_000 + "\n" + shared + "b end\n" + shared + "a end"
    found = occurrences(["word " * 10_000, shared + "a", shared + "b", "absent", "end", "word " * 60 + "x"],
                        haystack)
    assert "word " * 60 + "x" not in found
    assert occurrences(["word"], haystack, limit=len(haystack))["word"] == [6 + 5 * k for k in range(20_000)]
    assert found["word " * 10_000] == [6, 11]
    assert found[shared + "a"] == [haystack.index(shared + "a")]
    assert found[shared + "b"] == [haystack.index(shared + "b")]
    assert found["end"] == [haystack.index("end"), haystack.rindex("end")]
    assert "absent" not in found
