/* The words of a text, in C: lang.split_words, the runs of letters and digits that
   lang.WORD_RE ([^\W_]+) finds.

Why: features and language detection split every block of every page into words; the
Python split makes a str for every white-space piece, then strips and tests it. Here a
str is made only for each word. tests/test_text.py holds it to WORD_RE.findall on every
fixture text. The package works without this module (lang.py splits in Python).
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>

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

static PyMethodDef methods[] = {
    {"words", words, METH_O, words_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "boilerstrip._text", "The words of a text, in C (see lang.py).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__text(void) {
    for (Py_UCS4 c = 0; c < 128; c++) ASCII_ALNUM[c] = (unsigned char)(Py_UNICODE_ISALNUM(c) ? 1 : 0);
    return PyModule_Create(&module_def);
}
