"""The ``govreport`` command line.

::

    govreport parse FILE... [--format NAME] [-o OUT] [--example] [--lenient]
                            [--encoding NAME] [--max-bytes N]
    govreport formats
    govreport plugins [--all] [--json]
    govreport --version

Bad input of any kind (a missing or unreadable file, undecodable bytes, an unknown format or
option) ends with one ``govreport: …`` line on stderr and exit status 2, never a traceback. With
several files a bad one is reported and the others are still converted; the status is then 2.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import sys
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import NoReturn

import attrs

from govreport import __version__
from govreport.errors import GovreportError, InputError, PluginError
from govreport.exporters.base import Exporter
from govreport.host import PluginHost, default_host
from govreport.model import Report
from govreport.output import write_atomic, write_stdout
from govreport.parsing import parse
from govreport.reading import MAX_BYTES, read_bytes, read_stream

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

STDIN = "-"
"""The FILE argument that means standard input."""


class _UsageError(Exception):
    """A bad command line; argparse would have printed usage and exited."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports usage errors in one line instead of exiting."""

    def error(self, message: str) -> NoReturn:
        """Raise the usage error so :func:`main` prints it the way it prints every error."""
        raise _UsageError(f"{message} (see '{self.prog} --help')")


@attrs.frozen
class _Input:
    """One report to convert: a file, standard input or the bundled example."""

    label: str
    """How messages name it."""
    source: str | None
    """The name recorded in the report (a file name), or None for standard input."""
    read: Callable[[], bytes]
    """Reads its bytes; errors name ``label`` themselves."""

    @property
    def stem(self) -> str:
        """Base name of its output file inside an output directory."""
        return Path(self.source or "stdin").stem


def _read_stdin(max_bytes: int) -> bytes:
    if sys.stdin is None:  # started with stdin closed
        raise InputError("<stdin>: no standard input")
    return read_stream(sys.stdin.buffer, "<stdin>", max_bytes=max_bytes)


def _read_example() -> bytes:
    return resources.files("govreport.examples").joinpath(EXAMPLE).read_bytes()


def _inputs(files: Sequence[str], example: bool, max_bytes: int) -> list[_Input]:
    inputs = [
        _Input("<stdin>", None, functools.partial(_read_stdin, max_bytes))
        if name == STDIN
        else _Input(name, Path(name).name, functools.partial(read_bytes, name, max_bytes=max_bytes))
        for name in files
    ]
    if example:
        inputs.append(_Input(EXAMPLE, EXAMPLE, _read_example))
    if not inputs:
        raise _UsageError("parse needs a FILE, '-' for standard input, or --example")
    return inputs


def _targets(inputs: Sequence[_Input], output: str | None, suffix: str) -> list[Path | None]:
    """Where each input's export goes: None for stdout, else a file path."""
    if output is None:
        return [None] * len(inputs)
    if not output:  # Path("") is the working folder: never write there by accident
        raise _UsageError("-o needs a file or folder name")
    out = Path(output)
    if len(inputs) == 1 and not out.is_dir():
        return [out]
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"{output}: cannot create output directory: {exc.strerror or exc}"
        ) from None
    targets: list[Path | None] = [out / f"{item.stem}{suffix}" for item in inputs]
    if len(set(targets)) < len(targets):
        # Two inputs with the same stem would silently overwrite each other's output.
        raise _UsageError(f"several inputs would write the same file in {output}; rename them")
    return targets


def _convert(
    item: _Input,
    target: Path | None,
    host: PluginHost,
    exporter: Exporter,
    *,
    strict: bool,
    inputs: Sequence[str],
    encoding: str | None,
) -> None:
    """Read, parse and export one input to ``target`` (None: stdout); ``inputs``: files read."""
    text = host.read(item.read(), item.label, encoding)
    try:
        output = _export(exporter, parse(text, source=item.source, host=host, strict=strict), host)
    except GovreportError as exc:
        # Plugin errors do not know which input they came from.
        raise InputError(f"{item.label}: {exc}") from exc
    if target is None and isinstance(output, str) and not output.endswith("\n"):
        output += "\n"  # on stdout, several exports must not run together
    data = output if isinstance(output, bytes) else _utf8(output, exporter.name, item.label)
    if target is None:
        write_stdout(data)
    else:
        write_atomic(target, data, inputs=inputs)


def _export(exporter: Exporter, report: Report, host: PluginHost) -> str | bytes:
    """``exporter.export(report)``; a failing or misbehaving exporter is named."""
    try:
        output = exporter.export(report)
    except GovreportError:
        raise
    except Exception as exc:
        message = f"{type(exc).__name__}: {exc}"
        raise PluginError(host.exporter_plugin(exporter.name), "export", message) from exc
    if not isinstance(output, str | bytes):
        message = f"returned {type(output).__name__}, not str or bytes"
        raise PluginError(host.exporter_plugin(exporter.name), "export", message)
    return output


def _utf8(output: str, format_name: str, label: str) -> bytes:
    try:
        return output.encode("utf-8")
    except UnicodeEncodeError as exc:  # a reader plugin let a lone surrogate through
        bad = f"U+{ord(output[exc.start]):04X}"
        message = f"the {format_name} output holds {bad} at character {exc.start}"
        raise InputError(f"{label}: {message}, which UTF-8 cannot write") from exc


def _cmd_parse(args: argparse.Namespace) -> int:
    host = default_host(strict=not args.lenient)
    exporter = host.exporter(args.format)  # before any input is read
    inputs = _inputs(args.files, args.example, args.max_bytes)
    input_files = [name for name in args.files if name != STDIN]
    status = EXIT_OK
    for item, target in zip(inputs, _targets(inputs, args.output, exporter.suffix), strict=True):
        try:
            _convert(
                item,
                target,
                host,
                exporter,
                strict=not args.lenient,
                inputs=input_files,
                encoding=args.encoding,
            )
        except GovreportError as exc:
            _error(str(exc))
            status = EXIT_INPUT
    return status


def _cmd_formats(args: argparse.Namespace) -> int:
    exporters = default_host().exporters
    width = max(map(len, exporters), default=0)
    for name, exporter in exporters.items():
        print(f"{name:<{width}}  {exporter.suffix:<8}{exporter.media_type}")
    return EXIT_OK


def _cmd_plugins(args: argparse.Namespace) -> int:
    infos = default_host().plugins(include_builtin=args.all)
    if args.json:
        print(json.dumps([attrs.asdict(info) for info in infos], ensure_ascii=False, indent=2))
        return EXIT_OK
    for info in infos:
        origin = "builtin" if info.builtin else info.distribution or "local"
        print(
            f"{info.name} {info.version or '?'} ({origin})"
            f"  hooks: {', '.join(info.hooks) or '-'}  provides: {', '.join(info.provides) or '-'}"
        )
    return EXIT_OK


def _byte_count(text: str) -> int:
    """A ``--max-bytes`` value: a positive whole number."""
    if not text.isdigit() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"not a positive number of bytes: {text!r}")
    return int(text)


def _parser() -> _Parser:
    parser = _Parser(
        prog="govreport",
        description="Turn Chinese government reports into an outline and mentions.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parse_cmd = commands.add_parser("parse", help="parse reports and export them")
    parse_cmd.add_argument("files", nargs="*", metavar="FILE", help="report file, or - for stdin")
    parse_cmd.add_argument("-f", "--format", default="json", help="output format (default: json)")
    parse_cmd.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file; a directory when there are several inputs",
    )
    parse_cmd.add_argument(
        "--example", action="store_true", help=f"also parse the bundled {EXAMPLE}"
    )
    parse_cmd.add_argument(
        "--lenient",
        action="store_true",
        help="record plugin failures in the report instead of stopping",
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
    parse_cmd.set_defaults(run=_cmd_parse)

    formats_cmd = commands.add_parser("formats", help="list output formats")
    formats_cmd.set_defaults(run=_cmd_formats)

    plugins_cmd = commands.add_parser("plugins", help="list loaded plugins")
    plugins_cmd.add_argument("--all", action="store_true", help="include the built-in plugins")
    plugins_cmd.add_argument("--json", action="store_true", help="print a JSON list")
    plugins_cmd.set_defaults(run=_cmd_plugins)
    return parser


def _error(message: str) -> None:
    # One line whatever the message holds: scripts read stderr line by line.
    print("govreport: " + " ".join(part.strip() for part in message.splitlines()), file=sys.stderr)


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
