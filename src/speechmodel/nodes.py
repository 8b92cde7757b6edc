"""The document model: frozen, slotted, keyword-only attrs classes.

Every node has a ``span`` of half-open code-point offsets into ``Speech.source``.
Leaves (``Text``, ``Marker``, ``Boilerplate``) carry the text they cover; every
non-blank character of the source lies in exactly one leaf.  Containers hold
their children in document order, in tuples.  There are no parent pointers:
``walk()`` yields the path to each node instead.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

import attrs

if TYPE_CHECKING:
    from speechmodel.chunks import Chunk
    from speechmodel.offsets import Location
    from speechmodel.query import Hit

__all__ = [
    "Block",
    "Boilerplate",
    "Closing",
    "Diagnostic",
    "FrontMatter",
    "Marker",
    "Node",
    "Origin",
    "Paragraph",
    "Part",
    "Piece",
    "Point",
    "Salutation",
    "Span",
    "Speech",
    "Text",
    "TopLevel",
    "numbered",
    "walk",
]


class _Node:
    """What every node class shares: a ``repr`` like the one attrs writes, and a
    compact pickled form.

    attrs compiles a ``__repr__`` for each class it makes, a third of the time
    that making these thirteen classes takes (1.7 of 5 ms), and every
    command-line run pays for it on import; one shared method costs nothing.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        fields = attrs.fields(type(self))  # type: ignore[arg-type]  # each subclass is attrs'
        values = ", ".join(f"{a.name}={getattr(self, a.name)!r}" for a in fields)
        return f"{type(self).__name__}({values})"

    def __reduce__(self) -> tuple[Callable[..., _Node], tuple[object, ...]]:
        # The class and the field values, put back into the slots on loading.
        # attrs pickles a dict of the fields and sets them one by one through
        # ``object.__setattr__``: a worker's trees cost the process receiving them
        # more to load than this (parse_many, Dask bags).
        cls = type(self)
        return _restore, (cls, *_values(cls)(self))


def _values(cls: type) -> Callable[[_Node], tuple[object, ...]]:
    """What reads the fields of a ``cls`` node, in order, as a tuple."""
    reader = _VALUES.get(cls)
    if reader is None:
        names = [field.name for field in attrs.fields(cls)]
        getter = operator.attrgetter(*names)
        reader = getter if len(names) > 1 else lambda node: (getter(node),)
        _VALUES[cls] = reader
    return reader


def _restore(cls: type[_N], *values: object) -> _N:
    """A ``cls`` node with the field ``values`` of ``_Node.__reduce__``."""
    node = _new(cls)
    # As many values as setters, by construction (__reduce__); zip() given any
    # keyword, strict= included, takes a slow path that cost a fifth of a load.
    for setter, value in zip(_setters(cls), values):  # noqa: B905
        setter(node, value)
    return node


def _setters(cls: type) -> tuple[Callable[[object, object], None], ...]:
    """The setters of ``cls``'s slots, one per field, in the order of the fields: they
    fill a node made with ``object.__new__`` (``_restore``, ``new_span`` …)."""
    setters = _SETTERS.get(cls)
    if setters is None:
        setters = _SETTERS[cls] = tuple(cls.__dict__[f.name].__set__ for f in attrs.fields(cls))
    return setters


_VALUES: dict[type, Callable[[_Node], tuple[object, ...]]] = {}
_SETTERS: dict[type, tuple[Callable[[object, object], None], ...]] = {}


@attrs.frozen(kw_only=True, repr=False)
class Span(_Node):
    """Half-open range ``[start, end)`` of code points in ``Speech.source``."""

    start: int
    """Offset of the first code point."""
    end: int
    """Offset one past the last code point."""

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    @classmethod
    def covering(cls, first: Span, last: Span) -> Span:
        """The span from the start of ``first`` to the end of ``last``."""
        return cls(start=first.start, end=last.end)

    def __len__(self) -> int:
        return self.end - self.start


_N = TypeVar("_N")

# ---------------------------------------------------------------- leaves


@attrs.frozen(kw_only=True, repr=False)
class Text(_Node):
    """A run of speech text (a leaf)."""

    span: Span
    """Where the run lies in the source."""
    text: str
    """The run as written; ``source[span.start:span.end]``."""


@attrs.frozen(kw_only=True, repr=False)
class Boilerplate(_Node):
    """Text that is not part of the speech: page chrome, licence lines, splices (a leaf)."""

    span: Span
    """Where the boilerplate lies in the source."""
    text: str
    """The boilerplate as written."""
    rule: str
    """Name of the rule in ``speechmodel.tables`` that recognised it, e.g. ``"copyright"``."""


@attrs.frozen(kw_only=True, repr=False)
class Marker(_Node):
    """The numbering that opens a part or point (a leaf): ``一、``, ``（三）``, ``第二，``, ``一要``."""

    span: Span
    """The marker and, for word-style markers, the one punctuation mark after it."""
    text: str
    """The marker as the outline shows it: ``"一、"``, ``"（三）"``, ``"第二"``, ``"一要"``."""
    value: int
    """Its ordinal value: 1 for ``一、``, ``首先`` and ``一要``; ``最后`` takes the next value."""
    style: str
    """Style family, written as its first member: ``"一、"``, ``"（一）"``, ``"1."``,
    ``"（1）"``, ``"①"``, ``"第一"``, ``"一是"``, ``"一要"`` (any numeral + verb),
    ``"第一部分"``, or ``"一"`` (a bare numeral on its own line)."""
    delimiter: str
    """What closes the marker as written: ``"、"``, ``"（）"``, ``"."``, ``"，"``, or ``""``."""


Piece = Text | Boilerplate
"""What a paragraph is made of: speech text, and boilerplate spliced into it."""

# ---------------------------------------------------------------- containers


@attrs.frozen(kw_only=True, repr=False)
class Paragraph(_Node):
    """A paragraph of the speech, or a piece of one (a lead sentence, the rest of a line).

    ``pieces`` are contiguous: together they cover ``span`` exactly.  Boilerplate
    spliced into a sentence (``当前隐藏内容免费查看``) is a piece of its own.
    """

    span: Span
    """The paragraph, without the indentation around it."""
    pieces: tuple[Piece, ...]
    """Text runs and spliced boilerplate, in order."""

    @property
    def text(self) -> str:
        """The content text: the paragraph without spliced boilerplate."""
        return "".join(p.text for p in self.pieces if isinstance(p, Text))

    @property
    def raw(self) -> str:
        """The paragraph exactly as written, spliced boilerplate included."""
        return "".join(p.text for p in self.pieces)

    def __str__(self) -> str:
        return self.text


Block = Paragraph | Boilerplate
"""What a body holds: paragraphs, and whole lines of boilerplate among them."""


@attrs.frozen(kw_only=True, repr=False)
class FrontMatter(_Node):
    """A line before the speech proper: the title, a ``——`` subtitle, a date, a speaker."""

    span: Span
    """The lines, from the first to the last."""
    role: str
    """``"title"``, ``"subtitle"``, ``"date"``, ``"speaker"`` or ``"note"``."""
    lines: tuple[Paragraph, ...]
    """The lines as paragraphs; a title split over several lines has several."""

    @property
    def text(self) -> str:
        """The lines joined by one space, a Markdown ``#`` prefix dropped."""
        return " ".join(_strip_markdown_heading(line.text) for line in self.lines)


def _strip_markdown_heading(text: str) -> str:
    stripped = text.lstrip("#")
    return stripped.strip() if stripped != text and stripped[:1] in " \t" else text


@attrs.frozen(kw_only=True, repr=False)
class Salutation(_Node):
    """The opening address: ``同志们：``, ``各位代表！``, ``尊敬的…：``."""

    span: Span
    """The salutation paragraph."""
    paragraph: Paragraph
    """Its text."""

    @property
    def text(self) -> str:
        """The address, a Markdown ``#`` prefix dropped (``## 同志们：`` → ``同志们：``)."""
        return _strip_markdown_heading(self.paragraph.text)


@attrs.frozen(kw_only=True, repr=False)
class Point(_Node):
    """A numbered point inside a part (or inside another point)."""

    id: str
    """Stable, readable id built from the marker values on the way down: ``"p2.3"`` is
    point 3 of part 2 (scheme: docs/ids.md).  Assigned by ``parse``."""
    span: Span
    """From the marker to the end of the point's last body paragraph or sub-point."""
    marker: Marker
    """Its numbering."""
    lead: Paragraph
    """The lead sentence: up to the first ``。！？；``, or the whole line if it has none."""
    body: tuple[Block, ...]
    """The rest of the lead's paragraph, then the paragraphs up to the first sub-point."""
    points: tuple[Point, ...]
    """Points nested one level deeper."""
    depth: int
    """1 for the points of a part, 2 for theirs, and so on."""


@attrs.frozen(kw_only=True, repr=False)
class Part(_Node):
    """A top-level division of the speech: ``一、…``, ``第一部分``, or a top-level sequence."""

    id: str
    """Stable, readable id from the marker value: ``"p2"`` for part 二 (scheme: docs/ids.md).
    Assigned by ``parse``."""
    span: Span
    """From the marker to the end of the part."""
    marker: Marker
    """Its numbering."""
    heading: Paragraph
    """The heading: the rest of a heading line, or the lead sentence of a paragraph."""
    body: tuple[Block, ...]
    """The rest of the heading's paragraph and the paragraphs before the first point."""
    points: tuple[Point, ...]
    """The part's points."""

    @property
    def depth(self) -> int:
        """Always 0, so that parts and points can be handled alike."""
        return 0

    @property
    def lead(self) -> Paragraph:
        """The heading, under the name a point gives its first sentence, so that parts
        and points can be handled alike."""
        return self.heading


@attrs.frozen(kw_only=True, repr=False)
class Closing(_Node):
    """The wrap-up after the body: ``同志们，…``, ``谢谢大家！``."""

    span: Span
    """From the first closing paragraph to the last paragraph of the speech."""
    body: tuple[Block, ...]
    """Its paragraphs (a bare vocative such as ``各位代表！`` may come first)."""


TopLevel = Boilerplate | FrontMatter | Salutation | Paragraph | Part | Closing


@attrs.frozen(kw_only=True, repr=False)
class Diagnostic(_Node):
    """A problem found in a speech's layout, as data (not an exception)."""

    code: str
    """Stable code, e.g. ``"numbering-gap"``; listed in docs/diagnostics.md."""
    severity: str
    """``"error"``, ``"warning"`` or ``"info"``."""
    message: str
    """What is wrong, in English."""
    span: Span
    """Where in the source."""


@attrs.frozen(kw_only=True, repr=False)
class Origin(_Node):
    """Where a speech's source came from."""

    format: str
    """``"text"``, ``"markdown"``, ``"html"`` or ``"docx"``."""
    path: str | None
    """The file it was read from, ``None`` for standard input or a string."""


@attrs.frozen(kw_only=True, repr=False)
class Speech(_Node):
    """A parsed speech: the decoded source and its layout, in document order."""

    source: str
    """The decoded input.  Every span indexes into it."""
    children: tuple[TopLevel, ...]
    """Front matter, salutation, opening paragraphs, parts, closing and boilerplate, in order."""
    announced: int | None
    """The number of parts the opening announces (``下面，我讲三点意见`` → 3), if any."""
    diagnostics: tuple[Diagnostic, ...]
    """Problems found in the layout, in document order."""
    origin: Origin | None
    """Where the source came from (format and file), when it was read from a file."""

    @property
    def span(self) -> Span:
        return Span(start=0, end=len(self.source))

    @property
    def title(self) -> str | None:
        """The title line(s), joined by a space; ``None`` when the text has none."""
        for child in self.children:
            if isinstance(child, FrontMatter) and child.role == "title":
                return child.text
        return None

    @property
    def salutation(self) -> str | None:
        for child in self.children:
            if isinstance(child, Salutation):
                return child.text
        return None

    @property
    def front_matter(self) -> tuple[FrontMatter, ...]:
        return tuple(c for c in self.children if isinstance(c, FrontMatter))

    @property
    def opening(self) -> tuple[Paragraph, ...]:
        """Top-level paragraphs before the first part (or the closing)."""
        return tuple(c for c in self.children if isinstance(c, Paragraph))

    @property
    def parts(self) -> tuple[Part, ...]:
        return tuple(c for c in self.children if isinstance(c, Part))

    @property
    def closing(self) -> Closing | None:
        for child in self.children:
            if isinstance(child, Closing):
                return child
        return None

    @property
    def boilerplate(self) -> tuple[Boilerplate, ...]:
        """Every boilerplate leaf, whole lines and splices, in document order."""
        return tuple(node for _, node in walk(self) if isinstance(node, Boilerplate))

    # Thin front doors to the query modules, so users need no isinstance chains.  The
    # imports are local because those modules import this one.

    def find_all(self, kind: type[_N]) -> tuple[_N, ...]:
        """Every node of class ``kind`` (e.g. ``Point``), in document order."""
        from speechmodel.query import find_all

        return find_all(self, kind)

    def points(self, depth: int | None = None) -> tuple[Point, ...]:
        """Every point, or those at ``depth`` (1 for a part's points), in document order."""
        from speechmodel.query import points

        return points(self, depth)

    def get(self, id: str) -> Part | Point | None:
        """The part or point whose id is ``id`` (``"p2.3"``), or ``None`` when there is none."""
        from speechmodel.ids import index

        return index(self).get(id)

    def select(self, selector: str) -> tuple[Part | Point, ...]:
        """The parts and points ``selector`` matches (docs/query.md), in document order.

        A malformed selector raises ``SelectorError`` with its position and a caret.
        """
        from speechmodel.query import select

        return select(self, selector)

    def select_one(self, selector: str) -> Part | Point | None:
        """The first node ``selector`` matches, or ``None``."""
        from speechmodel.query import select_one

        return select_one(self, selector)

    def search(self, text: str) -> tuple[Hit, ...]:
        """Where ``text`` occurs in the content (boilerplate skipped), with ids and positions."""
        from speechmodel.query import search

        return search(self, text)

    def chunks(self, max_chars: int = 800, overlap: int = 0) -> tuple[Chunk, ...]:
        """The content cut into retrieval chunks of at most ``max_chars`` (docs/chunks.md)."""
        from speechmodel.chunks import chunks

        return chunks(self, max_chars=max_chars, overlap=overlap)

    def locate(self, span: Span) -> Location:
        """Line/column, UTF-8 and UTF-16 offsets of both ends of ``span`` in the source."""
        from speechmodel.offsets import locate

        return locate(self.source, span)


Node = Speech | TopLevel | Point | Text | Marker


def children_of(node: Node) -> tuple[Node, ...]:
    """The direct children of ``node``, in document order."""
    if isinstance(node, Speech):
        return node.children
    if isinstance(node, Paragraph):
        return node.pieces
    if isinstance(node, FrontMatter):
        return node.lines
    if isinstance(node, Salutation):
        return (node.paragraph,)
    if isinstance(node, (Part, Point)):
        lead = node.lead
        return (node.marker, lead, *node.body, *node.points)
    if isinstance(node, Closing):
        return node.body
    return ()


def walk(node: Node) -> Iterator[tuple[tuple[Node, ...], Node]]:
    """Yield ``(ancestors, node)`` for ``node`` and every node below it, in document order.

    ``ancestors`` runs from the root down to the node's parent.  The walk uses an
    explicit stack, so deeply nested documents cannot exhaust Python's recursion limit.
    """
    stack: list[tuple[tuple[Node, ...], Node]] = [((), node)]
    while stack:
        path, current = stack.pop()
        yield path, current
        below = (*path, current)
        stack.extend((below, child) for child in reversed(children_of(current)))


def numbered(speech: Speech) -> Iterator[Part | Point]:
    """Every part and point in document order (parents before their points)."""
    stack: list[Part | Point] = list(reversed(speech.parts))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.points))


# ---------------------------------------------------------------- the parser's constructors
#
# attrs' ``__init__`` of a frozen class takes keywords and sets each field through
# ``object.__setattr__``; a parse builds a few hundred spans, runs and paragraphs per
# speech, and those calls were a tenth of it.  The parser's values are right by
# construction (every span is cut from the source it is reading), so it fills the
# slots directly.  The objects are the same as those ``__init__`` makes: frozen,
# equal, hashable and picklable alike.

_new = object.__new__


def _slot_setters(cls: type, *names: str) -> tuple[Callable[[object, object], None], ...]:
    """``_setters(cls)``, checked against ``names``: the constructors below name the
    fields they fill, and a field added to the class must not go unfilled."""
    fields = tuple(field.name for field in attrs.fields(cls))
    if fields != names:
        raise TypeError(f"{cls.__name__} has the fields {fields}, not {names}")
    return _setters(cls)


_SPAN_START, _SPAN_END = _slot_setters(Span, "start", "end")
_TEXT_SPAN, _TEXT_TEXT = _slot_setters(Text, "span", "text")
_PARAGRAPH_SPAN, _PARAGRAPH_PIECES = _slot_setters(Paragraph, "span", "pieces")
_BOILERPLATE_SPAN, _BOILERPLATE_TEXT, _BOILERPLATE_RULE = _slot_setters(
    Boilerplate, "span", "text", "rule"
)


def new_span(start: int, end: int) -> Span:
    """``Span(start=start, end=end)`` for offsets known to be in order."""
    span = _new(Span)
    _SPAN_START(span, start)
    _SPAN_END(span, end)
    return span


def new_text(span: Span, text: str) -> Text:
    """``Text(span=span, text=text)``."""
    node = _new(Text)
    _TEXT_SPAN(node, span)
    _TEXT_TEXT(node, text)
    return node


def new_paragraph(span: Span, pieces: tuple[Piece, ...]) -> Paragraph:
    """``Paragraph(span=span, pieces=pieces)``."""
    node = _new(Paragraph)
    _PARAGRAPH_SPAN(node, span)
    _PARAGRAPH_PIECES(node, pieces)
    return node


def new_plain_paragraph(start: int, text: str) -> Paragraph:
    """The paragraph ``text`` at ``start`` as one run of text, which shares the
    paragraph's span: what most paragraphs are, made in one call rather than three."""
    span = _new(Span)
    _SPAN_START(span, start)
    _SPAN_END(span, start + len(text))
    piece = _new(Text)
    _TEXT_SPAN(piece, span)
    _TEXT_TEXT(piece, text)
    node = _new(Paragraph)
    _PARAGRAPH_SPAN(node, span)
    _PARAGRAPH_PIECES(node, (piece,))
    return node


def new_boilerplate(span: Span, text: str, rule: str) -> Boilerplate:
    """``Boilerplate(span=span, text=text, rule=rule)``."""
    node = _new(Boilerplate)
    _BOILERPLATE_SPAN(node, span)
    _BOILERPLATE_TEXT(node, text)
    _BOILERPLATE_RULE(node, rule)
    return node
