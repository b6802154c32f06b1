/* _text_sketch.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). key_sketch(): a number that two texts with
   the same repeats key (reduce.repeats._key: the text lower-cased, its whitespace runs
   one space, none at the ends) share, made without the lower-cased copy. */

enum { SKETCH_SPACE = 0x20, SKETCH_OTHER = 0x3f, SKETCH_LENGTH = 64 }; /* ' ', '?' */
static const uint64_t SKETCH_OFFSET = 0xcbf29ce484222325ull, SKETCH_PRIME = 0x100000001b3ull;

/* One character of the sketch into h, the sketch ended (`done`) once it holds
   SKETCH_LENGTH: a key's first characters tell most blocks apart, and a block whose
   first ones are another's has its key made all the same. */
#define SKETCH_ADD(c)                                         \
    do {                                                      \
        if (length == SKETCH_LENGTH) goto done;               \
        h = (h ^ (uint64_t)(c)) * SKETCH_PRIME, length++;     \
    } while (0)

/* The sketch of the characters of one width, into h. Each character read as
   str.lower() reads it, which tests/test_repeat_keys.py checks over all of Unicode:
   whitespace stays whitespace (and nothing else becomes any), an ASCII character its
   lower case, U+0130 "i" and a combining dot, the Kelvin sign "k", every other
   character one character above ASCII (all of them SKETCH_OTHER here: final sigma
   or not, the same). */
#define SKETCH_CHARS(T)                                                \
    do {                                                               \
        const T *chars = (const T *)data;                              \
        for (Py_ssize_t i = 0; i < n; i++) {                           \
            Py_UCS4 c = chars[i];                                      \
            if (Py_UNICODE_ISSPACE(c)) {                               \
                space = length > 0;                                    \
                continue;                                              \
            }                                                          \
            if (space) SKETCH_ADD(SKETCH_SPACE);                       \
            space = 0;                                                 \
            if (c < 128) {                                             \
                SKETCH_ADD(Py_TOLOWER(c));                             \
            } else if (c == 0x130) {                                   \
                SKETCH_ADD('i');                                       \
                SKETCH_ADD(SKETCH_OTHER);                              \
            } else {                                                   \
                SKETCH_ADD(c == 0x212a ? 'k' : SKETCH_OTHER);          \
            }                                                          \
        }                                                              \
    } while (0)

PyDoc_STRVAR(key_sketch_doc,
"key_sketch(text)\n\n"
"reduce.repeats._sketch_in_python(text): the 64-bit FNV-1a hash of the code points of the\n"
"first 64 characters of the text lower-cased, its whitespace runs one space (none at\n"
"the ends), each character above ASCII '?'. Texts whose repeats keys are equal have\n"
"equal sketches.");

static PyObject *key_sketch(PyObject *module, PyObject *text) {
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "key_sketch() needs a str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    uint64_t h = SKETCH_OFFSET;
    int space = 0, length = 0;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND: SKETCH_CHARS(Py_UCS1); break;
    case PyUnicode_2BYTE_KIND: SKETCH_CHARS(Py_UCS2); break;
    default: SKETCH_CHARS(Py_UCS4); break;
    }
done:
    return PyLong_FromUnsignedLongLong(h);
}
