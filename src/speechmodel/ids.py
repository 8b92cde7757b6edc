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

from speechmodel.nodes import Part, Point, Speech, numbered

__all__ = ["ID_PATTERN", "IdMaker", "index"]

ID_PATTERN = re.compile(r"p\d+(?:-\d+)?(?:\.\d+(?:-\d+)?)*")
"""What every id matches: ASCII letters, digits, ``.`` and ``-`` only."""


class IdMaker:
    """The ids of numbered items met in document order, each with its depth and value.

    The layout stage names its items as it places them, so the nodes are built with
    their ids and no pass over the finished tree has to copy them.
    """

    __slots__ = ("_path", "_seen")

    def __init__(self) -> None:
        self._path: list[str] = []
        """The ids of the current item's ancestors and of the item itself."""
        self._seen: list[dict[int, int]] = []
        """Per depth, how often each value came among the current siblings."""

    def next(self, depth: int, value: int) -> str:
        """The id of the next item, ``depth`` deep (0 for a part), numbered ``value``."""
        del self._path[depth:]
        del self._seen[depth + 1 :]
        if len(self._seen) == depth:
            self._seen.append({})
        seen = self._seen[depth]
        seen[value] = seen.get(value, 0) + 1
        repeat = f"-{seen[value]}" if seen[value] > 1 else ""
        prefix = f"{self._path[-1]}." if depth else "p"
        node_id = f"{prefix}{value}{repeat}"
        self._path.append(node_id)
        return node_id


def index(speech: Speech) -> dict[str, Part | Point]:
    """Id → node for every part and point; should two share an id, the first keeps it."""
    found: dict[str, Part | Point] = {}
    for node in numbered(speech):
        found.setdefault(node.id, node)
    return found
