/* _text_floats.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). Columns of floats read into doubles, and
   arrays('d') made from doubles, for the line columns that line_columns(), line_blocks()
   and line_context() make. */

/* array('d', [0.0]), made once at import and never changed (constant, like
   ASCII_ALNUM): every column is made by repeating it, the array type's own allocation
   with no argument to parse, then filled. No Python code can reach it: it is kept out
   of the garbage collector's lists (gc.get_objects() would hand it out, and an array
   emptied there would be repeated into columns too short; double_array checks the
   length all the same). ARRAY_TYPE is its type, the one read_values reads in place. */
static PyObject *ONE_DOUBLE;
static PyTypeObject *ARRAY_TYPE;

/* The n values of a column into out: a list of floats (or ints), or an array('d')
   whose doubles are copied (`export_doubles`, _buffers.h: the rule shared with _trees'
   walk); 0 on success, -1 with an exception set. A list's other items are refused
   rather than asked for their __float__, which could run Python code that shortens the
   list being read. */
static int read_values(PyObject *column, Py_ssize_t n, double *out) {
    if (!PyList_Check(column)) {
        Py_buffer view;
        if (export_doubles(column, ARRAY_TYPE, &view, "a value column") < 0) return -1;
        const int fits = view.len == n * (Py_ssize_t)sizeof(double);
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

/* Makes ONE_DOUBLE and ARRAY_TYPE (at import): 0, or -1 with an exception set. */
static int make_one_double(void) {
    PyObject *module = PyImport_ImportModule("array");
    ONE_DOUBLE = module ? PyObject_CallMethod(module, "array", "s[d]", "d", 0.0) : NULL;
    Py_XDECREF(module);
    if (ONE_DOUBLE == NULL) return -1;
    if (PyObject_IS_GC(ONE_DOUBLE)) PyObject_GC_UnTrack(ONE_DOUBLE);
    ARRAY_TYPE = Py_TYPE(ONE_DOUBLE);
    Py_INCREF(ARRAY_TYPE);
    return 0;
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
    if (view.len != n * (Py_ssize_t)sizeof(double)) {  /* never, unless ONE_DOUBLE was changed */
        PyBuffer_Release(&view);
        Py_DECREF(column);
        PyErr_SetString(PyExc_SystemError, "_text: the array every column repeats was changed");
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
