"""Social follow and share lines: platform names in a row, "Follow us", "Teilen", "Udostępnij", "Twittern"."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.article import LIST_MARKER
from ..core.document import Document, Drop
from ..core.text import word_count
from ..rules.lexicon import Rule, mask_of
from .base import Filter

# The phrases are in newsclean/rules/phrases/social.txt.
PLATFORM = Rule(r"\b({social.platform}|{social.share_action})\b")
FOLLOW_OR_SHARE = Rule(r"\b({social.follow_or_share})\b")
# Prompts that are also everyday words count only as the whole line.
WHOLE_LINE_PROMPT = Rule("{social.whole_line_prompt}")
# A share button on a line of its own: "Twittern", "E-Mail", "Drucken".
# (Not a bare platform name: "twitter" alone is also a table cell, a dataset's name.)
SHARE_BUTTON = Rule("{social.share_button}|{social.share_action}")
# Share bars are short; a sentence that mentions Facebook is not one, nor is an item of the
# article's own list ("- Social apps (e.g. Facebook, TikTok)").
MAX_SHARE_WORDS = 12
MIN_PLATFORMS = 2
MIN_PLATFORM_SHARE = 0.34
MAX_PLATFORM_ROW_WORDS = 40
# Every drop needs one of these to match: only the lines where one can are judged.
CAN_DROP = mask_of((PLATFORM, SHARE_BUTTON, WHOLE_LINE_PROMPT, FOLLOW_OR_SHARE))


class Social(Filter):
    name = "social"
    description = "Follow-us and share lines, lone share buttons, and rows of platform names."

    def propose(self, doc: Document) -> Iterable[Drop]:
        for i in doc.candidates(CAN_DROP):
            hits = doc.hits(i)
            line = doc.lines[i].strip()
            words = word_count(line)
            if words > MAX_PLATFORM_ROW_WORDS:
                continue
            bare = line.strip(" .:|·•»›")
            platforms = PLATFORM.findall(line, hits)
            if len({p.lower() for p in platforms}) >= MIN_PLATFORMS and (
                words <= MAX_SHARE_WORDS or len(platforms) >= MIN_PLATFORM_SHARE * words
            ) and not (LIST_MARKER.match(line) and doc.article.inside(i)):
                yield self.drop(i, "platform_list", ", ".join(dict.fromkeys(platforms)))
            elif SHARE_BUTTON.fullmatch(bare, hits):
                yield self.drop(i, "share_button", line)
            elif WHOLE_LINE_PROMPT.fullmatch(bare, hits):
                yield self.drop(i, "share_prompt", bare)
            elif words <= MAX_SHARE_WORDS and (found := FOLLOW_OR_SHARE.search(line, hits)):
                yield self.drop(i, "share_prompt", found.group(0))
