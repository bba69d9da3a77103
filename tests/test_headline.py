"""The headline (#35): found in text and in a page, named as the title (library, --explain, json,
jsonl, corpus records), never debris; --with-title puts it first. And no line is dropped by
reference to a line that is itself dropped."""

from __future__ import annotations

import json

from click.testing import CliRunner

import newsclean
from newsclean.cli import cli
from newsclean.filters.base import line_filter
from newsclean.filters.duplicates import Duplicates

HEADLINE = "Council approves new budget for the city's primary schools"
ARTICLE = [
    f"{HEADLINE} | Education | The Northgate Gazette",
    "Home",
    "Education",
    HEADLINE,
    "The city council approved a new budget for its primary schools on Tuesday, adding money for teachers, "
    "books and repairs to school buildings after years of cuts.",
    "The budget gives every primary school in the city more money for teachers next year, the council said, "
    "and sets aside funds for repairs to the oldest buildings.",
    "Parents welcomed the decision but said the schools would need more help to make up for the cuts of the past "
    "decade, when classes grew and buildings fell into disrepair.",
]
TEXT = "\n".join(ARTICLE) + "\n"
BARRED = "\n".join(ARTICLE[:3] + ARTICLE[4:]) + "\n"  # the headline only in the title bar
PAGE = f"""<!doctype html><html><head><title>{HEADLINE} - The Northgate Gazette</title>
<meta property="og:title" content="{HEADLINE}"><meta name="author" content="Jane Smith">
<meta property="article:published_time" content="2025-03-04T09:30:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/education">Education</a></nav>
<article><h1>{HEADLINE}</h1>
<p>{ARTICLE[4]}</p><p>{ARTICLE[5]}</p><p>{ARTICLE[6]}</p></article>
<footer>© 2025 The Northgate Gazette</footer></body></html>"""


def invoke(args, input=None):
    return CliRunner().invoke(cli, args, input=input, catch_exceptions=False)


def test_a_headline_under_its_title_bar_is_the_title_not_a_line_contained_in_a_dropped_one():
    result = newsclean.clean(TEXT)
    assert result.title == HEADLINE
    verdict = result.verdicts[3]
    assert verdict.role == "title" and verdict.drop is None
    assert result.verdicts[0].drop is not None and not result.verdicts[0].role  # the title bar is debris
    assert ARTICLE[4] in result.text


def test_a_headline_only_in_the_title_bar_leaves_the_body_as_the_title_not_as_debris():
    result = newsclean.clean(BARRED)
    assert result.title == HEADLINE
    verdict = result.verdicts[0]
    assert verdict.role == "title" and (verdict.drop.filter, verdict.drop.reason) == ("headline", "title")
    assert HEADLINE not in result.text and ARTICLE[4] in result.text  # the default output is the body
    assert "headline" not in result.summary()["drops"]  # leaving the body as the title is no removal
    assert all(d.filter != "headline" for d in result.drops)


def test_json_jsonl_and_explain_name_the_headline():
    document = json.loads(invoke(["clean", "--format", "json"], input=BARRED).stdout)
    assert document["title"] == HEADLINE
    assert "headline" not in document["stats"]["by_filter"]
    records = [json.loads(line) for line in invoke(["clean", "--format", "jsonl"], input=TEXT).stdout.splitlines()]
    assert [r["line"] for r in records if r["role"] == "title"] == [4]
    explained = invoke(["clean", "--explain"], input=TEXT).stdout.splitlines()
    assert explained[3].split("\t")[1] == "title" and explained[3].endswith(HEADLINE)


def test_with_title_puts_the_headline_on_the_first_line():
    plain = invoke(["clean"], input=BARRED).stdout
    assert HEADLINE not in plain
    assert invoke(["clean", "--with-title"], input=BARRED).stdout == f"{HEADLINE}\n{plain}"
    # Already the first line: not twice.
    assert invoke(["clean", "--with-title"], input=TEXT).stdout.count(HEADLINE) == 1
    markdown = invoke(["clean", "--with-title", "--format", "markdown"], input=PAGE).stdout
    assert markdown.startswith(f"# {HEADLINE}\n\n") and markdown.count(HEADLINE) == 1 and ARTICLE[4] in markdown


def test_a_page_gives_its_headline_author_and_date(tmp_path):
    page = tmp_path / "story.html"
    page.write_text(PAGE, encoding="utf-8")
    document = json.loads(invoke(["clean", str(page), "--format", "json"]).stdout)
    assert (document["title"], document["author"], document["date"]) == (HEADLINE, "Jane Smith", "2025-03-04")
    assert ARTICLE[5] in document["text"]


def test_corpus_records_name_the_headline():
    from newsclean.runners.corpus.records import clean_records

    [record] = clean_records([{"id": 1, "text": TEXT}])
    assert record["newsclean"]["title"] == HEADLINE


@line_filter("share_bar", "Proposes the share bar (a stand-in for any filter that runs after duplicates).")
def share_bar(doc):
    for i in doc.content:
        if doc.lines[i].startswith("Share All sharing options for:"):
            yield newsclean.Drop(i, "share_bar")


def test_no_line_goes_as_contained_in_a_line_that_goes_too():
    quote = "The council will meet again in May to decide on the budget for secondary schools."
    text = f"Share All sharing options for: {quote}\n{quote}\nAnother paragraph of the article follows here.\n"
    result = newsclean.clean(text, filters=[Duplicates(), share_bar()])
    assert not result.verdicts[0].kept
    assert result.verdicts[1].kept and result.verdicts[1].drop is None
    # A longer line that stays still takes the line it contains.
    kept_host = newsclean.clean(f"Read this: {quote}\n{quote}\n", filters=[Duplicates(), share_bar()])
    assert kept_host.verdicts[1].drop.reason == "contained_in_longer_line"


def _special_lines() -> list[str]:
    """Lines around every character whose casefold is not itself, every combining mark and joiner,
    and a few whole lines: where a line's words and its fold's could part."""
    import sys

    odd = [c for c in map(chr, range(sys.maxunicode + 1)) if c.casefold() != c or "\u0300" <= c <= "\u036f"]
    lines = [form.format(c) for c in [*odd, "'", "’", "-", "_"] for form in ("x{}y", "{} z", "a-{}b", "Ab {0}{0} cd")]
    return [*lines, HEADLINE, ARTICLE[0], "İstanbul'da DON'T", "ﬁnal Straße", "Ca\u0345fé", "日本語のテキスト", "—", ""]


def test_a_line_that_folds_to_a_key_has_no_more_words_than_the_key():
    """The headline reads for their first word only the lines with no more words than a key:
    never a line that folds to it (``Folded.lines_of`` against its definition)."""
    from newsclean.core.headline import Folded, fold
    from newsclean.core.text import words

    lines = _special_lines()
    assert all(len(words(line)) <= len(fold(line).split()) for line in lines)
    content = list(range(len(lines)))
    folded = Folded(lines, content)
    folds = [fold(line) for line in lines]
    for key in sorted(set(folds), key=len)[::7]:  # short keys first: the lines read grow key by key
        assert folded.lines_of(key) == [i for i in content if folds[i] == key]
