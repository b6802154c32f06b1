/* _trees_pack.h: part of _trees.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). A forest as learned/forest.py lays it out
   (six flat buffers), checked once for a row width and packed into one allocation of
   nodes: pack(). */

typedef struct {
    Py_buffer feature, threshold, left, right, value, roots;
} Forest;

static void release(Forest *f) {
    Py_buffer *all[] = {&f->feature, &f->threshold, &f->left, &f->right, &f->value, &f->roots};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (all[i]->obj != NULL) PyBuffer_Release(all[i]);
}

/* Nodes, roots and features consistent: children after parents, indexes in range, and
   a split's left child the node after it (each tree laid out depth first, left first,
   as tools/ and learned/pagetype.py write them), which the walk does not look up. */
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
        if (feature[k] >= width || left[k] != k + 1 || right[k] <= k + 1 || right[k] >= n) {
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

/* A node packed for the walk: a split's threshold or a leaf's value, its feature (< 0:
 * a leaf) and right child, in one place (16 bytes, four to a cache line), where the
 * model's five arrays put each field of a node in another cache line; the left child
 * is the next node. */
typedef struct {
    double at;
    int32_t feature, right;
} Node;

/* A forest checked and packed once (pack()): its nodes, roots and the row width it
 * was checked for, in one allocation, held by a capsule. */
typedef struct {
    Py_ssize_t count, trees, width;
    Node *nodes;
    int32_t *roots;
} Packed;

static const char *const PACKED_NAME = "boilerstrip._trees.Packed";

static void free_packed(PyObject *capsule) { PyMem_Free(PyCapsule_GetPointer(capsule, PACKED_NAME)); }

/* The forest `f`, checked for rows of `width`, packed: NULL with an exception set. */
static Packed *packed_forest(Forest *f, Py_ssize_t width) {
    if (width < 0 || check(f, width) < 0) return NULL;
    Py_ssize_t count = f->feature.len / (Py_ssize_t)sizeof(int32_t);
    Py_ssize_t trees = f->roots.len / (Py_ssize_t)sizeof(int32_t);
    Packed *p = PyMem_Malloc(sizeof(Packed) + (size_t)(count ? count : 1) * sizeof(Node) +
                             (size_t)(trees ? trees : 1) * sizeof(int32_t));
    if (p == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    p->count = count, p->trees = trees, p->width = width;
    p->nodes = (Node *)(p + 1);
    p->roots = (int32_t *)(p->nodes + (count ? count : 1));
    const int32_t *feature = f->feature.buf, *right = f->right.buf;
    const double *threshold = f->threshold.buf, *value = f->value.buf;
    for (Py_ssize_t k = 0; k < count; k++) {
        p->nodes[k].feature = feature[k];
        p->nodes[k].at = feature[k] >= 0 ? threshold[k] : value[k];
        p->nodes[k].right = right[k];
    }
    memcpy(p->roots, f->roots.buf, (size_t)trees * sizeof(int32_t));
    return p;
}

/* pack(feature, threshold, left, right, value, roots, width): the forest checked once
 * for rows of `width` and its nodes packed, for walk() (learned.forest.Forest holds it): checking
 * and packing its nodes on every call cost the text model a fifth of its walk. */
static PyObject *pack(PyObject *self, PyObject *args) {
    (void)self;
    Forest f = {0};
    Py_ssize_t width;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*y*n", &f.feature, &f.threshold, &f.left, &f.right, &f.value, &f.roots,
                          &width))
        return NULL;
    Packed *p = packed_forest(&f, width);
    release(&f);
    PyObject *capsule = p != NULL ? PyCapsule_New(p, PACKED_NAME, free_packed) : NULL;
    if (capsule == NULL) PyMem_Free(p);
    return capsule;
}
