"""The ``govreport`` command line.

::

    govreport parse PATH... [--format NAME] [-o OUT] [-j N] [--quiet] [--example] [--lenient]
                            [--encoding NAME] [--max-bytes N] [--indent N]
    govreport compare PATH... [--format json|csv|markdown] [-o FILE] [-j N]
    govreport formats
    govreport plugins [--all] [--json]
    govreport --version

Bad input of any kind (a missing or unreadable file, undecodable bytes, an unknown format or
option) ends with one ``govreport: …`` line on stderr and exit status 2, never a traceback. With
several files a bad one is reported and the others are still converted; the status is then 2.
A PATH may be a folder or a glob (:func:`govreport.corpus.batch.expand`); where the output goes
follows :mod:`govreport.corpus.outputs`. ``formats`` and ``plugins`` list failed plugins too.
JSON is written on one line, indented by ``--indent N`` spaces a level, or by two on a terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import NoReturn, TextIO, TypeVar

import attrs

from govreport import __version__
from govreport.corpus.batch import Factory, Item, ParseResult, convert_all, expand, keep_reports
from govreport.corpus.compare import FORMATS as COMPARE_FORMATS
from govreport.corpus.compare import compare
from govreport.corpus.outputs import choose_exporter, export_bytes, export_parts, join, plan
from govreport.errors import GovreportError, InputError, PluginError
from govreport.host import PluginHost, default_host
from govreport.model import Report
from govreport.output import Data, write_atomic, write_stream
from govreport.protocols import Exporter
from govreport.reading import MAX_BYTES, read_stream
from govreport.serialise import INDENT, indented

T = TypeVar("T")

EXIT_OK = 0
"""Everything was converted."""
EXIT_BROKEN_PIPE = 1
"""The reader of stdout went away (``govreport parse … | head``)."""
EXIT_INPUT = 2
"""Bad input or usage: the message says what."""
EXIT_INTERRUPTED = 130
"""Interrupted with Ctrl-C (128 + SIGINT), as shells report it."""

EXAMPLE = "water-bureau-2023.txt"
"""The sample report bundled in :mod:`govreport.examples`, parsed by ``--example``."""

JSON_MEDIA_TYPE = "application/json"
"""The media type of outputs ``--indent`` lays out (the ``json`` format's, and plugins' JSON)."""

STDIN = "-"
"""The FILE argument that means standard input."""


class _UsageError(Exception):
    """A bad command line; argparse would have printed usage and exited."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports usage errors in one line instead of exiting."""

    def error(self, message: str) -> NoReturn:
        """Raise the usage error so :func:`main` prints it the way it prints every error."""
        raise _UsageError(f"{message} (see '{self.prog} --help')")


def _read_stdin(max_bytes: int) -> bytes:
    if sys.stdin is None:  # started with stdin closed
        raise InputError("<stdin>: no standard input")
    return read_stream(sys.stdin.buffer, "<stdin>", max_bytes=max_bytes)


def _read_example() -> bytes:
    return resources.files("govreport.examples").joinpath(EXAMPLE).read_bytes()


def _items(
    files: Sequence[str], example: bool, *, encoding: str | None = None, max_bytes: int = MAX_BYTES
) -> list[Item]:
    """What to convert: each path expanded (folders, globs), ``-`` and the example as bytes."""
    items: list[Item] = []
    for name in files:
        if name == STDIN:
            data = _read_stdin(max_bytes)
            items.append(Item("<stdin>", None, data=data, encoding=encoding))
        else:
            items.extend(
                Item.of_path(path, encoding=encoding, max_bytes=max_bytes)
                for path in expand([name])
            )
    if example:
        items.append(Item(EXAMPLE, EXAMPLE, data=_read_example()))
    if not items:
        raise _UsageError("parse needs a FILE, '-' for standard input, or --example")
    return items


def _write(
    target: Path | None,
    data: Data,
    *,
    binary: bool,
    stdout: TextIO | None,
    inputs: Sequence[str] = (),
) -> None:
    """The one place output is written: to the file ``target`` (never over anything that is not
    a regular file, nor over one of ``inputs``), or to ``stdout`` when it is None."""
    if target is not None:
        write_atomic(target, data, inputs=inputs)
        return
    if not binary and not data.endswith(b"\n"):
        data += b"\n"  # on stdout, a text export must not run into the next output or prompt
    write_stream(stdout, data)


@contextlib.contextmanager
def _plugins_print_to_stderr() -> Iterator[TextIO | None]:
    """Run plugins with stdout pointing at stderr, so that what a reader, extractor or
    exporter prints never mixes into the output; yields the real stdout, for the output."""
    stdout = sys.stdout
    with contextlib.redirect_stdout(sys.stderr):
        yield stdout


def _lays_out(exporter: Exporter, indent: int | None) -> bool:
    """Whether ``exporter``'s output is laid out again: it is JSON and ``indent`` is set."""
    return indent is not None and exporter.media_type == JSON_MEDIA_TYPE


def _laid_out(data: Data, exporter: Exporter, indent: int | None) -> Data:
    """``data`` indented by ``indent`` spaces a level when it is JSON and ``indent`` is set."""
    if indent is None or not _lays_out(exporter, indent):
        return data
    return indented(data, indent).encode("utf-8")


def _exporting(format_name: str, host: PluginHost) -> Callable[[Report], Data]:
    """The batch ``finish`` that exports a report as ``format_name`` (in any process), for an
    output that holds the exports of several reports or goes to standard output."""
    exporter = host.exporter(format_name)
    return lambda report: export_bytes(exporter, report, host)


@attrs.frozen
class _Files:
    """Where each report's export goes when each has a file of its own."""

    targets: dict[str | None, Path]
    """The file of each report, by its source: :func:`plan` gives every input its own name,
    made from its source's stem."""
    inputs: tuple[str, ...]
    """The files the command reads, which no output may replace."""
    indent: int | None
    """``--indent``."""


def _writing(format_name: str, files: _Files, host: PluginHost) -> Callable[[Report], Path]:
    """The batch ``finish`` that writes a report's export to its own file (in any process, so
    that no export travels back whole): as the exporter's pieces come, encoded one by one into
    a temporary file that replaces the target only once all are written, so that neither the
    whole export nor its text is held (JSON laid out by ``--indent`` is laid out whole)."""
    exporter = host.exporter(format_name)

    def finish(report: Report) -> Path:
        target = files.targets[report.source]
        data: Data | Iterable[Data]
        if _lays_out(exporter, files.indent):
            data = _laid_out(export_bytes(exporter, report, host), exporter, files.indent)
        else:
            data = export_parts(exporter, report, host)
        write_atomic(target, data, inputs=files.inputs)
        return target

    return finish


@contextlib.contextmanager
def _converting(
    items: Sequence[Item], args: argparse.Namespace, host: PluginHost, factory: Factory[T]
) -> Iterator[tuple[Iterable[ParseResult[T]], Callable[[str], None]]]:
    """The results of converting ``items``, and how to report an error while they come: with
    a progress bar on stderr when it is a terminal (and not ``--quiet``), errors go above it."""
    strict = not args.lenient
    results = convert_all(items, factory=factory, jobs=args.jobs, strict=strict, host=host)
    if args.quiet or len(items) < 2 or not sys.stderr.isatty():
        yield results, _error
        return
    from tqdm import tqdm  # noqa: PLC0415 - deferred: only a run on a terminal shows a bar

    # No monitor thread: the worker pool forks once the bar shows, and a process that forks
    # should have no other threads (a lock one of them holds stays held in the child).
    tqdm.monitor_interval = 0
    with tqdm(results, total=len(items), unit="report", file=sys.stderr, leave=False) as bar:
        yield bar, lambda message: bar.write("govreport: " + _one_line(message), file=sys.stderr)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the length of a parse.

    A parse makes hundreds of thousands of small objects and no reference cycles, so the
    collector's passes over them are wasted work that grows with the input (a quarter of the
    time on a 10 MB text, docs/performance.md). The process is the command's own, so the
    switch is safe here; the library's ``parse()`` never flips it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _cmd_parse(args: argparse.Namespace) -> int:
    host = default_host(strict=not args.lenient)
    if args.output == "":  # Path("") is the working folder: never write there by accident
        raise _UsageError("-o needs a file or folder name")
    exporter = choose_exporter(host, args.format, args.output)  # before any input is read
    items = _items(args.files, args.example, encoding=args.encoding, max_bytes=args.max_bytes)
    inputs = [item.path for item in items if item.path is not None]
    stems = [item.stem for item in items]
    output = plan(
        exporter, stems, args.output, to_terminal=sys.stdout is not None and sys.stdout.isatty()
    )
    status = EXIT_OK
    parts: list[Data] = []
    targets = output.own_files([item.source for item in items])
    factory: Factory[object]
    if targets is None:  # one output for all: standard output, or a file the exporter joins
        factory = functools.partial(_exporting, exporter.name)
    else:
        files = _Files(targets, tuple(inputs), args.indent)
        factory = functools.partial(_writing, exporter.name, files)
    with (
        _plugins_print_to_stderr() as stdout,
        _no_cycle_collection(),
        _converting(items, args, host, factory) as (results, error),
    ):
        for result in results:
            if not result.ok:
                error(str(result.error))
                status = EXIT_INPUT
            elif isinstance(result.value, bytes | bytearray):  # an export, not yet written
                parts.append(result.value)
        if parts:
            indent = args.indent
            if indent is None and output.target is None and stdout is not None:
                indent = INDENT if stdout.isatty() else None  # for reading by eye
            data = _laid_out(join(exporter, parts, host), exporter, indent)
            _write(output.target, data, binary=exporter.binary, stdout=stdout, inputs=inputs)
    return status


def _cmd_compare(args: argparse.Namespace) -> int:
    items = [Item.of_path(path) for path in expand(args.files)]
    inputs = [item.label for item in items]
    host = default_host(strict=not args.lenient)
    reports, status = [], EXIT_OK
    with (
        _plugins_print_to_stderr() as stdout,
        _converting(items, args, host, keep_reports) as (results, error),
    ):
        for result in results:
            if result.ok:
                reports.append(result.report)
            else:
                error(str(result.error))
                status = EXIT_INPUT
    text = COMPARE_FORMATS[args.format](compare(reports))
    target = None if args.output is None else Path(args.output)
    _write(target, text.encode(), binary=False, stdout=stdout, inputs=inputs)
    return status


def _cmd_formats(args: argparse.Namespace) -> int:
    host = default_host(strict=False)  # one broken plugin must not hide the others
    exporters = host.exporters
    width = max(map(len, exporters), default=0)
    for name, exporter in exporters.items():
        print(f"{name:<{width}}  {exporter.suffix:<9}{exporter.media_type}")
    _print_failed(host)
    return EXIT_OK


def _failures(host: PluginHost) -> list[PluginError]:
    """Every load or registration failure of ``host``, once all it registers has been used."""
    host.plugins(include_builtin=True)  # registers extractors, exporters and vocabularies
    _ = host.units, host.heading_styles
    return list(host.faults)


def _print_failed(host: PluginHost) -> None:
    for fault in _failures(host):
        print(f"FAILED {_one_line(str(fault))}")


def _cmd_plugins(args: argparse.Namespace) -> int:
    host = default_host(strict=False)  # one broken plugin must not hide the others
    infos = host.plugins(include_builtin=args.all)
    if args.json:
        listed: list[dict[str, object]] = [attrs.asdict(info) for info in infos]
        listed += (
            {"name": fault.plugin, "failed": True, "hook": fault.hook, "message": str(fault)}
            for fault in _failures(host)
        )
        print(json.dumps(listed, ensure_ascii=False, indent=2))
        return EXIT_OK
    for info in infos:
        origin = "builtin" if info.builtin else info.distribution or "local"
        print(
            f"{info.name} {info.version or '?'} ({origin})"
            f"  hooks: {', '.join(info.hooks) or '-'}  provides: {', '.join(info.provides) or '-'}"
        )
    _print_failed(host)
    return EXIT_OK


def _byte_count(text: str) -> int:
    """A ``--max-bytes`` value: a positive whole number."""
    if not text.isdigit() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"not a positive number of bytes: {text!r}")
    return int(text)


def _indent(text: str) -> int:
    """An ``--indent`` value: a whole number of spaces, 0 or more."""
    if not text.isdigit() or int(text) > 16:
        raise argparse.ArgumentTypeError(f"not a number of spaces from 0 to 16: {text!r}")
    return int(text)


def _parser() -> _Parser:
    parser = _Parser(
        prog="govreport",
        description="Turn Chinese government reports into an outline and mentions.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parse_cmd = commands.add_parser("parse", help="parse reports and export them")
    parse_cmd.add_argument(
        "files", nargs="*", metavar="PATH", help="report file, folder or glob, or - for stdin"
    )
    parse_cmd.add_argument(
        "-f", "--format", help="output format (default: from the -o suffix, else json)"
    )
    parse_cmd.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file; a folder (made if missing) when it ends with / or exists",
    )
    _batch_options(parse_cmd)
    parse_cmd.add_argument(
        "--example", action="store_true", help=f"also parse the bundled {EXAMPLE}"
    )
    parse_cmd.add_argument(
        "--encoding",
        metavar="NAME",
        help="decode text inputs with this codec (e.g. gb18030, utf-16) instead of detecting it",
    )
    parse_cmd.add_argument(
        "--max-bytes",
        type=_byte_count,
        default=MAX_BYTES,
        metavar="N",
        help=f"refuse inputs larger than N bytes (default: {MAX_BYTES})",
    )
    parse_cmd.add_argument(
        "--indent",
        type=_indent,
        metavar="N",
        help=f"indent JSON by N spaces a level (default: one line; {INDENT} on a terminal)",
    )
    parse_cmd.set_defaults(run=_cmd_parse)

    compare_cmd = commands.add_parser("compare", help="compare indicators across reports")
    compare_cmd.add_argument("files", nargs="+", metavar="PATH", help="report file, folder or glob")
    compare_cmd.add_argument(
        "-f", "--format", choices=sorted(COMPARE_FORMATS), default="json", help="default: json"
    )
    compare_cmd.add_argument("-o", "--output", metavar="FILE", help="output file")
    _batch_options(compare_cmd)
    compare_cmd.set_defaults(run=_cmd_compare)

    formats_cmd = commands.add_parser("formats", help="list output formats")
    formats_cmd.set_defaults(run=_cmd_formats)

    plugins_cmd = commands.add_parser("plugins", help="list loaded plugins")
    plugins_cmd.add_argument("--all", action="store_true", help="include the built-in plugins")
    plugins_cmd.add_argument("--json", action="store_true", help="print a JSON list")
    plugins_cmd.set_defaults(run=_cmd_plugins)
    return parser


def _batch_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes (default: the machine's cores when there are many files)",
    )
    command.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    command.add_argument(
        "--lenient",
        action="store_true",
        help="record plugin failures in the report instead of stopping",
    )


def _one_line(message: str) -> str:
    # One line whatever the message holds: scripts read stderr line by line.
    return " ".join(part.strip() for part in message.splitlines())


def _error(message: str) -> None:
    print("govreport: " + _one_line(message), file=sys.stderr)


def _run(argv: list[str] | None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help and --version print, then exit
        return 0 if exc.code is None else int(exc.code)
    status: int = args.run(args)
    return status


def main(argv: list[str] | None = None) -> int:
    """Run the ``govreport`` command with ``argv`` (default: ``sys.argv[1:]``); return its status."""
    try:
        return _run(argv)
    except (_UsageError, GovreportError) as exc:
        _error(str(exc))
        return EXIT_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Python flushes stdout again at exit; point it at /dev/null so that cannot fail too.
        with contextlib.suppress(OSError, ValueError):
            stdout = sys.stdout.fileno()
            os.dup2(os.open(os.devnull, os.O_WRONLY), stdout)
        return EXIT_BROKEN_PIPE
