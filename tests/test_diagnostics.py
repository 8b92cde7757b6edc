"""Diagnostics: one table case per code with the span it must cover, the corpus, the CLI.

Each case states the text, the code, and the exact ``(start, end)`` of the diagnostic's
span, with the source text the span covers, so that a change in where a problem is
reported shows up as a failure.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from speechmodel import parse
from speechmodel.cli import main
from speechmodel.diagnostics import CODES, SEVERITIES, LineIndex
from speechmodel.files import parse_file
from speechmodel.outline import outline
from speechmodel.serialize import dumps, loads

CASES = [
    # (id, text, code, start, end, covered)
    ("gap", "一、甲\n二、乙\n四、丙\n", "numbering-gap", 8, 10, "四、"),
    ("gap-at-start", "二、甲\n三、乙\n", "numbering-gap", 0, 2, "二、"),
    ("duplicate", "一、甲\n二、乙\n二、丙\n三、丁\n", "numbering-duplicate", 8, 10, "二、"),
    ("order", "一、甲\n二、乙\n三、丙\n二、丁\n三、戊\n", "numbering-order", 12, 14, "二、"),
    ("restart", "一、甲\n二、乙\n一、丙\n二、丁\n", "numbering-restart", 8, 10, "一、"),
    (
        "restart-in-points",
        "一、甲\n（一）子。\n（二）丑。\n（一）寅。\n（二）卯。\n二、乙\n",
        "numbering-restart",
        16,
        19,
        "（一）",
    ),
    ("mixed-styles", "一、甲\n二、乙\n第三，丙。\n", "mixed-styles", 8, 11, "第三，"),
    ("bracket-minority", "一、甲\n（一）子。\n(二)丑。\n", "bracket-mix", 10, 13, "(二)"),
    ("bracket-in-one", "一、甲\n（一）子。\n（二)丑。\n", "bracket-mix", 10, 13, "（二)"),
    ("delimiter", "一、甲\n1.子。\n2、丑。\n3.寅。\n", "unusual-delimiter", 9, 11, "2、"),
    (
        "announced",
        "同志们：\n下面，我讲三点意见。\n一、甲\n二、乙\n",
        "announced-count",
        5,
        15,
        "下面，我讲三点意见。",
    ),
    (
        "outside-part",
        "（一）子。\n（二）丑。\n一、甲\n二、乙\n",
        "point-outside-part",
        0,
        3,
        "（一）",
    ),
    (
        "empty-part",
        "一、总体要求\n要抓落实。\n二、重点任务\n",
        "empty-part",
        13,
        19,
        "二、重点任务",
    ),
    (
        "after-closing",
        "一、甲\n二、乙\n谢谢大家！\n点击进入专题\n",
        "text-after-closing",
        14,
        20,
        "点击进入专题",
    ),
    ("not-taken", "首先，感谢大家。\n今天开会。\n", "marker-not-taken", 0, 3, "首先，"),
    (
        "all-boilerplate",
        "来源：某某网\n返回顶部\n",
        "no-speech-text",
        0,
        11,
        "来源：某某网\n返回顶部",
    ),
    ("boilerplate", "一、甲\n二、乙\n来源：某某网\n", "boilerplate-removed", 8, 14, "来源：某某网"),
    ("bidi", "一、甲\u202e\u202e乙\n二、丙\n", "unusual-character", 3, 5, "\u202e\u202e"),
    ("nul", "一、甲\x00乙\n二、丙\n", "unusual-character", 3, 4, "\x00"),
    ("surrogate", "一、甲\ud800\n二、乙\n", "lone-surrogate", 3, 4, "\ud800"),
]


@pytest.mark.parametrize(
    ("text", "code", "start", "end", "covered"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_code_and_span(text: str, code: str, start: int, end: int, covered: str) -> None:
    found = [d for d in parse(text).diagnostics if d.code == code]
    assert [(d.span.start, d.span.end) for d in found][:1] == [(start, end)]
    assert text[start:end] == covered
    assert found[0].severity == {c.code: c.severity for c in CODES}[code]


FIXED = [
    "一、抓落实。\n二、强作风。\n三、促发展。\n",
    "一、甲\n（一）子。\n（二）丑。\n二、乙\n要抓好。\n",
    "同志们：\n下面，我讲两点意见。\n一、总体要求\n要抓落实。\n二、重点任务\n要抓项目。\n谢谢大家！\n",
]


@pytest.mark.parametrize("text", FIXED, ids=range(len(FIXED)))
def test_clean_texts_have_no_warnings(text: str) -> None:
    assert [d for d in parse(text).diagnostics if d.severity != "info"] == []


def test_codes_table() -> None:
    codes = [entry.code for entry in CODES]
    assert len(codes) == len(set(codes))
    assert {entry.severity for entry in CODES} == set(SEVERITIES)
    documented = (Path(__file__).parent.parent / "docs" / "diagnostics.md").read_text("utf-8")
    for entry in CODES:
        assert f"| `{entry.code}` | {entry.severity} |" in documented


def test_sibling_sequence_is_not_a_numbering_problem() -> None:
    # 第一 is a paragraph item, so （一）（二） are its siblings (levels.py): two sequences.
    speech = parse("第一，抓项目。要抓好。\n（一）甲。\n（二）乙。\n第二，抓招商。\n")
    assert [d.code for d in speech.diagnostics if d.severity == "error"] == []


def test_diagnostics_are_sorted_and_inside_the_source() -> None:
    text = "（一）子。\n（二）丑。\n一、甲\n二、乙\n四、丙\n二、丁\n谢谢大家！\n点击\n"
    speech = parse(text)
    starts = [d.span.start for d in speech.diagnostics]
    assert starts == sorted(starts)
    assert all(d.span.end <= len(text) for d in speech.diagnostics)


def test_diagnostics_survive_json() -> None:
    speech = parse("一、甲\n二、乙\n四、丙\n")
    assert speech.diagnostics
    assert loads(dumps(speech)) == speech


def test_line_index() -> None:
    index = LineIndex("甲\r\n乙丙\n\n丁")
    assert index.locate(0) == (1, 1)
    assert index.locate(4) == (2, 2)
    assert index.locate(7) == (4, 1)
    assert index.line_text(1) == "甲"
    assert index.line_text(3) == ""


def test_corpus_has_no_errors_and_the_same_outline(corpus_text: Path) -> None:
    speech = parse_file(corpus_text)
    assert [d for d in speech.diagnostics if d.severity == "error"] == []
    # Diagnostics are computed after the tree: dropping them changes nothing else.
    assert outline(speech) == outline(parse(speech.source))
    assert parse(speech.source, strict=True).children == speech.children


# ---------------------------------------------------------------- speechmodel check

BAD = "同志们：\n一、抓落实。\n二、强作风。\n四、促发展。\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_text(BAD, encoding="utf-8")
    good.write_text("同志们：\n一、抓落实\n要抓好。\n二、强作风\n要改进。\n", encoding="utf-8")
    return bad, good


def test_check_text(files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    bad, good = files
    assert main(["check", str(good)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", str(good), str(bad)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        f"{bad}:4:1: numbering-gap [error] the parts jump from 2 to 4 (二、 → 四、); number 3 missing"
    )
    assert lines[1] == "    四、促发展。"
    assert lines[2] == "    ^^^^"  # 四、 is two wide characters: four columns


def test_check_goes_on_past_a_missing_file(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad, _ = files
    missing = tmp_path / "missing.txt"
    assert main(["check", str(missing), str(bad)]) == 2
    out, err = capsys.readouterr()
    assert f"{bad}:4:1: numbering-gap" in out
    assert str(missing) in err
    assert "Traceback" not in err


def test_check_json(files: tuple[Path, Path], capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    bad, good = files
    assert main(["check", "--format", "json", "--min-severity", "info", str(bad), str(good)]) == 1
    report = orjson.loads(capsysbinary.readouterr().out)
    assert [entry["file"] for entry in report] == [str(bad), str(good)]
    gap = next(d for d in report[0]["diagnostics"] if d["code"] == "numbering-gap")
    assert gap == {
        "line": 4,
        "column": 1,
        "code": "numbering-gap",
        "severity": "error",
        "message": "the parts jump from 2 to 4 (二、 → 四、); number 3 missing",
        "span": [19, 21],
    }


def test_check_reports_undecodable_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes("同志们：\n一、甲\n".encode() + b"\xff" + "二、乙\n".encode())
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:3:1: undecodable-bytes [error] 1 byte at byte 23 is not utf-8" in out


def test_check_usage_error() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check"])
    assert caught.value.code == 2
