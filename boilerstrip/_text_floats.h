/* _text_floats.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). Columns of floats read into doubles, and
   arrays('d') made from doubles, for the line columns that line_columns(), line_blocks()
   and line_context() make. */

/* The n values of a column into out: a list of floats (or ints), or an array('d') (a
   one-dimensional buffer of format "d"), whose doubles are copied; 0 on success, -1
   with an exception set. A list's other items are refused rather than asked for their
   __float__, which could run Python code that shortens the list being read (as
   _trees' walk does). */
static int read_values(PyObject *column, Py_ssize_t n, double *out) {
    if (!PyList_Check(column)) {
        Py_buffer view;
        if (!PyObject_CheckBuffer(column) || PyObject_GetBuffer(column, &view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
            PyErr_Clear();
            PyErr_SetString(PyExc_ValueError, "a value column is neither a list nor an array('d')");
            return -1;
        }
        int fits = view.ndim == 1 && view.format && strcmp(view.format, "d") == 0 &&
                   view.len == n * (Py_ssize_t)sizeof(double);
        if (fits) memcpy(out, view.buf, (size_t)n * sizeof(double));
        PyBuffer_Release(&view);
        if (!fits) PyErr_SetString(PyExc_ValueError, "the value columns are not arrays('d') of one length");
        return fits ? 0 : -1;
    }
    if (PyList_GET_SIZE(column) != n) {
        PyErr_SetString(PyExc_ValueError, "the value columns are not lists of one length");
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyList_GET_ITEM(column, i);
        if (PyFloat_Check(v)) {
            out[i] = PyFloat_AS_DOUBLE(v);
            continue;
        }
        if (!PyLong_Check(v)) {
            PyErr_Format(PyExc_TypeError, "a value is a %.80s, not a number", Py_TYPE(v)->tp_name);
            return -1;
        }
        out[i] = PyLong_AsDouble(v);
        if (out[i] == -1.0 && PyErr_Occurred()) return -1;
    }
    return 0;
}

/* array('d', [0.0]), made once at import and never changed (constant, like
   ASCII_ALNUM; no Python code can reach it): every column is made by repeating it,
   the array type's own allocation with no argument to parse, then filled. */
static PyObject *ONE_DOUBLE;

/* Makes ONE_DOUBLE (at import): 0, or -1 with an exception set. */
static int make_one_double(void) {
    PyObject *module = PyImport_ImportModule("array");
    ONE_DOUBLE = module ? PyObject_CallMethod(module, "array", "s[d]", "d", 0.0) : NULL;
    Py_XDECREF(module);
    return ONE_DOUBLE ? 0 : -1;
}

/* A new array('d') of the n doubles `values`; NULL with an exception set. Why arrays:
   the keep model's walk reads their doubles in place, where a list of floats cost a
   float object made, freed and read back for every value of every column. */
static PyObject *double_array(const double *values, Py_ssize_t n) {
    PyObject *column = PySequence_Repeat(ONE_DOUBLE, n);
    Py_buffer view;
    if (!column || PyObject_GetBuffer(column, &view, PyBUF_WRITABLE) < 0) {
        Py_XDECREF(column);
        return NULL;
    }
    if (n > 0) memcpy(view.buf, values, (size_t)n * sizeof(double));
    PyBuffer_Release(&view);
    return column;
}

/* Appends arrays('d') of `count` runs of doubles (each n long) to out: 0 or -1. */
static int append_columns(PyObject *out, double *const *columns, int count, Py_ssize_t n) {
    for (int c = 0; c < count; c++) {
        PyObject *column = double_array(columns[c], n);
        if (!column || PyList_Append(out, column) < 0) {
            Py_XDECREF(column);
            return -1;
        }
        Py_DECREF(column);
    }
    return 0;
}
