"""speechmodel: the layout of Chinese official speeches as a typed, lossless model."""

from __future__ import annotations

from speechmodel.batch import ParseFailure, parse_many
from speechmodel.errors import (
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
from speechmodel.outline import outline
from speechmodel.parser import parse
from speechmodel.serialize import dumps, loads

__version__ = "0.1.0"

__all__ = [
    "Boilerplate",
    "Closing",
    "Diagnostic",
    "FrontMatter",
    "Marker",
    "Paragraph",
    "ParseFailure",
    "Part",
    "Point",
    "Salutation",
    "Span",
    "Speech",
    "SpeechDecodeError",
    "SpeechLoadError",
    "SpeechModelError",
    "SpeechSyntaxError",
    "Text",
    "dumps",
    "loads",
    "outline",
    "parse",
    "parse_file",
    "parse_many",
    "walk",
]
