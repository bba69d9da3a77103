"""Pages laid out with tables, as news sites built them before CSS: script and comments in the
cells, the page in one cell, tables four deep. The article comes out whole, and no script,
comment or layout row does. The pages (tests/pages) are our own, in four languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml.html import fromstring

import newsclean
from newsclean.cli import cli
from newsclean.core.floor import below_floor
from newsclean.inputs.extraction import extract_html, split_layout_rows, with_candidates
from newsclean.inputs.page import PageEvidence, is_data_table, page_blocks
from newsclean.inputs.sources import load

PAGES = sorted((Path(__file__).parent / "pages").glob("*.html"))
# What script and comment text looks like in these pages: none of it may reach the output.
SCRIPT_TEXT = re.compile(r"document\.write|<!--|-->|function\s*\(|\bvar \w+ =|window\.open|OAS_AD|GA_google|Math\.")


def article_paragraphs(html: str) -> list[str]:
    """The page's long stretches of visible text (between tags or line breaks): its article's
    paragraphs (menus, credits and footers are short in these pages)."""
    tree = fromstring(html)
    for hidden in tree.xpath("//script|//style|//noscript"):
        hidden.drop_tree()
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    stretches = (" ".join(part.split()) for text in tree.itertext() for part in text.split("\n"))
    return [stretch for stretch in stretches if len(stretch) >= 100]


def test_pages_cover_three_languages_and_the_four_layouts():
    assert {page.name[:2] for page in PAGES} >= {"en", "de", "fr"}
    for page in PAGES:
        html = page.read_text(encoding="utf-8")
        assert len(article_paragraphs(html)) >= 4, page.name
        assert "document.write" in html and "<table" in html


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_table_layout_page_gives_the_whole_article_and_no_script(page):
    html = page.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["clean", str(page)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for paragraph in article_paragraphs(html):
        assert paragraph in lines, paragraph  # a line of its own, whole
    assert not SCRIPT_TEXT.search(result.output)
    assert not any(line.lstrip().startswith("|") for line in lines), "a layout table's row came out as a line"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_table_layout_page_as_markdown_holds_no_script(page):
    result = CliRunner().invoke(cli, ["clean", str(page), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert not SCRIPT_TEXT.search(result.output)
    assert len(result.output.splitlines()) >= len(article_paragraphs(page.read_text(encoding="utf-8")))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_block_or_candidate_holds_script_or_comment_text(page):
    source = extract_html(page.read_text(encoding="utf-8"))
    assert source.text.strip()
    assert not SCRIPT_TEXT.search(source.text)  # the extracted lines and every candidate


def test_hidden_elements_give_no_text_to_a_block_wherever_they_sit():
    html = """<html><body>
    <p>Before <script>var a = 1;</script>after <noscript>enable scripts</noscript>end.</p>
    <ul><li>Item <style>.x{color:red}</style>one</li></ul>
    <table><tr><td>A <script>document.write('x')</script></td><td>1</td></tr><tr><td>B</td><td>2</td></tr></table>
    <template><p>Template paragraph</p></template>
    <noscript><p>Please enable JavaScript</p></noscript>
    </body></html>"""
    texts = [block.text for block in page_blocks(fromstring(html))]
    assert texts == ["Before after end.", "Item one", "| A | 1 |", "| B | 2 |"]


@pytest.mark.parametrize(("table", "holds_data"), [
    ("<table><tr><th>Team</th><th>Pts</th></tr><tr><td>Leeds</td><td><b>31</b></td></tr></table>", True),
    ("<table><tr><td><p>Best</p></td><td><p>Basic</p></td></tr><tr><td><p>Good</p></td><td>-</td></tr></table>", True),
    ("<table><tr><td><h1>Story</h1><p>Text</p></td><td>Menu</td></tr><tr><td>a</td><td>b</td></tr></table>", False),
    ("<table><tr><td><table><tr><td>x</td></tr><tr><td>y</td></tr></table></td></tr><tr><td>z</td></tr></table>",
     False),
    ("<table><tr><td>Home<br>News</td><td>The whole page in one row</td></tr></table>", False),
])
def test_a_table_holds_data_or_lays_out_the_page(table, holds_data):
    tree = fromstring(f"<html><body>{table}</body></html>")
    assert is_data_table(tree.find(".//table")) is holds_data


def test_a_layout_cell_of_text_alone_gives_a_block_a_stretch_between_line_breaks():
    html = ("<html><body><table><tr><td><a href='/'>Home</a> | <a href='/n'>News</a><br><br>"
            "First paragraph of the story.<br><br>Second paragraph, with a <a href='/x'>link</a>.</td>"
            "<td><p>Side</p></td></tr></table></body></html>")
    blocks = page_blocks(fromstring(html))
    assert [block.text for block in blocks] == [
        "Home | News", "First paragraph of the story.", "Second paragraph, with a link.", "Side"]
    # Link density is the stretch's own ("Home | News": 8 of 11 characters), not the cell's.
    assert [block.linked for block in blocks[:3]] == [8 / 11, 0.0, 4 / 30]
    assert "ld:2" in blocks[0].tokens and "ld:0" in blocks[1].tokens
    assert all(block.in_layout for block in blocks)


def test_a_candidate_never_holds_a_kept_line_nor_outgrows_the_extraction():
    paragraphs = [f"Paragraph {n} of the story about the harbour and its new ferry timetable." for n in range(4)]
    html = ("<html><body><div class='box'><ul><li>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</li></ul></div>"
            "<ul><li>" + " ".join(["A very long promotional block of other things entirely."] * 30) + "</li></ul>"
            "</body></html>")
    blocks = page_blocks(fromstring(html))
    lines, origins = with_candidates(paragraphs[1:3], blocks)
    added = [line for line, origin in zip(lines, origins, strict=True) if not origin.kept]
    assert all(not line.startswith(paragraphs[0][:20] + " " + paragraphs[1][:5]) for line in added)  # not the item
    assert not any(line.startswith("A very long") for line in added)  # larger than the extracted text
    assert paragraphs[0] in added and paragraphs[3] in added  # the item's own paragraphs may come back


def test_a_page_nested_deeper_than_255_levels_loses_nothing():
    """libxml2 stops at 255 levels by default: 150 unclosed blocks used to lose the last 25."""
    html = "<html><body>" + "".join(
        f"<div><font><p>Paragraph number {n} of a long story that nobody closed its tags in.</p>" for n in range(150)
    ) + "</body></html>"
    text = load(html.encode("utf-8")).text
    assert all(f"Paragraph number {n} " in text for n in range(150))


def test_library_cleans_a_table_layout_page_like_the_cli():
    page = next(p for p in PAGES if p.name.startswith("en-"))
    loaded = load(page.read_bytes())
    result = newsclean.clean(loaded.text, from_html=True, page=loaded.page)
    assert result.text == CliRunner().invoke(cli, ["clean", str(page)]).output


# ------------------------------------------------------------------------------------ the floor
def extracted_page(lines: list[str], extracted: list[bool]) -> PageEvidence:
    return PageEvidence([("x:kept" if theirs else "x:missed", "t:p") for theirs in extracted], [-1] * len(lines))


def test_a_page_sized_candidate_line_brings_the_extractors_text_back():
    story = [f"Paragraph {n}: the ferry to the island will run every hour from May, the harbour board said."
             for n in range(5)]
    page_sized = " ".join(["Home News Sport Weather | Terms | Privacy | document menu item"] * 80)
    lines = [story[0], page_sized, *story[1:]]
    extracted = [True, False, True, True, True, True]
    # No judge: every line is kept, so the page-sized candidate would come out.
    result = newsclean.clean("\n".join(lines) + "\n", only=["ads"], from_html=True,
                             page=extracted_page(lines, extracted))
    assert result.text == "\n".join(story) + "\n"
    assert "characters that the extractor left out" in result.fallback
    dropped = [v for v in result.verdicts if v.drop]
    assert [(v.index, v.drop.filter, v.drop.reason) for v in dropped] == [(1, "html", "below_floor")]


def test_the_floor_keeps_an_outcome_that_stays_near_the_extractor():
    story = [f"Paragraph {n}: the ferry to the island will run every hour from May, the harbour board said."
             for n in range(5)]
    lines = [*story, "A short list item the extractor left out"]
    result = newsclean.clean("\n".join(lines) + "\n", only=["ads"], from_html=True,
                             page=extracted_page(lines, [True] * 5 + [False]))
    assert result.fallback == "" and result.text.endswith("left out\n")


def test_keeping_little_of_the_extractors_text_is_no_fall_below_the_floor():
    """The judge may rightly drop most of what the extractor took for the article (a forum)."""
    lines = [f"Sentence {n} of a long article about the river and its bridges." for n in range(40)]
    assert below_floor(lines, [n < 2 for n in range(40)], [True] * 40) == ""


def test_the_fallback_is_said_on_stderr_and_in_json(monkeypatch):
    page = next(p for p in PAGES if p.name.startswith("en-"))
    monkeypatch.setattr("newsclean.pipeline.below_floor", lambda *_: "a reason the test gives")
    result = CliRunner().invoke(cli, ["clean", str(page), "--format", "json"])
    assert result.exit_code == 0
    assert "the extractor's own text: a reason the test gives" in result.stderr
    document = json.loads(result.stdout)
    assert document["stats"]["fallback"] == "a reason the test gives"
    assert all(line["kept"] or line["reason"] == "below_floor" for line in document["lines"] if line["text"].strip())


def test_a_page_nested_past_what_the_parser_reads_says_so(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body><p>The story begins here, before the nesting goes too deep.</p>" + "".join(
        f"<div><font><p>Paragraph number {n} of a long story that nobody closed its tags in.</p>" for n in range(1100)
    ) + "</body></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["clean", str(page)])
    assert result.exit_code == 0
    assert "over 2,047 levels deep" in result.output  # stderr, mixed in
    assert "Paragraph number 1000 " in result.output  # what the parser read still comes out


def test_a_layout_row_the_extractor_cut_short_becomes_its_cells_and_a_data_row_stays():
    html = ("<html><body><table><tr><td>Version:</td><td>9.04 - vom <span>12.02.2020</span></td></tr>"
            "<tr><td><p>Story</p><p>More story</p></td><td>Menu</td></tr></table>"
            "<table><tr><th>Team</th><th>Pts</th></tr><tr><td>Leeds</td><td>31</td></tr></table></body></html>")
    blocks = page_blocks(fromstring(html))
    lines = ["| Version: | 9.04 - vom |", "| Team | Pts |", "| Leeds | 31 |", "|  |  |"]
    assert split_layout_rows(lines, blocks) == ["Version:", "9.04 - vom", "| Team | Pts |", "| Leeds | 31 |"]
