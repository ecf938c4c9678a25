"""The indicator linker's rules (annotation guide, last section), one example each."""

from __future__ import annotations

import re

import attrs
import pytest

import govreport
from govreport.indicators import IndicatorLexicon, IndicatorTerm, linker, phrases
from govreport.indicators.periods import date_period
from govreport.model import Quantity, Role

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


@pytest.mark.parametrize(
    ("text", "quantity", "indicator"),
    [
        # A 、 cuts a phrase only after a quantity of its own clause, never inside brackets.
        ("解决215项群众诉求，收到感谢信、锦旗95件。", "95件", "感谢信、锦旗"),
        (
            "市级收入42亿元，增长27.9%，县（市、区）一般公共预算收入235亿元。",
            "235亿元",
            "县（市、区）一般公共预算收入",
        ),
        # A quantity in brackets: a note right before a number, or part of the phrase.
        ("特殊教育学生（含随班就读生2603人和送教上门学生575人）4943人。", "4943人", "特殊教育学生"),
        ("特殊教育学生（含随班就读生2603人和送教上门学生575人）4943人。", "575人", "送教上门学生"),
        (
            "电信业务（含移动、联通、电信三家）总量36.94亿元。",
            "36.94亿元",
            "电信业务（含移动、联通、电信三家）总量",
        ),
        # A counted noun ends at 并, 居, 获 and 全覆盖-like words inside it.
        ("制定26项整改措施并持续落实整改。", "26项", "整改措施"),
        ("油菜籽等14种农产品居全国第1位。", "14种", "农产品"),
        ("25项改革经验获中央改革办推广。", "25项", "改革经验"),
        ("加强19项重点任务全过程管理。", "19项", "重点任务"),
        ("开展2次全覆盖督查。", "2次", "全覆盖督查"),
        # A level reached is no counted noun.
        ("服务业增加值跨上3万亿元台阶。", "3万亿元", "服务业增加值"),
        # The examples before 等, and a time inside a phrase, are left out.
        ("锂电、医药和环保等八大重点产业工业增加值增长9.6%。", "9.6%", "八大重点产业工业增加值"),
        ("统计口径内全年实现建筑总产值70344万元。", "70344万元", "建筑总产值"),
        # A verb stays before a one-character head and before a quoted name it uses.
        ("竣工率达55.1%。", "55.1%", "竣工率"),
        ("局领导主动运用“第一种形态”55人次。", "55人次", "运用“第一种形态”"),
        # A one-character head keeps its prepositional phrase.
        ("对规模以上工业增长的贡献率为96.3%。", "96.3%", "对规模以上工业增长的贡献率"),
        ("吸纳从业人数 27.2万人。", "27.2万人", "从业人数"),
        # 完成/实现 right after a count's noun: what that noun did.
        ("810个省重点项目完成投资10428亿元。", "10428亿元", "省重点项目完成投资"),
        # The end value of 从…增至… names what the start value does.
        ("经营主体从689万户增至951万户。", "951万户", "经营主体"),
        # A region that opens a phrase is a place; 签约 is a word, not 签 and 约 (approximately).
        ("成都平原经济区经济总量达到4万亿元。", "4万亿元", "经济总量"),
        ("重大项目签约3543亿元。", "3543亿元", "重大项目签约"),
        # A one-character head (量) is no shared noun of a list; 将 opens no indicator.
        ("二氧化硫、氮氧化物排放量分别下降3%、4%。", "4%", "氮氧化物排放量"),
        ("将养老保险单位缴费比例降至16%。", "16%", "养老保险单位缴费比例"),
        # A comparison base is no bound of a phrase; nor are weather changes.
        ("2015年旅游接待总人数比2010年增长262.21%。", "262.21%", "旅游接待总人数"),
        ("全年平均气温18.8℃，较常年偏高0.9℃。", "0.9℃", "平均气温"),
        ("PM2.5浓度29微克/立方米，比上年同期改善6.5%。", "6.5%", "PM2.5浓度"),
    ],
)
def test_where_a_phrase_starts_and_ends(text: str, quantity: str, indicator: str) -> None:
    found = {q: i for q, i, _, _ in linked(text)}
    assert found[quantity] == indicator


def test_a_count_after_thresholds_takes_the_noun_counted_before() -> None:
    # 超10亿元的 bounds 营业收入, but 99户 counts 工业企业 like 827户.
    rows = linked("全年营业收入超亿元的工业企业达827户，其中超10亿元的99户，超50亿元的9户。")
    found = {q: i for q, i, _, _ in rows}
    assert (found["827户"], found["99户"], found["9户"]) == ("工业企业",) * 3


def test_a_run_that_names_nothing_takes_the_quantities_named_before() -> None:
    rows = linked("城镇居民收入42038元，农村居民收入20366元，同比增长5.3%和6.4%。")
    found = {q: i for q, i, _, _ in rows}
    assert (found["5.3%"], found["6.4%"]) == ("城镇居民收入", "农村居民收入")


def test_the_linker_patterns_are_compiled_per_linker_not_at_import() -> None:
    assert not any(
        isinstance(v, re.Pattern) and len(v.pattern) > 500 for v in vars(phrases).values()
    )
    assert not any(
        isinstance(v, re.Pattern) and len(v.pattern) > 500 for v in vars(linker).values()
    )


def test_the_rule_linker_links_as_its_linked_quantities_say() -> None:
    text = "2023年，全市地区生产总值达到1200亿元，增长5.5%。力争2024年增长6%。"
    mentions = govreport.parse(text, host=PLAIN).mentions
    context = linker.LinkContext(
        text=text,
        mentions=mentions,
        outline=(),
        front_matter=(),
        closing=None,
        lexicon=PLAIN.indicator_lexicon,
    )
    rules = linker.RuleLinker()
    made = rules.linked(context)
    assert [(q.indicator, q.role, q.period) for q in made] == [
        (link.indicator, link.role, link.period) for link in rules.link(context)
    ]
    assert [q.text for q in made] == ["1200亿元", "5.5%", "6%"]
    # the quantities as they were, but for what the linker says
    assert [attrs.evolve(q, indicator=None, role=None, period=None) for q in made] == [
        attrs.evolve(q, indicator=None, role=None, period=None)
        for q in mentions
        if isinstance(q, Quantity)
    ]


def test_a_subclass_of_quantity_keeps_its_class_when_linked() -> None:
    @attrs.frozen(kw_only=True)
    class Counted(Quantity):
        pass

    (quantity,) = govreport.parse("完成19项重点任务。", host=PLAIN).quantities()
    made = linker.relinked(
        Counted(**attrs.asdict(quantity, recurse=False)), None, Role.ACTUAL, "2023"
    )
    assert type(made) is Counted
    assert (made.role, made.period, made.value) == (Role.ACTUAL, "2023", quantity.value)
