"""One scan of a line tells which rules can match in it.

Every match of a regular expression contains one of a few literal strings that the expression
cannot do without ("newsletter" in ``\\bnewsletter\\b``, "bolet" or "boletín" in ``bolet[ií]n``):
its necessary literals, read off the parsed expression. All rules' literals go into one
Aho-Corasick automaton (pyahocorasick, a C extension with wheels for Linux, macOS and Windows),
which finds every literal in a line in one pass. A rule none of whose literals occurs cannot
match, and its expression is never run; most lines hold a literal of only a few rules.

The scan reads the line lower-cased with its whitespace collapsed, the forms in which filters
match (``line.lower()``, ``" ".join(line.split())``), so that every match a filter can find has
its literal in the scanned text. Without pyahocorasick every rule is possible on every line: the
same output, more slowly. The literal table takes a parse of every rule to build; it is kept in
the cache folder (see ``cache``), keyed by the rules themselves.
"""

from __future__ import annotations

import sys
from functools import cache

from .cache import cached
from .compiled import compiled
from .lexicon import Rule, check_phrase, phrasebook

if sys.version_info >= (3, 11):
    from re import _constants as sre
    from re import _parser as sre_parse
else:  # pragma: no cover
    import sre_constants as sre
    import sre_parse

# Characters that Python's case-insensitive matching equates with a letter that str.lower() does
# not turn them into (dotless i and long s match "i" and "s"; "İ" lowers to two characters). A line
# holding one is not scanned: every rule is possible there.
UNFOLDED = compiled("[İıſςϐϑϕϖϰϱϵẛιͅﬅﬆᲀᲁᲂᲃᲄᲅᲆᲇᲈꙋΐΰ]")
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
Literals = frozenset[str]


def necessary_literals(pattern: str, flags: int = 0) -> Literals | None:
    """Lower-cased strings one of which every match of ``pattern`` contains, or None if there are none."""
    found = _sequence(sre_parse.parse(pattern, flags))
    if found is None:
        return None
    normal = frozenset(" ".join(literal.lower().split()) for literal in found)
    return None if "" in normal else normal


def _sequence(items) -> Literals | None:
    """The best necessary set among a sequence's parts: a run of literal characters, or a part that
    must match (a group, an alternation, a repeat of at least one)."""
    best: Literals | None = None
    run: list[str] = []

    def consider(candidate: Literals | None) -> None:
        nonlocal best
        if candidate and (best is None or _score(candidate) > _score(best)):
            best = candidate

    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if op is sre.AT:  # zero-width: the characters on either side stay neighbours
            continue
        consider(frozenset(["".join(run)]) if run else None)
        run = []
        if op is sre.SUBPATTERN:
            consider(_sequence(av[-1]))
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            consider(_sequence(av))
        elif op is sre.BRANCH:
            alternatives = [_sequence(branch) for branch in av[1]]
            if all(alternatives):
                consider(frozenset().union(*alternatives))
        elif op in _REPEATS and av[0] >= 1:
            consider(_sequence(av[2]))
    consider(frozenset(["".join(run)]) if run else None)
    return best


def _score(literals: Literals) -> tuple[int, int]:
    """Longer literals occur in fewer lines; fewer of them, fewer hits."""
    return min(len(" ".join(s.split())) for s in literals), -len(literals)


def scan_form(text: str) -> str:
    return " ".join(text.lower().split())


class Matcher:
    """All rules' necessary literals in one automaton."""

    def __init__(self, rules: list[Rule]) -> None:
        table, always = literal_table(rules)
        self.size = len(rules)
        self.always = frozenset(always)
        self.everything = frozenset(range(len(rules)))
        try:
            import ahocorasick
        except ImportError:
            self.automaton = None
            return
        self.automaton = ahocorasick.Automaton()
        for literal, ids in table:
            self.automaton.add_word(literal, ids)
        self.automaton.make_automaton()

    def scan(self, text: str) -> frozenset[int]:
        """The ids of the rules that can match in ``text``."""
        if self.automaton is None or UNFOLDED.search(text):
            return self.everything
        hits = set(self.always)
        for _, ids in self.automaton.iter(scan_form(text)):
            hits.update(ids)
        return frozenset(hits)


@cache
def matcher() -> Matcher:
    return Matcher(list(Rule.registry))


def literal_table(rules: list[Rule]) -> tuple[list[tuple[str, tuple[int, ...]]], list[int]]:
    """(literal, ids of the rules it serves) for every necessary literal, and the rules that have
    none; from the cache folder when the rules are the ones it was built for."""
    key = repr([sys.version, *((r.pattern, r.flags) for r in rules)])
    return cached("literals", key, lambda: _build_literal_table(rules))


def _build_literal_table(rules: list[Rule]) -> tuple[list[tuple[str, tuple[int, ...]]], list[int]]:
    for phrases in phrasebook().values():
        for phrase in phrases:
            check_phrase(phrase)
    by_literal: dict[str, list[int]] = {}
    always: list[int] = []
    for rule in rules:
        literals = necessary_literals(rule.pattern, rule.flags)
        if literals is None:
            always.append(rule.id)
            continue
        for literal in sorted(literals):
            by_literal.setdefault(literal, []).append(rule.id)
    return [(literal, tuple(ids)) for literal, ids in sorted(by_literal.items())], always
