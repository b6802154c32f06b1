/* Loops over every character of a page, in C.

- words(text): lang.split_words, the runs of letters and digits that lang.WORD_RE
  ([^\W_]+) finds. Features and language detection split every block into words; the
  Python split makes a str for every white-space piece, then strips and tests it. Here
  a str is made only for each word.
- word_set(text): frozenset(words(text)) without the list (the headline model's
  candidates' words).
- utf8_valid(data): decode.is_utf8, whether bytes are strict UTF-8, as Python's decoder
  says, without decoding them into a str.
- line_columns(blocks, marks, missing, lo, hi): learned.linerows._line_columns_in_python's
  ten columns in one call, as arrays('d') (as every column below: the keep model's
  walk reads their doubles in place) and no tuple a line: the lines'
  capitals, digits and commas (learned.linerows._line_shape is the Python reference:
  features.cap_ratio, features.digit_ratio and three str.count, here in one pass and
  without the list of every word's initial that the patterns' findall makes: on a text
  dump they were a fifth of the model's time), cues, word lengths, symbols, colons and
  marks.
- line_blocks(blocks, weights, label_index, article, typical, short_words, labels,
  missing): the text model's columns of what the pipeline says of each line (words,
  density, label, score, weight, blank-line group) and the page's make-up,
  learned.linerows._block_columns_in_python's in one call, where compiled Python made a
  list a column.
- line_shape(text): one line's capitals, digits and commas, as line_columns reads
  them (the headline model rates lines one by one).
- line_context(values, shapes, sizes, sides, shifted, missing): the text model's
  columns of every line's context (runs, region, cadence, chains, neighbours,
  windows), learned.linerows._context_columns_in_python's in one call; the scan of
  the cadence over every period and line (learned.cadence.cadence) was a tenth of the
  model's time in compiled Python, and these columns half of its columns' time.
- count(text, stop, cues): features._count_in_python's (words, stop words, cue words,
  a digit) of a lower-cased block in one pass over its words: no list of them, no
  second pass for the cue words, no search of a pattern for a digit.
- count_in(table, text): count(text, stop, cues) without a str a word: the words are
  looked up in words_table(stop, cues), a table of the two sets' characters made once
  a stop list (features.py holds one for each of lang's lists), as they are read.
- text_table(text): words_table's table of the words of a text, made as count_in reads
  them (no str a word): count_in(text_table(a), b)[2] is the words b shares with a (the
  headline model's candidates with the content's opening, whose set of words was half
  the rows' cost); count_shared(table, text), how many of them, without their set.
- lang_table(sets), lang_hits(table, text): lang._stop_hits_in_python, a language
  sample's stop words counted by the set of languages each is in, the words looked up
  as they are read in a table made once of lang's dict of them (as count_in's).
- may_marks(table, text, price, forum): learned.marks._may_marks_in_python's bits, which of
  the price, code and forum patterns can match a block at all, in one call instead of
  some twenty substring tests and a lower-cased copy; `table` is marks_table()'s, made
  once from learned.marks's own tables of currency signs, words, marks and stems.
- lines_may_marks(table, blocks, lo, hi, price_words, forum_words): may_marks of every
  line of a dump in one call, each pattern asked by the line's words (learned.marks.
  page_marks), as bytes: a call through functools.partial, two flags and an int a line
  were a third of the marks' cost.
- key_sketch(text): reduce.repeats._sketch_in_python, a hash that texts of the same
  repeats key share (their text lower-cased and its spacing aside), without the
  lower-cased copy, the printable test and the join of the split: the reducer makes a
  key of a block only where its sketch is another's.
- constant_columns(values, n): learned.linerows._constants_in_python's columns of a
  page's values, each an array('d') of n lines holding it, copies of one array of n
  zeros filled: a slice and a repeat of an array a value cost that function more
  than a dump's marks.
- count_ranges(text, ranges): how many characters of a text are in a few ranges of code
  points, as lang's patterns of scripts count them by findall (a str a character found,
  after a scan that tried the class at every character: a language's detection of a
  dump spent half its time there).

tests/test_text.py holds them to WORD_RE.findall and to bytes.decode. The package works
without this module (lang.py and decode.py do the same in Python).
*/
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* The parts, in the order each needs the ones before (one compilation unit). */
#include "_buffers.h"
#include "_text_words.h"
#include "_text_wordtable.h"
#include "_text_langs.h"
#include "_text_marks.h"
#include "_text_sketch.h"
#include "_text_ranges.h"
#include "_text_utf8.h"
#include "_text_floats.h"
#include "_text_attrs.h"
#include "_text_lines.h"
#include "_text_blocks.h"
#include "_text_cadence.h"
#include "_text_context.h"

/* ------------------------------------------------------------------ the module */

static PyMethodDef methods[] = {
    {"words", words, METH_O, words_doc},
    {"word_set", word_set, METH_O, word_set_doc},
    {"utf8_valid", utf8_valid, METH_VARARGS, utf8_valid_doc},
    {"line_columns", line_columns, METH_VARARGS, line_columns_doc},
    {"line_shape", line_shape, METH_O, line_shape_doc},
    {"line_context", line_context, METH_VARARGS, line_context_doc},
    {"line_blocks", line_blocks, METH_VARARGS, line_blocks_doc},
    {"count", (PyCFunction)(void (*)(void))count, METH_FASTCALL, count_doc},
    {"words_table", words_table, METH_VARARGS, words_table_doc},
    {"count_in", (PyCFunction)(void (*)(void))count_in, METH_FASTCALL, count_in_doc},
    {"lang_table", lang_table, METH_O, lang_table_doc},
    {"lang_hits", (PyCFunction)(void (*)(void))lang_hits, METH_FASTCALL, lang_hits_doc},
    {"marks_table", marks_table, METH_VARARGS, marks_table_doc},
    {"may_marks", (PyCFunction)(void (*)(void))may_marks, METH_FASTCALL, may_marks_doc},
    {"key_sketch", key_sketch, METH_O, key_sketch_doc},
    {"lines_may_marks", lines_may_marks, METH_VARARGS, lines_may_marks_doc},
    {"count_ranges", count_ranges, METH_VARARGS, count_ranges_doc},
    {"constant_columns", constant_columns, METH_VARARGS, constant_columns_doc},
    {"text_table", text_table, METH_O, text_table_doc},
    {"count_shared", (PyCFunction)(void (*)(void))count_shared, METH_FASTCALL, count_shared_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "boilerstrip._text", "Loops over every character of a page, in C (see lang.py, decode.py).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__text(void) {
    for (Py_UCS4 c = 0; c < 128; c++) ASCII_ALNUM[c] = (unsigned char)(Py_UNICODE_ISALNUM(c) ? 1 : 0);
    for (Py_UCS4 c = 0; c < 256; c++) LATIN1_CLASS[c] = char_class(c);
    make_shape_steps();
    NO_CUES = PyFrozenSet_New(NULL);
    if (!NO_CUES || make_one_double() < 0) return NULL;
    PyObject **names[] = {&S_TEXT, &S_FEATURES, &S_CHARS, &S_WORDS, &S_CUES,
                          &S_LABEL, &S_SCORE, &S_STOP, &S_ENDS, &S_REPEATS, &S_GROUP};
    const char *spelled[] = {"text", "features", "chars", "words", "cues",
                             "label", "score", "stop_density", "ends_sentence", "repeats", "group"};
    for (int k = 0; k < 11; k++)
        if (!(*names[k] = PyUnicode_InternFromString(spelled[k]))) return NULL;
    return PyModule_Create(&module_def);
}
