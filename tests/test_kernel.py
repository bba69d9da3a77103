"""The judge's native kernel (``newsclean/judge/_kernel.pyx``) against the Python path it replaces:
the same float for every line, bit for bit. Skipped where the kernel is not built."""

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
