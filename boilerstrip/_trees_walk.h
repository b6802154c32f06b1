/* _trees_walk.h: part of _trees.c, which includes it (one unit: the compiler inlines
   across the parts as it did in one file). The walks over a packed forest: a row's
   values read, the keep models' probability of every row (walk()) and the page-type
   model's margins of one row (packed_margins()). */

/* A feature's value into *out: a float's (or a subclass's) read in place, an int's
 * converted; anything else is refused rather than asked for its __float__, which could
 * run Python code that changes the lists being read. 0, or -1 with an exception set. */
static inline int value_of(PyObject *v, double *out) {
    if (PyFloat_Check(v)) {
        *out = PyFloat_AS_DOUBLE(v);
        return 0;
    }
    if (PyLong_Check(v)) {
        *out = PyLong_AsDouble(v);
        return *out == -1.0 && PyErr_Occurred() ? -1 : 0;
    }
    PyErr_Format(PyExc_TypeError, "a feature is a %.80s, not a number", Py_TYPE(v)->tp_name);
    return -1;
}

/* Row values into `row` (width doubles, `apart` doubles from one to the next): 0 on
 * success, -1 with an exception set. */
static int read_row(PyObject *r, double *row, Py_ssize_t width, Py_ssize_t apart) {
    if (!PyList_Check(r) || PyList_GET_SIZE(r) != width) {
        PyErr_Format(PyExc_ValueError, "the row is not a list of %zd features", width);
        return -1;
    }
    for (Py_ssize_t j = 0; j < width; j++)
        if (value_of(PyList_GET_ITEM(r, j), row + j * apart) < 0) return -1;
    return 0;
}

/* Rows walked down one tree side by side (walk_group), and laid out side by side
 * (`cell`); and fewer, FEW at a time, for a chunk's last rows (walk_few). */
#define GROUP 12
#define FEW 4
/* Rows read and walked together: every tree goes over them all while it is in cache
 * (one tree is about 60 nodes, a chunk of rows of the text model 240 KB). */
#define CHUNK (22 * GROUP)
_Static_assert(GROUP % FEW == 0, "a block's rows walked FEW at a time");

/* Where row i's feature j is in a chunk's matrix: the rows come in blocks of GROUP,
 * a block `stride` columns of GROUP doubles (feature j of the block's rows side by
 * side), so that walk_group finds a feature of all its rows at one offset from the
 * block, and needs one register for them all where a pointer a row ran out of
 * registers (and a column is copied into a block's rows as one run). */
static inline Py_ssize_t cell(Py_ssize_t i, Py_ssize_t j, Py_ssize_t stride) {
    return (i / GROUP) * GROUP * stride + j * GROUP + i % GROUP;
}

/* A column of by_column features as walk_rows reads it: a list of floats (`list`), or
 * an array('d') whose doubles are read straight from its buffer (`doubles`, its
 * export held in `view` until the walk ends): the text model's columns come as arrays,
 * so that no float object is made for each value and read back here. */
/* The array.array type, fetched at import (PyInit__trees): the one buffer type a column
 * is read from in place. */
static PyTypeObject *ARRAY_TYPE;

typedef struct {
    PyObject *list;
    const double *doubles;
    Py_buffer view;
} Column;

/* The values of rows start..start+m-1 into `matrix` (laid out as `cell` says): from
 * a list of rows, or from width `columns` (by_column) each value in place, as read_row
 * reads them; 0 or -1 with an exception set. */
static int read_chunk(PyObject *features, const Column *columns, Py_ssize_t start, Py_ssize_t m,
                      Py_ssize_t width, Py_ssize_t stride, double *matrix) {
    if (columns == NULL) {
        for (Py_ssize_t i = 0; i < m; i++)
            if (read_row(PyList_GET_ITEM(features, start + i), matrix + cell(i, 0, stride), width, GROUP) < 0)
                return -1;
        return 0;
    }
    for (Py_ssize_t j = 0; j < width; j++) {
        const double *doubles = columns[j].doubles;
        if (doubles != NULL) {
            double *to = matrix + cell(0, j, stride);
            const double *from = doubles + start;
            Py_ssize_t i = 0;
            for (; i + GROUP <= m; i += GROUP, to += GROUP * stride, from += GROUP)  /* a block's rows at once */
                memcpy(to, from, GROUP * sizeof(double));
            for (Py_ssize_t g = 0; i + g < m; g++) to[g] = from[g];
            continue;
        }
        for (Py_ssize_t i = 0; i < m; i++)
            if (value_of(PyList_GET_ITEM(columns[j].list, start + i), matrix + cell(i, j, stride)) < 0) return -1;
    }
    return 0;
}

/* `column` opened into *out, and its length: a list, or an array('d') whose export
 * *out then holds (`export_doubles`, _buffers.h: the rule shared with _text's
 * read_values); -1 with an exception set: a ValueError for anything else (a tuple, an
 * array('f'), a bytes, a memoryview). */
static Py_ssize_t open_column(PyObject *column, Column *out) {
    if (PyList_Check(column)) {
        out->list = column;
        return PyList_GET_SIZE(column);
    }
    if (export_doubles(column, ARRAY_TYPE, &out->view, "a column") < 0) return -1;
    out->doubles = out->view.buf;
    return out->view.len / (Py_ssize_t)sizeof(double);
}

/* Releases the exports open_column took of the first `width` columns. */
static void close_columns(Column *columns, Py_ssize_t width) {
    for (Py_ssize_t j = 0; columns != NULL && j < width; j++)
        if (columns[j].doubles != NULL) PyBuffer_Release(&columns[j].view);
}

/* How many rows `features` holds: a list's length, or (`columns` given: by_column) its
 * columns' length, which must be width lists or arrays('d') of one length, each
 * opened into `columns` (close_columns releases them, after an error too); -1 with an
 * exception set. */
static Py_ssize_t count_rows(PyObject *features, Column *columns, Py_ssize_t width) {
    if (columns == NULL) return PyList_GET_SIZE(features);
    if (PyList_GET_SIZE(features) != width) {
        PyErr_Format(PyExc_ValueError, "the columns are not %zd lists of features", width);
        return -1;
    }
    Py_ssize_t n = 0;
    for (Py_ssize_t j = 0; j < width; j++) {
        Py_ssize_t length = open_column(PyList_GET_ITEM(features, j), columns + j);
        if (length < 0) return -1;
        if (j > 0 && length != n) {
            PyErr_SetString(PyExc_ValueError, "the columns are not of one length");
            return -1;
        }
        n = length;
    }
    return n;
}

/* Which of the row width's features hold one value in all m rows of `matrix` (laid
 * out as `cell` says; the same bits, so every split on it goes one way for them all):
 * a text dump's page statistics and page types, near half of the splits its rows
 * reach. */
static void constant_columns(const double *matrix, Py_ssize_t m, Py_ssize_t width, Py_ssize_t stride,
                             unsigned char *constant) {
    for (Py_ssize_t j = 0; j < width; j++) {
        const double *column = matrix + cell(0, j, stride);
        uint64_t first, differ = 0;
        memcpy(&first, column, sizeof first);
        Py_ssize_t i = 0;
        for (; differ == 0 && i + GROUP <= m; i += GROUP, column += GROUP * stride)  /* a block's rows at once */
            for (int g = 0; g < GROUP; g++) {
                uint64_t v;
                memcpy(&v, column + g, sizeof v);
                differ |= v ^ first;
            }
        for (Py_ssize_t g = 0; differ == 0 && i + g < m; g++) {
            uint64_t v;
            memcpy(&v, column + g, sizeof v);
            differ |= v ^ first;
        }
        constant[j] = differ == 0;
    }
}

/* A node still to lay out: where it is in `src`, its depth, and for a split's right
 * child the split in `dst` that points to it (ROOT: a tree's root; LEFT: a left child,
 * the node after its split's). */
typedef struct {
    int32_t k, parent, depth;
} Pending;
enum { ROOT = -1, LEFT = -2 };

/* A node of a forest specialized for a chunk of rows (specialize()), laid out for
 * `step`: a split's threshold or a leaf's value, the address of its right child (its
 * left child is the node after it), and where its feature is from a row's first value
 * in a block of the matrix (`cell`: the feature times GROUP doubles, in bytes, which a
 * step adds as it is, with no index scaled or widened on the way). */
typedef struct Step {
    double at;
    const struct Step *right;
    uint32_t column;
} Step;

/* A forest specialized for a chunk of rows (specialize()): its nodes, each tree's root
 * and depth (the most splits from its root to a leaf). */
typedef struct {
    Step *nodes;
    int32_t *roots, *depths;
} Specialized;

/* Whether rows of `stride` values can walk a specialized forest: a block's columns'
 * offsets in bytes fit Step's 32 bits. */
static int specializable(Py_ssize_t stride) {
    return stride <= (Py_ssize_t)(UINT32_MAX / (GROUP * sizeof(double)));
}

/* The trees of `p` into `out` (room for `room` nodes), each laid out as pack() lays a
 * tree (depth first, left first, a split's left child the node after it), every split
 * on a `constant` feature replaced by the child the rows' one value (`row`, its
 * features GROUP doubles apart) goes to: the same leaf for every row, reached through
 * fewer nodes. A leaf reads feature `sentinel` (NaN in every row, which no threshold
 * holds) and its right child is itself: a walk may go on past it and stay, and so take
 * the same number of steps on every row (walk_group). `pending` has room entries (one
 * a split laid out, at most). 0, or -1 where the trees would need more than `room`
 * nodes (roots that share nodes, which pack() does not forbid). */
static int specialize(const Packed *p, const unsigned char *constant, const double *row, int32_t sentinel,
                      const Specialized *out, Py_ssize_t room, Pending *pending) {
    const Node *src = p->nodes;
    Step *dst = out->nodes;
    Py_ssize_t count = 0;
    for (Py_ssize_t t = 0; t < p->trees; t++) {
        Py_ssize_t top = 0;
        int32_t deepest = 0;
        Pending next = {p->roots[t], ROOT, 0};
        for (;;) {
            int32_t k = next.k;
            while (src[k].feature >= 0 && constant[src[k].feature])
                k = row[src[k].feature * GROUP] <= src[k].at ? k + 1 : src[k].right;
            if (count >= room) return -1;
            Step *node = dst + count++;
            const int split = src[k].feature >= 0;
            node->at = src[k].at;
            node->right = node;  /* a leaf's right child: itself */
            node->column = (uint32_t)(split ? src[k].feature : sentinel) * (uint32_t)(GROUP * sizeof(double));
            if (next.parent >= 0) dst[next.parent].right = node;
            else if (next.parent == ROOT) out->roots[t] = (int32_t)(node - dst);
            if (split) {  /* the right child waits, the left one is next */
                pending[top++] = (Pending){src[k].right, (int32_t)(node - dst), next.depth + 1};
                next = (Pending){k + 1, LEFT, next.depth + 1};
                continue;
            }
            if (next.depth > deepest) deepest = next.depth;
            if (top == 0) break;
            next = pending[--top];
        }
        out->depths[t] = deepest;
    }
    return 0;
}

/* Fewer rows than this are walked through the model's own nodes: specializing the
 * forest for them would cost more than the splits it saves. */
#define SPECIALIZE_ROWS 16

/* One step down from `node` for the row whose first value is at `row` (in a block of
 * the matrix, `cell`): the left child (the next node) where the row's value is at most
 * the threshold, else the right one (NaN goes right); a leaf stays (see specialize).
 * Made without a branch: which way a row goes cannot be foretold, and a wrong guess
 * cost more than the walk itself. On x86-64 the choice is a conditional move of the
 * right child's address (five instructions: two loads, the comparison, the left
 * child's address, the move), written out, as gcc made a branch of the plain C
 * choice; the best mask in C took six instructions (with the right child an offset
 * from the left one) and 1.12 of the time over the text dumps' rows. Elsewhere, and
 * under AddressSanitizer (which does not see into the assembly), the same step in C,
 * with a mask (BOILERSTRIP_NO_ASM asks for it on x86-64 too). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__) && !defined(BOILERSTRIP_NO_ASM)
#define STEP_IN_ASSEMBLY 1
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#undef STEP_IN_ASSEMBLY
#endif
#endif
#endif

#ifdef STEP_IN_ASSEMBLY
static inline const Step *step(const Step *node, const char *row) {
    const Step *k = node;
    /* at < x or unordered (NaN) sets the carry: k = node + 1, then node->right */
    __asm__("ucomisd %[x], %[at]\n\t"
            "lea %c[next](%[k]), %[k]\n\t"
            "cmovb %c[right](%[k]), %[k]"
            : [k] "+r"(k)
            : [x] "m"(*(const double *)(row + node->column)), [at] "x"(node->at), "m"(*node),
              [next] "i"(sizeof(Step)), [right] "i"((long)offsetof(Step, right) - (long)sizeof(Step))
            : "cc");
    return k;
}
#else
static inline const Step *step(const Step *node, const char *row) {
    const double x = *(const double *)(row + node->column);
    const char *left = (const char *)(node + 1);
    const ptrdiff_t mask = -(ptrdiff_t)!(x <= node->at);
    return (const Step *)(left + (((const char *)node->right - left) & mask));
}
#endif

/* Each tree of `f` walked for `rows` rows side by side (at most GROUP, from `first`
 * in a block of the matrix, `cell`), their leaves added to z[0..rows-1] in tree order:
 * every row takes the tree's depth in steps (one at least: a leaf stays), so that the
 * rows' steps overlap; the first from the root, whose fields the rows share. `rows` is
 * a constant where it is called (walk_group, walk_few), so that its loops unroll, each
 * row's node in a register. */
static inline void walk_side_by_side(const Specialized *f, Py_ssize_t trees, const double *first, double *z,
                                     const int rows) {
    double sum[GROUP];  /* z, held in registers over the trees */
    for (int g = 0; g < rows; g++) sum[g] = z[g];
    for (Py_ssize_t t = 0; t < trees; t++) {
        const Step *root = f->nodes + f->roots[t], *k[GROUP];
        for (int g = 0; g < rows; g++) k[g] = step(root, (const char *)(first + g));
        for (int32_t d = f->depths[t]; --d > 0;)
            for (int g = 0; g < rows; g++) k[g] = step(k[g], (const char *)(first + g));
        for (int g = 0; g < rows; g++) sum[g] += k[g]->at;
    }
    for (int g = 0; g < rows; g++) z[g] = sum[g];
}

/* A block's rows walked side by side: as many as the registers hold each row's node
 * (x86-64, over the text dumps' rows: 8 left the loads' latency uncovered and took 1.15
 * of 12's time; 16 spilled some of theirs, for 3% more instructions and 2% less time). */
static void walk_group(const Specialized *f, Py_ssize_t trees, const double *block, double *z) {
    walk_side_by_side(f, trees, block, z, GROUP);
}

/* FEW rows of a block walked side by side: a chunk's last rows, where walking their
 * whole block walked its NaN rows for nothing. */
static void walk_few(const Specialized *f, Py_ssize_t trees, const double *first, double *z) {
    walk_side_by_side(f, trees, first, z, FEW);
}

/* The m rows of `matrix` (laid out as `cell` says) walked through the packed forest
 * itself, their leaves added to z in tree order. */
static void walk_packed(const Packed *p, const double *matrix, Py_ssize_t m, Py_ssize_t stride, double *z) {
    const Node *nodes = p->nodes;
    for (Py_ssize_t t = 0; t < p->trees; t++) {
        const Node *top = nodes + p->roots[t];
        for (Py_ssize_t i = 0; i < m; i++) {
            const double *row = matrix + cell(i, 0, stride);
            const Node *node = top;
            while (node->feature >= 0)
                node = row[node->feature * GROUP] <= node->at ? node + 1 : nodes + node->right;
            z[i] += node->at;
        }
    }
}

/* The probability of every row of `features` (a list of lists of p->width values, or
 * with by_column the p->width lists or arrays('d') of every row's value): each row's
 * leaves added in tree order, then the clamp and the logistic, made a chunk of rows at
 * a time. A chunk of many rows walks the forest specialized for it (the same leaves,
 * so the same sums), GROUP rows at a time, then FEW: the rows of the last block past
 * the chunk's are NaN, and those walked (to the next FEW) dropped. */
static PyObject *walk_rows(const Packed *p, double base, PyObject *features, int by_column) {
    const Py_ssize_t width = p->width, stride = width + 1;  /* and the sentinel's NaN */
    Column *columns = by_column ? PyMem_Malloc((size_t)(width ? width : 1) * sizeof(Column)) : NULL;
    if (by_column && columns == NULL) return PyErr_NoMemory();
    for (Py_ssize_t j = 0; columns != NULL && j < width; j++)  /* none open yet (close_columns) */
        columns[j].list = NULL, columns[j].doubles = NULL;
    Py_ssize_t n = count_rows(features, columns, width);
    if (n < 0) {
        close_columns(columns, width);
        PyMem_Free(columns);
        return NULL;
    }
    const Py_ssize_t room = (n < CHUNK ? n + GROUP - 1 : CHUNK) / GROUP * GROUP;  /* whole blocks */
    double *matrix = PyMem_Malloc((size_t)(room ? room : 1) * (size_t)stride * sizeof(double));
    double *z = PyMem_Malloc((size_t)(room ? room : 1) * sizeof(double));
    const int many = n >= SPECIALIZE_ROWS && specializable(stride);
    const size_t trees = (size_t)(p->trees ? p->trees : 1);
    Specialized own = {
        many ? PyMem_Malloc((size_t)(p->count ? p->count : 1) * sizeof(Step)) : NULL,
        many ? PyMem_Malloc(trees * sizeof(int32_t)) : NULL,
        many ? PyMem_Malloc(trees * sizeof(int32_t)) : NULL,
    };
    unsigned char *constant = many ? PyMem_Malloc((size_t)(width ? width : 1)) : NULL;
    Pending *pending = many ? PyMem_Malloc((size_t)(p->count + 1) * sizeof(Pending)) : NULL;
    const int ready = matrix && z && (!many || (own.nodes && own.roots && own.depths && constant && pending));
    PyObject *out = ready ? PyList_New(n) : PyErr_NoMemory();
    for (Py_ssize_t start = 0; out != NULL && start < n; start += CHUNK) {
        Py_ssize_t m = n - start < CHUNK ? n - start : CHUNK;
        if (read_chunk(features, columns, start, m, width, stride, matrix) < 0) {
            Py_CLEAR(out);
            goto done;
        }
        const Py_ssize_t walked = (m + FEW - 1) / FEW * FEW;  /* and NaN rows to the next FEW */
        for (Py_ssize_t i = 0; i < walked; i++) {
            z[i] = base;
            for (Py_ssize_t j = i < m ? width : 0; j < stride; j++) matrix[cell(i, j, stride)] = NAN;
        }
        if (many && m >= SPECIALIZE_ROWS) constant_columns(matrix, m, width, stride, constant);
        if (many && m >= SPECIALIZE_ROWS &&
            specialize(p, constant, matrix, (int32_t)width, &own, p->count, pending) == 0) {
            Py_ssize_t i = 0;
            for (; i + GROUP <= m; i += GROUP) walk_group(&own, p->trees, matrix + cell(i, 0, stride), z + i);
            for (; i < m; i += FEW) walk_few(&own, p->trees, matrix + cell(i, 0, stride), z + i);
        } else {
            walk_packed(p, matrix, m, stride, z);
        }
        for (Py_ssize_t i = 0; i < m; i++) {
            double v = z[i];
            if (v > 30.0) v = 30.0;
            if (v < -30.0) v = -30.0;
            PyObject *prob = PyFloat_FromDouble(1.0 / (1.0 + exp(-v)));
            if (prob == NULL) {
                Py_CLEAR(out);
                goto done;
            }
            PyList_SET_ITEM(out, start + i, prob);
        }
    }
done:
    close_columns(columns, width);
    PyMem_Free(columns);
    PyMem_Free(matrix);
    PyMem_Free(z);
    PyMem_Free(own.nodes);
    PyMem_Free(own.roots);
    PyMem_Free(own.depths);
    PyMem_Free(constant);
    PyMem_Free(pending);
    return out;
}

/* walk(packed, base, features, by_column=0): the probability of every row by the
 * forest pack() made, of a list of rows or (by_column) of the rows' columns, lists or
 * arrays('d'). */
static PyObject *walk(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *capsule, *features;
    double base;
    int by_column = 0;
    if (!PyArg_ParseTuple(args, "OdO!|p", &capsule, &base, &PyList_Type, &features, &by_column)) return NULL;
    const Packed *p = PyCapsule_GetPointer(capsule, PACKED_NAME);
    return p != NULL ? walk_rows(p, base, features, by_column) : NULL;
}

/* The sum of the leaves of trees t, t + classes, t + 2 classes, ... for each class t,
 * in tree order, for the row `values` (the arithmetic of learned.pagetype.Model.walk, so the
 * same numbers). */
static PyObject *margins_of(const Packed *p, PyObject *values, Py_ssize_t classes) {
    PyObject *out = NULL;
    if (classes <= 0) {
        PyErr_SetString(PyExc_ValueError, "margins: no class");
        return NULL;
    }
    double *row = PyMem_Malloc((size_t)(p->width ? p->width : 1) * sizeof(double));
    double *sums = PyMem_Calloc((size_t)classes, sizeof(double));
    if (row == NULL || sums == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    if (read_row(values, row, p->width, 1) < 0) goto done;
    for (Py_ssize_t t = 0; t < p->trees; t++) {
        const Node *node = p->nodes + p->roots[t];
        while (node->feature >= 0) node = row[node->feature] <= node->at ? node + 1 : p->nodes + node->right;
        sums[t % classes] += node->at;
    }
    out = PyList_New(classes);
    for (Py_ssize_t c = 0; out != NULL && c < classes; c++) {
        PyObject *v = PyFloat_FromDouble(sums[c]);
        if (v == NULL) Py_CLEAR(out);
        else PyList_SET_ITEM(out, c, v);
    }
done:
    PyMem_Free(row);
    PyMem_Free(sums);
    return out;
}

/* packed_margins(packed, row, classes): margins_of() the forest pack() made (checked
 * once for its width, where checking every node on every call cost four fifths of
 * its time on the page-type model, which a text dump asks twice). */
static PyObject *packed_margins(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *capsule, *values;
    Py_ssize_t classes;
    if (!PyArg_ParseTuple(args, "OO!n", &capsule, &PyList_Type, &values, &classes)) return NULL;
    const Packed *p = PyCapsule_GetPointer(capsule, PACKED_NAME);
    return p != NULL ? margins_of(p, values, classes) : NULL;
}
