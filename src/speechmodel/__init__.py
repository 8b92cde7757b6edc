"""speechmodel: the layout of Chinese official speeches as a typed, lossless model."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from speechmodel.errors import (
    SelectorError,
    SpeechDecodeError,
    SpeechLoadError,
    SpeechModelError,
    SpeechSyntaxError,
)
from speechmodel.files import parse_file
from speechmodel.nodes import (
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
    walk,
)
from speechmodel.outline import outline  # eager: the name is also its module's
from speechmodel.parser import parse

if TYPE_CHECKING:
    from speechmodel.batch import ParseFailure, parse_many
    from speechmodel.chunks import Chunk
    from speechmodel.offsets import Location, Position
    from speechmodel.query import Hit
    from speechmodel.render import markdown, plain_text
    from speechmodel.serialize import dumps, loads

# Imported on first use, so that ``import speechmodel`` (and every CLI run) does
# not pay for multiprocessing, cattrs and the query machinery it may not need.
_LAZY = {
    "ParseFailure": "speechmodel.batch",
    "parse_many": "speechmodel.batch",
    "Chunk": "speechmodel.chunks",
    "Location": "speechmodel.offsets",
    "Position": "speechmodel.offsets",
    "Hit": "speechmodel.query",
    "markdown": "speechmodel.render",
    "plain_text": "speechmodel.render",
    "dumps": "speechmodel.serialize",
    "loads": "speechmodel.serialize",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'speechmodel' has no attribute {name!r}")


__version__ = "0.1.0"

__all__ = [
    "Boilerplate",
    "Chunk",
    "Closing",
    "Diagnostic",
    "FrontMatter",
    "Hit",
    "Location",
    "Marker",
    "Paragraph",
    "ParseFailure",
    "Part",
    "Point",
    "Position",
    "Salutation",
    "SelectorError",
    "Span",
    "Speech",
    "SpeechDecodeError",
    "SpeechLoadError",
    "SpeechModelError",
    "SpeechSyntaxError",
    "Text",
    "dumps",
    "loads",
    "markdown",
    "outline",
    "parse",
    "parse_file",
    "parse_many",
    "plain_text",
    "walk",
]
