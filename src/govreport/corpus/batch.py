"""Batch runs: expand paths into files, and parse them in order over a pool of processes.

Worker processes start once per run, each building its plugin host once (in the pool's
initializer); tasks carry paths, not texts, and go out in chunks; results come back as the
exported bytes (or the report, for :func:`parse_many`) in input order. The pool starts only
when there are enough files to pay for it (:data:`MIN_FILES_PER_WORKER` per worker).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Generic, TypeVar

import attrs

from govreport.errors import GovreportError, InputError
from govreport.host import PluginHost, default_host
from govreport.model import Report
from govreport.parsing import parse
from govreport.reading import MAX_BYTES, read_bytes

T = TypeVar("T")

MIN_FILES_PER_WORKER = 2
"""Fewer files than this per worker run in this process: a worker costs more than it saves."""

NOT_REPORTS = frozenset({"readme", "license", "licence", "copying", "notice", "changelog"})
"""Stems (lower case) of the documentation files a folder walk leaves out."""

WARM_UP_TEXT = "一、总体情况\n2023年完成《规划》任务19项，增长5%左右。"
"""Parsed once before workers fork, so that what a first parse compiles is shared by all."""

_GLOB_CHARACTERS = frozenset("*?[")


@attrs.frozen
class Item:
    """One report to convert: a file, or bytes already read (standard input, the example)."""

    label: str
    """How messages name it (the path as given, ``<stdin>``)."""
    source: str | None
    """The name recorded in the report (the file name), or None for standard input."""
    path: str | None = None
    """The file to read, in the worker; None when ``data`` holds the bytes."""
    data: bytes | None = attrs.field(default=None, repr=False)
    """The bytes, for inputs that are not files."""
    encoding: str | None = None
    """A codec to decode text with instead of detecting one (``--encoding``)."""
    max_bytes: int = MAX_BYTES
    """The largest file accepted (``--max-bytes``)."""

    @classmethod
    def of_path(
        cls,
        path: str | os.PathLike[str],
        *,
        encoding: str | None = None,
        max_bytes: int = MAX_BYTES,
    ) -> Item:
        """The item for the file at ``path``."""
        name = os.fspath(path)
        return cls(
            label=name,
            source=Path(name).name,
            path=name,
            encoding=encoding,
            max_bytes=max_bytes,
        )

    @property
    def stem(self) -> str:
        """Base name of its output file inside an output folder."""
        return Path(self.source or "stdin").stem

    def read(self) -> bytes:
        """Its bytes; a missing or unreadable file raises a one-line :class:`InputError`."""
        if self.data is not None:
            return self.data
        if self.path is None:
            raise InputError(f"{self.label}: no input")
        if os.path.isdir(self.path):  # expand() keeps a folder it found no file in
            raise InputError(f"{self.label}: a folder with no report file in it")
        return read_bytes(self.path, max_bytes=self.max_bytes)


@attrs.frozen
class ParseResult(Generic[T]):
    """What became of one input: its value (a report, exported bytes) or the error message."""

    label: str
    """The input as given (a path)."""
    value: T | None = None
    """The report or its export; None when the input failed."""
    error: str | None = None
    """The one-line message naming the input, when it failed."""

    @property
    def ok(self) -> bool:
        """True when the input was converted."""
        return self.error is None

    @property
    def report(self) -> T:
        """The value, or :class:`InputError` with the message when the input failed."""
        if self.error is not None or self.value is None:
            raise InputError(self.error or f"{self.label}: no result")
        return self.value


def expand(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The files ``paths`` name, in order: a file as given, a folder's files recursively in
    sorted order (hidden files and README/LICENSE-like files left out), a glob's matches sorted.

    A path that is neither an existing folder nor a glob is kept, so that reading it reports
    what is wrong with it. A glob that matches nothing, or a folder without files, is kept the
    same way.
    """
    files: list[str] = []
    for given in paths:
        path = os.fspath(given)
        if os.path.isdir(path):
            files.extend(sorted(_walk(Path(path)), key=lambda file: Path(file).parts) or [path])
        elif not os.path.exists(path) and _GLOB_CHARACTERS & set(path):
            matches = [m for m in sorted(glob.glob(path, recursive=True)) if not os.path.isdir(m)]
            files.extend(matches or [path])
        else:
            files.append(path)
    return files


def _walk(folder: Path) -> Iterator[str]:
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and Path(name).stem.lower() not in NOT_REPORTS:
                yield os.path.join(root, name)


# -- conversion ----------------------------------------------------------------------------------


@attrs.frozen
class Converter(Generic[T]):
    """Reads, parses and finishes one item with one host; errors become the result's message."""

    host: PluginHost
    """The plugin host every item is read and parsed with."""
    strict: bool
    """Whether plugin failures stop a parse (see :func:`govreport.parse`)."""
    finish: Callable[[Report], T]
    """Turns the report into the result's value (the report itself, or its export)."""

    def __call__(self, item: Item) -> ParseResult[T]:
        """Convert ``item``; a :class:`GovreportError` is returned as the message, naming it."""
        try:
            text = self.host.read(item.read(), item.label, item.encoding)
            report = parse(text, source=item.source, host=self.host, strict=self.strict)
            return ParseResult(item.label, value=self.finish(report))
        except GovreportError as exc:
            message = str(exc)
            # Plugin errors do not know which input they came from.
            if not message.startswith(item.label):
                message = f"{item.label}: {message}"
            return ParseResult(item.label, error=message)


Factory = Callable[[PluginHost], Callable[[Report], T]]
"""Makes a converter's ``finish`` for a worker's host (a module-level function, so it pickles)."""

_worker: Converter[object] | None = None
"""The converter of this worker process, built once by :func:`_start_worker`."""


def _start_worker(host: PluginHost | None, strict: bool, factory: Factory[object]) -> None:
    global _worker  # noqa: PLW0603 - one converter per worker process, built once
    host = default_host(strict=strict) if host is None else host
    _worker = Converter(host=host, strict=strict, finish=factory(host))


def _run_in_worker(item: Item) -> ParseResult[object]:
    assert _worker is not None, "the pool initializer builds the converter"
    return _worker(item)


def keep_reports(host: PluginHost) -> Callable[[Report], Report]:
    """The factory of :func:`parse_many`: each result holds the report itself."""
    return lambda report: report


def _multiprocessing() -> ModuleType:
    import multiprocessing  # noqa: PLC0415 - deferred: costs ~30 ms, and only a pool needs it

    return multiprocessing


def default_jobs(count: int) -> int:
    """Processes for ``count`` files when the user names none: the machine's cores, if the
    files are enough to keep them busy, else 1."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, count // MIN_FILES_PER_WORKER))


def convert_all(
    items: Sequence[Item],
    *,
    factory: Factory[T],
    jobs: int | None = None,
    strict: bool = True,
    host: PluginHost | None = None,
) -> Iterator[ParseResult[T]]:
    """Convert ``items`` and yield their results in input order.

    :param factory: builds the per-report ``finish`` from a host (in each worker, from the
        worker's own host); a module-level function, so that it reaches the workers.
    :param jobs: worker processes; None picks :func:`default_jobs`. With fewer than
        :data:`MIN_FILES_PER_WORKER` items per worker everything runs in this process.
    :param host: the host to parse with (default: the default host of that strictness).
        Forked workers inherit it; where processes are spawned instead (Windows, macOS), a
        given host's plugin objects cannot reach them, and everything runs in this process.
    """
    jobs = default_jobs(len(items)) if jobs is None else max(1, jobs)
    jobs = min(jobs, len(items) // MIN_FILES_PER_WORKER)
    # Forked workers start with govreport imported and inherit the host as it is; spawned ones
    # re-import it all and build their own, which costs more than a report's parse.
    forks = jobs > 1 and "fork" in _multiprocessing().get_all_start_methods()
    if jobs <= 1 or (host is not None and not forks):
        host = default_host(strict=strict) if host is None else host
        converter = Converter(host=host, strict=strict, finish=factory(host))
        yield from map(converter, items)
        return
    if forks:
        # A first parse compiles what extractors build lazily; done here, every worker shares it.
        host = default_host(strict=strict) if host is None else host
        parse(WARM_UP_TEXT, host=host, strict=strict)
    context = _multiprocessing().get_context("fork" if forks else None)
    chunk = max(1, len(items) // (jobs * 4))  # a few chunks per worker balance uneven files
    with context.Pool(jobs, initializer=_start_worker, initargs=(host, strict, factory)) as pool:
        yield from pool.imap(_run_in_worker, items, chunksize=chunk)


def parse_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = 1,
    strict: bool = True,
    host: PluginHost | None = None,
) -> Iterator[ParseResult[Report]]:
    """Parse the reports at ``paths`` (files, folders, globs; see :func:`expand`) and yield, in
    order, each file's :class:`ParseResult`: ``.report`` or ``.error``.

    :param jobs: worker processes (None: the machine's cores when there are enough files);
        see :func:`convert_all` for where ``host`` reaches them.
    """
    items = [Item.of_path(path) for path in expand(paths)]
    return convert_all(items, factory=keep_reports, jobs=jobs, strict=strict, host=host)
