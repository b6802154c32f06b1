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
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "boilerstrip._text", "Loops over every character of a page, in C (see lang.py, decode.py).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__text(void) {
    for (Py_UCS4 c = 0; c < 128; c++) ASCII_ALNUM[c] = (unsigned char)(Py_UNICODE_ISALNUM(c) ? 1 : 0);
    return PyModule_Create(&module_def);
}
