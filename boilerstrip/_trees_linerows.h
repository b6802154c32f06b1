/* _trees_linerows.h: part of _trees.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The text model's rows made from its columns,
   rows() (learned.linerows.text_rows). */

/* rows(columns): the lists of the columns' values line by line, each value the same
 * object as in its column (learned.linerows.text_rows: the Python reference is a zip of them).
 * A text dump's features are made a feature at a time, most of them a page's constant
 * or a neighbour's value; turned into rows here each costs a pointer, where zip made
 * a tuple a line and then a list of it. */
static PyObject *rows(PyObject *self, PyObject *columns) {
    (void)self;
    if (!PyList_Check(columns)) {
        PyErr_SetString(PyExc_TypeError, "rows() needs a list of columns");
        return NULL;
    }
    Py_ssize_t width = PyList_GET_SIZE(columns), n = 0;
    for (Py_ssize_t j = 0; j < width; j++) {
        PyObject *column = PyList_GET_ITEM(columns, j);
        if (!PyList_Check(column)) {
            PyErr_SetString(PyExc_TypeError, "rows(): a column is not a list");
            return NULL;
        }
        if (j == 0) n = PyList_GET_SIZE(column);
        else if (PyList_GET_SIZE(column) != n) {
            PyErr_Format(PyExc_ValueError, "rows(): column %zd has %zd values, not %zd", j,
                         PyList_GET_SIZE(column), n);
            return NULL;
        }
    }
    PyObject *out = PyList_New(n);
    if (out == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *row = PyList_New(width);
        if (row == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        for (Py_ssize_t j = 0; j < width; j++) {
            PyObject *v = PyList_GET_ITEM(PyList_GET_ITEM(columns, j), i);
            Py_INCREF(v);
            PyList_SET_ITEM(row, j, v);
        }
        PyList_SET_ITEM(out, i, row);
    }
    return out;
}
