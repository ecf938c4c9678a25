"""The ``jsonl`` format: JSON Lines, one report a line, for many reports in one file or stream.

Each line is the report's contract JSON (the ``json`` format, which is on one line), so it loads
back with ``json.loads`` line by line; a line never holds a raw line end (JSON escapes them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from govreport.exporters.base import Exporter
from govreport.exporters.json import JSON
from govreport.hookspecs import hookimpl


def join(parts: Sequence[bytes]) -> bytes:
    """The lines of ``parts``, in order."""
    return b"".join(parts)


JSONL = Exporter(
    name="jsonl",
    suffix=".jsonl",
    media_type="application/jsonl",
    render=JSON.render,
    pieces=JSON.pieces,
    join=join,
)
"""Writes a report as one line of contract JSON, in pieces as the json format does; joins many
by concatenating their lines."""


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``jsonl`` format."""
    register(JSONL)
