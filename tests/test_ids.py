"""Ids: readable, built from marker values, unique, stable across re-parses and JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechmodel import Part, Point, dumps, loads, parse
from speechmodel.files import parse_file
from speechmodel.ids import ID_PATTERN, index
from speechmodel.nodes import numbered


def _ids(text: str) -> list[str]:
    return [node.id for node in numbered(parse(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、甲\n二、乙\n", ["p1", "p2"]),
        (
            "一、甲\n（一）子\n（二）丑\n二、乙\n（一）寅\n（二）卯\n",
            ["p1", "p1.1", "p1.2", "p2", "p2.1", "p2.2"],
        ),
        (
            "一、甲\n（一）子\n1.天\n2.地\n（二）丑\n二、乙\n",
            ["p1", "p1.1", "p1.1.1", "p1.1.2", "p1.2", "p2"],
        ),
        # Restarted top-level runs repeat values: the n-th repeat of a value gets -n.
        (
            "一是甲。\n二是乙。\n三是丙。\n一是丁。\n二是戊。\n三是己。\n四是庚。\n",
            ["p1", "p2", "p3", "p1-2", "p2-2", "p3-2", "p4"],
        ),
        ("", []),
        ("没有编号的一段话。\n", []),
    ],
    ids=["parts", "points", "sub-points", "restarted-runs", "empty", "no-numbering"],
)
def test_id_table(text: str, expected: list[str]) -> None:
    assert _ids(text) == expected


def test_ids_on_the_corpus(corpus_text: Path) -> None:
    """Every part and point has an ASCII id, unique, matching the documented pattern, and
    derived from its marker value and its parent's id."""
    speech = parse_file(corpus_text)
    nodes = list(numbered(speech))
    ids = [node.id for node in nodes]
    assert len(set(ids)) == len(ids)
    for node in nodes:
        assert ID_PATTERN.fullmatch(node.id), node.id
        assert node.id.isascii()
        last = node.id.rsplit(".", 1)[-1].removeprefix("p").split("-")[0]
        assert last == str(node.marker.value)
    for part in speech.parts:
        assert part.id.startswith("p")
        assert "." not in part.id
        for point in part.points:
            assert point.id.startswith(part.id + ".")
    assert index(speech) == {node.id: node for node in nodes}


def test_ids_are_stable(corpus_text: Path) -> None:
    """Parse twice: same ids; ids survive ``loads(dumps(…))`` and ``get`` finds them."""
    first = parse_file(corpus_text)
    again = parse_file(corpus_text)
    assert [n.id for n in numbered(first)] == [n.id for n in numbered(again)]
    loaded = loads(dumps(first))
    assert [n.id for n in numbered(loaded)] == [n.id for n in numbered(first)]
    for node in numbered(first):
        assert loaded.get(node.id) == node


def test_ids_do_not_depend_on_wording_or_offsets() -> None:
    """A heading reworded and a paragraph inserted before the parts keep every id."""
    before = parse("一、甲\n（一）子\n（二）丑\n二、乙\n")
    after = parse("前言一段。\n一、甲乙丙丁\n（一）子\n（二）丑寅\n二、乙\n")
    assert [n.id for n in numbered(before)] == [n.id for n in numbered(after)]


def test_get() -> None:
    speech = parse("一、甲\n（一）子\n（二）丑\n二、乙\n")
    part, point = speech.get("p1"), speech.get("p1.2")
    assert isinstance(part, Part)
    assert part.heading.text == "甲"
    assert isinstance(point, Point)
    assert point.lead.text == "丑"
    for unknown in ("p9", "p1.9", "", "二", "p1.2.3", "P1"):
        assert speech.get(unknown) is None
    assert parse("").get("p1") is None


def test_json_carries_ids() -> None:
    data = dumps(parse("一、甲\n（一）子\n（二）丑\n二、乙\n"))
    assert b'"id":"p1"' in data
    assert b'"id":"p1.1"' in data
    assert b'"id":"p2"' in data
