"""speechmodel's benchmark: ``python benchmarks/run.py`` (see docs/performance.md).

Everything is measured in one process and one run, the contenders alternating
document by document, so that a slower or busier moment of the machine weighs
on all of them alike.  Figures are ratios to *the floor*: read the file,
``splitlines()``, one precompiled regular expression classifying each line, a
list of tuples.  That is what any line-based parser must at least do in pure
Python; a ratio says how much the full model costs above it.

Corpora: (a) examples/sample_speech.txt plus the ``*.txt`` files of the dev
corpus (``$SPEECHMODEL_CORPUS``, else ``../shared/corpus`` beside the checkout)
when it is there; (b) 1,000 documents made by cycling (a); (c) one document of
about 5 MB made by joining the texts of (a) that end without trailing boilerplate
(a licence block would make all that follows it boilerplate) until it is that long.  (b) and (c) are written
to a temporary folder and deleted afterwards.
"""

from __future__ import annotations

import argparse
import compileall
import gc
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import speechmodel
from speechmodel import classify, decode, inline, levels, parser

REPO = Path(__file__).resolve().parent.parent
BIG_BYTES = 5_000_000
MANY = 1_000

# The floor's classifier: one alternation over the line kinds a speech has.
FLOOR_LINE = re.compile(
    r"\s*(?:(?P<part>[一二三四五六七八九十]{1,3}、)|(?P<point>[（(][一二三四五六七八九十]{1,3}[）)])"
    r"|(?P<num>\d{1,2}[.．])|(?P<word>第[一二三四五六七八九十]{1,3}[，,、])"
    r"|(?P<salutation>[^，。]{0,20}们[：:])|(?P<boilerplate>来源|发布时间|版权所有|责任编辑))"
)


def floor(path: Path) -> list[tuple[int, str | None, str]]:
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    match = FLOOR_LINE.match
    result = []
    for number, line in enumerate(text.splitlines()):
        found = match(line)
        result.append((number, found.lastgroup if found else None, line))
    return result


def corpus_files() -> list[Path]:
    configured = os.environ.get("SPEECHMODEL_CORPUS")
    folder = Path(configured) if configured else REPO.parent / "shared" / "corpus"
    extra = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    return [REPO / "examples" / "sample_speech.txt", *extra]


def markdown_of(speech: speechmodel.Speech) -> str:
    """The speech as Markdown: title ``#``, parts ``##``, points ``###``, paragraphs."""
    out: list[str] = []
    for _, node in speechmodel.walk(speech):
        if isinstance(node, speechmodel.FrontMatter) and node.role == "title":
            out.append(f"# {node.text}")
        elif isinstance(node, speechmodel.Part):
            out.append(f"## {node.marker.text}{node.heading.text}")
        elif isinstance(node, speechmodel.Point):
            out.append(f"{'#' * min(6, node.depth + 2)} {node.marker.text}{node.lead.text}")
        elif isinstance(node, speechmodel.Paragraph):
            out.append(node.text)
    return "\n\n".join(out) + "\n"


def timed(function: Callable[[Any], Any], argument: Any) -> float:
    start = time.perf_counter()
    function(argument)
    return time.perf_counter() - start


def alternate(
    contenders: dict[str, Callable[[Any], Any]],
    arguments: dict[str, Callable[[Path], Any]],
    paths: Sequence[Path],
    rounds: int,
) -> dict[str, dict[Path, float]]:
    """Median seconds of each contender on each document, measured in turn."""
    prepared = {name: {p: arguments[name](p) for p in paths} for name in contenders}
    samples: dict[str, dict[Path, list[float]]] = {n: {p: [] for p in paths} for n in contenders}
    for _ in range(rounds):
        for path in paths:
            for name, function in contenders.items():
                samples[name][path].append(timed(function, prepared[name][path]))
    return {
        name: {p: statistics.median(times) for p, times in by_path.items()}
        for name, by_path in samples.items()
    }


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("--rounds", type=int, default=15, help="timings per document")
    options.add_argument("--cli-runs", type=int, default=25, help="process starts to time")
    args = options.parse_args()

    try:
        from markdown_it import MarkdownIt

        markdown: Any = MarkdownIt("commonmark")
    except ImportError:
        markdown = None

    files = corpus_files()
    total_bytes = sum(p.stat().st_size for p in files)
    print(f"python {sys.version.split()[0]}, speechmodel {speechmodel.__version__}, ", end="")
    print(f"{os.cpu_count()} CPUs")
    print(f"(a) corpus: {len(files)} documents, {total_bytes / 1e6:.2f} MB")

    speeches = {p: speechmodel.parse_file(p) for p in files}
    contenders: dict[str, Callable[[Any], Any]] = {
        "floor": floor,
        "parse": speechmodel.parse_file,
        "dumps": speechmodel.dumps,
        "loads": speechmodel.loads,
    }
    arguments: dict[str, Callable[[Path], Any]] = {
        "floor": lambda p: p,
        "parse": lambda p: p,
        "dumps": lambda p: speeches[p],
        "loads": lambda p: speechmodel.dumps(speeches[p]),
    }
    if markdown is not None:
        contenders["markdown-it"] = markdown.parse
        arguments["markdown-it"] = lambda p: markdown_of(speeches[p])
    medians = alternate(contenders, arguments, files, args.rounds)

    print("\n## (a) per document, median over documents of each one's median time")
    print(f"{'':12} {'ms/doc':>8} {'MB/s':>7} {'docs/s':>8} {'x floor':>8} {'x parse':>8}")
    size = {p: p.stat().st_size for p in files}
    for name, by_path in medians.items():
        per_doc = statistics.median(by_path.values())
        mb_s = sum(size.values()) / sum(by_path.values()) / 1e6
        to_floor = statistics.median(by_path[p] / medians["floor"][p] for p in files)
        to_parse = statistics.median(by_path[p] / medians["parse"][p] for p in files)
        print(
            f"{name:12} {per_doc * 1e3:8.3f} {mb_s:7.1f} {1 / per_doc:8.0f} "
            f"{to_floor:8.2f} {to_parse:8.2f}"
        )
    corpus_mb_s = sum(size.values()) / sum(medians["parse"].values()) / 1e6

    stages(files, args.rounds)

    workdir = Path(tempfile.mkdtemp(prefix="speechmodel-bench-"))
    try:
        big = workdir / "big.txt"
        # Only texts without trailing boilerplate: after a licence block everything is
        # trailer, and the rest of the joined document would be cheap boilerplate.
        parts = [p.read_text(encoding="utf-8") for p in files if not _has_trailer(speeches[p])]
        with open(big, "w", encoding="utf-8") as handle:
            written = 0
            while written < BIG_BYTES:
                for data in parts:
                    handle.write(data + "\n")
                    written += len(data.encode("utf-8")) + 1
        big_document(big, corpus_mb_s, max(3, args.rounds // 5))

        many = [workdir / f"doc{i:04d}.txt" for i in range(MANY)]
        for index, path in enumerate(many):
            shutil.copyfile(files[index % len(files)], path)
        batch(many)
    finally:
        shutil.rmtree(workdir)

    startup(args.cli_runs)


def _has_trailer(speech: speechmodel.Speech) -> bool:
    plan = levels.layout(classify.classify(speech.source))
    return plan.trailer < len(plan.lines)


def stages(files: Sequence[Path], rounds: int) -> None:
    """Where the time of ``parse`` goes, stage by stage (summed over the corpus)."""
    raw = {p: p.read_bytes() for p in files}
    texts = {p: decode.decode(raw[p]) for p in files}
    lines = {p: classify.classify(texts[p]) for p in files}
    plans = {p: levels.layout(lines[p]) for p in files}

    def inline_pass(plan: levels.Layout) -> None:
        for line in plan.lines:
            inline.paragraph(line.text, line.start, line.splices)
        for item in plan.items.values():
            inline.split_lead(item.line.text, item.line.start, item.line.splices)

    lark_parser = parser._parser()
    steps: dict[str, tuple[Callable[[Any], Any], dict[Path, Any]]] = {
        "decode": (decode.decode, raw),
        "classify (paragraphs, tables)": (classify.classify, texts),
        "levels (layout, nesting)": (levels.layout, lines),
        "tokens + lark + build": (lambda plan: lark_parser.parse(levels.tokens(plan)), plans),
        "  of which inline pass": (inline_pass, plans),
    }
    totals = {name: 0.0 for name in steps}
    for name, (function, inputs) in steps.items():
        for path in files:
            totals[name] += statistics.median(timed(function, inputs[path]) for _ in range(rounds))
    whole = sum(v for k, v in totals.items() if not k.startswith(" "))
    print("\n## per stage, corpus total")
    for name, seconds in totals.items():
        print(f"{name:32} {seconds * 1e3:8.2f} ms {100 * seconds / whole:5.1f} %")


def big_document(path: Path, corpus_mb_s: float, rounds: int) -> None:
    size = path.stat().st_size
    seconds = statistics.median(timed(speechmodel.parse_file, path) for _ in range(rounds))
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    speech = speechmodel.parse_file(path)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    del speech
    mb_s = size / seconds / 1e6
    print(f"\n## (c) one document of {size / 1e6:.1f} MB")
    print(f"parse {seconds:.3f} s, {mb_s:.1f} MB/s = {100 * mb_s / corpus_mb_s:.0f} % of (a)")
    print(f"peak memory above baseline (tracemalloc) {peak / 1e6:.1f} MB = {peak / size:.1f}x file")


def batch(paths: Sequence[Path]) -> None:
    print(f"\n## (b) parse_many over {len(paths)} documents (worker start-up included)")
    rates: dict[tuple[str, int], list[float]] = {}
    for _ in range(5):  # a busy moment of a shared machine weighs on one run of five
        for then_name, then in (("Speech", None), ("dumps", speechmodel.dumps)):
            for workers in (1, 2):
                start = time.perf_counter()
                if then is None:
                    count = sum(1 for _ in speechmodel.parse_many(paths, workers=workers))
                else:
                    count = sum(
                        1 for _ in speechmodel.parse_many(paths, workers=workers, then=then)
                    )
                rate = count / (time.perf_counter() - start)
                rates.setdefault((then_name, workers), []).append(rate)
    for then_name in ("Speech", "dumps"):
        one = statistics.median(rates[(then_name, 1)])
        two = statistics.median(rates[(then_name, 2)])
        print(
            f"results as {then_name:6}: 1 worker {one:6.0f} docs/s, "
            f"2 workers {two:6.0f} docs/s = {two / one:.2f}x"
        )


def startup(runs: int) -> None:
    """Process start: ``import lark, attrs, orjson`` against one-file CLI runs."""
    python = sys.executable
    script = Path(python).with_name("speechmodel")
    cli = [str(script)] if script.exists() else [python, "-m", "speechmodel.cli"]
    sample = str(REPO / "examples" / "sample_speech.txt")
    # pip byte-compiles an installed wheel, and a checkout's first import writes
    # __pycache__; do it here too, so that a PYTHONDONTWRITEBYTECODE environment
    # does not time the compiling of our modules' source on every start.
    compileall.compile_dir(Path(speechmodel.__file__).parent, quiet=1)
    commands = {
        "python -c pass": [python, "-c", "pass"],
        "import lark, attrs, orjson": [python, "-c", "import lark, attrs, orjson"],
        "import speechmodel": [python, "-c", "import speechmodel"],
        "speechmodel parse FILE": [*cli, "parse", sample],
        "speechmodel outline FILE": [*cli, "outline", sample],
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            used = _children_cpu()
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            samples[name].append(time.perf_counter() - start)
            cpu[name].append(_children_cpu() - used)
    base, base_cpu = samples["import lark, attrs, orjson"], cpu["import lark, attrs, orjson"]
    # The median is the usual run; the minimum is what timeit reports, the run that
    # other work on the machine disturbed least (busy moments only ever add time).
    # CPU time (user + system) leaves out the waits for a CPU that other jobs cause.
    print(f"\n## process start, {runs} runs: wall median, wall minimum and CPU median,")
    print("## each against import lark, attrs, orjson")
    for name, times in samples.items():
        median, least, used = statistics.median(times), min(times), statistics.median(cpu[name])
        print(
            f"{name:28} {median * 1e3:7.1f} ms {median / statistics.median(base):5.2f}x"
            f"   min {least * 1e3:7.1f} ms {least / min(base):5.2f}x"
            f"   cpu {used * 1e3:7.1f} ms {used / statistics.median(base_cpu):5.2f}x"
        )


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
