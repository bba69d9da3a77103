"""Where many strings occur in one text, found in a single pass (Aho-Corasick), so that asking
it of every line of a document costs time linear in the document, not quadratic; in a small
document, needle by needle (``MAX_FIND_WORK``), which finds the same places sooner.

The automaton holds each needle's first MAX_PREFIX_CHARS characters only, and a hit is then
checked against the whole needle: an automaton reports a match by walking every suffix of what
it has read that is also a needle's prefix, which for long repetitive text ("word word word …",
a line of 400 KB) is a walk as long as the line, at every character.
"""

from __future__ import annotations

from collections.abc import Iterable

MAX_PREFIX_CHARS = 256
# A needle whose prefix matched this often without the whole needle following is given up on
# (only repetitive text does that).
MAX_FAILED_CHECKS = 64
# Up to this much work (needles times the haystack's characters), each needle's prefix is looked for
# on its own (``str.find``), with the same checks: no automaton to build, and (measured on dev and
# wcxb-dev) faster up to about there. Past it, the one pass keeps the time linear.
MAX_FIND_WORK = 1 << 24


def occurrences(needles: Iterable[str], haystack: str, limit: int = 2) -> dict[str, list[int]]:
    """The first ``limit`` start positions of every (non-empty) needle found in ``haystack``."""
    by_prefix: dict[str, list[str]] = {}
    for needle in {needle for needle in needles if needle}:
        by_prefix.setdefault(needle[:MAX_PREFIX_CHARS], []).append(needle)
    found: dict[str, list[int]] = {}
    if not by_prefix:
        return found
    if sum(map(len, by_prefix.values())) * len(haystack) <= MAX_FIND_WORK:
        for prefix, group in by_prefix.items():
            for needle in group:
                if places := _find(needle, prefix, haystack, limit):
                    found[needle] = places
        return found
    try:
        import ahocorasick
    except ImportError:  # pragma: no cover - a dependency; this is the slow, plain way
        for needle in (n for group in by_prefix.values() for n in group):
            start = haystack.find(needle)
            while start >= 0 and len(found.setdefault(needle, [])) < limit:
                found[needle].append(start)
                start = haystack.find(needle, start + 1)
        return found
    automaton = ahocorasick.Automaton()
    for prefix, group in by_prefix.items():
        automaton.add_word(prefix, (len(prefix), group))
    automaton.make_automaton()
    failed: dict[str, int] = {}
    for end, (length, group) in automaton.iter(haystack):
        start = end - length + 1
        for needle in group:
            starts = found.get(needle, ())
            if len(starts) >= limit or failed.get(needle, 0) >= MAX_FAILED_CHECKS:
                continue
            if len(needle) == length or haystack.startswith(needle, start):
                found.setdefault(needle, []).append(start)
            else:
                failed[needle] = failed.get(needle, 0) + 1
    return found


def _find(needle: str, prefix: str, haystack: str, limit: int) -> list[int]:
    """Where the automaton below finds ``needle`` (``prefix``: its first characters): at each
    occurrence of the prefix in turn, the needle whole, until ``limit`` are found or
    MAX_FAILED_CHECKS were not."""
    starts: list[int] = []
    failed = 0
    at = haystack.find(prefix)
    while at >= 0 and len(starts) < limit and failed < MAX_FAILED_CHECKS:
        if len(needle) == len(prefix) or haystack.startswith(needle, at):
            starts.append(at)
        else:
            failed += 1
        at = haystack.find(prefix, at + 1)
    return starts
