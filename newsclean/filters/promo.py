"""Calls to action: newsletters, subscriptions, apps, sign-ups, shop carts, "continue reading", comment forms.

Promos are often written as ordinary prose, so stopword density lets them through. They are
recognised sentence by sentence: a line goes when most of it is sentences that address the
reader and ask for an action. A promo talks about the site (its newsletter, its app), not about
the story: a line inside the article whose words are mostly the article's own is the article
talking about its subject and stays, a paragraph ("A native app is installed from an app store …")
or a heading that does not speak to the reader ("Subscription costs:").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..article import Article, stems
from ..model import Document, Drop
from ..text import word_count
from .base import Filter
from .social import FOLLOW_OR_SHARE, PLATFORM

CART = r"(basket|cart|panier|carrito|koszyk\w*|carrello|carrinho)"
# A link to the rest of a story: "Weiterlesen", "[czytaj więcej]" (teasers finds it at a blurb's end).
READ_MORE = (
    r"continue reading|read more|weiterlesen|mehr lesen|lire la suite|leer m[aá]s|seguir leyendo"
    r"|czytaj (dalej|wi[ęe]cej)|leggi (tutto|di pi[uù])|continua a leggere|leia mais|continuar lendo"
)
PROMPTS = {
    "newsletter_prompt": r"newsletter|infolettre|bolet[ií]n|biuletyn|nieuwsbrief"
    r"|(daily|weekly|monthly) (dose|digest|briefing|summary|roundup|list|e-?mails?)"
    r"|in your inbox|ins postfach|posteingang|dans votre bo[iî]te"
    r"|(follow|suivre|seguir) (this|ce|este) blog|diesem blog (zu )?folgen|ניוזלטר|рассылк\w+"
    # "Never miss a post", "Verpasse keine News", "Pour ne rien rater, inscrivez-vous".
    r"|never miss (a|an|any|our|the)( \w+)? (posts?|stor(y|ies)|updates?|articles?|issues?|episodes?|news|beat)"
    r"|nichts (mehr )?(zu )?(verpassen|vers[äa]umen)|verpass(e|en sie) (keine|nichts)"
    r"|pour ne rien (rater|manquer)|ne ratez (rien|aucun)|para no perderte nada|n[ãa]o perca nada|non perdere nulla",
    # "Subscribe", "Abonnez-vous" (not "847 subscribers", "Abonnenten": people an article may count).
    "subscription_prompt": r"subscri(?!bers?\b)\w+|abonn(?!ent|és\b)\w+|abonie\w+|suscr[ií]\w+|subskryb\w+"
    r"|prenumer\w+|iscriviti"
    r"|подписаться|подпишитесь|подписывайтесь|הירשמו|הרשמו"
    # "Abo", "im Abo": the site's own subscription (not "das Abo wird teurer", news about one).
    r"|^\W*abo\W*$|im abo\b|zum abo\b|subskrypc\w+|abbonati|^\W*make a contribution"
    r"|assin(e|ar|atura)\w*|support(ing)? (us|our (work|journalism|reporting)|independent)"
    r"|unterst[üu]tz(en sie|e)( auch du)? (uns|(das|dieses|unser\w*) (projekt|magazin|blog))|unterstützen sie"
    r"|wesprzyj|(rely|depend) on (your|readers'?) support"
    # A paywall's meter: "Vous avez lu 1 des 4 articles gratuits ce mois-ci".
    r"|free articles|articles gratuits|kostenlose[n]? artikel|art[ií]culos gratuitos|darmowe artyku[łl]y"
    r"|acc[èe]s illimit\w*|acc[ée]der en illimit\w*|unlimited (digital )?access|unbegrenzte[nm]? zugriff"
    r"|acceso ilimitado|dost[ęe]p bez limitu|accesso illimitato|acesso ilimitado"
    r"|soutenez|apoya (nuestro|el periodismo)|donat\w+|spende\w*"
    # A magazine selling its issue, or members-only offers: "im Abo, als e-Paper", "exklusive Angebote".
    r"|(als|unser\w*|zum|im|ins|our|the) e-?paper\b(?!-)|exklusive angebote|exclusive offers|offres exclusives"
    r"|ofertas exclusivas",
    "app_prompt": r"(our|the|unsere[rn]?|notre|nuestra|nasz[aą]|nostra|nosso)( [\w-]+){0,3} apps?\b"
    r"|app store|google play"
    r"|download (the|our)|herunterladen|t[ée]l[ée]chargez|descarga|pobierz|scarica|baixe"
    r"|(ios|iphone) (and|und|et|y|i|e) android|android (and|und|et|y|i|e) (ios|iphone)",
    # "Register now", "Registrieren Sie sich", a bare "Login" (not "a registered agent", "log in as root").
    "account_prompt": r"\bsign[ -]?(up|in)\b|\blog ?in( to| or| here| now|\W*$)|^\W*log ?in\b|\blogged in|eingeloggt"
    r"|\bregister( now| here| today| for (free|our|the)| (an|your) account|\W*$)|^\W*register\W*$|\bregistrier\w*"
    r"|\banmeld\w+|einloggen"
    r"|inscri(vez|bete|ba-se|[çc][ãa]o)|zaloguj|zarejestruj|accedi|connectez|create (an|your) account",
    # "Add the ingredients to your basket", "Ihr Warenkorb ist leer" (not "a basket of goods", "golf cart").
    "shop_prompt": rf"(add|ajouter|añadir|dodaj|aggiungi|adicionar)\b.{{0,40}}\b{CART}\b|warenkorb"
    rf"|(your|votre|tu|tw[oó]j) (shopping )?{CART}\b|items? in (your |the )?{CART}\b"
    r"|erfolgreich hinzugef[üu]gt|successfully added|ajout[ée] avec succ[èe]s|a[ñn]adido correctamente"
    # "Zobacz oferty na …", "View deals": a shop's listing, not news about an offer.
    r"|(see|view|compare) (all |the |our )?(deals|offers)|zobacz (wszystkie )?oferty|angebote (ansehen|vergleichen)"
    r"|voir (les|nos) offres|ver (las |nuestras )?ofertas|vedi (le )?offerte|ver (as )?ofertas",
    "continue_reading": rf"{READ_MORE}|read the full|^\W*read the rest"
    r"|learn more|^\W*discover more|mehr entdecken|mehr erfahren"
    r"|en savoir plus|m[aá]s informaci[oó]n|saber m[aá]s|scopri di pi[uù]"
    r"|dowiedz si[ęe] wi[ęe]cej|(leer|ver) (la )?noticia completa|saiba mais|veja mais|clique aqui"
    r"|click here|klicken sie hier|cliquez ici|haz clic|kliknij",
    "comment_form": r"(e-?mail|email address|e-mail-adresse|adresse e-?mail|correo) (will|wird|ne sera|no ser)"
    r"|(will not|won't) be published|wird nicht ver[öo]ffentlicht|ne sera pas publi[ée]e?|no ser[aá] publicad[oa]"
    r"|nie zostanie opublikowany|non verr[àa] pubblicat[oa]|n[ãa]o ser[áa] publicad[oa]"
    r"|required fields|pflichtfelder|erforderliche felder|champs obligatoires|campos obligatorios"
    # A form's field marked as required: "Name (erforderlich)", "Email (required)", "Imię (wymagane)".
    r"|\((required|erforderlich|pflichtfeld|wird ben[öo]tigt\b.*|obligatoire|obligatorio|wymagane|obbligatorio"
    r"|obrigat[óo]rio)\)"
    # The consent under a comment form: "Mit dem abgeschickten Kommentar akzeptierst du …".
    r"|abgeschickten kommentar|by (submitting|posting) (a|your|this) comment|en (soumettant|publiant) (un|votre) "
    r"commentaire|al (enviar|publicar) (un|tu|su) comentario"
    r"|leave a (comment|reply)|kommentare? (schreiben|hinterlassen|verfassen)|schreibe einen kommentar"
    r"|(add|post|write) (a |your )?comments?|share your thoughts|vos r[ée]actions|ihre meinung ist gefragt"
    r"|laisser un commentaire|deja un comentario|dodaj komentarz|lascia un commento|deixe (um|seu) coment"
    r"|(publier|poster|[ée]crire|ajouter) un commentaire"
    r"|hinterlasse\w* (jetzt |doch |einfach )?(einen|deinen|ihren) kommentar"
    r"|kommentieren sie|kommentiere (jetzt|hier|doch)|(publica|escribe) un comentario|napisz komentarz"
    r"|scrivi un commento|escreva (um|seu) coment"
    r"|join the (discussion|conversation)|dołącz do dyskusji|diskutiere?n? (sie )?mit|rejoignez la discussion"
    r"|[úu]nete a la conversaci[óo]n"
    r"|in (den|the) (kommentaren|comments)|dans les commentaires|en los comentarios|w komentarzach|nei commenti"
    r"|(danke f[üu]r|freue mich [üu]ber|thanks for|merci pour|gracias por) (eure|deine|ihre|your|vos|tus|sus) "
    r"(kommentare|comments|commentaires|comentarios)"
    r"|letters? to the editor|leserbrief|courrier des lecteurs|cartas al director"
    r"|trackback|pingback|comments (are )?closed|kommentare (sind )?geschlossen|commentaires ferm[ée]s"
    r"|notify me|benachrichtige mich|pr[ée]venez-moi|notif[ií]came|powiadom mnie"
    r"|cancel reply|antwort abbrechen|annuler la r[ée]ponse|cancelar (la )?respuesta|anuluj odpowied[źz]"
    r"|annulla risposta|cancelar resposta",
}
# Checked in this order: a newsletter sign-up is a newsletter prompt before it is an account prompt.
PROMPT_PATTERNS = {name: re.compile(rx, re.IGNORECASE) for name, rx in PROMPTS.items()}
# One cheap test first: most lines contain none of the trigger phrases (lower-cased, word start).
ANY_TRIGGER = re.compile(
    r"(?<!\w)(?:" + "|".join([*PROMPTS.values(), FOLLOW_OR_SHARE.pattern, PLATFORM.pattern]) + ")"
)
# "Folge uns in den sozialen Medien": following without naming a platform.
SOCIAL_MEDIA = re.compile(
    r"social[ -]?media|social networks?|soziale[nm]? (medien|netzwerke\w*)|r[ée]seaux sociaux|redes sociales"
    r"|mediach spo[łl]eczno[śs]ciowych|reti sociali|redes sociais",
    re.IGNORECASE,
)
# Calls to action speak to the reader ("you", "our", "now", "here") or are a bare imperative. German
# "Sie" and "Ihr" address the reader only when capitalised ("sie", "ihr" are "they", "her").
ADDRESS = re.compile(
    r"\b(please|bitte|por favor|s'il vous pla[iî]t|prosimy|prosz[ęe]|per favore"
    r"|you|your|our|us|now|here|today|free|(?-i:Sie|Ihr\w*|Ihnen)|du|dich|dein\w*|euch|unser\w*|jetzt|hier|kostenlos"
    r"|vous|votre|vos|nos|notre|ici|gratuit\w*|maintenant|t[uú]|te|tus?|nuestr\w+|aqu[ií]|ahora|gratis"
    r"|ci[ęe]|tw[oó]j\w*|nasz\w*|teraz|tutaj|za darmo|zapraszamy|ti|tuo|tua|nostr\w+|qui|ora|gratuito|voc[êe]|seu|sua"
    r"|nosso|nossa|aqui|agora"
    # "For the latest stories … download the X apps": the reader's reason to act.
    r"|for (the )?(latest|more|breaking) (news|stories|updates)"
    # A form's opt-in box speaks for the reader: "Ja, ich möchte den Newsletter bekommen".
    r"|ja, ich m[öo]chte|yes, i (want|would like)|oui, je (veux|souhaite)|s[ií], (quiero|deseo))\b",
    re.IGNORECASE,
)
# "our YouTube channel", "unser Instagram-Kanal": the site promoting its own accounts.
OUR = re.compile(r"\b(our|unser\w*|notre|nos|nuestr\w+|nasz\w*|nostr\w+|noss\w+)\b", re.IGNORECASE)
# A call to action often opens with an imperative: "Get …", "Jetzt …", "Abonnez …", "Descarga …".
IMPERATIVE_START = re.compile(
    r"^\W*(get|sign|join|subscribe|download|follow|register|read|click|tap|try|discover|submit|send|notify|receive|jetzt"
    r"|hol(en sie|e dir)"
    r"|melden sie|abonnieren sie|registrieren sie|laden sie|lade dir|entdecke|inscrivez|abonnez|t[ée]l[ée]chargez"
    r"|d[ée]couvrez|suscr[ií]b(ete|ase)|descarga|reg[ií]strate|[úu]nete|zapisz|pobierz|zarejestruj|do[łl][aą]cz"
    r"|iscriviti|scarica|scopri|assine|baixe|inscreva)\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")
# "Artikel bewerten", "Was this article helpful?", "Gefällt Ihnen dieser Artikel?": always a short line of
# its own, so only short lines are searched for it.
FEEDBACK = re.compile(
    r"(artikel|beitrag|article|post|story|seite) bewerten|rate (this|the) (article|post|story)"
    r"|(war|ist) (dieser|der) (artikel|beitrag|text) hilfreich|(was|is) this (article|post|page|story) helpful"
    r"|(gef[äa]llt|gefiel) (ihnen|dir|euch) (dieser|der|unser) (artikel|beitrag)"
    r"|did you (like|enjoy) this (article|post|story)"
    r"|cet article (vous )?a-t-il|(te|le) (ha )?(gust[óo]|sirvi[óo]) (este|el) art[ií]culo"
    r"|(ti [èe] piaciuto|ti è stato utile) (questo|l'|il)|czy (ten )?artyku[łl] (by[łl] )?(pomocny|przydatny)"
    # "Report an error", "Fehler gefunden?": the correction form's link.
    r"|report (an? )?(error|typo|mistake)|fehler (gefunden|entdeckt|melden)|reportar (un )?error(es)?"
    r"|signaler une (erreur|faute)|segnala(re)? un errore|zg[łl]o[śs] b[łl][ąa]d",
    re.IGNORECASE,
)
MAX_FEEDBACK_WORDS = 12
# A bare prompt ("Subscribe", "Read more") needs no address to be a call to action.
MAX_BARE_PROMPT_WORDS = 6
MIN_PROMPT_SHARE = 0.5
# Longer lines are article paragraphs, even when they end with an appeal.
MAX_PROMO_WORDS = 60
# A line inside the article with this share of its content words in the (rest of the) body is about
# the article's subject.
MIN_SUBJECT_RELATEDNESS = 0.5
# With fewer content words, sharing half of them with the body happens by chance.
MIN_SUBJECT_STEMS = 2


def prompt_kind(sentence: str) -> str | None:
    """The kind of call to action a sentence is, or None."""
    short = word_count(sentence) <= MAX_BARE_PROMPT_WORDS
    kind = next((name for name, rx in PROMPT_PATTERNS.items() if rx.search(sentence)), None)
    if kind and (short or ADDRESS.search(sentence) or IMPERATIVE_START.search(sentence)):
        return kind
    if FOLLOW_OR_SHARE.search(sentence) and (
        short or PLATFORM.search(sentence) or (SOCIAL_MEDIA.search(sentence) and ADDRESS.search(sentence))
    ):
        return "follow_prompt"
    if PLATFORM.search(sentence) and (OUR.search(sentence) or IMPERATIVE_START.search(sentence)):
        return "follow_prompt"
    return None


def about_subject(article: Article, doc: Document, i: int) -> bool:
    """A line inside the article that talks about what the article does: a paragraph, or a heading
    that does not speak to the reader ("Subscription costs:", not "Sign up for our newsletter")."""
    line = doc.lines[i]
    if not article.inside(i) or len(stems(line, doc.stopwords)) < MIN_SUBJECT_STEMS:
        return False
    if i not in article.body and (ADDRESS.search(line) or IMPERATIVE_START.search(line)):
        return False
    related = article.relatedness(line, doc.stopwords, is_body=i in article.body)
    return related is not None and related >= MIN_SUBJECT_RELATEDNESS


class Promo(Filter):
    name = "promo"
    description = "Calls to action: newsletter, subscription, app, sign-up and feedback prompts, comment forms."

    def step(self, doc: Document) -> Iterable[Drop]:
        article = doc.article
        for i in doc.content:
            line = doc.lines[i].strip()
            words = word_count(line)
            if words <= MAX_FEEDBACK_WORDS and (found := FEEDBACK.search(line)):
                yield self.drop(i, "feedback_prompt", found.group(0))
                continue
            if words > MAX_PROMO_WORDS or not ANY_TRIGGER.search(line.lower()):
                continue
            kinds: dict[str, int] = {}
            sentences = SENTENCE_END.split(line)
            for j, sentence in enumerate(sentences):
                # Only a sentence with a trigger phrase of its own can be a call to action.
                kind = ANY_TRIGGER.search(sentence.lower()) and prompt_kind(sentence)
                if kind:
                    # The question just before a call leads into it: "Looking for a flat? See our offers …"
                    lead = sentences[j - 1] if j and sentences[j - 1].endswith("?") else ""
                    kinds[kind] = kinds.get(kind, 0) + len(sentence) + len(lead)
            if kinds and sum(kinds.values()) >= MIN_PROMPT_SHARE * len(line) and not about_subject(article, doc, i):
                reason = max(kinds, key=kinds.get) if len(kinds) == 1 else "call_to_action"
                yield self.drop(i, reason, ", ".join(kinds))

