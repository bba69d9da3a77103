"""Ad labels: a line that is only the word "Advertisement" (or its kin) in some language."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.document import Document, Drop
from ..rules.lexicon import Rule, mask_of
from .base import Filter

# One label (newsclean/rules/phrases/ads.txt), or two joined ("Anzeige / Sponsorenhinweis"), and who paid for it.
AD_LABEL = Rule(r"({ads.ad_word})(\s*[/|·•]\s*({ads.ad_word}))*( (via|von|by)\b.*)?")
STRIP = " \t-–—=*:|·•[]()/"
# Every drop needs AD_LABEL to match: only the lines where it can are judged.
CAN_DROP = mask_of((AD_LABEL,))


class AdLabels(Filter):
    name = "ads"
    description = 'Ad labels such as "Advertisement", "Anzeige", "PUBLICIDAD", "Reklama".'

    def propose(self, doc: Document) -> Iterable[Drop]:
        for i in doc.candidates(CAN_DROP):
            label = doc.lines[i].strip(STRIP)
            if label and len(label) <= 60 and AD_LABEL.fullmatch(label, doc.hits(i)):
                yield self.drop(i, "ad_label", label)
