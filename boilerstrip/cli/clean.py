"""`boilerstrip clean`: pages to their articles, as text, JSON or Markdown."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import zlib
from collections.abc import Iterator
from typing import IO, Any

from ..api import Cleaner
from ..config import Config
from ..errors import BoilerstripError
from ..model import Label
from ..result import Result
from .codes import EXIT_FAILED, EXIT_NOTHING, EXIT_OK, EXIT_UNREADABLE
from .paths import path_problem


def run_clean(args: argparse.Namespace) -> int:
    """`boilerstrip clean`: each page to the output, its exit status by `EXIT_CODES`."""
    files, fmt = args.files or ["-"], _clean_format(args)
    if args.output and (problem := path_problem(args.output)):
        args.parser.error(f"argument -o/--output: {problem}")
    cleaner, statuses = Cleaner(), []
    try:
        with _opened(args.output) as out:
            for path in files:
                status, text = clean_file(cleaner, path, args, fmt, several=len(files) > 1)
                statuses.append(status)
                out.write(text)
    except OSError as exc:
        name = args.output if args.output and args.output != "-" else "stdout"
        print(f"boilerstrip: cannot write {name}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    if "unreadable" in statuses:
        return EXIT_UNREADABLE
    return EXIT_OK if {"ok", "empty"} & set(statuses) else EXIT_NOTHING


def _clean_format(args: argparse.Namespace) -> str:
    """The output format: one page in text by default; several pages, and --blocks,
    only as JSON (a format given that cannot hold them is a usage error)."""
    several = len(args.files) > 1
    if args.format in ("text", "markdown") and (several or args.blocks):
        what = "several files give one JSON line each" if several else "--blocks are written as JSON"
        args.parser.error(f"argument --format: {what}: leave --format out or use --format json")
    return args.format or ("json" if several or args.blocks else "text")


@contextlib.contextmanager
def _opened(path: str | None) -> Iterator[IO[str]]:
    """The output: stdout for none or "-", else the file (replaced, as a shell's `>` does)."""
    if not path or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(path, "w", encoding="utf-8") as fh:
        yield fh


def clean_file(
    cleaner: Cleaner, path: str, args: argparse.Namespace, fmt: str, *, several: bool
) -> tuple[str, str]:
    """(status, output text) of one page; a page that cannot be read or cleaned says why
    on stderr, and as a JSON line among several."""
    try:
        data = read_page(path)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return "unreadable", _failed(path, f"cannot read {path}: {reason}", several)
    try:
        result = cleaner.clean(data, url=args.url, include_comments=args.comments)
    except BoilerstripError as exc:
        return "error", _failed(path, f"{path}: {exc}", several)
    status = "ok" if result.text else "empty"
    if several:
        line = {"file": path, "status": status, **result_dict(result, with_blocks=args.blocks)}
        return status, json.dumps(line, ensure_ascii=False) + "\n"
    return status, render(result, fmt, with_blocks=args.blocks)


def _failed(path: str, message: str, several: bool) -> str:
    print(f"boilerstrip: {message}", file=sys.stderr)
    return (
        json.dumps({"file": path, "status": "error", "reason": message}, ensure_ascii=False) + "\n"
        if several
        else ""
    )


def read_page(path: str) -> bytes:
    """A page file's bytes ("-": stdin), inflated when it is gzipped (by its magic
    bytes, so a gzipped page on stdin is read too), to at most what `clean` accepts."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as fh:
            data = fh.read()
    if not data.startswith(b"\x1f\x8b"):
        return data
    from ..batch.inflate import TooLarge, inflate

    cap = Config().max_input_chars * 4
    try:
        return inflate(data, cap)
    except TooLarge as exc:
        raise ValueError(f"the gzipped page {exc}") from None
    except (EOFError, zlib.error) as exc:
        raise ValueError(f"corrupt gzip data: {exc}") from None


def render(result: Result, fmt: str, *, with_blocks: bool = False) -> str:
    """The result as plain text, JSON or Markdown, ending with a newline. In text,
    the comments come after a line that says how many there are, each after a `---`
    line (a comment's own paragraphs are apart by blank lines, as the article's)."""
    if fmt == "json":
        return json.dumps(result_dict(result, with_blocks=with_blocks), ensure_ascii=False, indent=1) + "\n"
    if fmt == "markdown":
        return result.to_markdown()
    parts = [result.text] if result.text else []
    if result.comments:
        parts.append(f"--- {count(len(result.comments), 'comment')} ---")
        parts.append("\n\n---\n\n".join(c.text for c in result.comments))
    return "\n\n".join(parts) + "\n" if parts else ""


def result_dict(result: Result, *, with_blocks: bool) -> dict[str, Any]:
    """`Result.to_dict`, each block with `kept`: whether its text is in the article."""
    out = result.to_dict(with_blocks=with_blocks)
    if with_blocks:
        for block, shown in zip(result.blocks, out["blocks"], strict=True):
            shown["kept"] = block.label is Label.ARTICLE
    return out


def count(n: int, noun: str) -> str:
    """`1 record`, `2 records`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
