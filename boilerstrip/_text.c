/* Loops over every character of a page, in C.

- words(text): lang.split_words, the runs of letters and digits that lang.WORD_RE
  ([^\W_]+) finds. Features and language detection split every block into words; the
  Python split makes a str for every white-space piece, then strips and tests it. Here
  a str is made only for each word.
- utf8_valid(data): decode.is_utf8, whether bytes are strict UTF-8, as Python's decoder
  says, without decoding them into a str.
- line_columns(blocks, marks, missing, lo, hi): learned.linerows._line_columns_in_python's
  ten columns in one call, a float made a value and no tuple a line: the lines'
  capitals, digits and commas (learned.linerows._line_shape is the Python reference:
  features.cap_ratio, features.digit_ratio and three str.count, here in one pass and
  without the list of every word's initial that the patterns' findall makes: on a text
  dump they were a fifth of the model's time), cues, word lengths, symbols, colons and
  marks.
- cadence(shapes, kept, max_period): learned.cadence.cadence by feature (five lists), its
  Python reference; the scan over every period and line was a tenth of the model's
  time in compiled Python.
- count(text, stop, cues): features._count_in_python's (words, stop words, cue words,
  a digit) of a lower-cased block in one pass over its words: no list of them, no
  second pass for the cue words, no search of a pattern for a digit.
- count_in(table, text): count(text, stop, cues) without a str a word: the words are
  looked up in words_table(stop, cues), a table of the two sets' characters made once
  a stop list (features.py holds one for each of lang's lists), as they are read.
- may_marks(table, text, price, forum): learned.marks._may_marks_in_python's bits, which of
  the price, code and forum patterns can match a block at all, in one call instead of
  some twenty substring tests and a lower-cased copy; `table` is marks_table()'s, made
  once from learned.marks's own tables of currency signs, words, marks and stems.

tests/test_text.py holds them to WORD_RE.findall and to bytes.decode. The package works
without this module (lang.py and decode.py do the same in Python).
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* ASCII letters and digits: what Py_UNICODE_ISALNUM says below 128, by table. */
static unsigned char ASCII_ALNUM[128];

static inline int is_alnum(Py_UCS4 c) {
    return c < 128 ? ASCII_ALNUM[c] : Py_UNICODE_ISALNUM(c);
}

PyDoc_STRVAR(words_doc,
"words(text)\n\n"
"The runs of letters and digits in text, in order: lang.WORD_RE.findall(text).");

static PyObject *words(PyObject *module, PyObject *text) {
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "words() needs a str, not %.100s", Py_TYPE(text)->tp_name);
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    while (i < n) {
        while (i < n && !is_alnum(PyUnicode_READ(kind, data, i))) i++;
        if (i >= n) break;
        Py_ssize_t start = i;
        while (i < n && is_alnum(PyUnicode_READ(kind, data, i))) i++;
        PyObject *word = PyUnicode_Substring(text, start, i);
        if (!word || PyList_Append(out, word) < 0) {
            Py_XDECREF(word);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(word);
    }
    return out;
}

PyDoc_STRVAR(count_doc,
"count(text, stop, cues)\n\n"
"(len(ws), stop words in ws, cues.intersection(ws), whether a word holds a digit)\n"
"for ws = words(text): features._count_in_python, in one pass.");

/* The empty frozenset count() gives a text without cue words: immutable, made once. */
static PyObject *NO_CUES;

/* count()'s tuple, taking the reference to `hits` (NULL: no cue word). */
static PyObject *counted(Py_ssize_t found, Py_ssize_t stops, PyObject *hits, int digit) {
    if (!hits) hits = Py_NewRef(NO_CUES);
    PyObject *a = PyLong_FromSsize_t(found), *b = PyLong_FromSsize_t(stops);
    PyObject *out = a && b ? PyTuple_Pack(4, a, b, hits, digit ? Py_True : Py_False) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_DECREF(hits);
    return out;
}

static PyObject *count(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyAnySet_Check(args[1]) || !PyAnySet_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "count() needs a str, a set of stop words and a set of cue words");
        return NULL;
    }
    PyObject *text = args[0], *stop = args[1], *cues = args[2], *hits = NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, found = 0, stops = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    int digit = 0, any_stop = PySet_GET_SIZE(stop) > 0;
    while (i < n) {
        while (i < n && !is_alnum(PyUnicode_READ(kind, data, i))) i++;
        if (i >= n) break;
        Py_ssize_t start = i;
        while (i < n) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (!is_alnum(c)) break;
            if (!digit) digit = c < 128 ? (c >= '0' && c <= '9') : Py_UNICODE_ISDECIMAL(c);
            i++;
        }
        found++;
        PyObject *word = PyUnicode_Substring(text, start, i);
        if (!word) goto fail;
        int is_stop = any_stop ? PySet_Contains(stop, word) : 0;
        int is_cue = is_stop < 0 ? -1 : PySet_Contains(cues, word);
        if (is_cue > 0 && !hits) {
            hits = PyFrozenSet_New(NULL);
            if (!hits) is_cue = -1;
        }
        if (is_cue < 0 || (is_cue && PySet_Add(hits, word) < 0)) {
            Py_DECREF(word);
            goto fail;
        }
        stops += is_stop;
        Py_DECREF(word);
    }
    return counted(found, stops, hits, digit);
fail:
    Py_XDECREF(hits);
    return NULL;
}

/* The table in the capsule args[0] (of `name`) of a call of `want` arguments whose
   second is a str; NULL with an exception set (`usage` for the wrong arguments). */
static const void *table_of(PyObject *const *args, Py_ssize_t nargs, Py_ssize_t want, const char *name,
                            const char *usage) {
    if (nargs != want || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, usage);
        return NULL;
    }
    return PyCapsule_GetPointer(args[0], name);
}

/* The stop words and cue words count_in() looks words up in, made once a stop list by
   words_table() from the very sets features.py holds (their one source of truth) and
   handed back in on every call, in a capsule: an open-addressing table of the words'
   characters, hashed as they are read, so that a word is looked up without making a
   str of it (count() makes one a word and hashes it twice). */
enum { IS_STOP = 1, IS_CUE = 2 };
typedef struct { uint32_t hash, start, len; unsigned char flags; } Slot;
typedef struct { uint32_t mask; Slot *slots; Py_UCS4 *pool; } WordTable;

static const char *const WORDS_NAME = "boilerstrip._text.WordTable";

static void free_words(PyObject *capsule) { PyMem_Free(PyCapsule_GetPointer(capsule, WORDS_NAME)); }

#define FNV_START 2166136261u
static inline uint32_t fnv_step(uint32_t h, Py_UCS4 c) { return (h ^ (uint32_t)c) * 16777619u; }

/* Whether slot e holds the word of `len` characters of (kind, data) at `start`, hashed h. */
static inline int holds(const WordTable *t, const Slot *e, uint32_t h, int kind, const void *data,
                        Py_ssize_t start, Py_ssize_t len) {
    if (e->hash != h || e->len != (uint32_t)len) return 0;
    const Py_UCS4 *w = t->pool + e->start;
    for (Py_ssize_t k = 0; k < len; k++)
        if (w[k] != PyUnicode_READ(kind, data, start + k)) return 0;
    return 1;
}

/* The flags of the word of `len` characters of (kind, data) at `start`, hashed h; 0
   for a word in neither set. */
static unsigned char table_flags(const WordTable *t, uint32_t h, int kind, const void *data, Py_ssize_t start,
                                 Py_ssize_t len) {
    for (uint32_t i = h & t->mask; t->slots[i].len; i = (i + 1) & t->mask)
        if (holds(t, &t->slots[i], h, kind, data, start, len)) return t->slots[i].flags;
    return 0;
}

/* A str of a set into the table with `flag` (the empty str, never a word, left out). */
static void table_add(WordTable *t, PyObject *word, unsigned char flag, uint32_t *used) {
    Py_ssize_t len = PyUnicode_GET_LENGTH(word);
    if (!len) return;
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    uint32_t h = FNV_START, i;
    for (Py_ssize_t k = 0; k < len; k++) h = fnv_step(h, PyUnicode_READ(kind, data, k));
    for (i = h & t->mask; t->slots[i].len; i = (i + 1) & t->mask) {
        if (holds(t, &t->slots[i], h, kind, data, 0, len)) {
            t->slots[i].flags |= flag; /* a word of both sets */
            return;
        }
    }
    Slot *e = &t->slots[i];
    e->hash = h, e->start = *used, e->len = (uint32_t)len, e->flags = flag;
    for (Py_ssize_t k = 0; k < len; k++) t->pool[*used + k] = PyUnicode_READ(kind, data, k);
    *used += (uint32_t)len;
}

PyDoc_STRVAR(words_table_doc,
"words_table(stop, cues)\n\n"
"What count_in looks words up in, made once from a set of stop words and a set of cue\n"
"words (sets of str).");

static PyObject *words_table(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *sets[2], *lists[2] = {NULL, NULL}, *capsule = NULL;
    if (!PyArg_ParseTuple(args, "O!O!", &PyFrozenSet_Type, &sets[0], &PyFrozenSet_Type, &sets[1])) return NULL;
    size_t words = 0, chars = 0;
    for (int s = 0; s < 2; s++) {
        if (!(lists[s] = PySequence_List(sets[s]))) goto done;
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lists[s]); i++) {
            PyObject *w = PyList_GET_ITEM(lists[s], i);
            if (!PyUnicode_Check(w)) {
                PyErr_SetString(PyExc_TypeError, "words_table() takes sets of str");
                goto done;
            }
            words++;
            chars += (size_t)PyUnicode_GET_LENGTH(w);
        }
    }
    if (chars >= UINT32_MAX / 2 || words >= (1u << 28)) {
        PyErr_SetString(PyExc_ValueError, "words_table(): too many words");
        goto done;
    }
    uint32_t size = 8;
    while (size < 2 * words + 2) size <<= 1;
    WordTable *t = PyMem_Calloc(1, sizeof(WordTable) + size * sizeof(Slot) + (chars + 1) * sizeof(Py_UCS4));
    if (!t) {
        PyErr_NoMemory();
        goto done;
    }
    t->mask = size - 1;
    t->slots = (Slot *)(t + 1);
    t->pool = (Py_UCS4 *)(t->slots + size);
    uint32_t used = 0;
    for (int s = 0; s < 2; s++)
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lists[s]); i++)
            table_add(t, PyList_GET_ITEM(lists[s], i), s ? IS_CUE : IS_STOP, &used);
    capsule = PyCapsule_New(t, WORDS_NAME, free_words);
    if (!capsule) PyMem_Free(t);
done:
    Py_XDECREF(lists[0]);
    Py_XDECREF(lists[1]);
    return capsule;
}

PyDoc_STRVAR(count_in_doc,
"count_in(table, text)\n\n"
"count(text, stop, cues) for the sets words_table(stop, cues) was made of: the same\n"
"tuple, the cue words in the same order.");

static PyObject *count_in(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    const WordTable *t = table_of(args, nargs, 2, WORDS_NAME, "count_in() needs a table and a str");
    if (!t) return NULL;
    PyObject *text = args[1], *hits = NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, found = 0, stops = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    int digit = 0;
    while (i < n) {
        while (i < n && !is_alnum(PyUnicode_READ(kind, data, i))) i++;
        if (i >= n) break;
        Py_ssize_t start = i;
        uint32_t h = FNV_START;
        while (i < n) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (!is_alnum(c)) break;
            if (!digit) digit = c < 128 ? (c >= '0' && c <= '9') : Py_UNICODE_ISDECIMAL(c);
            h = fnv_step(h, c);
            i++;
        }
        found++;
        unsigned char flags = table_flags(t, h, kind, data, start, i - start);
        stops += (flags & IS_STOP) != 0;
        if (!(flags & IS_CUE)) continue;
        PyObject *word = PyUnicode_Substring(text, start, i);
        if (!word) goto fail;
        if (!hits && !(hits = PyFrozenSet_New(NULL))) {
            Py_DECREF(word);
            goto fail;
        }
        int added = PySet_Add(hits, word);
        Py_DECREF(word);
        if (added < 0) goto fail;
    }
    return counted(found, stops, hits, digit);
fail:
    Py_XDECREF(hits);
    return NULL;
}

/* What may_marks looks for, made once by marks_table() from learned.marks's tables (its
   one source of truth) and handed back in on every call, in a capsule. A character
   below 256 has its marks by table: a code mark alone (CODE_MARK), the first or the
   second character of a pair of code marks (a bit a pair), a currency sign; signs
   above 255 are listed. Needles are lower-case ASCII words: the price pattern's words
   (kind 1) and the forum pattern's stems (kind 4), by first letter. */
enum { CODE_MARK = 1, CURRENCY = 2 };
enum { MAX_NEEDLES = 64, MAX_NEEDLE = 15, MAX_BY_LETTER = 7, MAX_WIDE = 8, MAX_STARTS = 16 };
typedef struct { char word[MAX_NEEDLE + 1]; unsigned char len, kind; } Needle;
typedef struct {
    unsigned char marks[256], pair_first[256], pair_second[256];
    Py_UCS4 wide_currency[MAX_WIDE];
    int n_wide, n_needles, n_starts;
    Needle needles[MAX_NEEDLES], starts[MAX_STARTS];
    unsigned char first_letters[128];
    signed char by_letter[128][MAX_BY_LETTER + 1];
} MarksTable;

static const char *const TABLE_NAME = "boilerstrip._text.MarksTable";

static void free_table(PyObject *capsule) { PyMem_Free(PyCapsule_GetPointer(capsule, TABLE_NAME)); }

/* An ASCII word of `seq` at `i` into `out` (lower case when `lower`); 0 and an error if
   it is not one of at most MAX_NEEDLE characters. */
static int ascii_word(PyObject *item, Needle *out, int lower) {
    if (!PyUnicode_Check(item) || !PyUnicode_IS_ASCII(item) || PyUnicode_GET_LENGTH(item) < 1 ||
        PyUnicode_GET_LENGTH(item) > MAX_NEEDLE) {
        PyErr_SetString(PyExc_ValueError, "marks_table() takes ASCII words of 1 to 15 characters");
        return 0;
    }
    const char *chars = (const char *)PyUnicode_DATA(item);
    out->len = (unsigned char)PyUnicode_GET_LENGTH(item);
    for (int k = 0; k < out->len; k++) {
        if (lower && chars[k] != Py_TOLOWER(chars[k])) {
            PyErr_SetString(PyExc_ValueError, "marks_table() takes needles in lower case");
            return 0;
        }
        out->word[k] = chars[k];
    }
    out->word[out->len] = 0;
    return 1;
}

/* The needles of one kind into the table, by first letter. */
static int add_needles(MarksTable *t, PyObject *seq, unsigned char kind) {
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (t->n_needles == MAX_NEEDLES) {
            PyErr_SetString(PyExc_ValueError, "marks_table(): too many needles");
            return 0;
        }
        Needle *e = &t->needles[t->n_needles];
        if (!ascii_word(PySequence_Fast_GET_ITEM(seq, i), e, 1)) return 0;
        e->kind = kind;
        unsigned char first = (unsigned char)e->word[0];
        int k = 0;
        while (t->by_letter[first][k] >= 0) k++;
        if (k == MAX_BY_LETTER) {
            PyErr_SetString(PyExc_ValueError, "marks_table(): too many needles with one first letter");
            return 0;
        }
        t->by_letter[first][k] = (signed char)t->n_needles++;
        t->first_letters[first] |= kind;
    }
    return 1;
}

/* Each character of `signs` marked CURRENCY (listed when above 255). */
static int add_currency(MarksTable *t, PyObject *signs) {
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(signs); i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(signs, i);
        if (c < 256) {
            t->marks[c] |= CURRENCY;
        } else if (t->n_wide < MAX_WIDE) {
            t->wide_currency[t->n_wide++] = c;
        } else {
            PyErr_SetString(PyExc_ValueError, "marks_table(): too many currency signs above U+00FF");
            return 0;
        }
    }
    return 1;
}

/* The code pattern's lone marks and pairs of marks (at most 8 pairs), below 256. */
static int add_code_marks(MarksTable *t, PyObject *chars, PyObject *pairs) {
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(chars); i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(chars, i);
        if (c > 255) goto wide;
        t->marks[c] |= CODE_MARK;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(pairs);
    if (n > 8) {
        PyErr_SetString(PyExc_ValueError, "marks_table(): at most 8 pairs of code marks");
        return 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *pair = PySequence_Fast_GET_ITEM(pairs, i);
        if (!PyUnicode_Check(pair) || PyUnicode_GET_LENGTH(pair) != 2) {
            PyErr_SetString(PyExc_ValueError, "marks_table(): a pair of code marks is two characters");
            return 0;
        }
        Py_UCS4 a = PyUnicode_READ_CHAR(pair, 0), b = PyUnicode_READ_CHAR(pair, 1);
        if (a > 255 || b > 255) goto wide;
        t->pair_first[a] |= (unsigned char)(1u << i);
        t->pair_second[b] |= (unsigned char)(1u << i);
    }
    return 1;
wide:
    PyErr_SetString(PyExc_ValueError, "marks_table(): code marks are below U+0100");
    return 0;
}

PyDoc_STRVAR(marks_table_doc,
"marks_table(currency, price_words, code_marks, code_pairs, code_starts, forum_stems)\n\n"
"What may_marks looks for, made once from learned.marks's tables: currency signs (a str),\n"
"the price pattern's words, the code pattern's lone marks (a str) and pairs of marks,\n"
"the words a line of code may start with, and the forum pattern's stems.");

static PyObject *marks_table(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *currency, *price, *chars, *pairs, *starts, *forum, *seqs[4] = {NULL, NULL, NULL, NULL};
    if (!PyArg_ParseTuple(args, "UOUOOO", &currency, &price, &chars, &pairs, &starts, &forum)) return NULL;
    MarksTable *t = PyMem_Calloc(1, sizeof(MarksTable));
    if (!t) return PyErr_NoMemory();
    memset(t->by_letter, -1, sizeof(t->by_letter));
    PyObject *given[4] = {price, pairs, starts, forum}, *capsule = NULL;
    for (int k = 0; k < 4; k++)
        if (!(seqs[k] = PySequence_Fast(given[k], "marks_table() takes sequences of words"))) goto done;
    if (!add_currency(t, currency) || !add_needles(t, seqs[0], 1) || !add_code_marks(t, chars, seqs[1]) ||
        !add_needles(t, seqs[3], 4))
        goto done;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seqs[2]); i++) {
        if (t->n_starts == MAX_STARTS) {
            PyErr_SetString(PyExc_ValueError, "marks_table(): too many code starts");
            goto done;
        }
        if (!ascii_word(PySequence_Fast_GET_ITEM(seqs[2], i), &t->starts[t->n_starts++], 0)) goto done;
    }
    capsule = PyCapsule_New(t, TABLE_NAME, free_table);
done:
    for (int k = 0; k < 4; k++) Py_XDECREF(seqs[k]);
    if (!capsule) PyMem_Free(t);
    return capsule;
}

/* Whether `text` from `start` begins with one of the table's code starts. */
static int starts_with_any(const MarksTable *t, int kind, const void *data, Py_ssize_t n, Py_ssize_t start) {
    for (int s = 0; s < t->n_starts; s++) {
        const Needle *w = &t->starts[s];
        Py_ssize_t k = 0;
        if (start + w->len > n) continue;
        while (k < w->len && PyUnicode_READ(kind, data, start + k) == (Py_UCS4)(unsigned char)w->word[k]) k++;
        if (k == w->len) return 1;
    }
    return 0;
}

/* The kinds (1, 4) of the needles found in the folded text `low` of length n, of
   those in `wanted`. */
static int needles_in(const MarksTable *t, const char *low, Py_ssize_t n, int wanted) {
    int got = 0;
    for (Py_ssize_t i = 0; i < n && got != wanted; i++) {
        unsigned char c = (unsigned char)low[i];
        if (c >= 128 || !(t->first_letters[c] & wanted & ~got)) continue;
        for (const signed char *k = t->by_letter[c]; *k >= 0; k++) {
            const Needle *e = &t->needles[*k];
            if ((e->kind & wanted & ~got) && i + e->len <= n && memcmp(low + i, e->word, e->len) == 0)
                got |= e->kind;
        }
    }
    return got;
}

/* What may_marks finds in its one pass over a text. */
struct scan { int code, currency, unfoldable; unsigned prev; };

/* The marks of character c, updating st (st->prev: the pairs the character before it
   starts). */
static inline void scan_mark(const MarksTable *t, struct scan *st, Py_UCS4 c) {
    unsigned first = 0;
    if (c < 256) {
        unsigned m = t->marks[c];
        if ((m & CODE_MARK) || (t->pair_second[c] & st->prev)) st->code = 1;
        st->currency |= (m & CURRENCY) != 0;
        first = t->pair_first[c];
    } else if (c == 0x130 || c == 0x131 || c == 0x17f) {
        st->unfoldable = 1;
    } else {
        for (int k = 0; k < t->n_wide; k++) st->currency |= t->wide_currency[k] == c;
    }
    st->prev = first;
}

/* One pass over the characters of one width: their marks, and the text folded into
   `low` when it is asked for (`fold`). str.lower() gives an ASCII letter for an ASCII
   letter and for the Kelvin sign alone (U+0130 makes folded() give None); no other
   character is a letter of the needles. Without folding, the first code mark ends it. */
#define SCAN_MARKS(T)                                                                        \
    do {                                                                                     \
        const T *chars = (const T *)data;                                                    \
        for (Py_ssize_t i = 0; i < n; i++) {                                                 \
            Py_UCS4 c = chars[i];                                                            \
            scan_mark(t, &st, c);                                                            \
            if (fold) low[i] = c < 128 ? (char)Py_TOLOWER(c) : c == 0x212a ? 'k' : '\x01'; \
            else if (st.code) break;                                                         \
        }                                                                                    \
    } while (0)

PyDoc_STRVAR(may_marks_doc,
"may_marks(table, text, price, forum)\n\n"
"learned.marks._may_marks_in_python(text, price, forum), by the tables of marks_table():\n"
"1 where the price pattern may match (asked only when price), 2 where the code\n"
"pattern may, 4 where the forum pattern may (asked only when forum).");

static PyObject *may_marks(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    const MarksTable *t = table_of(args, nargs, 4, TABLE_NAME, "may_marks() needs a table, a str and two flags");
    if (!t) return NULL;
    PyObject *text = args[1];
    int price = PyObject_IsTrue(args[2]), forum = PyObject_IsTrue(args[3]);
    if (price < 0 || forum < 0) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    int code, currency, unfoldable, fold = price || forum;
    char small[512], *low = NULL;
    if (fold) {
        low = n <= (Py_ssize_t)sizeof(small) ? small : PyMem_Malloc((size_t)n + 1);
        if (!low) return PyErr_NoMemory();
    }
    struct scan st = {0, 0, 0, 0};
    switch (kind) {
    case PyUnicode_1BYTE_KIND: SCAN_MARKS(Py_UCS1); break;
    case PyUnicode_2BYTE_KIND: SCAN_MARKS(Py_UCS2); break;
    default: SCAN_MARKS(Py_UCS4); break;
    }
    code = st.code, currency = st.currency, unfoldable = st.unfoldable;
    if (!code) {
        Py_ssize_t start = 0;
        while (start < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start))) start++;
        code = starts_with_any(t, kind, data, n, start);
    }
    long bits = code ? 2 : 0;
    if (price && (unfoldable || currency)) bits |= 1;
    if (forum && unfoldable) bits |= 4;
    int wanted = (price && !(bits & 1) ? 1 : 0) | (forum && !(bits & 4) ? 4 : 0);
    if (wanted) bits |= needles_in(t, low, n, wanted);
    if (low && low != small) PyMem_Free(low);
    return PyLong_FromLong(bits);
}

/* Strict UTF-8 (RFC 3629), as Python's decoder takes it: no overlong forms, no
   surrogates, nothing above U+10FFFF, no sequence cut short. */
static int valid_utf8(const unsigned char *s, Py_ssize_t n) {
    Py_ssize_t i = 0;
    while (i < n) {
        while (i + 8 <= n) { /* ASCII, eight bytes at a time */
            uint64_t block;
            memcpy(&block, s + i, 8);
            if (block & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= n) break;
        unsigned char c = s[i];
        if (c < 0x80) { i++; continue; }
        if (c < 0xC2) return 0;
        if (c < 0xE0) {
            if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80) return 0;
            i += 2;
        } else if (c < 0xF0) {
            if (i + 2 >= n) return 0;
            unsigned char c1 = s[i + 1];
            if ((c1 & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80) return 0;
            if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)) return 0;
            i += 3;
        } else if (c < 0xF5) {
            if (i + 3 >= n) return 0;
            unsigned char c1 = s[i + 1];
            if ((c1 & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80) return 0;
            if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) return 0;
            i += 4;
        } else {
            return 0;
        }
    }
    return 1;
}

PyDoc_STRVAR(utf8_valid_doc,
"utf8_valid(data)\n\n"
"Whether the bytes are strict UTF-8: data.decode('utf-8') would not fail.");

static PyObject *utf8_valid(PyObject *module, PyObject *args) {
    Py_buffer view;
    (void)module;
    if (!PyArg_ParseTuple(args, "y*", &view)) return NULL;
    int valid = valid_utf8((const unsigned char *)view.buf, view.len);
    PyBuffer_Release(&view);
    return PyBool_FromLong(valid);
}

/* What the pattern \w (and \b around it) takes for a word character, as sre does. */
static inline int is_word(Py_UCS4 c) {
    return c < 128 ? (ASCII_ALNUM[c] || c == '_') : Py_UNICODE_ISALNUM(c);
}

/* A line's capitals, digits and commas (learned.linerows._line_shape's numbers). */
typedef struct { double caps, digits; Py_ssize_t commas; } Shape;

/* What a character below 256 is to shape_of, by table (made at import by the same
   Py_UNICODE_* tests the loop of wider texts makes): a one-byte text is read with a
   lookup a character, where the tests cost a line four times as much. */
enum { C_WORD = 1, C_DIGIT = 2, C_UPPER = 4, C_COMMA = 8, C_INITIAL = 16 };
static unsigned char LATIN1_CLASS[256];

static unsigned char char_class(Py_UCS4 c) {
    int word = is_word(c), digit = c < 128 ? (c >= '0' && c <= '9') : Py_UNICODE_ISDECIMAL(c);
    return (unsigned char)((word ? C_WORD : 0) | (digit ? C_DIGIT : 0) | (Py_UNICODE_ISUPPER(c) ? C_UPPER : 0) |
                           (c == ',' || c == 0x3001 || c == 0xff0c ? C_COMMA : 0) |
                           (word && !digit && c != '_' ? C_INITIAL : 0));
}

static Shape shape_of(PyObject *text) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), initials = 0, upper = 0, digits = 0, commas = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    unsigned prev_word = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *chars = data;
        for (Py_ssize_t i = 0; i < n; i++) {
            unsigned k = LATIN1_CLASS[chars[i]];
            digits += (k & C_DIGIT) != 0;
            if ((k & C_INITIAL) && !prev_word) {
                initials++;
                upper += (k & C_UPPER) != 0;
            }
            commas += (k & C_COMMA) != 0;
            prev_word = k & C_WORD;
        }
    } else {
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            unsigned k = c < 256 ? LATIN1_CLASS[c] : char_class(c);
            digits += (k & C_DIGIT) != 0;
            if ((k & C_INITIAL) && !prev_word) {
                initials++;
                upper += (k & C_UPPER) != 0;
            }
            commas += (k & C_COMMA) != 0;
            prev_word = k & C_WORD;
        }
    }
    Shape out = {initials ? (double)upper / (double)initials : 0.0, n ? (double)digits / (double)n : 0.0, commas};
    return out;
}

/* Attribute names line_columns reads, interned once (constant, like ASCII_ALNUM). */
static PyObject *S_TEXT, *S_FEATURES, *S_CHARS, *S_WORDS, *S_CUES;

/* An int attribute of obj as a Py_ssize_t; -1 with an exception set. */
static Py_ssize_t int_attr(PyObject *obj, PyObject *name) {
    PyObject *v = PyObject_GetAttr(obj, name);
    if (!v) return -1;
    Py_ssize_t out = PyLong_Check(v) ? PyLong_AsSsize_t(v) : -1;
    if (out < 0 && !PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "line_columns(): a count is not an int >= 0");
    Py_DECREF(v);
    return out;
}

/* One line's ten values into v: 0 on success, -1 with an exception set. */
static int line_values(PyObject *block, PyObject *mark, double missing, double *v) {
    PyObject *text = PyObject_GetAttr(block, S_TEXT), *f = PyObject_GetAttr(block, S_FEATURES), *cues = NULL;
    int ok = -1;
    if (!text || !f) goto done;
    if (!PyUnicode_Check(text) || !PyTuple_Check(mark) || PyTuple_GET_SIZE(mark) != 3) {
        PyErr_SetString(PyExc_TypeError, "line_columns(): a block's text is not a str or a mark not 3 ints");
        goto done;
    }
    Py_ssize_t chars = int_attr(f, S_CHARS), words = chars < 0 ? -1 : int_attr(f, S_WORDS);
    if (words < 0 || !(cues = PyObject_GetAttr(f, S_CUES))) goto done;
    if (cues != Py_None && !PyAnySet_Check(cues)) {
        PyErr_SetString(PyExc_TypeError, "line_columns(): cues are not a set");
        goto done;
    }
    Shape sh = shape_of(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    v[0] = sh.caps;
    v[1] = sh.digits;
    v[2] = cues == Py_None ? missing : (double)PySet_GET_SIZE(cues);
    v[3] = words ? (double)chars / (double)words : (double)chars;
    v[4] = (double)sh.commas / (double)(words > 1 ? words : 1);
    v[5] = n && Py_UNICODE_ISALNUM(PyUnicode_READ_CHAR(text, 0)) ? 0.0 : 1.0;
    v[6] = n && PyUnicode_READ_CHAR(text, n - 1) == ':' ? 1.0 : 0.0;
    for (int k = 0; k < 3; k++) { /* ints (0 or 1) read as such: PyFloat_AsDouble makes a float of each */
        PyObject *m = PyTuple_GET_ITEM(mark, k);
        v[7 + k] = PyLong_CheckExact(m) ? (double)PyLong_AsLong(m) : PyFloat_AsDouble(m);
        if (v[7 + k] == -1.0 && PyErr_Occurred()) goto done;
    }
    ok = 0;
done:
    Py_XDECREF(text);
    Py_XDECREF(f);
    Py_XDECREF(cues);
    return ok;
}

PyDoc_STRVAR(line_columns_doc,
"line_columns(blocks, marks, missing, lo, hi)\n\n"
"learned.linerows._line_columns_in_python(blocks[lo:hi], marks[lo:hi]): ten lists of the lines'\n"
"capitals, digits, cues (`missing` for None), characters a word, commas a word, a\n"
"leading symbol, a closing colon, and their price, code and forum marks.");

static PyObject *line_columns(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *blocks, *marks;
    double missing;
    Py_ssize_t lo, hi;
    if (!PyArg_ParseTuple(args, "O!O!dnn", &PyList_Type, &blocks, &PyList_Type, &marks, &missing, &lo, &hi))
        return NULL;
    if (PyList_GET_SIZE(marks) != PyList_GET_SIZE(blocks) || lo < 0 || hi < lo || hi > PyList_GET_SIZE(blocks)) {
        PyErr_SetString(PyExc_ValueError, "line_columns(): blocks and marks differ, or lo..hi is out of them");
        return NULL;
    }
    PyObject *out = PyList_New(10);
    if (!out) return NULL;
    for (int c = 0; c < 10; c++) {
        PyObject *column = PyList_New(hi - lo);
        if (!column) goto fail;
        PyList_SET_ITEM(out, c, column);
    }
    for (Py_ssize_t i = lo; i < hi; i++) {
        double v[10];
        if (line_values(PyList_GET_ITEM(blocks, i), PyList_GET_ITEM(marks, i), missing, v) < 0) goto fail;
        for (int c = 0; c < 10; c++) {
            PyObject *x = PyFloat_FromDouble(v[c]);
            if (!x) goto fail;
            PyList_SET_ITEM(PyList_GET_ITEM(out, c), i - lo, x);
        }
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

PyDoc_STRVAR(cadence_doc,
"cadence(shapes, kept, max_period)\n\n"
"learned.cadence.cadence(list(shapes), kept) as five lists of every line's values (period,\n"
"periods before, periods after, share of prose, share of content): `shapes` a bytes\n"
"of every line's coarse shape, `kept` a list of floats, periods of 2 to max_period.");

static PyObject *cadence(PyObject *module, PyObject *args) {
    (void)module;
    Py_buffer view;
    PyObject *kept, *out = NULL;
    Py_ssize_t max_period;
    if (!PyArg_ParseTuple(args, "y*O!n", &view, &PyList_Type, &kept, &max_period)) return NULL;
    const unsigned char *shape = view.buf;
    Py_ssize_t n = view.len;
    Py_ssize_t *best = NULL, *from = NULL, *period = NULL;
    double *prose = NULL, *content = NULL;
    if (PyList_GET_SIZE(kept) != n) {
        PyErr_SetString(PyExc_ValueError, "cadence(): shapes and kept of different lengths");
        goto done;
    }
    size_t size = (size_t)n + 1;
    best = PyMem_Calloc(size, sizeof(Py_ssize_t));
    from = PyMem_Calloc(size, sizeof(Py_ssize_t));
    period = PyMem_Calloc(size, sizeof(Py_ssize_t));
    prose = PyMem_Calloc(size, sizeof(double));
    content = PyMem_Calloc(size, sizeof(double));
    if (!best || !from || !period || !prose || !content) {
        PyErr_NoMemory();
        goto done;
    }
    double p_sum = 0.0, c_sum = 0.0; /* learned.columns.running's sums, in its order */
    for (Py_ssize_t i = 0; i < n; i++) {
        double k = PyFloat_AsDouble(PyList_GET_ITEM(kept, i));
        if (k == -1.0 && PyErr_Occurred()) goto done;
        p_sum += shape[i] ? 1.0 : 0.0;
        c_sum += k;
        prose[i + 1] = p_sum;
        content[i + 1] = c_sum;
    }
    Py_ssize_t top = n / 2 < max_period ? n / 2 : max_period;
    for (Py_ssize_t p = 2; p <= top; p++) {
        Py_ssize_t j = p;
        while (j < n) {
            if (shape[j] != shape[j - p]) {
                j++;
                continue;
            }
            Py_ssize_t a = j;
            while (j < n && shape[j] == shape[j - p]) j++;
            Py_ssize_t start = a - p, length = j - a + p;
            if (j - a < p) continue;
            int mixed = 0; /* not one shape throughout the first period */
            for (Py_ssize_t i = start + 1; i < a && !mixed; i++) mixed = shape[i] != shape[start];
            if (!mixed) continue;
            for (Py_ssize_t i = start; i < j; i++) {
                if (length > best[i]) {
                    best[i] = length;
                    from[i] = start;
                    period[i] = p;
                }
            }
        }
    }
    out = PyList_New(5);
    if (!out) goto done;
    for (Py_ssize_t c = 0; c < 5; c++) {
        PyObject *column = PyList_New(n);
        if (!column) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, c, column);
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        double v[5] = {0.0, 0.0, 0.0, 0.0, 0.0};
        Py_ssize_t length = best[i];
        if (length) {
            Py_ssize_t start = from[i], end = start + length;
            double per = (double)period[i];
            v[0] = per;
            v[1] = (double)(i - start) / per;
            v[2] = (double)(end - 1 - i) / per;
            v[3] = (prose[end] - prose[start]) / (double)length;
            v[4] = (content[end] - content[start]) / (double)length;
        }
        for (Py_ssize_t c = 0; c < 5; c++) {
            PyObject *x = PyFloat_FromDouble(v[c]);
            if (!x) {
                Py_CLEAR(out);
                goto done;
            }
            PyList_SET_ITEM(PyList_GET_ITEM(out, c), i, x);
        }
    }
done:
    PyBuffer_Release(&view);
    PyMem_Free(best);
    PyMem_Free(from);
    PyMem_Free(period);
    PyMem_Free(prose);
    PyMem_Free(content);
    return out;
}

static PyMethodDef methods[] = {
    {"words", words, METH_O, words_doc},
    {"utf8_valid", utf8_valid, METH_VARARGS, utf8_valid_doc},
    {"line_columns", line_columns, METH_VARARGS, line_columns_doc},
    {"cadence", cadence, METH_VARARGS, cadence_doc},
    {"count", (PyCFunction)(void (*)(void))count, METH_FASTCALL, count_doc},
    {"words_table", words_table, METH_VARARGS, words_table_doc},
    {"count_in", (PyCFunction)(void (*)(void))count_in, METH_FASTCALL, count_in_doc},
    {"marks_table", marks_table, METH_VARARGS, marks_table_doc},
    {"may_marks", (PyCFunction)(void (*)(void))may_marks, METH_FASTCALL, may_marks_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "boilerstrip._text", "Loops over every character of a page, in C (see lang.py, decode.py).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__text(void) {
    for (Py_UCS4 c = 0; c < 128; c++) ASCII_ALNUM[c] = (unsigned char)(Py_UNICODE_ISALNUM(c) ? 1 : 0);
    for (Py_UCS4 c = 0; c < 256; c++) LATIN1_CLASS[c] = char_class(c);
    NO_CUES = PyFrozenSet_New(NULL);
    if (!NO_CUES) return NULL;
    PyObject **names[] = {&S_TEXT, &S_FEATURES, &S_CHARS, &S_WORDS, &S_CUES};
    const char *spelled[] = {"text", "features", "chars", "words", "cues"};
    for (int k = 0; k < 5; k++)
        if (!(*names[k] = PyUnicode_InternFromString(spelled[k]))) return NULL;
    return PyModule_Create(&module_def);
}
