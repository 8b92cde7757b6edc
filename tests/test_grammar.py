"""The grammar builds strictly, and the transformer has a method for every rule."""

from __future__ import annotations

import functools
from pathlib import Path

from lark import Lark, Transformer

from speechmodel.classify import classify
from speechmodel.files import read_source
from speechmodel.levels import layout, tokens
from speechmodel.parser import LineLexer, NodeBuilder, grammar_text

REPO = Path(__file__).resolve().parent.parent


@functools.cache
def _lark() -> Lark:
    # No transformer: the grammar alone, with lark's strict checks (collisions, shadowing).
    return Lark(grammar_text(), parser="lalr", lexer=LineLexer, strict=True)


def _rules() -> set[str]:
    return {str(rule.origin.name) for rule in _lark().rules}


def _public_rules() -> set[str]:
    """Rules that reach the transformer; lark inlines ``_name`` rules and its own ``__x``."""
    return {name for name in _rules() if not name.startswith("_")}


def _own_methods(cls: type) -> set[str]:
    return {name for name, value in vars(cls).items() if callable(value) and name[0] != "_"}


def test_grammar_builds_strictly() -> None:
    parser = _lark()
    assert parser.options.strict
    assert {"start", "part", "point"} <= _public_rules()


def test_every_rule_has_a_transformer_method() -> None:
    # A rule without a method would come out of the parse as a raw lark Tree.
    missing = {
        name
        for name in _public_rules()
        if getattr(NodeBuilder, name, None) is getattr(Transformer, name, None)
    }
    assert missing == set()


def test_every_transformer_method_has_a_rule() -> None:
    # A method whose rule was renamed or removed is dead code that still looks alive.
    assert _own_methods(NodeBuilder) - _public_rules() == set()


def test_grammar_text_is_the_checkout_grammar() -> None:
    """The grammar the package loads is grammar/speech.lark (a packaged copy stays in sync)."""
    assert grammar_text() == (REPO / "grammar" / "speech.lark").read_text(encoding="utf-8")


def test_tokens_are_declared(corpus_text: Path) -> None:
    """Every token type the line lexer hands the parser is a terminal of the grammar."""
    declared = {str(terminal) for terminal in _declared_terminals()}
    plan = layout(classify(read_source(corpus_text)))
    assert {token.type for token in tokens(plan)} <= declared


def _declared_terminals() -> list[str]:
    """The names on the grammar's ``%declare`` lines."""
    names: list[str] = []
    for line in grammar_text().splitlines():
        if line.startswith("%declare"):
            names += line.split()[1:]
    return names
