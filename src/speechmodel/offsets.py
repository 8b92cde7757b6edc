"""Positions in every unit, derived from code-point offsets on demand (docs/query.md).

Spans are stored in code points (Python ``str`` indices).  Editors want a line and
a column, byte-oriented tools UTF-8 offsets, and JavaScript front ends UTF-16 code
units; this module converts, so the model stores one unit and never goes stale.

Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``, as editors count them; columns
count code points from 1.  UTF-8 and UTF-16 offsets count what Python's own
``encode("utf-8")`` and ``encode("utf-16-le")`` would produce for the text before the
offset (a lone surrogate counts as ``surrogatepass`` writes it).
"""

from __future__ import annotations

import re

import attrs

from speechmodel.nodes import Span

__all__ = ["Location", "Position", "locate", "position"]


@attrs.frozen(kw_only=True)
class Position:
    """One offset of a source text, in every unit."""

    offset: int
    """Code points before it (the unit of ``Span``)."""
    line: int
    """1-based line number."""
    column: int
    """1-based column, in code points from the start of the line."""
    utf8: int
    """Bytes before it in UTF-8."""
    utf16: int
    """UTF-16 code units before it (what JavaScript's string indices count)."""


@attrs.frozen(kw_only=True)
class Location:
    """Both ends of a span, in every unit."""

    start: Position
    """The first code point of the span."""
    end: Position
    """One past the last code point."""


def position(source: str, offset: int) -> Position:
    """``offset`` (code points, ``0 <= offset <= len(source)``) in every unit."""
    if not 0 <= offset <= len(source):
        raise ValueError(f"offset {offset} lies outside a text of {len(source)} code points")
    before = source[:offset]
    # A "\r\n" counts once: count its "\n", and each "\r" not followed by "\n".
    lines = before.count("\n") + before.count("\r") - before.count("\r\n")
    if before.endswith("\r") and source[offset : offset + 1] == "\n":
        lines -= 1  # inside a "\r\n": still on the line the "\r" ends
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    if line_start == offset and before.endswith("\r") and source[offset : offset + 1] == "\n":
        line_start = max(before[:-1].rfind("\n"), before[:-1].rfind("\r")) + 1
    return Position(
        offset=offset,
        line=lines + 1,
        column=offset - line_start + 1,
        utf8=_utf8_length(before),
        utf16=_utf16_length(before),
    )


def locate(source: str, span: Span) -> Location:
    """Where ``span`` lies in ``source``, in every unit."""
    return Location(start=position(source, span.start), end=position(source, span.end))


_AT_LEAST_2 = re.compile("[\u0080-\U0010ffff]")
_AT_LEAST_3 = re.compile("[\u0800-\U0010ffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _count(pattern: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` match ``pattern`` (at C speed: delete, compare)."""
    return len(text) - len(pattern.sub("", text))


def _utf8_length(text: str) -> int:
    """Bytes of ``text`` in UTF-8, counted from the code points: one byte each, plus one
    from U+0080, another from U+0800 and another beyond the BMP."""
    return len(text) + _count(_AT_LEAST_2, text) + _count(_AT_LEAST_3, text) + _count(_ASTRAL, text)


def _utf16_length(text: str) -> int:
    """UTF-16 code units of ``text``: two for code points beyond the BMP, else one."""
    return len(text) + _count(_ASTRAL, text)
