"""Input bytes to text: which encoding, decided as a browser or a careful reader would.

- A byte-order mark wins; NUL bytes mean binary.
- UTF-8 with a few bad bytes (a stray Latin-1 byte pasted into a page) is UTF-8: the bad bytes
  are replaced by U+FFFD and counted, never allowed to turn the whole text into mojibake.
- Otherwise a legacy encoding: the code page in which the text's words read as stopwords of
  some language (``très``, not ``trčs``); else windows-1252 for mostly-ASCII text, and for other
  scripts charset_normalizer's guess.
- HTML's own declaration is read as browsers read it (WHATWG labels: ``iso-8859-1`` means
  windows-1252); an unknown label (``undefined``) is ignored.
"""

from __future__ import annotations

import codecs
import re

from ..core.text import is_stopword, words
from ..record import Frozen, set_field

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# The single-byte encodings of the languages the stoplists know, in order of preference on a tie.
LEGACY_CANDIDATES = ("cp1252", "cp1250", "iso-8859-2", "cp1257", "cp1254", "iso-8859-15", "cp1251", "koi8-r",
                     "cp1253", "cp1255", "cp1256")
# The WHATWG Encoding Standard's labels (the ones pages use), as Python codecs. A label outside
# this table is unknown to browsers too, and ignored.
WHATWG = {
    "utf-8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8 utf-16 utf-16le utf-16be",
    "cp1252": "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 "
              "iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252",
    "cp1250": "cp1250 windows-1250 x-cp1250", "cp1251": "cp1251 windows-1251 x-cp1251",
    "cp1253": "cp1253 windows-1253 x-cp1253", "cp1255": "cp1255 windows-1255 x-cp1255",
    "cp1256": "cp1256 windows-1256 x-cp1256", "cp1257": "cp1257 windows-1257 x-cp1257",
    "cp1258": "cp1258 windows-1258 x-cp1258",
    "cp1254": "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 latin5 "
              "windows-1254 x-cp1254",
    "iso-8859-2": "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2",
    "iso-8859-4": "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 l4 latin4",
    "iso-8859-5": "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5",
    "iso-8859-6": "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e "
                  "iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6",
    "iso-8859-7": "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 "
                  "iso_8859-7 sun_eu_greek",
    "iso-8859-8": "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 "
                  "iso_8859-8 visual iso-8859-8-i csiso88598i logical",
    "iso-8859-13": "iso-8859-13 iso8859-13 iso885913", "iso-8859-15": "csisolatin9 iso-8859-15 iso8859-15 "
                                                                        "iso885915 iso_8859-15 l9",
    "koi8-r": "cskoi8r koi koi8 koi8-r koi8_r", "koi8-u": "koi8-ru koi8-u",
    "cp866": "866 cp866 csibm866 ibm866", "mac-roman": "csmacintosh mac macintosh x-mac-roman",
    "cp874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "gb18030": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk gb18030",
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5", "euc-jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso2022-jp": "csiso2022jp iso-2022-jp",
    "cp932": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "cp949": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 "
             "windows-949",
}
LABELS = {label: codec for codec, labels in WHATWG.items() for label in labels.split()}
# More NUL bytes than one and this share of the input: binary. Fewer: a damaged text, the NULs dropped.
MAX_NUL_SHARE = 0.001
# UTF-16 without a byte-order mark: at least this share of every other byte is zero.
MIN_UTF16_ZERO_SHARE = 0.4
# Text with no more bytes above ASCII than this share is in a Latin script when no stopword says otherwise.
MAX_HIGH_BYTE_SHARE = 0.3
# How much of the input is read in each candidate code page to weigh the evidence.
SAMPLE_BYTES = 65536
REPLACEMENT = "\ufffd"
# A lone surrogate: what Python keeps of a name's bytes that are not UTF-8, and what JSON's "\ud800"
# gives; no UTF-8 text can hold one as it is.
SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT_UTF8 = REPLACEMENT.encode()


class InputError(ValueError):
    """Input that cannot be cleaned: binary, undecodable, or too large."""


class Decoded(Frozen):
    """The text, the encoding it was read in, and how many bad bytes were replaced by U+FFFD."""

    __slots__ = _fields = ("text", "encoding", "replaced")
    text: str
    encoding: str
    replaced: int

    def __init__(self, text: str, encoding: str, replaced: int = 0) -> None:
        set_field(self, "text", text)
        set_field(self, "encoding", encoding)
        set_field(self, "replaced", replaced)


def encoding_of_label(label: str) -> str | None:
    """The Python codec a page's charset label means to a browser; None for an unknown label."""
    return LABELS.get(label.strip().strip("\"'").lower())


def check_encoding(name: str) -> str:
    """A user's --encoding, as the codec Python knows it by (a WHATWG label means what it means to
    a browser); a name neither knows is an InputError."""
    codec = encoding_of_label(name) or name
    try:
        return codecs.lookup(codec).name
    except LookupError:
        raise InputError(f"unknown encoding: {name}") from None


def decode(data: bytes, encoding: str | None = None) -> Decoded:
    """Text from bytes (see the module's docstring); ``encoding`` forces one, bad bytes replaced."""
    if encoding:
        codec = check_encoding(encoding)
        return _replacing(data, codec)
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                raise InputError(f"input starts with a {codec} byte-order mark but is not {codec}") from None
    nuls = data.count(0)
    if nuls:
        if (utf16 := _utf16_without_bom(data)) is not None:
            return utf16
        # A stray NUL or two (a damaged scrape) is dropped and counted; binary data is full of them.
        if nuls > 1 + MAX_NUL_SHARE * len(data):
            raise InputError("input looks binary (it contains NUL bytes), not text")
        data = data.replace(b"\x00", b"")
    decoded = _utf8(data) or _legacy(data)
    return Decoded(decoded.text, decoded.encoding, decoded.replaced + nuls) if nuls else decoded


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 text that lost its byte-order mark: every other byte zero (Latin-script text)."""
    if len(data) % 2 or len(data) < 4:
        return None
    even, odd = data[0::2], data[1::2]
    for codec, zeros, letters in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= MIN_UTF16_ZERO_SHARE * len(zeros) and letters.count(0) <= len(letters) // 100:
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                return None
    return None


def decode_declared(data: bytes, label: str) -> Decoded | None:
    """A page in the encoding it declares, as a browser reads it; None when the label is unknown
    or the bytes are plainly another encoding (a page of Latin-1 declaring UTF-8)."""
    codec = encoding_of_label(label)
    if codec is None:
        return None
    if codec == "utf-8":
        return _utf8(data)
    return _replacing(data, codec)


def _replacing(data: bytes, codec: str) -> Decoded:
    text = data.decode(codec, "replace")
    already = data.count(REPLACEMENT_UTF8) if codec.startswith("utf") else 0  # U+FFFD the input held
    return Decoded(text, codec, text.count(REPLACEMENT) - already)


def _utf8(data: bytes) -> Decoded | None:
    """UTF-8, unless the bad bytes outnumber the good multi-byte characters: then it is not UTF-8."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    decoded = _replacing(data, "utf-8")
    good = sum(1 for ch in decoded.text if ord(ch) > 0x7F) - decoded.text.count(REPLACEMENT)
    return decoded if good >= decoded.replaced else None


def _legacy(data: bytes) -> Decoded:
    """The single-byte encoding in which most words read as some language's stopwords; with no
    such evidence, windows-1252 (the web's default) for text that is mostly ASCII, and
    charset_normalizer's guess for other scripts (CJK)."""
    sample = data[:SAMPLE_BYTES]
    scores = [(_evidence(sample.decode(codec, "replace")), -k, codec) for k, codec in enumerate(LEGACY_CANDIDATES)]
    evidence, _, codec = max(scores)
    if evidence > 0:
        return _replacing(data, codec)
    if sum(b >= 0x80 for b in sample) <= MAX_HIGH_BYTE_SHARE * len(sample.strip()):
        return _replacing(data, LEGACY_CANDIDATES[0])
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot tell the text encoding of the input (it may be binary)")
    return Decoded(str(best), best.encoding)


def _evidence(text: str) -> int:
    """Words outside ASCII, as written (lower case), that are some language's stopwords (``für``,
    ``très``, ``się``, ``что``), less the characters no text holds (C1 controls, undefined bytes).
    A wrong code page turns stopwords into words of no language (``trčs``, ``siê``) or into the
    wrong case (Russian in KOI8-R read as windows-1251). One-letter words prove nothing."""
    hits = sum(1 for word in words(text) if len(word) > 1 and not word.isascii() and is_stopword(word))
    return hits - sum(1 for ch in text if "\x80" <= ch <= "\x9f" or ch == REPLACEMENT)
