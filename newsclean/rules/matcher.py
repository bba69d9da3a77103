"""One scan of a line tells which rules can match in it.

Every match of a regular expression contains one of a few literal strings that the expression
cannot do without ("newsletter" in ``\\bnewsletter\\b``, "bolet" or "boletín" in ``bolet[ií]n``):
its necessary literals, read off the parsed expression (a digit, ``\\d``, is spelled out as the
characters it matches: "the line holds a digit" is a scan bit too). All rules' literals go into one
Aho-Corasick automaton (pyahocorasick, a C extension with wheels for Linux, macOS and Windows),
which finds every literal in a line in one pass; where the native kernel is built, its own
automaton of the same literals does (``newsclean/judge/_kernel.pyx``: the same rules, without a
Python step for each literal found). A rule none of whose literals occurs cannot match, and its
expression is never run; most lines hold a literal of only a few rules.

The scan reads the line lower-cased with its whitespace collapsed, the forms in which filters
match (``line.lower()``, ``" ".join(line.split())``), so that every match a filter can find has
its literal in the scanned text. Without pyahocorasick and the kernel every rule is possible on
every line: the same output, more slowly. The literal table takes a parse of every rule to build;
it is kept in the cache folder (see ``cache``), keyed by the rules themselves.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import Any

from .. import native
from ..cache import cached
from ..core.text import DIGIT
from .lexicon import Rule, check_phrase, phrasebook
from .regex import compiled

if sys.version_info >= (3, 11):
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
else:  # pragma: no cover
    import sre_constants as sre
    import sre_parse

# Characters that Python's case-insensitive matching equates with a letter that str.lower() does
# not turn them into (dotless i and long s match "i" and "s"; "İ" lowers to two characters). A line
# holding one is not scanned: every rule is possible there.
UNFOLDED_CHARACTERS = "İıſςϐϑϕϖϰϱϵẛιͅﬅﬆᲀᲁᲂᲃᲄᲅᲆᲇᲈꙋΐΰ"
UNFOLDED = compiled(f"[{UNFOLDED_CHARACTERS}]")
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
Literals = frozenset[str]
# A part with more fixed spellings than this is not spelled out.
MAX_SPELLINGS = 16


def necessary_literals(pattern: str, flags: int = 0) -> Literals | None:
    """Lower-cased strings one of which every match of ``pattern`` contains, or None if there are none."""
    found = _sequence(sre_parse.parse(pattern, flags))
    if found is None:
        return None
    normal = {" ".join(literal.lower().split()) for literal in found}
    if "" in normal:
        return None
    # A literal that holds another of the set adds nothing: the other occurs wherever it does.
    return frozenset(literal for literal in normal if not any(other in literal for other in normal - {literal}))


def _sequence(items) -> Literals | None:
    """The best necessary set among a sequence's parts: a run of fixed text (a literal, or a part
    with a few fixed spellings, "r[ée]serv" -> "réserv", "reserv"), or a part that must match (a
    group, an alternation, a repeat of at least one)."""
    best: Literals | None = None
    run: set[str] = {""}

    def consider(candidate: Literals | set[str] | None) -> None:
        nonlocal best
        if candidate and "" not in candidate and (best is None or _score(candidate) > _score(best)):
            best = frozenset(candidate)

    for op, av in items:
        if op is sre.AT:  # zero-width: the characters on either side stay neighbours
            continue
        spellings = _spellings(op, av)
        if spellings is not None and len(run) * len(spellings) <= MAX_SPELLINGS:
            run = {a + b for a in run for b in spellings}
            continue
        consider(run)
        run = {""}
        if spellings is not None:
            consider(spellings)
        elif op is sre.SUBPATTERN:
            consider(_sequence(av[-1]))
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            consider(_sequence(av))
        elif op is sre.BRANCH:
            alternatives = [_sequence(branch) for branch in av[1]]
            if all(alternatives):
                consider(frozenset().union(*[found for found in alternatives if found]))
        elif op in _REPEATS and av[0] >= 1:
            consider(_sequence(av[2]))
    consider(run)
    return best


def _spellings(op, av) -> set[str] | None:
    """Every text a part can match, when there are a few fixed ones: a character, a small set of
    characters, a group or an alternation of such, an optional one ("e-?mail": "email", "e-mail").
    Or a digit (``\\d``): too many characters to spell a run of text through, a necessary set of
    its own."""
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.IN and av == [(sre.CATEGORY, sre.CATEGORY_DIGIT)]:
        return set(decimal_digits())
    if op is sre.IN and len(av) <= MAX_SPELLINGS and all(o is sre.LITERAL for o, _ in av):
        return {chr(v) for _, v in av}
    if op is sre.SUBPATTERN:
        return _sequence_spellings(av[-1])
    if op in _REPEATS and av[:2] == (0, 1):
        spellings = _sequence_spellings(av[2])
        return None if spellings is None else {"", *spellings}
    if op is sre.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            spellings = _sequence_spellings(branch)
            if spellings is None or len(found | spellings) > MAX_SPELLINGS:
                return None
            found |= spellings
        return found
    return None


@cache
def decimal_digits() -> frozenset[str]:
    """The characters ``\\d`` matches in a str pattern: Unicode's decimal digits (``str.isdecimal``).
    Found when a literal table is built, not at import (a pass over every code point)."""
    return frozenset(c for c in map(chr, range(sys.maxunicode + 1)) if c.isdecimal())


def _sequence_spellings(items) -> set[str] | None:
    found = {""}
    for op, av in items:
        if op is sre.AT:
            continue
        spellings = _spellings(op, av)
        if spellings is None or len(found) * len(spellings) > MAX_SPELLINGS:
            return None
        found = {a + b for a in found for b in spellings}
    return found


def _score(literals: Literals | set[str]) -> tuple[int, int]:
    """Longer literals occur in fewer lines; fewer of them, fewer hits."""
    return min(len(" ".join(s.split())) for s in literals), -len(literals)


def scan_form(text: str) -> str:
    return " ".join(text.lower().split())


class Matcher:
    """All rules' necessary literals in one automaton. A scan answers with a bit mask: bit ``k``
    is set when rule ``k`` can match. ``rules`` is the list every rule joins as it is made
    (``Rule.registry``): a rule made after the automaton was built joins a new one at the next
    scan, so the lexicon that makes rules need not know the matcher."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.build()

    def build(self) -> None:
        """The automaton of every rule made so far: the kernel's where it is built, else pyahocorasick's
        (neither: None)."""
        self.built = len(self.rules)
        table, self.always = literal_table(self.rules[:self.built])
        self.everything = (1 << self.built) - 1
        self.native: Any = (native.KERNEL.Automaton(table, self.built, UNFOLDED_CHARACTERS)
                            if native.KERNEL is not None else None)
        self.automaton: Any = None
        self.digit_rules = 0  # the pyahocorasick path: the rules a digit serves, found by DIGIT, not the automaton
        if self.native is None:
            self.automaton, self.digit_rules = _pyahocorasick(table)

    def scan(self, text: str) -> int:
        """The rules that can match in ``text``."""
        if self.built != len(self.rules):
            self.build()
        if self.native is not None:
            return self.native.scan(text, self.always, self.everything)
        if self.automaton is None or UNFOLDED.search(text):
            return self.everything
        hits = (self.always | self.digit_rules) if DIGIT.search(text) else self.always
        for _, rules in self.automaton.iter(scan_form(text)):
            hits |= rules
        return hits

    def scan_all(self, lines: list[str]) -> list[int]:
        """``scan`` of every line, in one call: a document's lines are scanned together, so that the
        kernel walks them without a Python call a line (the same masks as ``scan`` gives)."""
        if self.built != len(self.rules):
            self.build()
        if self.native is None:
            return [self.scan(line) for line in lines]
        return self.native.scan_all(lines, self.always, self.everything)


def _pyahocorasick(table: list[tuple[str, int]]) -> tuple[Any, int]:
    """pyahocorasick's automaton of the literals, each a mask of its rules (None without
    pyahocorasick), and the rules of the one-digit literals, which it leaves out: ``\\d`` spelled out
    is 660 of them, and pyahocorasick reads a node's children one by one (the first node's, at every
    character), where one search for a digit (``DIGIT``) stands for them all."""
    try:
        import ahocorasick
    except ImportError:
        return None, 0
    automaton = ahocorasick.Automaton()
    digit_rules = 0
    for literal, rules_mask in table:
        if len(literal) == 1 and literal.isdecimal():
            digit_rules |= rules_mask
        else:
            automaton.add_word(literal, rules_mask)
    automaton.make_automaton()
    return automaton, digit_rules


@cache
def matcher() -> Matcher:
    return Matcher(Rule.registry)


def literal_table(rules: list[Rule]) -> tuple[list[tuple[str, int]], int]:
    """(literal, bit mask of the rules it serves) for every necessary literal, and the mask of the
    rules that have none; from the cache folder when the rules are the ones it was built for."""
    key = repr([sys.version, *((r.pattern, r.flags) for r in rules)])
    return cached("literals", key, lambda: _build_literal_table(rules), __file__)


def _build_literal_table(rules: list[Rule]) -> tuple[list[tuple[str, int]], int]:
    for phrases in phrasebook().values():
        for phrase in phrases:
            check_phrase(phrase)
    by_literal: dict[str, int] = {}
    always = 0
    for rule in rules:
        literals = necessary_literals(rule.pattern, rule.flags)
        if literals is None:
            always |= 1 << rule.id
            continue
        for literal in literals:
            by_literal[literal] = by_literal.get(literal, 0) | 1 << rule.id
    return sorted(by_literal.items()), always
