"""Reader comments: the section's header ("12 Kommentare"), each comment's byline, moderation notes.

A comment is ordinary prose, so length and stopwords cannot tell it from the article. What gives
it away is where it sits (after a header that counts comments, late in the page) and its byline:
a reader's name, a verb of saying or a timestamp ("GoldKind sagt: 10. Juli 2014 um 12:58 Uhr",
"ALLIE May 31, 2019 at 10:25 PM"). Bylines and comments often share a line in scraped text, so
such a line goes whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..article import body_words_in_order
from ..model import Document, Drop
from ..text import DATE, DIGIT, word_count
from .base import Filter

# Patterns are matched against the lower-cased line.
COUNT = r"(\d+|one|no|ein|eine|keine|un|une|uno|una|um|uma|jeden|jedna|nessun)"
COMMENT_HEADER = re.compile(
    COUNT + r"\s+(comments?|kommentare?|antworten|responses?|replies|reactions?|thoughts? on|gedanken zu"
    r"|commentaires?|r[ée]ponses?|comentarios?|respuestas?|komentarz[ey]?|odpowiedzi?|commenti|risposte"
    r"|coment[áa]rios?|respostas?)\b.*"
    r"|(comments?|kommentare|leserkommentare|commentaires|comentarios|komentarze|commenti|coment[áa]rios"
    r"|reader comments)\s*(\(\d+\)|\d+)?|(diskussion|discussion)\s*(\(\d+\)|\d+)"
    # "KomentarzeLiczba komentarzy: 6", "Anzahl der Kommentare: 3".
    r"|.{0,20}(liczba komentarzy|number of comments|anzahl (der )?kommentare|nombre de commentaires"
    r"|n[úu]mero de comentarios)\s*:?\s*\d+"
)
MAX_HEADER_WORDS = 12
# "11 responses to “<the article's title>”": the title makes the header longer.
TITLED_HEADER = re.compile(COUNT + r"\s+(comments?|responses?|replies|thoughts?|antworten|gedanken|kommentare"
                           r"|r[ée]ponses?|respuestas?|comentarios?) (on|to|zu|à|a|sobre|su)\b")
MAX_TITLED_HEADER_WORDS = 30
# A comment header this far into the body (share of body words before it) opens the comment section,
# which runs to the end of the page; a count near the top ("Kommentare 0") is only a link to it.
MIN_BODY_BEFORE_SECTION = 0.6
# ... or after this many body words: long comment sections make the share small.
MIN_BODY_WORDS_BEFORE_SECTION = 200
# "<name> says: <date>", "<name> sagt: 10. Juli 2014": a name, a verb of saying, then a date.
SAID = re.compile(
    r"^(?P<lead>[^.!?:]{1,40}?)\s(says|sagt|schreibt|meint|dit|dice|escribe|napisa[łl]\w*|scrive|diz|comentou)"
    r"\s*:?\s*" + DATE
)
# "<name> May 31, 2019 at 10:25 PM", "<name> 24. März 2004, 19:49": a short lead, a date, a clock time.
STAMP = re.compile(r"^(?P<lead>[^.!?]{0,40}?)" + DATE + r",?\s*(at|um|à|a las|alle|às|o|-|\|)?\s*\d{1,2}[:.]\d{2}")
# A byline's date comes within its first characters; most lines can skip the byline patterns.
BYLINE_CHARS = 100
REPLY = re.compile(r"(?<!\w)(reply|antworten|répondre|responder|responda|odpowiedz|rispondi)(?!\w)")
# Moderation and comment-system notes.
POLICY = re.compile(
    r"(?<!\w)(?:comments? (are|is|will be|may be) (moderated|reviewed|republished)|reader comments"
    r"|kommentare werden (moderiert|freigeschaltet|gepr[üu]ft)|leserkommentare|netiquette"
    r"|kommentarrichtlinien|commentaires sont mod[ée]r[ée]s|comentarios (son|ser[aá]n) moderados"
    r"|akismet|disqus|comment (policy|guidelines|rules)|charte des commentaires|kommentarregeln"
    r"|keep (the |your )?comments? (civil|respectful|on topic|clean)|(ask|request) that (all )?comments"
    r"|comments? (must|should) (be|remain|stay) (civil|respectful|on topic)"
    r"|community (guidelines|standards|rules)|(dein|ihr) kommentar wurde"
    r"|your comment (is|was|has been|will)|commenting (is|has been) (closed|disabled))"
)
MAX_POLICY_WORDS = 80
# "Pingback von <blog> | 11.09.2011 23:31": another blog's link to the article, listed with the comments.
PINGBACK = re.compile(r"\W*(pingback|trackback)\b")
MAX_NAME_WORDS = 4


class Comments(Filter):
    name = "comments"
    description = "Reader comments: section headers, comment bylines with a date, moderation notes."

    def step(self, doc: Document) -> Iterable[Drop]:
        stopwords = doc.stopwords
        # A header another filter already dropped ("3 Kommentare" as a share count) still opens
        # the section, so dropped lines are looked at too.
        indices, body_words = body_words_in_order(doc)
        total = sum(body_words) or 1
        before = 0
        in_section = False
        for k, i in enumerate(indices):
            line = doc.lines[i].strip()
            lower = line.lower()
            words = word_count(line)
            header = (words <= MAX_HEADER_WORDS and COMMENT_HEADER.fullmatch(lower.strip(" :.…»›>|-–—"))) or (
                words <= MAX_TITLED_HEADER_WORDS and TITLED_HEADER.match(lower))
            if header and not in_section:
                in_section = before >= min(MIN_BODY_BEFORE_SECTION * total, MIN_BODY_WORDS_BEFORE_SECTION)
            before += body_words[k]
            if i in doc.dropped:
                continue
            if header:
                yield self.drop(i, "comment_header", line[:60])
            elif in_section:
                yield self.drop(i, "comment_section", "after the comment header")
            elif DIGIT.search(lower, 0, BYLINE_CHARS) and (byline := self._byline(lower, stopwords)):
                yield self.drop(i, "comment_byline", byline[:60])
            elif words <= MAX_POLICY_WORDS and (found := POLICY.search(lower)):
                yield self.drop(i, "comment_policy", found.group(0))
            elif words <= MAX_POLICY_WORDS and PINGBACK.match(lower):
                yield self.drop(i, "pingback", line[:60])

    @staticmethod
    def _byline(lower: str, stopwords: frozenset[str]) -> str | None:
        """The byline that opens the line, if any.

        "<name> sagt: <date>" needs only a short lead. A bare date and time also open sentences
        ("Am 21. Juli 2014 um 12:00 …"), so there the lead must look like a name (no stopwords, not
        a field label such as a mail header's "Date:") or the line must carry a reply button."""
        if (said := SAID.search(lower)) and len(said.group("lead").split()) <= MAX_NAME_WORDS:
            return said.group(0)
        if stamp := STAMP.search(lower):
            lead = stamp.group("lead").split()
            if REPLY.search(lower) or (0 < len(lead) <= MAX_NAME_WORDS and not any(w.endswith(":") for w in lead)
                                       and not any(w in stopwords for w in lead)):
                return stamp.group(0)
        return None
