/* _walk_vocabulary.h: part of _walk.c, which includes it after _walk_tables.h (one unit:
   the compiler inlines across the parts as it did in one file). Building the walk's
   tables (_walk_tables.h) from the vocabulary html/tree.py hands over at start-up
   (html/vocabulary.py's tags, containers, roles, hint words and raw-text elements), and
   `_walk.vocabulary`, which does it. */

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
    v->roles[v->n_roles] = (RoleInfo){copy, -1, NULL, NULL, 0, 0, 0};
    return &v->roles[v->n_roles++];
}

enum { ROLE_NAV, ROLE_SHOWN, ROLE_NEVER_SHOWN };

/* Each role of `roles` (an iterable of str) marked as one of the kinds above. */
static int mark_roles(Vocabulary *v, PyObject *roles, int kind) {
    PyObject *role, *iter = PyObject_GetIter(roles);
    if (!iter) return -1;
    while ((role = PyIter_Next(iter))) {
        RoleInfo *r = role_entry(v, role);
        Py_DECREF(role);
        if (!r) { Py_DECREF(iter); return -1; }
        if (kind == ROLE_NAV) r->nav = 1;
        else if (kind == ROLE_SHOWN) r->shown = 1;
        else r->never_shown = 1;
    }
    Py_DECREF(iter);
    return PyErr_Occurred() ? -1 : 0;
}

/* The roles: the container each names (one of the containers), the (hint, word) each
   gives, those that mark navigation, those whose hidden elements are read as shown, and
   those whose hidden elements never are. */
static int build_roles(Vocabulary *v, PyObject *role_containers, PyObject *role_hints, PyObject *const marked[3]) {
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
    for (int kind = ROLE_NAV; kind <= ROLE_NEVER_SHOWN; kind++)
        if (mark_roles(v, marked[kind], kind) < 0) return -1;
    return 0;
}

/* The container bits of the page's chrome (vocabulary.CHROME_CONTAINERS), each one of
   the containers. */
static int build_chrome(Vocabulary *v, PyObject *chrome) {
    PyObject *name, *iter = PyObject_GetIter(chrome);
    if (!iter) return -1;
    v->chrome = 0;
    while ((name = PyIter_Next(iter))) {
        const char *utf8 = PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
        const TagInfo *tag = utf8 ? lookup_tag(v, utf8) : NULL;
        if (tag && tag->cbit < 0)
            PyErr_Format(PyExc_ValueError, "the chrome's %R is not a container", name);
        else if (!utf8 && !PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "the chrome's containers must be str");
        Py_DECREF(name);
        if (PyErr_Occurred()) { Py_DECREF(iter); return -1; }
        v->chrome |= 1u << tag->cbit;
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
    PyObject *kinds[6], *containers, *foreign, *raw_names, *role_containers, *role_hints, *marked[3], *chrome,
        *raw_block, *walk_result;
    Hints *h = &v->hints;
    RawText raw;
    if (!PyArg_ParseTuple(given, "OOOOOO!OO!O!O!OOOOOUO!O!O!UO!O!OnnO!O!:vocabulary", &kinds[0], &kinds[1], &kinds[2],
                          &kinds[3], &kinds[4], &PyTuple_Type, &containers, &foreign, &PyTuple_Type, &raw_names,
                          &PyDict_Type, &role_containers, &PyDict_Type, &role_hints, &marked[0], &marked[1],
                          &marked[2], &chrome, &h->fallback,
                          &h->content_hint, &PyFrozenSet_Type, &h->content, &PyDict_Type, &h->boilerplate,
                          &PyDict_Type, &h->reviews, &h->review_hint, &PyFrozenSet_Type, &h->embed, &PyFrozenSet_Type, &h->state, &v->hidden_search,
                          &v->max_time_stamps, &v->max_disclosed, &PyType_Type, &raw_block, &PyType_Type, &walk_result))
        return -1;
    if (check_named_tuple(raw_block, 8) < 0 || check_named_tuple(walk_result, 8) < 0) return -1;
    v->raw_block = (PyTypeObject *)raw_block;
    v->walk_result = (PyTypeObject *)walk_result;
    if (read_raw_text(raw_names, &raw) < 0) return -1;
    if (build_tags(v, kinds, containers, foreign) < 0) return -1;
    if (build_roles(v, role_containers, role_hints, marked) < 0 || build_chrome(v, chrome) < 0) return -1;
    if (fill_hint_filters(h) < 0) return -1;
    raw_text = raw;
    return 0;
}

PyDoc_STRVAR(vocabulary_doc,
"vocabulary(given)\n\n"
"The walk's tables, built once from what html/tree.py hands over (a tuple: the drop,\n"
"block, observed, prose and cell tags, the containers in order, the foreign tags, the\n"
"raw-text elements, the roles' containers, the roles' (hint, word), the navigation\n"
"roles, the roles read as shown when hidden, those never read so, the chrome's\n"
"containers, class_hint, the content hint, the content names, the boilerplate words,\n"
"the review words and their hint, the embed words, the state words, the hidden\n"
"style's search, the most time stamps kept, the most disclosed ids kept, and the\n"
"RawBlock and WalkResult types), for walk()\n"
"and class_hint(); the raw-text elements are also what most_attributes() and lean()\n"
"read from then on (they take no vocabulary).\n"
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
