"""Hard-wrapped text: a paragraph's lines are judged together and share one verdict."""

import textwrap

import pytest

import newsclean
from newsclean.core.wrapping import MAX_OVERLONG_SHARE, continuations

PARAGRAPHS = [
    "Town approves depot plan",
    "The council voted on Tuesday to convert the disused rail depot into four hundred homes for "
    "families, after a debate that lasted well into the night.",
    # Wrapped, this sentence ends in a fragment that alone reads as a list of platforms.
    "The mayor said residents had followed the debate on the council's accounts on Facebook, Twitter and "
    "Instagram.",
    "Under the plan, the developer will keep the old engine shed and turn it into a covered market "
    "with room for sixty stalls, a café and a workshop for the rail museum.",
    "Get your daily dose of local news, analysis and events in your inbox: sign up for our free "
    "newsletter today.",
    "Construction is expected to start next spring and to take about three years, the mayor said, "
    "adding that the first families could move in before the end of the decade.",
]


def wrap(paragraphs: list[str], width: int, separator: str = "\n\n") -> str:
    return separator.join(textwrap.fill(p, width) for p in paragraphs) + "\n"


@pytest.mark.parametrize("width", [60, 72, 78])
def test_the_lines_of_a_wrapped_paragraph_point_to_its_first_line(width):
    lines = wrap(PARAGRAPHS, width).splitlines()
    heads = continuations(lines)
    assert heads
    for i, head in heads.items():
        assert head < i and all(lines[k].strip() for k in range(head, i + 1))
        assert head == 0 or not lines[head - 1].strip()  # a paragraph starts after a blank line


@pytest.mark.parametrize("text", [
    "\n".join(PARAGRAPHS) + "\n",  # one paragraph a line
    "Home\nNews\nSport\nWeather\nContact us\n",
    # Sentences of one length, a line each: every break fits a width, but each line ends a sentence.
    "".join(f"Paragraph number {n} of a long article about the city budget and its many items.\n"
            for n in range(20)) + "Advertisement\n",
    "",
])
def test_text_written_a_paragraph_a_line_is_not_joined(text):
    assert continuations(text.splitlines()) == {}


@pytest.mark.parametrize("long_lines, wrapped", [(0, True), (1, True), (2, False)])
def test_wrapped_text_with_a_few_long_lines_is_still_wrapped(long_lines, wrapped):
    """Up to a tenth of the lines may run past any wrap width (a URL, a table row); past that the
    text reads as written a paragraph a line."""
    lines = wrap(PARAGRAPHS, 72).splitlines()  # 14 lines
    row = "| " + " | ".join(["cell"] * 30) + " |"  # a table row past every width
    assert (long_lines / (14 + long_lines) <= MAX_OVERLONG_SHARE) is wrapped
    assert bool(continuations([*[row] * long_lines, "", *lines])) is wrapped


@pytest.mark.parametrize("separator", ["\n\n", "\n"])
def test_a_wrapped_promo_goes_whole_and_the_wrapped_body_stays_byte_for_byte(separator):
    text = wrap(PARAGRAPHS, 72, separator)
    result = newsclean.clean(text, skip=["judge"])  # the proposals as they are: the rules see whole paragraphs
    promo = textwrap.fill(PARAGRAPHS[4], 72).splitlines()
    dropped = [v for v in result.verdicts if v.drop]
    assert [v.text for v in dropped] == promo
    assert {(v.drop.filter, v.drop.reason) for v in dropped} == {("promo", "newsletter_prompt")}
    body = [p for k, p in enumerate(PARAGRAPHS) if k != 4]
    assert result.text == wrap(body, 72, separator)


def test_unwrapped_the_same_promo_is_dropped_the_same_way():
    result = newsclean.clean("\n".join(PARAGRAPHS) + "\n", skip=["judge"])
    assert [(d.filter, d.reason) for d in result.drops] == [("promo", "newsletter_prompt")]


@pytest.mark.parametrize("width", [60, 72])
def test_the_judge_gives_a_wrapped_paragraph_the_verdict_of_the_same_paragraph_unwrapped(width):
    unwrapped = newsclean.clean("\n".join(PARAGRAPHS) + "\n")
    wrapped = newsclean.clean(wrap(PARAGRAPHS, width))
    by_paragraph = [v for v in wrapped.verdicts if v.text.strip()]
    heads = [next(v for v in by_paragraph if v.text == textwrap.fill(p, width).splitlines()[0]) for p in PARAGRAPHS]
    assert [v.kept for v in heads] == [v.kept for v in unwrapped.verdicts]
    assert [round(v.p_body, 6) for v in heads] == [round(v.p_body, 6) for v in unwrapped.verdicts]


def test_the_seed_hard_wrapped_cleans_to_the_expected_paragraphs(seed):
    text, expected = seed
    result = newsclean.clean(wrap(text.splitlines(), 60))
    kept = [" ".join(block.split()) for block in result.text.split("\n\n") if block.strip()]
    assert kept == [line for line in expected.splitlines() if line.strip()]
