/* _text_marks.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The marks table, made once by marks_table()
   from learned.marks's tables, and may_marks(): which of the price, code and forum
   patterns can match a block, in one pass. */

/* What may_marks looks for, made once by marks_table() from learned.marks's tables (its
   one source of truth) and handed back in on every call, in a capsule. A character
   below 256 has its marks by table: a code mark alone (CODE_MARK), the first or the
   second character of a pair of code marks (a bit a pair), a currency sign; signs
   above 255 are listed. Needles are lower-case ASCII words: the price pattern's words
   (kind 1) and the forum pattern's stems (kind 4), by first letter. */
enum { CODE_MARK = 1, CURRENCY = 2 };
enum { MAX_NEEDLES = 64, MAX_NEEDLE = 15, MAX_BY_LETTER = 7, MAX_WIDE = 8, MAX_STARTS = 16 };
typedef struct { char word[MAX_NEEDLE + 1]; unsigned char len, kind; } Needle;
/* A character below 256's marks in one word (`latin`, made of the tables above it by
   pack_latin): the pairs it starts (bits 0-7) and ends (8-15), a lone code mark
   (LATIN_CODE), a currency sign (LATIN_CURRENCY), and the character str.lower() gives
   the needles' reading of it (bits 24-30: an ASCII letter's lower case, 1 for every
   other character above 127). One load a character, where the scan read three tables. */
enum { LATIN_CODE = 1u << 16, LATIN_CURRENCY = 1u << 17 };
typedef struct {
    unsigned char marks[256], pair_first[256], pair_second[256];
    uint32_t latin[256];
    Py_UCS4 wide_currency[MAX_WIDE], wide_low, wide_high; /* the signs above 255, and their range */
    int n_wide, n_needles, n_starts;
    unsigned char start_first[128]; /* the first characters of the code starts */
    Needle needles[MAX_NEEDLES], starts[MAX_STARTS];
    /* The kinds of the needles that start with two characters (both below 128, as the
       folded text's are): a needle is compared where its first two letters are, where
       testing every needle of a line's every letter compared some for nearly every one. */
    unsigned char by_pair[128][128];
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
        if ((unsigned char)chars[k] < 32 || chars[k] == 127) {
            PyErr_SetString(PyExc_ValueError, "marks_table() takes words of printable characters");
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
        if (e->len < 2) {
            PyErr_SetString(PyExc_ValueError, "marks_table() takes needles of two characters or more");
            return 0;
        }
        e->kind = kind;
        unsigned char first = (unsigned char)e->word[0];
        int k = 0;
        while (t->by_letter[first][k] >= 0) k++;
        if (k == MAX_BY_LETTER) {
            PyErr_SetString(PyExc_ValueError, "marks_table(): too many needles with one first letter");
            return 0;
        }
        t->by_letter[first][k] = (signed char)t->n_needles++;
        t->by_pair[first][(unsigned char)e->word[1]] |= kind;
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
            if (t->n_wide == 1 || c < t->wide_low) t->wide_low = c;
            if (c > t->wide_high) t->wide_high = c;
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

/* The table's `latin` words, of its marks, pairs and ASCII's lower case. */
static void pack_latin(MarksTable *t) {
    for (unsigned c = 0; c < 256; c++) {
        uint32_t low = c < 128 ? (uint32_t)Py_TOLOWER(c) : 1u;
        t->latin[c] = t->pair_first[c] | (uint32_t)t->pair_second[c] << 8 |
                      ((t->marks[c] & CODE_MARK) ? LATIN_CODE : 0u) | ((t->marks[c] & CURRENCY) ? LATIN_CURRENCY : 0u) |
                      low << 24;
    }
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
        Needle *w = &t->starts[t->n_starts++];
        if (!ascii_word(PySequence_Fast_GET_ITEM(seqs[2], i), w, 0)) goto done;
        t->start_first[(unsigned char)w->word[0]] = 1;
    }
    pack_latin(t);
    capsule = PyCapsule_New(t, TABLE_NAME, free_table);
done:
    for (int k = 0; k < 4; k++) Py_XDECREF(seqs[k]);
    if (!capsule) PyMem_Free(t);
    return capsule;
}

/* Whether `text` from `start` begins with one of the table's code starts: none where
   its first character starts none (most lines). */
static int starts_with_any(const MarksTable *t, int kind, const void *data, Py_ssize_t n, Py_ssize_t start) {
    if (start >= n) return 0;
    Py_UCS4 first = PyUnicode_READ(kind, data, start);
    if (first >= 128 || !t->start_first[first]) return 0;
    for (int s = 0; s < t->n_starts; s++) {
        const Needle *w = &t->starts[s];
        Py_ssize_t k = 0;
        if (start + w->len > n) continue;
        while (k < w->len && PyUnicode_READ(kind, data, start + k) == (Py_UCS4)(unsigned char)w->word[k]) k++;
        if (k == w->len) return 1;
    }
    return 0;
}

/* What a character reads as to the needles (str.lower()'s reading, as `latin` has it
   for those below 256): an ASCII letter's lower case, 'k' for the Kelvin sign, 1 for
   every other character above 127 (none is a letter of the needles). */
static inline unsigned folded_at(const MarksTable *t, int kind, const void *data, Py_ssize_t j) {
    Py_UCS4 c = PyUnicode_READ(kind, data, j);
    return c < 256 ? t->latin[c] >> 24 : c == 0x212a ? 'k' : 1u;
}

/* The kinds (of `kinds`) of the needles that start at `s` of the text (n characters),
   whose first two characters fold to c and d: each compared from its third on, read
   and folded where it stands (no folded copy of the text is made). */
static int needles_at(const MarksTable *t, int kind, const void *data, Py_ssize_t n, Py_ssize_t s, unsigned c,
                      unsigned d, int kinds) {
    int got = 0;
    for (const signed char *k = t->by_letter[c]; *k >= 0; k++) {
        const Needle *e = &t->needles[*k];
        if (!(e->kind & kinds) || (unsigned char)e->word[1] != d || s + e->len > n) continue;
        int q = 2;
        while (q < e->len && folded_at(t, kind, data, s + q) == (unsigned char)e->word[q]) q++;
        if (q == e->len) got |= e->kind;
    }
    return got;
}

/* What may_marks finds in its one pass over a text: the OR of its characters' `latin`
   words (`seen`: a lone code mark, a currency sign), whether a pair of code marks is
   there (`pairs`), a character above 255 that is a currency sign or one that folds
   apart from the needles' reading (U+0130, U+0131, U+017F: `unfoldable`), the pairs
   the last character starts (`prev`), the kinds of needles still looked for (`want`)
   and found (`got`), and the folded reading of the last character (`last`). */
struct scan { uint32_t seen, pairs; int wide_currency, unfoldable; uint32_t prev; int want, got; unsigned last; };

/* The marks of character c above 255, updating st. */
static inline void scan_wide(const MarksTable *t, struct scan *st, Py_UCS4 c) {
    if (c == 0x130 || c == 0x131 || c == 0x17f) {
        st->unfoldable = 1;
    } else {
        for (int k = 0; c >= t->wide_low && c <= t->wide_high && k < t->n_wide; k++)
            st->wide_currency |= t->wide_currency[k] == c;
    }
    st->prev = 0;
}

/* The marks of character c below 256, updating st: the bits it ends a pair of, of
   those the character before starts, and the pairs it starts. */
#define SCAN_LATIN(e)                                    \
    do {                                                 \
        st.seen |= (e);                                  \
        st.pairs |= ((e) >> 8) & st.prev;                \
        st.prev = (e) & 0xffu;                           \
    } while (0)

/* The character at i folded to `low` (below 128), after the one before folded to
   st.last: the needles whose first two characters those are, looked for there (most
   pairs start none: one lookup in `by_pair`). */
#define SCAN_PAIR(low)                                                                        \
    do {                                                                                      \
        int kinds_ = t->by_pair[st.last][(low)] & st.want;                                    \
        if (kinds_) {                                                                         \
            st.got |= needles_at(t, kind, data, n, i - 1, st.last, (low), kinds_);            \
            st.want &= ~st.got;                                                               \
        }                                                                                     \
        st.last = (low);                                                                      \
    } while (0)

/* One pass over the characters of one width: their marks, and, when asked (`fold`),
   the needles, as the text folds (str.lower() gives an ASCII letter for an ASCII letter
   and for the Kelvin sign alone; U+0130 makes folded() give None, `unfoldable`). The
   first character has no character before it: st.last starts at 0, which no needle
   starts with (marks_table refuses control characters in them). Without folding, the
   first code mark ends it. */
#define SCAN_MARKS(T)                                                                        \
    do {                                                                                     \
        const T *chars = (const T *)data;                                                    \
        if (fold) {                                                                          \
            for (Py_ssize_t i = 0; i < n; i++) {                                             \
                Py_UCS4 c = chars[i];                                                        \
                if (c < 256) {                                                               \
                    uint32_t e = t->latin[c];                                                \
                    SCAN_LATIN(e);                                                           \
                    SCAN_PAIR(e >> 24);                                                      \
                } else {                                                                     \
                    scan_wide(t, &st, c);                                                    \
                    SCAN_PAIR(c == 0x212a ? 'k' : 1u);                                       \
                }                                                                            \
            }                                                                                \
        } else {                                                                             \
            for (Py_ssize_t i = 0; i < n; i++) {                                             \
                Py_UCS4 c = chars[i];                                                        \
                if (c < 256) {                                                               \
                    uint32_t e = t->latin[c];                                                \
                    SCAN_LATIN(e);                                                           \
                    if ((st.seen & LATIN_CODE) || st.pairs) break;                           \
                } else {                                                                     \
                    scan_wide(t, &st, c);                                                    \
                }                                                                            \
            }                                                                                \
        }                                                                                    \
    } while (0)

PyDoc_STRVAR(may_marks_doc,
"may_marks(table, text, price, forum)\n\n"
"learned.marks._may_marks_in_python(text, price, forum), by the tables of marks_table():\n"
"1 where the price pattern may match (asked only when price), 2 where the code\n"
"pattern may, 4 where the forum pattern may (asked only when forum).");

/* may_marks' bits of `text` (a str) by table t (never an error: -1 is kept for one). */
static long marks_bits(const MarksTable *t, PyObject *text, int price, int forum) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    int code, currency, unfoldable, fold = price || forum;
    struct scan st = {0, 0, 0, 0, 0, (price ? 1 : 0) | (forum ? 4 : 0), 0, 0};
    switch (kind) {
    case PyUnicode_1BYTE_KIND: SCAN_MARKS(Py_UCS1); break;
    case PyUnicode_2BYTE_KIND: SCAN_MARKS(Py_UCS2); break;
    default: SCAN_MARKS(Py_UCS4); break;
    }
    code = (st.seen & LATIN_CODE) || st.pairs;
    currency = (st.seen & LATIN_CURRENCY) || st.wide_currency;
    unfoldable = st.unfoldable;
    if (!code) {
        Py_ssize_t start = 0;
        while (start < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start))) start++;
        code = starts_with_any(t, kind, data, n, start);
    }
    long bits = code ? 2 : 0;
    if (price && (unfoldable || currency)) bits |= 1;
    if (forum && unfoldable) bits |= 4;
    int wanted = (price && !(bits & 1) ? 1 : 0) | (forum && !(bits & 4) ? 4 : 0);
    return bits | (st.got & wanted);
}

static PyObject *may_marks(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    const MarksTable *t = table_of(args, nargs, 4, TABLE_NAME, "may_marks() needs a table, a str and two flags");
    if (!t) return NULL;
    int price = PyObject_IsTrue(args[2]), forum = PyObject_IsTrue(args[3]);
    if (price < 0 || forum < 0) return NULL;
    long bits = marks_bits(t, args[1], price, forum);
    return bits < 0 ? NULL : PyLong_FromLong(bits);
}
