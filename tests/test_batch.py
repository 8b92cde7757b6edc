"""parse_many: the same speeches as one-at-a-time parsing, in input order, fail-soft."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import orjson
import pytest

import speechmodel
from speechmodel import ParseFailure, parse, parse_file, parse_many
from speechmodel.batch import expand_paths
from speechmodel.cli import main

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "sample_speech.txt"


def _corpus(corpus_folder: Path) -> list[Path]:
    return [SAMPLE, *sorted(corpus_folder.glob("*.txt"))]


@pytest.mark.parametrize("workers", [1, 2])
def test_paths_give_what_parse_file_gives_in_input_order(corpus_folder: Path, workers: int) -> None:
    paths = _corpus(corpus_folder)
    paths = paths + paths[::-1]  # order must follow the input, not the file system
    assert list(parse_many(paths, workers=workers)) == [parse_file(p) for p in paths]


def test_texts_give_what_parse_gives() -> None:
    texts = [SAMPLE.read_text(encoding="utf-8"), "", "同志们：\n一、抓落实\n二、强作风\n"]
    assert list(parse_many(texts, workers=2, chunksize=1)) == [parse(t) for t in texts]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failed_document_is_a_record_and_the_rest_go_on(tmp_path: Path, workers: int) -> None:
    missing = tmp_path / "missing.txt"
    undecodable = tmp_path / "bad.txt"
    undecodable.write_bytes(b"\x80\xff")  # neither UTF-8 nor GB18030
    items = [SAMPLE, missing, undecodable, SAMPLE]
    results = list(parse_many(items, workers=workers))
    assert results[0] == results[3] == parse_file(SAMPLE)
    failures = [r for r in results[1:3] if isinstance(r, ParseFailure)]
    assert [(f.index, f.path) for f in failures] == [(1, str(missing)), (2, str(undecodable))]
    assert "cannot read" in failures[0].reason
    assert "not UTF-8" in failures[1].reason


def test_then_runs_in_the_worker(corpus_folder: Path) -> None:
    paths = _corpus(corpus_folder)[:4]
    shipped = list(parse_many(paths, workers=2, then=speechmodel.dumps))
    assert shipped == [speechmodel.dumps(parse_file(p)) for p in paths]


def _length_or_exit(speech: speechmodel.Speech) -> int:
    """A ``then`` that kills its worker process on a speech that says 散会."""
    if "散会" in speech.source:
        os._exit(3)
    return len(speech.source)


def test_a_worker_that_dies_fails_its_chunk_and_the_rest_go_on() -> None:
    texts = [
        "同志们：",
        "谢谢大家！",
        "今天的会就开到这里，散会！",
        "一、抓落实",
        "二、强作风",
        "好",
    ]
    results = list(parse_many(texts, workers=2, chunksize=2, then=_length_or_exit))
    # The chunk of the third text (texts 2 and 3) died with its worker.
    assert results[:2] == [4, 5]
    assert results[4:] == [5, 1]
    assert [(r.index, r.path) for r in results[2:4] if isinstance(r, ParseFailure)] == [
        (2, None),
        (3, None),
    ]
    reasons = [r.reason for r in results[2:4] if isinstance(r, ParseFailure)]
    assert reasons == ["the worker process died (exit code 3)"] * 2


def test_a_worker_killed_at_any_moment_leaves_a_result_for_every_document() -> None:
    results: list[speechmodel.Speech | ParseFailure] = []
    for result in parse_many(["同志们：\n一、甲\n二、乙\n"] * 40, workers=2, chunksize=1):
        if not results:  # kill one worker, busy or waiting for work
            pid = multiprocessing.active_children()[0].pid
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
        results.append(result)
    assert len(results) == 40
    failures = [r for r in results if isinstance(r, ParseFailure)]
    assert all("worker process died" in f.reason for f in failures)
    assert len(failures) <= 1  # at most the one document the killed worker held
    assert multiprocessing.active_children() == []


def test_leaving_a_batch_early_ends_its_workers() -> None:
    for result in parse_many(["同志们："] * 50, workers=2, chunksize=1):
        assert isinstance(result, speechmodel.Speech)
        break  # the generator is closed as it goes, and stops its workers
    assert multiprocessing.active_children() == []


def test_directories_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "a.md", "b/1.txt", "notes.json"):
        (tmp_path / name).write_text("同志们：\n", encoding="utf-8")
    assert expand_paths([tmp_path]) == [tmp_path / n for n in ("a.md", "b/1.txt", "b/2.txt")]


def test_cli_jsonl_has_one_line_per_document_and_a_summary(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    folder = tmp_path / "speeches"
    folder.mkdir()
    (folder / "a.txt").write_bytes(SAMPLE.read_bytes())
    (folder / "b.txt").write_text("同志们：\n一、抓落实\n二、强作风\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(folder), "--jsonl", "-j", "2", "-o", str(out)]) == 0
    lines = out.read_bytes().splitlines()
    assert [speechmodel.loads(line) for line in lines] == [
        parse_file(folder / "a.txt"),
        parse_file(folder / "b.txt"),
    ]
    captured = capsysbinary.readouterr()
    assert captured.out == b""
    assert b"2 documents" in captured.err
    assert b"0 errors" in captured.err
    assert b"\r" not in captured.err  # no progress bar: stderr is not a terminal


def test_cli_batch_reports_an_unreadable_file_and_exits_1(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    missing = tmp_path / "missing.txt"
    assert main(["parse", str(SAMPLE), str(missing)]) == 1
    captured = capsysbinary.readouterr()
    assert len(captured.out.splitlines()) == 1
    assert orjson.loads(captured.out)["source"] == parse_file(SAMPLE).source
    assert str(missing).encode() in captured.err
    assert b"1 errors" in captured.err
