"""Stage 5: the lark LALR parse over the line lexer, building nodes as it goes.

``grammar/speech.lark`` describes the layout one paragraph per token.  The
tokens come from ``classify`` and ``levels`` through ``LineLexer``; the
``NodeBuilder`` transformer is handed to ``Lark`` itself, so attrs nodes are
built during the parse and no lark ``Tree`` or ``Token`` outlives it.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import pkgutil
from collections.abc import Iterator, Sequence
from typing import Any

import attrs
from lark import Lark, Token, Transformer
from lark.common import LexerConf
from lark.lexer import Lexer

from speechmodel import diagnostics, inline
from speechmodel.classify import BOILERPLATE, Line, classify
from speechmodel.levels import Item, Run, layout, tokens
from speechmodel.nodes import (
    Block,
    Boilerplate,
    Closing,
    FrontMatter,
    Marker,
    Paragraph,
    Part,
    Point,
    Salutation,
    Span,
    Speech,
    TopLevel,
    new_boilerplate,
    new_plain_paragraph,
    new_span,
)

__all__ = ["grammar_text", "parse"]

GRAMMAR_FILE = "speech.lark"


def grammar_text(name: str = GRAMMAR_FILE) -> str:
    """The text of a grammar file: from the installed package, else from a source checkout.

    ``pkgutil`` rather than ``importlib.resources``: lark has imported it already,
    and the resources machinery would add a tenth to a command-line run.
    """
    try:
        packaged = pkgutil.get_data("speechmodel", f"grammar/{name}")
    except FileNotFoundError:
        packaged = None
    if packaged is not None:
        return packaged.decode("utf-8")
    src = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(os.path.join(os.path.dirname(src), "grammar", name), encoding="utf-8") as file:
        return file.read()


class LineLexer(Lexer):
    """Hands lark the tokens that ``levels.tokens`` made; the text was lexed before."""

    def __init__(self, lexer_conf: LexerConf) -> None:
        pass

    def lex(self, data: Any) -> Iterator[Token]:  # type: ignore[override]
        yield from data


def _blocks(children: list[Any]) -> tuple[Block, ...]:
    """The paragraphs of the ``BODY`` token among ``children``, if there is one."""
    for child in children:
        if isinstance(child, Token) and child.type == "BODY":
            return _run_blocks(child.value)
    return ()


def _run_blocks(run: Run) -> tuple[Block, ...]:
    """The blocks of a ``BODY`` or ``TRAILER`` run, in order."""
    lines = run.lines
    # One screen for the whole run: most runs hold no splice at all.
    if lines and inline.may_hold_splices("".join([line.text for line in lines]), lines[0].splices):
        return tuple([_line_block(line) for line in lines])
    return tuple(
        [
            _boilerplate(line)
            if line.kind == BOILERPLATE
            else new_plain_paragraph(line.start, line.text)
            for line in lines
        ]
    )


def _line_block(line: Line) -> Block:
    if line.kind == BOILERPLATE:
        return _boilerplate(line)
    return inline.paragraph(line.text, line.start, line.splices)


def _boilerplate(line: Line) -> Boilerplate:
    return new_boilerplate(new_span(line.start, line.end), line.text, line.rule)


def _marker_lead_rest(token: Token) -> tuple[Marker, Paragraph, tuple[Block, ...]]:
    """Marker, lead and the rest of the lead's paragraph, for a PART or POINT token."""
    item: Item = token.value
    line, found = item.line, item.line.marker
    assert found is not None
    marker = inline.marker_node(found, line.start, item.value)
    offset = found.end
    while offset < len(line.text) and line.text[offset].isspace():
        offset += 1
    lead, rest = inline.split_lead(line.text[offset:], line.start + offset, line.splices)
    return marker, lead, (rest,) if rest is not None else ()


def _end_of(node_span: Span, children: tuple[Any, ...]) -> Span:
    return new_span(node_span.start, max([node_span.end, *(c.span.end for c in children)]))


class NodeBuilder(Transformer[Token, Any]):
    """One method per grammar rule; each returns an attrs node."""

    def start(self, children: list[Any]) -> tuple[TopLevel, ...]:
        result: list[TopLevel] = []
        for child in children:
            if not isinstance(child, Token):
                result.append(child)
            elif child.type in ("BODY", "TRAILER"):
                result.extend(_run_blocks(child.value))
            elif child.type == "FRONT":
                line: Line = child.value
                result.append(
                    FrontMatter(
                        span=Span(start=line.start, end=line.end),
                        role=line.rule,
                        lines=(inline.paragraph(line.text, line.start, line.splices),),
                    )
                )
            elif child.type == "SALUTATION":
                paragraph = inline.paragraph(
                    child.value.text, child.value.start, child.value.splices
                )
                result.append(Salutation(span=paragraph.span, paragraph=paragraph))
        return tuple(result)

    def title(self, children: list[Token]) -> FrontMatter:
        lines = tuple(
            inline.paragraph(t.value.text, t.value.start, t.value.splices) for t in children
        )
        return FrontMatter(
            span=Span.covering(lines[0].span, lines[-1].span), role="title", lines=lines
        )

    def part(self, children: list[Any]) -> Part:
        marker, heading, rest = _marker_lead_rest(children[0])
        body = rest + _blocks(children)
        points = tuple(c for c in children[1:] if isinstance(c, Point))
        return Part(
            id=children[0].value.id,
            span=_end_of(marker.span, (heading, *body, *points)),
            marker=marker,
            heading=heading,
            body=body,
            points=points,
        )

    def point(self, children: list[Any]) -> Point:
        marker, lead, rest = _marker_lead_rest(children[0])
        body = rest + _blocks(children)
        points = tuple(c for c in children[1:] if isinstance(c, Point))
        return Point(
            id=children[0].value.id,
            span=_end_of(marker.span, (lead, *body, *points)),
            marker=marker,
            lead=lead,
            body=body,
            points=points,
            depth=children[0].value.depth,
        )

    def closing(self, children: list[Token]) -> Closing:
        body = (_line_block(children[0].value), *_blocks(children))
        return Closing(span=Span.covering(body[0].span, body[-1].span), body=body)


@functools.cache
def _parser() -> Lark:
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer=LineLexer,
        transformer=NodeBuilder(),
        strict=True,
        cache=True,  # the LALR tables are built once per machine, not once per process
    )


def parse(
    source: str,
    *,
    chrome: Sequence[tuple[int, int, str]] = (),
    heading: tuple[int, int] | None = None,
    strict: bool = False,
) -> Speech:
    """Parse ``source`` into a ``Speech``.  Never raises for any ``str`` unless ``strict``.

    ``Speech.diagnostics`` lists what looks wrong in the layout (docs/diagnostics.md).
    With ``strict=True`` the first error-level diagnostic raises ``SpeechSyntaxError``
    instead, with its code, line, column and a caret under the spot.

    ``chrome`` lists ``(start, end, rule)`` for lines already known to be page
    chrome (the HTML reader finds them from the page's markup); the paragraphs
    they cover become boilerplate of that rule.  ``heading`` is the offsets of a line the markup
    gives as the text's title; it is the title when the text has none of its own.
    """
    with _cycle_collector_paused():
        plan = layout(classify(source, chrome, heading))
        children: tuple[TopLevel, ...] = _parser().parse(tokens(plan))  # type: ignore[assignment]
        speech = Speech(
            source=source, children=children, announced=plan.announced, diagnostics=(), origin=None
        )
        # The checks read the finished tree and the layout; they never change either.
        speech = attrs.evolve(speech, diagnostics=diagnostics.diagnose(speech, plan))
    if strict:
        diagnostics.raise_first_error(speech)
    return speech


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while parsing.

    A parse allocates hundreds of thousands of objects and no reference cycles, so
    the collector has nothing to find; but every full pass walks all live objects,
    and on a 10 MB text those passes cost as much as the parse and grew faster than
    the text (0.19 s/MB against 0.10 s/MB at 1 MB).  Reference counting still frees
    everything as usual.  The collector is left as it was found.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
