"""Stage 6 helpers: the inside of one paragraph.

Spliced boilerplate becomes a piece of its own, and a numbered paragraph is cut
into marker, lead sentence and the rest.  Offsets are absolute (into the source).
"""

from __future__ import annotations

from speechmodel import tables
from speechmodel.nodes import (
    Boilerplate,
    Marker,
    Paragraph,
    Text,
    new_boilerplate,
    new_paragraph,
    new_plain_paragraph,
    new_span,
    new_text,
)
from speechmodel.paragraphs import BLANK

__all__ = ["marker_node", "may_hold_splices", "paragraph", "split_lead"]


def may_hold_splices(text: str, rules: tuple[tables.SpliceRule, ...]) -> bool:
    """Whether spliced boilerplate may be in ``text``: ``False`` rules it out for every
    paragraph of a run at once, when ``text`` is the run's paragraphs joined.
    ``rules`` are those that may find something in the whole text
    (``tables.splice_rules``)."""
    return any(rule.needle in text for rule in rules)


def paragraph(text: str, start: int, rules: tuple[tables.SpliceRule, ...]) -> Paragraph:
    """The paragraph ``text`` found at ``start``, the splices that ``rules`` find
    separated from the speech text."""
    splices = _splices(text, rules)
    if not splices:  # most paragraphs
        return new_plain_paragraph(start, text)
    span = new_span(start, start + len(text))
    pieces: list[Text | Boilerplate] = []
    position = 0
    for begin, end, name in splices:
        if begin > position:
            pieces.append(_text(text, start, position, begin))
        pieces.append(new_boilerplate(new_span(start + begin, start + end), text[begin:end], name))
        position = end
    if position < len(text):
        pieces.append(_text(text, start, position, len(text)))
    return new_paragraph(span, tuple(pieces))


def _splices(text: str, rules: tuple[tables.SpliceRule, ...]) -> list[tuple[int, int, str]]:
    """Spliced boilerplate in ``text``: sorted, overlaps dropped."""
    found: list[tuple[int, int, str]] = []
    for name, needle, pattern, _ in rules:
        if needle in text:  # most paragraphs have none
            found.extend((m.start(), m.end(), name) for m in pattern.finditer(text))
    if len(found) < 2:
        return found
    found.sort()
    kept = [found[0]]
    for splice in found[1:]:
        if splice[0] >= kept[-1][1]:
            kept.append(splice)
    return kept


def _text(text: str, start: int, begin: int, end: int) -> Text:
    return new_text(new_span(start + begin, start + end), text[begin:end])


def split_lead(
    text: str, start: int, rules: tuple[tables.SpliceRule, ...]
) -> tuple[Paragraph, Paragraph | None]:
    """Cut ``text`` after its first sentence end: (lead, rest), rest None when blank.

    A sentence end inside spliced boilerplate does not count.
    """
    splices = iter(_splices(text, rules))
    splice = next(splices, None)
    lead_end = len(text)
    for found in tables.LEAD_END.finditer(text):
        while splice is not None and splice[1] <= found.start():
            splice = next(splices, None)
        if splice is None or found.start() < splice[0]:
            lead_end = found.end()
            break
    rest_start = lead_end
    while rest_start < len(text) and text[rest_start] in BLANK:
        rest_start += 1
    lead = paragraph(text[:lead_end].rstrip(_BLANK_CHARS), start, rules)
    if rest_start == len(text):
        return lead, None
    return lead, paragraph(text[rest_start:], start + rest_start, rules)


_BLANK_CHARS = "".join(sorted(BLANK))


def marker_node(found: tables.MarkerMatch, start: int, value: int) -> Marker:
    return Marker(
        span=new_span(start, start + found.end),
        text=found.label,
        value=value,
        style=found.style,
        delimiter=found.delimiter,
    )
