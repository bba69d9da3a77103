"""Phrase files, the one matcher and the caches behind a fast start: a phrase file is read or
refused with its file and line named, a scan never hides a match, and a cache never changes a result."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsclean import cache
from newsclean.core.text import INDEX_BLOCK, StopwordIndex, _stoplist_dir, detect_language, stoplist, stopword_index
from newsclean.rules import lexicon
from newsclean.rules import regex as compiled
from newsclean.rules.lexicon import HAS_DIGIT, PhraseFileError, Rule, check_phrase, phrasebook, read_phrase_file
from newsclean.rules.matcher import UNFOLDED, matcher, necessary_literals, scan_form

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def write(tmp_path: Path, text: str, name: str = "phrases.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_phrase_file_is_sections_of_one_phrase_a_line(tmp_path):
    path = write(tmp_path, "# comment\n\n[promo.newsletter_prompt]\nnewsletter\n  in your inbox  \n"
                           "[ads.ad_word]\n[úu]ltima hora\n# another\nreclame\n")
    groups = read_phrase_file(path)
    assert {g: [p.pattern for p in ps] for g, ps in groups.items()} == {
        "promo.newsletter_prompt": ["newsletter", "in your inbox"],
        "ads.ad_word": ["[úu]ltima hora", "reclame"],  # a phrase may open with a character class
    }
    assert groups["ads.ad_word"][1].source == f"{path}:9"


@pytest.mark.parametrize(("text", "line", "message"), [
    ("newsletter\n", 1, "phrase 'newsletter' comes before any [filter.group] section"),
    ("[promo.newsletter_prompt]\nok\n(weekly letter\n", 3, "bad phrase '(weekly letter': missing )"),
    ("[promo.newsletter_prompt]\n\n(news)?\n", 3, "phrase '(news)?' matches empty text"),
    ("# ours\n[promo.no_such_group]\nnewsletter\n", 2, "no filter reads the group 'promo.no_such_group'"),
])
def test_a_bad_phrase_file_is_an_error_naming_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path, text)
    with pytest.raises(PhraseFileError) as caught:
        for phrases in read_phrase_file(path, known_groups=frozenset(phrasebook())).values():
            for phrase in phrases:
                check_phrase(phrase)
    assert str(caught.value).startswith(f"{path}:{line}: {message}")


def test_a_phrase_file_that_is_not_utf8_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("[ads.ad_word]\npublicité\n".encode("latin-1"))
    with pytest.raises(PhraseFileError, match=rf"^{re.escape(str(path))}: cannot read phrase file"):
        read_phrase_file(path)


def test_every_builtin_phrase_is_valid_and_every_group_is_read():
    groups = phrasebook()
    for phrases in groups.values():
        for phrase in phrases:
            check_phrase(phrase)
    placeholders = {m for rule in Rule.registry for m in lexicon.PLACEHOLDER.findall(rule.template)}
    word_groups = {g for g in groups if lexicon.words_of(g) and g not in placeholders}
    assert word_groups == {"teasers.name_like_label", "teasers.open_ending"}  # read as word lists
    assert placeholders <= set(groups)


@pytest.mark.parametrize(("pattern", "literals"), [
    (r"bolet[ií]n", {"boletín", "boletin"}),
    (r"(daily|weekly) (dose|digest)", {"daily dose", "daily digest", "weekly dose", "weekly digest"}),
    (r"\d+ comments?", {"comment"}),
    (r"(?-i:Sie|Ihnen)", {"sie", "ihnen"}),
    (r"read  the\trest", {"read the rest"}),  # whitespace as the scan sees it
    (r"x|\w+", None),  # one branch needs no literal: no prefilter
    (r"e-?mail (address)?", {"email", "e-mail"}),  # an optional part spelled both ways
    (r"tik ?tok|linked ?in", {"tiktok", "tik tok", "linkedin", "linked in"}),
    (r"(abc)?", None),  # an optional part alone is no necessary literal
    (r"\d+ (\w+ )?ago", {"ago"}),
    (r"posts?|comments?", {"post", "comment"}),  # "posts" holds "post": it adds nothing
])
def test_necessary_literals(pattern, literals):
    found = necessary_literals(pattern, re.IGNORECASE)
    assert (found if found is None else set(found)) == literals


def test_a_digit_is_spelled_as_every_character_it_matches_and_its_scan_bit_says_the_line_holds_one():
    every_digit = {c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(r"\d", c)}
    assert necessary_literals(r"\d") == necessary_literals(r"\d{4}") == every_digit
    assert necessary_literals(r"\d+ comments?") == {"comment"}  # a longer literal is the better one
    lines = [*tricky_lines(), "Seite ٣ von ٥", "Preis: １２ Euro", "x²", "No digit here", "Ⅻ", ""]
    for line in lines:
        if not UNFOLDED.search(line):  # there every rule is possible
            assert HAS_DIGIT.possible(matcher().scan(line)) == bool(re.search(r"\d", line)), line


def tricky_lines() -> list[str]:
    lines = [line for path in sorted(SAMPLES.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    return [*lines, "SUBSCRIBE   TO OUR\u00a0NEWSLETTER", "Folgen Sie uns auf Facebook, X und Instagram",
            "© 2024 Alle Rechte vorbehalten | Impressum | Datenschutz", "Foto:\tdpa", "Lesen  Sie  auch:",
            "ADVERTISEMENT", "İnscrivez-vous à la newsletter", "Read more »", "12 Kommentare"]


def test_a_scan_never_hides_a_match():
    """Wherever a rule's expression matches the line (as filters match it: as is, lower-cased,
    with its whitespace collapsed), the scan says the rule can match."""
    scanner = matcher()
    checked = 0
    for line in tricky_lines():
        hits = scanner.scan(line)
        for rule in Rule.registry:
            forms = (line, line.lower(), " ".join(line.split()), line.strip())
            if any(rule.regex.search(form) for form in forms):
                checked += 1
                assert rule.possible(hits), (rule, line)
    assert checked > 100


def test_a_scan_finds_every_literal_whatever_its_case():
    scanner = matcher()
    from newsclean.rules.matcher import literal_table

    table, _ = literal_table(list(Rule.registry))
    for literal, rules in table:
        shouted = "".join(c.upper() if len(c.upper()) == 1 else c for c in literal)  # "ß".upper() is "SS"
        assert scanner.scan(f"Before {shouted}  after") & rules == rules, literal
    assert scanner.scan("qqq kkk") & ~scanner.always == 0  # no literal: only the rules that have none


def test_a_line_with_characters_lower_does_not_fold_is_not_prefiltered():
    assert matcher().scan("ſubſcribe") == matcher().everything  # long s: re.IGNORECASE matches it as "s"
    assert Rule("{promo.subscription_prompt}").search("ſubſcribe now", matcher().scan("ſubſcribe now"))


def test_a_documents_scan_gives_each_line_the_scan_of_the_line():
    """``scan_all`` (one call a document) gives what ``scan`` gives line by line: in the matcher's
    path (the kernel's where built), in pyahocorasick's and with neither."""
    from newsclean.rules.matcher import Matcher, _pyahocorasick, literal_table

    lines = [*tricky_lines(), "", "   ", "ſubſcribe now", "Ünsere NEWSLETTER", "\u00a0Foto:\tdpa\u3000"]
    expected = [matcher().scan(line) for line in lines]
    assert matcher().scan_all(lines) == expected
    python = Matcher(Rule.registry)
    python.native, (python.automaton, python.digit_rules) = None, _pyahocorasick(literal_table(Rule.registry)[0])
    if python.automaton is not None:
        assert python.scan_all(lines) == expected
    python.automaton = None
    assert python.scan_all(lines) == [python.everything] * len(lines)


def test_a_filter_judges_only_the_lines_where_its_rules_can_match():
    from newsclean.core.document import Document, Drop

    newsletter = Rule(r"\bnewsletter\b")
    doc = Document(["Sign up for our newsletter", "", "A paragraph.", "The NEWSLETTER", "ſubſcribe"])
    mask = lexicon.mask_of((newsletter,))
    assert doc.candidates(mask) == [0, 3, 4]  # the long s: every rule possible
    assert doc.candidates(0) == []
    doc.propose(Drop(0, "x"))
    assert doc.candidates(mask) == [3, 4]  # of the content: not proposed
    assert [doc.hits(i) for i in range(5)] == matcher().scan_all(doc.lines)
    later = Rule(r"\bparagraph\b")  # a rule made after the scan: the lines are scanned anew
    assert doc.candidates(lexicon.mask_of((later,))) == [2, 4]


def test_a_rule_that_cannot_match_is_not_run():
    rule = Rule(r"\bnewsletter\b")
    assert rule.search("the newsletter", None)  # not scanned: run it
    assert rule.search("the newsletter", 0) is None  # the scan found none of its literals
    assert rule.possible(matcher().scan("Sign up for the NEWSLETTER"))
    assert scan_form(" A\u00a0 b\tC ") == "a b c"


def test_a_cached_program_builds_the_pattern_re_compile_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSCLEAN_CACHE", str(tmp_path))
    monkeypatch.setattr(compiled, "_programs", None)
    monkeypatch.setattr(compiled, "_learned", {})
    pattern = r"(?P<who>\w+) (says|sagt):\s*(?:\d{1,2}\.)?"
    first = compiled.compiled(pattern, re.IGNORECASE)
    compiled._save()
    monkeypatch.setattr(compiled, "_programs", None)
    again = compiled.compiled(pattern, re.IGNORECASE)
    assert compiled._programs and (pattern, int(re.IGNORECASE)) in compiled._programs  # read from the cache
    assert again == first == re.compile(pattern, re.IGNORECASE)
    assert again.match("Anna SAGT: 10.").group("who") == "Anna"


def test_a_broken_cache_entry_is_rebuilt_not_trusted(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSCLEAN_CACHE", str(tmp_path))
    code = tmp_path / "builder.py"
    code.write_text("# version 1\n")
    assert cache.cached("demo", "key one", lambda: [1, 2], str(code)) == [1, 2]
    assert cache.cached("demo", "key one", lambda: pytest.fail("should come from the cache"), str(code)) == [1, 2]
    assert cache.cached("demo", "key two", lambda: [3], str(code)) == [3]
    code.write_text("# version 2\n")  # the code that builds it changed: built anew
    assert cache.cached("demo", "key one", lambda: [5], str(code)) == [5]
    for entry in tmp_path.glob("demo-*"):
        entry.write_bytes(b"\x00not marshal")
    assert cache.cached("demo", "key one", lambda: [4], str(code)) == [4]


def test_the_stopword_index_agrees_with_the_stoplists():
    index = stopword_index()
    if index is None:
        pytest.skip("justext is not installed: there are no stoplists")
    sets = {name: frozenset(path.read_text(encoding="utf-8").casefold().split())
            for name, path in ((p.stem, p) for p in sorted(_stoplist_dir().glob("*.txt")))}
    assert index.languages == list(sets)
    for word in ["the", "und", "les", "że", "zwischen", "sobre", "之", "qwertyuiop", "a"]:
        assert [index.languages[k] for k in index.holders(word)] == [n for n, s in sets.items() if word in s]
    assert stoplist("English") == sets["English"]
    assert StopwordIndex.build(_stoplist_dir()).parts() == index.parts()


def test_every_stoplist_word_is_found_in_its_block_of_the_index_and_no_other_word():
    index = stopword_index()
    if index is None:
        pytest.skip("justext is not installed: there are no stoplists")
    sets = [frozenset(path.read_text(encoding="utf-8").casefold().split())
            for path in sorted(_stoplist_dir().glob("*.txt"))]
    every = sorted(frozenset().union(*sets))
    assert len(every) > 10 * INDEX_BLOCK
    edges = {k + d for k in range(0, len(every), INDEX_BLOCK) for d in (-1, 0, 1)} & set(range(len(every)))
    for word in [every[k] for k in sorted(edges)] + every[::5]:  # each block's first and last rows, and more
        assert index.holders(word) == [k for k, s in enumerate(sets) if word in s]
    between = {w + "\x00" for w in every[::7]} | {w[:-1] for w in every[::7]} | {"", "\U0010ffff", "\x00"}
    assert not any(index.holders(word) for word in between - set(every))


def test_language_detection_picks_the_stoplist_that_covers_most_words():
    if stopword_index() is None:
        pytest.skip("justext is not installed: there are no stoplists")
    german = "Der Gemeinderat hat am Montag über die Zukunft des alten Bahnhofs beraten und nichts beschlossen."
    assert detect_language([german] * 3)[0] == "German"
    assert detect_language(["12 34 56"])[0] == ""  # no words a stoplist holds


def test_the_union_of_the_stoplists_read_back_from_the_cache_is_every_stoplist_word():
    from newsclean.core.text import all_stopwords

    if stopword_index() is None:
        pytest.skip("justext is not installed: there are no stoplists")
    every = frozenset().union(*(frozenset(path.read_text(encoding="utf-8").casefold().split())
                                for path in _stoplist_dir().glob("*.txt")))
    all_stopwords.cache_clear()  # read from the cache folder (the earlier tests filled it) or built
    assert all_stopwords() == stopword_index().words() == every
    assert type(all_stopwords()) is frozenset


@pytest.mark.parametrize("counts", [
    {}, {"a": 1}, {"the": 3, "und": 3, "a": 1, "b": 2, "c": 2, "d": 2, "e": 1},  # ties keep the order first seen
    {f"w{k}": k % 5 for k in range(60)}, {f"w{k}": 1 for k in range(40)}, {f"w{k}": 100 - k for k in range(30)},
])
def test_the_commonest_words_are_counters_most_common(counts):
    from collections import Counter

    from newsclean.core.text import commonest

    for n in (1, 3, 25):
        assert list(commonest(counts, n).items()) == Counter(counts).most_common(n)


def test_a_plain_clean_imports_nothing_heavy():
    code = ("import io, sys\nfrom newsclean.cli import main\n"
            "sys.stdin = io.TextIOWrapper(io.BytesIO('Ein Satz über den Gemeinderat.\\n'.encode()))\n"
            "try:\n    main(['clean'])\nexcept SystemExit:\n    pass\n"
            "heavy = ['rich', 'trafilatura', 'lxml', 'newsclean.runners.batch', 'newsclean.report.render',"
            " 'newsclean.report.progress',"
            " 'importlib.metadata', 'concurrent.futures', 'newsclean.cli.batch', 'newsclean.cli.corpus', 'hashlib',"
            " 'json', 'tempfile', 'difflib', 'html.entities',"
            " 'click', 'newsclean.cli.group', 'newsclean.cli.options', 'dataclasses', 'inspect', 'datetime']\n"
            "print(' '.join(m for m in heavy if m in sys.modules), file=sys.stderr)\n")
    for _ in range(2):  # the first run may fill the cache folder (the plug-ins' entry points)
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout == "Ein Satz über den Gemeinderat.\n"
    assert proc.stderr.strip() == ""



def test_without_pyahocorasick_every_rule_runs_and_the_output_is_the_same(monkeypatch):
    """The scan only saves work: with every rule possible on every line, every filter's gates open
    (the rules' bits, the digit bit), and every verdict is the same."""
    import newsclean
    from newsclean.rules import matcher as matcher_module

    tests = Path(__file__).resolve().parent
    paths = [*sorted(SAMPLES.glob("*.txt")), *sorted(SAMPLES.glob("*.md")), *sorted((tests / "comments").glob("*.txt")),
             *sorted((tests / "body_first").glob("*.txt"))]
    texts = [path.read_text(encoding="utf-8") for path in paths]
    expected = [newsclean.clean(text).verdicts for text in texts]
    monkeypatch.setitem(sys.modules, "ahocorasick", None)  # import ahocorasick now fails
    monkeypatch.setattr(matcher_module.native, "KERNEL", None)  # nor is the kernel's automaton there
    matcher_module.matcher.cache_clear()
    try:
        fallback = matcher_module.matcher()
        assert fallback.automaton is None and fallback.scan("anything") == fallback.everything
        for path, text, verdicts in zip(paths, texts, expected, strict=True):
            assert newsclean.clean(text).verdicts == verdicts, path.name
    finally:
        matcher_module.matcher.cache_clear()
