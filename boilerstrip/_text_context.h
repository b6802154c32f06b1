/* _text_context.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). line_context(): the text model's columns of
   each line's context (the runs, the reducer's region, the cadence, the chains of
   prose, the neighbours and the windows), learned.linerows._context_columns_in_python
   in one call. */

/* learned.cadence._run_lengths: the length of the run of flagged lines each is in. */
static void run_lengths(const unsigned char *flag, Py_ssize_t n, double *out) {
    Py_ssize_t i = 0;
    while (i < n) {
        if (!flag[i]) {
            out[i++] = 0.0;
            continue;
        }
        Py_ssize_t j = i;
        while (j < n && flag[j]) j++;
        for (Py_ssize_t k = i; k < j; k++) out[k] = (double)(j - i);
        i = j;
    }
}

/* learned.cadence.text_runs's four columns into col[0..3]. */
static void runs_of(const double *words, Py_ssize_t n, double long_words, double short_words, double missing,
                    unsigned char *flag, double *const *col) {
    for (Py_ssize_t i = 0; i < n; i++) flag[i] = words[i] < short_words;
    run_lengths(flag, n, col[0]);
    for (Py_ssize_t i = 0; i < n; i++) flag[i] = words[i] * 2 >= long_words;
    run_lengths(flag, n, col[1]);
    Py_ssize_t last = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        col[2][i] = last >= 0 ? (double)(i - last) : missing;
        if (words[i] >= long_words) last = i;
    }
    last = -1;
    for (Py_ssize_t i = n - 1; i >= 0; i--) {
        col[3][i] = last >= 0 ? (double)(last - i) : missing;
        if (words[i] >= long_words) last = i;
    }
}

/* learned.linerows._region_columns of _region(kept) into col[0..4]. */
static void region_of(const double *kept, Py_ssize_t n, double missing, double *const *col) {
    Py_ssize_t first = -1, last = -1;
    double count = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (kept[i] != 0.0) {
            if (first < 0) first = i;
            last = i;
        }
        count += kept[i];
    }
    double scale = (double)(n - 1 > 1 ? n - 1 : 1);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (first < 0) {
            col[0][i] = 0.0, col[1][i] = missing, col[2][i] = missing, col[3][i] = missing, col[4][i] = 0.0;
            continue;
        }
        col[0][i] = first <= i && i <= last ? 1.0 : 0.0;
        col[1][i] = i < first ? (double)(i - first) : i > last ? (double)(i - last) : 0.0;
        col[2][i] = (double)first / scale;
        col[3][i] = (double)last / scale;
        col[4][i] = count;
    }
}

/* learned.cadence.chains's three columns into col[0..2]: the chains of prose lines
   (shape not 0) less than `gap` lines apart, in page order as the Python makes them
   (a later chain's lines overwrite an earlier one's where their reaches meet). */
static void chains_of(const unsigned char *shape, const double *kept, Py_ssize_t n, Py_ssize_t gap,
                      Py_ssize_t *prose, double *const *col) {
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        col[0][i] = col[1][i] = col[2][i] = 0.0;
        if (shape[i]) prose[count++] = i;
    }
    Py_ssize_t k = 0;
    while (k < count) {
        Py_ssize_t m = k;
        while (m + 1 < count && prose[m + 1] - prose[m] < gap) m++;
        Py_ssize_t members = m - k + 1;
        double sum = 0.0;
        for (Py_ssize_t q = k; q <= m; q++) sum += kept[prose[q]];
        double share = sum / (double)members;
        Py_ssize_t lo = prose[k] - gap + 1 > 0 ? prose[k] - gap + 1 : 0;
        Py_ssize_t hi = prose[m] + gap < n ? prose[m] + gap : n;
        Py_ssize_t seen = 0;
        for (Py_ssize_t i = lo; i < hi; i++) {
            col[0][i] = (double)seen;
            if (seen < members && prose[k + seen] == i) seen++;
            col[1][i] = (double)(members - seen);
            col[2][i] = share;
        }
        k = m + 1;
    }
}

/* Appends `count` new arrays('d') of n doubles to out, and their doubles' addresses to
   cols, for the caller to write every value of before any Python code sees them (the
   arrays are out's alone until it returns, and never resized): 0 or -1. Each is a copy
   of `zeros` (an array of n, made once a call): one allocation and one copy, where the
   columns were made in a zeroed buffer (PyMem_Calloc) and each copied into an array
   made by repeating ONE_DOUBLE n times, a copy a doubling (a third of line_context's
   instructions went on the two). */
static int new_columns(PyObject *out, PyObject *zeros, int count, Py_ssize_t n, double **cols) {
    for (int c = 0; c < count; c++) {
        PyObject *column = PySequence_Repeat(zeros, 1);
        Py_buffer view;
        if (!column || PyObject_GetBuffer(column, &view, PyBUF_WRITABLE) < 0) {
            Py_XDECREF(column);
            return -1;
        }
        cols[c] = view.buf;
        const int fits = view.len == n * (Py_ssize_t)sizeof(double);
        PyBuffer_Release(&view);
        if (!fits) { /* never, unless ONE_DOUBLE was changed */
            PyErr_SetString(PyExc_SystemError, "_text: the array every column copies was changed");
            Py_DECREF(column);
            return -1;
        }
        int appended = PyList_Append(out, column);
        Py_DECREF(column);
        if (appended < 0) return -1;
    }
    return 0;
}

/* An array('d') of n zeros, which new_columns copies; NULL with an exception set. */
static PyObject *zeros_of(Py_ssize_t n) { return PySequence_Repeat(ONE_DOUBLE, n); }

/* The column `values` (n doubles) shifted j lines (its value j lines away, `fill` past
   the edge), appended to out as a new array; 0 or -1. */
static int append_shifted(PyObject *out, PyObject *zeros, const double *values, Py_ssize_t n, Py_ssize_t j,
                          double fill) {
    double *col;
    if (new_columns(out, zeros, 1, n, &col) < 0) return -1;
    for (Py_ssize_t i = 0; i < n; i++) col[i] = i + j >= 0 && i + j < n ? values[i + j] : fill;
    return 0;
}

/* The running sums of values (learned.columns.running: sums[i] of the first i). */
static void running_of(const double *values, Py_ssize_t n, double *sums) {
    double total = 0.0;
    sums[0] = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) sums[i + 1] = (total += values[i]);
}

/* The sizes line_context reads: prose and short lines' words, the longest cadence, the
   chain gap and the window, from learned.linerows (one source for both loops). */
typedef struct { double long_words, short_words; Py_ssize_t max_period, gap, window; } Sizes;

/* The columns that read only numbers: runs, share of words before, region, cadence and
   chains, appended to out (new arrays, copies of `zeros`) from the doubles (each n
   long) in `v` (words, kept) and the shapes; 0 or -1. Every value of every column is
   written (the scratch is not zeroed: each loop writes what it reads first). */
static int context_numbers(PyObject *out, PyObject *zeros, double *const *v, const unsigned char *shape,
                           Py_ssize_t n, const Sizes *s, double missing) {
    int ok = -1;
    size_t size = (size_t)n + 1;
    double *sums = PyMem_Malloc(size * 2 * sizeof(double));
    Py_ssize_t *scan = PyMem_Malloc(size * 4 * sizeof(Py_ssize_t));
    unsigned char *flag = PyMem_Malloc(size);
    double *col[18];
    if (!sums || !scan || !flag) {
        PyErr_NoMemory();
        goto done;
    }
    if (new_columns(out, zeros, 18, n, col) < 0) goto done;
    runs_of(v[0], n, s->long_words, s->short_words, missing, flag, col);
    running_of(v[0], n, sums);
    double total = sums[n] != 0.0 ? sums[n] : 1.0;
    for (Py_ssize_t i = 0; i < n; i++) col[4][i] = sums[i] / total;
    region_of(v[1], n, missing, col + 5);
    Cadence scratch = {scan, scan + size, scan + 2 * size, sums, sums + size};
    cadence_scan(shape, v[1], n, s->max_period, &scratch, col + 10);
    chains_of(shape, v[1], n, s->gap, scan + 3 * size, col + 15);
    ok = 0;
done:
    PyMem_Free(sums);
    PyMem_Free(scan);
    PyMem_Free(flag);
    return ok;
}

/* The window columns: each line's mean of words, kept, prose lines and sentence ends
   over the `window` lines on each side (learned.linerows's running sums and their
   quotients, in its order); appended to out (copies of `zeros`); 0 or -1. */
static int context_windows(PyObject *out, PyObject *zeros, double *const *v, Py_ssize_t n, const Sizes *s) {
    size_t size = (size_t)n + 1;
    double *buf = PyMem_Malloc(size * 2 * sizeof(double)), *col[4];
    if (!buf) {
        PyErr_NoMemory();
        return -1;
    }
    double *sums = buf, *flag = buf + size;
    int ok = new_columns(out, zeros, 4, n, col);
    for (Py_ssize_t i = 0; ok == 0 && i < n; i++) flag[i] = v[0][i] >= s->long_words ? 1.0 : 0.0;
    const double *of[4] = {v[0], v[1], flag, v[2]};
    for (int c = 0; ok == 0 && c < 4; c++) {
        running_of(of[c], n, sums);
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_ssize_t lo = i - s->window > 0 ? i - s->window : 0, hi = i + s->window + 1 < n ? i + s->window + 1 : n;
            col[c][i] = (sums[hi] - sums[lo]) / (double)(hi - lo);
        }
    }
    PyMem_Free(buf);
    return ok;
}

/* Parses line_context's sizes tuple: 0 or -1. */
static int read_sizes(PyObject *sizes, Sizes *s) {
    Py_ssize_t long_words, short_words;
    if (!PyArg_ParseTuple(sizes, "nnnnn", &long_words, &short_words, &s->max_period, &s->gap, &s->window))
        return -1;
    s->long_words = (double)long_words;
    s->short_words = (double)short_words;
    return 0;
}

PyDoc_STRVAR(line_context_doc,
"line_context(values, shapes, sizes, sides, shifted, missing)\n\n"
"learned.linerows._context_columns_in_python in one call: `values` the columns (lists of\n"
"floats or arrays('d')) of every line's words, kept, labels, scores, sentence ends and\n"
"relative stop density, `shapes` a bytes of their coarse shapes, `sizes` (long_words,\n"
"short_words, max_period, chain gap, window), `sides` the neighbours' distances and\n"
"`shifted` the (index in values, fill) of each column read at them; the runs, share of\n"
"words before, region, cadence, chains, neighbours and windows, as arrays('d').");

static PyObject *line_context(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *values, *sizes, *sides, *shifted, *out = NULL, *zeros = NULL;
    Py_buffer view;
    double missing;
    Sizes s;
    if (!PyArg_ParseTuple(args, "O!y*O!O!O!d", &PyList_Type, &values, &view, &PyTuple_Type, &sizes,
                          &PyTuple_Type, &sides, &PyTuple_Type, &shifted, &missing))
        return NULL;
    Py_ssize_t n = view.len;
    double *buf = NULL;
    if (read_sizes(sizes, &s) < 0) goto done;
    if (PyList_GET_SIZE(values) != 6 || s.max_period < 0 || s.gap < 1 || s.window < 0) {
        PyErr_SetString(PyExc_ValueError, "line_context(): six value columns and sizes >= 0 are needed");
        goto done;
    }
    buf = PyMem_Malloc((size_t)(n ? n : 1) * 6 * sizeof(double)); /* the six columns, each read in whole */
    if (!buf) {
        PyErr_NoMemory();
        goto done;
    }
    double *v[6]; /* words, kept, labels, scores, ends, rel */
    for (int c = 0; c < 6; c++) {
        v[c] = buf + (size_t)c * (size_t)n;
        if (read_values(PyList_GET_ITEM(values, c), n, v[c]) < 0) goto done;
    }
    out = PyList_New(0);
    zeros = out ? zeros_of(n) : NULL;
    double *numbers[2] = {v[0], v[1]};
    if (!zeros || context_numbers(out, zeros, numbers, view.buf, n, &s, missing) < 0) goto fail;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(sides); k++) {
        Py_ssize_t j = PyLong_AsSsize_t(PyTuple_GET_ITEM(sides, k));
        if (j == -1 && PyErr_Occurred()) goto fail;
        for (Py_ssize_t c = 0; c < PyTuple_GET_SIZE(shifted); c++) {
            Py_ssize_t index;
            PyObject *fill;
            if (!PyArg_ParseTuple(PyTuple_GET_ITEM(shifted, c), "nO!", &index, &PyFloat_Type, &fill)) goto fail;
            if (index < 0 || index >= 6) {
                PyErr_SetString(PyExc_ValueError, "line_context(): a shifted column is not one of the six");
                goto fail;
            }
            if (append_shifted(out, zeros, v[index], n, j, PyFloat_AS_DOUBLE(fill)) < 0) goto fail;
        }
    }
    double *windowed[3] = {v[0], v[1], v[4]};
    if (context_windows(out, zeros, windowed, n, &s) < 0) goto fail;
    goto done;
fail:
    Py_CLEAR(out);
done:
    PyBuffer_Release(&view);
    PyMem_Free(buf);
    Py_XDECREF(zeros);
    return out;
}

PyDoc_STRVAR(constant_columns_doc,
"constant_columns(values, n)\n\n"
"learned.linerows._constants_in_python(values, n): an array('d') of n lines for each of\n"
"`values` (a list of floats), every line holding it (a page's statistics and types).");

static PyObject *constant_columns(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *values, *out = NULL, *zeros = NULL;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "O!n", &PyList_Type, &values, &n)) return NULL;
    if (n < 0) {
        PyErr_SetString(PyExc_ValueError, "constant_columns(): n < 0");
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(values);
    double *v = PyMem_Malloc((size_t)(count ? count : 1) * sizeof(double));
    if (!v) return PyErr_NoMemory();
    if (read_values(values, count, v) < 0) goto done;
    out = PyList_New(0);
    zeros = out ? zeros_of(n) : NULL;
    if (!zeros) goto fail;
    for (Py_ssize_t c = 0; c < count; c++) {
        double *col;
        if (new_columns(out, zeros, 1, n, &col) < 0) goto fail;
        for (Py_ssize_t i = 0; i < n; i++) col[i] = v[c];
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    PyMem_Free(v);
    Py_XDECREF(zeros);
    return out;
}
