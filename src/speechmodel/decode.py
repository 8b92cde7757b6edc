"""Stage 1: bytes → str.  The str is ``Speech.source``; every offset refers to it."""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from speechmodel.errors import SpeechDecodeError

__all__ = ["Replacement", "decode", "decode_replacing"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> str:
    """Decode a speech file: a BOM decides; else UTF-8; else GB18030 (a superset of GBK).

    The BOM is not part of the result.  Raises ``SpeechDecodeError`` with the byte
    offset when the bytes are neither, instead of returning mojibake.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, len(bom))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise SpeechDecodeError(
                "not UTF-8, UTF-16/32 with a BOM, or GB18030/GBK", offset=utf8_error.start
            ) from None


def _strict(data: bytes, encoding: str, skipped: int) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise SpeechDecodeError(f"invalid {encoding}", offset=skipped + error.start) from None


class Replacement(NamedTuple):
    """A run of undecodable bytes that ``decode_replacing`` replaced by one U+FFFD."""

    offset: int
    """Where the U+FFFD is in the decoded text (code points)."""
    byte_offset: int
    """Where the bytes were in the input."""
    length: int
    """How many bytes the U+FFFD stands for."""
    encoding: str
    """The encoding the rest of the input was read in."""


def decode_replacing(data: bytes) -> tuple[str, list[Replacement]]:
    """Decode like ``decode``, but replace undecodable bytes by U+FFFD and say where.

    A BOM still decides the encoding.  Without one, clean UTF-8 or GB18030 is
    returned as is; otherwise mostly-UTF-8 input is read as UTF-8, and anything
    else in the encoding that leaves fewer bytes undecoded (UTF-8 on a tie), so a
    GB18030 file with one bad byte does not become a page of replacement
    characters, nor a UTF-8 file with one bad byte GB18030 mojibake.  Every run of bad bytes becomes one U+FFFD and
    one ``Replacement``, which ``parse_file`` turns into a diagnostic.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _replacing(data[len(bom) :], encoding, len(bom))
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError:
            pass
    utf8 = _replacing(data, "utf-8", 0)
    lost = sum(r.length for r in utf8[1])
    # GB18030 reads almost any pair of high bytes, so UTF-8 with one bad byte would
    # often "decode" as GB18030 mojibake.  Random bytes, though, are rarely valid
    # UTF-8: when UTF-8 reads nine in ten of the non-ASCII bytes, it is UTF-8.
    if lost * 10 <= len(data.translate(None, _ASCII)):
        return utf8
    gb = _replacing(data, "gb18030", 0)
    return utf8 if lost <= sum(r.length for r in gb[1]) else gb


_ASCII = bytes(range(0x80))


_MARK = "speechmodel.mark"
_MARKED = re.compile("[\udc00-\udcff]+")
"""Runs of the stand-ins ``_mark`` writes: a single class with ``+``, a linear scan."""


def _mark(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each bad byte becomes the lone surrogate U+DC00 + byte.

    Like Python's ``surrogateescape``, but for every byte (that one refuses bytes
    below 0x80, which a bad UTF-16 or GB18030 sequence may hold).  A strict decoder
    never yields lone surrogates, so the stand-ins cannot be confused with text.
    The handler keeps no state: decoding stays linear and thread-safe.
    """
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + byte) for byte in bad), error.end


codecs.register_error(_MARK, _mark)


def _replacing(data: bytes, encoding: str, skipped: int) -> tuple[str, list[Replacement]]:
    marked = data.decode(encoding, _MARK)
    pieces: list[str] = []
    found: list[Replacement] = []
    position = length = 0
    byte_offset = skipped
    for run in _MARKED.finditer(marked):
        clean = marked[position : run.start()]
        byte_offset += len(clean.encode(encoding, "surrogatepass"))
        length += len(clean)
        count = run.end() - run.start()
        found.append(Replacement(length, byte_offset, count, encoding))
        pieces += (clean, "\ufffd")
        length += 1
        byte_offset += count
        position = run.end()
    pieces.append(marked[position:])
    return "".join(pieces), found
