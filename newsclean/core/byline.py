"""The byline and the date line: who wrote the article and when, found in its text, reported
(``Result.author``, ``Result.date``) and kept out of the body, never debris.

A news text states them between its headline and its first paragraph ("By Jane Doe | Reuters",
"Published 3 March 2024", a name alone under the headline), now and then just above the headline,
in a labelled line away from it ("Written by …", "Last updated: …") or in an author box after its
last paragraph. Only there are they looked for, and only in a byline's shape: a line of a few
words that is a name, a date, their labels and little else. A name inside the article (a letter's
signature, an interview's "Name:"), a dated timeline, a dateline that opens a paragraph
("BERLIN (dpa) – …") are the article's and stay. Where a page's meta tags name its author and
date, only lines that agree with them are its byline. The words of each language (its "By", date
labels, month names) are data: newsclean/rules/phrases/byline.txt and dates.txt.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from itertools import compress, count, repeat
from operator import contains, itemgetter
from typing import NamedTuple

from ..rules.lexicon import HAS_DIGIT, Rule, mask_of
from ..rules.regex import compiled
from .document import Document
from .headline import fold
from .text import words

# A byline or date line is short; past this it says more than who and when.
MAX_WORDS = 15
MAX_CHARS = 200
# What a byline may say besides the name and the date: "Staff Writer", "Reuters", "5 min read", a
# weekday; this many words at most, and at most one of them a stopword (a sentence has more).
MAX_OTHER_WORDS = 5
MAX_OTHER_STOPWORDS = 1
# A name: capitalised words (and particles), this many; alone on a line it needs two.
MAX_NAME_WORDS = 5
MIN_BARE_NAME_WORDS = 2
MAX_BARE_NAME_WORDS = 4
# Where they are looked for: the first lines under the headline (or above the first body
# paragraph, where no headline was found), the lines just above it, and the first lines after the
# article's last paragraph (an author box). A name alone counts only beside a date line, heading
# an author box, or as one of the first lines under the headline when the page names them again.
HEAD_LINES = 6
# A standfirst may come between the headline and the byline ("Headline / Standfirst. / Von Jane Doe
# / First paragraph"): this many lines after the first body-like paragraph, up to the next, are
# read too, for a line that says "By" (a date there heads a timeline or opens a paragraph).
STANDFIRST_LINES = 3
BARE_NAME_LINES = 2
OVER_LINES = 2
END_LINES = 4
# An author box's bio: a line of this many words at least, that names them ("Albert comes from …").
BIO_WORDS = 8

# "By" opens the line, or a field of it: "3 March 2024 | By Jane Doe" ("Photo by …" is a credit).
BY = Rule(r"(?:^\W*|[|·•–—]\s*)(?:{byline.by})\s*:?\s+(?=\S)")
BY_FIELDS = compiled("[|·•–—]")  # where BY may match but at the line's start (``by_label``)
# A label alone, its name or date on the next line: "Author", "By:", "Published".
LONE_LABEL = Rule(r"\W*(?:{byline.by}|{dates.date_label}|{dates.update_label}|{byline.date_word})\s*:?\W*")
LABEL = Rule(r"^\W*(?:{dates.date_label}|{dates.update_label}|{byline.date_word})\s*:?\s*(?=\S)")
UPDATED = Rule(r"^\W*(?:{dates.update_label})")
# The bits of a line's scan (``Document.hits``) where "By" or a label may open it, or it may be a lone label.
LABELLED = mask_of((BY, LABEL))
LONE_LABELLED = mask_of((LONE_LABEL,))
AGO = Rule("{dates.relative_time}")
PARTICLE = Rule("{byline.particle}")
JOINER = Rule("{byline.joiner}")
ON = Rule("{byline.on}")
# The months' phrase groups (dates.january …), in order.
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
MONTHS = [Rule(f"{{dates.{month}}}") for month in MONTH_NAMES]
# A date as bylines write it: "2024-03-03", "03.03.2024", "3 March 2024", "3. März 2024", "3 de
# marzo de 2024", "March 3rd, 2024" (its word must be a month's name, ``MONTHS``).
DATE = compiled(
    r"(?<!\d)(?<!\d[-–])(?:(?P<iso>\d{4}-\d{1,2}-\d{1,2})(?:T[\d:.]+Z?)?|(?P<numeric>\d{1,2}[./-]\d{1,2}[./-]\d{4})"
    r"|(?P<dmy>\d{1,2}(?:st|nd|rd|th|er)?\.?\s*(?:de\s+)?(?P<dmy_month>[^\W\d_]{3,12}\.?),?\s+(?:de\s+)?\d{4})"
    r"|(?P<mdy>(?P<mdy_month>[^\W\d_]{3,12}\.?)\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}))(?!\d)"
)
NUMBERS = compiled(r"\d+")
TIME = compiled(r"(?<!\d)\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*(?:[ap]\.?m\.?|uhr|h)\b)?", re.IGNORECASE)
NAME_TOKEN = compiled(r"\S+")
# "O’Neil", "Applebaum-Bauch", "D.", "Mat\u00adthi\u00adas" (soft hyphens, which the name is reported
# without); not "Doe:" (a speaker), nor "Hockney’s" (a possessive)
SOFT_HYPHEN = "\u00ad"
NAME_WORD = compiled(r"(?![\w'’.\u00ad-]*['’]s$)[^\W\d_][\w'’.\u00ad-]*")


def by_label(line: str, hits: int) -> re.Match[str] | None:
    """``BY.search``: on a line without a field separator only its start can match (``BY.match``,
    which does not try every character as ``search`` does)."""
    return BY.search(line, hits) if BY_FIELDS.search(line) else BY.match(line, hits)


class Byline(NamedTuple):
    """The author and the date the text states (the date in ISO form where it reads as one day),
    and the lines that state each. (A NamedTuple: a dataclass costs a plain clean's start-up the
    compiling of its methods.)"""

    author: str = ""
    date: str = ""
    author_lines: tuple[int, ...] = ()
    date_lines: tuple[int, ...] = ()


def find_byline(doc: Document, kept: set[int], kept_body: set[int], title_lines: set[int]) -> Byline:
    """The byline and date line of ``doc`` (``kept``: the lines the judge kept; ``kept_body``: those
    of them that read as body, ``headline.kept_body``; ``title_lines``: the headline's): first under
    the headline, then just above it, then a labelled line elsewhere but in the article's body
    ("By …", "Published …", or the line under a lone "Author" or "Published"), then an author box;
    last, a name alone under the headline."""
    content = [i for i in doc.nonblank if i not in title_lines]
    body = [n for n, i in enumerate(content) if i in kept_body]
    if not body:
        return Byline()
    first = body[0]
    if title_lines and (last_title := max(title_lines)) < content[first]:
        between = [i for i in content[:first] if i > last_title]
        under = between[:HEAD_LINES]
        first_title = min(title_lines)
        over = [i for i in content[:first] if i < first_title][-OVER_LINES:]
        # A name alone under the headline, where the article follows (not a menu under a title bar).
        named = set(under[:BARE_NAME_LINES]) if len(between) <= HEAD_LINES else set()
    else:
        under, over, named = [content[n] for n in range(first)][-HEAD_LINES:], [], set()
    standfirst = [content[n] for n in range(first + 1, body[1] if len(body) > 1 else first)][:STANDFIRST_LINES]
    standfirst = [i for i in standfirst if by_label(doc.lines[i], doc.hits(i))]
    near = {*under, *over, *standfirst}
    lower = LowerWords([doc.lines[i] for i in content])
    found = _read(doc, under, set(), lower, Byline())
    found = _read(doc, over, set(), lower, found)
    found = _read(doc, standfirst, set(), lower, found, labelled=True)
    # Inside the article, a labelled line the judge kept is the article's ("Published 4 March: …").
    inside = range(content[first], content[body[-1]] + 1)
    rest = [i for i in content if i not in near and not (i in inside and i in kept)]
    found = _read(doc, rest, set(), lower, found, labelled=True)
    # The box's own bio may be the last body-like paragraph: the box starts after the one before.
    box = _author_box(doc, [i for i in content if i > content[body[-2 if len(body) > 1 else -1]]][:END_LINES], lower)
    if box and found.author in ("", box[0]):
        found = Byline(box[0], found.date, (*found.author_lines, box[1]), found.date_lines)
    # A name alone under the headline, where no line says "By", and another line names them (an
    # author box, "More from Jane Doe"; a heading repeated by the table of contents is no name).
    if not found.author:
        alone = _read(doc, under, named, lower, Byline())
        said = {doc.lines[i].strip() for i in alone.author_lines}
        if alone.author and any(alone.author in doc.lines[i] and doc.lines[i].strip() not in said for i in content):
            found = Byline(alone.author, found.date, alone.author_lines, found.date_lines)
    return found


class LowerWords(Container[str]):
    """A name's words are not written in lower case elsewhere ("Extension Cords" is a menu's): whether
    ``lines`` write a casefolded word so. Few words are asked about, so only the lines whose
    casefolded text holds the word are split into words (casefolding is letter by letter: a word's
    fold is in its line's). The scans run in C (``compress``, ``map``): most lines answer no."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.folded: list[str] | None = None  # each line casefolded, on first use (most lines are no name)
        self.answers: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if word not in self.answers:
            if self.folded is None:
                self.folded = [line.casefold() for line in self.lines]
            holding = compress(self.lines, map(contains, self.folded, repeat(word)))
            self.answers[word] = any(word in map(str.casefold, _lower_case(words(line))) for line in holding)
        return self.answers[word]


def _lower_case(found: tuple[str, ...]) -> Iterator[str]:
    """The words of ``found`` (none empty) that start with a lower-case letter."""
    return compress(found, map(str.islower, map(itemgetter(0), found)))


def _author_box(doc: Document, lines: list[int], lower: Container[str]) -> tuple[str, int] | None:
    """The name that heads an author box after the article: a name alone, one of the next two
    lines a bio that names them ("Dennis Moons" / "Dennis Moons is the founder of …"). A letter's
    signature is not."""
    for n, i in enumerate(lines):
        said = _byline(doc, i, lower, bare=True, strict=True)
        if said and said[0] and not said[1] and any(
                words(said[0])[0] in words(doc.lines[following]) and len(words(doc.lines[following])) >= BIO_WORDS
                for following in lines[n + 1:n + 3]):
            return said[0], i
    return None


def agreeing(byline: Byline, author: str, date: str) -> Byline:
    """``byline`` less a line that names another author or day than the page's meta tags do
    (``author``, ``date``: "" where they say nothing)."""
    if author and byline.author and fold(author) not in fold(byline.author) and fold(byline.author) not in fold(author):
        byline = Byline("", byline.date, (), byline.date_lines)
    if date and byline.date and byline.date != date[:10]:
        byline = Byline(byline.author, "", byline.author_lines, ())
    return byline


def _read(doc: Document, lines: list[int], named: set[int], lower: Container[str], found: Byline,
          labelled: bool = False) -> Byline:
    """``found`` with what ``lines`` add: the first author and the first date. A name alone counts
    on a ``named`` line, beside a date line, or under a lone "Author" (which goes with it).
    ``labelled``: only a line that says "By" or "Published", or stands under such a label, counts
    (away from the headline, a bare date heads a timeline, a bare name signs a letter). Each line is
    read when it is asked about, at most once: of the many lines away from the headline, few count."""
    said: dict[int, tuple[str, str] | None] = {}

    def read(n: int) -> tuple[str, str] | None:
        if n not in said:
            said[n] = _byline(doc, lines[n], lower, bare=False, strict=labelled)
        return said[n]

    def dated(n: int) -> bool:
        return 0 <= n < len(lines) and (byline := read(n)) is not None and bool(byline[1])

    # Where a line dates the article as published, a line that dates an update gives no date.
    published: bool | None = None  # found on first need
    scans = doc.hits_of(lines)
    # Labelled, only the lines whose scan, or the scan of the line above, allows a label are read.
    reading = sorted({*compress(count(), map(LABELLED.__and__, scans)),
                      *(n + 1 for n in compress(count(), map(LONE_LABELLED.__and__, scans[:-1])))}
                     ) if labelled else range(len(lines))
    for n in reading:
        i = lines[n]
        text, hits = doc.lines[i], scans[n]
        above = lines[n - 1] if n else -1
        label = (above,) if n and LONE_LABEL.fullmatch(doc.lines[above].strip(), scans[n - 1]) else ()
        if labelled and not (label or by_label(text, hits) or LABEL.match(text, hits)):
            continue
        byline = read(n)
        if byline is not None and byline[1] and UPDATED.match(text, hits):
            if published is None:
                published = any(dated(m) and not UPDATED.match(doc.lines[lines[m]], scans[m])
                                for m in range(len(lines)))
            if published:
                byline = (byline[0], "")
        if byline is None and (label or (not labelled and (i in named or dated(n - 1) or dated(n + 1)))):
            byline = _byline(doc, i, lower, bare=True, strict=True)
        if byline is None:
            continue
        author, date = byline
        if author and not found.author:
            found = Byline(author, found.date, (*label, i), found.date_lines)
        if date and not found.date:
            found = Byline(found.author, date, found.author_lines, (i,) if author else (*label, i))
    return found


def _byline(doc: Document, i: int, lower: Container[str], bare: bool, strict: bool) -> tuple[str, str] | None:
    """(author, date) that line ``i`` states, either "" when it states none; None when the line is
    not a byline or date line. ``bare``: a name with no "By" before it may be the author;
    ``strict``: a name only when none of its words is written in lower case in the text (``lower``).
    The rules run only where the line's scan (``Document.hits``) says they can match."""
    line, hits = doc.lines[i].strip(), doc.hits(i)
    if len(line) > MAX_CHARS or len(words(line)) > MAX_WORDS or line.endswith(":"):  # "Effective 6/2/2025:"
        return None
    spans: list[tuple[int, int]] = []
    date, at = _date(line, hits, day_first=doc.language != "en")
    if at:
        spans.append(at)
    if label := LABEL.match(line, hits):
        spans.append(label.span())
    if HAS_DIGIT.possible(hits):  # a time, as a date, holds a digit: most lines skip both expressions
        spans.extend(found.span() for found in TIME.finditer(line))
    author = ""
    by = by_label(line, hits)
    if by or bare:
        start = by.end() if by else 0
        stop = min([s for s, _ in spans if s >= start], default=len(line))
        name, length = _name(line[start:stop], at_least=1 if by else MIN_BARE_NAME_WORDS)
        if name and (by or _bare_name(name, line[start + length:stop])) and (not strict or _plain_name(name, lower)):
            author = name
            spans.append((by.start() if by else 0, start + length))
    if not (author or date):
        return None
    rest = list(line)
    for begin, finish in spans:
        rest[begin:finish] = " " * (finish - begin)
    other = [w for w in words("".join(rest)) if not ON.fullmatch(w, hits)]
    stop_words = sum(w.casefold() in doc.stopwords for w in other)
    if len(other) > MAX_OTHER_WORDS or stop_words > MAX_OTHER_STOPWORDS:
        return None
    return author, date


def _name(text: str, at_least: int) -> tuple[str, int]:
    """The name (or names) that ``text`` opens with and where it ends: capitalised words, with
    particles ("von der") and joiners ("and") between them; ("", 0) when it opens with fewer than
    ``at_least`` such words."""
    taken: list[re.Match[str]] = []
    capitals = 0
    for token in NAME_TOKEN.finditer(text):
        word = token.group(0).rstrip(",;")
        if taken and (PARTICLE.fullmatch(word) or JOINER.fullmatch(word)):
            taken.append(token)
        elif word[:1].isupper() and NAME_WORD.fullmatch(word) and capitals < MAX_NAME_WORDS:
            taken.append(token)
            capitals += 1
        else:
            break
        if word != token.group(0):  # a comma ends the name: "Jane Doe, Staff Writer"
            break
    while taken and (PARTICLE.fullmatch(taken[-1].group(0)) or JOINER.fullmatch(taken[-1].group(0))):
        taken.pop()
    if capitals < at_least or not taken:
        return "", 0
    return text[:taken[-1].end()].strip(" ,;.-–—|:").replace(SOFT_HYPHEN, ""), taken[-1].end()


def _bare_name(name: str, after: str) -> bool:
    """A name with no "By" before it: a few words, the line's end, a separator or a date after
    them ("Jane Doe | Reuters", not "Veeam Software to acquire Securiti AI")."""
    return len(words(name)) <= MAX_BARE_NAME_WORDS and not after.lstrip()[:1].isalpha()


def _plain_name(name: str, lower: Container[str]) -> bool:
    """None of the name's words is one the text writes in lower case ("Jane Doe", not "Read More"
    or "Case Studies"); particles aside ("von der")."""
    return not any(w.casefold() in lower and not PARTICLE.fullmatch(w) for w in words(name))


def _date(line: str, hits: int | None, day_first: bool) -> tuple[str, tuple[int, int] | None]:
    """The date a line states (in ISO form where it reads as one day, else as written) and where
    (``hits``: the line's scan, which tells a line without a digit: no ``DATE`` there)."""
    for found in DATE.finditer(line) if HAS_DIGIT.possible(hits) else ():
        iso = _iso(found, hits, day_first)
        if iso is not None:
            return iso or found.group(0), found.span()
    ago = AGO.search(line, hits)
    return (ago.group(0), ago.span()) if ago else ("", None)


def _iso(found: re.Match[str], hits: int | None, day_first: bool) -> str | None:
    """YYYY-MM-DD of a date matched by ``DATE``; "" when it is a date of more than one reading
    (03/04/2024; 03.04.2024 in English, day first elsewhere) or of none; None when it is no date
    (its word names no month)."""
    text = found.group(0)
    if found.group("iso"):
        year, month, day = map(int, NUMBERS.findall(text)[:3])
    elif found.group("numeric"):
        day, month, year = map(int, NUMBERS.findall(text))
        if month > 12:  # "12/31/2024"
            day, month = month, day
        elif day <= 12 and day != month and not (day_first and "." in text):
            return ""
    else:
        word = found.group("dmy_month") or found.group("mdy_month")
        month = next((n for n, rule in enumerate(MONTHS, 1) if rule.fullmatch(word, hits)), 0)
        if not month:
            return None
        numbers = NUMBERS.findall(text)
        day, year = int(numbers[0]), int(numbers[-1])
    import datetime  # here: a text with no date to read (most plain cleans) need not import it

    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return ""
