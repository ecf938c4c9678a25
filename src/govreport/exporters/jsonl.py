"""The ``jsonl`` format: JSON Lines, one report a line, for many reports in one file or stream.

Each line is the report's contract JSON (the ``json`` format) without indentation, so it loads
back with ``json.loads`` line by line; a line never holds a raw line end (JSON escapes them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

import attrs

from govreport.exporters.base import Exporter
from govreport.exporters.json import contract_json
from govreport.hookspecs import hookimpl
from govreport.model import Report


@attrs.frozen
class JsonLinesExporter:
    """Writes a report as one line of contract JSON; joins many by concatenating their lines."""

    name: ClassVar[str] = "jsonl"
    suffix: ClassVar[str] = ".jsonl"
    media_type: ClassVar[str] = "application/jsonl"
    binary: ClassVar[bool] = False

    def export(self, report: Report) -> str:
        """The report's line, ending with a newline."""
        return contract_json(report, indent=None) + "\n"

    def join(self, parts: Sequence[bytes]) -> bytes:
        """The lines of ``parts``, in order."""
        return b"".join(parts)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``jsonl`` format."""
    register(JsonLinesExporter())
