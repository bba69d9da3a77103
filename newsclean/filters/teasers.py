"""Teasers: headlines of other stories, the labels that introduce them ("Read more:", "Lesen Sie auch"),
and blurbs that end in their own link ("… Weiterlesen →").

A teaser looks like a headline (short, no closing full stop) and talks about something else:
few of its content words occur in the article body. Subheadings of the article share the
body's vocabulary and stay. Teasers come in runs, mostly after the body, so a line after the
body needs less evidence than one inside it.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.article import stems
from ..core.document import Document, Drop
from ..core.text import word_count, words
from ..rules.lexicon import Rule, any_possible, mask_of, words_of
from ..rules.matcher import matcher
from ..rules.regex import compiled
from .base import Filter
from .promo import PROMPTS

# The phrases are in newsclean/rules/phrases/teasers.txt.
TEASER_LABEL = Rule("{teasers.teaser_label}")
MAX_LABEL_WORDS = 6
# A blurb that ends in its own link, after the last sentence: "… in Polsce. [czytaj więcej]", "… Weiterlesen →".
READ_MORE_TAIL = Rule(r"[.!?…:)\]]\s*[\[(»›]?\s*({promo.read_more})\W{0,4}$")
# "Weiterlesen:", "Seguir leyendo:": a continue-reading link that ends in a colon introduces a list.
READ_ON = PROMPTS["continue_reading"]
# Taxonomy lines: "Kategorie: News", "Tags: a, b", "Posted in …".
TAXONOMY = Rule(r"({teasers.taxonomy})\s*:")
MAX_TAXONOMY_WORDS = 20
# "Lesen Sie auch: <headline>", "Czytaj też: <headline>": a label and its teaser on one line.
MAX_LABELLED_TEASER_WORDS = 30
# "Mehr zum Thema Bioenergie Biogas Ökostrom", "Themen Politik Sport Kultur": a label, then its links on
# the same line, with no punctuation between them. Labels that also open names and headlines
# ("Lea", "Watch": [teasers.name_like_label]) label only with a colon.
MAX_LABEL_PREFIX_WORDS = 4
LIST_PUNCTUATION = compiled(r"[.!?,;:。，]")
# Headlines: a few words to a long line's worth, no closing full stop, not a list item or table row.
MIN_HEADLINE_WORDS = 3
MAX_HEADLINE_WORDS = 20
NOT_HEADLINE_START = ("-", "•", "*", "|", "=>", "+", "·", "–")
NOT_HEADLINE_END = (".", "。", ":", ",", ";", "!", "！", "…", "|")
# A line that opens with a quantity and its unit is a list item (an ingredient), not a headline:
# "200 g Mehl", "1 tablespoon ground cinnamon", "2 cucharadas de aceite".
QUANTITY = Rule(r"\d+([.,/]\d+)?\s?[½¼¾⅓⅔]?\s?({teasers.unit})\b")
# Too few content words and "no word in common with the body" happens by chance.
MIN_CONTENT_STEMS = 3
# Share of a headline's content words found in the body, under which it is unrelated.
MIN_RELATEDNESS = 0.25
# Teasers come in runs: after the body two unrelated headlines in a row are enough, elsewhere three.
MIN_RUN_AFTER_BODY = 2
MIN_RUN_ELSEWHERE = 3

LABEL_RULES = mask_of((TEASER_LABEL, READ_ON))
LABEL_POSSIBLE = any_possible((TEASER_LABEL, READ_ON))
# Labels, labelled teasers, taxonomy lines and blurbs each need one of these rules to match.
PHRASE_RULES = mask_of((TEASER_LABEL, READ_ON, TAXONOMY, READ_MORE_TAIL))


def is_teaser_label(line: str, hits: int | None = None) -> bool:
    """ "Read also", "Lesen Sie auch", and "read more" when a colon makes it introduce a list."""
    if not LABEL_POSSIBLE(hits) or word_count(line) > MAX_LABEL_WORDS:
        return False
    label = " ".join(line.split()).strip(" :.…»›>|-–—!?*")  # no-break spaces too
    return bool(TEASER_LABEL.fullmatch(label, hits) or (line.endswith(":") and READ_ON.fullmatch(label, hits)))


def leading_label(line: str, hits: int | None = None) -> str | None:
    """The teaser label a line of links opens with, if it opens with one."""
    if not LABEL_POSSIBLE(hits):  # no prefix can be a label where the whole line cannot hold one
        return None
    found = line.split()
    if LIST_PUNCTUATION.search(line) or not 2 <= len(found) <= MAX_LABELLED_TEASER_WORDS:
        return None
    longest = min(MAX_LABEL_PREFIX_WORDS, len(found) - 1)
    # Nor where the longest prefix cannot: its own scan holds every shorter prefix's.
    prefix_hits = matcher().scan(" ".join(found[:longest]))
    if not LABEL_POSSIBLE(prefix_hits):
        return None
    for k in range(1, longest + 1):
        prefix = " ".join(found[:k])
        if prefix.casefold() not in words_of("teasers.name_like_label") and is_teaser_label(prefix, prefix_hits):
            return prefix
    return None


def ends_open(text: str) -> bool:
    """ "… ist sehr praxisorientiert und": a sentence broken across lines, not a headline. No
    headline ends with an article or a conjunction ([teasers.open_ending]; a verb particle does not
    count: "Wochenmarkt zieht um" is a headline)."""
    found = words(text)
    return bool(found) and found[-1].casefold() in words_of("teasers.open_ending")


def is_headline_shaped(text: str, hits: int | None = None) -> bool:
    stripped = text.strip()
    return (  # the cheapest tests first: a sentence's closing mark turns most lines away
        not stripped.endswith(NOT_HEADLINE_END)
        and "|" not in stripped
        and not stripped.startswith(NOT_HEADLINE_START)
        and MIN_HEADLINE_WORDS <= word_count(stripped) <= MAX_HEADLINE_WORDS
        and not QUANTITY.match(stripped, hits)
    )


class Teasers(Filter):
    name = "teasers"
    description = "Headlines of unrelated stories (mostly in runs after the body), teaser labels and linked blurbs."
    options = {"min_relatedness": MIN_RELATEDNESS, "min_run_after_body": MIN_RUN_AFTER_BODY,
               "min_run_elsewhere": MIN_RUN_ELSEWHERE}

    def propose(self, doc: Document) -> Iterable[Drop]:
        content = doc.content
        article = doc.article
        body, last_body, body_stems = article.body, article.last, article.vocabulary
        stopwords = doc.stopwords
        run: list[tuple[int, str]] = []  # consecutive unrelated headlines
        under_label = False  # inside a run of headlines that a teaser label introduced
        # A label another filter proposed ("Weiterlesen:" as a call to action) still opens its list.
        lines, lists = doc.lines, article.lists
        proposed_labels = [i for i, hits in zip(doc.proposals, doc.hits_of(list(doc.proposals)), strict=True)
                           if hits & LABEL_RULES and is_teaser_label(lines[i].strip(), hits)]
        order = sorted([*content, *proposed_labels])
        for i, hits in zip(order, doc.hits_of(order), strict=True):
            if hits & PHRASE_RULES:
                line = lines[i].strip()
                if is_teaser_label(line, hits):
                    yield from self._end_run(run, last_body)
                    under_label = True
                    yield self.drop(i, "teaser_label", line)
                    continue
                if word_count(line) <= MAX_TAXONOMY_WORDS and TAXONOMY.match(line, hits):
                    yield self.drop(i, "taxonomy_links", line.split(":", 1)[0])
                    continue
                if word_count(line) <= MAX_LABELLED_TEASER_WORDS and ":" in line:
                    label = line.split(":", 1)[0].strip(" .…»›>|-–—")
                    if is_teaser_label(label, hits):
                        yield self.drop(i, "labelled_teaser", label)
                        continue
                if leading := leading_label(line, hits):
                    yield self.drop(i, "labelled_teaser", leading)
                    continue
                if link := READ_MORE_TAIL.search(line, hits):
                    yield self.drop(i, "blurb_with_link", link.group(1))
                    continue
            # The article's own lines and lists (dates, steps, ranked items) are no run of other stories;
            # most lines are the article's, and are not read further.
            if i in body or i in lists or not is_headline_shaped(line := lines[i].strip(), hits) or ends_open(line):
                if run:  # most lines end no run
                    yield from self._end_run(run, last_body)
                under_label = False
                continue
            if under_label:
                yield self.drop(i, "listed_under_teaser_label")
                continue
            own = stems(line, stopwords)
            related = sum(1 for s in own if s in body_stems) / len(own) if own else 1.0
            if body and len(own) >= MIN_CONTENT_STEMS and related < self.settings["min_relatedness"]:
                run.append((i, f"{related:.0%} of its words occur in the body"))
            elif run:
                yield from self._end_run(run, last_body)
        yield from self._end_run(run, last_body)  # the page ends the last run

    def _end_run(self, run: list[tuple[int, str]], last_body: int) -> Iterable[Drop]:
        """Drop a finished run of unrelated headlines if it is long enough where it stands."""
        after_body = bool(run) and run[0][0] > last_body
        needed = self.settings["min_run_after_body" if after_body else "min_run_elsewhere"]
        if len(run) >= needed:
            for i, detail in run:
                yield self.drop(i, "unrelated_headline", detail)
        run.clear()
