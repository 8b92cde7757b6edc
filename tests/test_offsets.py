"""Offsets in every unit, checked against Python's own encoders and str.splitlines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speechmodel import Span, parse
from speechmodel.files import parse_file
from speechmodel.offsets import locate, position


def _expected(source: str, offset: int) -> tuple[int, int, int, int]:
    """(line, column, utf8, utf16) computed the slow, obvious way."""
    before = source[:offset]
    # Only \n, \r\n and \r break lines here, so normalise them and count.
    lines = before.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if before.endswith("\r") and source[offset : offset + 1] == "\n":
        lines = before[:-1].replace("\r\n", "\n").replace("\r", "\n").split("\n")
        lines[-1] += "\r"
    utf8 = len(before.encode("utf-8", "surrogatepass"))
    utf16 = len(before.encode("utf-16-le", "surrogatepass")) // 2
    return len(lines), len(lines[-1]) + 1, utf8, utf16


@pytest.mark.parametrize(
    ("source", "offset", "expected"),
    [
        ("", 0, (1, 1, 0, 0)),
        ("abc", 3, (1, 4, 3, 3)),
        ("同志们：", 2, (1, 3, 6, 2)),  # CJK: 3 UTF-8 bytes, 1 UTF-16 unit each
        ("é\n中", 3, (2, 2, 6, 3)),  # é is 2 bytes
        ("😀x", 1, (1, 2, 4, 2)),  # beyond the BMP: 4 bytes, a surrogate pair
        ("a\r\nb", 3, (2, 1, 3, 3)),  # \r\n is one line break
        ("a\r\nb", 2, (1, 3, 2, 2)),  # between \r and \n: still line 1
        ("a\rb", 2, (2, 1, 2, 2)),  # a lone \r breaks a line
    ],
    ids=["empty", "ascii", "cjk", "two-byte", "astral", "crlf", "inside-crlf", "cr"],
)
def test_position_table(source: str, offset: int, expected: tuple[int, int, int, int]) -> None:
    found = position(source, offset)
    assert (found.line, found.column, found.utf8, found.utf16) == expected
    assert _expected(source, offset) == expected


@given(st.text(), st.data())
def test_position_matches_the_encoders(source: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(source)))
    found = position(source, offset)
    assert found.offset == offset
    assert (found.line, found.column, found.utf8, found.utf16) == _expected(source, offset)


@given(st.text(alphabet=st.characters(categories=["Cs", "Lo", "So", "Zs"]), max_size=30))
def test_lone_surrogates_count_as_surrogatepass_writes_them(source: str) -> None:
    found = position(source, len(source))
    assert found.utf8 == len(source.encode("utf-8", "surrogatepass"))
    assert found.utf16 == len(source.encode("utf-16-le", "surrogatepass")) // 2


def test_locate_on_the_corpus(corpus_text: Path) -> None:
    """Every part's span, located: its UTF-8 and UTF-16 slices of the encoded source are
    the same text as its code-point slice, and the line is the one it starts on."""
    speech = parse_file(corpus_text)
    utf8 = speech.source.encode("utf-8", "surrogatepass")
    utf16 = speech.source.encode("utf-16-le", "surrogatepass")
    for node in speech.select("*"):
        where = speech.locate(node.span)
        text = speech.source[node.span.start : node.span.end]
        assert utf8[where.start.utf8 : where.end.utf8].decode("utf-8", "surrogatepass") == text
        assert utf16[where.start.utf16 * 2 : where.end.utf16 * 2].decode("utf-16-le") == text
        line = (
            speech.source.replace("\r\n", "\n")
            .replace("\r", "\n")
            .split("\n")[where.start.line - 1]
        )
        assert line[where.start.column - 1 :].startswith(node.marker.text)


def test_offset_outside_the_source() -> None:
    with pytest.raises(ValueError, match="outside"):
        position("abc", 4)
    assert locate("甲乙", Span(start=0, end=2)).end.utf8 == 6
    assert parse("一、甲\n二、乙").locate(Span(start=4, end=6)).start.line == 2
