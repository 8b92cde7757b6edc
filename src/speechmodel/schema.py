"""The JSON Schema (draft 2020-12) of what ``dumps`` writes, generated from the node classes.

Generated, not hand-written, so that it cannot drift from the model: every attrs
field of every node class becomes a required property, ``additionalProperties``
is false, tagged classes get their ``kind`` from ``serialize.KINDS``, and a
diagnostic's ``code`` and ``severity`` are enumerated from ``diagnostics.CODES``.
``speechmodel schema`` prints it; docs/schema.json is the published copy, and a
test checks that the two agree and that the JSON of every corpus text validates.

Unions (``TopLevel``, ``Block``, ``Piece``) dispatch on ``kind`` with ``if``/``then``
rather than ``oneOf``: a validator then checks each node against its own class
only, so validation stays linear in the document however deep points nest.
"""

from __future__ import annotations

import types
import typing
from typing import Any

import attrs

from speechmodel import diagnostics, nodes
from speechmodel.serialize import KINDS, SCHEMA

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = "https://speechmodel.invalid/schema/speechmodel-1.json"
"""The schema's ``$id``: a name, not a place to fetch it from."""

_UNIONS = {"TopLevel": nodes.TopLevel, "Block": nodes.Block, "Piece": nodes.Piece}


def json_schema() -> dict[str, Any]:
    """The schema of a serialised ``Speech``, as a JSON-ready dict."""
    defs: dict[str, Any] = {}
    _class(nodes.Speech, defs)
    root = defs.pop("Speech")
    root["properties"] = {"schema": {"const": SCHEMA}, **root["properties"]}
    root["required"] = ["schema", *root["required"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "speechmodel/1: a parsed Chinese official speech",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def _class(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    """A ``$ref`` to the definition of attrs class ``cls``, adding it to ``defs`` once."""
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # claimed first: Point refers to itself
        attrs.resolve_types(cls, vars(nodes))
        properties = {field.name: _type(field.type, defs) for field in attrs.fields(cls)}
        if cls is nodes.Diagnostic:
            properties["code"] = {"enum": [entry.code for entry in diagnostics.CODES]}
            properties["severity"] = {"enum": list(diagnostics.SEVERITIES)}
        if cls in KINDS:
            properties["kind"] = {"const": KINDS[cls]}
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        defs[name] = {
            "description": " ".join(doc.split()),
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        }
    return {"$ref": f"#/$defs/{name}"}


def _type(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if hint is nodes.Span:
        defs.setdefault("Span", _SPAN)
        return {"$ref": "#/$defs/Span"}
    if hint is str:
        return {"type": "string"}
    if hint is int:
        return {"type": "integer"}
    if typing.get_origin(hint) is tuple:
        return {"type": "array", "items": _type(typing.get_args(hint)[0], defs)}
    for name, union in _UNIONS.items():
        if hint == union:
            return _tagged_union(name, union, defs)
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return {"anyOf": [_type(arm, defs) for arm in typing.get_args(hint)]}
    if hint is type(None):
        return {"type": "null"}
    if attrs.has(hint):
        return _class(hint, defs)
    raise TypeError(f"no JSON Schema for {hint!r}")  # a new field type: teach this module


_OFFSET = {"type": "integer", "minimum": 0}
_SPAN = {
    "description": "Half-open [start, end) code-point offsets into the source.",
    "type": "array",
    "prefixItems": [_OFFSET, _OFFSET],
    "items": False,
    "minItems": 2,
}


def _tagged_union(name: str, union: Any, defs: dict[str, Any]) -> dict[str, Any]:
    if name not in defs:
        arms = typing.get_args(union)
        defs[name] = {}
        defs[name] = {
            "description": f"One of {', '.join(KINDS[arm] for arm in arms)}, told apart by kind.",
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"enum": [KINDS[arm] for arm in arms]}},
            "allOf": [
                {"if": {"properties": {"kind": {"const": KINDS[arm]}}}, "then": _class(arm, defs)}
                for arm in arms
            ],
        }
    return {"$ref": f"#/$defs/{name}"}
