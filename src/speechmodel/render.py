"""Renderers: the content as clean lines, plain text and Markdown (docs/render.md).

Everything here starts from ``content_lines``: the speech's content, one line per
source paragraph, with boilerplate (whole lines and splices) left out and each
character still tied to its place in the source.  Search, chunks and the
``:contains`` selector use the same lines, so a phrase that plain text shows is a
phrase they find, even when a footnote mark was spliced into the middle of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

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
    Span,
    Speech,
    Text,
    walk,
)
from speechmodel.paragraphs import paragraph_spans

__all__ = [
    "ContentLine",
    "content_lines",
    "heading_line",
    "markdown",
    "plain_text",
]


@attrs.frozen(kw_only=True)
class ContentLine:
    """One source paragraph's content: its text and the source runs it is made of."""

    text: str
    """The paragraph as written, boilerplate spliced into it removed, marker included."""
    runs: tuple[Span, ...]
    """Source spans whose text, concatenated, is ``text``; more than one where a splice
    was cut out.  Blanks between two leaves of the same run are kept."""

    def offset(self, index: int) -> int:
        """The source offset of ``text[index]`` (``index == len(text)`` maps to the end)."""
        for run in self.runs:
            if index < len(run):
                return run.start + index
            index -= len(run)
        return self.runs[-1].end if index == 0 else _raise_index(index)

    def spans(self, start: int, end: int) -> tuple[Span, ...]:
        """The source spans that ``text[start:end]`` comes from (empty pieces dropped)."""
        found: list[Span] = []
        position = 0
        for run in self.runs:
            low, high = max(start, position), min(end, position + len(run))
            if low < high:
                offset = run.start - position
                found.append(Span(start=low + offset, end=high + offset))
            position += len(run)
        return tuple(found)


def _raise_index(index: int) -> int:
    raise IndexError(f"offset {index} lies past the end of the line")


def content_lines(node: Node, source: str) -> list[ContentLine]:
    """The content of ``node`` (a ``Speech`` or any node in it), one line per source paragraph.

    A run grows over consecutive content leaves (``Text``, and ``Marker`` as written,
    with the punctuation after it) of one source paragraph, taking the blanks between
    them; a boilerplate leaf ends it, and a paragraph break starts a new line.
    """
    lines: list[ContentLine] = []
    runs: list[Span] = []
    previous: Span | None = None  # the last leaf seen, content or boilerplate
    open_run = False  # whether the next content leaf may extend the last run
    for _, leaf in walk(node):
        if not isinstance(leaf, (Text, Marker, Boilerplate)) or not len(leaf.span):
            continue
        if previous is None or _breaks(source, previous.end, leaf.span.start):
            _flush(lines, runs, source)
            runs, open_run = [], False
        previous = leaf.span
        if isinstance(leaf, Boilerplate):
            open_run = False
        elif open_run:
            runs[-1] = Span(start=runs[-1].start, end=leaf.span.end)
        else:
            runs.append(leaf.span)
            open_run = True
    _flush(lines, runs, source)
    return lines


def _breaks(source: str, start: int, end: int) -> bool:
    """Whether a paragraph boundary lies in ``source[start:end]`` (blanks between leaves).

    Asks ``paragraphs`` itself, so the rule (a line break, or two U+3000 in a row) has
    one home.
    """
    if start >= end:
        return False
    return len(list(paragraph_spans("x" + source[start:end] + "x"))) > 1


def _flush(lines: list[ContentLine], runs: list[Span], source: str) -> None:
    if runs:
        text = "".join(source[run.start : run.end] for run in runs)
        lines.append(ContentLine(text=text, runs=tuple(runs)))


def plain_text(speech: Speech) -> str:
    """The speech without boilerplate: one paragraph per line, indentation dropped.

    Empty when the speech has no content; otherwise every line ends with ``\\n``.
    """
    return "".join(line.text + "\n" for line in content_lines(speech, speech.source))


def heading_line(node: Part | Point, source: str) -> str:
    """The marker as written and the heading or lead: ``"一、提高…"``, ``"首先，抓落实…。"``."""
    heading = node.lead
    lines = content_lines(node.marker, source) + content_lines(heading, source)
    first, rest = node.marker.span, heading.span
    gap = source[first.end : rest.start] if not _breaks(source, first.end, rest.start) else ""
    return gap.join(line.text for line in lines)


# ---------------------------------------------------------------- Markdown

_ESCAPE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(?:(#{1,6})(?=\s|$)|([-+=])(?=[\s=]|$)|(\d+)([.)])(?=\s|$))")
"""What would start a heading, a bullet, a setext underline or an ordered list."""
_EDGE_PUNCT = "。！？；，、：.!?;,:…—“”‘’\"'「」『』（）()《》〈〉【】"


def _escape(text: str, *, line_start: bool = True) -> str:
    """Text that Markdown shows as written (``**届`` in a censored speech stays stars)."""
    escaped = _ESCAPE.sub(r"\\\1", text)
    if line_start:
        escaped = _LINE_START.sub(_escape_start, escaped)
    return escaped


def _escape_start(found: re.Match[str]) -> str:
    """A heading ``#``, a bullet, a setext underline or an ordered-list ``1.``, made literal."""
    if found.group(3):
        return found.group(3) + "\\" + found.group(4)
    return "\\" + (found.group(1) or found.group(2))


def _bold(text: str) -> str:
    """``text`` in bold, with punctuation at either edge kept outside the ``**``.

    CommonMark only closes ``**`` after punctuation when whitespace or punctuation
    follows, which Chinese text rarely has (``**要求。**云溪`` stays literal); with the
    punctuation outside, ``**要求**。云溪`` is bold in every renderer.
    """
    core = text.strip(_EDGE_PUNCT)
    if not core.strip():
        return _escape(text, line_start=False)
    head = text[: len(text) - len(text.lstrip(_EDGE_PUNCT))]
    tail = text[len(head) + len(core) :]
    return "".join(
        (_escape(head, line_start=False), "**", _escape(core, line_start=False), "**"),
    ) + _escape(tail, line_start=False)


def markdown(speech: Speech) -> str:
    """The speech as Markdown: title ``#``, parts ``##``, points as nested lists, leads bold.

    Front matter other than the title, the salutation, the opening, body paragraphs
    and the closing are plain paragraphs; boilerplate is left out.
    """
    blocks: list[str] = []
    source = speech.source
    for child in speech.children:
        if isinstance(child, FrontMatter) and child.role == "title":
            blocks.append("# " + _escape(child.text, line_start=False))
        elif isinstance(child, (FrontMatter, Salutation, Paragraph, Closing)):
            blocks.extend(_escape(line.text) for line in content_lines(child, source))
        elif isinstance(child, Part):
            blocks.extend(_part(child, source))
    return "".join(block + "\n\n" for block in blocks).removesuffix("\n")


def _part(part: Part, source: str) -> Iterator[str]:
    marker = _marker_text(part, source)
    heading = content_lines(part.heading, source)
    title = "".join(line.text for line in heading)
    yield f"## {_escape(marker, line_start=False)}{_escape(title, line_start=False)}".rstrip()
    for block in part.body:
        yield from (_escape(line.text) for line in content_lines(block, source))
    for point in part.points:
        yield _point(point, source, indent="")


def _point(point: Point, source: str, *, indent: str) -> str:
    """One list item: marker, bold lead and the rest of its paragraph; the body and the
    points below follow as continuation blocks indented under the item."""
    inner = indent + "  "
    lead = "".join(line.text for line in content_lines(point.lead, source))
    body = [line for block in point.body for line in content_lines(block, source)]
    same_paragraph = bool(body) and not _breaks(source, point.lead.span.end, body[0].runs[0].start)
    rest = _escape(body.pop(0).text, line_start=False) if same_paragraph else ""
    written = _marker_text(point, source)
    # "1. 天" at the start of an item would open a nested list; "1.天" would not.
    marker = _escape(written, line_start=_LINE_START.match(written + lead) is not None)
    item = [f"{indent}- {marker}{_bold(lead) if lead else ''}{rest}".rstrip()]
    item.extend(inner + _escape(line.text) for line in body)
    item.extend(_point(sub, source, indent=inner) for sub in point.points)
    return "\n\n".join(item)


def _marker_text(node: Part | Point, source: str) -> str:
    """The marker as written, with the blanks between it and the heading."""
    heading = node.lead
    end = heading.span.start if heading.span.start >= node.marker.span.end else node.marker.span.end
    written = source[node.marker.span.start : end]
    return written if not _breaks(source, node.marker.span.end, end) else node.marker.text
