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

``Judge`` gives the rest of ``Model.probabilities``: the first pass's dense features times their
weights, the binned tables and the proposals' weights; the second pass's view of each line
(``model.context_features``) and its weights; the logistic function. Which features there are, in
which order, which are binned, and every weight and bin come from the loaded model (one ``Judge``
a model); of the second pass's features the kernel knows how to compute each by its name, and a
model naming one it does not know is judged by the Python path. A sum is what ``sum()`` of the
same floats gives on the running Python (compensated from 3.12), an expression is evaluated in
the Python code's order, and the build keeps the compiler from fusing a multiply and an add
(``-ffp-contract=off``, setup.py): the same floats, bit for bit. ``Judge.strongest`` finds what
weighs most against a line (``Model.strongest_against``, which names it).

``Features`` builds ``features.document_features``' rows from each line's text, its words and
shape (the Python side's memos), reading its characters once (one loop a character width) and
measuring from its words its title case, stopword density, stems and relatedness to the body
(``text.title_case_share``, ``text.stopword_density``, ``article.stems``, ``Article.relatedness``;
a body line's density and stems are the article's memos), each feature known by its name as the
second pass's are, into ``Rows``: C doubles that ``Judge`` reads where they are, with each line's
words, which it weighs without finding them again; ``Features.measure`` and
``title_case_share`` show what it measures of one line, for the tests. ``Automaton`` is the rules' literals in one
Aho-Corasick automaton (``rules.matcher``): the rules a line can match, in one walk over it.
``words``, ``stems`` and ``fold_shape`` are ``text.find_words``, ``article.word_stems`` and
``article.fold_shape``, each checked against that Python function, which ``text`` and ``article``
run where the kernel is not built; ``site_key`` is ``sites.hashing.line_key``, encoded, so checked.
"""

cimport cython
from libc.math cimport exp, fabs, isfinite, log1p, sqrt
from cpython.dict cimport PyDict_GetItemWithError
from cpython.object cimport PyObject
from libc.stdint cimport int32_t, uint8_t, uint16_t, uint32_t, uint64_t
from libc.stdlib cimport calloc, malloc, realloc, free

cdef extern from "Python.h":
    ctypedef unsigned char Py_UCS1
    bint Py_UNICODE_ISALNUM(uint32_t ch) nogil
    bint Py_UNICODE_ISALPHA(uint32_t ch) nogil
    bint Py_UNICODE_ISUPPER(uint32_t ch) nogil
    bint Py_UNICODE_ISSPACE(uint32_t ch) nogil
    bint Py_UNICODE_ISDECIMAL(uint32_t ch) nogil
    uint32_t Py_UNICODE_TOLOWER(uint32_t ch) nogil
    uint32_t PyUnicode_READ(int kind, const void *data, Py_ssize_t index)
    int PyUnicode_KIND(object o)
    const void *PyUnicode_DATA(object o)
    Py_ssize_t PyUnicode_GET_LENGTH(object o)
    object PyUnicode_Substring(object s, Py_ssize_t start, Py_ssize_t end)
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    str PyUnicode_New(Py_ssize_t size, uint32_t maxchar)
    bint PyUnicode_IS_ASCII(object o)
    Py_UCS1 *PyUnicode_1BYTE_DATA(object o)
    long PyLong_AsLong(PyObject *o) except? -1


cdef enum:
    MAX_RANGES = 256

cdef extern from *:
    """
    #define NEWSCLEAN_CRC_START 0xFFFFFFFFu
    #define NEWSCLEAN_CRC_POLYNOMIAL 0xEDB88320u
    """
    const uint32_t CRC_START "NEWSCLEAN_CRC_START"
    const uint32_t CRC_POLYNOMIAL "NEWSCLEAN_CRC_POLYNOMIAL"

cdef extern from *:
    """
    #define NEWSCLEAN_COMPENSATED_SUM (PY_VERSION_HEX >= 0x030C0000)
    """
    const bint COMPENSATED_SUM "NEWSCLEAN_COMPENSATED_SUM"


cdef struct Sum:
    double hi
    double lo


cdef inline void add(Sum *total, double x) noexcept nogil:
    """``sum(floats, 0.0)`` a float at a time, as the running CPython's ``sum`` adds: from 3.12 with
    Neumaier's compensation, before it plainly."""
    cdef double t
    if not COMPENSATED_SUM:
        total.hi += x
        return
    t = total.hi + x
    if fabs(total.hi) >= fabs(x):
        total.lo += (total.hi - t) + x
    else:
        total.lo += (x - t) + total.hi
    total.hi = t


cdef inline double value(Sum *total) noexcept nogil:
    if COMPENSATED_SUM and total.lo != 0.0 and isfinite(total.lo):
        return total.hi + total.lo
    return total.hi

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
# The keys are hashes, spread evenly: a table of where each run of keys sharing their top
# BUCKET_BITS bits (all of them, below that many) begins leaves a lookup a bisection of two or three
# keys, not of all 157,000 (made in one pass over the keys when they are first used, a few hundred
# microseconds).
cdef enum:
    BUCKET_BITS = 16
cdef Py_ssize_t *BUCKETS = NULL  # BUCKETS[b]: the index of the first key whose top bits are b or more (N_BUCKETS + 1)
cdef Py_ssize_t N_BUCKETS = 0
cdef int BUCKET_SHIFT = 0
cdef list HELD = [None, None]  # the keys and values in use (``use_weights``), and their buffers:
cdef const unsigned int[::1] HELD_KEYS
cdef const float[::1] HELD_VALUES

# The UTF-8 of a line's words (lowercased, digits folded) or CJK pairs, one after another.
cdef unsigned char *BUF = NULL
cdef Py_ssize_t BUF_SIZE = 0
cdef Py_ssize_t *STARTS = NULL  # MAX_WORDS + 1 offsets into BUF
cdef double *TOKEN_WEIGHTS = NULL  # the weight of each token of the last line weighed, in word_tokens' order

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
    global N_MARK_RANGES, N_CJK_RANGES, N_JOINERS, MAX_WORDS, HASH_MASK, STARTS, TOKEN_WEIGHTS, CONFIGURED
    global BUCKETS, N_BUCKETS, BUCKET_SHIFT, KEYS, VALUES, N_KEYS
    if len(marks) > MAX_RANGES or len(cjk) > MAX_RANGES or len(joiners) > 8 or max_words < 1:
        raise ValueError("the kernel cannot hold these rules")
    if not 1 <= hash_bits <= 31:
        raise ValueError("the kernel hashes to 1 to 31 bits")
    # Unconfigured until all is in place: a failure below leaves nothing half made in use.
    CONFIGURED = False
    HELD[:] = [None, None]  # the keys' table is made anew for the next keys used
    KEYS, VALUES, N_KEYS = NULL, NULL, 0
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
    free(TOKEN_WEIGHTS)
    free(BUCKETS)
    HASH_MASK = (<uint32_t>1 << hash_bits) - 1
    BUCKET_SHIFT = max(hash_bits - BUCKET_BITS, 0)
    N_BUCKETS = (<Py_ssize_t>HASH_MASK >> BUCKET_SHIFT) + 1
    STARTS = <Py_ssize_t *>malloc((max_words + 1) * sizeof(Py_ssize_t))
    TOKEN_WEIGHTS = <double *>malloc((2 * max_words + 3) * sizeof(double))  # w:, b:, f:, l:, e:, s:
    BUCKETS = <Py_ssize_t *>calloc(N_BUCKETS + 1, sizeof(Py_ssize_t))  # no key in any bucket yet
    if STARTS == NULL or TOKEN_WEIGHTS == NULL or BUCKETS == NULL:
        raise MemoryError()
    MAX_WORDS = max_words
    CONFIGURED = True


cdef const unsigned int *KEYS = NULL
cdef const float *VALUES = NULL
cdef Py_ssize_t N_KEYS = 0
cdef int use_weights(object keys, object values) except -1:
    """Looks tokens up in these sorted keys and their weights from now on. The arrays are held (so
    that they can neither go nor move while in use) and their bucket table made when they are not
    the pair in use already. Their contents must not change while they are held."""
    global HELD_KEYS, HELD_VALUES, KEYS, VALUES, N_KEYS
    cdef Py_ssize_t b, k = 0
    if keys is HELD[0] and values is HELD[1]:
        return 0
    cdef const unsigned int[::1] held_keys = keys
    cdef const float[::1] held_values = values
    if held_keys.shape[0] != held_values.shape[0]:
        raise ValueError("keys and values differ in length")
    HELD[:] = [keys, values]
    HELD_KEYS, HELD_VALUES = held_keys, held_values
    N_KEYS = held_keys.shape[0]
    KEYS = &held_keys[0] if N_KEYS else NULL
    VALUES = &held_values[0] if N_KEYS else NULL
    for b in range(N_BUCKETS + 1):
        while k < N_KEYS and (KEYS[k] >> BUCKET_SHIFT) < <uint32_t>b:
            k += 1
        BUCKETS[b] = k
    return 0


cdef inline double weight_of(uint32_t state) noexcept nogil:
    """The weight of a token whose CRC-32 running state is ``state``: bisect_left in KEYS, within
    the keys of its bucket."""
    cdef uint32_t key = (state ^ CRC_START) & HASH_MASK
    cdef Py_ssize_t lo = BUCKETS[key >> BUCKET_SHIFT], hi = BUCKETS[(key >> BUCKET_SHIFT) + 1], mid
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


cdef inline void _token(Sum *total, uint32_t state, Py_ssize_t *count) noexcept nogil:
    """A token's weight added to the line's, and kept in TOKEN_WEIGHTS."""
    cdef double weight = weight_of(state)
    TOKEN_WEIGHTS[count[0]] = weight
    add(total, weight)
    count[0] += 1


cdef Py_ssize_t _word_end(int kind, const void *data, Py_ssize_t i, Py_ssize_t hi, bint has_mark,
                          uint32_t *top) noexcept:
    """Where the word that begins at ``i`` (an alphanumeric character) ends, as WORD_RE (or, in a
    line with combining marks, MARKED_WORD_RE) finds it: alphanumerics (and marks) joined by single
    joiners. ``top``: the largest character in it."""
    cdef uint32_t c = PyUnicode_READ(kind, data, i)
    top[0] = c
    i += 1
    while True:
        while i < hi:
            c = PyUnicode_READ(kind, data, i)
            if is_alnum(c) or (has_mark and c >= 128 and in_ranges(c, MARK_RANGES, N_MARK_RANGES)):
                top[0] = max(top[0], c)
                i += 1
            else:
                break
        if i + 1 < hi and is_joiner(c) and is_alnum(PyUnicode_READ(kind, data, i + 1)):
            top[0] = max(top[0], c)
            top[0] = max(top[0], PyUnicode_READ(kind, data, i + 1))
            i += 2
            continue
        return i


cdef object _line_score(object line, object found_words, Py_ssize_t *tokens):
    """One line's word part of the first pass, its number of tokens in ``tokens`` (their weights in
    TOKEN_WEIGHTS); None when the Python path must say (a surrogate). ``found_words``: the words of
    the stripped line (``text.words``) where they are known, else None: found here."""
    cdef int kind = PyUnicode_KIND(line)
    cdef const void *data = PyUnicode_DATA(line)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(line)
    cdef Py_ssize_t lo = 0, hi = n, i, start, cjk = 0, words = 0, length = 0, j, count
    cdef uint32_t c, top
    cdef bint has_mark = False, ascii
    cdef uint32_t state, pair
    cdef Sum total = Sum(0.0, 0.0)
    cdef unsigned char mark[4]
    cdef uint32_t previous = 0
    cdef object word
    while lo < hi and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, lo)):
        lo += 1
    while hi > lo and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, hi - 1)):
        hi -= 1
    tokens[0] = 0
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
    elif found_words is not None:
        for word in <tuple>found_words:
            if words == MAX_WORDS:
                break
            _word(word, 0, PyUnicode_GET_LENGTH(word), PyUnicode_IS_ASCII(word), &length)
            words += 1
            STARTS[words] = length
    else:
        i = lo
        while i < hi and words < MAX_WORDS:
            c = PyUnicode_READ(kind, data, i)
            if not is_alnum(c):
                i += 1
                continue
            start = i
            i = _word_end(kind, data, i, hi, has_mark, &top)
            _word(line, start, i, top < 128, &length)
            words += 1
            STARTS[words] = length
    # The tokens, in word_tokens' order: w: each word, b: each pair, f: and l:, e:, s:.
    count = 0
    for j in range(words):
        state = crc_byte(crc_byte(CRC_START, 119), 58)  # "w:"
        state = crc_bytes(state, BUF + STARTS[j], STARTS[j + 1] - STARTS[j])
        _token(&total, state, &count)
    for j in range(1, words):
        state = crc_byte(crc_byte(CRC_START, 98), 58)  # "b:"
        state = crc_bytes(state, BUF + STARTS[j - 1], STARTS[j] - STARTS[j - 1])
        state = crc_byte(state, 32)
        state = crc_bytes(state, BUF + STARTS[j], STARTS[j + 1] - STARTS[j])
        _token(&total, state, &count)
    if words:
        state = crc_byte(crc_byte(CRC_START, 102), 58)  # "f:"
        state = crc_bytes(state, BUF, STARTS[1])
        _token(&total, state, &count)
        state = crc_byte(crc_byte(CRC_START, 108), 58)  # "l:"
        state = crc_bytes(state, BUF + STARTS[words - 1], STARTS[words] - STARTS[words - 1])
        _token(&total, state, &count)
    state = crc_byte(crc_byte(CRC_START, 101), 58)  # "e:"
    state = crc_bytes(state, mark, utf8(PyUnicode_READ(kind, data, hi - 1), mark))
    _token(&total, state, &count)
    c = PyUnicode_READ(kind, data, lo)
    if not is_alnum(c):
        state = crc_byte(crc_byte(CRC_START, 115), 58)  # "s:"
        state = crc_bytes(state, mark, utf8(c, mark))
        _token(&total, state, &count)
    tokens[0] = count
    return value(&total) / sqrt(<double>count)


cdef bint _has_mark(int kind, const void *data, Py_ssize_t n) noexcept:
    """Whether a line holds a combining mark (``HAS_MARK``): its words are then read as
    ``MARKED_WORD_RE`` reads them."""
    cdef Py_ssize_t i
    cdef uint32_t c
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        if c >= 128 and in_ranges(c, MARK_RANGES, N_MARK_RANGES):
            return True
    return False


def cjk_count(str text):
    """``text.cjk_count``: the characters of ``text`` in the CJK ranges (``CJK_RE``'s)."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t i, count = 0
    cdef uint32_t c
    if not CONFIGURED:
        raise RuntimeError("the kernel is not configured")
    for i in range(PyUnicode_GET_LENGTH(text)):
        c = PyUnicode_READ(kind, data, i)
        if c >= 128 and in_ranges(c, CJK_RANGES, N_CJK_RANGES):
            count += 1
    return count


def words(str text):
    """``text.words``: the words of a line, as ``WORD_RE`` (or, in a line with combining marks,
    ``MARKED_WORD_RE``) finds them."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, start
    cdef uint32_t top
    cdef bint has_mark
    cdef list found = []
    if not CONFIGURED:
        raise RuntimeError("the kernel is not configured")
    has_mark = _has_mark(kind, data, n)
    while i < n:
        if not is_alnum(PyUnicode_READ(kind, data, i)):
            i += 1
            continue
        start = i
        i = _word_end(kind, data, i, n, has_mark, &top)
        found.append(PyUnicode_Substring(text, start, i))
    return tuple(found)


cdef str _ascii_lower(str word):
    """An ASCII word in lower case (``str.lower`` and ``str.casefold`` of it): itself when it has no capital."""
    cdef Py_ssize_t i, n = PyUnicode_GET_LENGTH(word)
    cdef Py_UCS1 *data = PyUnicode_1BYTE_DATA(word)
    cdef Py_UCS1 *out
    cdef str lowered
    for i in range(n):
        if 65 <= data[i] <= 90:
            break
    else:
        return word
    lowered = PyUnicode_New(n, 127)
    out = PyUnicode_1BYTE_DATA(lowered)
    for i in range(n):
        out[i] = data[i] + 32 if 65 <= data[i] <= 90 else data[i]
    return lowered


cdef Py_ssize_t _stems_of(tuple words, stopwords, Py_ssize_t min_chars, Py_ssize_t stem_chars, set found,
                          bint counting) except -1:
    """Adds to ``found`` the stems of a line's ``words`` (``stems``); with ``counting``, returns how many
    of them, lower-cased, are in ``stopwords`` (what ``text.stopword_density`` counts)."""
    cdef str word, folded
    cdef Py_ssize_t n, i, stop = 0
    cdef Py_UCS1 *data
    cdef bint digits, is_stop
    for word in words:
        n = PyUnicode_GET_LENGTH(word)
        if PyUnicode_IS_ASCII(word):
            if n < min_chars and not counting:
                continue
            folded = _ascii_lower(word)
            is_stop = folded in stopwords
            stop += is_stop
            if n < min_chars or is_stop:
                continue
            data = PyUnicode_1BYTE_DATA(folded)
            digits = True
            for i in range(n):
                if not 48 <= data[i] <= 57:
                    digits = False
                    break
            if digits:
                continue
        else:
            if counting:
                stop += word.lower() in stopwords
            folded = word.casefold()
            n = PyUnicode_GET_LENGTH(folded)
            if n < min_chars or folded.isdigit() or folded in stopwords:
                continue
        found.add(folded if n <= stem_chars else PyUnicode_Substring(folded, 0, stem_chars))
    return stop


def stopword_count(tuple words, stopwords):
    """``text.count_stopwords``: how many of ``words``, lower-cased (``str.lower``), are in ``stopwords``."""
    cdef Py_ssize_t count = 0
    cdef str word
    for word in words:
        count += (_ascii_lower(word) if PyUnicode_IS_ASCII(word) else word.lower()) in stopwords
    return count


def casefolded_counts(list lines):
    """``text.casefolded_counts``: each word of ``lines`` (tuples of words) casefolded, with the
    times it occurs, in the order first seen."""
    cdef dict counts = {}
    cdef tuple found
    cdef str word, folded
    cdef PyObject *held
    for found in lines:
        for word in found:
            folded = _ascii_lower(word) if PyUnicode_IS_ASCII(word) else word.casefold()
            held = PyDict_GetItemWithError(counts, folded)
            counts[folded] = 1 if held == NULL else PyLong_AsLong(held) + 1
    return counts


def shared_stems(frozenset stems, vocabulary, bint is_body):
    """``article.shared_stems``: how many of a line's ``stems`` the body's ``vocabulary`` (a dict of
    stem to the number of body lines holding it) holds; of a body line, those in more than one."""
    return _related(stems, vocabulary, is_body)


def stems(tuple words, stopwords, Py_ssize_t min_chars, Py_ssize_t stem_chars):
    """``article.stems`` of a line's ``words`` (not CJK): each word casefolded, of ``min_chars`` or
    more, not in ``stopwords`` and not all digits, cut to its first ``stem_chars``. An ASCII word is
    casefolded here (to lower case, as ``str.casefold`` does), any other by ``str.casefold``."""
    cdef set found = set()
    _stems_of(words, stopwords, min_chars, stem_chars, found, False)
    return frozenset(found)


cdef double _title_case_share(tuple words) noexcept:
    cdef Py_ssize_t long_words = 0, capitals = 0
    cdef uint32_t c
    cdef str word
    for word in words:
        if PyUnicode_GET_LENGTH(word) >= 4:
            c = PyUnicode_READ(PyUnicode_KIND(word), PyUnicode_DATA(word), 0)
            if Py_UNICODE_ISALPHA(c):
                long_words += 1
                capitals += Py_UNICODE_ISUPPER(c)
    return <double>capitals / <double>long_words if long_words else 0.0


def title_case_share(tuple words):
    """``text.title_case_share`` of a line whose words (``text.words``) are ``words``: of those of 4
    characters or more that begin with a letter, the share that begin with a capital; 0.0 for none."""
    return _title_case_share(words)


cdef inline bint is_word(uint32_t c) noexcept nogil:
    """sre's Unicode ``\\w``: alphanumeric or "_"."""
    return c == 95 or is_alnum(c)


cdef inline bint in_codes(uint32_t c, const uint32_t *codes, Py_ssize_t n) noexcept nogil:
    cdef Py_ssize_t k
    for k in range(n):
        if codes[k] == c:
            return True
    return False


cdef Py_ssize_t _codes(str text, uint32_t *out, Py_ssize_t room) except -1:
    """``text``'s code points into ``out``; their number."""
    cdef Py_ssize_t k, n = len(text)
    if n > room:
        raise ValueError(f"the kernel holds no more than {room} characters of {text!r}")
    for k in range(n):
        out[k] = ord(text[k])
    return n


cdef inline uint32_t _last(str text) noexcept:
    """The last character of ``text`` (0 for none)."""
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
    return PyUnicode_READ(PyUnicode_KIND(text), PyUnicode_DATA(text), n - 1) if n else 0


cdef Py_ssize_t cell_gaps(int kind, const void *data, Py_ssize_t n, Py_ssize_t cap) noexcept:
    """How many matches ``findall`` gives of ``\\t|\\||\\S {2,}(?=\\S)`` (features.CELL_GAP), at most
    ``cap``: a tab; a bar; a non-space, then two spaces or more, then a non-space (not consumed)."""
    cdef Py_ssize_t i = 0, j, found = 0
    cdef uint32_t c
    while i < n and found < cap:
        c = PyUnicode_READ(kind, data, i)
        if c == 9 or c == 124:
            found += 1
            i += 1
            continue
        if not Py_UNICODE_ISSPACE(c):
            j = i + 1
            while j < n and PyUnicode_READ(kind, data, j) == 32:
                j += 1
            if j - i - 1 >= 2 and j < n and not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j)):
                found += 1
                i = j
                continue
        i += 1
    return found


def word_scores(list lines, keys, values, fallback, list words=None):
    """For each line (a str): the sum of its word tokens' weights over the square root of their
    number, 0.0 for a line without tokens. ``keys`` (array "I", sorted) and ``values`` (array "f")
    are the model's hashed weights; ``fallback(line)`` answers for a line this cannot. ``words``:
    each line's stripped text's ``text.words``, where they are known (``Rows.words``): not found again."""
    if not CONFIGURED:
        raise RuntimeError("the kernel is not configured")
    if words is not None and len(words) != len(lines):
        raise ValueError("the lines and their words differ in number")
    cdef list found = []
    cdef object line, score
    cdef Py_ssize_t tokens, k
    use_weights(keys, values)
    for k in range(len(lines)):
        line = lines[k]
        if type(line) is not str:
            raise TypeError("lines must be str")
        score = _line_score(line, words[k] if words is not None else None, &tokens)
        found.append(score if score is not None else fallback(line))
    return found



def fold_shape(str text):
    """``article.shape``'s fold of a line: each run of letters (``[^\\W\\d_]+``) "a", each run of
    digits (``\\d+``) "0", a run of words one space apart (``a( a)+``) one "a"; "" when the fold
    holds nothing but letters and spaces."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, length = 0
    cdef uint32_t c
    cdef bint marked = False
    cdef uint32_t *out = <uint32_t *>malloc(max(n, 1) * sizeof(uint32_t))
    if out == NULL:
        raise MemoryError()
    try:
        while i < n:
            c = PyUnicode_READ(kind, data, i)
            if Py_UNICODE_ISDECIMAL(c):
                while i < n and Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i)):
                    i += 1
                c = 48  # "0"
            elif is_alnum(c):
                while i < n and is_alnum(PyUnicode_READ(kind, data, i)) \
                        and not Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i)):
                    i += 1
                if length >= 2 and out[length - 1] == 32 and out[length - 2] == 97:  # "a a": one "a"
                    length -= 1
                    continue
                c = 97  # "a"
            else:
                i += 1
            out[length] = c
            length += 1
        for i in range(length):
            if not Py_UNICODE_ISALPHA(out[i]) and not Py_UNICODE_ISSPACE(out[i]):
                marked = True
                break
        return PyUnicode_FromKindAndData(4, out, length) if marked else ""
    finally:
        free(out)

# The second pass's view of a line: each of ``model.context_features``' columns, by its name. A
# model reads them in the order, and as many, as its CONTEXT_NAMES say.
cdef enum:
    BIAS, FIRST_PASS, PREVIOUS, NEXT, SECOND_PREVIOUS, SECOND_NEXT, NEAR_MEAN, WIDE_MEAN, BODY_BEFORE, BODY_AFTER,
    DOCUMENT_MEAN, DOCUMENT_BODY_SHARE, FIRST_PASS_X_DOCUMENT_MEAN, FROM_HTML, FIRST_LINE, LAST_LINE, GROUP_MEAN,
    IN_GROUP, GROUP_LINKED, N_COLUMNS

COLUMNS = {
    "bias": BIAS, "first_pass": FIRST_PASS, "previous": PREVIOUS, "next": NEXT, "second_previous": SECOND_PREVIOUS,
    "second_next": SECOND_NEXT, "near_mean": NEAR_MEAN, "wide_mean": WIDE_MEAN, "body_before": BODY_BEFORE,
    "body_after": BODY_AFTER, "document_mean": DOCUMENT_MEAN, "document_body_share": DOCUMENT_BODY_SHARE,
    "first_pass_x_document_mean": FIRST_PASS_X_DOCUMENT_MEAN, "from_html": FROM_HTML, "first_line": FIRST_LINE,
    "last_line": LAST_LINE, "group_mean": GROUP_MEAN, "in_group": IN_GROUP, "group_linked": GROUP_LINKED,
}
# The kinds of document (``model.document_kind``), in the order of a Judge's tables.
cdef enum:
    PAGE, EXTRACTED, HTML
KINDS = ("page", "extracted", "html")


cdef inline double logistic(double z) noexcept nogil:
    """``model.logistic``: z clamped to [-50, 50] as min() and max() clamp it, NaN included."""
    z = z if z < 50.0 else 50.0
    z = z if z > -50.0 else -50.0
    return 1.0 / (1.0 + exp(-z))


cdef double *_doubles(values, Py_ssize_t n) except NULL:
    """A malloc'd copy of ``n`` floats (a sequence of them, or of sequences flattened)."""
    cdef double *found = <double *>malloc(max(n, 1) * sizeof(double))
    cdef Py_ssize_t k
    if found == NULL:
        raise MemoryError()
    if len(values) != n:
        free(found)
        raise ValueError("the model's weights and features differ in number")
    for k in range(n):
        found[k] = values[k]
    return found


cdef Py_ssize_t *_indices(values) except NULL:
    cdef Py_ssize_t *found = <Py_ssize_t *>malloc(max(len(values), 1) * sizeof(Py_ssize_t))
    cdef Py_ssize_t k
    if found == NULL:
        raise MemoryError()
    for k in range(len(values)):
        found[k] = values[k]
    return found


@cython.final
cdef class Rows:
    """``features.document_features``' rows as C doubles, a row a line (``Features.rows`` makes them):
    the judge's passes read them where they are, and a row becomes a list of floats only when
    Python asks for one (``rows[k]``, iterating). Made from lists of floats (``Rows(lists)``) too."""

    cdef double *values  # n rows of width
    cdef Py_ssize_t n, width
    cdef readonly object words  # each line's stripped text's words (``text.words``), when Features.rows made them

    def __cinit__(self, lists=()):
        cdef Py_ssize_t k, i
        self.n = len(lists)
        self.width = len(lists[0]) if self.n else 0
        self.values = <double *>malloc(max(self.n * self.width, 1) * sizeof(double))
        if self.values == NULL:
            raise MemoryError()
        for k in range(self.n):
            if len(lists[k]) != self.width:
                raise ValueError("rows differ in width")
            for i in range(self.width):
                self.values[k * self.width + i] = lists[k][i]

    def __dealloc__(self):
        free(self.values)

    cdef int _resize(self, Py_ssize_t n, Py_ssize_t width) except -1:
        """Room for ``n`` rows of ``width``, for ``Features.rows`` to fill."""
        cdef double *grown = <double *>realloc(self.values, max(n * width, 1) * sizeof(double))
        if grown == NULL:
            raise MemoryError()
        self.values, self.n, self.width = grown, n, width
        return 0

    def __len__(self):
        return self.n

    def __getitem__(self, Py_ssize_t k):
        if k < 0:
            k += self.n
        if not 0 <= k < self.n:
            raise IndexError("row index out of range")
        return [self.values[k * self.width + i] for i in range(self.width)]


cdef Rows _rows(rows):
    """``rows`` as Rows: themselves, or lists of floats copied (made-up evidence, the Python path's)."""
    return rows if isinstance(rows, Rows) else Rows(rows)


cdef class Judge:
    """A model's two passes over a document's lines (``Model.probabilities``), its weights and tables
    held as C arrays, built once when the model is loaded. Told everything by the Python side:
    which of a line's features are binned, where its document's body share and the bias are
    (``binned_at``, ``share_at``, ``bias_at``), every weight and bin (the hashed ones as ``keys``
    and ``values``), the names of the second pass's features (LookupError for a name this kernel
    cannot compute: the Python path then judges), and the constants the Python path reads."""

    cdef double *dense
    cdef double *bins  # [kind][binned feature][bin]
    cdef double *context
    cdef double *context_bins  # [kind][binned second-pass feature][bin]
    cdef Py_ssize_t *binned_at
    cdef Py_ssize_t *context_binned_at
    cdef int *columns  # each second-pass feature's Column
    cdef Py_ssize_t n_dense, n_binned, n_context, n_context_binned, table_size, share_at, bias_at, near, wide
    cdef double bin_count, bin_nudge, extracted_share, confident
    cdef object linked
    cdef object keys, values  # the hashed words' sorted keys and their weights (``use_weights``)

    def __cinit__(self, dense, dict bins, binned_at, Py_ssize_t share_at, Py_ssize_t bias_at, context,
                  context_names, dict context_bins, context_binned_at, keys, values, *, Py_ssize_t table_size,
                  int bin_count, double bin_nudge, double extracted_share, linked, double confident, Py_ssize_t near,
                  Py_ssize_t wide):
        cdef Py_ssize_t k
        unknown = [name for name in context_names if name not in COLUMNS]
        if unknown:
            raise LookupError(f"the kernel cannot compute {unknown}")
        if not 0 <= share_at < len(dense) or any(not 0 <= at < len(dense) for at in binned_at) \
                or any(not 0 <= at < len(context_names) for at in context_binned_at):
            raise ValueError("a feature's place is outside the features")
        self.n_dense, self.n_binned, self.share_at, self.bias_at = len(dense), len(binned_at), share_at, bias_at
        self.n_context, self.n_context_binned = len(context), len(context_binned_at)
        self.table_size, self.bin_count, self.bin_nudge = table_size, bin_count, bin_nudge
        self.extracted_share = extracted_share
        self.linked, self.confident, self.near, self.wide = linked, confident, near, wide
        cdef const unsigned int[::1] checked_keys = keys  # the formats checked as the model loads
        cdef const float[::1] checked_values = values
        if checked_keys.shape[0] != checked_values.shape[0]:
            raise ValueError("keys and values differ in length")
        self.keys, self.values = keys, values
        self.dense = _doubles(dense, self.n_dense)
        self.context = _doubles(context, len(context_names))
        self.binned_at = _indices(binned_at)
        self.context_binned_at = _indices(context_binned_at)
        self.bins = _doubles([x for kind in KINDS for table in _checked(bins[kind], self.n_binned, table_size)
                              for x in table],
                             len(KINDS) * self.n_binned * table_size)
        self.context_bins = _doubles([x for kind in KINDS for table in _checked(context_bins[kind],
                                                                                self.n_context_binned, table_size)
                                      for x in table], len(KINDS) * self.n_context_binned * table_size)
        self.columns = <int *>malloc(max(self.n_context, 1) * sizeof(int))
        if self.columns == NULL:
            raise MemoryError()
        for k in range(self.n_context):
            self.columns[k] = COLUMNS[context_names[k]]

    def __dealloc__(self):
        free(self.dense)
        free(self.bins)
        free(self.context)
        free(self.context_bins)
        free(self.binned_at)
        free(self.context_binned_at)
        free(self.columns)

    cdef int _kind(self, bint from_html, double share) noexcept nogil:
        return HTML if from_html else EXTRACTED if share >= self.extracted_share else PAGE

    cdef bint _binned(self, const double *tables, Py_ssize_t count, double *values, Sum *total) noexcept nogil:
        """Adds the weight of each binned value's bin to ``total``; False for a value outside the table."""
        cdef Py_ssize_t b
        cdef double x
        for b in range(count):
            x = values[b] * self.bin_count + self.bin_nudge
            if not (0.0 <= x < self.table_size):  # NaN too: the Python path says what it makes of it
                return False
            add(total, tables[b * self.table_size + <Py_ssize_t>x])
        return True

    def probabilities(self, dense, list word_scores, list proposals, weights, list groups, bint from_html):
        """p(body) of each line, as ``Model.probabilities`` gives it: ``dense`` its dense features
        (Rows, or lists), ``word_scores`` its words' part of the first pass, ``proposals`` its
        evidence tokens, ``weights`` their weights (a mapping), ``groups`` its element (-1: none).
        None when a binned feature falls outside its table: the Python path answers."""
        cdef Rows rows = _rows(dense)
        cdef Py_ssize_t n = rows.n, k, i, lo, hi, slot, total
        if len(word_scores) != n or len(proposals) != n or len(groups) != n:
            raise ValueError("the evidence's lists differ in length")
        if n and rows.width != self.n_dense:
            raise ValueError("a row's features differ in number from the model's")
        cdef double *first = <double *>calloc(7 * n + 2, sizeof(double))
        if first == NULL:
            raise MemoryError()
        cdef double *linked = first + n
        cdef double *share = linked + n
        cdef double *prefix = share + n  # n + 1
        cdef double *sums = prefix + n + 1  # 3 a group: p(body), lines, lines all link text
        cdef Py_ssize_t *confident = <Py_ssize_t *>calloc(2 * n + 1, sizeof(Py_ssize_t))
        if confident == NULL:
            free(first)
            raise MemoryError()
        cdef Py_ssize_t *slots = confident + n + 1
        cdef double values[N_COLUMNS]
        cdef double *binned = <double *>malloc((max(self.n_binned, self.n_context_binned) + 1) * sizeof(double))
        cdef Sum z_total, bin_total
        cdef double z, p, mean, rest
        cdef const double *row
        cdef list found = []
        cdef object group, token
        cdef dict group_slots = {}
        try:
            if binned == NULL:
                raise MemoryError()
            for k in range(n):
                row = rows.values + k * rows.width
                z_total = Sum(0.0, 0.0)
                for i in range(self.n_dense):
                    add(&z_total, self.dense[i] * row[i])
                z = value(&z_total)
                z += <double>word_scores[k]
                for token in proposals[k]:
                    z += <double>weights[token]
                share[k] = row[self.share_at]
                for i in range(self.n_binned):
                    binned[i] = row[self.binned_at[i]]
                bin_total = Sum(0.0, 0.0)
                if not self._binned(self.bins + self._kind(from_html, share[k]) * self.n_binned * self.table_size,
                                    self.n_binned, binned, &bin_total):
                    return None
                z += value(&bin_total)
                first[k] = logistic(z)
                linked[k] = 1.0 if self.linked in proposals[k] else 0.0
            # The sums of each element's lines, in page order; a running sum of p(body), a count of
            # the confident lines.
            for k in range(n):
                slots[k] = -1
                group = groups[k]
                if group >= 0:
                    slots[k] = slot = group_slots.setdefault(group, len(group_slots))
                    sums[3 * slot] += first[k]
                    sums[3 * slot + 1] += 1.0
                    sums[3 * slot + 2] += linked[k]
                prefix[k + 1] = prefix[k] + first[k]
                confident[k + 1] = confident[k] + (first[k] >= self.confident)
            total = confident[n] or 1
            mean = prefix[n] / n if n else 0.0
            for k in range(n):
                p = first[k]
                values[BIAS] = 1.0
                values[FIRST_PASS] = p
                values[PREVIOUS] = first[k - 1] if k >= 1 else 0.0
                values[NEXT] = first[k + 1] if k + 1 < n else 0.0
                values[SECOND_PREVIOUS] = first[k - 2] if k >= 2 else 0.0
                values[SECOND_NEXT] = first[k + 2] if k + 2 < n else 0.0
                lo, hi = max(0, k - self.near), min(n, k + self.near + 1)
                values[NEAR_MEAN] = (prefix[hi] - prefix[lo] - p) / <double>max(hi - lo - 1, 1)
                lo, hi = max(0, k - self.wide), min(n, k + self.wide + 1)
                values[WIDE_MEAN] = (prefix[hi] - prefix[lo] - p) / <double>max(hi - lo - 1, 1)
                values[BODY_BEFORE] = <double>confident[k] / <double>total
                values[BODY_AFTER] = <double>(confident[n] - confident[k + 1]) / <double>total
                values[DOCUMENT_MEAN] = mean
                values[DOCUMENT_BODY_SHARE] = share[k]
                values[FIRST_PASS_X_DOCUMENT_MEAN] = p * mean
                values[FROM_HTML] = 1.0 if from_html else 0.0
                values[FIRST_LINE] = 1.0 if k == 0 else 0.0
                values[LAST_LINE] = 1.0 if k == n - 1 else 0.0
                # The other lines of its element: their mean p(body) and share all link text.
                slot = slots[k]
                if slot >= 0 and sums[3 * slot + 1] > 1:
                    rest = sums[3 * slot + 1] - 1
                    values[GROUP_MEAN] = (sums[3 * slot] - p) / rest
                    values[IN_GROUP] = 1.0
                    values[GROUP_LINKED] = (sums[3 * slot + 2] - linked[k]) / rest
                else:
                    values[GROUP_MEAN], values[IN_GROUP], values[GROUP_LINKED] = p, 0.0, 0.0
                z_total = Sum(0.0, 0.0)
                for i in range(self.n_context):
                    add(&z_total, self.context[i] * values[self.columns[i]])
                z = value(&z_total)
                for i in range(self.n_context_binned):
                    binned[i] = values[self.columns[self.context_binned_at[i]]]
                bin_total = Sum(0.0, 0.0)
                if not self._binned(self.context_bins
                                    + self._kind(from_html, share[k]) * self.n_context_binned * self.table_size,
                                    self.n_context_binned, binned, &bin_total):
                    return None
                z += value(&bin_total)
                found.append(logistic(z))
            return found
        finally:
            free(first)
            free(confident)
            free(binned)


    def strongest(self, dense, Py_ssize_t k, line, tuple proposals, weights, bint from_html):
        """What weighs most against line ``k`` in the first pass (``Model.strongest_against``): its
        weight, and which terms weigh that, as (part, index) pairs: 0 a dense feature, 1 a binned
        one, 2 a word token, 3 a proposal, each in the order the Python path lists them. ``dense``:
        every line's dense features (Rows, whose words of line ``k`` it weighs, or lists); ``line``,
        ``proposals``: line ``k``'s. None when the Python path must say (a surrogate, a value outside
        its bins, a weight not a number)."""
        cdef Rows rows = _rows(dense)
        cdef const double *row
        cdef Py_ssize_t n_words, i, b, room, n_terms = 0, n_proposals = len(proposals)
        cdef double lowest, scale, x
        cdef double *tables = self.bins
        cdef double *terms  # each term's weight, with its part and index below, in the Python path's order
        cdef int *parts
        cdef Py_ssize_t *places
        if not CONFIGURED:
            raise RuntimeError("the kernel is not configured")
        if not 0 <= k < rows.n:
            raise IndexError("row index out of range")
        if rows.width != self.n_dense:
            raise ValueError("a row's features differ in number from the model's")
        if type(line) is not str:
            raise TypeError("the line must be str")
        row = rows.values + k * rows.width
        tables += self._kind(from_html, row[self.share_at]) * self.n_binned * self.table_size
        use_weights(self.keys, self.values)
        if _line_score(line, rows.words[k] if rows.words is not None else None, &n_words) is None:
            return None
        room = self.n_dense + self.n_binned + n_words + n_proposals + 1
        terms = <double *>malloc(room * sizeof(double))
        parts = <int *>malloc(room * sizeof(int))
        places = <Py_ssize_t *>malloc(room * sizeof(Py_ssize_t))
        try:
            if terms == NULL or parts == NULL or places == NULL:
                raise MemoryError()
            for i in range(self.n_dense):  # a feature at 0 weighs nothing; the bias is no evidence
                x = row[i]
                if x != 0.0 and i != self.bias_at:
                    terms[n_terms], parts[n_terms], places[n_terms] = self.dense[i] * x, 0, i
                    n_terms += 1
            for b in range(self.n_binned):
                x = row[self.binned_at[b]] * self.bin_count + self.bin_nudge
                if not (0.0 <= x < self.table_size):
                    return None
                terms[n_terms], parts[n_terms], places[n_terms] = tables[b * self.table_size + <Py_ssize_t>x], 1, b
                n_terms += 1
            scale = 1.0 / sqrt(<double>n_words) if n_words else 0.0
            for i in range(n_words):
                terms[n_terms], parts[n_terms], places[n_terms] = TOKEN_WEIGHTS[i] * scale, 2, i
                n_terms += 1
            for i in range(n_proposals):
                terms[n_terms], parts[n_terms], places[n_terms] = <double>weights[proposals[i]], 3, i
                n_terms += 1
            if not n_terms:
                return 0.0, []
            lowest = terms[0]
            for i in range(n_terms):  # the first of the lowest, as min() finds it
                if terms[i] != terms[i]:
                    return None
                if terms[i] < lowest:
                    lowest = terms[i]
            return lowest, [(parts[i], places[i]) for i in range(n_terms) if terms[i] == lowest]
        finally:
            free(terms)
            free(parts)
            free(places)


def _checked(list tables, Py_ssize_t count, Py_ssize_t size):
    """A kind's tables: one a binned feature, each ``size`` bins long."""
    if len(tables) != count or any(len(table) != size for table in tables):
        raise ValueError("the model's tables and binned features differ in number")
    return tables


# A line's features for the first pass (``features.document_features``), each known by its name.
cdef enum:
    F_BIAS, F_LOG_WORDS, F_STOPWORD_DENSITY, F_ENDS_SENTENCE, F_SHORT, F_LONG, F_LIST_ITEM, F_LINK_LIKE,
    F_DIGIT_SHARE, F_UPPER_SHARE, F_TITLE_CASE, F_ENDS_WITH_COLON, F_POSITION, F_INSIDE_BODY_SPAN,
    F_DISTANCE_TO_PREVIOUS_BODY, F_DISTANCE_TO_NEXT_BODY, F_BODY_SHARE_NEARBY, F_BODY_BEFORE, F_BODY_AFTER,
    F_SHORT_RUN, F_RELATEDNESS, F_DROPPED_NEIGHBOURS, F_CJK, F_DENSITY_X_LENGTH, F_DOCUMENT_BODY_SHARE,
    F_DOCUMENT_LENGTH, F_AFTER_COLON, F_LIST_RUN, F_BODY_LIKE, F_BEFORE_FIRST_BODY, F_AFTER_LAST_BODY,
    F_NEXT_TO_BODY, F_TABLE_ROW, F_HEAD_SIZE, F_TAIL_SIZE, F_IN_ANNOUNCED_LIST, F_IN_ARTICLE_LIST, F_PROPOSED,
    F_SHAPE_REPEATS, F_COLUMNS, N_FEATURES

LINE_FEATURES = {
    "bias": F_BIAS, "log_words": F_LOG_WORDS, "stopword_density": F_STOPWORD_DENSITY, "ends_sentence": F_ENDS_SENTENCE,
    "short": F_SHORT, "long": F_LONG, "list_item": F_LIST_ITEM, "link_like": F_LINK_LIKE, "digit_share": F_DIGIT_SHARE,
    "upper_share": F_UPPER_SHARE, "title_case": F_TITLE_CASE, "ends_with_colon": F_ENDS_WITH_COLON,
    "position": F_POSITION, "inside_body_span": F_INSIDE_BODY_SPAN,
    "distance_to_previous_body": F_DISTANCE_TO_PREVIOUS_BODY, "distance_to_next_body": F_DISTANCE_TO_NEXT_BODY,
    "body_share_nearby": F_BODY_SHARE_NEARBY, "body_before": F_BODY_BEFORE, "body_after": F_BODY_AFTER,
    "short_run": F_SHORT_RUN, "relatedness": F_RELATEDNESS, "dropped_neighbours": F_DROPPED_NEIGHBOURS, "cjk": F_CJK,
    "density_x_length": F_DENSITY_X_LENGTH, "document_body_share": F_DOCUMENT_BODY_SHARE,
    "document_length": F_DOCUMENT_LENGTH, "after_colon": F_AFTER_COLON, "list_run": F_LIST_RUN,
    "body_like": F_BODY_LIKE, "before_first_body": F_BEFORE_FIRST_BODY, "after_last_body": F_AFTER_LAST_BODY,
    "next_to_body": F_NEXT_TO_BODY, "table_row": F_TABLE_ROW, "head_size": F_HEAD_SIZE, "tail_size": F_TAIL_SIZE,
    "in_announced_list": F_IN_ANNOUNCED_LIST, "in_article_list": F_IN_ARTICLE_LIST, "proposed": F_PROPOSED,
    "shape_repeats": F_SHAPE_REPEATS, "columns": F_COLUMNS,
}

cdef struct Scan:
    Py_ssize_t letters, capitals, digits, bars, cjk, cells
    bint link  # a URL, a web address, a domain, a breadcrumb's separator (or, once scanned, a mail address)
    bint at  # an "@": a mail address to look for
    bint ends_sentence

# What the scan reads of an ASCII character: a letter, a capital, a digit, or a mark it looks at
# (". : @ | tab space").
cdef enum:
    A_LETTER = 1
    A_CAPITAL = 2
    A_DIGIT = 4
    A_MARK = 8
cdef unsigned char ASCII_FLAGS[128]


cdef void _init_flags() noexcept:
    cdef int c
    for c in range(128):
        ASCII_FLAGS[c] = ((A_LETTER if 65 <= (c & ~32) <= 90 else 0) | (A_CAPITAL if 65 <= c <= 90 else 0)
                          | (A_DIGIT if 48 <= c <= 57 else 0) | (A_MARK if c in (46, 58, 64, 124, 9, 32) else 0))

_init_flags()

ctypedef fused code_unit:
    uint8_t
    uint16_t
    uint32_t


cdef void _scan_units(Features self, const code_unit *units, Py_ssize_t n, int kind, const void *data,
                      Scan *scan) noexcept:
    """A line's letters, capitals, digits (``features.character_counts``), bars and CJK characters;
    whether it looks like a link (``features.link_like``), holds an "@" and may hold table cells (a
    tab, a bar or two spaces), in one pass over its code units."""
    cdef Py_ssize_t i, letters = 0, capitals = 0, digits = 0, bars = 0, cjk = 0
    cdef uint32_t c
    cdef unsigned char flags
    cdef bint link = False, at = False, cells = False
    for i in range(n):
        c = units[i]
        if c < 128:
            flags = ASCII_FLAGS[c]
            letters += flags & A_LETTER
            capitals += (flags & A_CAPITAL) >> 1
            digits += (flags & A_DIGIT) >> 2
            if not flags & A_MARK:
                continue
            if c == 32:  # a breadcrumb's separator (" › "), two spaces
                if i + 2 < n and units[i + 2] == 32 and in_codes(units[i + 1], self.path_marks, self.n_path_marks):
                    link = True
                cells = cells or (i + 1 < n and units[i + 1] == 32)
            elif c == 46:  # "www.", a domain
                if not link and ((i >= 3 and units[i - 3] == 119 and units[i - 2] == 119 and units[i - 1] == 119)
                                 or self._domain_at(kind, data, n, i)):
                    link = True
            elif c == 58:  # "http://", "https://"
                if not link and i + 2 < n and units[i + 1] == 47 and units[i + 2] == 47 and i >= 4 and (
                        (units[i - 4] == 104 and units[i - 3] == 116 and units[i - 2] == 116 and units[i - 1] == 112)
                        or (i >= 5 and units[i - 5] == 104 and units[i - 4] == 116 and units[i - 3] == 116
                            and units[i - 2] == 112 and units[i - 1] == 115)):
                    link = True
            elif c == 124:  # "|"
                bars += 1
                cells = True
            elif c == 64:  # "@"
                at = True
            else:  # a tab
                cells = True
        else:
            letters += Py_UNICODE_ISALPHA(c)
            capitals += Py_UNICODE_ISUPPER(c)
            digits += Py_UNICODE_ISDECIMAL(c)
            cjk += in_ranges(c, CJK_RANGES, N_CJK_RANGES)
    scan.letters, scan.capitals, scan.digits, scan.bars, scan.cjk = letters, capitals, digits, bars, cjk
    scan.link, scan.at, scan.cells = link, at, cells


cdef Py_ssize_t _related(own, vocabulary, bint is_body) except -1:
    """``Article.relatedness``'s count: the stems of ``own`` in the body's ``vocabulary`` (of a body
    line, those in more than one body line)."""
    cdef Py_ssize_t found = 0
    cdef PyObject *lines
    for stem in own:
        lines = PyDict_GetItemWithError(vocabulary, stem)  # NULL with an error set raises
        if lines != NULL and (not is_body or <object>lines > 1):
            found += 1
    return found


cdef enum:
    MAX_CODES = 64  # the terminal marks, the path separators
    MAX_DOMAINS = 32
    MAX_DOMAIN_CHARS = 16


cdef class Features:
    """``features.document_features``' rows, natively, from what the Python side measured of each
    line (its words, stopword density, relatedness, list marker, shape: ``rows``); the rest is
    measured here, reading each line's characters once. Told by the Python side the features'
    names (LookupError for one it cannot compute: the Python path then measures), which of them
    are repeated scaled by the document's boilerplate, and the constants and character sets its
    own path reads."""

    cdef int columns[N_FEATURES]
    cdef Py_ssize_t n_own, n_scaled
    cdef Py_ssize_t scaled_at[N_FEATURES]
    cdef Py_ssize_t short_words, long_words, max_distance, window, max_columns, min_stem_chars, stem_chars
    cdef uint32_t terminal[MAX_CODES]
    cdef uint32_t path_marks[MAX_CODES]
    cdef uint32_t domains[MAX_DOMAINS][MAX_DOMAIN_CHARS]
    cdef Py_ssize_t domain_length[MAX_DOMAINS]
    cdef Py_ssize_t n_terminal, n_path_marks, n_domains
    cdef object word_count, stems, stopword_density  # core's per-line memos

    def __cinit__(self, names, scaled_at, terminal, domains, path_marks, *, Py_ssize_t short_words,
                  Py_ssize_t long_words, Py_ssize_t max_distance, Py_ssize_t window, Py_ssize_t max_columns,
                  Py_ssize_t min_stem_chars, Py_ssize_t stem_chars, word_count, stems, stopword_density):
        cdef Py_ssize_t k
        self.n_scaled = len(scaled_at)
        self.n_own = len(names) - self.n_scaled
        unknown = [name for name in names[:self.n_own] if name not in LINE_FEATURES]
        if unknown:
            raise LookupError(f"the kernel cannot compute {unknown}")
        if self.n_own > N_FEATURES or self.n_scaled > N_FEATURES or len(domains) > MAX_DOMAINS \
                or any(not 0 <= at < self.n_own for at in scaled_at):
            raise ValueError("the kernel cannot hold these features")
        for k in range(self.n_own):
            self.columns[k] = LINE_FEATURES[names[k]]
        for k in range(self.n_scaled):
            self.scaled_at[k] = scaled_at[k]
        self.n_terminal = _codes("".join(terminal), self.terminal, MAX_CODES)
        self.n_path_marks = _codes(path_marks, self.path_marks, MAX_CODES)
        for k in range(len(domains)):
            self.domain_length[k] = _codes(domains[k], self.domains[k], MAX_DOMAIN_CHARS)
        self.n_domains = len(domains)
        self.short_words, self.long_words, self.max_columns = short_words, long_words, max_columns
        self.max_distance, self.window = max_distance, window
        self.min_stem_chars, self.stem_chars = min_stem_chars, stem_chars
        self.word_count, self.stems, self.stopword_density = word_count, stems, stopword_density

    cdef bint _domain_at(self, int kind, const void *data, Py_ssize_t n, Py_ssize_t dot) noexcept:
        """``\\w\\.(com|de|…)\\b`` (features.DOMAIN) with its "." at ``dot``."""
        cdef Py_ssize_t d, i, end
        if dot == 0 or not is_word(PyUnicode_READ(kind, data, dot - 1)):
            return False
        for d in range(self.n_domains):
            end = dot + 1 + self.domain_length[d]
            if end > n:
                continue
            for i in range(self.domain_length[d]):
                if PyUnicode_READ(kind, data, dot + 1 + i) != self.domains[d][i]:
                    break
            else:
                if end == n or not is_word(PyUnicode_READ(kind, data, end)):
                    return True
        return False

    cdef bint _mail(self, int kind, const void *data, Py_ssize_t n) noexcept:
        """``features.has_mail_address``: in a word, an "@" after its first character, then "." and a
        word character at least two characters further."""
        cdef Py_ssize_t i, at = -1
        cdef uint32_t c
        cdef bint word_start = True
        for i in range(n):
            c = PyUnicode_READ(kind, data, i)
            if Py_UNICODE_ISSPACE(c):
                word_start, at = True, -1
                continue
            if c == 64 and at < 0 and not word_start:  # "@"
                at = i
            elif c == 46 and at >= 0 and i >= at + 2 and i + 1 < n and is_word(PyUnicode_READ(kind, data, i + 1)):
                return True
            word_start = False
        return False

    cdef void _scan(self, str text, Scan *scan) noexcept:
        """What the features measure of a stripped line's characters, in one pass over them."""
        cdef int kind = PyUnicode_KIND(text)
        cdef const void *data = PyUnicode_DATA(text)
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
        if kind == 1:
            _scan_units(self, <const uint8_t *>data, n, kind, data, scan)
        elif kind == 2:
            _scan_units(self, <const uint16_t *>data, n, kind, data, scan)
        else:
            _scan_units(self, <const uint32_t *>data, n, kind, data, scan)
        scan.link = scan.link or (scan.at and self._mail(kind, data, n))
        scan.cells = cell_gaps(kind, data, n, self.max_columns) if scan.cells else 0
        scan.ends_sentence = n > 0 and in_codes(PyUnicode_READ(kind, data, n - 1), self.terminal, self.n_terminal)

    def measure(self, str text):
        """What this measures of a stripped line alone, for the tests: whether it ends a sentence,
        looks like a link or holds a mail address, its table cells (at most ``max_columns``), its
        letters, capitals and digits, and its CJK characters."""
        cdef Scan scan
        self._scan(text, &scan)
        return (scan.ends_sentence, scan.link, scan.cells, (scan.letters, scan.capitals, scan.digits), scan.cjk)

    def rows(self, list texts, list words, list indices, list lines, proposals, article, list listed, list shapes,
             stopwords):
        """``features.document_features``' rows, as Rows: for each of a document's lines (``texts``, stripped;
        ``words``, their ``text.words``; ``indices``, their places in ``lines``, the document's) whether
        it is proposed (in ``proposals``), body, one of the article's lists (``article``), a list item
        (``listed``) and its shape. A line's word count, stopword density (in ``stopwords``) and
        relatedness are measured here from its words, but for a line with CJK characters
        (``word_count``) or mostly CJK (``article.relatedness``), and for a body line, whose stems
        and density the article has measured already (``stems``, ``stopword_density``: the memos,
        keyed by the document's line as the article asked them)."""
        cdef Py_ssize_t n = len(texts), k, i, c, lo, hi, first = -1, last = -1, n_body = 0, total = 0, running, stop
        cdef Py_ssize_t dist_previous, dist_next
        cdef double share, length, scale, density
        cdef bint cjk
        cdef object index
        cdef double values[N_FEATURES]
        cdef Rows found = Rows()
        cdef double *row
        cdef str text
        cdef tuple found_words
        cdef set own = set()
        cdef object line, body_stems
        cdef object relatedness, vocabulary = article.vocabulary, body = article.body, lists = article.lists
        cdef Scan scan
        for column in (words, indices, listed, shapes):  # ``lines``: the document's, indexed by ``indices``
            if len(column) != n:
                raise ValueError("the lines' measures differ in number")
        # Per line: words, body, proposed, list item, ends with ":", announced, the body line at or before
        # it and at or after it (-1: none), body words before it, its run of short lines; body lines
        # before each line (n + 1).
        cdef Py_ssize_t *ints = <Py_ssize_t *>calloc(10 * n + 1, sizeof(Py_ssize_t))
        if ints == NULL:
            raise MemoryError()
        cdef Py_ssize_t *counts = ints + 0 * n
        cdef Py_ssize_t *is_body = ints + 1 * n
        cdef Py_ssize_t *is_proposed = ints + 2 * n
        cdef Py_ssize_t *is_list = ints + 3 * n
        cdef Py_ssize_t *colon = ints + 4 * n
        cdef Py_ssize_t *announced = ints + 5 * n
        cdef Py_ssize_t *previous = ints + 6 * n
        cdef Py_ssize_t *following = ints + 7 * n
        cdef Py_ssize_t *before = ints + 8 * n
        cdef Py_ssize_t *runs = ints + 9 * n
        cdef Py_ssize_t *body_prefix = <Py_ssize_t *>calloc(n + 1, sizeof(Py_ssize_t))
        cdef Scan *scans = <Scan *>malloc(max(n, 1) * sizeof(Scan))
        try:
            if body_prefix == NULL or scans == NULL:
                raise MemoryError()
            for k in range(n):
                text = texts[k]
                self._scan(text, &scans[k])
                counts[k] = len(<tuple>words[k]) if not scans[k].cjk else self.word_count(text)
                index = indices[k]
                is_body[k], is_proposed[k], is_list[k] = index in body, index in proposals, bool(listed[k])
                colon[k] = _last(text) == 58  # ":"
                body_prefix[k + 1] = body_prefix[k] + is_body[k]
                if is_body[k]:
                    if first < 0:
                        first = k
                    last = k
                    n_body += 1
                    total += counts[k]
                previous[k] = k if is_body[k] else (previous[k - 1] if k else -1)
                announced[k] = k > 0 and not is_body[k] and (colon[k - 1] or announced[k - 1] != 0)
            total = total or 1
            running = 0
            for k in range(n - 1, -1, -1):
                following[k] = k if is_body[k] else (following[k + 1] if k + 1 < n else -1)
            for k in range(n):
                before[k] = running
                running += counts[k] if is_body[k] else 0
            k = 0
            while k < n:  # the runs of short lines
                if counts[k] >= self.short_words:
                    k += 1
                    continue
                i = k
                while i < n and counts[i] < self.short_words:
                    i += 1
                for c in range(k, i):
                    runs[c] = i - k
                k = i
            share = <double>n_body / <double>max(n, 1)
            length = log1p(<double>n) / 7.0
            found._resize(n, self.n_own + self.n_scaled)
            found.words = words
            for k in range(n):
                text, c, found_words = texts[k], counts[k], words[k]
                scan = scans[k]
                cjk = scan.cjk * 2 > PyUnicode_GET_LENGTH(text)  # text.is_cjk
                if cjk:
                    density = 0.0
                    relatedness = article.relatedness(text, stopwords, is_body=is_body[k] != 0)
                elif is_body[k]:  # Article.relatedness, from the memos
                    line = lines[indices[k]]
                    density = self.stopword_density(line, stopwords)
                    body_stems = self.stems(line, stopwords)
                    relatedness = (<double>_related(body_stems, vocabulary, True) / <double>len(body_stems)
                                   if body_stems else None)
                else:  # text.stopword_density, article.stems and Article.relatedness, from the line's words
                    own.clear()
                    stop = _stems_of(found_words, stopwords, self.min_stem_chars, self.stem_chars, own, True)
                    density = <double>stop / <double>len(found_words) if found_words else 0.0
                    relatedness = (<double>_related(own, vocabulary, is_body[k] != 0) / <double>len(own)
                                   if own else None)
                dist_previous = min(k - previous[k], self.max_distance) if previous[k] >= 0 else self.max_distance
                dist_next = min(following[k] - k, self.max_distance) if following[k] >= 0 else self.max_distance
                lo, hi = max(0, k - self.window), min(n, k + self.window + 1)
                values[F_BIAS] = 1.0
                values[F_LOG_WORDS] = log1p(<double>c) / 5.0
                values[F_STOPWORD_DENSITY] = density
                values[F_ENDS_SENTENCE] = scan.ends_sentence
                values[F_SHORT] = c < self.short_words
                values[F_LONG] = c >= self.long_words
                values[F_LIST_ITEM] = is_list[k]
                values[F_LINK_LIKE] = scan.link
                values[F_DIGIT_SHARE] = <double>scan.digits / <double>max(PyUnicode_GET_LENGTH(text), 1)
                values[F_UPPER_SHARE] = <double>scan.capitals / <double>scan.letters if scan.letters else 0.0
                values[F_TITLE_CASE] = _title_case_share(found_words)
                values[F_ENDS_WITH_COLON] = colon[k]
                values[F_POSITION] = <double>k / <double>max(n - 1, 1)
                values[F_INSIDE_BODY_SPAN] = n_body > 0 and first <= k <= last
                values[F_DISTANCE_TO_PREVIOUS_BODY] = <double>dist_previous / <double>self.max_distance
                values[F_DISTANCE_TO_NEXT_BODY] = <double>dist_next / <double>self.max_distance
                values[F_BODY_SHARE_NEARBY] = <double>(body_prefix[hi] - body_prefix[lo]) / <double>(hi - lo)
                values[F_BODY_BEFORE] = <double>before[k] / <double>total
                values[F_BODY_AFTER] = 1.0 - <double>(before[k] + (c if is_body[k] else 0)) / <double>total
                values[F_SHORT_RUN] = <double>min(runs[k], self.max_distance) / <double>self.max_distance
                values[F_RELATEDNESS] = 0.5 if relatedness is None else <double>relatedness
                values[F_DROPPED_NEIGHBOURS] = <double>((is_proposed[k - 1] if k > 0 else 0)
                                                        + (is_proposed[k + 1] if k + 1 < n else 0)) / 2.0
                values[F_CJK] = 1.0 if cjk else 0.0
                values[F_DENSITY_X_LENGTH] = density * log1p(<double>c) / 5.0
                values[F_DOCUMENT_BODY_SHARE] = share
                values[F_DOCUMENT_LENGTH] = length
                values[F_AFTER_COLON] = k > 0 and colon[k - 1] != 0
                values[F_LIST_RUN] = is_list[k] != 0 and ((k > 0 and is_list[k - 1] != 0)
                                                          or (k + 1 < n and is_list[k + 1] != 0))
                values[F_BODY_LIKE] = is_body[k]
                values[F_BEFORE_FIRST_BODY] = previous[k] < 0
                values[F_AFTER_LAST_BODY] = following[k] < 0
                values[F_NEXT_TO_BODY] = min(dist_previous, dist_next) <= 1
                values[F_TABLE_ROW] = scan.bars >= 2
                values[F_HEAD_SIZE] = log1p(<double>first) / 5.0 if previous[k] < 0 and n_body else 0.0
                values[F_TAIL_SIZE] = log1p(<double>(n - 1 - last)) / 5.0 if following[k] < 0 and n_body else 0.0
                values[F_IN_ANNOUNCED_LIST] = announced[k]
                values[F_IN_ARTICLE_LIST] = 1.0 if indices[k] in lists else 0.0
                values[F_PROPOSED] = is_proposed[k]
                values[F_SHAPE_REPEATS] = bool(shapes[k]) and ((k > 0 and bool(shapes[k - 1] == shapes[k]))
                                                               or (k + 1 < n and bool(shapes[k + 1] == shapes[k])))
                values[F_COLUMNS] = <double>scan.cells / <double>self.max_columns
                row = found.values + k * found.width
                for i in range(self.n_own):
                    row[i] = values[self.columns[i]]
                scale = 1.0 - share
                for i in range(self.n_scaled):
                    row[self.n_own + i] = row[self.scaled_at[i]] * scale
            return found
        finally:
            free(ints)
            free(body_prefix)
            free(scans)



@cython.final
cdef class Automaton:
    """The rules' literals in one Aho-Corasick automaton over code points (``rules.matcher``): one
    walk over a line gives the bit mask of the rules whose literals occur in it, what the
    matcher's pyahocorasick automaton gives as the union of its hits. ``table``: (literal, mask)
    pairs, the masks below ``1 << n_rules``. ``unfolded``: the characters that case-insensitive
    matching equates with a letter that lower-casing does not give (``matcher.UNFOLDED``)."""

    cdef Py_ssize_t n_nodes, n_words, n_unfolded
    cdef uint32_t unfolded[64]
    cdef int32_t *start  # a node's edges: chars[start[node]:stop[node]] (sorted) to targets[…]
    cdef int32_t *stop
    cdef uint32_t *chars
    cdef int32_t *targets
    cdef int32_t *fail
    cdef uint64_t *masks  # n_words a node: the rules of the literals that end there, or at a suffix of it
    cdef bint *emits  # whether a node's masks hold any
    cdef int32_t root_ascii[128]

    def __cinit__(self, table, Py_ssize_t n_rules, str unfolded=""):
        cdef Py_ssize_t size = 1 + sum(len(literal) for literal, _ in table), node, k, w, e, child, end, f
        cdef uint32_t c
        if len(unfolded) > 64:
            raise ValueError("the kernel holds 64 unfolded characters at most")
        for k, ch in enumerate(unfolded):
            self.unfolded[k] = ord(ch)
        self.n_unfolded = len(unfolded)
        self.n_words = max(1, (n_rules + 63) // 64)
        self.start = <int32_t *>malloc(size * sizeof(int32_t))
        self.stop = <int32_t *>malloc(size * sizeof(int32_t))
        self.chars = <uint32_t *>malloc(size * sizeof(uint32_t))
        self.targets = <int32_t *>malloc(size * sizeof(int32_t))
        self.fail = <int32_t *>calloc(size, sizeof(int32_t))
        self.masks = <uint64_t *>calloc(size * self.n_words, sizeof(uint64_t))
        self.emits = <bint *>calloc(size, sizeof(bint))
        # The trie as it is built (first child, next sibling, the char into a node), then breadth first.
        cdef int32_t *child_of = <int32_t *>malloc(size * sizeof(int32_t))
        cdef int32_t *sibling = <int32_t *>malloc(size * sizeof(int32_t))
        cdef uint32_t *char_into = <uint32_t *>malloc(size * sizeof(uint32_t))
        cdef int32_t *queue = <int32_t *>malloc(size * sizeof(int32_t))
        try:
            if not (self.start and self.stop and self.chars and self.targets and self.fail and self.masks
                    and self.emits and child_of and sibling and char_into and queue):
                raise MemoryError()
            child_of[0], self.n_nodes = -1, 1
            for literal, mask in table:
                if mask >> (64 * self.n_words):
                    raise ValueError("a literal's rules are beyond n_rules")
                node = 0
                for ch in literal:
                    c = ord(ch)
                    child = child_of[node]
                    while child >= 0 and char_into[child] != c:
                        child = sibling[child]
                    if child < 0:
                        child = self.n_nodes
                        self.n_nodes += 1
                        child_of[child], char_into[child], sibling[child] = -1, c, child_of[node]
                        child_of[node] = child
                    node = child
                if node:  # an empty literal is none (pyahocorasick refuses it)
                    self.emits[node] = True
                    for w in range(self.n_words):
                        self.masks[node * self.n_words + w] |= <uint64_t>((mask >> (64 * w)) & 0xFFFFFFFFFFFFFFFF)
            # Each node's edges in a row, sorted by char; the nodes in breadth-first order.
            queue[0], end, e = 0, 1, 0
            for k in range(self.n_nodes):
                node = queue[k]
                self.start[node] = e
                child = child_of[node]
                while child >= 0:
                    w = e
                    while w > self.start[node] and self.chars[w - 1] > char_into[child]:
                        self.chars[w], self.targets[w] = self.chars[w - 1], self.targets[w - 1]
                        w -= 1
                    self.chars[w], self.targets[w] = char_into[child], child
                    e += 1
                    queue[end] = child
                    end += 1
                    child = sibling[child]
                self.stop[node] = e
            for k in range(128):
                self.root_ascii[k] = -1
                self.root_ascii[k] = self._child(0, k)
            # Failure links, and the rules they bring, breadth first (a node's link is shallower).
            for k in range(self.n_nodes):
                node = queue[k]
                for e in range(self.start[node], self.stop[node]):
                    child, c = self.targets[e], self.chars[e]
                    f = self.fail[node]
                    while node:
                        w = self._child(f, c)
                        if w >= 0:
                            self.fail[child] = w
                            break
                        if not f:
                            break
                        f = self.fail[f]
                    w = self.fail[child]
                    self.emits[child] = self.emits[child] or self.emits[w]
                    for f in range(self.n_words):
                        self.masks[child * self.n_words + f] |= self.masks[w * self.n_words + f]
        finally:
            free(child_of)
            free(sibling)
            free(char_into)
            free(queue)

    def __dealloc__(self):
        free(self.start)
        free(self.stop)
        free(self.chars)
        free(self.targets)
        free(self.fail)
        free(self.masks)
        free(self.emits)

    cdef inline int32_t _child(self, Py_ssize_t node, uint32_t c) noexcept nogil:
        """The node an edge from ``node`` on ``c`` leads to; -1 for none."""
        cdef Py_ssize_t lo, hi, mid
        if node == 0 and c < 128 and self.root_ascii[c] >= 0:
            return self.root_ascii[c]
        lo, hi = self.start[node], self.stop[node]
        while lo < hi:
            mid = (lo + hi) >> 1
            if self.chars[mid] < c:
                lo = mid + 1
            else:
                hi = mid
        return self.targets[lo] if lo < self.stop[node] and self.chars[lo] == c else -1

    cdef inline Py_ssize_t _step(self, Py_ssize_t node, uint32_t c, uint64_t *union) noexcept nogil:
        """The node after reading ``c`` at ``node``, its rules added to ``union``."""
        cdef int32_t child
        cdef Py_ssize_t w
        while True:
            child = self._child(node, c)
            if child >= 0:
                node = child
                break
            if not node:
                break
            node = self.fail[node]
        if self.emits[node]:
            for w in range(self.n_words):
                union[w] |= self.masks[node * self.n_words + w]
        return node

    def hits(self, str text):
        """The mask of the rules any of whose literals occurs in ``text``, a line as
        ``matcher.scan_form`` folds it (its ASCII capitals are lower-cased here too)."""
        return self._mask(text, False)

    def scan(self, str line, always, everything):
        """``Matcher.scan`` of a line as it is: ``everything`` where it holds an unfolded character,
        else ``always`` and the rules whose literals occur in it as ``matcher.scan_form`` folds it."""
        return self._scan(line, always, everything)

    def scan_all(self, list lines, always, everything):
        """``scan`` of each of a document's lines in one call (``Matcher.scan_all``)."""
        cdef list found = []
        for line in lines:
            found.append(self._scan(line, always, everything))
        return found

    cdef object _scan(self, str line, always, everything):
        # Lower-cased a character at a time, a line folds as ``str.lower`` folds it but for two
        # characters: "İ" (two characters lower-cased; one of the unfolded) and "Σ", whose lower
        # case depends on where it stands in its word (a line holding one is lower-cased by Python).
        cdef int kind = PyUnicode_KIND(line)
        cdef const void *data = PyUnicode_DATA(line)
        cdef Py_ssize_t i
        cdef uint32_t c
        cdef bint sigma = False
        if not PyUnicode_IS_ASCII(line):
            for i in range(PyUnicode_GET_LENGTH(line)):
                c = PyUnicode_READ(kind, data, i)
                if c < 128:
                    continue
                if in_codes(c, self.unfolded, self.n_unfolded):
                    return everything
                sigma = sigma or c == 0x3A3
            if sigma:
                return always | self._mask(line.lower(), False)
        return always | self._mask(line, True)

    cdef object _mask(self, str text, bint fold):
        """The rules whose literals occur in ``text`` read as ``matcher.scan_form`` folds it: runs of
        whitespace one space, none at the ends, ASCII capitals lower-cased, and with ``fold`` every
        other character too (``Py_UNICODE_TOLOWER``)."""
        cdef int kind = PyUnicode_KIND(text)
        cdef const void *data = PyUnicode_DATA(text)
        cdef Py_ssize_t i, w, node = 0
        cdef uint32_t c
        cdef bint space = False, started = False  # a space to read before the next word; a word read
        cdef uint64_t found[8]
        cdef uint64_t *union = found
        if self.n_words > 8:
            union = <uint64_t *>calloc(self.n_words, sizeof(uint64_t))
            if union == NULL:
                raise MemoryError()
        else:
            for w in range(8):
                found[w] = 0
        try:
            for i in range(PyUnicode_GET_LENGTH(text)):
                c = PyUnicode_READ(kind, data, i)
                if Py_UNICODE_ISSPACE(c):
                    space = started
                    continue
                if space:
                    node = self._step(node, 32, union)
                    space = False
                if 65 <= c <= 90:
                    c += 32
                elif fold and c >= 128:
                    c = Py_UNICODE_TOLOWER(c)
                node = self._step(node, c, union)
                started = True
            mask = 0
            for w in range(self.n_words - 1, -1, -1):
                mask = (mask << 64) | union[w]
            return mask
        finally:
            if union != found:
                free(union)


def site_key(str line):
    """``sites.hashing.line_key``, UTF-8 encoded (None for a line with no words): a word character
    (``Py_UNICODE_ISALNUM`` or "_", as sre's ``\\w``) is kept, a decimal digit as "0"; any other
    character separates words, which are joined by single spaces."""
    cdef str folded = line if PyUnicode_IS_ASCII(line) else line.casefold()
    cdef int kind = PyUnicode_KIND(folded)
    cdef const void *data = PyUnicode_DATA(folded)
    cdef Py_ssize_t i, n = PyUnicode_GET_LENGTH(folded), size = 0
    cdef uint32_t c
    cdef bint gap = False
    cdef unsigned char *out = <unsigned char *>malloc(4 * n + 1)
    if out == NULL:
        raise MemoryError()
    try:
        for i in range(n):
            c = PyUnicode_READ(kind, data, i)
            if c < 128:
                if 65 <= c <= 90:  # an ASCII line is folded here (casefold is lower there)
                    c += 32
                elif 48 <= c <= 57:
                    c = 48
                elif not (ASCII_ALNUM[c] or c == 95):
                    gap = size > 0
                    continue
            elif Py_UNICODE_ISDECIMAL(c):
                c = 48
            elif not Py_UNICODE_ISALNUM(c):
                gap = size > 0
                continue
            if gap:
                out[size] = 32
                size += 1
                gap = False
            size += utf8(c, out + size)
        return out[:size] if size else None
    finally:
        free(out)


def has_control_character(str text):
    """Whether ``text`` holds a character trafilatura's repair of a page removes (a code point below
    32 but tab, line feed and carriage return; U+FFFE, U+FFFF): ``inputs.extraction.CONTROL_CHARS``,
    in one pass over a page rather than one a character."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t i, n = PyUnicode_GET_LENGTH(text)
    cdef uint32_t c
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        if (c < 32 and c != 9 and c != 10 and c != 13) or c == 0xFFFE or c == 0xFFFF:
            return True
    return False
