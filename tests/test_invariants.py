"""The model's invariants on every corpus text: lossless JSON and exact leaf coverage."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from invariants import check_speech
from speechmodel import parse
from speechmodel.files import parse_file
from speechmodel.nodes import Marker, Paragraph, Part, Span, Speech, Text
from speechmodel.serialize import dumps, loads


def test_json_round_trip(corpus_text: Path) -> None:
    speech = parse_file(corpus_text)
    assert loads(dumps(speech)) == speech
    assert loads(dumps(speech, indent=True)) == speech


def test_invariants(corpus_text: Path) -> None:
    check_speech(parse_file(corpus_text))


# ------------------------------------------------------- the checker itself
#
# The corpus and property tests rely on ``check_speech``.  These cases hand it models
# that break one invariant each, so that a passing check is known to mean something.

SOURCE = "一、甲。乙\n二、丙"


def _paragraph(start: int, end: int) -> Paragraph:
    text = Text(span=Span(start=start, end=end), text=SOURCE[start:end])
    return Paragraph(span=Span(start=start, end=end), pieces=(text,))


def _speech(*, marker_end: int = 2, heading: tuple[int, int] = (2, 5), end: int = 5) -> Speech:
    """``SOURCE`` with only its first line modelled, as a part, unless told otherwise."""
    marker = Marker(
        span=Span(start=0, end=marker_end), text="一、", value=1, style="一、", delimiter="、"
    )
    part = Part(
        id="p1",
        span=Span(start=0, end=end),
        marker=marker,
        heading=_paragraph(*heading),
        body=(),
        points=(),
    )
    return Speech(source=SOURCE, children=(part,), announced=None, diagnostics=(), origin=None)


def test_checker_accepts_a_parsed_speech() -> None:
    speech = parse(SOURCE)
    assert len(speech.parts) == 2
    check_speech(speech)


def test_checker_rejects_uncovered_text() -> None:
    with pytest.raises(AssertionError, match="'二' at 6 lies in 0 leaves"):
        check_speech(_speech())


def test_checker_rejects_a_leaf_whose_text_is_not_its_span() -> None:
    good = _speech()
    part = good.parts[0]
    wrong = Text(span=part.heading.span, text="甲乙丙")
    heading = Paragraph(span=part.heading.span, pieces=(wrong,))
    broken = attrs.evolve(good, children=(attrs.evolve(part, heading=heading),))
    with pytest.raises(AssertionError, match="leaf text != source"):
        check_speech(broken)


def test_checker_rejects_a_marker_span_that_takes_more_than_punctuation() -> None:
    with pytest.raises(AssertionError, match="marker span takes more"):
        check_speech(_speech(marker_end=3, heading=(3, 5)))


def test_checker_rejects_overlapping_siblings() -> None:
    with pytest.raises(AssertionError, match="overlaps"):
        check_speech(_speech(heading=(1, 5)))


def test_checker_rejects_a_child_outside_its_parent() -> None:
    with pytest.raises(AssertionError, match="ends after its parent"):
        check_speech(_speech(end=4))
