"""Stage 1: bytes → str.  The str is ``Speech.source``; every offset refers to it."""

from __future__ import annotations

import codecs

from speechmodel.errors import SpeechDecodeError

__all__ = ["decode"]

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
