/* _walk_parse.h: part of _walk.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The parse level: what the walk drops, what it
   collects for htmlmeta, the start, end and text of every element as libxml2's parser
   hands them over, the parser's set-up, and walk() itself. */

/* ------------------------------------------------------------------ the parse level */

static int send_text(Walk *w) {
    if (!w->pending_n) return 0;
    int result = w->nav ? hold(w, E_TEXT, NULL, w->pending.p, w->pending.len)
                        : walk_text(w, w->pending.p, w->pending.len);
    w->pending.len = 0;
    w->pending_n = 0;
    return result;
}

static int append_str(PyObject *list, const char *s) {
    PyObject *value = str_or_none(s);
    if (!value) return -1;
    int result = PyList_Append(list, value);
    Py_DECREF(value);
    return result;
}


/* _Builder._observe: what htmlmeta reads. Returns 1 when a capture (the <title>, a
   JSON-LD script) starts here: its text is the text of all it holds, taken as the
   parser hands it over and kept when the element ends (`finish_capture`). */
static int observe(Walk *w, const El *el, const TagInfo *tag) {
    if (!(tag->kind & K_OBSERVED)) return 0;
    int captured = 0;
    if (!w->capturing) {
        const char *type;
        int is_title = tag->id == T_TITLE && !w->title_seen && !w->foreign;
        int is_json = !is_title && tag->id == T_SCRIPT && (type = attr(el, "type")) &&
                      !strcmp(type, "application/ld+json");
        if (is_title || is_json) {
            captured = 1;
            w->capture.len = 0;
            w->capture_title = is_title;
            if (is_title) w->title_seen = 1;
        }
    }
    if (tag->id == T_META) {
        const char *key = attr(el, "property");
        PyObject *key_s;
        if (key && *key) key_s = str_or_none(key);
        else if ((key = attr(el, "name")) && *key) key_s = str_or_none(key);
        else key_s = str_or_none(attr(el, "itemprop"));
        PyObject *content = key_s ? str_or_none(attr(el, "content")) : NULL;
        PyObject *pair = content ? PyTuple_Pack(2, key_s, content) : NULL;
        Py_XDECREF(key_s);
        Py_XDECREF(content);
        int result = pair ? PyList_Append(w->metas, pair) : -1;
        Py_XDECREF(pair);
        if (result < 0) return -1;
    } else if (tag->id == T_TIME && PyList_GET_SIZE(w->time_stamps) < w->v->max_time_stamps) {
        const char *stamp = attr(el, "datetime");
        if (append_str(w->time_stamps, stamp ? stamp : "") < 0) return -1;
    } else if (tag->id == T_LINK && !w->canonical_seen) {
        const char *rel = attr(el, "rel");
        if (rel && !strcmp(rel, "canonical")) {
            w->canonical_seen = 1;
            Py_XSETREF(w->canonical, str_or_none(attr(el, "href")));
            if (!w->canonical) return -1;
        }
    }
    return captured;
}

/* The captured text of the element that ends: the page's title, or a JSON-LD text. */
static int finish_capture(Walk *w) {
    Buf *text = &w->capture;
    if (w->capture_title) {
        Py_XSETREF(w->title, normalized_str(text->p ? text->p : "", text->len, &w->scratch));
        return w->title ? 0 : -1;
    }
    if (!text->len) return 0;
    PyObject *s = PyUnicode_DecodeUTF8(text->p, text->len, "strict");
    int result = s ? PyList_Append(w->json_ld, s) : -1;
    Py_XDECREF(s);
    return result;
}

static int push_open(Walk *w, const TagInfo *tag, int observed_only, int captured, int foreign) {
    if (w->open_n == w->open_cap) {
        Py_ssize_t cap = w->open_cap ? w->open_cap * 2 : 64;
        Open *open = PyMem_Realloc(w->open, (size_t)cap * sizeof(Open));
        if (!open) { PyErr_NoMemory(); return -1; }
        w->open = open; w->open_cap = cap;
    }
    Open o = {tag, (char)observed_only, (char)captured, (char)foreign};
    w->open[w->open_n++] = o;
    return 0;
}

/* The work between two calls of the walk's `check` (the page's deadline): an element
   counts one, 256 bytes of text one, so that a page of few elements and much text is
   checked too. A parse and walk of a 20 MB page takes about a second, and a call every
   so much work costs nothing. */
#define CHECK_EVERY 4096

static int tick(Walk *w, Py_ssize_t work) {
    w->work += work;
    if (!w->check || w->work < CHECK_EVERY) return 0;
    w->work = 0;
    PyObject *ok = PyObject_CallNoArgs(w->check);
    if (!ok) return -1;
    Py_DECREF(ok);
    return 0;
}

/* The first element: the languages its attributes declare (_Builder.start). lxml names
   the attributes of an HTML element as written ("xml:lang"), so the second, as
   _Builder looks it up, is never there: the same here. */
static int root_element(Walk *w, const El *el) {
    w->seen_element = 1;
    PyObject *lang = str_or_none(attr(el, "lang"));
    PyObject *xml_lang = lang ? str_or_none(attr(el, "{http://www.w3.org/XML/1998/namespace}lang")) : NULL;
    Py_XSETREF(w->root_langs, xml_lang ? PyTuple_Pack(2, lang, xml_lang) : NULL);
    Py_XDECREF(lang);
    Py_XDECREF(xml_lang);
    w->pending.len = 0; w->pending_n = 0;
    return w->root_langs ? 0 : -1;
}

/* A button that shows or hides the elements it names, outside the page's chrome
   (_Builder._note_disclosure): their ids, split at ASCII white space, join
   w->disclosed, up to vocabulary.MAX_DISCLOSED of them. */
static int note_disclosure(Walk *w, const El *el) {
    const char *ids = attr(el, "aria-controls");
    if (!ids || !attr(el, "aria-expanded") || (w->stack[w->depth - 1].containers & w->v->chrome)) return 0;
    for (;;) {
        while (*ids && strchr("\t\n\f\r ", *ids)) ids++;
        if (!*ids) return 0;
        const char *end = ids;
        while (*end && !strchr("\t\n\f\r ", *end)) end++;
        if (!w->disclosed && !(w->disclosed = PySet_New(NULL))) return -1;
        if (PySet_GET_SIZE(w->disclosed) >= w->v->max_disclosed) return 0;
        PyObject *id = PyUnicode_DecodeUTF8(ids, end - ids, "surrogateescape");
        int added = id ? PySet_Add(w->disclosed, id) : -1;
        Py_XDECREF(id);
        if (added < 0) return -1;
        ids = end;
    }
}

/* An element the parser opens (_Builder.start). Inside a dropped element, or after the
   <body>, it is only observed; else walked. */
static int start_element(Walk *w, const El *el) {
    if (tick(w, 1) < 0) return -1;
    const TagInfo *tag = tag_of(w, el);
    int observed_only = w->after_body || (w->open_n && w->open[w->open_n - 1].observed_only);
    if (!observed_only) {
        if (!w->seen_element && root_element(w, el) < 0) return -1;
        observed_only = (tag->kind & K_DROP) != 0;
        if (tag->id == T_BUTTON && !w->hiding && !w->nav && note_disclosure(w, el) < 0) return -1;
    }
    int foreign = observed_only && tag->id == T_FOREIGN; /* both are dropped: only ever met here */
    w->foreign += foreign;
    int captured = observe(w, el, tag);
    if (captured < 0) return -1;
    w->capturing += captured;
    if (observed_only) return push_open(w, tag, 1, captured, foreign);
    if (tag->id == T_BODY && !w->in_body) {
        w->in_body = 1;
        w->pending.len = 0; w->pending_n = 0;
        if (reset_walk(w) < 0) return -1;
    }
    if (send_text(w) < 0) return -1;
    if ((w->nav ? hold(w, E_START, el, NULL, 0) : walk_start(w, el)) < 0) return -1;
    return push_open(w, tag, 0, captured, 0);
}

/* An element the parser closes (_Builder.end): its capture kept; a walked element's
   end passed on, unless the <body> has ended. */
static int end_element(Walk *w, const xmlChar *name) {
    if (!w->open_n) return 0;
    Open o = w->open[--w->open_n];
    El el = {name, NULL};
    if (o.captured && finish_capture(w) < 0) return -1;
    w->capturing -= o.captured;
    w->foreign -= o.foreign;
    if (o.observed_only || w->after_body) return 0;
    if (send_text(w) < 0) return -1;
    if ((w->nav ? hold(w, E_END, &el, NULL, 0) : walk_end(w, &el)) < 0) return -1;
    if (o.tag->id == T_BODY && w->in_body) w->after_body = 1;
    return 0;
}

/* Text the parser hands over (_Builder.data): into a capture, and into the walk's
   pending text inside a walked element before the <body> ends. */
static int text_of_element(Walk *w, const char *text, Py_ssize_t len) {
    if (len <= 0) return 0;
    w->text_bytes += len; /* small pieces add up: a page of many short texts is checked too */
    if (w->text_bytes >= 256) {
        Py_ssize_t units = w->text_bytes >> 8;
        w->text_bytes &= 255;
        if (tick(w, units) < 0) return -1;
    }
    if (w->capturing && buf_add(&w->capture, text, len) < 0) return -1;
    if (!w->open_n || w->open[w->open_n - 1].observed_only || w->after_body) return 0;
    if (buf_add(&w->pending, text, len) < 0) return -1;
    w->pending_n++;
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
    PyMem_Free(w->open);
    PyMem_Free((void *)w->block_tags);
    free_events(w->nav);
    buf_free(&w->pending); buf_free(&w->pieces); buf_free(&w->scratch); buf_free(&w->capture);
    buf_free(&w->names);
    Py_XDECREF(w->hint_memo); Py_XDECREF(w->root_langs); Py_XDECREF(w->title); Py_XDECREF(w->metas);
    Py_XDECREF(w->json_ld); Py_XDECREF(w->time_stamps); Py_XDECREF(w->canonical); Py_XDECREF(w->raw);
    Py_XDECREF(w->sets); Py_XDECREF(w->tags); Py_XDECREF(w->empty_tuple); Py_XDECREF(w->fatal);
    Py_XDECREF(w->disclosed);
}

/* ------------------------------------------------------------------ libxml2's parser */

/* The functions of the libxml2 that lxml was built with, found in lxml.etree's module
   (loaded privately, so not linked to): the walk parses as lxml does, with the same
   library, options and encoding, into the walk's own handlers instead of a tree. */
typedef struct {
    htmlParserCtxtPtr (*create)(const char *buffer, int size);
    htmlDocPtr (*read)(htmlParserCtxtPtr ctxt, const char *buffer, int size, const char *url,
                       const char *encoding, int options);
    void (*free_context)(htmlParserCtxtPtr ctxt);
    void (*free_doc)(xmlDocPtr doc);
    void (*stop)(xmlParserCtxtPtr ctxt);
    void (*set_errors)(xmlParserCtxtPtr ctxt, xmlStructuredErrorFunc handler, void *data);
} Libxml;

static Libxml libxml;
/* lxml runs the libxml2 (major, minor) this module was built with, and its functions
   were found: else walk() refuses. */
static int libxml_matches = 0;
static int libxml_runs[2] = {-1, -1}; /* the (major, minor) lxml runs, as its module says */
static int libxml_hidden = 0;         /* the right libxml2, whose functions lxml's module does not show */
/* The one libxml2 (major, minor) the walk runs over: its headers and lxml's library. */
#define WALK_LIBXML_MAJOR 2
#define WALK_LIBXML_MINOR 14

/* Finds libxml2's functions in the module at `path` (lxml.etree's file); 0, or -1
   with ImportError set (PyInit__walk clears it: walk() then refuses). */
static int load_libxml(const char *path) {
    void *lib = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
    if (!lib) {
        PyErr_Format(PyExc_ImportError, "boilerstrip._walk: cannot reach lxml's libxml2 (%s)", dlerror());
        return -1;
    }
    void *found[7] = {
        dlsym(lib, "htmlCreateMemoryParserCtxt"), dlsym(lib, "htmlCtxtReadMemory"), dlsym(lib, "htmlFreeParserCtxt"),
        dlsym(lib, "xmlFreeDoc"), dlsym(lib, "xmlStopParser"), dlsym(lib, "xmlCtxtSetErrorHandler"),
        dlsym(lib, "xmlDictOwns"),
    };
    dlclose(lib); /* lxml.etree stays loaded: its module holds it */
    for (int i = 0; i < 7; i++)
        if (!found[i]) {
            PyErr_SetString(PyExc_ImportError, "boilerstrip._walk: lxml's libxml2 lacks a function the walk calls");
            return -1;
        }
    memcpy(&libxml.create, &found[0], sizeof(void *));
    memcpy(&libxml.read, &found[1], sizeof(void *));
    memcpy(&libxml.free_context, &found[2], sizeof(void *));
    memcpy(&libxml.free_doc, &found[3], sizeof(void *));
    memcpy(&libxml.stop, &found[4], sizeof(void *));
    memcpy(&libxml.set_errors, &found[5], sizeof(void *));
    memcpy(&dict_owns, &found[6], sizeof(void *));
    return 0;
}

/* lxml's HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=True)
   passes these: recover, no network, compact text nodes, huge. */
#define PARSE_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_COMPACT | XML_PARSE_HUGE)

static Walk *walk_of(void *ctx) { return (Walk *)((xmlParserCtxtPtr)ctx)->_private; }

/* An error in a handler: the exception stays set, and the parser stops. */
static void failed(Walk *w) {
    w->failed = 1;
    libxml.stop((xmlParserCtxtPtr)w->parser);
}

/* libxml2 (2.14) looks for an end tag's element down its stack of open elements, from
   the top to the nearest of that name, or through them all where none is open (it has
   no HTML5 scope to stop it); and for an open <body> at every <body> start tag, through
   them all. Thousands of such tags, thousands of elements deep, take time quadratic in
   the page ('<div></span>' 100,000 times, 1.2 MB: 10-16 s), inside libxml2, where a
   deadline is checked only between its events. libxml2 reports each such tag
   ("Unexpected end tag", "Opening and ending tag mismatch", "misplaced <body> tag"),
   but for a <body> it opens, which the walk sees open (`on_start`). The walk counts the
   elements libxml2 went through, once a tag (an end tag that closes several elements
   is reported once for each, at one place), and past `max_search` stops the parser
   and refuses the page, naming the bound (Config.html_max_end_tag_search).

   `searched_for`: the open elements libxml2 went through for the tag `name`, from the
   top to the nearest of that name, or all of them (also where `name` is NULL: it
   looked through them all). */
static Py_ssize_t searched_for(xmlParserCtxtPtr ctxt, const char *name) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    int n = ctxt->nameNr; /* (deprecated, not yet gone; the walk runs over 2.14 only) */
    const xmlChar **names = ctxt->nameTab;
#pragma GCC diagnostic pop
    if (!name) return n;
    for (int i = n - 1; i >= 0; i--)
        if (names[i] && !strcmp((const char *)names[i], name)) return n - i;
    return n;
}

/* `steps` more elements libxml2 went through; past `max_search`, the parser stopped and
   the page refused. */
static void add_search(Walk *w, Py_ssize_t steps) {
    w->searched += steps;
    if (!w->max_search || w->searched <= w->max_search) return;
    w->fatal = PyUnicode_FromFormat(
        "its misplaced tags make libxml2 search its open elements more than %lld times "
        "(Config.html_max_end_tag_search), in time quadratic in the page",
        w->max_search);
    if (!w->fatal) { failed(w); return; }
    libxml.stop((xmlParserCtxtPtr)w->parser);
}

/* A message of libxml2's: where it is of a tag libxml2 went down its open elements for
   (an end tag that closes nothing or not the top, a misplaced <body> start tag), what
   it went through, once a tag. */
static void count_search(Walk *w, const xmlError *error) {
    int body = error->code == XML_HTML_STRUCURE_ERROR && error->str1 && !strcmp(error->str1, "body");
    if (!body && error->code != XML_ERR_TAG_NAME_MISMATCH) return;
    if (error->line == w->search_line && error->int2 == w->search_column) return;
    w->search_line = error->line;
    w->search_column = error->int2;
    /* a misplaced <body>, and an end tag that closes nothing ("Unexpected end tag", no
       second name), went through them all */
    int all = body || !error->str2;
    add_search(w, searched_for((xmlParserCtxtPtr)w->parser, all ? NULL : error->str1));
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts) {
    Walk *w = walk_of(ctx);
    w->dict = ((xmlParserCtxtPtr)ctx)->dict; /* the dictionary of the parse under way */
    /* libxml2 went through every open element for an open <body> before it opened this
       one, and reports nothing where none was (where one was, it drops the tag and says
       so: `count_search`) */
    if (w->max_search && !w->failed && !w->fatal && name[0] == 'b' && !strcmp((const char *)name, "body")) {
        add_search(w, w->open_n);
        if (w->fatal || w->failed) return;
    }
    El el = {name, atts};
    if (!w->failed && start_element(w, &el) < 0) failed(w);
}

static void on_end(void *ctx, const xmlChar *name) {
    Walk *w = walk_of(ctx);
    if (!w->failed && end_element(w, name) < 0) failed(w);
}

static void on_text(void *ctx, const xmlChar *text, int len) {
    Walk *w = walk_of(ctx);
    if (!w->failed && text_of_element(w, (const char *)text, len) < 0) failed(w);
}

/* libxml2's messages about the page: lxml keeps them in its error log; the walk counts
   what libxml2 searched for misplaced tags (`count_search`), and keeps the first
   fatal message, after which libxml2 reads no more of the page (a limit it names), in
   parsing.fatal's words, to refuse the page rather than walk a prefix. */
static void on_message(void *data, const xmlError *error) {
    Walk *w = data;
    if (!error || w->fatal || w->failed) return;
    if (error->level != XML_ERR_FATAL && w->parser && w->max_search) {
        /* libxml2 reports no more than 100 errors unless told none came yet: every
           misplaced tag has to be counted */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        ((xmlParserCtxtPtr)w->parser)->nbErrors = 0; /* (deprecated, not yet gone; 2.14 only) */
#pragma GCC diagnostic pop
        count_search(w, error);
        return;
    }
    if (error->level != XML_ERR_FATAL) return;
    const char *message = error->message ? error->message : "";
    size_t len = strlen(message);
    if (len && message[len - 1] == '\n') len--;
    PyObject *text = PyUnicode_DecodeUTF8(message, (Py_ssize_t)len, "replace");
    w->fatal = text ? PyUnicode_FromFormat("libxml2 stopped at line %d, column %d: %U", error->line, error->int2, text)
                    : NULL;
    Py_XDECREF(text);
    if (!w->fatal) failed(w);
}

/* The parse into the walk's handlers, as lxml's parser target is given the page's
   events (lxml's saxparser.pxi, _connectTarget): start, end, text and CDATA to the
   walk; comments, processing instructions and entity references to nothing; the
   rest libxml2's own (the document, its DTD). 0, or -1 with an exception set. */
static int parse_into(Walk *w, const char *page, Py_ssize_t size) {
    if (size > INT_MAX) {
        PyErr_SetString(PyExc_ValueError, "the page is too large for libxml2");
        return -1;
    }
    htmlParserCtxtPtr ctxt = libxml.create("dummy", 5);
    if (!ctxt) { PyErr_NoMemory(); return -1; }
    libxml.set_errors(ctxt, on_message, w);
    xmlSAXHandler *sax = ctxt->sax;
    sax->startElementNs = NULL; sax->endElementNs = NULL;
    sax->startElement = on_start; sax->endElement = on_end;
    sax->characters = on_text; sax->cdataBlock = on_text;
    sax->comment = NULL; sax->processingInstruction = NULL; sax->reference = NULL;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    ctxt->replaceEntities = 1; /* as lxml sets it for a target (deprecated, not yet gone) */
#pragma GCC diagnostic pop
    ctxt->_private = w;
    w->parser = ctxt;
    htmlDocPtr doc = libxml.read(ctxt, page, (int)size, NULL, "utf-8", PARSE_OPTIONS);
    if (doc) libxml.free_doc(doc);
    if (w->fatal && !w->failed) {
        PyErr_SetObject(PyExc_ValueError, w->fatal);
        w->failed = 1;
    }
    int result = w->failed ? -1 : close_walk(w);
    w->parser = NULL;
    w->dict = NULL;
    libxml.free_context(ctxt);
    return result;
}

/* ------------------------------------------------------------------ the module */

PyDoc_STRVAR(walk_doc,
"walk(page, vocabulary, nav_min_link_share, max_articles, check=None, max_search=0)\n\n"
"Parse the page (UTF-8 bytes, or a str) with lxml's libxml2 and walk its events as\n"
"html/events.py's _Builder does, by the vocabulary() made at start-up. Returns a\n"
"WalkResult (raw blocks, title, metas, JSON-LD texts, time stamps, canonical,\n"
"canonical seen, root langs), or None for a page with no element; a ValueError\n"
"naming where libxml2 stopped if it could not read the page whole. `check`, if given,\n"
"is called every so much work (elements, text); what it raises stops the walk.\n"
"`max_search`, if not 0, bounds the open elements libxml2 may search for misplaced\n"
"tags: past it, a ValueError that names the bound.");

static PyObject *walk(PyObject *module, PyObject *args) {
    PyObject *page, *capsule, *check = Py_None;
    double share;
    Py_ssize_t max_articles;
    long long max_search = 0;
    (void)module;
    if (!PyArg_ParseTuple(args, "OOdn|OL", &page, &capsule, &share, &max_articles, &check, &max_search)) return NULL;
    if (max_search < 0) {
        PyErr_SetString(PyExc_ValueError, "walk() needs max_search >= 0");
        return NULL;
    }
    if (!libxml_matches) {
        if (libxml_hidden)
            PyErr_SetString(PyExc_RuntimeError, "lxml's module does not show libxml2's functions");
        else
            PyErr_Format(PyExc_RuntimeError, "runs over libxml2 %d.%d only: built against %s, lxml runs %d.%d",
                         WALK_LIBXML_MAJOR, WALK_LIBXML_MINOR, LIBXML_DOTTED_VERSION, libxml_runs[0], libxml_runs[1]);
        return NULL;
    }
    const char *text;
    Py_ssize_t size;
    if (PyBytes_Check(page)) {
        text = PyBytes_AS_STRING(page);
        size = PyBytes_GET_SIZE(page);
    } else if (PyUnicode_Check(page)) {
        if (!(text = PyUnicode_AsUTF8AndSize(page, &size))) return NULL;
    } else {
        PyErr_SetString(PyExc_TypeError, "walk() needs the page as bytes or str");
        return NULL;
    }
    Walk w;
    memset(&w, 0, sizeof w);
    if (!(w.v = vocabulary_of(capsule))) return NULL;
    w.check = check == Py_None ? NULL : check;
    w.nav_min_link_share = share;
    w.max_articles = max_articles;
    w.max_search = max_search;
    w.hint_memo = PyDict_New();
    w.metas = PyList_New(0);
    w.json_ld = PyList_New(0);
    w.time_stamps = PyList_New(0);
    w.sets = PyDict_New();
    w.tags = PyDict_New();
    w.empty_tuple = PyTuple_New(0);
    w.canonical = Py_None; Py_INCREF(Py_None);
    PyObject *result = NULL;
    if (!w.hint_memo || !w.metas || !w.json_ld || !w.time_stamps || !w.sets || !w.tags || !w.empty_tuple)
        goto done;
    if (reset_walk(&w) < 0) goto done;
    if (parse_into(&w, text, size) < 0 || PyErr_Occurred()) goto done;
    if (!w.seen_element) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    if (!w.root_langs && !(w.root_langs = PyTuple_New(0))) goto done;
    PyObject *items[8] = {Py_NewRef(w.raw), Py_NewRef(w.title ? w.title : Py_None), Py_NewRef(w.metas),
                          Py_NewRef(w.json_ld), Py_NewRef(w.time_stamps), Py_NewRef(w.canonical),
                          PyBool_FromLong(w.canonical_seen), Py_NewRef(w.root_langs)};
    result = named_tuple(w.v->walk_result, 8, items);
done:
    free_walk(&w);
    return result;
}
