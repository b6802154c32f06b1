/* _text_ranges.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). count_ranges(): the characters of a text
   in any of a few ranges of code points, as len(pattern.findall(text)) counts them for
   a pattern of one character class of those ranges (lang's scripts), without a str a
   character found. */

enum { MAX_RANGES = 8 };

PyDoc_STRVAR(count_ranges_doc,
"count_ranges(text, ranges)\n\n"
"How many characters of text are in any of ranges, a tuple of at most 8 (first, last)\n"
"code points, both included: len(re.findall(\"[first-last...]\", text)).");

#define COUNT_RANGES(T)                                                          \
    do {                                                                         \
        const T *chars = (const T *)data;                                        \
        for (Py_ssize_t i = 0; i < n; i++) {                                     \
            Py_UCS4 c = chars[i];                                                \
            if (c < lowest) continue;                                            \
            for (Py_ssize_t k = 0; k < count; k++)                               \
                if (c >= first[k] && c <= last[k]) {                             \
                    found++;                                                     \
                    break;                                                       \
                }                                                                \
        }                                                                        \
    } while (0)

static PyObject *count_ranges(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *text, *ranges;
    if (!PyArg_ParseTuple(args, "UO!", &text, &PyTuple_Type, &ranges)) return NULL;
    Py_ssize_t count = PyTuple_GET_SIZE(ranges);
    if (count > MAX_RANGES) {
        PyErr_SetString(PyExc_ValueError, "count_ranges() takes at most 8 ranges");
        return NULL;
    }
    Py_UCS4 first[MAX_RANGES], last[MAX_RANGES], lowest = 0x110000;
    for (Py_ssize_t k = 0; k < count; k++) {
        Py_ssize_t a, b;
        PyObject *range = PyTuple_GET_ITEM(ranges, k);
        if (!PyTuple_Check(range)) {
            PyErr_SetString(PyExc_TypeError, "count_ranges(): a range is a tuple (first, last)");
            return NULL;
        }
        if (!PyArg_ParseTuple(range, "nn", &a, &b)) return NULL;
        if (a < 0 || a > b || b > 0x10ffff) {
            PyErr_SetString(PyExc_ValueError, "count_ranges(): a range is (first, last), both code points");
            return NULL;
        }
        first[k] = (Py_UCS4)a, last[k] = (Py_UCS4)b;
        if (first[k] < lowest) lowest = first[k];
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), found = 0;
    const void *data = PyUnicode_DATA(text);
    int kind = PyUnicode_KIND(text);
    /* A str's kind bounds its characters: none of a 1-byte str reaches a script's range. */
    Py_UCS4 bound = kind == PyUnicode_1BYTE_KIND ? 0xff : kind == PyUnicode_2BYTE_KIND ? 0xffff : 0x10ffff;
    if (lowest <= bound) {
        switch (kind) {
        case PyUnicode_1BYTE_KIND: COUNT_RANGES(Py_UCS1); break;
        case PyUnicode_2BYTE_KIND: COUNT_RANGES(Py_UCS2); break;
        default: COUNT_RANGES(Py_UCS4); break;
        }
    }
    return PyLong_FromSsize_t(found);
}
