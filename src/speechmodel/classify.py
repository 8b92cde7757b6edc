"""Stage 3: paragraphs → classified lines.

Each paragraph becomes a ``Line``: boilerplate (with the rule that caught it),
front matter (title, subtitle, date, speaker), the salutation, or content; and a
content line that opens with a marker keeps the marker it opens with.  Whether
that marker really numbers a part or point is decided by the next stage
(``levels``), which sees the whole sequence.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from speechmodel import tables
from speechmodel.paragraphs import paragraph_spans

__all__ = ["Line", "classify"]

BOILERPLATE = "BOILERPLATE"
TITLE = "TITLE"
FRONT = "FRONT"
SALUTATION = "SALUTATION"
CONTENT = "CONTENT"

#: How far into the text (in non-boilerplate lines) a salutation may come.
SALUTATION_WINDOW = 4
#: Words that mark a line as the title of a speech even without a subtitle below it.
SPEECH_WORDS = (
    "讲话",
    "講話",
    "报告",
    "報告",
    "发言",
    "發言",
    "致辞",
    "致詞",
    "讲稿",
    "演讲",
    "演講",
    "祝酒辞",
    "贺词",
    "总结",
    "提纲",
    "动员",
    "辞",
)


@attrs.define(slots=True)
class Line:
    """One paragraph and what it was recognised as (mutable only while classifying)."""

    start: int
    end: int
    text: str
    kind: str = CONTENT
    rule: str = ""
    """The boilerplate rule, or the front-matter role (``title``, ``subtitle`` …)."""
    marker: tables.MarkerMatch | None = None
    """The marker the line opens with, if it opens with one."""

    def __str__(self) -> str:
        return self.text


def classify(source: str) -> list[Line]:
    """Split ``source`` into paragraphs and classify each one."""
    lines = [Line(start, end, source[start:end]) for start, end in paragraph_spans(source)]
    _mark_boilerplate(lines)
    body_start = _mark_front_matter(lines)
    for line in lines[body_start:]:
        if line.kind == CONTENT:
            line.marker = tables.match_marker(line.text)
    return lines


# ---------------------------------------------------------------- boilerplate


def _mark_boilerplate(lines: Sequence[Line]) -> None:
    trailer = ""
    quoted_rule = ""  # the rule of a quoted boilerplate line: the quote goes on with it
    for index, line in enumerate(lines):
        if not trailer:
            trailer = _first_rule(tables.TRAILER_START, line.text)
        quote = tables.BLOCKQUOTE.match(line.text)
        text = line.text[quote.end() :] if quote else line.text
        rule = trailer or _first_rule(tables.LINE_BOILERPLATE, text)
        if quote and not rule:
            rule = quoted_rule
        quoted_rule = rule if quote else ""
        if rule:
            line.kind, line.rule = BOILERPLATE, rule
        elif _is_split_footnote(lines, index):
            for part in lines[index : index + 3]:
                part.kind, part.rule = BOILERPLATE, "footnote-ref"


def _first_rule(rules: Sequence[tables.BoilerplateRule], text: str) -> str:
    for rule in rules:
        if rule.pattern.search(text):
            return rule.name
    return ""


def _is_split_footnote(lines: Sequence[Line], index: int) -> bool:
    """``[`` / ``1`` / ``]`` on three lines: a footnote reference a scrape took apart."""
    return (
        lines[index].text == "["
        and index + 2 < len(lines)
        and lines[index + 2].text == "]"
        and tables.SPLIT_FOOTNOTE.match(lines[index + 1].text) is not None
    )


# ---------------------------------------------------------------- front matter


def _mark_front_matter(lines: Sequence[Line]) -> int:
    """Mark title, front matter and salutation; return where the body starts."""
    content = [i for i, line in enumerate(lines) if line.kind != BOILERPLATE]
    metadata = _yaml_block_length(lines, content)
    for index in content[:metadata]:
        lines[index].kind, lines[index].rule = FRONT, "metadata"
    content = content[metadata:]
    if not content:
        return len(lines)
    position = 0  # index into `content`
    title_count = _title_length(lines, content)
    for order, index in enumerate(content[:title_count]):
        lines[index].kind = TITLE
        lines[index].rule = "title" if order == 0 else "title-cont"
    position = title_count
    title_text = lines[content[0]].text if title_count else None
    previous_role = "title" if title_count else ""
    while position < len(content):
        line = lines[content[position]]
        role = _front_role(line.text, previous_role, title_text)
        if not role:
            break
        line.kind, line.rule = FRONT, role
        previous_role = role
        position += 1
    for index in content[position : position + SALUTATION_WINDOW]:
        line = lines[index]
        if tables.match_marker(line.text) is not None:
            break
        if tables.SALUTATION.match(line.text):
            line.kind = SALUTATION
            return index + 1
    return content[position] if position < len(content) else len(lines)


def _yaml_block_length(lines: Sequence[Line], content: Sequence[int]) -> int:
    """How many lines a leading YAML front-matter block (``---`` … ``---``) takes."""
    if not content or lines[content[0]].text != tables.YAML_FENCE:
        return 0
    for count, index in enumerate(content[1 : tables.MAX_YAML_LINES], start=2):
        if lines[index].text == tables.YAML_FENCE:
            return count
    return 0


def _title_like(text: str) -> bool:
    return (
        0 < len(text) <= tables.MAX_TITLE_LINE
        and text[-1] not in tables.TITLE_END_FORBIDDEN
        and tables.SALUTATION.match(text) is None
        and tables.match_marker(text) is None
        and _front_role(text, "title", None) == ""
    )


def _title_length(lines: Sequence[Line], content: Sequence[int]) -> int:
    """How many of the first content lines form the title (0 when there is none)."""
    first = lines[content[0]].text
    if tables.MARKDOWN_HEADING.match(first):
        return 1
    count = 0
    while (
        count < min(tables.MAX_TITLE_LINES, len(content))
        and _title_like(lines[content[count]].text)
        # A title's lines are adjacent, and a repeat of the first line is a page header.
        and (count == 0 or content[count] == content[count - 1] + 1)
        and (count == 0 or lines[content[count]].text != first)
    ):
        count += 1
    if count == 0:
        return 0
    after = lines[content[count]].text if count < len(content) else ""
    if _front_role(after, "title", first) or tables.SALUTATION.match(after):
        return count
    if any(word in first for word in SPEECH_WORDS):
        return 1
    return 0


def _front_role(text: str, previous_role: str, title: str | None) -> str:
    """The front-matter role of a line that follows a line of ``previous_role``."""
    if not previous_role:
        return ""
    if title is not None and text == title:
        return "title-repeat"
    if tables.SUBTITLE.match(text) and len(text) <= tables.MAX_TITLE_LINE + 20:
        return "subtitle"
    if tables.DATE_LINE.match(text):
        return "date"
    if tables.PAREN_LINE.match(text):
        return "note"
    if previous_role in ("subtitle", "date", "note") and tables.SPEAKER_LINE.match(text):
        return "speaker"
    return ""
