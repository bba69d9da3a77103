"""Bare dates: a line that holds nothing but a date, perhaps with a time ("23.10.2018",
"8. November 2021", "15. Mai 2019, 05:28 Uhr", "January 13, 2020").

Such a line is the page's publication or update stamp, left behind when the scraper dropped what
stood around it; an article's own paragraphs carry their dates inside sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Document, Drop
from ..text import DATE
from .base import Filter

BARE_DATE = re.compile(r"\W*" + DATE + r"(,? \d{1,2}[:.]\d{2}( ?[ap]m| uhr| h)?)?\W*", re.IGNORECASE)
MAX_DATE_CHARS = 40  # "15. September 2022, 05:28 Uhr" fits; a longer line says more than a date


class Dates(Filter):
    name = "dates"
    description = "Lines that hold nothing but a date (a publication or update stamp)."

    def step(self, doc: Document) -> Iterable[Drop]:
        for i in doc.content:
            line = doc.lines[i].strip()
            if len(line) <= MAX_DATE_CHARS and BARE_DATE.fullmatch(line):
                yield self.drop(i, "bare_date", line)
