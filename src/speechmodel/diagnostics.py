"""Structure diagnostics: what a linter would point out in a speech's layout.

The parse is lenient: it decides a layout for any text.  This module then looks at
what was decided (the ``Speech`` tree and the ``levels.Layout`` behind it) and
reports what looks wrong as coded ``Diagnostic`` data: numbering that jumps,
repeats or restarts, markers written inconsistently, an announced count that the
parts do not match, markers that were not taken and why, text after the closing,
boilerplate that was set aside, and characters that have no place in a speech.

Each code has one severity, fixed in ``CODES``.  An *error* is a mistake in the
document that a reader would notice and an author should fix (a missing or
repeated number, a wrong announced count, bytes that could not be decoded, text
that JSON cannot carry); strict mode raises on the first one.  A *warning* is
probably unintended but harmless to the structure; *info* records a decision of
the parser (a lone ``首先，`` read as prose, a line of boilerplate removed).

The checks never change the outline: they only read the tree and the layout.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import attrs

from speechmodel import tables
from speechmodel.errors import SpeechSyntaxError
from speechmodel.levels import REJECTED, Layout
from speechmodel.nodes import (
    Block,
    Boilerplate,
    Closing,
    Diagnostic,
    FrontMatter,
    Marker,
    Paragraph,
    Part,
    Point,
    Salutation,
    Span,
    Speech,
    Text,
    numbered,
)

__all__ = [
    "CODES",
    "SEVERITIES",
    "Code",
    "LineIndex",
    "add",
    "diagnose",
    "make",
    "raise_first_error",
    "undecodable",
]

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
"""From most to least severe."""


class Code(NamedTuple):
    """One diagnostic code: its stable name, its severity and what it means."""

    code: str
    severity: str
    summary: str


CODES: tuple[Code, ...] = (
    Code("numbering-gap", ERROR, "a list skips a number, or does not start at 1"),
    Code("numbering-duplicate", ERROR, "a list repeats a number"),
    Code("numbering-order", ERROR, "a list goes back to a lower number other than 1"),
    Code("announced-count", ERROR, "the opening announces a number of parts that differs"),
    Code("undecodable-bytes", ERROR, "bytes that no encoding read were replaced by U+FFFD"),
    Code("lone-surrogate", ERROR, "a lone UTF-16 surrogate, which JSON cannot carry"),
    Code("numbering-restart", WARNING, "a list starts again at 1"),
    Code("mixed-styles", WARNING, "a list goes on in another marker style"),
    Code("bracket-mix", WARNING, "full-width and half-width brackets are mixed"),
    Code("unusual-delimiter", WARNING, "a marker's delimiter differs from the rest of its style"),
    Code("point-outside-part", WARNING, "a numbered point before the first part"),
    Code("empty-part", WARNING, "a part heading with nothing under it"),
    Code("nesting-too-deep", WARNING, "a marker that would nest deeper than the limit"),
    Code("text-after-closing", WARNING, "text after the final thanks or adjournment"),
    Code("no-speech-text", WARNING, "every paragraph was set aside as boilerplate"),
    Code("unusual-character", WARNING, "control, bidi-override or replacement characters"),
    Code("marker-not-taken", INFO, "a marker-looking paragraph read as an ordinary paragraph"),
    Code("boilerplate-removed", INFO, "page chrome set aside as boilerplate"),
)
"""Every diagnostic code, in the order diagnostics at one spot are listed."""

_BY_CODE = {entry.code: entry for entry in CODES}
_ORDER = {entry.code: rank for rank, entry in enumerate(CODES)}

_PART_STYLES = frozenset(rule.style for rule in tables.MARKER_RULES if rule.part_style)
_CONVENTIONAL = {"一、": "、", "1.": "."}
"""Styles whose delimiter varies, with the delimiter GB/T 9704 writes."""
_FULL_BRACKETS, _HALF_BRACKETS = "（）", "()"
_FINAL_FORMULA = re.compile(r"^(?:谢谢|散会|今天的会议就开到这里|今天的会就开到这里|会议到此结束)")
"""What ends a speech for good: text after it is not part of the speech."""
_TITLE_END = ("。", "！", "？", "!", "?", "；", ";")
_UNUSUAL = (
    r"(?P<unusual>[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ufffd]+)"
    r"|(?P<surrogate>[\ud800-\udfff]+)"
)
"""Runs of C0/C1 controls (not line breaks), bidi embeddings/overrides/isolates, U+FFFD;
or of lone surrogates.  One pass over the source: two character classes, each with
one ``+``, so every match is a linear scan.  Compiled on first use (``re`` caches
it): most texts never get past ``_UNUSUAL_CHARACTER``."""


def make(code: str, message: str, start: int, end: int) -> Diagnostic:
    """A diagnostic of ``code`` (its severity from ``CODES``) over ``[start, end)``."""
    return _over(code, message, Span(start=start, end=end))


def _over(code: str, message: str, span: Span) -> Diagnostic:
    """A diagnostic of ``code`` over a node's own ``span`` (spans are immutable)."""
    return Diagnostic(code=code, severity=_BY_CODE[code].severity, message=message, span=span)


def diagnose(speech: Speech, plan: Layout) -> tuple[Diagnostic, ...]:
    """Every diagnostic for a parsed speech, in document order."""
    markers, boilerplate = _markers_and_boilerplate(speech)
    found = [
        *_numbering(speech),
        *_delimiters(markers),
        *_announced(speech, plan),
        *_rejected(plan),
        *_empty_parts(speech),
        *_after_closing(speech),
        *_no_speech_text(speech),
        *_boilerplate(boilerplate),
        *_characters(speech.source),
    ]
    return tuple(sorted(found, key=sort_key))


def _markers_and_boilerplate(speech: Speech) -> tuple[list[Marker], list[Boilerplate]]:
    """Every marker (in document order) and every piece of boilerplate.

    A direct pass over the node types that can hold them: the generic ``walk``
    visits every leaf with its path, which cost a fifth of a whole parse here.
    """
    markers: list[Marker] = []
    boilerplate: list[Boilerplate] = []

    def paragraph(node: Paragraph) -> None:
        if len(node.pieces) != 1 or not isinstance(node.pieces[0], Text):
            boilerplate.extend(p for p in node.pieces if isinstance(p, Boilerplate))

    def blocks(body: tuple[Block, ...]) -> None:
        for block in body:
            if isinstance(block, Boilerplate):
                boilerplate.append(block)
            else:
                paragraph(block)

    for child in speech.children:
        if isinstance(child, Boilerplate):
            boilerplate.append(child)
        elif isinstance(child, Paragraph):
            paragraph(child)
        elif isinstance(child, FrontMatter):
            for line in child.lines:
                paragraph(line)
        elif isinstance(child, Salutation):
            paragraph(child.paragraph)
        elif isinstance(child, Closing):
            blocks(child.body)
    for item in numbered(speech):
        markers.append(item.marker)
        paragraph(item.lead)
        blocks(item.body)
    return markers, boilerplate


def sort_key(diagnostic: Diagnostic) -> tuple[int, int, int]:
    """Document order; at one spot, the order of ``CODES``."""
    return (diagnostic.span.start, _ORDER[diagnostic.code], diagnostic.span.end)


# ---------------------------------------------------------------- numbering


def _lists(speech: Speech) -> Iterator[tuple[str, Sequence[Part] | Sequence[Point]]]:
    """Each list of siblings: the parts, then the points of every part and point."""
    yield "part", speech.parts
    stack: list[Part | Point] = list(reversed(speech.parts))
    while stack:
        item = stack.pop()
        if item.points:
            yield "point", item.points
        stack.extend(reversed(item.points))


def _numbering(speech: Speech) -> Iterator[Diagnostic]:
    for what, items in _lists(speech):
        yield from _sequence(what, items)


def _sequence(what: str, items: Sequence[Part] | Sequence[Point]) -> Iterator[Diagnostic]:
    """Gaps, repeats, restarts and order in one list of siblings.

    Siblings of different styles are separate sequences (a paragraph item may be
    followed by a sibling sequence of another style, see levels.py), except that a
    new style that goes on with the number of a sequence joins it (``一、`` ``二、``
    ``第三，``): that is reported as mixed styles, and numbered as one list.
    """
    last: dict[str, tuple[int, Marker]] = {}
    joined: dict[str, str] = {}
    for item in items:
        marker = item.marker
        key = joined.get(marker.style, marker.style)
        if key not in last and marker.value != 1:
            for other, (value, previous) in last.items():
                if value == marker.value - 1:
                    key = joined[marker.style] = other
                    yield _at(
                        "mixed-styles",
                        f"{marker.text} goes on with the {what}s numbered {previous.text} "
                        f"in another style ({marker.style} after {previous.style})",
                        marker,
                    )
                    break
        if key not in last:
            if marker.value > 1:
                yield _at(
                    "numbering-gap",
                    f"the {what}s start at {marker.text} ({marker.value}), not at 1",
                    marker,
                )
        else:
            value, previous = last[key]
            yield from _step(what, value, previous, marker)
        last[key] = (marker.value, marker)


def _step(what: str, value: int, previous: Marker, marker: Marker) -> Iterator[Diagnostic]:
    if marker.value == value + 1:
        return
    change = f"{previous.text} → {marker.text}"
    if marker.value == value:
        yield _at("numbering-duplicate", f"{what} number {value} comes twice ({change})", marker)
    elif marker.value == 1:
        yield _at("numbering-restart", f"the {what}s start again at 1 ({change})", marker)
    elif marker.value > value:
        missing = range(value + 1, marker.value)
        listed = ", ".join(str(n) for n in missing)
        yield _at(
            "numbering-gap",
            f"the {what}s jump from {value} to {marker.value} ({change}); "
            f"{'number' if len(missing) == 1 else 'numbers'} {listed} missing",
            marker,
        )
    else:
        yield _at(
            "numbering-order",
            f"the {what}s go back from {value} to {marker.value} ({change})",
            marker,
        )


def _at(code: str, message: str, marker: Marker) -> Diagnostic:
    return _over(code, message, marker.span)


# ---------------------------------------------------------------- delimiters


def _delimiters(markers: Sequence[Marker]) -> Iterator[Diagnostic]:
    """Delimiters that differ from the rest of the document, and bracket widths mixed."""
    for style, conventional in _CONVENTIONAL.items():
        ones = [m for m in markers if m.style == style]
        counts = Counter(m.delimiter for m in ones)
        if len(counts) < 2:
            continue
        # The document's own habit decides; on a tie, the conventional form.
        usual = max(counts, key=lambda d: (counts[d], d == conventional))
        example = next(m.text for m in ones if m.delimiter == usual)
        for marker in ones:
            if marker.delimiter != usual:
                yield _at(
                    "unusual-delimiter",
                    f"{marker.text} ends with {marker.delimiter!r} where the other "
                    f"{style} markers use {usual!r} ({example})",
                    marker,
                )
    bracketed = [m for m in markers if len(m.delimiter) == 2 and m.style in ("（一）", "（1）")]
    full = sum(m.delimiter == _FULL_BRACKETS for m in bracketed)
    half = sum(m.delimiter == _HALF_BRACKETS for m in bracketed)
    minority = _HALF_BRACKETS if half <= full else _FULL_BRACKETS
    for marker in bracketed:
        if marker.delimiter not in (_FULL_BRACKETS, _HALF_BRACKETS):
            yield _at(
                "bracket-mix",
                f"{marker.text} opens and closes with brackets of different widths",
                marker,
            )
        elif full and half and marker.delimiter == minority:
            width = "half" if minority == _HALF_BRACKETS else "full"
            yield _at(
                "bracket-mix",
                f"{marker.text} uses {width}-width brackets; the other markers use "
                f"{'full' if width == 'half' else 'half'}-width ones",
                marker,
            )


# ---------------------------------------------------------------- parts


def _announced(speech: Speech, plan: Layout) -> Iterator[Diagnostic]:
    if speech.announced is None or plan.announced_line is None:
        return
    found = len(speech.parts)
    if found == speech.announced:
        return
    line = plan.lines[plan.announced_line]
    yield make(
        "announced-count",
        f"the opening announces {speech.announced} parts, but {found} "
        f"{'was' if found == 1 else 'were'} found",
        line.start,
        line.end,
    )


def _rejected(plan: Layout) -> Iterator[Diagnostic]:
    codes = {"before-part": "point-outside-part", "too-deep": "nesting-too-deep"}
    for index, reason in plan.rejected.items():
        line = plan.lines[index]
        marker = line.marker
        assert marker is not None
        yield make(
            codes.get(reason, "marker-not-taken"),
            f"{marker.label} is read as an ordinary paragraph: {REJECTED[reason]}",
            line.start,
            line.start + marker.end,
        )


def _empty_parts(speech: Speech) -> Iterator[Diagnostic]:
    """A part of a part style whose heading is a title (not a sentence) with nothing under it."""
    for part in speech.parts:
        if part.body or part.points or part.marker.style not in _PART_STYLES:
            continue
        if part.heading.text.endswith(_TITLE_END):
            continue  # a one-sentence part says what it has to say
        yield make(
            "empty-part",
            f"part {part.marker.text} has a heading and nothing under it",
            part.span.start,
            part.span.end,
        )


def _after_closing(speech: Speech) -> Iterator[Diagnostic]:
    closing = speech.closing
    if closing is None:
        return
    final = None
    for position, block in enumerate(closing.body):
        if isinstance(block, Paragraph) and _FINAL_FORMULA.match(block.text):
            final = position
    if final is None:
        return
    after = [b for b in closing.body[final + 1 :] if isinstance(b, Paragraph)]
    if after:
        yield make(
            "text-after-closing",
            f"{len(after)} paragraph{'s' if len(after) > 1 else ''} after the final "
            f"{closing.body[final].text[:12]!r}",
            after[0].span.start,
            after[-1].span.end,
        )


def _no_speech_text(speech: Speech) -> Iterator[Diagnostic]:
    """A text of nothing but boilerplate: a page whose template named the article's
    element as chrome, or a rule gone wrong; either way the user should hear of it."""
    if not speech.children or not all(isinstance(c, Boilerplate) for c in speech.children):
        return
    count = len(speech.children)
    yield make(
        "no-speech-text",
        f"all {count} paragraph{'s' if count > 1 else ''} were set aside as boilerplate",
        speech.children[0].span.start,
        speech.children[-1].span.end,
    )


def _boilerplate(leaves: Sequence[Boilerplate]) -> Iterator[Diagnostic]:
    for node in leaves:
        yield _over(
            "boilerplate-removed", f"set aside as boilerplate (rule {node.rule})", node.span
        )


# ---------------------------------------------------------------- characters

_CHARACTER_KINDS = (
    ("\ufffd", "replacement character (U+FFFD): the text was damaged by an earlier decoding"),
    ("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", "bidi control character"),
)


_UNUSUAL_CHARACTER = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ufffd\ud800-\udfff]"
)
"""Any one character ``_UNUSUAL`` looks for: a single class, searched at C speed,
screens the source (the two ``+`` runs of ``_UNUSUAL`` cost twice as much on a
text that has none, and most have none)."""


def _characters(source: str) -> Iterator[Diagnostic]:
    if _UNUSUAL_CHARACTER.search(source) is None:
        return
    for found in re.finditer(_UNUSUAL, source):
        run = found.group()
        more = f" and {len(run) - 1} more" if len(run) > 1 else ""
        if found.lastgroup == "surrogate":
            yield make(
                "lone-surrogate",
                f"lone surrogate U+{ord(run[0]):04X}{more}: not a character, and JSON cannot carry it",
                found.start(),
                found.end(),
            )
            continue
        kind = next((k for chars, k in _CHARACTER_KINDS if run[0] in chars), "control character")
        yield make(
            "unusual-character", f"{kind} U+{ord(run[0]):04X}{more}", found.start(), found.end()
        )


def undecodable(start: int, byte_offset: int, count: int, encoding: str) -> Diagnostic:
    """The diagnostic for ``count`` bytes at ``byte_offset`` replaced by one U+FFFD at ``start``."""
    return make(
        "undecodable-bytes",
        f"{count} byte{'s' if count > 1 else ''} at byte {byte_offset} "
        f"{'are' if count > 1 else 'is'} not {encoding}; replaced by U+FFFD",
        start,
        start + 1,
    )


# ---------------------------------------------------------------- positions


class LineIndex:
    """Line and column of offsets in one source; lines end at ``\\n`` (``\\r\\n`` too)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = [0, *(found.end() for found in re.finditer("\n", source))]

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based line and 1-based column (in code points) of ``offset``."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        """Line ``line`` (1-based) without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.source)
        return self.source[start:end].rstrip("\r\n")


def raise_first_error(speech: Speech) -> None:
    """Raise ``SpeechSyntaxError`` for the first error-level diagnostic of ``speech``."""
    for diagnostic in speech.diagnostics:
        if diagnostic.severity == ERROR:
            index = LineIndex(speech.source)
            line, column = index.locate(diagnostic.span.start)
            raise SpeechSyntaxError(
                diagnostic.message,
                code=diagnostic.code,
                line=line,
                column=column,
                line_text=index.line_text(line),
                length=len(diagnostic.span),
            )


def add(speech: Speech, extra: Sequence[Diagnostic]) -> Speech:
    """``speech`` with ``extra`` diagnostics merged into its own, in document order."""
    if not extra:
        return speech
    # A U+FFFD that decoding put in is reported as undecodable bytes, not again as
    # an unusual character.
    replaced = {d.span.start for d in extra if d.code == "undecodable-bytes"}
    kept = [
        d
        for d in speech.diagnostics
        if d.code != "unusual-character"
        or not any(offset in replaced for offset in range(d.span.start, d.span.end))
    ]
    merged = sorted([*kept, *extra], key=sort_key)
    return attrs.evolve(speech, diagnostics=tuple(merged))
