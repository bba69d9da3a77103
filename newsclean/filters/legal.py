"""Copyright lines, legal footers (imprint, privacy, terms), affiliate disclosures, contact blocks."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.document import Document, Drop
from ..core.text import word_count
from ..rules.lexicon import Rule, mask_of
from .base import Filter

# The phrases are in newsclean/rules/phrases/legal.txt. COPYRIGHT, DISCLOSURE, COMMISSION,
# LINK_OR_PURCHASE and CONTACT are matched against the lower-cased line, from a word start.
COPYRIGHT = Rule(r"(?<!\w)(?:{legal.copyright})")
LEGAL_TERM = Rule(r"\b({legal.legal_term})\b")
DISCLOSURE = Rule(r"(?<!\w)(?:{legal.disclosure})")
# "Für Links auf dieser Seite erhält X ggf. eine Provision": a commission, for links or purchases.
COMMISSION = Rule(r"(?<!\w)({legal.earn})\b.{0,40}\b({legal.commission})")
LINK_OR_PURCHASE = Rule("{legal.link_or_purchase}")
# Contact blocks: phone and fax numbers, e-mail addresses on a short line.
CONTACT = Rule(r"(?<!\w)(?:({legal.contact_label})\b\.?:?\s*[+(]?\d[\d /()\-.]{5,}|[\w.+-]+@[\w-]+\.[\w.]+)")
MAX_CONTACT_WORDS = 15
MAX_DISCLOSURE_WORDS = 90
MAX_COPYRIGHT_WORDS = 30
MAX_LINK_WORDS = 6
# A footer menu: several legal terms make up most of a short line.
MIN_TERMS_IN_MENU = 2
MAX_MENU_WORDS = 25
# A footer line: several legal links and a copyright notice, however long the line runs.
MIN_TERMS_WITH_COPYRIGHT = 3
MAX_FOOTER_WORDS = 80

# Every legal drop needs one of these to match: only the lines where one can are judged.
CAN_DROP = mask_of((COPYRIGHT, DISCLOSURE, COMMISSION, CONTACT, LEGAL_TERM))


class Legal(Filter):
    name = "legal"
    description = "Copyright notices, legal footers (imprint, privacy, terms), affiliate disclosures, contacts."

    def propose(self, doc: Document) -> Iterable[Drop]:
        for i in doc.candidates(CAN_DROP):
            hits = doc.hits(i)
            line = doc.lines[i].strip()
            words = word_count(line)
            if words > max(MAX_FOOTER_WORDS, MAX_DISCLOSURE_WORDS):  # an article paragraph
                continue
            lower = line.lower()
            if (found := COPYRIGHT.search(lower, hits)) and (
                words <= MAX_COPYRIGHT_WORDS
                or (words <= MAX_FOOTER_WORDS and len(LEGAL_TERM.findall(line, hits)) >= MIN_TERMS_WITH_COPYRIGHT)
            ):
                yield self.drop(i, "copyright_notice", found.group(0))
                continue
            if words <= MAX_DISCLOSURE_WORDS and (
                (found := DISCLOSURE.search(lower, hits))
                or ((found := COMMISSION.search(lower, hits)) and LINK_OR_PURCHASE.search(lower, hits))
            ):
                yield self.drop(i, "affiliate_disclosure", found.group(0))
                continue
            if words <= MAX_CONTACT_WORDS and (found := CONTACT.search(lower, hits)):
                yield self.drop(i, "contact_details", found.group(0))
                continue
            if words > MAX_MENU_WORDS:
                continue
            terms = LEGAL_TERM.findall(line, hits)
            if terms and (
                (words <= MAX_LINK_WORDS and LEGAL_TERM.fullmatch(line.strip(" .:|·•-"), hits))
                or len(terms) >= MIN_TERMS_IN_MENU
            ):
                yield self.drop(i, "legal_link", ", ".join(t[0] for t in terms[:4]))
