"""speechmodel: the layout of Chinese official speeches as a typed, lossless model."""

from __future__ import annotations

from speechmodel.nodes import (
    Boilerplate,
    Closing,
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
from speechmodel.parser import parse

__version__ = "0.1.0"

__all__ = [
    "Boilerplate",
    "Closing",
    "FrontMatter",
    "Marker",
    "Paragraph",
    "Part",
    "Point",
    "Salutation",
    "Span",
    "Speech",
    "Text",
    "parse",
    "walk",
]
