"""The ``csv`` format: one row per mention, for spreadsheets and data tools.

Columns (:data:`COLUMNS`): the report's file name (``source``, so that one file can hold the
rows of many reports), the mention's kind, text and span, the 1-based line and column where it
starts, the typed fields a kind may have (empty when it has none), a quantity's indicator (text,
start, end), role and period, and the outline path of the
part it stands in, as markers and as titles joined by `` > ``. Numbers are exact decimals without
exponents. Mention kinds defined by plugins get rows too: their fields of the same names fill the
columns. Rows are in document order; the text reads back with :class:`csv.DictReader`.

Report text is untrusted and spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@``
as a formula (``一、=HYPERLINK(…)`` is a heading). So in the ``csv`` format such a cell, and one
starting with a tab or a carriage return, gets a leading ``'`` (OWASP's rule against CSV
injection); plain numbers such as ``-5`` are left as they are. The ``csv-raw`` format writes every
cell as it is, for tools that read CSV as data. Lone surrogates are written as U+FFFD.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable, Sequence

from govreport.exporters._format import field_text, writable
from govreport.exporters.base import Exporter
from govreport.hookspecs import hookimpl
from govreport.model import Indicator, Mention, OutlineNode, Report

FIELD_COLUMNS = ("value", "value_max", "unit", "qualifier", "change", "category", "meaning")
"""Columns filled from the mention attribute of the same name, when the mention has one."""

INDICATOR_COLUMNS = ("indicator", "indicator_start", "indicator_end", "role", "period")
"""What a quantity measures (its text and span), its role and its period."""

COLUMNS = (
    "source",
    "kind",
    "text",
    "start",
    "end",
    "line",
    "column",
    *FIELD_COLUMNS,
    *INDICATOR_COLUMNS,
    "outline_path",
    "outline_titles",
)
"""The header row, in order."""

PATH_SEPARATOR = " > "
"""Joins the markers (and the titles) of an outline path."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Cell starts a spreadsheet may read as a formula (OWASP, CSV injection)."""

_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
"""A cell that is only a number: no formula, so it stays a number."""


_CELL_JOINER = "\0"
"""Joins a row's cells so that one search finds the cells :func:`neutralised` would change."""

_FORMULA_CELL = re.compile("(?:^|\0)[" + re.escape("".join(FORMULA_STARTS)) + "]")
"""A cell of a row joined by :data:`_CELL_JOINER` that starts with one of :data:`FORMULA_STARTS`."""


def neutralised(cell: str) -> str:
    """``cell`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    if cell.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _indicator_cells(mention: Mention) -> list[str]:
    """The :data:`INDICATOR_COLUMNS` cells: empty for mentions that are not quantities."""
    indicator: Indicator | None = getattr(mention, "indicator", None)
    return [
        "" if indicator is None else indicator.text,
        "" if indicator is None else str(indicator.span.start),
        "" if indicator is None else str(indicator.span.end),
        field_text(getattr(mention, "role", None)),
        field_text(getattr(mention, "period", None)),
    ]


def _row(report: Report, mention: Mention, path: tuple[OutlineNode, ...]) -> list[str]:
    """The cells of ``mention``'s row, in :data:`COLUMNS` order; ``path`` is its outline path."""
    line, column = report.line_col(mention)
    return [
        report.source or "",
        mention.kind,
        mention.text,
        str(mention.span.start),
        str(mention.span.end),
        str(line),
        str(column),
        *(field_text(getattr(mention, name, None)) for name in FIELD_COLUMNS),
        *_indicator_cells(mention),
        PATH_SEPARATOR.join(node.marker for node in path),
        PATH_SEPARATOR.join(node.title for node in path),
    ]


def render(report: Report, *, neutralise: bool = True) -> str:
    """The CSV text for ``report``: a header, then one row per mention in document order.

    :param neutralise: quote the cells a spreadsheet would run as formulas (module docstring).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")  # minimal quoting, the csv default
    writer.writerow(COLUMNS)
    for mention, path in zip(report.mentions, report.outline_paths(report.mentions), strict=True):
        row = _row(report, mention, path)
        # most rows have no cell to neutralise: one search says so (a NUL in a cell only
        # makes it look at each cell)
        if neutralise and _FORMULA_CELL.search(_CELL_JOINER.join(row)):
            row = [neutralised(cell) for cell in row]
        writer.writerow(row)
    return writable(out.getvalue())


def join(parts: Sequence[bytes]) -> bytes:
    """One CSV of the rows of ``parts``, under the header of the first."""
    # The header is one line (no cell of it needs quotes), so it ends at the first newline.
    rows = (part.partition(b"\n")[2] for part in parts[1:])
    return b"".join((*parts[:1], *rows))


CSV = Exporter(name="csv", suffix=".csv", media_type="text/csv", render=render, join=join)
"""Writes the mentions of a report as CSV (:func:`render`), cells a spreadsheet would run as
formulas quoted."""

CSV_RAW = Exporter(
    name="csv-raw",
    suffix=".csv",
    media_type="text/csv",
    render=functools.partial(render, neutralise=False),
    join=join,
)
"""The same CSV with every cell as it is (no formula quoting)."""


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``csv`` format and ``csv-raw``, the same without formula quoting."""
    register(CSV)
    register(CSV_RAW)
