"""Where many strings occur in one text, found in a single pass (Aho-Corasick), so that asking
it of every line of a document costs time linear in the document, not quadratic."""

from __future__ import annotations

from collections.abc import Iterable


def occurrences(needles: Iterable[str], haystack: str) -> dict[str, list[int]]:
    """Every start position of every (non-empty) needle in ``haystack``, in order."""
    distinct = {needle for needle in needles if needle}
    found: dict[str, list[int]] = {}
    if not distinct:
        return found
    try:
        import ahocorasick
    except ImportError:  # pragma: no cover - a dependency; this is the slow, plain way
        for needle in distinct:
            at, starts = haystack.find(needle), []
            while at >= 0:
                starts.append(at)
                at = haystack.find(needle, at + 1)
            if starts:
                found[needle] = starts
        return found
    automaton = ahocorasick.Automaton()
    for needle in distinct:
        automaton.add_word(needle, needle)
    automaton.make_automaton()
    for end, needle in automaton.iter(haystack):
        found.setdefault(needle, []).append(end - len(needle) + 1)
    for starts in found.values():
        starts.sort()
    return found
