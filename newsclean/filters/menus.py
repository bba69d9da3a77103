"""Navigation: a menu flattened into one line ("Menü Cloud Cloud-Management IAAS PAAS …"), pagination,
links that lead away from the article ("zurück zur Startseite", "… PDF | 58 KB", "BVINEWS.COM") and
their counters ("(24 Rezepte)").

A scraper that joins a menu's links gives a long line of capitalised labels with no punctuation
and few stopwords. Prose of that length has both, in any language that marks sentences. A title
in Title Case can look the same, so the lines just above the body, where the title sits, stay.
A scraper that drops the spaces glues the labels instead ("ProjekteJahr der SchöpfungUmwelt-"):
a word that turns capital in the middle, again and again, is such a menu.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from operator import itemgetter

from ..core.document import Document, Drop
from ..core.text import ends_sentence, stopword_density, words
from ..rules.lexicon import HAS_DIGIT, Rule, mask_of
from ..rules.regex import compiled
from .base import Filter

MIN_MENU_WORDS = 10
MAX_STOPWORD_DENSITY = 0.25
MIN_CAPITALISED_SHARE = 0.6
# Sentence marks, and the pipes of table rows and page titles ("Headline | News | Site").
SENTENCE_PUNCTUATION = compiled(r"[.!?;,:|。，；：]")
# A long menu holds a few stray marks ("Trails!", "Kontakt:"); prose has a mark every few words.
MIN_LONG_MENU_WORDS = 40
MAX_LONG_MENU_MARKS = 0.1
# Forty words of labels, few marks and not one sentence ending among them: a menu, whatever its
# stopwords ("Aufgaben der Bundesregierung", "Products for Business") and numbers.
SENTENCE_END = compiled(r"[.!?…。！？](\s|$)")
# Quantities make a line a list or a table row ("24 Monate 36 Monate"), not a menu.
MAX_NUMBER_SHARE = 0.15
# Menu labels glued together when the scraper dropped the spaces: "ProjekteJahr der SchöpfungUmwelt-…".
GLUED_WORD = compiled(r"[a-zß-öø-ÿ][A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]")
# Its letters are Latin-1's: a line as Latin-1 bytes (any other character a "?"), each letter
# replaced by its case ("a", "A"), holds GLUED_WORD's matches as b"aAa", counted by bytes.count
# (``glued_words``) faster than the expression finds them; each holds a capital, and most lines
# hold too few capitals for their glued words to count.
LOWER_BYTES = bytes([*range(ord("a"), ord("z") + 1), *range(0xDF, 0xF7), *range(0xF8, 0x100)])
UPPER_BYTES = bytes([*range(ord("A"), ord("Z") + 1), *range(0xC0, 0xD7), *range(0xD8, 0xDF)])
LETTER_CASES = bytes.maketrans(LOWER_BYTES + UPPER_BYTES, b"a" * len(LOWER_BYTES) + b"A" * len(UPPER_BYTES))
MIN_GLUED = 3
MIN_GLUED_SHARE = 0.3
# Pagination: "Weiter »", "Vorheriges Weiter", "« Previous 1 2 3 Next »", "Seite 1 von 2": nothing but the
# links to the neighbouring pages.
PAGE_LINK = Rule("{menus.page_link}")
PAGE_WORD = Rule("{menus.page_word}")
PAGE_TOKEN = compiled(r"\w+|[«»‹›←→]")
MAX_PAGINATION_TOKENS = 12
# A list's position: "Es werden die Weine 1 bis 10 von insgesamt 19 angezeigt", "Showing 1–10 of 19 results".
RESULT_RANGE = Rule(r"\b\d+\s*(bis|to|-|–|à|a|do)\s*\d+\s*(von|of|de|sur|z|di)\s*(insgesamt\s*)?\d+\b")
# Pagination, result ranges and navigation links are short lines.
MAX_NAVIGATION_WORDS = 15
# Links that lead away from the article: "zurück zur Startseite", "Back to top", "Dieses Blog durchsuchen".
NAVIGATION_LINK = Rule("{menus.navigation_link}")
NAVIGATION_FRAME = " .:|·•»›<>←→↑-–—…♥*"
# A download link names its file's type and size: "Übersicht der Steuergegenstände PDF | 58 KB".
FILE_LINK = Rule(
    r"(?<![a-z])(pdf|docx?|xlsx?|pptx?|odt|zip|mp3|m4a|epub)\b[\s,|()/:-]*\d+([.,]\d+)?\s?[kmg]i?b\b"
    # "Télécharger au format EPUB", "Als PDF herunterladen".
    r"|({menus.download})\b.{0,30}\b(pdf|epub|mobi)\b|\b(pdf|epub|mobi)\b.{0,30}\b({menus.download})\b"
)
# A site's name as a link or logo on a line of its own: "BVINEWS.COM", "www.example.de".
DOMAIN = compiled(r"(https?://)?(www\.)?[\w-]+(\.[\w-]+)*\.[a-z]{2,6}/?", re.IGNORECASE)
# A link's counter on a line of its own: "(24 Rezepte)", "(7 Bewertungen)", "(3)".
LINK_COUNT = compiled(r"\(\s*\d+\s*\w*\s*\)")
# A link to the neighbouring post or page shows its direction: "← Vorheriger Beitrag", "<headline> →",
# "Zum Deal »". A guillemet that closes or opens a quote (« … ») has its partner on the line.
ARROWS_BACK, ARROWS_FORWARD = "←‹«<", "→›»>"
ARROW_LINK = compiled(rf"^(?P<back>[{ARROWS_BACK}])\s|\s(?P<forward>[{ARROWS_FORWARD}])$")
ARROW_PARTNER = {"‹": "›", "›": "‹", "«": "»", "»": "«", "<": ">", ">": "<"}
MAX_ARROW_LINK_WORDS = 25
# A menu's heading followed by its own first entry: "Magazin Magazin Unternehmen Führung …", "News News".
REPEATED_HEADING = compiled(r"([A-ZÀ-ÖØ-Þ]\w{2,}) \1\b")
# Content lines right above the first body line: the title, the standfirst, the byline. A title is
# shorter than this; a longer line there is the menu above the article.
TITLE_LINES = 3
MAX_TITLE_WORDS = 20
# A navigation link, pagination (page links, or page numbers: digits) and a file link each need one of
# these to match: a short line with none is none of them.
LINK_RULES = mask_of((NAVIGATION_LINK, PAGE_LINK, HAS_DIGIT, FILE_LINK))


def is_pagination(line: str, hits: int | None = None) -> bool:
    # A page link, or a page number (a digit) beside a page word: a line with neither is no pagination.
    if "." in line or not (PAGE_LINK.possible(hits) or (HAS_DIGIT.possible(hits) and PAGE_WORD.possible(hits))):
        return False
    # Nothing but page links, page words and arrows, a few of them: read token by token, most
    # lines fail at their first.
    tokens: list[str] = []
    for token in PAGE_TOKEN.finditer(line.lower()):
        t = token.group()
        if len(tokens) == MAX_PAGINATION_TOKENS or not (
                PAGE_LINK.fullmatch(t, hits) or PAGE_WORD.fullmatch(t, hits) or not t[0].isalnum()):
            return False
        tokens.append(t)
    if not tokens:
        return False
    numbered = any(t.isdigit() for t in tokens) and any(t.isalpha() and PAGE_WORD.fullmatch(t, hits) for t in tokens)
    return numbered or any(PAGE_LINK.fullmatch(t, hits) for t in tokens)


def glued_words(line: str, needed: float = 0) -> int:
    """How many times ``GLUED_WORD`` matches in ``line`` (its definition); 0 where the line holds
    fewer capitals than ``needed``, so fewer matches."""
    cases = line.encode("latin-1", "replace").translate(LETTER_CASES)
    return cases.count(b"aAa") if cases.count(b"A") >= needed else 0


def is_repeated_heading(line: str) -> bool:
    """Whether ``REPEATED_HEADING`` matches ``line``: its first word, which ends at the first space,
    is said again after it (most lines fail this, before the expression runs)."""
    space = line.find(" ")
    return space > 2 and line.startswith(line[:space], space + 1) and REPEATED_HEADING.match(line) is not None


def is_arrow_link(line: str) -> bool:
    first, last = line[:1], line.rstrip("\n")[-1:]  # `$` matches before a final newline too
    if not ((first and first in ARROWS_BACK) or (last and last in ARROWS_FORWARD)):  # no arrow at either end
        return False
    found = ARROW_LINK.search(line)
    if not found:
        return False
    arrow = found.group("back") or found.group("forward")
    return arrow not in ARROW_PARTNER or ARROW_PARTNER[arrow] not in line


def link_reason(line: str, hits: int | None = None) -> str | None:
    """What a short line is, if it is a link away from the article: a navigation link, pagination, a file link."""
    if NAVIGATION_LINK.fullmatch(line.strip(NAVIGATION_FRAME), hits):
        return "navigation_link"
    if is_pagination(line, hits) or (HAS_DIGIT.possible(hits) and RESULT_RANGE.search(line, hits)):
        return "pagination"
    if FILE_LINK.search(line, hits):
        return "file_link"
    return None


class Menus(Filter):
    name = "menus"
    description = "Navigation: a menu flattened or glued into one line, pagination, links away from the article."

    def propose(self, doc: Document) -> Iterable[Drop]:
        stopwords = doc.stopwords
        content = doc.content
        body = doc.article.body
        first_body = next((k for k, i in enumerate(content) if i in body), len(content))
        lines = doc.lines
        for k, (i, hits) in enumerate(zip(content, doc.hits_of(content), strict=True)):
            line = lines[i]
            found = words(line)
            if len(found) <= MAX_NAVIGATION_WORDS and hits & LINK_RULES and (reason := link_reason(line, hits)):
                yield self.drop(i, reason, line.strip())
                continue
            stripped = line.strip()
            if stripped.startswith("(") and LINK_COUNT.fullmatch(stripped):
                yield self.drop(i, "link_count", stripped)
                continue
            if len(found) <= 3 and "." in stripped and DOMAIN.fullmatch(stripped):  # a domain has a dot
                yield self.drop(i, "site_name", stripped)
                continue
            # Most lines have no arrow at either end: tested here before a call.
            if (len(found) <= MAX_ARROW_LINK_WORDS and (stripped[0] in ARROWS_BACK or stripped[-1] in ARROWS_FORWARD)
                    and is_arrow_link(stripped)):
                yield self.drop(i, "arrow_link", stripped)
                continue
            if is_repeated_heading(stripped) and not ends_sentence(line):
                yield self.drop(i, "repeated_heading", " ".join(found[:4]) + " …")
                continue
            needed = max(MIN_GLUED, MIN_GLUED_SHARE * len(found))
            if glued_words(line, needed) >= needed:
                yield self.drop(i, "glued_menu", " ".join(found[:4]) + " …")
                continue
            if len(found) < MIN_MENU_WORDS:
                continue
            # Punctuated like prose: a shorter line with any mark, a long one with many (counted only there).
            if len(found) < MIN_LONG_MENU_WORDS:
                if "." in line or "," in line or SENTENCE_PUNCTUATION.search(line):  # the commonest marks first
                    continue
            elif (line.count(".") + line.count(",") > MAX_LONG_MENU_MARKS * len(found)  # the commonest, first
                  or len(SENTENCE_PUNCTUATION.findall(line)) > MAX_LONG_MENU_MARKS * len(found)):
                continue
            capitalised = sum(map(str.isupper, map(itemgetter(0), found))) / len(found)
            if (len(found) >= MIN_LONG_MENU_WORDS and capitalised >= MIN_CAPITALISED_SHARE
                    and not SENTENCE_END.search(line)):
                yield self.drop(i, "flattened_menu", " ".join(found[:4]) + " …")
                continue
            if first_body - TITLE_LINES <= k < first_body and len(found) <= MAX_TITLE_WORDS:
                continue
            if capitalised < MIN_CAPITALISED_SHARE:
                continue  # its numbers and stopwords need no counting
            numbers = sum(1 for w in found if any(map(str.isdigit, w))) / len(found)
            if numbers <= MAX_NUMBER_SHARE and stopword_density(line, stopwords) < MAX_STOPWORD_DENSITY:
                yield self.drop(i, "flattened_menu", " ".join(found[:4]) + " …")
