/* _text_blocks.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). line_blocks(): the text model's columns of
   what the pipeline says of each line (its words, density, label, score, weight, blank
   line group) and of the page's make-up, learned.linerows._block_columns_in_python in
   one call. */

/* What line_blocks reads of one line. */
typedef struct {
    PyObject *label, *score, *stop, *group; /* new references */
    Py_ssize_t words, chars, repeats;
    int ends;
} LineBlock;

static void drop_line(LineBlock *b) {
    Py_CLEAR(b->label);
    Py_CLEAR(b->score);
    Py_CLEAR(b->stop);
    Py_CLEAR(b->group);
}

/* Reads a block's label, score and features into *b: 0, or -1 with an exception set
   (and nothing held). */
static int read_line(LineAttrs *a, PyObject *block, LineBlock *b) {
    PyObject *f = attr_read(&a->features, block), *ends = NULL;
    memset(b, 0, sizeof *b);
    if (!f || !(b->label = attr_read(&a->label, block)) || !(b->score = attr_read(&a->score, block))) goto fail;
    if (!(b->stop = attr_read(&a->stop, f)) || !(b->group = attr_read(&a->group, f)) || !(ends = attr_read(&a->ends, f)))
        goto fail;
    if (!PyFloat_Check(b->score) || !PyFloat_Check(b->stop)) {
        PyErr_SetString(PyExc_TypeError, "line_blocks(): a score or a stop density is not a float");
        goto fail;
    }
    if ((b->words = int_attr(&a->words, f)) < 0 || (b->chars = int_attr(&a->chars, f)) < 0 ||
        (b->repeats = int_attr(&a->repeats, f)) < 0 || (b->ends = PyObject_IsTrue(ends)) < 0)
        goto fail;
    Py_DECREF(f);
    Py_DECREF(ends);
    return 0;
fail:
    Py_XDECREF(f);
    Py_XDECREF(ends);
    drop_line(b);
    return -1;
}

/* A weight's value into *out: a float's or an int's (anything else refused, as
   read_values refuses it); 0, or -1 with an exception set. */
static int weight_of(PyObject *weight, double *out) {
    if (PyFloat_Check(weight)) {
        *out = PyFloat_AS_DOUBLE(weight);
        return 0;
    }
    if (!PyLong_Check(weight)) {
        PyErr_Format(PyExc_TypeError, "line_blocks(): a weight is a %.80s, not a number", Py_TYPE(weight)->tp_name);
        return -1;
    }
    *out = PyLong_AsDouble(weight);
    return *out == -1.0 && PyErr_Occurred() ? -1 : 0;
}

/* Line i's values into the columns col[0..10] (words, chars, stop, rel, ends, repeats,
   pos, scores, weights, kept, labels) and its group object into groups[i], its coarse
   shape into shape[i]: 0, or -1 with an exception set. */
static int line_block_values(LineAttrs *a, PyObject *block, Py_ssize_t i, Py_ssize_t n, PyObject *weights, PyObject *label_index,
                             PyObject *article, double typical, double missing, double *const *col,
                             PyObject *groups, unsigned char *shape, double short_words) {
    LineBlock b;
    if (read_line(a, block, &b) < 0) return -1;
    int ok = -1;
    PyObject *label = PyDict_GetItemWithError(label_index, b.label); /* borrowed */
    if (!label && PyErr_Occurred()) goto done;
    PyObject *weight = PySequence_GetItem(weights, i);
    if (!weight) goto done;
    int weighed = weight_of(weight, col[8] + i);
    Py_DECREF(weight);
    if (weighed < 0) goto done;
    double stop = PyFloat_AS_DOUBLE(b.stop), scale = (double)(n - 1 > 1 ? n - 1 : 1);
    col[10][i] = label ? PyFloat_AsDouble(label) : missing;
    if (col[10][i] == -1.0 && PyErr_Occurred()) goto done;
    col[0][i] = (double)b.words;
    col[1][i] = (double)b.chars;
    col[2][i] = stop;
    col[3][i] = typical != 0.0 ? stop / typical : 1.0;
    col[4][i] = b.ends ? 1.0 : 0.0;
    col[5][i] = (double)b.repeats;
    col[6][i] = (double)i / scale;
    col[7][i] = PyFloat_AS_DOUBLE(b.score);
    col[9][i] = b.label == article ? 1.0 : 0.0;
    shape[i] = (unsigned char)((double)b.words < short_words ? 0 : b.ends ? 2 : 1);
    Py_INCREF(b.group);
    PyList_SET_ITEM(groups, i, b.group);
    ok = 0;
done:
    drop_line(&b);
    return ok;
}

/* The page's values (learned.columns.page_features): lines, words, and each label's
   share of the words, in label order, from each line's label index and words. */
static PyObject *page_values_of(const double *label_of, const double *words_of, Py_ssize_t n, Py_ssize_t labels) {
    double total = 0.0, *shares = PyMem_Calloc((size_t)(labels ? labels : 1), sizeof(double));
    if (!shares) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++) total += words_of[i];
    if (total == 0.0) total = 1.0;
    for (Py_ssize_t i = 0; i < n; i++)
        if (label_of[i] >= 0 && (Py_ssize_t)label_of[i] < labels) shares[(Py_ssize_t)label_of[i]] += words_of[i];
    PyObject *out = PyList_New(2 + labels);
    for (Py_ssize_t k = -2; out && k < labels; k++) {
        PyObject *x = PyFloat_FromDouble(k == -2 ? (double)n : k == -1 ? total : shares[k] / total);
        if (!x) Py_CLEAR(out);
        else PyList_SET_ITEM(out, 2 + k, x);
    }
    PyMem_Free(shares);
    return out;
}

/* The group columns by a dict of each group's lines (`group_columns` where a group is
   not an int of 0..n): 0 or -1. */
static int group_columns_by_dict(PyObject *groups, double *share, double *style) {
    Py_ssize_t n = PyList_GET_SIZE(groups);
    PyObject *sizes = PyDict_New();
    int ok = sizes ? 0 : -1;
    for (Py_ssize_t i = 0; ok == 0 && i < n; i++) {
        PyObject *group = PyList_GET_ITEM(groups, i), *count = PyDict_GetItemWithError(sizes, group);
        if (!count && PyErr_Occurred()) ok = -1;
        PyObject *more = ok == 0 ? PyLong_FromSsize_t(count ? PyLong_AsSsize_t(count) + 1 : 1) : NULL;
        if (!more || PyDict_SetItem(sizes, group, more) < 0) ok = -1;
        Py_XDECREF(more);
    }
    double several = ok == 0 && PyDict_GET_SIZE(sizes) > 1 ? 1.0 : 0.0;
    for (Py_ssize_t i = 0; ok == 0 && i < n; i++) {
        PyObject *count = PyDict_GetItemWithError(sizes, PyList_GET_ITEM(groups, i));
        if (!count) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_RuntimeError, "line_blocks(): a group went uncounted");
            ok = -1;
            break;
        }
        share[i] = (double)PyLong_AsSsize_t(count) / (double)n;
        style[i] = several;
    }
    Py_XDECREF(sizes);
    return ok;
}

/* The group columns into share and style (n doubles each): each line's share of the
   page's lines in its blank-line group (`groups`, each line's), and whether the page
   has more than one group; 0 or -1. A dump's groups are ints of 0..n (Features.group,
   the index of a run of lines): counted in an array of them, where a dict's lookup and
   update a line and a lookup again were a third of line_blocks' cost; any other
   group (a bool, another number, another object) is counted by `group_columns_by_dict`,
   by the dict's equality, as the Python reference counts it. */
static int group_columns(PyObject *groups, double *share, double *style) {
    Py_ssize_t n = PyList_GET_SIZE(groups), distinct = 0;
    Py_ssize_t *counts = PyMem_Calloc((size_t)n + 1, sizeof(Py_ssize_t)), *index = PyMem_Malloc(((size_t)n + 1) * sizeof(Py_ssize_t));
    if (!counts || !index) {
        PyMem_Free(counts);
        PyMem_Free(index);
        PyErr_NoMemory();
        return -1;
    }
    int by_array = 1;
    for (Py_ssize_t i = 0; by_array && i < n; i++) {
        PyObject *group = PyList_GET_ITEM(groups, i);
        Py_ssize_t v = PyLong_CheckExact(group) ? PyLong_AsSsize_t(group) : -1;
        if (v == -1 && PyErr_Occurred()) PyErr_Clear(); /* too large an int: by the dict */
        if (v < 0 || v > n) {
            by_array = 0;
            break;
        }
        index[i] = v;
        distinct += counts[v]++ == 0;
    }
    for (Py_ssize_t i = 0; by_array && i < n; i++) {
        share[i] = (double)counts[index[i]] / (double)n;
        style[i] = distinct > 1 ? 1.0 : 0.0;
    }
    PyMem_Free(counts);
    PyMem_Free(index);
    return by_array ? 0 : group_columns_by_dict(groups, share, style);
}

/* A new list of the arrays('d') of `count` runs of doubles (each n long); NULL. */
static PyObject *columns_of(double *const *columns, int count, Py_ssize_t n) {
    PyObject *out = PyList_New(0);
    if (out && append_columns(out, columns, count, n) < 0) Py_CLEAR(out);
    return out;
}

PyDoc_STRVAR(line_blocks_doc,
"line_blocks(blocks, weights, label_index, article, typical, short_words, labels, missing)\n\n"
"learned.linerows._block_columns_in_python in one call: (columns, page values, group\n"
"columns, shapes) of a list of blocks, the columns arrays('d'), `weights` their reducer\n"
"weights, `label_index` the float of each label (`missing` for another), `article` the\n"
"content label, `typical` the page's prose stop density, lines under `short_words`\n"
"short, `labels` labels in all.");

static PyObject *line_blocks(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *blocks, *weights, *label_index, *article, *out = NULL, *groups = NULL, *shape = NULL;
    double typical, missing, short_words;
    Py_ssize_t labels;
    if (!PyArg_ParseTuple(args, "O!OO!Oddnd", &PyList_Type, &blocks, &weights, &PyDict_Type, &label_index, &article,
                          &typical, &short_words, &labels, &missing))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(blocks);
    if (PySequence_Size(weights) != n || labels < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "line_blocks(): weights and blocks differ");
        return NULL;
    }
    /* Every value of the 13 columns is written before it is read: not zeroed. */
    double *buf = PyMem_Malloc(((size_t)n + 1) * 13 * sizeof(double)), *col[13];
    for (int c = 0; buf && c < 13; c++) col[c] = buf + (size_t)c * ((size_t)n + 1);
    shape = PyBytes_FromStringAndSize(NULL, n);
    groups = PyList_New(n);
    int ok = buf && shape && groups;
    if (!ok && !PyErr_Occurred()) PyErr_NoMemory();
    LineAttrs attrs;
    line_attrs_init(&attrs);
    for (Py_ssize_t i = 0; ok && i < n; i++)
        ok = line_block_values(&attrs, PyList_GET_ITEM(blocks, i), i, n, weights, label_index, article, typical, missing, col,
                               groups, (unsigned char *)PyBytes_AS_STRING(shape), short_words) == 0;
    ok = ok && group_columns(groups, col[11], col[12]) == 0;
    PyObject *page = ok ? page_values_of(col[10], col[0], n, labels) : NULL;
    PyObject *head = page ? columns_of(col, 11, n) : NULL, *grouped = head ? columns_of(col + 11, 2, n) : NULL;
    if (grouped) out = PyTuple_Pack(4, head, page, grouped, shape);
    Py_XDECREF(page);
    Py_XDECREF(head);
    Py_XDECREF(grouped);
    Py_XDECREF(groups);
    Py_XDECREF(shape);
    PyMem_Free(buf);
    return out;
}
