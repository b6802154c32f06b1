/* _text_utf8.h: part of _text.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The strict UTF-8 check, utf8_valid()
   (decode.is_utf8), without decoding the bytes. */

/* Strict UTF-8 (RFC 3629), as Python's decoder takes it: no overlong forms, no
   surrogates, nothing above U+10FFFF, no sequence cut short. */
static int valid_utf8(const unsigned char *s, Py_ssize_t n) {
    Py_ssize_t i = 0;
    while (i < n) {
        while (i + 8 <= n) { /* ASCII, eight bytes at a time */
            uint64_t block;
            memcpy(&block, s + i, 8);
            if (block & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= n) break;
        unsigned char c = s[i];
        if (c < 0x80) { i++; continue; }
        if (c < 0xC2) return 0;
        if (c < 0xE0) {
            if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80) return 0;
            i += 2;
        } else if (c < 0xF0) {
            if (i + 2 >= n) return 0;
            unsigned char c1 = s[i + 1];
            if ((c1 & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80) return 0;
            if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)) return 0;
            i += 3;
        } else if (c < 0xF5) {
            if (i + 3 >= n) return 0;
            unsigned char c1 = s[i + 1];
            if ((c1 & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80) return 0;
            if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) return 0;
            i += 4;
        } else {
            return 0;
        }
    }
    return 1;
}

PyDoc_STRVAR(utf8_valid_doc,
"utf8_valid(data)\n\n"
"Whether the bytes are strict UTF-8: data.decode('utf-8') would not fail.");

static PyObject *utf8_valid(PyObject *module, PyObject *args) {
    Py_buffer view;
    (void)module;
    if (!PyArg_ParseTuple(args, "y*", &view)) return NULL;
    int valid = valid_utf8((const unsigned char *)view.buf, view.len);
    PyBuffer_Release(&view);
    return PyBool_FromLong(valid);
}
