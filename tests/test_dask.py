"""The Dask bag pipeline of docs/scale.md over the corpus, on the local process scheduler."""

from __future__ import annotations

from pathlib import Path

import dask.bag as db
from dask.base import compute

import speechmodel
from speechmodel.table import document_rows

REPO = Path(__file__).resolve().parent.parent


def _paths(corpus_folder: Path) -> list[str]:
    return [str(REPO / "examples" / "sample_speech.txt")] + [
        str(p) for p in sorted(corpus_folder.glob("*.txt"))
    ]


def test_jsonl_pipeline_equals_single_process(corpus_folder: Path, tmp_path: Path) -> None:
    paths = _paths(corpus_folder)
    written = (
        db.from_sequence(paths, npartitions=4)
        .map(speechmodel.parse_file)
        .map(speechmodel.dumps)
        .map(bytes.decode)
        .to_textfiles(str(tmp_path / "part-*.jsonl"), compute=False)
    )
    compute(*written, scheduler="processes", num_workers=2)
    lines = [
        line
        for part in sorted(tmp_path.glob("part-*.jsonl"))
        for line in part.read_text(encoding="utf-8").splitlines()
    ]
    assert [speechmodel.loads(line) for line in lines] == [speechmodel.parse_file(p) for p in paths]


def test_speeches_and_rows_come_back_from_worker_processes(corpus_folder: Path) -> None:
    paths = _paths(corpus_folder)
    bag = db.from_sequence(paths, npartitions=4).map(speechmodel.parse_file)
    speeches, rows = compute(
        bag, bag.map(document_rows).flatten(), scheduler="processes", num_workers=2
    )
    expected = [speechmodel.parse_file(p) for p in paths]
    assert speeches == expected
    assert rows == [row for speech in expected for row in document_rows(speech)]
