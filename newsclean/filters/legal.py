"""Copyright lines, legal footers (imprint, privacy, terms), affiliate disclosures, contact blocks."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Document, Drop
from ..text import word_count
from .base import Filter

# Patterns below are matched against the lower-cased line, from a word start (much faster than
# re.IGNORECASE on every line of every document).
COPYRIGHT = re.compile(
    r"(?<!\w)(?:©|\(c\)\s*(19|20)\d\d|\bcopyright\b|all rights reserved|alle rechte vorbehalten"
    r"|tous droits r[ée]serv[ée]s|todos los derechos reservados|wszelkie prawa zastrze[żz]one"
    r"|tutti i diritti riservati|todos os direitos reservados|版权所有|版權所有|prawem autorskim"
    r"|urheberrechtlich gesch[üu]tzt|protected by copyright|droits d'auteur r[ée]serv[ée]s"
    # Licence notices: "licensed under a Creative Commons …", "unterliegen dieser Creative-Commons-Lizenz".
    r"|creative[- ]commons[- ](\S+ ){0,6}?(lizenz|licen[cs]e|licencia|licence|licencja|licenza|licen[çc]a)"
    r"|licen[cs]ed under|lizenziert unter|sous licence creative|bajo (una )?licencia creative)"
)
LEGAL_TERM = re.compile(
    r"\b(impressum|imprint|datenschutz\w*|privacy( policy| notice| settings)?|terms( of (use|service))?"
    r"|cookie[- ]?(policy|richtlinie|settings|einstellungen)|agbs?|nutzungsbedingungen|kontakt|contact( us)?"
    r"|about us|über uns|mentions l[ée]gales|politique de confidentialit[ée]"
    r"|conditions g[ée]n[ée]rales( d'utilisation| de vente)?"
    r"|aviso legal|pol[ií]tica de (privacidad|cookies|privacidade)|t[ée]rminos y condiciones"
    r"|polityka prywatno[śs]ci|regulamin|note legali|termini e condizioni|termos de uso"
    r"|accessibility|barrierefreiheit|sitemap|disclaimer|haftungsausschluss|jobs|karriere|careers"
    r"|mediadaten|advertise( with us)?|do not sell my (personal )?(data|information))\b",
    re.IGNORECASE,
)
# Affiliate and sponsorship disclosures: the site explaining how it earns from the links.
DISCLOSURE = re.compile(
    r"(?<!\w)(?:affiliate|partner-?links?|provisions-?links?"
    r"|werbelinks?|liens? (sponsoris[ée]s|d'affiliation)|enlaces de afiliados|linki afiliacyjne"
    r"|(enth[äa]lt|contains|contient|contiene|zawiera) (bezahlte )?"
    r"(werbung|(paid )?advertising|publicit[ée]|publicidad|reklam[eę])"
    r"|sponsored by|gesponsert von|paid partnership|bezahlte partnerschaft|(alle )?angaben ohne gew[äa]hr"
    r"|associates? program|qualifying purchases|earns? (a )?(small )?(revenue|commission)"
    # The review site's assurance that payment does not buy a verdict.
    r"|advertiser disclosure|advertisers (do not|don't|never) influence"
    r"|(keinen|keinerlei) einfluss auf (unsere|die) (empfehlung|bewertung|auswahl|testergebnis))"
)
# "Für Links auf dieser Seite erhält X ggf. eine Provision": a commission, for links or purchases.
COMMISSION = re.compile(
    r"(?<!\w)(receives?|earns?|erh[äa]lt|erhalten|bekommen|verdienen|recevons|recibimos|otrzymujemy)"
    r"\b.{0,40}\b(compensation|commission|provision|comisi[oó]n|prowizj\w*)"
)
LINK_OR_PURCHASE = re.compile(
    r"\blinks?\b|\bvisit (our )?partners\b|\bpartners we recommend\b"
    r"|\bh[äa]ndler|\bretailers?\b|\bpurchases?\b|\bachats?\b|\bcompras?\b|\bzakup"
)
# Contact blocks: phone and fax numbers, e-mail addresses on a short line.
CONTACT = re.compile(
    r"(?<!\w)(?:(tel(efon|[ée]fono|[ée]phone)?|phone|fax|mobil|handy|e-?mail)\b\.?:?\s*[+(]?\d[\d /()\-.]{5,}"
    r"|[\w.+-]+@[\w-]+\.[\w.]+)"
)
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


class Legal(Filter):
    name = "legal"
    description = "Copyright notices, legal footers (imprint, privacy, terms), affiliate disclosures, contacts."

    def step(self, doc: Document) -> Iterable[Drop]:
        for i in doc.content:
            line = doc.lines[i].strip()
            words = word_count(line)
            if words > max(MAX_FOOTER_WORDS, MAX_DISCLOSURE_WORDS):  # an article paragraph
                continue
            lower = line.lower()
            if (found := COPYRIGHT.search(lower)) and (
                words <= MAX_COPYRIGHT_WORDS
                or (words <= MAX_FOOTER_WORDS and len(LEGAL_TERM.findall(line)) >= MIN_TERMS_WITH_COPYRIGHT)
            ):
                yield self.drop(i, "copyright_notice", found.group(0))
                continue
            if words <= MAX_DISCLOSURE_WORDS and (
                (found := DISCLOSURE.search(lower))
                or ((found := COMMISSION.search(lower)) and LINK_OR_PURCHASE.search(lower))
            ):
                yield self.drop(i, "affiliate_disclosure", found.group(0))
                continue
            if words <= MAX_CONTACT_WORDS and (found := CONTACT.search(lower)):
                yield self.drop(i, "contact_details", found.group(0))
                continue
            if words > MAX_MENU_WORDS:
                continue
            terms = LEGAL_TERM.findall(line)
            if terms and (
                (words <= MAX_LINK_WORDS and LEGAL_TERM.fullmatch(line.strip(" .:|·•-")))
                or len(terms) >= MIN_TERMS_IN_MENU
            ):
                yield self.drop(i, "legal_link", ", ".join(t[0] for t in terms[:4]))
