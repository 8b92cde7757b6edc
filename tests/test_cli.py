"""The ``speechmodel`` command, run in-process through ``speechmodel.cli.main``."""

from __future__ import annotations

import gc
import io
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import attrs
import orjson
import pytest

from speechmodel import cli, parse
from speechmodel.cli import main
from speechmodel.files import parse_file
from speechmodel.nodes import Origin
from speechmodel.outline import outline
from speechmodel.serialize import loads

SAMPLE = "在全市工作会议上的讲话\n同志们：\n下面，我讲两点意见。\n一、总体要求\n二、重点任务\n同志们，让我们共同努力！\n"
OUTLINE_KEYS = {"title", "salutation", "announced_parts", "parts", "closing", "boilerplate"}


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "speech.txt"
    path.write_bytes(SAMPLE.encode("gb18030"))  # the command decodes, as parse_file does
    return path


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_outline_json(sample: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["outline", "--json", str(sample)]) == 0
    out, err = capsysbinary.readouterr()
    assert err == b""
    printed = orjson.loads(out)
    assert set(printed) == OUTLINE_KEYS
    assert printed == outline(parse(SAMPLE))
    assert printed["announced_parts"] == 2
    assert [part["marker"] for part in printed["parts"]] == ["一、", "二、"]
    assert "总体要求".encode() in out  # Chinese is written as UTF-8, not escaped


def test_outline_json_of_a_corpus_text(
    corpus_text: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["outline", "--json", str(corpus_text)]) == 0
    assert orjson.loads(capsysbinary.readouterr().out) == outline(parse_file(corpus_text))


def test_the_program_prints_what_main_prints_and_exits_with_its_status(
    sample: Path, tmp_path: Path
) -> None:
    """``python -m speechmodel.cli`` runs ``cli.run``, the console script's entry point."""
    done = subprocess.run(
        [sys.executable, "-m", "speechmodel.cli", "outline", "--json", str(sample)],
        capture_output=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert orjson.loads(done.stdout) == outline(parse(SAMPLE))
    missing = subprocess.run(
        [sys.executable, "-m", "speechmodel.cli", "outline", str(tmp_path / "none.txt")],
        capture_output=True,
        check=False,
    )
    assert missing.returncode == 2
    assert missing.stderr.startswith(b"speechmodel: error: cannot read ")


def test_ctrl_c_ends_the_program_with_a_word_and_status_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(argv: list[str] | None = None) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "main", interrupted)
    try:
        with pytest.raises(SystemExit) as stopped:
            cli.run()
    finally:
        gc.unfreeze()  # what ``run`` froze belongs to this test process
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "speechmodel: interrupted\n"


def test_a_reader_that_goes_away_ends_the_program_quietly(sample: Path) -> None:
    """``speechmodel outline FILE | head -1``, when head has exited before the program
    writes: no traceback, and the status of a program that SIGPIPE ended."""
    program = subprocess.Popen(
        [sys.executable, "-m", "speechmodel.cli", "outline", str(sample)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert program.stdout is not None
    assert program.stderr is not None
    program.stdout.close()  # the pipe has no reader left: the first write fails
    with program.stderr:
        assert (program.wait(), program.stderr.read()) == (141, b"")


def test_outline_text(sample: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["outline", str(sample)]) == 0
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert lines[0] == "标题 在全市工作会议上的讲话"
    assert "一、 总体要求" in lines
    assert lines[-1] == "结尾 同志们，让我们共同努力！"


@pytest.mark.parametrize("indent", [False, True], ids=["compact", "indent"])
def test_parse(sample: Path, indent: bool, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    argv = ["parse", str(sample), *(["--indent"] if indent else [])]
    assert main(argv) == 0
    out = capsysbinary.readouterr().out
    assert out.endswith(b"\n")
    assert (b"\n  " in out) is indent
    assert loads(out) == parse_file(sample)


def test_parse_stdin(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    _stdin(monkeypatch, b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"))
    assert main(["parse", "-"]) == 0
    printed = loads(capsysbinary.readouterr().out)
    # The BOM is decoded away; stdin has no path, and is sniffed as text.
    assert printed == attrs.evolve(parse(SAMPLE), origin=Origin(format="text", path=None))


def test_outline_stdin(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    _stdin(monkeypatch, SAMPLE.encode("gb18030"))
    assert main(["outline", "--json", "-"]) == 0
    assert orjson.loads(capsysbinary.readouterr().out)["title"] == "在全市工作会议上的讲话"


def test_missing_file(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    missing = tmp_path / "nowhere.txt"
    assert main(["outline", "--json", str(missing)]) == 2
    out, err = capsysbinary.readouterr()
    assert out == b""
    message = err.decode()
    assert message.startswith("speechmodel: error: ")
    assert str(missing) in message
    assert "Traceback" not in message


def test_undecodable_file(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("大家好".encode() + b"\xff")
    assert main(["parse", str(path)]) == 2
    out, err = capsysbinary.readouterr()
    assert out == b""
    assert b"at byte 9" in err
    assert b"Traceback" not in err


def test_directory_is_an_error(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["parse", str(tmp_path)]) == 2
    assert capsysbinary.readouterr().err.startswith(b"speechmodel: error: ")


def test_usage_error_exits_2(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate", "x"])
    assert caught.value.code == 2
    assert b"usage:" in capsysbinary.readouterr().err


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    listed = capsys.readouterr().out
    for command in ("parse", "table", "outline", "check", "schema", "query", "text", "markdown"):
        assert f"    {command} " in listed
    assert "    chunks" in listed


def test_a_command_parses_its_own_options(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The parser is built for the named command only; its options and errors still work.
    with pytest.raises(SystemExit) as exited:
        main(["outline", "--max-chars", "3", str(sample)])
    assert exited.value.code == 2
    assert "unrecognized arguments: --max-chars" in capsys.readouterr().err
    assert main(["chunks", "--max-chars", "3", str(sample)]) == 0


@pytest.mark.parametrize("command", sorted(cli._COMMANDS))
@pytest.mark.parametrize("name", ["speech.txt", "-", "讲话 稿.html"])
def test_command_file_is_read_as_argparse_reads_it(command: str, name: str) -> None:
    # ``COMMAND FILE`` skips argparse; every command that takes that form must get
    # the same arguments as argparse gives, and every other command goes to argparse.
    argv = [command, name]
    try:
        expected = vars(cli._parser(argv).parse_args(argv, namespace=SimpleNamespace()))
    except SystemExit:  # the command needs more than a file (query, table) or none (schema)
        assert cli._one_file_args(argv) is None
        return
    args = cli._one_file_args(argv)
    assert args is not None, f"{command} FILE is not in cli._ONE_FILE"
    assert vars(args) == expected


@pytest.mark.parametrize(
    "argv",
    [
        ["outline", "--json", "speech.txt"],
        ["outline", "speech.txt", "--json"],
        ["outline", "-h"],
        ["outline", "--"],
        ["parse", "a.txt", "b.txt"],
        ["outline"],
        ["--help"],
        [],
    ],
)
def test_every_other_command_line_goes_to_argparse(argv: list[str]) -> None:
    assert cli._one_file_args(argv) is None


def test_a_one_file_run_does_not_import_argparse(sample: Path) -> None:
    # The point of reading ``COMMAND FILE`` ourselves (docs/performance.md).
    code = "import sys; from speechmodel.cli import main; main(sys.argv[1:]); print('argparse' in sys.modules)"
    ran = subprocess.run(
        [sys.executable, "-c", code, "outline", str(sample)], capture_output=True, check=True
    )
    assert ran.stdout.decode("utf-8").splitlines()[-1] == "False"


def test_an_unknown_command_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["outlines", "x.txt"])
    assert exited.value.code == 2
    assert "invalid choice: 'outlines'" in capsys.readouterr().err
