"""The tables' own bookkeeping: each rule's ``opens`` says exactly which characters
its pattern can match first, since a paragraph opening with another never tries it."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

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
