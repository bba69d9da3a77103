"""Bare dates: a line that holds nothing but a date, perhaps with a time ("23.10.2018",
"8. November 2021", "15. Mai 2019, 05:28 Uhr", "January 13, 2020", "2:15 p.m. 28 December 2007"),
or a time said from the reader's now ("14 hours ago", "vor 2 Stunden").

Such a line is the page's publication or update stamp, left behind when the scraper dropped what
stood around it; an article's own paragraphs carry their dates inside sentences. The same goes for
a date set beside a few short labels ("8. November 2021 | Aktuelles") and for a short line that
says when the page was last changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.byline import MONTH_NAMES
from ..core.document import Document, Drop
from ..core.text import DATE, word_count
from ..rules.lexicon import HAS_DIGIT, Rule, mask_of
from ..rules.regex import compiled
from .base import Filter

# A weekday or a label may stand before the date, a time after it ("Donnerstag, 31. Mai 2012",
# "Published on: 14 February, 2025", "January 13, 2020 at 08:45 AM"); an archive heading is a
# month and a year ("Dezember 2008"); a stamp of this year, a month and a day ("Jan 23").
MONTH = "|".join(f"{{dates.{month}}}" for month in MONTH_NAMES)
CLOCK = r"\d{1,2}[:.]\d{2}( ?[ap]\.?m\.?| uhr| h)?( ({dates.time_zone}))?"
BARE_DATE = Rule(
    r"\W*([^\W\d]+:?,? ){0,2}(" + DATE + r"(,? ((at|um|à|a las|alle|às|o) )?" + CLOCK + ")?"
    r"|(" + MONTH + r") \d{4}|(?!({dates.ambiguous_month})\b)(" + MONTH + r") \d{1,2}"
    r"|" + CLOCK + r",? ((on|am|le|el|il) )?" + DATE + r")\W*"
)
# "14 hours ago", "vor 2 Stunden", "Updated: il y a 3 heures": when, said from the reader's now.
RELATIVE_STAMP = Rule(r"\W*([^\W\d]+:? )?({dates.relative_time})\W*")
MAX_DATE_CHARS = 40  # "15. September 2022, 05:28 Uhr" fits; a longer line says more than a date
# "8. November 2021 | Aktuelles", "2021-10-16 | Botschaft": a date stamp with a few labels beside it.
DATED = compiled(DATE, re.IGNORECASE)
FIELD_SEPARATOR = compiled(r"\s+[|·•]\s+")
MAX_FIELD_WORDS = 4
# "Diese Seite wurde zuletzt am 29. Januar 2020 geändert", "Last Modified: 03-10-2004 2:20pm".
UPDATE = Rule("{dates.update_stamp}")
MAX_UPDATE_WORDS = 15
# The stamp's label, its date lost in scraping: "Release Date:", "Veröffentlicht am", "Updated:".
DATE_LABEL = Rule(r"({dates.date_label}|{dates.update_label})\s*:?")
MAX_LABEL_CHARS = 25
# Stamps are short: longer lines are not searched for them.
MAX_STAMP_WORDS = 20
MAX_STAMP_CHARS = 200
# Every stamp holds a digit, but a relative one and a lone label: only the lines where one of these
# can match are judged.
CAN_DROP = mask_of((HAS_DIGIT, RELATIVE_STAMP, DATE_LABEL))


class Dates(Filter):
    name = "dates"
    description = "Date stamps: a bare date, a date beside short labels, a last-changed note, a date's lone label."

    def propose(self, doc: Document) -> Iterable[Drop]:
        lists = doc.article.lists  # a schedule or a table of dates in the article is not a stamp
        for i in doc.candidates(CAN_DROP):
            line = doc.lines[i].strip()
            if len(line) > MAX_STAMP_CHARS or i in lists:
                continue
            hits = doc.hits(i)
            has_digit = HAS_DIGIT.possible(hits)  # every date holds one: most lines skip the dates' expressions
            if len(line) <= MAX_DATE_CHARS and has_digit and BARE_DATE.fullmatch(line, hits):
                yield self.drop(i, "bare_date", line)
            elif len(line) <= MAX_DATE_CHARS and RELATIVE_STAMP.fullmatch(line, hits):
                yield self.drop(i, "relative_stamp", line)
            elif len(line) <= MAX_LABEL_CHARS and DATE_LABEL.fullmatch(line, hits):
                yield self.drop(i, "date_label", line)
            elif has_digit and word_count(line) <= MAX_STAMP_WORDS:
                if ("|" in line or "·" in line or "•" in line) and is_dated_metadata(line, hits):
                    yield self.drop(i, "dated_metadata", line)
                elif word_count(line) <= MAX_UPDATE_WORDS and UPDATE.search(line, hits) and DATED.search(line):
                    yield self.drop(i, "update_stamp", line)


def is_dated_metadata(line: str, hits: int | None = None) -> bool:
    """A date among short labels: one field is a bare date, every other field a few words."""
    fields = FIELD_SEPARATOR.split(line)
    dates = [len(f) <= MAX_DATE_CHARS and BARE_DATE.fullmatch(f, hits) is not None for f in fields]
    return len(fields) > 1 and any(dates) and all(
        is_date or word_count(f) <= MAX_FIELD_WORDS for f, is_date in zip(fields, dates, strict=True))
