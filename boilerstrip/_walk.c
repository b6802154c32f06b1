/* The HTML walk over the tree lxml has parsed, in C.

Why: the walk in Python (html/events.py) runs as lxml's parser target, so lxml makes a Python string
for every tag and text, a dict for every element's attributes, and calls a Python
method for each. Here the walk reads libxml2's nodes where lxml keeps them, and makes
Python objects only for what it keeps: the blocks' texts and the markup htmlmeta reads.

It is the same walk as html/events.py's _Builder, event for event (the same two levels,
the same hold-back of navigation elements), and must give the same result on every
page: tests/test_html_walk.py compares the two on real pages. A change to one is a
change to both. Both read the page by one vocabulary, html/vocabulary.py: this walk is
handed it once at start-up (`vocabulary`, called by html/tree.py) and builds its tables
from it; it holds no copy of its own. White space is CPython's own (Py_UNICODE_ISSPACE),
as str.split sees it. The package works without this module (the walk in Python).
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#include <libxml/tree.h>
#include "lxml.etree.h"

/* ------------------------------------------------------------------ the vocabulary */

/* A tag's kinds, a bit each: the sets of html/vocabulary.py (drop, block, container,
   observed, prose, cell), handed over at start-up. */
enum {
    K_DROP = 1, K_BLOCK = 2, K_CONTAINER = 4, K_OBSERVED = 8, K_PROSE = 16, K_CELL = 32,
};
/* The tags the walk's code treats by name, as the Python walk's code does ("a" opens a
   link, "br" ends a block...); T_FOREIGN is vocabulary.FOREIGN_TAGS. */
enum {
    T_OTHER, T_A, T_BR, T_NAV, T_TR, T_BODY, T_TITLE, T_SCRIPT, T_META, T_TIME, T_LINK,
    T_ARTICLE, T_HTML, T_FOREIGN,
};
static const struct { const char *name; unsigned char id; } NAMED_TAGS[] = {
    {"a", T_A}, {"br", T_BR}, {"nav", T_NAV}, {"tr", T_TR}, {"body", T_BODY}, {"title", T_TITLE},
    {"script", T_SCRIPT}, {"meta", T_META}, {"time", T_TIME}, {"link", T_LINK}, {"article", T_ARTICLE},
    {"html", T_HTML},
};
#define N_NAMED ((int)(sizeof(NAMED_TAGS) / sizeof(NAMED_TAGS[0])))
/* A block's containers are the bits of an unsigned int. */
#define MAX_CONTAINERS 32

typedef struct {
    char *name;
    unsigned char kind;
    signed char cbit; /* container bit, -1 for none */
    unsigned char id;
} TagInfo;

/* A role: the container it names (-1 for none), the hint and word it gives (or NULL),
   whether it marks navigation. */
typedef struct { char *role; int cbit; PyObject *hint, *word; int nav; } RoleInfo;

/* A word's bit in a set's filter: words of a set set their bits, and a word whose bit is
   clear is in none of them, found without making a str of it and hashing it. */
enum { FILTER_BITS = 4096 };
typedef struct { uint64_t bits[FILTER_BITS / 64]; } Filter;
/* What vocabulary.class_hint reads: class_hint itself (for a non-ASCII string), the
   content hint, CONTENT_NAMES, BOILERPLATE_WORDS, EMBED_WORDS, and their filters. */
typedef struct {
    PyObject *fallback, *content_hint, *content, *boilerplate, *embed;
    Filter content_words, boilerplate_words, embed_words;
} Hints;

/* All the walk is handed at start-up, built into its tables (see build_vocabulary). */
typedef struct {
    TagInfo *tags; /* sorted by name (bsearch) */
    int n_tags;
    TagInfo no_tag;
    const TagInfo *nav_tag, *body_tag;
    const char *containers[MAX_CONTAINERS];
    int n_containers;
    RoleInfo *roles;
    int n_roles;
    Hints hints;
    PyObject *hidden_search;
    Py_ssize_t max_time_stamps;
    PyTypeObject *raw_block, *walk_result; /* html/walked.py's named tuples */
    PyObject *given; /* what Python handed over: holds every object above */
} Vocabulary;

static const TagInfo *lookup_tag(const Vocabulary *v, const char *name) {
    int lo = 0, hi = v->n_tags - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int cmp = strcmp(name, v->tags[mid].name);
        if (cmp == 0) return &v->tags[mid];
        if (cmp < 0) hi = mid - 1; else lo = mid + 1;
    }
    return &v->no_tag;
}

static const RoleInfo *find_role(const Vocabulary *v, const char *role) {
    if (!role) return NULL;
    for (int i = 0; i < v->n_roles; i++)
        if (!strcmp(role, v->roles[i].role)) return &v->roles[i];
    return NULL;
}

static int nav_role(const Vocabulary *v, const char *role) {
    const RoleInfo *r = find_role(v, role);
    return r && r->nav;
}

/* libxml2 keeps element names in the document's dictionary: one pointer per name. The
   cache maps those pointers to their TagInfo for this walk only (a miss costs a lookup). */
#define CACHE_SIZE 256
typedef struct { const xmlChar *key; const TagInfo *info; } CacheSlot;

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

/* The next code point of valid UTF-8 (libxml2 hands out nothing else). */
static inline Py_UCS4 next_cp(const unsigned char *s, Py_ssize_t *i) {
    unsigned char c = s[*i];
    if (c < 0x80) { *i += 1; return c; }
    if (c < 0xE0) { Py_UCS4 v = ((Py_UCS4)(c & 0x1F) << 6) | (s[*i + 1] & 0x3F); *i += 2; return v; }
    if (c < 0xF0) {
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

/* Whether the code point at s[*i] is white space; steps over it. */
static inline int step_ws(const unsigned char *s, Py_ssize_t *i) {
    if (s[*i] < 0x80) return ascii_ws(s[(*i)++]);
    return is_ws(next_cp(s, i));
}

/* text.isspace() */
static int all_ws(const char *s, Py_ssize_t n) {
    Py_ssize_t i = 0;
    if (n == 0) return 0;
    while (i < n) if (!step_ws((const unsigned char *)s, &i)) return 0;
    return 1;
}

/* len(text.strip()): the code points from the first to the last that is not a space. */
static Py_ssize_t strip_len(const char *s, Py_ssize_t n) {
    const unsigned char *u = (const unsigned char *)s;
    Py_ssize_t i = 0, index = 0, first = -1, last = -1;
    while (i < n) {
        if (!step_ws(u, &i)) {
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
            if (!step_ws(u, &j)) break;
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
                if (is_ws(next_cp(u, &j))) break;
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

/* ------------------------------------------------------------------ attributes */

/* An attribute node's value as lxml gives it ("" for one without a value). libxml2's
   HTML parser gives a value one text node; should one have more, their text is joined
   into a bytes object that `keep` holds until the walk ends. */
static const char *attr_value(xmlAttr *a, PyObject *keep) {
    xmlNode *child = a->children;
    if (!child) return "";
    if (!child->next && child->type == XML_TEXT_NODE && child->content) return (const char *)child->content;
    PyObject *joined = PyBytes_FromStringAndSize(NULL, 0);
    for (; child && joined; child = child->next)
        if (child->content) PyBytes_Concat(&joined, PyBytes_FromString((const char *)child->content));
    if (!joined || PyList_Append(keep, joined) < 0) { Py_XDECREF(joined); return NULL; }
    Py_DECREF(joined);
    return PyBytes_AS_STRING(joined);
}

/* An attribute's value, or NULL (also on an error: PyErr_Occurred says which). */
static const char *attr(xmlNode *node, const char *name, PyObject *keep) {
    for (xmlAttr *a = node->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0) return attr_value(a, keep);
    return NULL;
}

/* The attributes the walk reads from every element, in one pass over them. */
typedef struct { const char *style, *hidden, *aria_hidden, *role, *cls, *id, *itemprop; } Attrs;

static int read_attrs(xmlNode *node, Attrs *out, PyObject *keep) {
    memset(out, 0, sizeof *out);
    for (xmlAttr *a = node->properties; a; a = a->next) {
        const char *name = (const char *)a->name, **slot = NULL;
        switch (name[0]) {
        case 's': if (!strcmp(name, "style")) slot = &out->style; break;
        case 'h': if (!strcmp(name, "hidden")) slot = &out->hidden; break;
        case 'a': if (!strcmp(name, "aria-hidden")) slot = &out->aria_hidden; break;
        case 'r': if (!strcmp(name, "role")) slot = &out->role; break;
        case 'c': if (!strcmp(name, "class")) slot = &out->cls; break;
        case 'i':
            if (!strcmp(name, "id")) slot = &out->id;
            else if (!strcmp(name, "itemprop")) slot = &out->itemprop;
            break;
        }
        if (slot && !*slot && !(*slot = attr_value(a, keep))) return -1;
    }
    return 0;
}

static PyObject *str_or_none(const char *s) {
    if (!s) Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "strict");
}

/* ------------------------------------------------------------------ the walk's state */

typedef struct {
    unsigned int containers;
    PyObject *chain;    /* the nearest hinted element: (hint number, hint, word, the one around it), or None */
    PyObject *articles; /* tuple of <article> numbers */
    int hidden;
} Frame;

enum { E_START, E_END, E_TEXT };
typedef struct { int kind; xmlNode *node; char *text; Py_ssize_t len; } Event;
typedef struct { Event *items; Py_ssize_t len, cap; } Events;

typedef struct {
    /* given */
    const Vocabulary *v;
    PyObject *hint_memo;
    double nav_min_link_share;
    Py_ssize_t max_articles;
    CacheSlot cache[CACHE_SIZE];
    /* the parse level */
    int seen_element, in_body, after_body, capturing, title_seen;
    PyObject *check; /* called every CHECK_EVERY elements (the deadline), or NULL */
    Py_ssize_t visits;
    Py_ssize_t foreign; /* depth inside an <svg> or <math> */
    Buf pending;
    int pending_n;
    PyObject *root_langs, *title, *metas, *json_ld, *time_stamps, *canonical;
    int canonical_seen;
    /* the walk level */
    PyObject *raw;
    Buf pieces;
    int pieces_n, has_text, walk_nav;
    Py_ssize_t link_chars, in_link, hinted, article_count, rows, hiding, nav_depth;
    Frame *stack;
    Py_ssize_t depth, stack_cap;
    const TagInfo **block_tags; /* the open block-level elements */
    Py_ssize_t n_block_tags, block_tags_cap;
    Events *nav;
    /* scratch */
    Buf scratch, names;
    PyObject *keep; /* attribute values joined from several nodes */
    PyObject *sets;  /* containers bit mask -> frozenset, for this walk */
    PyObject *tags;  /* tag -> str, for this walk */
    PyObject *empty_tuple;
} Walk;

static const TagInfo *tag_of(Walk *w, xmlNode *node) {
    const xmlChar *name = node->name;
    size_t h = ((size_t)name >> 3) & (CACHE_SIZE - 1);
    for (int probe = 0; probe < 8; probe++, h = (h + 1) & (CACHE_SIZE - 1)) {
        if (w->cache[h].key == name) return w->cache[h].info;
        if (!w->cache[h].key) {
            w->cache[h].key = name;
            return w->cache[h].info = lookup_tag(w->v, (const char *)name);
        }
    }
    return lookup_tag(w->v, (const char *)name);
}

static int push_frame(Walk *w, unsigned int containers, PyObject *chain, PyObject *articles, int hidden) {
    if (w->depth == w->stack_cap) {
        Py_ssize_t cap = w->stack_cap ? w->stack_cap * 2 : 64;
        Frame *s = PyMem_Realloc(w->stack, (size_t)cap * sizeof(Frame));
        if (!s) { PyErr_NoMemory(); return -1; }
        w->stack = s; w->stack_cap = cap;
    }
    Py_INCREF(chain);
    Py_INCREF(articles);
    w->stack[w->depth++] = (Frame){containers, chain, articles, hidden};
    return 0;
}

static int push_copy(Walk *w) {
    Frame *top = &w->stack[w->depth - 1];
    return push_frame(w, top->containers, top->chain, top->articles, top->hidden);
}

static void pop_frame(Walk *w) {
    Frame *f = &w->stack[--w->depth];
    Py_DECREF(f->chain);
    Py_DECREF(f->articles);
}

static int push_block_tag(Walk *w, const TagInfo *tag) {
    if (w->n_block_tags == w->block_tags_cap) {
        Py_ssize_t cap = w->block_tags_cap ? w->block_tags_cap * 2 : 32;
        const TagInfo **s = PyMem_Realloc((void *)w->block_tags, (size_t)cap * sizeof(TagInfo *));
        if (!s) { PyErr_NoMemory(); return -1; }
        w->block_tags = s; w->block_tags_cap = cap;
    }
    w->block_tags[w->n_block_tags++] = tag;
    return 0;
}

static void free_events(Events *events) {
    if (!events) return;
    for (Py_ssize_t i = 0; i < events->len; i++) PyMem_Free(events->items[i].text);
    PyMem_Free(events->items);
    PyMem_Free(events);
}

static void clear_stack(Walk *w) { while (w->depth) pop_frame(w); }

/* The walk's state at its top element (the <body>, or the root without one). */
static int reset_walk(Walk *w) {
    Py_XSETREF(w->raw, PyList_New(0));
    if (!w->raw) return -1;
    w->pieces.len = 0; w->pieces_n = 0;
    w->has_text = 0; w->link_chars = 0; w->in_link = 0;
    clear_stack(w);
    if (push_frame(w, 0, Py_None, w->empty_tuple, 0) < 0) return -1;
    w->n_block_tags = 0;
    if (push_block_tag(w, w->v->body_tag) < 0) return -1;
    w->hinted = w->article_count = w->rows = w->hiding = 0;
    free_events(w->nav); w->nav = NULL;
    w->nav_depth = 0; w->walk_nav = 0;
    return 0;
}

/* ------------------------------------------------------------------ blocks */

static PyObject *containers_set(Walk *w, unsigned int mask) {
    PyObject *key = PyLong_FromUnsignedLong(mask);
    if (!key) return NULL;
    PyObject *found = PyDict_GetItemWithError(w->sets, key);
    if (found || PyErr_Occurred()) { Py_DECREF(key); Py_XINCREF(found); return found; }
    PyObject *names = PyList_New(0);
    if (!names) { Py_DECREF(key); return NULL; }
    for (int bit = 0; bit < w->v->n_containers; bit++) {
        if (!(mask & (1u << bit))) continue;
        PyObject *name = PyUnicode_FromString(w->v->containers[bit]);
        if (!name || PyList_Append(names, name) < 0) { Py_XDECREF(name); Py_DECREF(names); Py_DECREF(key); return NULL; }
        Py_DECREF(name);
    }
    PyObject *set = PyFrozenSet_New(names);
    Py_DECREF(names);
    if (set && PyDict_SetItem(w->sets, key, set) < 0) Py_CLEAR(set);
    Py_DECREF(key);
    return set;
}

static PyObject *tag_str(Walk *w, const char *tag) {
    PyObject *key = PyLong_FromVoidPtr((void *)tag);
    if (!key) return NULL;
    PyObject *found = PyDict_GetItemWithError(w->tags, key);
    if (found || PyErr_Occurred()) { Py_DECREF(key); Py_XINCREF(found); return found; }
    PyObject *s = PyUnicode_DecodeUTF8(tag, (Py_ssize_t)strlen(tag), "strict");
    if (s && PyDict_SetItem(w->tags, key, s) < 0) Py_CLEAR(s);
    Py_DECREF(key);
    return s;
}

/* A named tuple of `type` (html/walked.py's RawBlock, WalkResult) of n items, each a new
   reference (stolen; all released on an error): made as tuple.__new__ makes one of a
   subclass, without the named tuple's interpreted __new__. */
static PyObject *named_tuple(PyTypeObject *type, Py_ssize_t n, PyObject **items) {
    PyObject *made = type->tp_alloc(type, n);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!items[i] || !made) { Py_XDECREF(items[i]); continue; }
        PyTuple_SET_ITEM(made, i, items[i]);
    }
    for (Py_ssize_t i = 0; made && i < n; i++)
        if (!items[i]) { Py_CLEAR(made); break; }
    if (!made && !PyErr_Occurred()) PyErr_NoMemory();
    return made;
}

/* A RawBlock (text, tag, depth, link chars, containers, hint chain, row, articles), as
   _Builder.raw holds */
static int add_raw(Walk *w, PyObject *text, const char *tag, Py_ssize_t depth, Py_ssize_t links,
                   unsigned int containers, PyObject *chain, Py_ssize_t row, PyObject *articles) {
    PyObject *tag_s = tag_str(w, tag);
    PyObject *set = tag_s ? containers_set(w, containers) : NULL;
    if (!set) { Py_XDECREF(tag_s); Py_DECREF(text); return -1; }
    PyObject *items[8] = {text, tag_s, PyLong_FromSsize_t(depth), PyLong_FromSsize_t(links), set,
                          Py_NewRef(chain), PyLong_FromSsize_t(row), Py_NewRef(articles)};
    PyObject *item = named_tuple(w->v->raw_block, 8, items);
    if (!item) return -1;
    int result = PyList_Append(w->raw, item);
    Py_DECREF(item);
    return result;
}

static int flush(Walk *w) {
    if (!w->has_text) { w->pieces.len = 0; w->pieces_n = 0; return 0; }
    w->has_text = 0;
    PyObject *text = normalized_str(w->pieces.p, w->pieces.len, &w->scratch);
    w->pieces.len = 0; w->pieces_n = 0;
    if (!text) return -1;
    Py_ssize_t links = w->link_chars;
    w->link_chars = 0;
    if (PyUnicode_GET_LENGTH(text) == 0) { Py_DECREF(text); return 0; }
    Frame *top = &w->stack[w->depth - 1];
    const TagInfo *tag = w->block_tags[w->n_block_tags - 1];
    Py_ssize_t row = (tag->kind & K_CELL) ? w->rows : 0;
    return add_raw(w, text, tag->name, w->depth, links, top->containers, top->chain, row, top->articles);
}

/* ------------------------------------------------------------------ frames */

/* ------------------------------------------------------------------ class/id hints */

static size_t filter_bit(const char *s, Py_ssize_t n) {
    return ((size_t)(unsigned char)s[0] * 31u + (size_t)(unsigned char)s[n - 1] * 7u + (size_t)n * 131u) %
           FILTER_BITS;
}

/* 1 if a word of n bytes may be in the filter's set, 0 if it is surely not. */
static int may_have(const Filter *f, const char *s, Py_ssize_t n) {
    if (n <= 0) return 1;
    size_t bit = filter_bit(s, n);
    return (int)((f->bits[bit / 64] >> (bit % 64)) & 1u);
}

/* The filter of a set's (or dict's) str keys. A key that is not ASCII can equal no word
   class_hint_of looks up (it reads ASCII strings only): it sets no bit; an empty key or
   one that is not a str sets every bit (the filter then lets every word through). */
static int fill_filter(Filter *f, PyObject *keys) {
    memset(f->bits, 0, sizeof f->bits);
    PyObject *iter = PyObject_GetIter(keys), *key;
    if (!iter) return -1;
    while ((key = PyIter_Next(iter))) {
        if (!PyUnicode_Check(key) || PyUnicode_GET_LENGTH(key) == 0) {
            memset(f->bits, 0xff, sizeof f->bits);
        } else if (PyUnicode_IS_ASCII(key)) {
            const char *s = (const char *)PyUnicode_DATA(key);
            size_t bit = filter_bit(s, PyUnicode_GET_LENGTH(key));
            f->bits[bit / 64] |= (uint64_t)1 << (bit % 64);
        }
        Py_DECREF(key);
    }
    Py_DECREF(iter);
    return PyErr_Occurred() ? -1 : 0;
}

static int fill_hint_filters(Hints *h) {
    if (fill_filter(&h->content_words, h->content) < 0 || fill_filter(&h->boilerplate_words, h->boilerplate) < 0 ||
        fill_filter(&h->embed_words, h->embed) < 0)
        return -1;
    return 0;
}

static PyObject *ascii_str(const char *s, Py_ssize_t n) { return make_str(s, n, 1); }

static int has_bytes(const char *s, Py_ssize_t n, const char *needle, Py_ssize_t len) {
    for (Py_ssize_t i = 0; i + len <= n; i++)
        if (memcmp(s + i, needle, (size_t)len) == 0) return 1;
    return 0;
}

/* 1 if the word is in the set, 0 if not, -1 on an error; `filter` is the set's. */
static int has_word(PyObject *set, const Filter *filter, const char *s, Py_ssize_t n) {
    if (!may_have(filter, s, n)) return 0;
    PyObject *word = ascii_str(s, n);
    if (!word) return -1;
    int found = PySet_Contains(set, word);
    Py_DECREF(word);
    return found;
}

/* The next token of s[*i:n] split at white space, or also at '-' (vocabulary.class_hint's
   "names" and "parts"); 0 when there is none. */
static int next_token(const char *s, Py_ssize_t n, Py_ssize_t *i, int at_dash, Py_ssize_t *start, Py_ssize_t *end) {
    while (*i < n && (ascii_ws((unsigned char)s[*i]) || (at_dash && s[*i] == '-'))) (*i)++;
    if (*i >= n) return 0;
    *start = *i;
    while (*i < n && !(ascii_ws((unsigned char)s[*i]) || (at_dash && s[*i] == '-'))) (*i)++;
    *end = *i;
    return 1;
}

/* Whether word is one of name's '-'-separated parts. */
static int has_part(const char *name, Py_ssize_t n, const char *word, Py_ssize_t len) {
    Py_ssize_t start = 0;
    for (Py_ssize_t i = 0; i <= n; i++) {
        if (i == n || name[i] == '-') {
            if (i - start == len && memcmp(name + start, word, (size_t)len) == 0) return 1;
            start = i + 1;
        }
    }
    return 0;
}

static PyObject *no_hint(void) { return Py_BuildValue("(ss)", "", ""); }

static PyObject *hint_pair(PyObject *hint, const char *word, Py_ssize_t len) {
    PyObject *word_s = ascii_str(word, len);
    if (!word_s) return NULL;
    PyObject *pair = PyTuple_Pack(2, hint, word_s);
    Py_DECREF(word_s);
    return pair;
}

/* vocabulary.class_hint for an ASCII class/id string, read in place; any other string goes
   to class_hint itself (its lower() is Unicode's). */
static PyObject *class_hint_of(const Hints *h, PyObject *attrs) {
    if (!PyUnicode_IS_ASCII(attrs)) return PyObject_CallOneArg(h->fallback, attrs);
    Py_ssize_t n = PyUnicode_GET_LENGTH(attrs), i, a, b;
    const char *src = (const char *)PyUnicode_DATA(attrs);
    char *low = PyMem_Malloc((size_t)n + 1), *joined = PyMem_Malloc((size_t)n + 1);
    PyObject *result = NULL;
    if (!low || !joined) { PyErr_NoMemory(); goto done; }
    for (i = 0; i < n; i++) {
        char c = src[i];
        low[i] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    /* content names first, a name with "--" also as it reads with "-" */
    for (i = 0; next_token(low, n, &i, 0, &a, &b);) {
        int found = has_word(h->content, &h->content_words, low + a, b - a);
        if (!found && has_bytes(low + a, b - a, "--", 2)) {
            Py_ssize_t len = 0;
            for (Py_ssize_t j = a; j < b; j++) {
                joined[len++] = low[j];
                if (low[j] == '-' && j + 1 < b && low[j + 1] == '-') j++;
            }
            found = has_word(h->content, &h->content_words, joined, len);
        }
        if (found < 0) goto done;
        if (found) { result = hint_pair(h->content_hint, low + a, b - a); goto done; }
    }
    if (has_bytes(low, n, "embed", 5)) {
        for (i = 0; next_token(low, n, &i, 1, &a, &b);) {
            int found = has_word(h->embed, &h->embed_words, low + a, b - a);
            if (found < 0) goto done;
            if (found) { result = no_hint(); goto done; }
        }
    }
    for (i = 0; next_token(low, n, &i, 1, &a, &b);) {
        if (!may_have(&h->boilerplate_words, low + a, b - a)) continue;
        PyObject *part = ascii_str(low + a, b - a);
        if (!part) goto done;
        PyObject *hint = PyDict_GetItemWithError(h->boilerplate, part);
        Py_DECREF(part);
        if (!hint && PyErr_Occurred()) goto done;
        if (!hint || !PyUnicode_Check(hint) || !PyUnicode_GET_LENGTH(hint)) continue;
        Py_ssize_t j, c, d;
        for (j = 0; next_token(low, n, &j, 0, &c, &d);) {
            if (has_part(low + c, d - c, low + a, b - a)) {
                PyObject *name = ascii_str(low + c, d - c);
                result = name ? PyTuple_Pack(2, hint, name) : NULL;
                Py_XDECREF(name);
                goto done;
            }
        }
    }
    result = no_hint();
done:
    PyMem_Free(low);
    PyMem_Free(joined);
    return result;
}

/* (hint, word) for a class/id string, once per string a walk. */
static PyObject *hint_of(Walk *w, PyObject *names) {
    PyObject *found = PyDict_GetItemWithError(w->hint_memo, names);
    if (found) { Py_INCREF(found); return found; }
    if (PyErr_Occurred()) return NULL;
    found = class_hint_of(&w->v->hints, names);
    if (!found) return NULL;
    if (!PyTuple_Check(found) || PyTuple_GET_SIZE(found) != 2) {
        Py_DECREF(found);
        PyErr_SetString(PyExc_TypeError, "class_hint must return (hint, word)");
        return NULL;
    }
    if (PyDict_SetItem(w->hint_memo, names, found) < 0) { Py_DECREF(found); return NULL; }
    return found;
}

/* A new frame for a block, container or role element: _Builder._frame. */
static int push_element_frame(Walk *w, const Attrs *attrs, const TagInfo *tag, Frame *parent) {
    unsigned int containers = parent->containers;
    PyObject *chain = parent->chain, *articles = parent->articles;
    Py_INCREF(chain);
    Py_INCREF(articles);
    int result = -1;
    PyObject *names_s = NULL, *found = NULL, *hint = NULL, *word = NULL;
    const char *role = attrs->role;
    if (tag->id == T_ARTICLE || (role && !strcmp(role, "article"))) {
        w->article_count++;
        if (PyTuple_GET_SIZE(articles) < w->max_articles) { /* a bound: each is a tuple one longer */
            PyObject *number = PyLong_FromSsize_t(w->article_count);
            PyObject *one = number ? PyTuple_Pack(1, number) : NULL;
            Py_XDECREF(number);
            PyObject *longer = one ? PySequence_Concat(articles, one) : NULL;
            Py_XDECREF(one);
            if (!longer) goto done;
            Py_SETREF(articles, longer);
        }
    }
    if (tag->kind & K_CONTAINER) containers |= 1u << tag->cbit;
    const RoleInfo *role_info = find_role(w->v, role);
    if (role_info && role_info->cbit >= 0) containers |= 1u << role_info->cbit;

    w->names.len = 0;
    if (attrs->itemprop && !strcmp(attrs->itemprop, "articleBody") && buf_add(&w->names, "article-body ", 13) < 0)
        goto done;
    if (attrs->cls && buf_add(&w->names, attrs->cls, (Py_ssize_t)strlen(attrs->cls)) < 0) goto done;
    if (buf_add(&w->names, " ", 1) < 0) goto done;
    if (attrs->id && buf_add(&w->names, attrs->id, (Py_ssize_t)strlen(attrs->id)) < 0) goto done;
    if (!(w->names.len == 1 && w->names.p[0] == ' ')) {
        names_s = PyUnicode_DecodeUTF8(w->names.p, w->names.len, "strict");
        if (!names_s || !(found = hint_of(w, names_s))) goto done;
        hint = PyTuple_GET_ITEM(found, 0);
        word = PyTuple_GET_ITEM(found, 1);
        Py_INCREF(hint);
        Py_INCREF(word);
    }
    if (!hint || PyObject_Not(hint)) {
        if (role_info && role_info->hint) {
            Py_XSETREF(hint, Py_NewRef(role_info->hint));
            Py_XSETREF(word, Py_NewRef(role_info->word));
        }
    }
    if (hint && PyObject_IsTrue(hint)) {
        w->hinted++;
        PyObject *node = Py_BuildValue("(nOOO)", w->hinted, hint, word, chain);
        if (!node) goto done;
        Py_SETREF(chain, node);
    }
    result = push_frame(w, containers, chain, articles, 0);
done:
    Py_XDECREF(names_s);
    Py_XDECREF(found);
    Py_XDECREF(hint);
    Py_XDECREF(word);
    Py_DECREF(chain);
    Py_DECREF(articles);
    return result;
}

/* ------------------------------------------------------------------ the walk level */

static int ascii_has(const char *s, const char *needle) {
    size_t n = strlen(needle);
    for (; *s; s++) {
        if ((unsigned char)*s >= 0x80) return 1; /* not ASCII: let the regex decide */
        if (strncasecmp(s, needle, n) == 0) return 1;
    }
    return 0;
}

/* _is_hidden: by attribute, or by inline style (vocabulary.HIDDEN_STYLE decides where the
   style could match it: it holds "none" or "hidden", or is not ASCII). */
static int is_hidden(Walk *w, const TagInfo *tag, const char *style, int by_attribute) {
    if (by_attribute) return tag->id != T_HTML && tag->id != T_BODY;
    if (!style || !*style || !(ascii_has(style, "none") || ascii_has(style, "hidden"))) return 0;
    PyObject *s = PyUnicode_DecodeUTF8(style, (Py_ssize_t)strlen(style), "strict");
    PyObject *match = s ? PyObject_CallOneArg(w->v->hidden_search, s) : NULL;
    Py_XDECREF(s);
    if (!match) return -1;
    int found = match != Py_None;
    Py_DECREF(match);
    return found;
}

static int hold(Walk *w, int kind, xmlNode *node, const char *text, Py_ssize_t len);

static int walk_start(Walk *w, xmlNode *node) {
    Frame *frame = &w->stack[w->depth - 1];
    if (w->hiding) { w->hiding++; return 0; }
    const TagInfo *tag = tag_of(w, node);
    Attrs attrs;
    if (read_attrs(node, &attrs, w->keep) < 0) return -1;
    int has_style = attrs.style && *attrs.style, has_aria = attrs.aria_hidden && *attrs.aria_hidden;
    if (has_style || attrs.hidden || has_aria) {
        int by_attribute = attrs.hidden || (has_aria && !strcmp(attrs.aria_hidden, "true"));
        int hidden = is_hidden(w, tag, attrs.style, by_attribute);
        if (hidden < 0) return -1;
        if (hidden) {
            w->hiding = 1;
            return push_frame(w, frame->containers, frame->chain, frame->articles, 1);
        }
    }
    if (tag->kind & K_BLOCK) {
        if (w->pieces_n && flush(w) < 0) return -1;
        if (w->walk_nav) {
            w->walk_nav = 0;
        } else if (tag->id == T_NAV || nav_role(w->v, attrs.role)) {
            w->nav = PyMem_Calloc(1, sizeof(Events));
            if (!w->nav) { PyErr_NoMemory(); return -1; }
            w->nav_depth = 0;
            return hold(w, E_START, node, NULL, 0);
        }
        if (tag->id == T_TR) w->rows++;
        if (push_block_tag(w, tag) < 0) return -1;
        return push_element_frame(w, &attrs, tag, &w->stack[w->depth - 1]);
    }
    if (tag->id == T_BR) {
        if (w->pieces_n && flush(w) < 0) return -1;
        return push_copy(w);
    }
    if (tag->id == T_A) { w->in_link++; return push_copy(w); }
    if ((tag->kind & K_CONTAINER) || attrs.role) return push_element_frame(w, &attrs, tag, frame);
    return push_copy(w);
}

static int walk_end(Walk *w, xmlNode *node) {
    if (w->hiding > 1) { w->hiding--; return 0; }
    w->hiding = 0;
    int hidden = w->stack[w->depth - 1].hidden;
    pop_frame(w);
    if (hidden) return 0;
    const TagInfo *tag = tag_of(w, node);
    if (tag->kind & K_BLOCK) {
        if (w->pieces_n && flush(w) < 0) return -1;
        w->n_block_tags--;
    } else if (tag->id == T_A) {
        w->in_link--;
    }
    return 0;
}

static int walk_text(Walk *w, const char *text, Py_ssize_t len) {
    if (w->hiding) return 0;
    if (buf_add(&w->pieces, text, len) < 0) return -1;
    w->pieces_n++;
    if (!all_ws(text, len)) {
        w->has_text = 1;
        if (w->in_link) w->link_chars += strip_len(text, len);
    }
    return 0;
}

/* Whether the walk holds an element back as navigation (_Builder._walk_start). */
static int holds_back(Walk *w, xmlNode *node) {
    const TagInfo *tag = tag_of(w, node);
    if (!(tag->kind & K_BLOCK)) return 0;
    if (tag->id == T_NAV) return 1;
    const char *role = attr(node, "role", w->keep);
    if (!role && PyErr_Occurred()) return -1;
    return nav_role(w->v, role);
}

/* The words of a text and their code points, as str.split sees them. */
static void count_words(const char *s, Py_ssize_t n, Py_ssize_t *words, Py_ssize_t *cps) {
    const unsigned char *u = (const unsigned char *)s;
    Py_ssize_t i = 0;
    int in_word = 0;
    while (i < n) {
        if (step_ws(u, &i)) {
            in_word = 0;
        } else {
            (*cps)++;
            if (!in_word) { (*words)++; in_word = 1; }
        }
    }
}

/* html/navigation.py's NavSpans: for each navigation element among held events, in one pass over
   them, the index of its end event (-1 for none) and what collapse counts in it: the
   length of its text with spaces joined, its characters in links, and whether it holds
   a prose element. Running totals are kept; an element's counts are the totals at its
   end less those at its start. */
typedef struct { Py_ssize_t *end, *length, *links; char *prose; } Spans;

static void free_spans(Spans *sp) {
    PyMem_Free(sp->end); PyMem_Free(sp->length); PyMem_Free(sp->links); PyMem_Free(sp->prose);
}

static int count_spans(Walk *w, Events *events, Spans *sp) {
    Py_ssize_t n = events->len, depth = 0;
    /* running totals: words, their code points, stripped text, stripped text times links
       open, links open, prose elements; and each open start's index and totals */
    Py_ssize_t words = 0, cps = 0, stripped = 0, linked = 0, in_link = 0, prose = 0;
    Py_ssize_t *opened = PyMem_Malloc((size_t)(n + 1) * sizeof(Py_ssize_t));
    Py_ssize_t *at = PyMem_Malloc((size_t)(n + 1) * 6 * sizeof(Py_ssize_t));
    char *nav = PyMem_Calloc((size_t)n + 1, 1);
    sp->end = PyMem_Malloc((size_t)(n + 1) * sizeof(Py_ssize_t));
    sp->length = PyMem_Malloc((size_t)(n + 1) * sizeof(Py_ssize_t));
    sp->links = PyMem_Malloc((size_t)(n + 1) * sizeof(Py_ssize_t));
    sp->prose = PyMem_Calloc((size_t)n + 1, 1);
    int result = -1;
    if (!opened || !at || !nav || !sp->end || !sp->length || !sp->links || !sp->prose) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Event *ev = &events->items[i];
        sp->end[i] = -1;
        if (ev->kind == E_TEXT) {
            count_words(ev->text, ev->len, &words, &cps);
            Py_ssize_t size = strip_len(ev->text, ev->len);
            stripped += size;
            linked += size * in_link;
            continue;
        }
        const TagInfo *tag = tag_of(w, ev->node);
        if (ev->kind == E_START) {
            if (tag->id == T_A) in_link++;
            else if (tag->kind & K_PROSE) prose++;
            opened[depth++] = i;
            int held = holds_back(w, ev->node);
            if (held < 0) goto done;
            nav[i] = (char)held;
            Py_ssize_t *t = &at[i * 6];
            t[0] = words; t[1] = cps; t[2] = stripped; t[3] = linked; t[4] = in_link; t[5] = prose;
            continue;
        }
        if (tag->id == T_A) in_link--;
        if (!depth) continue;
        Py_ssize_t start = opened[--depth];
        if (!nav[start]) continue;
        Py_ssize_t *t = &at[start * 6], n_words = words - t[0];
        sp->end[start] = i;
        sp->length[start] = n_words ? cps - t[1] + n_words - 1 : 0;
        sp->links[start] = linked - t[3] - t[4] * (stripped - t[2]);
        sp->prose[start] = prose > t[5];
    }
    result = 0;
done:
    PyMem_Free(opened); PyMem_Free(at); PyMem_Free(nav);
    return result;
}

/* The block of a navigation element that collapses (held from events[start]): text
   is its text with spaces joined, of length code points. Frees text. */
static int add_nav(Walk *w, Events *events, Py_ssize_t start, Buf *text, Py_ssize_t length, int ascii,
                   Py_ssize_t links) {
    int result = 0;
    if (length) {
        Py_ssize_t depth = w->depth + 1;
        Attrs attrs;
        if (read_attrs(events->items[start].node, &attrs, w->keep) < 0 ||
            push_element_frame(w, &attrs, w->v->nav_tag, &w->stack[w->depth - 1]) < 0) {
            buf_free(text);
            return -1;
        }
        Frame *frame = &w->stack[w->depth - 1];
        PyObject *s = make_str(text->p, text->len, ascii);
        result = s ? add_raw(w, s, "nav", depth, links, frame->containers | (1u << w->v->nav_tag->cbit), frame->chain, 0,
                             frame->articles)
                   : -1;
        pop_frame(w);
    }
    buf_free(text);
    return result;
}

/* The text pieces of events[start + 1 : end], joined with spaces in w->scratch. */
static int join_pieces(Walk *w, Events *events, Py_ssize_t start, Py_ssize_t end) {
    Buf *pieces = &w->scratch;
    pieces->len = 0;
    int first = 1;
    for (Py_ssize_t i = start + 1; i < end; i++) {
        Event *ev = &events->items[i];
        if (ev->kind != E_TEXT) continue;
        if (!first && buf_add(pieces, " ", 1) < 0) return -1;
        if (buf_add(pieces, ev->text, ev->len) < 0) return -1;
        first = 0;
    }
    return 0;
}

/* _Builder._collapse: a navigation element made mostly of links becomes one block. */
static int collapse(Walk *w, Events *events) {
    Buf *pieces = &w->scratch;
    pieces->len = 0;
    Py_ssize_t links = 0, in_link = 0;
    int first = 1;
    for (Py_ssize_t i = 1; i < events->len; i++) {
        Event *ev = &events->items[i];
        if (ev->kind == E_TEXT) {
            if (!first && buf_add(pieces, " ", 1) < 0) return -1;
            if (buf_add(pieces, ev->text, ev->len) < 0) return -1;
            first = 0;
            if (in_link) links += strip_len(ev->text, ev->len) * in_link;
            continue;
        }
        const TagInfo *tag = tag_of(w, ev->node);
        if (tag->id == T_A) in_link += ev->kind == E_START ? 1 : -1;
        else if (ev->kind == E_START && (tag->kind & K_PROSE)) return 0;
    }
    Buf text = {0};
    int ascii;
    Py_ssize_t length = normalize(pieces->p ? pieces->p : "", pieces->len, &text, &ascii);
    if (length < 0) { buf_free(&text); return -1; }
    if ((double)links < (double)length * w->nav_min_link_share) { buf_free(&text); return 0; }
    return add_nav(w, events, 0, &text, length, ascii, links) < 0 ? -1 : 1;
}

/* _Builder._collapse_span: collapse for the navigation element held from
   events[start], decided by the counts of spans. */
static int collapse_span(Walk *w, Events *events, Py_ssize_t start, const Spans *sp) {
    if (sp->prose[start] || (double)sp->links[start] < (double)sp->length[start] * w->nav_min_link_share)
        return 0;
    if (!sp->length[start]) return 1;
    if (join_pieces(w, events, start, sp->end[start]) < 0) return -1;
    Buf text = {0};
    int ascii;
    Py_ssize_t length = normalize(w->scratch.p ? w->scratch.p : "", w->scratch.len, &text, &ascii);
    if (length < 0) { buf_free(&text); return -1; }
    return add_nav(w, events, start, &text, length, ascii, sp->links[start]) < 0 ? -1 : 1;
}

/* _Builder._settle_nav: the navigation elements inside one that is walked are settled
   from the events already held, in one loop (see html/events.py). */
static int settle_nav(Walk *w) {
    Events *events = w->nav;
    w->nav = NULL;
    int collapsed = collapse(w, events), result = collapsed < 0 ? -1 : 0;
    Spans spans = {0};
    int counted = 0;
    if (collapsed == 0) {
        w->walk_nav = 1;
        for (Py_ssize_t i = 0; i < events->len && result == 0; i++) {
            Event *ev = &events->items[i];
            if (ev->kind == E_TEXT) { result = walk_text(w, ev->text, ev->len); continue; }
            if (ev->kind == E_END) { result = walk_end(w, ev->node); continue; }
            result = walk_start(w, ev->node);
            if (result < 0 || !w->nav) continue;
            /* a navigation element inside, held back */
            if (!counted && (result = count_spans(w, events, &spans)) < 0) break;
            counted = 1;
            if (spans.end[i] < 0) break; /* the page ended inside it: it stays held, unsettled */
            free_events(w->nav);
            w->nav = NULL;
            int inner = collapse_span(w, events, i, &spans);
            if (inner < 0) { result = -1; break; }
            if (inner) { i = spans.end[i]; continue; }
            w->walk_nav = 1;
            result = walk_start(w, ev->node);
        }
    }
    free_spans(&spans);
    free_events(events);
    return result;
}

static int hold(Walk *w, int kind, xmlNode *node, const char *text, Py_ssize_t len) {
    Events *events = w->nav;
    if (events->len == events->cap) {
        Py_ssize_t cap = events->cap ? events->cap * 2 : 64;
        Event *items = PyMem_Realloc(events->items, (size_t)cap * sizeof(Event));
        if (!items) { PyErr_NoMemory(); return -1; }
        events->items = items; events->cap = cap;
    }
    Event ev = {kind, node, NULL, len};
    if (kind == E_TEXT) {
        ev.text = PyMem_Malloc((size_t)len + 1);
        if (!ev.text) { PyErr_NoMemory(); return -1; }
        memcpy(ev.text, text, (size_t)len);
        ev.text[len] = 0;
    }
    events->items[events->len++] = ev;
    if (kind == E_START) w->nav_depth++;
    else if (kind == E_END && --w->nav_depth == 0) return settle_nav(w);
    return 0;
}

/* ------------------------------------------------------------------ the parse level */

static int send_text(Walk *w) {
    if (!w->pending_n) return 0;
    int result = w->nav ? hold(w, E_TEXT, NULL, w->pending.p, w->pending.len)
                        : walk_text(w, w->pending.p, w->pending.len);
    w->pending.len = 0;
    w->pending_n = 0;
    return result;
}

static int add_subtree_text(xmlNode *node, Buf *out) {
    for (xmlNode *child = node->children; child; child = child->next) {
        if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) && child->content) {
            if (buf_add(out, (const char *)child->content, (Py_ssize_t)strlen((const char *)child->content)) < 0)
                return -1;
        } else if (child->type == XML_ELEMENT_NODE && add_subtree_text(child, out) < 0) {
            return -1;
        }
    }
    return 0;
}

static int append_str(PyObject *list, const char *s) {
    PyObject *value = str_or_none(s);
    if (!value) return -1;
    int result = PyList_Append(list, value);
    Py_DECREF(value);
    return result;
}

/* _Builder._observe: what htmlmeta reads. Returns 1 when a capture (the <title>, a
   JSON-LD script) starts here: its text is the text of all it holds. */
static int observe(Walk *w, xmlNode *node, const TagInfo *tag) {
    if (!(tag->kind & K_OBSERVED)) return 0;
    int captured = 0;
    if (!w->capturing) {
        const char *type;
        int is_title = tag->id == T_TITLE && !w->title_seen && !w->foreign;
        int is_json = !is_title && tag->id == T_SCRIPT && (type = attr(node, "type", w->keep)) &&
                      !strcmp(type, "application/ld+json");
        if (is_title || is_json) {
            Buf text = {0};
            if (add_subtree_text(node, &text) < 0) { buf_free(&text); return -1; }
            captured = 1;
            if (is_title) {
                w->title_seen = 1;
                Py_XSETREF(w->title, normalized_str(text.p ? text.p : "", text.len, &w->scratch));
                if (!w->title) { buf_free(&text); return -1; }
            } else if (text.len) {
                PyObject *s = PyUnicode_DecodeUTF8(text.p, text.len, "strict");
                int result = s ? PyList_Append(w->json_ld, s) : -1;
                Py_XDECREF(s);
                if (result < 0) { buf_free(&text); return -1; }
            }
            buf_free(&text);
        }
    }
    if (tag->id == T_META) {
        const char *key = attr(node, "property", w->keep);
        PyObject *key_s;
        if (key && *key) key_s = str_or_none(key);
        else if ((key = attr(node, "name", w->keep)) && *key) key_s = str_or_none(key);
        else key_s = str_or_none(attr(node, "itemprop", w->keep));
        PyObject *content = key_s ? str_or_none(attr(node, "content", w->keep)) : NULL;
        PyObject *pair = content ? PyTuple_Pack(2, key_s, content) : NULL;
        Py_XDECREF(key_s);
        Py_XDECREF(content);
        int result = pair ? PyList_Append(w->metas, pair) : -1;
        Py_XDECREF(pair);
        if (result < 0) return -1;
    } else if (tag->id == T_TIME && PyList_GET_SIZE(w->time_stamps) < w->v->max_time_stamps) {
        const char *stamp = attr(node, "datetime", w->keep);
        if (append_str(w->time_stamps, stamp ? stamp : "") < 0) return -1;
    } else if (tag->id == T_LINK && !w->canonical_seen) {
        const char *rel = attr(node, "rel", w->keep);
        if (rel && !strcmp(rel, "canonical")) {
            w->canonical_seen = 1;
            Py_XSETREF(w->canonical, str_or_none(attr(node, "href", w->keep)));
            if (!w->canonical) return -1;
        }
    }
    return captured;
}

/* An element inside a dropped one, or after the <body>: only observed. */
static int observe_only(Walk *w, xmlNode *node) {
    const TagInfo *tag = tag_of(w, node);
    int foreign = tag->id == T_FOREIGN; /* both are dropped: only ever met here */
    w->foreign += foreign;
    int captured = observe(w, node, tag);
    if (captured < 0) return -1;
    w->capturing += captured;
    for (xmlNode *child = node->children; child; child = child->next)
        if (child->type == XML_ELEMENT_NODE && observe_only(w, child) < 0) return -1;
    w->capturing -= captured;
    w->foreign -= foreign;
    return 0;
}

static int visit(Walk *w, xmlNode *node);

static int visit_children(Walk *w, xmlNode *node) {
    for (xmlNode *child = node->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE) {
            if ((w->after_body ? observe_only(w, child) : visit(w, child)) < 0) return -1;
        } else if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) && child->content &&
                   *child->content && !w->after_body) {
            if (buf_add(&w->pending, (const char *)child->content, (Py_ssize_t)strlen((const char *)child->content)) < 0)
                return -1;
            w->pending_n++;
        }
    }
    return 0;
}

/* An element the walk reaches: _Builder.start, its content, then _Builder.end. */
/* Elements between two calls of the walk's `check` (the page's deadline): a walk of a
   20 MB page takes about a second, and a call every so many elements costs nothing. */
#define CHECK_EVERY 4096

static int visit(Walk *w, xmlNode *node) {
    if (w->check && ++w->visits % CHECK_EVERY == 0) {
        PyObject *ok = PyObject_CallNoArgs(w->check);
        if (!ok) return -1;
        Py_DECREF(ok);
    }
    const TagInfo *tag = tag_of(w, node);
    if (!w->seen_element) {
        w->seen_element = 1;
        /* lxml names the attributes of an HTML element as written ("xml:lang"), so the
           second, as _Builder looks it up, is never there: the same here. */
        PyObject *lang = str_or_none(attr(node, "lang", w->keep));
        PyObject *xml_lang = lang ? str_or_none(attr(node, "{http://www.w3.org/XML/1998/namespace}lang", w->keep)) : NULL;
        Py_XSETREF(w->root_langs, xml_lang ? PyTuple_Pack(2, lang, xml_lang) : NULL);
        Py_XDECREF(lang);
        Py_XDECREF(xml_lang);
        if (!w->root_langs) return -1;
        w->pending.len = 0; w->pending_n = 0;
    }
    if (tag->kind & K_DROP) return observe_only(w, node);
    int captured = observe(w, node, tag);
    if (captured < 0) return -1;
    w->capturing += captured;
    if (tag->id == T_BODY && !w->in_body) {
        w->in_body = 1;
        w->pending.len = 0; w->pending_n = 0;
        if (reset_walk(w) < 0) return -1;
    }
    if (send_text(w) < 0) return -1;
    if ((w->nav ? hold(w, E_START, node, NULL, 0) : walk_start(w, node)) < 0) return -1;
    if (visit_children(w, node) < 0) return -1;
    w->capturing -= captured;
    if (w->after_body) return 0;
    if (send_text(w) < 0) return -1;
    if ((w->nav ? hold(w, E_END, node, NULL, 0) : walk_end(w, node)) < 0) return -1;
    if (tag->id == T_BODY && w->in_body) w->after_body = 1;
    return 0;
}

static int close_walk(Walk *w) {
    if (!w->after_body && send_text(w) < 0) return -1;
    if (w->nav && settle_nav(w) < 0) return -1;
    if (w->pieces_n && flush(w) < 0) return -1;
    return 0;
}

static void free_walk(Walk *w) {
    clear_stack(w);
    PyMem_Free(w->stack);
    PyMem_Free((void *)w->block_tags);
    free_events(w->nav);
    buf_free(&w->pending); buf_free(&w->pieces); buf_free(&w->scratch); Py_XDECREF(w->keep);
    buf_free(&w->names);
    Py_XDECREF(w->hint_memo); Py_XDECREF(w->root_langs); Py_XDECREF(w->title); Py_XDECREF(w->metas);
    Py_XDECREF(w->json_ld); Py_XDECREF(w->time_stamps); Py_XDECREF(w->canonical); Py_XDECREF(w->raw);
    Py_XDECREF(w->sets); Py_XDECREF(w->tags); Py_XDECREF(w->empty_tuple);
}

/* ------------------------------------------------------------------ building the vocabulary */

#define CAPSULE_NAME "boilerstrip._walk.Vocabulary"

static void free_vocabulary(Vocabulary *v) {
    for (int i = 0; i < v->n_tags; i++) PyMem_Free(v->tags[i].name);
    PyMem_Free(v->tags);
    for (int i = 0; i < v->n_roles; i++) {
        PyMem_Free(v->roles[i].role);
        Py_XDECREF(v->roles[i].hint);
        Py_XDECREF(v->roles[i].word);
    }
    PyMem_Free(v->roles);
    Py_XDECREF(v->given);
    PyMem_Free(v);
}

static void vocabulary_destructor(PyObject *capsule) {
    free_vocabulary(PyCapsule_GetPointer(capsule, CAPSULE_NAME));
}

static char *copy_name(PyObject *name) {
    if (!PyUnicode_Check(name)) {
        PyErr_SetString(PyExc_TypeError, "the vocabulary's names must be str");
        return NULL;
    }
    Py_ssize_t n;
    const char *utf8 = PyUnicode_AsUTF8AndSize(name, &n);
    char *copy = utf8 ? PyMem_Malloc((size_t)n + 1) : NULL;
    if (utf8 && !copy) PyErr_NoMemory();
    if (copy) memcpy(copy, utf8, (size_t)n + 1);
    return copy;
}

/* The tag of that name, added (of no kind) where the table has none yet; tags are in
   the order added until sort_tags. */
static TagInfo *tag_entry(Vocabulary *v, int *cap, PyObject *name) {
    const char *utf8 = PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
    if (!utf8) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "the vocabulary's tags must be str");
        return NULL;
    }
    for (int i = 0; i < v->n_tags; i++)
        if (!strcmp(v->tags[i].name, utf8)) return &v->tags[i];
    if (v->n_tags == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        TagInfo *tags = PyMem_Realloc(v->tags, (size_t)*cap * sizeof(TagInfo));
        if (!tags) { PyErr_NoMemory(); return NULL; }
        v->tags = tags;
    }
    char *copy = copy_name(name);
    if (!copy) return NULL;
    v->tags[v->n_tags] = (TagInfo){copy, 0, -1, T_OTHER};
    return &v->tags[v->n_tags++];
}

/* Every tag of `names` (any iterable of str) gets the kind `kind`; with `id`, that id. */
static int add_tags(Vocabulary *v, int *cap, PyObject *names, unsigned char kind, unsigned char id) {
    PyObject *iter = PyObject_GetIter(names), *name;
    if (!iter) return -1;
    while ((name = PyIter_Next(iter))) {
        TagInfo *tag = tag_entry(v, cap, name);
        Py_DECREF(name);
        if (!tag) { Py_DECREF(iter); return -1; }
        tag->kind |= kind;
        if (id != T_OTHER) tag->id = id;
    }
    Py_DECREF(iter);
    return PyErr_Occurred() ? -1 : 0;
}

/* The containers, in order: each one's bit is its place. */
static int add_containers(Vocabulary *v, int *cap, PyObject *containers) {
    Py_ssize_t n = PyTuple_GET_SIZE(containers);
    if (n > MAX_CONTAINERS) {
        PyErr_Format(PyExc_ValueError, "at most %d containers", MAX_CONTAINERS);
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        TagInfo *tag = tag_entry(v, cap, PyTuple_GET_ITEM(containers, i));
        if (!tag) return -1;
        tag->kind |= K_CONTAINER;
        tag->cbit = (signed char)i;
    }
    v->n_containers = (int)n;
    return 0;
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const TagInfo *)a)->name, ((const TagInfo *)b)->name);
}

/* The tag table: the kinds of vocabulary.py's sets, the container bits, and the tags
   the walk's code treats by name; sorted, then the names the walk reads pointed at. */
static int build_tags(Vocabulary *v, PyObject *const kinds[6], PyObject *containers, PyObject *foreign) {
    static const unsigned char KINDS[6] = {K_DROP, K_BLOCK, K_OBSERVED, K_PROSE, K_CELL, 0};
    int cap = 0;
    for (int k = 0; k < 5; k++)
        if (add_tags(v, &cap, kinds[k], KINDS[k], T_OTHER) < 0) return -1;
    if (add_containers(v, &cap, containers) < 0 || add_tags(v, &cap, foreign, 0, T_FOREIGN) < 0) return -1;
    for (int i = 0; i < N_NAMED; i++) {
        PyObject *name = PyUnicode_FromString(NAMED_TAGS[i].name);
        TagInfo *tag = name ? tag_entry(v, &cap, name) : NULL;
        Py_XDECREF(name);
        if (!tag) return -1;
        tag->id = NAMED_TAGS[i].id;
    }
    qsort(v->tags, (size_t)v->n_tags, sizeof(TagInfo), by_name);
    for (int i = 0; i < v->n_tags; i++)
        if (v->tags[i].cbit >= 0) v->containers[v->tags[i].cbit] = v->tags[i].name;
    v->no_tag = (TagInfo){"", 0, -1, T_OTHER};
    v->nav_tag = lookup_tag(v, "nav");
    v->body_tag = lookup_tag(v, "body");
    if (v->nav_tag->cbit < 0) {
        PyErr_SetString(PyExc_ValueError, "\"nav\" must be one of the containers (a collapsed nav is one)");
        return -1;
    }
    return 0;
}

static RoleInfo *role_entry(Vocabulary *v, PyObject *role) {
    const char *utf8 = PyUnicode_Check(role) ? PyUnicode_AsUTF8(role) : NULL;
    if (!utf8) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "the vocabulary's roles must be str");
        return NULL;
    }
    for (int i = 0; i < v->n_roles; i++)
        if (!strcmp(v->roles[i].role, utf8)) return &v->roles[i];
    RoleInfo *roles = PyMem_Realloc(v->roles, (size_t)(v->n_roles + 1) * sizeof(RoleInfo));
    if (!roles) { PyErr_NoMemory(); return NULL; }
    v->roles = roles;
    char *copy = copy_name(role);
    if (!copy) return NULL;
    v->roles[v->n_roles] = (RoleInfo){copy, -1, NULL, NULL, 0};
    return &v->roles[v->n_roles++];
}

/* The roles: the container each names (one of the containers), the (hint, word) each
   gives, and those that mark navigation. */
static int build_roles(Vocabulary *v, PyObject *role_containers, PyObject *role_hints, PyObject *nav_roles) {
    PyObject *role, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(role_containers, &pos, &role, &value)) {
        RoleInfo *r = role_entry(v, role);
        const char *name = r && PyUnicode_Check(value) ? PyUnicode_AsUTF8(value) : NULL;
        if (!name) return -1;
        const TagInfo *tag = lookup_tag(v, name);
        if (tag->cbit < 0) {
            PyErr_Format(PyExc_ValueError, "role %R names %R, which is not a container", role, value);
            return -1;
        }
        r->cbit = tag->cbit;
    }
    for (pos = 0; PyDict_Next(role_hints, &pos, &role, &value);) {
        RoleInfo *r = role_entry(v, role);
        if (!r) return -1;
        if (!PyTuple_Check(value) || PyTuple_GET_SIZE(value) != 2) {
            PyErr_SetString(PyExc_TypeError, "a role's hint must be (hint, word)");
            return -1;
        }
        r->hint = Py_NewRef(PyTuple_GET_ITEM(value, 0));
        r->word = Py_NewRef(PyTuple_GET_ITEM(value, 1));
    }
    PyObject *iter = PyObject_GetIter(nav_roles);
    if (!iter) return -1;
    while ((role = PyIter_Next(iter))) {
        RoleInfo *r = role_entry(v, role);
        Py_DECREF(role);
        if (!r) { Py_DECREF(iter); return -1; }
        r->nav = 1;
    }
    Py_DECREF(iter);
    return PyErr_Occurred() ? -1 : 0;
}

/* A named tuple type of n fields: a tuple subclass with no room of its own. */
static int check_named_tuple(PyObject *type, Py_ssize_t n) {
    PyTypeObject *t = (PyTypeObject *)type;
    PyObject *fields = PyType_IsSubtype(t, &PyTuple_Type) ? PyObject_GetAttrString(type, "_fields") : NULL;
    int ok = fields && PyTuple_Check(fields) && PyTuple_GET_SIZE(fields) == n &&
             t->tp_basicsize == PyTuple_Type.tp_basicsize && t->tp_itemsize == PyTuple_Type.tp_itemsize;
    Py_XDECREF(fields);
    PyErr_Clear();
    if (!ok) PyErr_Format(PyExc_TypeError, "%R must be a named tuple of %zd fields", type, n);
    return ok ? 0 : -1;
}

static int build_vocabulary(Vocabulary *v, PyObject *given) {
    PyObject *kinds[6], *containers, *foreign, *role_containers, *role_hints, *nav_roles, *raw_block, *walk_result;
    Hints *h = &v->hints;
    if (!PyArg_ParseTuple(given, "OOOOOO!OO!O!OOUO!O!O!OnO!O!:vocabulary", &kinds[0], &kinds[1], &kinds[2],
                          &kinds[3], &kinds[4], &PyTuple_Type, &containers, &foreign, &PyDict_Type,
                          &role_containers, &PyDict_Type, &role_hints, &nav_roles, &h->fallback,
                          &h->content_hint, &PyFrozenSet_Type, &h->content, &PyDict_Type, &h->boilerplate,
                          &PyFrozenSet_Type, &h->embed, &v->hidden_search, &v->max_time_stamps, &PyType_Type,
                          &raw_block, &PyType_Type, &walk_result))
        return -1;
    if (check_named_tuple(raw_block, 8) < 0 || check_named_tuple(walk_result, 8) < 0) return -1;
    v->raw_block = (PyTypeObject *)raw_block;
    v->walk_result = (PyTypeObject *)walk_result;
    if (build_tags(v, kinds, containers, foreign) < 0) return -1;
    if (build_roles(v, role_containers, role_hints, nav_roles) < 0) return -1;
    return fill_hint_filters(h);
}

PyDoc_STRVAR(vocabulary_doc,
"vocabulary(given)\n\n"
"The walk's tables, built once from what html/tree.py hands over (a tuple: the drop,\n"
"block, observed, prose and cell tags, the containers in order, the foreign tags, the\n"
"roles' containers, the roles' (hint, word), the navigation roles, class_hint, the\n"
"content hint, the content names, the boilerplate words, the embed words, the hidden\n"
"style's search, the most time stamps kept, and the RawBlock and WalkResult types),\n"
"for walk() and class_hint(). The given objects are read, never changed, and must not\n"
"change afterwards.");

static PyObject *vocabulary(PyObject *module, PyObject *given) {
    (void)module;
    if (!PyTuple_Check(given)) {
        PyErr_SetString(PyExc_TypeError, "vocabulary() needs a tuple");
        return NULL;
    }
    Vocabulary *v = PyMem_Calloc(1, sizeof(Vocabulary));
    if (!v) return PyErr_NoMemory();
    v->given = Py_NewRef(given);
    if (build_vocabulary(v, given) < 0) { free_vocabulary(v); return NULL; }
    PyObject *capsule = PyCapsule_New(v, CAPSULE_NAME, vocabulary_destructor);
    if (!capsule) free_vocabulary(v);
    return capsule;
}

static const Vocabulary *vocabulary_of(PyObject *capsule) {
    return PyCapsule_GetPointer(capsule, CAPSULE_NAME);
}

/* ------------------------------------------------------------------ the module */

static PyObject *element_type = NULL;

PyDoc_STRVAR(walk_doc,
"walk(root, vocabulary, nav_min_link_share, max_articles, check=None)\n\n"
"Walk the document of an lxml element as html/events.py's _Builder does, by the\n"
"vocabulary() made at start-up. Returns a WalkResult (raw blocks, title, metas,\n"
"JSON-LD texts, time stamps, canonical, canonical seen, root langs). `check`, if\n"
"given, is called every so many elements; what it raises stops the walk.");

static PyObject *walk(PyObject *module, PyObject *args) {
    PyObject *root, *capsule, *check = Py_None;
    double share;
    Py_ssize_t max_articles;
    (void)module;
    if (!PyArg_ParseTuple(args, "OOdn|O", &root, &capsule, &share, &max_articles, &check)) return NULL;
    if (!PyObject_TypeCheck(root, (PyTypeObject *)element_type)) {
        PyErr_SetString(PyExc_TypeError, "walk() needs an lxml element");
        return NULL;
    }
    xmlNode *c_node = ((struct LxmlElement *)root)->_c_node;
    if (!c_node || !c_node->doc) {
        PyErr_SetString(PyExc_ValueError, "walk() needs an element of a parsed document");
        return NULL;
    }
    Walk w;
    memset(&w, 0, sizeof w);
    if (!(w.v = vocabulary_of(capsule))) return NULL;
    w.check = check == Py_None ? NULL : check;
    w.nav_min_link_share = share;
    w.max_articles = max_articles;
    w.hint_memo = PyDict_New();
    w.keep = PyList_New(0);
    w.metas = PyList_New(0);
    w.json_ld = PyList_New(0);
    w.time_stamps = PyList_New(0);
    w.sets = PyDict_New();
    w.tags = PyDict_New();
    w.empty_tuple = PyTuple_New(0);
    w.canonical = Py_None; Py_INCREF(Py_None);
    PyObject *result = NULL;
    if (!w.hint_memo || !w.keep || !w.metas || !w.json_ld || !w.time_stamps || !w.sets || !w.tags || !w.empty_tuple)
        goto done;
    if (reset_walk(&w) < 0) goto done;
    for (xmlNode *node = c_node->doc->children; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        if ((w.after_body ? observe_only(&w, node) : visit(&w, node)) < 0) goto done;
    }
    if (close_walk(&w) < 0 || PyErr_Occurred()) goto done;
    if (!w.root_langs && !(w.root_langs = PyTuple_New(0))) goto done;
    PyObject *items[8] = {Py_NewRef(w.raw), Py_NewRef(w.title ? w.title : Py_None), Py_NewRef(w.metas),
                          Py_NewRef(w.json_ld), Py_NewRef(w.time_stamps), Py_NewRef(w.canonical),
                          PyBool_FromLong(w.canonical_seen), Py_NewRef(w.root_langs)};
    result = named_tuple(w.v->walk_result, 8, items);
done:
    free_walk(&w);
    return result;
}

PyDoc_STRVAR(class_hint_doc,
"class_hint(names, vocabulary)\n\n"
"vocabulary.class_hint(names), as the walk reads it (for tests: the two must agree).");

static PyObject *class_hint(PyObject *module, PyObject *args) {
    PyObject *names, *capsule;
    (void)module;
    if (!PyArg_ParseTuple(args, "UO", &names, &capsule)) return NULL;
    const Vocabulary *v = vocabulary_of(capsule);
    return v ? class_hint_of(&v->hints, names) : NULL;
}

/* ------------------------------------------------------------------ attributes per tag */

/* libxml2 builds an element's attributes in a list it walks to its end for each one
   it adds: a tag with k attributes costs it k * k / 2 steps (100,000 attributes never
   finish). Its event parser has no such cost, so html.read gives a page with a tag of
   more attributes than a bound to the walk as events. This scan finds such a tag in a
   pass over the markup, reading tags as libxml2 2.14 tokenizes them (as HTML5 does):
   quoted values (a '>' in one does not end the tag), end tags, comments ("<!-->" and
   "--!>" end one), bogus comments and doctypes (to the first '>'), and the elements
   whose content is text up to their end tag (script, with its escapes, style, title,
   textarea, xmp, iframe, noembed, noframes; plaintext to the end). It may count more
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

static const char *const RAW_TEXT[] = {
    "script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "plaintext", NULL,
};

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
                if (len < 3 || len > 9 || !strchr("stxinp", (int)scan_lower(s[name]))) continue;         \
                const char *const *raw = RAW_TEXT;                                                       \
                while (*raw && !NAME##_is(s, name, len, *raw)) raw++;                                    \
                if (!*raw) continue;                                                                     \
                if (!strcmp(*raw, "plaintext")) return most;                                             \
                i = raw == RAW_TEXT ? NAME##_script_end(s, n, i) : NAME##_raw_end(s, n, i, *raw);        \
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
    if (!PyArg_ParseTuple(args, "On", &markup, &bound)) return NULL;
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


/* lean(page, kept): the page (UTF-8 bytes) with every start tag's attributes that the
   walk never reads left out, for libxml2 to parse: an attribute costs libxml2 a node, a
   text node and a copy of its value, about a fifth of its parse on the benchmark's pages.
   html/lean.py's lean_in_python is the reference. The page is read as the scan above reads it
   (libxml2 2.14's tokenizer, HTML5's): comments, doctypes, end tags and the bodies of
   raw-text elements are copied as they are; where libxml2 could read it otherwise than
   this simpler scan (a script holding "<!--" then "<script", an end tag with
   attributes, a comment closed early, a quote in a doctype, a tag cut by the end of the
   page) the page is given back whole. `kept` are the names (lower-case ASCII bytes)
   kept; a name with anything but ASCII letters, digits, '-', '_' and '.' is kept too
   (xml:lang). */

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
   raw-text element it opens, if any, and *count to its attributes. */
static Py_ssize_t lean_start_tag(const unsigned char *s, Py_ssize_t n, Py_ssize_t i, const LeanKept *kept,
                                 LeanOut *o, const char **raw, Py_ssize_t *count) {
    Py_ssize_t k = i + 1;
    *count = 0;
    while (k < n && !scan_delim(s[k])) k++;
    Py_ssize_t tag_end = k;
    *raw = NULL;
    if (k - i - 1 >= 3 && k - i - 1 <= 9 && strchr("stxinp", (int)scan_lower(s[i + 1])))
        for (const char *const *r = RAW_TEXT; *r; r++)
            if (scan1_is(s, i + 1, k - i - 1, *r)) *raw = *r;
    for (;;) {
        while (k < n && (scan_ws(s[k]) || (s[k] == '/' && k + 1 < n && s[k + 1] != '>'))) k++;
        if (k >= n) return -1;
        if (s[k] == '>' || s[k] == '/') break;
        (*count)++;
        Py_ssize_t a = k++;
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
"lean(page, kept, bound)\n\n"
"(the page (UTF-8 bytes) with the attributes of its start tags not named in kept (a tuple\n"
"of lower-case ASCII bytes) left out, or the page itself where it may be read otherwise:\n"
"html/lean.py's lean_in_python; the most attributes a tag has, most_attributes(page, bound), or -1\n"
"where the page is given back whole). Read up to the first tag of more than bound\n"
"attributes, as most_attributes is: in one pass, instead of a pass of each.");

static PyObject *lean(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *page, *kept;
    LeanKept names;
    Py_ssize_t bound, most = 0, count;
    if (!PyArg_ParseTuple(args, "SO!n:lean", &page, &PyTuple_Type, &kept, &bound) || lean_kept(kept, &names) < 0)
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
            next = lean_start_tag(s, n, i, &names, &o, &raw, &count);
            if (count > most) most = count;
            if (most > bound) break; /* the page goes to the walk as events */
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
        return Py_BuildValue("On", page, i < n && most <= bound ? (Py_ssize_t)-1 : most);
    }
    lean_skip(&o, s, n, n);
    if (_PyBytes_Resize(&out, o.len) < 0) return NULL;
    PyObject *result = Py_BuildValue("On", out, most);
    Py_DECREF(out);
    return result;
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

static PyMethodDef methods[] = {
    {"vocabulary", vocabulary, METH_O, vocabulary_doc},
    {"walk", walk, METH_VARARGS, walk_doc},
    {"class_hint", class_hint, METH_VARARGS, class_hint_doc},
    {"most_attributes", most_attributes, METH_VARARGS, most_attributes_doc},
    {"first_end_tag", first_end_tag, METH_O, first_end_tag_doc},
    {"lean", lean, METH_VARARGS, lean_doc},
    {"find_by", find_by, METH_VARARGS, find_by_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "boilerstrip._walk",
    "The HTML walk over lxml's tree, in C (see html/tree.py).", -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__walk(void) {
    scan_init();
    PyObject *etree = PyImport_ImportModule("lxml.etree");
    if (!etree) return NULL;
    element_type = PyObject_GetAttrString(etree, "_Element");
    Py_DECREF(etree);
    if (!element_type) return NULL;
    return PyModule_Create(&module_def);
}
