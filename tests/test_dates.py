"""Dates: forms, values, traps, and spans that always slice to the text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.extractors.base import ExtractionContext, MentionExtractor
from govreport.extractors.dates import DateExtractor
from govreport.model import DEFAULT_UNITS, DateMention
from tests.linear import assert_linear, repeat, under_the_ceiling


def dates(text: str) -> list[DateMention]:
    found = list(DateExtractor().extract(ExtractionContext(text=text, units=DEFAULT_UNITS)))
    for mention in found:
        assert isinstance(mention, DateMention)
        assert text[mention.span.start : mention.span.end] == mention.text
    return [m for m in found if isinstance(m, DateMention)]


def pairs(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in dates(text)]


def test_is_a_mention_extractor() -> None:
    extractor = DateExtractor()
    assert isinstance(extractor, MentionExtractor)
    assert (extractor.name, extractor.order) == ("dates", 300)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年，市水务局党组坚持", [("2023年", "2023")]),
        ("获得2021年度省级科技奖励", [("2021年度", "2021")]),
        ("2023年3月召开", [("2023年3月", "2023-03")]),
        ("2023年12月15日", [("2023年12月15日", "2023-12-15")]),
        ("截至12月15日，共办结", [("12月15日", "--12-15")]),
        ("截至11月底，制发公文", [("11月底", "--11/end")]),
        ("12月末", [("12月末", "--12/end")]),
        ("11月初", [("11月初", "--11/start")]),
        ("3月份", [("3月份", "--03")]),
        ("3月，召开会议", [("3月", "--03")]),
        ("到2015年底共有", [("2015年底", "2015/end")]),
        ("2015年末登记在册", [("2015年末", "2015/end")]),
        ("2015年年末全县总人口", [("2015年年末", "2015/end")]),
        ("2025年初，自然资源部", [("2025年初", "2025/start")]),
        ("2023-12-15", [("2023-12-15", "2023-12-15")]),
        ("2023/12/15", [("2023/12/15", "2023-12-15")]),
        ("2023.12.15", [("2023.12.15", "2023-12-15")]),
        ("二〇二三年十二月十五日", [("二〇二三年十二月十五日", "2023-12-15")]),
        ("二○二三年", [("二○二三年", "2023")]),
        ("二OO二年", [("二OO二年", "2002")]),
        ("二◯一五年", [("二◯一五年", "2015")]),
        ("２０２３年１２月", [("２０２３年１２月", "2023-12")]),
        ("获评2018—2021年度先进", [("2018—2021年度", "2018/2021")]),
        ("2018-2021年", [("2018-2021年", "2018/2021")]),
        ("1—11月", [("1—11月", "--01/--11")]),
        ("2023年1—11月", [("2023年1—11月", "2023-01/2023-11")]),
        ("一至三月", [("一至三月", "--01/--03")]),
        ("上半年", [("上半年", "--01/--06")]),
        ("今年下半年", [("下半年", "--07/--12")]),
        ("2023年上半年", [("2023年上半年", "2023-01/2023-06")]),
        ("一季度", [("一季度", "--01/--03")]),
        ("第四季度", [("第四季度", "--10/--12")]),
        ("1季度", [("1季度", "--01/--03")]),
        ("前三季度", [("前三季度", "--01/--09")]),
        ("2023年第二季度", [("2023年第二季度", "2023-04/2023-06")]),
        ("11月上旬", [("11月上旬", "--11-01/--11-10")]),
        ("十一月中旬", [("十一月中旬", "--11-11/--11-20")]),
        ("11月下旬", [("11月下旬", "--11-21/--11-30")]),
        ("2023年2月下旬", [("2023年2月下旬", "2023-02-21/2023-02-28")]),
        ("三月底", [("三月底", "--03/end")]),
        ("12月15号", [("12月15号", "--12-15")]),
        ("2月29日", [("2月29日", "--02-29")]),
        ("比2010年增长", [("2010年", "2010")]),
        ("2021年至2023年", [("2021年", "2021"), ("2023年", "2023")]),
    ],
)
def test_forms_and_values(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "五千年文明，2000多年历史",  # a duration: 多 between the number and 年
        "2000余年",
        "全年365天不打烊",
        "“十四五”发展主要成绩",
        "十三五时期",
        "五一假期和十一黄金周",
        "X水发〔2023〕10号",
        "国发〔2012〕3号",
        "GB 5749-2022",
        "打造“新十二月市”",  # a Chinese month alone is no date
        "信访总量连续3年下降",
        "过去五年",
        "年末全市常住人口",  # relative: no year of its own
        "比年初增加",
        "每季度检查",
        "每一季度",
        "3个月以上半年以下",
        "PM2023年",
        "20231年",
        "15日内办结",
        "2月30日",
        "9999年",
        "system/2009/05/13/015504692.shtml",
    ],
)
def test_traps_are_no_dates(text: str) -> None:
    assert pairs(text) == []


def test_impossible_month_keeps_the_year() -> None:
    assert pairs("2023年13月") == [("2023年", "2023")]


def test_preliminary_is_not_the_start_of_the_year() -> None:
    assert pairs("2015年初步核算") == [("2015年", "2015")]


def test_crlf_offsets_are_kept() -> None:
    text = "标题\r\n2023年\r\n12月15日"
    found = dates(text)
    assert [(m.span.start, m.span.end) for m in found] == [(4, 9), (11, 17)]


_DATE_ALPHABET = st.sampled_from(
    list("0123456789０２年月日号底末初旬上中下半季度第前每以一二三四五六七八九十〇○Oo零两")
    + list("—-–~～至到/.．〔〕“” \n\r")
)


@given(st.text(_DATE_ALPHABET) | st.text())
def test_any_text_gives_spans_that_slice(text: str) -> None:
    for mention in dates(text):
        assert 0 <= mention.span.start <= mention.span.end <= len(text)
        assert mention.value


@pytest.mark.slow
@pytest.mark.parametrize("text", ["2018—" * 200_000, "2023年" * 200_000, "一二三四" * 250_000])
def test_large_inputs_stay_linear(text: str) -> None:
    with under_the_ceiling():
        dates(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(repeat("2018—"), id="open-ranges"),
        pytest.param(repeat("一二三四"), id="numerals"),
        pytest.param(repeat("一季"), id="quarters-without-du"),
        pytest.param(repeat("1111-"), id="iso-like"),
        pytest.param(repeat("0000年"), id="no-years"),
        pytest.param(repeat("十二月一"), id="chinese-months"),
        pytest.param(repeat("2023年"), id="years"),
        pytest.param(repeat("“"), id="quotes"),
        pytest.param(repeat("增长2023年“两个维护”《办法》一季度12月，"), id="one-line"),
    ],
)
def test_200_kb_adversarial_inputs_stay_linear(text: str) -> None:
    assert_linear(DateExtractor(), text)


# -- issue 14: ranges of days and month·day dates ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11月6日至10日举办", [("11月6日至10日", "--11-06/--11-10")]),
        ("2023年11月6日—10日", [("2023年11月6日—10日", "2023-11-06/2023-11-10")]),
        ("3月1日到15日", [("3月1日到15日", "--03-01/--03-15")]),
        ("8月20号～25号", [("8月20号～25号", "--08-20/--08-25")]),
        # a closing day before the first or past the month's end closes no range
        ("11月6日至5日", [("11月6日", "--11-06")]),
        ("2023年2月28日至30日", [("2023年2月28日", "2023-02-28")]),
        # a month without its day closes no range of days (these raised inside the extractor)
        ("3月—5日完成", [("3月", "--03")]),
        ("2023年12月至15日", [("2023年12月", "2023-12")]),
    ],
)
def test_a_day_after_a_dash_closes_a_range_of_days(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“5·18”经贸洽谈会", [("5·18", "--05-18")]),
        ("“7·20”特大暴雨", [("7·20", "--07-20")]),
        ("“3・15”晚会", [("3・15", "--03-15")]),
    ],
)
def test_month_dot_day_is_a_date(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize("text", ["“23·7”洪水", "中国梦·劳动美", "1.5·3", "13·40", "2·30"])
def test_dotted_numbers_that_are_no_month_and_day(text: str) -> None:
    assert pairs(text) == []
