"""Strict mode: ``parse(text, strict=True)`` raises ``SpeechSyntaxError`` on the first error.

The error states its code, 1-based line and column, and a caret context in which wide
(CJK) characters count two columns.  The default parse stays lenient.
"""

from __future__ import annotations

import pytest

from speechmodel import SpeechModelError, SpeechSyntaxError, parse
from speechmodel.errors import caret_context, display_width

GAP = "同志们：\n一、抓落实。\n二、强作风。\n四、促发展。\n"


def test_strict_raises_on_the_first_error() -> None:
    with pytest.raises(SpeechSyntaxError) as caught:
        parse(GAP + "四、再来。\n", strict=True)
    error = caught.value
    assert (error.code, error.line, error.column) == ("numbering-gap", 4, 1)
    assert error.context == "    四、促发展。\n    ^^^^"
    assert str(error).startswith("line 4, column 1: numbering-gap: the parts jump from 2 to 4")


def test_not_a_python_syntax_error() -> None:
    assert issubclass(SpeechSyntaxError, SpeechModelError)
    assert not issubclass(SpeechSyntaxError, SyntaxError)


def test_lenient_by_default() -> None:
    speech = parse(GAP)
    assert [d.code for d in speech.diagnostics if d.severity == "error"] == ["numbering-gap"]
    assert [p.marker.text for p in speech.parts] == ["一、", "二、", "四、"]


def test_warnings_do_not_raise() -> None:
    speech = parse("一、甲。\n（一）子。\n(二)丑。\n二、乙。\n", strict=True)
    assert [d.code for d in speech.diagnostics] == ["bracket-mix"]


def test_caret_counts_wide_characters_as_two_columns() -> None:
    # The error is mid-line: 同志们，下面 is six wide characters, so the caret sits at 13.
    with pytest.raises(SpeechSyntaxError) as caught:
        parse("同志们，下面我讲三点意见。\n一、甲。\n二、乙。\n", strict=True)
    error = caught.value
    assert (error.code, error.line, error.column) == ("announced-count", 1, 1)
    assert caret_context("同志们，下面x", 7) == "    同志们，下面x\n                ^"
    assert display_width("同志们，a") == 9


def test_caret_context_of_a_long_line_is_a_window() -> None:
    line = "甲" * 1000 + "四、" + "乙" * 1000
    context = caret_context(line, 1001, 2)
    shown, caret = context.split("\n")
    assert len(shown) < 100
    assert shown.startswith("    …")
    assert shown.endswith("…")
    assert caret == " " * 4 + " " * display_width("…" + "甲" * 30) + "^^^^"


def test_caret_context_hides_control_characters() -> None:
    # The line is printed to a terminal: no escape sequences, no bidi overrides.
    assert caret_context("甲\x1b[31m\u202e乙", 1) == "    甲\ufffd[31m\ufffd乙\n    ^^"


def test_surrogates_are_an_error_in_strict_mode() -> None:
    with pytest.raises(SpeechSyntaxError) as caught:
        parse("甲\n乙\ud800丙\n", strict=True)
    assert (caught.value.code, caught.value.line, caught.value.column) == ("lone-surrogate", 2, 2)
