"""speechmodel: the layout of Chinese official speeches as a typed, lossless model."""

from __future__ import annotations

from speechmodel.batch import ParseFailure, parse_many
from speechmodel.chunks import Chunk
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
from speechmodel.offsets import Location, Position
from speechmodel.outline import outline
from speechmodel.parser import parse
from speechmodel.query import Hit
from speechmodel.render import markdown, plain_text
from speechmodel.serialize import dumps, loads

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
