"""Every phrase rule on one multi-pattern engine: today's literal gate + ``re``, hyperscan, RE2 ``Set``.

    python benchmarks/engines.py ../shared/bench --no-split --limit 40 --hs-cache /tmp/hs.db   # 4 min
    python benchmarks/engines.py ../shared/bench --engines today,re2 --limit 10 --no-wheels   # 2 min
    python benchmarks/engines.py ../shared/bench                  # all lines, split rules: see below

Split into one expression a phrase (the default), hyperscan's database did not finish building in
20 minutes of one core (UTF-8 + UCP + caseless, 6,868 expressions), and RE2's Set spends about
13 ms a line building its DFA on lines it has not seen: the full default run takes hours. With
--no-split (one expression a rule) hyperscan builds in about 90 s.

Reads the non-blank lines of BENCH/dev/docs/*.para.txt and BENCH/wcxb-dev/docs/*.para.txt and
prints: each rule's regular expression and the features it uses; for each engine, how many rules
it takes exact, in prefilter mode (its hit verified by ``re``) or refuses (``re`` runs on every
line), how long its database takes to build and whether it can be kept; CPU µs a line for scan +
verify (best of --rounds, engines taking turns); and, for every line and every rule, whether the
engine's answer to "does the rule match?" (``re.search`` semantics) equals plain ``re``'s, on the
line as is, lower-cased and with its whitespace collapsed (the forms the filters search). Last, which
platforms have wheels of hyperscan, google-re2 and pyahocorasick (``pip download``).

An engine's expressions: each rule is split at its alternations (``a(b|c)d`` -> ``abd``, ``acd``:
a match of the rule is a match of one of them), so a phrase group becomes one small expression a
phrase. ``(?<!\\w)`` and ``\\b`` at an expression's ends become ``(?:^|\\W)`` / ``(?:\\W|\\z)`` when
the neighbouring character is always a word character; what is left with a word boundary or a
lookaround goes in prefilter mode and a hit on it is verified by that small expression in ``re``.
Lines holding a character that Python's case folding treats specially (``matcher.UNFOLDED``) go
to ``re`` whole. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import newsclean.filters  # noqa: F401  (builds every Rule)
from newsclean.rules import matcher as matcher_module
from newsclean.rules.lexicon import Rule

if sys.version_info >= (3, 11):
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
else:  # pragma: no cover
    import sre_constants as sre
    import sre_parse

UNFOLDED = matcher_module.UNFOLDED
WORD = re.compile(r"\w")
# Python's \s on str, spelled out (hyperscan's and RE2's \s differ from it).
PY_SPACE = r"\t\n\x0b\x0c\r\x1c-\x20\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
MAX_EXPANSIONS = 1500  # expressions a rule may be split into
LOOKAROUND_OPENERS = ("(?=", "(?!", "(?<=", "(?<!")
FORMS = {"line": lambda s: s, "lower": str.lower, "collapsed": lambda s: " ".join(s.split())}
PLATFORMS = ["manylinux2014_x86_64", "manylinux2014_aarch64", "macosx_11_0_arm64", "macosx_10_9_x86_64", "win_amd64"]
PACKAGES = ["hyperscan", "google-re2", "pyahocorasick"]


# --- the rules ------------------------------------------------------------------------------------

def features(rule: Rule) -> list[str]:
    p = rule.pattern
    found = []
    if "(?<" in p.replace("(?P<", ""):
        found.append("lookbehind")
    if "(?=" in p or "(?!" in p:
        found.append("lookahead")
    if re.search(r"\\[1-9]|\(\?P=", p):
        found.append("backref")
    if "\\b" in p or "\\B" in p:
        found.append(f"\\b×{p.count(chr(92) + 'b')}")
    if p.startswith("^") or re.search(r"(?<!\\)\$", p) or "\\Z" in p or "\\A" in p:
        found.append("anchors")
    branches = p.count("|")
    if branches >= 50:
        found.append(f"alt×{branches}")
    if not rule.flags & re.IGNORECASE:
        found.append("case-sensitive")
    return found


# --- reading a pattern string: escapes, classes, groups ---------------------------------------------

def walk(p: str):
    """(index, char, depth, in_class) for each structural character of ``p``; escapes come as one
    step at their backslash, with char ``"\\\\"``."""
    i, depth, in_class = 0, 0, False
    while i < len(p):
        c = p[i]
        if c == "\\":
            yield i, c, depth, in_class
            i += 2
            continue
        if in_class:
            if c == "]" and not class_start(p, i):
                in_class = False
            yield i, c, depth, True
        elif c == "[":
            in_class = True
            yield i, c, depth, False
        else:
            if c == ")":
                depth -= 1
            yield i, c, depth, False
            if c == "(":
                depth += 1
        i += 1


def class_start(p: str, i: int) -> bool:
    """Whether the ``]`` at ``i`` is the first character of its class (a literal ``]``)."""
    j = i - 1
    if j >= 0 and p[j] == "^":
        j -= 1
    return j >= 0 and p[j] == "[" and (j == 0 or p[j - 1] != "\\")


def split_top(s: str) -> list[str]:
    cuts = [i for i, c, d, k in walk(s) if c == "|" and d == 0 and not k]
    return [s[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(s)], strict=True)]


def groups(s: str) -> list[tuple[int, int]]:
    """(open, close) of the groups at depth 0."""
    found, start = [], None
    for i, c, d, k in walk(s):
        if k:
            continue
        if c == "(" and d == 0:
            start = i
        elif c == ")" and d == 0 and start is not None:
            found.append((start, i))
            start = None
    return found


def opener(s: str, i: int) -> str:
    m = re.compile(r"\((?:\?P<\w+>|\?<?[=!]|\?[a-zA-Z-]*:|\?:)?").match(s, i)
    return m.group() if m else "("


def expand(pattern: str) -> list[str]:
    """The pattern as alternatives (one matches wherever the pattern does): top-level ``|`` split,
    unquantified groups flattened or distributed over their alternatives."""
    done: list[str] = []
    todo = split_top(pattern)
    while todo:
        s = todo.pop()
        for a, b in groups(s):
            op = opener(s, a)
            quantified = b + 1 < len(s) and s[b + 1] in "*+?{"
            if quantified or op.startswith(LOOKAROUND_OPENERS) or re.fullmatch(r"\(\?[a-zA-Z]+\)", op):
                continue
            inner = s[a + len(op):b]
            alts = split_top(inner)
            plain = op == "(" or op == "(?:" or op.startswith("(?P<")
            if len(alts) == 1 and not plain:
                continue
            if len(alts) > 1 and len(done) + len(todo) + len(alts) > MAX_EXPANSIONS:
                continue
            if plain:
                todo.extend(s[:a] + "(?:" + alt + ")" + s[b + 1:] if needs_group(alt) else s[:a] + alt + s[b + 1:]
                            for alt in alts)
            else:
                todo.extend(s[:a] + op + alt + ")" + s[b + 1:] for alt in alts)
            break
        else:
            done.append(s)
    return done


def needs_group(alt: str) -> bool:
    """A piece that cannot stand unbracketed in a sequence (empty, or a lone inline-flag group)."""
    return alt == "" or alt.startswith("?")


# --- word boundaries at an expression's ends ------------------------------------------------------

def parsed(s: str, flags: int):
    try:
        return list(sre_parse.parse(s, flags))
    except Exception:
        return None


def edge_is_word(items, first: bool) -> bool | None:
    """True when the first (last) character of every match of ``items`` is a word character, False
    when it is never one, None when it can be either or the match can be empty."""
    seq = items if first else list(reversed(items))
    for k, (op, av) in enumerate(seq):
        if op is sre.AT:
            return None
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0:  # may be absent: the next part decides too
            rest = items[k + 1:] if first else items[:len(items) - k - 1]
            here, after = edge_is_word(list(av[2]), first), edge_is_word(rest, first)
            return here if here == after else None
        return char_is_word(op, av, first)
    return None


def char_is_word(op, av, first: bool) -> bool | None:
    if op is sre.LITERAL:
        return bool(WORD.match(chr(av)))
    if op is sre.NOT_LITERAL:
        return None
    if op is sre.IN:
        kinds = set()
        for o, v in av:
            if o is sre.LITERAL:
                kinds.add(bool(WORD.match(chr(v))))
            elif o is sre.RANGE and v[1] - v[0] < 5000:
                kinds |= {bool(WORD.match(chr(c))) for c in range(v[0], v[1] + 1)}
            elif o is sre.CATEGORY and v in (sre.CATEGORY_WORD, sre.CATEGORY_DIGIT):
                kinds.add(True)
            elif o is sre.CATEGORY and v is sre.CATEGORY_NOT_WORD:
                kinds.add(False)
            else:
                return None
        return kinds.pop() if len(kinds) == 1 else None
    if op is sre.SUBPATTERN:
        return edge_is_word(list(av[-1]), first)
    if op is sre.BRANCH:
        kinds = {edge_is_word(list(b), first) for b in av[1]}
        return kinds.pop() if len(kinds) == 1 else None
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
        return edge_is_word(list(av[2]), first)
    return None


def rewrite_edges(s: str, flags: int) -> str:
    """``(?<!\\w)``, ``\\b`` and ``(?!\\w)`` at the ends of ``s`` written without assertions, where
    the character next to them decides them."""
    changed = True
    while changed:
        changed = False
        if s.startswith("(?<!\\w)^"):
            s, changed = s[len("(?<!\\w)"):], True
        elif s.startswith("(?<!\\w)"):
            rest = s[len("(?<!\\w)"):]
            if rest.startswith("\\b") and (items := parsed(rest[2:], flags)) and edge_is_word(items, True):
                rest = rest[2:]
            s, changed = "(?:^|\\W)" + rest, True
        elif s.startswith("\\b") and (items := parsed(s[2:], flags)) is not None:
            kind = edge_is_word(items, True)
            if kind is not None:
                s, changed = ("(?:^|\\W)" if kind else "\\w") + s[2:], True
        if s.endswith("$\\b") and (items := parsed(s[:-3], flags)) and edge_is_word(items, False):
            s, changed = s[:-2], True
        elif s.endswith("\\b.*") and (items := parsed(s[:-4], flags)) and edge_is_word(items, False):
            s, changed = s[:-4] + "(?:\\W|\\z)", True
        elif s.endswith("\\w*\\b") and (items := parsed(s[:-5], flags)) and edge_is_word(items, False):
            s, changed = s[:-5], True
        elif s.endswith("(?!\\w)") and not s.endswith("\\(?!\\w)"):
            s, changed = s[:-len("(?!\\w)")] + "(?:\\W|\\z)", True
        elif s.endswith("\\b") and not s.endswith("\\\\b") and (items := parsed(s[:-2], flags)) is not None:
            kind = edge_is_word(items, False)
            if kind is not None:
                s, changed = s[:-2] + ("(?:\\W|\\z)" if kind else "\\w"), True
    return s


OPTIONAL_END = re.compile(r"\)(?:\?|\*|\{0,\d*\})\??$")
OPTIONAL_AFTER = re.compile(r"(?:\?|\*|\{0,\d*\})\??")


def drop_optional(s: str) -> str:
    """``s`` without an optional group at its very start or end (a search finds a match without it),
    and with ``\\b\\b`` as one ``\\b``."""
    s = s.replace("\\b\\b", "\\b")
    while True:
        found = groups(s)
        if not found:
            return s
        a, b = found[-1]
        if OPTIONAL_END.match(s, b) and a > 0:
            s = s[:a]
            continue
        a, b = found[0]
        if a == 0 and (m := OPTIONAL_AFTER.match(s, b + 1)) and m.end() < len(s) and s[m.end()] not in "*+?{":
            s = s[m.end():]
            continue
        return s


GAP = re.compile(r"\\b\.\{0,(\d+)\}\\b")


def rewrite_gaps(s: str, flags: int) -> str:
    """``X\\b.{0,N}\\bY``, X ending and Y starting with a word character: ``X[^\\w\\n](?:.{0,N-2}[^\\w\\n])?Y``."""
    for m in reversed(list(GAP.finditer(s))):
        n = int(m.group(1))
        before, after = parsed(s[:m.start()], flags), parsed(s[m.end():], flags)
        if n >= 2 and before and after and edge_is_word(before, False) and edge_is_word(after, True):
            s = s[:m.start()] + f"[^\\w\\n](?:.{{0,{n - 2}}}[^\\w\\n])?" + s[m.end():]
    return s


def has_assertion(s: str) -> bool:
    return any(c == "\\" and s[i + 1] in "bB" for i, c, _, _ in walk(s)) or any(o in s for o in LOOKAROUND_OPENERS)


def strip_assertions(s: str) -> str:
    """``s`` without word boundaries and lookarounds: it matches wherever ``s`` does (and more)."""
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\":
            if s[i + 1] not in "bB" or in_class_at(s, i):
                out.append(s[i:i + 2])
            i += 2
            continue
        if s.startswith(LOOKAROUND_OPENERS, i) and not in_class_at(s, i):
            end = next(j for j, c, d, k in walk(s[i:]) if c == ")" and d == 0 and not k)
            i += end + 1
            continue
        out.append(s[i])
        i += 1
    return "".join(out)


def in_class_at(s: str, i: int) -> bool:
    for j, _, _, k in walk(s):
        if j == i:
            return k
    return False


def translate(s: str, outside: dict[str, str], inside: dict[str, str]) -> str | None:
    """``s`` with Python's escapes replaced by the engine's spelling (None: one cannot be)."""
    out, last = [], 0
    for i, c, _, k in walk(s):
        if c != "\\":
            continue
        esc = s[i:i + 2]
        table = inside if k else outside
        if esc in table:
            if table[esc] is None:
                return None
            out.append(s[last:i])
            out.append(table[esc])
            last = i + 2
    out.append(s[last:])
    return "".join(out)


HS_OUT = {"\\s": f"[{PY_SPACE}]", "\\S": f"[^{PY_SPACE}]", "\\Z": "\\z"}
HS_IN = {"\\s": PY_SPACE}
WORD_CLASS = r"\p{L}\p{N}_"
RE2_OUT = {"\\w": f"[{WORD_CLASS}]", "\\W": f"[^{WORD_CLASS}]", "\\d": r"\p{Nd}", "\\D": r"\P{Nd}",
           "\\s": f"[{PY_SPACE}]", "\\S": f"[^{PY_SPACE}]", "\\Z": "\\z"}
RE2_IN = {"\\w": WORD_CLASS, "\\d": r"\p{Nd}", "\\s": PY_SPACE, "\\W": None, "\\S": None, "\\D": None}


# --- the engines --------------------------------------------------------------------------------

class Piece:
    """One expression of a rule, as an engine takes it."""

    def __init__(self, rule: Rule, source: str) -> None:
        self.rule = rule
        self.source = source  # Python syntax, after splitting
        self.edged = rewrite_edges(rewrite_gaps(drop_optional(source), rule.flags), rule.flags)
        self.exact = not has_assertion(self.edged)
        self.regex = re.compile(source, rule.flags)


def pieces_of(rules: list[Rule], split: bool = True) -> dict[int, list[Piece]]:
    return {rule.id: [Piece(rule, s) for s in (expand(rule.pattern) if split else [rule.pattern])] for rule in rules}


class Today:
    name = "today: aho gate + re"

    def __init__(self, rules: list[Rule]) -> None:
        t0 = time.perf_counter()
        self.m = matcher_module.Matcher(rules)  # literal table from the cache folder when it is there
        self.regexes = [(1 << r.id, re.compile(r.pattern, r.flags)) for r in rules]
        self.build = time.perf_counter() - t0
        self.modes = Counter({"exact": 0, "prefilter": len(rules), "refused": 0})
        self.keep = "literal table cached; re programs cached (regex.py)"
        self.verified = 0

    def scan(self, line: str) -> int:
        return self.m.scan(line)

    def answer(self, text: str, hits: int) -> int:
        found = 0
        for bit, regex in self.regexes:
            if hits & bit:
                self.verified += 1
                if regex.search(text):
                    found |= bit
        return found


class Engine:
    """hyperscan or RE2: expressions scanned at once, a hit on an exact one is the rule's match, a
    hit on another is verified by its small Python expression."""

    def __init__(self, rules: list[Rule], pieces: dict[int, list[Piece]], cache: Path | None = None) -> None:
        self.rules = rules
        self.cache = cache
        self.everything = (1 << len(rules)) - 1
        self.full = [(1 << r.id, re.compile(r.pattern, r.flags)) for r in rules]
        self.ids: list[tuple[int, bool, re.Pattern[str]]] = []  # expression id -> (rule bit, exact, verifier)
        self.always: list[tuple[int, re.Pattern[str]]] = []  # refused: verified on every line
        self.rule_modes: dict[int, str] = {}
        self.piece_modes = Counter()
        self.verified = 0
        self.prepare(pieces)
        for rule in rules:
            modes = {m for m in self.piece_kinds[rule.id]}
            self.rule_modes[rule.id] = ("refused" if "refused" in modes else "prefilter" if "prefilter" in modes
                                        else "exact")
        self.modes = Counter(self.rule_modes.values())

    def answer(self, text: str, hits) -> int:
        if hits is None:  # a line re reads whole
            found = 0
            for bit, regex in self.full:
                self.verified += 1
                if regex.search(text):
                    found |= bit
            return found
        found = 0
        for i in hits:
            bit, exact, regex = self.ids[i]
            if found & bit:
                continue
            if exact:
                found |= bit
            else:
                self.verified += 1
                if regex.search(text):
                    found |= bit
        for bit, regex in self.always:
            if not found & bit:
                self.verified += 1
                if regex.search(text):
                    found |= bit
        return found


class Hyperscan(Engine):
    name = "hyperscan"

    def prepare(self, pieces: dict[int, list[Piece]]) -> None:
        import hyperscan as hs

        self.hs = hs
        base = hs.HS_FLAG_UTF8 | hs.HS_FLAG_UCP | hs.HS_FLAG_SINGLEMATCH
        exprs, flags = [], []
        self.piece_kinds: dict[int, list[str]] = {}
        for rule in self.rules:
            kinds = self.piece_kinds[rule.id] = []
            for piece in pieces[rule.id]:
                text = translate(piece.edged, HS_OUT, HS_IN)
                f = base | (hs.HS_FLAG_CASELESS if rule.flags & re.IGNORECASE else 0)
                exact = piece.exact
                if text is None:
                    kinds.append("refused")
                    self.always.append((1 << rule.id, piece.regex))
                    continue
                f |= 0 if exact else hs.HS_FLAG_PREFILTER
                exprs.append(text.encode())
                flags.append(f)
                self.ids.append((1 << rule.id, exact, piece.regex))
                kinds.append("exact" if exact else "prefilter")
        key = hashlib.sha256(repr((sys.version, exprs, flags)).encode()).hexdigest()
        stored = None
        if self.cache and self.cache.exists():
            stored = pickle.loads(self.cache.read_bytes())
            stored = stored if stored.get("key") == key else None
        if stored is None:
            t0 = time.perf_counter()
            bad: set[int] = set()
            try:
                self.compile(exprs, flags)
            except hs.error:  # find the expressions it refuses: rule by rule, then one by one
                bad = self.refused(exprs, flags)
            keep = [i for i in range(len(exprs)) if i not in bad]
            db = self.compile([exprs[i] for i in keep], [flags[i] for i in keep])
            stored = {"key": key, "blob": hs.dumpb(db), "build": time.perf_counter() - t0, "bad": bad}
            if self.cache:
                self.cache.write_bytes(pickle.dumps(stored))
            self.keep = "compiled now"
        else:
            self.keep = "from --hs-cache"
        for i in sorted(stored["bad"]):
            bit, _, regex = self.ids[i]
            self.always.append((bit, regex))
            self.piece_kinds[bit.bit_length() - 1].append("refused")
        self.ids = [x for i, x in enumerate(self.ids) if i not in stored["bad"]]
        self.build = stored["build"]
        self.expressions = len(self.ids)
        t0 = time.perf_counter()
        self.db = hs.loadb(stored["blob"], hs.HS_MODE_BLOCK)
        self.db.scratch = hs.Scratch(self.db)
        self.keep += f"; dumpb {len(stored['blob']) / 1e6:.1f} MB, loadb {1e3 * (time.perf_counter() - t0):.0f} ms"
        self.found: list[int] = []

    def refused(self, exprs, flags) -> set[int]:
        bad = set()
        by_rule: dict[int, list[int]] = {}
        for i, (bit, _, _) in enumerate(self.ids):
            by_rule.setdefault(bit, []).append(i)
        for indices in by_rule.values():
            try:
                self.compile([exprs[i] for i in indices], [flags[i] for i in indices])
                continue
            except self.hs.error:
                pass
            for i in indices:
                try:
                    self.compile([exprs[i]], [flags[i]])
                except self.hs.error:
                    bad.add(i)
        return bad

    def compile(self, exprs, flags):
        db = self.hs.Database(mode=self.hs.HS_MODE_BLOCK)
        db.compile(expressions=exprs, ids=list(range(len(exprs))), elements=len(exprs), flags=flags)
        return db

    def _on(self, i, start, end, flags, context):
        self.found.append(i)

    def scan(self, line: str):
        if UNFOLDED.search(line):
            return None
        self.found = []
        self.db.scan(line.encode(), match_event_handler=self._on)
        return self.found


class RE2Set(Engine):
    name = "google-re2 Set"

    def prepare(self, pieces: dict[int, list[Piece]]) -> None:
        import re2

        options = re2.Options()
        options.log_errors = False
        options.max_mem = 1 << 30
        self.piece_kinds = {}
        t0 = time.perf_counter()
        self.set = re2.Set.SearchSet(options)
        for rule in self.rules:
            kinds = self.piece_kinds[rule.id] = []
            for piece in pieces[rule.id]:
                exact = piece.exact
                text = piece.edged.replace("[^\\W\\d]", "[\\p{L}\\p{Nl}\\p{No}_]")
                text = translate(text if exact else strip_assertions(text), RE2_OUT, RE2_IN)
                if text is None:
                    kinds.append("refused")
                    self.always.append((1 << rule.id, piece.regex))
                    continue
                if rule.flags & re.IGNORECASE:
                    text = "(?i)" + text
                try:
                    index = self.set.Add(text)
                except Exception:
                    kinds.append("refused")
                    self.always.append((1 << rule.id, piece.regex))
                    continue
                assert index == len(self.ids)
                self.ids.append((1 << rule.id, exact, piece.regex))
                kinds.append("exact" if exact else "prefilter")
        self.set.Compile()
        self.build = time.perf_counter() - t0
        self.expressions = len(self.ids)
        self.keep = "no (RE2 has no serialisation: built at each start)"

    def scan(self, line: str):
        if UNFOLDED.search(line):
            return None
        return self.set.Match(line)


# --- the run --------------------------------------------------------------------------------------

def read_lines(bench: Path, limit: int | None) -> list[str]:
    lines = []
    for corpus in ("dev", "wcxb-dev"):
        paths = sorted((bench / corpus / "docs").glob("*.para.txt"))[:limit]
        for path in paths:
            lines.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return lines


def truth(regexes, text: str) -> int:
    found = 0
    for bit, regex in regexes:
        if regex.search(text):
            found |= bit
    return found


def table(rows: list[list[str]], head: list[str]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print("| " + " | ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)) + " |")
    print()


def wheels() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for package in PACKAGES:
            row = [package]
            for platform in PLATFORMS:
                done = subprocess.run(
                    [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                     "--platform", platform, "--python-version", "3.11", "-d", tmp, package],
                    capture_output=True, text=True)
                got = sorted(p.name for p in Path(tmp).glob("*.whl") if p.name.startswith(package.replace("-", "_")))
                row.append(("yes " + got[-1].split("-")[1]) if done.returncode == 0 and got else "no")
                for p in Path(tmp).glob("*.whl"):
                    p.unlink()
            rows.append(row)
    print("## Wheels (pip download --only-binary=:all: --python-version 3.11)\n")
    table(rows, ["package", *PLATFORMS])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench", type=Path, help="the bench folder (../shared/bench)")
    ap.add_argument("--limit", type=int, help="read only the first N documents of each corpus")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--engines", default="today,hyperscan,re2")
    ap.add_argument("--no-wheels", action="store_true")
    ap.add_argument("--no-split", action="store_true", help="one expression a rule (hyperscan builds it in a minute)")
    ap.add_argument("--hs-cache", type=Path, help="keep the hyperscan database in this file (its build takes minutes)")
    args = ap.parse_args(argv)

    rules = list(Rule.registry)
    lines = read_lines(args.bench, args.limit)
    print(f"{len(rules)} rules; {len(lines):,} non-blank lines ({len(set(lines)):,} distinct); "
          f"{sum(1 for x in lines if UNFOLDED.search(x)):,} hold a specially folded character\n")

    t0 = time.perf_counter()
    pieces = pieces_of(rules, not args.no_split)
    split_time = time.perf_counter() - t0
    print("## Rules\n")
    table([[r.id, r.template[:60], len(r.pattern), " ".join(features(r)), len(pieces[r.id]),
            sum(not p.exact for p in pieces[r.id])] for r in rules],
          ["id", "template", "chars", "features", "pieces", "pieces with assertions left"])
    print(f"splitting + compiling the pieces in re: {split_time:.1f} s\n")

    makers = {"today": Today, "hyperscan": Hyperscan, "re2": RE2Set}
    engines = []
    for key in args.engines.split(","):
        try:
            engines.append(makers[key](rules) if key == "today" else makers[key](rules, pieces, args.hs_cache))
        except ImportError as exc:
            print(f"{key}: not installed ({exc})\n")
        print(f"built {key}", file=sys.stderr, flush=True)

    print("## Which rules each engine takes\n")
    table([[r.id, *(getattr(e, "rule_modes", {}).get(r.id, "gate") for e in engines[1:] if hasattr(e, "rule_modes"))]
           for r in rules], ["id", *(e.name for e in engines if hasattr(e, "rule_modes"))])

    # Timing: scan + verify on each line as is, engines taking turns; the first round's answers are kept.
    best = {e.name: float("inf") for e in engines}
    scan_only = {}
    answers = {e.name: [] for e in engines}
    for rnd in range(args.rounds):
        for e in engines:
            keep = answers[e.name] if rnd == 0 else None
            e.verified = 0
            t0 = time.process_time()
            if keep is not None:
                for line in lines:
                    keep.append(e.answer(line, e.scan(line)))
            else:
                for line in lines:
                    e.answer(line, e.scan(line))
            best[e.name] = min(best[e.name], time.process_time() - t0)
            if rnd == 0:
                e.pairs = e.verified
            print(f"round {rnd + 1} {e.name}: {best[e.name]:.1f} s", file=sys.stderr, flush=True)
    for e in engines:
        t0 = time.process_time()
        for line in lines:
            e.scan(line)
        scan_only[e.name] = time.process_time() - t0

    # Exactness: plain re on each distinct text of each form, against each engine.
    regexes = [(1 << r.id, re.compile(r.pattern, r.flags)) for r in rules]
    wrong = {e.name: Counter() for e in engines}
    examples = {e.name: [] for e in engines}
    checked = 0
    t0 = time.process_time()
    for form, make in FORMS.items():
        seen: set[str] = set()
        for n, line in enumerate(lines):
            text = make(line)
            if text in seen:
                continue
            seen.add(text)
            checked += 1
            expected = truth(regexes, text)
            for e in engines:
                if form == "line":
                    got = answers[e.name][n]
                elif e.name.startswith("today"):
                    got = e.answer(text, e.scan(line))  # today's scan of the line serves every form
                else:
                    got = e.answer(text, e.scan(text))
                if got != expected:
                    diff = got ^ expected
                    for r in rules:
                        if diff >> r.id & 1:
                            wrong[e.name][r.id] += 1
                            if len(examples[e.name]) < 8:
                                examples[e.name].append((form, r.id, bool(expected >> r.id & 1), text[:100]))
        print(f"checked {form}", file=sys.stderr, flush=True)
    print(f"exactness: {checked:,} distinct texts × {len(rules)} rules against plain re "
          f"({time.process_time() - t0:.0f} s)\n")

    print("## Engines\n")
    n = len(lines)
    table([[e.name, getattr(e, "expressions", "-"), e.modes["exact"], e.modes["prefilter"], e.modes["refused"],
            f"{e.build:.2f} s", e.keep, f"{1e6 * scan_only[e.name] / n:.1f}", f"{1e6 * best[e.name] / n:.1f}",
            f"{e.pairs:,}", sum(wrong[e.name].values())] for e in engines],
          ["engine", "expressions", "rules exact", "prefilter", "refused", "build", "kept between runs",
           "µs/line scan", "µs/line scan+verify", "re runs (pairs)", "disagreements"])
    for e in engines:
        if wrong[e.name]:
            print(f"{e.name}: disagreements by rule {dict(wrong[e.name])}")
            for form, rid, expected, text in examples[e.name]:
                print(f"  {form} rule {rid} re says {expected}: {text!r}")
            print()
    if not args.no_wheels:
        wheels()
    return 0


if __name__ == "__main__":
    sys.exit(main())
