# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The judge's per-line path in native code (optional: ``model`` runs its Python path without it).

``word_scores`` gives, for each of a document's lines, the part of the first pass that its own
words weigh: the tokens of ``model.word_tokens`` (words, lowercased, digits folded to 0; word
pairs; first and last word; the marks the line opens and ends with; CJK character pairs), hashed
as ``model.hash_token`` hashes them (CRC-32 of the UTF-8 text, masked), each looked up in the
model's sorted key and value arrays, and ``sum(weights) / sqrt(len(tokens))`` summed in the
Python path's order: the same float, bit for bit.

``model.word_tokens`` is the definition: this module is checked against it
(``tests/test_kernel.py``, ``benchmarks/identity.py``). What the rules are made of (the combining
marks, the CJK ranges, the joiners inside a word, MAX_WORDS, HASH_BITS) is not written here: the
Python side hands it over (``configure``), from the constants its own path reads.

Regular-expression semantics reproduced: ``[^\\W_]`` of a str pattern is ``Py_UNICODE_ISALNUM``
(sre's Unicode word character is alnum or "_"), ``\\d`` is ``Py_UNICODE_ISDECIMAL``; ``str.strip()``
strips ``Py_UNICODE_ISSPACE``; a word is lowercased by ``str.lower`` itself unless it is ASCII.
A line holding a lone surrogate (which UTF-8 cannot encode) is handed to the Python path.
"""

from libc.math cimport sqrt
from libc.stdint cimport uint32_t
from libc.stdlib cimport malloc, realloc, free

cdef extern from "Python.h":
    bint Py_UNICODE_ISALNUM(uint32_t ch) nogil
    bint Py_UNICODE_ISSPACE(uint32_t ch) nogil
    bint Py_UNICODE_ISDECIMAL(uint32_t ch) nogil
    uint32_t PyUnicode_READ(int kind, const void *data, Py_ssize_t index)
    int PyUnicode_KIND(object o)
    const void *PyUnicode_DATA(object o)
    Py_ssize_t PyUnicode_GET_LENGTH(object o)
    object PyUnicode_Substring(object s, Py_ssize_t start, Py_ssize_t end)


cdef enum:
    MAX_RANGES = 256

cdef extern from *:
    """
    #define NEWSCLEAN_CRC_START 0xFFFFFFFFu
    #define NEWSCLEAN_CRC_POLYNOMIAL 0xEDB88320u
    """
    const uint32_t CRC_START "NEWSCLEAN_CRC_START"
    const uint32_t CRC_POLYNOMIAL "NEWSCLEAN_CRC_POLYNOMIAL"

cdef uint32_t CRC_TABLE[256]
cdef bint ASCII_ALNUM[128]
# Configured from the Python side (``configure``).
cdef uint32_t MARK_RANGES[MAX_RANGES][2]
cdef int N_MARK_RANGES = 0
cdef uint32_t CJK_RANGES[MAX_RANGES][2]
cdef int N_CJK_RANGES = 0
cdef uint32_t JOINERS[8]
cdef int N_JOINERS = 0
cdef Py_ssize_t MAX_WORDS = 0
cdef uint32_t HASH_MASK = 0
cdef bint CONFIGURED = False

# The UTF-8 of a line's words (lowercased, digits folded) or CJK pairs, one after another.
cdef unsigned char *BUF = NULL
cdef Py_ssize_t BUF_SIZE = 0
cdef Py_ssize_t *STARTS = NULL  # MAX_WORDS + 1 offsets into BUF

# CRC-32 (zlib's: reflected, polynomial 0xEDB88320), as a running state that tokens extend.
cdef void _init_tables() noexcept:
    cdef uint32_t c
    cdef int n, k
    for n in range(256):
        c = n
        for k in range(8):
            c = (CRC_POLYNOMIAL ^ (c >> 1)) if (c & 1) else (c >> 1)
        CRC_TABLE[n] = c
    for n in range(128):
        ASCII_ALNUM[n] = (48 <= n <= 57) or (65 <= n <= 90) or (97 <= n <= 122)

_init_tables()


cdef inline uint32_t crc_bytes(uint32_t state, const unsigned char *data, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t k
    for k in range(n):
        state = CRC_TABLE[(state ^ data[k]) & 0xFF] ^ (state >> 8)
    return state


cdef inline uint32_t crc_byte(uint32_t state, unsigned char b) noexcept nogil:
    return CRC_TABLE[(state ^ b) & 0xFF] ^ (state >> 8)


cdef inline int utf8(uint32_t c, unsigned char *out) noexcept nogil:
    if c < 0x80:
        out[0] = <unsigned char>c
        return 1
    if c < 0x800:
        out[0] = <unsigned char>(0xC0 | (c >> 6))
        out[1] = <unsigned char>(0x80 | (c & 0x3F))
        return 2
    if c < 0x10000:
        out[0] = <unsigned char>(0xE0 | (c >> 12))
        out[1] = <unsigned char>(0x80 | ((c >> 6) & 0x3F))
        out[2] = <unsigned char>(0x80 | (c & 0x3F))
        return 3
    out[0] = <unsigned char>(0xF0 | (c >> 18))
    out[1] = <unsigned char>(0x80 | ((c >> 12) & 0x3F))
    out[2] = <unsigned char>(0x80 | ((c >> 6) & 0x3F))
    out[3] = <unsigned char>(0x80 | (c & 0x3F))
    return 4


cdef inline bint is_alnum(uint32_t c) noexcept nogil:
    if c < 128:
        return ASCII_ALNUM[c]
    return Py_UNICODE_ISALNUM(c)


cdef inline bint in_ranges(uint32_t c, uint32_t (*ranges)[2], int n) noexcept nogil:
    cdef int k
    for k in range(n):
        if ranges[k][0] <= c <= ranges[k][1]:
            return True
    return False


cdef inline bint is_joiner(uint32_t c) noexcept nogil:
    cdef int k
    for k in range(N_JOINERS):
        if JOINERS[k] == c:
            return True
    return False


cdef int _reserve(Py_ssize_t need) except -1:
    global BUF, BUF_SIZE
    cdef Py_ssize_t size
    cdef unsigned char *grown
    if need <= BUF_SIZE:
        return 0
    size = max(need, 2 * BUF_SIZE, 4096)
    grown = <unsigned char *>realloc(BUF, size)
    if grown == NULL:
        raise MemoryError()
    BUF, BUF_SIZE = grown, size
    return 0


def configure(marks, cjk, joiners, Py_ssize_t max_words, int hash_bits):
    """The rules' parts, from the Python path: ``marks`` and ``cjk`` as (first, last) code point
    pairs, ``joiners`` the characters that join two parts of a word."""
    global N_MARK_RANGES, N_CJK_RANGES, N_JOINERS, MAX_WORDS, HASH_MASK, STARTS, CONFIGURED
    if len(marks) > MAX_RANGES or len(cjk) > MAX_RANGES or len(joiners) > 8 or max_words < 1:
        raise ValueError("the kernel cannot hold these rules")
    for k, (lo, hi) in enumerate(marks):
        MARK_RANGES[k][0], MARK_RANGES[k][1] = lo, hi
    N_MARK_RANGES = len(marks)
    for k, (lo, hi) in enumerate(cjk):
        CJK_RANGES[k][0], CJK_RANGES[k][1] = lo, hi
    N_CJK_RANGES = len(cjk)
    for k, c in enumerate(joiners):
        JOINERS[k] = ord(c)
    N_JOINERS = len(joiners)
    free(STARTS)
    STARTS = <Py_ssize_t *>malloc((max_words + 1) * sizeof(Py_ssize_t))
    if STARTS == NULL:
        raise MemoryError()
    MAX_WORDS = max_words
    HASH_MASK = (<uint32_t>1 << hash_bits) - 1
    CONFIGURED = True


cdef const unsigned int *KEYS = NULL
cdef const float *VALUES = NULL
cdef Py_ssize_t N_KEYS = 0


cdef inline double weight_of(uint32_t state) noexcept nogil:
    """The weight of a token whose CRC-32 running state is ``state``: bisect_left in KEYS."""
    cdef uint32_t key = (state ^ CRC_START) & HASH_MASK
    cdef Py_ssize_t lo = 0, hi = N_KEYS, mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if KEYS[mid] < key:
            lo = mid + 1
        else:
            hi = mid
    if lo < N_KEYS and KEYS[lo] == key:
        return <double>VALUES[lo]
    return 0.0


cdef int _word(object line, Py_ssize_t start, Py_ssize_t end, bint ascii, Py_ssize_t *length) except -1:
    """Appends a word's UTF-8, lowercased and its decimal digits folded to 0, at BUF[length]."""
    cdef int kind
    cdef const void *data
    cdef Py_ssize_t k, n
    cdef uint32_t c
    cdef object lowered
    if ascii:
        _reserve(length[0] + (end - start))
        kind, data = PyUnicode_KIND(line), PyUnicode_DATA(line)
        for k in range(start, end):
            c = PyUnicode_READ(kind, data, k)
            if 65 <= c <= 90:
                c += 32
            elif 48 <= c <= 57:
                c = 48
            BUF[length[0]] = <unsigned char>c
            length[0] += 1
        return 0
    lowered = PyUnicode_Substring(line, start, end).lower()
    n = PyUnicode_GET_LENGTH(lowered)
    _reserve(length[0] + 4 * n)
    kind, data = PyUnicode_KIND(lowered), PyUnicode_DATA(lowered)
    for k in range(n):
        c = PyUnicode_READ(kind, data, k)
        if Py_UNICODE_ISDECIMAL(c):
            c = 48
        length[0] += utf8(c, BUF + length[0])
    return 0


cdef object _line_score(object line):
    """One line's word part of the first pass; None when the Python path must say (a surrogate)."""
    cdef int kind = PyUnicode_KIND(line)
    cdef const void *data = PyUnicode_DATA(line)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(line)
    cdef Py_ssize_t lo = 0, hi = n, i, start, cjk = 0, words = 0, length = 0, j, count
    cdef uint32_t c, top
    cdef bint has_mark = False, ascii
    cdef uint32_t state, pair
    cdef double total = 0.0
    cdef unsigned char mark[4]
    cdef uint32_t previous = 0
    while lo < hi and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, lo)):
        lo += 1
    while hi > lo and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, hi - 1)):
        hi -= 1
    if lo == hi:
        return 0.0  # no tokens: weighs nothing
    for i in range(lo, hi):
        c = PyUnicode_READ(kind, data, i)
        if c < 128:
            continue
        if 0xD800 <= c <= 0xDFFF:
            return None
        if in_ranges(c, CJK_RANGES, N_CJK_RANGES):
            cjk += 1
        if not has_mark and in_ranges(c, MARK_RANGES, N_MARK_RANGES):
            has_mark = True
    STARTS[0] = 0
    if cjk * 2 > hi - lo:
        # Pairs of consecutive alphanumeric characters (of the first MAX_WORDS), as they are.
        count = 0
        for i in range(lo, hi):
            c = PyUnicode_READ(kind, data, i)
            if not is_alnum(c):
                continue
            if count == MAX_WORDS:
                break
            if count:
                _reserve(length + 8)
                length += utf8(previous, BUF + length)
                length += utf8(c, BUF + length)
                words += 1
                STARTS[words] = length
            previous = c
            count += 1
    else:
        i = lo
        while i < hi and words < MAX_WORDS:
            c = PyUnicode_READ(kind, data, i)
            if not is_alnum(c):
                i += 1
                continue
            start = i
            top = c
            i += 1
            while True:
                while i < hi:
                    c = PyUnicode_READ(kind, data, i)
                    if is_alnum(c) or (has_mark and c >= 128 and in_ranges(c, MARK_RANGES, N_MARK_RANGES)):
                        top = max(top, c)
                        i += 1
                    else:
                        break
                if i + 1 < hi and is_joiner(c) and is_alnum(PyUnicode_READ(kind, data, i + 1)):
                    top = max(top, c)
                    top = max(top, PyUnicode_READ(kind, data, i + 1))
                    i += 2
                    continue
                break
            _word(line, start, i, top < 128, &length)
            words += 1
            STARTS[words] = length
    # The tokens, in word_tokens' order: w: each word, b: each pair, f: and l:, e:, s:.
    count = 0
    for j in range(words):
        state = crc_byte(crc_byte(CRC_START, 119), 58)  # "w:"
        state = crc_bytes(state, BUF + STARTS[j], STARTS[j + 1] - STARTS[j])
        total += weight_of(state)
        count += 1
    for j in range(1, words):
        state = crc_byte(crc_byte(CRC_START, 98), 58)  # "b:"
        state = crc_bytes(state, BUF + STARTS[j - 1], STARTS[j] - STARTS[j - 1])
        state = crc_byte(state, 32)
        state = crc_bytes(state, BUF + STARTS[j], STARTS[j + 1] - STARTS[j])
        total += weight_of(state)
        count += 1
    if words:
        state = crc_byte(crc_byte(CRC_START, 102), 58)  # "f:"
        state = crc_bytes(state, BUF, STARTS[1])
        total += weight_of(state)
        state = crc_byte(crc_byte(CRC_START, 108), 58)  # "l:"
        state = crc_bytes(state, BUF + STARTS[words - 1], STARTS[words] - STARTS[words - 1])
        total += weight_of(state)
        count += 2
    state = crc_byte(crc_byte(CRC_START, 101), 58)  # "e:"
    state = crc_bytes(state, mark, utf8(PyUnicode_READ(kind, data, hi - 1), mark))
    total += weight_of(state)
    count += 1
    c = PyUnicode_READ(kind, data, lo)
    if not is_alnum(c):
        state = crc_byte(crc_byte(CRC_START, 115), 58)  # "s:"
        state = crc_bytes(state, mark, utf8(c, mark))
        total += weight_of(state)
        count += 1
    return total / sqrt(<double>count)


def word_scores(list lines, keys, values, fallback):
    """For each line (a str): the sum of its word tokens' weights over the square root of their
    number, 0.0 for a line without tokens. ``keys`` (array "I", sorted) and ``values`` (array "f")
    are the model's hashed weights; ``fallback(line)`` answers for a line this cannot."""
    if not CONFIGURED:
        raise RuntimeError("the kernel is not configured")
    global KEYS, VALUES, N_KEYS
    cdef const unsigned int[::1] k = keys
    cdef const float[::1] v = values
    cdef list found = []
    cdef object line, score
    if k.shape[0] != v.shape[0]:
        raise ValueError("keys and values differ in length")
    KEYS, VALUES, N_KEYS = &k[0] if k.shape[0] else NULL, &v[0] if v.shape[0] else NULL, k.shape[0]
    for line in lines:
        if type(line) is not str:
            raise TypeError("lines must be str")
        score = _line_score(line)
        found.append(score if score is not None else fallback(line))
    return found
