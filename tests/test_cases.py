"""Table-driven small behaviours; each expected value, span included, is read off the input."""

from __future__ import annotations

import codecs
import sys
from typing import Any

import attrs
import orjson
import pytest

from invariants import check_speech
from speechmodel import parse, walk
from speechmodel.decode import decode
from speechmodel.errors import SpeechDecodeError, SpeechLoadError, SpeechModelError
from speechmodel.nodes import Boilerplate, FrontMatter, Marker, Paragraph, Point, Span, Text
from speechmodel.outline import closing_text, outline, outline_text
from speechmodel.paragraphs import paragraph_spans, paragraphs
from speechmodel.serialize import dumps, loads
from speechmodel.tables import DATE_LINE, PARAGRAPH_RULES, is_speaker_line, match_marker, unmarked

# ---------------------------------------------------------------- markers

MARKERS: list[tuple[str, str, int, str, str, int]] = [
    # text, label, value, style, delimiter, end (where the marker stops in text)
    ("一、总体要求", "一、", 1, "一、", "、", 2),
    ("十五、其他", "十五、", 15, "一、", "、", 3),
    ("二十一、其他", "二十一、", 21, "一、", "、", 4),
    ("（三）加强组织领导", "（三）", 3, "（一）", "（）", 3),
    ("(二)加强", "(二)", 2, "（一）", "()", 3),
    ("1.统一思想", "1.", 1, "1.", ".", 2),
    ("１．统一思想", "１．", 1, "1.", "．", 2),
    ("2，帮助创造者体现价值。", "2，", 2, "1.", "，", 2),  # a talk typed as it was given
    ("（1）统一思想", "（1）", 1, "（1）", "（）", 3),
    ("1)、坚决贯彻", "1)、", 1, "1)", ")、", 3),
    ("3）加强能力", "3）", 3, "1)", "）", 2),
    ("①", "①", 1, "①", "", 1),
    ("③加强", "③", 3, "①", "", 1),
    ("第二，抓落实", "第二", 2, "第一", "，", 3),
    ("第三点，要团结", "第三点", 3, "第一", "，", 4),
    ("第三层，大家要明白", "第三层", 3, "第一", "，", 4),
    ("第二层意思是要团结", "第二层意思", 2, "第一", "", 5),
    ("第一种：主观主义的态度。", "第一种", 1, "第一", "：", 4),  # Mao, 改造我们的学习
    ("第二个方向，是…", "第二个方向", 2, "第一", "，", 6),  # Mao, 1937
    ("第一个要求，要讲政治。", "第一个要求", 1, "第一", "，", 6),
    ("首先，", "首先", 1, "第一", "，", 3),
    ("其次，要", "其次", 2, "第一", "，", 3),
    ("最后，要", "最后", 0, "第一", "，", 3),  # 0: the next value of the running sequence
    ("最后，我们要", "最后", 0, "第一", "，", 3),
    ("最后一点，第六点，要团结全党", "最后一点", 0, "第一", "，", 5),  # Mao, 1962
    ("首先说一下爱国之心。", "首先", 1, "第一", "", 2),  # the speaker turns to his topic
    ("其次谈谈爱国之情。", "其次", 2, "第一", "", 2),
    ("首先来说研究现状。", "首先", 1, "第一", "", 2),  # Mao, 改造我们的学习 (1941)
    ("一要把握大局", "一要", 1, "一要", "", 2),
    ("二是要加强学习", "二是", 2, "一是", "", 2),
    ("三抓落实，", "三抓", 3, "一抓", "", 2),
    ("一是：加强", "一是", 1, "一是", "：", 3),
    ("第一部分", "第一部分", 1, "第一部分", "", 4),
    ("二", "二", 2, "一", "", 1),
    ("三 关于高岗、饶漱石反党联盟", "三", 3, "一", " ", 2),  # collected works: one space
    ("四\u3000关于目前形势", "四", 4, "一", "\u3000", 2),
]


@pytest.mark.parametrize(
    ("text", "label", "value", "style", "delimiter", "end"), MARKERS, ids=[m[0] for m in MARKERS]
)
def test_marker(text: str, label: str, value: int, style: str, delimiter: str, end: int) -> None:
    found = match_marker(text)
    assert found is not None
    assert (found.label, found.value, found.style, found.delimiter, found.end) == (
        label,
        value,
        style,
        delimiter,
        end,
    )


NOT_MARKERS = [
    "第一次全体会议",  # an ordinal inside a noun phrase
    "2.5",  # a decimal split onto its own line (PM2.5)
    "1.5倍",
    "2，3年前，我们就开始了。",  # two or three years, not item 2
    "一个中心",  # numeral + classifier
    "三年来",
    "十分重要",
    "一、二、三产业",  # an enumeration of numerals, not a marker
    "两个确立",
    "一 九 九 八 年",  # a spaced-out year, not a numeral and its heading
    "最后，我还要强调的是，有些地方出现了形式主义。",  # the speaker's last word, not an item
    "最后一点时间，大家要抓紧。",  # a little time, not the last point
    "首先请允许我代表全体师生表示欢迎。",  # a greeting, not the first of a list
    "首先感谢大家。",
    "首先来到会场的是代表们。",  # 来 without 说/谈/讲 is not the speaker turning to a topic
    "一方面，要加强学习。",  # two sides of one thought, not a list (Mao, 1937 and 1948)
    "另一方面则表现：",
    "总体要求",
    "",
]


@pytest.mark.parametrize("text", NOT_MARKERS)
def test_not_a_marker(text: str) -> None:
    assert match_marker(text) is None


@pytest.mark.parametrize(
    ("text", "part_style"),
    [("一、甲", True), ("一", True), ("第一部分", True), ("（一）甲", False), ("第一，甲", False)],
)
def test_part_styles(text: str, part_style: bool) -> None:
    found = match_marker(text)
    assert found is not None
    assert found.part_style is part_style


def test_bare_numeral_stands_alone() -> None:
    found = match_marker("一甲")  # a numeral with text after it is not the bare style
    assert found is None or found.style != "一"


# ---------------------------------------------------------------- decoding

SENTENCE = "同志们，今天我们召开全市经济工作会议。"


@pytest.mark.parametrize(
    "data",
    [
        SENTENCE.encode("utf-8"),
        codecs.BOM_UTF8 + SENTENCE.encode("utf-8"),
        SENTENCE.encode("gb18030"),
        SENTENCE.encode("gbk"),
        SENTENCE.encode("utf-16"),  # with a BOM, in the machine's byte order
        codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"),
        codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le"),
        SENTENCE.encode("utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "utf-16", "utf-16-be", "utf-16-le", "utf-32"],
)
def test_decode(data: bytes) -> None:
    assert decode(data) == SENTENCE


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        (b"\x80", 0),  # a lone continuation byte: neither UTF-8 nor GB18030
        (b"\xff\xff\xff", 0),
        ("大家好".encode() + b"\xff", 9),  # the offset is that of the first bad byte
        (codecs.BOM_UTF8 + b"ok\xff", 5),  # after a UTF-8 BOM, only UTF-8 is tried
        (codecs.BOM_UTF16_LE + b"a\x00b", 4),  # an odd byte out after a UTF-16 BOM
    ],
)
def test_decode_error(data: bytes, offset: int) -> None:
    with pytest.raises(SpeechDecodeError) as caught:
        decode(data)
    assert caught.value.offset == offset
    assert f"at byte {offset}" in str(caught.value)
    assert isinstance(caught.value, SpeechModelError)
    assert isinstance(caught.value, ValueError)


def test_decode_keeps_everything_but_the_bom() -> None:
    text = "\r\n\u3000\u3000一、甲\x00\n"
    assert decode(codecs.BOM_UTF8 + text.encode()) == text


# ---------------------------------------------------------------- paragraphs


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # A line scraped from a page: paragraphs separated by runs of two U+3000.
        ("　　第一段。　　第二段。　　第三段。", [(2, 6), (8, 12), (14, 18)]),
        # One U+3000 inside a line does not separate paragraphs.
        ("第一段。\u3000第二段。", [(0, 9)]),
        # Blank lines, CRLF and indentation belong to no paragraph.
        ("\n\n  甲乙 \r\n\t丙\n", [(4, 6), (10, 11)]),
        ("一\r二\u2028三", [(0, 1), (2, 3), (4, 5)]),
        ("\u3000\u3000\n \n", []),
        ("", []),
    ],
)
def test_paragraph_spans(source: str, expected: list[tuple[int, int]]) -> None:
    assert list(paragraph_spans(source)) == expected
    assert paragraphs(source) == [(start, source[start:end]) for start, end in expected]


def test_paragraphs_from_one_line_are_parsed_as_paragraphs() -> None:
    source = "一、总体要求　　第一，加强领导。　　第二，狠抓落实。"
    speech = parse(source)
    check_speech(speech)
    # 一、 alone is no run; 第一/第二 are the parts, each starting a paragraph of the line.
    assert [part.marker.text for part in speech.parts] == ["第一", "第二"]
    first, second = speech.parts
    assert first.marker.span == Span(start=8, end=11)
    assert source[8:11] == "第一，"
    assert first.heading.span == Span(start=11, end=16)
    assert second.span == Span(start=18, end=26)
    assert speech.opening[0].span == Span(start=0, end=6)


# ---------------------------------------------------------------- run-in markers


def test_qici_and_zuihou_without_shouxian_are_paragraphs_of_argument() -> None:
    # 整顿党的作风 (held out): 首先 is inside a sentence, and 其次…, 最后，… open
    # paragraphs of the argument, not a list.
    speech = parse(
        "同志们：\n我们首先要问：什么是宗派主义？\n其次讲一讲所谓知识分子的问题。\n内容。\n"
        "最后，我们反对主观主义，有两条宗旨是必须注意的。\n"
    )
    assert speech.parts == ()
    # Three such words are a list all the same.
    speech = parse("同志们：\n我们首先要问。\n其次，甲。\n再次，乙。\n最后，丙。\n")
    assert [p.marker.text for p in speech.parts] == ["其次", "再次", "最后"]


def test_ordinals_inside_counted_questions_are_a_list_of_their_own() -> None:
    # 江泽民 at a 1988 理论工作座谈会 (held out): 第二个问题：… holds 第一，… 第二，…
    speech = parse(
        "同志们：\n下面，我讲三个问题。\n第一个问题：理论指导\n内容。\n第二个问题：严峻挑战\n"
        "第一，深化理论。\n内容。\n第二，开展研究。\n内容。\n第三个问题：繁荣理论\n内容。\n"
    )
    assert [p.marker.text for p in speech.parts] == ["第一个问题", "第二个问题", "第三个问题"]
    assert [p.marker.text for p in speech.parts[1].points] == ["第一", "第二"]
    assert speech.parts[0].marker.style == "第一个问题"
    # Mixed in one list, they stay one family (任正非: 第一点，… 第二，… 第三个问题，…).
    mixed = parse("同志们：\n第一点，甲。\n内容。\n第二，乙。\n内容。\n第三个问题，丙。\n内容。\n")
    assert [(p.marker.text, p.marker.style) for p in mixed.parts] == [
        ("第一点", "第一"),
        ("第二", "第一"),
        ("第三个问题", "第一"),
    ]


def test_a_shouxian_in_the_first_items_prose_does_not_restart_the_list() -> None:
    # 段永平 at 浙大, 2018 (held out): 第一，… then 首先要强调的是，… then 第二，…
    speech = parse(
        "同学们：\n第一，做个胸无“大”志的人\n首先要强调的是，这里的“大”是好大喜功的大。\n"
        "内容。\n第二，做个有平常心的人\n内容。\n第三，做个诚信的人\n内容。\n"
    )
    assert [p.marker.text for p in speech.parts] == ["第一", "第二", "第三"]
    assert speech.parts[0].body[0].text.startswith("首先要强调的是")
    # The other way round a 首先 before 第一 still starts nothing (首先，… then 第一，第二，…).
    assert [p.marker.text for p in parse("首先，感谢。\n第一，甲。\n第二，乙。\n").parts] == [
        "第一",
        "第二",
    ]


def test_lone_shouxian_is_not_a_point() -> None:
    speech = parse("一、总体要求\n首先，要提高认识。\n二、重点任务")
    assert [part.marker.text for part in speech.parts] == ["一、", "二、"]
    assert speech.parts[0].points == ()
    assert isinstance(speech.parts[0].body[0], Paragraph)
    assert speech.parts[0].body[0].text == "首先，要提高认识。"


def test_lone_shouxian_without_parts_is_an_ordinary_paragraph() -> None:
    speech = parse("首先，我们要统一思想。\n这是第二段。\n这是第三段。")
    assert speech.parts == ()
    assert [p.text for p in speech.opening] == [
        "首先，我们要统一思想。",
        "这是第二段。",
        "这是第三段。",
    ]


def test_enumeration_inside_a_paragraph_is_not_a_part() -> None:
    speech = parse("我讲三点意见。第一，抓学习。第二，抓落实。")
    assert speech.parts == ()
    assert speech.announced == 3


def test_word_markers_resolve_zuihou() -> None:
    source = "首先，统一思想。\n其次，明确任务。\n最后，狠抓落实。"
    speech = parse(source)
    markers = [part.marker for part in speech.parts]
    assert [(m.text, m.value) for m in markers] == [("首先", 1), ("其次", 2), ("最后", 3)]
    # A word-style marker's span takes the comma after it; its text does not.
    assert markers[2].span == Span(start=18, end=21)
    assert source[18:21] == "最后，"
    assert speech.parts[2].heading.text == "狠抓落实。"


def test_yishi_yao_keeps_the_verb_in_the_lead() -> None:
    speech = parse("一是要加强学习。二是要改进作风。\n二是要改进作风。")
    first = speech.parts[0]
    assert first.marker.text == "一是"
    assert first.marker.span == Span(start=0, end=2)
    assert first.heading.text == "要加强学习。"
    assert [b.text for b in first.body if isinstance(b, Paragraph)] == ["二是要改进作风。"]


# ---------------------------------------------------------------- whole speeches


SPEECH = "\n".join(
    [
        "在全市经济工作会议上的讲话",  # 0..13
        "同志们：",  # 14..18
        "下面，我讲三点意见。",  # 19..29
        "一、总体要求",  # 30..36
        "（一）提高认识。我们要统一思想。",  # 37..53
        "（二）加强领导",  # 54..61
        "二、重点任务",  # 62..68
        "三、保障措施",  # 69..75
        "来源：某某网",  # 76..82
        "同志们，让我们共同努力！",  # 83..95
        "谢谢大家！",  # 96..101
    ]
)


def test_speech_outline() -> None:
    assert outline(parse(SPEECH)) == {
        "title": "在全市经济工作会议上的讲话",
        "salutation": "同志们：",
        "announced_parts": 3,
        "parts": [
            {
                "marker": "一、",
                "heading": "总体要求",
                "points": [
                    {"marker": "（一）", "lead": "提高认识。", "points": []},
                    {"marker": "（二）", "lead": "加强领导", "points": []},
                ],
            },
            {"marker": "二、", "heading": "重点任务", "points": []},
            {"marker": "三、", "heading": "保障措施", "points": []},
        ],
        "closing": "同志们，让我们共同努力！",
        "boilerplate": ["来源：某某网"],
    }


def test_speech_spans() -> None:
    speech = parse(SPEECH)
    check_speech(speech)
    title = speech.children[0]
    assert isinstance(title, FrontMatter)
    assert title.span == Span(start=0, end=13)
    salutation = speech.children[1]
    assert salutation.span == Span(start=14, end=18)
    first = speech.parts[0]
    assert first.marker.span == Span(start=30, end=32)
    assert SPEECH[30:32] == "一、"
    assert first.heading.span == Span(start=32, end=36)
    assert first.span == Span(start=30, end=61)
    point = first.points[0]
    assert isinstance(point, Point)
    assert point.depth == 1
    assert point.marker.span == Span(start=37, end=40)
    assert point.lead.span == Span(start=40, end=45)
    assert [b.span for b in point.body] == [Span(start=45, end=53)]
    # The boilerplate line after the last part stays inside it, as a block of its body.
    last = speech.parts[2]
    assert last.body == (
        Boilerplate(span=Span(start=76, end=82), text="来源：某某网", rule="source-line"),
    )
    assert speech.closing is not None
    assert speech.closing.span == Span(start=83, end=101)


def test_front_matter_roles() -> None:
    speech = parse(
        "关于加强作风建设的讲话\n——在全市干部大会上\n（2024年3月1日）\n同志们：\n今天开会。"
    )
    assert [(f.role, f.text) for f in speech.front_matter] == [
        ("title", "关于加强作风建设的讲话"),
        ("subtitle", "——在全市干部大会上"),
        ("date", "（2024年3月1日）"),
    ]
    assert speech.salutation == "同志们："
    assert [p.text for p in speech.opening] == ["今天开会。"]


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("（2024年3月1日）", True),
        ("2026年1月14日在浙江省第十四届人民代表大会第四次会议上", True),
        ("2024年3月1日上午", True),
        ("2024年3月全市经济运行情况和下一步工作安排的分析报告", False),
        ("2024年新年献词", False),
    ],
)
def test_date_lines(line: str, date: bool) -> None:
    assert (DATE_LINE.match(line) is not None) is date


def test_numeral_space_heading_parts_nest_their_ordinal_points() -> None:
    # The layout of a speech in Mao's Selected Works, vol. 5 (1955): parts 一 … with a
    # space before the heading, 第一点，… under one of them, a lone 最后 in another.
    speech = parse(
        "在全国代表会议上的讲话\n一 关于这次代表会议的评价\n这次会议开得很好。\n"
        "二 关于高岗、饶漱石反党联盟\n　　第一点，有人问：究竟有没有这个联盟？回答。\n"
        "　　第二点，各自应当采取什么态度？回答。\n三 关于目前形势\n"
        "　　最后，我请同志们注意，也请全党同志注意：形势很好。\n"
    )
    assert [(p.marker.text, p.heading.text) for p in speech.parts] == [
        ("一", "关于这次代表会议的评价"),
        ("二", "关于高岗、饶漱石反党联盟"),
        ("三", "关于目前形势"),
    ]
    assert [p.marker.text for p in speech.parts[1].points] == ["第一点", "第二点"]
    assert speech.parts[2].points == ()


def test_bare_numeral_parts_have_empty_headings() -> None:
    speech = parse("一\n甲。\n二\n乙。")
    assert [(p.marker.text, p.heading.text, p.heading.span) for p in speech.parts] == [
        ("一", "", Span(start=1, end=1)),
        ("二", "", Span(start=6, end=6)),
    ]
    assert [[b.span for b in p.body] for p in speech.parts] == [
        [Span(start=2, end=4)],
        [Span(start=7, end=9)],
    ]


def test_nested_points() -> None:
    speech = parse(
        "一、总体要求\n（一）提高认识\n1.统一思想\n2.明确目标\n（二）加强领导\n二、重点任务"
    )
    assert outline(speech)["parts"][0]["points"] == [
        {
            "marker": "（一）",
            "lead": "提高认识",
            "points": [
                {"marker": "1.", "lead": "统一思想", "points": []},
                {"marker": "2.", "lead": "明确目标", "points": []},
            ],
        },
        {"marker": "（二）", "lead": "加强领导", "points": []},
    ]
    deep = speech.parts[0].points[0].points[1]
    assert (deep.depth, deep.marker.span) == (2, Span(start=22, end=24))


def test_other_style_continuing_the_ordinal_joins_the_parts() -> None:
    speech = parse("一、甲\n二、乙\n第三，丙。\n第四，丁。")
    assert [(p.marker.text, p.marker.value) for p in speech.parts] == [
        ("一、", 1),
        ("二、", 2),
        ("第三", 3),
        ("第四", 4),
    ]


def test_a_list_whose_first_item_was_inline_stays_under_its_part() -> None:
    # 学习和时局: （一） is inside a paragraph of part 一; （二）…（四） are paragraphs,
    # and part 二 comes after them, so they do not go on from the parts.
    speech = parse(
        "学习和时局\n## 一\n我们要分析。（一）不要否定一切。\n（二）对于任何问题应取分析态度。\n"
        "（三）对于过去的问题不要着重于个人。\n（四）要分清是非。\n## 二\n内容。\n"
    )
    assert [p.marker.text for p in speech.parts] == ["一", "二"]
    assert [p.marker.text for p in speech.parts[0].points] == ["（二）", "（三）", "（四）"]


def test_lone_ordinal_continuing_the_parts_is_a_part() -> None:
    # gold README, parts: "一、…, 二、…, then a paragraph 第三，… gives three parts".
    speech = parse("一、甲\n二、乙\n第三，丙。")
    assert [p.marker.text for p in speech.parts] == ["一、", "二、", "第三"]


@pytest.mark.parametrize(
    ("source", "part"),
    [
        ("一、甲\n二、乙\n一是丙\n二是丁。戊\n一要己\n二要庚\n三要辛\n三是壬", 1),
        ("一、甲\n一是丙\n二是丁。戊\n一要己\n二要庚\n三要辛\n三是壬\n二、乙", 0),
    ],
    ids=["last-part", "first-part"],
)
def test_a_new_list_inside_a_part_nests_and_the_old_one_goes_on(source: str, part: int) -> None:
    # Inside a part, 一要…三要 after the paragraph 二是丁。戊 elaborate it; 三是 then goes
    # on with the 一是 list, which is still open one level up.
    speech = parse(source)
    assert [p.marker.text for p in speech.parts] == ["一、", "二、"]
    points = speech.parts[part].points
    assert [p.marker.text for p in points] == ["一是", "二是", "三是"]
    assert [p.marker.text for p in points[1].points] == ["一要", "二要", "三要"]


def test_top_level_runs_are_sibling_parts() -> None:
    # Without a part style the runs themselves are the parts, one after another (d19).
    speech = parse("一是丙\n二是丁。戊\n一要己\n二要庚\n三要辛\n三是壬")
    assert [p.marker.text for p in speech.parts] == ["一是", "二是", "一要", "二要", "三要", "三是"]


@pytest.mark.parametrize(
    "source",
    ["一要甲。\n二是要乙。\n三是要丙。", "一是甲。\n二是乙。\n三要丙。"],
    ids=["lone-first", "lone-last"],
)
def test_a_lone_verb_numbering_on_from_a_run_in_another_verb_joins_it(source: str) -> None:
    # Speakers vary the verb (一要…, 二是要…, 三是要…); the numbering makes it one list.
    speech = parse(source)
    assert [(p.marker.text, p.marker.value) for p in speech.parts] == [
        (source[0:2], 1),
        (source[source.index("二") : source.index("二") + 2], 2),
        (source[source.index("三") : source.index("三") + 2], 3),
    ]


def test_a_lone_verb_that_does_not_number_on_stays_a_paragraph() -> None:
    speech = parse("一要甲。\n一是乙。\n二是丙。")
    assert [p.marker.text for p in speech.parts] == ["一是", "二是"]


def test_a_repeated_number_still_numbers_the_list() -> None:
    # An author's slip (三、 twice) is still a part; diagnostics report the repeat.
    speech = parse("一、甲\n二、乙\n三、丙\n丁。\n三、结语\n戊。")
    assert [(p.marker.text, p.heading.text) for p in speech.parts][-2:] == [
        ("三、", "丙"),
        ("三、", "结语"),
    ]
    assert [p.id for p in speech.parts] == ["p1", "p2", "p3", "p3-2"]
    assert "numbering-duplicate" in {d.code for d in speech.diagnostics}


@pytest.mark.parametrize(
    ("source", "salutation"),
    [
        ("大家中午好！\n今天讲讲质量。\n谢谢大家。", "大家中午好！"),  # 雷军, 2019
        ("大家好，我是张小龙。\n每天都有人吐槽微信。\n", "大家好，我是张小龙。"),  # 2019
        ("**大家下午好！**\n今天讲讲。\n", "**大家下午好！**"),  # as **同志们：** is given
        (
            "尊敬的各位老师、亲爱的同学们：\n大家好！我是雷昊！\n今天讲讲。\n",
            "尊敬的各位老师、亲爱的同学们：",
        ),
        ("大家好，今天就讲这些。", None),  # the whole speech
        ("大家好好学习，天天向上。\n内容。\n", None),  # 好好学习 is no greeting
    ],
)
def test_a_first_paragraph_that_greets_the_audience_is_the_salutation(
    source: str, salutation: str | None
) -> None:
    assert parse(source).salutation == salutation


def test_a_one_again_starts_a_new_list() -> None:
    # 首先 counts 1; 第一 after it starts another list, so 首先 stays a lone paragraph.
    speech = parse("首先，我致以问候！\n第一，甲。\n第二，乙。")
    assert [p.marker.text for p in speech.parts] == ["第一", "第二"]


@pytest.mark.parametrize(
    ("between", "nested"),
    [
        ("", True),
        ("有以下特征：\n", True),
        ("党的报告指出，世界是开放的。\n那么，有哪些课题亟待研究呢？\n", True),
        ("总结起来。\n也有问题。\n还有不足。\n", False),
    ],
    ids=["right-after", "one-paragraph", "two-paragraphs", "three-paragraphs"],
)
def test_a_new_list_under_a_point_must_follow_it_closely(between: str, nested: bool) -> None:
    # （二）乙。 is a point; 一是/二是 elaborate it only when they follow it closely.
    source = f"一、成绩\n（一）甲。\n（二）乙。\n{between}一是丙。\n二是丁。\n二、任务\n"
    points = parse(source).parts[0].points
    if nested:
        assert [p.marker.text for p in points] == ["（一）", "（二）"]
        assert [p.marker.text for p in points[1].points] == ["一是", "二是"]
    else:
        assert [p.marker.text for p in points] == ["（一）", "（二）", "一是", "二是"]
        assert all(p.points == () for p in points)


def test_under_a_heading_point_a_list_nests_after_its_paragraphs() -> None:
    source = (
        "一、甲\n二、特色\n（一）课程体系\n我校的课程设计。\n课程示意图\n附：结构解读\n"
        "1.横向结构\n2.纵向结构\n（二）学科竞赛\n三、丙\n"
    )
    points = parse(source).parts[1].points
    assert [p.marker.text for p in points] == ["（一）", "（二）"]
    assert [p.marker.text for p in points[0].points] == ["1.", "2."]


def test_after_turning_to_the_audience_a_list_elaborates_no_point() -> None:
    source = (
        "一、甲\n二、任务\n（一）抓发展\n内容。\n（二）保安全\n内容。\n"
        "各位代表！完成上述任务，要做到四点：\n一是要用心。\n二是要用力。\n"
        "各位代表！让我们共同努力！\n"
    )
    points = parse(source).parts[1].points
    assert [p.marker.text for p in points] == ["（一）", "（二）", "一是", "二是"]


@pytest.mark.parametrize(
    ("between", "outer", "inner"),
    [
        # A provincial work report (2026): 各位代表！… and 1.…10. between （九） and （十）.
        (
            "（一）抓发展\n内容。\n（二）保安全\n内容。\n各位代表！今年我们要办好两方面民生实事：\n"
            "1.医疗卫生方面。内容。\n2.养老帮困方面。内容。\n（三）抓作风\n内容。\n",
            ["（一）", "（二）", "（三）"],
            ["1.", "2."],
        ),
        # A talk at a theory forum (1988): 第一，…。 three paragraphs, then 一是…三是, a
        # paragraph, and 第二，…: the questions are the first item's, however far down.
        (
            "第一，深化理论。\n内容。\n内容。\n我想提出以下几个问题。\n"
            "一是甲问题。\n二是乙问题。\n内容。\n第二，扩大开放。\n内容。\n",
            ["第一", "第二"],
            ["一是", "二是"],
        ),
    ],
    ids=["after-an-address", "after-three-paragraphs"],
)
def test_a_list_that_the_point_list_resumes_after_is_inside_its_item(
    between: str, outer: list[str], inner: list[str]
) -> None:
    points = parse(f"一、甲\n二、任务\n{between}三、丙\n").parts[1].points
    assert [p.marker.text for p in points] == outer
    assert [p.marker.text for p in points[-2].points] == inner


def test_a_run_in_point_after_the_parts_does_not_go_on_with_their_numbers() -> None:
    # 2010 government work report: 一、 二、, then under （二） a lone 三是 whose 一是 and
    # 二是 are inside the paragraph before it: no third part, and no point either.
    source = (
        "一、回顾\n内容。\n二、任务\n（一）调控。\n内容。\n（二）转变方式。\n"
        "加大金融支持，一是甲。二是乙。\n三是加强对中小企业的金融支持。\n（三）统筹城乡。\n"
    )
    speech = parse(source)
    assert [p.marker.text for p in speech.parts] == ["一、", "二、"]
    assert [p.marker.text for p in speech.parts[1].points] == ["（一）", "（二）", "（三）"]


@pytest.mark.parametrize(
    ("between", "nested"),
    [
        ("", True),
        ("全面加强三农工作要采取以下措施：\n", False),  # 2009
        ("促进房地产市场平稳发展。一是甲。\n建设住房。\n", False),  # 2010
    ],
    ids=["right-after", "an-introduction", "a-new-topic"],
)
def test_a_new_list_under_a_run_in_point_must_follow_it_at_once(between: str, nested: bool) -> None:
    # Run-in points are the lowest level: after 二要… and a paragraph, 二是, 三是 are
    # the point's next points (government work reports of 2009 and 2010), not 二要's.
    source = (
        f"一、甲\n二、任务\n（一）收入。\n一要甲。\n二要乙。\n{between}二是丙。\n三是丁。\n"
        "（二）住房。\n三、戊\n"
    )
    point = parse(source).parts[1].points[0]
    if nested:
        assert [p.marker.text for p in point.points] == ["一要", "二要"]
        assert [p.marker.text for p in point.points[1].points] == ["二是", "三是"]
    else:
        assert [p.marker.text for p in point.points] == ["一要", "二要", "二是", "三是"]


def test_a_list_restarted_in_the_style_of_the_list_it_is_inside() -> None:
    # A 1986 government work report: 二、 then 一、…五、 (and 一、…四、 inside its 二、),
    # then 三、: each restarted list is inside the item before it, since that item's
    # list goes on after it with its next number.
    source = (
        "一、回顾\n内容。\n二、方针\n内容。\n一、确定增长率\n内容。\n二、规定投资规模\n"
        "一、\n内容。\n二、\n内容。\n三、\n内容。\n四、\n内容。\n三、推进科技\n内容。\n"
        "四、扩大出口\n内容。\n五、改善生活\n内容。\n三、改革\n内容。\n四、外交\n内容。\n"
    )
    parts = parse(source).parts
    assert [p.marker.text for p in parts] == ["一、", "二、", "三、", "四、"]
    assert [p.lead.text for p in parts[1].points] == [
        "确定增长率",
        "规定投资规模",
        "推进科技",
        "扩大出口",
        "改善生活",
    ]
    assert [p.marker.value for p in parts[1].points[1].points] == [1, 2, 3, 4]


def test_headings_that_go_on_after_a_part_style_list_are_the_parts() -> None:
    # A 1981 government work report: （一） … （二） … 一、…十、 … （三）.
    source = (
        "（一）形势\n内容。\n（二）方针\n一、农业\n内容。\n二、工业\n内容。\n（三）前景\n内容。\n"
    )
    parts = parse(source).parts
    assert [p.marker.text for p in parts] == ["（一）", "（二）", "（三）"]
    assert [p.marker.text for p in parts[1].points] == ["一、", "二、"]


def test_under_a_part_paragraphs_before_the_points_do_not_count() -> None:
    speech = parse("一、成绩\n甲。\n乙。\n丙。\n一是丁。\n二是戊。\n二、任务\n")
    assert [p.marker.text for p in speech.parts[0].points] == ["一是", "二是"]


def test_a_token_list_after_a_run_in_point_is_its_sibling() -> None:
    # 一是… are the lowest level; （一）… after them is the part's next list.
    source = "一、甲\n二、乙\n一是丙。内容。\n二是丁。内容。\n抓好以下两项：\n（一）戊\n（二）己\n三、庚\n"
    points = parse(source).parts[1].points
    assert [p.marker.text for p in points] == ["一是", "二是", "（一）", "（二）"]


def test_a_restart_after_a_transition_goes_on_when_the_speech_closes_later() -> None:
    # A report's review (一、二、), a vocative, its tasks (一、二、 again), then the close.
    source = (
        "一、回顾甲\n内容。\n二、回顾乙\n内容。\n同志们，过去一年很不平凡。\n今年的任务\n"
        "一、任务甲\n内容。\n二、任务乙\n内容。\n同志们，让我们共同努力！\n"
    )
    speech = parse(source)
    assert [p.heading.text for p in speech.parts] == ["回顾甲", "回顾乙", "任务甲", "任务乙"]
    assert outline(speech)["closing"] == "同志们，让我们共同努力！"


def test_a_restart_after_the_closing_is_an_appended_text() -> None:
    source = (
        "一、甲\n内容。\n二、乙\n内容。\n同志们！让我们共同努力！\n某某同志事迹\n"
        "一、对党忠诚。\n二、敢挑重任。\n"
    )
    speech = parse(source)
    assert [p.heading.text for p in speech.parts] == ["甲", "乙"]
    assert outline(speech)["closing"] == "同志们！让我们共同努力！"


def test_bracket_only_numbers_nest_under_arabic_points() -> None:
    source = "一、甲\n二、乙\n1、丙\n2、丁\n这是难题。\n1)、戊。\n2)、己。\n3、庚\n三、辛\n总的来说，成绩很大。\n"
    speech = parse(source)
    points = speech.parts[1].points
    assert [p.marker.text for p in points] == ["1、", "2、", "3、"]
    assert [p.marker.text for p in points[1].points] == ["1)、", "2)、"]
    assert outline(speech)["closing"] == "总的来说，成绩很大。"


def test_a_list_whose_first_items_were_inline_nests_under_the_point() -> None:
    # …主要抓好三个方面：一是… inline, then 二是…, 三是… as paragraphs; and 第四/第六
    # (two numbers apart, with no consecutive pair) are not a list.
    source = (
        "一、甲\n二、任务\n（一）乙。\n（二）丙。内容。\n内容。\n"
        "突出抓好卫生工作。主要抓好三个方面：一是加快体系建设。\n二是发展社区卫生。\n"
        "三是深化改革。\n第四，加大投入。\n第六，强化管理。\n（三）丁。\n三、戊\n"
    )
    speech = parse(source)
    assert [p.marker.text for p in speech.parts] == ["一、", "二、", "三、"]
    points = speech.parts[1].points
    assert [p.marker.text for p in points] == ["（一）", "（二）", "（三）"]
    assert [p.marker.text for p in points[1].points] == ["二是", "三是"]


def test_a_lower_style_nests_under_a_paragraph_item() -> None:
    # ① is below 1. on the GB/T 9704 ladder: it nests under the paragraph 2.…。…
    speech = parse("一、甲\n二、乙\n1.丙\n2.丁。戊\n①己\n②庚\n③辛\n3.壬")
    points = speech.parts[1].points
    assert [p.marker.text for p in points] == ["1.", "2.", "3."]
    assert [p.marker.text for p in points[1].points] == ["①", "②", "③"]


def test_closing_after_a_bare_vocative() -> None:
    # The closing is the first wrap-up after the last bare vocative; the vocative itself
    # stays in the body of the last part.
    source = "一、甲\n二、乙\n各位代表！\n谢谢大家！"
    speech = parse(source)
    assert speech.closing is not None
    assert [b.span for b in speech.closing.body] == [Span(start=14, end=19)]
    assert [b.span for b in speech.parts[1].body] == [Span(start=8, end=13)]
    assert outline(speech)["closing"] == "谢谢大家！"


def test_bare_vocative_alone_opens_the_closing() -> None:
    # (Not right under the last heading: there it opens that part's text instead.)
    source = "一、甲\n二、乙\n内容。\n各位代表！\n我们的事业一定会取得胜利。"
    speech = parse(source)
    assert speech.closing is not None
    assert [b.span for b in speech.closing.body] == [Span(start=12, end=17), Span(start=18, end=31)]
    # The outline skips the bare vocative.
    assert outline(speech)["closing"] == "我们的事业一定会取得胜利。"


def test_boilerplate_lines_and_splices() -> None:
    source = (
        "来源：某某网\n一、甲当前隐藏内容免费查看乙。\n二、丙\nCopyright © 2020 某某网 版权所有"
    )
    speech = parse(source)
    check_speech(speech)
    assert [(b.rule, b.span) for b in speech.boilerplate] == [
        ("source-line", Span(start=0, end=6)),
        ("hidden-content", Span(start=10, end=20)),
        ("copyright", Span(start=27, end=52)),
    ]
    heading = speech.parts[0].heading
    assert heading.text == "甲乙。"  # the content, without the splice
    assert heading.raw == "甲当前隐藏内容免费查看乙。"
    assert isinstance(heading.pieces[0], Text)
    assert outline(speech)["boilerplate"] == [
        "来源：某某网",
        "Copyright © 2020 某某网 版权所有",
        "当前隐藏内容免费查看",
    ]


def test_roman_footnote_marks_are_splices() -> None:
    # Word's endnote numbering, as a university's CMS kept it: 八国[i]联军 … [i]美国、…
    speech = parse("一、甲\n八国[i]联军打进北京。\n二、乙\n内容。\n[i]美国、法国、英国\n")
    assert [(b.rule, b.text) for b in speech.boilerplate] == [
        ("footnote-ref", "[i]"),
        ("footnote", "[i]美国、法国、英国"),
    ]
    assert parse("一、甲\nA[x]B。\n二、乙\n").boilerplate[0].text == "[x]"


def test_a_collected_works_note_marks_are_splices() -> None:
    # 整顿党的作风 (a held-out Markdown copy): ⑴… after words, and a text with any has ⑴
    speech = parse("一、甲\n就是说有党八股⑴的毛病，又有宗派主义⑵。\n二、乙\n⑶开头的段落。\n")
    assert [(b.rule, b.text) for b in speech.boilerplate] == [
        ("footnote-ref", "⑴"),
        ("footnote-ref", "⑵"),
    ]
    assert speech.parts[0].body[0].text == "就是说有党八股的毛病，又有宗派主义。"
    # Not at a paragraph's start (⑶ may number a list there), nor in a text without ⑴.
    assert parse("一、甲\n有宗派主义⑵。\n二、乙\n").boilerplate == ()
    # 江泽民文选 (held out): 〔1〕 after a word; not a document number
    speech = parse("一、甲\n“团结一致向前看”〔1〕的基本口号，见国发〔99〕12号。\n二、乙\n")
    assert [(b.rule, b.text) for b in speech.boilerplate] == [("footnote-ref", "〔1〕")]


def test_long_editor_note_is_boilerplate() -> None:
    note = "【1987年到1995年，华为用了不到10年时间，员工人数从6人至1750人，销售收入从0到15亿元。】"
    speech = parse(f"{note}\n正文。")
    assert [(b.rule, b.text) for b in speech.boilerplate] == [("editor-note", note)]


@pytest.mark.parametrize(
    "source", ["", "\n", "\u3000\u3000", "甲", "一、", "同志们：", "谢谢大家！", "\x00"]
)
def test_tiny_texts(source: str) -> None:
    speech = parse(source)
    check_speech(speech)
    assert speech.source == source
    assert speech.closing is None  # a single paragraph has no closing


# ---------------------------------------------------------------- loads


def _document() -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(dumps(parse("一、甲\n二、乙")))
    return data


def _with(path: tuple[str | int, ...], value: Any) -> bytes:
    """The serialised test speech with the value at ``path`` replaced (or deleted)."""
    data = _document()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return orjson.dumps(data)


_DELETE = object()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{", "not JSON"),
        (b"[]", "JSON object"),
        (_with(("schema",), "speechmodel/0"), "schema"),
        (_with(("schema",), _DELETE), "schema"),
        (_with(("children", 0, "span"), [3, 1]), r"children\[0\]\.span"),
        (_with(("children", 0, "span"), [0, 1.5]), r"children\[0\]\.span"),
        (_with(("children", 0, "kind"), "point"), r"children\[0\]"),
        (_with(("children", 0, "extra"), 1), "extra"),
        (_with(("children", 0, "marker"), _DELETE), "marker"),
    ],
    ids=["truncated", "array", "schema", "no-schema", "span", "float", "kind", "extra", "missing"],
)
def test_loads_rejects(data: bytes, message: str) -> None:
    with pytest.raises(SpeechLoadError, match=message):
        loads(data)


@pytest.mark.parametrize(
    "path_value",
    [(("source",), 1), (("children", 0, "marker", "value"), "1"), (("announced",), "3")],
    ids=["source-int", "value-str", "announced-str"],
)
def test_loads_rejects_wrong_scalar_types(path_value: tuple[tuple[str | int, ...], Any]) -> None:
    with pytest.raises(SpeechLoadError):
        loads(_with(*path_value))


def test_loads_reads_str_and_bytes() -> None:
    speech = parse("一、甲\n二、乙")
    assert loads(dumps(speech)) == speech
    assert loads(dumps(speech).decode()) == speech


# ---------------------------------------------------------------- walk


def test_walk_yields_paths_in_document_order() -> None:
    speech = parse("一、甲\n（一）乙\n（二）丙\n二、丁")
    seen = [
        (tuple(type(a).__name__ for a in path), type(node).__name__) for path, node in walk(speech)
    ]
    assert seen[:4] == [
        ((), "Speech"),
        (("Speech",), "Part"),
        (("Speech", "Part"), "Marker"),
        (("Speech", "Part"), "Paragraph"),
    ]
    point_paths = [path for path, node in walk(speech) if isinstance(node, Point)]
    assert [len(path) for path in point_paths] == [2, 2]
    assert all(path[-1] is speech.parts[0] for path in point_paths)
    starts = [node.span.start for _, node in walk(speech) if isinstance(node, (Marker, Text))]
    assert starts == sorted(starts)
    assert [n.text for _, n in walk(speech) if isinstance(n, Marker)] == [
        "一、",
        "（一）",
        "（二）",
        "二、",
    ]


def test_walk_does_not_recurse() -> None:
    """A model nested far deeper than Python's recursion limit can still be walked."""
    depth = sys.getrecursionlimit() + 100
    empty = Paragraph(span=Span(start=0, end=0), pieces=())
    marker = Marker(span=Span(start=0, end=0), text="1.", value=1, style="1.", delimiter=".")
    node = Point(
        id="p1.1", span=Span(start=0, end=0), marker=marker, lead=empty, body=(), points=(), depth=1
    )
    for level in range(depth):
        node = attrs.evolve(node, points=(node,), depth=level + 2)
    assert sum(isinstance(n, Point) for _, n in walk(node)) == depth + 1


def test_nodes_are_frozen() -> None:
    speech = parse("一、甲\n二、乙")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        speech.parts[0].marker.value = 2  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "announced"),
    [
        ("下面，我讲三点意见。", 3),
        ("我有三点希望与大家共勉：", 3),
        ("下面我就近一年的学校情况，从三个方面作一简要汇报。", 3),
        ("主要想和大家交流“孩子的成长、学习安排”两个方面问题。", 2),
        ("今天我讲三句话。", 3),
        ("重点讲4点意见，与大家作个交流。", 4),
        ("作为校长，我有四句话送给大家，权作礼物。", 4),
        ("下面我就这三个问题作一简单介绍，并就学子和教师提一点希望。", 3),  # the first count
        ("提几点建议。", None),
        ("今天我想和大家分享两个故事。", 2),  # 雷军, 金山 at thirty
        ("在本次大会上我主要汇报两部分内容：", 2),  # a school's 动员大会, 2009
        ("我现在讲几点意见。（热烈鼓掌）一共讲六点，中心是讲民主集中制。", 6),  # Mao, 1962
        ("一年来取得了三个方面的成绩。", None),
        ("我们有三个方面的优势。", None),
        ("下面我从“传承博雅、凝聚人心和共谋发展”三个方面作一表态发言。", 3),
        ("下面我从简况、亮点、理念、发展、成果、方向六个方面，就创建情况作一汇报。", 6),
        ("从去年以来，我们在三个方面取得了进展。", None),
        ("我就不讲这些了。我想讲一点我们的经济工作。", None),  # 一点: "a little" (Mao, 1945)
    ],
)
def test_announced_counts(text: str, announced: int | None) -> None:
    assert parse(f"同志们：\n{text}\n一、甲\n二、乙\n").announced == announced


def test_a_title_may_open_with_a_numeral_and_end_with_an_exclamation() -> None:
    speech = parse("十八而志梦起航\n——在成人礼上的致辞\n亲爱的同学们，大家下午好！\n今天。\n")
    assert speech.title == "十八而志梦起航"
    assert speech.salutation == "亲爱的同学们，大家下午好！"
    speech = parse("欢迎你为“求真”而来！\n——在新生报到日的讲话\n王琛\n2020.07.13\n各位同学：\n")
    assert speech.title == "欢迎你为“求真”而来！"
    assert [f.role for f in speech.front_matter][1:] == ["subtitle", "speaker", "date"]


def test_a_byline_with_a_post_is_a_speaker_line() -> None:
    speech = parse(
        "2024年新年献词：启航新征程\n绍兴一中党委书记、校长 王 琛\n2023.12.31\n各位老师：\n"
    )
    assert speech.title == "2024年新年献词：启航新征程"
    assert [f.role for f in speech.front_matter] == ["title", "speaker", "date"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("习近平", True),
        ("绍兴一中党委书记、校长 王 琛", True),
        ("中共某某市委书记 张三", True),
        ("市长在市政府全体会议上的讲话", False),  # no name after the post
        ("他是校长。学校的书记 张三", False),  # a sentence before the post
        ("各位校长 同志们", True),  # a name-like word: only front matter context decides
    ],
)
def test_speaker_lines(text: str, speaker: bool) -> None:
    assert is_speaker_line(text) is speaker


def test_a_headline_below_a_column_label_gives_way_to_the_title() -> None:
    source = (
        "某某中学党委理论学习中心组学习材料 第二专题\n"
        "习近平：全面加强知识产权保护工作\n全面加强知识产权保护工作※\n习近平\n"
        "今天，中央政治局进行集体学习。\n"
    )
    speech = parse(source)
    assert speech.title == "全面加强知识产权保护工作"
    assert [(b.rule, b.text) for b in speech.boilerplate][:2] == [
        ("editor-intro", "某某中学党委理论学习中心组学习材料 第二专题"),
        ("page-heading", "习近平：全面加强知识产权保护工作"),
    ]


def test_an_appendix_after_the_closing_is_boilerplate() -> None:
    # A report's attachments and glossary: numbered, but not the speech's points.
    source = (
        "各位代表：\n一、甲\n（一）子。内容。\n（二）丑。内容。\n二、乙\n内容。\n"
        "各位代表，让我们共同努力！\n附件：\n1．附件1：名词解释.doc\n2．附件2：民生实事.doc\n"
    )
    speech = parse(source)
    assert outline(speech)["closing"] == "各位代表，让我们共同努力！"
    assert speech.parts[1].points == ()
    assert [(b.rule, b.text) for b in speech.boilerplate] == [
        ("appendix", "附件："),
        ("appendix", "1．附件1：名词解释.doc"),
        ("appendix", "2．附件2：民生实事.doc"),
    ]


@pytest.mark.parametrize(
    "label",
    [
        "《政府工作报告》名词解释",  # luohu 2014's glossary, entries 1.…4.
        "【蓝血文章】",  # a Huawei speech page, an article about the speech after it
        "【推荐阅读】",
    ],
)
def test_a_label_over_appended_material_ends_the_speech(label: str) -> None:
    source = (
        "各位代表：\n一、甲\n（一）子。内容。\n（二）丑。内容。\n二、乙\n内容。\n"
        f"各位代表，让我们共同努力！\n{label}\n1.平安细胞：指平安社区。\n2.十大项目：指教育领域。\n"
    )
    speech = parse(source)
    assert outline(speech)["closing"] == "各位代表，让我们共同努力！"
    assert speech.parts[1].points == ()
    assert [b.text for b in speech.boilerplate] == [
        label,
        "1.平安细胞：指平安社区。",
        "2.十大项目：指教育领域。",
    ]


def test_a_label_over_appended_material_cannot_come_before_the_speech() -> None:
    speech = parse("【推荐阅读】\n同志们：\n一、甲\n内容。\n二、乙\n内容。\n")
    assert [b.text for b in speech.boilerplate] == ["【推荐阅读】"]
    assert len(speech.parts) == 2


def test_a_quote_between_the_title_and_the_speech_is_the_editors() -> None:
    # 在七千人大会上的讲话 (a held-out Markdown copy): a headnote quoted under the date
    source = (
        "# 在七千人大会上的讲话\n（一九六二年一月三十日）\n"
        "> 一九六二年一月十一日至二月七日，中共中央在北京召开扩大的中央工作会议。\n"
        "同志们，我现在讲几点意见。一共讲六点。\n第一点，这次会议的开会方法。\n"
        "第二点，民主集中制问题。\n"
    )
    speech = parse(source)
    assert [(b.rule, b.text[:8]) for b in speech.boilerplate] == [("editor-note", "> 一九六二年一")]
    assert speech.salutation == "同志们，我现在讲几点意见。一共讲六点。"
    # A clip that quotes the whole speech keeps it.
    quoted = parse("> 同志们：\n> 一、甲\n> 二、乙\n")
    assert quoted.boilerplate == ()


@pytest.mark.parametrize(
    ("source", "title", "chrome"),
    [
        # A school site's short page (2010): the column's name repeats the last link.
        (
            "当前位置：首页 > 新闻中心> 学校公告> 党政办\n党政办\n马校长《在新生军训开营式上的讲话》\n"
            "各位教官、各位老师、同学们：\n早上好！\n新生军训今天开始了。\n",
            "马校长《在新生军训开营式上的讲话》",
            ("breadcrumb", "党政办"),
        ),
        # A school site (2022): the page's headline spaces the halves of the text's title.
        (
            "十八而志梦起航 青春向党筑未来 —在高三成人礼上的致辞\n十八而志梦起航青春向党筑未来\n"
            "——在高三成人礼上的致辞\n亲爱的同学们：\n今天是你们的成人礼。\n",
            "十八而志梦起航青春向党筑未来",
            ("page-heading", "十八而志梦起航 青春向党筑未来 —在高三成人礼上的致辞"),
        ),
    ],
    ids=["column-name-under-breadcrumb", "headline-spacing-the-title"],
)
def test_a_pages_line_above_the_title_is_chrome(
    source: str, title: str, chrome: tuple[str, str]
) -> None:
    speech = parse(source)
    assert speech.title == title
    assert chrome in [(b.rule, b.text) for b in speech.boilerplate]


def test_a_bold_or_marked_title_under_a_headline() -> None:
    source = "# 习近平：健全全面从严治党体系\n---\n健全全面从严治党体系※\n今天进行集体学习。\n"
    speech = parse(source)
    assert speech.title == "健全全面从严治党体系"  # the ※ is a spliced footnote mark
    assert speech.boilerplate[0].rule == "page-heading"


def test_a_headline_holding_the_title_is_the_pages() -> None:
    # A Markdown web clip: the site's headline adds the speaker to the speech's title.
    source = (
        "# 习近平：在中央城市工作会议上的讲话\n> 来源：学习强国\n---\n"
        "在中央城市工作会议上的讲话\n时隔10年，党中央再次召开城市工作会议。\n"
    )
    speech = parse(source)
    assert speech.title == "在中央城市工作会议上的讲话"
    assert [(b.rule, b.text) for b in speech.boilerplate] == [
        ("page-heading", "# 习近平：在中央城市工作会议上的讲话"),
        ("source-line", "> 来源：学习强国"),
        ("markdown-break", "---"),
    ]


def test_a_news_reports_lead_in_before_the_transcript_is_the_pages() -> None:
    # The layout of a tech-news page carrying a speech (网易科技, 2019).
    speech = parse(
        "相关阅读：\n网易科技讯 12月21日消息，今日，某某在论坛上谈到，今年很不容易。\n"
        "以下为某某演讲实录：\n某某：我想讲三句话。\n第一，祝贺商会。内容。\n第二，今年不容易。内容。\n"
    )
    assert [b.text for b in speech.boilerplate] == [
        "相关阅读：",
        "网易科技讯 12月21日消息，今日，某某在论坛上谈到，今年很不容易。",
        "以下为某某演讲实录：",
    ]
    assert {b.rule for b in speech.boilerplate} == {"editor-intro"}
    assert [p.marker.text for p in speech.parts] == ["第一", "第二"]
    # Without the line that introduces the transcript, the report is the text.
    assert (
        parse("网易科技讯 12月21日消息，今日，某某在论坛上谈到。\n第一，甲。\n").boilerplate == ()
    )


@pytest.mark.parametrize(
    "post",
    [
        # 雷军's post (held out): a numbered summary, the intro ending its last item
        "1.质量管理是一个大工程。\n2.创新是生产力，而质量是生命线。以下为演讲实录：",
        # 界面创业 (held out): the editor's word before the colon
        "1、AI的最大推动力\n2、AI的三波浪潮\n以下为演讲实录，界面创业略作编辑：",
    ],
)
def test_a_posts_summary_before_the_transcript_is_the_posts(post: str) -> None:
    speech = parse(f"{post}\n大家中午好！\n第一，祝贺。内容。\n第二，感谢。内容。\n")
    assert [b.text for b in speech.boilerplate] == post.split("\n")
    assert {b.rule for b in speech.boilerplate} == {"editor-intro"}
    assert [p.marker.text for p in speech.parts] == ["第一", "第二"]


def test_the_speakers_own_words_about_his_speech_are_no_intro() -> None:
    speech = parse("在会上的发言\n各位领导：\n下面是我的发言：\n第一，甲。\n第二，乙。\n")
    assert speech.boilerplate == ()
    assert speech.salutation == "各位领导："


def test_an_intro_glued_to_the_speechs_first_words_leaves_them_speech() -> None:
    # 雷军 at 金山's thirtieth (held out): …以下是演讲全文：过去我介绍金山，…
    speech = parse(
        "（1）金山有程序员文化。\n（2）有梦想有坚持。以下是演讲全文：过去我介绍金山。\n"
        "第一，祝贺。内容。\n第二，感谢。内容。\n"
    )
    assert [b.text for b in speech.boilerplate] == ["（1）金山有程序员文化。"]
    assert speech.opening[0].text == "（2）有梦想有坚持。以下是演讲全文：过去我介绍金山。"
    assert [p.marker.text for p in speech.parts] == ["第一", "第二"]


def test_markdown_chrome_is_recognised_through_its_markup() -> None:
    speech = parse("# 在某某会议上的讲话\n## 正文\n**来源：某某网**\n同志们：\n今天开会。\n")
    assert [(b.rule, b.text) for b in speech.boilerplate] == [
        ("site-nav", "## 正文"),
        ("source-line", "**来源：某某网**"),
    ]
    assert speech.salutation == "同志们："


@pytest.mark.parametrize(
    "last", ["我的发言完毕，谢谢大家！", "我的讲话就到这里。", "我的汇报到此结束。"]
)
def test_ending_ones_own_words_opens_the_closing(last: str) -> None:
    assert _closing_after_two_parts(last) == last


def test_thanks_after_a_last_word_open_the_closing_of_an_unnumbered_speech() -> None:
    # A company's twentieth anniversary (2015): no numbering, no address near the end.
    speech = parse(
        "大家晚上好！\n二十年来，我们一起走过。\n企业的长久是我们的追求。\n"
        "最后，衷心地感谢所有在职的同事！\n今晚让我们开怀畅饮！谢谢大家！\n"
    )
    assert closing_text(speech) == "最后，衷心地感谢所有在职的同事！"


def _closing_after_two_parts(paragraph: str) -> str | None:
    """The closing of a speech of two parts that ends with ``paragraph``."""
    return closing_text(parse(f"一、甲\n内容。\n二、乙\n内容。\n{paragraph}\n"))


def test_a_last_wish_is_no_point_and_no_closing_but_thanks_at_its_end_are() -> None:
    # From two student and teacher speeches at a Party school: 最后，预祝… winds up
    # without being the closing, which the thanks after it opens; 最后，希望… is not a
    # closing formula, but its paragraph ends by thanking the audience.
    wish = "首先，学习。\n其次，实践。\n最后，预祝培训班圆满成功！\n我的发言完毕，谢谢大家！\n"
    speech = parse(f"一、甲\n内容。\n二、乙\n{wish}")
    assert [p.marker.text for p in speech.parts[1].points] == ["首先", "其次"]
    assert closing_text(speech) == "我的发言完毕，谢谢大家！"
    thanks = "最后，希望同学们以此为新起点，学有所获。预祝培训班圆满成功，谢谢大家！"
    assert _closing_after_two_parts(thanks) == thanks
    dated = "改革已见成效。谢谢大家！（2015年10月13日）"  # the date the speech was given
    assert _closing_after_two_parts(dated) == dated


def test_a_first_paragraph_that_opens_by_addressing_the_audience_is_the_salutation() -> None:
    report = (
        "各位代表，现在，我代表国务院，作政府工作报告，请予审议。\n一、过去一年\n内容。\n二、今年\n"
    )
    assert parse(report).salutation == "各位代表，现在，我代表国务院，作政府工作报告，请予审议。"
    announcing = parse("同志们，下面我讲三点意见。\n一、甲。\n二、乙。\n三、丙。\n")
    assert announcing.salutation == "同志们，下面我讲三点意见。"
    assert announcing.announced == 3
    # Not a speech of one paragraph, nor one that winds up at once.
    assert parse("同志们，今天开会。").salutation is None
    assert parse("同志们，让我们团结奋斗！\n谢谢大家！\n").salutation is None


def test_a_scrape_that_puts_labels_and_links_on_lines_of_their_own() -> None:
    # The top of 2026年宁夏回族自治区政府工作报告 as a news site carried it.
    speech = parse(
        "当前位置：\n首页\n>\n政务信息\n>\n宁夏要闻\n发表时间：\n2026-02-09 09:45:30\n"
        "来源：\n宁夏日报客户端\n阅读量：\n【字体：\n小\n中\n大\n】\n政府工作报告\n"
        "——2026年2月3日在自治区人民代表大会上\n各位代表：\n现在，我代表自治区人民政府报告工作。\n"
    )
    assert [(b.rule, b.text) for b in speech.boilerplate] == [
        *(("breadcrumb", t) for t in ("当前位置：", "首页", ">", "政务信息", ">", "宁夏要闻")),
        *(("source-line", t) for t in ("发表时间：", "2026-02-09 09:45:30", "来源：")),
        ("source-line", "宁夏日报客户端"),
        ("source-line", "阅读量："),
        *(("site-nav", t) for t in ("【字体：", "小", "中", "大", "】")),
    ]
    assert speech.title == "政府工作报告"
    assert speech.salutation == "各位代表："
    # A label's next line is its value only when it reads like one.
    assert parse("来源：\n在全市工作会议上的讲话\n同志们：\n").title == "在全市工作会议上的讲话"


def test_a_title_naming_a_lecture_is_a_title() -> None:
    speech = parse("党史学习教育专题讲课整理稿\n今天讲党史。\n一、甲\n内容。\n二、乙\n内容。\n")
    assert speech.title == "党史学习教育专题讲课整理稿"


def test_a_title_split_after_a_comma_is_joined() -> None:
    speech = parse(
        "在第18期入党积极分子培训班、\n\n第20期发展对象培训班开班典礼上的致辞\n"
        "（2026年 4月23日）\n亲爱的同学们：\n大家下午好！\n"
    )
    assert speech.title == "在第18期入党积极分子培训班、 第20期发展对象培训班开班典礼上的致辞"
    assert speech.boilerplate == ()
    # Without a title line after it, a line that breaks off is no title.
    assert parse("在第18期入党积极分子培训班、\n（2026年4月23日）\n同志们：\n").title is None


def test_a_study_materials_label_above_the_title_is_the_pages() -> None:
    speech = parse(
        "某中学党委理论学习中心组学习材料 第二专题（2月份党员学习推荐材料）\n"
        "在中央政治局常委会会议研究应对疫情工作时的讲话\n（2020年2月3日）\n某某\n"
        "疫情发生后，我们作出部署。\n"
    )
    assert speech.title == "在中央政治局常委会会议研究应对疫情工作时的讲话"
    assert [(b.rule, b.text[:8]) for b in speech.boilerplate] == [
        ("editor-intro", "某中学党委理论学")
    ]


def test_lines_above_a_confirmed_title_are_the_pages() -> None:
    # As a scraped page reads: column name, the page's heading, its source line, then
    # the speech's own title block.
    speech = parse(
        "校长专栏\n某某页面标题\n文章来源：本站原创\n在2023届成人礼上的致辞\n——王琛\n同学们：\n"
    )
    assert speech.title == "在2023届成人礼上的致辞"
    assert [(b.text, b.rule) for b in speech.boilerplate] == [
        ("校长专栏", "editor-intro"),
        ("某某页面标题", "editor-intro"),
        ("文章来源：本站原创", "source-line"),
    ]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("来源：某某网  时间：2026-03-02", "source-line"),
        ("（信息来源：新华社香港）", "source-line"),
        ("上一篇：关于印发某某方案的通知", "prev-next"),
        ("粗体文字", "wiki-residue"),
        ("（新华社北京8月24日电）", "dateline"),
        ("新华社北京10月28日电", "dateline"),
        ("（新华社北京4月24日电 ） (来源：人民网-人民日报)", "dateline"),
        ("※这是2024年6月27日的讲话。", "footnote"),
        ("图解", "site-nav"),
        ("5月2日，习近平来到北京大学考察。新华社记者 李涛 摄", "photo-caption"),
        ("我们要致电慰问。", ""),
        ("---", "markdown-break"),
        ("* * *", "markdown-break"),
        ("Public domain", "licence-flag"),
        ("（来源于群众的智慧）", ""),  # 来源 as a word in a speech sentence
        ("粗体文字要少用。", ""),
        ("〔1〕 见《老子》第八十章。", "footnote"),
        ("[ii]美国、法国、英国、加拿大", "footnote"),
        ("〔2020〕1号文件要求", ""),
        ("（《毛泽东选集》第五卷，人民出版社1977年4月第1版，第3―7页）", "source-line"),
        ("（《求是》2020年第4期）", "source-line"),
        ("（原文发表于《某某经济研究》2026年第1期）", "source-line"),
        ("（《决定》全文见附件）", ""),
        ("（作者系国家发展改革委党组书记、主任）", "editor-note"),
        ("人民网新华网中国网央视网光明网", "site-nav"),
        ("我们要办好人民网新华网中国网。", ""),
        ("* 这是毛泽东同志在中国人民政治协商会议第一届全体会议上的开幕词", "editor-note"),
        (
            "这是毛泽东在中国共产党第七届中央委员会第二次全体会议上所作的结论的一部分。",
            "editor-note",
        ),
        ("这是我们在新形势下的重要讲话。今后要继续学习。", ""),
        ("注释", "footnotes"),
        ("注", "footnotes"),  # 注　　释, cut by the wide gap
        ("日期：2024-09-20", "source-line"),
        ("正文", "site-nav"),
        ("…交易会在大连举行。图为中国物流与采购联合会副会长崔忠付。", "photo-caption"),
        ("宏伟蓝图为我们指明了方向。", ""),
        ("文字编辑：司晋丽", "source-line"),
        ("新媒体编辑：杨明珠（实习）", "source-line"),
        ("审核：周佳佳", "source-line"),
        ("题图：霍元东", "source-line"),  # 清华大学 110 周年献辞
        ("出处：江泽民文选第一卷;;;;人民出版社2006年8月第1版", "source-line"),
        # a headnote that a PDF's text broke off at the page's end (学习和时局)
        ("*中国共产党中央领导机关和高级干部在一九四一年到一九四四年间，对于党", "editor-note"),
        ("*要抓落实*", ""),  # emphasis
        ("*坚持党的领导*是根本保证。", ""),
        ("审核工作要严格。", ""),
        ("![](图像/1.jpeg)", "image"),
        ("<!--more-->", "html-tag"),
        ("<h3>视频：</h3>", "html-tag"),
        ('<img src="counter.gif">', "html-tag"),
        ("<这是书名号的误写>", ""),
    ],
)
def test_line_boilerplate_rules(text: str, rule: str) -> None:
    found = PARAGRAPH_RULES.first(text)
    assert (found.name if found else "") == rule


def test_word_ordinals_running_into_the_lead() -> None:
    speech = parse(
        "一、甲\n首先是德育问题。内容。\n其次是环境问题。内容。\n二、乙\n"
        "第一阶段为暑假。内容。\n第二阶段为高一。内容。\n"
    )
    first, second = speech.parts
    assert [(p.marker.text, p.lead.text) for p in first.points] == [
        ("首先", "是德育问题。"),
        ("其次", "是环境问题。"),
    ]
    assert [p.marker.text for p in second.points] == ["第一阶段", "第二阶段"]


@pytest.mark.parametrize(
    ("line", "salutation"),
    [
        ("中国共产党全国代表会议各位代表同志们：", True),
        ("诸位代表先生们：", True),
        ("我们要感谢各位代表：", False),
        ("在这里向各位代表表示感谢：", False),
    ],
)
def test_a_salutation_may_name_the_body_it_addresses(line: str, salutation: bool) -> None:
    speech = parse(f"开幕词\n{line}\n我们这次会议有三个议事日程。\n")
    assert (speech.salutation == line) is salutation


def test_salutation_with_a_greeting_and_no_comma_and_a_thanks_closing() -> None:
    speech = parse("各位家长大家好！\n一、甲\n二、乙\n再次感谢大家，不当之处请批评指正。\n")
    assert speech.salutation == "各位家长大家好！"
    assert speech.closing is not None
    assert speech.closing.body[0].span.start == speech.source.index("再次感谢")


def test_a_salutation_to_colleagues_after_a_line_to_a_host() -> None:
    source = "通伦总理，\n各位同事：\n很高兴同大家见面。\n各位同事，\n让我们携手前行。谢谢。\n"
    speech = parse(source)
    assert speech.salutation == "各位同事："
    assert outline(speech)["closing"] == "让我们携手前行。谢谢。"


def test_a_bold_heading_is_outlined_without_its_closing_emphasis() -> None:
    speech = parse("**一、预算执行情况**\n内容。\n**二、预算安排**\n内容。\n")
    assert [p["heading"] for p in outline(speech)["parts"]] == ["预算执行情况", "预算安排"]
    assert "一、 预算执行情况\n" in outline_text(speech)
    assert speech.parts[0].heading.text == "预算执行情况**"  # the model keeps every character


def test_markdown_emphasis_does_not_hide_vocatives_and_thanks() -> None:
    # A web clip in Markdown sets the section vocatives and the thanks in bold.
    source = (
        "同志们，朋友们：\n今天开会。\n**同志们、朋友们！**\n一年来成绩显著。\n"
        "**同志们、朋友们！**\n蓝图已经绘就。\n**谢谢大家！**\n"
    )
    speech = parse(source)
    assert speech.salutation == "同志们，朋友们："
    assert outline(speech)["closing"] == "蓝图已经绘就。"


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("**同志们！**", "同志们！"),
        ("## 结束语", "结束语"),
        ("__谢谢大家！__", "谢谢大家！"),
        ("**一、", "一、"),
        ("同志们，**努力**", "同志们，**努力**"),
    ],
)
def test_unmarked(text: str, plain: str) -> None:
    assert unmarked(text) == plain


def test_a_bare_vocative_after_a_last_paragraph_point_opens_the_closing() -> None:
    # Under a last heading a bare vocative opens that part's text (d02); after a last
    # point that is a paragraph it marks the wrap-up, whose text is the next paragraph.
    source = (
        "同学们：\n一是要立志。内容。\n二是要力行。内容。\n同学们、老师们！\n辛弃疾写道：好。\n"
    )
    assert outline(parse(source))["closing"] == "辛弃疾写道：好。"


def test_a_closing_heading_marks_where_the_wrap_up_starts() -> None:
    # A vocative inside the last part is body; the wrap-up comes after 结束语.
    speech = parse(
        "各位代表：\n一、甲\n内容。\n二、乙\n各位代表！人权是国际社会普遍关心的问题。\n"
        "内容。\n结束语\n各位代表！不论国际风云如何变幻，我们都要坚定信心。\n"
    )
    assert speech.closing is not None
    assert speech.closing.body[0].span.start == speech.source.index("各位代表！不论")


def test_under_a_closing_heading_a_bare_vocative_is_skipped() -> None:
    speech = parse(
        "各位代表：\n一、甲\n内容。\n二、乙\n内容。\n结束语\n各位代表：\n统一祖国，振兴中华。\n"
        "各位代表！今年是三十五周年。\n"
    )
    assert outline(speech)["closing"] == "统一祖国，振兴中华。"


def test_a_bare_vocative_under_the_last_heading_does_not_close() -> None:
    speech = parse("各位代表：\n一、甲\n内容。\n二、乙\n各位代表！\n我们要继续努力。\n内容。\n")
    assert speech.closing is None
    assert len(speech.parts[1].body) == 3
