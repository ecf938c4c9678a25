"""The ``csv`` format: one row per mention, for spreadsheets and data tools.

Columns (:data:`COLUMNS`): the mention's kind, text and span, the 1-based line and column where it
starts, the typed fields a kind may have (empty when it has none), and the outline path of the
part it stands in, as markers and as titles joined by `` > ``. Numbers are exact decimals without
exponents. Mention kinds defined by plugins get rows too: their fields of the same names fill the
columns. Rows are in document order; the text reads back with :class:`csv.DictReader`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from govreport.exporters._format import field_text
from govreport.exporters.base import Exporter
from govreport.hookspecs import hookimpl
from govreport.model import Mention, Report

FIELD_COLUMNS = ("value", "value_max", "unit", "qualifier", "change", "category", "meaning")
"""Columns filled from the mention attribute of the same name, when the mention has one."""

COLUMNS = (
    "kind",
    "text",
    "start",
    "end",
    "line",
    "column",
    *FIELD_COLUMNS,
    "outline_path",
    "outline_titles",
)
"""The header row, in order."""

PATH_SEPARATOR = " > "
"""Joins the markers (and the titles) of an outline path."""


def _row(report: Report, mention: Mention) -> list[str]:
    """The cells of ``mention``'s row, in :data:`COLUMNS` order."""
    line, column = report.line_col(mention)
    path = report.outline_path(mention)
    return [
        mention.kind,
        mention.text,
        str(mention.span.start),
        str(mention.span.end),
        str(line),
        str(column),
        *(field_text(getattr(mention, name, None)) for name in FIELD_COLUMNS),
        PATH_SEPARATOR.join(node.marker for node in path),
        PATH_SEPARATOR.join(node.title for node in path),
    ]


def render(report: Report) -> str:
    """The CSV text for ``report``: a header, then one row per mention in document order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")  # minimal quoting, the csv default
    writer.writerow(COLUMNS)
    writer.writerows(_row(report, mention) for mention in report.mentions)
    return out.getvalue()


CSV = Exporter(name="csv", suffix=".csv", media_type="text/csv", render=render)
"""Writes the mentions of a report as CSV (:func:`render`)."""


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``csv`` format."""
    register(CSV)
