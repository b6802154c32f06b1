/* _text_blocks.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). line_blocks(): the text model's columns of
   what the pipeline says of each line (its words, density, label, score, weight, blank
   line group) and of the page's make-up, learned.linerows._block_columns_in_python in
   one call. */

/* Attribute names line_blocks reads, interned once (constant, like S_TEXT). */
static PyObject *S_LABEL, *S_SCORE, *S_STOP, *S_ENDS, *S_REPEATS, *S_GROUP;

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
static int read_line(PyObject *block, LineBlock *b) {
    PyObject *f = PyObject_GetAttr(block, S_FEATURES), *ends = NULL;
    memset(b, 0, sizeof *b);
    if (!f || !(b->label = PyObject_GetAttr(block, S_LABEL)) || !(b->score = PyObject_GetAttr(block, S_SCORE)))
        goto fail;
    if (!(b->stop = PyObject_GetAttr(f, S_STOP)) || !(b->group = PyObject_GetAttr(f, S_GROUP)) ||
        !(ends = PyObject_GetAttr(f, S_ENDS)))
        goto fail;
    if (!PyFloat_Check(b->score) || !PyFloat_Check(b->stop)) {
        PyErr_SetString(PyExc_TypeError, "line_blocks(): a score or a stop density is not a float");
        goto fail;
    }
    if ((b->words = int_attr(f, S_WORDS)) < 0 || (b->chars = int_attr(f, S_CHARS)) < 0 ||
        (b->repeats = int_attr(f, S_REPEATS)) < 0 || (b->ends = PyObject_IsTrue(ends)) < 0)
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

/* Sets out[i] (a new list's item) to a float of value v: 0, or -1. */
static int set_float(PyObject *out, Py_ssize_t i, double v) {
    PyObject *x = float_of(v);
    if (!x) return -1;
    PyList_SET_ITEM(out, i, x);
    return 0;
}

/* Sets out[i] to obj (a new reference taken). */
static void set_object(PyObject *out, Py_ssize_t i, PyObject *obj) {
    Py_INCREF(obj);
    PyList_SET_ITEM(out, i, obj);
}

/* Line i's values into the columns cols[0..10] (words, chars, stop, rel, ends, repeats,
   pos, scores, weights, kept, labels) and its group into cols[13] (counted in sizes);
   its label index, words and coarse shape into label_of, words_of and shape: 0, or -1
   with an exception set. */
static int line_block_values(PyObject *block, Py_ssize_t i, Py_ssize_t n, PyObject *weights, PyObject *label_index,
                             PyObject *article, double typical, double missing, PyObject *const *cols,
                             double *label_of, double *words_of, PyObject *sizes, unsigned char *shape,
                             double short_words) {
    LineBlock b;
    if (read_line(block, &b) < 0) return -1;
    int ok = -1;
    PyObject *label = PyDict_GetItemWithError(label_index, b.label); /* borrowed */
    if (!label && PyErr_Occurred()) goto done;
    PyObject *weight = PySequence_GetItem(weights, i);
    if (!weight) goto done;
    double stop = PyFloat_AS_DOUBLE(b.stop), scale = (double)(n - 1 > 1 ? n - 1 : 1);
    set_object(cols[2], i, b.stop);
    set_object(cols[7], i, b.score);
    PyList_SET_ITEM(cols[8], i, weight);
    if (label) set_object(cols[10], i, label);
    label_of[i] = label ? PyFloat_AsDouble(label) : missing;
    if (label_of[i] == -1.0 && PyErr_Occurred()) goto done;
    if (!label && set_float(cols[10], i, missing) < 0) goto done;
    words_of[i] = (double)b.words;
    shape[i] = (unsigned char)((double)b.words < short_words ? 0 : b.ends ? 2 : 1);
    if (set_float(cols[0], i, (double)b.words) < 0 || set_float(cols[1], i, (double)b.chars) < 0 ||
        set_float(cols[3], i, typical != 0.0 ? stop / typical : 1.0) < 0 || set_float(cols[4], i, b.ends ? 1.0 : 0.0) < 0 ||
        set_float(cols[5], i, (double)b.repeats) < 0 || set_float(cols[6], i, (double)i / scale) < 0 ||
        set_float(cols[9], i, b.label == article ? 1.0 : 0.0) < 0)
        goto done;
    set_object(cols[13], i, b.group);
    PyObject *count = PyDict_GetItemWithError(sizes, b.group);
    if (!count && PyErr_Occurred()) goto done;
    PyObject *more = PyLong_FromSsize_t(count ? PyLong_AsSsize_t(count) + 1 : 1);
    if (!more || PyDict_SetItem(sizes, b.group, more) < 0) {
        Py_XDECREF(more);
        goto done;
    }
    Py_DECREF(more);
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
    int ok = out && set_float(out, 0, (double)n) == 0 && set_float(out, 1, total) == 0;
    for (Py_ssize_t k = 0; ok && k < labels; k++) ok = set_float(out, 2 + k, shares[k] / total) == 0;
    PyMem_Free(shares);
    if (!ok) Py_CLEAR(out);
    return out;
}

/* The group columns: each line's share of the page's lines in its blank-line group
   (`groups`, counted in `sizes`), and whether the page has more than one group. */
static int group_columns(PyObject *groups, PyObject *sizes, PyObject *share, PyObject *style) {
    Py_ssize_t n = PyList_GET_SIZE(groups);
    double several = PyDict_GET_SIZE(sizes) > 1 ? 1.0 : 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *count = PyDict_GetItemWithError(sizes, PyList_GET_ITEM(groups, i));
        if (!count) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_RuntimeError, "line_blocks(): a group went uncounted");
            return -1;
        }
        if (set_float(share, i, (double)PyLong_AsSsize_t(count) / (double)n) < 0 || set_float(style, i, several) < 0)
            return -1;
    }
    return 0;
}

PyDoc_STRVAR(line_blocks_doc,
"line_blocks(blocks, weights, label_index, article, typical, short_words, labels, missing)\n\n"
"learned.linerows._block_columns_in_python in one call: (columns, page values, group\n"
"columns, shapes) of a list of blocks, `weights` their reducer weights, `label_index` the\n"
"float of each label (`missing` for another), `article` the content label, `typical` the\n"
"page's prose stop density, lines under `short_words` short, `labels` labels in all.");

static PyObject *line_blocks(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *blocks, *weights, *label_index, *article, *out = NULL, *cols[14] = {NULL}, *sizes = NULL, *shape = NULL;
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
    double *label_of = PyMem_Calloc((size_t)n + 1, sizeof(double)), *words_of = PyMem_Calloc((size_t)n + 1, sizeof(double));
    shape = PyBytes_FromStringAndSize(NULL, n);
    sizes = PyDict_New();
    int ok = label_of && words_of && shape && sizes;
    if (!ok && !PyErr_Occurred()) PyErr_NoMemory();
    for (int c = 0; ok && c < 14; c++) ok = (cols[c] = PyList_New(n)) != NULL;
    for (Py_ssize_t i = 0; ok && i < n; i++)
        ok = line_block_values(PyList_GET_ITEM(blocks, i), i, n, weights, label_index, article, typical, missing, cols,
                               label_of, words_of, sizes, (unsigned char *)PyBytes_AS_STRING(shape), short_words) == 0;
    ok = ok && group_columns(cols[13], sizes, cols[11], cols[12]) == 0;
    PyObject *page = ok ? page_values_of(label_of, words_of, n, labels) : NULL;
    PyObject *head = page ? PyList_New(11) : NULL, *groups = head ? PyList_New(2) : NULL;
    if (groups) {
        for (int c = 0; c < 11; c++) set_object(head, c, cols[c]);
        set_object(groups, 0, cols[11]);
        set_object(groups, 1, cols[12]);
        out = PyTuple_Pack(4, head, page, groups, shape);
    }
    Py_XDECREF(page);
    Py_XDECREF(head);
    Py_XDECREF(groups);
    for (int c = 0; c < 14; c++) Py_XDECREF(cols[c]);
    Py_XDECREF(sizes);
    Py_XDECREF(shape);
    PyMem_Free(label_of);
    PyMem_Free(words_of);
    return out;
}
