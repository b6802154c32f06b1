"""A griffe extension for the docs site (mkdocs.yml): the comments beside and above a
field become its description on the API page, and an HTML tag named in a docstring or
comment (`<article>`, `<nav>`) shows as code instead of vanishing into the page.

Why: boilerstrip's dataclasses (Config, Result, Block, BatchOptions...) document their
fields with comments, the way the rest of the code does, not with a string under each
field. Rewriting them as attribute docstrings would touch every field of files others
edit; reading the comments where they are keeps one source. A field's description is
the block of comment lines right above the run of fields it belongs to (fields with no
blank line between them share the comment over the first), then its own comment at the
end of its line.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path
from typing import Any

import griffe


def _trailing_comment(line: str) -> str | None:
    """The comment at the end of a line of code (a `#` in a string is not one)."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(line).readline):
            if token.type == tokenize.COMMENT:
                return token.string.lstrip("#:").strip()
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    return None


_TAG = re.compile(r"</?[a-zA-Z][\w:-]*(?:\s[^<>`]*)?/?>")


def _tags_as_code(text: str) -> str:
    """`<tag>` outside code spans as a code span: the docstrings are rendered as Markdown,
    where a bare tag is raw HTML."""
    parts = text.split("`")
    for i in range(0, len(parts), 2):  # the even parts are outside code spans
        parts[i] = _TAG.sub(lambda m: f"`{m.group(0)}`", parts[i])
    return "`".join(parts)


_FIELD = re.compile(r"^(\s*)[A-Za-z_]\w*\s*:[^=]")  # `name: type` or `name: type = default`


def _comment_above(lines: list[str], index: int) -> list[str]:
    """The comment block over the run of fields that holds line `index` (0-based)."""
    indent = len(lines[index]) - len(lines[index].lstrip())
    i = index - 1
    while i >= 0 and (m := _FIELD.match(lines[i])) and len(m.group(1)) == indent:
        i -= 1  # another field of the same run
    block: list[str] = []
    while i >= 0 and lines[i].lstrip().startswith("#"):
        block.insert(0, lines[i].strip().lstrip("#:").strip())
        i -= 1
    return block


class FieldComments(griffe.Extension):
    """Give an attribute with no docstring the comments around it as its docstring;
    show HTML tags in docstrings as code."""

    def on_instance(self, *, node: Any, obj: griffe.Object, agent: Any, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = _tags_as_code(obj.docstring.value)

    def on_attribute_instance(self, *, node: Any, attr: griffe.Attribute, agent: Any, **kwargs: Any) -> None:
        if attr.docstring is not None or attr.lineno is None or not isinstance(attr.filepath, Path):
            return
        try:
            lines = attr.lines_collection[attr.filepath]
        except KeyError:
            return
        index = attr.lineno - 1
        parts = _comment_above(lines, index)
        own = _trailing_comment(lines[index])
        if own:
            parts.append(own)
        text = " ".join(p for p in parts if p)
        if text:
            attr.docstring = griffe.Docstring(_tags_as_code(text), lineno=attr.lineno, parent=attr)
