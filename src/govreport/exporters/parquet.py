"""The ``parquet`` format: the mentions table (:func:`govreport.table`) as an Apache Parquet file.

One row per mention, with the table's typed columns, ``source`` naming the report, so one file
holds many reports. Needs pyarrow (``pip install 'govreport[tables]'``), imported only when a
report is written.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import attrs

from govreport.corpus.tables import table
from govreport.exporters.base import Exporter
from govreport.hookspecs import hookimpl
from govreport.model import Report
from govreport.readers import require


def _parquet() -> Any:
    return require("pyarrow.parquet", extra="tables", what="reports into Parquet")


def _write(arrow_table: Any) -> bytes:
    out = io.BytesIO()
    _parquet().write_table(arrow_table, out)
    return out.getvalue()


@attrs.frozen
class ParquetExporter:
    """Writes the mentions of reports as a Parquet table."""

    name: ClassVar[str] = "parquet"
    suffix: ClassVar[str] = ".parquet"
    media_type: ClassVar[str] = "application/vnd.apache.parquet"
    binary: ClassVar[bool] = True

    def export(self, report: Report) -> bytes:
        """The Parquet file of ``report``'s mentions table."""
        return _write(table(report).to_arrow())

    def join(self, parts: Sequence[bytes]) -> bytes:
        """One Parquet file with the rows of ``parts``, in order."""
        if len(parts) == 1:
            return parts[0]
        pa, parquet = require("pyarrow", extra="tables", what="reports into Parquet"), _parquet()
        return _write(pa.concat_tables(parquet.read_table(io.BytesIO(part)) for part in parts))


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``parquet`` format."""
    register(ParquetExporter())
