"""Stable, readable ids for parts and points (the scheme is in docs/ids.md).

An id is built from parsed values only: ``p`` and the part's marker value, then
``.`` and the value of each point on the way down (``p2.3.1``).  Nothing about
the source's bytes, offsets or wording enters it, so re-parsing the same text
gives the same ids, and so does a copy with a typo fixed in a heading.

A value can repeat among siblings when a sequence restarts (three top-level runs
``一是…三是``, ``一是…四是`` become seven parts).  The n-th sibling (n ≥ 2) with a
value already used gets ``-n``: ``p1, p2, p3, p1-2, p2-2, p3-2, p4``.  An id then
depends only on the siblings before it, so appending text never renames a node.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

import attrs

from speechmodel.nodes import Part, Point, Speech, numbered

__all__ = ["ID_PATTERN", "assign_ids", "index"]

ID_PATTERN = re.compile(r"p\d+(?:-\d+)?(?:\.\d+(?:-\d+)?)*")
"""What every id matches: ASCII letters, digits, ``.`` and ``-`` only."""

_Numbered = TypeVar("_Numbered", Part, Point)


def assign_ids(speech: Speech) -> Speech:
    """A copy of ``speech`` whose parts and points carry their ids (one top-down pass)."""
    children = list(speech.children)
    parts = [(i, child) for i, child in enumerate(children) if isinstance(child, Part)]
    named = _named([part for _, part in parts], "p")
    for (i, _), part in zip(parts, named, strict=True):
        children[i] = part
    return attrs.evolve(speech, children=tuple(children))


def _named(siblings: Iterable[_Numbered], prefix: str) -> list[_Numbered]:
    """``siblings`` with ids ``prefix + value`` (``-n`` for the n-th repeat), points below too."""
    seen: dict[int, int] = {}
    result: list[_Numbered] = []
    for node in siblings:
        value = node.marker.value
        seen[value] = seen.get(value, 0) + 1
        repeat = f"-{seen[value]}" if seen[value] > 1 else ""
        node_id = f"{prefix}{value}{repeat}"
        points = tuple(_named(node.points, node_id + "."))
        result.append(attrs.evolve(node, id=node_id, points=points))
    return result


def index(speech: Speech) -> dict[str, Part | Point]:
    """Id → node for every part and point; should two share an id, the first keeps it."""
    found: dict[str, Part | Point] = {}
    for node in numbered(speech):
        found.setdefault(node.id, node)
    return found
