"""Where a run's output goes: the ``-o`` rules, so that an output path never surprises.

- No ``-o``: standard output. Several reports go there only in a format that joins many
  (:class:`~govreport.exporters.base.JoiningExporter`: jsonl, csv, parquet); a binary
  format is never written to a terminal.
- ``-o DIR/`` (a trailing slash) or an existing folder: a folder, made if missing, holding one
  file per report named after it (``report.txt`` → ``DIR/report.json``).
- Any other ``-o FILE``: one file. Several reports go there only in a format that joins many;
  without ``--format`` the format is the one whose suffix ``FILE`` has.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import attrs

from govreport.errors import GovreportError, InputError, PluginError
from govreport.exporters.base import Exporter, JoiningExporter
from govreport.host import PluginHost
from govreport.model import Report

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
    joins = isinstance(exporter, JoiningExporter)
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


def export_bytes(exporter: Exporter, report: Report, host: PluginHost) -> bytes:
    """``exporter.export(report)`` as bytes; a failing or misbehaving exporter is named."""
    try:
        output = exporter.export(report)
    except GovreportError:
        raise
    except Exception as exc:
        message = f"{type(exc).__name__}: {exc}"
        raise PluginError(host.exporter_plugin(exporter.name), "export", message) from exc
    if isinstance(output, bytes):
        return output
    if not isinstance(output, str):
        message = f"returned {type(output).__name__}, not str or bytes"
        raise PluginError(host.exporter_plugin(exporter.name), "export", message)
    try:
        return output.encode("utf-8")
    except UnicodeEncodeError as exc:  # a reader plugin let a lone surrogate through
        bad = f"U+{ord(output[exc.start]):04X}"
        message = f"the {exporter.name} output holds {bad} at character {exc.start}"
        raise InputError(f"{message}, which UTF-8 cannot write") from exc


def join(exporter: Exporter, parts: Sequence[bytes], host: PluginHost) -> bytes:
    """The one output holding ``parts``: the part itself when there is one; a failing
    ``join`` is named like a failing export."""
    if not isinstance(exporter, JoiningExporter):
        (part,) = parts  # plan() lets several parts into one output only for joining exporters
        return part
    try:
        return exporter.join(parts)
    except GovreportError:
        raise
    except Exception as exc:
        message = f"{type(exc).__name__}: {exc}"
        raise PluginError(host.exporter_plugin(exporter.name), "join", message) from exc
