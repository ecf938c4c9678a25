"""The ``xlsx`` format: a govreport report as an Excel workbook, one table per sheet.

Sheets, in order:

``report``
    Source, title, size and the number of outline nodes and of mentions by kind; faults last.
``outline``
    Every heading and item, depth first: level, marker, ordinal, style, title, span, line.
``quantities``
    Every quantity with its value as a number cell and as the exact decimal string (a
    spreadsheet keeps 15 significant digits), unit, qualifier, range end, change direction,
    what it measures (indicator), its role (actual, target …) and period, outline path (``一、 > 一是``), line and span.
``terms``
    Vocabulary terms and numbered formulations with what is known about them.
``mentions``
    Every mention of every kind, plugin kinds included: kind, text, span, line, outline path.

Each sheet has a bold, frozen header row, an autofilter and column widths fitted to the content.
The same report always gives the same bytes: the document properties and the zip entries carry
a fixed timestamp instead of the time of writing.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any, TypeAlias

import govreport
from govreport.exporters.base import Exporter
from govreport.model import Formulation, Mention, Report, Term

__all__ = ["MEDIA_TYPE", "XLSX", "Sheet", "register_exporters", "sheets", "write_workbook"]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
"""The MIME type of an Office Open XML workbook."""

FIXED_TIME = datetime.datetime(1980, 1, 1)
"""Written as the creation and modification time: the earliest a zip entry can carry."""

MAX_CELL_TEXT = 32767
"""The most characters a spreadsheet cell holds; longer text is cut with an ellipsis."""

MAX_COLUMN_WIDTH = 60
"""Widest column, in character widths; longer content wraps out of view."""

Value: TypeAlias = str | int | float | bool | None
"""What a cell holds."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (the workbook's parts are XML), and lone surrogates, which its
UTF-8 cannot: openpyxl would write a workbook that does not load."""


def _printable(match: re.Match[str]) -> str:
    # C0 controls become their visible Control Pictures (U+2400 + code); the rest U+FFFD.
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def _text(value: str | None) -> str | None:
    """``value`` made storable in a cell: no characters XML forbids, at most a cell's length."""
    if value is None:
        return None
    value = _NOT_XML.sub(_printable, value)
    if len(value) > MAX_CELL_TEXT:
        value = value[: MAX_CELL_TEXT - 1] + "…"
    return value


def _number(value: Decimal | None) -> int | float | None:
    """A number cell's value: integral values as exact ints, others as the nearest float."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _exact(value: Decimal | None) -> str | None:
    """The exact decimal digits, without an exponent (``5.3E+9`` → ``5300000000``)."""
    return None if value is None else format(value, "f")


def _enum(value: Any) -> str | None:
    """The string value of a Qualifier or Change, or None."""
    return None if value is None else str(value.value)


class Sheet:
    """One table: a sheet name, its header and its rows, in order."""

    def __init__(self, name: str, header: Sequence[str], rows: Sequence[Sequence[Value]]) -> None:
        self.name = name
        """The sheet's name (tab label)."""
        self.header: tuple[str, ...] = tuple(header)
        """Column names, the first row."""
        self.rows: list[tuple[Value, ...]] = [tuple(row) for row in rows]
        """The data rows, each as long as the header."""

    def widths(self) -> list[int]:
        """Each column's width in character widths: its longest cell, capped, plus padding."""
        widths = [_width(name) + 4 for name in self.header]  # room for the filter button
        for row in self.rows:
            for index, value in enumerate(row):
                widths[index] = max(widths[index], _width(_shown(value)) + 2)
        return [min(width, MAX_COLUMN_WIDTH) for width in widths]


def _shown(value: Value) -> str:
    """How a spreadsheet shows ``value``, for fitting column widths."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


def _width(text: str) -> int:
    """Display width of ``text``: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _path(report: Report, mention: Mention) -> str:
    """The outline path of ``mention`` as markers, outermost first: ``一、 > 一是``."""
    return " > ".join(node.marker for node in report.outline_path(mention))


def _by_position(report: Report) -> list[Mention]:
    """All mentions in document order, as the json format lists them."""
    return sorted(report.mentions, key=lambda m: (m.span.start, m.span.end, m.kind))


def _report_sheet(report: Report) -> Sheet:
    kinds = Counter(mention.kind for mention in report.mentions)
    rows: list[tuple[Value, Value]] = [
        ("source", _text(report.source)),
        ("title", _text(report.title)),
        ("characters", len(report.text)),
        ("lines", len(report.lines.line_starts)),
        ("outline nodes", sum(1 for _ in report.walk())),
        ("mentions", len(report.mentions)),
    ]
    rows.extend((f"{kind} mentions", kinds[kind]) for kind in sorted(kinds))
    rows.append(("faults", len(report.faults)))
    rows.extend(
        ("fault", _text(f"{fault.plugin} ({fault.hook}): {fault.message}"))
        for fault in report.faults
    )
    return Sheet("report", ("field", "value"), rows)


def _outline_rows(report: Report) -> Iterator[tuple[Value, ...]]:
    for place in report.places():
        node = place.node
        yield (
            place.level,
            _text(node.marker),
            node.ordinal,
            node.style,
            _text(node.title),
            node.span.start,
            node.span.end,
            report.line_col(node.marker_span)[0],
        )


def _outline_sheet(report: Report) -> Sheet:
    header = ("level", "marker", "ordinal", "style", "title", "start", "end", "line")
    return Sheet("outline", header, list(_outline_rows(report)))


def _quantities_sheet(report: Report) -> Sheet:
    header = (
        "text",
        "value",
        "value_exact",
        "unit",
        "qualifier",
        "value_max",
        "value_max_exact",
        "change",
        "indicator",
        "role",
        "period",
        "path",
        "line",
        "start",
        "end",
    )
    rows = [
        (
            _text(q.text),
            _number(q.value),
            _exact(q.value),
            _text(q.unit),
            _enum(q.qualifier),
            _number(q.value_max),
            _exact(q.value_max),
            _enum(q.change),
            _text(None if q.indicator is None else q.indicator.text),
            _enum(q.role),
            _text(q.period),
            _text(_path(report, q)),
            report.line_col(q)[0],
            q.span.start,
            q.span.end,
        )
        for q in report.quantities()
    ]
    return Sheet("quantities", header, rows)


def _terms_sheet(report: Report) -> Sheet:
    header = (
        "kind",
        "text",
        "vocabulary",
        "category",
        "subtype",
        "meaning",
        "quoted",
        "path",
        "line",
        "start",
        "end",
    )
    rows: list[tuple[Value, ...]] = []
    for mention in _by_position(report):
        if isinstance(mention, Term):
            known: tuple[Value, ...] = (
                _text(mention.vocabulary),
                _text(mention.category),
                _text(mention.subtype),
                None,
                None,
            )
        elif isinstance(mention, Formulation):
            known = (None, None, None, _text(mention.meaning), mention.quoted)
        else:
            continue
        rows.append(
            (
                mention.kind,
                _text(mention.text),
                *known,
                _text(_path(report, mention)),
                report.line_col(mention)[0],
                mention.span.start,
                mention.span.end,
            )
        )
    return Sheet("terms", header, rows)


def _mentions_sheet(report: Report) -> Sheet:
    header = ("kind", "text", "start", "end", "line", "path")
    rows = [
        (
            _text(m.kind),
            _text(m.text),
            m.span.start,
            m.span.end,
            report.line_col(m)[0],
            _text(_path(report, m)),
        )
        for m in _by_position(report)
    ]
    return Sheet("mentions", header, rows)


def sheets(report: Report) -> list[Sheet]:
    """The workbook's tables for ``report``, in sheet order, before any spreadsheet library."""
    return [
        _report_sheet(report),
        _outline_sheet(report),
        _quantities_sheet(report),
        _terms_sheet(report),
        _mentions_sheet(report),
    ]


def _fixed_times(data: bytes) -> bytes:
    """The zip archive ``data`` rewritten with every entry dated :data:`FIXED_TIME`."""
    stamp = FIXED_TIME.timetuple()[:6]
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.create_system = 3  # as written on Unix, whatever the platform
            target.writestr(fixed, source.read(entry), compress_type=zipfile.ZIP_DEFLATED)
    return output.getvalue()


def write_workbook(tables: Sequence[Sheet], title: str | None) -> bytes:
    """The bytes of an xlsx workbook holding ``tables``, one sheet each, in order."""
    # openpyxl is imported here, not at the top: govreport imports every plugin module when
    # plugins load, and most runs never write a workbook. It ships no type hints (hence the
    # ignores): its objects are Any to the type checker.
    import openpyxl  # type: ignore[import-untyped]  # noqa: PLC0415 - deferred: ~100 ms
    from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]  # noqa: PLC0415

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    bold = openpyxl.styles.Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(table.name)
        sheet.append(table.header)
        for cell in sheet[1]:
            cell.font = bold
        for row in table.rows:
            sheet.append(row)
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if cell.data_type == "f":  # openpyxl takes text starting with '=' for a formula
                    cell.data_type = "s"
        for index, width in enumerate(table.widths(), start=1):
            sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    properties = workbook.properties
    properties.creator = "govreport-xlsx"
    properties.title = _text(title)
    properties.created = properties.modified = FIXED_TIME
    # ExcelWriter rather than Workbook.save, which stamps the current time as the modified time.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return _fixed_times(buffer.getvalue())


def _workbook(report: Report) -> bytes:
    """The workbook's bytes; the same report gives the same bytes."""
    return write_workbook(sheets(report), report.title)


XLSX = Exporter(name="xlsx", suffix=".xlsx", media_type=MEDIA_TYPE, render=_workbook, binary=True)
"""Writes a report as an xlsx workbook (see the module docstring for its sheets)."""


@govreport.hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``xlsx`` format."""
    register(XLSX)
