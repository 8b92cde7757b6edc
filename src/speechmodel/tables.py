"""The recognition rules, as data: markers, boilerplate, salutations, closings.

Each table is a tuple of named patterns.  Code elsewhere loops over a table; it
never grows a chain of ``if``s for one more phrase.  Every pattern is anchored
and built from bounded or possessive-free simple classes, so matching is linear
in the paragraph's length (no nested quantifiers over the same text).

Every process compiles the patterns it uses, in Python, so they are compiled on
first use where a one-file run may not need them (marker styles, boilerplate
rules), and written to compile cheaply: classes of scattered CJK characters come
from ``_one_of``.  Address lists, which three long patterns once spelled out, are
a short walk in code around the pattern for one address (see ``_addresses``).
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import NamedTuple

# ---------------------------------------------------------------- cheap classes


def _one_of(chars: str, *, also: str = "") -> str:
    """A pattern for one of ``chars``, or of the class escapes in ``also`` (``\\s``),
    written for ``re``'s compiler.

    ``re`` compiles in Python, in every process that starts.  A class whose
    characters beyond Latin-1 form three or more runs of code points (``[，,：:]``,
    the numerals 一…十) costs it a 64K-entry bitmap, about 0.1 ms, each time it
    occurs, and some fifty such classes were a fifth of importing the package.  So the
    Latin-1 characters go in one class and the others in classes of at most two
    runs each; ``{1}`` keeps the parser from merging them back into one.  The match
    is the same and a little slower to find: for patterns matched at a paragraph's
    start, not for searches through whole texts.
    """
    codes = sorted(set(map(ord, chars)))
    runs: list[tuple[int, int]] = []
    for code in codes:
        if code < 256:
            continue
        if runs and code == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    narrow = "".join(re.escape(chr(code)) for code in codes if code < 256) + also
    classes = [f"[{narrow}]"] if narrow else []
    for pair in range(0, len(runs), 2):
        classes.append("[" + "".join(_class_range(*run) for run in runs[pair : pair + 2]) + "]")
    if len(classes) == 1:
        return classes[0]
    return "(?:" + "|".join([classes[0], *(f"{c}{{1}}" for c in classes[1:])]) + ")"


def _class_range(low: int, high: int) -> str:
    if low == high:
        return re.escape(chr(low))
    return f"{re.escape(chr(low))}-{re.escape(chr(high))}"


def _none_of(chars: str, *, also: str = "") -> str:
    """A pattern for one character that is not one of ``chars`` (see ``_one_of``)."""
    return rf"(?:(?!{_one_of(chars, also=also)})[\s\S])"


_NOT_STOP = _none_of("。！？")
_NAV_SEPARATOR = _one_of("|｜/", also=r"\s")
_DIGIT_OR_DASH = _one_of("-―–—", also=r"\d")
_DASH_OR_SPACE = _one_of("-—－", also=r"\s")
_NOT_DATE_END = _none_of("。，,；;")


# ---------------------------------------------------------------- numerals

CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN = "一二三四五六七八九十"
"""Numeral characters that may open a marker (``两`` and ``零`` never do)."""
_CN = _one_of(CN)


def cn_value(numeral: str) -> int | None:
    """The value of a Chinese numeral below 100 (``十五`` → 15), or None if it is not one."""
    if not numeral or len(numeral) > 3:
        return None
    if "十" not in numeral:
        return CN_DIGITS.get(numeral) if len(numeral) == 1 else None
    tens, _, units = numeral.partition("十")
    if "十" in units:
        return None
    high = 1 if tens == "" else CN_DIGITS.get(tens)
    low = 0 if units == "" else CN_DIGITS.get(units)
    if high is None or low is None or not 1 <= high <= 9 or len(units) > 1 or len(tens) > 1:
        return None
    return high * 10 + low


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_DIGITS = "0123456789０１２３４５６７８９"


def arabic_value(digits: str) -> int:
    """The value of ASCII or full-width digits."""
    return int(digits.translate(_FULLWIDTH_DIGITS))


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# ---------------------------------------------------------------- markers


class MarkerRule(NamedTuple):
    """One marker style: how it is written at a paragraph start."""

    style: str
    """Family name, written as its first member (see ``Marker.style``)."""
    source: str
    """The regular expression, matched at the paragraph start.  Groups: ``num`` (the
    numeral), ``label`` (the marker as the outline shows it), optional ``delim`` and
    ``punct`` (one punctuation mark consumed after a word-style marker)."""
    numerals: str
    """``"cn"``, ``"arabic"``, ``"circled"`` or ``"word"`` (values from ``WORD_VALUES``)."""
    part_style: bool
    """True for the styles that make parts whenever a text uses them (GB/T 9704 level 1)."""
    opens: str
    """Every character a marker of this style can open with."""

    @property
    def pattern(self) -> re.Pattern[str]:
        """``source`` compiled, on first use: a one-file run compiles only the styles
        that its paragraphs open with (four to eight of the twelve, in the corpus)."""
        return _compiled(self.source)


_compiled = functools.cache(re.compile)


_MARK = _one_of("，,、：:．.")
"""Punctuation that may follow a marker."""
_COMMA_COLON = _one_of("，,：:")
_LIST_DELIM = _one_of("、．.")
_ARABIC_DELIM = _one_of("、．.，")
"""After an Arabic numeral, a full-width comma delimits too (``1，作为一个工具，…``);
``1,000`` and ``2，3年`` are kept off by the digit that follows."""
_MARK_OR_SPACE = _one_of("，,、：:．.", also=r"\s")
_DIGIT_OR_PERCENT = _one_of("％０１２３４５６７８９", also="0-9%")
_NOT_SPACE_OR_STOP = _none_of("，,。；;", also=r"\s")
VERB_EXCLUDED = frozenset(
    # Numeral + one of these is a quantity or an idiom, never a run-in marker.
    "个些年月日天次位项条种批名家级切般直定起同样致旦度时代方面边道律半共层类分号小大中"
    + CN
    + "两百千万亿"
)

ORDINAL = "第一"
"""The style of the ordinals (第一，, 第二点，) and of the words 首先/其次/再次/最后."""

RUN_IN = "一*"
"""The rule of numeral + verb markers; each verb makes a style of its own."""

MARKER_RULES: tuple[MarkerRule, ...] = (
    MarkerRule(
        "第一部分",
        rf"(?P<label>第(?P<num>{_CN}{{1,3}})部分)(?P<delim>{_MARK_OR_SPACE}?)",
        "cn",
        True,
        "第",
    ),
    MarkerRule(
        # A numeral alone on its line, or one space then the heading (一　两种矛盾), as
        # Wikisource and collected works set part headings.  Not 一 九 九 八 年, a
        # spaced-out number.
        "一",
        rf"(?P<label>(?P<num>{_CN}{{1,3}}))(?:$|(?P<delim>[ \u3000])(?!{_CN}|\s))",
        "cn",
        True,
        CN,
    ),
    MarkerRule(
        "一、",
        rf"(?P<label>(?P<num>{_CN}{{1,3}})(?P<delim>{_LIST_DELIM}))(?!{_CN}{_LIST_DELIM})",
        "cn",
        True,
        CN,
    ),
    MarkerRule(
        "（一）",
        rf"(?P<label>[（(](?P<num>{_CN}{{1,3}})[）)])(?P<delim>)",
        "cn",
        False,
        "（(",
    ),
    MarkerRule(
        "1.",
        rf"(?P<label>(?P<num>[0-9０-９]{{1,2}})(?P<delim>{_ARABIC_DELIM}))(?!{_DIGIT_OR_PERCENT})",
        "arabic",
        False,
        _DIGITS,
    ),
    MarkerRule(
        "（1）",
        r"(?P<label>[（(](?P<num>[0-9０-９]{1,2})[）)])(?P<delim>)",
        "arabic",
        False,
        "（(",
    ),
    MarkerRule(
        # 1)、 / 1） : a closing bracket only, as some speakers write the (1) level.
        "1)",
        r"(?P<label>(?P<num>[0-9０-９]{1,2})(?P<delim>[)）]、?))",
        "arabic",
        False,
        _DIGITS,
    ),
    MarkerRule("①", rf"(?P<label>(?P<num>[{CIRCLED}]))(?P<delim>)", "circled", False, CIRCLED),
    MarkerRule(
        ORDINAL,
        # 第一， 第一点， 第一是…: after a bare ordinal, punctuation or 是/要 must follow;
        # after a classifier (第一阶段为…) the lead may go straight on.
        rf"(?P<label>第(?P<num>{_CN}{{1,3}})"
        r"(?:(?P<noun>点|条|个问题|个方面|方面|个方向|个任务|个要求|个层面|层面|层意思|层次|层|阶段|步|种)|件事|个)?)"
        rf"(?P<delim>)(?:(?P<punct>{_MARK})|(?=[是要])"
        rf"|(?(noun)(?={_NOT_SPACE_OR_STOP})|(?!)))",
        "cn",
        False,
        "第",
    ),
    MarkerRule(
        ORDINAL,
        # 最后，我还要强调… is the speaker's last word on the whole speech, not the
        # last item of a list (最后，我们要… still is one).  最后一点，… names the item.
        rf"(?P<label>(?P<num>首先|其次|再次|最后(?!{_COMMA_COLON}我(?!们)))(?:一点|一条)?)"
        r"(?P<delim>)"
        # 首先说一下…, 其次来谈谈…: the speaker says what he turns to, without a comma.
        rf"(?:(?P<punct>{_COMMA_COLON})|(?=[是要])|(?<=[先次])(?<!再次)(?=来?[说谈讲]))",
        "word",
        False,
        "首其再最",
    ),
    MarkerRule(
        # 一是 / 一要 / 一抓 …: the style name is filled in with the verb at match time.
        RUN_IN,
        # The verb is any letter here; ``match_marker`` keeps a Han character
        # that is not in VERB_EXCLUDED (classes over those cost the compiler more
        # than the check costs at run time).
        rf"(?P<label>(?P<num>{_CN}{{1,2}})(?P<verb>[^\W\d_]))(?P<delim>)"
        rf"(?P<punct>{_COMMA_COLON}?)",
        "cn",
        False,
        CN,
    ),
)
"""Marker styles, tried in order at each paragraph start; the first match wins."""

LADDER = {"一": 0, "第一部分": 0, "一、": 0, "（一）": 1, "1.": 2, "（1）": 3, "1)": 3, "①": 4}
"""Rank of the token styles in the GB/T 9704 order 一、 → （一） → 1. → （1） → ①
(``1)`` is written for ``（1）``).
Word styles (第一，, 一是, 一要) have no rank: they are run-in points."""


def ranks_below(new: str, current: str) -> bool:
    """Whether a list in style ``new`` belongs under an item in style ``current``.

    Token styles follow the ladder; a word style goes under a token style and a
    token style under a word style; two word styles are siblings.
    """
    new_rank, current_rank = LADDER.get(new), LADDER.get(current)
    if new_rank is None and current_rank is None:
        return False
    if new_rank is None or current_rank is None:
        return True
    return new_rank > current_rank


WORD_VALUES = {"首先": 1, "其次": 2, "再次": 3, "最后": 0}
"""Values of word markers; 0 means "the next value in the running sequence"."""


def is_run_in(style: str) -> bool:
    """Whether ``style`` is a numeral and a verb (一是, 一要, 一抓): a style that ordinary
    sentences and titles open with too (十八而志, 一带一路), so it counts only in runs."""
    return len(style) == 2 and style[0] == "一" and style[1] != "、"


class MarkerMatch(NamedTuple):
    """A marker found at a paragraph start (offsets relative to the paragraph)."""

    style: str
    label: str
    value: int
    delimiter: str
    end: int
    """Where the marker ends, the punctuation after a word-style marker included."""
    part_style: bool


_RULES_BY_FIRST: dict[str, tuple[MarkerRule, ...]] = {
    char: tuple(rule for rule in MARKER_RULES if char in rule.opens)
    for char in {char for rule in MARKER_RULES for char in rule.opens}
}
"""The rules a paragraph's first character may start, in the order of ``MARKER_RULES``:
most paragraphs open with no such character and try no rule, and one that opens
with 第 tries only the two rules that start with it."""


def match_marker(text: str) -> MarkerMatch | None:
    """The marker that opens ``text``, if any (``"第一次全体会议"`` has none)."""
    # Markdown: ``## 一、…`` and ``**一、…**`` are numbered like their plain forms.  (The
    # first character is looked at here as well: every paragraph comes this way, and
    # most open with no Markdown; the call alone was 1 % of a parse.)
    start = _markup_end(text) if text[:1] in "#*_" else 0
    for rule in _RULES_BY_FIRST.get(text[start : start + 1], ()):
        found = rule.pattern.match(text, start)
        if found is None:
            continue
        verb = found["verb"] if rule.style == RUN_IN else None
        if verb is not None and (verb in VERB_EXCLUDED or not is_han(verb)):
            continue  # 一年来, 三大: a quantity or an idiom
        num = found["num"]
        if rule.numerals == "cn":
            value = cn_value(num)
        elif rule.numerals == "arabic":
            value = arabic_value(num)
        elif rule.numerals == "circled":
            value = CIRCLED.index(num) + 1
        else:
            value = WORD_VALUES[num]
        if value is None or (value == 0 and rule.numerals != "word"):
            continue
        groups = found.groupdict()
        style = f"一{verb}" if verb else rule.style
        delimiter = (groups.get("delim") or "") + (groups.get("punct") or "")
        if rule.style in ("（一）", "（1）"):
            delimiter = found["label"][0] + found["label"][-1]
        return MarkerMatch(style, found["label"], value, delimiter, found.end(), rule.part_style)
    return None


_MARKUP_OPEN = r"(?:#{1,6}[ \t]+)?(?:\*\*|__)?"
_MARKUP_CLOSE = r"(?:\*\*|__)?"
MARKDOWN_PREFIX = re.compile(_MARKUP_OPEN)
"""Markdown that may come before a marker: a heading prefix, then strong emphasis."""


def _markup_end(text: str) -> int:
    """Where the Markdown before ``text`` ends (``## ``, ``**``): 0 for most paragraphs."""
    markup = MARKDOWN_PREFIX.match(text) if text[:1] in "#*_" else None
    return markup.end() if markup else 0


# ---------------------------------------------------------------- sentences

LEAD_END = re.compile(r"[。！？；;!?]")
"""What ends a lead sentence."""

# ---------------------------------------------------------------- boilerplate


class BoilerplateRule(NamedTuple):
    name: str
    pattern: str
    """A regular expression, compiled the first time a paragraph may match it."""
    opens: str = ""
    """Every character a paragraph the rule matches can open with.  Such a rule is
    matched at the paragraph's start, and only tried on paragraphs that open with one
    of these: most of a speech's paragraphs open with none, and a one-file run
    compiles only the rules that its paragraphs' first characters call for."""
    needle: str = ""
    """A string that every match holds, for a rule without ``opens``: it is only tried
    on paragraphs that hold it (``://``, ``记者``)."""
    starts_trailer: bool = False
    """Whether the paragraph starts boilerplate that runs to the end (``TRAILER_START``)."""


FLOATING_RULES_MAX = 200
"""Rules that may match anywhere in a paragraph (``版权所有``, ``…供大家参考。``) are only
tried on paragraphs up to this long: page chrome is short, and a long paragraph that
mentions 版权所有 is speech."""


class RuleTable:
    """Whole-paragraph rules, tried in order; ``first(text)`` is the first that matches.

    A paragraph tries only the rules it can match: those whose ``opens`` hold its
    first character, those whose ``needle`` it holds, and, if it is short, those that
    may match anywhere.  Most paragraphs try one or two rules, and a rule's pattern
    is compiled when a paragraph first tries it.
    """

    def __init__(self, rules: tuple[BoilerplateRule, ...]) -> None:
        self.rules = rules
        # Two indexes, for short paragraphs and for long ones, which skip the rules
        # that may match anywhere: a paragraph runs the loop of ``first``, and the
        # fewer entries and checks it holds, the less each paragraph costs.
        anchored = tuple(rule for rule in rules if rule.opens or rule.pattern[:1] == "^")
        self._short = _FirstCharacterIndex(rules)
        self._long = _FirstCharacterIndex(anchored)

    def first(self, text: str) -> BoilerplateRule | None:
        index = self._long if len(text) > FLOATING_RULES_MAX else self._short
        for needle, at_start, rule in index.by_first.get(text[:1], index.unopened):
            if needle not in text:
                continue
            pattern = _compiled(rule.pattern)
            if pattern.match(text) if at_start else pattern.search(text):
                return rule
        return None


class _FirstCharacterIndex:
    """For each first character, the rules a paragraph opening with it tries, in table
    order, each as what ``RuleTable.first`` checks: its needle, whether it matches at
    the start, and the rule (a tuple is read faster than a NamedTuple's fields)."""

    __slots__ = ("by_first", "unopened")

    def __init__(self, rules: tuple[BoilerplateRule, ...]) -> None:
        # One pass in table order: a rule with ``opens`` joins its characters' lists (a
        # new list starts with the rules without ``opens`` met so far), and a rule
        # without joins every list.
        by_first: dict[str, list[tuple[str, bool, BoilerplateRule]]] = {}
        unopened: list[tuple[str, bool, BoilerplateRule]] = []
        for rule in rules:
            entry = (rule.needle, bool(rule.opens), rule)
            if rule.opens:
                for char in dict.fromkeys(rule.opens):
                    by_first.setdefault(char, list(unopened)).append(entry)
            else:
                unopened.append(entry)
                for entries in by_first.values():
                    entries.append(entry)
        self.by_first = {char: tuple(entries) for char, entries in by_first.items()}
        """First character → the rules a paragraph opening with it tries."""
        self.unopened = tuple(unopened)
        """What a paragraph opening with any other character tries."""


LINE_BOILERPLATE: tuple[BoilerplateRule, ...] = (
    BoilerplateRule("breadcrumb", r"^您?的?当前的?(?:所在)?位置\s*[:：]", "您的当"),
    BoilerplateRule(
        "source-line",
        (
            r"^(?:文章|信息|稿件|文字|新媒体|网络|美术|视频|图文)?"
            r"(?:来源|發布時間|发布时间|发表时间|发布日期|日期|时间|作者|责任编辑|编辑"
            r"|点击数?|浏览次数|阅读次数|阅读量"
            # an article's credits: 文字编辑：… 新媒体编辑：… 审核：… 摄影：…
            r"|审核|审校|终审|校对|摄影|监制|策划|责编|题图|配图|图片|出处)"
            r"\s*[:：]"
        ),
        "文信稿新网美视图来發发日时作责编点浏阅审终校摄监策题配出",
    ),
    BoilerplateRule(
        "site-nav",
        (
            r"^(?:(?:手机版|电脑版|返回顶部|返回首页|打印本页|关闭窗口|图解|Top|TOP|top|【打印正文】|【关闭窗口】"
            # an article's toolbar: 下载 打印 全屏 收藏 【字号： 加大 还原 减小 】
            r"|下载|打印|全屏|收藏|分享[：:]?|【?字号[：:]?|加大|减小|还原|】"
            # 【字体： 小 中 大 】, a scrape putting each on its line; 扫一扫在手机打开当前页
            r"|【?字体[：:]?|大|中|小|扫一扫在手机上?打开(?:当前页|本页)?"
            # a web clip's label over the article's text
            r"|正文|全文)"
            rf"{_NAV_SEPARATOR}*)+$"
        ),
        "手电返打关图Tt【下全收分字加减还】大中小扫正",
    ),
    # （信息来源：新华社） after the speech
    BoilerplateRule("source-line", r"^[（(](?:文章|信息|稿件)?来源\s*[:：]", "（("),
    # Where the text was published: （《毛泽东选集》第五卷，人民出版社1977年4月第1版，第3―7页）,
    # （原文发表于《某某研究》2026年第1期）
    BoilerplateRule(
        "source-line",
        r"^[（(](?:原文|本文)?(?:发表于|刊发于|刊载于|刊于|载于|原载于?)?《[^》]{1,40}》[^（()）]{0,80}?"
        rf"(?:出版社|第\d{{1,2}}版|第{_DIGIT_OR_DASH}+页|第\d{{1,3}}期)[^（()）]{{0,40}}[）)]?$",
        "（(",
    ),
    # （作者系某某大学教授） / （作者为…；本文系作者…讲话，有删节）
    BoilerplateRule("editor-note", r"^[（(]作者(?:系|为|是|單位|单位)", "（("),
    BoilerplateRule("prev-next", rf"^(?:上|下)一{_one_of('篇条页')}\s*[:：]", "上下"),
    BoilerplateRule(
        "editor-intro",
        r"^(?:下面是小编|以下是小编|小编(?:为大家|为您|给大家)|本文(?:由|是)\S{0,20}整理)",
        "下以小本",
    ),
    BoilerplateRule("editor-intro", rf"供大家参考{_one_of('。！!')}?$", needle="供大家参考"),
    BoilerplateRule(
        "copyright",
        # The same words as (?i:copyright)|版权所有|…, written so that the engine first
        # finds one of the opening characters and only then checks the word: searched
        # on every paragraph, the plain alternation cost a fifth of the whole parse.
        (
            r"[cC版aAIpP](?:(?<=[cC])(?i:opyright)|(?<=版)权所有|(?<=[aA])(?i:ll rights reserved)"
            r"|(?<=I)CP备|(?<=[pP])(?i:owered by))"
        ),
    ),
    BoilerplateRule("site-url", r"^\S{0,20}\s*https?://\S+$", needle="://"),
    # Markup left in a text or a blog post: <img …>, <h3>视频：</h3>, <!--more-->
    BoilerplateRule("html-tag", r"^<(?:!--|/?[a-zA-Z][a-zA-Z0-9]*(?:\s|/?>|$))", "<"),
    # A Markdown image alone on its line: a clip's pictures, ![](图像/….jpeg)
    BoilerplateRule("image", r"^!\[[^\]]*\]\([^)]*\)$", "!"),
    # 【导  读】…, 【2019年1月学习材料】, or a whole paragraph in 【】: an editor's note.
    BoilerplateRule("editor-note", r"^【[^】]{0,20}】|^【[^】]*】$", "【"),
    # A collected work's note on where the text was given, one sentence on its own:
    # 这是毛泽东在…全体会议上所作的结论的一部分。  (* 这是… in Markdown copies)
    BoilerplateRule(
        "editor-note",
        rf"^(?:\*\s*)?这是\S{{1,12}}?(?:同志)?在{_NOT_STOP}{{2,80}}"
        r"(?:讲话|开幕词|闭幕词|结论|报告|发言|谈话|讲演|演说|致辞|贺词)"
        r"(?:的一部分|的要点|要点|的主要部分|的节录)?。?$",
        "*这",
    ),
    # A note that a leading * marks (a collected work's headnote, which a PDF's text
    # puts where the page broke): *中国共产党中央领导机关…  Not *emphasis* anywhere in it.
    BoilerplateRule("editor-note", r"^\*(?=[^\W\d_])[^*]*$", "*"),
    BoilerplateRule(
        "translator-note",
        r"^[（(][^）)]{0,40}(?:译自|譯自|摘自|选自|選自|转载自|轉載自)[^）)]{0,40}[）)]$",
        "（(",
    ),
    BoilerplateRule("licence-flag", r"^(?:Public domain|false|true)$", "Pft"),
    # A photo caption: …新华社记者 李涛 摄
    BoilerplateRule("photo-caption", r"记者\s?\S{2,8}\s?摄[）)]?$", needle="记者"),
    # …在大连举行。图为中国物流与采购联合会副会长崔忠付。: a news page's picture, named
    # at the end of its paragraph (not 蓝图为…, which no full stop comes before)
    BoilerplateRule(
        "photo-caption", rf"(?:^|{_one_of('。）)')})\s*图为[^。]{{2,60}}。?$", needle="图为"
    ),
    # A news agency's dateline on its own line: （新华社北京8月24日电）
    BoilerplateRule(
        "dateline",
        r"^[（(]?(?:新华社|中新社|人民日报|人民网|新华网|央视网|中新网)\S{0,12}电\s?[）)]?"
        r"(?:\s*[（(]来源[：:][^）)]{0,30}[）)])?$",
        "（(新中人央",
    ),
    # A Markdown thematic break (---, ***, * * *) between a web clip's parts.
    BoilerplateRule(
        "markdown-break",
        r"^(?:-[ \t]*-[ \t]*-[- \t]*|\*[ \t]*\*[ \t]*\*[* \t]*|_[ \t]*_[ \t]*_[_ \t]*)$",
        "-*_",
    ),
    # The sample text a wiki editor's toolbar inserts (Wikisource copies keep it).
    # A footer's row of portal links, run together: 人民网新华网中国网央视网国际在线…
    BoilerplateRule("site-nav", r"^(?:[^\W\d_]{1,6}网[\s|｜]*){4}", needle="网"),
    BoilerplateRule(
        "wiki-residue",
        r"^(?:粗体文字|斜体文字|内部链接|外部链接|链接标题|标题文本)$",
        "粗斜内外链标",
    ),
    # [1] 见…, 〔1〕 见…, ※ …: a note's text on its own line
    # (Word numbers endnotes i, ii, iii …)
    BoilerplateRule(
        "footnote", r"^\[(?:\d{1,3}|[ivx]{1,4})\]\s*\S|^〔\d{1,3}〕\s*\S|^※\s*\S", "[〔※"
    ),
)
"""Whole paragraphs that are page chrome, in order of priority."""

TRAILER_START: tuple[BoilerplateRule, ...] = (
    # Wikisource licence templates: 本作品是…, 這部作品在1931年1月1日以前…
    BoilerplateRule(
        "licence", r"^(?:本作品|这部作品|這部作品|此作品)(?:是|来自|來自|在)", "本这這此"
    ),
    BoilerplateRule("footnotes", r"^↑$", "↑"),
    # The notes appended to a collected work: 注释, or 注　　释, which the wide gap
    # splits into 注 and 释.
    BoilerplateRule("footnotes", r"^注(?:\s*释)?[：:]?$", "注"),
    BoilerplateRule(
        "appendix",
        # and any label that names other articles: 【推荐阅读】, 【相关文章】, 【蓝血文章】
        r"^【(?:参考资料|參考資料|相關閱讀|相关链接|[^】]{0,4}(?:文章|阅读))】",
        "【",
    ),
    # 附件： / 附件1：名词解释.doc, and a report's appended glossary
    BoilerplateRule("appendix", r"^(?:附件|附录)\s*\d{0,2}\s*(?:[：:]|$)", "附"),
    BoilerplateRule(
        "appendix",
        r"^(?:附[：:]|《?(?:政府工作报告|工作报告|报告)》?)?"
        r"(?:名词解释|名词、术语注释|名词术语注释|术语注释)[：:]?$",
        "附《政工报名术",
    ),
)
"""A paragraph matching one of these starts a block of boilerplate that runs to the end."""

PARAGRAPH_RULES = RuleTable(
    (*(rule._replace(starts_trailer=True) for rule in TRAILER_START), *LINE_BOILERPLATE)
)
"""Both tables in one, the trailer's rules first: a paragraph is matched once, not
once against each table."""


class SpliceRule(NamedTuple):
    """A fragment of boilerplate spliced into a sentence."""

    name: str
    needle: str
    """A string every match holds: most paragraphs lack it, and ``in`` says so faster
    than the pattern would."""
    pattern: re.Pattern[str]
    screen: str = ""
    """A string the whole text holds whenever the rule can match in it, checked once
    per text, for fragments that no one string finds in a paragraph."""


INLINE_BOILERPLATE: tuple[SpliceRule, ...] = (
    SpliceRule("hidden-content", "当前隐藏内容免费查看", re.compile(r"当前隐藏内容免费查看")),
    SpliceRule("footnote-ref", "[", re.compile(r"\[(?<=\S\[)(?:\d{1,3}|[ivx]{1,4})\]")),
    # ※ after a title or sentence, pointing to an editor's note
    SpliceRule("footnote-ref", "※", re.compile(r"※")),
    # A collected work's 〔1〕 after a word (团结一致向前看”〔1〕的…); not a document
    # number (国发〔99〕12号) nor a note's own mark at a paragraph's start.
    SpliceRule("footnote-ref", "〔", re.compile(r"(?<=[^\s发字注])〔\d{1,3}〕(?![\d号])")),
    # A collected work's note marks ⑴…⒇ after a word (就是说有党八股⑴的毛病): a text
    # that has them has ⑴.  Searching every paragraph for the class cost 7 % of a parse,
    # so only a text that holds ⑴ is searched.
    SpliceRule("footnote-ref", "", re.compile("(?<=\\S)[\u2474-\u2487]"), screen="⑴"),
)
"""Fragments spliced into a speech sentence."""


def splice_rules(source: str) -> tuple[SpliceRule, ...]:
    """The rules of ``INLINE_BOILERPLATE`` that may find something in ``source``."""
    if all(rule.screen in source for rule in INLINE_BOILERPLATE):
        return INLINE_BOILERPLATE
    return tuple(rule for rule in INLINE_BOILERPLATE if rule.screen in source)


BLOCKQUOTE = re.compile(r"^>+\s*")
"""A Markdown blockquote prefix; editors' notes are often quoted (``> 【导读】…``)."""

SPLIT_FOOTNOTE = re.compile(r"^(?:\d{1,3}|[A-Z]{2,5} ?\d{1,3})$")
"""The middle line of a footnote reference that a scrape split as ``[`` / ``1`` / ``]``."""

# ---------------------------------------------------------------- front matter

_AUDIENCE = (
    r"(?:同志|代表|委员|来宾|嘉宾|领导|同仁|专家|老师|同学|朋友|校友|家长|战友|青年"
    r"|同事|同胞|先生|女士|伙伴|师生|干部|职工|员工|乡亲|工作者|英雄|模范|劳模|党员|官兵"
    r"|将士|战士|学员|会员|企业家|科学家|志愿者|运动员|教官|教练|教练员|裁判员|评委|院士"
    r"|学者|教师|校长|观众|听众|网友|读者|市民|村民|居民|考生|选手|股东|记者)"
)
# An address list is written as code around one pattern for a single address, not as
# one pattern per use.  Its words are runs of letters, and what separates them are
# not letters (or the joining words 和及与, which no address holds), so an address
# is always a whole run, and the list is a walk over runs.  The three patterns that
# spelled the lists out (opening address, vocative, bare vocative) were a third of
# what a process start spends compiling patterns, and a line like 和们和们… could
# split into addresses in exponentially many ways, which a walk cannot.
# ``[^\W\d_]`` (a letter of any script) stands for a Han character: a class over the
# CJK range costs the compiler a millisecond, one of three scattered CJK characters
# (``[和及与]``) 0.2 ms, while two look-aheads cost next to nothing.
_HAN = r"(?:(?![和及])(?!与)[^\W\d_])"
"""A letter that is not a joining word: what addresses and names are made of."""
_WORD = re.compile(rf"{_HAN}+")
"""A run of letters: one address, name or greeting."""
_HONOURING = ("尊敬的", "亲爱的", "敬爱的")
"""What opens an address to a person or group by name (尊敬的李主席)."""
_GATHERED = ("各位", "诸位", "全体")
"""What opens an address to those present (各位代表); a body's name may come before it."""
_ADDRESS = re.compile(
    rf"(?:(?:{'|'.join(_HONOURING)}){_HAN}{{1,12}}"
    rf"|(?:{'|'.join(_GATHERED)}|在座的){_HAN}{{0,8}}{_AUDIENCE}们?"
    # a plural (同志们, 乡亲们), not a pronoun (我们, 他们, 人们)
    rf"|{_HAN}{{0,8}}(?!我们|你们|他们|她们|它们|咱们|人们){_HAN}们)"
    rf"(?!{_HAN})"
)
"""One address: a whole ``_WORD``."""
_ADDRESS_OPENINGS = frozenset(word[:2] for word in (*_HONOURING, *_GATHERED, "在座的"))
"""How an address opens that is not a plural (…们 within its first ten letters)."""
_JOINERS = "、，,和及与"
"""What may stand between two addresses, with white space: one or two of them."""
_VOCATIVE_MARKS = "：:！!，,"
"""What ends an address that a sentence goes on from (``同志们，…``)."""
_VOCATIVE_PUNCT = frozenset(_VOCATIVE_MARKS)
_MOST_ADDRESSES = 7
_MOST_SALUTATION_ITEMS = 9
_BODY_NAME = range(2, 17)
"""How long the name of a body addressed before 各位/诸位/全体 may be."""
_GREETINGS = tuple(
    f"{who}{when}好"
    for who in ("大家", "各位", "")
    for when in ("", "早上", "上午", "中午", "下午", "晚上")
    if who or when
)
"""The greetings: 大家好, 大家下午好, 早上好 (none is the start of another)."""
_GREETING = re.compile(f"(?:{'|'.join(_GREETINGS)})$")
"""A greeting at the end of a word: 大家好, 晚上好, 大家晚上好."""
_BARE_END = re.compile(rf"{_one_of('！!：:，,。')}?{_MARKUP_CLOSE}$")
_GREETING_END = re.compile(rf"{_one_of('！!。')}?{_MARKUP_CLOSE}$")
_SALUTATION_END = re.compile(rf"{_one_of(_VOCATIVE_MARKS)}\s*{_MARKUP_CLOSE}$")
_BEFORE_GREETING = re.compile(rf"{_one_of(_VOCATIVE_MARKS)}?\s*$")


def _joined(text: str, start: int) -> int:
    """Where the one or two joiners at ``start`` end (``start`` if there are none)."""
    end = start
    while end < len(text) and end - start < 2 and (text[end] in _JOINERS or text[end].isspace()):
        end += 1
    return end


def _addresses(text: str) -> list[re.Match[str]]:
    """The addresses ``text`` opens with (after Markdown markup), as far as they go
    one after another with one or two joiners between, at most ``_MOST_ADDRESSES``."""
    position = _markup_end(text)
    if (
        text[position : position + 2] not in _ADDRESS_OPENINGS
        and "们" not in text[position : position + 10]
    ):
        return []  # most paragraphs, answered faster than the pattern would
    address = _ADDRESS.match(text, position)
    found: list[re.Match[str]] = []
    while address is not None:
        found.append(address)
        position = _joined(text, address.end())
        if position == address.end() or len(found) == _MOST_ADDRESSES:
            break
        address = _ADDRESS.match(text, position)
    return found


def _vocative_end(text: str, found: list[re.Match[str]]) -> int | None:
    """Where the address list ``found`` at the start of ``text`` ends, with the ``：，！``
    after it: after the most addresses that such a mark follows."""
    for address in reversed(found):
        if text[address.end() : address.end() + 1] in _VOCATIVE_PUNCT:
            return address.end() + 1
    return None


def _is_bare(text: str, found: list[re.Match[str]]) -> bool:
    return bool(found) and _BARE_END.match(text, found[-1].end()) is not None


def opens_with_address(text: str) -> bool:
    """Whether ``text`` opens by addressing the audience (it may say nothing more)."""
    return _vocative_end(text, _addresses(text)) is not None


def turns_to_audience(text: str) -> bool:
    """Whether ``text`` addresses the audience: opens with an address, or is one."""
    found = _addresses(text)
    return _vocative_end(text, found) is not None or _is_bare(text, found)


def opens_with_vocative(text: str) -> bool:
    """Whether ``text`` opens by addressing the audience and goes on after it."""
    return after_vocative(text) is not None


def after_vocative(text: str) -> str | None:
    """What ``text`` says after the address it opens with (``同志们，下面…`` → ``下面…``),
    or None when it opens with none or says nothing more."""
    found = _addresses(text)
    end = _vocative_end(text, found)
    if end is None or _is_bare(text, found):
        return None
    return text[end:]


def is_bare_vocative(text: str) -> bool:
    """Whether ``text`` is nothing but an address list: ``各位代表！``."""
    return _is_bare(text, _addresses(text))


def unmarked(text: str) -> str:
    """``text`` without the Markdown around it: a heading's ``#``s, and ``**``/``__``
    emphasis around the whole paragraph (``**同志们、朋友们！**``)."""
    end = _markup_end(text)
    if not end:
        return text
    emphasis = text[end - 2 : end] if end >= 2 else ""
    if emphasis in ("**", "__") and text.endswith(emphasis) and len(text) >= end + 2:
        return text[end:-2]
    return text[end:]


_NOT_IN_A_BODY_NAME = frozenset("我你他她要向对谢")
"""Pronouns and verbs: ``我们要感谢各位代表：`` opens with a sentence, not a name."""


def is_salutation(text: str) -> bool:
    """Whether ``text`` is an opening address on its own line: ``同志们：``,
    ``各位领导、同志们：大家好！``, ``尊敬的孙教授、董教授，尊敬的老师们：``.

    After the first address, plain names may follow (董教授); the first may be
    preceded by the name of the body addressed (中国共产党全国代表会议各位代表同志们：);
    a greeting (大家好) may end the line.
    """
    body = _salutation_body(text)
    return body is not None and not _NOT_IN_A_BODY_NAME.intersection(body)


def _salutation_body(text: str) -> str | None:
    """The name of the body addressed (``""`` if none) when ``text`` is an opening
    address, else None."""
    if not _may_end_a_salutation(text):
        return None
    start = _markup_end(text)
    words = []
    for word in _WORD.finditer(text, start):
        words.append(word)
        if len(words) > _MOST_SALUTATION_ITEMS + 1:
            return None
    if not words or words[0].start() != start:
        return None
    last = words[-1]
    # The ways the line may end, each as the items before the end.  The last item
    # is ``(word, end)``: a greeting may run on from it in the same word (同志们大家好).
    endings: list[list[tuple[re.Match[str], int]]] = []
    items = [(word, word.end()) for word in words]
    if _SALUTATION_END.match(text, last.end()):  # 同志们：
        endings.append(items)
    greeting = _GREETING.search(last[0]) if _GREETING_END.match(text, last.end()) else None
    if greeting is not None:
        if greeting.start():  # 同志们大家好！
            endings.append([*items[:-1], (last, last.start() + greeting.start())])
        elif len(words) > 1 and _BEFORE_GREETING.match(text[words[-2].end() : last.start()]):
            endings.append(items[:-1])  # 同志们：大家好！
    firsts = [
        text[ending[0][0].start() : ending[0][1]]
        for ending in endings
        if _items_go_on(text, ending)
    ]
    for length in _BODY_NAME:
        for first in firsts:
            rest = first[length:]
            if rest.startswith(_GATHERED) and _ADDRESS.fullmatch(rest):
                return first[:length]
    return "" if any(_ADDRESS.fullmatch(first) for first in firsts) else None


def _may_end_a_salutation(text: str) -> bool:
    """Whether ``text`` ends as an opening address may: with ``：！，`` or a greeting
    (大家好, 大家好！), before any white space and closing markup.  Prose ends otherwise
    (。), and this answers for it before any pattern runs."""
    end = text.rstrip()
    if end.endswith(("**", "__")):
        end = end[:-2].rstrip()
    last = end[-1:]
    return last in _VOCATIVE_PUNCT or last == "好" or (last in "！!。" and end[-2:-1] == "好")


def _items_go_on(text: str, items: list[tuple[re.Match[str], int]]) -> bool:
    """Whether the items after the first follow each other with one or two joiners
    between, each an address or a name of up to six letters."""
    if len(items) > _MOST_SALUTATION_ITEMS:
        return False
    for (before, _), (word, end) in itertools.pairwise(items):
        gap = text[before.end() : word.start()]
        if len(gap) > 2 or _joined(gap, 0) != len(gap):
            return False
        item = text[word.start() : end]
        if len(item) > 6 and _ADDRESS.fullmatch(item) is None:
            return False
    return True


def opens_with_greeting(text: str) -> bool:
    """Whether ``text`` opens by greeting the audience: ``大家好！``, ``大家中午好！``,
    ``大家好，我是张小龙。``; not ``大家好好学习``."""
    rest = text[_markup_end(text) :]
    for greeting in _GREETINGS:
        if rest.startswith(greeting):
            return rest[len(greeting) : len(greeting) + 1] in _AFTER_GREETING
    return False


_AFTER_GREETING = frozenset(("", "！", "!", "，", ",", "。", "*", "_"))
"""What may follow a greeting: its end, a punctuation mark, closing emphasis."""


def opens_with_closing_formula(text: str) -> bool:
    return CLOSING_FORMULAS.match(text) is not None


def closes_with_thanks(text: str) -> bool:
    """Whether ``text`` ends by thanking the audience: ``最后，希望……谢谢大家！``."""
    return THANKS_AT_END.search(text) is not None


def opens_with_wrap_up(text: str) -> bool:
    """Whether ``text`` opens the way a speech winds up: a closing formula, or a last
    wish (``最后，祝大家…``).  Such a paragraph never numbers a point."""
    return opens_with_closing_formula(text) or LAST_WISH.match(text) is not None


def is_closing_heading(text: str) -> bool:
    return CLOSING_HEADING.match(text) is not None


CLOSING_FORMULAS = re.compile(
    rf"^{_MARKUP_OPEN}(?:谢谢大家|谢谢各位|谢谢！|谢谢!|谢谢。|谢谢{_MARKUP_CLOSE}$|今天的会议就开到这里|今天的会就开到这里|散会"
    r"|总之[，,]|总而言之[，,]|综上所述[，,]|总的来说|总的说来|最后[，,](?:让我们|谢谢|(?:衷心|真诚|诚挚)?地?感谢)|让我们"
    r"|我(?:今天)?就讲(?:这些|到这里)|我的(?:讲话|发言|汇报)(?:就到这里|到此结束|完毕)|(?:以上|上面)(?:就是)?我(?:讲|谈)的"
    r"|(?:再次|再一次)?感谢大家)"
)
"""Thanks and adjourn formulas and wrap-up connectives that open a closing."""

THANKS_AT_END = re.compile(
    rf"谢谢(?:大家|各位)?{_one_of('！!。')}?{_MARKUP_CLOSE}"
    # …谢谢大家！（2015年10月13日）: the date the speech was given, after the thanks
    r"(?:\s*[（(]\d{4}年[^（()）]{0,12}[）)])?$"
)
"""Thanks that end a paragraph: the paragraph is the speaker's last word."""

LAST_WISH = re.compile(rf"^{_MARKUP_OPEN}最后[，,]?(?:祝|预祝|衷心祝)")
"""``最后，祝…``: a wish that ends a speech, never the last point of a list.  Not a
closing by itself: a thanks or the speaker's last words may still follow it
(``最后，预祝本次培训班圆满成功！`` / ``我的发言完毕，谢谢大家！``)."""

CLOSING_HEADING = re.compile(
    rf"^{_MARKUP_OPEN}(?:结束语|结语|结束语[：:]|结 束 语){_MARKUP_CLOSE}$"
)
"""An unnumbered heading that announces the wrap-up of a report."""

SUBTITLE = re.compile(rf"^(?:——|－－|--|—)(?!{_DASH_OR_SPACE}*$)")
"""A dash, then words (``---`` alone is a Markdown rule, not a subtitle)."""
DATE_LINE = re.compile(
    # A year alone, or a year and a month and what follows (日, 上午, 在…会议上):
    # 2024年新年献词：… names a year and is a title.  In 在…上 the meeting's name may
    # be long (2026年1月14日在浙江省第十四届人民代表大会第四次会议上).
    rf"^[（(]?\s*(?:(?:\d{{4}}|{_one_of('一二三四五六七八九〇零○')}{{4}})\s*年"
    rf"(?:\s*(?:\d{{1,2}}|{_one_of(CN + '〇零○')}{{1,3}})\s*月"
    rf"(?:{_NOT_DATE_END}{{0,20}}|{_NOT_DATE_END}{{0,12}}在{_NOT_DATE_END}{{2,40}}上))?"
    r"|\d{4}[.．/-]\d{1,2}[.．/-]\d{1,2}[日]?)[）)]?$"
)
MATERIALS_LABEL = re.compile(r"(?:学习|参考|推荐|辅导|阅读)(?:材料|资料)")
"""A study site's label over the texts it posts (``党委理论学习中心组学习材料``): it
names a collection, never a speech, and is never a title line."""

TRANSCRIPT_INTRO = re.compile(
    r"(?:以下|下面)(?:为|是)[^。我]{0,30}"
    r"(?:实录|全文|原文|讲话|演讲|发言|致辞)(?:内容)?(?:[，,][^。：:]{0,12})?[：:]"
)
"""What introduces the transcript a news page or a post carries: ``以下为马云演讲实录：``,
``…人因梦想而伟大！以下是演讲全文：``, or glued to the speech's first words
(``…庆典以下是演讲全文：过去我介绍金山，…``); a word from the editor may come before the
colon (``以下为演讲实录，界面创业略作编辑：``).  Not the speaker's own ``下面是我的发言：``."""

PAREN_LINE = re.compile(r"^[（(][^（()）]{1,40}[）)]$")


def is_han(char: str) -> bool:
    """Whether ``char`` is a CJK unified ideograph (U+4E00–U+9FFF)."""
    return "\u4e00" <= char <= "\u9fff"


SPEAKER_ROLES = (
    "书记",
    "校长",
    "院长",
    "主任",
    "局长",
    "市长",
    "县长",
    "区长",
    "省长",
    "部长",
    "厅长",
    "处长",
    "主席",
    "总理",
    "董事长",
    "总经理",
    "会长",
    "理事长",
    "秘书长",
)
"""Posts that may stand before a speaker's name on a byline: ``绍兴一中党委书记、校长 王 琛``."""


def is_speaker_line(text: str) -> bool:
    """A name on its own line (``习近平``, ``王  刚``, ``阿卜杜·热合曼``), or a post and
    then, after a space, a name (``绍兴一中党委书记、校长 王 琛``).

    A name is two to eleven characters, Han but for spaces and ``·``, opening with
    a Han character.  (Code, not a pattern: a class over the CJK range costs the
    regex compiler a millisecond.)
    """
    if _is_name(text):
        return True
    for role in SPEAKER_ROLES:
        post, found, name = text.rpartition(role)
        if found and post and name[:1].isspace() and _is_name(name.strip()):
            return len(post) <= 40 and not any(mark in post for mark in "。！？；")
    return False


def _is_name(text: str) -> bool:
    return (
        2 <= len(text) <= 11
        and is_han(text[0])
        and all(is_han(char) or char.isspace() or char == "·" for char in text[1:])
    )


YAML_FENCE = "---"
YAML_KEY = re.compile(r"[A-Za-z_][\w-]*:(?:\s|$)")
"""A front-matter field, ``title: …``: what a block that Hexo writes without its
opening fence starts with."""
YAML_LINE = re.compile(r"[A-Za-z_][\w-]*:(?:\s|$)|-\s")
"""A line of front matter: a field, or an item of a list (``- 感触``)."""
MAX_YAML_LINES = 60
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+\S")
TITLE_END_FORBIDDEN = "。；;，,：:、！!"
"""A title line never ends with one of these (but ``！`` on a title's last line when
front matter or the salutation confirms it: 欢迎你为“求真”而来！)."""
"""A title line never ends with one of these."""
MAX_TITLE_LINE = 80
MAX_TITLE_LINES = 3

# Announcements are searched for, so their classes stay single classes, which the
# engine scans for fast (``_one_of`` is for patterns matched at a paragraph's start).
_COUNT = r"(?P<count>[一二三四五六七八九十两几\d]{1,2})"
_COUNTED_WORDS = (
    "点",
    "个方面",
    "方面",
    "个问题",
    "个要求",
    "条",
    "句话",
    "件事",
    "个故事",
    "个部分",
    "部分",
)
_COUNTED = "(?:" + "|".join(_COUNTED_WORDS) + ")"
ANNOUNCEMENTS = (
    # 讲三点意见 / 提以下四个方面
    re.compile(
        rf"(?:讲|谈|提|说|强调|讲讲|谈谈|提出|汇报|报告|交流|分享)了?(?:以下|下面|这么|如下)?{_COUNT}{_COUNTED}"
    ),
    # 有两点要求 / 我有四句话送给大家: after 我 or 还 anything may follow the count,
    # otherwise a word must say what is counted.
    re.compile(
        rf"(?P<who>[我还])?有{_COUNT}{_COUNTED}(?(who)|(?:希望|要求|意见|建议|想法|体会|看法))"
    ),
    # 就…从三个方面作一简要汇报 / 就这三个问题作一简单介绍 / 两个方面问题 … 交流 comes first, count after
    re.compile(
        rf"{_COUNT}{_COUNTED}[^。；！？，,]{{0,6}}?(?:作|做|进行)?一?(?:简要|简单)?"
        r"(?:汇报|报告|交流|说明|介绍)"
    ),
    re.compile(rf"(?:交流|汇报|谈谈|讲讲)[^。；！？]{{0,30}}?{_COUNT}{_COUNTED}"),
    # 从…、…、…六个方面，就…作一汇报 / 从“…”三个方面作一表态发言
    re.compile(
        rf"从[^。；！？]{{0,60}}?{_COUNT}个?方面[^。；！？]{{0,40}}?"
        r"(?:汇报|报告|交流|说明|介绍|发言|谈|讲)"
    ),
)
"""An opening that announces how many parts follow (``下面，我讲三点意见``)."""


def announced_count(text: str) -> int | None:
    """The count announced in ``text``; None when there is none.

    The first definite announcement in the text wins, whichever pattern of
    ``ANNOUNCEMENTS`` finds it.  A vague one (``几点``) does not count, and a later
    one may still say the number: ``我现在讲几点意见。……一共讲六点`` → 6.  Nor does
    one: ``我想讲一点我们的经济工作`` is "a little", and a speech with a single topic
    does not announce it by number.
    """
    if not any(word in text for word in _COUNTED_WORDS):
        return None  # every announcement names what it counts; most paragraphs do not
    found = sorted(
        (m for pattern in ANNOUNCEMENTS for m in pattern.finditer(text)), key=lambda m: m.start()
    )
    for announcement in found:
        count = announcement["count"]
        value = int(count) if count.isdigit() else cn_value(count) if count != "两" else 2
        if value is not None and value > 1:
            return value
    return None
