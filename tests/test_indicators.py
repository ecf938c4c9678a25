"""The indicator linker's rules (annotation guide, last section), one example each."""

from __future__ import annotations

import pytest

import govreport
from govreport.indicators import IndicatorLexicon, IndicatorTerm
from govreport.indicators.periods import date_period
from govreport.model import Role

PLAIN = govreport.PluginHost(load_entrypoints=False)


def linked(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    """(quantity, indicator, role, period) of each quantity of ``text``."""
    return [
        (
            q.text,
            q.indicator.text if q.indicator else None,
            q.role.value if q.role else None,
            q.period,
        )
        for q in govreport.parse(text, host=PLAIN).quantities()
    ]


@pytest.mark.parametrize(
    ("text", "quantity", "indicator"),
    [
        ("2023年，全市地区生产总值达到1200亿元。", "1200亿元", "地区生产总值"),
        ("城市供水水质合格率保持在99%以上。", "99%以上", "城市供水水质合格率"),
        ("规模以上工业增加值增长5.3%。", "5.3%", "规模以上工业增加值"),
        ("全年完成19项重点任务。", "19项", "重点任务"),
        ("召开31次相关会议。", "31次", "相关会议"),
        ("发现问题421个，制定整改措施592项。", "421个", "问题"),
        ("改造老旧供水管网30公里。", "30公里", "老旧供水管网"),
        ("城镇居民人均可支配收入比上年增长6.1%。", "6.1%", "城镇居民人均可支配收入"),
        ("粮食总产量为73.71亿斤，比上年减少1.71亿斤。", "1.71亿斤", "粮食总产量"),
        ("全县实现生产总值(GDP)110亿元。", "110亿元", "生产总值"),
        (
            "城镇常住人口288万人，占总人口的比重（常住人口城镇化率）为58.02%。",
            "58.02%",
            "常住人口城镇化率",
        ),
        ("全市工业产值500亿元，占全省的12%。", "12%", "工业产值"),
        ("全省接待游客超11亿人次，其中入境游客340万人次。", "340万人次", "入境游客"),
    ],
)
def test_indicator(text: str, quantity: str, indicator: str) -> None:
    found = {q: i for q, i, _, _ in linked(text)}
    assert found[quantity] == indicator


def test_a_quantity_that_names_nothing_shares_the_indicator_before_it() -> None:
    rows = linked("实现地区生产总值67665亿元，增长5.5%。")
    assert [i for _, i, _, _ in rows] == ["地区生产总值", "地区生产总值"]


def test_a_list_with_fenbie_gives_each_its_item_or_the_shared_noun() -> None:
    own = linked("生产安全事故起数、死亡人数分别下降15%、14.5%。")
    assert [i for _, i, _, _ in own] == ["生产安全事故起数", "死亡人数"]
    shared = linked("第一、二、三产业增加值分别增长3.1%、4.5%和6.2%。")
    assert [i for _, i, _, _ in shared] == ["增加值"] * 3
    cases = linked("刑事、治安案件分别下降6.6%、3.6%。")
    assert [i for _, i, _, _ in cases] == ["案件", "案件"]


@pytest.mark.parametrize(
    ("text", "quantity", "role"),
    [
        ("一、2023年工作回顾\n全市地区生产总值增长5.2%。\n", "5.2%", "actual"),
        ("二、2024年主要目标\n地区生产总值增长5%左右。\n", "5%左右", "target"),
        ("一、工作回顾\n力争地区生产总值增长6%。\n", "6%", "target"),
        (
            "一、工作回顾\n全年预计调水16亿立方米，水质合格率保持在99%以上。\n",
            "16亿立方米",
            "forecast",
        ),
        ("一、工作回顾\n全年预计调水16亿立方米，水质合格率保持在99%以上。\n", "99%以上", "actual"),
        ("年主营业务收入2000万元以上的企业有300家。", "2000万元以上", "other"),
        ("经营主体从689万户增至951万户。", "689万户", "other"),
        ("到2027年，城镇化率达到70%。", "70%", "target"),
        ("问题和不足。下一步，我们将新建水厂3座。", "3座", "target"),
    ],
)
def test_role(text: str, quantity: str, role: str) -> None:
    found = {q: r for q, _, r, _ in linked(text)}
    assert found[quantity] == role


def test_every_figure_of_a_bulletin_is_a_result() -> None:
    text = "某市2022年国民经济和社会发展统计公报\n\n一、综合\n\n预计全年粮食产量达到70亿斤。\n"
    assert [r for _, _, r, _ in linked(text)] == ["actual"]


@pytest.mark.parametrize(
    ("text", "quantity", "period"),
    [
        ("一、2023年工作回顾\n全市地区生产总值增长5.2%。\n", "5.2%", "2023"),
        ("2023年工作总结\n截至11月底，制发公文减少1.99%。\n", "1.99%", "2023-11"),
        ("2023年工作总结\n上半年，地区生产总值增长5%。\n", "5%", "2023/H1"),
        ("2023年工作总结\n“十四五”以来，累计建成5G基站25万个。\n", "25万个", "2021/2025"),
        ("2023年工作总结\n过去五年，累计新增就业1200万人。\n", "1200万人", "2019/2023"),
        ("年末常住人口496万人，比2021年减少0.14万人。", "0.14万人", None),
        ("2025年工作总结\n信访总量连续3年下降。\n", "3年", "2023/2025"),
        ("2025年工作总结\n五年来，经营主体从689万户增至951万户。\n", "689万户", "2020"),
    ],
)
def test_period(text: str, quantity: str, period: str | None) -> None:
    found = {q: p for q, _, _, p in linked(text)}
    assert found[quantity] == period


@pytest.mark.parametrize(
    ("value", "period"),
    [
        ("2023", "2023"),
        ("2023-11", "2023-11"),
        ("--11/end", "2023-11"),
        ("--12-15", "2023-12-15"),
        ("--01/--06", "2023/H1"),
        ("--01/--03", "2023/Q1"),
        ("2023-01/2023-06", "2023/H1"),
        ("2015/end", "2015"),
        ("2018/2021", "2018/2021"),
    ],
)
def test_date_values_as_periods(value: str, period: str) -> None:
    assert date_period(value, 2023) == period


def test_the_lexicon_finds_the_longest_term_ending_a_phrase() -> None:
    lexicon = IndicatorLexicon.of(
        [IndicatorTerm(name="合格率"), IndicatorTerm(name="水质合格率", synonyms=("水质达标率",))]
    )
    assert lexicon.ending("城市供水水质合格率") == len("水质合格率")
    assert lexicon.ending("饮用水源水质达标率") == len("水质达标率")
    assert lexicon.ending("供水量") == 0
    assert IndicatorLexicon.of([]).ending("供水量") == 0


def test_a_host_without_the_linker_leaves_quantities_unlinked() -> None:
    host = govreport.PluginHost(load_entrypoints=False, block=["builtin.indicators"])
    (quantity,) = govreport.parse("完成19项重点任务。", host=host).quantities()
    assert (quantity.indicator, quantity.role, quantity.period) == (None, None, None)
    assert Role.ACTUAL is Role("actual")


@pytest.mark.parametrize(
    "text",
    [
        "一、总体\n一是完成任务19项。\n",
        "一、总体\n（一）完成任务19项。\n",
        "一、总体\n1.全年完成任务19项。\n",
    ],
)
def test_a_marker_is_never_part_of_an_indicator(text: str) -> None:
    # A heading or item marker ends the phrase before a number like a comma does.
    [quantity] = govreport.parse(text).quantities()
    assert quantity.indicator is not None and quantity.indicator.text == "任务"
