"""Finders, the selector language (every construct, positive and negative) and search.

The selector cases run on two corpus texts with known structure: the seed speech
(parts 一、二、三; points 首先/第二…第四, 一要…六要, 一要…五要) and the 2025
government work report (part 三 has points （一）…（十）).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import orjson
import pytest

from speechmodel import (
    Marker,
    Paragraph,
    Part,
    Point,
    SelectorError,
    SpeechModelError,
    parse,
)
from speechmodel.cli import main
from speechmodel.files import parse_file
from speechmodel.nodes import Speech

NESTED = "一、甲\n（一）子。\n1.天\n2.地落实\n（二）丑\n二、乙\n（一）寅落实。\n（二）卯\n"
"""A text with points at depth 2 (the corpus has none)."""


@pytest.fixture(scope="module")
def seed(corpus_folder: Path) -> Speech:
    return parse_file(corpus_folder / "d00_seed_mayor_speech.txt")


@pytest.fixture(scope="module")
def report(corpus_folder: Path) -> Speech:
    return parse_file(corpus_folder / "d01_gwr_2025.txt")


def _ids(speech: Speech, selector: str) -> list[str]:
    return [node.id for node in speech.select(selector)]


# ---------------------------------------------------------------- finders


def test_find_all_and_points(seed: Speech) -> None:
    assert len(seed.find_all(Part)) == 3
    assert [m.text for m in seed.find_all(Marker)][:3] == ["一、", "首先", "第二"]
    assert len(seed.find_all(Point)) == 15 == len(seed.points()) == len(seed.points(depth=1))
    assert seed.points(depth=2) == ()
    assert all(isinstance(p, Paragraph) for p in seed.find_all(Paragraph))
    nested = parse(NESTED)
    assert [p.id for p in nested.points(depth=2)] == ["p1.1.1", "p1.1.2"]


# ---------------------------------------------------------------- selector constructs

SEED_CASES = [
    # type selectors
    ("part", ["p1", "p2", "p3"]),
    ("*", None),  # every part and point: checked below
    # [N]: the marker's value
    ("part[2]", ["p2"]),
    ("part[9]", []),
    # child and descendant combinators
    ("part[2] > point", ["p2.1", "p2.2", "p2.3", "p2.4", "p2.5", "p2.6"]),
    ("part[3] point", ["p3.1", "p3.2", "p3.3", "p3.4", "p3.5"]),
    ("point > point", []),
    ("point part", []),
    # attributes, each operator
    ("point[marker^=一要]", ["p2.1", "p3.1"]),
    ("point[marker=首先]", ["p1.1"]),
    (
        "point[marker!=一要][marker$=要]",
        ["p2.2", "p2.3", "p2.4", "p2.5", "p2.6", "p3.2", "p3.3", "p3.4", "p3.5"],
    ),
    ("point[text*=群众]", ["p1.4"]),
    ("point[text*=不存在的词]", []),
    ("point[style=第一]", ["p1.1", "p1.2", "p1.3", "p1.4"]),
    ("part[id=p3]", ["p3"]),
    ("point[value>=5]", ["p2.5", "p2.6", "p3.5"]),
    ("point[value<2]", ["p1.1", "p2.1", "p3.1"]),
    ("point[value<=1][value>0]", ["p1.1", "p2.1", "p3.1"]),
    ("point[depth=1]", None),
    ("point[depth=2]", []),
    ("point[depth!=1]", []),
    ('point[text^="把握好整体"]', ["p2.1"]),
    # pseudo-classes
    ("part:nth(3)", ["p3"]),
    ("part:nth(4)", []),
    ("part:nth(3) point", ["p3.1", "p3.2", "p3.3", "p3.4", "p3.5"]),
    ("point:first", ["p1.1", "p2.1", "p3.1"]),
    ("part:last > point:last", ["p3.5"]),
    (
        "point:contains(落实)",
        [
            "p1.1",
            "p1.2",
            "p1.3",
            "p1.4",
            "p2.1",
            "p2.2",
            "p2.5",
            "p3.1",
            "p3.2",
            "p3.3",
            "p3.4",
            "p3.5",
        ],
    ),
    ("point:contains(营商环境)", []),
    ("part:contains(守牢底线)", ["p2"]),
    # ids and alternatives
    ("#p2.3", ["p2.3"]),
    ("#p2.9", []),
    ("#p3.1, #p1", ["p1", "p3.1"]),  # document order, not selector order
    ("part[1], part[1] > point[1]", ["p1", "p1.1"]),
]


@pytest.mark.parametrize(("selector", "expected"), SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_selector_on_the_seed_speech(
    seed: Speech, selector: str, expected: list[str] | None
) -> None:
    found = _ids(seed, selector)
    if expected is None:  # "*" and "point[depth=1]": stated through the finders
        every = [n.id for n in seed.select("part, point")]
        assert found == (every if selector == "*" else [p.id for p in seed.points()])
        assert len(found) == (18 if selector == "*" else 15)
    else:
        assert found == expected


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("part:nth(3) > point[marker=（五）]", ["p3.5"]),
        ("point:contains(营商环境)", ["p3.5"]),
        ("part:nth(3) point:nth(10)", ["p3.10"]),
        ("part[3] > point[value>9]", ["p3.10"]),
        ("point[style=（一）][text^=大力提振消费]", ["p3.1"]),
        ("part[3] > point[marker=（十一）]", []),
    ],
)
def test_selector_on_the_2025_report(report: Speech, selector: str, expected: list[str]) -> None:
    assert _ids(report, selector) == expected


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("part:nth(1) point[depth=2]", ["p1.1.1", "p1.1.2"]),
        ("part > point", ["p1.1", "p1.2", "p2.1", "p2.2"]),
        ("part point", ["p1.1", "p1.1.1", "p1.1.2", "p1.2", "p2.1", "p2.2"]),
        ("point > point:last", ["p1.1.2"]),
        ("point:contains(落实)", ["p1.1", "p1.1.2", "p2.1"]),  # a sub-point's text counts
        ("point[depth>1]", ["p1.1.1", "p1.1.2"]),
        ("part:nth(2) point[depth=2]", []),
    ],
)
def test_selector_at_depth_two(selector: str, expected: list[str]) -> None:
    assert _ids(parse(NESTED), selector) == expected


def test_select_one(seed: Speech) -> None:
    found = seed.select_one("part[2] > point:nth(3)")
    assert isinstance(found, Point)
    assert found.marker.text == "三要"
    assert found.id == "p2.3"
    assert seed.select_one("point:contains(不存在)") is None


def test_empty_document() -> None:
    empty = parse("")
    assert empty.select("*") == ()
    assert empty.select_one("part") is None
    assert empty.search("落实") == ()
    assert empty.points() == ()


def test_contains_ignores_spliced_boilerplate() -> None:
    speech = parse("一、营商[1]环境\n二、乙\n")
    assert _ids(speech, "part:contains(营商环境)") == ["p1"]
    (hit,) = speech.search("营商环境")
    assert hit.span.start == 2
    assert hit.span.end == 9
    assert hit.id == "p1"
    assert (hit.line, hit.column) == (1, 3)


# ---------------------------------------------------------------- errors

ERRORS = [
    ("", "empty selector", 0),
    ("   ", "empty selector", 0),
    ("part[2", "expected ']'", 6),
    ("part[", "expected a value or an attribute name", 5),
    ("paragraph", "unknown node type 'paragraph'", 0),
    ("point[colour=红]", "unknown attribute 'colour'", 6),
    ("point[depth^=1]", "operator '^=' does not apply to depth", 11),
    ("point[depth=一]", "depth takes a whole number", 12),
    ("point[marker]", "expected an operator", 12),
    ("point[marker=]", "expected a value", 13),
    (":nth(0)", ":nth takes a position from 1", 5),
    (":nth(x)", ":nth takes a position from 1", 5),
    (":foo", "unknown pseudo-class ':foo'", 1),
    (":contains", "':contains' takes an argument", 1),
    (":first(1)", "':first' takes no argument", 1),
    ("part >", "unexpected end of selector", 6),
    ("> part", "unexpected '>'", 0),
    ("part,,point", "unexpected ','", 5),
    ("part @", "unexpected character '@'", 5),
    ("point:contains(落实", "expected ')'", 17),
    ("part[2]]", "unexpected character ']'", 7),
    ('point[text="abc]', "unterminated string", 16),
    ("落实", "unexpected character '落'", 0),
    ("#", "expected an id after '#'", 1),
]


@pytest.mark.parametrize(
    ("selector", "message", "position"), ERRORS, ids=[e[0] or "empty" for e in ERRORS]
)
def test_bad_selector(seed: Speech, selector: str, message: str, position: int) -> None:
    with pytest.raises(SelectorError) as caught:
        seed.select(selector)
    error = caught.value
    assert isinstance(error, SpeechModelError)
    assert message in str(error)
    assert error.position == position
    assert error.column == position + 1
    assert error.selector == selector
    # No lark exception is chained to it or shown with it.
    assert error.__cause__ is None
    assert error.__context__ is None or error.__suppress_context__


def test_caret_counts_cjk_as_two_columns() -> None:
    with pytest.raises(SelectorError) as caught:
        parse("").select("point:contains(落实")
    assert str(caught.value).splitlines() == [
        "expected ')' at column 18",
        "  point:contains(落实",
        "  " + " " * 19 + "^",
    ]


# ---------------------------------------------------------------- search


def test_search_on_the_corpus(report: Speech) -> None:
    hits = report.search("营商环境")
    assert len(hits) == 1
    (hit,) = hits
    assert report.source[hit.span.start : hit.span.end] == "营商环境"
    assert hit.id == "p3.5"
    assert hit.line == 104
    where = report.locate(hit.span)
    assert (where.start.line, where.start.column) == (hit.line, hit.column)


def test_search_hits_map_back(corpus_text: Path) -> None:
    """Each hit's source text (splices aside) is the searched text, in document order."""
    speech = parse_file(corpus_text)
    hits = speech.search("发展")
    assert [h.span.start for h in hits] == sorted(h.span.start for h in hits)
    for hit in hits:
        assert speech.source[hit.span.start : hit.span.end] == "发展"
        node = speech.get(hit.id) if hit.id else None
        assert hit.id is None or (node is not None and node.span.start <= hit.span.start)
    assert speech.search("") == ()


# ---------------------------------------------------------------- command line


def test_cli_query(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = tmp_path / "speech.txt"
    path.write_text(NESTED, encoding="utf-8")
    assert main(["query", str(path), "part[1] > point"]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == "p1.1\t（一）子。\np1.2\t（二）丑\n"
    assert main(["query", str(path), "point[depth=2]", "--json"]) == 0
    assert orjson.loads(capsysbinary.readouterr().out) == [
        {"id": "p1.1.1", "kind": "point", "marker": "1.", "text": "天", "span": [10, 13]},
        {"id": "p1.1.2", "kind": "point", "marker": "2.", "text": "地落实", "span": [14, 19]},
    ]


def test_cli_query_stdin_and_errors(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NESTED.encode("gb18030"))))
    assert main(["query", "-", "part", "--json"]) == 0
    assert [row["id"] for row in orjson.loads(capsysbinary.readouterr().out)] == ["p1", "p2"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert main(["query", "-", "part[", "--json"]) == 2
    out, err = capsysbinary.readouterr()
    assert out == b""
    assert b"Traceback" not in err
    assert err.decode("utf-8").splitlines()[1:] == ["  part[", "       ^"]
