"""Chunks: size bound, coverage exactly once, spans back to the source, breadcrumbs.

The properties run hypothesis over the corpus texts (any text, any size bound) and
over arbitrary text; the table cases state the chunks of a small speech exactly.
"""

from __future__ import annotations

import functools
import itertools
import re
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import corpus_texts
from speechmodel import Chunk, Part, Point, Speech, parse, plain_text
from speechmodel.chunks import BREADCRUMB_SEPARATOR
from speechmodel.cli import main
from speechmodel.files import parse_file
from speechmodel.nodes import numbered
from speechmodel.render import content_lines, heading_line

SPEECH = "同志们：\n一、抓落实\n（一）要细。具体要求。\n（二）要实。\n二、强作风\n谢谢大家！\n"

SENTENCE = re.compile(r"[。！？；!?;]+[”’」』）)》\"']*")
"""A sentence end, as docs/chunks.md defines it."""


@functools.cache
def _corpus() -> tuple[Speech, ...]:
    return tuple(parse_file(path) for path in corpus_texts())


def check_chunks(speech: Speech, chunks: tuple[Chunk, ...], max_chars: int) -> None:
    """Every invariant docs/chunks.md promises for ``overlap=0``."""
    source = speech.source
    # Size bound.
    assert all(0 < len(chunk.text) <= max_chars for chunk in chunks)
    # Coverage, exactly once: the chunks' text is the plain text, in order, and their
    # spans never overlap.
    assert "".join(c.text for c in chunks).replace("\n", "") == plain_text(speech).replace("\n", "")
    spans = [span for chunk in chunks for span in chunk.spans]
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    # Spans map back to the source.
    for chunk in chunks:
        assert chunk.overlap == 0
        joined = "".join(source[span.start : span.end] for span in chunk.spans)
        assert joined == chunk.text.replace("\n", "")
    # Breadcrumbs: the headings of the parts and points around every span of the chunk.
    nodes = list(numbered(speech))
    for chunk in chunks:
        enclosing = [
            node
            for node in nodes
            if all(node.span.start <= s.start and s.end <= node.span.end for s in chunk.spans)
        ]
        assert [node.id for node in enclosing] == list(chunk.path)
        expected = BREADCRUMB_SEPARATOR.join(heading_line(node, source) for node in enclosing)
        assert chunk.breadcrumb == expected
        for node_id in chunk.ids:
            node = speech.get(node_id)
            assert node is not None
            assert any(node.span.start <= s.start < node.span.end for s in chunk.spans)
    # Sentences are whole unless one alone is longer than the bound: where a cut falls
    # inside a paragraph, the sentence around it is longer than max_chars.
    where: dict[int, tuple[str, int]] = {}  # source offset → (its line, index in the line)
    for line in content_lines(speech, source):
        for index in range(1, len(line.text)):
            where[line.offset(index)] = (line.text, index)
    for chunk in chunks[:-1]:
        text, index = where.get(chunk.spans[-1].end, ("", 0))
        ends = [0, *(m.end() for m in SENTENCE.finditer(text)), len(text)]
        if text and index not in ends:
            start = max(e for e in ends if e < index)
            end = min(e for e in ends if e > index)
            assert end - start > max_chars, (text[start:end], max_chars)


@given(st.data(), st.integers(min_value=20, max_value=3000))
def test_chunk_properties_on_the_corpus(data: st.DataObject, max_chars: int) -> None:
    corpus = _corpus()
    if not corpus:
        pytest.skip("dev corpus not found")
    speech = data.draw(st.sampled_from(corpus))
    check_chunks(speech, speech.chunks(max_chars=max_chars), max_chars)


@given(
    st.text(
        alphabet=st.sampled_from("一二、（）1.。，！\n　甲乙同志们：谢大家来源版权所有[]"),
        max_size=120,
    ),
    st.integers(1, 60),
)
def test_chunk_properties_on_any_text(text: str, max_chars: int) -> None:
    speech = parse(text)
    check_chunks(speech, speech.chunks(max_chars=max_chars), max_chars)


@pytest.mark.parametrize("max_chars", [200, 800, 2000])
def test_corpus_chunks(corpus_text: Path, max_chars: int) -> None:
    speech = parse_file(corpus_text)
    chunks = speech.chunks(max_chars=max_chars)
    check_chunks(speech, chunks, max_chars)
    # Part boundaries are preferred: no chunk holds text of two parts.
    for chunk in chunks:
        assert len({node_id.split(".")[0] for node_id in chunk.ids}) <= 1


def test_chunk_table() -> None:
    chunks = parse(SPEECH).chunks(max_chars=12)
    assert [(c.text, c.breadcrumb, c.path, c.ids) for c in chunks] == [
        ("同志们：", "", (), ()),
        ("一、抓落实", "一、抓落实", ("p1",), ("p1",)),
        ("（一）要细。具体要求。", "一、抓落实 › （一）要细。", ("p1", "p1.1"), ("p1.1",)),
        ("（二）要实。", "一、抓落实 › （二）要实。", ("p1", "p1.2"), ("p1.2",)),
        ("二、强作风", "二、强作风", ("p2",), ("p2",)),
        ("谢谢大家！", "", (), ()),
    ]
    assert [[(s.start, s.end) for s in c.spans] for c in chunks][2] == [(11, 22)]


def test_points_of_a_part_share_a_chunk_when_they_fit() -> None:
    (first, second) = parse(SPEECH).chunks(max_chars=40)[1:3]
    assert first.text == "一、抓落实\n（一）要细。具体要求。\n（二）要实。"
    assert first.breadcrumb == "一、抓落实"
    assert first.ids == ("p1", "p1.1", "p1.2")
    assert second.text == "二、强作风"


def test_a_long_sentence_is_cut_only_when_it_must_be() -> None:
    speech = parse("甲乙丙丁，戊己庚辛。壬癸。\n")
    assert [c.text for c in speech.chunks(max_chars=10)] == ["甲乙丙丁，戊己庚辛。", "壬癸。"]
    assert [c.text for c in speech.chunks(max_chars=6)] == ["甲乙丙丁，", "戊己庚辛。", "壬癸。"]
    assert [c.text for c in speech.chunks(max_chars=3)] == [
        "甲乙丙",
        "丁，",
        "戊己庚",
        "辛。",
        "壬癸。",
    ]


def test_overlap() -> None:
    speech = parse("甲。乙。丙。丁。戊。\n")
    chunks = speech.chunks(max_chars=6, overlap=2)
    # Each chunk packs 6 - 2 = 4 characters of its own after 2 repeated ones.
    assert [(c.text, c.overlap) for c in chunks] == [
        ("甲。乙。", 0),
        ("乙。丙。丁。", 2),
        ("丁。戊。", 2),
    ]
    assert all(len(c.text) <= 6 for c in chunks)
    assert "".join(c.text[c.overlap :] for c in chunks) == "甲。乙。丙。丁。戊。"


@given(st.data(), st.integers(20, 1500), st.integers(0, 400))
def test_overlap_keeps_the_bound_and_the_content(
    data: st.DataObject, max_chars: int, overlap: int
) -> None:
    corpus = _corpus()
    if not corpus:
        pytest.skip("dev corpus not found")
    overlap = min(overlap, max_chars // 2)
    speech = data.draw(st.sampled_from(corpus))
    chunks = speech.chunks(max_chars=max_chars, overlap=overlap)
    assert all(len(c.text) <= max_chars for c in chunks)
    assert all(c.overlap <= overlap for c in chunks)
    own = "".join(c.text[c.overlap :] for c in chunks).replace("\n", "")
    assert own == plain_text(speech).replace("\n", "")


def test_empty_documents_and_bad_arguments() -> None:
    assert parse("").chunks() == ()
    assert parse("\n\u3000\n").chunks() == ()
    assert parse("来源：某某网\n").chunks() == ()
    for max_chars, overlap in [(0, 0), (10, 10), (10, -1)]:
        with pytest.raises(ValueError, match=r"max_chars|overlap"):
            parse(SPEECH).chunks(max_chars=max_chars, overlap=overlap)


def test_chunk_nodes_are_parts_and_points() -> None:
    speech = parse(SPEECH)
    for chunk in speech.chunks(max_chars=12):
        assert all(isinstance(speech.get(i), (Part, Point)) for i in chunk.ids)


def test_cli_chunks(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = tmp_path / "speech.txt"
    path.write_text(SPEECH, encoding="utf-8")
    assert main(["chunks", str(path), "--max-chars", "12"]) == 0
    rows = [orjson.loads(line) for line in capsysbinary.readouterr().out.splitlines()]
    expected = parse(SPEECH).chunks(max_chars=12)
    assert [row["text"] for row in rows] == [chunk.text for chunk in expected]
    assert rows[2] == {
        "text": "（一）要细。具体要求。",
        "breadcrumb": "一、抓落实 › （一）要细。",
        "path": ["p1", "p1.1"],
        "ids": ["p1.1"],
        "spans": [[11, 22]],
        "overlap": 0,
    }
    assert main(["chunks", str(path), "--max-chars", "5", "--overlap", "5"]) == 2
