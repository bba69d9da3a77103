"""Teasers: headlines of other stories, the labels that introduce them ("Read more:", "Lesen Sie auch"),
and blurbs that end in their own link ("… Weiterlesen →").

A teaser looks like a headline (short, no closing full stop) and talks about something else:
few of its content words occur in the article body. Subheadings of the article share the
body's vocabulary and stay. Teasers come in runs, mostly after the body, so a line after the
body needs less evidence than one inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..article import stems
from ..model import Document, Drop
from ..text import word_count, words
from .base import Filter
from .promo import PROMPT_PATTERNS, READ_MORE

TEASER_LABEL = re.compile(
    r"(read (also|more|next)|see also|also read|related( (articles?|stories|posts|content|news|topics))?"
    r"|more (stories|news|articles|on this( topic)?|from \w+)|recommended( for you)?"
    r"|(you )?(may|might) also (like|be interested( in)?)|recent (stories|posts|articles|news)"
    r"|what to read next|most (read|popular|viewed)|trending( now)?|top stories|latest news|don'?t miss"
    # A sidebar of the site's latest comments: "Recent Comments", "Letzte Kommentare".
    r"|(recent|latest|letzte|neueste|aktuelle|derniers|[úu]ltimos|ultimi|ostatnie) (comments|kommentare|commentaires"
    r"|comentarios|commenti|komentarze|coment[áa]rios)"
    r"|lesen sie (auch|mehr)|auch interessant( f[üu]r (dich|sie))?|mehr zum thema|siehe auch"
    r"|weitere (artikel|news|nachrichten|themen|beitr[äa]ge)"
    r"|das k[öo]nnte (sie|dich|dir) (auch )?(interessieren|gefallen)"
    r"|(am )?meist(en)? (gelesen|geklickt|kommentiert|gesucht|geteilt)|meist(gelesen|geklickt|kommentiert|gesucht)e?"
    r"|(meist)?kommentierte (artikel|beitr[äa]ge)|most commented|editor'?s'? picks|empfehlungen( (aus )?der redaktion)?"
    r"|lesetipps?|verwandte artikel|articles correspondants"
    r"|(themen|topics|tags|schlagw[öo]rter) (in|zu|of|for|f[üu]r) (diesem|dem|this|the) (artikel|beitrag|article|story)"
    r"|([àa] )?lire (aussi|[ée]galement)( \S+){0,3}|[àa] d[ée]couvrir (aussi|[ée]galement|sur \S+)"
    r"|sur le m[êe]me sujet|les plus lus|voir aussi|pour approfondir"
    r"|lee (tambi[ée]n|m[aá]s)|lea (tambi[ée]n|aqu[ií])|noticias relacionadas|temas relacionados|te puede interesar"
    r"|(l[oa]s )?m[aá]s (le[ií]d|vist)[oa]s?|per saperne di pi[uù]|tambi[ée]n te puede interesar"
    r"|czytaj (te[żz]|tak[żz]e)|zobacz (te[żz]|tak[żz]e|r[oó]wnie[żz])"
    r"|читайте (также|еще|ещё)|(еще|ещё|новости) по теме|самое (читаемое|популярное)|похожие (статьи|новости)"
    r"|עוד ב\S+( \S+){0,4}|כתבות נוספות|כותרות אחרונות( \S+){0,4}|הכי נקראים"
    r"|polecamy|najpopularniejsze|leggi anche|potrebbe interessarti|articoli correlati|i pi[uù] letti"
    r"|veja (tamb[ée]m|mais)|leia (tamb[ée]m|mais)|mais lidas|not[ií]cias relacionadas"
    r"|相关(文章|阅读|新闻|推荐)|热门(推荐|文章|新闻)?|推荐阅读"
    r"|schon gelesen\??|mehr themen|weitere artikel( zum thema)?|themen|temas|topics|tags"
    r"|kategorien|categories|cat[ée]gories|categor[íi]as|kategorie|mir[aeá] (tambi[ée]n)?"
    # The links to the neighbouring stories: "Nächster Artikel", "Article précédent".
    r"|(next|previous|n[äa]chste[rs]?|vorherige[rs]?|n[aá]st[eę]pny|poprzedni)"
    r" (article|story|post|artikel|beitrag|artyku[łl])"
    r"|(article|artículo|articolo|artigo) (suivant|pr[ée]c[ée]dent|siguiente|anterior|successivo|precedente|seguinte)"
    # Bare "Lea", "Mira", "Watch" only ever label a teaser ("Lea: …", "Watch: …").
    r"|lea|lee|mira|mire|watch|also on \S+|auch auf \S+|dazu passend|passend dazu|lea m[aá]s|(le|te) puede interesar"
    r"|m[aá]s sobre \S+( \S+){0,3}|mehr zu \S+( \S+){0,3}|more (on|about) \S+( \S+){0,3}"
    r"|(art[ií]culos|noticias|notas|artigos|not[ií]cias) relacionad[oa]s( \S+){0,4}"
    # An author's other pieces: "find more by Matthew Davis", "Zeige alle Beiträge von Cem Basman".
    r"|(find )?more (articles |stories |posts )?by \S+( \S+){0,2}"
    r"|(zeige )?alle (beitr[äa]ge|artikel) von \S+( \S+){0,2}"
    r"|alle (beitr[äa]ge|artikel|folgen|teile) (der|dieser|zur|zum) \S+|mehr (artikel |beitr[äa]ge )?von \S+( \S+)?"
    r"|(das|dieses) thema k[öo]nnte (dich|sie) (auch )?interessieren|this might interest you"
    r"|lesen sie auch( die folgenden)?( beitr[äa]ge| artikel)?|weiterf[üu]hrende[rn]? links?|kommende (events|termine)"
    # "More stories", "Weitere Beiträge aus der Kolumne", "Ähnliche Beiträge": a label naming a kind of link.
    # "Latest articles", "Top Meldungen", "Neueste Artikel zum Thema …" name the list by its age or rank.
    r"|((the|die|les|los|las|le|la) )?(weitere|mehr|[äa]hnliche|verwandte|more|similar|related|other|autres|otros"
    r"|otras|altri|inne|outros"
    r"|latest|newest|popular|top|neueste|aktuelle|beliebte|derniers|derni[èe]res|[úu]ltim[oa]s|ultimi|najnowsze)"
    r"\b.{0,40}"
    r"\b(articles?|stories|news|posts?|beitr[äa]ge|artikel|nachrichten|themen|meldungen|berichte|kolumnen"
    r"|videos?|links?|infos?"
    r"|informationen|noticias|art[ií]culos|notizie|articoli|artyku[łl]y|wiadomo[śs]ci|not[ií]cias|artigos"
    r"|podcasts?|galerien|bilder|fotos|rezepte|recipes|events|termine|tags)( [\w-]+){0,4})",
    re.IGNORECASE,
)
MAX_LABEL_WORDS = 6
# A blurb that ends in its own link, after the last sentence: "… in Polsce. [czytaj więcej]", "… Weiterlesen →".
READ_MORE_TAIL = re.compile(rf"[.!?…:)\]]\s*[\[(»›]?\s*({READ_MORE})\W{{0,4}}$", re.IGNORECASE)
# "Weiterlesen:", "Seguir leyendo:": a continue-reading link that ends in a colon introduces a list.
READ_ON = PROMPT_PATTERNS["continue_reading"]
# Taxonomy lines: "Kategorie: News", "Tags: a, b", "Posted in …".
TAXONOMY = re.compile(
    r"(kategorien?|category|categories|tags?|tagged( with)?|getaggt( mit)?|verschlagwortet( mit)?|schlagw[öo]rter"
    r"|stichw[öo]rter|rubrik|filed under|posted in"
    r"|cat[ée]gories?|categor[íi]as?|etiquetas|kategori[ae]|tagi|argomenti)\s*:",
    re.IGNORECASE,
)
MAX_TAXONOMY_WORDS = 20
# "Lesen Sie auch: <headline>", "Czytaj też: <headline>": a label and its teaser on one line.
MAX_LABELLED_TEASER_WORDS = 30
# "Mehr zum Thema Bioenergie Biogas Ökostrom", "Themen Politik Sport Kultur": a label, then its links on
# the same line, with no punctuation between them. "Lea", "Lee", "Mira" and "Watch" open names and
# headlines too; they label only with a colon.
MAX_LABEL_PREFIX_WORDS = 4
NAME_LIKE_LABELS = frozenset({"lea", "lee", "mira", "mire", "watch"})
LIST_PUNCTUATION = re.compile(r"[.!?,;:。，]")
# Headlines: a few words to a long line's worth, no closing full stop, not a list item or table row.
MIN_HEADLINE_WORDS = 3
MAX_HEADLINE_WORDS = 20
NOT_HEADLINE_START = ("-", "•", "*", "|", "=>", "+", "·", "–")
NOT_HEADLINE_END = (".", "。", ":", ",", ";", "!", "！", "…", "|")
# A line that opens with a quantity and its unit is a list item (an ingredient), not a headline:
# "200 g Mehl", "1 tablespoon ground cinnamon", "2 cucharadas de aceite".
QUANTITY = re.compile(
    r"\d+([.,/]\d+)?\s?[½¼¾⅓⅔]?\s?(g|kg|mg|ml|l|cl|dl|oz|lbs?|cups?|tbsp|tsp|tablespoons?|teaspoons?|el|tl|prisen?"
    r"|stück|pck\.?|päckchen|bund|zehen?|scheiben?|dosen?|becher|tassen?|cuill[èe]res?|tasses?|cucharadas?"
    r"|cucharaditas?|tazas?|gramos|[łl]y[żz]k[ai]|[łl]y[żz]eczk[ai]|szklank[ai]|cucchia[il]\w*|colheres?|x[íi]caras?)\b",
    re.IGNORECASE,
)
# No headline ends with an article or a conjunction; a sentence broken across lines does (a verb
# particle does not count: "Wochenmarkt zieht um" is a headline).
OPEN_ENDINGS = frozenset({
    "the", "a", "an", "and", "or", "of", "und", "oder", "der", "die", "das", "den", "dem", "des", "ein", "eine",
    "einen", "einem", "einer", "le", "la", "les", "un", "une", "et", "ou", "du", "el", "los", "las", "y", "o",
    "i", "oraz", "lub", "il", "lo", "gli", "e", "della", "os", "as",
})
# Too few content words and "no word in common with the body" happens by chance.
MIN_CONTENT_STEMS = 3
# Share of a headline's content words found in the body, under which it is unrelated.
MIN_RELATEDNESS = 0.25
# Teasers come in runs: after the body two unrelated headlines in a row are enough, elsewhere three.
MIN_RUN_AFTER_BODY = 2
MIN_RUN_ELSEWHERE = 3


def is_teaser_label(line: str) -> bool:
    """ "Read also", "Lesen Sie auch", and "read more" when a colon makes it introduce a list."""
    if word_count(line) > MAX_LABEL_WORDS:
        return False
    label = " ".join(line.split()).strip(" :.…»›>|-–—!?*")  # no-break spaces too
    return bool(TEASER_LABEL.fullmatch(label) or (line.endswith(":") and READ_ON.fullmatch(label)))


def leading_label(line: str) -> str | None:
    """The teaser label a line of links opens with, if it opens with one."""
    found = line.split()
    if LIST_PUNCTUATION.search(line) or not 2 <= len(found) <= MAX_LABELLED_TEASER_WORDS:
        return None
    for k in range(1, min(MAX_LABEL_PREFIX_WORDS, len(found) - 1) + 1):
        prefix = " ".join(found[:k])
        if prefix.casefold() not in NAME_LIKE_LABELS and is_teaser_label(prefix):
            return prefix
    return None


def ends_open(text: str) -> bool:
    """ "… ist sehr praxisorientiert und": a sentence broken across lines, not a headline."""
    found = words(text)
    return bool(found) and found[-1].casefold() in OPEN_ENDINGS


def is_headline_shaped(text: str) -> bool:
    stripped = text.strip()
    return (
        MIN_HEADLINE_WORDS <= word_count(stripped) <= MAX_HEADLINE_WORDS
        and not stripped.startswith(NOT_HEADLINE_START)
        and not QUANTITY.match(stripped)
        and not stripped.endswith(NOT_HEADLINE_END)
        and "|" not in stripped
    )


class Teasers(Filter):
    name = "teasers"
    description = "Headlines of unrelated stories (mostly in runs after the body), teaser labels and linked blurbs."
    options = {"min_relatedness": MIN_RELATEDNESS, "min_run_after_body": MIN_RUN_AFTER_BODY,
               "min_run_elsewhere": MIN_RUN_ELSEWHERE}

    def step(self, doc: Document) -> Iterable[Drop]:
        content = doc.content
        article = doc.article
        body, last_body, body_stems = article.body, article.last, article.vocabulary
        stopwords = doc.stopwords
        run: list[tuple[int, str]] = []  # consecutive unrelated headlines
        under_label = False  # inside a run of headlines that a teaser label introduced
        # A label another filter dropped ("Weiterlesen:" as a call to action) still opens its list.
        dropped_labels = [i for i in doc.dropped if is_teaser_label(doc.lines[i].strip())]
        for i in [*sorted([*content, *dropped_labels]), None]:
            line = doc.lines[i].strip() if i is not None else ""
            if i is not None and is_teaser_label(line):
                yield from self._end_run(run, last_body)
                under_label = True
                yield self.drop(i, "teaser_label", line)
                continue
            if i is not None and word_count(line) <= MAX_TAXONOMY_WORDS and TAXONOMY.match(line):
                yield self.drop(i, "taxonomy_links", line.split(":", 1)[0])
                continue
            if i is not None and word_count(line) <= MAX_LABELLED_TEASER_WORDS and ":" in line:
                label = line.split(":", 1)[0].strip(" .…»›>|-–—")
                if is_teaser_label(label):
                    yield self.drop(i, "labelled_teaser", label)
                    continue
            if i is not None and (label := leading_label(line)):
                yield self.drop(i, "labelled_teaser", label)
                continue
            if i is not None and (link := READ_MORE_TAIL.search(line)):
                yield self.drop(i, "blurb_with_link", link.group(1))
                continue
            # The article's own list (dates, steps, ranked items) is not a run of other stories.
            if i is None or i in body or i in article.lists or not is_headline_shaped(line) or ends_open(line):
                yield from self._end_run(run, last_body)
                under_label = False
                continue
            if under_label:
                yield self.drop(i, "listed_under_teaser_label")
                continue
            own = stems(line, stopwords)
            related = sum(1 for s in own if s in body_stems) / len(own) if own else 1.0
            if body and len(own) >= MIN_CONTENT_STEMS and related < self.settings["min_relatedness"]:
                run.append((i, f"{related:.0%} of its words occur in the body"))
            else:
                yield from self._end_run(run, last_body)

    def _end_run(self, run: list[tuple[int, str]], last_body: int) -> Iterable[Drop]:
        """Drop a finished run of unrelated headlines if it is long enough where it stands."""
        after_body = bool(run) and run[0][0] > last_body
        needed = self.settings["min_run_after_body" if after_body else "min_run_elsewhere"]
        if len(run) >= needed:
            for i, detail in run:
                yield self.drop(i, "unrelated_headline", detail)
        run.clear()
