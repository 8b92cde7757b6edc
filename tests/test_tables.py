"""The tables' own bookkeeping (each rule's ``opens`` says exactly which characters
its pattern can match first, since a paragraph opening with another never tries it),
and the address lists, which are code around the pattern for one address."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from speechmodel import tables
from speechmodel.tables import MARKER_RULES, PARAGRAPH_RULES

# re's own parser reads the patterns here: it is private to re, which is fine for a
# test that checks our data, and the code under test never touches it.
_sre: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")


def first_characters(pattern: str) -> frozenset[str]:
    """Every character a match of ``pattern`` can start with (it must match one)."""
    chars, empty = _first(_sre.parse(pattern))
    assert not empty, f"{pattern!r} matches the empty string"
    return chars


def _first(items: Any) -> tuple[frozenset[str], bool]:
    """The first characters of a sequence of items, and whether it can match empty."""
    chars: set[str] = set()
    for op, arg in items:
        if op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: ^, $, look-arounds
        if op is _c.LITERAL:
            return frozenset(chars | {chr(arg)}), False
        if op is _c.IN:
            return frozenset(chars | _class(arg)), False
        if op is _c.SUBPATTERN:
            sub, empty = _first(arg[-1])
        elif op is _c.BRANCH:
            firsts = [_first(branch) for branch in arg[1]]
            sub = frozenset().union(*(f for f, _ in firsts))
            empty = any(e for _, e in firsts)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, _, body = arg
            sub, empty = _first(body)
            empty = empty or low == 0
        elif op is _c.GROUPREF_EXISTS:
            raise AssertionError("a conditional group at a rule's start")
        else:
            raise AssertionError(f"{op} can match any character at a rule's start")
        chars |= sub
        if not empty:
            return frozenset(chars), False
    return frozenset(chars), True


def _class(items: Any) -> set[str]:
    chars: set[str] = set()
    for op, arg in items:
        if op is _c.LITERAL:
            chars.add(chr(arg))
        elif op is _c.RANGE:
            chars.update(map(chr, range(arg[0], arg[1] + 1)))
        else:
            raise AssertionError(f"{op} in a class at a rule's start")
    return chars


@pytest.mark.parametrize(
    "rule", [rule for rule in PARAGRAPH_RULES.rules if rule.opens], ids=lambda rule: rule.name
)
def test_a_boilerplate_rule_opens_with_what_it_says(rule: Any) -> None:
    assert first_characters(rule.pattern) == set(rule.opens)


@pytest.mark.parametrize("rule", MARKER_RULES, ids=lambda rule: rule.style)
def test_a_marker_style_opens_with_what_it_says(rule: Any) -> None:
    assert first_characters(rule.source) == set(rule.opens)


def test_first_characters_reads_through_options_and_groups() -> None:
    assert first_characters(r"^(?:#+ )?(?:甲|乙丙)?[a-c]") == set("#甲乙abc")
    with pytest.raises(AssertionError):
        first_characters(r"^\S{0,20}网")


# Lines from the corpus and held-out texts, except where said.
@pytest.mark.parametrize(
    ("line", "salutation"),
    [
        ("同志们：", True),
        ("各位领导、各位专家、各位来宾：", True),
        ("尊敬的各位老师、亲爱的同学们：", True),
        ("**同志们、朋友们！**", True),
        # the name of the body addressed, before 各位
        ("中国共产党全国代表会议各位代表同志们：", True),
        # a name after an address, and a greeting (as the docs write them)
        ("尊敬的孙教授、董教授，尊敬的老师们：", True),
        ("各位领导、同志们：大家好！", True),
        ("各位家长大家好！", True),
        # a school's military training: 教官 are an audience too
        ("各位教官、各位老师、同学们：", True),
        ("各位评委、各位选手：", True),
        # vivo's 20th anniversary: a five-letter greeting
        ("亲爱的各位同事、各位一级老板及嘉宾们、各位老朋友和兄弟姐妹们：大家晚上好！", True),
        # a sentence before 各位, not a name (tables._NOT_IN_A_BODY_NAME)
        ("我们要感谢各位代表：", False),
        ("各位代表！回顾过去五年的政府工作，我们有以下几点体会：", False),
        ("同志们", False),
        ("同志们大家好啊！", False),
    ],
)
def test_an_opening_address_on_its_own_line(line: str, salutation: bool) -> None:
    assert tables.is_salutation(line) is salutation


@pytest.mark.parametrize(
    ("line", "after", "bare"),
    [
        (
            "诸位代表先生们，全国人民所渴望的政治协商会议现在开幕了。",
            "全国人民所渴望的政治协商会议现在开幕了。",
            False,
        ),
        ("老师们、同学们，让我们….", "让我们….", False),
        ("各位代表！过去的五年", "过去的五年", False),
        ("同志们、朋友们！", None, True),
        ("**同志们、朋友们！**", None, True),
        ("各位代表", None, True),
        # 我们 is no address, nor a list with three joiners between
        ("我们，今天", None, False),
        ("同志们，，，朋友们，好", "，，朋友们，好", False),
    ],
)
def test_a_vocative_and_what_follows_it(line: str, after: str | None, bare: bool) -> None:
    assert tables.after_vocative(line) == after
    assert tables.is_bare_vocative(line) is bare
    assert tables.turns_to_audience(line) is (after is not None or bare)


def test_an_address_list_goes_on_for_seven_addresses() -> None:
    seven = "、".join(["同志们"] * 7)
    assert tables.after_vocative(seven + "，好") == "好"
    assert tables.after_vocative(seven + "、同志们，好") is None
