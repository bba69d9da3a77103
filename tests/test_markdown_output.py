"""`--format markdown`: a page's kept article as Markdown, whose text is the plain output's."""

import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean.cli import cli
from newsclean.inputs.markdown import escape, plain
from newsclean.report.render import TABLE_RULE

# A page of our own: a story with a list, a table, a link and emphasis, under a menu, over a footer.
PAGE = (Path(__file__).parent.parent / "samples" / "en-tour.html").read_text(encoding="utf-8")


def run(args, data):
    result = CliRunner().invoke(cli, args, input=data)
    assert result.exit_code == 0, result.output
    return result.stdout


def text_of(markdown: str) -> list[str]:
    """The Markdown's text, syntax stripped: blank lines and table rules are syntax only."""
    return [" ".join(plain(line).split()) for line in markdown.splitlines()
            if line.strip() and not TABLE_RULE.match(line.strip())]


def test_markdown_keeps_headings_lists_tables_links_and_emphasis():
    markdown = run(["clean", "--format", "markdown"], PAGE.encode())
    lines = markdown.splitlines()
    assert "# The tour comes to town" in lines and "## Where they play" in lines
    assert "- Berlin, Arena, 3 May" in lines and "- Munich, Olympiahalle, 7 May" in lines
    assert any(line.startswith("| City | Tickets from |") for line in lines)
    header = next(k for k, line in enumerate(lines) if line.startswith("| City"))
    assert TABLE_RULE.match(lines[header + 1]) and lines[header + 2].startswith("| Berlin | 45 euros |")
    assert "[fans are advised](https://news.example.org/tickets/how-to-buy)" in markdown
    assert "**band's label**" in markdown and "*last*" in markdown
    assert "Home" not in markdown and "All rights reserved" not in markdown


def test_the_markdown_reads_as_the_plain_output_line_for_line():
    markdown = run(["clean", "--format", "markdown"], PAGE.encode())
    text = run(["clean"], PAGE.encode())
    assert text_of(markdown) == [" ".join((plain(line) if line.startswith("|") else line).split())
                                 for line in text.splitlines() if line.strip() and not TABLE_RULE.match(line.strip())]


def test_a_list_item_has_no_list_mark_in_the_plain_text():
    text = run(["clean"], PAGE.encode())
    assert "Berlin, Arena, 3 May" in text.splitlines()


def test_text_input_comes_out_as_cleaned():
    data = "A first paragraph of the story, long enough to be read as body text by anyone.\n"
    assert run(["clean", "--format", "markdown"], data) == run(["clean"], data)


@pytest.mark.parametrize("seed", range(3))
def test_escaped_text_reads_as_itself(seed):
    rng = random.Random(seed)
    marks = "#*_-+<>[]()!`\\|.1 ab:/htp"
    for _ in range(2000):
        text = "".join(rng.choice(marks) for _ in range(rng.randint(1, 12))).strip()
        assert " ".join(plain(escape(text)).split()) == " ".join(text.split()), text
