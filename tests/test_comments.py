"""Reader comments (#39): the section is found as a section, by its header or, where the scraper
lost the header, by the run of its entries, and its prose goes however on-topic it reads; inside
the article, the same shapes stay: a reader's letter it quotes, a dated timeline, an interview's
speaker names. In English, German and French (tests/comments/<language>.txt, a line each, tagged)."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsclean

PAGES = Path(__file__).with_name("comments")
LANGUAGES = ("de", "en", "fr")
# The bound: at most this share of comment lines kept.
MAX_COMMENTS_KEPT = 0.10


def page(language: str, without_header: bool = False) -> tuple[list[str], list[str]]:
    """The page's lines and each line's tag (menu, title, body, comment, footer)."""
    tagged = [line.split("\t", 1) for line in (PAGES / f"{language}.txt").read_text(encoding="utf-8").splitlines()]
    if without_header:  # the comment count, the section's first line
        first = next(k for k, (tag, _) in enumerate(tagged) if tag == "comment")
        del tagged[first]
    return [text for _, text in tagged], [tag for tag, _ in tagged]


@pytest.mark.parametrize("without_header", [False, True], ids=["with header", "entries alone"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_comment_section_goes_and_the_article_stays_whole(language, without_header):
    lines, tags = page(language, without_header)
    result = newsclean.clean("\n".join(lines) + "\n")
    lost = [v.text for v, tag in zip(result.verdicts, tags, strict=True) if tag == "body" and not v.kept]
    assert lost == []
    comments = [v for v, tag in zip(result.verdicts, tags, strict=True) if tag == "comment"]
    kept = [v.text for v in comments if v.kept]
    assert len(kept) <= MAX_COMMENTS_KEPT * len(comments), kept
    assert result.title == lines[tags.index("title")]


@pytest.mark.parametrize("without_header", [False, True], ids=["with header", "entries alone"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_comments_filter_names_the_section_and_its_entries(language, without_header):
    lines, tags = page(language, without_header)
    result = newsclean.clean("\n".join(lines) + "\n", only=["comments"])
    reasons = {v.index: v.drop.reason for v in result.verdicts if v.drop}
    comments = [k for k, tag in enumerate(tags) if tag == "comment"]
    assert all(tags[k] in ("comment", "footer") for k in reasons)  # nothing of the article
    prose = [k for k in comments if len(lines[k].split()) > 8]
    assert all(reasons.get(k) == "comment_section" for k in prose)
    opening = reasons[comments[0]]
    assert opening == ("comment_byline" if without_header else "comment_header")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_dated_timeline_and_an_interview_early_in_a_page_are_not_comments(language):
    # The article's own entries (a date and a time, a speaker's name and a colon) with prose
    # between them, and no article before them: not late in the page, so no comment section.
    lines, tags = page(language)
    body = [line for line, tag in zip(lines, tags, strict=True) if tag == "body"]
    result = newsclean.clean("\n".join(body[4:] + body[:4]) + "\n", only=["comments"])
    assert result.drops == []


@pytest.mark.parametrize(("language", "header"), [
    ("en", "17 Discussions on this post"), ("de", "Kommentare Schreibe einen Kommentar"),
    ("fr", "Laisser un commentaire"), ("en", "Leave a Reply"), ("en", "Post a Comment"),
])
def test_more_shapes_of_header_open_the_section_late_in_the_page(language, header):
    lines, tags = page(language)
    article = [line for line, tag in zip(lines, tags, strict=True) if tag in ("title", "body")]
    prose = [line for line, tag in zip(lines, tags, strict=True) if tag == "comment" and len(line.split()) > 8]
    result = newsclean.clean("\n".join([*article, header, *prose]) + "\n", only=["comments"])
    assert [(d.index, d.reason) for d in result.drops] == [(len(article), "comment_header")] + [
        (len(article) + 1 + k, "comment_section") for k in range(len(prose))]


# A forum's thread (tests/comments/thread-<language>.txt: its title, then its posts): its first post
# opens with the replies' shape (a handle, a date and a time), and the replies are its content.
@pytest.mark.parametrize("language", ["de", "en"])
def test_a_thread_that_opens_with_an_entry_keeps_its_replies(language):
    title, *posts = (PAGES / f"thread-{language}.txt").read_text(encoding="utf-8").splitlines()
    result = newsclean.clean("\n".join([title, *posts]) + "\n", only=["comments"])
    assert [v.text for v in result.verdicts if v.drop and v.drop.filter == "comments"] == []
    # The same replies under an article with no entry of its own are a comment section.
    article = [title, *posts[1:2] * 6]
    result = newsclean.clean("\n".join(article + posts[2:]) + "\n", only=["comments"])
    assert {v.drop.reason for v in result.verdicts if v.drop} >= {"comment_byline", "comment_section"}
