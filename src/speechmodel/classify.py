"""Stage 3: paragraphs → classified lines.

Each paragraph becomes a ``Line``: boilerplate (with the rule that caught it),
front matter (title, subtitle, date, speaker), the salutation, or content; and a
content line that opens with a marker keeps the marker it opens with.  Whether
that marker really numbers a part or point is decided by the next stage
(``levels``), which sees the whole sequence.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from speechmodel import tables
from speechmodel.paragraphs import paragraphs

__all__ = ["Line", "classify"]

BOILERPLATE = "BOILERPLATE"
TITLE = "TITLE"
FRONT = "FRONT"
SALUTATION = "SALUTATION"
CONTENT = "CONTENT"

#: How many lines of the page (an editor's introduction, a column name) may stand
#: above a title that front matter confirms.
MAX_LINES_BEFORE_TITLE = 3
#: A shorter line inside a page's headline is a word of it, not the speech's title.
MIN_CONTAINED_TITLE = 4
#: How far into the text (in non-boilerplate lines) a salutation may come.
SALUTATION_WINDOW = 4
#: The rule of a salutation that is the speech's first paragraph, not a line of its
#: own: it goes on after the address, and may announce the count (同志们，下面我讲三点).
OPENING_SALUTATION = "opening"
#: How far down (in non-boilerplate lines) a news page's 以下为…演讲实录： may come.
LEAD_IN_WINDOW = 12
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
    "讲课",
    "党课",
    "讲座",
    "演讲",
    "演講",
    "祝酒辞",
    "贺词",
    "总结",
    "提纲",
    "动员",
    "辞",
)


class Line:
    """One paragraph and what it was recognised as (mutable only while classifying)."""

    __slots__ = ("end", "kind", "marker", "rule", "splices", "start", "text")

    def __init__(
        self, start: int, end: int, text: str, splices: tuple[tables.SpliceRule, ...] = ()
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.splices = splices
        """The splice rules that may find something in the text (``tables.splice_rules``)."""
        self.kind = CONTENT
        self.rule = ""
        """The boilerplate rule, or the front-matter role (``title``, ``subtitle`` …)."""
        self.marker: tables.MarkerMatch | None = None
        """The marker the line opens with, if it opens with one."""

    def __str__(self) -> str:
        return self.text


def classify(
    source: str,
    chrome: Sequence[tuple[int, int, str]] = (),
    heading: tuple[int, int] | None = None,
) -> list[Line]:
    """Split ``source`` into paragraphs and classify each one.

    Paragraphs that lie inside one of the ``chrome`` ranges ``(start, end, rule)`` are
    boilerplate of that rule.
    ``heading`` is the lines the page's markup gives as the title of the text; they
    become the title when the text itself has none.
    """
    splices = tables.splice_rules(source)
    lines = [Line(start, start + len(text), text, splices) for start, text in paragraphs(source)]
    _mark_chrome(lines, chrome)
    _mark_metadata(lines)  # before the rules, which would take its --- fences
    _mark_boilerplate(lines)
    _mark_label_values(lines)
    _mark_column_heading(lines)
    _mark_lead_in(lines)
    body_start = _mark_front_matter(lines)
    if heading is not None and not any(line.kind == TITLE for line in lines):
        # Every line of the heading, which a <br> may have broken: the title and its
        # continuation; not a heading that is an editor's label (【2021年2月学习材料】).
        held = [line for line in lines if heading[0] <= line.start < heading[1]]
        if held and not any(tables.PARAGRAPH_RULES.first(line.text) for line in held):
            for order, line in enumerate(held):
                line.kind, line.rule = TITLE, "title" if order == 0 else "title-cont"
    _mark_title_repeats(lines)
    for line in lines[body_start:]:
        if line.kind == CONTENT:
            line.marker = tables.match_marker(line.text)
    return lines


# ---------------------------------------------------------------- boilerplate


def _mark_title_repeats(lines: Sequence[Line]) -> None:
    """Page chrome that repeats the title word for word (a page's header) keeps being
    boilerplate, under the rule ``title-repeat``: the outline does not list it, as the
    title is there already."""
    title = next((line.text for line in lines if line.kind == TITLE), None)
    for line in lines:
        if line.kind == BOILERPLATE and line.text == title:
            line.rule = "title-repeat"


def _mark_chrome(lines: Sequence[Line], chrome: Sequence[tuple[int, int, str]]) -> None:
    ranges = sorted(chrome)
    position = 0
    for line in lines:
        while position < len(ranges) and ranges[position][1] <= line.start:
            position += 1
        if position < len(ranges) and ranges[position][0] <= line.start < ranges[position][1]:
            line.kind, line.rule = BOILERPLATE, ranges[position][2]


def _mark_boilerplate(lines: Sequence[Line]) -> None:
    trailer = ""
    quoted_rule = ""  # the rule of a quoted boilerplate line: the quote goes on with it
    said = 0  # paragraphs that are not chrome so far
    for index, line in enumerate(lines):
        if line.kind == FRONT:
            continue
        quote = tables.BLOCKQUOTE.match(line.text) if line.text[:1] == ">" else None
        text = line.text[quote.end() :] if quote else line.text
        if trailer:
            rule = trailer
        else:
            found = tables.PARAGRAPH_RULES.first(text)
            if found is None and text[:1] in "#*_":  # Markdown: ## 正文, **来源：…**
                found = tables.PARAGRAPH_RULES.first(tables.unmarked(text))
            rule = found.name if found else ""
            # What follows the speech cannot start before it: at the top of a page,
            # 【相关阅读】 is one line of chrome, not the end of the text.
            if found is not None and found.starts_trailer and said >= MIN_BEFORE_TRAILER:
                trailer = rule
        if quote and not rule:
            rule = quoted_rule
        quoted_rule = rule if quote else ""
        said += not rule and line.kind != BOILERPLATE
        already_chrome = line.kind == BOILERPLATE  # page chrome keeps its rule, but
        if rule and (trailer or not already_chrome):  # the trailer takes every line
            line.kind, line.rule = BOILERPLATE, rule
        elif line.text == "[" and _is_split_footnote(lines, index):
            for part in lines[index : index + 3]:
                part.kind, part.rule = BOILERPLATE, "footnote-ref"


MIN_BEFORE_TRAILER = 3
"""How many paragraphs of text (not chrome) must come before one that starts the
trailer (``TRAILER_START``): a title, a salutation and a first paragraph at least."""

_SPLIT_LABELS = frozenset(("source-line", "breadcrumb"))
_CRUMB_SEPARATORS = frozenset((">", "＞", "»", "›", "/", "|", "→"))
#: The longest value a label's line may hand to the next line (来源： / 四川日报).
MAX_LABEL_VALUE = 20


def _mark_label_values(lines: Sequence[Line]) -> None:
    """A scrape may put a label and its value on two lines (``来源：`` / ``四川日报``,
    ``发表时间：`` / ``2026-02-09 09:45:30``) and a breadcrumb's links one to a line
    (``当前位置：`` / ``首页`` / ``>`` / ``政务信息``): the value and the links are
    chrome of the label's rule."""
    index = 0
    while index < len(lines) - 1:
        line = lines[index]
        index += 1
        if line.kind != BOILERPLATE or line.rule not in _SPLIT_LABELS or line.text[-1] not in "：:":
            continue
        if line.rule == "breadcrumb":
            # (each line is looked at once: the scan goes on after the links)
            while index < len(lines) and _crumb(lines, index):
                lines[index].kind, lines[index].rule = BOILERPLATE, line.rule
                index += 1
        elif _label_value(lines[index].text) and lines[index].kind == CONTENT:
            lines[index].kind, lines[index].rule = BOILERPLATE, line.rule


def _mark_column_heading(lines: Sequence[Line]) -> None:
    """A page may head the article with its column's name, the breadcrumb's last link
    again (``当前位置：首页 > 新闻中心> 学校公告> 党政办`` / ``党政办`` / the title):
    chrome of the breadcrumb, not a line of the title."""
    for line, after in itertools.pairwise(lines):
        if after.kind != CONTENT or line.kind != BOILERPLATE or len(after.text) > MAX_LABEL_VALUE:
            continue
        rule = tables.PARAGRAPH_RULES.first(line.text)
        if rule is not None and rule.name == "breadcrumb":
            last = max(map(line.text.rfind, _CRUMB_SEPARATORS))
            if last >= 0 and line.text[last + 1 :].strip() == after.text:
                after.kind, after.rule = BOILERPLATE, "breadcrumb"


def _crumb(lines: Sequence[Line], index: int) -> bool:
    """Whether line ``index`` is a link or a separator of a breadcrumb spread over lines:
    a separator, or a short word with a separator before or after it."""
    text = lines[index].text
    if text in _CRUMB_SEPARATORS:
        return True
    return (
        lines[index].kind == CONTENT
        and _label_value(text)
        and any(
            0 <= near < len(lines) and lines[near].text in _CRUMB_SEPARATORS
            for near in (index - 1, index + 1)
        )
    )


def _label_value(text: str) -> bool:
    return (
        len(text) <= MAX_LABEL_VALUE
        and not any(mark in text for mark in "。，,；")
        and not any(word in text for word in SPEECH_WORDS)
        and not tables.is_salutation(text)
        and not _numbered(text)
    )


def _mark_lead_in(lines: Sequence[Line]) -> None:
    """A news page or a post that carries a transcript says where it starts (``以下为
    马云演讲实录：``, or a summary's last item ending ``…以下为演讲实录：``): that line and
    what is above it (a report, a numbered summary of the talk) are not the speech."""
    content = itertools.islice((line for line in lines if line.kind == CONTENT), LEAD_IN_WINDOW)
    seen: list[Line] = []
    for line in content:
        intro = tables.TRANSCRIPT_INTRO.search(line.text)
        if intro is not None:
            # The intro's line too, unless the speech goes on in it after the colon.
            if intro.end() == len(line.text.rstrip()):
                seen.append(line)
            for before in seen:
                before.kind, before.rule = BOILERPLATE, "editor-intro"
            return
        seen.append(line)


def _is_split_footnote(lines: Sequence[Line], index: int) -> bool:
    """``[`` / ``1`` / ``]`` on three lines: a footnote reference a scrape took apart."""
    return (
        lines[index].text == "["
        and index + 2 < len(lines)
        and lines[index + 2].text == "]"
        and tables.SPLIT_FOOTNOTE.match(lines[index + 1].text) is not None
    )


# ---------------------------------------------------------------- front matter


def _mark_metadata(lines: Sequence[Line]) -> None:
    """Mark a leading YAML front-matter block (``---`` … ``---``) as boilerplate: it is
    data about the document, not a line of the speech."""
    content = [i for i, line in enumerate(lines) if line.kind != BOILERPLATE]
    for index in content[: _yaml_block_length(lines, content)]:
        lines[index].kind, lines[index].rule = BOILERPLATE, "metadata"


def _mark_front_matter(lines: Sequence[Line]) -> int:
    """Mark title, front matter and salutation; return where the body starts."""
    content = [i for i, line in enumerate(lines) if line.kind == CONTENT]
    if not content:
        return len(lines)
    headline = _page_headline(lines, content)
    if headline is not None:
        for index in content[:headline]:
            lines[index].kind, lines[index].rule = BOILERPLATE, "editor-intro"
        lines[content[headline]].kind = BOILERPLATE
        lines[content[headline]].rule = "page-heading"
        content = content[headline + 1 :]
        # The headline names the line it holds: that line is a title on its own.
        title_count = max(1, _title_length(lines, content, confirmed_only=False))
    else:
        title_count = _title_length(lines, content, confirmed_only=False)
    # A scraped page often puts an editor's introduction, or the column's name and the
    # page's own heading, above the title: lines that go before a title block which
    # front matter confirms (a subtitle, a date, a speaker) are the page's, not the text's.
    skip = 0
    while not title_count and skip < MAX_LINES_BEFORE_TITLE and skip + 1 < len(content):
        if not _editor_intro_possible(lines[content[skip]].text):
            break
        skip += 1
        title_count = _title_length(lines, content[skip:], confirmed_only=True)
    if title_count and skip:
        for index in content[:skip]:
            lines[index].kind, lines[index].rule = BOILERPLATE, "editor-intro"
        content = content[skip:]
    for order, index in enumerate(content[:title_count]):
        lines[index].kind = TITLE
        lines[index].rule = "title" if order == 0 else "title-cont"
    position = title_count
    title_text = lines[content[0]].text if title_count else None
    previous_role = "title" if title_count else ""
    # (not when the whole text is quoted, as a clip may quote a speech)
    last_unquoted = next(
        (k for k in range(len(content) - 1, -1, -1) if lines[content[k]].text[:1] != ">"), -1
    )
    while position < len(content):
        line = lines[content[position]]
        if line.text[:1] == ">" and position < last_unquoted:
            # A quoted paragraph above the speech is the editor's: a headnote on the
            # occasion or a credit (> 一九六二年一月…召开…会议, > 财政部《人民日报》…).
            line.kind, line.rule = BOILERPLATE, "editor-note"
            position += 1
            continue
        following = [lines[i].text for i in content[position + 1 : position + 2]]
        role = _front_role(line.text, previous_role, title_text, following)
        if not role:
            break
        line.kind, line.rule = FRONT, role
        previous_role = role
        position += 1
    for index in content[position : position + SALUTATION_WINDOW]:
        line = lines[index]
        if _numbered(line.text):
            break
        if tables.is_salutation(line.text):
            line.kind = SALUTATION
            return index + 1
    if position == len(content):
        return len(lines)
    # No address on a line of its own: a speech whose first paragraph opens by
    # addressing the audience (各位代表，现在，我代表国务院，作政府工作报告…) or by
    # greeting it (大家中午好！, 大家好，我是张小龙。) has that paragraph for its
    # salutation, unless it is the whole speech or already winds it up (同志们，让我们…).
    first = lines[content[position]]
    said = tables.after_vocative(first.text)
    opens = tables.opens_with_greeting(first.text) or (
        said is not None and not tables.opens_with_closing_formula(said)
    )
    if opens and position + 1 < len(content):
        first.kind, first.rule = SALUTATION, OPENING_SALUTATION
        return content[position] + 1
    return content[position]


def _page_headline(lines: Sequence[Line], content: Sequence[int]) -> int | None:
    """Where a page's headline stands over the speech's own title, if it does: one of
    the first lines holds the next one, with more around it (``# 习近平：在中央城市
    工作会议上的讲话`` over ``在中央城市工作会议上的讲话``).  Lines above the
    headline (a column's name) are the page's too."""
    for position in range(min(MAX_LINES_BEFORE_TITLE, len(content) - 1)):
        above = lines[content[position]].text
        if position and not _editor_intro_possible(lines[content[position - 1]].text):
            return None
        # Compared without white space: a page may space the halves of a title that
        # the text writes as one (十八而志梦起航 青春向党筑未来 —在…的致辞).
        headline = "".join(tables.unmarked(above).split())
        title = lines[content[position + 1]].text
        core = "".join(tables.unmarked(title).rstrip("※*＊").split())  # bold; a note mark
        if (
            len(core) >= MIN_CONTAINED_TITLE
            and core != headline
            and core in headline
            and _title_like(title)
        ):
            return position
    return None


def _yaml_block_length(lines: Sequence[Line], content: Sequence[int]) -> int:
    """How many lines a leading YAML front-matter block (``---`` … ``---``) takes.

    Hexo also writes the block without its opening fence (``title: …`` … ``---``):
    then every line before the fence must be a field or a list item.
    """
    if not content:
        return 0
    first = lines[content[0]].text
    fenced = first == tables.YAML_FENCE
    if not fenced and not tables.YAML_KEY.match(first):
        return 0
    for count, index in enumerate(content[1 : tables.MAX_YAML_LINES], start=2):
        text = lines[index].text
        if text == tables.YAML_FENCE:
            return count
        if not fenced and not tables.YAML_LINE.match(text):
            return 0
    return 0


def _numbered(text: str) -> bool:
    """Whether ``text`` opens with a marker that may number the body.

    Numeral + verb markers (一要, 一抓) are left out: titles open with them too
    (十八而志…, 一带一路…), and the body's runs decide about them later.
    """
    marker = tables.match_marker(text)
    return marker is not None and not tables.is_run_in(marker.style)


def _editor_intro_possible(text: str) -> bool:
    return not tables.is_salutation(text) and not _numbered(text)


def _title_like(text: str, *, exclaimed: bool = False) -> bool:
    """Whether ``text`` can be a title line; ``exclaimed`` lets it end with ``！``."""
    end = text[-1:] if not exclaimed or text[-1:] not in "！!" else ""
    return (
        0 < len(text) <= tables.MAX_TITLE_LINE
        and (not end or end not in tables.TITLE_END_FORBIDDEN)
        and "。" not in text  # a sentence, or a photo caption over the title
        and tables.MATERIALS_LABEL.search(text) is None  # a site's 学习材料 label
        and not tables.is_salutation(text)
        and not _numbered(text)
        and _front_role(text, "title", None, []) == ""
    )


def _title_line(lines: Sequence[Line], content: Sequence[int], position: int) -> bool:
    """Whether content line ``position`` can be a line of the title.  One that breaks
    off at a 、 or ， can, when a title line follows it: the title is split there
    (在第18期入党积极分子培训班、 / 第20期发展对象培训班开班典礼上的致辞)."""
    text = lines[content[position]].text
    if _title_like(text):
        return True
    return (
        text[-1:] in _TITLE_BREAKS
        and _title_like(text[:-1])
        and position + 1 < len(content)
        and _title_like(lines[content[position + 1]].text)
    )


_TITLE_BREAKS = "、，,"


def _title_length(lines: Sequence[Line], content: Sequence[int], *, confirmed_only: bool) -> int:
    """How many of the first content lines form the title (0 when there is none).

    A title is confirmed by what follows it: front matter or the salutation, and only
    front matter when ``confirmed_only``.  Unless ``confirmed_only``, a single line
    that names a speech (``…的讲话``) or a Markdown heading is a title as well.
    """
    first = lines[content[0]].text
    if tables.MARKDOWN_HEADING.match(first) and not confirmed_only:
        return 1
    count = 0
    while (
        count < min(tables.MAX_TITLE_LINES, len(content))
        and _title_line(lines, content, count)
        # A short name with a date or the salutation after it is the speaker, not the title.
        and not (
            count
            and _front_role(
                lines[content[count]].text,
                "title",
                None,
                [lines[i].text for i in content[count + 1 : count + 2]],
            )
        )
        # A title's lines are adjacent, and a repeat of the first line is a page header.
        and (count == 0 or content[count] == content[count - 1] + 1)
        and (count == 0 or lines[content[count]].text != first)
    ):
        count += 1
    # A last line may end with ！ when what follows confirms the title.
    candidates = [count]
    if (
        count < min(tables.MAX_TITLE_LINES, len(content))
        and (count == 0 or content[count] == content[count - 1] + 1)
        and lines[content[count]].text[-1:] in ("！", "!")
        and _title_like(lines[content[count]].text, exclaimed=True)
    ):
        candidates.insert(0, count + 1)
    for length in candidates:
        after = [lines[i].text for i in content[length : length + 2]]
        if (
            length
            and after
            and (
                _front_role(after[0], "title", first, after[1:])
                or (not confirmed_only and tables.is_salutation(after[0]))
            )
        ):
            return length
    if count == 0:
        return 0
    if not confirmed_only and any(word in first for word in SPEECH_WORDS):
        return 1
    return 0


def _front_role(text: str, previous_role: str, title: str | None, following: Sequence[str]) -> str:
    """The front-matter role of a line that follows a line of ``previous_role``.

    ``following`` holds the next line, if any: a short name is a speaker line when
    it comes after a subtitle or date, or when a date or the salutation comes next.
    """
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
    if tables.is_speaker_line(text) and (
        previous_role in ("subtitle", "date", "note")
        or any(
            _front_role(after, "speaker", None, ()) or tables.is_salutation(after)
            for after in following
        )
    ):
        return "speaker"
    return ""
