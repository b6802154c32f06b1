/* _trees_blockrows.h: part of _trees.c, which includes it (one unit: the compiler
   inlines across the parts as it did in one file). The HTML keep model's rows,
   html_rows() (learned.blockrows.rows). */

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
        PyErr_SetString(PyExc_ValueError, "a row has more values than the model's features");
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

/* A row's values put in order, by html_rows and stack_rows (_trees_stackrows.h), in a
 * loop where `row` is the row being made (`width` items), `j` its next place, `shared`
 * the values rows share, and `fail` the exit that frees what was made. */
#define PUT(v)                                         \
    do {                                               \
        if (put(row, &j, width, (v)) < 0) goto fail;   \
    } while (0)
#define PUT_D(x) PUT(PyFloat_FromDouble(x))
#define PUT_FLAG(c) PUT(share((c) ? shared.one : shared.zero))

/* 0 where a row is full (j == width), else -1 with a ValueError naming `who`. */
static int row_filled(Py_ssize_t j, Py_ssize_t width, const char *who) {
    if (j == width) return 0;
    PyErr_Format(PyExc_ValueError, "%s: fewer values than the model's features", who);
    return -1;
}

static PyObject *html_rows(PyObject *self, PyObject *args) {
    (void)self;
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
    Shared shared = {NULL, NULL, NULL};
    double *sum_words = NULL, *sum_kept = NULL, *sum_links = NULL;
    PyObject **doms = NULL;
    if (float_column(labels, n, "labels") < 0 || float_column(kept, n, "kept") < 0 ||
        float_column(words, n, "words") < 0 || float_column(links, n, "links") < 0 ||
        float_column(scores, n, "scores") < 0 || PySequence_Fast_GET_SIZE(weights_seq) != n)
        goto fail;
    shared.zero = PyFloat_FromDouble(0.0);
    shared.one = PyFloat_FromDouble(1.0);
    shared.missing = PyFloat_FromDouble(missing);
    minus_one = PyLong_FromLong(-1);
    content = PyUnicode_InternFromString("content");
    n_features = PyUnicode_InternFromString("features");
    n_chars = PyUnicode_InternFromString("chars");
    n_stop = PyUnicode_InternFromString("stop_density");
    n_ends = PyUnicode_InternFromString("ends_sentence");
    n_repeats = PyUnicode_InternFromString("repeats");
    n_score = PyUnicode_InternFromString("score");
    n_dom = PyUnicode_InternFromString("dom");
    if (!shared.zero || !shared.one || !shared.missing || !minus_one || !content || !n_features || !n_chars || !n_stop ||
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
            for (Py_ssize_t k = 0; k < 8 + ncont; k++) PUT(share(shared.missing));
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
            PUT(share(v ? v : shared.missing));
            v = PyDict_GetItemWithError(hint_index, hint);
            if (v == NULL && PyErr_Occurred()) goto fail;
            PUT(share(v ? v : shared.missing));
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
                PUT(share(shared.missing));
                PUT(share(shared.missing));
                PUT(share(shared.zero));
                PUT(share(shared.zero));
                PUT(share(shared.zero));
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
        if (row_filled(j, width, "html_rows") < 0) goto fail;
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
    Py_XDECREF(shared.zero);
    Py_XDECREF(shared.one);
    Py_XDECREF(shared.missing);
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
