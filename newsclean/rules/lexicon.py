"""Phrase files: what newsclean knows about the wording of debris, kept as data (as jusText keeps
its stoplists), apart from the filters' logic.

A phrase file is UTF-8 text; ``#`` starts a comment line::

    [promo.newsletter_prompt]
    newsletter
    in your inbox
    (daily|weekly) digest

A section line, ``[filter.group]``, names a phrase group: the filter that reads it and what its phrases
are (a reason the filter records, or a part of one of its rules, such as ``promo.address``). Each
line under it is one phrase, a Python regular expression matched case-insensitively. A filter
composes groups into rules, ``Rule(r"^\\W*{promo.imperative}\\b")``, compiled on first use.

The built-in files are ``newsclean/rules/phrases/*.txt``. A plug-in adds files through the entry-point
group ``newsclean.phrases``: the entry point names the path of a phrase file or of a folder of
them, and its phrases join the groups they name (a new language is a new file).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable
from functools import cache, cached_property
from pathlib import Path
from typing import ClassVar, NamedTuple

from ..plugins import entry_points, load
from .regex import compiled

PHRASE_DIR = Path(__file__).with_name("phrases")
ENTRY_POINT_GROUP = "newsclean.phrases"
SECTION = compiled(r"\[([a-z_]+\.[a-z_]+)\]")
PLACEHOLDER = compiled(r"\{([a-z_]+\.[a-z_]+)\}")


class PhraseFileError(ValueError):
    """A phrase file that cannot be read: the message names the file and the line."""


class Phrase(NamedTuple):
    """A tuple: every run reads a thousand of them, and a tuple is made at a tenth of a frozen
    dataclass's cost."""

    pattern: str
    source: str  # "file:line", for error messages


def read_phrase_file(path: Path, known_groups: frozenset[str] | None = None) -> dict[str, list[Phrase]]:
    """The groups of one phrase file. ``known_groups``: when given, a section must name one of them
    (a plug-in can only add to groups a filter reads)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PhraseFileError(f"{path}: cannot read phrase file: {exc}") from None
    groups: dict[str, list[Phrase]] = {}
    current: list[Phrase] | None = None
    name = str(path)
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line[0] == "#":
            continue
        where = f"{name}:{number}"
        if line[0] == "[" and (found := SECTION.fullmatch(line)):
            if known_groups is not None and found.group(1) not in known_groups:
                raise PhraseFileError(f"{where}: no filter reads the group {found.group(1)!r}")
            current = groups.setdefault(found.group(1), [])
            continue
        if current is None:
            raise PhraseFileError(f"{where}: phrase {line!r} comes before any [filter.group] section")
        current.append(Phrase(line, where))
    return groups


def check_phrase(phrase: Phrase) -> None:
    """A phrase must compile on its own and must not match empty text (it would match every line)."""
    try:
        pattern = re.compile(phrase.pattern, re.IGNORECASE)
    except re.error as exc:
        raise PhraseFileError(f"{phrase.source}: bad phrase {phrase.pattern!r}: {exc}") from None
    if pattern.fullmatch(""):
        raise PhraseFileError(f"{phrase.source}: phrase {phrase.pattern!r} matches empty text")


def plugin_phrase_files() -> list[Path]:
    """Phrase files named by plug-ins (entry-point group ``newsclean.phrases``), by entry-point name."""
    files: list[Path] = []
    for name, value in entry_points(ENTRY_POINT_GROUP):
        try:
            path = Path(load(value))
        except Exception as exc:  # a broken plug-in must not take the tool down
            warnings.warn(f"newsclean: phrase plug-in {name!r} failed to load: {exc}", stacklevel=2)
            continue
        files.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    return files


@cache
def phrasebook() -> dict[str, tuple[Phrase, ...]]:
    """Every phrase group: the built-in files, then the plug-ins' phrases appended to their groups."""
    merged: dict[str, list[Phrase]] = {}
    for path in sorted(PHRASE_DIR.glob("*.txt")):
        for group, phrases in read_phrase_file(path).items():
            merged.setdefault(group, []).extend(phrases)
    known = frozenset(merged)
    for path in plugin_phrase_files():
        for group, phrases in read_phrase_file(path, known).items():
            for phrase in phrases:
                check_phrase(phrase)
            merged[group].extend(phrases)
    return {group: tuple(phrases) for group, phrases in merged.items()}


def alternation(group: str) -> str:
    """A group's phrases as one regular expression, in file order: ``(?:a|b|c)``."""
    try:
        phrases = phrasebook()[group]
    except KeyError:
        raise PhraseFileError(f"no phrase file has the group {group!r}") from None
    return "(?:" + "|".join(p.pattern for p in phrases) + ")"


@cache
def words_of(group: str) -> frozenset[str]:
    """A group of plain words, as a set (lower-cased): for a filter that looks words up."""
    return frozenset(p.pattern.casefold() for p in phrasebook().get(group, ()))


def mask_of(rules: Iterable[Rule]) -> int:
    """The bit mask of ``rules`` in a line's scan: what ``Document.candidates`` takes, so that a
    filter every one of whose drops needs one of them judges only the lines where one can match."""
    return sum(1 << rule.id for rule in set(rules))


def any_possible(rules: Iterable[Rule]) -> Callable[[int | None], bool]:
    """Whether a line whose scan gave ``hits`` can match one of ``rules``: a filter every one of
    whose drops needs one of them skips the line at once when none can."""
    mask = mask_of(rules)
    return lambda hits: hits is None or bool(hits & mask)


class Rule:
    """A regular expression over phrase groups (``{filter.group}`` placeholders), compiled on first
    use. Every rule has a place in the one matcher that scans each line (see ``matcher``): a filter
    passes a line's scan, ``rule.search(text, doc.hits(i))``, and the expression runs only where
    it can match."""

    registry: ClassVar[list[Rule]] = []

    def __init__(self, template: str, flags: int = re.IGNORECASE) -> None:
        self.template = template
        self.flags = flags
        self.id = len(Rule.registry)
        Rule.registry.append(self)  # the matcher takes in a rule made after it was built at its next scan

    def __repr__(self) -> str:
        return f"Rule({self.template!r})"

    @cached_property
    def pattern(self) -> str:
        return PLACEHOLDER.sub(lambda m: alternation(m.group(1)), self.template)

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return compiled(self.pattern, self.flags)

    def possible(self, hits: int | None) -> bool:
        """Whether a line whose scan gave ``hits`` can hold a match (None: not scanned, so it can)."""
        return hits is None or bool(hits >> self.id & 1)

    # The regular expression's own methods; given its line's ``hits``, a rule that cannot match
    # there answers at once (the test of ``possible``, written out: these run a million times a
    # thousand pages, mostly to answer no).
    def search(self, text: str, hits: int | None = None, pos: int = 0) -> re.Match[str] | None:
        return self.regex.search(text, pos) if hits is None or hits >> self.id & 1 else None

    def match(self, text: str, hits: int | None = None) -> re.Match[str] | None:
        return self.regex.match(text) if hits is None or hits >> self.id & 1 else None

    def fullmatch(self, text: str, hits: int | None = None) -> re.Match[str] | None:
        return self.regex.fullmatch(text) if hits is None or hits >> self.id & 1 else None

    def findall(self, text: str, hits: int | None = None) -> list:
        return self.regex.findall(text) if hits is None or hits >> self.id & 1 else []


# Whether a line holds a digit, read off its scan (``necessary_literals`` spells ``\d`` out): a test
# that needs a digit passes a line without one at once, where ``re`` would read the whole line.
HAS_DIGIT = Rule(r"\d", flags=0)
