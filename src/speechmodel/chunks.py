"""Chunks for retrieval: the content cut at the strongest boundaries that fit (docs/chunks.md).

The content is ``render.content_lines``: boilerplate out, one line per paragraph.
Each line is cut into sentences, and every cut point gets a rank, strongest first:

0. a part starts, or the text moves between the front, a part and the closing;
1, 2, … a point of that depth starts;
then a new paragraph, then a new sentence (after ``。！？；!?;`` and closing quotes);
then, inside a sentence too long for any chunk, after ``，、：,:``; last, anywhere.

``_pack`` fills chunks greedily with the pieces between the strongest cuts, and
only goes down a rank inside a piece that is too long on its own.  A sentence is
therefore cut only when it alone exceeds the budget.  The text is first cut at
every rank-0 boundary and never merged across one: a chunk holds text of one part
(or of the front, or of the closing), so its breadcrumb always names the part.  With ``overlap=0`` every content character
lies in exactly one chunk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from speechmodel.nodes import Marker, Part, Point, Span, Speech, Text, numbered, walk
from speechmodel.render import ContentLine, content_lines, heading_line

__all__ = ["BREADCRUMB_SEPARATOR", "Chunk", "chunks"]

BREADCRUMB_SEPARATOR = " › "
"""What joins the headings of a breadcrumb."""

_PARAGRAPH = 1000
_SENTENCE = 1001
_CLAUSE = 1002
_ANYWHERE = 1003

_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)》\"']*")
_CLAUSE_END = re.compile(r"[，、：,:]+")


@attrs.frozen(kw_only=True)
class Chunk:
    """A piece of the content, small enough for an embedding model, with its context."""

    text: str
    """The content, paragraphs separated by ``\\n``, boilerplate left out."""
    breadcrumb: str
    """The headings of the parts and points that enclose the whole chunk, outermost first,
    each with its marker as written, joined by `` › ``; ``""`` outside the parts."""
    path: tuple[str, ...]
    """The ids of the nodes in ``breadcrumb``."""
    ids: tuple[str, ...]
    """The ids of the parts and points whose own text (heading, lead, body) is in the chunk,
    in document order."""
    spans: tuple[Span, ...]
    """The source spans of ``text``, in order: concatenated, their source text is ``text``
    without its ``\\n`` separators."""
    overlap: int
    """How many leading characters of ``text`` repeat the end of the previous chunk
    (``0`` with ``overlap=0``)."""


@attrs.frozen(kw_only=True)
class _Unit:
    """An uncuttable stretch of one line: a sentence, or a piece of a very long one."""

    line: ContentLine
    start: int
    end: int
    rank: int
    """How strong the boundary before this unit is (smaller is stronger)."""
    newline: bool
    """Whether the unit starts a paragraph (``\\n`` before it inside a chunk)."""
    owners: tuple[Part | Point, ...]
    """The parts and points around it, outermost first."""

    @property
    def text(self) -> str:
        return self.line.text[self.start : self.end]


def chunks(speech: Speech, *, max_chars: int = 800, overlap: int = 0) -> tuple[Chunk, ...]:
    """Cut ``speech``'s content into chunks of at most ``max_chars`` characters.

    With ``overlap > 0`` each chunk but the first starts with the last whole units
    (sentences) of the previous chunk that fit in ``overlap`` characters, or, when the
    last one alone is longer, with its last ``overlap`` characters; the rest of the
    chunk is packed within ``max_chars - overlap``, so no chunk exceeds ``max_chars``.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, got {max_chars}")
    if not 0 <= overlap < max_chars:
        raise ValueError(f"overlap must be at least 0 and below max_chars, got {overlap}")
    budget = max_chars - overlap
    units = list(_units(speech, budget))
    result: list[Chunk] = []
    previous: list[_Unit] = []
    headings = {id(node): heading_line(node, speech.source) for node in numbered(speech)}
    for group in (group for section in _sections(units) for group in _pack(section, budget)):
        # The "\n" between the repeated text and a chunk that starts a paragraph counts too.
        limit = overlap - (1 if group[0].newline else 0)
        repeated = _tail(previous, limit) if limit > 0 else []
        result.append(_chunk(headings, repeated, group))
        previous = group
    return tuple(result)


def _units(speech: Speech, budget: int) -> Iterator[_Unit]:
    """The content as units, each at most ``budget`` long, with the rank of the cut before it."""
    owners = _owners(speech)
    closing = speech.closing.span if speech.closing is not None else None
    previous_section: object = None
    for line in content_lines(speech, speech.source):
        start = line.runs[0].start
        path = owners.get(start, ())
        section: object = path[0].id if path else "closing"
        if not path and (closing is None or start < closing.start):
            section = "front"
        if path and path[-1].marker.span.start == start:
            rank = path[-1].depth
        elif section != previous_section:
            rank = 0
        else:
            rank = _PARAGRAPH
        previous_section = section
        first = True
        for begin, end in _cuts(line.text, _SENTENCE_END):
            for piece_rank, (low, high) in _fit(line.text, begin, end, budget):
                yield _Unit(
                    line=line,
                    start=low,
                    end=high,
                    rank=rank if first else piece_rank,
                    newline=first,
                    owners=path,
                )
                first = False


def _owners(speech: Speech) -> dict[int, tuple[Part | Point, ...]]:
    """Source offset of each content leaf → the parts and points around it."""
    found: dict[int, tuple[Part | Point, ...]] = {}
    for path, node in walk(speech):
        if isinstance(node, (Text, Marker)):
            found[node.span.start] = tuple(n for n in path if isinstance(n, (Part, Point)))
    return found


def _cuts(
    text: str, pattern: re.Pattern[str], start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """``text[start:end]`` cut after each match of ``pattern``, as ``(start, end)`` pairs."""
    end = len(text) if end is None else end
    pieces: list[tuple[int, int]] = []
    position = start
    for found in pattern.finditer(text, start, end):
        if found.end() > position:
            pieces.append((position, found.end()))
            position = found.end()
    if position < end:
        pieces.append((position, end))
    return pieces


def _fit(text: str, start: int, end: int, budget: int) -> Iterator[tuple[int, tuple[int, int]]]:
    """A sentence as it is, or, when longer than ``budget``, cut after clauses and then
    into ``budget``-sized pieces; each piece with the rank of the cut before it."""
    rank = _SENTENCE
    for low, high in (
        _cuts(text, _CLAUSE_END, start, end) if end - start > budget else [(start, end)]
    ):
        yield rank, (low, min(high, low + budget))
        for cut in range(low + budget, high, budget):
            yield _ANYWHERE, (cut, min(high, cut + budget))
        rank = _CLAUSE


def _sections(units: list[_Unit]) -> list[list[_Unit]]:
    """``units`` cut at every rank-0 boundary: the front, each part, the closing."""
    sections: list[list[_Unit]] = []
    for unit in units:
        if not sections or unit.rank == 0:
            sections.append([])
        sections[-1].append(unit)
    return sections


def _size(units: list[_Unit]) -> int:
    """Length of the chunk text ``units`` make, ``\\n`` separators included."""
    return sum(u.end - u.start for u in units) + sum(1 for u in units[1:] if u.newline)


def _pack(units: list[_Unit], budget: int) -> list[list[_Unit]]:
    """Group ``units`` into chunks of at most ``budget``, cutting at the strongest ranks.

    Every unit fits the budget on its own (``_fit`` made sure), so the recursion ends
    at the latest when the pieces are single units.  ``units`` is one section
    (``_sections``), so no chunk mixes two parts.
    """
    if not units:
        return []
    if _size(units) <= budget:
        return [units]
    strongest = min(unit.rank for unit in units[1:])
    pieces: list[list[_Unit]] = []
    for unit in units:
        if not pieces or unit.rank == strongest:
            pieces.append([unit])
        else:
            pieces[-1].append(unit)
    groups: list[list[_Unit]] = []
    current: list[_Unit] = []
    for piece in pieces:
        if current and _size(current + piece) <= budget:
            current += piece
            continue
        if current:
            groups.append(current)
            current = []
        if _size(piece) <= budget:
            current = piece
        else:
            groups.extend(_pack(piece, budget))
    if current:
        groups.append(current)
    return groups


def _tail(units: list[_Unit], overlap: int) -> list[_Unit]:
    """The last whole units of ``units`` that fit in ``overlap``, else the last characters."""
    taken: list[_Unit] = []
    for unit in reversed(units):
        if _size([unit, *taken]) > overlap:
            break
        taken.insert(0, unit)
    if taken or not units:
        return taken
    last = units[-1]
    return [attrs.evolve(last, start=last.end - overlap, newline=False)]


def _chunk(headings: dict[int, str], repeated: list[_Unit], own: list[_Unit]) -> Chunk:
    units = [*repeated, *own]
    text = "".join(("\n" if u.newline and i else "") + u.text for i, u in enumerate(units))
    repeated_size = _size(repeated) + (1 if repeated and own[0].newline else 0)
    spans: list[Span] = []
    for unit in units:
        for span in unit.line.spans(unit.start, unit.end):
            if spans and spans[-1].end == span.start:
                spans[-1] = Span(start=spans[-1].start, end=span.end)
            else:
                spans.append(span)
    enclosing = _common_prefix([u.owners for u in own])
    ids: list[str] = []
    for unit in own:
        if unit.owners and unit.owners[-1].id not in ids:
            ids.append(unit.owners[-1].id)
    return Chunk(
        text=text,
        breadcrumb=BREADCRUMB_SEPARATOR.join(headings[id(node)] for node in enclosing),
        path=tuple(node.id for node in enclosing),
        ids=tuple(ids),
        spans=tuple(spans),
        overlap=repeated_size,
    )


def _common_prefix(paths: list[tuple[Part | Point, ...]]) -> tuple[Part | Point, ...]:
    """The nodes every path starts with (compared by identity: ids may repeat on a copy)."""
    prefix = paths[0]
    for path in paths[1:]:
        size = 0
        while size < min(len(prefix), len(path)) and prefix[size] is path[size]:
            size += 1
        prefix = prefix[:size]
    return prefix
