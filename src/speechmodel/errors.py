"""The library's exceptions.  All derive from ``SpeechModelError``."""

from __future__ import annotations

import unicodedata

__all__ = [
    "SelectorError",
    "SpeechDecodeError",
    "SpeechLoadError",
    "SpeechModelError",
    "SpeechSyntaxError",
    "caret_context",
    "display_width",
]


class SpeechModelError(Exception):
    """Root of every error speechmodel raises on purpose."""


class SpeechDecodeError(SpeechModelError, ValueError):
    """Bytes that are not text in any encoding speechmodel reads."""

    def __init__(self, message: str, *, offset: int) -> None:
        super().__init__(f"{message} (at byte {offset})")
        self.offset = offset
        """Offset of the first byte that could not be decoded."""


class SpeechLoadError(SpeechModelError, ValueError):
    """JSON that is not a serialised ``Speech``; the message names the JSON path."""


class SelectorError(SpeechModelError, ValueError):
    """A selector that is not in the selector language (docs/query.md).

    The message names what was expected and shows the selector with a caret under
    the offending character; CJK characters count as two columns, so the caret
    lines up in a terminal.
    """

    def __init__(self, message: str, *, selector: str, position: int) -> None:
        self.selector = selector
        """The selector as given."""
        self.position = position
        """Offset of the offending character in ``selector`` (0-based code points)."""
        self.column = position + 1
        """``position`` as a 1-based column."""
        caret = " " * _display_width(selector[:position]) + "^"
        super().__init__(f"{message} at column {self.column}\n  {selector}\n  {caret}")


def _display_width(text: str) -> int:
    """Terminal columns: wide and full-width (East Asian) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class SpeechSyntaxError(SpeechModelError, ValueError):
    """Strict mode: the first error-level diagnostic of a speech, as an exception.

    Not a ``SyntaxError``: that class means Python source to Python tools.  It
    carries the diagnostic's ``code``, a 1-based ``line`` and ``column`` (in code
    points), and ``context``: the source line and a caret under the spot, where
    wide (CJK) characters count as two columns so that the caret lines up in a
    terminal.
    """

    def __init__(
        self, message: str, *, code: str, line: int, column: int, line_text: str, length: int = 1
    ) -> None:
        self.message = message
        """What is wrong, in English."""
        self.code = code
        """The diagnostic code (see ``speechmodel.diagnostics.CODES``)."""
        self.line = line
        self.column = column
        self.context = caret_context(line_text, column, length)
        """The source line, then a caret line under the spot."""
        super().__init__(f"line {line}, column {column}: {code}: {message}\n{self.context}")


CONTEXT_BEFORE = 30
CONTEXT_AFTER = 50
"""How many characters of the line a caret context shows around the spot."""


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _printable(text: str) -> str:
    """Controls, format characters (bidi overrides) and surrogates shown as U+FFFD.

    The context is printed to terminals; the source is untrusted.
    """
    return "".join(
        "\ufffd" if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch
        for ch in text
    )


def caret_context(line_text: str, column: int, length: int = 1) -> str:
    """``line_text`` (cut to a window around ``column``) and ``^`` under ``length`` characters."""
    start = column - 1
    first = max(0, start - CONTEXT_BEFORE)
    last = min(len(line_text), start + max(length, 1) + CONTEXT_AFTER)
    head = "…" if first > 0 else ""
    shown = _printable(line_text[first:last].expandtabs(1))
    before = head + shown[: start - first]
    marked = shown[start - first : start - first + max(min(length, len(line_text) - start), 1)]
    tail = "…" if last < len(line_text) else ""
    caret = " " * display_width(before) + "^" * max(display_width(marked), 1)
    return f"    {head}{shown}{tail}\n    {caret}"
