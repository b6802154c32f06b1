/* _walk_text.h: part of _walk.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). Text as the walk reads it from libxml2
   (UTF-8) and gives it to Python: buffers, white space as str.split sees it, spaces
   joined. */

/* ------------------------------------------------------------------ text */

typedef struct { char *p; Py_ssize_t len, cap; } Buf;

static int buf_reserve(Buf *b, Py_ssize_t n);

static int buf_add(Buf *b, const char *s, Py_ssize_t n) {
    if (b->len + n + 1 > b->cap && buf_reserve(b, n) < 0) return -1;
    memcpy(b->p + b->len, s, (size_t)n);
    b->len += n;
    b->p[b->len] = 0;
    return 0;
}
static void buf_free(Buf *b) { PyMem_Free(b->p); b->p = NULL; b->len = b->cap = 0; }

static int buf_reserve(Buf *b, Py_ssize_t n) {
    if (b->len + n + 1 <= b->cap) return 0;
    Py_ssize_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1) cap *= 2;
    char *p = PyMem_Realloc(b->p, (size_t)cap);
    if (!p) { PyErr_NoMemory(); return -1; }
    b->p = p; b->cap = cap;
    return 0;
}

/* The next code point of UTF-8 ending at s[n]. libxml2 2.14 hands out nothing but
   valid UTF-8; a sequence the end cuts short, or a byte that starts none, is read as
   one byte that is not a space (U+FFFD), so that no read goes past the text (the
   strict decode of the text then refuses it). */
static inline Py_UCS4 next_cp(const unsigned char *s, Py_ssize_t *i, Py_ssize_t n) {
    unsigned char c = s[*i];
    if (c < 0x80) { *i += 1; return c; }
    Py_ssize_t size = c < 0xC0 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF8 ? 4 : 0;
    if (size == 0 || size > n - *i) { *i += 1; return 0xFFFD; }
    if (size == 2) { Py_UCS4 v = ((Py_UCS4)(c & 0x1F) << 6) | (s[*i + 1] & 0x3F); *i += 2; return v; }
    if (size == 3) {
        Py_UCS4 v = ((Py_UCS4)(c & 0x0F) << 12) | ((Py_UCS4)(s[*i + 1] & 0x3F) << 6) | (s[*i + 2] & 0x3F);
        *i += 3; return v;
    }
    Py_UCS4 v = ((Py_UCS4)(c & 0x07) << 18) | ((Py_UCS4)(s[*i + 1] & 0x3F) << 12) |
                ((Py_UCS4)(s[*i + 2] & 0x3F) << 6) | (s[*i + 3] & 0x3F);
    *i += 4; return v;
}

/* White space as Python's str.split, str.strip and str.isspace see it: CPython's own
   test, so the two walks cannot disagree on it. */
static inline int ascii_ws(unsigned char c) { return Py_UNICODE_ISSPACE(c); }
static inline int is_ws(Py_UCS4 c) { return Py_UNICODE_ISSPACE(c); }

/* Whether the code point at s[*i] (of a text ending at s[n]) is white space; steps over it. */
static inline int step_ws(const unsigned char *s, Py_ssize_t *i, Py_ssize_t n) {
    if (s[*i] < 0x80) return ascii_ws(s[(*i)++]);
    return is_ws(next_cp(s, i, n));
}

/* text.isspace() */
static int all_ws(const char *s, Py_ssize_t n) {
    Py_ssize_t i = 0;
    if (n == 0) return 0;
    while (i < n) if (!step_ws((const unsigned char *)s, &i, n)) return 0;
    return 1;
}

/* len(text.strip()): the code points from the first to the last that is not a space. */
static Py_ssize_t strip_len(const char *s, Py_ssize_t n) {
    const unsigned char *u = (const unsigned char *)s;
    Py_ssize_t i = 0, index = 0, first = -1, last = -1;
    while (i < n) {
        if (!step_ws(u, &i, n)) {
            if (first < 0) first = index;
            last = index;
        }
        index++;
    }
    return first < 0 ? 0 : last - first + 1;
}

/* " ".join(text.split()) into out; returns its length in code points, and whether it
   is all ASCII. */
static Py_ssize_t normalize(const char *s, Py_ssize_t n, Buf *out, int *ascii) {
    const unsigned char *u = (const unsigned char *)s;
    Py_ssize_t i = 0, cps = 0;
    out->len = 0;
    if (buf_reserve(out, n + 1) < 0) return -1;
    char *o = out->p;
    int only_ascii = 1;
    while (i < n) {
        while (i < n) { /* the spaces before a word */
            Py_ssize_t j = i;
            if (!step_ws(u, &j, n)) break;
            i = j;
        }
        if (i >= n) break;
        if (o != out->p) { *o++ = ' '; cps++; }
        while (i < n) { /* the word */
            unsigned char c = u[i];
            if (c < 0x80) {
                if (ascii_ws(c)) break;
                *o++ = (char)c; i++;
            } else {
                Py_ssize_t j = i;
                if (is_ws(next_cp(u, &j, n))) break;
                memcpy(o, u + i, (size_t)(j - i));
                o += j - i; i = j;
                only_ascii = 0;
            }
            cps++;
        }
    }
    out->len = o - out->p;
    *o = 0;
    if (ascii) *ascii = only_ascii;
    return cps;
}

/* A str of UTF-8 bytes: ASCII copied as it is, the rest decoded. */
static PyObject *make_str(const char *s, Py_ssize_t n, int ascii) {
    if (!ascii) return PyUnicode_DecodeUTF8(s, n, "strict");
    PyObject *str = PyUnicode_New(n, 127);
    if (str) memcpy(PyUnicode_DATA(str), s, (size_t)n);
    return str;
}

static PyObject *normalized_str(const char *s, Py_ssize_t n, Buf *scratch) {
    int ascii;
    if (normalize(s, n, scratch, &ascii) < 0) return NULL;
    return make_str(scratch->p, scratch->len, ascii);
}
