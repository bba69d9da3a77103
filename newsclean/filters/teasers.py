"""Teasers: headlines of other stories, and the labels that introduce them ("Read more:", "Lesen Sie auch").

A teaser looks like a headline (short, no closing full stop) and talks about something else:
few of its content words occur in the article body. Subheadings of the article share the
body's vocabulary and stay. Teasers come in runs, mostly after the body, so a line after the
body needs less evidence than one inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from ..model import Document, Drop
from ..text import ends_sentence, is_cjk, word_count, words
from .base import Filter

TEASER_LABEL = re.compile(
    r"(read (also|more|next)|see also|also read|related( (articles?|stories|posts|content|news|topics))?"
    r"|more (stories|news|articles|on this( topic)?|from \w+)|recommended( for you)?|you (may|might) also like"
    r"|what to read next|most (read|popular|viewed)|trending( now)?|top stories|latest news|don'?t miss"
    r"|lesen sie (auch|mehr)|auch interessant|mehr zum thema|das k[öo]nnte sie (auch )?interessieren"
    r"|weitere (artikel|news|nachrichten|themen|beitr[äa]ge)|meistgelesen|empfehlungen|lesetipps?|verwandte artikel"
    r"|[àa] lire (aussi|[ée]galement)|lire aussi|sur le m[êe]me sujet|les plus lus|voir aussi|pour approfondir"
    r"|lee (tambi[ée]n|m[aá]s)|lea (tambi[ée]n|aqu[ií])|noticias relacionadas|temas relacionados|te puede interesar"
    r"|m[aá]s le[ií]das?|tambi[ée]n te puede interesar|czytaj (te[żz]|tak[żz]e)|zobacz (te[żz]|tak[żz]e|r[oó]wnie[żz])"
    r"|polecamy|najpopularniejsze|leggi anche|potrebbe interessarti|articoli correlati|i pi[uù] letti"
    r"|veja (tamb[ée]m|mais)|leia (tamb[ée]m|mais)|mais lidas|not[ií]cias relacionadas|相关(文章|阅读|新闻)|热门)",
    re.IGNORECASE,
)
MAX_LABEL_WORDS = 6
MAX_HEADLINE_WORDS = 25
# A line is body text when it is a long sentence; the article body is where such lines cluster.
BODY_MIN_WORDS = 15
# Content words of this length or more are compared by their first STEM_CHARS letters, a crude
# stemmer that works across inflecting languages.
MIN_CONTENT_CHARS = 3
STEM_CHARS = 5
# Share of a headline's content words found in the body, under which it is unrelated.
MIN_RELATEDNESS_AFTER_BODY = 0.25
MIN_RELATEDNESS_ELSEWHERE = 0.1


def stems(text: str, stopwords: frozenset[str]) -> set[str]:
    if is_cjk(text):
        chars = [c for c in text if c.isalpha()]
        return {a + b for a, b in pairwise(chars)}
    found = set()
    for word in words(text):
        folded = word.casefold()
        if len(folded) >= MIN_CONTENT_CHARS and folded not in stopwords and not folded.isdigit():
            found.add(folded[:STEM_CHARS])
    return found


def is_body_line(text: str) -> bool:
    return word_count(text) >= BODY_MIN_WORDS and ends_sentence(text)


def is_headline_shaped(text: str) -> bool:
    stripped = text.strip()
    n = word_count(stripped)
    return 2 <= n <= MAX_HEADLINE_WORDS and not stripped.endswith((".", "。", ":", ","))


class Teasers(Filter):
    name = "teasers"
    description = "Headlines of unrelated stories (mostly in runs after the body) and teaser labels."
    options = {
        "min_relatedness_after_body": MIN_RELATEDNESS_AFTER_BODY,
        "min_relatedness_elsewhere": MIN_RELATEDNESS_ELSEWHERE,
    }

    def step(self, doc: Document) -> Iterable[Drop]:
        content = doc.content
        body = {i for i in content if is_body_line(doc.lines[i])}
        last_body = max(body, default=-1)
        stopwords = doc.stopwords
        body_stems: dict[str, int] = {}
        for i in body:
            for stem in stems(doc.lines[i], stopwords):
                body_stems[stem] = body_stems.get(stem, 0) + 1
        under_label = False  # inside a run of headlines that a teaser label introduced
        for i in content:
            line = doc.lines[i].strip()
            if word_count(line) <= MAX_LABEL_WORDS and TEASER_LABEL.fullmatch(line.strip(" :.…»›>|-–—")):
                under_label = True
                yield self.drop(i, "teaser_label", line)
                continue
            if i in body or not body or not is_headline_shaped(line):
                under_label = False
                continue
            if under_label:
                yield self.drop(i, "listed_under_teaser_label")
                continue
            own = stems(line, stopwords)
            if not own:
                continue
            related = sum(1 for s in own if body_stems.get(s, 0) > 0) / len(own)
            after = i > last_body
            limit = self.settings["min_relatedness_after_body" if after else "min_relatedness_elsewhere"]
            if related < limit:
                yield self.drop(i, "unrelated_headline", f"{related:.0%} of its words occur in the body")
