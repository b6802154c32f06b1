/* _walk_level.h: part of _walk.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The walk level: the start, end and text of
   each element the parse level passes on, and navigation elements held back until they
   end, then made one block when they are mostly links, or walked like any element
   (html/events.py's _settle_nav). */

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
   style could match it: it holds "none" or "hidden", or is not ASCII); walk_start first
   leaves out the roles read as shown (shown_role) outside the chrome (v->chrome). */
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

/* Whether a hidden element is one a disclosure button named (note_disclosure) and its
   role does not keep hidden (_Builder._walk_start): 1 or 0, -1 with an exception set. */
static int disclosed(Walk *w, const Attrs *attrs) {
    if (!w->disclosed || !attrs->id || never_shown_role(w->v, attrs->role)) return 0;
    PyObject *id = PyUnicode_DecodeUTF8(attrs->id, (Py_ssize_t)strlen(attrs->id), "surrogateescape");
    int found = id ? PySet_Contains(w->disclosed, id) : -1;
    Py_XDECREF(id);
    return found;
}

static int hold(Walk *w, int kind, const El *el, const char *text, Py_ssize_t len);

static int walk_start(Walk *w, const El *el) {
    Frame *frame = &w->stack[w->depth - 1];
    if (w->hiding) { w->hiding++; return 0; }
    const TagInfo *tag = tag_of(w, el);
    Attrs attrs;
    read_attrs(el, &attrs);
    int has_style = attrs.style && *attrs.style, has_aria = attrs.aria_hidden && *attrs.aria_hidden;
    if ((has_style || attrs.hidden || has_aria)
        && !(shown_role(w->v, attrs.role) && !(frame->containers & w->v->chrome))) {
        int by_attribute = attrs.hidden || (has_aria && !strcmp(attrs.aria_hidden, "true"));
        int hidden = is_hidden(w, tag, attrs.style, by_attribute);
        if (hidden > 0) {
            int shown = disclosed(w, &attrs);
            if (shown < 0) return -1;
            hidden = !shown;
        }
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
            return hold(w, E_START, el, NULL, 0);
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

static int walk_end(Walk *w, const El *el) {
    if (w->hiding > 1) { w->hiding--; return 0; }
    w->hiding = 0;
    int hidden = w->stack[w->depth - 1].hidden;
    pop_frame(w);
    if (hidden) return 0;
    const TagInfo *tag = tag_of(w, el);
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
static int holds_back(Walk *w, const El *el) {
    const TagInfo *tag = tag_of(w, el);
    if (!(tag->kind & K_BLOCK)) return 0;
    if (tag->id == T_NAV) return 1;
    return nav_role(w->v, attr(el, "role"));
}

/* ------------------------------------------------------------------ navigation held back */

/* The words of a text and their code points, as str.split sees them. */
static void count_words(const char *s, Py_ssize_t n, Py_ssize_t *words, Py_ssize_t *cps) {
    const unsigned char *u = (const unsigned char *)s;
    Py_ssize_t i = 0;
    int in_word = 0;
    while (i < n) {
        if (step_ws(u, &i, n)) {
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
        const TagInfo *tag = tag_of(w, &ev->el);
        if (ev->kind == E_START) {
            if (tag->id == T_A) in_link++;
            else if (tag->kind & K_PROSE) prose++;
            opened[depth++] = i;
            int held = holds_back(w, &ev->el);
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
        read_attrs(&events->items[start].el, &attrs);
        if (push_element_frame(w, &attrs, w->v->nav_tag, &w->stack[w->depth - 1]) < 0) {
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
        const TagInfo *tag = tag_of(w, &ev->el);
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
            if (ev->kind == E_END) { result = walk_end(w, &ev->el); continue; }
            result = walk_start(w, &ev->el);
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
            result = walk_start(w, &ev->el);
        }
    }
    free_spans(&spans);
    free_events(events);
    return result;
}

static int hold(Walk *w, int kind, const El *el, const char *text, Py_ssize_t len) {
    Events *events = w->nav;
    if (events->len == events->cap) {
        Py_ssize_t cap = events->cap ? events->cap * 2 : 64;
        Event *items = PyMem_Realloc(events->items, (size_t)cap * sizeof(Event));
        if (!items) { PyErr_NoMemory(); return -1; }
        events->items = items; events->cap = cap;
    }
    Event ev = {kind, {el ? el->name : NULL, NULL}, NULL, len};
    if (kind == E_START && copy_atts(el->atts, &ev.el.atts) < 0) return -1;
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
