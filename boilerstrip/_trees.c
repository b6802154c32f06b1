/* The keep model's trees, walked in C (see learned/forest.py, whose `probability` is
 * the same walk in Python and the reference for this one), and the page-type model's
 * (`packed_margins`, see learned/pagetype.py's Model.walk, its reference), and the
 * keep models' rows (`html_rows`, see learned/blockrows.py; `rows` of the text model's
 * columns, see learned/linerows.py; `stack_rows`, the second stage's, see learned/stack.py).
 *
 * Why: every block of every HTML page goes through every tree (about 120 blocks x 60
 * trees x 8 nodes a page); in Python that is most of a page's time, in C a few hundred
 * microseconds. The trees come as flat buffers (array.array of int32 and double) that
 * learned/forest.py lays out once per model; pack() checks them, so a broken model file can
 * make an error but never a read out of bounds or a loop: every child must come after
 * its parent, and every split must name a feature the rows have.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The parts, in the order each needs the ones before (one compilation unit). */
#include "_buffers.h"
#include "_trees_pack.h"
#include "_trees_walk.h"
#include "_trees_blockrows.h"
#include "_trees_linerows.h"
#include "_trees_stackrows.h"

/* ------------------------------------------------------------------ the module */

static PyMethodDef methods[] = {
    {"pack", pack, METH_VARARGS, "The keep model's forest checked once and packed, for walk()."},
    {"walk", walk, METH_VARARGS, "The keep model's probability of every row, by the forest pack() made."},
    {"rows", rows, METH_O, "The rows of a list of columns (a zip of them, as lists)."},
    {"packed_margins", packed_margins, METH_VARARGS, "The page-type model's score of every class for one row, by the forest pack() made."},
    {"html_rows", html_rows, METH_VARARGS, "The HTML keep model's rows of blocks lo..hi-1 (learned.blockrows.rows)."},
    {"stack_rows", stack_rows, METH_VARARGS, "The HTML keep model's second-stage rows (learned.stack.stack_rows)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "boilerstrip._trees", NULL, -1, methods, NULL, NULL, NULL, NULL,
};

/* The module, and the array type whose exports the walk reads (_trees_walk.h). */
PyMODINIT_FUNC PyInit__trees(void) {
    PyObject *arrays = PyImport_ImportModule("array");
    PyObject *type = arrays ? PyObject_GetAttrString(arrays, "array") : NULL;
    Py_XDECREF(arrays);
    if (type == NULL) return NULL;
    if (!PyType_Check(type)) {
        Py_DECREF(type);
        PyErr_SetString(PyExc_ImportError, "_trees: array.array is not a type");
        return NULL;
    }
    ARRAY_TYPE = (PyTypeObject *)type;  /* kept for the module's life */
    return PyModule_Create(&module);
}
