"""Photo and image credits: "Foto: dpa", "(Photo: Getty Images)", a caption ending in "Bild: AFP"."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Document, Drop
from ..text import word_count
from .base import Filter

CREDIT_WORD = (
    r"(?:fotos?|photos?|photographs?|bild(?:er)?|images?|pictures?|picture credits?|credits?|cr[ée]dits?(?: photos?)?"
    r"|cr[ée]ditos?"
    r"|photo credits?|bildquelle|quelle|source|fuente|fonte|[źz]r[óo]d[łl]o|zdj[ęe]cie|fot\.|kuva|imagem|immagine"
    r"|foto ?grafia"
    r"|beitragsbild|titelbild|aufmacherbild|featured image|image d'illustration|imagen destacada"
    r"|symbolbild|symbolfoto|archivbild|archivfoto|file photo|image illustrative|imagen ilustrativa"
    r"|zdj[ęe]cie ilustracyjne|foto ilustrativa|immagine di repertorio"
    r"|ilustraci[oó]n|illustration|grafik|video|图片|圖片|摄影)"
)
PHOTO_WORD = (
    r"(?:fotos?|photos?|photograph|bild|image|foto ?grafia|zdj[ęe]cie|fot\.|kuva|imagem|cr[ée]dits? photos?"
    r"|photo credits?)"
)
# The whole line is a credit: "Foto: dpa", "Image: Getty Images / John Doe".
CREDIT_LINE = re.compile(rf"^[(\[]?\s*{CREDIT_WORD}\s*[:|©]\s*\S.*$", re.IGNORECASE)
# "Photo by ev on Unsplash", "Foto von Max Muster".
CREDIT_BY = re.compile(
    r"^[(\[]?\s*(?:photo|foto|image|bild|picture|illustration)s? (?:by|von|de|par|di|por|courtesy)\s+\S", re.IGNORECASE
)
MAX_CREDIT_BY_WORDS = 8
# The label alone, its name lost in scraping: "Photo credits", "Foto:".
BARE_CREDIT = re.compile(rf"^{CREDIT_WORD}\s*:?$", re.IGNORECASE)
# A caption that ends in a credit: "… im Viertelfinale Bild: AFP/SID/PASCAL GUYOT".
TRAILING_CREDIT = re.compile(rf"{PHOTO_WORD}\s*:\s*(?:[^.!?:]|\.(?=\S)){{1,60}}[)\]]?\.?\s*$", re.IGNORECASE)
AGENCY = (
    r"(?:getty images|reuters|afp|dpa|ap photo|imago|shutterstock|istock(?:photo)?|picture[- ]alliance|epa|efe"
    r"|pap|ansa|keystone|sipa"
    # Stock photo sites.
    r"|(?:pixabay|unsplash|pexels|adobe ?stock|dreamstime|123rf|depositphotos|fotolia|alamy)(?:\.com)?)"
)
AGENCY_CREDIT = re.compile(rf"[(\[]?\s*(?:©\s*)?{AGENCY}(?:\s*[/|,].{{0,50}})?[)\]]?\s*$", re.IGNORECASE)
# A caption that ends in its agency: "… el 11 de febrero pasado. EFE", "… supply chain. Mike Blake/Reuters files".
TRAILING_AGENCY = re.compile(
    rf"(?:[.!?]\s*(?:©\s*)?{AGENCY}(?:\s*[/|,][^.!?]{{0,50}})?|\s/\s*(?:{CREDIT_WORD}\s*:\s*)?{AGENCY}(?: files| pool)?"
    rf"|(?<=\w)/{AGENCY}(?: files)?)\.?\s*$",
    re.IGNORECASE,
)
# A caption that ends in its photographer, in capitals: "… in Las Croabas. By U.S. CUSTOMS AND BORDER PROTECTION".
TRAILING_CAPS_BY = re.compile(r"[.!?]\s+(?:By|Von|Par|Por|Di|Foto|Photo)\s+[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.&'/ -]{3,60}$")
# A caption that ends in a credit in brackets: "… Premio Nobel de la Paz (REUTERS/Denis Balibouse)",
# "… Aufklärung. (Quelle: Fleischmann/Unsplash/DJV)", "(Bildquelle: Ring der Landjugend)". A bare
# "(Quelle: Statistisches Bundesamt)" cites the source of a figure: no agency, no photographer's slash.
BRACKETED_CREDIT = re.compile(
    rf"[(\[]\s*(?:(?:{PHOTO_WORD}|bildquelle)\s*:\s*[^()\[\]]{{1,60}}"
    rf"|(?:{AGENCY}|{CREDIT_WORD}\s*:[^()\[\]/]{{1,40}})\s*/[^()\[\]]{{1,50}})[)\]]\.?\s*$",
    re.IGNORECASE,
)
# Agency sign-offs: "aja/PAP", "dpa/lni", "(AFP)".
AGENCY_SIGNOFF = re.compile(r"[(\[]?\w{1,5}/(pap|dpa|afp|reuters|ap|efe|ansa|apa|sda|kna|epd|lni|lnw|tmn)[)\]]?",
                            re.IGNORECASE)
MAX_CREDIT_WORDS = 14
# A trailing credit fits in a caption's last characters; only they are searched.
CREDIT_CHARS = 150
AGENCY_CHARS = 80
MAX_CAPTION_WORDS = 40


class Credits(Filter):
    name = "credits"
    description = "Photo and image credits, and captions that end in one."

    def step(self, doc: Document) -> Iterable[Drop]:
        for i in doc.content:
            line = doc.lines[i].strip()
            words = word_count(line)
            if words <= MAX_CREDIT_WORDS and (
                CREDIT_LINE.match(line) or BARE_CREDIT.match(line) or AGENCY_CREDIT.fullmatch(line)
                or AGENCY_SIGNOFF.fullmatch(line) or (words <= MAX_CREDIT_BY_WORDS and CREDIT_BY.match(line))
            ):
                yield self.drop(i, "image_credit", line[:60])
            elif words <= MAX_CAPTION_WORDS and (
                ((")" in (tail := line[-CREDIT_CHARS:]) or "]" in tail) and (found := BRACKETED_CREDIT.search(tail)))
                or (found := TRAILING_AGENCY.search(tail, max(0, len(tail) - AGENCY_CHARS)))
                or (":" in tail and (found := TRAILING_CREDIT.search(tail)))
                or (found := TRAILING_CAPS_BY.search(tail))
            ):
                yield self.drop(i, "caption_with_credit", found.group(0).strip())
