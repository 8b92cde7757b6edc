"""Reading speeches from files and standard input, in every format speechmodel reads.

The format comes from the file's extension (``--format`` overrides it); standard
input is sniffed.  Each reader turns its input into one text, which becomes
``Speech.source``; ``Speech.origin`` records the format and the file.
"""

from __future__ import annotations

import os
import sys

import attrs

from speechmodel import diagnostics
from speechmodel.decode import decode, decode_replacing
from speechmodel.errors import SpeechModelError
from speechmodel.nodes import Origin, Speech
from speechmodel.parser import parse

__all__ = ["FORMATS", "SpeechFileError", "parse_bytes", "parse_file", "parse_html", "read_source"]

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}
"""File extension → input format.  Other extensions are read as text."""


class SpeechFileError(SpeechModelError, OSError):
    """A file that cannot be read."""


def _read_bytes(path: str | os.PathLike[str]) -> bytes:
    try:
        if os.fspath(path) == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise SpeechFileError(f"cannot read {os.fspath(path)}: {error.strerror}") from None


def read_source(path: str | os.PathLike[str]) -> str:
    """The decoded text of a plain-text file (``-`` reads standard input)."""
    return decode(_read_bytes(path))


def detect_format(path: str | os.PathLike[str], data: bytes) -> str:
    """The format of ``data`` read from ``path``: by extension, else by content."""
    name = os.fspath(path)
    if name != "-":
        suffix = os.path.splitext(name)[1].lower()
        if suffix in FORMATS:
            return FORMATS[suffix]
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def parse_bytes(
    data: bytes, *, format: str, path: str | None = None, errors: str = "strict"
) -> Speech:
    """Parse the bytes of a speech in ``format`` (``text``, ``markdown``, ``html``, ``docx``).

    ``errors`` says what undecodable text bytes do: ``"strict"`` raises
    ``SpeechDecodeError`` with the byte offset; ``"replace"`` puts one U+FFFD for each
    run of them and an ``undecodable-bytes`` diagnostic at that spot.
    """
    if errors not in ("strict", "replace"):
        raise SpeechModelError(f"errors must be 'strict' or 'replace', not {errors!r}")
    if format in ("text", "markdown") and errors == "replace":
        text, replaced = decode_replacing(data)
        speech = diagnostics.add(
            parse(text),
            [
                diagnostics.undecodable(r.offset, r.byte_offset, r.length, r.encoding)
                for r in replaced
            ],
        )
    elif format == "html":
        from speechmodel.webpage import read_page  # the readers load with their format

        page = read_page(data)
        speech = parse(page.text, chrome=page.chrome, heading=page.heading)
    elif format == "docx":
        from speechmodel.word import read_docx

        speech = parse(read_docx(data))
    elif format in ("text", "markdown"):
        speech = parse(decode(data))
    else:
        raise SpeechModelError(f"unknown format {format!r}; use one of text, markdown, html, docx")
    return attrs.evolve(speech, origin=Origin(format=format, path=path))


def parse_file(
    path: str | os.PathLike[str], *, format: str | None = None, errors: str = "strict"
) -> Speech:
    """Read and parse a speech file (``-`` reads standard input).

    Text is decoded from UTF-8, UTF-16/32 with a BOM, or GB18030/GBK; a saved web
    page from its declared charset; a ``.docx`` with Word's automatic numbering
    rendered into the text.  Unreadable input raises a ``SpeechModelError``;
    ``errors="replace"`` reads undecodable text as U+FFFD with a diagnostic instead.
    """
    data = _read_bytes(path)
    name = os.fspath(path)
    chosen = format or detect_format(name, data)
    return parse_bytes(data, format=chosen, path=None if name == "-" else name, errors=errors)


def parse_html(page: str | bytes) -> Speech:
    """Parse a saved web page given as markup or as undecoded bytes."""
    from speechmodel.webpage import read_page

    read = read_page(page)
    speech = parse(read.text, chrome=read.chrome, heading=read.heading)
    return attrs.evolve(speech, origin=Origin(format="html", path=None))
