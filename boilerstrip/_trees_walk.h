/* _trees_walk.h: part of _trees.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The walks over a packed forest: a row's
   values read, the keep models' probability of every row (walk()) and the page-type
   model's margins of one row (packed_margins()). */

/* A feature's value into *out: a float's (or a subclass's) read in place, an int's
 * converted; anything else is refused rather than asked for its __float__, which could
 * run Python code that changes the lists being read. 0, or -1 with an exception set. */
static inline int value_of(PyObject *v, double *out) {
    if (PyFloat_Check(v)) {
        *out = PyFloat_AS_DOUBLE(v);
        return 0;
    }
    if (PyLong_Check(v)) {
        *out = PyLong_AsDouble(v);
        return *out == -1.0 && PyErr_Occurred() ? -1 : 0;
    }
    PyErr_Format(PyExc_TypeError, "a feature is a %.80s, not a number", Py_TYPE(v)->tp_name);
    return -1;
}

/* Row values into `row` (width doubles): 0 on success, -1 with an exception set. */
static int read_row(PyObject *r, double *row, Py_ssize_t width) {
    if (!PyList_Check(r) || PyList_GET_SIZE(r) != width) {
        PyErr_Format(PyExc_ValueError, "the row is not a list of %zd features", width);
        return -1;
    }
    for (Py_ssize_t j = 0; j < width; j++)
        if (value_of(PyList_GET_ITEM(r, j), row + j) < 0) return -1;
    return 0;
}

/* Rows read and walked together: every tree goes over them all while it is in cache
 * (one tree is about 60 nodes, a chunk of rows of the text model 200 KB). */
#define CHUNK 256

/* The values of rows start..start+m-1 into `matrix` (m rows of width doubles): from a
 * list of rows, or from a list of width columns (by_column) each value in place, as
 * read_row reads them; 0 or -1 with an exception set. */
static int read_chunk(PyObject *features, int by_column, Py_ssize_t start, Py_ssize_t m, Py_ssize_t width,
                      double *matrix) {
    if (!by_column) {
        for (Py_ssize_t i = 0; i < m; i++)
            if (read_row(PyList_GET_ITEM(features, start + i), matrix + i * width, width) < 0) return -1;
        return 0;
    }
    for (Py_ssize_t j = 0; j < width; j++) {
        PyObject *column = PyList_GET_ITEM(features, j);
        for (Py_ssize_t i = 0; i < m; i++)
            if (value_of(PyList_GET_ITEM(column, start + i), matrix + i * width + j) < 0) return -1;
    }
    return 0;
}

/* How many rows `features` holds: a list's length, or (by_column) its columns' length,
 * which must be width lists of one length; -1 with an exception set. */
static Py_ssize_t count_rows(PyObject *features, int by_column, Py_ssize_t width) {
    if (!by_column) return PyList_GET_SIZE(features);
    if (PyList_GET_SIZE(features) != width) {
        PyErr_Format(PyExc_ValueError, "the columns are not %zd lists of features", width);
        return -1;
    }
    Py_ssize_t n = 0;
    for (Py_ssize_t j = 0; j < width; j++) {
        PyObject *column = PyList_GET_ITEM(features, j);
        if (!PyList_Check(column) || (j > 0 && PyList_GET_SIZE(column) != n)) {
            PyErr_SetString(PyExc_ValueError, "the columns are not lists of one length");
            return -1;
        }
        n = PyList_GET_SIZE(column);
    }
    return n;
}

/* The probability of every row of `features` (a list of lists of p->width values, or
 * with by_column the p->width lists of every row's value): each row's leaves added in
 * tree order, then the clamp and the logistic, made a chunk of rows at a time and
 * tree by tree. */
static PyObject *walk_rows(const Packed *p, double base, PyObject *features, int by_column) {
    const Py_ssize_t width = p->width;
    const Node *nodes = p->nodes;
    Py_ssize_t n = count_rows(features, by_column, width);
    if (n < 0) return NULL;
    double *matrix = PyMem_Malloc((size_t)CHUNK * (size_t)(width ? width : 1) * sizeof(double));
    double *z = PyMem_Malloc(CHUNK * sizeof(double));
    PyObject *out = matrix && z ? PyList_New(n) : PyErr_NoMemory();
    for (Py_ssize_t start = 0; out != NULL && start < n; start += CHUNK) {
        Py_ssize_t m = n - start < CHUNK ? n - start : CHUNK;
        if (read_chunk(features, by_column, start, m, width, matrix) < 0) {
            Py_CLEAR(out);
            goto done;
        }
        for (Py_ssize_t i = 0; i < m; i++) z[i] = base;
        for (Py_ssize_t t = 0; t < p->trees; t++) {
            const int32_t root = p->roots[t];
            for (Py_ssize_t i = 0; i < m; i++) {
                const double *row = matrix + i * width;
                const Node *node = nodes + root;
                while (node->feature >= 0)
                    node = row[node->feature] <= node->at ? node + 1 : nodes + node->right;
                z[i] += node->at;
            }
        }
        for (Py_ssize_t i = 0; i < m; i++) {
            double v = z[i];
            if (v > 30.0) v = 30.0;
            if (v < -30.0) v = -30.0;
            PyObject *prob = PyFloat_FromDouble(1.0 / (1.0 + exp(-v)));
            if (prob == NULL) {
                Py_CLEAR(out);
                goto done;
            }
            PyList_SET_ITEM(out, start + i, prob);
        }
    }
done:
    PyMem_Free(matrix);
    PyMem_Free(z);
    return out;
}

/* walk(packed, base, features, by_column=0): the probability of every row by the
 * forest pack() made, of a list of rows or (by_column) of the rows' columns. */
static PyObject *walk(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *capsule, *features;
    double base;
    int by_column = 0;
    if (!PyArg_ParseTuple(args, "OdO!|p", &capsule, &base, &PyList_Type, &features, &by_column)) return NULL;
    const Packed *p = PyCapsule_GetPointer(capsule, PACKED_NAME);
    return p != NULL ? walk_rows(p, base, features, by_column) : NULL;
}

/* The sum of the leaves of trees t, t + classes, t + 2 classes, ... for each class t,
 * in tree order, for the row `values` (the arithmetic of learned.pagetype.Model.walk, so the
 * same numbers). */
static PyObject *margins_of(const Packed *p, PyObject *values, Py_ssize_t classes) {
    PyObject *out = NULL;
    if (classes <= 0) {
        PyErr_SetString(PyExc_ValueError, "margins: no class");
        return NULL;
    }
    double *row = PyMem_Malloc((size_t)(p->width ? p->width : 1) * sizeof(double));
    double *sums = PyMem_Calloc((size_t)classes, sizeof(double));
    if (row == NULL || sums == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (read_row(values, row, p->width) < 0) goto done;
    for (Py_ssize_t t = 0; t < p->trees; t++) {
        const Node *node = p->nodes + p->roots[t];
        while (node->feature >= 0) node = row[node->feature] <= node->at ? node + 1 : p->nodes + node->right;
        sums[t % classes] += node->at;
    }
    out = PyList_New(classes);
    for (Py_ssize_t c = 0; out != NULL && c < classes; c++) {
        PyObject *v = PyFloat_FromDouble(sums[c]);
        if (v == NULL) Py_CLEAR(out);
        else PyList_SET_ITEM(out, c, v);
    }
done:
    PyMem_Free(row);
    PyMem_Free(sums);
    return out;
}

/* packed_margins(packed, row, classes): margins_of() the forest pack() made (checked
 * once for its width, where checking every node on every call cost four fifths of
 * its time on the page-type model, which a text dump asks twice). */
static PyObject *packed_margins(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *capsule, *values;
    Py_ssize_t classes;
    if (!PyArg_ParseTuple(args, "OO!n", &capsule, &PyList_Type, &values, &classes)) return NULL;
    const Packed *p = PyCapsule_GetPointer(capsule, PACKED_NAME);
    return p != NULL ? margins_of(p, values, classes) : NULL;
}
