/* _walk_lean.h: part of _walk.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The page leaned for libxml2: its start tags
   without the attributes the walk never reads (html/lean.py's lean_in_python is the
   reference). */

/* lean(page, kept): the page (UTF-8 bytes) with every start tag's attributes that the
   walk never reads left out, for libxml2 to parse: every attribute costs libxml2 a copy
   of its value, and its name in the parser's dictionary, before the walk sees it.
   html/lean.py's lean_in_python is the reference. The page is read as the scan above reads it
   (libxml2 2.14's tokenizer, HTML5's): comments, doctypes, end tags and the bodies of
   raw-text elements are copied as they are; where libxml2 could read it otherwise than
   this simpler scan (a script holding "<!--" then "<script", an end tag with
   attributes, a comment closed early, a quote in a doctype, a tag cut by the end of the
   page, an attribute's name that starts with "=") the page is given back whole. `kept`
   are the names (lower-case ASCII bytes) kept; a name with anything but ASCII letters,
   digits, '-', '_' and '.' is kept too (xml:lang). */

/* Whether s[0..n) is the lower-case ASCII name[0..n), in any case. */
static int lean_same(const unsigned char *s, const char *name, Py_ssize_t n) {
    for (Py_ssize_t k = 0; k < n; k++)
        if (scan_lower(s[k]) != (unsigned char)name[k]) return 0;
    return 1;
}

/* The names kept, as lean() reads them: by first letter, a bit for each length; a
   name kept on one element only ("link href") has its element's name beside it. */
enum { LEAN_MAX_KEPT = 32, LEAN_MAX_NAME = 31 };
typedef struct {
    uint32_t lengths[26];
    int n;
    const char *names[LEAN_MAX_KEPT], *tags[LEAN_MAX_KEPT];
    Py_ssize_t sizes[LEAN_MAX_KEPT], tag_sizes[LEAN_MAX_KEPT];
} LeanKept;

/* `kept` (a tuple of lower-case ASCII names, each alone or after its element's name
   and a space) as a LeanKept; -1 with an error set. */
static int lean_kept(PyObject *kept, LeanKept *out) {
    memset(out, 0, sizeof *out);
    if (PyTuple_GET_SIZE(kept) > LEAN_MAX_KEPT) {
        PyErr_SetString(PyExc_ValueError, "lean() keeps at most 32 names");
        return -1;
    }
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(kept); k++) {
        PyObject *item = PyTuple_GET_ITEM(kept, k);
        const char *p = PyBytes_Check(item) ? PyBytes_AS_STRING(item) : NULL, *tag = NULL;
        Py_ssize_t size = p ? PyBytes_GET_SIZE(item) : 0, tag_size = 0;
        const char *space = p ? memchr(p, ' ', (size_t)size) : NULL;
        if (space) {
            tag = p, tag_size = space - p;
            size -= tag_size + 1, p = space + 1;
        }
        if (!p || size < 1 || size > LEAN_MAX_NAME || p[0] < 'a' || p[0] > 'z') {
            PyErr_SetString(PyExc_ValueError, "lean() keeps names of 1 to 31 bytes starting with a-z");
            return -1;
        }
        out->lengths[p[0] - 'a'] |= (uint32_t)1 << size;
        out->names[out->n] = p, out->sizes[out->n] = size;
        out->tags[out->n] = tag, out->tag_sizes[out->n++] = tag_size;
    }
    return 0;
}

/* Whether the attribute name s[0..n) of the element named tag[0..tag_n) is dropped:
   plain ASCII and not kept (on every element, or on this one). */
static int lean_drops(const unsigned char *s, Py_ssize_t n, const unsigned char *tag, Py_ssize_t tag_n,
                      const LeanKept *kept) {
    char low[LEAN_MAX_NAME + 1];
    if (n > LEAN_MAX_NAME) return 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)scan_lower(s[k]);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) return 0;
        low[k] = (char)c;
    }
    if (low[0] < 'a' || low[0] > 'z' || !(kept->lengths[low[0] - 'a'] & ((uint32_t)1 << n))) return 1;
    for (int k = 0; k < kept->n; k++)
        if (kept->sizes[k] == n && !memcmp(kept->names[k], low, (size_t)n) &&
            (!kept->tags[k] || (kept->tag_sizes[k] == tag_n && lean_same(tag, kept->tags[k], tag_n))))
            return 0;
    return 1;
}

/* Where the bytes s[a..b) first hold "<!--", or -1. */
static Py_ssize_t lean_comment_start(const unsigned char *s, Py_ssize_t a, Py_ssize_t b) {
    for (Py_ssize_t i = find1(s, a, b, '<'); i + 4 <= b; i = find1(s, i + 1, b, '<'))
        if (!memcmp(s + i, "<!--", 4)) return i;
    return -1;
}

/* Whether a script's body s[at..end) may not end at `end`: after a "<!--" it holds a
   start tag <script, after which HTML5 reads "</script" as text (double-escaped). */
static int lean_double_escaped(const unsigned char *s, Py_ssize_t at, Py_ssize_t end) {
    Py_ssize_t from = lean_comment_start(s, at, end);
    if (from < 0) return 0;
    for (Py_ssize_t i = find1(s, from, end, '<'); i < end; i = find1(s, i + 1, end, '<'))
        if (scan1_at_tag(s, end, i, "script", 1)) return 1;
    return 0;
}

/* A simple end tag at s[i] (</name, spaces, then > or />): where it ends, or -1. */
static Py_ssize_t lean_end_tag(const unsigned char *s, Py_ssize_t n, Py_ssize_t i) {
    Py_ssize_t k = i + 2;
    while (k < n && !scan_delim(s[k])) k++;
    while (k < n && scan_ws(s[k])) k++;
    if (k < n && s[k] == '/') k++;
    return k < n && s[k] == '>' ? k + 1 : -1;
}

/* The page as it is copied out: s[copied..] is still to copy. */
typedef struct { unsigned char *out; Py_ssize_t len, copied; } LeanOut;

/* Leave s[a..b) out. */
static void lean_skip(LeanOut *o, const unsigned char *s, Py_ssize_t a, Py_ssize_t b) {
    memcpy(o->out + o->len, s + o->copied, (size_t)(a - o->copied));
    o->len += a - o->copied;
    o->copied = b;
}

/* The start tag at s[i] (s[i + 1] a letter), copied without its dropped attributes:
   where it ends, or -1 where the page is given back whole. *raw is set to the
   raw-text element it opens, if any. */
static Py_ssize_t lean_start_tag(const unsigned char *s, Py_ssize_t n, Py_ssize_t i, const LeanKept *kept,
                                 LeanOut *o, const char **raw) {
    Py_ssize_t k = i + 1;
    while (k < n && !scan_delim(s[k])) k++;
    Py_ssize_t tag_end = k;
    *raw = scan1_raw_text(s, i + 1, k - i - 1);
    for (;;) {
        while (k < n && (scan_ws(s[k]) || (s[k] == '/' && k + 1 < n && s[k + 1] != '>'))) k++;
        if (k >= n) return -1;
        if (s[k] == '>' || s[k] == '/') break;
        Py_ssize_t a = k++;
        /* "=" opens a name: left out before it, an attribute would take it for its value
           ("<p a f=b =c>" is a="c" without f=b) */
        if (s[a] == '=') return -1;
        while (k < n && !scan_is(s[k], S_NAME_END)) k++;
        Py_ssize_t name_end = k, end = k;
        while (k < n && scan_ws(s[k])) k++;
        if (k < n && s[k] == '=') {
            k++;
            while (k < n && scan_ws(s[k])) k++;
            if (k >= n) return -1;
            if (s[k] == '"' || s[k] == '\'') {
                const unsigned char *q = memchr(s + k + 1, s[k], (size_t)(n - k - 1));
                if (!q) return -1;
                k = q - s + 1;
            } else {
                while (k < n && !scan_is(s[k], S_VALUE_END)) k++;
            }
            end = k;
        } else {
            k = name_end;
        }
        /* (not after a '/': left out, it could join the '/' to a '>', closing the tag) */
        if (s[a - 1] != '/' && lean_drops(s + a, name_end - a, s + i + 1, tag_end - i - 1, kept))
            lean_skip(o, s, a, end);
    }
    if (s[k] == '/') *raw = NULL; /* "<script/>": libxml2 2.14 closes it, and reads on as markup */
    Py_ssize_t close = s[k] == '/' ? k + 2 : k + 1;
    return close > n ? -1 : close;
}

/* Where the markup at s[i] ('<') ends when copied as it is, or -1 (given back whole). */
static Py_ssize_t lean_other(const unsigned char *s, Py_ssize_t n, Py_ssize_t i) {
    if (i + 1 >= n) return n;
    unsigned char c = s[i + 1];
    if (c == '!' && i + 3 < n && s[i + 2] == '-' && s[i + 3] == '-') {
        if (i + 5 < n && (s[i + 4] == '>' || (s[i + 4] == '-' && s[i + 5] == '>'))) return -1;
        Py_ssize_t end = -1;
        for (Py_ssize_t at = i + 4; at < n;) {
            const unsigned char *gt = memchr(s + at, '>', (size_t)(n - at));
            if (!gt) break;
            Py_ssize_t g = gt - s;
            if (g >= i + 6 && s[g - 1] == '-' && s[g - 2] == '-') { end = g + 1; break; }
            if (g >= i + 7 && s[g - 1] == '!' && s[g - 2] == '-' && s[g - 3] == '-') return -1;
            at = g + 1;
        }
        return end;
    }
    if (c == '!' || c == '?') {
        /* a doctype or a bogus comment: up to the first '>', which no quote may hold */
        if (c == '!' && i + 2 < n && s[i + 2] == '[') return -1;
        unsigned char quote = 0;
        for (Py_ssize_t k = i + 2; k < n; k++) {
            if (quote) quote = s[k] == quote ? 0 : quote;
            else if (s[k] == '"' || s[k] == '\'') quote = s[k];
            else if (s[k] == '>') return k + 1;
        }
        return -1;
    }
    if (c == '/') return i + 2 < n && scan_alpha(s[i + 2]) ? lean_end_tag(s, n, i) : -1;
    return i + 1; /* a '<' of the text */
}

/* The body of the raw-text element `raw` from `at`: where its end tag ends, or -1
   (given back whole); where the body ends in *body_end. */
static Py_ssize_t lean_raw_body(const unsigned char *s, Py_ssize_t n, Py_ssize_t at, const char *raw,
                                Py_ssize_t *body_end) {
    if (!strcmp(raw, "plaintext")) return *body_end = n;
    Py_ssize_t end = scan1_raw_end(s, n, at, raw);
    if (end >= n || (!strcmp(raw, "script") && lean_double_escaped(s, at, end))) return -1;
    *body_end = end;
    return lean_end_tag(s, n, end);
}

/* Whether the body of the raw-text element `raw` whose start tag is s[a..b) is left
   out: a style's, and a script's but a JSON-LD one's (the walk reads no other; kept
   where its tag says "json" in any case, or holds a character reference). */
static int lean_empties(const unsigned char *s, Py_ssize_t a, Py_ssize_t b, const char *raw) {
    if (!strcmp(raw, "style")) return 1;
    if (strcmp(raw, "script")) return 0;
    for (Py_ssize_t k = a; k < b; k++)
        if (s[k] == '&' || (k + 4 <= b && scan1_is(s, k, 4, "json"))) return 0;
    return 1;
}

PyDoc_STRVAR(lean_doc,
"lean(page, kept)\n\n"
"The page (UTF-8 bytes) with the attributes of its start tags not named in kept (a tuple\n"
"of lower-case ASCII bytes) left out, or the page itself where it may be read otherwise:\n"
"html/lean.py's lean_in_python.");

static PyObject *lean(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *page, *kept;
    LeanKept names;
    if (!PyArg_ParseTuple(args, "SO!:lean", &page, &PyTuple_Type, &kept) || lean_kept(kept, &names) < 0 ||
        raw_text_ready() < 0)
        return NULL;
    const unsigned char *s = (const unsigned char *)PyBytes_AS_STRING(page);
    Py_ssize_t n = PyBytes_GET_SIZE(page), i = 0;
    PyObject *out = PyBytes_FromStringAndSize(NULL, n); /* written in place, then cut */
    if (!out) return NULL;
    LeanOut o = {(unsigned char *)PyBytes_AS_STRING(out), 0, 0};
    while (i < n) {
        i = find1(s, i, n, '<');
        if (i >= n) break;
        Py_ssize_t next;
        if (i + 1 < n && scan_alpha(s[i + 1])) {
            const char *raw;
            next = lean_start_tag(s, n, i, &names, &o, &raw);
            if (next >= 0 && raw) {
                Py_ssize_t body = next, body_end;
                next = lean_raw_body(s, n, body, raw, &body_end);
                if (next >= 0 && body_end > body && lean_empties(s, i, body, raw)) lean_skip(&o, s, body, body_end);
            }
        } else {
            next = lean_other(s, n, i);
        }
        if (next < 0) break;
        i = next;
    }
    if (i < n || o.copied == 0) { /* given back whole (i < n), or nothing left out */
        Py_DECREF(out);
        Py_INCREF(page);
        return page;
    }
    lean_skip(&o, s, n, n);
    if (_PyBytes_Resize(&out, o.len) < 0) return NULL;
    return out;
}
