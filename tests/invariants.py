"""Structural invariants every parsed ``Speech`` must satisfy, as one reusable check.

The corpus tests and the property tests both call ``check_speech``.  pytest rewrites the
asserts here (``conftest.py`` registers this module), so a failure shows the values.
"""

from __future__ import annotations

from speechmodel import walk
from speechmodel.nodes import (
    Boilerplate,
    Closing,
    FrontMatter,
    Marker,
    Node,
    Paragraph,
    Part,
    Point,
    Salutation,
    Speech,
    Text,
)
from speechmodel.paragraphs import BLANK

__all__ = ["LEAVES", "check_speech", "leaves"]

LEAVES = (Text, Marker, Boilerplate)
"""The node types that carry text; together they cover every non-blank character."""

_NODE_TYPES = (Speech, FrontMatter, Salutation, Paragraph, Part, Point, Closing, *LEAVES)


def leaves(speech: Speech) -> list[Text | Marker | Boilerplate]:
    """The leaves of ``speech`` in document order."""
    return [node for _, node in walk(speech) if isinstance(node, LEAVES)]


def check_speech(speech: Speech) -> None:
    """Assert the invariants of the document model on ``speech``.

    - every node is one of the model's classes (no lark ``Tree`` or ``Token`` leaks in),
      and every leaf's text is a plain ``str``;
    - every span lies inside the source, and a leaf's text is exactly what its span covers
      (a word-style marker's span also covers the one punctuation mark after it);
    - the children of a node lie inside the node's span, in order, without overlapping;
    - a paragraph's pieces cover its span exactly, with no gap;
    - every character of the source that is not blank lies in exactly one leaf, and no
      character lies in two.
    """
    source = speech.source
    covered = [0] * len(source)
    children: dict[int, list[Node]] = {}
    parents: dict[int, Node] = {}
    for path, node in walk(speech):
        assert isinstance(node, _NODE_TYPES), f"not a model node: {node!r}"
        span = node.span
        assert 0 <= span.start <= span.end <= len(source), f"span out of range: {node!r}"
        if path:
            parent = path[-1]
            parents[id(parent)] = parent
            children.setdefault(id(parent), []).append(node)
        if isinstance(node, LEAVES):
            assert type(node.text) is str, f"leaf text is a {type(node.text).__name__}"
            written = source[span.start : span.end]
            if isinstance(node, Marker):
                # A word-style marker's span also takes the one punctuation mark after it
                # (``首先，``), which its text leaves out; see ``Marker.span``.
                extra = written[len(node.text) :]
                assert written.startswith(node.text), f"marker text != source: {node!r}"
                assert extra == "" or (len(extra) == 1 and extra in node.delimiter), (
                    f"marker span takes more than its punctuation: {node!r}"
                )
            else:
                assert written == node.text, f"leaf text != source: {node!r}"
            for offset in range(span.start, span.end):
                covered[offset] += 1
    for key, kids in children.items():
        parent = parents[key]
        outer = parent.span
        previous_end = outer.start
        for child in kids:
            assert outer.start <= child.span.start, f"{child!r} starts before its parent"
            assert child.span.end <= outer.end, f"{child!r} ends after its parent {outer!r}"
            assert previous_end <= child.span.start, f"{child!r} overlaps or precedes a sibling"
            previous_end = child.span.end
        if isinstance(parent, Paragraph):
            position = outer.start
            for piece in parent.pieces:
                assert piece.span.start == position, f"gap before {piece!r} in {parent!r}"
                position = piece.span.end
            assert position == outer.end, f"pieces do not reach the end of {parent!r}"
    for offset, count in enumerate(covered):
        char = source[offset]
        if char in BLANK:
            assert count <= 1, f"blank {char!r} at {offset} lies in {count} leaves"
        else:
            assert count == 1, f"{char!r} at {offset} lies in {count} leaves, not exactly one"
