/* _trees_walk.h: part of _trees.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The walks over a packed forest: a row's
   values read, the keep models' probability of every row (walk()) and the page-type
   model's margins of one row (packed_margins()). */

/* Row values into `row` (width doubles): 0 on success, -1 with an exception set. */
static int read_row(PyObject *r, double *row, Py_ssize_t width) {
    if (!PyList_Check(r) || PyList_GET_SIZE(r) != width) {
        PyErr_Format(PyExc_ValueError, "the row is not a list of %zd features", width);
        return -1;
    }
    for (Py_ssize_t j = 0; j < width; j++) {
        PyObject *v = PyList_GET_ITEM(r, j);
        /* A float's value read in place (rows are floats; an int a caller may give goes
           through PyFloat_AsDouble): its call and checks, for each of a row's ~85
           values, were a third of the keep model's call. */
        if (PyFloat_CheckExact(v)) {
            row[j] = PyFloat_AS_DOUBLE(v);
            continue;
        }
        row[j] = PyFloat_AsDouble(v);
        if (row[j] == -1.0 && PyErr_Occurred()) return -1;
    }
    return 0;
}

/* Rows read and walked together: every tree goes over them all while it is in cache
 * (one tree is about 60 nodes, a chunk of rows of the text model 200 KB). */
#define CHUNK 256

/* The probability of every row of `rows` (a list of lists of p->width values): each
 * row's leaves added in tree order, then the clamp and the logistic, made a chunk of
 * rows at a time and tree by tree. */
static PyObject *walk_rows(const Packed *p, double base, PyObject *rows) {
    const Py_ssize_t width = p->width;
    const Node *nodes = p->nodes;
    double *matrix = PyMem_Malloc((size_t)CHUNK * (size_t)(width ? width : 1) * sizeof(double));
    double *z = PyMem_Malloc(CHUNK * sizeof(double));
    Py_ssize_t n = PyList_GET_SIZE(rows);
    PyObject *out = matrix && z ? PyList_New(n) : PyErr_NoMemory();
    for (Py_ssize_t start = 0; out != NULL && start < n; start += CHUNK) {
        Py_ssize_t m = n - start < CHUNK ? n - start : CHUNK;
        for (Py_ssize_t i = 0; i < m; i++) {
            if (read_row(PyList_GET_ITEM(rows, start + i), matrix + i * width, width) < 0) {
                Py_CLEAR(out);
                goto done;
            }
            z[i] = base;
        }
        for (Py_ssize_t t = 0; t < p->trees; t++) {
            const int32_t root = p->roots[t];
            for (Py_ssize_t i = 0; i < m; i++) {
                const double *row = matrix + i * width;
                const Node *node = nodes + root;
                while (node->feature >= 0)
                    node = nodes + (row[node->feature] <= node->at ? node->left : node->right);
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

/* walk(packed, base, rows): the probability of every row by the forest pack() made. */
static PyObject *walk(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *capsule, *rows;
    double base;
    if (!PyArg_ParseTuple(args, "OdO!", &capsule, &base, &PyList_Type, &rows)) return NULL;
    const Packed *p = PyCapsule_GetPointer(capsule, PACKED_NAME);
    return p != NULL ? walk_rows(p, base, rows) : NULL;
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
        while (node->feature >= 0) node = p->nodes + (row[node->feature] <= node->at ? node->left : node->right);
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
