/* _text_floats.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). Lists of floats read into doubles and made
   from them, for the line columns that line_columns(), line_blocks() and line_context()
   make. */

/* The n values of a list of floats (or ints) into out: 0 on success, -1 with an
   exception set. Anything else is refused rather than asked for its __float__, which
   could run Python code that shortens the list being read (as _trees' walk does). */
static int read_values(PyObject *list, Py_ssize_t n, double *out) {
    if (!PyList_Check(list) || PyList_GET_SIZE(list) != n) {
        PyErr_SetString(PyExc_ValueError, "the value columns are not lists of one length");
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyList_GET_ITEM(list, i);
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

/* The floats -1.0 to SMALL_TOP.0, made once at import (constant, like ASCII_ALNUM):
   most of the line columns' values are counts, flags and distances in lines, and a
   float object made and freed for each was a sixth of the columns' cost. */
#define SMALL_TOP 256
static PyObject *SMALL_FLOATS[SMALL_TOP + 2];

/* Makes SMALL_FLOATS (at import): 0, or -1 with an exception set. */
static int make_small_floats(void) {
    for (int k = -1; k <= SMALL_TOP; k++)
        if (!(SMALL_FLOATS[k + 1] = PyFloat_FromDouble((double)k))) return -1;
    return 0;
}

/* A float of value v (a new reference): one of SMALL_FLOATS where v is one of their
   values (not -0.0, whose sign a shared 0.0 would lose), else a new one. */
static inline PyObject *float_of(double v) {
    if (v >= -1.0 && v <= (double)SMALL_TOP && v == (double)(int)v && !(v == 0.0 && signbit(v))) {
        PyObject *x = SMALL_FLOATS[(int)v + 1];
        Py_INCREF(x);
        return x;
    }
    return PyFloat_FromDouble(v);
}

/* A new column of n floats, values[i] each; NULL with an exception set. */
static PyObject *float_column(const double *values, Py_ssize_t n) {
    PyObject *column = PyList_New(n);
    for (Py_ssize_t i = 0; column && i < n; i++) {
        PyObject *x = float_of(values[i]);
        if (!x) Py_CLEAR(column);
        else PyList_SET_ITEM(column, i, x);
    }
    return column;
}

/* Appends the columns of `count` rows of doubles (each n long) to out: 0 or -1. */
static int append_columns(PyObject *out, double *const *columns, int count, Py_ssize_t n) {
    for (int c = 0; c < count; c++) {
        PyObject *column = float_column(columns[c], n);
        if (!column || PyList_Append(out, column) < 0) {
            Py_XDECREF(column);
            return -1;
        }
        Py_DECREF(column);
    }
    return 0;
}
