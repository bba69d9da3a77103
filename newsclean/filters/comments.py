"""Reader comments: the section's header ("12 Kommentare"), each comment's byline, moderation notes.

A comment is ordinary prose, so length and stopwords cannot tell it from the article, however
on-topic it reads. What gives it away is the section it sits in: late in the page, opened by a
header that counts comments ("12 Kommentare", "3 thoughts on …") or, where the scraper lost the
header, by the repeating shape of its entries: a reader's name with a verb of saying or a time stamp
("GoldKind sagt: 10. Juli 2014 um 12:58 Uhr", "ALLIE May 31, 2019 at 10:25 PM", "Jasmin sagt:"
above its date), a reply button. Once the section is found its prose goes with it, to the end of
the page. Bylines and comments often share a line in scraped text, so such a line goes whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import accumulate
from typing import NamedTuple

from ..core.document import Document, Drop
from ..core.text import DATE, DIGIT, word_count
from ..rules.lexicon import HAS_DIGIT, Rule, mask_of
from ..rules.regex import compiled
from .base import Filter

# The phrases are in newsclean/rules/phrases/comments.txt; all rules are matched against the lower-cased line.
COMMENT_HEADER = Rule(r"({comments.count})\s+({comments.counted})\b.*|{comments.comment_header}")
MAX_HEADER_WORDS = 12
# What frames a header: "{ 38 comments… read them below or add one }", "» 3 Kommentare".
HEADER_FRAME = " :.…»›>|-–—{}"
# "11 responses to “<the article's title>”": the title makes the header longer.
TITLED_HEADER = Rule(r"({comments.count})\s+({comments.titled}) (on|to|zu|à|a|sobre|su)\b")
MAX_TITLED_HEADER_WORDS = 30
# A comment header this far into the body (share of body words before it) opens the comment section,
# which runs to the end of the page; a count near the top ("Kommentare 0") is only a link to it.
MIN_BODY_BEFORE_SECTION = 0.6
# ... or after this many body words: long comment sections make the share small.
MIN_BODY_WORDS_BEFORE_SECTION = 200
# "<name> says: <date>", "<name> sagt: 10. Juli 2014": a name, a verb of saying, then a date.
SAID = Rule(r"^(?P<lead>[^!?:]{1,40}?)\s({comments.says})\s*:?\s*" + DATE)
# "<name> May 31, 2019 at 10:25 PM", "<name> 24. März 2004, 19:49": a short lead, a date, a clock time.
# The clock time is not the start of another date ("08.01.2020 - 02.02.2020" is a range).
STAMP = compiled(r"^(?P<lead>[^.!?]{0,40}?)" + DATE
                 + r",?\s*(at|um|à|a las|alle|às|o|-|–|—|\||//|·|•|@)?\s*\d{1,2}[:.]\d{2}(?![.\d])")
# A stamp's clock time, found from its separator (which the engine scans for at once): a line
# without one holds no stamp, and STAMP, slow to fail, is not run there.
CLOCK_TIME = compiled(r"[:.](?<=\d[:.])\d{2}")
# A stamp's lead that labels it rather than naming a reader.
STAMP_LABEL = Rule(r"^\W*({dates.date_label}|{dates.update_label}|{byline.date_word}|{comments.stamp_label})\b")
# A byline of a name and a stamp alone is short: a longer line is the article's ("Berlin, 3. März …").
MAX_STAMP_BYLINE_WORDS = 12
# "Jasmin sagt:" alone on its line, its date on the next (page and paragraph scrapes split them).
SAID_ALONE = Rule(r"^[^!?:]{1,40}?\s({comments.says})\s*:?$")
# A byline's date comes within its first characters; most lines can skip the byline patterns.
BYLINE_CHARS = 100
REPLY = Rule(r"(?<!\w)({comments.reply})(?!\w)")
# A numbered entry and its reader's handle: "3. By some_handle", "12. Von Leser123".
NUMBERED_ENTRY = Rule(r"^\d{1,4}\.?\s+({byline.by})\s+\S+(\s+\S+)?$")
# A reply button on a line of its own ("Antworten", "Reply ↓").
MAX_REPLY_WORDS = 3
# Entries that open the section where no header did: this many, each within ENTRY_REACH lines with
# text of the one before, at least one of them a byline (a reply button alone is too common).
MIN_ENTRIES = 2
ENTRY_REACH = 12
# A page that opens with an entry (after no more body words than a title's, and before any comment
# header) is a thread, a forum's or a Q&A site's: its first post has the replies' shape, and the
# replies are its content. There only a header opens a comment section, and a bare name and stamp
# is a post's header, not a comment's byline.
THREAD_OPENING_WORDS = 25
# Moderation and comment-system notes.
POLICY = Rule(r"(?<!\w)(?:{comments.comment_policy})")
MAX_POLICY_WORDS = 80
# "Pingback von <blog> | 11.09.2011 23:31": another blog's link to the article, listed with the comments.
PINGBACK = Rule(r"\W*(pingback|trackback)\b", flags=0)  # matched against the lower-cased line
MAX_NAME_WORDS = 4
# A header needs one of these rules to match; so does an entry that is no byline.
HEADER_RULES = mask_of((COMMENT_HEADER, TITLED_HEADER))
ENTRY_RULES = mask_of((SAID_ALONE, REPLY))
# What opens a section needs one of these: a header, an entry, or a byline (which holds a date, a
# digit); a line with none is looked at again only for a note.
SECTION_RULES = HEADER_RULES | ENTRY_RULES | mask_of((HAS_DIGIT,))
NOTE_RULES = mask_of((POLICY, PINGBACK))


class Entry(NamedTuple):
    """A comment's byline: its text, and whether it is a bare name and stamp (``bare``), which
    reads as a comment's only late in the page."""

    text: str
    bare: bool


class Comments(Filter):
    name = "comments"
    description = "Reader comments: section headers, comment bylines with a date, moderation notes."

    def propose(self, doc: Document) -> Iterable[Drop]:
        stopwords = doc.stopwords
        # A header another filter already dropped ("3 Kommentare" as a share count) still opens
        # the section, so dropped lines are looked at too.
        indices, body_words = doc.body_words_in_order()
        total = sum(body_words) or 1
        most_from = MIN_BODY_BEFORE_SECTION * total
        late_from = min(most_from, MIN_BODY_WORDS_BEFORE_SECTION)
        before = list(accumulate(body_words, initial=0))[:-1]  # the body words before each line
        late = [words >= late_from for words in before]
        # Entries open the section only after most of the body: a forum's thread is entries too,
        # and there the replies are body.
        most = [words >= most_from for words in before]
        headers: set[int] = set()
        bylines: dict[int, str] = {}
        entries: list[tuple[int, bool]] = []  # (where, whether it names a reader rather than a reply button)
        opening = False  # whether the page opens with an entry: a thread
        masks = doc.hits_of(indices)
        for k in [k for k, hits in enumerate(masks) if hits & SECTION_RULES]:
            i, hits = indices[k], masks[k]
            line = doc.lines[i].strip()
            lower = line.lower()
            words = word_count(line)
            if hits & HEADER_RULES and (
                    (words <= MAX_HEADER_WORDS and COMMENT_HEADER.fullmatch(lower.strip(HEADER_FRAME), hits))
                    or (words <= MAX_TITLED_HEADER_WORDS and TITLED_HEADER.match(lower, hits))):
                headers.add(k)
            elif DIGIT.search(lower, 0, BYLINE_CHARS) and (byline := self._byline(lower, stopwords, hits)):
                opening = opening or (not headers and before[k] <= THREAD_OPENING_WORDS)
                if not byline.bare or (late[k] and not opening):
                    bylines[k] = byline.text
            elif late[k] and NUMBERED_ENTRY.match(lower, hits):
                bylines[k] = line
            if k in bylines:
                entries.append((k, True))
            elif hits & ENTRY_RULES:
                if words <= MAX_NAME_WORDS + 1 and SAID_ALONE.match(lower, hits):
                    entries.append((k, True))
                elif words <= MAX_REPLY_WORDS and REPLY.search(lower, hits):
                    entries.append((k, False))
        section = min([k for k in headers if late[k]] + [len(indices) if opening else self._first_run(entries, most)])
        proposals = doc.proposals
        # Only these lines can go: the section's, the headers and bylines, and the lines a note's rule can match.
        notes = [k for k, hits in enumerate(masks) if hits & NOTE_RULES]
        for k in sorted({*headers, *bylines, *notes, *range(section, len(indices))}):
            i = indices[k]
            if i in proposals:
                continue
            if k in headers:
                yield self.drop(i, "comment_header", doc.lines[i].strip()[:60])
            elif k > section:
                yield self.drop(i, "comment_section", "after the comment header" if section in headers
                                else "after the first of the comments")
            elif k in bylines or k == section:
                yield self.drop(i, "comment_byline", bylines.get(k, doc.lines[i].strip())[:60])
            elif masks[k] & NOTE_RULES and word_count(line := doc.lines[i].strip()) <= MAX_POLICY_WORDS:
                lower = line.lower()
                if found := POLICY.search(lower, masks[k]):
                    yield self.drop(i, "comment_policy", found.group(0))
                elif PINGBACK.match(lower, masks[k]):
                    yield self.drop(i, "pingback", line[:60])

    @staticmethod
    def _first_run(entries: list[tuple[int, bool]], late: list[bool]) -> int:
        """Where the first run of comment entries late in the page (``late``) starts, past the end when
        there is none: MIN_ENTRIES entries or more, each within ENTRY_REACH lines of the one before,
        and one at least naming a reader, where the run starts."""
        run: list[tuple[int, bool]] = []
        for k, named in entries:
            if run and k - run[-1][0] > ENTRY_REACH:
                run = []
            run.append((k, named))
            first = next((m for m, names in run if names), None)
            if len(run) >= MIN_ENTRIES and first is not None and late[first]:
                return first
        return len(late)

    @staticmethod
    def _byline(lower: str, stopwords: frozenset[str], hits: int) -> Entry | None:
        """The byline that opens the line, if any.

        "<name> sagt: <date>" needs only a short lead. A bare date and time also open sentences
        ("Am 21. Juli 2014 um 12:00 …") and the entries of a timeline ("Update, 29.04.2020, 17:15 Uhr:
        …"), so there the line must carry a reply button, or be short with a lead that looks like a
        name (no stopwords, not a label such as "Update," or a mail header's "Date:"), and then it
        is ``bare``: a comment's byline only late in the page."""
        if (said := SAID.search(lower, hits)) and len(said.group("lead").split()) <= MAX_NAME_WORDS:
            return Entry(said.group(0), False)
        if CLOCK_TIME.search(lower) and (stamp := STAMP.search(lower)):
            if REPLY.search(lower, hits):
                return Entry(stamp.group(0), False)
            lead = stamp.group("lead").split()
            if (0 < len(lead) <= MAX_NAME_WORDS and len(lower.split()) <= MAX_STAMP_BYLINE_WORDS
                    and not any(w.endswith(":") for w in lead) and not any(w in stopwords for w in lead)
                    and not STAMP_LABEL.match(lower, hits)):
                return Entry(stamp.group(0), True)
        return None
