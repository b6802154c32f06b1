/* The HTML walk over libxml2's parse events, in C.

Why: the walk in Python (html/events.py) runs as lxml's parser target, so lxml makes a Python string
for every tag and text, a dict for every element's attributes, and calls a Python
method for each. Here libxml2 (the one lxml was built with, with lxml's settings) hands
its events to the walk's own handlers, and the walk makes Python objects only for what
it keeps: the blocks' texts and the markup htmlmeta reads. No tree is built (a seventh
of a page's time went to building and freeing lxml's, which this walk read until
2026-12-05).

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
#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

/* The parts, in the order each needs the ones before (one compilation unit). */
#include "_walk_tables.h"
#include "_walk_vocabulary.h"
#include "_walk_text.h"
#include "_walk_hints.h"
#include "_walk_tree.h"
#include "_walk_level.h"
#include "_walk_parse.h"
#include "_walk_scan.h"
#include "_walk_lean.h"

/* ------------------------------------------------------------------ the module */

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
    PyObject *path = PyObject_GetAttrString(etree, "__file__");
    if (!path) PyErr_Clear();
    PyObject *version = PyObject_GetAttrString(etree, "LIBXML_VERSION");
    Py_DECREF(etree);
    int major = -1, minor = -1;
    if (!version || !PyArg_ParseTuple(version, "ii|i", &major, &minor, &(int){0})) PyErr_Clear();
    Py_XDECREF(version);
    /* The walk reads libxml2's parser context, whose layout is this build's, and takes
       its text as libxml2 2.14 hands it out (valid UTF-8; 2.13 passes on a sequence the
       page's end cuts short): under any other libxml2, at build or run time, walk()
       refuses (and html/tree.py warns and runs the walk in Python) rather than read
       it wrong. 2.14 is the one the walk has been checked against, as lean's scan. */
    libxml_runs[0] = major;
    libxml_runs[1] = minor;
    libxml_matches = major == WALK_LIBXML_MAJOR && minor == WALK_LIBXML_MINOR &&
                     LIBXML_VERSION / 10000 == WALK_LIBXML_MAJOR && LIBXML_VERSION / 100 % 100 == WALK_LIBXML_MINOR;
    const char *file = path ? PyUnicode_AsUTF8(path) : NULL;
    if (libxml_matches && (!file || load_libxml(file) < 0)) {
        /* walk() refuses, saying why, and the module's scans stay usable */
        libxml_matches = 0;
        libxml_hidden = 1;
        PyErr_Clear();
    }
    Py_XDECREF(path);
    PyObject *module = PyModule_Create(&module_def);
    /* The libxml2 the walk and the scans follow, for html/lean.py to ask (one source) */
    PyObject *followed = module ? Py_BuildValue("(ii)", WALK_LIBXML_MAJOR, WALK_LIBXML_MINOR) : NULL;
    if (module && (!followed || PyModule_AddObjectRef(module, "LIBXML_FOLLOWED", followed) < 0))
        Py_CLEAR(module);
    Py_XDECREF(followed);
    return module;
}
