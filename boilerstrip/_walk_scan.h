/* _walk_scan.h: part of _walk.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). Scans of the raw page before libxml2 reads
   it: the most attributes a tag has, the first end tag of the document, a needle found
   by a rare byte. */

/* ------------------------------------------------------------------ attributes per tag */

/* libxml2 builds an element's attributes in a list it walks to its end for each one
   it adds: a tag with k attributes costs it k * k / 2 steps (100,000 attributes never
   finish). Its event parser has no such cost, so html.read gives a page with a tag of
   more attributes than a bound to the walk as events. This scan finds such a tag in a
   pass over the markup, reading tags as libxml2 2.14 tokenizes them (as HTML5 does):
   quoted values (a '>' in one does not end the tag), end tags, comments ("<!-->" and
   "--!>" end one), bogus comments and doctypes (to the first '>'), and the elements
   whose content is text up to their end tag (vocabulary.RAW_TEXT_TAGS: a script with
   its escapes, a plaintext to the end). It may count more
   attributes than libxml2 keeps (a repeated name), never fewer than a tag has. Text,
   quoted values and raw text are skipped with memchr where the markup is bytes. */

/* What the scan tells apart, a bit each: white space; what ends a tag name (white
   space, '/', '>'), an attribute name (also '=') and an unquoted value (white space,
   '>'); and what lies between attributes (white space, '/'). */
enum { S_WS = 1, S_DELIM = 2, S_NAME_END = 4, S_VALUE_END = 8, S_SKIP = 16 };
static unsigned char SCAN_CLASS[256];

static void scan_init(void) {
    const char *ws = " \t\n\f\r";
    for (const char *c = ws; *c; c++)
        SCAN_CLASS[(unsigned char)*c] = S_WS | S_DELIM | S_NAME_END | S_VALUE_END | S_SKIP;
    SCAN_CLASS['/'] = S_DELIM | S_NAME_END | S_SKIP;
    SCAN_CLASS['>'] = S_DELIM | S_NAME_END | S_VALUE_END;
    SCAN_CLASS['='] = S_NAME_END;
}

static inline int scan_is(Py_UCS4 c, int bits) { return c < 256 && (SCAN_CLASS[c] & bits); }
static inline int scan_ws(Py_UCS4 c) { return scan_is(c, S_WS); }
static inline int scan_delim(Py_UCS4 c) { return scan_is(c, S_DELIM); }
static inline int scan_alpha(Py_UCS4 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline Py_UCS4 scan_lower(Py_UCS4 c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* 0 where a vocabulary has handed the raw-text elements over; else -1 with a
   RuntimeError set: a scan without them would read a script's body as markup. */
static int raw_text_ready(void) {
    if (raw_text.n > 0) return 0;
    PyErr_SetString(PyExc_RuntimeError,
                    "boilerstrip._walk: no raw-text elements yet: build a vocabulary() first (html/tree.py does)");
    return -1;
}

/* The first c in s[i:n], or n. */
static inline Py_ssize_t find1(const Py_UCS1 *s, Py_ssize_t i, Py_ssize_t n, Py_UCS1 c) {
    if (i >= n) return n;
    const Py_UCS1 *hit = memchr(s + i, c, (size_t)(n - i));
    return hit ? hit - s : n;
}
static inline Py_ssize_t find2(const Py_UCS2 *s, Py_ssize_t i, Py_ssize_t n, Py_UCS2 c) {
    while (i < n && s[i] != c) i++;
    return i;
}
static inline Py_ssize_t find4(const Py_UCS4 *s, Py_ssize_t i, Py_ssize_t n, Py_UCS4 c) {
    while (i < n && s[i] != c) i++;
    return i;
}

#define DEFINE_SCAN(NAME, CHAR, FIND)                                                                    \
    /* Whether s[at : at + len] is the name, in any case. */                                             \
    static int NAME##_is(const CHAR *s, Py_ssize_t at, Py_ssize_t len, const char *name) {               \
        if ((Py_ssize_t)strlen(name) != len) return 0;                                                   \
        for (Py_ssize_t k = 0; k < len; k++)                                                             \
            if (scan_lower(s[at + k]) != (Py_UCS4)name[k]) return 0;                                     \
        return 1;                                                                                        \
    }                                                                                                    \
    /* The raw-text element (vocabulary.RAW_TEXT_TAGS, handed over: see _walk_vocabulary.h)              \
       named s[at : at + len], in any case, or NULL; its length and first letter are tried               \
       before its name is compared with each of theirs. */                                               \
    static const char *NAME##_raw_text(const CHAR *s, Py_ssize_t at, Py_ssize_t len) {                   \
        if (len < raw_text.shortest || len > raw_text.longest) return NULL;                              \
        Py_UCS4 c = scan_lower(s[at]);                                                                   \
        if (c >= 128 || !raw_text.first[c]) return NULL;                                                 \
        for (int r = 0; r < raw_text.n; r++)                                                             \
            if (NAME##_is(s, at, len, raw_text.names[r])) return raw_text.names[r];                      \
        return NULL;                                                                                     \
    }                                                                                                    \
    /* Whether s[i] opens "</name" (or "<name" when open) and a space, '/' or '>' follows. */            \
    static int NAME##_at_tag(const CHAR *s, Py_ssize_t n, Py_ssize_t i, const char *name, int open) {    \
        Py_ssize_t at = i + (open ? 1 : 2), len = (Py_ssize_t)strlen(name);                              \
        if (s[i] != '<' || (!open && (i + 1 >= n || s[i + 1] != '/')) || at + len >= n) return 0;        \
        return NAME##_is(s, at, len, name) && scan_delim(s[at + len]);                                   \
    }                                                                                                    \
    /* Where the raw text from s[i] ends: at its "</name" (n when there is none). */                     \
    static Py_ssize_t NAME##_raw_end(const CHAR *s, Py_ssize_t n, Py_ssize_t i, const char *name) {      \
        for (i = FIND(s, i, n, '<'); i < n; i = FIND(s, i + 1, n, '<'))                                  \
            if (NAME##_at_tag(s, n, i, name, 0)) return i;                                               \
        return n;                                                                                        \
    }                                                                                                    \
    /* The same for a script, whose "<!--" and "-->" escape a "<script>...</script>" in it    \
       (HTML5's script data escaped and double escaped states). */                                       \
    static Py_ssize_t NAME##_script_end(const CHAR *s, Py_ssize_t n, Py_ssize_t i) {                    \
        int state = 0;  /* 0 data, 1 escaped, 2 double escaped */                                        \
        int dashes = 0; /* dashes just read while escaped: after 2 or more, '>' ends the escape */       \
        for (; i < n; i++) {                                                                             \
            if (state == 0) {                                                                            \
                i = FIND(s, i, n, '<');                                                                  \
                if (i >= n || NAME##_at_tag(s, n, i, "script", 0)) return i;                             \
                if (i + 3 < n && s[i + 1] == '!' && s[i + 2] == '-' && s[i + 3] == '-') {                \
                    state = 1;                                                                           \
                    dashes = 2;                                                                          \
                    i += 3;                                                                              \
                }                                                                                        \
                continue;                                                                                \
            }                                                                                            \
            Py_UCS4 c = s[i];                                                                            \
            if (c == '-') { dashes++; continue; }                                                        \
            if (c == '>' && dashes >= 2) { state = 0; dashes = 0; continue; }                            \
            dashes = 0;                                                                                  \
            if (c != '<') continue;                                                                      \
            if (state == 1) {                                                                            \
                if (NAME##_at_tag(s, n, i, "script", 0)) return i;                                       \
                if (NAME##_at_tag(s, n, i, "script", 1)) { state = 2; i += 7; }                          \
            } else if (NAME##_at_tag(s, n, i, "script", 0)) {                                            \
                state = 1;                                                                               \
                i += 8;                                                                                  \
            }                                                                                            \
        }                                                                                                \
        return n;                                                                                        \
    }                                                                                                    \
    /* The end of the tag whose name starts at s[i], its attributes in *count, whether "/>" closed it. */ \
    static Py_ssize_t NAME##_tag(const CHAR *s, Py_ssize_t n, Py_ssize_t i, Py_ssize_t *count,          \
                                 int *closed) {                                                          \
        *count = 0;                                                                                      \
        *closed = 0; /* ends in "/>": libxml2 2.14 reads no raw text after it */                         \
        while (i < n && !scan_delim(s[i])) i++;                                                          \
        for (;;) {                                                                                       \
            int slash = 0;                                                                               \
            while (i < n && scan_is(s[i], S_SKIP)) slash = s[i++] == '/';                                \
            if (i >= n) return n;                                                                        \
            if (s[i] == '>') { *closed = slash; return i + 1; }                                          \
            (*count)++;                                                                                  \
            i++; /* the name's first character, '=' included */                                          \
            while (i < n && !scan_is(s[i], S_NAME_END)) i++;                                             \
            while (i < n && scan_ws(s[i])) i++;                                                          \
            if (i >= n || s[i] != '=') continue;                                                         \
            i++;                                                                                         \
            while (i < n && scan_ws(s[i])) i++;                                                          \
            if (i >= n) return n;                                                                        \
            if (s[i] == '"' || s[i] == '\'') {                                                           \
                i = FIND(s, i + 1, n, s[i]);                                                             \
                if (i < n) i++;                                                                          \
            } else {                                                                                     \
                while (i < n && !scan_is(s[i], S_VALUE_END)) i++;                                        \
            }                                                                                            \
        }                                                                                                \
    }                                                                                                    \
    /* The most attributes in a tag, from the first tag with more than the bound on. */                  \
    static Py_ssize_t NAME(const CHAR *s, Py_ssize_t n, Py_ssize_t bound) {                              \
        Py_ssize_t most = 0;                                                                             \
        for (Py_ssize_t i = FIND(s, 0, n, '<'); i < n; i = FIND(s, i, n, '<')) {                         \
            if (++i >= n) break;                                                                         \
            Py_UCS4 c = s[i];                                                                            \
            if (scan_alpha(c) || (c == '/' && i + 1 < n && scan_alpha(s[i + 1]))) {                      \
                int end_tag = c == '/';                                                                  \
                Py_ssize_t name = i + end_tag, name_end = name, count;                                   \
                int closed;                                                                              \
                while (name_end < n && !scan_delim(s[name_end])) name_end++;                             \
                i = NAME##_tag(s, n, name, &count, &closed);                                             \
                if (count > most) most = count;                                                          \
                if (most > bound) return most;                                                           \
                if (end_tag || closed) continue;                                                         \
                Py_ssize_t len = name_end - name;                                                        \
                const char *raw = NAME##_raw_text(s, name, len);                                         \
                if (!raw) continue;                                                                      \
                if (!strcmp(raw, "plaintext")) return most;                                              \
                i = !strcmp(raw, "script") ? NAME##_script_end(s, n, i) : NAME##_raw_end(s, n, i, raw);  \
            } else if (c == '!' && i + 2 < n && s[i + 1] == '-' && s[i + 2] == '-') {                    \
                i += 3;                                                                                  \
                if (i < n && s[i] == '>') { i++; continue; }                                             \
                if (i + 1 < n && s[i] == '-' && s[i + 1] == '>') { i += 2; continue; }                   \
                for (i = FIND(s, i, n, '-'); i < n; i = FIND(s, i + 1, n, '-')) {                        \
                    if (i + 2 >= n || s[i + 1] != '-') continue;                                         \
                    if (s[i + 2] == '>') { i += 3; break; }                                              \
                    if (s[i + 2] == '!' && i + 3 < n && s[i + 3] == '>') { i += 4; break; }              \
                }                                                                                        \
            } else if (c == '!' || c == '?' || c == '/') {                                               \
                i = FIND(s, i, n, '>');                                                                  \
            }                                                                                            \
        }                                                                                                \
        return most;                                                                                     \
    }

DEFINE_SCAN(scan1, Py_UCS1, find1)
DEFINE_SCAN(scan2, Py_UCS2, find2)
DEFINE_SCAN(scan4, Py_UCS4, find4)

PyDoc_STRVAR(most_attributes_doc,
"most_attributes(markup, bound)\n\n"
"The most attributes a tag of the markup (str, or bytes in UTF-8 or an ASCII-compatible\n"
"encoding) has, counted as libxml2 reads tags; the count stops at the first tag with\n"
"more than bound.");

static PyObject *most_attributes(PyObject *module, PyObject *args) {
    PyObject *markup;
    Py_ssize_t bound, most;
    (void)module;
    if (!PyArg_ParseTuple(args, "On", &markup, &bound) || raw_text_ready() < 0) return NULL;
    if (PyBytes_Check(markup)) {
        most = scan1((const Py_UCS1 *)PyBytes_AS_STRING(markup), PyBytes_GET_SIZE(markup), bound);
    } else if (PyUnicode_Check(markup)) {
        const void *data = PyUnicode_DATA(markup);
        Py_ssize_t n = PyUnicode_GET_LENGTH(markup);
        switch (PyUnicode_KIND(markup)) {
        case PyUnicode_1BYTE_KIND: most = scan1((const Py_UCS1 *)data, n, bound); break;
        case PyUnicode_2BYTE_KIND: most = scan2((const Py_UCS2 *)data, n, bound); break;
        default: most = scan4((const Py_UCS4 *)data, n, bound); break;
        }
    } else {
        PyErr_SetString(PyExc_TypeError, "most_attributes() needs str or bytes");
        return NULL;
    }
    return PyLong_FromSsize_t(most);
}

PyDoc_STRVAR(first_end_tag_doc,
"first_end_tag(page)\n\n"
"Where the first </html, </HTML, </body or </BODY of the page (bytes) starts, or -1:\n"
"the match of html/repair.py's _END_TAGS, found by memchr from one '<' to the next (the pattern's\n"
"search read every byte of the page, 3% of a page's clean()).");

static PyObject *first_end_tag(PyObject *module, PyObject *page) {
    (void)module;
    if (!PyBytes_Check(page)) {
        PyErr_SetString(PyExc_TypeError, "first_end_tag() needs bytes");
        return NULL;
    }
    const char *s = PyBytes_AS_STRING(page);
    Py_ssize_t n = PyBytes_GET_SIZE(page);
    static const char *const names[] = {"html", "HTML", "body", "BODY"};
    for (const char *at = s; n - (at - s) >= 6;) {
        const char *lt = memchr(at, '<', (size_t)(n - (at - s)));
        if (lt == NULL || n - (lt - s) < 6) break;
        if (lt[1] == '/')
            for (int k = 0; k < 4; k++)
                if (!memcmp(lt + 2, names[k], 4)) return PyLong_FromSsize_t(lt - s);
        at = lt + 1;
    }
    return PyLong_FromLong(-1);
}


PyDoc_STRVAR(find_by_doc,
"find_by(page, needle, k)\n\n"
"page.find(needle) for bytes, found by memchr from one needle[k] to the next: a byte\n"
"rare in pages ('S' in '<div hidden id=\"S:') makes few stops, where the search of the\n"
"whole needle (html/repair.py's show_streamed) took 1% of a page's clean().");

static PyObject *find_by(PyObject *module, PyObject *args) {
    (void)module;
    const char *s, *needle;
    Py_ssize_t n, m, k;
    if (!PyArg_ParseTuple(args, "y#y#n:find_by", &s, &n, &needle, &m, &k)) return NULL;
    if (k < 0 || k >= m) {
        PyErr_SetString(PyExc_ValueError, "find_by() needs 0 <= k < len(needle)");
        return NULL;
    }
    for (Py_ssize_t i = k; i < n;) {
        const char *hit = memchr(s + i, needle[k], (size_t)(n - i));
        if (!hit) break;
        Py_ssize_t start = hit - s - k;
        if (start + m > n) break;
        if (!memcmp(s + start, needle, (size_t)m)) return PyLong_FromSsize_t(start);
        i = hit - s + 1;
    }
    return PyLong_FromLong(-1);
}
