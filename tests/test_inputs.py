"""Real-world inputs: saved web pages, Word documents, Markdown, format detection."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml import parse_xml
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from invariants import check_speech
from speechmodel import Boilerplate, SpeechModelError, dumps, loads, parse, parse_file, walk
from speechmodel.cli import main
from speechmodel.files import parse_bytes, parse_html
from speechmodel.outline import outline
from speechmodel.webpage import read_page
from speechmodel.word import format_number, read_docx

PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>页面标题</title><style>p {{ color: red }}</style>
<script>var x = "同志们：";</script></head>
<body>
<div id="nav"><a href="/">首页</a> <a href="/news">新闻中心</a></div>
<div class="path">当前位置：首页 &gt; 领导讲话</div>
<div class="mainContent"><div class="conTxt">
<p>在全市安全生产工作会议上的讲话</p>
<p>（2024年1月8日）</p>
<p>同志们：</p>
<p>今天召开会议。下面，我讲两点意见。</p>
<p><b>一、提高认识</b></p>
<p>安全生产<span>责任</span>重于泰山。</p>
<p><b>二、狠抓落实</b><br>要层层压实责任。</p>
<p>同志们，让我们共同努力！</p>
</div></div>
<div class="footer">Copyright 2024 某某市人民政府 版权所有</div>
</body></html>
"""


def test_web_page_text_parts_and_chrome() -> None:
    speech = parse_html(PAGE.format(charset="utf-8"))
    assert speech.origin is not None
    assert speech.origin.format == "html"
    assert "var x" not in speech.source
    assert "color: red" not in speech.source
    # <span> does not break a line; <br> does.
    assert "安全生产责任重于泰山。" in speech.source.splitlines()
    assert speech.title == "在全市安全生产工作会议上的讲话"
    assert speech.salutation == "同志们："
    assert speech.announced == 2
    assert [(p.marker.text, p.heading.text) for p in speech.parts] == [
        ("一、", "提高认识"),
        ("二、", "狠抓落实"),
    ]
    assert outline(speech)["closing"] == "同志们，让我们共同努力！"
    chrome = [n.text for _, n in walk(speech) if isinstance(n, Boilerplate)]
    assert chrome == [
        "首页 新闻中心",
        "当前位置：首页 > 领导讲话",
        "Copyright 2024 某某市人民政府 版权所有",
    ]


def test_gbk_and_utf8_pages_parse_the_same() -> None:
    utf8 = parse_html(PAGE.format(charset="utf-8").encode("utf-8"))
    gbk = parse_html(PAGE.format(charset="gb2312").encode("gbk"))
    assert gbk.source == utf8.source
    assert outline(gbk) == outline(utf8)


def test_page_file_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(PAGE.format(charset="gbk").encode("gbk"))
    speech = parse_file(path)
    assert speech.origin is not None
    assert (speech.origin.format, speech.origin.path) == ("html", str(path))
    assert len(speech.parts) == 2


@pytest.mark.parametrize(
    "markup",
    [
        "<p>一、未闭合<div>二、<b>交错</p></b>",
        "<<<>>>&&&;<p",
        "</p></div></html>",
        "<html><body>" + "<div>" * 3000 + "同志们：" + "</div>" * 10,
        "\x00<p>\ud800</p>",
    ],
    ids=["unclosed", "garbage", "only-end-tags", "deep-nesting", "nul-and-surrogate"],
)
def test_broken_html_still_parses(markup: str) -> None:
    speech = parse_html(markup)
    page = read_page(markup)
    assert speech.source == page.text


def test_web_page_without_a_main_element_keeps_all_lines() -> None:
    page = read_page("<p>同志们：</p><p>一、甲</p><p>二、乙</p>")
    assert page.text == "同志们：\n一、甲\n二、乙"
    # No element holds most of the text apart from the page itself: nothing is chrome.
    assert page.chrome == ()


def test_an_element_holding_most_of_the_text_is_no_chrome_whatever_its_name() -> None:
    # A template that wraps the whole article in <div class="jui-pageHeader">: the
    # word "header" names navigation, but this element holds the speech.
    page = (
        '<div class="nav"><a>首页</a></div><div class="jui-pageHeader">开学典礼发言稿'
        "<br>各位同学：<br>　　1．要把被动学习改为主动学习。<br>　　2．要学会独立思考。"
        "<br>同学们，祝大家学业有成！</div>"
    )
    speech = parse_html(page)
    assert [b.text for b in speech.boilerplate] == ["首页"]
    assert (speech.title, speech.salutation) == ("开学典礼发言稿", "各位同学：")
    assert [p.marker.text for p in speech.parts] == ["1．", "2．"]


def test_an_element_named_as_a_title_before_the_article_is_its_title() -> None:
    # A company site's news page: the heading is a <div> named "…-title", outside
    # the element that holds the text.
    page = (
        '<div class="news-view"><div class="news-view-title">\n  <a>2013 新 年 致 辞</a>\n</div>'
        '<div class="news-view-content"><p>亲爱的同事们：</p><p>新年好！回首过去的一年，'
        "我们共同经历了许多。</p><p>祝大家新年快乐！</p></div></div>"
    )
    speech = parse_html(page)
    assert (speech.title, speech.salutation) == ("2013 新 年 致 辞", "亲爱的同事们：")


def test_a_heading_broken_by_br_is_the_whole_title() -> None:
    # A memorial site's speech page (2025): <h1>在纪念…暨<br>世界…大会上的讲话</h1>
    page = (
        "<h1>在纪念中国人民抗日战争暨<br>世界反法西斯战争胜利80周年大会上的讲话</h1>"
        '<div class="speech-content"><p>全国同胞们：</p><p>今天，我们隆重集会，纪念中国人民'
        "抗日战争暨世界反法西斯战争胜利80周年。</p><p>让我们铭记历史。</p></div>"
    )
    speech = parse_html(page)
    assert speech.title == "在纪念中国人民抗日战争暨 世界反法西斯战争胜利80周年大会上的讲话"
    assert speech.boilerplate == ()


def test_a_page_of_nothing_but_chrome_says_so() -> None:
    speech = parse_html(
        '<div class="nav"><a>首页</a><a>新闻中心</a></div>'
        '<div class="footer">版权所有 某某市人民政府办公室</div>'
    )
    assert [d.code for d in speech.diagnostics if d.severity == "warning"] == ["no-speech-text"]


def test_the_outline_leaves_out_a_page_header_that_repeats_the_title() -> None:
    # gold README: a header line that repeats the title verbatim is not listed.
    page = (
        '<div class="path">当前位置：首页</div><h2>在全市工作会议上的讲话</h2>'
        "<div><p>在全市工作会议上的讲话</p><p>（2024年1月8日）</p><p>同志们：</p>"
        "<p>一、甲</p><p>二、乙</p></div>"
    )
    speech = parse_html(page)
    assert speech.title == "在全市工作会议上的讲话"
    chrome = [n.text for _, n in walk(speech) if isinstance(n, Boilerplate)]
    assert chrome == ["当前位置：首页", "在全市工作会议上的讲话"]  # in the model
    assert speech.boilerplate[1].rule == "title-repeat"
    assert outline(speech)["boilerplate"] == ["当前位置：首页"]


def test_a_speech_in_one_paragraph_keeps_the_title_before_it() -> None:
    # A Word export: the title is one <p>, the whole speech another, broken by <br>.
    # The main text is the container of both, not the speech's <p> alone.
    page = (
        '<div class="nav"><a>首页</a><a>新闻中心</a></div><h2>教师专业发展</h2>'
        "<div><p>在全市教师培训工作会议上的讲话</p>"
        "<p>同志们：<br>今天召开会议。下面，我讲两点意见。<br>一、提高认识<br>培训是基础工作。"
        "<br>二、狠抓落实<br>要层层压实责任，确保培训取得实效。</p></div>"
    )
    speech = parse_html(page)
    assert speech.title == "在全市教师培训工作会议上的讲话"
    assert [p.marker.text for p in speech.parts] == ["一、", "二、"]
    chrome = [n.text for _, n in walk(speech) if isinstance(n, Boilerplate)]
    assert chrome == ["首页新闻中心", "教师专业发展"]


# ---------------------------------------------------------------- Word

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _numbered_document() -> Document:
    """一、 at level 0 and （一） at level 1, as Word's automatic numbering."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {_W} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return document


def _number(paragraph: Paragraph, level: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.append(
        parse_xml(f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
    )


def _save(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_automatic_numbering_two_levels() -> None:
    document = _numbered_document()
    document.add_paragraph("在全市工作会议上的讲话", style="Title")
    document.add_paragraph("同志们：")
    document.add_paragraph("下面，我讲两点意见。")
    for heading, points in (
        ("提高认识", ["统一思想。", "明确任务。"]),
        ("狠抓落实", ["压实责任。", "严格考核。"]),
    ):
        _number(document.add_paragraph(heading, style="Heading 1"), 0)
        for point in points:
            paragraph = document.add_paragraph(point)
            _number(paragraph, 1)
            paragraph.runs[0].font.size = Pt(16)
    document.add_paragraph("同志们，让我们共同努力！")
    data = _save(document)

    text = read_docx(data)
    assert text.splitlines()[3:7] == [
        "一、提高认识",
        "（一）统一思想。",
        "（二）明确任务。",
        "二、狠抓落实",
    ]
    speech = parse_bytes(data, format="docx", path="speech.docx")
    assert speech.title == "在全市工作会议上的讲话"
    assert speech.announced == 2
    assert [(p.marker.text, [q.marker.text for q in p.points]) for p in speech.parts] == [
        ("一、", ["（一）", "（二）"]),
        ("二、", ["（一）", "（二）"]),  # the second level restarts under a new first level
    ]
    assert speech.closing is not None


def test_docx_manual_numbering_heading_styles_and_a_table() -> None:
    document = docx.Document()
    document.add_heading("一、总体要求", level=1)
    document.add_paragraph("第一，要提高认识。")
    document.add_paragraph("第二，要加强领导。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "目标"
    document.add_heading("二、主要任务", level=1)
    speech = parse_bytes(_save(document), format="docx")
    assert [p.marker.text for p in speech.parts] == ["一、", "二、"]
    assert [q.marker.text for q in speech.parts[0].points] == ["第一", "第二"]
    assert "指标\n目标" in speech.source  # table cells are read, in order


def test_empty_docx() -> None:
    speech = parse_bytes(_save(docx.Document()), format="docx")
    assert speech.source == ""
    assert speech.children == ()


def test_malformed_docx() -> None:
    with pytest.raises(SpeechModelError, match="not a zip"):
        parse_bytes(b"this is not a zip", format="docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(SpeechModelError, match=r"no word/document\.xml"):
        parse_bytes(buffer.getvalue(), format="docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document")
    with pytest.raises(SpeechModelError, match="is not XML"):
        parse_bytes(buffer.getvalue(), format="docx")


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (15, "chineseCountingThousand", "十五"),
        (23, "chineseCounting", "二十三"),
        (3, "ideographTraditional", "丙"),
        (2, "decimalEnclosedCircle", "②"),
        (12, "decimal", "12"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "ab"),
        (7, "decimalFullWidth", "７"),
    ],
)
def test_number_formats(value: int, number_format: str, expected: str) -> None:
    assert format_number(value, number_format) == expected


# ---------------------------------------------------------------- Markdown and detection


def test_front_matter_without_its_opening_fence_is_metadata() -> None:
    # A Hexo blog post (饶毅's commencement speech, copied by a reader in 2016).
    text = (
        "title: 看北大最短毕业致辞\ndate: 2016-07-07\ntags:\n\n- 感触\n---\n\n## 做自己尊重的人\n"
    )
    assert [b.rule for b in parse(text).boilerplate] == ["metadata"] * 5
    # A speech that opens with a colon after a word is no front matter.
    assert parse("Note: 这是讲话。\n同志们：\n---\n").boilerplate[0].text == "---"


def test_markdown_headings_and_bold_markers() -> None:
    text = (
        "---\ntitle: 讲话\n---\n# 在全市工作会议上的讲话\n\n同志们：\n\n"
        "## 一、提高认识\n\n**（一）统一思想。**要高度重视。\n\n**（二）明确任务。**\n\n"
        "## 二、狠抓落实\n\n内容。\n"
    )
    speech = parse(text)
    assert speech.title == "在全市工作会议上的讲话"
    assert [(p.marker.text, p.heading.text) for p in speech.parts] == [
        ("一、", "提高认识"),
        ("二、", "狠抓落实"),
    ]
    first = speech.parts[0].points[0]
    assert (first.marker.text, first.lead.text) == ("（一）", "统一思想。")
    # The marker's span takes the Markdown in front of it, so no character is lost.
    assert text[first.marker.span.start : first.marker.span.end] == "**（一）"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html><body><p>hi</p></body></html>", "html"),
        (b"PK\x03\x04rest", "docx"),
        ("同志们：".encode(), "text"),
    ],
)
def test_stdin_format_is_sniffed(
    data: bytes, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from speechmodel.files import detect_format

    assert detect_format("-", data) == expected
    assert detect_format("speech.docx", b"") == "docx"  # the extension wins


def test_cli_format_option(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    assert main(["outline", "--format", "html", str(path)]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert "一、 提高认识" in out
    assert main(["outline", str(path)]) == 0  # as text, the markup stays in the source
    assert "一、 提高认识" not in capsysbinary.readouterr().out.decode("utf-8")


def test_cli_bad_docx_is_an_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"not a zip")
    assert main(["outline", str(path)]) == 2
    assert "not a zip archive" in capsys.readouterr().err


def test_docx_text_box_paragraphs_are_lines_of_their_own() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("正文开头。")
    # A text box anchored in a run: its paragraphs sit inside the outer paragraph.
    paragraph._p.append(
        parse_xml(
            f"<w:r {_W}><w:pict><w:txbxContent>"
            "<w:p><w:r><w:t>文本框里的话。</w:t></w:r></w:p>"
            "</w:txbxContent></w:pict></w:r>"
        )
    )
    document.add_paragraph("正文结尾。")
    assert read_docx(_save(document)).splitlines() == ["正文开头。", "文本框里的话。", "正文结尾。"]


def test_saved_pages_keep_the_invariants(corpus_page: Path) -> None:
    speech = parse_file(corpus_page)
    check_speech(speech)
    assert loads(dumps(speech)) == speech
