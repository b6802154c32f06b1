"""Command line: `boilerstrip clean [FILE|-] [--format text|json|markdown] [--comments]`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .api import Cleaner
from .errors import BoilerstripError
from .model import Result


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boilerstrip",
        description="Strip boilerplate from scraped news pages (HTML or plain-text dumps).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    clean = sub.add_parser("clean", help="clean one page and print the article")
    clean.add_argument("file", nargs="?", default="-", help="page file (HTML or text); - or none for stdin")
    clean.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    clean.add_argument("--comments", action="store_true", help="also extract reader comments")
    clean.add_argument("--url", help="the page's URL, copied into the result")
    clean.add_argument(
        "--blocks", action="store_true", help="with --format json: every block with its label and reasons"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        data = _read(args.file)
    except OSError as exc:
        print(f"boilerstrip: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    try:
        result = Cleaner().clean(data, url=args.url, include_comments=args.comments)
    except BoilerstripError as exc:
        print(f"boilerstrip: {args.file}: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(render(result, args.format, with_blocks=args.blocks))
    return 0


def render(result: Result, fmt: str, *, with_blocks: bool = False) -> str:
    """The result as plain text, JSON or Markdown, ending with a newline."""
    if fmt == "json":
        return json.dumps(result.to_dict(with_blocks=with_blocks), ensure_ascii=False, indent=1) + "\n"
    if fmt == "markdown":
        return result.to_markdown()
    text = result.text
    if result.comments:
        text += "\n\n" + "\n\n".join(c.text for c in result.comments)
    return text + "\n" if text else ""


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as fh:
        return fh.read()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
