"""Many documents at once: ``parse_many`` over a process pool, in input order, fail-soft.

``parse`` is a pure function of its text and a ``Speech`` pickles, so a corpus
parses in parallel with nothing shared: each worker process parses whole
documents and sends the nodes back.  Reading the file happens in the worker
too, so only a path crosses to it.

A corpus run should not stop at its one broken file, so a document that cannot
be read or decoded comes back as a ``ParseFailure`` record (its path and the
reason) in its place, and the others go on.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar, overload

import attrs

from speechmodel.errors import SpeechModelError
from speechmodel.files import FORMATS, parse_file
from speechmodel.nodes import Speech
from speechmodel.parser import parse

__all__ = ["ParseFailure", "Source", "expand_paths", "parse_many"]

T = TypeVar("T")

Source = str | os.PathLike[str]
"""An input of ``parse_many``: a ``str`` is the text itself, a path (``pathlib.Path``
or any other ``os.PathLike``) is a file to read.  A path given as a ``str`` would be
ambiguous, so it must be wrapped in ``Path``."""

DEFAULT_CHUNKSIZE = 32
"""Documents handed to a worker at a time: few enough to keep the workers evenly
loaded on a corpus of very unequal files, enough to make the hand-over cheap."""


@attrs.frozen(kw_only=True)
class ParseFailure:
    """A document of a batch that could not be parsed, in the place of its ``Speech``."""

    index: int
    """Its position in the input."""
    path: str | None
    """The file, or ``None`` when the input was a text."""
    reason: str
    """Why, as a one-line message (``cannot read …``, ``not UTF-8 …``)."""


@overload
def parse_many(
    items: Iterable[Source], *, workers: int = 1, chunksize: int = DEFAULT_CHUNKSIZE
) -> Iterator[Speech | ParseFailure]: ...


@overload
def parse_many(
    items: Iterable[Source],
    *,
    workers: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
    then: Callable[[Speech], T],
) -> Iterator[T | ParseFailure]: ...


def parse_many(
    items: Iterable[Source],
    *,
    workers: int = 1,
    chunksize: int = DEFAULT_CHUNKSIZE,
    then: Callable[[Speech], Any] | None = None,
) -> Iterator[Any]:
    """Parse every text or file of ``items``; yield one result per item, in input order.

    ``workers`` processes parse in parallel (``1`` parses in this process, with no
    pool at all; ``0`` or less means one per CPU).  Results are yielded as they
    arrive in order, so a long corpus streams instead of piling up in memory.
    A document that cannot be read or decoded yields a ``ParseFailure``.

    ``then`` (a module-level function, so that it pickles) runs on each ``Speech``
    in the worker, and its result is yielded instead: ``then=speechmodel.dumps``
    ships JSON bytes back, which costs the parent far less than unpickling a
    whole node tree, and is how a JSON Lines or table run keeps its workers busy.
    """
    if workers <= 0:
        workers = os.cpu_count() or 1
    jobs = ((index, item, then) for index, item in enumerate(items))
    if workers == 1:
        yield from map(_parse_one, jobs)
        return
    context = multiprocessing.get_context(_start_method())
    if context.get_start_method() == "forkserver":
        # Workers fork from a server that has imported speechmodel (and loaded the
        # grammar's tables) once, instead of each one paying for it.
        context.set_forkserver_preload(["speechmodel.batch"])
    with context.Pool(workers) as pool:
        yield from pool.imap(_parse_one, jobs, chunksize=max(1, chunksize))


def _start_method() -> str:
    """How to start the workers: the cheapest way that is safe here.

    ``fork`` starts a worker in milliseconds with speechmodel already loaded, but
    forking a process that runs other threads can deadlock the child; so it is
    used only while this process has a single thread (and where it exists: not on
    Windows).  Otherwise ``forkserver``, else ``spawn``.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _parse_one(job: tuple[int, Source, Callable[[Speech], Any] | None]) -> Any:
    index, item, then = job
    try:
        speech = parse(item) if isinstance(item, str) else parse_file(item)
        return speech if then is None else then(speech)
    # Fail-soft is the point of a batch: whatever stops one document (an unreadable
    # or undecodable file, a reader's bug, a failing ``then``) becomes its record.
    except Exception as error:
        path = None if isinstance(item, str) else os.fspath(item)
        return ParseFailure(index=index, path=path, reason=str(error) or repr(error))


def expand_paths(inputs: Iterable[Source]) -> list[Path]:
    """Files named in ``inputs``, each directory replaced by the speech files under it.

    Directories are walked recursively and sorted by path, so a run's order does
    not depend on the file system; only extensions speechmodel reads are taken
    from a directory (``FORMATS``).  A file named directly is always taken.  A
    directory with no speech file in it is a mistake worth stopping for: it
    raises ``SpeechModelError``.
    """
    found: list[Path] = []
    for entry in inputs:
        path = Path(entry)
        if path.is_dir():
            inside = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in FORMATS and p.is_file()
            )
            if not inside:
                raise SpeechModelError(f"no speech files in {path}")
            found.extend(inside)
        else:
            found.append(path)
    return found
