/* _text_wordtable.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The word table: count_in() is count() without
   a str a word, the words looked up as they are read in words_table()'s table of
   characters. table_of() takes a call's capsule table, here and for may_marks()
   (_text_marks.h). */

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
/* A cue word's slot holds its str (`word`, of the table's set `cues`, which keeps it): count_in()
   adds that str to a block's cues, its hash made once, where it made a str of the word
   and hashed it a block. */
typedef struct { uint32_t hash, start, len; uint16_t value; unsigned char flags; PyObject *word; } Slot;
typedef struct { uint32_t mask; Slot *slots; Py_UCS4 *pool; PyObject *cues; } WordTable;

static const char *const WORDS_NAME = "boilerstrip._text.WordTable";

static void free_words(PyObject *capsule) {
    WordTable *t = PyCapsule_GetPointer(capsule, WORDS_NAME);
    if (t) Py_XDECREF(t->cues);
    PyMem_Free(t);
}

#define FNV_START 2166136261u
static inline uint32_t fnv_step(uint32_t h, Py_UCS4 c) { return (h ^ (uint32_t)c) * 16777619u; }

/* Whether slot e holds the word of `len` characters of (kind, data) at `start`, hashed h. */
static Py_ALWAYS_INLINE inline int holds(const WordTable *t, const Slot *e, uint32_t h, int kind, const void *data,
                        Py_ssize_t start, Py_ssize_t len) {
    if (e->hash != h || e->len != (uint32_t)len) return 0;
    const Py_UCS4 *w = t->pool + e->start;
    for (Py_ssize_t k = 0; k < len; k++)
        if (w[k] != PyUnicode_READ(kind, data, start + k)) return 0;
    return 1;
}

/* The slot of the word of `len` characters of (kind, data) at `start`, hashed h; NULL
   for a word not in the table. */
static Py_ALWAYS_INLINE inline const Slot *table_slot(const WordTable *t, uint32_t h, int kind, const void *data, Py_ssize_t start,
                              Py_ssize_t len) {
    for (uint32_t i = h & t->mask; t->slots[i].len; i = (i + 1) & t->mask)
        if (holds(t, &t->slots[i], h, kind, data, start, len)) return &t->slots[i];
    return NULL;
}

/* A str into the table with `flag` (the empty str, never a word, left out: NULL), its
   slot returned. */
static Slot *table_add(WordTable *t, PyObject *word, unsigned char flag, uint32_t *used) {
    Py_ssize_t len = PyUnicode_GET_LENGTH(word);
    if (!len) return NULL;
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    uint32_t h = FNV_START, i;
    for (Py_ssize_t k = 0; k < len; k++) h = fnv_step(h, PyUnicode_READ(kind, data, k));
    for (i = h & t->mask; t->slots[i].len; i = (i + 1) & t->mask) {
        if (holds(t, &t->slots[i], h, kind, data, 0, len)) {
            t->slots[i].flags |= flag; /* a word of both sets */
            if (flag == IS_CUE && PyUnicode_CheckExact(word)) t->slots[i].word = word;
            return &t->slots[i];
        }
    }
    Slot *e = &t->slots[i];
    e->hash = h, e->start = *used, e->len = (uint32_t)len, e->flags = flag;
    if (flag == IS_CUE && PyUnicode_CheckExact(word)) e->word = word;
    for (Py_ssize_t k = 0; k < len; k++) t->pool[*used + k] = PyUnicode_READ(kind, data, k);
    *used += (uint32_t)len;
    return e;
}

/* An empty table of room for `words` words of `chars` characters in all; NULL with an
   exception set. */
static WordTable *new_table(size_t words, size_t chars) {
    if (chars >= UINT32_MAX / 2 || words >= (1u << 28)) {
        PyErr_SetString(PyExc_ValueError, "words_table(): too many words");
        return NULL;
    }
    uint32_t size = 8;
    while (size < 2 * words + 2) size <<= 1;
    WordTable *t = PyMem_Calloc(1, sizeof(WordTable) + size * sizeof(Slot) + (chars + 1) * sizeof(Py_UCS4));
    if (!t) {
        PyErr_NoMemory();
        return NULL;
    }
    t->mask = size - 1;
    t->slots = (Slot *)(t + 1);
    t->pool = (Py_UCS4 *)(t->slots + size);
    return t;
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
    WordTable *t = new_table(words, chars);
    if (!t) goto done;
    uint32_t used = 0;
    for (int s = 0; s < 2; s++)
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lists[s]); i++)
            table_add(t, PyList_GET_ITEM(lists[s], i), s ? IS_CUE : IS_STOP, &used);
    /* Keeps the cue words the slots hold: the set they are of (immutable), no copy of
       it for the collector to go over. */
    t->cues = Py_NewRef(sets[1]);
    capsule = PyCapsule_New(t, WORDS_NAME, free_words);
    if (!capsule) {
        Py_DECREF(t->cues);
        PyMem_Free(t);
    }
done:
    Py_XDECREF(lists[0]);
    Py_XDECREF(lists[1]);
    return capsule;
}

PyDoc_STRVAR(count_in_doc,
"count_in(table, text)\n\n"
"count(text, stop, cues) for the sets words_table(stop, cues) was made of: the same\n"
"tuple, the cue words in the same order.");

/* count_in()'s loop over a text of characters of `kind`: inlined in a copy for each kind
   (count_in() below), where `kind` is a constant and reading a character takes no
   switch on it (PyUnicode_READ), in this loop nor in the table's (holds()). */
static Py_ALWAYS_INLINE inline PyObject *count_in_kind(const WordTable *t, PyObject *text, int kind,
                                                      const void *data, Py_ssize_t n) {
    PyObject *hits = NULL;
    Py_ssize_t i = 0, found = 0, stops = 0;
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
        const Slot *e = table_slot(t, h, kind, data, start, i - start);
        unsigned char flags = e ? e->flags : 0;
        stops += (flags & IS_STOP) != 0;
        if (!(flags & IS_CUE)) continue;
        PyObject *word = e->word ? Py_NewRef(e->word) : PyUnicode_Substring(text, start, i);
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

static PyObject *count_in(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    const WordTable *t = table_of(args, nargs, 2, WORDS_NAME, "count_in() needs a table and a str");
    if (!t) return NULL;
    PyObject *text = args[1];
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    /* One loop for every kind, the kind read a character: a copy for each kind (a constant
       kind, no switch) counted a 16 MB paragraph in two thirds of the time, which left
       tests/test_hostile.py's bound on a stopped stage (the lower-casing plus a third of the
       count) within the noise of a loaded machine; kept out until the lower-casing that
       bound allows for can itself be stopped. */
    return count_in_kind(t, text, PyUnicode_KIND(text), data, n);
}

/* The word of `len` characters of (kind, data) at `start`, hashed h, into the table with
   `flag` (once: a word met again keeps its slot). */
static void table_put(WordTable *t, uint32_t h, int kind, const void *data, Py_ssize_t start, Py_ssize_t len,
                      unsigned char flag, uint32_t *used) {
    uint32_t i;
    for (i = h & t->mask; t->slots[i].len; i = (i + 1) & t->mask)
        if (holds(t, &t->slots[i], h, kind, data, start, len)) return;
    Slot *e = &t->slots[i];
    e->hash = h, e->start = *used, e->len = (uint32_t)len, e->flags = flag;
    for (Py_ssize_t k = 0; k < len; k++) t->pool[*used + k] = PyUnicode_READ(kind, data, start + k);
    *used += (uint32_t)len;
}

PyDoc_STRVAR(text_table_doc,
"text_table(text)\n\n"
"words_table(frozenset(), frozenset(words(text))) made from the text itself, without a\n"
"str a word: count_in(text_table(text), other)[2] is the words of `other` that are words\n"
"of `text`.");

static PyObject *text_table(PyObject *module, PyObject *text) {
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "text_table() needs a str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, runs = 0, chars = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    while (i < n) { /* the words and their characters, for the table's room */
        while (i < n && !is_alnum(PyUnicode_READ(kind, data, i))) i++;
        if (i >= n) break;
        runs++;
        while (i < n && is_alnum(PyUnicode_READ(kind, data, i))) i++, chars++;
    }
    WordTable *t = new_table((size_t)runs, (size_t)chars);
    if (!t) return NULL;
    uint32_t used = 0;
    for (i = 0; i < n;) {
        while (i < n && !is_alnum(PyUnicode_READ(kind, data, i))) i++;
        if (i >= n) break;
        Py_ssize_t start = i;
        uint32_t h = FNV_START;
        for (Py_UCS4 c; i < n && is_alnum(c = PyUnicode_READ(kind, data, i)); i++) h = fnv_step(h, c);
        table_put(t, h, kind, data, start, i - start, IS_CUE, &used);
    }
    PyObject *capsule = PyCapsule_New(t, WORDS_NAME, free_words);
    if (!capsule) PyMem_Free(t);
    return capsule;
}

PyDoc_STRVAR(count_shared_doc,
"count_shared(table, text)\n\n"
"len(count_in(table, text)[2]): how many distinct words of text the table holds as cue\n"
"words, without a str of each, nor their set.");

static PyObject *count_shared(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    const WordTable *t = table_of(args, nargs, 2, WORDS_NAME, "count_shared() needs a table and a str");
    if (!t) return NULL;
    PyObject *text = args[1];
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, shared = 0;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    /* The slots already counted, a bit each: a word met twice counts once. */
    size_t words = ((size_t)t->mask >> 6) + 1;
    uint64_t small[16], *seen = words <= 16 ? small : PyMem_Calloc(words, sizeof(uint64_t));
    if (!seen) return PyErr_NoMemory();
    if (seen == small) memset(small, 0, sizeof small);
    while (i < n) {
        while (i < n && !is_alnum(PyUnicode_READ(kind, data, i))) i++;
        if (i >= n) break;
        Py_ssize_t start = i;
        uint32_t h = FNV_START;
        for (Py_UCS4 c; i < n && is_alnum(c = PyUnicode_READ(kind, data, i)); i++) h = fnv_step(h, c);
        const Slot *e = table_slot(t, h, kind, data, start, i - start);
        if (!e || !(e->flags & IS_CUE)) continue;
        size_t k = (size_t)(e - t->slots);
        uint64_t bit = (uint64_t)1 << (k & 63);
        if (seen[k >> 6] & bit) continue;
        seen[k >> 6] |= bit;
        shared++;
    }
    if (seen != small) PyMem_Free(seen);
    return PyLong_FromSsize_t(shared);
}
