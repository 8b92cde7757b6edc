#!/usr/bin/env bash
# Build a wheel, install it into a fresh venv outside the checkout, and parse the
# sample speech there: proves the grammar ships inside the wheel.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python -m venv "$work/build-env"
"$work/build-env/bin/pip" install --quiet build
"$work/build-env/bin/python" -m build --wheel --outdir "$work/dist" "$repo" >/dev/null

python -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "$work"/dist/*.whl
cp "$repo/examples/sample_speech.txt" "$work/sample.txt"
cd "$work"
"$work/venv/bin/speechmodel" outline --json sample.txt > outline.json
"$work/venv/bin/python" - <<'PY'
import json
outline = json.load(open("outline.json", encoding="utf-8"))
assert outline["parts"], "the installed wheel found no parts in the sample"
import speechmodel, pathlib
assert "site-packages" in speechmodel.__file__, speechmodel.__file__
grammar = pathlib.Path(speechmodel.__file__).parent / "grammar" / "speech.lark"
assert grammar.is_file(), grammar
print(f"wheel check: {len(outline['parts'])} parts parsed by the installed wheel")
PY
