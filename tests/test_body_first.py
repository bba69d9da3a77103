"""Body first (#35): in an article, the headline is named as the title (never debris); a section
heading, a dateline lead, a score line and a list item between body paragraphs stay; the same
shapes in a related-stories block below the article go. In English, German and French."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsclean

ARTICLES = Path(__file__).with_name("body_first")


def lines_of(language: str) -> list[str]:
    """An article (tests/body_first/<language>.txt): menu, headline, dateline lead, paragraph,
    section heading, paragraph, list item, paragraph, score line, paragraph, then a
    related-stories block of the same shapes."""
    return (ARTICLES / f"{language}.txt").read_text(encoding="utf-8").splitlines()


# Indices into each article: the headline, the body's short lines, the related block's lines.
LAYOUT = {
    "en": (lines_of("en"), 4, {"dateline": 5, "heading": 7, "list item": 9, "score": 11}, range(13, 19)),
    "de": (lines_of("de"), 3, {"dateline": 4, "heading": 6, "list item": 8, "score": 10}, range(12, 18)),
    "fr": (lines_of("fr"), 3, {"dateline": 4, "heading": 6, "list item": 8, "score": 10}, range(12, 18)),
}


@pytest.mark.parametrize("language", sorted(LAYOUT))
def test_the_headline_is_named_as_the_title_and_never_debris(language):
    lines, headline, _, _ = LAYOUT[language]
    result = newsclean.clean("\n".join(lines) + "\n")
    verdict = result.verdicts[headline]
    assert result.title == lines[headline]
    assert verdict.role == "title" and (verdict.drop is None or verdict.drop.reason == "title")
    assert all(d.reason != "title" for d in result.drops)  # not counted as a removal


@pytest.mark.parametrize("kind", ["dateline", "heading", "list item", "score"])
@pytest.mark.parametrize("language", sorted(LAYOUT))
def test_short_lines_between_body_paragraphs_stay(language, kind):
    lines, _, body, _ = LAYOUT[language]
    result = newsclean.clean("\n".join(lines) + "\n")
    assert result.verdicts[body[kind]].kept
    assert lines[body[kind]] + "\n" in result.text


@pytest.mark.parametrize("language", sorted(LAYOUT))
def test_the_same_shapes_in_a_related_stories_block_go(language):
    lines, _, _, related = LAYOUT[language]
    result = newsclean.clean("\n".join(lines) + "\n")
    assert [k for k in related if result.verdicts[k].kept] == []
    assert all(result.verdicts[k].drop is not None for k in related)
