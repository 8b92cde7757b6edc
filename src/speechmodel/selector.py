"""The selector language: text → a frozen ``Selector`` (the language is in docs/query.md).

Three steps, each of which reports a bad selector as ``SelectorError`` with the
position of the offending character and a caret:

1. ``SelectorLexer`` cuts the text into tokens.  It is hand-written because a
   bare attribute value (``[marker=（一）]``) or a pseudo-class argument
   (``:contains(营商环境)``) may hold any character up to its closing bracket, and
   because white space means something only between two compounds.
2. lark's LALR parser over ``grammar/selector.lark`` checks the order of the tokens.
3. ``SelectorBuilder`` turns each rule into an attrs node and checks the names and
   values against the tables below.

No lark object outlives ``parse_selector``; no lark exception escapes it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import attrs
from lark import Lark, Token, Transformer
from lark.common import LexerConf
from lark.exceptions import UnexpectedInput, UnexpectedToken, VisitError
from lark.lexer import Lexer

from speechmodel.errors import SelectorError
from speechmodel.parser import grammar_text

__all__ = [
    "ATTRIBUTES",
    "KINDS",
    "AttributeTest",
    "Complex",
    "Compound",
    "ContainsTest",
    "IdTest",
    "LastTest",
    "NthTest",
    "Selector",
    "Test",
    "ValueTest",
    "parse_selector",
]

GRAMMAR_FILE = "selector.lark"

KINDS: dict[str, str | None] = {"part": "part", "point": "point", "*": None}
"""Type names a compound may start with → the node kind it requires (``None``: any)."""

ATTRIBUTES: dict[str, type] = {
    "id": str,
    "marker": str,
    "style": str,
    "text": str,
    "value": int,
    "depth": int,
}
"""Attribute names → the type of their value: ``marker`` is ``Marker.text``, ``style`` is
``Marker.style``, ``text`` the heading or lead, ``value`` the marker's ordinal value."""

OPERATORS: dict[type, frozenset[str]] = {
    str: frozenset({"=", "!=", "^=", "$=", "*="}),
    int: frozenset({"=", "!=", "<", "<=", ">", ">="}),
}
"""Which comparison operators each attribute type takes."""

PSEUDOS: dict[str, bool] = {"nth": True, "contains": True, "first": False, "last": False}
"""Pseudo-class names → whether they take an argument in parentheses."""

# ---------------------------------------------------------------- the selector, as data


@attrs.frozen(kw_only=True)
class ValueTest:
    """``[2]``: the marker's value is 2 (part 二, point （二）, 二要 …)."""

    value: int
    """The ordinal value required."""


@attrs.frozen(kw_only=True)
class AttributeTest:
    """``[name op value]``: compare an attribute (``ATTRIBUTES``) with a value."""

    name: str
    """The attribute: ``id``, ``marker``, ``style``, ``text``, ``value`` or ``depth``."""
    op: str
    """``=``, ``!=``, ``^=``, ``$=``, ``*=`` for text; ``=``, ``!=``, ``<``, ``<=``, ``>``, ``>=`` for numbers."""
    value: str | int
    """The value to compare with, of the attribute's type."""


@attrs.frozen(kw_only=True)
class IdTest:
    """``#p2.3``: the node's id."""

    id: str
    """The id required."""


@attrs.frozen(kw_only=True)
class NthTest:
    """``:nth(n)`` and ``:first``: the n-th of its kind among its siblings (1-based)."""

    n: int
    """The position required, from 1."""


@attrs.frozen(kw_only=True)
class LastTest:
    """``:last``: the last of its kind among its siblings."""


@attrs.frozen(kw_only=True)
class ContainsTest:
    """``:contains(text)``: the node's content (heading, body, sub-points) contains ``text``."""

    text: str
    """The text looked for, within one paragraph, boilerplate splices ignored."""


Test = ValueTest | AttributeTest | IdTest | NthTest | LastTest | ContainsTest


@attrs.frozen(kw_only=True)
class Compound:
    """Tests on one node: an optional type and any number of filters."""

    kind: str | None
    """``"part"``, ``"point"``, or ``None`` for any."""
    tests: tuple[Test, ...]
    """Filters that must all hold."""


@attrs.frozen(kw_only=True)
class Complex:
    """Compounds joined by combinators: ``part[2] > point``."""

    compounds: tuple[Compound, ...]
    """From the outermost to the node selected."""
    combinators: tuple[str, ...]
    """Between each pair of compounds: ``">"`` (child) or ``" "`` (descendant)."""


@attrs.frozen(kw_only=True)
class Selector:
    """A parsed selector: a node matches when one of the alternatives does."""

    text: str
    """The selector as written."""
    alternatives: tuple[Complex, ...]
    """The comma-separated selectors."""


# ---------------------------------------------------------------- step 1: tokens

_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_NAME_CHARS = _NAME_START | frozenset("0123456789-")
_ID_CHARS = _NAME_CHARS | frozenset(".")
_OPERATORS = ("!=", "^=", "$=", "*=", "<=", ">=", "=", "<", ">")
_ENDS_COMPOUND = frozenset({"NAME", "STAR", "RBRACK", "RPAR", "HASH"})
_STARTS_COMPOUND = _NAME_START | frozenset("*[:#")
_SPACE = frozenset(" \t\n\r\u3000")


class _Scanner:
    """Cuts a selector into lark ``Token``s, each with its ``start_pos``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.tokens: list[Token] = []

    def fail(self, message: str, position: int | None = None) -> SelectorError:
        return SelectorError(
            message, selector=self.text, position=self.pos if position is None else position
        )

    def emit(self, kind: str, value: Any, start: int) -> None:
        self.tokens.append(Token(kind, value, start_pos=start))

    def peek(self) -> str:
        return self.text[self.pos : self.pos + 1]

    def skip_space(self) -> None:
        while self.peek() and self.peek() in _SPACE:
            self.pos += 1

    def scan(self) -> list[Token]:
        simple = {"*": "STAR", ">": "CHILD", ",": "COMMA", ":": "COLON"}
        while self.pos < len(self.text):
            char, start = self.peek(), self.pos
            if char in _SPACE:
                self.skip_space()
                after = self.peek()
                # White space is a combinator only between two compounds.
                ends_compound = bool(self.tokens) and self.tokens[-1].type in _ENDS_COMPOUND
                if ends_compound and after and after in _STARTS_COMPOUND:
                    self.emit("DESCENDANT", " ", start)
            elif char in simple:
                self.pos += 1
                self.emit(simple[char], char, start)
                if char == ":":
                    self.name()
            elif char == "[":
                self.pos += 1
                self.emit("LBRACK", char, start)
                self.bracket()
            elif char == "#":
                self.pos += 1
                self.word(_ID_CHARS, "HASH", "an id after '#'")
            elif char in _NAME_START:
                self.word(_NAME_CHARS, "NAME", "a name")
            else:
                raise self.fail(f"unexpected character {char!r}")
        return self.tokens

    def word(self, chars: frozenset[str], kind: str, what: str) -> None:
        start = self.pos
        while self.peek() and self.peek() in chars:
            self.pos += 1
        if self.pos == start:
            raise self.fail(f"expected {what}")
        self.emit(kind, self.text[start : self.pos], start)

    def name(self) -> None:
        """A pseudo-class name after ``:``, then its ``(argument)`` if one follows."""
        if not self.peek() or self.peek() not in _NAME_START:
            raise self.fail("expected a pseudo-class name after ':'")
        self.word(_NAME_CHARS, "NAME", "a name")
        if self.peek() == "(":
            self.emit("LPAR", "(", self.pos)
            self.pos += 1
            self.value("ARG", ")")

    def bracket(self) -> None:
        """``[INT]`` or ``[NAME OP VALUE]``, white space allowed inside."""
        self.skip_space()
        start = self.pos
        if self.peek().isdigit():
            while self.peek().isdigit():
                self.pos += 1
            self.emit("INT", self.text[start : self.pos], start)
        else:
            if not self.peek() or self.peek() not in _NAME_START:
                raise self.fail("expected a value or an attribute name after '['")
            self.word(_NAME_CHARS, "NAME", "an attribute name")
            self.skip_space()
            op = next((op for op in _OPERATORS if self.text.startswith(op, self.pos)), None)
            if op is None:
                if self.peek() == "]":
                    raise self.fail(
                        "expected an operator such as '=' (a bare [name] is not a test)"
                    )
                raise self.fail("expected an operator: = != ^= $= *= < <= > >=")
            self.emit("OP", op, self.pos)
            self.pos += len(op)
            self.skip_space()
            self.value("VALUE", "]")
        self.skip_space()
        if self.peek() != "]":
            raise self.fail("expected ']'")
        self.emit("RBRACK", "]", self.pos)
        self.pos += 1

    def value(self, kind: str, close: str) -> None:
        """A quoted string (``"…"`` or ``'…'``, ``\\`` escapes) or bare text up to ``close``."""
        start = self.pos
        quote = self.peek()
        if quote in ("'", '"'):
            self.pos += 1
            chars: list[str] = []
            while self.peek() != quote:
                if not self.peek():
                    raise self.fail(f"unterminated string: expected {quote}")
                if self.peek() == "\\":
                    self.pos += 1
                    if not self.peek():
                        raise self.fail("expected a character after '\\'")
                chars.append(self.peek())
                self.pos += 1
            self.pos += 1
            self.emit(kind, "".join(chars), start)
            self.skip_space()
        else:
            end = self.text.find(close, self.pos)
            if end < 0:
                raise self.fail(f"expected {close!r}", len(self.text))
            bare = self.text[self.pos : end].rstrip("".join(_SPACE))
            if not bare:
                raise self.fail("expected a value")
            self.pos += len(bare)
            self.emit(kind, bare, start)
            self.skip_space()
        if kind == "ARG":
            if self.peek() != ")":
                raise self.fail("expected ')'")
            self.emit("RPAR", ")", self.pos)
            self.pos += 1


class SelectorLexer(Lexer):
    """Hands lark the tokens ``_Scanner`` made; the text was cut before the parse."""

    def __init__(self, lexer_conf: LexerConf) -> None:
        pass

    def lex(self, data: Any) -> Iterator[Token]:  # type: ignore[override]
        yield from data


# ---------------------------------------------------------------- steps 2 and 3


class SelectorBuilder(Transformer[Token, Any]):
    """One method per grammar rule; names and values are checked here, with positions."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def fail(self, message: str, token: Token) -> SelectorError:
        return SelectorError(message, selector=self.text, position=token.start_pos or 0)

    def __default__(self, data: Any, children: Any, meta: Any) -> Any:
        raise NotImplementedError(f"selector rule {data!r} has no builder method")

    def start(self, children: list[Any]) -> tuple[Complex, ...]:
        return tuple(child for child in children if isinstance(child, Complex))

    def selector(self, children: list[Any]) -> Complex:
        compounds = tuple(c for c in children if isinstance(c, Compound))
        combinators = tuple(
            ">" if c.type == "CHILD" else " " for c in children if isinstance(c, Token)
        )
        return Complex(compounds=compounds, combinators=combinators)

    def compound(self, children: list[Any]) -> Compound:
        kind = children[0] if children and isinstance(children[0], _Kind) else None
        tests = tuple(c for c in children if not isinstance(c, _Kind))
        return Compound(kind=kind.kind if kind else None, tests=tests)

    def type_test(self, children: list[Token]) -> _Kind:
        (token,) = children
        if token.value not in KINDS:
            raise self.fail(f"unknown node type {token.value!r}; expected part, point or *", token)
        return _Kind(kind=KINDS[token.value])

    def index(self, children: list[Token]) -> ValueTest:
        return ValueTest(value=int(children[1].value))

    def attribute(self, children: list[Token]) -> AttributeTest:
        _, name, op, value, _ = children
        kind = ATTRIBUTES.get(name.value)
        if kind is None:
            known = ", ".join(ATTRIBUTES)
            raise self.fail(f"unknown attribute {name.value!r}; expected one of {known}", name)
        if op.value not in OPERATORS[kind]:
            allowed = " ".join(sorted(OPERATORS[kind]))
            raise self.fail(
                f"operator {op.value!r} does not apply to {name.value}; use {allowed}", op
            )
        if kind is int:
            if not value.value.isascii() or not value.value.isdigit():
                raise self.fail(f"{name.value} takes a whole number, not {value.value!r}", value)
            return AttributeTest(name=name.value, op=op.value, value=int(value.value))
        return AttributeTest(name=name.value, op=op.value, value=value.value)

    def pseudo(self, children: list[Token]) -> Test:
        name = children[1]
        takes = PSEUDOS.get(name.value)
        if takes is None:
            raise self.fail(
                f"unknown pseudo-class ':{name.value}'; expected {_pseudo_list()}", name
            )
        if takes:
            raise self.fail(f"':{name.value}' takes an argument: ':{name.value}(…)'", name)
        return NthTest(n=1) if name.value == "first" else LastTest()

    def pseudo_call(self, children: list[Token]) -> Test:
        _, name, _, arg, _ = children
        takes = PSEUDOS.get(name.value)
        if takes is None:
            raise self.fail(
                f"unknown pseudo-class ':{name.value}'; expected {_pseudo_list()}", name
            )
        if not takes:
            raise self.fail(f"':{name.value}' takes no argument", name)
        if name.value == "contains":
            return ContainsTest(text=arg.value)
        text = arg.value.strip()
        if not (text.isascii() and text.isdigit() and int(text) >= 1):
            raise self.fail(f":nth takes a position from 1, not {arg.value!r}", arg)
        return NthTest(n=int(text))

    def id_test(self, children: list[Token]) -> IdTest:
        return IdTest(id=children[0].value)


@attrs.frozen(kw_only=True)
class _Kind:
    """The type test of a compound, before ``compound`` folds it in."""

    kind: str | None


def _pseudo_list() -> str:
    return ", ".join(f":{name}(…)" if takes else f":{name}" for name, takes in PSEUDOS.items())


_WHAT = {
    "NAME": "a name",
    "STAR": "'*'",
    "HASH": "'#id'",
    "LBRACK": "'['",
    "RBRACK": "']'",
    "COLON": "':'",
    "LPAR": "'('",
    "RPAR": "')'",
    "CHILD": "'>'",
    "DESCENDANT": "a space",
    "COMMA": "','",
    "$END": "the end of the selector",
}
"""Terminal names as an error message says them."""


@functools.cache
def _parser() -> Lark:
    return Lark(
        grammar_text(GRAMMAR_FILE),
        parser="lalr",
        lexer=SelectorLexer,
        strict=True,
        cache=True,  # the LALR tables are built once per machine, not once per process
    )


@functools.lru_cache(maxsize=256)
def parse_selector(text: str) -> Selector:
    """Parse ``text`` into a ``Selector``; a malformed one raises ``SelectorError``."""
    if not text.strip():
        raise SelectorError("empty selector", selector=text, position=0)
    tokens = _Scanner(text).scan()
    try:
        tree = _parser().parse(tokens)
    except UnexpectedToken as error:
        token = error.token
        position = len(text) if token.type == "$END" else (token.start_pos or 0)
        found = "end of selector" if token.type == "$END" else repr(str(token.value))
        expected = sorted(_WHAT.get(name, name) for name in error.expected)
        raise SelectorError(
            f"unexpected {found}; expected {' or '.join(expected)}",
            selector=text,
            position=position,
        ) from None
    except UnexpectedInput as error:  # any other parse failure, still with a position
        position = getattr(error, "pos_in_stream", None) or 0
        raise SelectorError("malformed selector", selector=text, position=position) from None
    builder = SelectorBuilder(text)
    return Selector(text=text, alternatives=_build(builder, tree))


def _build(builder: SelectorBuilder, tree: Any) -> tuple[Complex, ...]:
    """Run the builder bottom-up, letting ``SelectorError`` through unwrapped."""
    try:
        result: tuple[Complex, ...] = builder.transform(tree)
    except VisitError as error:
        if isinstance(error.orig_exc, SelectorError):
            raise error.orig_exc from None
        raise
    return result
