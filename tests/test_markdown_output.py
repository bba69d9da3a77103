"""`--format markdown`: a page's kept article as Markdown, whose text is the plain output's."""

import random

import pytest
from click.testing import CliRunner

from newsclean.cli import cli
from newsclean.markdown import escape, plain
from newsclean.render import TABLE_RULE

PAGE = """<!DOCTYPE html><html lang="en"><head><title>The tour comes to town</title>
<link rel="canonical" href="https://news.example.org/culture/tour.html"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/culture">Culture</a></li></ul></nav>
<article><h1>The tour comes to town</h1>
<p>The band announced on Monday that its long-awaited tour will visit twelve cities this spring, starting in
Berlin in early May and ending in Lisbon at the beginning of June.</p>
<h2>Where they play</h2>
<ul><li>Berlin, Arena, 3 May</li><li>Hamburg, Stadtpark, 5 May</li><li>Munich, Olympiahalle, 7 May</li></ul>
<p>Tickets go on sale on Friday, the <strong>band's label</strong> said, and
<a href="/tickets/how-to-buy">fans are advised</a> to buy early: the <em>last</em> tour sold out within hours.</p>
<table><tr><th>City</th><th>Tickets from</th></tr><tr><td>Berlin</td><td>45 euros</td></tr>
<tr><td>Hamburg</td><td>42 euros</td></tr></table>
<p>The singer said the band had wanted to play smaller venues again after years of stadium shows, because the
audience is closer and every night feels different.</p>
</article><footer><p>© 2026 Example News. All rights reserved.</p></footer></body></html>"""


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
