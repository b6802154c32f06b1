/* _text_cadence.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). cadence_scan(): the period at which the
   lines' coarse shapes repeat, learned.cadence.cadence's scan over every period and
   line, for line_context(). */

/* What cadence_scan works in: for every line, the longest stretch holding it (its
   length, start and period) and the running sums of prose lines and content, n + 1
   each. */
typedef struct {
    Py_ssize_t *best, *from, *period;
    double *prose, *content;
} Cadence;

/* learned.cadence.cadence of the shapes and the reducer's `kept` (doubles) by feature:
   the five values of every line into out[0..4] (n each), in `work`'s arrays. */
static void cadence_scan(const unsigned char *shape, const double *kept, Py_ssize_t n, Py_ssize_t max_period,
                         const Cadence *work, double *const *out) {
    Py_ssize_t *best = work->best, *from = work->from, *period = work->period;
    double *prose = work->prose, *content = work->content;
    double p_sum = 0.0, c_sum = 0.0; /* learned.columns.running's sums, in its order */
    prose[0] = content[0] = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        best[i] = from[i] = period[i] = 0;
        p_sum += shape[i] ? 1.0 : 0.0;
        c_sum += kept[i];
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
        for (int c = 0; c < 5; c++) out[c][i] = v[c];
    }
}
