"""Ad labels: a line that is only the word "Advertisement" (or its kin) in some language."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Document, Drop
from .base import Filter

AD_WORD = (
    r"(advertisements?|advertising|advertorial|ads?|sponsored( content| post)?|paid (content|post)"
    r"|anzeigen?|werbung|gesponsert|sponsorenhinweis|publicit[ée]|sponsoris[ée]|annonces?"
    r"|publicidad|patrocinado|anuncio|reklam[ay]?|artyku[łl] sponsorowany|pubblicit[àa]|sponsorizzato"
    r"|publicidade|advertentie|广告|廣告"
    r"|(continue reading|story continues|article continues) below( (this )?(ad|advertisement))?"
    r"|weiter nach der anzeige|la suite (après|apr[eè]s) (cette )?publicit[ée]"
    r"|sigue leyendo (abajo|debajo)|ci[ąa]g dalszy (artyku[łl]u )?pod reklam[ąa])"
)
# One label, or two joined ("Anzeige / Sponsorenhinweis"), and who paid for it.
AD_LABEL = re.compile(rf"{AD_WORD}(\s*[/|·•]\s*{AD_WORD})*( (via|von|by)\b.*)?", re.IGNORECASE)
STRIP = " \t-–—=*:|·•[]()/"


class AdLabels(Filter):
    name = "ads"
    description = 'Ad labels such as "Advertisement", "Anzeige", "PUBLICIDAD", "Reklama".'

    def step(self, doc: Document) -> Iterable[Drop]:
        for i in doc.content:
            label = doc.lines[i].strip(STRIP)
            if label and len(label) <= 60 and AD_LABEL.fullmatch(label):
                yield self.drop(i, "ad_label", label)
