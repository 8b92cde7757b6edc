"""Hostile input: hypothesis fuzzing of parse, strict parse, parse_file and loads.

- ``parse`` on random Unicode (lone surrogates, NUL, bidi controls and U+FFFD included),
  on speech-like text, and on corpus texts with lines deleted, duplicated or swapped:
  it never raises, the leaf-coverage invariants hold, and the JSON round trip is exact
  whenever the text can be JSON at all (no lone surrogates).
- ``parse(strict=True)`` raises nothing but ``SpeechSyntaxError``.
- ``parse_file`` on random bytes: ``SpeechDecodeError`` or a speech with
  ``errors="strict"``; always a speech with ``errors="replace"``, with one
  ``undecodable-bytes`` diagnostic on each U+FFFD it put in.
- ``loads`` on mutated JSON documents and mutated JSON bytes: only ``SpeechLoadError``.

The everyday profile runs a few hundred examples per property (``conftest.py``);
``HYPOTHESIS_PROFILE=ci`` runs thousands.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import corpus_texts
from invariants import check_speech
from speechmodel import SpeechModelError, SpeechSyntaxError, parse
from speechmodel.decode import decode
from speechmodel.errors import SpeechDecodeError, SpeechLoadError
from speechmodel.files import parse_file
from speechmodel.serialize import dumps, loads
from test_properties import Generated, speeches

HOSTILE = "\x00\ud800\udfff\u202e\u2066\ufffd\x1b\u200b\ufeff\u3000\n\r"
MARKERS = "一二三四五六七八九十第是要、，。（）()1.①首先其次最后同志们谢大家\n"

any_unicode = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=300)
hostile_text = st.text(alphabet=st.sampled_from(HOSTILE + MARKERS), max_size=300)


def _check(text: str) -> None:
    speech = parse(text)
    assert speech.source == text
    check_speech(speech)
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        assert "lone-surrogate" in {d.code for d in speech.diagnostics}
        with pytest.raises(SpeechModelError):
            dumps(speech)
    else:
        assert loads(dumps(speech)) == speech
    errors = [d for d in speech.diagnostics if d.severity == "error"]
    if errors:
        with pytest.raises(SpeechSyntaxError) as caught:
            parse(text, strict=True)
        assert caught.value.code == errors[0].code
    else:
        assert parse(text, strict=True) == speech


@given(st.one_of(any_unicode, hostile_text))
@example("\x00" * 10)
@example("一、\n" * 20)
@example("（" * 50)
@example("\ud800一、甲\n二、乙")
def test_random_unicode(text: str) -> None:
    _check(text)


@given(speeches())
def test_speech_like(generated: Generated) -> None:
    _check(generated.text)


# ---------------------------------------------------------------- mutated corpus texts

_CORPUS = [path.read_text(encoding="utf-8").splitlines(keepends=True) for path in corpus_texts()]


@st.composite
def mutated_lines(draw: st.DrawFn, lines: list[str]) -> str:
    """``lines`` with a few lines deleted, duplicated or swapped."""
    lines = list(lines)
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(("delete", "duplicate", "swap")))
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        else:
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
    return "".join(lines)


@st.composite
def mutated_speech_like(draw: st.DrawFn) -> str:
    generated = draw(speeches(min_parts=2))
    return draw(mutated_lines(generated.text.splitlines(keepends=True)))


@settings(max_examples=100)
@given(st.data())
def test_mutated_corpus_texts(data: st.DataObject) -> None:
    if not _CORPUS:
        pytest.skip("dev corpus not found")
    lines = data.draw(st.sampled_from(_CORPUS))
    _check(data.draw(mutated_lines(lines)))


@given(mutated_speech_like())
def test_mutated_speech_like(text: str) -> None:
    _check(text)


# ---------------------------------------------------------------- random bytes for parse_file


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=300),
        st.builds(
            # surrogatepass: lone surrogates become the invalid UTF-8 that encodes them
            lambda text, noise, at: (
                text.encode("utf-8", "surrogatepass")[:at]
                + noise
                + text.encode("utf-8", "surrogatepass")[at:]
            ),
            hostile_text,
            st.binary(min_size=1, max_size=4),
            st.integers(0, 100),
        ),
    )
)
@example(b"\xff\xfe\x00")
@example(b"\xef\xbb\xbf\xff")
@example("同志们".encode("gb18030") + b"\x81")
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "speech.txt"
    path.write_bytes(data)
    try:
        expected: str | None = decode(data)
    except SpeechDecodeError:
        expected = None
    if expected is None:
        with pytest.raises(SpeechDecodeError):
            parse_file(path)
    else:
        assert parse_file(path).source == expected
    replaced = parse_file(path, errors="replace")
    check_speech(replaced)
    marks = [d for d in replaced.diagnostics if d.code == "undecodable-bytes"]
    for mark in marks:
        assert replaced.source[mark.span.start : mark.span.end] == "\ufffd"
    if not marks:
        assert replaced.source == decode(data)


# ---------------------------------------------------------------- loads on mutated JSON

_SAMPLE = dumps(
    parse(
        "在全市工作会议上的讲话\n同志们：\n下面，我讲三点意见。\n一、抓落实\n（一）要细。具体[1]。\n"
        "（二）要实。\n二、强作风\n四、促发展\n来源：某某网\n谢谢大家！\n"
    )
)
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.lists(st.integers(-3, 50), max_size=3),
    # Fresh objects each time: a shared one could be mutated into a cycle.
    st.builds(dict),
    st.builds(lambda: {"kind": "point"}),
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


@given(st.data())
def test_loads_mutated_documents(data: st.DataObject) -> None:
    document = orjson.loads(_SAMPLE)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = _paths(document)
        path = data.draw(st.sampled_from(paths[1:]))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        action = data.draw(st.sampled_from(("set", "delete", "add")))
        if action == "set":
            parent[path[-1]] = data.draw(_VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.text(max_size=4))] = data.draw(_VALUES)
        else:
            parent.append(data.draw(_VALUES))
    _loads_only_load_errors(orjson.dumps(document))


@given(st.data())
def test_loads_mutated_bytes(data: st.DataObject) -> None:
    raw = bytearray(_SAMPLE)
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    for _ in range(data.draw(st.integers(0, 4))):
        at = rng.randrange(len(raw))
        choice = rng.choice(("flip", "cut", "dup"))
        if choice == "flip":
            raw[at] = rng.randrange(256)
        elif choice == "cut":
            del raw[at : at + rng.randrange(1, 20)]
        else:
            raw[at:at] = raw[at : at + rng.randrange(1, 20)]
    _loads_only_load_errors(bytes(raw))


def _loads_only_load_errors(raw: bytes) -> None:
    try:
        speech = loads(raw)
    except SpeechLoadError:
        return
    # What loads accepts may not cover its source (a deleted line), but it is a model
    # that writes and reads back.
    assert loads(dumps(speech)) == speech
