/* _trees_stackrows.h: part of _trees.c, which includes it (one unit). The HTML keep
   model's second-stage rows, stack_rows() (learned.stack.python_stack_rows). */

/* The second stage's rows (learned/stack.py, whose python_stack_rows is the reference for
 * this one: the same values in the same order, computed with the same double arithmetic
 * in the same order, held equal to the bit by tests/test_keep.py).
 *
 * Why: the second stage reads 36 numbers a block from the first stage's probabilities
 * (neighbours, windows, groups of blocks, the page's figures); in Python that was about
 * a fifth of an HTML page's time, most of it hashing tuple keys for the groups and
 * growing rows a float at a time. Here the groups are numbered by one open-addressing
 * table a grouping, each row is a list of its final size, and the first stage's values
 * are shared, not copied.
 *
 * stack_rows(rows, ps, words, doms, median, tables[, check]) -> every block's first-stage
 * row followed by the second stage's values, where tables = (missing, near, span, windows,
 * over, far, dom_fields, width), dom_fields = the positions in Dom of (tag, depth,
 * hint_token, hint_owner, articles), `median` is stack.kept_median's, and `check` (None,
 * or a callable of no argument: the page's deadline) is called before every CHECK_ROWS
 * rows, what it raises stopping them. */

enum { S_TAG, S_DEPTH, S_TOKEN, S_OWNER, S_ARTICLES, S_COUNT };
enum { GROUPINGS = 4 };

/* One block's key in one grouping. */
typedef struct {
    int kind;              /* K_NONE: the key every Dom-less block shares; K_FIELDS; K_ALONE: its own */
    PyObject *tag, *token; /* borrowed from the Dom, NULL where the grouping reads none */
    long long depth, number;
    Py_uhash_t hash;
} Key;
enum { K_NONE, K_FIELDS, K_ALONE };

/* 1 where the keys are equal as learned.stack._groups's keys compare, 0 where not, -1 with
 * an exception set. */
static int same_key(const Key *a, const Key *b) {
    if (a->kind != b->kind || a->kind == K_ALONE) return 0;
    if (a->kind == K_NONE) return 1;
    if (a->depth != b->depth || a->number != b->number) return 0;
    if (a->tag != b->tag) {
        int same = PyObject_RichCompareBool(a->tag, b->tag, Py_EQ);
        if (same <= 0) return same;
    }
    if (a->token != b->token) return PyObject_RichCompareBool(a->token, b->token, Py_EQ);
    return 1;
}

/* The key's hash (its fields' combined), 0 or -1 with an exception set. */
static int hash_key(Key *key) {
    Py_uhash_t h = (Py_uhash_t)key->kind * 1000003u;
    PyObject *parts[2] = {key->tag, key->token};
    for (int t = 0; t < 2; t++) {
        if (parts[t] == NULL) continue;
        Py_hash_t one = PyObject_Hash(parts[t]);
        if (one == -1) return -1;
        h = (h ^ (Py_uhash_t)one) * 1099511628211u;
    }
    h = (h ^ (Py_uhash_t)key->depth) * 1099511628211u;
    h = (h ^ (Py_uhash_t)key->number) * 1099511628211u;
    key->hash = h ^ (h >> 29);
    return 0;
}

/* Each block's group number in `group` (keys[k] the block's key): equal keys, one
 * number. `table` holds `size` slots (a power of two over n), zeroed here. The number of
 * groups, or -1 with an exception set. */
static Py_ssize_t number_groups(const Key *keys, Py_ssize_t n, Py_ssize_t *table, Py_ssize_t size,
                                Py_ssize_t *group) {
    memset(table, 0, (size_t)size * sizeof(Py_ssize_t));
    Py_ssize_t groups = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (keys[k].kind == K_ALONE) {
            group[k] = groups++;
            continue;
        }
        Py_ssize_t slot = (Py_ssize_t)(keys[k].hash & (Py_uhash_t)(size - 1));
        for (;;) {
            Py_ssize_t first = table[slot]; /* a block of the group + 1; 0: empty */
            if (first == 0) {
                table[slot] = k + 1;
                group[k] = groups++;
                break;
            }
            if (keys[first - 1].hash == keys[k].hash) {
                int same = same_key(keys + first - 1, keys + k);
                if (same < 0) return -1;
                if (same) {
                    group[k] = group[first - 1];
                    break;
                }
            }
            slot = (slot + 1) & (size - 1);
        }
    }
    return groups;
}

/* A Dom field as a long long, 0 or -1 with an exception set. */
static int field_int(PyObject *d, Py_ssize_t at, long long *out) {
    *out = PyLong_AsLongLong(PyTuple_GET_ITEM(d, at));
    return (*out == -1 && PyErr_Occurred()) ? -1 : 0;
}

/* The four keys of block k (learned.stack._groups): tag and depth; tag, depth and class
 * word; hinted element; innermost <article>. 0, or -1 with an exception set. */
static int block_keys(PyObject *d, const Py_ssize_t *field, Key *keys) {
    for (int g = 0; g < GROUPINGS; g++) keys[g] = (Key){K_NONE, NULL, NULL, 0, 0, 0};
    if (d == Py_None) {
        keys[2].kind = K_FIELDS; /* the hinted element's key is -1 without a Dom */
        keys[2].number = -1;
        keys[3].kind = K_ALONE;
    } else {
        if (!PyTuple_Check(d)) {
            PyErr_SetString(PyExc_TypeError, "stack_rows: a block's dom is not a Dom");
            return -1;
        }
        for (int t = 0; t < S_COUNT; t++)
            if (PyTuple_GET_SIZE(d) <= field[t]) {
                PyErr_SetString(PyExc_TypeError, "stack_rows: a block's dom is not a Dom");
                return -1;
            }
        long long depth;
        if (field_int(d, field[S_DEPTH], &depth) < 0) return -1;
        PyObject *tag = PyTuple_GET_ITEM(d, field[S_TAG]);
        keys[0] = (Key){K_FIELDS, tag, NULL, depth, 0, 0};
        keys[1] = (Key){K_FIELDS, tag, PyTuple_GET_ITEM(d, field[S_TOKEN]), depth, 0, 0};
        keys[2].kind = K_FIELDS;
        if (field_int(d, field[S_OWNER], &keys[2].number) < 0) return -1;
        PyObject *articles = PyTuple_GET_ITEM(d, field[S_ARTICLES]);
        if (!PyTuple_Check(articles)) {
            PyErr_SetString(PyExc_TypeError, "stack_rows: a Dom's articles are not a tuple");
            return -1;
        }
        Py_ssize_t count = PyTuple_GET_SIZE(articles);
        keys[3].kind = count ? K_FIELDS : K_ALONE;
        if (count && field_int(articles, count - 1, &keys[3].number) < 0) return -1;
    }
    for (int g = 0; g < GROUPINGS; g++)
        if (keys[g].kind != K_ALONE && hash_key(keys + g) < 0) return -1;
    return 0;
}

/* learned.stack._group_means for one grouping: each block's word-weighted mean
 * probability of the other blocks of its group (`missing` alone) and their number. */
static void group_means(const Py_ssize_t *group, Py_ssize_t groups, Py_ssize_t n, const double *w,
                        const double *p, double missing, double *sums, double *means, double *counts) {
    double *weight = sums, *mass = sums + groups, *count = sums + 2 * groups;
    for (Py_ssize_t g = 0; g < 3 * groups; g++) sums[g] = 0.0;
    for (Py_ssize_t k = 0; k < n; k++) {
        weight[group[k]] += w[k] + 1.0;
        mass[group[k]] += (w[k] + 1.0) * p[k];
        count[group[k]] += 1.0;
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t g = group[k];
        means[k] = missing;
        counts[k] = 0.0;
        if (count[g] >= 2.0) {
            double own = w[k] + 1.0;
            means[k] = (mass[g] - own * p[k]) / (weight[g] - own);
            counts[k] = count[g] - 1.0;
        }
    }
}

/* `order` (0..n-1) sorted from the likeliest block down, ties in page order, as
 * learned.stack._by_probability's sorted() does: a merge sort, stable, that moves a block
 * ahead only where its probability is strictly higher (so a NaN can't make it read out
 * of bounds, whatever order it then gives). `spare` holds n. */
static void by_probability(const double *p, Py_ssize_t n, Py_ssize_t *order, Py_ssize_t *spare) {
    for (Py_ssize_t k = 0; k < n; k++) order[k] = k;
    Py_ssize_t *from = order, *to = spare;
    for (Py_ssize_t width = 1; width < n; width *= 2) {
        for (Py_ssize_t lo = 0; lo < n; lo += 2 * width) {
            Py_ssize_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            Py_ssize_t a = lo, b = mid, t = lo;
            while (a < mid && b < hi) to[t++] = p[from[b]] > p[from[a]] ? from[b++] : from[a++];
            while (a < mid) to[t++] = from[a++];
            while (b < hi) to[t++] = from[b++];
        }
        Py_ssize_t *swap = from;
        from = to;
        to = swap;
    }
    if (from != order) memcpy(order, from, (size_t)n * sizeof(Py_ssize_t));
}

/* learned.stack._page_values: the page's highest probability, word-weighted mean
 * probability, share of words over `over`, expected word F1 of those blocks, and the best
 * expected word F1 of any threshold (best_prefix) with that threshold. */
static void page_values(const double *w, const double *p, const Py_ssize_t *order, Py_ssize_t n, double over,
                        double *out) {
    double total = 0.0, expected = 0.0, hit = 0.0, taken = 0.0, high = 0.0;
    for (Py_ssize_t k = 0; k < n; k++) {
        total += w[k];
        expected += w[k] * p[k];
        if (p[k] > over) {
            hit += w[k] * p[k];
            taken += w[k];
        }
        if (k == 0 || p[k] > high) high = p[k];
    }
    if (total == 0.0) total = 1.0;
    double best = 0.0, threshold = 1.0;
    if (expected > 0) {
        double h = 0.0, t = 0.0;
        Py_ssize_t count = 0;
        best = 2 * h / (t + expected);
        for (Py_ssize_t r = 0; r < n; r++) {
            h += w[order[r]] * p[order[r]];
            t += w[order[r]];
            double f1 = 2 * h / (t + expected);
            if (f1 > best) {
                best = f1;
                count = r + 1;
            }
        }
        if (count) threshold = p[order[count - 1]];
    }
    out[0] = high;
    out[1] = expected / total;
    out[2] = taken / total;
    out[3] = expected > 0 ? 2 * hit / (taken + expected) : 0.0;
    out[4] = best;
    out[5] = threshold;
}

/* learned.stack._nearest_over: each block's distance to the nearest block over `over`
 * (itself: 0), in blocks and in the words strictly between (far[0], far[1] where none
 * is); the nearer one before it where two are as near. `sums` holds n + 1, `before` n. */
static void nearest_over(const double *p, const double *w, Py_ssize_t n, double over, const double *far,
                         double *sums, Py_ssize_t *before, double *blocks_away, double *words_between) {
    sums[0] = 0.0;
    Py_ssize_t last = -1;
    for (Py_ssize_t k = 0; k < n; k++) {
        sums[k + 1] = sums[k] + w[k];
        before[k] = last;
        last = p[k] > over ? k : last;
    }
    Py_ssize_t after = -1; /* the nearest block over `over` after k */
    for (Py_ssize_t k = n - 1; k >= 0; k--) {
        blocks_away[k] = far[0];
        words_between[k] = far[1];
        if (p[k] > over) {
            blocks_away[k] = 0.0;
            words_between[k] = 0.0;
        } else {
            Py_ssize_t j = before[k];
            if (after >= 0 && (j < 0 || after - k < k - j)) j = after;
            if (j >= 0) {
                blocks_away[k] = (double)(j > k ? j - k : k - j);
                words_between[k] = sums[j > k ? j : k] - sums[(j < k ? j : k) + 1];
            }
        }
        after = p[k] > over ? k : after;
    }
}

/* The highest and lowest probability of the blocks within `span` of block k, it left out
 * (learned.stack._span_ends); 0 with both set, or -1 where there is none. */
static int span_ends(const double *p, Py_ssize_t n, Py_ssize_t k, Py_ssize_t span, double *high, double *low) {
    int seen = 0;
    Py_ssize_t lo = k - span > 0 ? k - span : 0, hi = k + span + 1 < n ? k + span + 1 : n;
    for (Py_ssize_t j = lo; j < hi; j++) {
        if (j == k) continue;
        if (!seen) {
            *high = *low = p[j];
            seen = 1;
        } else if (p[j] > *high) {
            *high = p[j];
        } else if (p[j] < *low) {
            *low = p[j];
        }
    }
    return seen ? 0 : -1;
}

/* learned.stack._window_means for one reach r: each block's mean probability over the
 * blocks within r of it, each weighing its words plus one. `sw` and `swp` hold n + 1. */
static void window_means(const double *w, const double *p, Py_ssize_t n, Py_ssize_t r, double *sw, double *swp,
                         double *out) {
    sw[0] = swp[0] = 0.0;
    for (Py_ssize_t k = 0; k < n; k++) {
        sw[k + 1] = sw[k] + w[k] + 1.0;
        swp[k + 1] = swp[k] + (w[k] + 1.0) * p[k];
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t lo = k - r > 0 ? k - r : 0, hi = k + r + 1 < n ? k + r + 1 : n;
        out[k] = (swp[hi] - swp[lo]) / (sw[hi] - sw[lo]);
    }
}

/* A tuple of numbers as a C array of n doubles (the tuple must hold n floats or ints),
 * or NULL with an exception set. */
static double *doubles_of(PyObject *list, Py_ssize_t n, const char *what) {
    if (!PyTuple_Check(list) || PyTuple_GET_SIZE(list) != n) {
        PyErr_Format(PyExc_ValueError, "stack_rows: %s is not one value a block", what);
        return NULL;
    }
    double *out = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(double));
    if (out == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t k = 0; k < n; k++)
        if (value_of(PyTuple_GET_ITEM(list, k), out + k) < 0) {
            PyMem_Free(out);
            return NULL;
        }
    return out;
}

/* Everything a page's second-stage rows read, computed once (freed by stack_free). */
typedef struct {
    double *p, *w, *scratch, *rank, *windows, *groups, *away, *between;
    Py_ssize_t *order, *spare;
    Key *keys;
} Stack;

static void stack_free(Stack *s) {
    PyMem_Free(s->p);
    PyMem_Free(s->w);
    PyMem_Free(s->scratch);
    PyMem_Free(s->rank);
    PyMem_Free(s->windows);
    PyMem_Free(s->groups);
    PyMem_Free(s->away);
    PyMem_Free(s->between);
    PyMem_Free(s->order);
    PyMem_Free(s->spare);
    PyMem_Free(s->keys);
}

/* An array of `count` items of `size` bytes (at least one), NULL with MemoryError. */
static void *items(Py_ssize_t count, size_t size) {
    void *out = count < PY_SSIZE_T_MAX / 64 ? PyMem_Malloc((size_t)(count > 0 ? count : 1) * size) : NULL;
    if (out == NULL) PyErr_NoMemory();
    return out;
}

/* The page's columns into `s`: ranks, window means, group means and counts, distances.
 * 0, or -1 with an exception set. */
static int stack_columns(Stack *s, PyObject *doms, Py_ssize_t n, Py_ssize_t n_windows, PyObject *windows,
                         double over, const double *far, double missing, const Py_ssize_t *field) {
    Py_ssize_t size = 8;
    while (size < 2 * n) size *= 2;
    s->order = items(n, sizeof(Py_ssize_t));
    s->spare = s->order ? items(size > n ? size : n, sizeof(Py_ssize_t)) : NULL;
    s->scratch = s->spare ? items(3 * n + 3, sizeof(double)) : NULL;
    s->rank = s->scratch ? items(n, sizeof(double)) : NULL;
    s->windows = s->rank ? items(n_windows * n, sizeof(double)) : NULL;
    s->groups = s->windows ? items(2 * GROUPINGS * n, sizeof(double)) : NULL;
    s->away = s->groups ? items(n, sizeof(double)) : NULL;
    s->between = s->away ? items(n, sizeof(double)) : NULL;
    s->keys = s->between ? items(GROUPINGS * n, sizeof(Key)) : NULL;
    if (s->keys == NULL) return -1;
    by_probability(s->p, n, s->order, s->spare);
    for (Py_ssize_t r = 0; r < n; r++) s->rank[s->order[r]] = 1.0 - (double)r / (double)(n - 1 > 1 ? n - 1 : 1);
    for (Py_ssize_t t = 0; t < n_windows; t++) {
        Py_ssize_t reach = PyLong_AsSsize_t(PyTuple_GET_ITEM(windows, t));
        if (reach == -1 && PyErr_Occurred()) return -1;
        if (reach < 0) {
            PyErr_SetString(PyExc_ValueError, "stack_rows: malformed tables");
            return -1;
        }
        if (reach > n) reach = n; /* as far as the page reaches: no overflow */
        window_means(s->w, s->p, n, reach, s->scratch, s->scratch + n + 1, s->windows + t * n);
    }
    nearest_over(s->p, s->w, n, over, far, s->scratch, s->spare, s->away, s->between);
    /* The keys grouping by grouping (keys[g * n + k]): each grouping's are numbered in place. */
    for (Py_ssize_t k = 0; k < n; k++) {
        Key four[GROUPINGS];
        if (block_keys(PyTuple_GET_ITEM(doms, k), field, four) < 0) return -1;
        for (int g = 0; g < GROUPINGS; g++) s->keys[g * n + k] = four[g];
    }
    /* The table in `spare` (size slots), each grouping's numbers in `group`. */
    Py_ssize_t *group = items(n, sizeof(Py_ssize_t));
    int status = group ? 0 : -1;
    for (int g = 0; g < GROUPINGS && status == 0; g++) {
        Py_ssize_t groups = number_groups(s->keys + g * n, n, s->spare, size, group);
        double *sums = groups < 0 ? NULL : items(3 * groups, sizeof(double));
        if (sums == NULL) {
            status = -1;
            break;
        }
        group_means(group, groups, n, s->w, s->p, missing, sums, s->groups + 2 * g * n, s->groups + (2 * g + 1) * n);
        PyMem_Free(sums);
    }
    PyMem_Free(group);
    return status;
}

/* Rows made between two calls of a deadline's check (0.03 s on this machine). */
#define CHECK_ROWS 4096

static PyObject *stack_rows(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *rows, *ps, *words, *doms, *tables, *near, *windows, *far_t, *dom_fields, *check = Py_None;
    double median, missing, over, far[2];
    Py_ssize_t span, width;
    if (!PyArg_ParseTuple(args, "O!O!O!O!dO!|O", &PyList_Type, &rows, &PyList_Type, &ps, &PyList_Type, &words,
                          &PyList_Type, &doms, &median, &PyTuple_Type, &tables, &check))
        return NULL;
    if (check != Py_None && !PyCallable_Check(check)) {
        PyErr_SetString(PyExc_TypeError, "stack_rows: check must be callable or None");
        return NULL;
    }
    Stack s = {NULL};
    PyObject *out = NULL;
    Py_ssize_t *near_at = NULL;
    /* The inputs held as tuples, taken before anything that may run Python code (a
     * number's __float__ or __index__ in the tables, a comparison of tags, a collection
     * run), and every size checked on them: the keys borrow the Doms' fields and the rows
     * the probabilities, and nothing can then shrink what is read. */
    PyObject *rows_t = PyList_AsTuple(rows), *ps_t = PyList_AsTuple(ps), *doms_t = PyList_AsTuple(doms);
    PyObject *words_t = PyList_AsTuple(words);
    Shared shared = {PyFloat_FromDouble(0.0), PyFloat_FromDouble(1.0), NULL};
    if (!rows_t || !ps_t || !doms_t || !words_t || !shared.zero || !shared.one) goto fail;
    if (!PyArg_ParseTuple(tables, "dO!nO!dO!O!n", &missing, &PyTuple_Type, &near, &span, &PyTuple_Type, &windows,
                          &over, &PyTuple_Type, &far_t, &PyTuple_Type, &dom_fields, &width))
        goto fail;
    shared.missing = PyFloat_FromDouble(missing);
    if (shared.missing == NULL) goto fail;
    Py_ssize_t n = PyTuple_GET_SIZE(ps_t), n_near = PyTuple_GET_SIZE(near), n_windows = PyTuple_GET_SIZE(windows);
    if (PyTuple_GET_SIZE(rows_t) != n || PyTuple_GET_SIZE(doms_t) != n) {
        PyErr_SetString(PyExc_ValueError, "stack_rows: not one row, probability and Dom a block");
        goto fail;
    }
    if (PyTuple_GET_SIZE(dom_fields) != S_COUNT || PyTuple_GET_SIZE(far_t) != 2 || span < 0 || width < 0) {
        PyErr_SetString(PyExc_ValueError, "stack_rows: malformed tables");
        goto fail;
    }
    if (span > n) span = n; /* as far as the page reaches, and no further: no overflow */
    Py_ssize_t field[S_COUNT];
    for (int t = 0; t < S_COUNT; t++) {
        field[t] = PyLong_AsSsize_t(PyTuple_GET_ITEM(dom_fields, t));
        if (field[t] == -1 && PyErr_Occurred()) goto fail;
        if (field[t] < 0) {
            PyErr_SetString(PyExc_ValueError, "stack_rows: malformed tables");
            goto fail;
        }
    }
    for (int t = 0; t < 2; t++) {
        far[t] = PyFloat_AsDouble(PyTuple_GET_ITEM(far_t, t));
        if (far[t] == -1.0 && PyErr_Occurred()) goto fail;
    }
    near_at = items(n_near, sizeof(Py_ssize_t));
    if (near_at == NULL) goto fail;
    for (Py_ssize_t t = 0; t < n_near; t++) {
        near_at[t] = PyLong_AsSsize_t(PyTuple_GET_ITEM(near, t));
        if (near_at[t] == -1 && PyErr_Occurred()) goto fail;
    }
    s.p = doubles_of(ps_t, n, "ps");
    s.w = s.p ? doubles_of(words_t, n, "words") : NULL;
    if (s.w == NULL || stack_columns(&s, doms_t, n, n_windows, windows, over, far, missing, field) < 0) goto fail;
    double page[6];
    page_values(s.w, s.p, s.order, n, over, page);
    Py_ssize_t first = -1, last = -1;
    for (Py_ssize_t k = 0; k < n; k++)
        if (s.p[k] > over) {
            first = first < 0 ? k : first;
            last = k;
        }
    out = PyList_New(n);
    if (out == NULL) goto fail;
    /* Out of the cyclic GC's sight until every row is in it: `check` runs Python code,
     * and a list whose items are still NULL must not be found (gc.get_objects() would
     * hand it out, and reading it crash). Freed untracked on an error, as a list may be. */
    PyObject_GC_UnTrack(out);
    for (Py_ssize_t k = 0; k < n; k++) {
        /* `check` (the page's deadline) before every CHECK_ROWS rows: what it raises
         * stops the rows. The inputs are held as tuples and C arrays, a row list is read
         * after it, and `out` is out of sight: nothing it may run can change or see what
         * is half made. */
        if (check != Py_None && k % CHECK_ROWS == 0) {
            PyObject *ran = PyObject_CallNoArgs(check);
            if (ran == NULL) goto fail;
            Py_DECREF(ran);
        }
        /* Its items NULL until set (a list frees those): a row cut short by an error is
         * freed with `out`, never returned. */
        PyObject *row = PyList_New(width);
        if (row == NULL) goto fail;
        PyList_SET_ITEM(out, k, row);
        PyObject *own = PyTuple_GET_ITEM(rows_t, k);
        if (!PyList_Check(own)) {
            PyErr_SetString(PyExc_TypeError, "stack_rows: a row is not a list");
            goto fail;
        }
        Py_ssize_t head = PyList_GET_SIZE(own), j = 0;
        if (head > width) {
            PyErr_SetString(PyExc_ValueError, "stack_rows: more values than the model's features");
            goto fail;
        }
        for (; j < head; j++) PyList_SET_ITEM(row, j, share(PyList_GET_ITEM(own, j)));
        double p = s.p[k], clamped = p < 1e-6 ? 1e-6 : p;
        clamped = clamped > 1.0 - 1e-6 ? 1.0 - 1e-6 : clamped;
        PUT(share(PyTuple_GET_ITEM(ps_t, k)));
        PUT_D(log(clamped / (1.0 - clamped)));
        for (Py_ssize_t t = 0; t < n_near; t++) {
            Py_ssize_t at = near_at[t]; /* compared, not added: no overflow */
            PUT(at >= -k && at < n - k ? share(PyTuple_GET_ITEM(ps_t, k + at)) : share(shared.missing));
        }
        double high = 0.0, low = 0.0;
        if (span_ends(s.p, n, k, span, &high, &low) < 0) {
            PUT(share(shared.missing));
            PUT(share(shared.missing));
        } else {
            PUT_D(high);
            PUT_D(low);
        }
        for (Py_ssize_t t = 0; t < n_windows; t++) PUT_D(s.windows[t * n + k]);
        for (int t = 0; t < 6; t++) PUT_D(page[t]);
        PUT_D(s.rank[k]);
        for (int g = 0; g < 2 * GROUPINGS; g++) PUT_D(s.groups[g * n + k]);
        PUT_D(s.away[k]);
        PUT_D(s.between[k]);
        PUT_FLAG(first >= 0 && first <= k && k <= last);
        PUT_D(first >= 0 && k < first ? (double)(first - k) : 0.0);
        PUT_D(first >= 0 && k > last ? (double)(k - last) : 0.0);
        PUT(first >= 0 ? share(PyTuple_GET_ITEM(ps_t, first)) : share(shared.missing));
        PUT(first >= 0 ? share(PyTuple_GET_ITEM(ps_t, last)) : share(shared.missing));
        PUT_D(page[0] - p);
        PUT_D(median);
        if (row_filled(j, width, "stack_rows") < 0) goto fail;
    }
    PyObject_GC_Track(out);
    goto done;
fail:
    Py_CLEAR(out);
done:
    stack_free(&s);
    PyMem_Free(near_at);
    Py_XDECREF(words_t);
    Py_XDECREF(rows_t);
    Py_XDECREF(ps_t);
    Py_XDECREF(doms_t);
    Py_XDECREF(shared.zero);
    Py_XDECREF(shared.one);
    Py_XDECREF(shared.missing);
    return out;
}
