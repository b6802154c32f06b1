/* _walk_parse.h: part of _walk.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The parse level: what the walk drops, what it
   collects for htmlmeta, the visit of every element, and walk() itself. */

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
