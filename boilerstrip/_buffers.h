/* _buffers.h: shared by _text.c and _trees.c, which both include it (setup.py's _parts
   reads each module's parts from its #include lines, so an edit here rebuilds both).
   The one rule for which buffers a column of doubles is read from in place. */

/* The doubles of `column` exported into *view when it is an array('d') (`array_type`,
   the array type itself, fetched by each module at import): 0, the export held until
   PyBuffer_Release(view); -1 with an exception set otherwise (a ValueError naming
   `what` for any other object, an array of another type code included). Why only the
   array type itself among buffers: another object's export can run Python code (a
   class's __buffer__, from Python 3.12), which could empty the list of columns being
   read; a subclass of array could define one. Lists are the callers' other case. */
static int export_doubles(PyObject *column, PyTypeObject *array_type, Py_buffer *view, const char *what) {
    if (array_type != NULL && Py_IS_TYPE(column, array_type)) {
        if (PyObject_GetBuffer(column, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return -1;
        if (view->ndim == 1 && view->itemsize == (Py_ssize_t)sizeof(double) && view->format &&
            strcmp(view->format, "d") == 0)
            return 0;
        PyBuffer_Release(view);
    }
    PyErr_Format(PyExc_ValueError, "%s is neither a list nor an array('d')", what);
    return -1;
}
