"""Numbered formulations: quoted labels, glossary terms and N大 categories."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.extractors.base import ExtractionContext, MentionExtractor
from govreport.extractors.formulations import DEFAULT_FORMULATIONS, FormulationExtractor
from govreport.model import DEFAULT_UNITS, Formulation
from tests.linear import assert_linear, repeat, under_the_ceiling


def formulations(text: str, extractor: FormulationExtractor | None = None) -> list[Formulation]:
    extractor = FormulationExtractor() if extractor is None else extractor
    found = list(extractor.extract(ExtractionContext(text=text, units=DEFAULT_UNITS)))
    for mention in found:
        assert isinstance(mention, Formulation)
        assert text[mention.span.start : mention.span.end] == mention.text
    spans = [m.span for m in found]
    assert spans == sorted(spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans)), "overlapping formulations"
    return [m for m in found if isinstance(m, Formulation)]


def texts(text: str) -> list[str]:
    return [m.text for m in formulations(text)]


def test_is_a_mention_extractor() -> None:
    extractor = FormulationExtractor()
    assert isinstance(extractor, MentionExtractor)
    assert (extractor.name, extractor.order) == ("formulations", 100)


@pytest.mark.parametrize(
    "label",
    [
        "两个确立", "两个维护", "四风", "三不腐", "一岗双责", "1+2", "10+2", "十项行动", "五型",
        "七个一", "三道防线", "十百千工程", "第一议题", "第一责任人", "第一种形态", "四个亲自",
        "一报告两评议", "两个清单", "一对一", "一把手", "一老一小", "一卡通", "一张图",
        "五个专项治理", "六横六纵", "双高计划", "双过万", "新三样", "21条", "四不", "两优一先",
        "三个以案", "一带一路", "两个一百年", "双随机、一公开", "两高地、两基地、一屏障",
    ],
)  # fmt: skip
@pytest.mark.parametrize(("left", "right"), [("“", "”"), ('"', '"'), ("「", "」"), ("‘", "’")])
def test_quoted_labels(label: str, left: str, right: str) -> None:
    text = f"落实{left}{label}{right}要求"
    [mention] = formulations(text)
    assert (mention.text, mention.quoted) == (label, True)
    assert (mention.span.start, mention.span.end) == (3, 3 + len(label))  # quotes left out


@pytest.mark.parametrize(
    "label",
    [
        "十四五", "十三五", "十五五", "九五", "四川省科创通", "九寨沟", "23·7", "7·20", "中国环流三号",
        "零亡人", "新十二月市", "五人制", "一小时交通圈", "双向揭榜挂帅", "进一个门、办两地事",
        "退役军人最期盼的10件事", "365天不落幕的科技博览会", "5G", "PM2.5", "三年行动",
        "第二届", "一体推进", "战洪峰、防洪灾、保安全、保稳定", "我们的战役 我们的城",
        "加快建设两个中心！",
        "五一",
        "十一",
        "七一", "大统战",
    ],
)  # fmt: skip
def test_quoted_non_formulations(label: str) -> None:
    assert texts(f"打造“{label}”品牌") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("不断加固中央八项规定堤坝", ["中央八项规定"]),
        ("严格执行八项规定精神", ["八项规定"]),
        ("深化纠治四风", ["四风"]),
        ("落实一岗双责", ["一岗双责"]),
        ("坚持三会一课制度", ["三会一课"]),
        ("推进双随机、一公开监管", ["双随机、一公开"]),
        ("打好三大攻坚战", ["三大攻坚战"]),
        ("促进五大片区协同发展", ["五大片区"]),
        ("六大优势产业、高技术制造业", ["六大优势产业"]),
        ("等六大科技专项深入实施", ["六大科技专项"]),
        ("八大重点产业工业增加值", ["八大重点产业"]),
    ],
)
def test_unquoted(text: str, expected: list[str]) -> None:
    found = formulations(text)
    assert [m.text for m in found] == expected
    assert not any(m.quoted for m in found)


@pytest.mark.parametrize(
    "text",
    [
        "深入贯彻党的二十大精神",  # a congress number
        "党的十八大以来",
        "成为全国第三大经济体",  # an ordinal
        "一大批项目",
        "四大名著",  # no category word
        "第一时间传达",
        "一体推进",
        "“十四五”规划",
    ],
)
def test_unquoted_non_formulations(text: str) -> None:
    assert texts(text) == []


def test_glossary_term_inside_a_longer_number_is_not_matched() -> None:
    assert texts("第三农业") == []


def test_quoted_glossary_term_is_reported_once_with_its_meaning() -> None:
    [mention] = formulations("坚定拥护“两个确立”")
    assert mention.quoted
    assert mention.meaning == DEFAULT_FORMULATIONS["两个确立"]


def test_unquoted_glossary_term_has_its_meaning() -> None:
    [mention] = formulations("加固中央八项规定堤坝")
    assert not mention.quoted
    assert mention.meaning == DEFAULT_FORMULATIONS["中央八项规定"]


def test_quoted_label_wins_over_an_overlapping_unquoted_match() -> None:
    [mention] = formulations("实施“三大攻坚战专项”")
    assert (mention.text, mention.quoted) == ("三大攻坚战专项", True)


def test_term_inside_a_long_quoted_slogan_is_found() -> None:
    assert texts("“坚决贯彻中央八项规定精神，持之以恒纠治四风问题”") == ["中央八项规定", "四风"]


def test_glossary_is_a_constructor_argument() -> None:
    extractor = FormulationExtractor(glossary={**DEFAULT_FORMULATIONS, "四下基层": "visits"})
    [mention] = formulations("坚持四下基层制度", extractor)
    assert (mention.text, mention.meaning) == ("四下基层", "visits")
    assert formulations("深化纠治四风", FormulationExtractor(glossary={})) == []
    assert formulations("深化纠治四风", FormulationExtractor(glossary={"": "empty"})) == []


def test_extractor_is_a_hashable_value() -> None:
    assert FormulationExtractor() == FormulationExtractor(glossary=dict(DEFAULT_FORMULATIONS))
    assert hash(FormulationExtractor()) == hash(FormulationExtractor())
    assert "terms>" in repr(FormulationExtractor())


def test_quotes_never_cross_lines() -> None:
    assert texts("“两个\n确立”") == []


_ALPHABET = st.sampled_from(
    list('“”"「」‘’、，。·+一二三四五六七八九十百千万两双零0123456789大区业第年月人号G ')
    + list("两个确立四风八项规定中央\n")
)


@given(st.text(_ALPHABET) | st.text())
def test_any_text_gives_spans_that_slice(text: str) -> None:
    for mention in formulations(text):
        assert 0 <= mention.span.start < mention.span.end <= len(text)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text", ["“" + "两" * 1_000_000, "“两" * 500_000, '"两个' * 300_000, "三大攻坚" * 250_000]
)
def test_large_inputs_stay_linear(text: str) -> None:
    with under_the_ceiling():
        formulations(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(repeat("“"), id="curly-quotes"),
        pytest.param(repeat("「"), id="corner-quotes"),
        pytest.param(repeat('"两个'), id="ascii-quotes"),
        pytest.param(repeat("“两"), id="unclosed-quotes"),
        pytest.param(repeat("三大攻坚"), id="n-da"),
        pytest.param(repeat("一"), id="numerals"),
        pytest.param(repeat("两个维护四风"), id="glossary-terms"),
        pytest.param(repeat("二十四风第三大"), id="terms-inside-numbers"),
        pytest.param(repeat("增长2023年“两个维护”《办法》三大攻坚战，"), id="one-line"),
    ],
)
def test_200_kb_adversarial_inputs_stay_linear(text: str) -> None:
    assert_linear(FormulationExtractor(), text)


# -- issue 14: quoted number codes, sets of norms, notes headwords ---------------------------


@pytest.mark.parametrize("code", ["1310", "45432", "11228", "1+2", "10+2"])
def test_quoted_number_codes_are_formulations(code: str) -> None:
    assert texts(f"落实“{code}”发展思路") == [code]


@pytest.mark.parametrize(
    "text",
    [
        "拨打“12345”热线",  # a hotline's number
        "开通“12314”监督举报平台",
        "畅通“12345”政务服务便民热线",
        "迈向“2035”",  # a year
    ],
)
def test_quoted_service_numbers_and_years_are_no_formulations(text: str) -> None:
    assert texts(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("提出八项主张", ["八项主张"]),
        ("坚持和平共处五项原则", ["五项原则"]),
        ("坚持四项基本原则", ["四项基本原则"]),
        ("严守十条禁令", ["十条禁令"]),
        ("遵守三大纪律八项注意", ["三大纪律八项注意"]),
    ],
)
def test_a_numbered_set_of_norms_is_a_formulation(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text", ["实施十项措施", "办好十件民生实事", "第三项原则", "二十项原则", "出台5项规定"]
)
def test_counts_of_things_done_and_ordinals_are_no_sets_of_norms(text: str) -> None:
    assert texts(text) == []


def test_headwords_of_a_notes_list_that_number_something() -> None:
    text = (
        "正文。\n注释：\n[1]七个有之：指搞团团伙伙。\n[2]地区生产总值：按当年价格计算。\n"
        "3.两个确立：……\n①三个区分开来：……\n"
    )
    assert texts(text) == ["七个有之", "两个确立", "三个区分开来"]


def test_headword_lines_before_any_notes_list_are_body_text() -> None:
    assert texts("三个方面：一是加强学习。\n十项措施：全部完成。\n") == []
