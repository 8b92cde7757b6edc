"""Corpus tables: one row per node, for pandas, polars and SQL users.

A tree is the right shape for one speech and the wrong one for ten thousand:
"every point at depth 2 that mentions 改革" is a filter on a table.  ``rows``
flattens a ``Speech`` into ``Row`` tuples in document order; ``write_csv`` uses
only the standard library, ``write_parquet`` needs pyarrow (the optional extra
``speechmodel[arrow]``) and is imported only when called.

The columns:

========  ===================================================================
document  which document the node belongs to (its path, or what the caller says)
id        the node's stable id where the model gives it one, else ``""``
kind      the JSON tag of the node class (``"part"``, ``"text"`` …), ``"marker"``
          for markers and ``"speech"`` for the document's own row
depth     the outline depth of the part or point the node lies in (0 for a part
          and what is inside it, 1 for its points …); empty outside the parts
marker    the marker as written (``"（三）"``) on a part, a point and a marker
value     that marker's ordinal value; empty where there is no marker
text      the node's text: a leaf's text, a paragraph's or front matter's text,
          a part's heading, a point's lead, a speech's title
start     the node's span, half-open code-point offsets into the source
end
========  ===================================================================
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from speechmodel.errors import SpeechModelError
from speechmodel.nodes import (
    Boilerplate,
    Closing,
    FrontMatter,
    Marker,
    Node,
    Paragraph,
    Part,
    Point,
    Salutation,
    Speech,
    Text,
    walk,
)

__all__ = ["COLUMNS", "KINDS", "Row", "document_rows", "rows", "write_csv", "write_parquet"]

KINDS: dict[type, str] = {
    Speech: "speech",
    Text: "text",
    Boilerplate: "boilerplate",
    Marker: "marker",
    Paragraph: "paragraph",
    FrontMatter: "front_matter",
    Salutation: "salutation",
    Part: "part",
    Point: "point",
    Closing: "closing",
}
"""The ``kind`` of each node class: the tags of the JSON format, plus marker and speech."""


class Row(NamedTuple):
    """One node of one document."""

    document: str
    id: str
    kind: str
    depth: int | None
    marker: str
    value: int | None
    text: str
    start: int
    end: int


COLUMNS: tuple[str, ...] = Row._fields
"""The column names, in order."""


def rows(speech: Speech, document: str) -> Iterator[Row]:
    """The rows of ``speech``'s nodes in document order, the speech's own row first."""
    for ancestors, node in walk(speech):
        item = _item_of(ancestors, node)
        marker = node if isinstance(node, Marker) else item.marker if item is not None else None
        span = node.span
        yield Row(
            document=document,
            id=str(getattr(node, "id", "") or ""),
            kind=KINDS[type(node)],
            depth=item.depth if item is not None else None,
            marker=marker.text if marker is not None and _owns_marker(node) else "",
            value=marker.value if marker is not None and _owns_marker(node) else None,
            text=_text(node),
            start=span.start,
            end=span.end,
        )


def _item_of(ancestors: tuple[Node, ...], node: Node) -> Part | Point | None:
    """The innermost part or point that ``node`` is or lies in."""
    if isinstance(node, (Part, Point)):
        return node
    for ancestor in reversed(ancestors):
        if isinstance(ancestor, (Part, Point)):
            return ancestor
    return None


def _owns_marker(node: Node) -> bool:
    return isinstance(node, (Part, Point, Marker))


def _text(node: Node) -> str:
    if isinstance(node, (Text, Boilerplate, Marker, Paragraph, FrontMatter, Salutation)):
        return node.text
    if isinstance(node, Part):
        return node.heading.text
    if isinstance(node, Point):
        return node.lead.text
    if isinstance(node, Speech):
        return node.title or ""
    return ""


def write_csv(table: Iterable[Row], path: str | os.PathLike[str]) -> int:
    """Write ``table`` as UTF-8 CSV with a header; return the number of rows written.

    Empty cells stand for ``None`` (no depth, no value).
    """
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in table:
            writer.writerow(row)
            count += 1
    return count


PARQUET_BATCH = 65_536
"""Rows per Parquet row group: memory stays bounded however large the corpus."""


def write_parquet(table: Iterable[Row], path: str | os.PathLike[str]) -> int:
    """Write ``table`` as Parquet (needs ``speechmodel[arrow]``); return the number of rows.

    The rows are written in row groups of ``PARQUET_BATCH``, so a corpus of any
    size streams through.  The schema is fixed (strings, 32-bit depth, 64-bit
    value and offsets), so every file of a corpus has the same one.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise SpeechModelError(
            "writing Parquet needs pyarrow: pip install 'speechmodel[arrow]'"
        ) from None
    schema = pa.schema(
        [
            ("document", pa.string()),
            ("id", pa.string()),
            ("kind", pa.string()),
            ("depth", pa.int32()),
            ("marker", pa.string()),
            ("value", pa.int64()),
            ("text", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
        ]
    )
    count = 0
    with pq.ParquetWriter(os.fspath(path), schema) as writer:
        batch: list[Row] = []
        for row in table:
            batch.append(row)
            if len(batch) == PARQUET_BATCH:
                writer.write_batch(_record_batch(pa, schema, batch))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_batch(_record_batch(pa, schema, batch))
            count += len(batch)
    return count


def _record_batch(pa: Any, schema: Any, batch: list[Row]) -> Any:
    columns = list(zip(*batch, strict=True)) if batch else [() for _ in COLUMNS]
    arrays = [
        pa.array(list(column), type=field.type)
        for column, field in zip(columns, schema, strict=True)
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def document_rows(speech: Speech) -> list[Row]:
    """The rows of ``speech``, named by the file it was read from (``""`` for a string).

    A module-level function, so that ``parse_many(..., then=document_rows)`` can
    flatten each document in its worker.
    """
    origin = getattr(speech, "origin", None)
    path = getattr(origin, "path", None) or ""
    return list(rows(speech, path))
