/* _walk_tree.h: part of _walk.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The walk's state, the blocks it makes, and
   the frames of containers and hints it keeps. */

/* ------------------------------------------------------------------ elements */

/* An element as libxml2's parser hands it to the walk (its SAX start event): the name
   (tag_of caches it where the parser's dictionary owns it) and the attributes, name
   and value in turn up to a NULL name (a value NULL for an attribute written without
   one, which lxml reads as ""). The parser has dropped repeated attributes, keeping
   the first. */
typedef struct { const xmlChar *name; const xmlChar **atts; } El;

/* An attribute's value, or NULL. */
static const char *attr(const El *el, const char *name) {
    if (!el->atts) return NULL;
    for (const xmlChar **a = el->atts; *a; a += 2)
        if (strcmp((const char *)a[0], name) == 0) return a[1] ? (const char *)a[1] : "";
    return NULL;
}

/* The attributes the walk reads from every element, in one pass over them. */
typedef struct { const char *style, *hidden, *aria_hidden, *role, *cls, *id, *itemprop; } Attrs;

static void read_attrs(const El *el, Attrs *out) {
    memset(out, 0, sizeof *out);
    if (!el->atts) return;
    for (const xmlChar **a = el->atts; *a; a += 2) {
        const char *name = (const char *)a[0], **slot = NULL;
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
        if (slot && !*slot) *slot = a[1] ? (const char *)a[1] : "";
    }
}

/* A copy of an element's attributes in one allocation (the array, then the strings),
   for an element held back: the parser frees its own when the start event returns.
   NULL with MemoryError set (or for none: *out stays NULL). */
static int copy_atts(const xmlChar **atts, const xmlChar ***out) {
    *out = NULL;
    if (!atts) return 0;
    size_t n = 0, bytes = 0;
    for (const xmlChar **a = atts; *a; a += 2, n += 2) {
        bytes += strlen((const char *)a[0]) + 1;
        if (a[1]) bytes += strlen((const char *)a[1]) + 1;
    }
    size_t head = (n + 1) * sizeof(xmlChar *);
    char *block = PyMem_Malloc(head + bytes);
    if (!block) { PyErr_NoMemory(); return -1; }
    const xmlChar **copy = (const xmlChar **)block;
    char *at = block + head;
    for (size_t i = 0; i < n; i++) {
        if (!atts[i]) { copy[i] = NULL; continue; }
        size_t len = strlen((const char *)atts[i]) + 1;
        memcpy(at, atts[i], len);
        copy[i] = (const xmlChar *)at;
        at += len;
    }
    copy[n] = NULL;
    *out = copy;
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
/* An element the parser opened: how the walk reads it (walked, or only observed: inside a
   dropped element or after the <body>), whether it holds a capture or is foreign. */
typedef struct { const TagInfo *tag; char observed_only, captured, foreign; } Open;
typedef struct { int kind; El el; char *text; Py_ssize_t len; } Event; /* el.atts: a copy (copy_atts) */
typedef struct { Event *items; Py_ssize_t len, cap; } Events;

typedef struct {
    /* given */
    const Vocabulary *v;
    PyObject *hint_memo;
    double nav_min_link_share;
    Py_ssize_t max_articles;
    long long max_search; /* libxml2's steps searching for unmatched end tags' elements (0: no bound) */
    CacheSlot cache[CACHE_SIZE];
    /* the parse level */
    int seen_element, in_body, after_body, capturing, title_seen;
    PyObject *check; /* called every CHECK_EVERY of work (the deadline), or NULL */
    Py_ssize_t work; /* since the last check */
    Py_ssize_t text_bytes; /* of text not yet counted as work (256 bytes count one) */
    Py_ssize_t foreign; /* depth inside an <svg> or <math> */
    Buf pending;
    int pending_n;
    PyObject *root_langs, *title, *metas, *json_ld, *time_stamps, *canonical;
    int canonical_seen;
    Open *open; /* the elements the parser has opened and not yet closed */
    Py_ssize_t open_n, open_cap;
    Buf capture; /* the text of the <title> or JSON-LD script being captured */
    int capture_title;
    void *parser; /* libxml2's parser context, stopped on an error */
    void *dict;   /* its dictionary of names (tag_of) */
    int failed;   /* an exception is set: the parser's later events are ignored */
    PyObject *fatal; /* where and why libxml2 stopped reading the page, or NULL */
    long long searched; /* the open elements libxml2 went down for misplaced tags (count_search) */
    int search_line, search_column; /* where the last such tag was */
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
    PyObject *disclosed; /* the ids the page's disclosure buttons name (a set), or NULL */
    /* scratch */
    Buf scratch, names;
    PyObject *sets;  /* containers bit mask -> frozenset, for this walk */
    PyObject *tags;  /* tag -> str, for this walk */
    PyObject *empty_tuple;
} Walk;

/* The parser's dictionary's xmlDictOwns and the dictionary (set for the parse): a name
   it owns stays at its address until the parse ends, and only such a name is cached:
   no other name can then have a cached name's address. */
static int (*dict_owns)(void *dict, const xmlChar *name) = NULL;

static const TagInfo *tag_of(Walk *w, const El *el) {
    const xmlChar *name = el->name;
    size_t h = ((size_t)name >> 3) & (CACHE_SIZE - 1);
    for (int probe = 0; probe < 8; probe++, h = (h + 1) & (CACHE_SIZE - 1)) {
        if (w->cache[h].key == name) return w->cache[h].info; /* only owned names are keys */
        if (!w->cache[h].key) {
            if (!w->dict || !dict_owns(w->dict, name)) break;
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
    for (Py_ssize_t i = 0; i < events->len; i++) {
        PyMem_Free(events->items[i].text);
        PyMem_Free((void *)events->items[i].el.atts);
    }
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
    Py_CLEAR(w->disclosed);
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
    /* a role's hint goes before a review word's ("reviews" on a role=navigation) */
    if (!hint || PyObject_Not(hint) ||
        (PyUnicode_Check(hint) && PyUnicode_Compare(hint, w->v->hints.review_hint) == 0)) {
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
