"""Hostile inputs: seconds per MB of ``parse`` for each, against a normal speech.

A benchmark script, not a test: timings depend on the machine.  Each input is built
at two sizes; linear time shows as the same seconds per MB at both (the ``ratio``
column: time per MB at the large size over time per MB at the small one, about 1
when linear, about the size factor when quadratic).  Run from the repository root:

    .venv/bin/python benchmarks/hostile.py            # sizes up to 10 MB
    .venv/bin/python benchmarks/hostile.py --quick    # a tenth of that

Every parse must finish without an exception (no RecursionError, no regex blow-up);
the script exits 1 if one does not.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Callable
from pathlib import Path

from speechmodel import parse, tables

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sample_speech.txt"
MB = 1_000_000


def _run_in(verb: str) -> Callable[[int], str]:
    """The run-in style ``一<verb>`` (``一是``, ``一要`` …): each verb is a style of its own."""
    return lambda value: "一二"[value - 1] + verb


STYLES: list[Callable[[int], str]] = [
    lambda v: "一二"[v - 1] + "、",
    lambda v: f"（{'一二'[v - 1]}）",
    lambda v: f"{v}.",
    lambda v: f"（{v}）",
    lambda v: "①②"[v - 1],
    lambda v: f"第{'一二'[v - 1]}，",
    lambda v: ("一方面，", "另一方面，")[v - 1],
    *[
        _run_in(verb)
        for verb in "是要抓把促保建推强提树守管落优改稳谋育带筑聚创严实细新深广全精准勤廉讲学做比查找补立破转融通"
    ],
]
"""Fifty marker styles: the token styles, the word styles, then run-in verbs (一是, 一要 …)."""


def _repeat(unit: str, size: int) -> str:
    """``unit`` repeated to about ``size`` bytes of UTF-8."""
    return unit * max(1, size // len(unit.encode("utf-8", "surrogatepass")))


def _nested(size: int) -> str:
    """Every style nested fifty deep (headings, so each new style nests), repeated."""
    block = [STYLES[i](1) + "标题" for i in range(50)] + [
        STYLES[i](2) + "标题" for i in reversed(range(50))
    ]
    return _repeat("\n".join(block) + "\n", size)


_VERBS = [chr(code) for code in range(0x4E00, 0x9FA6) if chr(code) not in tables.VERB_EXCLUDED]


def _new_lists(size: int) -> str:
    """Under a point, new lists of run-in points, each in a verb of its own."""
    units = [f"内容。\n内容。\n内容。\n一{verb}乙。\n二{verb}丙。\n" for verb in _VERBS]
    body, length = [], 0
    for unit in itertools.cycle(units):
        if length >= size:
            break
        body.append(unit)
        length += len(unit.encode("utf-8"))
    return "一、甲\n（一）甲。\n" + "".join(body) + "（二）丁。\n二、戊\n"


INPUTS: dict[str, Callable[[int], str]] = {
    "normal speech (examples/sample_speech.txt)": lambda size: _repeat(
        SAMPLE.read_text(encoding="utf-8"), size
    ),
    "one single line": lambda size: _repeat("我们要坚持以人民为中心的发展思想，", size),
    "blank lines only": lambda size: "\n" * size,
    "marker-only lines 一、一、一、…": lambda size: _repeat("一、\n", size),
    "marker-only lines 一、…十、 cycling": lambda size: _repeat(
        "".join(f"{n}、\n" for n in "一二三四五六七八九十"), size
    ),
    "every marker style nested 50 deep": _nested,
    "（（（（ on one line": lambda size: _repeat("（", size),
    # Lines that start like address lists (tables._addresses, _salutation_body): the
    # worst found by a random search when the lists were one pattern, and lists that
    # go on past any limit, on one line and on many.
    "vocative-like lines 们们各位代表…": lambda size: _repeat("们们各位代表" * 14 + "\n", size),
    "one address list 同志们、朋友们、…": lambda size: _repeat("同志们、朋友们、", size),
    "address lists 同志们、…：": lambda size: _repeat("同志们、朋友们、" * 8 + "同志们：\n", size),
    # Each breadcrumb label takes the links after it, one to a line: every line once.
    "breadcrumb labels and > lines": lambda size: _repeat("当前位置：\n>\n", size),
    # Counted ordinals that number on, and one plain 第一 at the end.
    "第一点，/ 第二点，… then 第一，": lambda size: (
        _repeat("第一点，甲。\n第二点，乙。\n", size) + "第一，甲。\n"
    ),
    # A point, three paragraphs and a new list in a run-in verb of its own, over and
    # over, the point list going on only at the end: each new list looks ahead for it
    # (levels._Later.resume).
    "new lists 一X… after a point, (二) at the end": _new_lists,
    # Quoted lines above the speech, which the front matter looks through.
    "quoted lines > 引文 then one paragraph": lambda size: _repeat("> 引文\n", size) + "正文。\n",
    "NUL bytes": lambda size: _repeat("\x00", size),
    "lone surrogates": lambda size: _repeat("\ud800甲\udfff\n", size),
    "bidi controls": lambda size: _repeat("\u202e一、甲\u2066\u202c\n", size),
    "U+FFFD": lambda size: _repeat("\ufffd\ufffd一、\n", size),
}


def _time(text: str) -> tuple[float, int]:
    started = time.perf_counter()
    speech = parse(text)
    return time.perf_counter() - started, len(speech.diagnostics)


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--quick", action="store_true", help="1 MB instead of 10 MB")
    args = options.parse_args(argv)
    large = MB if args.quick else 10 * MB
    small = large // 10
    sys.setrecursionlimit(1000)  # the default: a deep structure must not need more
    print(f"{'input':45} {'MB':>6} {'s/MB':>7} {'s/MB small':>10} {'ratio':>6} {'diagnostics':>11}")
    failed = False
    for name, build in INPUTS.items():
        try:
            per_mb = []
            for size in (small, large):
                text = build(size)
                megabytes = len(text.encode("utf-8", "surrogatepass")) / MB
                seconds, found = _time(text)
                per_mb.append(seconds / megabytes)
        except Exception as error:  # reported, and the script fails
            print(f"{name:45} FAILED: {type(error).__name__}: {error}")
            failed = True
            continue
        ratio = per_mb[1] / per_mb[0] if per_mb[0] else float("nan")
        print(
            f"{name:45} {megabytes:6.1f} {per_mb[1]:7.3f} {per_mb[0]:10.3f} {ratio:6.2f} {found:11}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
