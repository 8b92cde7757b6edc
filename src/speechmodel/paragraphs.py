"""Stage 2: str → the offsets of every paragraph.

A paragraph starts at each line start and after each run of two or more U+3000
inside a line (texts scraped onto one line separate paragraphs that way).  The
indentation and blanks around a paragraph are not part of it; nothing else is
dropped, and nothing moves: ``source[start:end]`` is the paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["BLANK", "is_blank", "paragraph_spans", "paragraphs"]

BLANK = frozenset(
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003"
    "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f"
    "\u205f\u3000\ufeff"
)
"""Characters that separate paragraphs but belong to none: Unicode white space,
plus the zero-width space and the byte-order mark that editors leave behind."""

_BLANK_CHARS = "".join(sorted(BLANK))
_WIDE_GAP = re.compile("\u3000{2,}")


def is_blank(text: str) -> bool:
    return all(ch in BLANK for ch in text)


def paragraph_spans(source: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of each non-blank paragraph, in order."""
    for start, text in paragraphs(source):
        yield start, start + len(text)


def paragraphs(source: str) -> list[tuple[int, str]]:
    """``(start, text)`` of each non-blank paragraph, in order: ``text`` is
    ``source[start:start + len(text)]``, which the caller need not cut again."""
    # ``str.splitlines`` breaks at every Unicode line end (\r\n, \n, \r, \x0b, \x0c,
    # \x1c-\x1e, \x85, U+2028, U+2029) and runs in C, which makes this stage several
    # times faster than a regular expression; only a line that holds a run of U+3000
    # goes through one.
    found: list[tuple[int, str]] = []
    position = 0
    for line in source.splitlines(keepends=True):
        end = position + len(line)
        head = line.lstrip(_BLANK_CHARS)
        if head:
            start = end - len(head)
            body = head.rstrip(_BLANK_CHARS)
            if "\u3000\u3000" in body:
                found += (
                    (at, source[at:stop])
                    for at, stop in _split_wide(source, start, start + len(body))
                )
            else:
                found.append((start, body))
        position = end
    return found


def _split_wide(source: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The paragraphs of one trimmed line that runs of U+3000 separate."""
    position = start
    for found in _WIDE_GAP.finditer(source, start, end):
        yield from _trimmed(source, position, found.start())
        position = found.end()
    yield from _trimmed(source, position, end)


def _trimmed(source: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    segment = source[start:end]
    head = segment.lstrip(_BLANK_CHARS)
    if head:
        yield end - len(head), end - (len(head) - len(head.rstrip(_BLANK_CHARS)))
