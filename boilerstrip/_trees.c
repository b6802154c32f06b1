/* The keep model's trees, walked in C (see keep.py, whose `probability` is the same
 * walk in Python and the reference for this one), and the page-type model's
 * (`margins`, see pagetype.Model.scores, its reference), and the text model's rows
 * made of its columns (`rows`, see keep.text_rows).
 *
 * Why: every block of every HTML page goes through every tree (about 120 blocks x 60
 * trees x 8 nodes a page); in Python that is most of a page's time, in C a few hundred
 * microseconds. The trees come as flat buffers (array.array of int32 and double) that
 * keep.py lays out once per model; each call checks them, so a broken model file can
 * make an error but never a read out of bounds or a loop: every child must come after
 * its parent, and every split must name a feature the rows have.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>

typedef struct {
    Py_buffer feature, threshold, left, right, value, roots;
} Forest;

static void release(Forest *f) {
    Py_buffer *all[] = {&f->feature, &f->threshold, &f->left, &f->right, &f->value, &f->roots};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (all[i]->obj != NULL) PyBuffer_Release(all[i]);
}

/* Nodes, roots and features consistent: children after parents, indexes in range. */
static int check(const Forest *f, Py_ssize_t width) {
    Py_ssize_t n = f->feature.len / (Py_ssize_t)sizeof(int32_t);
    if (f->threshold.len != n * (Py_ssize_t)sizeof(double) || f->value.len != n * (Py_ssize_t)sizeof(double) ||
        f->left.len != n * (Py_ssize_t)sizeof(int32_t) || f->right.len != n * (Py_ssize_t)sizeof(int32_t)) {
        PyErr_SetString(PyExc_ValueError, "keep model: node arrays of different lengths");
        return -1;
    }
    const int32_t *feature = f->feature.buf, *left = f->left.buf, *right = f->right.buf, *roots = f->roots.buf;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (feature[k] < 0) continue;
        if (feature[k] >= width || left[k] <= k || right[k] <= k || left[k] >= n || right[k] >= n) {
            PyErr_Format(PyExc_ValueError, "keep model: node %zd is malformed", k);
            return -1;
        }
    }
    Py_ssize_t trees = f->roots.len / (Py_ssize_t)sizeof(int32_t);
    for (Py_ssize_t t = 0; t < trees; t++) {
        if (roots[t] < 0 || roots[t] >= n) {
            PyErr_Format(PyExc_ValueError, "keep model: tree %zd has no root", t);
            return -1;
        }
    }
    return 0;
}

/* The value of the leaf that tree `t` reaches for `row`. */
static double leaf(const Forest *f, const double *row, Py_ssize_t t) {
    const int32_t *feature = f->feature.buf, *left = f->left.buf, *right = f->right.buf, *roots = f->roots.buf;
    const double *threshold = f->threshold.buf;
    int32_t node = roots[t];
    while (feature[node] >= 0)
        node = row[feature[node]] <= threshold[node] ? left[node] : right[node];
    return ((const double *)f->value.buf)[node];
}

/* Row values into `row` (width doubles): 0 on success, -1 with an exception set. */
static int read_row(PyObject *r, double *row, Py_ssize_t width) {
    if (!PyList_Check(r) || PyList_GET_SIZE(r) != width) {
        PyErr_Format(PyExc_ValueError, "the row is not a list of %zd features", width);
        return -1;
    }
    for (Py_ssize_t j = 0; j < width; j++) {
        row[j] = PyFloat_AsDouble(PyList_GET_ITEM(r, j));
        if (row[j] == -1.0 && PyErr_Occurred()) return -1;
    }
    return 0;
}

/* A node packed for the walk: a split's threshold or a leaf's value, its feature (< 0:
 * a leaf) and children, in one place, where the model's five arrays put each field of
 * a node in another cache line. */
typedef struct {
    double at;
    int32_t feature, left, right;
} Node;

/* Rows read and walked together: every tree goes over them all while it is in cache
 * (one tree is about 60 nodes, a chunk of rows of the text model 200 KB). */
#define CHUNK 256

/* probabilities(feature, threshold, left, right, value, roots, base, rows, width): the
 * same sums as `walk` row by row (each row's leaves added in tree order, then the
 * clamp and the logistic), made a chunk of rows at a time and tree by tree. */
static PyObject *probabilities(PyObject *self, PyObject *args) {
    Forest f = {0};
    double base;
    PyObject *rows;
    Py_ssize_t width;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*y*dO!n", &f.feature, &f.threshold, &f.left, &f.right, &f.value,
                          &f.roots, &base, &PyList_Type, &rows, &width))
        return NULL;
    PyObject *out = NULL;
    double *matrix = NULL, *z = NULL;
    Node *nodes = NULL;
    if (width < 0 || check(&f, width) < 0) goto done;
    Py_ssize_t count = f.feature.len / (Py_ssize_t)sizeof(int32_t);
    Py_ssize_t trees = f.roots.len / (Py_ssize_t)sizeof(int32_t);
    const int32_t *feature = f.feature.buf, *left = f.left.buf, *right = f.right.buf, *roots = f.roots.buf;
    const double *threshold = f.threshold.buf, *value = f.value.buf;
    nodes = PyMem_Malloc((size_t)(count ? count : 1) * sizeof(Node));
    matrix = PyMem_Malloc((size_t)CHUNK * (size_t)(width ? width : 1) * sizeof(double));
    z = PyMem_Malloc(CHUNK * sizeof(double));
    if (nodes == NULL || matrix == NULL || z == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < count; k++) {
        nodes[k].feature = feature[k];
        nodes[k].at = feature[k] >= 0 ? threshold[k] : value[k];
        nodes[k].left = left[k];
        nodes[k].right = right[k];
    }
    Py_ssize_t n = PyList_GET_SIZE(rows);
    out = PyList_New(n);
    if (out == NULL) goto done;
    for (Py_ssize_t start = 0; start < n; start += CHUNK) {
        Py_ssize_t m = n - start < CHUNK ? n - start : CHUNK;
        for (Py_ssize_t i = 0; i < m; i++) {
            if (read_row(PyList_GET_ITEM(rows, start + i), matrix + i * width, width) < 0) {
                Py_CLEAR(out);
                goto done;
            }
            z[i] = base;
        }
        for (Py_ssize_t t = 0; t < trees; t++) {
            const int32_t root = roots[t];
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
            PyObject *p = PyFloat_FromDouble(1.0 / (1.0 + exp(-v)));
            if (p == NULL) {
                Py_CLEAR(out);
                goto done;
            }
            PyList_SET_ITEM(out, start + i, p);
        }
    }
done:
    PyMem_Free(nodes);
    PyMem_Free(matrix);
    PyMem_Free(z);
    release(&f);
    return out;
}

/* margins(feature, threshold, left, right, value, roots, row, width, classes): the
 * sum of the leaves of trees t, t + classes, t + 2 classes, ... for each class t, in
 * tree order (the arithmetic of pagetype.Model.scores, so the same numbers). */
static PyObject *margins(PyObject *self, PyObject *args) {
    Forest f = {0};
    PyObject *values, *out = NULL;
    Py_ssize_t width, classes;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*y*O!nn", &f.feature, &f.threshold, &f.left, &f.right, &f.value,
                          &f.roots, &PyList_Type, &values, &width, &classes))
        return NULL;
    double *row = NULL, *sums = NULL;
    if (width < 0 || classes <= 0) {
        PyErr_SetString(PyExc_ValueError, "margins: a negative width or no class");
        goto done;
    }
    if (check(&f, width) < 0) goto done;
    row = PyMem_Malloc((size_t)(width ? width : 1) * sizeof(double));
    sums = PyMem_Calloc((size_t)classes, sizeof(double));
    if (row == NULL || sums == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (read_row(values, row, width) < 0) goto done;
    Py_ssize_t trees = f.roots.len / (Py_ssize_t)sizeof(int32_t);
    for (Py_ssize_t t = 0; t < trees; t++) sums[t % classes] += leaf(&f, row, t);
    out = PyList_New(classes);
    for (Py_ssize_t c = 0; out != NULL && c < classes; c++) {
        PyObject *v = PyFloat_FromDouble(sums[c]);
        if (v == NULL) Py_CLEAR(out);
        else PyList_SET_ITEM(out, c, v);
    }
done:
    PyMem_Free(row);
    PyMem_Free(sums);
    release(&f);
    return out;
}

/* rows(columns): the lists of the columns' values line by line, each value the same
 * object as in its column (keep.text_rows: the Python reference is a zip of them).
 * A text dump's features are made a feature at a time, most of them a page's constant
 * or a neighbour's value; turned into rows here each costs a pointer, where zip made
 * a tuple a line and then a list of it. */
static PyObject *rows(PyObject *self, PyObject *columns) {
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

static PyMethodDef methods[] = {
    {"probabilities", probabilities, METH_VARARGS, "The keep model's probability of every row."},
    {"rows", rows, METH_O, "The rows of a list of columns (a zip of them, as lists)."},
    {"margins", margins, METH_VARARGS, "The page-type model's score of every class for one row."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "boilerstrip._trees", NULL, -1, methods};

PyMODINIT_FUNC PyInit__trees(void) { return PyModule_Create(&module); }
