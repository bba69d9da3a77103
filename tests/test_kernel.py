"""The judge's native kernel (``newsclean/judge/_kernel.pyx``) against the Python path it replaces:
the same float for every line, bit for bit (each line's words; both passes over whole documents).
Skipped where the kernel is not built."""

from __future__ import annotations

import math
import random
import struct
import unicodedata
from pathlib import Path

import pytest

from newsclean.judge import model
from newsclean.judge.model import MAX_WORDS, load_model

ROOT = Path(__file__).resolve().parent.parent

LINES = [
    "", " ", "\t\u3000 ", "Hello World", "  Read more  ", "Photo: Getty Images", "— Photo: Getty Images",
    "Sign up for our newsletter!", "Über den Wolken muß die Freiheit wohl grenzenlos sein.", "ÄÖÜ äöü ß ẞ",
    "Café naïve résumé", "e\u0301te\u0301 cafe\u0301", "दिल्ली में 12 लोग मारे गए।", "नमस्ते दुनिया",
    "北京欢迎你！今天是2024年", "爱 逝去的爱 讨不回来", "東京タワー 123", "한국어 문장입니다",
    "mixed 北京 text with more latin words",
    "don't stop-it now’s", "rock'n'roll - a-b-c", "a-", "-a", "a'-b", "'quoted'", "’tis", "x - y", "a--b",
    "ΟΔΟΣ ΣΟΦΟΣ ΣΑΣ", "İstanbul IŞIK", "١٢٣ abc ٤٥ ۱۲", "२०२४ में", "_foo_ bar_", "foo_bar", "x\udcffy", "\udcff",
    "ﬁne Straße ǅemal", "ⅷ ½ ² ³x", "1,234.56 USD", "Tel. 030/1234567", "https://example.com/a-b?c=1",
    "مرحبا بالعالم ١٢", "שָׁלוֹם עוֹלָם", "ไทย ภาษา", "Ελληνικά κείμενα.", "Русский текст, 2024 год.",
    "  leading and trailing  ", "…", "»Zitat«", "a", "1", "_", "🙂 emoji 🙂", "\x00\x1f", "\u200b zero width \u200b",
    " ".join(f"word{k}" for k in range(100)), "字" * 120, "a" * 1000,
]
ENCODABLE = [line for line in LINES if "\udcff" not in line]


def _random_lines(count: int) -> list[str]:
    """Lines drawn from every script and class the rules tell apart."""
    pool = ("abcXYZ019 '’-_.,!?:;()\t" "äöüßÉ" "\u0301\u0308\u0900\u0915\u093f\u094d\u0966\u0967" "北京字한국カナ"
            "١٢٣۴" "αβΣς" "İIı" "½²ⅷ" "\u3000\u00a0" "🙂")
    rng = random.Random(20261206)
    return ["".join(rng.choice(pool) for _ in range(rng.randint(0, 80))) for _ in range(count)]


@pytest.fixture(scope="module")
def kernel():
    if model.KERNEL is None:
        pytest.skip("the native kernel is not built (no C compiler or Cython, NEWSCLEAN_PURE=1 at build, "
                    "or NEWSCLEAN_NO_KERNEL=1): the judge runs its Python path")
    return model.KERNEL


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)


def _python(judge, line: str) -> float | type[UnicodeEncodeError]:
    try:
        return judge.word_score(line)
    except UnicodeEncodeError:
        return UnicodeEncodeError


def _native(judge, kernel, line: str) -> float | type[UnicodeEncodeError]:
    try:
        return kernel.word_scores([line], judge.sparse.keys, judge.sparse.values, judge.word_score)[0]
    except UnicodeEncodeError:
        return UnicodeEncodeError


@pytest.mark.parametrize("line", LINES + [unicodedata.normalize("NFD", line) for line in LINES])
def test_the_kernel_weighs_a_line_as_python_does(kernel, line):
    judge = load_model()
    expected, found = _python(judge, line), _native(judge, kernel, line)
    if isinstance(expected, float):
        assert isinstance(found, float) and _bits(found) == _bits(expected), (line, found, expected)
    else:
        assert found is expected


def test_the_kernel_weighs_random_lines_as_python_does(kernel):
    judge = load_model()
    lines = [line for line in _random_lines(3000) if _python(judge, line) is not UnicodeEncodeError]
    found = kernel.word_scores(lines, judge.sparse.keys, judge.sparse.values, judge.word_score)
    differing = [(line, a, judge.word_score(line)) for line, a in zip(lines, found, strict=True)
                 if _bits(a) != _bits(judge.word_score(line))]
    assert not differing, differing[:5]


def test_the_kernel_weighs_the_samples_as_python_does(kernel):
    judge = load_model()
    lines = [line for path in sorted((ROOT / "samples").glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines
    found = kernel.word_scores(lines, judge.sparse.keys, judge.sparse.values, judge.word_score)
    assert [_bits(x) for x in found] == [_bits(judge.word_score(line)) for line in lines]


def test_the_kernel_weighs_a_lines_known_words_as_it_weighs_the_line(kernel):
    """Given each line's words (``text.words`` of its stripped text, as ``Features.rows`` holds them),
    the kernel weighs the line as it does finding the words itself: scripts, marks, joiners, digits,
    CJK, more than MAX_WORDS words."""
    from newsclean.core.text import find_words

    judge = load_model()
    lines = [line for line in LINES + [unicodedata.normalize("NFD", line) for line in LINES] + _random_lines(3000)
             if _python(judge, line) is not UnicodeEncodeError]
    lines += [" ".join(f"w{k}" for k in range(MAX_WORDS + 5)), "  Über  ÄÖÜ-straße 12  "]
    words = [find_words(line.strip()) for line in lines]
    keys, values = judge.sparse.keys, judge.sparse.values
    found = kernel.word_scores(lines, keys, values, judge.word_score, words)
    assert [_bits(x) for x in found] == [_bits(x) for x in kernel.word_scores(lines, keys, values, judge.word_score)]
    with pytest.raises(ValueError):
        kernel.word_scores(lines, keys, values, judge.word_score, words[1:])


def test_the_kernel_hashes_as_hash_token_does(kernel):
    """A one-word line's tokens are w:, f:, l:, e: of one text: the kernel's CRC-32 and lookup meet
    ``hash_token`` and the sorted arrays on words the model knows."""
    judge = load_model()
    known = [word for word in ("the", "said", "photo", "newsletter", "getty", "der", "und", "le", "de")
             if judge.token_weights[f"w:{word}"]]
    assert known
    for word in known:
        tokens = model.word_tokens(word)
        expected = sum([judge.sparse.get(model.hash_token(t)) for t in tokens], 0.0) / math.sqrt(len(tokens))
        assert _bits(kernel.word_scores([word], judge.sparse.keys, judge.sparse.values, None)[0]) == _bits(expected)


def _word_in_bucket(bucket: int) -> str:
    """A word of letters whose "w:" token hashes into ``bucket`` of the kernel's 2**16 (by the top bits)."""
    shift = max(model.HASH_BITS - 16, 0)
    for n in range(1, 1 << 22):
        word = ""
        while n:
            n, letter = divmod(n - 1, 26)
            word = chr(ord("a") + letter) + word
        if model.hash_token(f"w:{word}") >> shift == bucket:
            return word
    raise AssertionError(f"no word hashes into bucket {bucket}")


def test_the_kernel_looks_tokens_up_in_any_sorted_keys_as_bisection_does(kernel):
    """The kernel finds a token's key within the keys that share its top bits: keys in the first and
    the last bucket, many in one bucket, none, and another array after the first (its table made anew)."""
    from array import array

    edges = [_word_in_bucket(0), _word_in_bucket((1 << min(model.HASH_BITS, 16)) - 1)]
    lines = ["Sign up for our newsletter!", "Photo: Getty Images", "Über den Wolken 12", "北京欢迎你", "a b c d e f",
             *edges, " ".join(edges)]
    tokens = sorted({model.hash_token(t) for line in lines for t in model.word_tokens(line)})
    crowded = [tokens[0] ^ k for k in range(1, 40)]  # the low bits changed: one bucket holds them all
    rng = random.Random(7)
    for chosen in (tokens, tokens[::2], [*tokens, *crowded], [], tokens[1::3]):
        keys = sorted(set(chosen))
        values = array("f", [rng.uniform(-2, 2) for _ in keys])
        weights = dict(zip(keys, values, strict=True))
        expected = []
        for line in lines:
            found = model.word_tokens(line)
            total = sum([weights.get(model.hash_token(t), 0.0) for t in found], 0.0)
            expected.append(total / math.sqrt(len(found)))
        scores = kernel.word_scores(lines, array("I", keys), values, None)
        assert [_bits(x) for x in scores] == [_bits(x) for x in expected]


def test_the_kernel_configured_again_weighs_as_before(kernel):
    """``configure`` again (as a second import would) leaves no table of the old keys in use."""
    judge = load_model()
    lines = ["Sign up for our newsletter!", "Über den Wolken muß die Freiheit wohl grenzenlos sein."]
    before = kernel.word_scores(lines, judge.sparse.keys, judge.sparse.values, judge.word_score)
    assert model._load_kernel() is kernel  # configured again
    assert kernel.word_scores(lines, judge.sparse.keys, judge.sparse.values, judge.word_score) == before
    with pytest.raises(ValueError):  # refused before anything changes
        kernel.configure([], [], "'", MAX_WORDS, 32)
    assert kernel.word_scores(lines, judge.sparse.keys, judge.sparse.values, judge.word_score) == before


def test_the_kernel_reads_no_more_than_max_words(kernel):
    judge = load_model()
    for line in (" ".join(f"w{k}" for k in range(MAX_WORDS + 5)), "字" * (MAX_WORDS + 5)):
        assert _bits(_native(judge, kernel, line)) == _bits(judge.word_score(line))


def test_the_judge_without_the_kernel_gives_the_same_probabilities(kernel, monkeypatch):
    from newsclean.judge.model import gather
    from newsclean.pipeline import Cleaner, prepare, propose, split_lines
    from newsclean.settings import Settings

    judge = load_model()
    text = (ROOT / "samples" / "en-tech-footer.txt").read_text(encoding="utf-8")
    doc, _ = prepare(split_lines(text)[0])
    propose(doc, Cleaner.from_settings(Settings.make(skip=["judge"])).filters)
    evidence = gather(doc)
    native = judge.probabilities(evidence, doc.from_html)
    monkeypatch.setattr(model, "KERNEL", None)
    assert [_bits(p) for p in judge.probabilities(evidence, doc.from_html)] == [_bits(p) for p in native]


def _documents() -> list[tuple[str, bytes]]:
    """Documents of every kind the judge reads: text in many languages and scripts, HTML pages (whose
    lines come in elements), Markdown, none, one line."""
    found = [(path.name, path.read_bytes()) for folder in ("samples", "tests/pages", "tests/body_first")
             for path in sorted((ROOT / folder).iterdir())]
    found += [("empty", b""), ("blank", b"\n \n"), ("one line", b"Photo: Getty Images\n"),
              ("one word", "北京".encode()), ("lines", "\n".join(ENCODABLE).encode()),
              ("random", "\n".join(_random_lines(300)).encode())]
    return found


@pytest.mark.parametrize(("name", "data"), _documents(), ids=[name for name, _ in _documents()])
def test_the_kernel_judges_documents_as_python_does(kernel, monkeypatch, name, data):
    """Every verdict and p(body) of a whole clean, with the kernel and with the Python path."""
    import newsclean
    from newsclean.inputs.sources import load

    def verdicts() -> list:
        source = load(data)
        result = newsclean.clean(source.text, from_html=source.is_html, page=source.page)
        return [(v.index, v.kept, v.drop, v.note, None if v.p_body is None else _bits(v.p_body))
                for v in result.verdicts]

    native = verdicts()
    monkeypatch.setattr(model, "KERNEL", None)
    assert verdicts() == native


def _evidence(rng: random.Random, n: int) -> model.Evidence:
    """Made-up evidence: features anywhere in their bins (or all 0: then a line's words and proposals
    weigh most), tokens the model weighs, words repeated, lines in elements."""
    from newsclean.judge.features import FEATURE_NAMES

    tokens = ["p:menus", "r:menus:menu", "pp:promo", "np:credits", model.LINKED, "ld:0", "t:li", "x:kept"]
    lines = [*ENCODABLE, "Photo: Photo: Photo:", "Read more Read more", "newsletter newsletter"]
    return model.Evidence(
        list(range(n)),
        [[0.0 if zero else rng.choice((0.0, 1.0, rng.random(), rng.random() * 0.99999)) for _ in FEATURE_NAMES]
         for zero in (rng.random() < 0.3 for _ in range(n))],
        [rng.choice(lines) for _ in range(n)],
        [tuple(rng.sample(tokens, rng.randint(0, 4))) for _ in range(n)],
        [rng.choice((-1, -1, 0, 1, 2, 7)) for _ in range(n)])


def test_the_kernel_judges_made_up_evidence_as_python_does(kernel, monkeypatch):
    """p(body) of every line, and what weighed most against each."""
    judge = load_model()
    rng = random.Random(34)
    for n in (0, 1, 2, 3, 5, 13, 60):
        for _ in range(10):
            evidence = _evidence(rng, n)
            for from_html in (False, True):
                native = (judge.probabilities(evidence, from_html),
                          [judge.strongest_against(evidence, k, from_html) for k in range(n)])
                monkeypatch.setattr(model, "KERNEL", None)
                python = (judge.probabilities(evidence, from_html),
                          [judge.strongest_against(evidence, k, from_html) for k in range(n)])
                monkeypatch.undo()
                assert [_bits(p) for p in native[0]] == [_bits(p) for p in python[0]]
                assert native[1] == python[1]


def test_a_feature_outside_its_bins_is_left_to_python(kernel, monkeypatch):
    """The Python path reads a bin a little below 0 as the first and fails past the table's end: the
    kernel gives way to it in both."""
    judge = load_model()
    evidence = _evidence(random.Random(1), 3)
    at = model._BINNED_AT[0]
    evidence.dense[1][at] = -0.05
    assert judge.native.probabilities(evidence.dense, judge.word_scores(evidence.lines), evidence.proposals,
                                      judge.token_weights, evidence.groups, False) is None
    found = judge.probabilities(evidence, False)
    monkeypatch.setattr(model, "KERNEL", None)
    assert found == judge.probabilities(evidence, False)
    monkeypatch.undo()
    evidence.dense[1][at] = 100.0
    with pytest.raises(IndexError):
        judge.probabilities(evidence, False)


def test_the_kernel_computes_every_feature_of_the_second_pass(kernel):
    """The kernel knows the second pass's features by name; a model naming one it does not know is
    judged in Python (and a new feature there wants its line in ``_kernel.pyx``'s COLUMNS)."""
    judge = load_model()
    assert judge.native is not None
    with pytest.raises(LookupError):
        kernel.Judge(judge.dense, judge.bins, model._BINNED_AT, model._SHARE_AT, 0, [*judge.context, 0.0],
                     [*model.CONTEXT_NAMES, "something_new"], judge.context_bins, model._CONTEXT_BINNED_AT,
                     judge.sparse.keys, judge.sparse.values, table_size=model.TABLE_SIZE, bin_count=model.BINS,
                     bin_nudge=model.BIN_NUDGE, extracted_share=model.EXTRACTED_BODY_SHARE, linked=model.LINKED,
                     confident=model.CONFIDENT, near=model.NEAR, wide=model.WIDE)


def test_the_kernel_weighs_with_the_models_own_weights(kernel, monkeypatch):
    """Another model's weights and tables (as a retrained model brings) give the same floats both ways."""
    judge = load_model()
    rng = random.Random(7)

    def shaken(tables: dict) -> dict:
        return {kind: [[w + rng.uniform(-1, 1) for w in table] for table in kind_tables]
                for kind, kind_tables in tables.items()}

    other = model.Model("test", judge.filters, [w * rng.uniform(-2, 2) for w in judge.dense], judge.sparse,
                        [w * rng.uniform(-2, 2) for w in judge.context], shaken(judge.bins), shaken(judge.context_bins))
    assert other.native is not None
    evidence = _evidence(rng, 40)
    native = other.probabilities(evidence, False)
    monkeypatch.setattr(model, "KERNEL", None)
    assert [_bits(p) for p in other.probabilities(evidence, False)] == [_bits(p) for p in native]
    assert native != judge.probabilities(evidence, False)


def test_the_kernel_names_what_weighs_most_as_python_does(kernel, monkeypatch):
    """With features that weigh nothing, a line's words and proposals weigh most against it, words
    repeated weigh alike (ties), and a line with nothing against it blames its neighbours."""
    judge = load_model()

    def zeroed(tables: dict) -> dict:
        return {kind: [[0.0] * len(table) for table in kind_tables] for kind, kind_tables in tables.items()}

    words_only = model.Model("test", judge.filters, [0.0] * len(judge.dense), judge.sparse, judge.context,
                             zeroed(judge.bins), judge.context_bins)
    evidence = _evidence(random.Random(5), 200)
    native = [words_only.strongest_against(evidence, k, False) for k in range(200)]
    monkeypatch.setattr(model, "KERNEL", None)
    assert native == [words_only.strongest_against(evidence, k, False) for k in range(200)]
    assert any(s.startswith("word ") for s in native) and "its neighbours" in native


def test_the_kernel_counts_characters_as_python_does(kernel):
    """Letters, capitals and digits (``features.character_counts``) and CJK characters (what
    ``text.is_cjk`` counts), in lines of every width of character."""
    from newsclean.core.text import CJK_RE
    from newsclean.judge.features import character_counts

    features = model.FEATURES
    lines = LINES + [unicodedata.normalize("NFD", line) for line in LINES] + _random_lines(3000)
    every = "".join(map(chr, range(0x110000)))  # every code point, surrogates too
    lines += [every, every[:128], every[:256], every[:0x10000]]  # the ASCII, one-byte, two-byte, four-byte paths
    assert ([features.measure(line)[3:] for line in lines]
            == [(character_counts(line), len(CJK_RE.findall(line))) for line in lines])


def test_the_kernel_measures_title_case_as_python_does(kernel):
    from newsclean.core.text import find_words, title_case_share

    lines = (LINES + [unicodedata.normalize("NFD", line) for line in LINES] + _random_lines(3000)
             + ["The Quick Brown Fox", "Élan Vital Über Ärger", "ǅemal Ǆamija", "Rock'n'Roll Hall-of-Fame",
                "İstanbul Şehir", "e\u0301te\u0301 E\u0301TE\u0301 Étés", "1234 Abcd _Abcd A_bcd"])
    assert [kernel.title_case_share(find_words(line)) for line in lines] == [title_case_share(line) for line in lines]


def _link_lines(count: int) -> list[str]:
    """Lines made of what links, mail addresses, breadcrumbs, table cells and sentence ends are made of."""
    pool = ["a", "x1", "_", ".", "@", " ", "  ", "\t", "|", "/", "›", "»", ">", "\u00a0", ":", "!", "。", "”",
            "www.", "http://", "https://", "com", "de", "org", "it", "cOm", "é", "字", "٣"]
    rng = random.Random(20261207)
    return ["".join(rng.choice(pool) for _ in range(rng.randint(0, 20))).strip() for _ in range(count)]


def test_the_kernel_measures_lines_as_python_does(kernel):
    """A line's end, its links and mail addresses, and its table cells, as ``features`` finds them."""
    from newsclean.core.text import ends_sentence
    from newsclean.judge.features import CELL_GAP, MAX_COLUMNS, has_mail_address, link_like

    lines = [line.strip() for line in LINES + [unicodedata.normalize("NFD", line) for line in LINES]]
    lines += [
        *_link_lines(20000), "see example.com", "example.com.", "x.community", "x.de-y", "x.de_y", "_.it", ".com",
        "a@b.c", "@a.bc",
        "a@.b", "a@b.", "@@a.b", "a@@b.c", "mail a@b .c", "Home › News", "Home ›News", "A | B | C", "a  b",
        "a  \tb", "a   ", "|  x", "a\u00a0 b", "x  y  z  w  v  u  t",
    ]
    features = model.FEATURES
    assert features is not None
    assert [features.measure(line)[:3] for line in lines] == [
        (ends_sentence(line), link_like(line) or has_mail_address(line),
         min(len(CELL_GAP.findall(line)), MAX_COLUMNS)) for line in lines]


@pytest.mark.parametrize(("name", "data"), _documents(), ids=[name for name, _ in _documents()])
def test_the_kernel_builds_the_features_as_python_does(kernel, name, data):
    """Every feature of every line of a document, the same float both ways."""
    from newsclean.inputs.sources import load
    from newsclean.judge.features import document_features
    from newsclean.pipeline import Cleaner, prepare, propose, split_lines
    from newsclean.settings import Settings

    source = load(data)
    doc, _ = prepare(split_lines(source.text)[0], from_html=source.is_html, page=source.page)
    propose(doc, Cleaner.from_settings(Settings.make(skip=["judge"])).filters)
    native, python = (document_features(doc, doc.nonblank, features) for features in (model.FEATURES, None))
    assert [[(type(x), _bits(x)) for x in row] for row in native] == [[(type(x), _bits(x)) for x in row]
                                                                       for row in python]


def test_the_kernels_rows_hold_the_floats_they_are_given(kernel):
    """``Rows``, the rows as C doubles that ``Features.rows`` makes and the passes read: made from lists
    they give the same floats back, bit for bit, row by row, and refuse rows of unequal width."""
    rng = random.Random(16)
    lists = [[rng.choice((0.0, -0.0, 1.0, rng.random(), 1e-300, float("inf"))) for _ in range(7)] for _ in range(9)]
    rows = kernel.Rows(lists)
    assert len(rows) == 9 and len(kernel.Rows()) == 0 and list(kernel.Rows()) == []
    assert [[_bits(x) for x in row] for row in rows] == [[_bits(x) for x in row] for row in lists]
    assert rows[-1] == lists[-1]
    with pytest.raises(IndexError):
        rows[9]
    with pytest.raises(ValueError):
        kernel.Rows([[1.0, 2.0], [1.0]])


def test_the_kernel_computes_every_feature_of_the_first_pass(kernel):
    """The kernel knows the first pass's features by name; one it does not know leaves the features to
    Python (and a new feature there wants its line in ``_kernel.pyx``'s LINE_FEATURES)."""
    from newsclean.judge import features

    assert model.FEATURES is not None
    with pytest.raises(LookupError):
        kernel.Features(("something_new", *features.FEATURE_NAMES), features.SCALED_AT, (".",), (), "",
                        short_words=1, long_words=1, max_distance=1, window=1, max_columns=1, min_stem_chars=1,
                        stem_chars=1, word_count=None, stems=None, stopword_density=None)


def _union_of_hits(table: list[tuple[str, int]], text: str) -> int:
    """What the matcher's pyahocorasick automaton says of a folded line: the union of its hits."""
    ahocorasick = pytest.importorskip("ahocorasick")
    automaton = ahocorasick.Automaton()
    for literal, mask in table:
        automaton.add_word(literal, mask)
    if not len(automaton):
        return 0
    automaton.make_automaton()
    found = 0
    for _, mask in automaton.iter(text):
        found |= mask
    return found


def test_the_kernels_automaton_finds_the_literals_pyahocorasick_finds(kernel):
    """Literals inside others and overlapping (the failure links), masks past 64 bits, scripts."""
    rng = random.Random(11)
    alphabet = "ab ehirs北京字é"
    literals = ["he", "she", "his", "hers", "a", "aa", "aaa", "ab ab", " ", "北京", "京字", "é", "", *(
        "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))) for _ in range(200))]
    table = sorted({literal: 1 << rng.randrange(130) for literal in literals}.items())
    automaton = kernel.Automaton(table, 130)
    texts = ["", "ushers", "aaaa", "ab ab ab", "北京字",
             *("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000))]
    texts = [" ".join(text.split()) for text in texts]  # as folded: single spaces, none at the ends
    assert [automaton.hits(text) for text in texts] == [_union_of_hits(table, text) for text in texts]
    with pytest.raises(ValueError):
        kernel.Automaton([("x", 1 << 64)], 64)


def test_the_kernels_automaton_folds_a_line_as_scan_form_does(kernel):
    """A raw line scanned natively finds what pyahocorasick finds in ``scan_form`` of it: capitals of
    every script lower-cased, the final sigma, whitespace runs; an unfolded character means every rule."""
    from newsclean.rules.matcher import UNFOLDED, UNFOLDED_CHARACTERS, scan_form

    literals = ["новости", "écrire", "σας", "ος σ", "straße", "kg", "ǆe", "ab c", "ω"]
    table = sorted((literal, 1 << k) for k, literal in enumerate(literals))
    automaton = kernel.Automaton(table, len(literals), UNFOLDED_CHARACTERS)
    rng = random.Random(14)
    pool = ["НОВОСТИ", "Новости", "ÉCRIRE", "écrire", "ΣΑΣ", "ΣΑΣ ", "ΟΣ Σ", "Σ", "STRAẞE", "Straße", "\u212aG", "Kg",
            "ǅE", "ǄE", "AB", " ", "  \t", "C", "Ω", "\u2126", "İ", "ı", "x"]
    lines = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 8))) for _ in range(5000)]
    everything = (1 << len(literals)) - 1
    expected = [everything if UNFOLDED.search(line) else _union_of_hits(table, scan_form(line)) for line in lines]
    assert [automaton.scan(line, 0, everything) for line in lines] == expected
    found = automaton.scan("НОВОСТИ ΟΔΟΣ ΣΑΣ", 0, everything)  # "новости οδος σας"
    assert found == sum(1 << literals.index(literal) for literal in ("новости", "σας", "ος σ"))


def test_the_rules_are_gated_as_pyahocorasick_gates_them(kernel):
    """Every line of the samples and made-up lines: the rules the native scan says can match, as the
    pyahocorasick automaton of the same literals says (the kernel folds the line itself: capitals of
    every script, the final sigma, the Kelvin sign, titlecase letters, full-width letters)."""
    from newsclean.rules.matcher import UNFOLDED, literal_table, matcher, scan_form

    gate = matcher()
    gate.scan("")
    assert gate.native is not None
    table, always = literal_table(gate.rules[:gate.built])
    rng = random.Random(12)
    pool = ["  ", " ", "\t", "\x1c", "Share", "SHARE this", "news", "Letter", "©", "(C)", "\u3000", "İ", "北京", "é",
            "É", "ÉCRIRE", "Ü", "Σ", "ΟΔΟΣ", "Σας", "ς", "НОВОСТИ", "ẞ", "\u212a", "Ω", "ǅ", "ＡＢ"]
    lines = [line for path in sorted((ROOT / "samples").glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    lines += ENCODABLE + ["".join(rng.choice(pool) for _ in range(rng.randint(0, 12))) for _ in range(2000)]
    expected = [gate.everything if UNFOLDED.search(line) else always | _union_of_hits(table, scan_form(line))
                for line in lines]
    assert [gate.scan(line) for line in lines] == expected


def test_the_kernel_folds_shapes_as_python_does(kernel):
    """A line's words and numbers folded away (``article.fold_shape``): letters, digits of every
    script, words one space apart or more, underscores, marks."""
    from newsclean.core.article import fold_shape

    rng = random.Random(13)
    pool = ["a", "Bc", "1", "23", "٣", "²", "_", " ", "  ", "\\t", ".", ",", "–", "@", "\\u0301", "字", "é", "ß", "½"]
    lines = LINES + [unicodedata.normalize("NFD", line) for line in LINES] + _random_lines(3000) + [
        "".join(rng.choice(pool) for _ in range(rng.randint(0, 16))) for _ in range(20000)]
    assert [kernel.fold_shape(line) for line in lines] == [fold_shape(line) for line in lines]


def test_the_kernel_finds_words_as_python_does(kernel):
    """``text.words``: joiners, combining marks, scripts, underscores, digits."""
    from newsclean.core.text import find_words

    lines = LINES + [unicodedata.normalize("NFD", line) for line in LINES] + _random_lines(5000) + _link_lines(5000)
    assert [kernel.words(line) for line in lines] == [find_words(line) for line in lines]


def test_the_kernel_counts_cjk_characters_as_python_does(kernel):
    """``text.cjk_count``: the CJK ranges' characters, in lines of every script and at the ranges' edges."""
    from newsclean.core.text import CJK_RE

    edges = "".join(chr(c) for lo, hi in ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF))
                    for c in (lo - 1, lo, hi, hi + 1))
    lines = LINES + _random_lines(5000) + _link_lines(2000) + [edges, edges * 3 + "abc", "日本語のテキスト", "한국어"]
    assert [kernel.cjk_count(line) for line in lines] == [len(CJK_RE.findall(line)) for line in lines]
    assert kernel.cjk_count(edges) == 8


def test_the_kernel_counts_stopwords_as_python_does(kernel):
    """``text.count_stopwords``: lower-casing of ASCII and other scripts (Σ, İ, ß), words already lower."""
    from newsclean.core.text import count_stopwords, find_words, stoplist

    stopwords = stoplist("English") | stoplist("German") | {"σας", "i̇stanbul", "straße"}
    lines = LINES + _random_lines(3000) + ["The AND and And über ÜBER Über", "ΣΑΣ σας İSTANBUL STRASSE Straße"]
    found = [find_words(line) for line in lines]
    assert [kernel.stopword_count(words, stopwords) for words in found] == [
        count_stopwords(words, stopwords) for words in found]
    assert kernel.stopword_count(("The", "AND", "and", "dog", "ÜBER", "σας", "ΣΑΣ"), stopwords) == 6


def test_the_kernel_counts_shared_stems_as_python_does(kernel):
    """``article.shared_stems``: stems held by the body, and for a body line held by another body line."""
    from collections import Counter

    from newsclean.core.article import shared_stems

    rng = random.Random(15)
    pool = ["haus", "stadt", "polit", "regie", "wahl", "zeit", "bürge", "λόγος", "北京"]
    vocabulary = Counter({stem: rng.randint(1, 3) for stem in pool[:6]})
    lines = [frozenset(rng.sample(pool, rng.randint(0, len(pool)))) for _ in range(2000)]
    for is_body in (False, True):
        assert [kernel.shared_stems(own, vocabulary, is_body) for own in lines] == [
            shared_stems(own, vocabulary, is_body) for own in lines]
    assert kernel.shared_stems(frozenset(["haus", "λόγος"]), {"haus": 1}, False) == 1
    assert kernel.shared_stems(frozenset(["haus", "λόγος"]), {"haus": 1}, True) == 0


def test_the_kernel_counts_casefolded_words_as_python_does(kernel):
    """``text.casefolded_counts``: casefolding of every script (ß, ﬁ, Σ), words already lower case, the
    order words are first seen in."""
    from newsclean.core.text import casefolded_counts, find_words

    lines = [find_words(line) for line in LINES + _random_lines(3000)] + [("The", "the", "THE", "Straße", "STRASSE",
                                                                            "ﬁx", "FIX", "ΣΑΣ", "σας")]
    for k in range(0, len(lines), 50):
        native = kernel.casefolded_counts(lines[k:k + 50])
        assert list(native.items()) == list(casefolded_counts(lines[k:k + 50]).items())
    assert kernel.casefolded_counts(lines[-1:]) == {"the": 3, "strasse": 2, "fix": 2, "σασ": 2}


def test_the_kernel_stems_words_as_python_does(kernel):
    """``article.stems`` of a line's words: casefolding (ß, ﬁ, Σ), stopwords, digits of every script,
    short words, long ones cut."""
    from newsclean.core.article import MIN_STEM_CHARS, STEM_CHARS, word_stems
    from newsclean.core.text import find_words, stoplist

    stopwords = stoplist("English") | {"über", "straße"}
    lines = LINES + [unicodedata.normalize("NFD", line) for line in LINES] + _random_lines(5000) + [
        "The Quick Brown Foxes Jumped", "Über STRASSE Straße ﬁnancial ΣΟΦΟΣ", "1234 ١٢٣٤ 12a3 abc", "THE About"]
    for line in lines:
        found = find_words(line)
        assert (kernel.stems(found, stopwords, MIN_STEM_CHARS, STEM_CHARS)
                == word_stems(found, stopwords, MIN_STEM_CHARS, STEM_CHARS)), line


def test_the_kernel_keys_lines_for_site_counts_as_python_does(kernel):
    """``sites.hashing.line_key``: casefolding (ß, ﬁ, Σ, İ), digits of every script as 0 (not ½ or ²),
    "_" kept, every other character (marks, lone surrogates, NBSP, \\x1c) between words; then every
    code point there is, a thousand to a line."""
    from newsclean.sites.hashing import line_key

    every = "".join(chr(c) for c in range(0x110000))
    lines = LINES + _random_lines(5000) + ["Straße STRASSE ﬁx ΣΑΣ İstanbul", "a\x1cb\u00a0c_d ١٢٣ ½²", "...", "_"] + [
        every[k:k + 1000] for k in range(0, len(every), 1000)]
    assert [kernel.site_key(line) for line in lines] == [line_key(line).encode("utf-8") or None
                                                         for line in lines]
    assert kernel.site_key("Don't STOP: 1,234 ١٢ ½!") == b"don t stop 0 000 00 \xc2\xbd"
    assert kernel.site_key(" -- ") is None


def test_the_kernel_finds_the_control_characters_a_page_repair_removes_as_python_does(kernel):
    """``inputs.extraction.CONTROL_CHARS``: every code point alone, after text of each width (the
    kernel reads Latin-1, UCS-2 and UCS-4 strings), and none in a page of ordinary text."""
    from newsclean.inputs.extraction import CONTROL_CHARS

    for prefix in ("", "é", "€", "😀"):
        for c in (*range(0x300), *range(0xFFF0, 0x10000), 0x10FFFF):
            text = f"{prefix}<p>{chr(c)}</p>"
            assert kernel.has_control_character(text) == any(char in text for char in CONTROL_CHARS), (prefix, c)
    assert not kernel.has_control_character("<html>\n\t<p>Plain text,\r\n über 1 €.</p></html>" * 1000)
    assert kernel.has_control_character("x" * 100_000 + "\x0c")
