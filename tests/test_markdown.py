"""Markdown input: judged by its text, kept or dropped as written; lines that are all link go."""

import textwrap

import pytest

import newsclean
from newsclean.inputs.markdown import is_markdown, link_share, plain

MENU = [
    "* [Home](https://example.com/)",
    "* [Politics](https://example.com/politics/ \"Politics\")",
    "* [Sport](https://example.com/sport/)",
    "* [Culture](https://example.com/culture/)",
]
ARTICLE = [
    "# Town approves depot plan",
    "",
    "The council voted on Tuesday to convert the disused rail depot into four hundred homes, after a "
    "[debate](https://example.com/debate) that lasted well into the night.",
    "",
    "![The old engine shed](https://cdn.example.com/shed.jpg)",
    "",
    "Under the plan, the developer will keep the **old engine shed** and turn it into a covered market "
    "with room for sixty stalls, a café and a workshop for the rail museum.",
    "",
    "Construction is expected to start next spring and to take about three years, the mayor said, "
    "adding that the first families could move in before the end of the decade.",
    "",
]
RELATED = [
    "## More from Northgate",
    "",
    "* [Harbour works delayed until autumn](https://example.com/harbour)",
    "* [New bus timetable starts on Monday](https://example.com/bus)",
    "* [Library extends its opening hours](https://example.com/library)",
]


@pytest.mark.parametrize(("line", "text"), [
    ("* [Sport](https://example.com/sport/ \"Sport\")", "Sport"),
    ("![A crane lifts the roof](https://cdn.example.com/a_(1).jpg) Photo: dpa", "A crane lifts the roof Photo: dpa"),
    ("## The **new** plan", "The new plan"),
    ("> She said: *we will build it*.", "She said: we will build it."),
    ("1. Preheat the oven to 200 \\*C", "Preheat the oven to 200 *C"),
    ("Read the [full report][1] and <https://example.com/report>", "Read the full report and https://example.com/report"),
    ("* * *", ""),
    ("snake_case_name and 2*3*4", "snake_case_name and 2*3*4"),
])
def test_plain_is_what_a_reader_sees(line, text):
    assert plain(line) == text


def test_link_share_counts_the_text_inside_links():
    assert link_share("* [Sport](https://example.com/sport/)") == 1.0
    assert link_share("The council voted after a [debate](https://example.com/d) that lasted all night.") < 0.2
    assert link_share("![](https://cdn.example.com/a.jpg)") == 0.0


@pytest.mark.parametrize(("lines", "expected"), [
    (MENU + ARTICLE, True),
    (["The council met.", "Read more at [our site](https://example.com).", "# Bitcoin", "# Wirtschaft"], False),
    (["Prices rose 3% [sic] (estimated) in March."] * 5, False),
])
def test_markdown_is_told_by_its_links(lines, expected):
    assert is_markdown(lines) is expected


def test_menu_and_related_links_go_and_the_article_stays_as_written():
    text = "\n".join([*MENU, "", *ARTICLE, *RELATED]) + "\n"
    result = newsclean.clean(text)
    assert result.text == "\n".join(ARTICLE).rstrip("\n") + "\n"
    reasons = {v.text: (v.drop.filter, v.drop.reason) for v in result.verdicts if v.drop}
    assert reasons[MENU[0]] == ("menus", "navigation_link")  # "Home" is a navigation link first
    assert all(reasons[line] == ("links", "all_link") for line in MENU[1:])
    assert set(RELATED) - {""} <= set(reasons)


def test_plain_text_has_no_link_shares_and_no_links_drops():
    text = "\n".join(plain(line) for line in [*MENU, "", *ARTICLE]) + "\n"
    assert all(d.filter != "links" for d in newsclean.clean(text).drops)


def test_wrapped_markdown_is_judged_a_paragraph_at_a_time_links_and_all():
    # As html2text writes by default: paragraphs wrapped at a width, links broken across lines.
    related = "\n".join(textwrap.fill(line, 40, subsequent_indent="  ") for line in RELATED if line)
    article = "\n\n".join(textwrap.fill(line, 40) for line in ARTICLE if line)
    text = "\n".join(MENU) + "\n\n" + article + "\n\n" + related + "\n"
    assert any("[" in line and "](" not in line for line in related.splitlines())  # a link broken across lines
    result = newsclean.clean(text)
    assert result.text == article + "\n"
    assert {v.drop.filter for v in result.verdicts if v.drop and v.text in related} <= {"links", "teasers"}
