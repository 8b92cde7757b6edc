"""JSON at the edge: ``dumps`` with orjson, ``loads`` through a cattrs converter.

The node classes know nothing of JSON.  This module decides the format: unions
are tagged with an explicit ``"kind"`` (never a class name), spans are
``[start, end]`` pairs, and the document carries a schema version.

Writing needs no more than the field names of each class, so ``dumps`` walks
the nodes itself.  Reading must check every field, which cattrs does well; it
is imported on the first ``loads``, so the command line's ``parse`` (which only
writes) never pays for it.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from typing import Any

import attrs
import orjson

from speechmodel import nodes
from speechmodel.errors import SpeechLoadError, SpeechModelError
from speechmodel.levels import MAX_DEPTH
from speechmodel.nodes import (
    Block,
    Boilerplate,
    Closing,
    FrontMatter,
    Paragraph,
    Part,
    Piece,
    Salutation,
    Span,
    Speech,
    Text,
    TopLevel,
)

__all__ = ["SCHEMA", "dumps", "loads", "to_dict"]

SCHEMA = "speechmodel/1"
"""The format version written by ``dumps`` and required by ``loads``."""

KINDS: dict[type, str] = {
    Text: "text",
    Boilerplate: "boilerplate",
    Paragraph: "paragraph",
    FrontMatter: "front_matter",
    Salutation: "salutation",
    Part: "part",
    nodes.Point: "point",
    Closing: "closing",
}
"""The tag each node class is written with."""

RECORDS = (nodes.Marker, nodes.Diagnostic, nodes.Origin, Speech)
"""The classes written as plain objects, without a ``"kind"``."""

# ---------------------------------------------------------------- writing


def _unstructure_node(cls: type, kind: str | None) -> Callable[[Any], dict[str, Any]]:
    """The function writing an instance of ``cls``: its fields in order, then its kind."""
    names = tuple(field.name for field in attrs.fields(cls))

    def unstructure(node: Any) -> dict[str, Any]:
        data = {name: _unstructure(getattr(node, name)) for name in names}
        if kind is not None:
            data["kind"] = kind
        return data

    return unstructure


def _same(value: Any) -> Any:
    return value


_WRITERS: dict[type, Callable[[Any], Any]] = {
    str: _same,
    int: _same,
    type(None): _same,
    tuple: lambda items: [_unstructure(item) for item in items],
    Span: lambda span: [span.start, span.end],
    **{cls: _unstructure_node(cls, kind) for cls, kind in KINDS.items()},
    **{cls: _unstructure_node(cls, None) for cls in RECORDS},
}


def _unstructure(value: Any) -> Any:
    return _WRITERS[type(value)](value)


def to_dict(speech: Speech) -> dict[str, Any]:
    """The JSON-ready form of ``speech``, with the schema version first."""
    return {"schema": SCHEMA, **_unstructure(speech)}


def dumps(speech: Speech, *, indent: bool = False) -> bytes:
    """Serialise ``speech`` to JSON bytes (UTF-8, Chinese unescaped)."""
    option = orjson.OPT_INDENT_2 if indent else 0
    try:
        return orjson.dumps(to_dict(speech), option=option)
    except orjson.JSONEncodeError as error:
        # Lone surrogates (parse reports them as ``lone-surrogate``) cannot be UTF-8.
        raise SpeechModelError(f"cannot write the speech as JSON: {error}") from None


# ---------------------------------------------------------------- reading


@functools.cache
def _converter() -> Any:
    """The cattrs converter for ``loads``, made on its first use."""
    from cattrs.gen import make_dict_structure_fn
    from cattrs.preconf.orjson import make_converter

    for cls in (*KINDS, *RECORDS):
        attrs.resolve_types(cls, vars(nodes))
    converter = make_converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(Span, _structure_span)
    # Reject wrong JSON types instead of converting them ("3" is not an int).
    converter.register_structure_hook(str, _exactly(str))
    converter.register_structure_hook(int, _exactly(int))
    converter.register_structure_hook_func(_is_tuple, _structure_tuple(converter))
    # Every tagged node carries its "kind", wherever it appears, so a reader can
    # dispatch on it without knowing the field it came from.
    # Hooks are registered before the functions they call are generated, so the
    # generated code for Part finds the tagged hook of Point, and so on.
    generated: dict[type, Any] = {}
    for cls, kind in KINDS.items():
        converter.register_structure_hook(cls, _untagging(generated, cls, kind))
    for cls in KINDS:
        generated[cls] = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)
    for union in (TopLevel, Block, Piece):
        converter.register_structure_hook(union, _dispatch(converter, union))
    return converter


def _untagging(generated: dict[type, Any], cls: type, kind: str) -> Any:
    def hook(value: Any, _: type) -> Any:
        if not isinstance(value, dict):
            raise ValueError(f"expected a {kind!r} object, got {type(value).__name__}")
        found = value.get("kind")
        if found != kind:
            raise ValueError(f"expected kind {kind!r}, got {found!r}")
        return generated[cls]({k: v for k, v in value.items() if k != "kind"}, cls)

    return hook


def _dispatch(converter: Any, union: Any) -> Any:
    by_kind = {KINDS[cls]: cls for cls in typing.get_args(union)}

    def hook(value: Any, _: Any) -> Any:
        kind = value.get("kind") if isinstance(value, dict) else None
        if kind not in by_kind:
            raise ValueError(f"expected an object whose kind is one of {sorted(by_kind)}")
        return converter.structure(value, by_kind[kind])

    return hook


def _exactly(kind: type) -> Any:
    def hook(value: Any, _: type) -> Any:
        if type(value) is not kind:
            raise ValueError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    return hook


def _is_tuple(cls: Any) -> bool:
    return typing.get_origin(cls) is tuple


def _structure_tuple(converter: Any) -> Any:
    """Tuples come from JSON arrays only; element errors keep their index in the path."""

    from cattrs import IterableValidationError
    from cattrs.errors import IterableValidationNote

    def hook(value: Any, cls: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise ValueError(f"expected a JSON array, got {type(value).__name__}")
        item_type = typing.get_args(cls)[0]
        items, errors = [], []
        for index, item in enumerate(value):
            try:
                items.append(converter.structure(item, item_type))
            except Exception as error:  # collected, then re-raised together below
                note = f"Structuring {cls} @ index {index}"
                error.__notes__ = [
                    *getattr(error, "__notes__", []),
                    IterableValidationNote(note, index, item_type),
                ]
                errors.append(error)
        if errors:
            raise IterableValidationError(f"While structuring {cls}", errors, cls)
        return tuple(items)

    return hook


def _structure_span(value: Any, _: type) -> Span:
    if not isinstance(value, list) or len(value) != 2 or not all(type(v) is int for v in value):
        raise ValueError(f"a span is [start, end], got {value!r}")
    return Span(start=value[0], end=value[1])


def _describe(error: BaseException, expected: Any) -> str:
    """Our own hooks' messages say what was wrong; keep them instead of cattrs' generic one."""
    from cattrs.v import format_exception

    if type(error) is ValueError:
        return str(error)
    return format_exception(error, expected)


def loads(data: bytes | str) -> Speech:
    """Read what ``dumps`` wrote.  Bad input raises ``SpeechLoadError`` naming the JSON path."""
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise SpeechLoadError(f"not JSON: {error}") from None
    if not isinstance(document, dict):
        raise SpeechLoadError("$: a serialised speech is a JSON object")
    _check_depth(document)
    schema = document.pop("schema", None)
    if schema != SCHEMA:
        raise SpeechLoadError(f"$.schema: expected {SCHEMA!r}, got {schema!r}")
    from cattrs import ClassValidationError, IterableValidationError, transform_error

    try:
        speech: Speech = _converter().structure(document, Speech)
    except (ClassValidationError, IterableValidationError) as error:
        messages = transform_error(error, format_exception=_describe)
        raise SpeechLoadError("; ".join(messages)) from None
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise SpeechLoadError(f"$: {error}") from None
    _check_spans(speech)
    return speech


MAX_NESTING = 2 * MAX_DEPTH + 16
"""How deeply JSON arrays and objects may nest: a point is two levels (the object and
its ``points`` array), and parse never nests points deeper than ``MAX_DEPTH``."""


def _check_depth(document: Any) -> None:
    """Reject nesting deeper than any parse makes, before the recursive structuring."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_NESTING:
            raise SpeechLoadError(f"$: nested deeper than {MAX_NESTING} levels")
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


def _check_spans(speech: Speech) -> None:
    """Spans must lie in the source, and each leaf's text must be what its span covers."""
    size = len(speech.source)
    for diagnostic in speech.diagnostics:
        if diagnostic.span.end > size:
            raise SpeechLoadError(f"diagnostic {diagnostic.code!r} lies outside the source")
    for _, node in nodes.walk(speech):
        span: Span | None = getattr(node, "span", None)
        if span is None:
            continue
        if span.end > size:
            raise SpeechLoadError(f"span [{span.start}, {span.end}) lies outside the source")
        previous = span.start if not isinstance(node, Speech) else 0
        for child in nodes.children_of(node):
            if child.span.start < previous or child.span.end > span.end:
                raise SpeechLoadError(
                    f"span [{child.span.start}, {child.span.end}) is out of order "
                    f"or outside its parent [{span.start}, {span.end})"
                )
            previous = child.span.end
        if (
            isinstance(node, (Text, Boilerplate))
            and speech.source[span.start : span.end] != node.text
        ):
            raise SpeechLoadError(f"text {node.text!r} is not what its span covers in the source")
