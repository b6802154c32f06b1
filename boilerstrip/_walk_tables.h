/* _walk_tables.h: part of _walk.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The tables the walk reads of the vocabulary
   html/tree.py hands over at start-up (html/vocabulary.py's tags, containers, roles,
   hint words and raw-text elements), and the lookups the walk makes in them; building
   them from what Python hands over is _walk_vocabulary.h. */

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
    T_ARTICLE, T_HTML, T_BUTTON, T_FOREIGN,
};
static const struct { const char *name; unsigned char id; } NAMED_TAGS[] = {
    {"a", T_A}, {"br", T_BR}, {"nav", T_NAV}, {"tr", T_TR}, {"body", T_BODY}, {"title", T_TITLE},
    {"script", T_SCRIPT}, {"meta", T_META}, {"time", T_TIME}, {"link", T_LINK}, {"article", T_ARTICLE},
    {"html", T_HTML}, {"button", T_BUTTON},
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
   whether it marks navigation, whether its hidden elements are read as shown
   (vocabulary.SHOWN_ROLES), and whether they are never read so, even where a
   disclosure button names them (NEVER_SHOWN_ROLES). */
typedef struct { char *role; int cbit; PyObject *hint, *word; int nav, shown, never_shown; } RoleInfo;

/* A word's bit in a set's filter: words of a set set their bits, and a word whose bit is
   clear is in none of them, found without making a str of it and hashing it. */
enum { FILTER_BITS = 4096 };
typedef struct { uint64_t bits[FILTER_BITS / 64]; } Filter;
/* What vocabulary.class_hint reads: class_hint itself (for a non-ASCII string), the
   content hint, CONTENT_NAMES, BOILERPLATE_WORDS, REVIEW_WORDS and the hint they
   give (a role's hint goes before it), EMBED_WORDS, STATE_WORDS, and their filters. */
typedef struct {
    PyObject *fallback, *content_hint, *content, *boilerplate, *reviews, *review_hint, *embed, *state;
    Filter content_words, boilerplate_words, review_words, embed_words, state_words;
} Hints;

/* All the walk is handed at start-up, built into its tables (see build_vocabulary). */
typedef struct {
    TagInfo *tags; /* sorted by name (bsearch) */
    int n_tags;
    TagInfo no_tag;
    const TagInfo *nav_tag, *body_tag;
    const char *containers[MAX_CONTAINERS];
    int n_containers;
    unsigned int chrome; /* the container bits of vocabulary.CHROME_CONTAINERS */
    RoleInfo *roles;
    int n_roles;
    Hints hints;
    PyObject *hidden_search;
    Py_ssize_t max_time_stamps, max_disclosed;
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

/* Whether a hidden element of this role is read as shown (vocabulary.SHOWN_ROLES). */
static int shown_role(const Vocabulary *v, const char *role) {
    const RoleInfo *r = find_role(v, role);
    return r && r->shown;
}

/* Whether a hidden element of this role stays hidden where a disclosure names it
   (vocabulary.NEVER_SHOWN_ROLES). */
static int never_shown_role(const Vocabulary *v, const char *role) {
    const RoleInfo *r = find_role(v, role);
    return r && r->never_shown;
}

/* The elements whose body libxml2 2.14 reads as text up to their end tag (as HTML5 does;
   a plaintext's: to the end of the page): vocabulary.RAW_TEXT_TAGS, whose bodies the
   scans of the raw page (_walk_scan.h, _walk_lean.h) skip unread. They run before there
   is a tree and take no vocabulary: the one last built sets these for them; until one
   is, n is 0 and they refuse to run (raw_text_ready). */
enum { MAX_RAW = 16, MAX_RAW_NAME = 15 };
typedef struct {
    char names[MAX_RAW][MAX_RAW_NAME + 1];
    int n;
    Py_ssize_t shortest, longest;
    unsigned char first[128]; /* 1 for a letter a name starts with */
} RawText;
static RawText raw_text;

/* libxml2 keeps element names in the document's dictionary: one pointer per name. The
   cache maps those pointers to their TagInfo for this walk only (a miss costs a lookup). */
#define CACHE_SIZE 256
typedef struct { const xmlChar *key; const TagInfo *info; } CacheSlot;


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
        fill_filter(&h->review_words, h->reviews) < 0 || fill_filter(&h->embed_words, h->embed) < 0 ||
        fill_filter(&h->state_words, h->state) < 0)
        return -1;
    return 0;
}

