"""Renderers: clean plain text (no boilerplate, paragraphs kept) and Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechmodel import Boilerplate, Marker, Paragraph, Text, markdown, parse, plain_text, walk
from speechmodel.cli import main
from speechmodel.files import parse_file
from speechmodel.render import content_lines, heading_line

SPEECH = (
    "来源：某某网\n"
    "在全市工作会议上的讲话\n"
    "同志们：\n"
    "　　下面，我讲两点意见。\n"
    "一、抓落实[1]到位\n"
    "　　要把任务*分解*到人。\n"
    "（一）要细。具体要求。\n"
    "（二）“要实”。\n"
    "1.天\n"
    "2.地\n"
    "二、强作风\n"
    "同志们，让我们共同努力！\n"
    "Copyright © 2020 某某网 版权所有\n"
)


def test_plain_text() -> None:
    assert plain_text(parse(SPEECH)) == (
        "在全市工作会议上的讲话\n"
        "同志们：\n"
        "下面，我讲两点意见。\n"
        "一、抓落实到位\n"
        "要把任务*分解*到人。\n"
        "（一）要细。具体要求。\n"
        "（二）“要实”。\n"
        "1.天\n"
        "2.地\n"
        "二、强作风\n"
        "同志们，让我们共同努力！\n"
    )


def test_markdown() -> None:
    assert markdown(parse(SPEECH)) == (
        "# 在全市工作会议上的讲话\n\n"
        "同志们：\n\n"
        "下面，我讲两点意见。\n\n"
        "## 一、抓落实到位\n\n"
        "要把任务\\*分解\\*到人。\n\n"
        "- （一）**要细**。具体要求。\n\n"
        "- （二）“**要实**”。\n\n"
        "  - 1.**天**\n\n"
        "  - 2.**地**\n\n"
        "## 二、强作风\n\n"
        "同志们，让我们共同努力！\n"
    )


def test_markdown_escapes_what_would_become_syntax() -> None:
    # (a line that opens with a tag is markup residue, boilerplate: the tag is inside)
    text = markdown(parse("同志们：\n# 不是标题\n1. 不是列表\n- 也不是\n注意<b>x</b>\n"))
    assert (
        text == "同志们：\n\n\\# 不是标题\n\n1\\. 不是列表\n\n\\- 也不是\n\n注意\\<b\\>x\\</b\\>\n"
    )


def test_empty_document() -> None:
    assert plain_text(parse("")) == ""
    assert markdown(parse("")) == ""
    assert plain_text(parse("来源：某某网\n")) == ""


def test_heading_line(corpus_folder: Path) -> None:
    speech = parse_file(corpus_folder / "d00_seed_mayor_speech.txt")
    part = speech.parts[0]
    assert (
        heading_line(part, speech.source) == "一、提高抓落实的政治站位,切实承担奋进新征程的历史重任"
    )
    assert heading_line(part.points[0], speech.source) == "首先,抓落实是大政所向。"


def test_plain_text_on_the_corpus(corpus_text: Path) -> None:
    """No boilerplate line survives; every content leaf's text does, in order, and the
    lines are the source paragraphs that hold content."""
    speech = parse_file(corpus_text)
    text = plain_text(speech)
    lines = text.splitlines()
    whole_lines = {
        node.text
        for path, node in walk(speech)
        if isinstance(node, Boilerplate) and not isinstance(path[-1], Paragraph)
    }
    assert not whole_lines & set(lines)
    leaves = [n for _, n in walk(speech) if isinstance(n, (Text, Marker)) and len(n.span)]
    position = 0
    flat = text.replace("\n", "")
    for leaf in leaves:
        written = speech.source[leaf.span.start : leaf.span.end]
        found = flat.find(written, position)
        assert found == position or flat[position:found].strip() == "", written
        position = found + len(written)
    assert position == len(flat)
    assert len(lines) == len(content_lines(speech, speech.source))
    assert all(line and line == line.strip() for line in lines)


def test_markdown_on_the_corpus(corpus_text: Path) -> None:
    speech = parse_file(corpus_text)
    text = markdown(speech)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert len(headings) == len(speech.parts)
    items = [line for line in text.splitlines() if line.lstrip().startswith("- ")]
    assert len(items) == len(speech.points())
    assert all(b.text not in text for b in speech.boilerplate if len(b.text) > 8)


def test_cli_text_and_markdown(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = tmp_path / "speech.txt"
    path.write_bytes(SPEECH.encode("gb18030"))
    assert main(["text", str(path)]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == plain_text(parse(SPEECH))
    assert main(["markdown", str(path)]) == 0
    assert capsysbinary.readouterr().out.decode("utf-8") == markdown(parse(SPEECH))
