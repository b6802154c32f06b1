/* _text_words.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The word split: words(), and count(), a
   block's words, stop words, cue words and a digit, a str a word. ASCII_ALNUM, the table
   of letters and digits below 128, serves every part after it. */

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

PyDoc_STRVAR(word_set_doc,
"word_set(text)\n\n"
"frozenset(words(text)): the distinct runs of letters and digits, without their list.");

static PyObject *word_set(PyObject *module, PyObject *text) {
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "word_set() needs a str, not %.100s", Py_TYPE(text)->tp_name);
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *out = PyFrozenSet_New(NULL);
    while (out && i < n) {
        while (i < n && !is_alnum(PyUnicode_READ(kind, data, i))) i++;
        if (i >= n) break;
        Py_ssize_t start = i;
        while (i < n && is_alnum(PyUnicode_READ(kind, data, i))) i++;
        PyObject *word = PyUnicode_Substring(text, start, i);
        if (!word || PySet_Add(out, word) < 0) Py_CLEAR(out);
        Py_XDECREF(word);
    }
    return out;
}
