/* _text_langs.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The stop words of a language sample counted
   by the set of languages each is in (lang._stop_hits_in_python is the reference):
   lang_table() makes the table once, of lang's own dict of words and sets, and
   lang_hits() reads a text's words in it as count_in() does, without a str a word. */

static const char *const LANGS_NAME = "boilerstrip._text.LangTable";

/* A word table whose slots' `value` is the word's set, and how many sets there are
   (one more than the largest). */
typedef struct {
    WordTable *words;
    uint32_t sets;
} LangTable;

static void free_langs(PyObject *capsule) {
    LangTable *t = PyCapsule_GetPointer(capsule, LANGS_NAME);
    if (t) PyMem_Free(t->words);
    PyMem_Free(t);
}

PyDoc_STRVAR(lang_table_doc,
"lang_table(sets)\n\n"
"What lang_hits looks words up in, made once from a dict of each stop word (str) and\n"
"the index of its set of languages (an int from 0 to 65534).");

static PyObject *lang_table(PyObject *module, PyObject *sets) {
    (void)module;
    if (!PyDict_CheckExact(sets)) {
        PyErr_SetString(PyExc_TypeError, "lang_table() takes a dict of str and int");
        return NULL;
    }
    PyObject *items = PyDict_Items(sets), *capsule = NULL;  /* a list: nothing runs while it is read */
    if (!items) return NULL;
    size_t chars = 0;
    long top = -1;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); i++) {
        PyObject *word = PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 0);
        PyObject *set = PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 1);
        long k = PyLong_Check(set) ? PyLong_AsLong(set) : -1;
        if (!PyUnicode_Check(word) || k < 0 || k > 65534) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "lang_table() takes str keys and ints 0 to 65534");
            goto done;
        }
        chars += (size_t)PyUnicode_GET_LENGTH(word);
        if (k > top) top = k;
    }
    LangTable *t = PyMem_Calloc(1, sizeof(LangTable));
    if (!t) {
        PyErr_NoMemory();
        goto done;
    }
    if (!(t->words = new_table((size_t)PyList_GET_SIZE(items), chars))) {
        PyMem_Free(t);
        goto done;
    }
    t->sets = (uint32_t)(top + 1);
    uint32_t used = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); i++) {
        PyObject *pair = PyList_GET_ITEM(items, i);
        Slot *e = table_add(t->words, PyTuple_GET_ITEM(pair, 0), IS_STOP, &used);
        if (e) e->value = (uint16_t)PyLong_AsLong(PyTuple_GET_ITEM(pair, 1));
    }
    capsule = PyCapsule_New(t, LANGS_NAME, free_langs);
    if (!capsule) {
        PyMem_Free(t->words);
        PyMem_Free(t);
    }
done:
    Py_DECREF(items);
    return capsule;
}

PyDoc_STRVAR(lang_hits_doc,
"lang_hits(table, text)\n\n"
"How many of text's words (words(text)) are stop words of each set of languages, for\n"
"the dict lang_table() was made of: {set: hits}, the sets in the order of their first\n"
"word.");

/* The dict of the sets' hits, in the order of `order` (its first `found` sets). */
static PyObject *hits_dict(const uint32_t *hits, const uint16_t *order, uint32_t found) {
    PyObject *out = PyDict_New();
    for (uint32_t j = 0; out && j < found; j++) {
        PyObject *k = PyLong_FromLong(order[j]), *n = PyLong_FromUnsignedLong(hits[order[j]]);
        if (!k || !n || PyDict_SetItem(out, k, n) < 0) Py_CLEAR(out);
        Py_XDECREF(k);
        Py_XDECREF(n);
    }
    return out;
}

static PyObject *lang_hits(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    const LangTable *t = table_of(args, nargs, 2, LANGS_NAME, "lang_hits() needs a table and a str");
    if (!t) return NULL;
    PyObject *text = args[1], *out = NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    uint32_t *hits = PyMem_Calloc(t->sets ? t->sets : 1, sizeof(uint32_t)), found = 0;
    uint16_t *order = PyMem_Malloc((t->sets ? t->sets : 1) * sizeof(uint16_t));
    if (!hits || !order) {
        PyErr_NoMemory();
        goto done;
    }
    while (i < n) {
        while (i < n && !is_alnum(PyUnicode_READ(kind, data, i))) i++;
        if (i >= n) break;
        Py_ssize_t start = i;
        uint32_t h = FNV_START;
        for (; i < n; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (!is_alnum(c)) break;
            h = fnv_step(h, c);
        }
        const Slot *e = table_slot(t->words, h, kind, data, start, i - start);
        if (!e) continue;
        if (hits[e->value]++ == 0) order[found++] = e->value;
        if (hits[e->value] == UINT32_MAX) {  /* never below four billion characters */
            PyErr_SetString(PyExc_OverflowError, "lang_hits(): too many words");
            goto done;
        }
    }
    out = hits_dict(hits, order, found);
done:
    PyMem_Free(hits);
    PyMem_Free(order);
    return out;
}
