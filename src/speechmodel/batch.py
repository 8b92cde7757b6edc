"""Many documents at once: ``parse_many`` over worker processes, in input order, fail-soft.

``parse`` is a pure function of its text and a ``Speech`` pickles, so a corpus
parses in parallel with nothing shared: each worker process parses whole
documents and sends the nodes back.  Reading the file happens in the worker
too, so only a path crosses to it.

A corpus run should not stop at its one broken file, so a document that cannot
be read or decoded (or whose worker died) comes back as a ``ParseFailure``
record (its path and the reason) in its place, and the others go on.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
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

Job = tuple[int, Source, Callable[[Speech], Any] | None]
"""A document's place in the input, the document, and what to run on its ``Speech``."""

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
    worker at all; ``0`` or less means one per CPU), each handed ``chunksize``
    documents at a time.  Results are yielded as they arrive in order, so a long
    corpus streams instead of piling up in memory.  A document that cannot be read
    or decoded, or whose worker died, yields a ``ParseFailure``.

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
    yield from _in_workers(jobs, workers, max(1, chunksize))


def _in_workers(jobs: Iterator[Job], workers: int, chunksize: int) -> Iterator[Any]:
    """The results of ``jobs`` in input order, from ``workers`` processes.

    Each worker has a connection of its own (a socket pair on POSIX), is sent one
    chunk of jobs at a time and answers with the chunk's results, which this
    process reads as soon as they are ready and yields in order.  Not
    ``multiprocessing.Pool``: it passes every result through one pipe that a
    thread reads 64 KB at a time, and a document's JSON is more than twice its
    text, so receiving cost the parent 0.16 s of CPU per 1,000 speeches, a
    tenth of the machine on two CPUs (a socket pair: 0.03 s).  And a Pool whose
    worker dies leaves ``imap`` waiting forever; here the documents of the chunk
    it held come back as ``ParseFailure`` records, a new worker takes its
    place, and the others go on.  One chunk per worker at a time also bounds
    what waits in memory, and a worker is never blocked sending a result while
    this process is blocked sending it work.
    """
    context = multiprocessing.get_context(_start_method())
    if context.get_start_method() == "forkserver":
        # Workers fork from a server that has imported speechmodel (and loaded the
        # grammar's tables) once, instead of each one paying for it.
        context.set_forkserver_preload(["speechmodel.batch"])
    chunks = iter(lambda: list(itertools.islice(jobs, chunksize)), [])
    busy: dict[Connection, tuple[BaseProcess, int, list[Job]]] = {}
    idle: list[tuple[Connection, BaseProcess]] = []
    ready: dict[int, list[Any]] = {}
    sent = yielded = 0
    try:
        idle.extend(_start_worker(context) for _ in range(workers))
        while True:
            while idle:  # hand out work
                chunk = next(chunks, None)
                if chunk is None:
                    break
                connection, process = idle.pop()
                try:
                    connection.send(chunk)
                except OSError:  # it died waiting for work: a new worker takes the chunk
                    _stop([], [(connection, process)])
                    connection, process = _start_worker(context)
                    connection.send(chunk)
                busy[connection] = (process, sent, chunk)
                sent += 1
            if not busy:
                return
            for answered in wait(list(busy)):
                assert isinstance(answered, Connection)
                process, number, chunk = busy.pop(answered)
                try:
                    ready[number] = answered.recv()
                    idle.append((answered, process))
                except (EOFError, OSError):
                    process.join()
                    ready[number] = [_died(job, process.exitcode) for job in chunk]
                    answered.close()
                    idle.append(_start_worker(context))
            while yielded in ready:
                yield from ready.pop(yielded)
                yielded += 1
    finally:
        _stop(idle, [(connection, process) for connection, (process, _, _) in busy.items()])


def _start_worker(context: Any) -> tuple[Connection, BaseProcess]:
    ours, theirs = context.Pipe()
    process = context.Process(target=_serve, args=(theirs,), daemon=True)
    process.start()
    theirs.close()
    return ours, process


def _serve(connection: Connection) -> None:
    """A worker: parse each chunk it is sent and send back the results, until ``None``."""
    try:
        while (chunk := connection.recv()) is not None:
            connection.send([_parse_one(job) for job in chunk])
    # Ctrl-C reaches every process of the group, and the parent reports it; a parent
    # that has gone away closes the connection.  Neither is worth a traceback here.
    except (KeyboardInterrupt, EOFError, BrokenPipeError):
        pass


def _died(job: Job, exitcode: int | None) -> ParseFailure:
    index, item, _ = job
    path = None if isinstance(item, str) else os.fspath(item)
    return ParseFailure(
        index=index, path=path, reason=f"the worker process died (exit code {exitcode})"
    )


def _stop(
    idle: list[tuple[Connection, BaseProcess]], busy: list[tuple[Connection, BaseProcess]]
) -> None:
    """Ask the idle workers to end, and end the busy ones: when the batch stops early
    (the loop left, an error), nobody wants the chunks they are parsing."""
    for connection, process in busy:
        process.terminate()
        connection.close()
    for connection, _ in idle:
        with contextlib.suppress(OSError):  # a worker already gone (Ctrl-C)
            connection.send(None)
        connection.close()
    for _, process in [*idle, *busy]:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()


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


def _parse_one(job: Job) -> Any:
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
