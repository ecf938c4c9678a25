"""Reports compared across years: one row per indicator, with its values in every report.

Quantities are grouped by indicator and unit, so that a year's targets (``国内生产总值增长5%左右``
in the 2023 report) stand beside the outcomes the next year's report gives (``增长5.2%`` for
2023 in the 2024 report). Only quantities an indicator linker has tied to an indicator take
part; each value keeps its report, period, role, qualifier, text and span.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from govreport.exporters._format import decimal_text, field_text
from govreport.exporters.json import json_number
from govreport.model import Qualifier, Quantity, Report, Role, Span


@attrs.frozen(kw_only=True)
class IndicatorValue:
    """One report's figure for an indicator."""

    source: str | None
    """The report it comes from (its file name)."""
    period: str | None
    """The period the figure refers to (``2023``), if the linker found one."""
    role: Role | None
    """Actual, target, forecast or other."""
    value: Decimal
    """The figure (the low end of a range)."""
    qualifier: Qualifier | None
    """How the written number bounds the value (``5%左右`` → approx)."""
    text: str
    """The quantity as written."""
    span: Span
    """Where the quantity stands in its report."""


@attrs.frozen(kw_only=True)
class IndicatorRow:
    """An indicator in one unit, with its values across the reports compared."""

    indicator: str
    """The indicator as the reports write it (``国内生产总值``)."""
    unit: str | None
    """The unit its values are in (``%``, ``万亿元``)."""
    values: tuple[IndicatorValue, ...]
    """Its values, in the order of the reports given, then of the text."""


def _value(source: str | None, quantity: Quantity) -> IndicatorValue:
    return IndicatorValue(
        source=source,
        period=quantity.period,
        role=quantity.role,
        value=quantity.value,
        qualifier=quantity.qualifier,
        text=quantity.text,
        span=quantity.span,
    )


def compare(reports: Iterable[Report]) -> tuple[IndicatorRow, ...]:
    """One row per (indicator, unit) found in ``reports``, in order of first appearance."""
    groups: dict[tuple[str, str | None], list[IndicatorValue]] = {}
    for report in reports:
        for quantity in report.quantities():
            if quantity.indicator is not None:
                key = (quantity.indicator.text, quantity.unit)
                groups.setdefault(key, []).append(_value(report.source, quantity))
    return tuple(
        IndicatorRow(indicator=indicator, unit=unit, values=tuple(values))
        for (indicator, unit), values in groups.items()
    )


# -- output formats ------------------------------------------------------------------------------

VALUE_COLUMNS = ("source", "period", "role", "value", "qualifier", "text", "start", "end")
"""The CSV and Markdown columns after ``indicator`` and ``unit``."""


def _cells(value: IndicatorValue) -> list[str]:
    return [
        *(field_text(x) for x in (value.source, value.period, value.role)),
        decimal_text(value.value),
        field_text(value.qualifier),
        value.text,
        str(value.span.start),
        str(value.span.end),
    ]


def to_json(rows: Sequence[IndicatorRow]) -> str:
    """``[{"indicator", "unit", "values": [{"source", "period", "role", "value", "qualifier",
    "text", "span"}]}]`` as indented JSON with a final newline."""

    def value(v: IndicatorValue) -> dict[str, Any]:
        return {
            "source": v.source,
            "period": v.period,
            "role": None if v.role is None else v.role.value,
            "value": json_number(v.value),
            "qualifier": None if v.qualifier is None else v.qualifier.value,
            "text": v.text,
            "span": v.span.as_list(),
        }

    data = [
        {"indicator": r.indicator, "unit": r.unit, "values": [value(v) for v in r.values]}
        for r in rows
    ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: Sequence[IndicatorRow]) -> str:
    """One CSV line per value, under ``indicator, unit,`` and :data:`VALUE_COLUMNS`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("indicator", "unit", *VALUE_COLUMNS))
    for row in rows:
        for value in row.values:
            writer.writerow([row.indicator, row.unit or "", *_cells(value)])
    return out.getvalue()


def to_markdown(rows: Sequence[IndicatorRow]) -> str:
    """A Markdown section per indicator with a table of its values."""
    blocks = ["# Indicators compared"]
    if not rows:
        blocks.append("_No quantity is tied to an indicator._")
    for row in rows:
        unit = f" ({_escape(row.unit)})" if row.unit else ""
        lines = [
            "| " + " | ".join(VALUE_COLUMNS) + " |",
            "|" + " --- |" * len(VALUE_COLUMNS),
            *("| " + " | ".join(map(_escape, _cells(value))) + " |" for value in row.values),
        ]
        blocks += [f"## {_escape(row.indicator)}{unit}", "\n".join(lines)]
    return "\n\n".join(blocks) + "\n"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


FORMATS: Mapping[str, Callable[[Sequence[IndicatorRow]], str]] = {
    "json": to_json,
    "csv": to_csv,
    "markdown": to_markdown,
}
"""``govreport compare --format`` choices."""
