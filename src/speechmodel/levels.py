"""Stage 4: classified lines → the token stream the grammar parses.

This stage decides which paragraph-initial markers really number the speech,
and how deep each one sits.  Depth is not fixed by a marker's style: it follows
the order in which styles are met, as reStructuredText does for title
adornments.  It also finds the closing and the boilerplate trailer.

The rules, in order:

1. A marker counts only inside a *run*: two or more paragraph-initial markers of
   one style with consecutive values (one missing number is tolerated).  A lone
   ``首先，`` or a lone ``一是`` is an ordinary paragraph, and so are ``其次…`` and
   ``最后，…`` without a ``首先`` before them (a third such word makes a list).
2. When the text uses a part style (``一、``, a bare numeral line, ``第一部分``),
   those are the parts; markers before the first part are ordinary paragraphs.
   Otherwise the first run met forms the parts.
3. A marker of a style already open continues that list (or restarts it, for
   value 1).  A new style starting at 1 nests under the current item when that
   item is a heading (its paragraph holds nothing after the lead sentence, or
   ends with a colon), when the GB/T 9704 ladder puts it lower, or inside a
   part; only at the top of a text without part styles does it start a sibling
   sequence after a full paragraph.  A new style that continues the number of
   the parts joins them (``一、`` ``二、`` then ``第三，``), unless the parts give
   that number themselves later: then its first item was inline, under the part.
   Ordinals with a counted noun (``第二个问题``) are one style with ``第一，`` unless
   a plain ``第一，`` starts between two of them: then they are a style of their own.
4. In a speech numbered in parts, numbering that starts afresh after a wrap-up
   paragraph (``同志们，…``) that follows the last part is not the speech's: it
   enumerates inside the closing, or belongs to a text the page appended.  A
   wrap-up formula (``最后，祝…``) never numbers a point.
5. The closing is looked for after the last item: the first wrap-up formula or
   vocative after the last bare vocative paragraph (``各位代表！``), which in
   long reports separates the unnumbered sections that follow the parts;
   without numbering, the last vocative.
6. Nesting stops at ``MAX_DEPTH``: a deeper marker is an ordinary paragraph.  No
   real speech comes near it; the cap keeps hostile input from building a tree
   deeper than the recursive code after the parse (JSON, equality) can follow.

Every candidate marker that is not taken is recorded in ``Layout.rejected`` with
the reason (one of ``REJECTED``), so that ``diagnostics`` can say why.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from lark import Token

from speechmodel import tables
from speechmodel.classify import (
    BOILERPLATE,
    CONTENT,
    FRONT,
    OPENING_SALUTATION,
    SALUTATION,
    TITLE,
    Line,
)
from speechmodel.ids import IdMaker

__all__ = ["MAX_DEPTH", "REJECTED", "Item", "Layout", "layout", "tokens"]

OPENING_WINDOW = 3
"""Without parts, how many body paragraphs may announce the count."""

MAX_DEPTH = 64
"""How deep points may nest (a part is depth 0); see rule 5."""

REJECTED = {
    "lone": "no other marker of its style continues its numbering, so it is not in a run",
    "before-part": "it comes before the first part, and the text uses a part style",
    "too-deep": f"it would nest deeper than {MAX_DEPTH} levels",
    "after-closing": "it numbers afresh after the wrap-up of a speech numbered in parts",
    "wrap-up": "its paragraph is a wrap-up formula (最后，让我们… / 最后，祝…)",
}
"""Why a candidate marker was not taken: reason key → explanation."""


class Item(NamedTuple):
    """A line accepted as a numbered part or point; the value of its grammar token."""

    line: Line
    depth: int
    value: int
    """The marker's value, with ``最后`` resolved to the next number."""
    id: str
    """The node's id (docs/ids.md), from the values of the items before it."""

    def __str__(self) -> str:
        return self.line.text


class Layout(NamedTuple):
    """What this stage decided about a classified text."""

    lines: Sequence[Line]
    items: dict[int, Item]
    """Line index → its item, for lines that number a part or point."""
    closing: int | None
    """Index of the first closing line."""
    trailer: int
    """Index of the first line of trailing boilerplate (``len(lines)`` if none)."""
    announced: int | None
    announced_line: int | None
    """Index of the line that announces the count, when ``announced`` is not None."""
    rejected: dict[int, str]
    """Line index → reason key (see ``REJECTED``), for candidate markers not taken."""


def layout(lines: Sequence[Line]) -> Layout:
    marked = [i for i, line in enumerate(lines) if line.marker is not None]
    # A wrap-up formula never numbers a point, even when it opens with 最后，.
    wrap_ups = {i for i in marked if tables.opens_with_wrap_up(lines[i].text)}
    candidates = [i for i in marked if i not in wrap_ups]
    _separate_counted_ordinals(lines, candidates)
    _demote_an_enclosed_part_list(lines, candidates)
    values = _runs(lines, candidates)
    rejected = {i: "lone" for i in candidates if i not in values}
    rejected.update(dict.fromkeys(wrap_ups, "wrap-up"))
    items = _nest(lines, [i for i in candidates if i in values], values, rejected)
    items = _end_at_wrap_up(lines, items, rejected)
    trailer = len(lines)
    while trailer > 0 and lines[trailer - 1].kind == BOILERPLATE:
        trailer -= 1
    closing = _closing(lines, items, trailer)
    announced_line = _announced(lines, items)
    return Layout(
        lines=lines,
        items=items,
        closing=closing,
        trailer=trailer,
        announced=None if announced_line is None else announced_line[1],
        announced_line=None if announced_line is None else announced_line[0],
        rejected=dict(sorted(rejected.items())),
    )


# ---------------------------------------------------------------- runs


def _runs(lines: Sequence[Line], candidates: Sequence[int]) -> dict[int, int]:
    """Candidates that belong to a run of two or more, with their resolved values."""
    part_runs = _runs_of(lines, [i for i in candidates if _marker(lines, i).part_style], ())
    breaks = sorted(part_runs)
    other = [i for i in candidates if not _marker(lines, i).part_style]
    accepted = {**part_runs, **_runs_of(lines, other, breaks)}
    # A lone marker that goes on with the parts' numbering in another style is a
    # part all the same (一、 二、 then 第三，).
    for index in other:
        before = bisect.bisect_left(breaks, index)
        marker = _marker(lines, index)
        if (
            index not in accepted
            and before
            and part_runs[breaks[before - 1]] == marker.value - 1
            and _may_number_parts_of(_marker(lines, breaks[before - 1]).style, marker.style)
        ):
            accepted[index] = marker.value
    _join_other_verbs(lines, other, accepted)
    return accepted


def _may_number_parts_of(parts: str, style: str) -> bool:
    """Whether a marker in ``style`` may go on with the numbering of parts in the style
    ``parts`` (一、 二、 then 第三，).  Not a run-in point after parts of another kind
    (三是…): its list began inline (…一是…。二是…。), under the part; run-in parts go
    on in another verb (一要, 二是要, 三是要)."""
    return tables.is_run_in(parts) or not tables.is_run_in(style)


def _demote_an_enclosed_part_list(lines: Sequence[Line], candidates: Sequence[int]) -> None:
    """Take the part style from ``一、`` markers that stand inside headings proper (no
    sentence end) numbered from 1 in another style, which are the parts then:
    ``（一）关于经济形势`` … ``（二）关于经济体制改革`` … ``一、…。`` ``二、…。`` ``三、…。``
    (1985: one list of one-paragraph items, while a text's parts have their own
    paragraphs between them), or ``（一）`` … ``（二）`` … ``一、``…``十、`` …
    ``（三）`` (1981: the headings go on after the list)."""
    listed = [i for i in candidates if _marker(lines, i).part_style]
    if len(listed) < 2:
        return
    # (A run-in style counts only in runs: a lone 五届人大… is not a heading.)
    above = [
        i for i in candidates if i < listed[0] and not tables.is_run_in(_marker(lines, i).style)
    ]
    styles = {_marker(lines, i).style for i in above}
    values = [_marker(lines, i).value for i in above]
    if len(above) < 2 or len(styles) != 1 or values != list(range(1, len(above) + 1)):
        return
    if not all(_heading_and_sentence(lines[i]) == (True, False) for i in above):
        return
    one_list = all(after == before + 1 for before, after in itertools.pairwise(listed)) and [
        _marker(lines, i).value for i in listed
    ] == list(range(1, len(listed) + 1))
    (style,) = styles
    going_on = any(
        _marker(lines, i).style == style and _marker(lines, i).value == len(above) + 1
        for i in candidates
        if i > listed[0]
    )
    if one_list or going_on:
        for index in listed:
            marker = _marker(lines, index)
            lines[index].marker = marker._replace(part_style=False)


def _separate_counted_ordinals(lines: Sequence[Line], candidates: Sequence[int]) -> None:
    """Give ordinals with a counted noun a style of their own (``第一个问题``) when a
    plain ``第一，`` starts between two of them: ``第二个问题：…`` / ``第一，…`` /
    ``第二，…`` / ``第三个问题：…`` is a list inside a list.  Otherwise one family
    takes both, as speakers mix them in one list (``第二个问题…``, ``第三点…``)."""
    ordinals = [
        i
        for i in candidates
        if _marker(lines, i).style == tables.ORDINAL and _marker(lines, i).label[:1] == "第"
    ]
    counted: dict[str, list[int]] = {}
    for index in ordinals:
        noun = _marker(lines, index).label[1:].lstrip(tables.CN)  # 第二个问题 → 个问题
        if noun:
            counted.setdefault(noun, []).append(index)
    plain_ones = [i for i in ordinals if _marker(lines, i).label == tables.ORDINAL]
    for noun, indices in counted.items():
        if any(
            _marker(lines, after).value == _marker(lines, before).value + 1
            and bisect.bisect_right(plain_ones, before) < bisect.bisect_left(plain_ones, after)
            for before, after in itertools.pairwise(indices)
        ):
            for index in indices:
                marker = _marker(lines, index)
                lines[index].marker = marker._replace(style=tables.ORDINAL + noun)


def _join_other_verbs(
    lines: Sequence[Line], candidates: Sequence[int], accepted: dict[int, int]
) -> None:
    """Accept a lone numeral + verb marker that numbers on from the run next to it in
    another verb: 一要… then 二是要…, 三是要… (or 一是…, 二是…, then 三要…).  Speakers
    vary the verb; the numbering shows it is one list."""
    for position, index in enumerate(candidates):
        marker = _marker(lines, index)
        if index in accepted or not tables.is_run_in(marker.style):
            continue
        for neighbour, step in ((position + 1, 1), (position - 1, -1)):
            if not 0 <= neighbour < len(candidates):
                continue
            other = candidates[neighbour]
            found = _marker(lines, other)
            if (
                other in accepted
                and tables.is_run_in(found.style)
                and found.style != marker.style
                and accepted[other] == marker.value + step
            ):
                accepted[index] = marker.value
                break


def _runs_of(
    lines: Sequence[Line], candidates: Sequence[int], breaks: Sequence[int]
) -> dict[int, int]:
    accepted: dict[int, int] = {}
    open_runs: dict[str, list[tuple[int, int]]] = {}
    # The runs that a restart at 1 left, which may go on after the restarted one
    # (二、… 一、… 五、 三、 in a 1986 report: the second list is inside 二、).
    left: dict[str, list[list[tuple[int, int]]]] = {}
    pending_breaks = list(reversed(breaks))

    def settle(run: list[tuple[int, int]]) -> None:
        # A run holds two consecutive numbers at least (第四，… 第六，… is not one).
        # 其次 and 最后 also open paragraphs of argument (其次讲一讲…, 最后，我们…): a list of
        # these words that does not open with 首先 needs a third item to be one.
        if 0 < len(run) < 3 and run[0][1] != 1 and _words_only(lines, run):
            return
        if any(b[1] - a[1] == 1 for a, b in itertools.pairwise(run)):
            accepted.update(run)

    def close(style: str) -> None:
        settle(open_runs.pop(style, []))
        for run in left.pop(style, []):
            settle(run)

    following = _next_of_style(lines, candidates)
    for index in candidates:
        while pending_breaks and pending_breaks[-1] < index:
            pending_breaks.pop()
            for style in list(open_runs):
                close(style)
        marker = _marker(lines, index)
        run = open_runs.get(marker.style)
        outer = left.get(marker.style)
        if run and outer and marker.value == outer[-1][-1][1] + 1 != run[-1][1] + 1:
            # The list a restart left goes on: the restarted one is over.
            settle(run)
            run = open_runs[marker.style] = outer.pop()
            run.append((index, marker.value))
            continue
        # The next value, one skipped, or the same again (三、 … 三、结语): authors
        # misnumber, and the item still numbers the list.  A 1 again starts a new
        # list (首先，… then 第一，第二，…).
        step = marker.value - run[-1][1] if run else 0
        if run and (marker.value == 0 or 0 < step <= 2 or (step == 0 and marker.value > 1)):
            run.append((index, marker.value or run[-1][1] + 1))
            continue
        if run and len(run) == 1 and run[0][1] == 1 == marker.value and index in following:
            # 第一，… then 首先要强调的是，… then 第二，…: the other word for one is the
            # first item's prose, and the list goes on in the first item's words.
            after = following[index]
            if _by_word(lines, after) == _by_word(lines, run[0][0]) != _by_word(lines, index):
                continue
        if run and len(run) > 1 and marker.value == 1:
            left.setdefault(marker.style, []).append(run)  # settled when the style closes
            open_runs[marker.style] = [(index, 1)]
            continue
        close(marker.style)
        if marker.value != 0:
            open_runs[marker.style] = [(index, marker.value)]
    for style in list(open_runs):
        close(style)
    return accepted


def _words_only(lines: Sequence[Line], run: Sequence[tuple[int, int]]) -> bool:
    """Whether every item of ``run`` is numbered by a word (首先, 其次, 再次, 最后)."""
    return all(_by_word(lines, index) for index, _ in run)


def _by_word(lines: Sequence[Line], index: int) -> bool:
    """Whether the marker on line ``index`` is a word (首先, 其次…), not a numeral."""
    return _marker(lines, index).label[:2] in tables.WORD_VALUES


def _next_of_style(lines: Sequence[Line], candidates: Sequence[int]) -> dict[int, int]:
    """Candidate → the next candidate of its style, for those that have one."""
    following: dict[int, int] = {}
    last: dict[str, int] = {}
    for index in reversed(candidates):
        style = _marker(lines, index).style
        if style in last:
            following[index] = last[style]
        last[style] = index
    return following


def _marker(lines: Sequence[Line], index: int) -> tables.MarkerMatch:
    marker = lines[index].marker
    assert marker is not None
    return marker


# ---------------------------------------------------------------- nesting


class _Level:
    """One open depth: the styles met there (style → last value) and its current item."""

    __slots__ = ("heading", "last", "line", "part_style", "sentence", "style")

    def __init__(self, last: dict[str, int], style: str, part_style: bool) -> None:
        self.last = last
        self.style = style
        """The style of the current item at this depth."""
        self.part_style = part_style
        self.heading = False
        """Whether the current item at this depth is a heading (sub-lists nest under it)."""
        self.sentence = False
        """Whether the current item's line ends a sentence (a heading proper does not)."""
        self.line = 0
        """The index of the current item's line."""

    def take(self, style: str, lines: Sequence[Line], index: int) -> None:
        """Make the item on line ``index``, in ``style``, the current one at this depth."""
        self.style = style
        self.heading, self.sentence = _heading_and_sentence(lines[index])
        self.line = index


def _nest(
    lines: Sequence[Line],
    accepted: Sequence[int],
    values: dict[int, int],
    rejected: dict[int, str],
) -> dict[int, Item]:
    items: dict[int, Item] = {}
    uses_part_styles = any(_marker(lines, i).part_style for i in accepted)
    stack: list[_Level] = []
    later = _Later(lines, accepted, values)
    ids = IdMaker()
    for position, index in enumerate(accepted):
        marker = _marker(lines, index)
        if uses_part_styles and not stack and not marker.part_style:
            rejected[index] = "before-part"  # a point before the first part: a paragraph
            continue
        value = values[index]
        later.start = position + 1
        depth = _place(stack, marker, value, lines, index, later)
        if depth >= MAX_DEPTH:
            rejected[index] = "too-deep"
            continue
        if depth == len(stack):
            stack.append(_Level({}, marker.style, marker.part_style))
        else:
            del stack[depth + 1 :]
        stack[depth].last[marker.style] = value
        stack[depth].take(marker.style, lines, index)
        items[index] = Item(line=lines[index], depth=depth, value=value, id=ids.next(depth, value))
    return items


ELABORATION_GAP = 2
"""How many plain paragraphs may stand between a point that is a sentence and a new
list that elaborates it (其次是…。 / 1993年以后的人有以下特征： / 一是…; 第二，…。 /
a paragraph / 那么，…有哪些课题…呢？ / 一是…).  After more, the speech has moved on
and the new list is the point's sibling: （七）…。 and four paragraphs of summing
up, then 一是…四是 the problems.  (Under a part, or a point that is a heading
proper, paragraphs often come before the list; there the gap does not count, nor
when the point's own list goes on after the new one.)"""


RUN_IN_GAP = 0
"""``ELABORATION_GAP`` under a run-in point (一是…, 一要…), the lowest level of a text:
a list elaborates it only right after it.  After a paragraph, even one that
introduces a list (…五是加大扶贫开发力度。 / 全面加强“三农”工作要采取以下措施： / 一要…,
a 2009 report), or after a new topic's paragraphs (三要… / 促进房地产市场…。一是…。 /
建设… / 二是…, 2010), the new list is the next one of the level above."""

RESUME_WINDOW = 100
"""How many items ahead ``_Later.resume`` looks for the point list going on.  The lists
that stand between two items of a point list are short (three, ten items); looking
further would make placing a text's items take time that grows with its square, as a
text of many new lists (一要…, 一抓…, 一查… each under a point) showed."""


class _Gap(NamedTuple):
    """What stands between the innermost open item and a new item."""

    paragraphs: int
    """How many plain paragraphs."""
    addressed: bool
    """Whether one of them turns to the audience (各位代表！…): the speech is back at
    its own level, and what follows elaborates no point."""


def _gap(lines: Sequence[Line], stack: Sequence[_Level], index: int) -> _Gap:
    between = [line for line in lines[stack[-1].line + 1 : index] if line.kind == CONTENT]
    addressed = any(tables.turns_to_audience(line.text) for line in between)
    return _Gap(len(between), addressed)


class _Later:
    """The items after the one being placed: ``accepted[start:]``, ``start`` moving on
    as the items are placed."""

    __slots__ = ("_by_style", "accepted", "lines", "start", "values")

    def __init__(
        self, lines: Sequence[Line], accepted: Sequence[int], values: dict[int, int]
    ) -> None:
        self.lines = lines
        self.accepted = accepted
        self.values = values
        self.start = 0
        self._by_style: dict[str, list[int]] = {}
        """Each style's positions in ``accepted``, in order."""
        for position, index in enumerate(accepted):
            self._by_style.setdefault(_marker(lines, index).style, []).append(position)

    def next_value(self, style: str) -> int | None:
        """The value of the next item in ``style``, if there is one."""
        positions = self._by_style.get(style, [])
        found = bisect.bisect_left(positions, self.start)
        return self.values[self.accepted[positions[found]]] if found < len(positions) else None

    def goes_on_after(self, style: str, value: int) -> bool:
        """Whether, after the items of ``style`` that count on from this one (2, 3, …,
        with lists restarted inside them and ended), the next item of ``style`` is
        ``value``: the list this one restarted goes on."""
        positions = self._by_style.get(style, [])
        found = bisect.bisect_left(positions, self.start)
        expected = [2]  # the next number of this list, and of lists restarted inside it
        for position in positions[found : found + RESUME_WINDOW]:
            number = self.values[self.accepted[position]]
            if number == expected[-1]:
                expected[-1] += 1
            elif number == 1:
                expected.append(2)
            elif len(expected) > 1 and number == expected[-2]:
                expected.pop()
                expected[-1] += 1
            else:
                return len(expected) == 1 and number == value
        return False

    def resume(self, stack: Sequence[_Level]) -> bool:
        """Whether the innermost list goes on (its next number) before any list above it,
        within ``RESUME_WINDOW`` items."""
        current = stack[-1]
        above = {style for level in stack[:-1] for style in level.last}
        end = self.start + RESUME_WINDOW
        for index in itertools.islice(self.accepted, self.start, end):
            style = _marker(self.lines, index).style
            if style == current.style:
                return self.values[index] == current.last[style] + 1
            if style in above:
                return False
        return False


def _place(
    stack: Sequence[_Level],
    marker: tables.MarkerMatch,
    value: int,
    lines: Sequence[Line],
    index: int,
    later: _Later,
) -> int:
    """The depth of the new item on line ``index``."""
    depths = [depth for depth in range(len(stack) - 1, -1, -1) if marker.style in stack[depth].last]
    if depths:
        # It continues, skips ahead in, or restarts the innermost list of its style;
        # or it goes on with a list above that one, whose next number it is (the
        # list inside has ended); or it restarts its style's list inside the item
        # of that list, which goes on after it (二、… 一、…五、 三、).
        inner = depths[0]
        last = stack[inner].last[marker.style]
        if value != last + 1:
            for depth in depths[1:]:
                if value == stack[depth].last[marker.style] + 1:
                    return depth
            if value == 1 and last > 1 and later.goes_on_after(marker.style, last + 1):
                return inner + 1
        return inner
    if not stack:
        return 0
    parts = stack[0].style
    if (
        value > 1
        and value - 1 == stack[0].last[parts]
        and _may_number_parts_of(parts, marker.style)
        and later.next_value(parts) != value
    ):
        # 一、 二、 then 第三，: the ordinal of the parts goes on in another style.  Not
        # when the parts give that number themselves later (## 一, （二）…（五）, ## 二):
        # then the other style's list began inline, under the part.
        return 0
    # A new list, usually from 1; from a later number when its first items were inline
    # (…主要抓好三个方面：一是…。 then 二是…, 三是… as paragraphs).
    current = stack[-1]
    if len(stack) > 1:
        # Under a point, a new list elaborates it: anywhere under a heading proper
        # (（二）以…构建课程体系, its paragraphs, then 1.…), and after a sentence
        # only when it follows closely (一是… after the paragraph 其次是…。).  Run-in
        # points (一是…, 一要…) are the lowest level of a text: a token list after
        # one (（一）…, 1.…) is its sibling, unless the point is a heading.
        # A list whose first items were inline (value > 1) began in the paragraph
        # just before it, inside this point: it follows closely wherever it is;
        # except under a run-in point, the lowest level, after which a new topic's
        # paragraph often holds the next list's first item (RUN_IN_GAP).
        # A list that the current one resumes after stands inside its item, whatever
        # stands between: （九）…, 各位代表！…, 1.…10., （十）, or 第一，…, three
        # paragraphs, 一是…三是, 第二，…; two interleaved lists at one depth are no
        # reading of a speech.
        gap = _gap(lines, stack, index)
        lowest = tables.is_run_in(current.style)
        close = (
            not gap.addressed
            and (
                (current.heading and not current.sentence)
                or gap.paragraphs <= (RUN_IN_GAP if lowest else ELABORATION_GAP)
                or (value > 1 and not lowest)
            )
        ) or later.resume(stack)  # last: it looks ahead, which the others need not
        nests = close and (current.heading or not (lowest and marker.style in tables.LADDER))
    else:
        # Under a part, a new style nests when the part is a heading, a part style
        # numbers the parts, or the ladder of styles puts it below.  At the top,
        # where runs of 一是, 一要 … are the parts themselves, it starts a sibling
        # sequence.
        nests = (
            current.heading
            or (current.part_style and not marker.part_style)
            or tables.ranks_below(marker.style, current.style)
        )
    return len(stack) if nests else len(stack) - 1


def _heading_and_sentence(line: Line) -> tuple[bool, bool]:
    """Whether a marker line is a heading (nothing after its lead sentence, or a colon
    at the end), and whether it holds a sentence end (。！？；) at all."""
    assert line.marker is not None
    rest = line.text[line.marker.end :]
    found = tables.LEAD_END.search(rest)
    heading = rest.endswith(("：", ":")) or found is None or found.end() >= len(rest.rstrip())
    return heading, found is not None


def _is_heading(line: Line) -> bool:
    return _heading_and_sentence(line)[0]


# ---------------------------------------------------------------- closing


def _end_at_wrap_up(
    lines: Sequence[Line], items: dict[int, Item], rejected: dict[int, str]
) -> dict[int, Item]:
    """Drop the numbering that follows the wrap-up of a speech numbered in parts.

    After the last part, a wrap-up paragraph (``同志们，…``, ``总之，…``) that is
    followed by numbering starting afresh at 1 ends the speech: the numbers after
    it enumerate inside the closing (``一是要…二是要…``), or belong to another
    text the page appended (its own ``一、``).  Numbering that goes on from before
    (``第三，``) means the speech has not ended, and so does another wrap-up after
    the new numbering: the first was a transition (a report's review, 同志们，过去
    的一年…, then its tasks 一、…六、 and 同志们，今年…).
    """
    order = sorted(items)
    if not order or not _marker(lines, order[0]).part_style:
        return items
    # Where the first run of parts last went on (二、 after 一、 …): the speech runs at
    # least that far.  A later run that restarts at 一、 may be an appended text.
    parts = [i for i in order if items[i].depth == 0]
    restart = next((p for p in parts[1:] if items[p].value == 1), None)
    last_part = max(p for p in parts if restart is None or p < restart)
    closes_later: bool | None = None  # whether a wrap-up follows the last item
    styles_met: set[str] = set()
    for position, after in enumerate(order):
        restarts = items[after].value == 1 and _marker(lines, after).style in styles_met
        styles_met.add(_marker(lines, after).style)
        if after < last_part or not restarts:
            continue
        before = order[position - 1]
        if not any(_is_wrap_up(lines[i]) for i in range(before + 1, after)):
            continue
        if closes_later is None:
            closes_later = any(_is_wrap_up(line) for line in lines[order[-1] + 1 :])
        if not closes_later:
            for index in order[position:]:
                rejected[index] = "after-closing"
            return {i: items[i] for i in order[:position]}
    return items


def _is_wrap_up(line: Line) -> bool:
    return line.kind == CONTENT and (
        tables.opens_with_vocative(line.text) or tables.opens_with_wrap_up(line.text)
    )


def _closing(lines: Sequence[Line], items: dict[int, Item], trailer: int) -> int | None:
    body = [i for i, line in enumerate(lines[:trailer]) if line.kind == CONTENT]
    if items:
        after = max(items) + 1
    elif len(body) > 1:
        after = body[0] + 1
    else:
        return None
    region = [i for i in body if i >= after]
    # A 结束语 heading says where the wrap-up starts: look for the closing after it,
    # or take the paragraph that follows it.
    heading = next((i for i in region if tables.is_closing_heading(lines[i].text)), None)
    if heading is not None:
        # The wrap-up starts under the heading: its first paragraph, after a bare
        # vocative that opens it (结束语 / 各位代表： / 统一祖国，振兴中华…).
        region = [i for i in region if i > heading]
        if not region:
            return None
        return next((i for i in region if not tables.is_bare_vocative(lines[i].text)), region[0])
    if (
        items
        and heading is None
        and region
        and region[0] == after
        and tables.is_bare_vocative(lines[after].text)
        and _is_heading(lines[after - 1])
    ):
        region = region[1:]  # a bare vocative right under the last heading opens its text
    bare = [i for i in region if tables.is_bare_vocative(lines[i].text)]
    bare_set = set(bare)
    vocative = [i for i in region if i not in bare_set and tables.opens_with_address(lines[i].text)]
    formula = [
        i
        for i in region
        if tables.opens_with_closing_formula(lines[i].text)
        or (items and tables.closes_with_thanks(lines[i].text))
    ]
    if not items:
        # Without numbering, a speech addresses its audience many times on the way;
        # the wrap-up is the last such address.
        addresses = sorted(bare + vocative)
        if addresses:
            return addresses[-1]
        return formula[0] if formula else None
    strong = sorted(vocative + formula)
    if bare:
        later = [i for i in strong if i > bare[-1]]
        return later[0] if later else bare[-1]
    if strong:
        return strong[0]
    return region[0] if heading is not None else None


# ---------------------------------------------------------------- opening


def _announced(lines: Sequence[Line], items: dict[int, Item]) -> tuple[int, int] | None:
    """The line that announces the count, and the count."""
    first_item = min(items) if items else len(lines)
    opening = [
        i
        for i, line in enumerate(lines[:first_item])
        if line.kind == CONTENT or line.rule == OPENING_SALUTATION
    ]
    if not items:
        opening = opening[:OPENING_WINDOW]
    for index in opening:
        count = tables.announced_count(lines[index].text)
        if count is not None:
            return index, count
    return None


# ---------------------------------------------------------------- tokens


def tokens(plan: Layout) -> Iterator[Token]:
    """The token stream for the grammar.

    A numbered line, the closing's first line, and each title, front-matter and
    salutation line is a token of its own; every run of other lines between them
    (paragraphs and boilerplate) is one ``BODY`` token, and the boilerplate after
    the speech one ``TRAILER`` token.  ``_END`` closes each item.  Runs keep the
    parser from shifting and reducing once per paragraph.
    """
    lines, items, trailer = plan.lines, plan.items, plan.trailer
    # The item and closing lines, in order: from the first of them on, every other line
    # joins the run that ends at the next one, so the runs there are taken as slices.
    marks = sorted({*items, *(() if plan.closing is None else (plan.closing,))})
    marks = [index for index in marks if index < trailer]
    first = marks[0] if marks else trailer
    run: list[Line] = []
    for line in lines[:first]:  # before it, titles and the like are tokens of their own
        if line.kind not in _OWN_TOKEN:
            run.append(line)
            continue
        if run:
            yield Token("BODY", Run(tuple(run)))
            run = []
        if line.kind == TITLE:
            yield Token("TITLE" if line.rule == "title" else "TITLE_CONT", line)
        else:
            yield Token(line.kind, line)
    if run:
        yield Token("BODY", Run(tuple(run)))
    open_items = 0
    for position, index in enumerate(marks):
        if index == plan.closing:
            yield from _ends(open_items)
            open_items = 0
            yield Token("CLOSING", lines[index])
        else:
            item = items[index]
            yield from _ends(open_items - item.depth)
            open_items = item.depth + 1
            yield Token("PART" if item.depth == 0 else "POINT", item)
        end = marks[position + 1] if position + 1 < len(marks) else trailer
        if index + 1 < end:
            yield Token("BODY", Run(tuple(lines[index + 1 : end])))
    yield from _ends(open_items)
    if trailer < len(lines):
        yield Token("TRAILER", Run(tuple(lines[trailer:])))


class Run(NamedTuple):
    """The lines of a ``BODY`` or ``TRAILER`` token."""

    lines: tuple[Line, ...]

    def __str__(self) -> str:
        # lark makes every token value a str; the repr of all the lines would cost
        # more than parsing them.
        return f"<{len(self.lines)} lines>"


_OWN_TOKEN = frozenset((TITLE, FRONT, SALUTATION))
"""Kinds of line that are a token of their own before the first item."""


def _ends(count: int) -> Iterator[Token]:
    return itertools.repeat(_END, max(count, 0))


_END = Token("_END", "")
"""What closes an item.  One token serves them all: lark keeps no state in a token,
and the tree leaves out tokens whose names open with ``_``; an item's ends were a
third of the tokens made."""
