/* _walk_vocabulary.h: part of _walk.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The vocabulary html/tree.py hands over at
   start-up (html/vocabulary.py's tags, containers, roles and hint words), the tables
   built from it, and the lookups the walk makes in them. */

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
        fill_filter(&h->embed_words, h->embed) < 0)
        return -1;
    return 0;
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

/* A name of the vocabulary (a tag, a role) as UTF-8, held by the str; NULL (an error
   set) for one that is not a str. */
static const char *utf8_of(PyObject *name) {
    if (!PyUnicode_Check(name)) {
        PyErr_Format(PyExc_TypeError, "the vocabulary's names must be str, not %R", name);
        return NULL;
    }
    return PyUnicode_AsUTF8(name);
}

static char *copy_name(PyObject *name) {
    if (!utf8_of(name)) return NULL;
    Py_ssize_t n;
    const char *utf8 = PyUnicode_AsUTF8AndSize(name, &n);
    char *copy = utf8 ? PyMem_Malloc((size_t)n + 1) : NULL;
    if (utf8 && !copy) PyErr_NoMemory();
    if (copy) memcpy(copy, utf8, (size_t)n + 1);
    return copy;
}

/* The raw-text elements `names` (a tuple of 1 to MAX_RAW names of 1 to MAX_RAW_NAME
   letters a-z) read into *out; -1 with an error set. */
static int read_raw_text(PyObject *names, RawText *out) {
    Py_ssize_t n = PyTuple_GET_SIZE(names);
    memset(out, 0, sizeof *out);
    if (n < 1 || n > MAX_RAW) {
        PyErr_Format(PyExc_ValueError, "1 to %d raw-text elements, not %zd", MAX_RAW, n);
        return -1;
    }
    out->shortest = MAX_RAW_NAME;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(names, i);
        const char *name = utf8_of(item);
        if (!name) return -1;
        Py_ssize_t len = PyUnicode_GET_LENGTH(item); /* its bytes' number where all are a-z */
        int ok = len >= 1 && len <= MAX_RAW_NAME;
        for (Py_ssize_t k = 0; ok && k < len; k++) ok = name[k] >= 'a' && name[k] <= 'z';
        if (!ok) {
            PyErr_Format(PyExc_ValueError, "a raw-text element is named by 1 to %d letters a-z, not %R",
                         MAX_RAW_NAME, item);
            return -1;
        }
        memcpy(out->names[i], name, (size_t)len + 1);
        out->first[(unsigned char)name[0]] = 1;
        if (len < out->shortest) out->shortest = len;
        if (len > out->longest) out->longest = len;
    }
    out->n = (int)n;
    return 0;
}

/* The tag of that name, added (of no kind) where the table has none yet; tags are in
   the order added until sort_tags. */
static TagInfo *tag_entry(Vocabulary *v, int *cap, PyObject *name) {
    const char *utf8 = utf8_of(name);
    if (!utf8) return NULL;
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
    const char *utf8 = utf8_of(role);
    if (!utf8) return NULL;
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

/* The tables of `given`; the raw-text elements it names become the scans' only once
   the whole of it is read (a vocabulary refused changes nothing). */
static int build_vocabulary(Vocabulary *v, PyObject *given) {
    PyObject *kinds[6], *containers, *foreign, *raw_names, *role_containers, *role_hints, *nav_roles, *raw_block,
        *walk_result;
    Hints *h = &v->hints;
    RawText raw;
    if (!PyArg_ParseTuple(given, "OOOOOO!OO!O!O!OOUO!O!O!OnO!O!:vocabulary", &kinds[0], &kinds[1], &kinds[2],
                          &kinds[3], &kinds[4], &PyTuple_Type, &containers, &foreign, &PyTuple_Type, &raw_names,
                          &PyDict_Type, &role_containers, &PyDict_Type, &role_hints, &nav_roles, &h->fallback,
                          &h->content_hint, &PyFrozenSet_Type, &h->content, &PyDict_Type, &h->boilerplate,
                          &PyFrozenSet_Type, &h->embed, &v->hidden_search, &v->max_time_stamps, &PyType_Type,
                          &raw_block, &PyType_Type, &walk_result))
        return -1;
    if (check_named_tuple(raw_block, 8) < 0 || check_named_tuple(walk_result, 8) < 0) return -1;
    v->raw_block = (PyTypeObject *)raw_block;
    v->walk_result = (PyTypeObject *)walk_result;
    if (read_raw_text(raw_names, &raw) < 0) return -1;
    if (build_tags(v, kinds, containers, foreign) < 0) return -1;
    if (build_roles(v, role_containers, role_hints, nav_roles) < 0) return -1;
    if (fill_hint_filters(h) < 0) return -1;
    raw_text = raw;
    return 0;
}

PyDoc_STRVAR(vocabulary_doc,
"vocabulary(given)\n\n"
"The walk's tables, built once from what html/tree.py hands over (a tuple: the drop,\n"
"block, observed, prose and cell tags, the containers in order, the foreign tags, the\n"
"raw-text elements, the roles' containers, the roles' (hint, word), the navigation\n"
"roles, class_hint, the content hint, the content names, the boilerplate words, the\n"
"embed words, the hidden style's search, the most time stamps kept, and the RawBlock\n"
"and WalkResult types), for walk() and class_hint(); the raw-text elements are also\n"
"what most_attributes() and lean() read from then on (they take no vocabulary).\n"
"The given objects are read, never changed, and must not change afterwards.");

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
