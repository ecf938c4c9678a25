"""The ``govreport`` command line.

::

    govreport parse FILE... [--format NAME] [-o OUT] [--example] [--lenient]
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
import gc
import json
import os
import secrets
import sys
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import NoReturn

import attrs

from govreport import __version__
from govreport.errors import GovreportError, InputError
from govreport.exporters.base import Exporter
from govreport.host import PluginHost, default_host
from govreport.parsing import parse
from govreport.reading import read_bytes

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


def _read_stdin() -> bytes:
    if sys.stdin is None:  # started with stdin closed
        raise InputError("<stdin>: no standard input")
    return sys.stdin.buffer.read()


def _read_example() -> bytes:
    return resources.files("govreport.examples").joinpath(EXAMPLE).read_bytes()


def _inputs(files: Sequence[str], example: bool) -> list[_Input]:
    inputs = [
        _Input("<stdin>", None, _read_stdin)
        if name == STDIN
        else _Input(name, Path(name).name, functools.partial(read_bytes, name))
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


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        # os.open with mode 0o666 lets the umask decide permissions, as for any new file.
        with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _write_stdout(data: bytes) -> None:
    # Bytes, not text: the output is UTF-8 whatever the locale says stdout's encoding is.
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _convert(
    item: _Input, target: Path | None, host: PluginHost, exporter: Exporter, strict: bool
) -> None:
    """Read, parse and export one input to ``target`` (None: stdout)."""
    text = host.read(item.read(), item.label)
    try:
        with _no_cycle_collection():
            report = parse(text, source=item.source, host=host, strict=strict)
        output = host.export(exporter.name, report)
    except GovreportError as exc:
        # Plugin errors do not know which input they came from.
        raise InputError(f"{item.label}: {exc}") from exc
    if target is None and isinstance(output, str) and not output.endswith("\n"):
        output += "\n"  # on stdout, several exports must not run together
    data = output if isinstance(output, bytes) else _utf8(output, exporter.name, item.label)
    if target is None:
        _write_stdout(data)
    else:
        _write_atomic(target, data)


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
    inputs = _inputs(args.files, args.example)
    status = EXIT_OK
    for item, target in zip(inputs, _targets(inputs, args.output, exporter.suffix), strict=True):
        try:
            _convert(item, target, host, exporter, strict=not args.lenient)
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
