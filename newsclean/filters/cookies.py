"""Cookie, consent and browser notices: a site telling its reader about cookies or their browser, and the
warnings a broken site prints into its pages."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.document import Document, Drop
from ..rules.lexicon import Rule, mask_of
from .base import Filter

# The phrases are in newsclean/rules/phrases/cookies.txt; all are matched against the lower-cased line.
COOKIE = Rule("{cookies.cookie}")
CONSENT = Rule(r"\b({cookies.consent})\b")
# Notices speak to the reader about this site; news about cookies does not.
ADDRESS = Rule(r"\b({cookies.address})\b")
# Placeholders for blocked embeds: "Click the button below to load the content from …".
EMBED_CONSENT = Rule("{cookies.embed_consent}")
MAX_PLACEHOLDER_WORDS = 40
# "You are using an outdated browser", "Bitte aktivieren Sie JavaScript".
BROWSER_NOTICE = Rule(r"(?<!\w)({cookies.browser_notice})")
MAX_NOTICE_WORDS = 60
# The longest cookie notices on dev run to about 175 words; a longer line is a whole page glued into one
# line, and a cookie notice inside it does not make the page debris.
MAX_COOKIE_WORDS = 250
# "Warning: Creating default object from empty value in /www/…/classes.php on line 407" (as the whole
# line: one printed inside a paragraph does not make the paragraph debris).
# A Rule, matched against the lower-cased line as the others: the scan gates it too.
SERVER_WARNING = Rule(
    r"\W*(warning|notice|deprecated|fatal error|parse error|strict standards)\s*:.{0,300}? in "
    r"\S+\.php(\s*:\d+| on line \d+)",
    flags=0,
)
# Every drop needs one of these to match (a cookie notice needs COOKIE): only the lines where one can
# are judged.
CAN_DROP = mask_of((COOKIE, EMBED_CONSENT, BROWSER_NOTICE, SERVER_WARNING))


class Cookies(Filter):
    name = "cookies"
    description = "Cookie, consent and browser notices, placeholders of blocked embeds, PHP warnings."

    def propose(self, doc: Document) -> Iterable[Drop]:
        for i in doc.candidates(CAN_DROP):
            line = doc.lines[i].lower()
            words = len(line.split())
            hits = doc.hits(i)
            if (words <= MAX_COOKIE_WORDS and (found := COOKIE.search(line, hits)) and CONSENT.search(line, hits)
                    and ADDRESS.search(line, hits)):
                yield self.drop(i, "cookie_notice", found.group(0))
            elif words <= MAX_PLACEHOLDER_WORDS and (found := EMBED_CONSENT.search(line, hits)):
                yield self.drop(i, "embed_consent", found.group(0))
            elif words <= MAX_NOTICE_WORDS and (found := BROWSER_NOTICE.search(line, hits)):
                yield self.drop(i, "browser_notice", found.group(0))
            elif words <= MAX_NOTICE_WORDS and (found := SERVER_WARNING.match(line, hits)):
                yield self.drop(i, "server_warning", found.group(0)[:60])
