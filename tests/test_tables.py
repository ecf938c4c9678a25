"""govreport.table: mentions, outline and indicators tables, and the parquet format."""

from __future__ import annotations

import builtins
import io
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import govreport
from govreport import cli
from govreport.corpus.tables import SCHEMAS
from govreport.errors import InputError
from govreport.model import Indicator, Quantity, Role, Span

SERIES = Path(__file__).parent / "data" / "series"
TEXT = "一、总体情况\n（一）投资\n完成投资34万余元，增长5%。\n二、下一步\n力争新建3座。\n"


def linked(report: govreport.Report) -> govreport.Report:
    """``report`` with its first quantity tied to an indicator, as a linker would."""
    first, *rest = report.mentions
    assert isinstance(first, Quantity)
    start = TEXT.index("投资", TEXT.index("完成"))
    indicator = Indicator(text="投资", span=Span(start, start + 2))
    tied = attrs.evolve(first, indicator=indicator, role=Role.ACTUAL, period="2023")
    return attrs.evolve(report, mentions=(tied, *rest))


def test_mentions_rows() -> None:
    report = govreport.parse(TEXT, source="a.txt")
    mentions = govreport.table(report)
    assert mentions.columns == tuple(SCHEMAS["mentions"])
    assert mentions.column("text") == tuple(m.text for m in report.mentions)
    first = dict(zip(mentions.columns, mentions.rows[0], strict=True))
    assert first["source"] == "a.txt"
    assert first["kind"] == "quantity"
    assert (first["value"], first["value_exact"], first["unit"]) == (340000.0, "340000", "元")
    assert first["qualifier"] == "over"
    assert (first["section"], first["section_titles"]) == ("一、 > （一）", "总体情况 > 投资")
    assert (first["start"], first["end"]) == (
        report.mentions[0].span.start,
        report.mentions[0].span.end,
    )


UNLINKED = govreport.PluginHost(load_entrypoints=False, block=["builtin.indicators"])
"""A host without the linker: the tests tie quantities themselves."""


def test_outline_and_indicators_tables() -> None:
    report = linked(govreport.parse(TEXT, source="a.txt", host=UNLINKED))
    outline = govreport.table([report], of="outline")
    assert outline.column("marker") == ("一、", "（一）", "二、")
    assert outline.column("level") == (1, 2, 1)
    indicators = govreport.table([report, report], of="indicators")
    assert len(indicators) == 2
    row = dict(zip(indicators.columns, indicators.rows[0], strict=True))
    assert (row["indicator"], row["role"], row["period"], row["value_exact"]) == (
        "投资",
        "actual",
        "2023",
        "340000",
    )
    with pytest.raises(ValueError, match="unknown table"):
        govreport.table(report, of="paragraphs")  # type: ignore[arg-type]


def test_arrow_pandas_and_polars_agree() -> None:
    reports = [govreport.parse(TEXT, source=f"{n}.txt") for n in "ab"]
    mentions = govreport.table(reports)
    arrow = mentions.to_arrow()
    assert arrow.schema.field("start").type == pa.int64()
    assert arrow.schema.field("value").type == pa.float64()
    frame = mentions.to_pandas()
    assert list(frame.columns) == list(mentions.columns)
    assert len(frame) == 2 * len(reports[0].mentions)
    assert str(frame["start"].dtype) == "Int64"
    polars = pytest.importorskip("polars")
    assert mentions.to_polars().equals(polars.from_arrow(arrow))
    assert arrow.to_pylist() == [
        dict(zip(mentions.columns, row, strict=True)) for row in mentions.rows
    ]


def test_a_missing_library_is_one_line_naming_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.partition(".")[0] == "pyarrow":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    monkeypatch.delitem(sys.modules, "pyarrow")
    with pytest.raises(InputError, match=r"pip install 'govreport\[tables\]'"):
        govreport.table(govreport.parse(TEXT)).to_arrow()


def test_series_parquet_has_a_row_per_mention(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "all.parquet"
    assert cli.main(["parse", str(SERIES), "-j", "2", "-o", str(target)]) == 0
    assert capsys.readouterr() == ("", "")
    frame = pd.read_parquet(target)
    reports = [r.report for r in govreport.parse_many([SERIES])]
    assert list(frame.columns) == list(SCHEMAS["mentions"])
    assert len(frame) == sum(len(r.mentions) for r in reports)
    expected = govreport.table(reports).to_pandas()
    pd.testing.assert_frame_equal(frame, expected, check_dtype=False)
    assert pq.read_table(io.BytesIO(target.read_bytes())).num_rows == len(frame)


def test_exact_values_stay_exact() -> None:
    report = govreport.parse("一、总体\n增长0.1234567890123456789%。\n")
    (value,) = (v for v in govreport.table(report).column("value_exact") if v is not None)
    assert Decimal(str(value)) == report.quantities()[0].value
