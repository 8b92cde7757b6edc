"""Reading speeches from files and standard input."""

from __future__ import annotations

import os
import sys

from speechmodel.decode import decode
from speechmodel.errors import SpeechModelError
from speechmodel.nodes import Speech
from speechmodel.parser import parse

__all__ = ["parse_file", "read_source"]


def read_source(path: str | os.PathLike[str]) -> str:
    """The decoded text of ``path`` (``-`` reads standard input)."""
    try:
        if os.fspath(path) == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise SpeechFileError(f"cannot read {os.fspath(path)}: {error.strerror}") from None
    return decode(data)


def parse_file(path: str | os.PathLike[str]) -> Speech:
    """Read, decode (UTF-8, UTF-16/32 with a BOM, GB18030/GBK) and parse a speech file."""
    return parse(read_source(path))


class SpeechFileError(SpeechModelError, OSError):
    """A file that cannot be read."""
