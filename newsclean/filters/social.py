"""Social follow and share lines: platform names in a row, "Follow us", "Teilen", "Udostępnij", "Twittern"."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..article import LIST_MARKER
from ..model import Document, Drop
from ..text import word_count
from .base import Filter

# Share bars offer to mail or print the article beside the networks.
SHARE_ACTION = r"e-?mail|print|drucken|imprimir|imprimer|drukuj|stampa|pinnen|pin it"
PLATFORM = re.compile(
    r"\b(facebook|twitter|x|instagram|whats ?app|telegram|threads|linked ?in|youtube|tik ?tok"
    r"|pinterest|xing|reddit|google news|flipboard|mastodon|bluesky|snapchat|tumblr|vk|weibo|wechat"
    rf"|rss|messenger|pocket|{SHARE_ACTION})\b",
    re.IGNORECASE,
)
FOLLOW_OR_SHARE = re.compile(
    r"\b(follow us|follow \S+( \S+)? on|find us on|join us on|share (this|on|via|the)\b|share$"
    r"|shares?\b(?=\s*\d)|tweet (this|it)|bloggers? like this|bloggern gef[äa]llt das"
    r"|gef[äa]llt mir|keine kommentare|no comments|\d+ (comments?|kommentare)"
    r"|folg(e|t|en sie) (uns|mir)|follow me|suivez-moi|s[ií]gueme|teilen|geteilt|suivez[- ]nous|partag(er|ez)"
    r"|retrouvez-nous"
    r"|s[ií]guenos|comp[aá]rt(e|ir|elo)|obserwuj(cie)? nas|udost[ęe]pnij|podziel si[ęe]|seguici"
    r"|condividi|siga-nos|nos siga|compartilh(e|ar)|segue-nos|wir sind (bei|auf)"
    r"|wir (bei|auf) (facebook|instagram|twitter|whats ?app|telegram|youtube|tik ?tok|linked ?in|xing|mastodon)"
    r"|empfiehl (dies|diesen|den|uns)|recommend this|weiterempfehlen|поделиться|שתפו|שתף"
    # Following by feed reader: "RSS-Feed abonnieren", "Subscribe to our RSS feed", "Flux RSS".
    r"|(rss|atom)[- ]?(feeds? )?abonnieren|(subscribe|s'abonner)( \S+){0,3} (rss|atom)|flux rss)\b",
    re.IGNORECASE,
)
# Prompts that are also everyday words ("looks like this:", "Deel" the company) count only as the
# whole line.
WHOLE_LINE_PROMPT = re.compile(r"like this|deel( dit)?( artikel)?|delen", re.IGNORECASE)
# A share button on a line of its own: "Twittern", "E-Mail", "Drucken".
# (Not a bare platform name: "twitter" alone is also a table cell, a dataset's name.)
SHARE_BUTTON = re.compile(rf"twittern|tweet(en)?|e-?mailen|{SHARE_ACTION}", re.IGNORECASE)
# Share bars are short; a sentence that mentions Facebook is not one, nor is an item of the
# article's own list ("- Social apps (e.g. Facebook, TikTok)").
MAX_SHARE_WORDS = 12
MIN_PLATFORMS = 2
MIN_PLATFORM_SHARE = 0.34
MAX_PLATFORM_ROW_WORDS = 40


class Social(Filter):
    name = "social"
    description = "Follow-us and share lines, lone share buttons, and rows of platform names."

    def step(self, doc: Document) -> Iterable[Drop]:
        for i in doc.content:
            line = doc.lines[i].strip()
            words = word_count(line)
            if words > MAX_PLATFORM_ROW_WORDS:
                continue
            platforms = PLATFORM.findall(line)
            if len({p.lower() for p in platforms}) >= MIN_PLATFORMS and (
                words <= MAX_SHARE_WORDS or len(platforms) >= MIN_PLATFORM_SHARE * words
            ) and not (LIST_MARKER.match(line) and doc.article.inside(i)):
                yield self.drop(i, "platform_list", ", ".join(dict.fromkeys(platforms)))
            elif SHARE_BUTTON.fullmatch(bare := line.strip(" .:|·•»›")):
                yield self.drop(i, "share_button", line)
            elif WHOLE_LINE_PROMPT.fullmatch(bare):
                yield self.drop(i, "share_prompt", bare)
            elif words <= MAX_SHARE_WORDS and FOLLOW_OR_SHARE.search(line):
                yield self.drop(i, "share_prompt", FOLLOW_OR_SHARE.search(line).group(0))
