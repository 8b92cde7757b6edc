"""Property tests (hypothesis): any text parses, keeps the invariants and round-trips.

Two sources of input: arbitrary Unicode, with alphabets weighted towards blanks and the
characters markers are made of; and speech-like texts composed from the pieces a real
speech has (title, salutation, opening, numbered parts and points, boilerplate lines,
closing).  The second kind also checks that the parts generated are the parts found.

Set ``HYPOTHESIS_PROFILE=ci`` (or pass ``--hypothesis-profile=ci``) for a longer run; the
profiles are registered in ``conftest.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from invariants import check_speech
from speechmodel import parse
from speechmodel.serialize import dumps, loads

# ---------------------------------------------------------------- arbitrary text

BLANKS = " \t\n\r\x0b\x0c\x85\xa0\u2028\u2029\u3000\ufeff\u200b"
MARKER_CHARS = "一二三四五六七八九十第是要部分首先其次最后、，,：:。！？；.．（）()123１２①②③"
WORDS = "同志们各位代表谢大家让我们讲话来源版权所有当前隐藏内容免费查看【】[]↑#——"

blank_heavy = st.text(alphabet=st.sampled_from(BLANKS + "\x00甲"), max_size=60)
marker_heavy = st.text(alphabet=st.sampled_from(BLANKS + MARKER_CHARS + WORDS), max_size=200)
any_text = st.one_of(st.text(), blank_heavy, marker_heavy)


def check_text(text: str) -> None:
    """``parse`` does not raise, the result keeps the invariants and survives JSON."""
    speech = parse(text)
    assert speech.source == text
    check_speech(speech)
    assert loads(dumps(speech)) == speech


@given(any_text)
@example("")
@example("\u3000\u3000\n\r\n\x00")
@example("一、\n二、")
@example("一\n二\n三")
@example("首先，\n其次，\n最后，")
@example("同志们：\n一、甲\n二、乙\n同志们，谢谢大家！")
@example("[\n1\n]")
@example("一、当前隐藏内容免费查看。乙\n二、丙[1]。")
def test_any_text(text: str) -> None:
    check_text(text)


# ---------------------------------------------------------------- speech-like text

CN = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"

STYLES: dict[str, Callable[[int], str]] = {
    "一、": lambda v: f"{CN[v - 1]}、",
    "（一）": lambda v: f"（{CN[v - 1]}）",
    "1.": lambda v: f"{v}.",
    "（1）": lambda v: f"（{v}）",
    "①": lambda v: CIRCLED[v - 1],
    "第一": lambda v: f"第{CN[v - 1]}，",
    "一是": lambda v: f"{CN[v - 1]}是",
    "一要": lambda v: f"{CN[v - 1]}要",
}
"""How each marker style writes the value ``v`` at a paragraph start."""

TITLES = (
    "在全市经济工作会议上的讲话",
    "在2024年全县作风建设大会上的讲话",
    "市长在市政府第一次全体会上的讲话",
)
SALUTATIONS = ("同志们：", "各位代表！", "各位领导、同志们：")
HEADINGS = (
    "统一思想，提高认识",
    "加强组织领导",
    "坚持问题导向，狠抓工作落实",
    "扎实推进高质量发展",
    "切实改进工作作风",
    "全面深化改革开放",
)
SENTENCES = (
    "今年以来，全市经济运行稳中有进。",
    "我们要坚持以人民为中心的发展思想，扎实推动各项工作落实。",
    "这些成绩来之不易。",
    "各级各部门要切实担负起责任，确保各项任务落到实处。",
    "实践证明，只有真抓实干，才能不断开创工作新局面。",
)
BOILERPLATE = ("Copyright © 2020 某某网 版权所有", "来源：某某网", "责任编辑：张三", "返回顶部")
CLOSINGS = (
    ("同志们，让我们紧密团结起来，为完成全年目标任务而努力奋斗！",),
    ("同志们，让我们紧密团结起来，为完成全年目标任务而努力奋斗！", "谢谢大家！"),
    ("谢谢大家！",),
)
JOINERS = ("\n", "\n\n", "\u3000\u3000", "\r\n", "\n\u3000\u3000")


@attrs.frozen(kw_only=True)
class Generated:
    """A speech-like text and what was put into it."""

    text: str
    title: str | None
    salutation: str | None
    announced: int | None
    part_style: str
    part_markers: tuple[str, ...]
    """The markers of the parts as the outline shows them (``第一，`` → ``第一``)."""
    nested: bool
    """Whether any part has points."""
    closing: str | None
    """The first closing paragraph, if one was generated."""


def _shown(marker: str) -> str:
    """A marker as ``Marker.text`` gives it: word styles lose the punctuation after them."""
    return marker.rstrip("，")


@st.composite
def _item(
    draw: st.DrawFn, marker: str, inner: tuple[str, ...], depth: int
) -> tuple[list[str], bool]:
    """The paragraphs of one numbered item, and whether it has points under it."""
    heading = draw(st.sampled_from(HEADINGS))
    sentences = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=2)
    count = draw(st.integers(0, 3)) if inner and depth < 3 else 0
    # Points nest under a heading line, or under a part of a part style (一、); under a
    # full paragraph a new style starts a sibling sequence instead (see levels.py).
    if (count and not (depth == 1 and marker.endswith("、"))) or draw(st.booleans()):
        paragraphs = [marker + heading]  # a heading line
    else:
        paragraphs = [marker + heading + "。" + "".join(draw(sentences))]  # a full paragraph
    paragraphs += ["".join(draw(sentences)) for _ in range(draw(st.integers(0, 2)))]
    if count:
        style, deeper = inner[0], inner[1:]
        for value in range(1, count + 1):
            lines, _ = draw(_item(STYLES[style](value), deeper, depth + 1))
            paragraphs += lines
    return paragraphs, count > 0


@st.composite
def speeches(
    draw: st.DrawFn,
    *,
    styles: tuple[str, ...] = tuple(sorted(STYLES)),
    min_parts: int = 0,
    max_nesting: int = 2,
    with_closing: bool | None = None,
) -> Generated:
    """A speech-like text: parts in one of ``styles``, points nested up to ``max_nesting``."""
    title = draw(st.none() | st.sampled_from(TITLES))
    salutation = draw(st.none() | st.sampled_from(SALUTATIONS))
    part_style = draw(st.sampled_from(styles))
    part_count = draw(st.integers(min_parts, 5))
    others = [style for style in sorted(STYLES) if style != part_style]
    inner = tuple(draw(st.permutations(others))[: draw(st.integers(0, max_nesting))])
    announce = part_count >= 2 and draw(st.booleans())

    paragraphs: list[str] = []
    if title is not None:
        paragraphs.append(title)
    if salutation is not None:
        paragraphs.append(salutation)
    opening = draw(st.lists(st.sampled_from(SENTENCES), max_size=2))
    if announce:
        opening.append(f"下面，我讲{CN[part_count - 1]}点意见。")
    paragraphs += opening
    nested = False
    for value in range(1, part_count + 1):
        lines, has_points = draw(_item(STYLES[part_style](value), inner, 1))
        paragraphs += lines
        nested = nested or has_points
    closings = st.sampled_from(CLOSINGS)
    if with_closing is None:
        closing = draw(st.none() | closings)
    else:
        closing = draw(closings) if with_closing else None
    paragraphs += closing or ()

    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(paragraphs)))
        paragraphs.insert(at, draw(st.sampled_from(BOILERPLATE)))
    text = paragraphs[0] if paragraphs else ""
    for paragraph in paragraphs[1:]:
        text += draw(st.sampled_from(JOINERS)) + paragraph
    return Generated(
        text=text,
        title=title,
        salutation=salutation,
        announced=part_count if announce else None,
        part_style=part_style,
        part_markers=tuple(_shown(STYLES[part_style](v)) for v in range(1, part_count + 1)),
        nested=nested,
        closing=closing[0] if closing else None,
    )


@given(speeches())
def test_speech_like_text(generated: Generated) -> None:
    check_text(generated.text)


@given(speeches())
def test_speech_like_front_matter(generated: Generated) -> None:
    speech = parse(generated.text)
    assert speech.title == generated.title
    assert speech.salutation == generated.salutation


@given(speeches(styles=("一、",), min_parts=2))
def test_parts_are_found(generated: Generated) -> None:
    """Parts numbered 一、二、… from one are exactly the parts generated, with their count."""
    speech = parse(generated.text)
    assert len(speech.parts) == len(generated.part_markers)
    assert tuple(part.marker.text for part in speech.parts) == generated.part_markers
    assert tuple(part.marker.value for part in speech.parts) == tuple(
        range(1, len(generated.part_markers) + 1)
    )
    assert speech.announced == generated.announced


@given(speeches(min_parts=2, max_nesting=0))
def test_flat_sequences_of_any_style_are_parts(generated: Generated) -> None:
    """Without nested points, a run of any one style from one makes the parts."""
    speech = parse(generated.text)
    assert tuple(part.marker.text for part in speech.parts) == generated.part_markers


@given(speeches(min_parts=2, with_closing=True))
def test_closing_is_found(generated: Generated) -> None:
    speech = parse(generated.text)
    assert speech.closing is not None
    first = speech.closing.body[0]
    assert getattr(first, "text", None) == generated.closing
