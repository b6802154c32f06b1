/* _walk_hints.h: part of _walk.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). vocabulary.class_hint, read in place over an
   ASCII class/id string; and class_hint() for the tests that hold the two to the same
   answers. */

/* ------------------------------------------------------------------ class/id hints */

static PyObject *ascii_str(const char *s, Py_ssize_t n) { return make_str(s, n, 1); }

static int has_bytes(const char *s, Py_ssize_t n, const char *needle, Py_ssize_t len) {
    for (Py_ssize_t i = 0; i + len <= n; i++)
        if (memcmp(s + i, needle, (size_t)len) == 0) return 1;
    return 0;
}

/* 1 if the word is in the set, 0 if not, -1 on an error; `filter` is the set's. */
static int has_word(PyObject *set, const Filter *filter, const char *s, Py_ssize_t n) {
    if (!may_have(filter, s, n)) return 0;
    PyObject *word = ascii_str(s, n);
    if (!word) return -1;
    int found = PySet_Contains(set, word);
    Py_DECREF(word);
    return found;
}

/* The next token of s[*i:n] split at white space, or also at '-' (vocabulary.class_hint's
   "names" and "parts"); 0 when there is none. */
static int next_token(const char *s, Py_ssize_t n, Py_ssize_t *i, int at_dash, Py_ssize_t *start, Py_ssize_t *end) {
    while (*i < n && (ascii_ws((unsigned char)s[*i]) || (at_dash && s[*i] == '-'))) (*i)++;
    if (*i >= n) return 0;
    *start = *i;
    while (*i < n && !(ascii_ws((unsigned char)s[*i]) || (at_dash && s[*i] == '-'))) (*i)++;
    *end = *i;
    return 1;
}

static PyObject *no_hint(void) { return Py_BuildValue("(ss)", "", ""); }

static PyObject *hint_pair(PyObject *hint, const char *word, Py_ssize_t len) {
    PyObject *word_s = ascii_str(word, len);
    if (!word_s) return NULL;
    PyObject *pair = PyTuple_Pack(2, hint, word_s);
    Py_DECREF(word_s);
    return pair;
}

/* vocabulary._word_hint over the lowered string low[:n]: the (hint, name) of the first
   part of a name in `words` (its filter `filter`), a name read up to a state word
   ("has-comments"), set in *result; *result stays NULL if none is. -1 on an error. */
static int word_hint(const Hints *h, const char *low, Py_ssize_t n, PyObject *words, const Filter *filter,
                     PyObject **result) {
    Py_ssize_t i, a, b;
    for (i = 0; next_token(low, n, &i, 0, &a, &b);) {
        const char *name = low + a;
        Py_ssize_t j = 0, c, d, len = b - a;
        while (next_token(name, len, &j, 1, &c, &d)) {
            int state = has_word(h->state, &h->state_words, name + c, d - c);
            if (state < 0) return -1;
            if (state) break;
            if (!may_have(filter, name + c, d - c)) continue;
            PyObject *part = ascii_str(name + c, d - c);
            if (!part) return -1;
            PyObject *hint = PyDict_GetItemWithError(words, part);
            Py_DECREF(part);
            if (!hint && PyErr_Occurred()) return -1;
            if (!hint || !PyUnicode_Check(hint) || !PyUnicode_GET_LENGTH(hint)) continue;
            Py_INCREF(hint); /* borrowed from the vocabulary's dict: held across the allocation */
            *result = hint_pair(hint, name, len);
            Py_DECREF(hint);
            return *result ? 0 : -1;
        }
    }
    return 0;
}

/* vocabulary.class_hint for an ASCII class/id string, read in place; any other string goes
   to class_hint itself (its lower() is Unicode's). */
static PyObject *class_hint_of(const Hints *h, PyObject *attrs) {
    if (!PyUnicode_IS_ASCII(attrs)) return PyObject_CallOneArg(h->fallback, attrs);
    Py_ssize_t n = PyUnicode_GET_LENGTH(attrs), i, a, b;
    const char *src = (const char *)PyUnicode_DATA(attrs);
    char *low = PyMem_Malloc((size_t)n + 1), *joined = PyMem_Malloc((size_t)n + 1);
    PyObject *result = NULL;
    if (!low || !joined) { PyErr_NoMemory(); goto done; }
    for (i = 0; i < n; i++) {
        char c = src[i];
        low[i] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    /* content names first, a name with "--" also as it reads with "-" */
    for (i = 0; next_token(low, n, &i, 0, &a, &b);) {
        int found = has_word(h->content, &h->content_words, low + a, b - a);
        if (!found && has_bytes(low + a, b - a, "--", 2)) {
            Py_ssize_t len = 0;
            for (Py_ssize_t j = a; j < b; j++) {
                joined[len++] = low[j];
                if (low[j] == '-' && j + 1 < b && low[j + 1] == '-') j++;
            }
            found = has_word(h->content, &h->content_words, joined, len);
        }
        if (found < 0) goto done;
        if (found) { result = hint_pair(h->content_hint, low + a, b - a); goto done; }
    }
    if (has_bytes(low, n, "embed", 5)) {
        for (i = 0; next_token(low, n, &i, 1, &a, &b);) {
            int found = has_word(h->embed, &h->embed_words, low + a, b - a);
            if (found < 0) goto done;
            if (found) { result = no_hint(); goto done; }
        }
    }
    /* boilerplate words, then a review's words */
    if (word_hint(h, low, n, h->boilerplate, &h->boilerplate_words, &result) < 0 || result) goto done;
    if (word_hint(h, low, n, h->reviews, &h->review_words, &result) < 0 || result) goto done;
    result = no_hint();
done:
    PyMem_Free(low);
    PyMem_Free(joined);
    return result;
}

PyDoc_STRVAR(class_hint_doc,
"class_hint(names, vocabulary)\n\n"
"vocabulary.class_hint(names), as the walk reads it (for tests: the two must agree).");

static PyObject *class_hint(PyObject *module, PyObject *args) {
    PyObject *names, *capsule;
    (void)module;
    if (!PyArg_ParseTuple(args, "UO", &names, &capsule)) return NULL;
    const Vocabulary *v = vocabulary_of(capsule);
    return v ? class_hint_of(&v->hints, names) : NULL;
}
