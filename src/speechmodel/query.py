"""Finding nodes: typed finders, selectors and text search (docs/query.md).

Selectors are parsed by ``selector.parse_selector`` and matched here, right to
left as CSS engines do: a node matches ``A > B`` when it matches ``B`` and its
parent matches ``A``.  Parts and points have no parent pointers, so matching runs
over ``_Entry`` records that carry each node's parent and its place among its
siblings, built once per call.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import attrs

from speechmodel.nodes import Part, Point, Span, Speech, numbered, walk
from speechmodel.offsets import position
from speechmodel.render import content_lines
from speechmodel.selector import (
    AttributeTest,
    Complex,
    Compound,
    ContainsTest,
    IdTest,
    LastTest,
    NthTest,
    Test,
    ValueTest,
    parse_selector,
)

__all__ = ["Hit", "find_all", "points", "search", "select", "select_one"]

_N = TypeVar("_N")


def find_all(speech: Speech, kind: type[_N]) -> tuple[_N, ...]:
    """Every node of class ``kind`` in ``speech``, in document order."""
    return tuple(node for _, node in walk(speech) if isinstance(node, kind))


def points(speech: Speech, depth: int | None = None) -> tuple[Point, ...]:
    """Every point (or every point at ``depth``), in document order."""
    return tuple(
        node
        for node in numbered(speech)
        if isinstance(node, Point) and (depth is None or node.depth == depth)
    )


# ---------------------------------------------------------------- selectors


@attrs.frozen(kw_only=True, eq=False)
class _Entry:
    """A part or point with what matching needs and the node lacks."""

    node: Part | Point
    parent: _Entry | None
    position: int
    """1-based place among the siblings of the same kind."""
    siblings: int
    """How many siblings of that kind there are, itself included."""


def _entries(speech: Speech) -> list[_Entry]:
    """An entry for every part and point, in document order (a node before its points)."""
    found: list[_Entry] = []
    parts = speech.parts
    stack: list[tuple[_Entry | None, Part | Point, int, int]] = [
        (None, part, len(parts) - index, len(parts)) for index, part in enumerate(reversed(parts))
    ]
    while stack:
        parent, node, place, count = stack.pop()
        entry = _Entry(node=node, parent=parent, position=place, siblings=count)
        found.append(entry)
        below = node.points
        stack.extend(
            (entry, child, len(below) - index, len(below))
            for index, child in enumerate(reversed(below))
        )
    return found


_STRING_OPS: dict[str, Callable[[str, str], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "^=": str.startswith,
    "$=": str.endswith,
    "*=": operator.contains,
}
_NUMBER_OPS: dict[str, Callable[[int, int], bool]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}

_ATTRIBUTE_OF: dict[str, Callable[[Part | Point], Any]] = {
    "id": lambda node: node.id,
    "marker": lambda node: node.marker.text,
    "style": lambda node: node.marker.style,
    "text": lambda node: node.lead.text,
    "value": lambda node: node.marker.value,
    "depth": lambda node: node.depth,
}
"""How each attribute of ``selector.ATTRIBUTES`` is read from a node."""


class _Matcher:
    """Matches one parsed selector against the entries of one speech."""

    def __init__(self, speech: Speech) -> None:
        self.source = speech.source
        self.lines: dict[int, list[str]] = {}

    def text_lines(self, node: Part | Point) -> list[str]:
        key = id(node)
        if key not in self.lines:
            self.lines[key] = [line.text for line in content_lines(node, self.source)]
        return self.lines[key]

    def test(self, entry: _Entry, test: Test) -> bool:
        node = entry.node
        if isinstance(test, ValueTest):
            return node.marker.value == test.value
        if isinstance(test, IdTest):
            return node.id == test.id
        if isinstance(test, NthTest):
            return entry.position == test.n
        if isinstance(test, LastTest):
            return entry.position == entry.siblings
        if isinstance(test, ContainsTest):
            return any(test.text in line for line in self.text_lines(node))
        return self.attribute(node, test)

    def attribute(self, node: Part | Point, test: AttributeTest) -> bool:
        value = _ATTRIBUTE_OF[test.name](node)
        if isinstance(test.value, int):
            return _NUMBER_OPS[test.op](value, test.value)
        return _STRING_OPS[test.op](value, test.value)

    def compound(self, entry: _Entry, compound: Compound) -> bool:
        kind = "part" if isinstance(entry.node, Part) else "point"
        if compound.kind is not None and compound.kind != kind:
            return False
        return all(self.test(entry, test) for test in compound.tests)

    def complex(self, entry: _Entry, selector: Complex, last: int) -> bool:
        """Whether ``entry`` matches ``selector.compounds[: last + 1]``."""
        if not self.compound(entry, selector.compounds[last]):
            return False
        if last == 0:
            return True
        if selector.combinators[last - 1] == ">":
            return entry.parent is not None and self.complex(entry.parent, selector, last - 1)
        ancestor = entry.parent
        while ancestor is not None:
            if self.complex(ancestor, selector, last - 1):
                return True
            ancestor = ancestor.parent
        return False


def _select(speech: Speech, selector: str) -> Iterator[Part | Point]:
    parsed = parse_selector(selector)
    matcher = _Matcher(speech)
    for entry in _entries(speech):
        if any(
            matcher.complex(entry, alternative, len(alternative.compounds) - 1)
            for alternative in parsed.alternatives
        ):
            yield entry.node


def select(speech: Speech, selector: str) -> tuple[Part | Point, ...]:
    """The parts and points ``selector`` matches, in document order, each once."""
    return tuple(_select(speech, selector))


def select_one(speech: Speech, selector: str) -> Part | Point | None:
    """The first part or point ``selector`` matches, or ``None``."""
    return next(_select(speech, selector), None)


# ---------------------------------------------------------------- text search


@attrs.frozen(kw_only=True)
class Hit:
    """One occurrence of a searched text."""

    text: str
    """The text found (what was searched for)."""
    span: Span
    """Where it lies in the source; it also covers any boilerplate spliced into it."""
    id: str | None
    """The id of the innermost part or point around it; ``None`` outside the parts."""
    line: int
    """1-based line of its first character."""
    column: int
    """1-based column (code points) of its first character."""


def search(speech: Speech, text: str) -> tuple[Hit, ...]:
    """Every occurrence of ``text`` in the content, in document order, without overlaps.

    The content is what ``plain_text`` shows: boilerplate is skipped, also inside a
    sentence, so ``营商环境`` is found in ``营商[1]环境``.  A match never spans two
    paragraphs.  An empty ``text`` finds nothing.
    """
    if not text:
        return ()
    nodes = list(numbered(speech))
    hits: list[Hit] = []
    for line in content_lines(speech, speech.source):
        found = line.text.find(text)
        while found >= 0:
            start = line.offset(found)
            end = line.offset(found + len(text) - 1) + 1
            span = Span(start=start, end=end)
            where = position(speech.source, start)
            hits.append(
                Hit(
                    text=text,
                    span=span,
                    id=_innermost(nodes, span),
                    line=where.line,
                    column=where.column,
                )
            )
            found = line.text.find(text, found + len(text))
    return tuple(hits)


def _innermost(nodes: list[Part | Point], span: Span) -> str | None:
    """The id of the deepest part or point whose span holds ``span``."""
    best: Part | Point | None = None
    for node in nodes:
        inside = node.span.start <= span.start and span.end <= node.span.end
        if inside and (best is None or node.depth > best.depth):
            best = node
    return best.id if best is not None else None
