"""Photo and image credits: "Foto: dpa", "(Photo: Getty Images)", a caption ending in "Bild: AFP"."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.document import Document, Drop
from ..core.text import word_count
from ..rules.lexicon import Rule, mask_of
from .base import Filter

# The phrases are in newsclean/rules/phrases/credits.txt.
CREDIT_WORD = "{credits.credit_word}"
PHOTO_WORD = "{credits.photo_word}"
AGENCY = "{credits.agency}"
# The whole line is a credit: "Foto: dpa", "Image: Getty Images / John Doe".
CREDIT_LINE = Rule(rf"^[(\[]?\s*{CREDIT_WORD}\s*[:|©]\s*\S.*$")
# "Photo by ev on Unsplash", "Foto von Max Muster".
CREDIT_BY = Rule(
    r"^[(\[]?\s*(?:photo|foto|image|bild|picture|illustration)s? (?:by|von|de|par|di|por|courtesy)\s+\S"
)
MAX_CREDIT_BY_WORDS = 8
# The label alone, its name lost in scraping: "Photo credits", "Foto:".
BARE_CREDIT = Rule(rf"^{CREDIT_WORD}\s*:?$")
# A caption that ends in a credit: "… im Viertelfinale Bild: AFP/SID/PASCAL GUYOT".
TRAILING_CREDIT = Rule(rf"{PHOTO_WORD}\s*:\s*(?:[^.!?:]|\.(?=\S)){{1,60}}[)\]]?\.?\s*$")
AGENCY_CREDIT = Rule(rf"[(\[]?\s*(?:©\s*)?{AGENCY}(?:\s*[/|,].{{0,50}})?[)\]]?\s*$")
# A caption that ends in its agency: "… el 11 de febrero pasado. EFE", "… supply chain. Mike Blake/Reuters files".
TRAILING_AGENCY = Rule(
    rf"(?:[.!?]\s*(?:©\s*)?{AGENCY}(?:\s*[/|,][^.!?]{{0,50}})?|\s/\s*(?:{CREDIT_WORD}\s*:\s*)?{AGENCY}(?: files| pool)?"
    rf"|(?<=\w)/{AGENCY}(?: files)?)\.?\s*$"
)
# A caption that ends in its photographer, in capitals: "… in Las Croabas. By U.S. CUSTOMS AND BORDER PROTECTION".
TRAILING_CAPS_BY = Rule(r"[.!?]\s+(?:By|Von|Par|Por|Di|Foto|Photo)\s+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.&'/ -]{3,60}$", flags=0)
# A caption that ends in a credit in brackets: "… Premio Nobel de la Paz (REUTERS/Denis Balibouse)",
# "… Aufklärung. (Quelle: Fleischmann/Unsplash/DJV)", "(Bildquelle: Ring der Landjugend)". A bare
# "(Quelle: Statistisches Bundesamt)" cites the source of a figure: no agency, no photographer's slash.
BRACKETED_CREDIT = Rule(
    rf"[(\[]\s*(?:(?:{PHOTO_WORD}|bildquelle)\s*:\s*[^()\[\]]{{1,60}}"
    rf"|(?:{AGENCY}|{CREDIT_WORD}\s*:[^()\[\]/]{{1,40}})\s*/[^()\[\]]{{1,50}})[)\]]\.?\s*$"
)
# Agency sign-offs: "aja/PAP", "dpa/lni", "(AFP)".
AGENCY_SIGNOFF = Rule(r"[(\[]?\w{1,5}/({credits.signoff_agency})[)\]]?")
MAX_CREDIT_WORDS = 14
# A trailing credit fits in a caption's last characters; only they are searched.
CREDIT_CHARS = 150
AGENCY_CHARS = 80
MAX_CAPTION_WORDS = 40
# Every drop needs one of these to match: only the lines where one can are judged.
CAN_DROP = mask_of((CREDIT_LINE, CREDIT_BY, BARE_CREDIT, AGENCY_CREDIT, AGENCY_SIGNOFF, BRACKETED_CREDIT,
                    TRAILING_AGENCY, TRAILING_CREDIT, TRAILING_CAPS_BY))


class Credits(Filter):
    name = "credits"
    description = "Photo and image credits, and captions that end in one."

    def propose(self, doc: Document) -> Iterable[Drop]:
        for i in doc.candidates(CAN_DROP):
            line = doc.lines[i].strip()
            words = word_count(line)
            hits = doc.hits(i)
            if words <= MAX_CREDIT_WORDS and (
                CREDIT_LINE.match(line, hits) or BARE_CREDIT.match(line, hits) or AGENCY_CREDIT.fullmatch(line, hits)
                or AGENCY_SIGNOFF.fullmatch(line, hits)
                or (words <= MAX_CREDIT_BY_WORDS and CREDIT_BY.match(line, hits))
            ):
                yield self.drop(i, "image_credit", line[:60])
            elif words <= MAX_CAPTION_WORDS and (
                ((")" in (tail := line[-CREDIT_CHARS:]) or "]" in tail)
                 and (found := BRACKETED_CREDIT.search(tail, hits)))
                or (found := TRAILING_AGENCY.search(tail, hits, max(0, len(tail) - AGENCY_CHARS)))
                or (":" in tail and (found := TRAILING_CREDIT.search(tail, hits)))
                or (found := TRAILING_CAPS_BY.search(tail, hits))
            ):
                yield self.drop(i, "caption_with_credit", found.group(0).strip())
