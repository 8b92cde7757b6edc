"""Stage 6 helpers: the inside of one paragraph.

Spliced boilerplate becomes a piece of its own, and a numbered paragraph is cut
into marker, lead sentence and the rest.  Offsets are absolute (into the source).
"""

from __future__ import annotations

from collections.abc import Callable

from speechmodel import tables
from speechmodel.nodes import Boilerplate, Marker, Paragraph, Span, Text
from speechmodel.paragraphs import BLANK

__all__ = ["marker_node", "paragraph", "split_lead"]


def paragraph(text: str, start: int) -> Paragraph:
    """The paragraph ``text`` found at ``start``, splices separated from the speech text."""
    splices = sorted(
        (found.start(), found.end(), rule.name)
        for rule in tables.INLINE_BOILERPLATE
        for found in rule.pattern.finditer(text)
    )
    pieces: list[Text | Boilerplate] = []
    position = 0
    for begin, end, name in splices:
        if begin < position:
            continue  # overlaps a splice already taken
        if begin > position:
            pieces.append(_text(text, start, position, begin))
        pieces.append(
            Boilerplate(
                span=Span(start=start + begin, end=start + end), text=text[begin:end], rule=name
            )
        )
        position = end
    if position < len(text):
        pieces.append(_text(text, start, position, len(text)))
    return Paragraph(span=Span(start=start, end=start + len(text)), pieces=tuple(pieces))


def _text(text: str, start: int, begin: int, end: int) -> Text:
    return Text(span=Span(start=start + begin, end=start + end), text=text[begin:end])


def split_lead(text: str, start: int) -> tuple[Paragraph, Paragraph | None]:
    """Cut ``text`` after its first sentence end: (lead, rest), rest None when blank."""
    outside = _outside_splices(text)
    lead_end = len(text)
    for found in tables.LEAD_END.finditer(text):
        if outside(found.start()):
            lead_end = found.end()
            break
    rest_start = lead_end
    while rest_start < len(text) and text[rest_start] in BLANK:
        rest_start += 1
    lead = paragraph(text[:lead_end].rstrip("".join(BLANK)), start)
    if rest_start == len(text):
        return lead, None
    return lead, paragraph(text[rest_start:], start + rest_start)


def _outside_splices(text: str) -> Callable[[int], bool]:
    spans = [
        (found.start(), found.end())
        for rule in tables.INLINE_BOILERPLATE
        for found in rule.pattern.finditer(text)
    ]
    return lambda offset: not any(begin <= offset < end for begin, end in spans)


def marker_node(found: tables.MarkerMatch, start: int, value: int) -> Marker:
    return Marker(
        span=Span(start=start, end=start + found.end),
        text=found.label,
        value=value,
        style=found.style,
        delimiter=found.delimiter,
    )
