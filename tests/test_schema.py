"""The published JSON Schema: valid, equal to what ``speechmodel schema`` prints, and met by
the JSON of every corpus text and of texts built to use every node kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import orjson
import pytest

from speechmodel import dumps, parse
from speechmodel.cli import main
from speechmodel.files import parse_file
from speechmodel.schema import json_schema

PUBLISHED = Path(__file__).resolve().parent.parent / "docs" / "schema.json"


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_published_copy_is_current(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["schema"]) == 0
    printed = capsysbinary.readouterr().out
    # After a model change: speechmodel schema > docs/schema.json, and review the diff.
    assert PUBLISHED.read_bytes() == printed


def test_corpus_json_is_valid(validator: Any, corpus_text: Path) -> None:
    document = orjson.loads(dumps(parse_file(corpus_text)))
    assert list(validator.iter_errors(document)) == []


def test_every_kind_is_valid(validator: Any) -> None:
    text = (
        "在全市工作会议上的讲话\n（2026年3月1日）\n同志们：\n下面，我讲两点意见。\n"
        "一、抓落实\n（一）要细。当前隐藏内容免费查看具体[1]。\n（二）要实。\n"
        "二、强作风\n四、促发展\n来源：某某网\n谢谢大家！\n"
    )
    document = orjson.loads(dumps(parse(text)))
    assert document["diagnostics"]
    assert list(validator.iter_errors(document)) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("schema",), "speechmodel/0"),
        (("children", 0, "kind"), "chapter"),
        (("children", 0, "span"), [0]),
        (("diagnostics", 0, "severity"), "fatal"),
        (("diagnostics", 0, "code"), "no-such-code"),
        (("announced",), "3"),
    ],
    ids=["schema", "kind", "span", "severity", "code", "announced"],
)
def test_schema_rejects(validator: Any, path: tuple[Any, ...], value: Any) -> None:
    document = orjson.loads(dumps(parse("同志们：\n一、甲。\n二、乙。\n四、丙。\n")))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert not validator.is_valid(document)
