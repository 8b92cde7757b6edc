"""The ``speechmodel`` command.

Each subcommand is a ``_cmd_*`` function taking the parsed arguments and
returning the exit status: 0 for success, 1 when the command found errors in
its input, 2 for usage and I/O errors.  ``main`` turns every
``SpeechModelError`` into a one-line message on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import orjson

from speechmodel.errors import SpeechModelError
from speechmodel.files import FORMATS, parse_file
from speechmodel.nodes import Speech
from speechmodel.outline import outline, outline_text
from speechmodel.serialize import dumps

__all__ = ["main"]


def _read(args: argparse.Namespace) -> Speech:
    """The speech named on the command line, in the format ``--format`` or its extension says."""
    return parse_file(args.file, format=args.format)


def _add_input(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", help="a speech file, or - for standard input")
    command.add_argument(
        "--format",
        choices=sorted(set(FORMATS.values())),
        help="the input format (default: from the file's extension; stdin is sniffed)",
    )


def _cmd_parse(args: argparse.Namespace) -> int:
    speech = _read(args)
    _write(dumps(speech, indent=args.indent) + b"\n")
    return 0


def _cmd_outline(args: argparse.Namespace) -> int:
    speech = _read(args)
    if args.json:
        _write(orjson.dumps(outline(speech), option=orjson.OPT_INDENT_2) + b"\n")
    else:
        _write(outline_text(speech).encode("utf-8"))
    return 0


def _write(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="speechmodel", description="Parse the layout of Chinese official speeches."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    command = commands.add_parser("parse", help="print the full model as JSON")
    _add_input(command)
    command.add_argument("--indent", action="store_true", help="indent the JSON")
    command.set_defaults(handler=_cmd_parse)

    command = commands.add_parser("outline", help="print the outline")
    _add_input(command)
    command.add_argument("--json", action="store_true", help="print the outline as JSON")
    command.set_defaults(handler=_cmd_outline)

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        status: int = args.handler(args)
    except SpeechModelError as error:
        print(f"speechmodel: error: {error}", file=sys.stderr)
        return 2
    return status


if __name__ == "__main__":
    sys.exit(main())
