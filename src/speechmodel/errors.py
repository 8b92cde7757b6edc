"""The library's exceptions.  All derive from ``SpeechModelError``."""

from __future__ import annotations

__all__ = ["SpeechDecodeError", "SpeechLoadError", "SpeechModelError"]


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
