"""Saved web pages → the text a browser shows, one block element per line.

The page is read with the standard library's HTML parser (a tokenizer that
copes with broken markup, not regular expressions).  What comes out is the
visible text: ``script``/``style`` are dropped, runs of ASCII white space
collapse to one space as a browser renders them (U+3000 indentation is kept),
and every block element (``p``, ``div``, ``br``, ``li``, ``td``, ``h1``–``h6`` …)
starts a new line.  That text becomes ``Speech.source``.

Page chrome is marked as well: the lines inside navigation, header, footer,
sidebar, breadcrumb and copyright elements (by tag, or by ``id``/``class``
words), and, when the page has an element that holds most of its text, every
line outside that element.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

import attrs

from speechmodel.decode import decode
from speechmodel.errors import SpeechModelError

__all__ = ["Page", "read_page"]

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
HIDDEN_TAGS = frozenset(
    ["script", "style", "noscript", "template", "head", "title", "select", "option"]
)
VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
HEADING_TAGS = frozenset(["h1", "h2", "h3"])
TITLE_WORDS = frozenset(["title", "tit", "headline"])
"""Words of an ``id`` or ``class`` that mark an element as a heading, as ``h1``–``h3`` do
(``<div class="news-view-title">``)."""
CONTAINER_TAGS = frozenset(
    [
        "html",
        "body",
        "main",
        "article",
        "section",
        "div",
        "center",
        "form",
        "table",
        "tbody",
        "tr",
        "td",
        "th",
        "ul",
        "ol",
        "li",
        "dl",
        "dd",
        "blockquote",
    ]
)
"""Elements that hold paragraphs.  Only one of these can be the main text: a Word
export may put a whole speech into one ``<p>`` with ``<br>`` breaks, and the title
in the ``<p>`` before it would then fall outside."""
NAV_TAGS = frozenset(["nav", "header", "aside"])
NAV_WORDS = frozenset(
    [
        "nav",
        "navbar",
        "menu",
        "submenu",
        "sidemenu",
        "side",
        "sidebar",
        "banner",
        "header",
        "search",
        "login",
        "logo",
        "top",
        "toplink",
        "topbar",
        "toolbar",
    ]
)
"""Words of an ``id`` or ``class`` that mark an element as the site's own navigation:
menus, header, sidebar.  Their lines are boilerplate of the rule ``page-nav``; the
other chrome (breadcrumb, previous/next links, footer) is ``page-chrome``."""
CHROME_TAGS = NAV_TAGS | {"footer"}
CHROME_WORDS = NAV_WORDS | {
    "footer",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "crumbs",
    "path",
    "position",
    "location",
    "copyright",
    "copy",
    "share",
    "comment",
    "comments",
    "related",
    "prev",
    "next",
    "pager",
    "pagination",
}
"""Words of an ``id`` or ``class`` that mark an element as page chrome of any kind."""

MAIN_SHARE = 0.6
"""An element holding at least this share of the page's text is the main text."""

_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.IGNORECASE)


@attrs.frozen(kw_only=True)
class Page:
    """The visible text of a page, and which of its lines are chrome."""

    text: str
    chrome: tuple[tuple[int, int, str], ...]
    """``(start, end, rule)`` of the lines that are page chrome: offsets into ``text``,
    and ``"page-nav"`` (the site's navigation) or ``"page-chrome"`` (the rest)."""
    heading: tuple[int, int] | None
    """The last heading (``h1``–``h3``, or an element named as a title) before the main
    text, all its lines, without the spaces around them: the page's own title for it,
    which the parser takes when the text itself has none."""


def decode_page(data: bytes) -> str:
    """Decode page bytes: a BOM, else the ``<meta>`` charset, else UTF-8 or GB18030."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        # GB2312 and GBK pages often use characters beyond their charset: read as GB18030.
        encoding = "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk") else name
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def read_page(page: str | bytes) -> Page:
    """The visible text of ``page`` (markup as ``str``, or undecoded bytes)."""
    markup = decode_page(page) if isinstance(page, bytes) else page
    reader = _VisibleText()
    try:
        reader.feed(markup)
        reader.close()
    except (AssertionError, ValueError) as error:  # the stdlib parser's own complaints
        raise SpeechModelError(f"cannot read the HTML page: {error}") from None
    return reader.page()


@attrs.define
class _Element:
    tag: str
    chrome: str
    """``""``, ``"page-nav"`` or ``"page-chrome"``."""
    first_line: int
    heading: bool
    """An ``h1``–``h3``, or an element named as a title."""
    text_size: int = 0
    """CJK and Latin letters of visible text inside the element."""


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line_chrome: list[tuple[_Element, ...]] = []  # the chrome elements around it
        self.line_heading: list[_Element | None] = []  # the heading element it is in
        self.current: list[str] = []
        self.stack: list[_Element] = []
        self.hidden = 0
        self.closed: list[tuple[int, int, int]] = []  # containers: first line, end line, size
        self.total = 0

    # -- structure

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden += 1
            return
        if tag in BLOCK_TAGS:
            self._break()
        if tag in VOID_TAGS:
            return
        words = _class_words(attrs)
        heading = tag in HEADING_TAGS or not words.isdisjoint(TITLE_WORDS)
        self.stack.append(_Element(tag, _chrome_kind(tag, words), len(self.lines), heading))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
            return
        if tag in BLOCK_TAGS:
            self._break()
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].tag == tag:
                while len(self.stack) > depth:
                    self._close(self.stack.pop())
                break

    def _close(self, element: _Element) -> None:
        if element.tag in BLOCK_TAGS:
            self._break()
        if self.stack:
            self.stack[-1].text_size += element.text_size
        if element.tag in CONTAINER_TAGS:
            self.closed.append((element.first_line, len(self.lines), element.text_size))

    # -- text

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        self.current.append(data)
        size = sum(1 for ch in data if ch.isalnum())
        self.total += size
        if self.stack:
            self.stack[-1].text_size += size

    def _break(self) -> None:
        if not self.current:
            return
        line = _SPACES.sub(" ", "".join(self.current))
        self.current = []
        if line.strip(" "):
            self.lines.append(line)
            self.line_chrome.append(tuple(e for e in self.stack if e.chrome))
            self.line_heading.append(next((e for e in self.stack if e.heading), None))

    def page(self) -> Page:
        while self.stack:
            self._close(self.stack.pop())
        self._break()
        # The main text is the smallest container that still holds most of the page's text;
        # and an element that holds that much is no chrome, whatever its name says (a
        # template's <div class="pageHeader"> around the whole article).
        most = MAIN_SHARE * self.total if self.total else float("inf")
        holders = [c for c in self.closed if c[2] >= most]
        main = min(holders, key=lambda c: c[2]) if holders else None
        starts: list[int] = []  # where each line starts in the page's text
        chrome: list[tuple[int, int, str]] = []
        offset = 0
        for number, line in enumerate(self.lines):
            starts.append(offset)
            kinds = {e.chrome for e in self.line_chrome[number] if e.text_size < most}
            rule = "page-nav" if "page-nav" in kinds else "page-chrome" if kinds else ""
            outside = main is not None and not main[0] <= number < main[1]
            if rule or outside:
                chrome.append((offset, offset + len(line), rule or "page-chrome"))
            offset += len(line) + 1
        heading = None
        last = next(
            (
                n
                for n in reversed(range(main[0] if main else 0))
                if self.line_heading[n] is not None
            ),
            None,
        )
        if last is not None:
            # All the lines of that heading: <h1>在纪念…暨<br>世界…大会上的讲话</h1>
            first = last
            while first > 0 and self.line_heading[first - 1] is self.line_heading[last]:
                first -= 1
            # the words of the lines: a browser shows no spaces around them
            lines = self.lines
            start = starts[first] + len(lines[first]) - len(lines[first].lstrip(" "))
            heading = (start, starts[last] + len(lines[last].rstrip(" ")))
        return Page(text="\n".join(self.lines), chrome=tuple(chrome), heading=heading)


def _class_words(attrs: list[tuple[str, str | None]]) -> set[str]:
    """The words of an element's ``id`` and ``class`` (``jui-pageHeader``: jui, page,
    header), and each value whole."""
    words: set[str] = set()
    for name, value in attrs:
        if name in ("id", "class") and value:
            words.update(w.lower() for w in _WORDS.findall(value))
            words.add(value.lower())
    return words


def _chrome_kind(tag: str, words: set[str]) -> str:
    """Whether an element is the site's navigation, other page chrome, or neither."""
    if tag in NAV_TAGS or words & NAV_WORDS:
        return "page-nav"
    if tag in CHROME_TAGS or words & CHROME_WORDS:
        return "page-chrome"
    return ""
