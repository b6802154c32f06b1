/* The keep model's trees, walked in C (see learned/forest.py, whose `probability` is
 * the same walk in Python and the reference for this one), and the page-type model's
 * (`packed_margins`, see learned/pagetype.py's Model.walk, its reference), and the
 * keep models' rows (`html_rows`, see learned/blockrows.py; `rows` of the text model's
 * columns, see learned/linerows.py).
 *
 * Why: every block of every HTML page goes through every tree (about 120 blocks x 60
 * trees x 8 nodes a page); in Python that is most of a page's time, in C a few hundred
 * microseconds. The trees come as flat buffers (array.array of int32 and double) that
 * learned/forest.py lays out once per model; pack() checks them, so a broken model file can
 * make an error but never a read out of bounds or a loop: every child must come after
 * its parent, and every split must name a feature the rows have.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

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
    const int32_t *feature = f->feature.buf, *left = f->left.buf, *right = f->right.buf;
    const double *threshold = f->threshold.buf, *value = f->value.buf;
    for (Py_ssize_t k = 0; k < count; k++) {
        p->nodes[k].feature = feature[k];
        p->nodes[k].at = feature[k] >= 0 ? threshold[k] : value[k];
        p->nodes[k].left = left[k];
        p->nodes[k].right = right[k];
    }
    memcpy(p->roots, f->roots.buf, (size_t)trees * sizeof(int32_t));
    return p;
}

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

/* pack(feature, threshold, left, right, value, roots, width): the forest checked once
 * for rows of `width` and its nodes packed, for walk() (learned.forest.Forest holds it): checking
 * and packing its nodes on every call cost the text model a fifth of its walk. */
static PyObject *pack(PyObject *self, PyObject *args) {
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

/* walk(packed, base, rows): the probability of every row by the forest pack() made. */
static PyObject *walk(PyObject *self, PyObject *args) {
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
    PyObject *capsule, *values;
    Py_ssize_t classes;
    if (!PyArg_ParseTuple(args, "OO!n", &capsule, &PyList_Type, &values, &classes)) return NULL;
    const Packed *p = PyCapsule_GetPointer(capsule, PACKED_NAME);
    return p != NULL ? margins_of(p, values, classes) : NULL;
}

/* The HTML keep model's rows (learned.blockrows.rows, whose Python loop is the reference for this
 * one: the same values in the same order, computed with the same double arithmetic).
 *
 * Why: a page's rows are about 85 numbers for each of its blocks; made in Python every
 * number is a float object appended to a growing list (a tenth of a page's time). Here
 * each row is a list of its final size, and the values a row repeats most (0, 1 and the
 * missing value) are shared objects. learned/blockrows.py hands over the columns it computes from
 * Python objects (labels, words, link shares, scores) and the tables (tags, hints,
 * containers, the Dom fields read, the sides, the window): one source for both.
 *
 * html_rows(blocks, weights, labels, kept, words, links, scores, page, prose, all_prose,
 *           typical, main, kind, tables, lo, hi) -> the rows of blocks lo..hi-1, where
 * tables = (missing, window, sides, tag_index, hint_index, containers, dom_fields, width)
 * and dom_fields = the positions in Dom of (link_density, depth, heading, tag, hint,
 * articles, hint_owner, containers). */

enum { D_LINK, D_DEPTH, D_HEADING, D_TAG, D_HINT, D_ARTICLES, D_OWNER, D_CONTAINERS, D_COUNT };

/* A float list of exactly n items, else -1 with an exception set. */
static int float_column(PyObject *list, Py_ssize_t n, const char *name) {
    if (!PyList_Check(list) || PyList_GET_SIZE(list) != n) {
        PyErr_Format(PyExc_ValueError, "html_rows: %s is not a list of one value a block", name);
        return -1;
    }
    return 0;
}

static double item_double(PyObject *list, Py_ssize_t k) { return PyFloat_AsDouble(PyList_GET_ITEM(list, k)); }

/* Sequential running sums, as learned.columns.running adds them (so the same doubles). */
static double *running(PyObject *list, Py_ssize_t n) {
    double *out = PyMem_Malloc((size_t)(n + 1) * sizeof(double));
    if (out == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    double total = 0.0;
    out[0] = 0.0;
    for (Py_ssize_t k = 0; k < n; k++) {
        double v = item_double(list, k);
        if (v == -1.0 && PyErr_Occurred()) {
            PyMem_Free(out);
            return NULL;
        }
        total += v;
        out[k + 1] = total;
    }
    return out;
}

/* Attribute `name` of `obj` as a double (an int or a float), -1 with an exception set. */
static int attr_double(PyObject *obj, PyObject *name, double *out) {
    PyObject *v = PyObject_GetAttr(obj, name);
    if (v == NULL) return -1;
    *out = PyFloat_AsDouble(v);
    Py_DECREF(v);
    return (*out == -1.0 && PyErr_Occurred()) ? -1 : 0;
}

typedef struct {
    PyObject *zero, *one, *missing;
} Shared;

/* Put `v` (a new reference, or NULL on error) at row[j]; -1 on error. */
static int put(PyObject *row, Py_ssize_t *j, Py_ssize_t width, PyObject *v) {
    if (v == NULL) return -1;
    if (*j >= width) {
        Py_DECREF(v);
        PyErr_SetString(PyExc_ValueError, "html_rows: more values than the model's features");
        return -1;
    }
    PyList_SET_ITEM(row, *j, v);
    (*j)++;
    return 0;
}

static PyObject *share(PyObject *v) {
    Py_INCREF(v);
    return v;
}

static PyObject *html_rows(PyObject *self, PyObject *args) {
    PyObject *blocks, *weights, *labels, *kept, *words, *links, *scores, *page, *prose, *tables;
    double all_prose, typical, kind;
    Py_ssize_t main_owner, lo, hi;
    if (!PyArg_ParseTuple(args, "O!OO!O!O!O!O!O!O!ddndO!nn", &PyList_Type, &blocks, &weights, &PyList_Type,
                          &labels, &PyList_Type, &kept, &PyList_Type, &words, &PyList_Type, &links, &PyList_Type,
                          &scores, &PyList_Type, &page, &PyDict_Type, &prose, &all_prose, &typical, &main_owner,
                          &kind, &PyTuple_Type, &tables, &lo, &hi))
        return NULL;
    double missing;
    Py_ssize_t window, width;
    PyObject *sides, *tag_index, *hint_index, *containers, *dom_fields;
    if (!PyArg_ParseTuple(tables, "dnO!O!O!O!O!n", &missing, &window, &PyTuple_Type, &sides, &PyDict_Type,
                          &tag_index, &PyDict_Type, &hint_index, &PyTuple_Type, &containers, &PyTuple_Type,
                          &dom_fields, &width))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(blocks);
    if (lo < 0 || hi > n || lo > hi) {
        PyErr_SetString(PyExc_ValueError, "html_rows: blocks out of range");
        return NULL;
    }
    if (PyTuple_GET_SIZE(dom_fields) != D_COUNT) {
        PyErr_SetString(PyExc_ValueError, "html_rows: the Dom fields read are not 8");
        return NULL;
    }
    Py_ssize_t field[D_COUNT];
    for (int k = 0; k < D_COUNT; k++) {
        field[k] = PyLong_AsSsize_t(PyTuple_GET_ITEM(dom_fields, k));
        if (field[k] == -1 && PyErr_Occurred()) return NULL;
    }
    PyObject *weights_seq = PySequence_Fast(weights, "html_rows: the weights are not a sequence");
    if (weights_seq == NULL) return NULL;
    PyObject *out = NULL, *minus_one = NULL, *content = NULL;
    PyObject *n_features = NULL, *n_chars = NULL, *n_stop = NULL, *n_ends = NULL, *n_repeats = NULL;
    PyObject *n_score = NULL, *n_dom = NULL;
    Shared s = {NULL, NULL, NULL};
    double *sum_words = NULL, *sum_kept = NULL, *sum_links = NULL;
    PyObject **doms = NULL;
    if (float_column(labels, n, "labels") < 0 || float_column(kept, n, "kept") < 0 ||
        float_column(words, n, "words") < 0 || float_column(links, n, "links") < 0 ||
        float_column(scores, n, "scores") < 0 || PySequence_Fast_GET_SIZE(weights_seq) != n)
        goto fail;
    s.zero = PyFloat_FromDouble(0.0);
    s.one = PyFloat_FromDouble(1.0);
    s.missing = PyFloat_FromDouble(missing);
    minus_one = PyLong_FromLong(-1);
    content = PyUnicode_InternFromString("content");
    n_features = PyUnicode_InternFromString("features");
    n_chars = PyUnicode_InternFromString("chars");
    n_stop = PyUnicode_InternFromString("stop_density");
    n_ends = PyUnicode_InternFromString("ends_sentence");
    n_repeats = PyUnicode_InternFromString("repeats");
    n_score = PyUnicode_InternFromString("score");
    n_dom = PyUnicode_InternFromString("dom");
    if (!s.zero || !s.one || !s.missing || !minus_one || !content || !n_features || !n_chars || !n_stop ||
        !n_ends || !n_repeats || !n_score || !n_dom)
        goto fail;
    sum_words = running(words, n);
    sum_kept = sum_words ? running(kept, n) : NULL;
    sum_links = sum_kept ? running(links, n) : NULL;
    if (sum_links == NULL) goto fail;
    /* Every block's Dom (None for none) and hint owner, read once: the sides read them again. */
    doms = PyMem_Calloc((size_t)(n ? n : 1), sizeof(PyObject *));
    if (doms == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    Py_ssize_t sides_n = PyTuple_GET_SIZE(sides);
    Py_ssize_t reach_lo = lo, reach_hi = hi;
    for (Py_ssize_t t = 0; t < sides_n; t++) {
        Py_ssize_t j = PyLong_AsSsize_t(PyTuple_GET_ITEM(sides, t));
        if (j == -1 && PyErr_Occurred()) goto fail;
        if (lo + j < reach_lo) reach_lo = lo + j;
        if (hi + j > reach_hi) reach_hi = hi + j;
    }
    if (reach_lo < 0) reach_lo = 0;
    if (reach_hi > n) reach_hi = n;
    for (Py_ssize_t k = reach_lo; k < reach_hi; k++) {
        PyObject *d = PyObject_GetAttr(PyList_GET_ITEM(blocks, k), n_dom);
        if (d == NULL) goto fail;
        if (d != Py_None && (!PyTuple_Check(d) || PyTuple_GET_SIZE(d) <= field[D_OWNER] ||
                             PyTuple_GET_SIZE(d) <= field[D_CONTAINERS] || PyTuple_GET_SIZE(d) <= field[D_ARTICLES] ||
                             PyTuple_GET_SIZE(d) <= field[D_LINK] || PyTuple_GET_SIZE(d) <= field[D_DEPTH] ||
                             PyTuple_GET_SIZE(d) <= field[D_HEADING] || PyTuple_GET_SIZE(d) <= field[D_TAG] ||
                             PyTuple_GET_SIZE(d) <= field[D_HINT])) {
            Py_DECREF(d);
            PyErr_SetString(PyExc_TypeError, "html_rows: a block's dom is not a Dom");
            goto fail;
        }
        doms[k] = d;
    }
    double scale = (double)(n - 1 > 1 ? n - 1 : 1);
    out = PyList_New(hi - lo);
    if (out == NULL) goto fail;
    for (Py_ssize_t i = lo; i < hi; i++) {
        /* Its items NULL until set (a list frees those): a row cut short by an error is
         * freed with `out`, never returned. */
        PyObject *row = PyList_New(width);
        if (row == NULL) goto fail;
        PyList_SET_ITEM(out, i - lo, row);
        Py_ssize_t j = 0;
#define PUT(v)                                         \
    do {                                               \
        if (put(row, &j, width, (v)) < 0) goto fail;   \
    } while (0)
#define PUT_D(x) PUT(PyFloat_FromDouble(x))
#define PUT_FLAG(c) PUT(share((c) ? s.one : s.zero))
        PyObject *b = PyList_GET_ITEM(blocks, i);
        /* _block_features */
        PyObject *f = PyObject_GetAttr(b, n_features);
        if (f == NULL) goto fail;
        double chars, stop, repeats, ends_d;
        PyObject *ends = PyObject_GetAttr(f, n_ends);
        int bad = ends == NULL || attr_double(f, n_chars, &chars) < 0 || attr_double(f, n_stop, &stop) < 0 ||
                  attr_double(f, n_repeats, &repeats) < 0;
        Py_DECREF(f);
        if (bad) {
            Py_XDECREF(ends);
            goto fail;
        }
        int truth = PyObject_IsTrue(ends);
        Py_DECREF(ends);
        if (truth < 0) goto fail;
        ends_d = truth;
        PUT(share(PyList_GET_ITEM(words, i)));
        PUT_D(chars);
        PUT_D(stop);
        PUT_D(typical != 0.0 ? stop / typical : 1.0);
        PUT_FLAG(ends_d);
        PUT_D(repeats);
        PUT_D((double)i / scale);
        PUT(share(PyList_GET_ITEM(scores, i)));
        PUT(share(PySequence_Fast_GET_ITEM(weights_seq, i)));
        PUT(share(PyList_GET_ITEM(kept, i)));
        PUT(share(PyList_GET_ITEM(labels, i)));
        for (Py_ssize_t k = 0; k < PyList_GET_SIZE(page); k++) PUT(share(PyList_GET_ITEM(page, k)));
        /* _add_dom_features */
        PyObject *d = doms[i];
        Py_ssize_t ncont = PyTuple_GET_SIZE(containers);
        if (d == Py_None) {
            for (Py_ssize_t k = 0; k < 8 + ncont; k++) PUT(share(s.missing));
        } else {
            PUT(share(PyTuple_GET_ITEM(d, field[D_LINK])));
            double depth, heading;
            depth = PyFloat_AsDouble(PyTuple_GET_ITEM(d, field[D_DEPTH]));
            if (depth == -1.0 && PyErr_Occurred()) goto fail;
            heading = PyFloat_AsDouble(PyTuple_GET_ITEM(d, field[D_HEADING]));
            if (heading == -1.0 && PyErr_Occurred()) goto fail;
            PUT_D(depth);
            PUT_D(heading);
            PyObject *hint = PyTuple_GET_ITEM(d, field[D_HINT]);
            PyObject *v = PyDict_GetItemWithError(tag_index, PyTuple_GET_ITEM(d, field[D_TAG]));
            if (v == NULL && PyErr_Occurred()) goto fail;
            PUT(share(v ? v : s.missing));
            v = PyDict_GetItemWithError(hint_index, hint);
            if (v == NULL && PyErr_Occurred()) goto fail;
            PUT(share(v ? v : s.missing));
            PyObject *articles = PyTuple_GET_ITEM(d, field[D_ARTICLES]);
            Py_ssize_t n_articles = PyObject_Length(articles);
            if (n_articles < 0) goto fail;
            PUT_D((double)n_articles);
            int in_main = 0;
            if (main_owner >= 0) {
                int is_content = PyUnicode_Check(hint) && PyUnicode_Compare(hint, content) == 0;
                if (is_content) {
                    Py_ssize_t owner = PyLong_AsSsize_t(PyTuple_GET_ITEM(d, field[D_OWNER]));
                    if (owner == -1 && PyErr_Occurred()) goto fail;
                    in_main = owner == main_owner;
                }
            }
            PUT_FLAG(in_main);
            PUT_FLAG(main_owner < 0);
            PyObject *around = PyTuple_GET_ITEM(d, field[D_CONTAINERS]);
            for (Py_ssize_t k = 0; k < ncont; k++) {
                int has = PySequence_Contains(around, PyTuple_GET_ITEM(containers, k));
                if (has < 0) goto fail;
                PUT_FLAG(has);
            }
        }
        /* _add_side, for every side */
        for (Py_ssize_t t = 0; t < sides_n; t++) {
            Py_ssize_t k = i + PyLong_AsSsize_t(PyTuple_GET_ITEM(sides, t));
            if (k < 0 || k >= n) {
                PUT(share(s.missing));
                PUT(share(s.missing));
                PUT(share(s.zero));
                PUT(share(s.zero));
                PUT(share(s.zero));
                continue;
            }
            PUT(share(PyList_GET_ITEM(words, k)));
            PUT(share(PyList_GET_ITEM(labels, k)));
            PUT(share(PyList_GET_ITEM(links, k)));
            PUT(share(PyList_GET_ITEM(scores, k)));
            int same = 0;
            if (doms[k] != Py_None && d != Py_None) {
                same = PyObject_RichCompareBool(PyTuple_GET_ITEM(doms[k], field[D_OWNER]),
                                                PyTuple_GET_ITEM(d, field[D_OWNER]), Py_EQ);
                if (same < 0) goto fail;
            }
            PUT_FLAG(same);
        }
        /* the window, the <article> prose, the page type */
        Py_ssize_t wlo = i - window > 0 ? i - window : 0, whi = i + window + 1 < n ? i + window + 1 : n;
        double span = (double)(whi - wlo);
        PUT_D((sum_words[whi] - sum_words[wlo]) / span);
        PUT_D((sum_kept[whi] - sum_kept[wlo]) / span);
        PUT_D((sum_links[whi] - sum_links[wlo]) / span);
        PUT_D((double)PyDict_GET_SIZE(prose));
        PyObject *own = minus_one;
        if (d != Py_None) {
            PyObject *articles = PyTuple_GET_ITEM(d, field[D_ARTICLES]);
            if (!PyTuple_Check(articles)) {
                PyErr_SetString(PyExc_TypeError, "html_rows: a Dom's articles are not a tuple");
                goto fail;
            }
            if (PyTuple_GET_SIZE(articles)) own = PyTuple_GET_ITEM(articles, PyTuple_GET_SIZE(articles) - 1);
        }
        PyObject *words_in = PyDict_GetItemWithError(prose, own);
        if (words_in == NULL && PyErr_Occurred()) goto fail;
        double in_own = 0.0;
        if (words_in != NULL) {
            in_own = PyFloat_AsDouble(words_in);
            if (in_own == -1.0 && PyErr_Occurred()) goto fail;
        }
        PUT_D(in_own / all_prose);
        PUT_D(kind);
        if (j != width) {
            PyErr_SetString(PyExc_ValueError, "html_rows: fewer values than the model's features");
            goto fail;
        }
#undef PUT
#undef PUT_D
#undef PUT_FLAG
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    if (doms != NULL) {
        for (Py_ssize_t k = 0; k < n; k++) Py_XDECREF(doms[k]);
        PyMem_Free(doms);
    }
    PyMem_Free(sum_words);
    PyMem_Free(sum_kept);
    PyMem_Free(sum_links);
    Py_XDECREF(s.zero);
    Py_XDECREF(s.one);
    Py_XDECREF(s.missing);
    Py_XDECREF(minus_one);
    Py_XDECREF(content);
    Py_XDECREF(n_features);
    Py_XDECREF(n_chars);
    Py_XDECREF(n_stop);
    Py_XDECREF(n_ends);
    Py_XDECREF(n_repeats);
    Py_XDECREF(n_score);
    Py_XDECREF(n_dom);
    Py_DECREF(weights_seq);
    return out;
}

/* rows(columns): the lists of the columns' values line by line, each value the same
 * object as in its column (learned.linerows.text_rows: the Python reference is a zip of them).
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
    {"pack", pack, METH_VARARGS, "The keep model's forest checked once and packed, for walk()."},
    {"walk", walk, METH_VARARGS, "The keep model's probability of every row, by the forest pack() made."},
    {"rows", rows, METH_O, "The rows of a list of columns (a zip of them, as lists)."},
    {"packed_margins", packed_margins, METH_VARARGS, "The page-type model's score of every class for one row, by the forest pack() made."},
    {"html_rows", html_rows, METH_VARARGS, "The HTML keep model's rows of blocks lo..hi-1 (learned.blockrows.rows)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "boilerstrip._trees", NULL, -1, methods};

PyMODINIT_FUNC PyInit__trees(void) { return PyModule_Create(&module); }
