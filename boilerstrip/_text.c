/* Loops over every character of a page, in C.

- words(text): lang.split_words, the runs of letters and digits that lang.WORD_RE
  ([^\W_]+) finds. Features and language detection split every block into words; the
  Python split makes a str for every white-space piece, then strips and tests it. Here
  a str is made only for each word.
- utf8_valid(data): decode.is_utf8, whether bytes are strict UTF-8, as Python's decoder
  says, without decoding them into a str.
- line_shape(text): the text keep model's capitals, digits and commas of a line
  (keep._line_shape is the Python reference: features.cap_ratio, features.digit_ratio
  and three str.count), in one pass and without the list of every word's initial that
  the patterns' findall makes: on a text dump they were a fifth of the model's time.
- cadence(shapes, kept, max_period): keep._cadence by feature (five lists), its
  Python reference; the scan over every period and line was a tenth of the model's
  time in compiled Python.
- count(text, stop, cues): features._count_in_python's (words, stop words, cue words,
  a digit) of a lower-cased block in one pass over its words: no list of them, no
  second pass for the cue words, no search of a pattern for a digit.
- may_marks(text, price, forum): pagetype._may_marks_in_python's bits, which of the
  price, code and forum patterns can match a block at all, in one call instead of some
  twenty substring tests and a lower-cased copy.

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
    if (!hits) hits = Py_NewRef(NO_CUES);
    PyObject *a = PyLong_FromSsize_t(found), *b = PyLong_FromSsize_t(stops);
    PyObject *out = a && b ? PyTuple_Pack(4, a, b, hits, digit ? Py_True : Py_False) : NULL;
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_DECREF(hits);
    return out;
fail:
    Py_XDECREF(hits);
    return NULL;
}

/* What may_marks looks for in a character below 256, by table. */
enum { CODE_MARK = 1, OPEN = 2, CLOSE = 4, EQUALS = 8, GREATER = 16, COLON = 32, CURRENCY = 64 };
static unsigned char MARKS[256];

/* The needles of may_marks, lower-case ASCII, by their first letter: the price
   pattern's words (kind 1) and the forum pattern's stems (kind 4). */
typedef struct { const char *word; unsigned char len, kind; } Needle;
static const Needle NEEDLES[] = {
    {"usd", 3, 1}, {"eur", 3, 1}, {"gbp", 3, 1}, {"price", 5, 1},
    {"post", 4, 4}, {"repl", 4, 4}, {"joined", 6, 4}, {"member", 6, 4}, {"views", 5, 4}, {"quote", 5, 4},
    {"thread", 6, 4}, {"topic", 5, 4}, {"answered", 8, 4}, {"asked", 5, 4}, {"vote", 4, 4}, {"like", 4, 4},
    {NULL, 0, 0},
};
/* The needles by first letter: their kinds, and up to three positions in NEEDLES. */
static unsigned char FIRST_LETTERS[128];
static signed char BY_LETTER[128][4];

static const char *const CODE_STARTS[] = {"def", "class", "import", "return", "var", "const", "let",
                                          "function", NULL};

/* Whether `text` from `start` begins with one of `words` (ASCII, case as given). */
static int starts_with_any(int kind, const void *data, Py_ssize_t n, Py_ssize_t start, const char *const *words) {
    for (; *words; words++) {
        Py_ssize_t len = (Py_ssize_t)strlen(*words), k = 0;
        if (start + len > n) continue;
        while (k < len && PyUnicode_READ(kind, data, start + k) == (Py_UCS4)(unsigned char)(*words)[k]) k++;
        if (k == len) return 1;
    }
    return 0;
}

/* The kinds (1, 4) of the needles found in the folded text `low` of length n, of
   those in `wanted`. */
static int needles_in(const char *low, Py_ssize_t n, int wanted) {
    int got = 0;
    for (Py_ssize_t i = 0; i < n && got != wanted; i++) {
        unsigned char c = (unsigned char)low[i];
        if (c >= 128 || !(FIRST_LETTERS[c] & wanted & ~got)) continue;
        for (const signed char *k = BY_LETTER[c]; *k >= 0; k++) {
            const Needle *e = &NEEDLES[*k];
            if ((e->kind & wanted & ~got) && i + e->len <= n && memcmp(low + i, e->word, e->len) == 0)
                got |= e->kind;
        }
    }
    return got;
}

/* What may_marks finds in its one pass over a text. */
struct scan { int code, currency, unfoldable; unsigned prev; };

/* The marks of character c, updating st (the character before it is st->prev). */
static inline void scan_mark(struct scan *st, Py_UCS4 c) {
    unsigned m = 0;
    if (c < 256) {
        m = MARKS[c];
    } else if (c == 0x20ac || c == 0x20b9) {
        m = CURRENCY;
    } else if (c == 0x130 || c == 0x131 || c == 0x17f) {
        st->unfoldable = 1;
    }
    if (m) {
        if ((m & CODE_MARK) || ((m & CLOSE) && (st->prev & OPEN)) || ((m & GREATER) && (st->prev & EQUALS)) ||
            ((m & COLON) && (st->prev & COLON)))
            st->code = 1;
        st->currency |= (m & CURRENCY) != 0;
    }
    st->prev = m;
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
            scan_mark(&st, c);                                                               \
            if (fold) low[i] = c < 128 ? (char)Py_TOLOWER(c) : c == 0x212a ? 'k' : '\x01'; \
            else if (st.code) break;                                                         \
        }                                                                                    \
    } while (0)

PyDoc_STRVAR(may_marks_doc,
"may_marks(text, price, forum)\n\n"
"pagetype._may_marks_in_python(text, price, forum): 1 where the price pattern may match\n"
"(asked only when price), 2 where the code pattern may, 4 where the forum pattern may\n"
"(asked only when forum).");

static PyObject *may_marks(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 3 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "may_marks() needs a str and two flags");
        return NULL;
    }
    PyObject *text = args[0];
    int price = PyObject_IsTrue(args[1]), forum = PyObject_IsTrue(args[2]);
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
        code = starts_with_any(kind, data, n, start, CODE_STARTS);
    }
    long bits = code ? 2 : 0;
    if (price && (unfoldable || currency)) bits |= 1;
    if (forum && unfoldable) bits |= 4;
    int wanted = (price && !(bits & 1) ? 1 : 0) | (forum && !(bits & 4) ? 4 : 0);
    if (wanted) bits |= needles_in(low, n, wanted);
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

PyDoc_STRVAR(line_shape_doc,
"line_shape(text)\n\n"
"(cap_ratio(text), digit_ratio(text), commas) as keep._line_shape gives them: the share\n"
"of words (\\b[^\\W\\d_]) that start upper case, the share of characters that are\n"
"digits (\\d), and the count of ',', '\\u3001' and '\\uff0c'.");

static PyObject *line_shape(PyObject *module, PyObject *text) {
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "line_shape() needs a str, not %.100s", Py_TYPE(text)->tp_name);
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), initials = 0, upper = 0, digits = 0, commas = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    int prev_word = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        int word = is_word(c);
        int digit = c < 128 ? (c >= '0' && c <= '9') : Py_UNICODE_ISDECIMAL(c);
        digits += digit;
        if (word && !prev_word && !digit && c != '_') {
            initials++;
            upper += Py_UNICODE_ISUPPER(c) != 0;
        }
        commas += c == ',' || c == 0x3001 || c == 0xff0c;
        prev_word = word;
    }
    double caps = initials ? (double)upper / (double)initials : 0.0;
    double digit_share = n ? (double)digits / (double)n : 0.0;
    return Py_BuildValue("ddn", caps, digit_share, commas);
}

PyDoc_STRVAR(cadence_doc,
"cadence(shapes, kept, max_period)\n\n"
"keep._cadence(list(shapes), kept) as five lists of every line's values (period,\n"
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
    double p_sum = 0.0, c_sum = 0.0; /* keep._running's sums, in its order */
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
    {"line_shape", line_shape, METH_O, line_shape_doc},
    {"cadence", cadence, METH_VARARGS, cadence_doc},
    {"count", (PyCFunction)(void (*)(void))count, METH_FASTCALL, count_doc},
    {"may_marks", (PyCFunction)(void (*)(void))may_marks, METH_FASTCALL, may_marks_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "boilerstrip._text", "Loops over every character of a page, in C (see lang.py, decode.py).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__text(void) {
    for (Py_UCS4 c = 0; c < 128; c++) ASCII_ALNUM[c] = (unsigned char)(Py_UNICODE_ISALNUM(c) ? 1 : 0);
    MARKS['{'] = MARKS['}'] = MARKS[';'] = CODE_MARK;
    MARKS['('] = OPEN;
    MARKS[')'] = CLOSE;
    MARKS['='] = EQUALS;
    MARKS['>'] = GREATER;
    MARKS[':'] = COLON;
    MARKS['$'] = MARKS[0xa3] = MARKS[0xa5] = CURRENCY;
    memset(BY_LETTER, -1, sizeof(BY_LETTER));
    for (const Needle *e = NEEDLES; e->word; e++) {
        unsigned char first = (unsigned char)e->word[0];
        int k = 0;
        while (BY_LETTER[first][k] >= 0) k++; /* at most three needles share a letter */
        BY_LETTER[first][k] = (signed char)(e - NEEDLES);
        FIRST_LETTERS[first] |= e->kind;
    }
    NO_CUES = PyFrozenSet_New(NULL);
    if (!NO_CUES) return NULL;
    return PyModule_Create(&module_def);
}
