"""Word documents (.docx) → text, with automatic numbering rendered as printed.

Documents written to the GB/T 9704 layout often number their parts with Word's
automatic numbering: ``一、`` and ``（一）`` are not in the paragraph text, only
in ``word/numbering.xml``.  This reader resolves each paragraph's numbering
(``numPr`` → ``num`` → ``abstractNum``, its level, start value and restarts),
formats the label with the level's number format and ``lvlText``, and writes it
in front of the paragraph's text, one paragraph per line.  Paragraphs inside
tables and text boxes are read in document order; nothing is skipped.

It uses only the standard library (``zipfile`` and ``xml.etree``): a .docx is a
zip of XML parts, and the parts read here are small.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

import attrs

from speechmodel.errors import SpeechModelError
from speechmodel.tables import CIRCLED

__all__ = ["format_number", "read_docx"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_CN_DIGITS = "〇一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _chinese(value: int) -> str:
    """一 … 九十九 as Chinese counting writes them (十, 十一, 二十); digits beyond."""
    if not 0 < value < 100:
        return "".join(_CN_DIGITS[int(d)] for d in str(value))
    tens, units = divmod(value, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")
    return head + (_CN_DIGITS[units] if units else "")


def _roman(value: int) -> str:
    out = []
    for amount, letters in _ROMAN:
        count, value = divmod(value, amount)
        out.append(letters * count)
    return "".join(out)


def _letter(value: int) -> str:
    letters = ""
    while value > 0:
        value, rest = divmod(value - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def format_number(value: int, number_format: str) -> str:
    """One counter formatted as Word's ``numFmt`` says (``chineseCounting`` 3 → ``三``)."""
    if number_format in ("chineseCounting", "chineseCountingThousand", "japaneseCounting"):
        return _chinese(value)
    if number_format == "ideographDigital":
        return "".join(_CN_DIGITS[int(d)] for d in str(value))
    if number_format in ("ideographTraditional", "ideographZodiac") and 0 < value <= 10:
        return _TIANGAN[value - 1]
    if number_format == "decimalEnclosedCircle" and 0 < value <= len(CIRCLED):
        return CIRCLED[value - 1]
    if number_format == "decimalFullWidth":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if number_format == "decimalZero":
        return f"{value:02d}"
    if number_format == "lowerLetter":
        return _letter(value)
    if number_format == "upperLetter":
        return _letter(value).upper()
    if number_format == "lowerRoman":
        return _roman(value)
    if number_format == "upperRoman":
        return _roman(value).upper()
    return str(value)


@attrs.frozen
class _Level:
    number_format: str
    text: str
    start: int


_PLACEHOLDER = re.compile(r"%([1-9])")


class _Numbering:
    """The numbering definitions of a document, and the running counters."""

    def __init__(self, root: ElementTree.Element | None) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        for abstract in root.iter(f"{W}abstractNum"):
            levels = {}
            for level in abstract.iter(f"{W}lvl"):
                levels[int(_attr(level, "ilvl") or 0)] = _Level(
                    number_format=_val(level.find(f"{W}numFmt"), "decimal"),
                    text=_val(level.find(f"{W}lvlText"), ""),
                    start=int(_val(level.find(f"{W}start"), "1")),
                )
            self.abstract[_attr(abstract, "abstractNumId")] = levels
        for num in root.iter(f"{W}num"):
            overrides = {
                int(_attr(o, "ilvl") or 0): int(_val(o.find(f"{W}startOverride"), "1"))
                for o in num.iter(f"{W}lvlOverride")
                if o.find(f"{W}startOverride") is not None
            }
            abstract_id = _val(num.find(f"{W}abstractNumId"), "")
            self.nums[_attr(num, "numId")] = (abstract_id, overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of list ``num_id`` at level ``ilvl`` (``""`` for none or bullets)."""
        if num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels or levels[ilvl].number_format in ("bullet", "none"):
            return ""
        # Lists that share an abstract definition share counters, unless one restarts.
        key = num_id if overrides else abstract_id
        counters = self.counters.setdefault(key, {})
        start = overrides.get(ilvl, levels[ilvl].start)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [lvl for lvl in counters if lvl > ilvl]:
            del counters[deeper]

        def fill(found: re.Match[str]) -> str:
            index = int(found.group(1)) - 1
            level = levels.get(index)
            if level is None:
                return ""
            value = counters.get(index, overrides.get(index, level.start))
            return format_number(value, level.number_format)

        return _PLACEHOLDER.sub(fill, levels[ilvl].text)


def _attr(element: ElementTree.Element, name: str) -> str:
    return element.get(f"{W}{name}", "")


def _val(element: ElementTree.Element | None, default: str) -> str:
    """The ``w:val`` of ``element``, or ``default`` when the element or value is missing."""
    if element is None:
        return default
    return element.get(f"{W}val", default)


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        data = archive.read(name)
    except KeyError:
        return None
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise SpeechModelError(f"not a readable .docx: {name} is not XML ({error})") from None


def read_docx(data: bytes) -> str:
    """The text of a .docx file, one paragraph per line, numbering labels included."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SpeechModelError("not a .docx file: it is not a zip archive") from None
    with archive:
        document = _xml(archive, "word/document.xml")
        if document is None:
            raise SpeechModelError("not a .docx file: it has no word/document.xml")
        numbering = _Numbering(_xml(archive, "word/numbering.xml"))
        style_numbering = _style_numbering(_xml(archive, "word/styles.xml"))
    body = document.find(f"{W}body")
    lines = []
    for paragraph in _paragraphs(body if body is not None else document):
        label = _label(paragraph, numbering, style_numbering)
        lines.append(label + _text(paragraph))
    return "\n".join(lines)


def _style_numbering(styles: ElementTree.Element | None) -> dict[str, tuple[str, int]]:
    """Paragraph style id → the numbering its definition carries (``numId``, ``ilvl``)."""
    found: dict[str, tuple[str, int]] = {}
    if styles is None:
        return found
    for style in styles.iter(f"{W}style"):
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{W}numId"), "")
            ilvl = int(_val(num_pr.find(f"{W}ilvl"), "0"))
            found[_attr(style, "styleId")] = (num_id, ilvl)
    return found


def _label(
    paragraph: ElementTree.Element,
    numbering: _Numbering,
    style_numbering: dict[str, tuple[str, int]],
) -> str:
    num_pr = paragraph.find(f"{W}pPr/{W}numPr")
    style = _val(paragraph.find(f"{W}pPr/{W}pStyle"), "")
    num_id, ilvl = style_numbering.get(style, ("", 0))
    if num_pr is not None:
        num_id = _val(num_pr.find(f"{W}numId"), num_id)
        ilvl = int(_val(num_pr.find(f"{W}ilvl"), str(ilvl)))
    if not num_id or num_id == "0":
        return ""
    return numbering.label(num_id, ilvl)


def _paragraphs(root: ElementTree.Element) -> Iterator[ElementTree.Element]:
    """Every ``w:p`` in document order, those in tables and text boxes included."""
    stack = [root]
    while stack:
        element = stack.pop()
        if element.tag == f"{W}p":
            yield element
        stack.extend(reversed(list(element)))


def _text(paragraph: ElementTree.Element) -> str:
    """The paragraph's own text: runs, tabs and breaks, not nested text boxes' paragraphs."""
    out: list[str] = []
    stack = list(reversed(list(paragraph)))
    while stack:
        element = stack.pop()
        if element.tag == f"{W}p":
            continue  # a text box's paragraph: read as a paragraph of its own
        if element.tag == f"{W}t" and element.text:
            out.append(element.text)
        elif element.tag in (f"{W}tab",):
            out.append("\t")
        elif element.tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        stack.extend(reversed(list(element)))
    return "".join(out)
