"""The xlsx exporter: the shared contracts, then the workbook read back with openpyxl."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
import zipfile
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

import govreport_xlsx
import openpyxl
import pytest
from govreport_xlsx import XLSX
from hypothesis import HealthCheck, given, settings

import govreport
from govreport.cli import main
from govreport.exporters.base import Exporter
from govreport.model import Formulation, Quantity, Report, Span, Term
from govreport.testing.adversarial import ADVERSARIAL_INPUTS, EXPORT_INPUTS
from govreport.testing.contracts import ExporterContract, InstalledPluginContract, sample_text
from govreport.testing.strategies import raw_texts

CEILING_SECONDS = 20.0
"""Hang detection only, in CPU seconds: what a quadratic step would reach on the sizes below."""

HEADERS = {
    "report": ["field", "value"],
    "outline": ["level", "marker", "ordinal", "style", "title", "start", "end", "line"],
    "quantities": [
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
    ],
    "terms": [
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
    ],
    "mentions": ["kind", "text", "start", "end", "line", "path"],
}


class TestXlsxExporter(ExporterContract):
    @pytest.fixture
    def exporter(self) -> Exporter:
        return XLSX


class TestXlsxPlugin(InstalledPluginContract):
    @pytest.fixture
    def plugin(self) -> object:
        return govreport_xlsx

    @pytest.fixture
    def plugin_name(self) -> str:
        return "xlsx"


@pytest.fixture(scope="module")
def sample() -> Report:
    return govreport.parse(sample_text(), source="water-bureau-2023.txt")


def load(report: Report) -> Any:
    """The workbook of ``report``, read back."""
    return openpyxl.load_workbook(io.BytesIO(XLSX.export(report)))


def records(sheet: Any) -> list[dict[str, Any]]:
    """The data rows of ``sheet`` keyed by header."""
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_sheets_headers_and_layout(sample: Report) -> None:
    workbook = load(sample)
    assert workbook.sheetnames == list(HEADERS)
    for name, header in HEADERS.items():
        sheet = workbook[name]
        assert [cell.value for cell in sheet[1]] == header
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions
        assert all(sheet.column_dimensions[c.column_letter].width > 0 for c in sheet[1])


def test_every_quantity_with_its_value(sample: Report) -> None:
    rows = records(load(sample)["quantities"])
    quantities = sample.quantities()
    assert len(rows) == len(quantities) > 0
    for row, quantity in zip(rows, quantities, strict=True):
        assert row["text"] == quantity.text
        assert Decimal(row["value_exact"]) == quantity.value
        assert isinstance(row["value"], int | float)
        assert Decimal(str(row["value"])) == quantity.value
        assert row["unit"] == quantity.unit
        assert row["line"] == sample.line_col(quantity)[0]
        assert (row["start"], row["end"]) == (quantity.span.start, quantity.span.end)
        assert row["indicator"] == (quantity.indicator and quantity.indicator.text)
        assert (row["role"], row["period"]) == (
            quantity.role and quantity.role.value,
            quantity.period,
        )
        markers = [node.marker for node in sample.outline_path(quantity)]
        assert row["path"] == (" > ".join(markers) or None)
    assert rows[0]["path"] == "一、 > 一是"


def test_outline_mentions_and_report_sheets(sample: Report) -> None:
    workbook = load(sample)
    outline = records(workbook["outline"])
    assert [(r["marker"], r["title"]) for r in outline] == [
        (node.marker, node.title) for node in sample.walk()
    ]
    assert [r["level"] for r in outline[:2]] == [1, 2]
    mentions = records(workbook["mentions"])
    assert len(mentions) == len(sample.mentions)
    assert {r["kind"] for r in mentions} == {m.kind for m in sample.mentions}
    terms = records(workbook["terms"])
    assert len(terms) == sum(isinstance(m, Formulation | Term) for m in sample.mentions)
    glossed = next(r for r in terms if r["text"] == "四风")
    assert "formalism" in glossed["meaning"]
    summary = {r["field"]: r["value"] for r in records(workbook["report"])}
    assert summary["source"] == "water-bureau-2023.txt"
    assert summary["quantity mentions"] == len(sample.quantities())


def test_terms_and_exact_values() -> None:
    text = "蓄滞洪区0.1亿元和3至5年"
    mentions = (
        Term(span=Span(0, 4), text="蓄滞洪区", vocabulary="water", category="flood-control"),
        Quantity(span=Span(4, 9), text="0.1亿元", value=Decimal("1E+7"), unit="元"),
        Quantity(
            span=Span(10, 14),
            text="3至5年",
            value=Decimal("0.30E+1"),
            unit="年",
            value_max=Decimal("5"),
        ),
        Formulation(span=Span(0, 2), text="蓄滞", meaning=None),
    )
    workbook = load(Report(text=text, mentions=mentions))
    quantities = records(workbook["quantities"])
    assert [(r["value"], r["value_exact"]) for r in quantities] == [
        (10000000, "10000000"),
        (3, "3.0"),
    ]
    assert quantities[1]["value_max"] == 5
    terms = records(workbook["terms"])
    assert [(r["kind"], r["category"]) for r in terms] == [
        ("formulation", None),
        ("term", "flood-control"),
    ]


def test_text_is_never_a_formula_and_controls_are_shown() -> None:
    workbook = load(Report(text="=1+1", source="=SUM(1)\x00x\uffff"))
    cell = workbook["report"]["B2"]
    assert cell.data_type == "s"
    assert cell.value == "=SUM(1)\u2400x\ufffd"


def test_bytes_carry_no_time_of_writing(sample: Report) -> None:
    data = XLSX.export(sample)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("1980-01-01T00:00:00Z") == 2


def test_openpyxl_is_not_imported_when_plugins_load() -> None:
    code = (
        "import sys, govreport; govreport.default_host().exporters;"
        "assert 'openpyxl' not in sys.modules, 'openpyxl imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_command_line_writes_a_workbook(tmp_path: Path) -> None:
    if "xlsx" not in [ep.name for ep in metadata.entry_points(group="govreport")]:
        pytest.skip("govreport-xlsx is not installed as a distribution")
    out = tmp_path / "sample.xlsx"
    assert main(["parse", "--example", "--format", "xlsx", "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == list(HEADERS)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=raw_texts())
def test_any_report_reads_back(text: str) -> None:
    report = govreport.parse(text)
    workbook = load(report)
    assert len(records(workbook["quantities"])) == len(report.quantities())
    assert len(records(workbook["mentions"])) == len(report.mentions)


def test_a_workbook_of_dense_text_is_written_in_linear_time() -> None:
    # Issue 15: the outline path of each mention was a scan of the outline (41 s at 200,000),
    # and openpyxl took 0.1 ms a cell; the sheets' XML is written directly now.
    host = govreport.PluginHost(plugins=[govreport_xlsx], load_entrypoints=False)
    for build in EXPORT_INPUTS.values():
        report = govreport.parse(build(200_000), host=host)
        started = time.process_time()
        assert sum(len(sheet.rows) for sheet in govreport_xlsx.sheets(report)) > 4000
        assert XLSX.export(report)
        assert time.process_time() - started < CEILING_SECONDS


def test_a_lone_surrogate_gives_a_workbook_that_loads() -> None:
    # Issue 15: a file name that is not UTF-8 was enough for a workbook openpyxl cannot open.
    report = govreport.parse("一、总\ud800体\n完成19项。\n", source="a\udcb9.txt")
    workbook = openpyxl.load_workbook(io.BytesIO(XLSX.export(report)))
    assert workbook["report"]["B2"].value == "a\ufffd.txt"
    assert workbook["outline"]["E2"].value == "总\ufffd体"


# -- the workbook against openpyxl's --------------------------------------------------------

_OLD_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _old_cell(value: Any) -> Any:
    """A cell's value as the exporter made it for openpyxl before it wrote the XML itself."""
    if not isinstance(value, str):
        return value
    if len(value) > govreport_xlsx.MAX_CELL_TEXT:
        value = value[: govreport_xlsx.MAX_CELL_TEXT - 1] + "…"
    return _OLD_NOT_XML.sub(
        lambda match: chr(0x2400 + ord(match[0])) if match[0] < " " else "\ufffd", value
    )


def openpyxl_workbook(tables: list[govreport_xlsx.Sheet]) -> bytes:
    """The workbook openpyxl writes of ``tables``: how the exporter wrote them until issue 15."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.name)
        sheet.append(table.header)
        for row in table.rows:
            sheet.append([_old_cell(value) for value in row])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if cell.data_type == "f":  # openpyxl takes text starting with '=' for a formula
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cells(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's rows of values, ``data`` loaded back with openpyxl."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


ODD_TEXT = (
    "一、总体 <b>&amp;</b> \"引号\" 'x'\r\n（一）=SUM(A1) \t前后空格 \n"
    "二、\x00\x1f\x7f\ud800\udfff\ufffe\U0001f600 完成19项，增长5.5%，投资1.5亿元。\r"
    "三、" + "长" * 40_000 + "\n"
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(sample_text(), id="sample"),
        pytest.param(ODD_TEXT, id="odd characters"),
        *(pytest.param(build(5_000), id=name) for name, build in ADVERSARIAL_INPUTS.items()),
        *(pytest.param(build(20_000), id=name) for name, build in EXPORT_INPUTS.items()),
    ],
)
def test_the_workbook_holds_what_openpyxl_wrote(text: str) -> None:
    # Issue 15: the sheets are written as XML directly (openpyxl took 14 times json's time);
    # every value reads back as it did from the workbook openpyxl wrote.
    report = govreport.parse(text, source="a\udcb9 <&>.txt")
    assert cells(XLSX.export(report)) == cells(openpyxl_workbook(govreport_xlsx.sheets(report)))


def test_every_kind_of_value_reads_back_as_from_openpyxl() -> None:
    table = govreport_xlsx.Sheet(
        "values",
        ("text", "number", "flag"),
        [
            ("", 0, True),
            (" 前后 ", -0.0, False),
            ("a\rb\r\nc", 1.0 / 3, None),
            ("=1+1", 12345678901234567890, None),
            (None, float("nan"), None),
            ("\x00\ud800", float("inf"), None),
            ("x" * 40_000, 1e-300, None),
        ],
    )
    ours = govreport_xlsx.write_workbook([table], "t<&>")
    assert cells(ours) == cells(openpyxl_workbook([table]))
    assert openpyxl.load_workbook(io.BytesIO(ours)).properties.title == "t<&>"


@pytest.mark.parametrize("name", sorted(EXPORT_INPUTS))
def test_paths_and_lines_worked_out_in_one_sweep_are_the_outlines(name: str) -> None:
    # The sweep reuses a path while mentions stay between the same children: it must give
    # what the outline gives for each mention, as three sheets list them.
    report = govreport.parse(EXPORT_INPUTS[name](30_000) + sample_text())
    place = govreport_xlsx._Places(report)
    for mention in sorted(report.mentions, key=lambda m: (m.span.start, m.span.end)):
        markers = " > ".join(node.marker for node in report.outline_path(mention))
        assert place(mention) == (markers, report.line_col(mention)[0])
