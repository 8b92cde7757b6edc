"""The outline of a speech: a small dict (the ``outline --json`` shape) and indented text."""

from __future__ import annotations

from typing import Any

from speechmodel.nodes import Boilerplate, Paragraph, Part, Point, Speech, numbered, walk
from speechmodel.tables import is_bare_vocative

__all__ = ["closing_text", "outline", "outline_text"]


OUTLINE_LEAVES_OUT = frozenset(["page-nav", "title-repeat"])
"""Boilerplate rules the outline does not list (they stay boilerplate in the model): a
saved page's site menus are dozens of lines that say nothing about the speech, and a
page header repeating the title is the title again."""


def outline(speech: Speech) -> dict[str, Any]:
    """Title, salutation, announced count, parts → points, closing and boilerplate.

    Headings and leads are given as written (``Paragraph.raw``), so a footnote
    mark spliced into a heading stays in it; boilerplate lists every whole line
    of boilerplate in order (but a page's site navigation, and a page header that
    repeats the title), then each distinct spliced fragment once.
    """
    lines: list[str] = []
    splices: list[str] = []
    for path, node in walk(speech):
        if isinstance(node, Boilerplate):
            inside_paragraph = bool(path) and isinstance(path[-1], Paragraph)
            if node.rule in OUTLINE_LEAVES_OUT:
                continue
            if not inside_paragraph:
                lines.append(node.text)
            elif node.text not in splices:
                splices.append(node.text)
    return {
        "title": speech.title,
        "salutation": speech.salutation,
        "announced_parts": speech.announced,
        "parts": [_item(part, speech.source) for part in speech.parts],
        "closing": closing_text(speech),
        "boilerplate": lines + splices,
    }


def _item(node: Part | Point, source: str) -> dict[str, Any]:
    key = "heading" if isinstance(node, Part) else "lead"
    return {
        "marker": node.marker.text,
        key: _unbolded(node.lead.raw, node, source),
        "points": [_item(point, source) for point in node.points],
    }


def _unbolded(lead: str, node: Part | Point, source: str) -> str:
    """``lead`` without the emphasis that closes a bold heading (``**一、标题**``): the
    marker took the opening ``**``, and the heading is ``标题``, not ``标题**``."""
    opening = source[node.marker.span.start : node.marker.span.start + 2]
    if opening in ("**", "__") and lead.endswith(opening):
        return lead[:-2]
    return lead


def closing_text(speech: Speech) -> str | None:
    """The closing's first paragraph that is more than a bare vocative (``各位代表！``)."""
    if speech.closing is None:
        return None
    paragraphs = [b for b in speech.closing.body if isinstance(b, Paragraph)]
    for paragraph in paragraphs:
        if not is_bare_vocative(paragraph.text):
            return paragraph.raw
    return paragraphs[0].raw if paragraphs else None


def outline_text(speech: Speech) -> str:
    """A readable, indented outline."""
    out: list[str] = []
    if speech.title:
        out.append(f"标题 {speech.title}")
    if speech.salutation:
        out.append(f"称呼 {speech.salutation}")
    if speech.announced is not None:
        out.append(f"预告 {speech.announced}")
    for node in numbered(speech):
        lead = _unbolded(node.lead.text, node, speech.source)
        out.append(f"{'  ' * node.depth}{node.marker.text} {lead}")
    closing = closing_text(speech)
    if closing is not None:
        out.append(f"结尾 {closing}")
    return "\n".join(out) + "\n"
