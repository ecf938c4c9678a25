"""What an exporter is."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from govreport.model import Report


@runtime_checkable
class Exporter(Protocol):
    """Turns a report into one output format."""

    @property
    def name(self) -> str:
        """The ``--format`` name (``json``, ``outline`` …)."""

    @property
    def suffix(self) -> str:
        """File name suffix for the output, with the dot (``.json``)."""

    @property
    def media_type(self) -> str:
        """MIME type of the output."""

    @property
    def binary(self) -> bool:
        """True when ``export`` returns bytes rather than text."""

    def export(self, report: Report) -> str | bytes:
        """The report in this format: deterministic for the same report."""


@runtime_checkable
class JoiningExporter(Exporter, Protocol):
    """An exporter whose format holds many reports in one file (JSON Lines, CSV, Parquet).

    Each report is exported on its own (in a worker process, say); ``join`` then makes the one
    file of many from those exports, in the order given.
    """

    def join(self, parts: Sequence[bytes]) -> bytes:
        """One output holding the reports of ``parts`` (exports of this format, as bytes);
        ``join([part])`` is ``part``."""
