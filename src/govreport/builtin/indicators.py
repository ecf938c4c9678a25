"""Built-in plugin: the rule-based indicator linker and the indicator words of any report.

The words are the heads of economic and statistical indicators (domain reference §2–3: what
work reports and statistical bulletins measure); a domain plugin adds its own through the same
``register_indicators`` hook, and a plugin that registers a linker replaces this one.
"""

from __future__ import annotations

from collections.abc import Callable

from govreport.hookspecs import hookimpl
from govreport.indicators import IndicatorLinker, IndicatorTerm, RuleLinker

_GENERAL = (
    IndicatorTerm(name="地区生产总值", synonyms=("生产总值", "国内生产总值", "GDP")),
    IndicatorTerm(name="增加值"),
    IndicatorTerm(name="规模以上工业增加值", synonyms=("规上工业增加值",)),
    IndicatorTerm(name="总产值", synonyms=("产值",)),
    IndicatorTerm(name="一般公共预算收入", synonyms=("公共财政预算收入", "财政总收入")),
    IndicatorTerm(name="收入", synonyms=("营业收入", "主营业务收入", "可支配收入")),
    IndicatorTerm(name="支出"),
    IndicatorTerm(name="利润", synonyms=("利润总额",)),
    IndicatorTerm(name="总额", synonyms=("余额", "零售总额", "进出口总额", "成交额")),
    IndicatorTerm(name="投资", synonyms=("固定资产投资",)),
    IndicatorTerm(name="产量", synonyms=("总产量",)),
    IndicatorTerm(name="面积", synonyms=("播种面积",)),
    IndicatorTerm(name="人数", synonyms=("人口", "人次")),
    IndicatorTerm(name="案件"),
    IndicatorTerm(name="价格", synonyms=("居民消费价格",)),
    IndicatorTerm(name="客运量", synonyms=("货运量", "周转量", "吞吐量")),
    IndicatorTerm(name="贷款", synonyms=("存款",)),
    IndicatorTerm(name="比重", synonyms=("占比",)),
    # Single-character heads: 率 (rates), 量 (amounts), 额 (sums), 数 (counts), 值 (values).
    IndicatorTerm(name="率"),
    IndicatorTerm(name="量"),
    IndicatorTerm(name="额"),
    IndicatorTerm(name="数"),
    IndicatorTerm(name="值"),
)
"""Indicator heads any report may use."""


@hookimpl
def register_indicators(register: Callable[[IndicatorTerm], None]) -> None:
    """The heads of economic and statistical indicators."""
    for term in _GENERAL:
        register(term)


@hookimpl
def register_indicator_linkers(register: Callable[[IndicatorLinker], None]) -> None:
    """The rule-based linker."""
    register(RuleLinker())
