"""Reports compared across years: targets of one year beside the outcomes the next one gives."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import govreport
from govreport import cli
from govreport.corpus.compare import FORMATS, compare
from govreport.model import Indicator, Qualifier, Quantity, Report, Role, Span

SERIES = Path(__file__).parent / "data" / "series"


def tie(report: Report, ties: dict[str, tuple[str, Role, str]]) -> Report:
    """``report`` with the quantities written as a key of ``ties`` tied to (indicator, role,
    period), as a linker would; the indicator is the nearest earlier occurrence of its words."""
    mentions = []
    for mention in report.mentions:
        if isinstance(mention, Quantity) and mention.text in ties:
            words, role, period = ties[mention.text]
            start = report.text.rindex(words, 0, mention.span.start)
            indicator = Indicator(text=words, span=Span(start, start + len(words)))
            mentions.append(attrs.evolve(mention, indicator=indicator, role=role, period=period))
        else:
            mentions.append(mention)
    return attrs.evolve(report, mentions=tuple(mentions))


# Two years of a county's report: the plan of year N, and the review of year N in year N+1.
PLAN = "一、2021年主要目标\n地区生产总值增长6%左右，粮食产量达到50万吨以上。\n"
REVIEW = "一、2021年工作回顾\n地区生产总值增长6.5%，粮食产量达到52.3万吨。\n"


@pytest.fixture
def pair() -> list[Report]:
    plan = tie(
        govreport.parse(PLAN, source="county-2021.txt"),
        {
            "6%左右": ("地区生产总值", Role.TARGET, "2021"),
            "50万吨以上": ("粮食产量", Role.TARGET, "2021"),
        },
    )
    review = tie(
        govreport.parse(REVIEW, source="county-2022.txt"),
        {
            "6.5%": ("地区生产总值", Role.ACTUAL, "2021"),
            "52.3万吨": ("粮食产量", Role.ACTUAL, "2021"),
        },
    )
    return [plan, review]


def test_a_row_per_indicator_and_unit_with_target_beside_outcome(pair: list[Report]) -> None:
    rows = compare(pair)
    assert [(r.indicator, r.unit) for r in rows] == [("地区生产总值", "%"), ("粮食产量", "吨")]
    growth = rows[0].values
    assert [(v.source, v.role, v.period, v.value, v.qualifier) for v in growth] == [
        ("county-2021.txt", Role.TARGET, "2021", Decimal(6), Qualifier.APPROX),
        ("county-2022.txt", Role.ACTUAL, "2021", Decimal("6.5"), None),
    ]
    grain = rows[1].values
    assert [v.value for v in grain] == [Decimal(500000), Decimal(523000)]
    assert pair[1].slice(grain[1].span) == grain[1].text == "52.3万吨"


def test_quantities_without_an_indicator_take_no_part() -> None:
    unlinked = govreport.PluginHost(load_entrypoints=False, block=["builtin.indicators"])
    assert compare([govreport.parse(PLAN, host=unlinked)]) == ()


def test_json_csv_and_markdown(pair: list[Report]) -> None:
    rows = compare(pair)
    data = json.loads(FORMATS["json"](rows))
    assert data[0]["indicator"] == "地区生产总值"
    assert data[0]["unit"] == "%"
    assert data[0]["values"][0] == {
        "source": "county-2021.txt",
        "period": "2021",
        "role": "target",
        "value": 6,
        "qualifier": "approx",
        "text": "6%左右",
        "span": list(pair[0].quantities()[0].span.as_list()),
    }
    table = list(csv.DictReader(io.StringIO(FORMATS["csv"](rows))))
    assert len(table) == 4
    assert table[3] == {
        "indicator": "粮食产量",
        "unit": "吨",
        "source": "county-2022.txt",
        "period": "2021",
        "role": "actual",
        "value": "523000",
        "qualifier": "",
        "text": "52.3万吨",
        "start": str(grain_start(pair[1])),
        "end": str(grain_start(pair[1]) + 6),
    }
    markdown = FORMATS["markdown"](rows)
    assert "## 地区生产总值 (%)" in markdown
    assert "| county-2022.txt | 2021 | actual | 6.5 |  | 6.5% |" in markdown


def grain_start(report: Report) -> int:
    return report.text.index("52.3万吨")


def test_compare_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The built-in linker ties the plan's figures to their indicators; a bad file is named and
    # the others are compared all the same.
    (tmp_path / "a.txt").write_text(PLAN, encoding="utf-8")
    assert cli.main(["compare", str(tmp_path / "a.txt"), str(tmp_path / "no.txt")]) == 2
    out, err = capsys.readouterr()
    rows = {(row["indicator"], row["unit"]): row["values"] for row in json.loads(out)}
    [gdp] = rows[("地区生产总值", "%")]
    assert (gdp["source"], gdp["role"], gdp["value"]) == ("a.txt", "target", 6)
    assert err == f"govreport: {tmp_path / 'no.txt'}: no such file\n"
    target = tmp_path / "c.md"
    assert (
        cli.main(["compare", str(tmp_path / "a.txt"), "--format", "markdown", "-o", str(target)])
        == 0
    )
    assert target.read_text(encoding="utf-8").startswith("# Indicators compared")


def test_state_council_2023_target_beside_its_2024_outcome(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVREPORT_DISABLE_PLUGIN_AUTOLOAD")  # a linker may come as any plugin
    govreport.host.reset_default_hosts()
    try:
        paths = [SERIES / "state-council-gwr-2023.txt", SERIES / "state-council-gwr-2024.txt"]
        reports = [govreport.parse_file(path) for path in paths]
    finally:
        govreport.host.reset_default_hosts()
    if not any(q.indicator is not None for r in reports for q in r.quantities()):
        pytest.skip("no linker plugin fills Quantity.indicator yet (issue 12): nothing to compare")
    rows = {(row.indicator, row.unit): row for row in compare(reports)}
    gdp = rows[("国内生产总值", "%")]
    values = {(v.source, v.role, v.period, v.value, v.qualifier) for v in gdp.values}
    assert (
        "state-council-gwr-2023.txt",
        Role.TARGET,
        "2023",
        Decimal(5),
        Qualifier.APPROX,
    ) in values
    assert ("state-council-gwr-2024.txt", Role.ACTUAL, "2023", Decimal("5.2"), None) in values
