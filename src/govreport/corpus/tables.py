"""Tables of many reports: mentions, outline nodes and indicators, for pandas, Arrow and Polars.

>>> import govreport
>>> reports = [govreport.parse("一、总体情况\\n完成任务19项。", source="a.txt")]
>>> mentions = govreport.table(reports)
>>> mentions.column("text"), mentions.column("value")
(('19项',), (19.0,))

A :class:`Table` is plain Python (tuples of rows); ``to_arrow``, ``to_pandas`` and
``to_polars`` import their library only when called, and a missing one is a one-line error
naming the extra (``pip install 'govreport[tables]'``). ``value`` is the nearest float, for
analysis; ``value_exact`` the exact decimal as text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Literal, TypeAlias

import attrs

from govreport.exporters._format import field_text, writable
from govreport.exporters.csv import PATH_SEPARATOR
from govreport.model import Mention, OutlineNode, Quantity, Report
from govreport.readers import require
from govreport.serialise import decimal_text

ColumnType: TypeAlias = Literal["string", "int", "float"]
"""A column's type: text, whole numbers or floats; every column may hold nulls."""

Cell: TypeAlias = str | int | float | None
"""What a cell holds."""

TableKind: TypeAlias = Literal["mentions", "outline", "indicators"]
"""The tables :func:`table` makes."""


_VALUE_COLUMNS: dict[str, ColumnType] = {"value": "float", "value_exact": "string"}

SCHEMAS: Mapping[TableKind, Mapping[str, ColumnType]] = MappingProxyType(
    {
        "mentions": {
            "source": "string",
            "kind": "string",
            "text": "string",
            **_VALUE_COLUMNS,
            "unit": "string",
            "qualifier": "string",
            "change": "string",
            "start": "int",
            "end": "int",
            "section": "string",
            "section_titles": "string",
            "indicator": "string",
            "role": "string",
            "period": "string",
        },
        "outline": {
            "source": "string",
            "level": "int",
            "marker": "string",
            "ordinal": "int",
            "style": "string",
            "title": "string",
            "start": "int",
            "end": "int",
            "section": "string",
        },
        "indicators": {
            "source": "string",
            "indicator": "string",
            "unit": "string",
            "role": "string",
            "period": "string",
            **_VALUE_COLUMNS,
            "qualifier": "string",
            "text": "string",
            "start": "int",
            "end": "int",
        },
    }
)
"""Each table's columns and their types, in order."""


@attrs.frozen
class Table:
    """Rows of many reports under named, typed columns."""

    kind: TableKind
    """Which table it is (its columns are ``SCHEMAS[kind]``)."""
    rows: tuple[tuple[Cell, ...], ...]
    """One tuple per row, cells in column order."""

    @property
    def schema(self) -> Mapping[str, ColumnType]:
        """Column names and types, in order."""
        return SCHEMAS[self.kind]

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(self.schema)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> tuple[Cell, ...]:
        """The cells of column ``name``, top to bottom."""
        index = self.columns.index(name)
        return tuple(row[index] for row in self.rows)

    def as_columns(self) -> dict[str, list[Cell]]:
        """Column name → its cells."""
        return {name: list(self.column(name)) for name in self.columns}

    def _utf8_columns(self) -> dict[str, list[Cell]]:
        """:meth:`as_columns` with every string valid UTF-8, as Arrow and Polars need: a lone
        surrogate (which a Python str may hold, from a bad scrape) becomes U+FFFD."""
        columns = self.as_columns()
        for name, kind in self.schema.items():
            if kind == "string":
                cells = columns[name]
                columns[name] = [
                    writable(cell) if isinstance(cell, str) else cell for cell in cells
                ]
        return columns

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` with the typed schema (needs the ``tables`` extra)."""
        pa = require("pyarrow", extra="tables", what="reports into an Arrow table")
        types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64()}
        schema = pa.schema([(name, types[kind]) for name, kind in self.schema.items()])
        return pa.Table.from_pydict(self._utf8_columns(), schema=schema)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame``: nullable ``Int64`` and ``string`` columns, ``float64``
        values (needs the ``tables`` extra)."""
        pd = require("pandas", extra="tables", what="reports into a pandas table")
        dtypes = {"string": "string", "int": "Int64", "float": "float64"}
        frame = pd.DataFrame(self.as_columns(), columns=list(self.columns))
        return frame.astype({name: dtypes[kind] for name, kind in self.schema.items()})

    def to_polars(self) -> Any:
        """A ``polars.DataFrame`` with the typed schema (needs the ``polars`` extra)."""
        pl = require("polars", extra="polars", what="reports into a Polars table")
        types = {"string": pl.String, "int": pl.Int64, "float": pl.Float64}
        schema = {name: types[kind] for name, kind in self.schema.items()}
        return pl.DataFrame(self._utf8_columns(), schema=schema)


def _section(report: Report, where: Mention | OutlineNode) -> tuple[str, str]:
    path = report.outline_path(where.span)
    return PATH_SEPARATOR.join(n.marker for n in path), PATH_SEPARATOR.join(n.title for n in path)


def _text(value: object) -> str | None:
    return None if value is None else field_text(value)


def _value(mention: object) -> tuple[float | None, str | None]:
    value = getattr(mention, "value", None)
    if not isinstance(value, Decimal):  # a date's value is its ISO text, not a number
        return None, None
    return float(value), decimal_text(value)


def _mention_rows(report: Report) -> Iterator[tuple[Cell, ...]]:
    for mention in report.mentions:
        indicator = getattr(mention, "indicator", None)
        yield (
            report.source,
            mention.kind,
            mention.text,
            *_value(mention),
            _text(getattr(mention, "unit", None)),
            _text(getattr(mention, "qualifier", None)),
            _text(getattr(mention, "change", None)),
            mention.span.start,
            mention.span.end,
            *_section(report, mention),
            None if indicator is None else indicator.text,
            _text(getattr(mention, "role", None)),
            _text(getattr(mention, "period", None)),
        )


def _outline_rows(report: Report) -> Iterator[tuple[Cell, ...]]:
    def rows(nodes: Iterable[OutlineNode], level: int) -> Iterator[tuple[Cell, ...]]:
        for node in nodes:
            section = _section(report, node)[0]
            yield (
                report.source,
                level,
                node.marker,
                node.ordinal,
                node.style,
                node.title,
                node.span.start,
                node.span.end,
                section,
            )
            yield from rows(node.children, level + 1)

    return rows(report.outline, 1)


def _indicator_rows(report: Report) -> Iterator[tuple[Cell, ...]]:
    for quantity in report.quantities():
        if quantity.indicator is not None:
            yield indicator_row(report.source, quantity)


def indicator_row(source: str | None, quantity: Quantity) -> tuple[Cell, ...]:
    """The ``indicators`` row of ``quantity`` (one whose ``indicator`` is set)."""
    assert quantity.indicator is not None
    return (
        source,
        quantity.indicator.text,
        quantity.unit,
        _text(quantity.role),
        quantity.period,
        *_value(quantity),
        _text(quantity.qualifier),
        quantity.text,
        quantity.span.start,
        quantity.span.end,
    )


_ROWS: Mapping[TableKind, Callable[[Report], Iterator[tuple[Cell, ...]]]] = {
    "mentions": _mention_rows,
    "outline": _outline_rows,
    "indicators": _indicator_rows,
}


def table(reports: Report | Iterable[Report], of: TableKind = "mentions") -> Table:
    """The ``of`` table of ``reports`` (one report or many), rows in report then document order.

    ``mentions``: one row per mention of every kind (fields a kind lacks are null).
    ``outline``: one row per heading or item, depth first. ``indicators``: one row per
    quantity an indicator linker has tied to an indicator.
    """
    if of not in _ROWS:
        raise ValueError(f"unknown table {of!r} (known: {', '.join(_ROWS)})")
    many = (reports,) if isinstance(reports, Report) else reports
    return Table(of, tuple(row for report in many for row in _ROWS[of](report)))
