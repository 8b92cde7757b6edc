"""Golden outlines of the dev corpus: ``outline(parse_file(path))`` against tests/golden/.

Run ``pytest tests/test_golden.py --regen-golden`` to rewrite the files on purpose, then
review the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from speechmodel.files import parse_file
from speechmodel.outline import outline

JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS


def render(data: dict[str, Any]) -> bytes:
    """The golden file form: indented, sorted keys, Chinese unescaped, newline at the end."""
    return orjson.dumps(data, option=JSON_OPTIONS) + b"\n"


def test_outline_matches_golden(corpus_text: Path, golden_dir: Path, regen_golden: bool) -> None:
    actual = render(outline(parse_file(corpus_text)))
    golden = golden_dir / f"{corpus_text.stem}.json"
    if regen_golden:
        golden_dir.mkdir(exist_ok=True)
        golden.write_bytes(actual)
        return
    if not golden.is_file():
        pytest.fail(f"no golden file {golden.name}; run pytest --regen-golden and review it")
    expected = golden.read_bytes()
    # Compare the data first for a readable diff, then the bytes, so that the committed
    # file also stays in the canonical form (sorted keys, two-space indent, unescaped).
    assert orjson.loads(actual) == orjson.loads(expected)
    assert actual == expected


def test_page_outline_matches_golden(
    corpus_page: Path, golden_dir: Path, regen_golden: bool
) -> None:
    test_outline_matches_golden(corpus_page, golden_dir, regen_golden)


def test_page_structure_agrees_with_gold(corpus_page: Path) -> None:
    """Saved pages: the parts, points, salutation and count agree with the gold outline.

    Title and boilerplate are left out: the gold takes d22's title from the page
    heading outside the article, and lists boilerplate from source lines rather than
    the visible text.
    """
    gold = orjson.loads((corpus_page.parent / "gold" / f"{corpus_page.stem}.json").read_bytes())
    actual = outline(parse_file(corpus_page))
    assert actual["parts"] == gold["parts"]
    assert actual["salutation"] == gold["salutation"]
    assert actual["announced_parts"] == gold["announced_parts"]
    assert (actual["closing"] or "")[:10] == (gold["closing_starts"] or "")[:10]


def test_every_golden_file_has_a_corpus_text(corpus_folder: Path, golden_dir: Path) -> None:
    """A golden file left behind by a renamed or removed corpus text fails here."""
    stems = {path.stem for path in [*corpus_folder.glob("*.txt"), *corpus_folder.glob("*.html")]}
    stale = sorted(path.stem for path in golden_dir.glob("*.json") if path.stem not in stems)
    assert stale == []


def test_outline_agrees_with_gold(corpus_text: Path) -> None:
    """The outline says what the hand-made gold outline says (``corpus/gold/README.md``).

    The gold format differs in two fields: it keeps the first 15 characters of the
    closing, and it lists whole boilerplate lines and spliced fragments apart.
    """
    gold_file = corpus_text.parent / "gold" / f"{corpus_text.stem}.json"
    if not gold_file.is_file():
        pytest.skip(f"no gold outline for {corpus_text.stem}")
    gold = orjson.loads(gold_file.read_bytes())
    actual = outline(parse_file(corpus_text))
    closing = actual.pop("closing")
    actual["closing_starts"] = None if closing is None else closing[:15]
    expected = {key: gold[key] for key in ("title", "salutation", "announced_parts", "parts")}
    expected["closing_starts"] = gold["closing_starts"]
    expected["boilerplate"] = gold["boilerplate_lines"] + gold["inline_boilerplate"]
    assert actual == expected
