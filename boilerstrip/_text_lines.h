/* _text_lines.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). A line's shape (its capitals, digits and
   commas, by a table of the characters below 256) and line_columns(), the text model's
   ten columns of a run of lines. */

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

/* What one character adds to shape_of's counts, by its class (LATIN1_CLASS's bits)
   and whether the character before was a word character (a word's initial follows
   none): the digits and the commas (`counts`: each in 32 bits of one word), the words'
   initials and the capitals among them (`initials`, as packed). One table lookup and
   two adds a character, where testing the class's bits cost three times that. Made at
   import from the classes (make_shape_steps), constant since. */
typedef struct { uint64_t counts, initials; } ShapeStep;
static ShapeStep SHAPE_STEPS[2][32];

/* The classes of the characters below U+0800 (Latin, Greek, Cyrillic, Hebrew, Arabic...)
   and of U+2000..U+20FF (quotes, dashes, bullets, signs) and U+3000..U+30FF (CJK
   punctuation, kana), by table as LATIN1_CLASS's: the characters above 255 that pages
   hold most, each of which cost a dozen Unicode lookups. */
enum { LOW_CLASSES = 0x800 };
static unsigned char LOW_CLASS[LOW_CLASSES], PUNCT_CLASS[256], KANA_CLASS[256];

static void make_shape_steps(void) {
    for (unsigned word = 0; word < 2; word++) {
        for (unsigned k = 0; k < 32; k++) {
            uint64_t initial = (k & C_INITIAL) && !word ? 1 : 0;
            SHAPE_STEPS[word][k].counts = ((k & C_DIGIT) ? 1u : 0u) | (uint64_t)((k & C_COMMA) ? 1u : 0u) << 32;
            SHAPE_STEPS[word][k].initials = initial | (uint64_t)(initial && (k & C_UPPER)) << 32;
        }
    }
    for (Py_UCS4 c = 0; c < LOW_CLASSES; c++) LOW_CLASS[c] = char_class(c);
    for (Py_UCS4 c = 0; c < 256; c++) {
        PUNCT_CLASS[c] = char_class(0x2000 + c);
        KANA_CLASS[c] = char_class(0x3000 + c);
    }
}

/* A character's class (LATIN1_CLASS's bits), by table where it has one. */
static inline unsigned class_of(Py_UCS4 c) {
    if (c < LOW_CLASSES) return LOW_CLASS[c];
    if (c - 0x2000 < 256) return PUNCT_CLASS[c - 0x2000];
    if (c - 0x3000 < 256) return KANA_CLASS[c - 0x3000];
    return char_class(c);
}

/* The most characters read between two readings of the packed counts: no 32-bit lane
   of them can carry into the next. */
#define SHAPE_CHUNK ((Py_ssize_t)1 << 30)

/* The characters lo..hi of one width (T) counted into the packed counts, `word` the
   state carried from the character before. */
#define SHAPE_LOOP(T, CLASS)                                     \
    do {                                                         \
        const T *chars = (const T *)data;                        \
        for (Py_ssize_t i = lo; i < hi; i++) {                   \
            unsigned k = CLASS(chars[i]);                        \
            counts += SHAPE_STEPS[word][k].counts;               \
            firsts += SHAPE_STEPS[word][k].initials;             \
            word = k & C_WORD;                                   \
        }                                                        \
    } while (0)
#define LATIN1_OF(c) LATIN1_CLASS[c]

static Shape shape_of(PyObject *text) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t initials = 0, upper = 0, digits = 0, commas = 0;
    unsigned word = 0;
    for (Py_ssize_t lo = 0; lo < n; lo += SHAPE_CHUNK) {
        Py_ssize_t hi = n - lo > SHAPE_CHUNK ? lo + SHAPE_CHUNK : n;
        uint64_t counts = 0, firsts = 0;
        switch (kind) {
        case PyUnicode_1BYTE_KIND: SHAPE_LOOP(Py_UCS1, LATIN1_OF); break;
        case PyUnicode_2BYTE_KIND: SHAPE_LOOP(Py_UCS2, class_of); break;
        default: SHAPE_LOOP(Py_UCS4, class_of); break;
        }
        digits += (Py_ssize_t)(counts & 0xffffffffu);
        commas += (Py_ssize_t)(counts >> 32);
        initials += (Py_ssize_t)(firsts & 0xffffffffu);
        upper += (Py_ssize_t)(firsts >> 32);
    }
    Shape out = {initials ? (double)upper / (double)initials : 0.0, n ? (double)digits / (double)n : 0.0, commas};
    return out;
}

PyDoc_STRVAR(line_shape_doc,
"line_shape(text)\n\n"
"learned.linerows._line_shape(text): (capitals, digits, commas) of one line, by the table\n"
"line_columns reads (the headline model's candidates are lines of no column).");

static PyObject *line_shape(PyObject *module, PyObject *text) {
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "line_shape() needs a str");
        return NULL;
    }
    Shape sh = shape_of(text);
    /* The tuple made item by item: Py_BuildValue parsed its format at every call (a
       fifth of the call's cost on a headline's candidate). */
    PyObject *out = PyTuple_New(3), *items[3] = {PyFloat_FromDouble(sh.caps), PyFloat_FromDouble(sh.digits),
                                                  PyLong_FromSsize_t(sh.commas)};
    for (int k = 0; k < 3; k++) {
        if (out && items[k]) PyTuple_SET_ITEM(out, k, items[k]);
        else Py_XDECREF(items[k]);
    }
    if (out && (!items[0] || !items[1] || !items[2])) Py_CLEAR(out);
    return out;
}

/* Attribute names line_columns and line_blocks read, interned once (constant, like
   ASCII_ALNUM). */
static PyObject *S_TEXT, *S_FEATURES, *S_CHARS, *S_WORDS, *S_CUES;
static PyObject *S_LABEL, *S_SCORE, *S_STOP, *S_ENDS, *S_REPEATS, *S_GROUP;

/* The attributes line_columns and line_blocks read of every line (a block and its
   features), each by its reader (_text_attrs.h), made once a call. */
typedef struct {
    AttrReader text, features, chars, words, cues, label, score, stop, ends, repeats, group;
} LineAttrs;

static void line_attrs_init(LineAttrs *a) {
    memset(a, 0, sizeof *a);
    a->text.name = S_TEXT, a->features.name = S_FEATURES, a->chars.name = S_CHARS, a->words.name = S_WORDS;
    a->cues.name = S_CUES, a->label.name = S_LABEL, a->score.name = S_SCORE, a->stop.name = S_STOP;
    a->ends.name = S_ENDS, a->repeats.name = S_REPEATS, a->group.name = S_GROUP;
}

/* An int attribute of obj (read by `r`) as a Py_ssize_t; -1 with an exception set. */
static Py_ssize_t int_attr(AttrReader *r, PyObject *obj) {
    PyObject *v = attr_read(r, obj);
    if (!v) return -1;
    Py_ssize_t out = PyLong_Check(v) ? PyLong_AsSsize_t(v) : -1;
    if (out < 0 && !PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "line_columns(): a count is not an int >= 0");
    Py_DECREF(v);
    return out;
}

/* One line's ten values into v: 0 on success, -1 with an exception set. */
static int line_values(LineAttrs *a, PyObject *block, PyObject *mark, double missing, double *v) {
    PyObject *text = attr_read(&a->text, block), *f = text ? attr_read(&a->features, block) : NULL, *cues = NULL;
    int ok = -1;
    if (!text || !f) goto done;
    if (!PyUnicode_Check(text) || !PyTuple_Check(mark) || PyTuple_GET_SIZE(mark) != 3) {
        PyErr_SetString(PyExc_TypeError, "line_columns(): a block's text is not a str or a mark not 3 ints");
        goto done;
    }
    Py_ssize_t chars = int_attr(&a->chars, f), words = chars < 0 ? -1 : int_attr(&a->words, f);
    if (words < 0 || !(cues = attr_read(&a->cues, f))) goto done;
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

/* Whether the int-like `v` is at most `limit` (v <= limit, as Python compares them);
   -1 with an exception set. */
static int at_most(PyObject *v, Py_ssize_t limit) {
    if (PyLong_CheckExact(v)) {
        int overflow;
        long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
        if (x == -1 && !overflow && PyErr_Occurred()) return -1;
        return overflow ? overflow < 0 : x <= (long long)limit;
    }
    PyObject *bound = PyLong_FromSsize_t(limit);
    if (!bound) return -1;
    int out = PyObject_RichCompareBool(v, bound, Py_LE);
    Py_DECREF(bound);
    return out;
}

/* may_marks' bits of one line (a block): its text's, the price pattern asked where its
   words are at most price_words, the forum pattern where at most forum_words; -1
   with an exception set. */
static long line_may_marks(const MarksTable *t, LineAttrs *a, PyObject *block, Py_ssize_t price_words,
                           Py_ssize_t forum_words) {
    long bits = -1;
    PyObject *text = attr_read(&a->text, block), *f = text ? attr_read(&a->features, block) : NULL;
    PyObject *words = f ? attr_read(&a->words, f) : NULL;
    if (!words) goto done;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "lines_may_marks(): a block's text is not a str");
        goto done;
    }
    int price = at_most(words, price_words), forum = price < 0 ? -1 : at_most(words, forum_words);
    if (forum >= 0) bits = marks_bits(t, text, price, forum);
done:
    Py_XDECREF(text);
    Py_XDECREF(f);
    Py_XDECREF(words);
    return bits;
}

PyDoc_STRVAR(lines_may_marks_doc,
"lines_may_marks(table, blocks, lo, hi, price_words, forum_words)\n\n"
"may_marks(table, b.text, b.features.words <= price_words, b.features.words <= forum_words)\n"
"of each block b of blocks[lo:hi] (a list), as bytes: learned.marks's scan of a page's\n"
"lines in one call, without a call, two flags and an int a line.");

static PyObject *lines_may_marks(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *capsule, *blocks;
    Py_ssize_t lo, hi, price_words, forum_words;
    if (!PyArg_ParseTuple(args, "OO!nnnn", &capsule, &PyList_Type, &blocks, &lo, &hi, &price_words, &forum_words))
        return NULL;
    const MarksTable *t = PyCapsule_GetPointer(capsule, TABLE_NAME);
    if (!t) return NULL;
    if (lo < 0 || hi < lo || hi > PyList_GET_SIZE(blocks)) {
        PyErr_SetString(PyExc_ValueError, "lines_may_marks(): lo..hi is out of the blocks");
        return NULL;
    }
    PyObject *out = PyBytes_FromStringAndSize(NULL, hi - lo);
    if (!out) return NULL;
    LineAttrs attrs;
    line_attrs_init(&attrs);
    for (Py_ssize_t i = lo; i < hi; i++) {
        if (i >= PyList_GET_SIZE(blocks)) { /* a getattr of Python code emptied the list */
            PyErr_SetString(PyExc_RuntimeError, "lines_may_marks(): the blocks changed while read");
            Py_DECREF(out);
            return NULL;
        }
        PyObject *block = PyList_GET_ITEM(blocks, i);
        Py_INCREF(block);
        long bits = line_may_marks(t, &attrs, block, price_words, forum_words);
        Py_DECREF(block);
        if (bits < 0) {
            Py_DECREF(out);
            return NULL;
        }
        PyBytes_AS_STRING(out)[i - lo] = (char)bits;
    }
    return out;
}

PyDoc_STRVAR(line_columns_doc,
"line_columns(blocks, marks, missing, lo, hi)\n\n"
"learned.linerows._line_columns_in_python(blocks[lo:hi], marks[lo:hi]): ten arrays('d') of the lines'\n"
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
    Py_ssize_t m = hi - lo;
    double *buf = PyMem_Malloc((size_t)(m ? m : 1) * 10 * sizeof(double)), *col[10];
    if (!buf) return PyErr_NoMemory();
    for (int c = 0; c < 10; c++) col[c] = buf + (size_t)c * (size_t)m;
    PyObject *out = PyList_New(0);
    LineAttrs attrs;
    line_attrs_init(&attrs);
    for (Py_ssize_t i = lo; out && i < hi; i++) {
        double v[10];
        if (line_values(&attrs, PyList_GET_ITEM(blocks, i), PyList_GET_ITEM(marks, i), missing, v) < 0)
            Py_CLEAR(out);
        for (int c = 0; out && c < 10; c++) col[c][i - lo] = v[c];
    }
    if (out && append_columns(out, col, 10, m) < 0) Py_CLEAR(out);
    PyMem_Free(buf);
    return out;
}
