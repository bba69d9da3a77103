"""``re.compile`` with the compiled program kept between runs.

Compiling newsclean's rules takes longer than cleaning an article with them (about 30 ms of a
plain ``clean``), and Python cannot pickle a compiled pattern. What ``re`` compiles a pattern to
is a list of integers, the program its C engine runs; that list is kept in the cache folder (see
``cache``), per Python version, and a later run builds the pattern from it at once. Each program is
kept marshalled on its own, and unpacked only when its pattern is asked for: the cache holds the
programs of every path (the HTML path's, the rules' whose words a page held), and a plain clean
needs few of them. A program is
kept only when the pattern built from it equals the one ``re.compile`` gives (patterns compare by
their program), and any failure falls back to ``re.compile``: a cache can make a run slower, never
different.
"""

from __future__ import annotations

import atexit
import marshal
import re
import sys

from ..cache import read_cache, write_cache

try:
    import _sre

    if sys.version_info >= (3, 11):
        from re import _compiler as sre_compile
        from re import _parser as sre_parse
    else:  # pragma: no cover
        import sre_compile
        import sre_parse
    CACHE_NAME = f"regex-{sys.implementation.name}-{'.'.join(map(str, sys.version_info[:3]))}-{_sre.MAGIC}-packed"
except (ImportError, AttributeError):  # pragma: no cover - another Python
    _sre = None
    CACHE_NAME = ""

# The cache keeps at most this many programs: past it, those this run did not use go.
MAX_PROGRAMS = 5000
_programs: dict[tuple[str, int], bytes] | None = None  # each program marshalled
_learned: dict[tuple[str, int], bytes] = {}
_used: set[tuple[str, int]] = set()


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    global _programs
    if _sre is None:
        return re.compile(pattern, flags)
    if _programs is None:
        _programs = read_cache(CACHE_NAME) or {}
    key = (pattern, int(flags))  # a plain int: marshal takes no RegexFlag
    packed = _programs.get(key)
    if packed is not None:
        _used.add(key)
        try:
            return _sre.compile(pattern, *marshal.loads(packed))
        except Exception:  # a program this Python cannot run: compile anew
            pass
    result = re.compile(pattern, flags)
    if (program := _program(pattern, flags, result)) is not None:
        if not _learned:
            atexit.register(_save)
        _learned[key] = marshal.dumps(program)
    return result


def _program(pattern: str, flags: int, expected: re.Pattern[str]) -> tuple | None:
    """What ``re`` passes its engine for ``pattern``, if rebuilding from it gives ``expected``."""
    try:
        parsed = sre_parse.parse(pattern, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        code = [int(op) for op in sre_compile._code(parsed, flags)]  # plain ints: marshal takes no subclasses
        program = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        return program if _sre.compile(pattern, *program) == expected else None
    except Exception:  # internals of another Python: just do not cache
        return None


def _save() -> None:
    kept = _programs or {}
    if len(kept) + len(_learned) > MAX_PROGRAMS:  # patterns of code long gone: keep only this run's
        kept = {key: program for key, program in kept.items() if key in _used}
    write_cache(CACHE_NAME, {**kept, **_learned}, kind="regex")
