"""The ``speechmodel`` command.

Each subcommand is a ``_cmd_*`` function taking the parsed arguments and
returning the exit status: 0 for success, 1 when the command found errors in
its input, 2 for usage and I/O errors.  ``main`` turns every
``SpeechModelError`` into a one-line message on stderr, never a traceback.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, BinaryIO, NoReturn

import orjson

from speechmodel import diagnostics
from speechmodel.errors import SpeechModelError, caret_context
from speechmodel.files import FORMATS, parse_file
from speechmodel.nodes import Diagnostic, Speech
from speechmodel.outline import outline, outline_text

if TYPE_CHECKING:
    import argparse  # imported by ``_parser``, which a one-file run never calls
    from pathlib import Path  # the batch commands' paths; one file never loads pathlib

    _Subcommands = argparse._SubParsersAction[argparse.ArgumentParser]

__all__ = ["main"]


def _read(args: SimpleNamespace) -> Speech:
    """The speech named on the command line, in the format ``--format`` or its extension says."""
    return parse_file(args.file, format=args.format)


def _add_input(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", help="a speech file, or - for standard input")
    command.add_argument(
        "--format",
        choices=sorted(set(FORMATS.values())),
        help="the input format (default: from the file's extension; stdin is sniffed)",
    )


def _cmd_parse(args: SimpleNamespace) -> int:
    """One file: its JSON, as it always was.  Several, a directory, or ``--jsonl``: a batch."""
    from speechmodel.serialize import dumps  # cattrs: loaded only where JSON is written

    if len(args.files) == 1 and not (args.jsonl or args.output or os.path.isdir(args.files[0])):
        args.file = args.files[0]
        speech = _read(args)
        _write(dumps(speech, indent=args.indent) + b"\n")
        return 0
    if args.format or args.indent:
        print("speechmodel: error: --format and --indent apply to one file", file=sys.stderr)
        return 2
    from speechmodel.batch import ParseFailure, expand_paths, parse_many

    paths = expand_paths(args.files)
    progress = _Progress(paths)
    with _output(args.output) as out:
        for path, result in zip(
            paths, parse_many(paths, workers=args.jobs, then=dumps), strict=True
        ):
            if isinstance(result, ParseFailure):
                progress.failed(path, result.reason)
            else:
                out.write(result + b"\n")
            progress.advance(path)
    return progress.finish()


def _cmd_table(args: SimpleNamespace) -> int:
    """One row per node of every document, as Parquet (or CSV with ``--csv``)."""
    from speechmodel.batch import ParseFailure, expand_paths, parse_many
    from speechmodel.table import Row, document_rows, write_csv, write_parquet

    paths = expand_paths(args.inputs)
    progress = _Progress(paths)

    def rows() -> Iterator[Row]:
        for path, result in zip(
            paths, parse_many(paths, workers=args.jobs, then=document_rows), strict=True
        ):
            if isinstance(result, ParseFailure):
                progress.failed(path, result.reason)
            else:
                yield from result
            progress.advance(path)

    (write_csv if args.csv else write_parquet)(rows(), args.output)
    return progress.finish()


class _Progress:
    """A progress bar on stderr when stderr is a terminal, and the closing summary."""

    WIDTH = 30

    def __init__(self, paths: Sequence[Path]) -> None:
        self.total = len(paths)
        self.done = self.errors = self.size = 0
        self.started = time.perf_counter()
        self.shown = sys.stderr.isatty()

    def advance(self, path: Path) -> None:
        self.done += 1
        with contextlib.suppress(OSError):  # an unreadable file was reported already
            self.size += path.stat().st_size
        if self.shown:
            filled = self.WIDTH * self.done // max(self.total, 1)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            print(f"\r[{bar}] {self.done}/{self.total}", end="", file=sys.stderr, flush=True)

    def failed(self, path: Path, reason: str) -> None:
        self.errors += 1
        if self.shown:
            print(file=sys.stderr)
        print(f"speechmodel: error: {path}: {reason}", file=sys.stderr)

    def finish(self) -> int:
        """Print the summary; the exit status is 1 when a document failed."""
        if self.shown:
            print(file=sys.stderr)
        seconds = time.perf_counter() - self.started
        print(
            f"speechmodel: {self.done} documents, {self.size / 1e6:.1f} MB, "
            f"{self.errors} errors, {seconds:.1f} s",
            file=sys.stderr,
        )
        return 1 if self.errors else 0


@contextlib.contextmanager
def _output(name: str | None) -> Iterator[BinaryIO]:
    """The file ``-o`` names, else standard output."""
    if name is None or name == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    try:
        handle = open(name, "wb")  # noqa: SIM115 -- opened here to turn OSError into our error
    except OSError as error:
        raise SpeechModelError(f"cannot write {name}: {error.strerror}") from None
    with handle:
        yield handle


def _cmd_outline(args: SimpleNamespace) -> int:
    speech = _read(args)
    if args.json:
        _write(orjson.dumps(outline(speech), option=orjson.OPT_INDENT_2) + b"\n")
    else:
        _write(outline_text(speech).encode("utf-8"))
    return 0


def _cmd_check(args: SimpleNamespace) -> int:
    """Lint each file; go on past a file that cannot be read, and report it."""
    shown = diagnostics.SEVERITIES[: diagnostics.SEVERITIES.index(args.min_severity) + 1]
    status = 0
    report: list[dict[str, object]] = []
    for name in args.files:
        try:
            speech = parse_file(name, format=args.format, errors="replace")
        except SpeechModelError as error:
            print(f"speechmodel: error: {error}", file=sys.stderr)
            report.append({"file": name, "error": str(error)})
            status = 2
            continue
        if any(d.severity == "error" for d in speech.diagnostics) and status == 0:
            status = 1
        index = diagnostics.LineIndex(speech.source)
        found = []
        for diagnostic in speech.diagnostics:
            if diagnostic.severity not in shown:
                continue
            line, column = index.locate(diagnostic.span.start)
            found.append({"line": line, "column": column, **_plain(diagnostic)})
            if args.format_ == "text":
                context = caret_context(index.line_text(line), column, len(diagnostic.span))
                _write(
                    f"{name}:{line}:{column}: {diagnostic.code} [{diagnostic.severity}] "
                    f"{diagnostic.message}\n{context}\n".encode()
                )
        report.append({"file": name, "diagnostics": found})
    if args.format_ == "json":
        _write(orjson.dumps(report, option=orjson.OPT_INDENT_2) + b"\n")
    return status


def _plain(diagnostic: Diagnostic) -> dict[str, object]:
    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity,
        "message": diagnostic.message,
        "span": [diagnostic.span.start, diagnostic.span.end],
    }


def _cmd_schema(args: SimpleNamespace) -> int:
    from speechmodel.schema import json_schema

    _write(orjson.dumps(json_schema(), option=orjson.OPT_INDENT_2) + b"\n")
    return 0


def _add_batch_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes (default 1; 0 means one per CPU)",
    )


def _cmd_query(args: SimpleNamespace) -> int:
    """Print the parts and points a selector matches: ``id  marker heading`` lines, or JSON.

    The query modules are imported here, not at the top, so that the other commands
    never load the selector grammar.
    """
    from speechmodel.nodes import Part
    from speechmodel.query import select
    from speechmodel.render import heading_line

    speech = _read(args)
    matches = select(speech, args.selector)
    if args.json:
        rows = [
            {
                "id": node.id,
                "kind": "part" if isinstance(node, Part) else "point",
                "marker": node.marker.text,
                "text": node.lead.text,
                "span": [node.span.start, node.span.end],
            }
            for node in matches
        ]
        _write(orjson.dumps(rows, option=orjson.OPT_INDENT_2) + b"\n")
    else:
        lines = (f"{node.id}\t{heading_line(node, speech.source)}\n" for node in matches)
        _write("".join(lines).encode("utf-8"))
    return 0


def _cmd_text(args: SimpleNamespace) -> int:
    from speechmodel.render import plain_text

    _write(plain_text(_read(args)).encode("utf-8"))
    return 0


def _cmd_markdown(args: SimpleNamespace) -> int:
    from speechmodel.render import markdown

    _write(markdown(_read(args)).encode("utf-8"))
    return 0


def _cmd_chunks(args: SimpleNamespace) -> int:
    """JSON Lines: one chunk per line, ``spans`` as ``[start, end]`` pairs."""
    from speechmodel.chunks import chunks

    if args.max_chars < 1 or not 0 <= args.overlap < args.max_chars:
        raise SpeechModelError("need --max-chars >= 1 and 0 <= --overlap < --max-chars")
    found = chunks(_read(args), max_chars=args.max_chars, overlap=args.overlap)
    lines = (
        orjson.dumps(
            {
                "text": chunk.text,
                "breadcrumb": chunk.breadcrumb,
                "path": list(chunk.path),
                "ids": list(chunk.ids),
                "spans": [[span.start, span.end] for span in chunk.spans],
                "overlap": chunk.overlap,
            }
        )
        + b"\n"
        for chunk in found
    )
    _write(b"".join(lines))
    return 0


def _write(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _add_parse(commands: _Subcommands) -> None:
    command = commands.add_parser(
        "parse",
        help="print the full model as JSON",
        description="One file prints its JSON.  Several files or directories (searched "
        "recursively) print JSON Lines, one document per line, and a summary on stderr.",
    )
    command.add_argument(
        "files", nargs="+", metavar="FILE", help="speech files or directories, or - for stdin"
    )
    command.add_argument(
        "--format",
        choices=sorted(set(FORMATS.values())),
        help="the input format of one file (default: from the extension; stdin is sniffed)",
    )
    command.add_argument("--indent", action="store_true", help="indent the JSON of one file")
    command.add_argument("--jsonl", action="store_true", help="JSON Lines, even for one file")
    _add_batch_options(command)
    command.add_argument("-o", "--output", help="write to this file instead of stdout")
    command.set_defaults(handler=_cmd_parse)


def _add_table(commands: _Subcommands) -> None:
    command = commands.add_parser(
        "table", help="one row per node of every document, as Parquet or CSV"
    )
    command.add_argument("inputs", nargs="+", metavar="PATH", help="speech files or directories")
    command.add_argument("-o", "--output", required=True, help="the table file to write")
    command.add_argument(
        "--csv", action="store_true", help="write CSV (default: Parquet, needs pyarrow)"
    )
    _add_batch_options(command)
    command.set_defaults(handler=_cmd_table)


def _add_outline(commands: _Subcommands) -> None:
    command = commands.add_parser("outline", help="print the outline")
    _add_input(command)
    command.add_argument("--json", action="store_true", help="print the outline as JSON")
    command.set_defaults(handler=_cmd_outline)


def _add_check(commands: _Subcommands) -> None:
    command = commands.add_parser(
        "check",
        help="lint speeches: file:line:col: CODE [severity] message, the line and a caret",
        description="Exit status: 0 no errors, 1 errors found, 2 a file could not be read.",
    )
    command.add_argument("files", nargs="+", metavar="FILE", help="speech files")
    command.add_argument(
        "--format",
        dest="format_",
        choices=("text", "json"),
        default="text",
        help="the report's format (default: text)",
    )
    command.add_argument(
        "--input-format",
        dest="format",
        choices=sorted(set(FORMATS.values())),
        help="the files' format (default: from each file's extension)",
    )
    command.add_argument(
        "--min-severity",
        choices=diagnostics.SEVERITIES,
        default="warning",
        help="the least severe diagnostics shown (default: warning)",
    )
    command.set_defaults(handler=_cmd_check)


def _add_schema(commands: _Subcommands) -> None:
    command = commands.add_parser("schema", help="print the JSON Schema of the parse output")
    command.set_defaults(handler=_cmd_schema)


def _add_query(commands: _Subcommands) -> None:
    command = commands.add_parser(
        "query", help="print the parts and points a selector matches (docs/query.md)"
    )
    _add_input(command)
    command.add_argument("selector", help="e.g. 'part[2] > point' or 'point:contains(落实)'")
    command.add_argument(
        "--json", action="store_true", help="a JSON array of {id, kind, marker, text, span}"
    )
    command.set_defaults(handler=_cmd_query)


def _add_text(commands: _Subcommands) -> None:
    command = commands.add_parser("text", help="print the clean text, without boilerplate")
    _add_input(command)
    command.set_defaults(handler=_cmd_text)


def _add_markdown(commands: _Subcommands) -> None:
    command = commands.add_parser("markdown", help="print the speech as Markdown")
    _add_input(command)
    command.set_defaults(handler=_cmd_markdown)


def _add_chunks(commands: _Subcommands) -> None:
    command = commands.add_parser(
        "chunks", help="print retrieval chunks as JSON Lines (docs/chunks.md)"
    )
    _add_input(command)
    command.add_argument(
        "--max-chars", type=int, default=800, metavar="N", help="chunk size bound (default 800)"
    )
    command.add_argument(
        "--overlap", type=int, default=0, metavar="N", help="characters repeated (default 0)"
    )
    command.set_defaults(handler=_cmd_chunks)


_COMMANDS: dict[str, Callable[[_Subcommands], None]] = {
    "parse": _add_parse,
    "table": _add_table,
    "outline": _add_outline,
    "check": _add_check,
    "schema": _add_schema,
    "query": _add_query,
    "text": _add_text,
    "markdown": _add_markdown,
    "chunks": _add_chunks,
}
"""Each command and the function adding its subparser, in the order ``--help`` lists them."""


def _parser(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The argument parser; given a known command, with that command's arguments only.

    Every subcommand costs argparse a few gettext look-ups on disk, about a
    tenth of a millisecond each: a one-file run builds the one it needs.
    """
    import argparse

    parser = argparse.ArgumentParser(
        prog="speechmodel", description="Parse the layout of Chinese official speeches."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    wanted = argv[0] if argv and argv[0] in _COMMANDS else None
    for name, add in _COMMANDS.items():
        if wanted in (None, name):
            add(commands)
    return parser


_ONE_FILE: dict[str, dict[str, object]] = {
    "parse": {
        "files": None,
        "format": None,
        "indent": False,
        "jsonl": False,
        "jobs": 1,
        "output": None,
        "handler": _cmd_parse,
    },
    "outline": {"file": None, "format": None, "json": False, "handler": _cmd_outline},
    "check": {
        "files": None,
        "format_": "text",
        "format": None,
        "min_severity": "warning",
        "handler": _cmd_check,
    },
    "text": {"file": None, "format": None, "handler": _cmd_text},
    "markdown": {"file": None, "format": None, "handler": _cmd_markdown},
    "chunks": {
        "file": None,
        "format": None,
        "max_chars": 800,
        "overlap": 0,
        "handler": _cmd_chunks,
    },
}
"""What argparse makes of ``speechmodel COMMAND FILE``, for each command that takes
that form, with ``None`` where the file goes (``files`` holds a list of it)."""


def _one_file_args(argv: Sequence[str]) -> SimpleNamespace | None:
    """The arguments of ``speechmodel COMMAND FILE`` with no option, read without
    argparse; None for every other command line, which argparse reads.

    A shell loop runs this form once per file, and importing argparse and building
    its parser (its gettext look-ups import ``locale``) were a sixth of such a run
    beyond importing lark, attrs and orjson.  A test checks that these are the
    arguments argparse gives, for every command that takes this form.
    """
    if len(argv) != 2 or argv[0] not in _ONE_FILE:
        return None
    if argv[1].startswith("-") and argv[1] != "-":  # an option, for argparse to read
        return None
    command, name = argv
    args = SimpleNamespace(command=command, **_ONE_FILE[command])
    if "files" in _ONE_FILE[command]:
        args.files = [name]
    else:
        args.file = name
    return args


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    args = _one_file_args(argv) or _parser(argv).parse_args(argv, namespace=SimpleNamespace())
    try:
        status: int = args.handler(args)
    except SpeechModelError as error:
        print(f"speechmodel: error: {error}", file=sys.stderr)
        return 2
    return status


def run() -> NoReturn:
    """The ``speechmodel`` program: ``main`` in a process of its own, then exit."""
    # What is alive now (modules, classes, compiled patterns) lives until the process
    # ends.  Frozen, it is never walked by the cycle collector again: neither during
    # the run nor in the full collection at interpreter exit, which alone was a tenth
    # of a one-file run.  ``main`` itself leaves the collector as it is, for callers
    # that run it in a process they keep.
    gc.freeze()
    try:
        status = main()
        sys.stdout.flush()  # here, where a closed pipe can still be answered
    except KeyboardInterrupt:  # Ctrl-C: a word, not a traceback; 128 + SIGINT
        sys.stderr.write("speechmodel: interrupted\n")
        status = 130
    except BrokenPipeError:
        # The reader went away (``speechmodel parse … | head``): stop quietly, with
        # the status of a program that SIGPIPE ended, 128 + 13.  Python would flush
        # stdout once more at exit and fail again, so it gets somewhere to write.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 141
    sys.exit(status)


if __name__ == "__main__":
    run()
