/* _text_cadence.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). cadence(): the period at which the lines'
   coarse shapes repeat, learned.cadence.cadence's scan over every period and line. */

PyDoc_STRVAR(cadence_doc,
"cadence(shapes, kept, max_period)\n\n"
"learned.cadence.cadence(list(shapes), kept) as five lists of every line's values (period,\n"
"periods before, periods after, share of prose, share of content): `shapes` a bytes\n"
"of every line's coarse shape, `kept` a list of floats, periods of 2 to max_period.");

static PyObject *cadence(PyObject *module, PyObject *args) {
    (void)module;
    Py_buffer view;
    PyObject *kept, *out = NULL;
    Py_ssize_t max_period;
    if (!PyArg_ParseTuple(args, "y*O!n", &view, &PyList_Type, &kept, &max_period)) return NULL;
    const unsigned char *shape = view.buf;
    Py_ssize_t n = view.len;
    Py_ssize_t *best = NULL, *from = NULL, *period = NULL;
    double *prose = NULL, *content = NULL;
    if (PyList_GET_SIZE(kept) != n) {
        PyErr_SetString(PyExc_ValueError, "cadence(): shapes and kept of different lengths");
        goto done;
    }
    size_t size = (size_t)n + 1;
    best = PyMem_Calloc(size, sizeof(Py_ssize_t));
    from = PyMem_Calloc(size, sizeof(Py_ssize_t));
    period = PyMem_Calloc(size, sizeof(Py_ssize_t));
    prose = PyMem_Calloc(size, sizeof(double));
    content = PyMem_Calloc(size, sizeof(double));
    if (!best || !from || !period || !prose || !content) {
        PyErr_NoMemory();
        goto done;
    }
    double p_sum = 0.0, c_sum = 0.0; /* learned.columns.running's sums, in its order */
    for (Py_ssize_t i = 0; i < n; i++) {
        double k = PyFloat_AsDouble(PyList_GET_ITEM(kept, i));
        if (k == -1.0 && PyErr_Occurred()) goto done;
        p_sum += shape[i] ? 1.0 : 0.0;
        c_sum += k;
        prose[i + 1] = p_sum;
        content[i + 1] = c_sum;
    }
    Py_ssize_t top = n / 2 < max_period ? n / 2 : max_period;
    for (Py_ssize_t p = 2; p <= top; p++) {
        Py_ssize_t j = p;
        while (j < n) {
            if (shape[j] != shape[j - p]) {
                j++;
                continue;
            }
            Py_ssize_t a = j;
            while (j < n && shape[j] == shape[j - p]) j++;
            Py_ssize_t start = a - p, length = j - a + p;
            if (j - a < p) continue;
            int mixed = 0; /* not one shape throughout the first period */
            for (Py_ssize_t i = start + 1; i < a && !mixed; i++) mixed = shape[i] != shape[start];
            if (!mixed) continue;
            for (Py_ssize_t i = start; i < j; i++) {
                if (length > best[i]) {
                    best[i] = length;
                    from[i] = start;
                    period[i] = p;
                }
            }
        }
    }
    out = PyList_New(5);
    if (!out) goto done;
    for (Py_ssize_t c = 0; c < 5; c++) {
        PyObject *column = PyList_New(n);
        if (!column) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, c, column);
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        double v[5] = {0.0, 0.0, 0.0, 0.0, 0.0};
        Py_ssize_t length = best[i];
        if (length) {
            Py_ssize_t start = from[i], end = start + length;
            double per = (double)period[i];
            v[0] = per;
            v[1] = (double)(i - start) / per;
            v[2] = (double)(end - 1 - i) / per;
            v[3] = (prose[end] - prose[start]) / (double)length;
            v[4] = (content[end] - content[start]) / (double)length;
        }
        for (Py_ssize_t c = 0; c < 5; c++) {
            PyObject *x = PyFloat_FromDouble(v[c]);
            if (!x) {
                Py_CLEAR(out);
                goto done;
            }
            PyList_SET_ITEM(PyList_GET_ITEM(out, c), i, x);
        }
    }
done:
    PyBuffer_Release(&view);
    PyMem_Free(best);
    PyMem_Free(from);
    PyMem_Free(period);
    PyMem_Free(prose);
    PyMem_Free(content);
    return out;
}
