"""Quantity rules (annotation guide, output contract, domain reference §3), one table per rule.

Every case drives :class:`QuantityExtractor` alone, so a failure here is a rule of the quantity
extractor and not of the extractors that run before it. Every quantity found must slice the
source text at its span.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from govreport.extractors.base import ExtractionContext
from govreport.extractors.quantities import QuantityExtractor
from govreport.model import (
    DEFAULT_UNITS,
    Change,
    DateMention,
    Mention,
    Qualifier,
    Quantity,
    Span,
)


@attrs.frozen
class Q:
    """The expected quantity: its text and fields as the output contract names them."""

    text: str
    value: str
    unit: str
    qualifier: Qualifier | None = None
    value_max: str | None = None
    change: Change | None = None


OVER, AT_LEAST, AT_MOST = Qualifier.OVER, Qualifier.AT_LEAST, Qualifier.AT_MOST
UNDER, NEARLY, APPROX = Qualifier.UNDER, Qualifier.NEARLY, Qualifier.APPROX
INCREASE, DECREASE = Change.INCREASE, Change.DECREASE


def extract(
    text: str, marker_spans: tuple[Span, ...] = (), found: tuple[Mention, ...] = ()
) -> list[Quantity]:
    """Every quantity in ``text``, after checking that each span slices to its text."""
    context = ExtractionContext(
        text=text, units=DEFAULT_UNITS, marker_spans=marker_spans, found=found
    )
    quantities = []
    for mention in QuantityExtractor().extract(context):
        assert isinstance(mention, Quantity)
        assert mention.span.slice(text) == mention.text
        quantities.append(mention)
    return quantities


def assert_quantities(sentence: str, *expected: Q) -> None:
    """``sentence`` holds exactly ``expected``, in order, with equal values."""
    found = extract(sentence)
    assert [q.text for q in found] == [e.text for e in expected]
    for quantity, wanted in zip(found, expected, strict=True):
        value_max = None if wanted.value_max is None else Decimal(wanted.value_max)
        assert (quantity.value, quantity.value_max) == (Decimal(wanted.value), value_max)
        assert (quantity.unit, quantity.qualifier, quantity.change) == (
            wanted.unit,
            wanted.qualifier,
            wanted.change,
        )


# -- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("完成19项", Q("19项", "19", "项")),
        ("完成１２３个", Q("１２３个", "123", "个")),
        ("增速为1.５%", Q("1.５%", "1.5", "%")),
        ("增速为１．５%", Q("１．５%", "1.5", "%")),
        ("违法行为1,192件", Q("1,192件", "1192", "件")),
        ("投资12,345.6万元", Q("12,345.6万元", "123456000", "元")),
        # The full-width comma is never a thousands separator.
        ("共1，192件", Q("192件", "192", "件")),
    ],
)
def test_arabic_numbers(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("调水53亿立方米", Q("53亿立方米", "5300000000", "立方米")),
        ("调水16.46亿立方米", Q("16.46亿立方米", "1646000000", "立方米")),
        ("投资1.2万亿元", Q("1.2万亿元", "1200000000000", "元")),
        ("节约34万余元", Q("34万余元", "340000", "元", OVER)),
        ("奖励10余万元", Q("10余万元", "100000", "元", OVER)),
        ("投资3千万元", Q("3千万元", "30000000", "元")),
        ("投资5百万元", Q("5百万元", "5000000", "元")),
        ("发电3亿千瓦时", Q("3亿千瓦时", "300000000", "千瓦时")),
        ("培训34万余人次", Q("34万余人次", "340000", "人次", OVER)),
        # A measure word in brackets after the first stays outside the span.
        ("出栏16.4万头（只）", Q("16.4万头", "164000", "头")),
    ],
)
def test_multipliers_are_applied_and_left_out_of_the_unit(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("装机5千瓦", Q("5千瓦", "5", "千瓦")),
        ("长5千米", Q("5千米", "5", "千米")),
        ("播种3千公顷", Q("3千公顷", "3", "千公顷")),
        ("收入5千元", Q("5千元", "5", "千元")),
    ],
)
def test_qian_before_a_unit_belongs_to_the_unit(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


# -- units and measure words -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("召开31次会议", Q("31次", "31", "次")),
        ("开展1678场主题党日", Q("1678场", "1678", "场")),
        ("宣讲60场次", Q("60场次", "60", "场次")),
        ("选派10名干部", Q("10名", "10", "名")),
        ("参训120人", Q("120人", "120", "人")),
        ("处理55人次", Q("55人次", "55", "人次")),
        ("受理线索60件", Q("60件", "60", "件")),
        ("覆盖13家单位", Q("13家", "13", "家")),
        ("制定359条措施", Q("359条", "359", "条")),
        ("刊发稿件300篇", Q("300篇", "300", "篇")),
        ("组建10支党员突击队", Q("10支", "10", "支")),
        ("开展2轮巡察", Q("2轮", "2", "轮")),
        ("新建5座水库", Q("5座", "5", "座")),
        ("划定98处蓄滞洪区", Q("98处", "98", "处")),
        ("惠及200户", Q("200户", "200", "户")),
        ("配置10套设备", Q("10套", "10", "套")),
        ("购置5台水泵", Q("5台", "5", "台")),
        ("打机井200眼", Q("200眼", "200", "眼")),
        ("整改421个问题", Q("421个", "421", "个")),
        ("完成19项重点任务", Q("19项", "19", "项")),
    ],
)
def test_measure_words(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("长9.8公里", Q("9.8公里", "9.8", "公里")),
        ("面积500平方公里", Q("500平方公里", "500", "平方公里")),
        ("面积3平方千米", Q("3平方千米", "3", "平方千米")),
        ("造林20公顷", Q("20公顷", "20", "公顷")),
        ("种植30亩", Q("30亩", "30", "亩")),
        ("降水量1667.7毫米", Q("1667.7毫米", "1667.7", "毫米")),
        ("用水150升", Q("150升", "150", "升")),
        ("气温18.8℃", Q("18.8℃", "18.8", "℃")),
        ("能耗5吨标准煤", Q("5吨标准煤", "5", "吨标准煤")),
        ("浓度28.5微克/立方米", Q("28.5微克/立方米", "28.5", "微克/立方米")),
        ("浓度28.5微克每立方米", Q("28.5微克每立方米", "28.5", "微克每立方米")),
        ("浓度0.5毫克／升", Q("0.5毫克／升", "0.5", "毫克／升")),
        ("流量50立方米/秒", Q("50立方米/秒", "50", "立方米/秒")),
        ("标准3000元/人月", Q("3000元/人月", "3000", "元/人月")),
        ("能力10万吨/日", Q("10万吨/日", "100000", "吨/日")),
    ],
)
def test_physical_and_compound_units(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("占比45%", Q("45%", "45", "%")),
        ("占比45％", Q("45％", "45", "%")),  # ％ is written %
        ("出生率12.16‰", Q("12.16‰", "12.16", "‰")),
        ("提高0.94个百分点", Q("0.94个百分点", "0.94", "个百分点", change=INCREASE)),
        ("增长1倍", Q("1倍", "1", "倍", change=INCREASE)),
        ("占五成", Q("五成", "5", "成")),
        ("达到百分之五", Q("百分之五", "5", "%")),
        ("达到百分之九十九点五", Q("百分之九十九点五", "99.5", "%")),
        ("控制在千分之三", Q("千分之三", "3", "‰")),
        ("增长8.8 %", Q("8.8 %", "8.8", "%", change=INCREASE)),
    ],
)
def test_percentages_points_multiples_and_tenths(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


# -- qualifiers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("投资约1500亿元", Q("约1500亿元", "150000000000", "元", APPROX)),
        ("参与大约300人", Q("大约300人", "300", "人", APPROX)),
        ("历时近5年", Q("近5年", "5", "年", NEARLY)),
        ("历时将近5年", Q("将近5年", "5", "年", NEARLY)),
        ("历时接近5年", Q("接近5年", "5", "年", NEARLY)),
        ("出口超过3.2万亿美元", Q("超过3.2万亿美元", "3200000000000", "美元", OVER)),
        ("参与超5000人", Q("超5000人", "5000", "人", OVER)),
        ("接待突破100万人次", Q("突破100万人次", "1000000", "人次", OVER)),
        ("参与逾300人", Q("逾300人", "300", "人", OVER)),
        ("参与过万人", Q("过万人", "10000", "人", OVER)),
        ("发电破亿度", Q("破亿度", "100000000", "度", OVER)),
        ("每年不少于3次", Q("不少于3次", "3", "次", AT_LEAST)),
        ("合格率不低于90%", Q("不低于90%", "90", "%", AT_LEAST)),
        ("每年至少3次", Q("至少3次", "3", "次", AT_LEAST)),
        ("漏损率不超过9%", Q("不超过9%", "9", "%", AT_MOST)),
        ("班子不足10人", Q("不足10人", "10", "人", UNDER)),
        ("班子不到10人", Q("不到10人", "10", "人", UNDER)),
    ],
)
def test_qualifiers_before_the_number_are_in_the_span(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("水质合格率99%以上", Q("99%以上", "99", "%", AT_LEAST)),
        ("占比20%以下", Q("20%以下", "20", "%", AT_MOST)),
        ("控制在5%以内", Q("5%以内", "5", "%", AT_MOST)),
        ("增长5%左右", Q("5%左右", "5", "%", APPROX, change=INCREASE)),
        ("波动5%上下", Q("5%上下", "5", "%", APPROX)),
        ("刊发300余篇", Q("300余篇", "300", "篇", OVER)),
        ("用时30余天", Q("30余天", "30", "天", OVER)),
        ("用时30多天", Q("30多天", "30", "天", OVER)),
        ("参与300多人", Q("300多人", "300", "人", OVER)),
        ("增长1倍多", Q("1倍多", "1", "倍", OVER, change=INCREASE)),
        ("提高7个百分点以上", Q("7个百分点以上", "7", "个百分点", AT_LEAST, change=INCREASE)),
        ("工作3年以上", Q("3年以上", "3", "年", AT_LEAST)),
        ("补助5万元以下", Q("5万元以下", "50000", "元", AT_MOST)),
    ],
)
def test_qualifiers_after_the_number_are_in_the_span(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("节约3万吨", Q("3万吨", "30000", "吨")),
        ("签约3个项目", Q("3个", "3", "个")),
        ("通过3年", Q("3年", "3", "年")),
        ("经过3年", Q("3年", "3", "年")),
        ("最近5年", Q("5年", "5", "年")),
        ("附近5处", Q("5处", "5", "处")),
        ("打破3项纪录", Q("3项", "3", "项")),
        ("赶超3家", Q("3家", "3", "家")),
    ],
)
def test_word_endings_are_not_qualifiers(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


def test_leading_verbs_are_not_in_the_span() -> None:
    assert_quantities("参与群众多达300人", Q("300人", "300", "人"))
    assert_quantities("总量达到300吨", Q("300吨", "300", "吨"))


# -- ranges, lists and changes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("用3至5年", Q("3至5年", "3", "年", value_max="5")),
        ("用3到5年", Q("3到5年", "3", "年", value_max="5")),
        ("用3—5年", Q("3—5年", "3", "年", value_max="5")),
        ("用3～5年", Q("3～5年", "3", "年", value_max="5")),
        ("用3-5年", Q("3-5年", "3", "年", value_max="5")),
        ("用三至五年", Q("三至五年", "3", "年", value_max="5")),
        ("目标5%-6%", Q("5%-6%", "5", "%", value_max="6")),
        ("目标5%—5.5%", Q("5%—5.5%", "5", "%", value_max="5.5")),
        ("目标5%～6%", Q("5%～6%", "5", "%", value_max="6")),
        ("目标5-6%", Q("5-6%", "5", "%", value_max="6")),
        ("补助3—5万元", Q("3—5万元", "30000", "元", value_max="50000")),
        ("补助10万—20万元", Q("10万—20万元", "100000", "元", value_max="200000")),
        ("增长3至5个百分点", Q("3至5个百分点", "3", "个百分点", value_max="5", change=INCREASE)),
        ("工作3至5年以上", Q("3至5年以上", "3", "年", AT_LEAST, value_max="5")),
        ("历时约3—5年", Q("约3—5年", "3", "年", APPROX, value_max="5")),
    ],
)
def test_a_range_is_one_quantity(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "分别高4.2和0.7个百分点",
            [Q("4.2", "4.2", "个百分点"), Q("0.7个百分点", "0.7", "个百分点")],
        ),
        (
            "分别增长4.2和0.7个百分点",
            [
                Q("4.2", "4.2", "个百分点", change=INCREASE),
                Q("0.7个百分点", "0.7", "个百分点", change=INCREASE),
            ],
        ),
        (
            "分别为3、5、7项",
            [Q("3", "3", "项"), Q("5", "5", "项"), Q("7项", "7", "项")],
        ),
    ],
)
def test_a_unit_written_once_applies_to_each_number(sentence: str, expected: list[Q]) -> None:
    assert_quantities(sentence, *expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the last number of a chain of ranges lends its unit to the one before it only
        ("1~1~3~5年", [Q("3~5年", "3", "年", value_max="5")]),
        ("1至2至3", []),
        # … and to every number of a list
        (
            "3和4、5与6个",
            [Q("3", "3", "个"), Q("4", "4", "个"), Q("5", "5", "个"), Q("6个", "6", "个")],
        ),
        # a list goes on past a last number with no unit (4万), or ends in a range after it
        ("3和4万和5个", [Q("3", "3", "个"), Q("5个", "5", "个")]),
        ("3和4和5~6年", [Q("5~6年", "5", "年", value_max="6")]),
        (
            "11.5和1,234及7倍",
            [Q("11.5", "11.5", "倍"), Q("1,234", "1234", "倍"), Q("7倍", "7", "倍")],
        ),
        ("1和2及以上", []),
    ],
)
def test_chains_of_numbers(sentence: str, expected: list[Q]) -> None:
    assert_quantities(sentence, *expected)


@pytest.mark.parametrize(
    ("chain", "ended"),
    [
        ("1~", [Q("1~5个", "1", "个", value_max="5")]),
        ("1至", [Q("1至5个", "1", "个", value_max="5")]),
        ("3和", [Q("3", "3", "个")] * 1000 + [Q("5个", "5", "个")]),
        ("3、", [Q("3", "3", "个")] * 1000 + [Q("5个", "5", "个")]),
        ("1万", [Q("5个", "5", "个")]),
    ],
)
def test_long_chains(chain: str, ended: list[Q]) -> None:
    # With no unit anywhere the scan skips a chain in one match (benchmarks/adversarial.py
    # times them at 1 MB); a unit at its end reaches the numbers it did before.
    assert extract(chain * 50_000) == []
    assert_quantities(chain * 1000 + "5个", *ended)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("同比增长5%", Q("5%", "5", "%", change=INCREASE)),
        ("比上年增加1894元", Q("1894元", "1894", "元", change=INCREASE)),
        ("较上年提高0.94个百分点", Q("0.94个百分点", "0.94", "个百分点", change=INCREASE)),
        ("比上年上升3.1%", Q("3.1%", "3.1", "%", change=INCREASE)),
        ("能力提升20%", Q("20%", "20", "%", change=INCREASE)),
        ("规模扩大12%", Q("12%", "12", "%", change=INCREASE)),
        ("增长了5%", Q("5%", "5", "%", change=INCREASE)),
        ("同比下降5%", Q("5%", "5", "%", change=DECREASE)),
        ("较去年同期减少1.99%", Q("1.99%", "1.99", "%", change=DECREASE)),
        ("成本降低8%", Q("8%", "8", "%", change=DECREASE)),
        ("回落0.3个百分点", Q("0.3个百分点", "0.3", "个百分点", change=DECREASE)),
        ("会议压减10%", Q("10%", "10", "%", change=DECREASE)),
        ("经费缩减15%", Q("15%", "15", "%", change=DECREASE)),
        ("总数增至222项", Q("222项", "222", "项")),
        ("占比为45%", Q("45%", "45", "%")),
        # A footnote marker between the verb and the number (domain §2.2) hides nothing.
        ("比上年增长[3]5.2%", Q("5.2%", "5.2", "%", change=INCREASE)),
    ],
)
def test_change_direction_comes_from_the_verb_before(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "分别增长4.4%、5.6%",
            [Q("4.4%", "4.4", "%", change=INCREASE), Q("5.6%", "5.6", "%", change=INCREASE)],
        ),
        (
            "分别下降3%和4%",
            [Q("3%", "3", "%", change=DECREASE), Q("4%", "4", "%", change=DECREASE)],
        ),
    ],
)
def test_listed_numbers_share_the_change(sentence: str, expected: list[Q]) -> None:
    assert_quantities(sentence, *expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("增长-3.2%", Q("-3.2%", "-3.2", "%", change=INCREASE)),
        ("增速为-3.2%", Q("-3.2%", "-3.2", "%")),
    ],
)
def test_negative_numbers(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


# -- Chinese numerals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("出台十项措施", Q("十项", "10", "项")),
        ("完成两项", Q("两项", "2", "项")),
        ("吸纳两万人", Q("两万人", "20000", "人")),
        ("连续两年", Q("两年", "2", "年")),
        ("接待十万人次", Q("十万人次", "100000", "人次")),
        ("共两千人", Q("两千人", "2000", "人")),
        ("共三千零五十二人", Q("三千零五十二人", "3052", "人")),
        ("共一百零八项", Q("一百零八项", "108", "项")),
        ("共一千多人", Q("一千多人", "1000", "人", OVER)),
        ("开展近千次", Q("近千次", "1000", "次", NEARLY)),
        ("投资超千亿元", Q("超千亿元", "100000000000", "元", OVER)),
        ("发电破亿度", Q("破亿度", "100000000", "度", OVER)),
        ("投资亿元以上", Q("亿元以上", "100000000", "元", AT_LEAST)),
        ("投资十亿元以上", Q("十亿元以上", "1000000000", "元", AT_LEAST)),
        ("投资千万元以上", Q("千万元以上", "10000000", "元", AT_LEAST)),
    ],
)
def test_chinese_numerals_that_quantify(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


def test_two_quantities_side_by_side() -> None:
    assert_quantities(
        "连续两年过万亿元",
        Q("两年", "2", "年"),
        Q("过万亿元", "1000000000000", "元", OVER),
    )


# -- traps -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        # idioms and words
        "要进一步加强",
        "要一体推进",
        "坚守一线",
        "要统一部署",
        "要第一时间处置",
        "由一把手负责",
        "这十分重要",
        "我们一方面要加强",
        "反复三番五次",
        "走进千家万户",
        "点亮万家灯火",
        # the indefinite 一
        "这是一个重要内容",
        "实施一批项目",
        "出台一系列举措",
        # ordinals, ranks, grades, congresses and terms
        "学习党的二十大精神",
        "学习二十届二中全会精神",
        "晋升二级调研员",
        "召开第三届会议",
        "排名第5位",
        "建成首个试点",
        "改造二次供水设施",
        "优化三次产业结构",
        "举办五人制足球赛",
        "构建四级三类体系",
        "达到一级A标准",
        # names, codes and plan labels
        "降低PM2.5浓度",
        "建设5G基站",
        "创建4A级景区",
        "前往三门峡市",
        "前往七台河市",
        "落实十四五规划",
        "在十四五期间",
        "保护黄港一库",
        "拨打12345热线",
        "印发X水发〔2023〕10号文件",
        "在十一期间",
        # ratios written with a colon
        "三次产业结构为10.1:43.5:46.4",
        "比例为12.89：56.87：30.24",
        # footnote markers
        "地区生产总值[2]为",
        "见注释[2]。",
    ],
)
def test_traps_give_no_quantity(sentence: str) -> None:
    assert extract(sentence) == []


def test_a_footnote_marker_glued_to_a_number_is_left_out() -> None:
    assert_quantities(
        "地区生产总值（GDP）[2]2313亿元",
        Q("2313亿元", "231300000000", "元"),
    )


def test_the_longest_number_read_has_28_significant_digits() -> None:
    longest = "1" * 28
    assert_quantities(
        f"投资{longest}亿元",
        Q(f"{longest}亿元", longest + "0" * 8, "元"),  # exact: no rounding to 28 digits
    )
    assert_quantities(f"占{longest[1:]}.5%", Q(f"{longest[1:]}.5%", f"{longest[1:]}.5", "%"))


@pytest.mark.parametrize(
    "sentence",
    [
        "编号" + "1" * 29 + "号",
        "投资" + "3" * 30 + "亿元",  # neither the digits nor the 亿 after them
        "完成" + "9" * 10_000 + "项",
        "增长" + "1" * 10_000 + ".5%",
    ],
)
def test_longer_digit_runs_are_codes_not_quantities(sentence: str) -> None:
    assert extract(sentence) == []


def test_a_chinese_numeral_right_after_a_digit_starts_no_number() -> None:
    # A garbled .87亿元 (its first digits lost): no number before 亿, and 亿 alone is no 10^8.
    assert_quantities("统.87亿元，收入3亿元", Q("3亿元", "300000000", "元"))


# -- context ---------------------------------------------------------------------------------


def test_numbers_inside_outline_markers_are_no_quantities() -> None:
    text = "前言。\n02年度工作"
    marker = Span(text.index("02"), text.index("02") + 2)
    assert extract(text) != []
    assert extract(text, marker_spans=(marker,)) == []


def test_spans_found_by_earlier_extractors_are_left_alone() -> None:
    text = "2023年完成3项"
    date = DateMention(span=Span(0, 5), text="2023年", value="2023")
    assert [q.text for q in extract(text, found=(date,))] == ["3项"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("19项重点任务", Q("19项", "19", "项")), ("两万人参加", Q("两万人", "20000", "人"))],
)
def test_a_quantity_at_the_start_of_the_text(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


# -- open-class measure words and units (issue 14, class 6) -------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # classifiers of every grammatical class: individual, collective, container, verbal
        ("发现珍稀鸟类7群。", Q("7群", "7", "群")),
        ("组建服务队12支", Q("12支", "12", "支")),
        ("成立工作组5组", Q("5组", "5", "组")),
        ("放映电影300场次", Q("300场次", "300", "场次")),
        ("发射卫星20颗", Q("20颗", "20", "颗")),
        ("安装路灯1200盏", Q("1200盏", "1200", "盏")),
        ("开设课程40门", Q("40门", "40", "门")),
        ("开行班列350列", Q("350列", "350", "列")),
        ("讲授党课15堂", Q("15堂", "15", "堂")),
        ("从十方面推进", Q("十方面", "10", "方面")),
        ("抓好两方面工作", Q("两方面", "2", "方面")),
        ("航班保障5万架次", Q("5万架次", "50000", "架次")),
    ],
)
def test_classifiers_of_every_class_are_measure_words(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # GB 3101 prefixes on GB 3102 units, as reports write them
        ("储能装机10吉瓦时", Q("10吉瓦时", "10", "吉瓦时")),
        ("新增装机3.5GW", Q("3.5GW", "3.5", "GW")),
        ("压力0.6兆帕", Q("0.6兆帕", "0.6", "兆帕")),
        ("压力200千帕", Q("200千帕", "200", "千帕")),
        ("变电容量240兆伏安", Q("240兆伏安", "240", "兆伏安")),
        ("频率5兆赫", Q("5兆赫", "5", "兆赫")),
        ("噪声低于55分贝", Q("55分贝", "55", "分贝")),
        ("颗粒物直径2.5微米", Q("2.5微米", "2.5", "微米")),
        # trade units of reports
        ("港口吞吐量8097万标箱", Q("8097万标箱", "80970000", "标箱")),
        ("淘汰10蒸吨锅炉", Q("10蒸吨", "10", "蒸吨")),
        ("每度电便宜1毛钱", Q("1毛钱", "1", "毛钱")),
        ("供气5亿标准立方米", Q("5亿标准立方米", "500000000", "标准立方米")),
    ],
)
def test_si_prefixed_and_trade_units(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


def test_prefixed_units_carry_their_factor() -> None:
    (found,) = extract("储能10吉瓦时")
    assert found.unit_info is not None
    assert found.unit_info.to_base(found.value) == Decimal(10) * Decimal(3600) * 10**9


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The general rule: one Han character closing the clause after an Arabic number.
        ("火箭连续12发。", Q("12发", "12", "发")),
        ("查处违规问题421个，", Q("421个", "421", "个")),
        ("培育新品种36尊。", Q("36尊", "36", "尊")),
        ("建成驿站18榀，", Q("18榀", "18", "榀")),
    ],
)
def test_a_measure_word_the_table_lacks_closes_its_clause(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


@pytest.mark.parametrize(
    "sentence",
    [
        "出生于90后。",  # a generation
        "进入全国前10强，",  # a rank
        "乘坐1路，",  # a label
        "建成18榀钢架",  # a noun follows: no clause end, no measure word
        "共有3大，",  # a size word
        "比上年增长3，",  # no measure word at all
    ],
)
def test_what_closes_a_clause_after_a_number_is_not_always_a_measure_word(
    sentence: str,
) -> None:
    assert [q.text for q in extract(sentence) if q.unit not in ("榀",)] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("建成20万吨级码头", Q("20万吨级", "200000", "吨级")),
        ("建设100兆瓦级光伏电站", Q("100兆瓦级", "100", "兆瓦级")),
        ("建设10万千瓦级机组", Q("10万千瓦级", "100000", "千瓦级")),
        ("建设3万吨级以上泊位", Q("3万吨级以上", "30000", "吨级", AT_LEAST)),
    ],
)
def test_a_capacity_class_is_a_quantity(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


@pytest.mark.parametrize("sentence", ["建立局、处两级", "晋升二级调研员", "达到一级A标准"])
def test_a_class_after_a_count_is_a_grade(sentence: str) -> None:
    assert [q.text for q in extract(sentence) if q.unit.endswith("级")] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("连续两届获得", Q("两届", "2", "届")),
        ("连续三届获评", Q("三届", "3", "届")),
        ("共举办5届", Q("5届", "5", "届")),
        ("举办千场活动", Q("千场", "1000", "场")),
        ("建成百所学校", Q("百所", "100", "所")),
        ("抵御五十年一遇洪水", Q("五十年", "50", "年")),
        ("防御100年一遇洪水", Q("100年", "100", "年")),
        ("提前一年完成", Q("一年", "1", "年")),
        ("连续一个月开展", Q("一个月", "1", "个月")),
        ("近一年来", Q("近一年", "1", "年", NEARLY)),
    ],
)
def test_chinese_numeral_counts(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


@pytest.mark.parametrize(
    "sentence",
    [
        "贯彻党的十九届四中全会精神",  # a plenum
        "落实十九届历次全会精神",  # the session's number
        "承办十四届冬运会",
        "第三届进博会",
        "千头万绪",  # paired round numerals: an idiom
        "千家万户",
        "万家灯火",
        "烟花鞭炮\t万箱\t1575",  # a table's unit header
        "每万人口拥有量",  # a per-capita basis
        "一年来，",  # a period, not a count
        "一年一度",
    ],
)
def test_sessions_idioms_and_headers_are_no_counts(sentence: str) -> None:
    assert [
        q.text for q in extract(sentence) if q.unit in ("届", "场", "箱", "家", "头", "年")
    ] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("增长16.1 %", Q("16.1 %", "16.1", "%")),
        ("增长16.1\u2002%", Q("16.1\u2002%", "16.1", "%")),
        ("增长16.1\u3000%", Q("16.1\u3000%", "16.1", "%")),
        ("增长16.1\u00a0%", Q("16.1\u00a0%", "16.1", "%")),
        ("投资5亿\u3000元", Q("5亿\u3000元", "500000000", "元")),
    ],
)
def test_one_space_between_a_number_and_its_unit(sentence: str, expected: Q) -> None:
    assert [q.text for q in extract(sentence)] == [expected.text]
    assert extract(sentence)[0].unit == expected.unit


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("65岁及以上老人", Q("65岁及以上", "65", "岁", AT_LEAST)),
        ("10蒸吨及以下锅炉", Q("10蒸吨及以下", "10", "蒸吨", AT_MOST)),
        ("本科及以上学历3000人", Q("3000人", "3000", "人")),
    ],
)
def test_ji_yishang_is_a_qualifier_after_a_number(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


# -- numerals that are no quantities (issue 14, class 7) ------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "汽车零部件产业",  # 零 starts no number: it stands inside one (三千零五十二)
        "实现零距离服务",
        "加强干部队伍年轻化",  # one financial numeral alone is a character of a word
        "海峡两岸和大陆三次",
        "扶持三元、麦福劳等农牧业企业",  # a small amount in Chinese numerals is a name
        "修建五元路",
        "引进百万人才",  # 人 starts the word 人才
        "14亿人民",
        "惠及76万群众",
    ],
)
def test_numerals_inside_words_and_names_are_no_quantities(sentence: str) -> None:
    assert [q.text for q in extract(sentence)] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("三千零五十二元", Q("三千零五十二元", "3052", "元")),
        ("叁仟伍佰零肆圆", Q("叁仟伍佰零肆圆", "3504", "圆")),
        ("两万元", Q("两万元", "20000", "元")),
        ("其中亿元以上项目", Q("亿元以上", "100000000", "元", AT_LEAST)),
        ("达到4万多亿元", Q("4万多亿元", "4000000000000", "元", OVER)),
    ],
)
def test_numbers_with_zeros_and_amounts_still_count(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


# -- counts with 万/亿: one rule, a measure word right after the number (issue 14, class 9) ----


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("十四亿多人口", Q("十四亿多人口", "1400000000", "人口", OVER)),
        ("惠及76万人", Q("76万人", "760000", "人")),
        ("减少5575万人", Q("5575万人", "55750000", "人", change=DECREASE)),
        ("培训1.2万名", Q("1.2万名", "12000", "名")),
        ("服务群众76万人次", Q("76万人次", "760000", "人次")),
    ],
)
def test_a_count_with_wan_or_yi_needs_its_measure_word(sentence: str, expected: Q) -> None:
    assert_quantities(sentence, expected)


@pytest.mark.parametrize(
    "sentence",
    [
        "5575万农村贫困人口",  # a modifier stands between the number and 人口: a bare noun
        "惠及76万群众",
        "14亿中国人民",
        "1.2万贫困户群众",
        "百万人才",
        "3000人员",
    ],
)
def test_a_count_with_a_bare_noun_is_no_quantity(sentence: str) -> None:
    assert [q.text for q in extract(sentence)] == []
