"""Where a run's output goes: the ``-o`` rules, so that an output path never surprises.

- No ``-o``: standard output. Several reports go there only in a format that joins many
  (an exporter with a ``join``: jsonl, csv, parquet); a binary
  format is never written to a terminal.
- ``-o DIR/`` (a trailing slash) or an existing folder: a folder, made if missing, holding one
  file per report named after it (``report.txt`` → ``DIR/report.json``).
- Any other ``-o FILE``: one file. Several reports go there only in a format that joins many;
  without ``--format`` the format is the one whose suffix ``FILE`` has.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NoReturn

import attrs

from govreport.boundary import call_plugin
from govreport.errors import InputError
from govreport.exporters.base import Exporter
from govreport.host import PluginHost
from govreport.model import Report
from govreport.output import Data

DEFAULT_FORMAT = "json"
"""The format when neither ``--format`` nor an ``-o`` suffix names one."""


@attrs.frozen
class OutputPlan:
    """Where each report's export goes."""

    exporter: Exporter
    """The format every report is written in."""
    files: tuple[Path, ...] | None
    """One file per report, in input order, for a folder output; None when all reports go into
    one output (``target``) that the exporter joins."""
    target: Path | None = None
    """The one output file, or None for standard output (when ``files`` is None)."""

    def own_files(self, sources: Sequence[str | None]) -> dict[str | None, Path] | None:
        """The file of each report by its source (the reports of the inputs :func:`plan` was
        given, in order), when each goes to a file of its own: a folder, or ``-o FILE`` in a
        format that does not join reports. None when all go into one output."""
        if self.files is not None:  # plan() gave each input its own file, from its stem
            return dict(zip(sources, self.files, strict=True))
        if self.target is not None and self.exporter.join is None:
            (source,) = sources  # plan() lets several reports into one file only for joining
            return {source: self.target}
        return None


def is_folder(output: str) -> bool:
    """Whether ``-o output`` names a folder: it ends with a slash or is an existing folder."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def choose_exporter(host: PluginHost, name: str | None, output: str | None) -> Exporter:
    """The exporter ``--format name`` asks for; without one, the one ``-o``'s suffix names
    (``x.parquet`` → parquet), else :data:`DEFAULT_FORMAT`."""
    if name is not None:
        return host.exporter(name)
    if output is None or is_folder(output):
        return host.exporter(DEFAULT_FORMAT)
    suffix = Path(output).suffix.lower()
    by_suffix = [e for e in host.exporters.values() if e.suffix == suffix]
    if len(by_suffix) > 1:  # csv and csv-raw both write .csv: the format named like it wins
        by_suffix = [e for e in by_suffix if e.name == suffix[1:]] or by_suffix
    if len(by_suffix) != 1:
        known = ", ".join(sorted({e.suffix for e in host.exporters.values()}))
        why = "no format writes" if not by_suffix else "several formats write"
        raise InputError(
            f"{output}: {why} {suffix or 'files without a suffix'}; give --format "
            f"(suffixes: {known})"
        )
    return by_suffix[0]


def plan(
    exporter: Exporter, stems: Sequence[str], output: str | None, *, to_terminal: bool
) -> OutputPlan:
    """Apply the module's rules to reports with file stems ``stems``.

    :param to_terminal: whether standard output is a terminal.
    :raises InputError: when the rules refuse (a binary to a terminal, several reports into one
        output of a format that holds one, two reports that would write the same file).
    """
    many = len(stems) > 1
    joins = exporter.join is not None
    if output is None:
        if exporter.binary and to_terminal:
            raise InputError(f"{exporter.name} is a binary format: write it to a file with -o")
        if many and not joins:
            raise InputError(_one_holds_one(exporter, "standard output"))
        return OutputPlan(exporter, files=None)
    if not is_folder(output):
        if many and not joins:
            raise InputError(_one_holds_one(exporter, output) + f", or -o {output}/ for a folder")
        return OutputPlan(exporter, files=None, target=Path(output))
    folder = Path(output)
    files = tuple(folder / f"{stem}{exporter.suffix}" for stem in stems)
    if len(set(files)) < len(files):
        # Two inputs with the same stem would silently overwrite each other's output.
        raise InputError(f"several inputs would write the same file in {output}; rename them")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{output}: cannot create output folder: {exc.strerror or exc}") from None
    return OutputPlan(exporter, files=files)


def _one_holds_one(exporter: Exporter, where: str) -> str:
    return (
        f"several reports cannot go into {where} as {exporter.name}, which holds one report; "
        "use --format jsonl, csv or parquet"
    )


def export_bytes(exporter: Exporter, report: Report, host: PluginHost) -> Data:
    """``report`` in ``exporter``'s format, as bytes, through :meth:`PluginHost.export` (which
    names a failing plugin); text that UTF-8 cannot write is refused in one line. The whole
    export, for an output that must never get a part of one (standard output)."""
    if exporter.pieces is None:
        output = host.export(exporter.name, report)
        if isinstance(output, bytes):
            return output
        try:
            return output.encode("utf-8")
        except UnicodeEncodeError as exc:
            _unwritable(exporter, output, exc, 0)
    # A bytearray, returned as it is: bytes(buffer) would copy the whole output once more.
    buffer = bytearray()
    for part in export_parts(exporter, report, host):
        buffer += part
    return buffer


def export_parts(exporter: Exporter, report: Report, host: PluginHost) -> Iterator[Data]:
    """:func:`export_bytes` in parts, made as they are taken: the exporter's pieces
    (:attr:`Exporter.pieces`) encoded one by one, so that a file can be written without the
    whole export in memory (a 10 MB report's JSON is some 50 MB). Each piece is taken under
    the exporter's plugin, which a failure names, as :meth:`PluginHost.export` does."""
    if exporter.pieces is None:
        yield export_bytes(exporter, report, host)
        return
    plugin = host.exporter_plugin(exporter.name)
    parts = _encoded_pieces(exporter, report)
    while (
        part := call_plugin(plugin, "export", _next, {"parts": parts}, passes=_PASSES)
    ) is not None:
        yield part


_PASSES = (InputError,)
"""What an exporter may raise as it is: a piece UTF-8 cannot write is the input's fault."""


def _next(parts: Iterator[bytes]) -> bytes | None:
    return next(parts, None)


def _encoded_pieces(exporter: Exporter, report: Report) -> Iterator[bytes]:
    """The pieces of ``exporter`` for ``report``, each encoded as UTF-8 as it comes."""
    assert exporter.pieces is not None
    written = 0
    for piece in exporter.pieces(report):
        try:
            part = piece.encode("utf-8")
        except UnicodeEncodeError as exc:
            _unwritable(exporter, piece, exc, written)
        yield part
        written += len(piece)


def _unwritable(exporter: Exporter, text: str, error: UnicodeEncodeError, offset: int) -> NoReturn:
    """Refuse, in one line, an output that holds a lone surrogate (let through by a reader
    plugin) at ``error.start`` of ``text``, which starts at character ``offset``."""
    bad = f"U+{ord(text[error.start]):04X}"
    message = f"the {exporter.name} output holds {bad} at character {offset + error.start}"
    raise InputError(f"{message}, which UTF-8 cannot write") from error


def join(exporter: Exporter, parts: Sequence[Data], host: PluginHost) -> Data:
    """The one output holding ``parts``: the part itself when there is one; a failing
    ``join`` is named like a failing export."""
    if exporter.join is None:
        (part,) = parts  # plan() lets several parts into one output only for joining exporters
        return part
    plugin = host.exporter_plugin(exporter.name)
    exported = [bytes(part) for part in parts]  # no copy: only a pieces export is a bytearray
    return call_plugin(plugin, "join", exporter.join, {"parts": exported})
