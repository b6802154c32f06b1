/* _text_attrs.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). An attribute read as PyObject_GetAttr reads
   it, by the getter it would call found once a call instead of once an object.

   Why: line_blocks and line_columns read fourteen attributes of every line of a dump
   (a block's text, features, label, score; its features' counts), each through the
   generic lookup (the type's cache, the descriptor's checks): 167 instructions a read,
   a quarter of the two loops' cost, where the mypyc getter it ends in costs a tenth of
   that. */

/* One attribute, and what reading it on objects of one type comes to: `get` (with
   `closure`) where the type's attribute is a getset descriptor, the type unchanged
   since (`version`, its tag), else NULL (PyObject_GetAttr reads it). */
typedef struct {
    PyObject *name; /* borrowed: an interned constant of the module */
    PyTypeObject *type;
    unsigned int version;
    getter get;
    void *closure;
} AttrReader;

/* What the generic lookup finds for r->name on objects of type tp, remembered in r. The
   generic getattr calls a data descriptor's get before it looks at the object's own
   dict, and a getset descriptor is one: for an object of a type with the generic getattr
   (mypyc's classes, most classes), the getter is exactly what it calls. Remembered by
   the type's version tag, which every change of the type (or of a base) sets to 0, and
   which a new type never shares with a freed one: a type without a tag is never cached. */
static void attr_resolve(AttrReader *r, PyTypeObject *tp) {
    r->type = tp;
    r->get = NULL;
    r->version = 0;
    if (tp->tp_getattro != PyObject_GenericGetAttr) return;
    PyObject *descr = _PyType_Lookup(tp, r->name); /* borrowed; assigns a version tag where it can */
    if (!descr || !Py_IS_TYPE(descr, &PyGetSetDescr_Type)) return;
    PyGetSetDescrObject *g = (PyGetSetDescrObject *)descr;
    if (!g->d_getset->get || !PyType_IsSubtype(tp, PyDescr_TYPE(g))) return;
    if (tp->tp_version_tag == 0) return;
    r->version = tp->tp_version_tag;
    r->get = g->d_getset->get;
    r->closure = g->d_getset->closure;
}

/* obj.<r->name>, a new reference (NULL with an exception set), as PyObject_GetAttr. */
static PyObject *attr_read(AttrReader *r, PyObject *obj) {
    PyTypeObject *tp = Py_TYPE(obj);
    if (tp != r->type || tp->tp_version_tag != r->version || r->version == 0) attr_resolve(r, tp);
    return r->get ? r->get(obj, r->closure) : PyObject_GetAttr(obj, r->name);
}
