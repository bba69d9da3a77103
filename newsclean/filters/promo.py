"""Calls to action: newsletters, subscriptions, apps, sign-ups, shop carts, "continue reading", comment forms.

Promos are often written as ordinary prose, so stopword density lets them through. They are
recognised sentence by sentence: a line goes when most of it is sentences that address the
reader and ask for an action. A promo talks about the site (its newsletter, its app), not about
the story: a line inside the article whose words are mostly the article's own is the article
talking about its subject and stays, a paragraph ("A native app is installed from an app store …")
or a heading that does not speak to the reader ("Subscription costs:").
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.article import Article, stems
from ..core.document import Document, Drop
from ..core.text import word_count
from ..rules.lexicon import Rule, mask_of
from ..rules.regex import compiled
from .base import Filter
from .social import FOLLOW_OR_SHARE, PLATFORM

# The phrases are in newsclean/rules/phrases/promo.txt. Checked in this order: a newsletter sign-up is a
# newsletter prompt before it is an account prompt.
PROMPTS = {
    "newsletter_prompt": Rule("{promo.newsletter_prompt}"),
    "subscription_prompt": Rule("{promo.subscription_prompt}"),
    "app_prompt": Rule("{promo.app_prompt}"),
    "account_prompt": Rule("{promo.account_prompt}"),
    "shop_prompt": Rule("{promo.shop_prompt}"),
    "continue_reading": Rule("{promo.read_more}|{promo.continue_reading}"),
    "comment_form": Rule("{promo.comment_form}"),
}
# One test first, from a word start: a sentence with none of the trigger phrases is no call to action.
# One rule per kind of trigger, not one of them all: a line runs only the rules whose phrases' words
# its scan found, where one rule would run wherever any of its many words ("app", "log") occurs.
TRIGGERS = tuple(
    Rule(r"(?<!\w)(?:" + template + ")", flags=0)  # matched against the lower-cased sentence
    for template in (*(rule.template for rule in PROMPTS.values()), FOLLOW_OR_SHARE.template, PLATFORM.template)
)
SOCIAL_MEDIA = Rule("{promo.social_media}")
# Calls to action speak to the reader ("you", "our", "now", "here") or are a bare imperative.
ADDRESS = Rule(r"\b({promo.address})\b")
OUR = Rule(r"\b({promo.our})\b")
IMPERATIVE_START = Rule(r"^\W*({promo.imperative})\b")
SENTENCE_END = compiled(r"(?<=[.!?。！？])\s+")
# "Artikel bewerten", "Was this article helpful?": always a short line of its own, so only short
# lines are searched for it.
FEEDBACK = Rule("{promo.feedback_prompt}")
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
# Every drop needs FEEDBACK or a trigger to match: only the lines where one can are judged.
CAN_DROP = mask_of((FEEDBACK, *TRIGGERS))


def triggered(lowered: str, hits: int | None) -> bool:
    return any(rule.search(lowered, hits) for rule in TRIGGERS)


def prompt_kind(sentence: str, hits: int | None = None) -> str | None:
    """The kind of call to action a sentence is, or None. ``hits``: its line's scan (rules that
    cannot match there are not run)."""

    def found(rule: Rule) -> bool:
        return rule.search(sentence, hits) is not None

    short = word_count(sentence) <= MAX_BARE_PROMPT_WORDS
    kind = next((name for name, rule in PROMPTS.items() if found(rule)), None)
    if kind and (short or found(ADDRESS) or found(IMPERATIVE_START)):
        return kind
    if found(FOLLOW_OR_SHARE) and (short or found(PLATFORM) or (found(SOCIAL_MEDIA) and found(ADDRESS))):
        return "follow_prompt"
    if found(PLATFORM) and (found(OUR) or found(IMPERATIVE_START)):
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

    def propose(self, doc: Document) -> Iterable[Drop]:
        article = doc.article
        for i in doc.candidates(CAN_DROP):
            line = doc.lines[i].strip()
            words = word_count(line)
            hits = doc.hits(i)
            if words <= MAX_FEEDBACK_WORDS and (found := FEEDBACK.search(line, hits)):
                yield self.drop(i, "feedback_prompt", found.group(0))
                continue
            if words > MAX_PROMO_WORDS or not triggered(line.lower(), hits):
                continue
            kinds: dict[str, int] = {}
            sentences = SENTENCE_END.split(line)
            for j, sentence in enumerate(sentences):
                # Only a sentence with a trigger phrase of its own can be a call to action (a line of
                # one sentence is that sentence, and has one).
                kind = (len(sentences) == 1 or triggered(sentence.lower(), hits)) and prompt_kind(sentence, hits)
                if kind:
                    # The question just before a call leads into it: "Looking for a flat? See our offers …"
                    lead = sentences[j - 1] if j and sentences[j - 1].endswith("?") else ""
                    kinds[kind] = kinds.get(kind, 0) + len(sentence) + len(lead)
            if kinds and sum(kinds.values()) >= MIN_PROMPT_SHARE * len(line) and not about_subject(article, doc, i):
                reason = max(kinds, key=kinds.__getitem__) if len(kinds) == 1 else "call_to_action"
                yield self.drop(i, reason, ", ".join(kinds))

