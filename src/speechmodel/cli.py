"""The ``speechmodel`` command: ``parse`` and ``outline``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import orjson

from speechmodel.errors import SpeechModelError
from speechmodel.files import read_source
from speechmodel.outline import outline, outline_text
from speechmodel.parser import parse
from speechmodel.serialize import dumps

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="speechmodel", description="Parse the layout of Chinese official speeches."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parse_cmd = commands.add_parser("parse", help="print the full model as JSON")
    parse_cmd.add_argument("file", help="a speech file, or - for standard input")
    parse_cmd.add_argument("--indent", action="store_true", help="indent the JSON")
    outline_cmd = commands.add_parser("outline", help="print the outline")
    outline_cmd.add_argument("file", help="a speech file, or - for standard input")
    outline_cmd.add_argument("--json", action="store_true", help="print the outline as JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        speech = parse(read_source(args.file))
    except SpeechModelError as error:
        print(f"speechmodel: error: {error}", file=sys.stderr)
        return 2
    if args.command == "parse":
        output = dumps(speech, indent=args.indent) + b"\n"
    elif args.json:
        output = orjson.dumps(outline(speech), option=orjson.OPT_INDENT_2) + b"\n"
    else:
        output = outline_text(speech).encode("utf-8")
    sys.stdout.buffer.write(output)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
