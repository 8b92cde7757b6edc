"""Corpus tables: one row per node, the same rows in CSV and Parquet, the fixed schema."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from speechmodel import Point, parse_file, walk
from speechmodel.batch import expand_paths
from speechmodel.cli import main
from speechmodel.table import COLUMNS, document_rows, rows, write_csv, write_parquet

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "sample_speech.txt"


def test_one_row_per_node_in_document_order() -> None:
    speech = parse_file(SAMPLE)
    table = list(rows(speech, "sample"))
    assert len(table) == sum(1 for _ in walk(speech))
    assert table[0].kind == "speech"
    assert table[0].text == speech.title
    assert (table[0].start, table[0].end) == (0, len(speech.source))
    parts = [r for r in table if r.kind == "part"]
    assert [(r.marker, r.value, r.depth, r.text) for r in parts] == [
        (p.marker.text, p.marker.value, 0, p.heading.text) for p in speech.parts
    ]
    points = [n for _, n in walk(speech) if isinstance(n, Point)]
    assert [(r.marker, r.depth) for r in table if r.kind == "point"] == [
        (p.marker.text, p.depth) for p in points
    ]
    # Inside a part, a paragraph takes the depth of the innermost part or point.
    first_part = next(i for i, r in enumerate(table) if r.kind == "part")
    assert table[first_part + 1].kind == "marker"
    assert table[first_part + 1].depth == 0
    assert all(r.depth is None for r in table[:first_part])
    for row in table:
        if row.kind in ("text", "boilerplate"):
            assert speech.source[row.start : row.end] == row.text


def test_csv_and_parquet_hold_the_same_rows(tmp_path: Path) -> None:
    table = document_rows(parse_file(SAMPLE))
    assert {r.document for r in table} == {str(SAMPLE)}
    assert write_csv(table, tmp_path / "nodes.csv") == len(table)
    assert write_parquet(table, tmp_path / "nodes.parquet") == len(table)

    with open(tmp_path / "nodes.csv", encoding="utf-8", newline="") as handle:
        read = list(csv.reader(handle))
    assert tuple(read[0]) == COLUMNS
    assert len(read) == len(table) + 1
    assert read[1:] == [["" if v is None else str(v) for v in r] for r in table]

    parquet = pq.read_table(tmp_path / "nodes.parquet")
    assert parquet.schema.names == list(COLUMNS)
    assert [parquet.schema.field(n).type for n in ("depth", "value", "start", "end")] == [
        pa.int32(),
        pa.int64(),
        pa.int64(),
        pa.int64(),
    ]
    assert parquet.num_rows == len(table)
    assert [tuple(r.values()) for r in parquet.to_pylist()] == [tuple(r) for r in table]


def test_an_empty_table_still_has_the_schema(tmp_path: Path) -> None:
    assert write_parquet([], tmp_path / "empty.parquet") == 0
    assert pq.read_table(tmp_path / "empty.parquet").schema.names == list(COLUMNS)


@pytest.mark.parametrize("csv_flag", [False, True], ids=["parquet", "csv"])
def test_cli_table_over_the_corpus(
    corpus_folder: Path, tmp_path: Path, csv_flag: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / ("nodes.csv" if csv_flag else "nodes.parquet")
    args = ["table", str(corpus_folder), str(SAMPLE), "-o", str(out), "-j", "2"]
    assert main([*args, "--csv"] if csv_flag else args) == 0
    paths = expand_paths([corpus_folder, SAMPLE])
    assert len(paths) > 2
    expected = sum(len(document_rows(parse_file(p))) for p in paths)
    if csv_flag:
        with open(out, encoding="utf-8", newline="") as handle:
            assert sum(1 for _ in csv.reader(handle)) == expected + 1
    else:
        assert pq.read_table(out).num_rows == expected
    assert "0 errors" in capsys.readouterr().err
