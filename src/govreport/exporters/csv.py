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

import bisect
import csv
import functools
import io
import itertools
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

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
"""Joins all cells, each after one, so that one search finds the cells :func:`neutralised` may
change."""

_FORMULA_CELL = re.compile(_CELL_JOINER + "[" + re.escape("".join(FORMULA_STARTS)) + "]")
"""A cell after :data:`_CELL_JOINER` that starts with one of :data:`FORMULA_STARTS`."""


def neutralised(cell: str) -> str:
    """``cell`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    if cell.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


_NO_INDICATOR = ("",) * len(INDICATOR_COLUMNS)
"""The :data:`INDICATOR_COLUMNS` cells of a mention that is no quantity."""


def _indicator_cells(mention: Mention) -> tuple[str, ...]:
    """The :data:`INDICATOR_COLUMNS` cells of a mention that may have them."""
    indicator: Indicator | None = getattr(mention, "indicator", None)
    return (
        "" if indicator is None else indicator.text,
        "" if indicator is None else str(indicator.span.start),
        "" if indicator is None else str(indicator.span.end),
        field_text(getattr(mention, "role", None)),
        field_text(getattr(mention, "period", None)),
    )


class _Fields(NamedTuple):
    """Which of a class's attributes fill cells (read once per class, not per row)."""

    fields: tuple[tuple[int, str], ...]
    """The index in :data:`FIELD_COLUMNS` and the name of each attribute the class may have."""
    indicator: bool
    """Whether it may have the :data:`INDICATOR_COLUMNS` attributes."""


@functools.cache
def _fields_of(cls: type) -> _Fields:
    """What of ``cls`` fills cells: for a class whose instances have only the attributes the
    class declares (slots, no ``__dict__`` or ``__getattr__``), those of them named as columns;
    for any other, every column is looked for."""
    if hasattr(cls, "__getattr__") or "__dict__" in dir(cls):
        return _Fields(tuple(enumerate(FIELD_COLUMNS)), indicator=True)
    return _Fields(
        tuple((index, name) for index, name in enumerate(FIELD_COLUMNS) if hasattr(cls, name)),
        indicator=any(hasattr(cls, name) for name in ("indicator", "role", "period")),
    )


def _rows(report: Report) -> list[list[str]]:
    """The cells of each mention's row, in document order and :data:`COLUMNS` order."""
    source = report.source or ""
    mentions = list(report.mentions)  # (made once: a compact store makes each one when read)
    rows: list[list[str]] = []
    markers = titles = ""
    last_path: tuple[OutlineNode, ...] | None = None
    for mention, path in zip(mentions, report.outline_paths(mentions), strict=True):
        if path is not last_path:  # (consecutive mentions mostly share a path)
            markers = PATH_SEPARATOR.join([node.marker for node in path])
            titles = PATH_SEPARATOR.join([node.title for node in path])
            last_path = path
        line, column = report.line_col(mention.span.start)
        cls: type = type(mention)  # (a class is hashable, whatever its instances are)
        fields, has_indicator = _fields_of(cls)
        cells = ["" for _ in FIELD_COLUMNS]
        for index, name in fields:
            cells[index] = field_text(getattr(mention, name, None))
        rows.append(
            [
                source,
                mention.kind,
                mention.text,
                str(mention.span.start),
                str(mention.span.end),
                str(line),
                str(column),
                *cells,
                *(_indicator_cells(mention) if has_indicator else _NO_INDICATOR),
                markers,
                titles,
            ]
        )
    return rows


def _flagged(rows: Sequence[Sequence[str]]) -> list[int]:
    """The indices of the rows with a cell that starts with one of :data:`FORMULA_STARTS` (or
    after a NUL in a cell): most rows have none, and one search over all cells says which."""
    joined = list(map(_CELL_JOINER.join, rows))
    found = [m.start() for m in _FORMULA_CELL.finditer(_CELL_JOINER + _CELL_JOINER.join(joined))]
    if not found:
        return []
    # where each row ends in the search's text, the joiner before it counted
    ends = list(itertools.accumulate(len(row) + 1 for row in joined))
    return sorted({bisect.bisect_right(ends, offset) for offset in found})


def render(report: Report, *, neutralise: bool = True) -> str:
    """The CSV text for ``report``: a header, then one row per mention in document order.

    :param neutralise: quote the cells a spreadsheet would run as formulas (module docstring).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")  # minimal quoting, the csv default
    writer.writerow(COLUMNS)
    rows = _rows(report)
    if neutralise:
        for index in _flagged(rows):
            rows[index] = [neutralised(cell) for cell in rows[index]]
    writer.writerows(rows)
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
