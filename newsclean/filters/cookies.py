"""Cookie, consent and browser notices: a site telling its reader about cookies or their browser, and the
warnings a broken site prints into its pages."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Document, Drop
from .base import Filter

COOKIE = re.compile(r"cookie|ciasteczk|galletas")  # matched against the lower-cased line
CONSENT = re.compile(
    r"\b(us(e|es|ing)|accept\w*|consent\w*|agree|settings|preferences|manage|einwillig\w*|akzept\w*"
    r"|zustimm\w*|verwend\w*|nutz\w*|setz\w*|einstellungen|utilis\w*|accept\w*|param[eè]tres|consentement"
    r"|speicher\w*|stor(e|es|ed|ing)|stock\w*|almacen\w*|utiliza\w*|acept\w*|configuraci[oó]n|consentimiento"
    r"|u[żz]ywa\w*|korzyst\w*|zgod\w*|akceptuj\w*|ustawienia"
    r"|utilizza\w*|accett\w*|consenso|impostazioni|usa\w*|aceit\w*|configura[çc][õo]es|ok)\b"
)
# Notices speak to the reader about this site; news about cookies does not.
ADDRESS = re.compile(
    r"\b(we|our|you|your|this (web)?site|wir|unsere?\w*|sie|ihre?|du|diese (web)?seite|diese website"
    r"|nous|notre|nos|vous|votre|ce site|nosotros|nuestr[oa]s?|usted|su|este (sitio|site|portal)"
    r"|u[żz]ywamy|pa[ńn]stwa|nasz\w*|ta strona|ten serwis|noi|nostr[oi]|questo sito|n[óo]s|nosso|voc[êe])\b"
)


# Placeholders for blocked embeds: "Click the button below to load the content from …".
EMBED_CONSENT = re.compile(
    r"(inhalte?|content|contenu|contenido|tre[śs][ćc]) (von|from|de|z) .{0,60}"
    r"(zu )?(laden|load|charger|cargar|za[łl]adowa[ćc])|externe[rn]? inhalte?|external content"
)
MAX_PLACEHOLDER_WORDS = 40
# "You are using an outdated browser", "Bitte aktivieren Sie JavaScript".
BROWSER_NOTICE = re.compile(
    r"(?<!\w)((javascript|js) (is |ist )?(disabled|deaktiviert|d[ée]sactiv[ée]|desactivado|wy[łl][aą]czon\w*)"
    r"|enable javascript|javascript (aktivieren|einschalten|is required)|activez javascript|habilita javascript"
    r"|(outdated|unsupported|older|veraltete[nr]?) (web ?)?browser|browser version|update your browser"
    r"|your browser (does not|doesn't|is not|is out)|ihr browser|votre navigateur|tu navegador|twoja przegl[aą]dark)"
)
MAX_NOTICE_WORDS = 60
# The longest cookie notices on dev run to about 175 words; a longer line is a whole page glued into one
# line, and a cookie notice inside it does not make the page debris.
MAX_COOKIE_WORDS = 250
# "Warning: Creating default object from empty value in /www/…/classes.php on line 407" (as the whole
# line: one printed inside a paragraph does not make the paragraph debris).
SERVER_WARNING = re.compile(
    r"\W*(warning|notice|deprecated|fatal error|parse error|strict standards)\s*:.{0,300}? in "
    r"\S+\.php(\s*:\d+| on line \d+)"
)


class Cookies(Filter):
    name = "cookies"
    description = "Cookie, consent and browser notices, placeholders of blocked embeds, PHP warnings."

    def step(self, doc: Document) -> Iterable[Drop]:
        for i in doc.content:
            line = doc.lines[i].lower()
            words = len(line.split())
            if (words <= MAX_COOKIE_WORDS and (found := COOKIE.search(line)) and CONSENT.search(line)
                    and ADDRESS.search(line)):
                yield self.drop(i, "cookie_notice", found.group(0))
            elif words <= MAX_PLACEHOLDER_WORDS and (found := EMBED_CONSENT.search(line)):
                yield self.drop(i, "embed_consent", found.group(0))
            elif words <= MAX_NOTICE_WORDS and (found := BROWSER_NOTICE.search(line)):
                yield self.drop(i, "browser_notice", found.group(0))
            elif words <= MAX_NOTICE_WORDS and (found := SERVER_WARNING.match(line)):
                yield self.drop(i, "server_warning", found.group(0)[:60])
