"""Author boxes: "Will Knight is a senior writer for WIRED, covering artificial intelligence."

A news page introduces its author, or a guest writer, in a short note beside or after the article:
a name, "is a" (or "ist", "est", "es" …) and a trade. That opening is what gives the note away;
its length keeps out a body paragraph that introduces an expert and goes on to quote her, and the
body keeps out another: when the article names the person elsewhere, the line introduces someone
the article is about (an interviewee, a founder, a product), not its writer.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.document import Document, Drop
from ..core.text import word_count
from ..rules.lexicon import Rule, mask_of
from .base import Filter

# One to three capitalised names, "is/ist/est/es/è/jest/é", an optional article, up to three
# adjectives ("a senior", "an assistant"), then the trade (newsclean/rules/phrases/bios.txt).
AUTHOR_BOX = Rule(
    r"^(?P<name>(?:[A-ZÀ-ÖØ-Þ][\w.’'-]+ ){1,3})(?:is|ist|est|es|è|jest|é) "
    r"(?:(?:a|an|the|ein|eine|der|die|un|une|el|la|uno|una|um|uma)\s)?(?:[\w-]+ ){0,3}(?i:{bios.role})\b",
    flags=0,  # the name's capitals count
)
MAX_BOX_WORDS = 60
# Every drop needs AUTHOR_BOX to match: only the lines where it can are judged.
CAN_DROP = mask_of((AUTHOR_BOX,))


class Bios(Filter):
    name = "bios"
    description = "Author boxes: a short note that introduces the writer ('… is a senior writer for …')."

    def propose(self, doc: Document) -> Iterable[Drop]:
        stopwords = doc.stopwords
        for i in doc.candidates(CAN_DROP):
            hits = doc.hits(i)
            line = doc.lines[i].strip()
            found = AUTHOR_BOX.match(line, hits)
            # "This is …", "Sie ist …": a name holds at least one word that is not a stopword.
            if found and word_count(line) <= MAX_BOX_WORDS and any(
                word.lower() not in stopwords for word in found.group("name").split()
            ) and not self._named_in_body(doc, i, found.group("name").split()[-1]):
                yield self.drop(i, "author_box", found.group(0))

    @staticmethod
    def _named_in_body(doc: Document, i: int, name: str) -> bool:
        return any(name in doc.lines[k] for k in doc.article.body if k != i)
