"""The parser's constructors make the same nodes as the attrs classes do."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import attrs
import pytest

from speechmodel import nodes, parse
from speechmodel.nodes import Boilerplate, Paragraph, Span, Text


def test_new_nodes_equal_those_of_init() -> None:
    span = nodes.new_span(3, 9)
    text = nodes.new_text(span, "同志们：")
    spliced = nodes.new_boilerplate(nodes.new_span(9, 17), "当前隐藏内容免费查看", "hidden-content")
    paragraph = nodes.new_paragraph(span, (text, spliced))
    assert span == Span(start=3, end=9)
    assert hash(span) == hash(Span(start=3, end=9))
    assert text == Text(span=Span(start=3, end=9), text="同志们：")
    assert spliced == Boilerplate(
        span=Span(start=9, end=17), text="当前隐藏内容免费查看", rule="hidden-content"
    )
    assert paragraph == Paragraph(span=Span(start=3, end=9), pieces=(text, spliced))
    assert pickle.loads(pickle.dumps(paragraph)) == paragraph


def test_new_nodes_are_frozen() -> None:
    span = nodes.new_span(0, 1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        span.start = 5  # type: ignore[misc]


def test_the_parsed_nodes_pass_the_checks_of_init() -> None:
    # Made again through ``__init__`` (which checks that spans are in order), all equal.
    speech = parse(
        "同志们：\n一、总体要求\n要抓好当前隐藏内容免费查看落实。\n"
        "二、重点任务\n（一）抓学习。学深悟透。\n（二）抓落实。\n来源：市政府网站\n"
    )
    assert len(speech.parts) == 2
    assert len(speech.parts[1].points) == 2
    pieces = speech.parts[0].body[0].pieces  # type: ignore[union-attr]
    assert [p.rule for p in pieces if isinstance(p, Boilerplate)] == ["hidden-content"]
    rebuilt = attrs.evolve(speech, children=tuple(_rebuilt(c) for c in speech.children))
    assert rebuilt == speech


def _rebuilt(node: Any) -> Any:
    """``node`` made again through the classes' ``__init__``, all the way down."""
    if isinstance(node, tuple):
        return tuple(_rebuilt(child) for child in node)
    if attrs.has(type(node)):
        values = {f.name: _rebuilt(getattr(node, f.name)) for f in attrs.fields(type(node))}
        return type(node)(**values)
    return node


def test_setters_must_name_every_field_in_order() -> None:
    with pytest.raises(TypeError, match="Span has the fields"):
        nodes._slot_setters(Span, "end", "start")


def test_a_node_reads_as_the_call_that_makes_it() -> None:
    paragraph = nodes.new_paragraph(
        nodes.new_span(0, 2), (Text(span=Span(start=0, end=2), text="好"),)
    )
    assert repr(paragraph) == (
        "Paragraph(span=Span(start=0, end=2), pieces=(Text(span=Span(start=0, end=2), text='好'),))"
    )
    assert eval(repr(paragraph), vars(nodes)) == paragraph


def test_a_speech_pickles_and_copies_whole() -> None:
    speech = parse(
        "同志们：\n一、总体要求\n（一）抓学习。学深悟透。\n（二）抓落实。\n二、重点任务\n谢谢大家！\n"
    )
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(speech, protocol=protocol)) == speech
    copied = copy.deepcopy(speech)
    assert copied == speech
    assert copied.parts[0] is not speech.parts[0]
