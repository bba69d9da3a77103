"""The command line, through click's CliRunner (and a real process where a pipe matters)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean import __version__, available_filters
from newsclean.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "en-tech-footer.txt"


def invoke(args, input=None):
    return CliRunner().invoke(cli, args, input=input)


def test_piped_input_is_cleaned_by_default(seed):
    text, expected = seed
    result = invoke([], input=text)
    assert result.exit_code == 0
    assert result.stdout == expected


def test_clean_file_to_stdout_and_to_output_file(seed, tmp_path):
    source = tmp_path / "in.txt"
    source.write_text(seed[0], encoding="utf-8")
    assert invoke(["clean", str(source)]).stdout == seed[1]
    out = tmp_path / "out.txt"
    result = invoke(["clean", str(source), "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == seed[1]
    assert source.read_text(encoding="utf-8") == seed[0]


def test_dash_means_stdin_and_stdout():
    text = SAMPLE.read_text(encoding="utf-8")
    result = invoke(["clean", "-", "-o", "-"], input=text)
    assert result.exit_code == 0
    assert "Advertisement" not in result.stdout and "Northgate rail depot" in result.stdout


def test_a_file_argument_without_command_is_cleaned():
    result = invoke([str(SAMPLE)])
    assert result.exit_code == 0 and "Sign up for our free daily newsletter" not in result.stdout


def test_refuses_to_overwrite_its_input(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = source.read_bytes()
    result = invoke(["clean", str(source), "-o", str(source)])
    assert result.exit_code == 1
    assert "refusing to overwrite the input" in result.stderr
    assert source.read_bytes() == before


def test_filters_lists_every_filter_and_json_for_machines():
    result = invoke(["filters"])
    assert result.exit_code == 0
    for name, cls in available_filters().items():
        assert name in result.stdout and cls.description in result.stdout
    rows = json.loads(invoke(["filters", "--json"]).stdout)
    assert [r["name"] for r in rows] == list(available_filters())
    assert {"name", "default", "description", "options"} <= set(rows[0])


def test_only_skip_and_filter_options():
    text = SAMPLE.read_text(encoding="utf-8")
    only_ads = invoke(["clean", "--only", "ads"], input=text).stdout
    assert "Advertisement" not in only_ads and "Sign up for our free" in only_ads
    skip_ads = invoke(["clean", "--skip", "ads,legal,article_end,judge"], input=text).stdout
    assert "Advertisement" in skip_ads and "All rights reserved" in skip_ads
    strict = invoke(["clean", "--only", "teasers", "-F", "teasers:min_relatedness=0"], input=text)
    assert strict.exit_code == 0 and "Local Bakery Wins" in strict.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["--only", "nope"], "unknown filter 'nope' (known: site_boilerplate, ads,"),
    (["--skip", "nope"], "unknown filter 'nope' (known: site_boilerplate, ads,"),
    (["-F", "nope:x=1"], "unknown filter 'nope' (known: site_boilerplate, ads,"),
    (["-F", "teasers:nope=1"], "filter 'teasers' has no option 'nope' (options: "),
    (["-F", "teasers:min_relatedness=high"], "expected float"),
    (["-F", "teasers"], "expected NAME:KEY=VALUE"),
])
def test_bad_filter_choice_is_a_one_line_error_with_exit_2(args, message):
    result = invoke(["clean", *args], input="text\n")
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_version_names_newsclean_and_python():
    result = invoke(["--version"])
    assert result.exit_code == 0
    assert f"newsclean {__version__}" in result.stdout and "Python 3." in result.stdout


def test_empty_input_gives_empty_output():
    result = invoke(["clean"], input="")
    assert result.exit_code == 0 and result.stdout == ""


def test_binary_input_is_a_one_line_error():
    result = invoke(["clean"], input=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert result.exit_code == 1
    assert result.stderr.strip() == "newsclean: error: input looks binary (it contains NUL bytes), not text"


def test_non_utf8_text_is_decoded():
    text = "Der Bürgermeister äußerte sich zur Größe des Projekts, das größer ist als geplant.\nAnzeige\n"
    result = invoke(["clean"], input=text.encode("cp1252"))
    assert result.exit_code == 0
    assert result.stdout == text.replace("Anzeige\n", "")


def test_crlf_survives_the_command_line():
    data = SAMPLE.read_bytes().replace(b"\n", b"\r\n")
    out = invoke(["clean"], input=data).stdout_bytes
    assert b"\r\n" in out and b"\n" not in out.replace(b"\r\n", b"")


@pytest.mark.parametrize("make", ["missing", "directory", "unreadable"])
def test_unreadable_paths_are_one_line_errors(tmp_path, make):
    path = tmp_path / "x.txt"
    if make == "directory":
        path.mkdir()
    elif make == "unreadable":
        path.write_text("text")
        path.chmod(0)
        if os.geteuid() == 0:
            pytest.skip("running as root: file permissions do not stop reads")
    result = invoke(["clean", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("newsclean: error: ") and len(result.stderr.splitlines()) == 1


def test_huge_input_is_refused_with_a_clear_error():
    result = invoke(["clean", "--max-bytes", "100"], input="word " * 100)
    assert result.exit_code == 1 and "over the limit of 100" in result.stderr


def test_every_command_has_help_with_an_example_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        result = invoke([name, "--help"])
        assert result.exit_code == 0 and "Example" in result.stdout, name
        assert f"newsclean {name}" in readme, name


def test_python_dash_m_and_closed_pipe_are_quiet(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(SAMPLE.read_text(encoding="utf-8") * 1500, encoding="utf-8")  # 2 MB: more than a pipe holds
    proc = subprocess.run(
        f"{sys.executable} -m newsclean clean {big} | head -n 1", shell=True, capture_output=True, text=True,
    )
    assert proc.stdout.count("\n") == 1
    assert proc.stderr == ""


def test_plain_text_path_imports_nothing_heavy():
    code = (
        "import sys, io\n"
        "from newsclean.cli import main\n"
        "sys.stdin = io.TextIOWrapper(io.BytesIO(b'Some text.\\nAdvertisement\\n'))\n"
        "try:\n    main(['clean'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('trafilatura', 'lxml', 'justext', 'charset_normalizer', 'rich', 'sqlite3', '_sqlite3')\n"
        "         if m in sys.modules]\n"
        "print(heavy, file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stderr.strip() == "[]"
    assert proc.stdout == "Some text.\n"



def test_a_plain_clean_runs_without_click_and_does_what_the_command_does():
    """`newsclean clean` cleans stdin without click; `newsclean clean -` has click parse the same
    defaults: the same output, messages and exit code, text, bad bytes and binary alike."""
    bad_byte = SAMPLE.read_bytes() + "Café, naïve.\n".encode() + b"A bad \xff byte.\n"
    inputs = (SAMPLE.read_bytes(), bad_byte, bytes(range(256)) * 20)
    said = []
    for data in inputs:
        plain, parsed = (subprocess.run([sys.executable, "-m", "newsclean", *args], input=data, capture_output=True)
                         for args in (["clean"], ["clean", "-"]))
        assert (plain.returncode, plain.stdout, plain.stderr) == (parsed.returncode, parsed.stdout, parsed.stderr)
        said.append(plain.stderr)
    assert said[0] == b"" and b"not valid utf-8" in said[1] and b"binary" in said[2] and plain.returncode == 1
    code = ("import io, sys\nfrom newsclean.cli import main\nsys.stdin = io.TextIOWrapper(io.BytesIO(b'A line.\\n'))\n"
            "try:\n    main(['clean'])\nexcept SystemExit:\n    pass\nprint('click' in sys.modules, file=sys.stderr)\n")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stderr == "False\n"

def test_precision_and_recall_presets_move_the_judges_threshold():
    menu = "Home\nPolitik\nWirtschaft\nSport\nKultur\nRegion\nSuche\nAnmelden\n"
    footer = "Über uns\nKarriere\nMediadaten\nArchiv\nRSS\nHilfe\n"
    article = menu + (ROOT / "samples" / "de-lokal.txt").read_text(encoding="utf-8") + footer
    kept = {name: invoke(["clean", *flags], input=article).stdout.count("\n")
            for name, flags in (("recall", ["--recall"]), ("default", []), ("precision", ["--precision"]))}
    assert kept["recall"] >= kept["default"] >= kept["precision"]
    assert kept["recall"] > kept["precision"]
    explicit = invoke(["clean", "--precision", "--only", "judge", "-F", "judge:threshold=0"], input=article)
    assert explicit.stdout == article  # an explicit option beats the preset


def test_the_markdown_sample_keeps_its_article_as_written_and_explains_the_link_lines():
    source = ROOT / "samples" / "en-markdown.md"
    text = source.read_text(encoding="utf-8")
    article = text[text.index("# City council"):text.index("**[Sign up")].rstrip("\n") + "\n"
    assert invoke(["clean", str(source)]).stdout == article
    explained = invoke(["clean", str(source), "--format", "json"]).stdout
    drops = {line["text"]: line.get("reason") for line in json.loads(explained)["lines"]}
    assert drops["* [Politics](https://northgate.example/politics/)"] == "all_link"


@pytest.mark.parametrize("flags", [["--explain", "--format", "json"], ["--diff", "--explain"],
                                   ["--diff", "--format", "jsonl"]])
def test_contradictory_views_are_a_usage_error(flags):
    result = CliRunner().invoke(cli, ["clean", *flags, str(SAMPLE)])
    assert result.exit_code == 2
    assert "contradict each other" in result.stderr and result.stdout == ""
