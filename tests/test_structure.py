"""Structure rules (annotation guide "Outline", domain reference §1 and §2), one test per rule.

Every case drives :func:`parse_structure` and checks that each span it returns slices the text:
node titles and markers, whole parts, and every region.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from govreport.model import OutlineNode, Region
from govreport.structure import STYLES, MarkerStyle, Structure, match_marker, parse_structure
from tests.linear import under_the_ceiling

Shape = tuple[str, int, str, tuple["Shape", ...]]
"""An outline node as (marker, ordinal, title, children)."""


def nodes(structure: Structure) -> Iterator[OutlineNode]:
    for root in structure.outline:
        yield from root.walk()


def parse(text: str) -> Structure:
    """Parse ``text`` and check that every span slices it the way the node or region says."""
    structure = parse_structure(text)
    for node in nodes(structure):
        assert node.marker_span.slice(text) == node.marker
        assert node.title_span.slice(text) == node.title
        assert node.span.start == node.marker_span.start
        assert node.span.contains(node.title_span)
        for child in node.children:
            assert node.span.contains(child.span)
    regions: list[Region | None] = [
        *structure.front_matter,
        structure.preamble,
        structure.closing,
        *structure.end_matter,
    ]
    for region in regions:
        if region is not None:
            assert region.span.slice(text) == region.text
    return structure


def shape(outline: tuple[OutlineNode, ...]) -> tuple[Shape, ...]:
    return tuple((n.marker, n.ordinal, n.title, shape(n.children)) for n in outline)


def part(text: str, first: str, last: str) -> str:
    """``text`` from the first ``first`` to the end of the first ``last`` after it."""
    start = text.index(first)
    return text[start : text.index(last, start) + len(last)]


def only_node(text: str) -> OutlineNode:
    (node,) = parse(text).outline
    return node


# -- markers ---------------------------------------------------------------------------------

LEVEL_1, LEVEL_2, LEVEL_3, LEVEL_4 = "一、综合", "（一）综合", "1.综合", "（1）综合"


@pytest.mark.parametrize(
    ("line", "marker", "ordinal", "canonical"),
    [
        ("一、综合", "一、", 1, LEVEL_1),
        ("一．综合", "一．", 1, LEVEL_1),
        ("一，综合", "一，", 1, LEVEL_1),
        ("一.综合", "一.", 1, LEVEL_1),
        ("十一、综合", "十一、", 11, LEVEL_1),
        ("一 综合", "一 ", 1, LEVEL_1),
        ("01综合", "01", 1, LEVEL_1),
        ("（一）综合", "（一）", 1, LEVEL_2),
        ("(一)综合", "(一)", 1, LEVEL_2),
        ("（一)、综合", "（一)、", 1, LEVEL_2),
        ("(四）综合", "(四）", 4, LEVEL_2),
        ("㈠综合", "㈠", 1, LEVEL_2),
        ("1.综合", "1.", 1, LEVEL_3),
        ("1．综合", "1．", 1, LEVEL_3),
        ("１．综合", "１．", 1, LEVEL_3),
        ("1、综合", "1、", 1, LEVEL_3),
        ("⒈综合", "⒈", 1, LEVEL_3),
        ("1 综合", "1 ", 1, LEVEL_3),
        ("（1）综合", "（1）", 1, LEVEL_4),
        ("(1)综合", "(1)", 1, LEVEL_4),
        ("⑴综合", "⑴", 1, LEVEL_4),
        ("1）综合", "1）", 1, LEVEL_4),
        ("1)综合", "1)", 1, LEVEL_4),
    ],
)
def test_marker_variants_map_to_their_level(
    line: str, marker: str, ordinal: int, canonical: str
) -> None:
    node = only_node(f"前言。\n{line}\n正文。\n")
    assert (node.marker, node.ordinal, node.title) == (marker, ordinal, "综合")
    assert node.rank == only_node(f"前言。\n{canonical}\n正文。\n").rank


@pytest.mark.parametrize(
    ("line", "marker", "ordinal"),
    [
        ("①综合", "①", 1),
        ("⑳综合", "⑳", 20),
        ("㉑综合", "㉑", 21),
        ("㊿综合", "㊿", 50),
        ("A.综合", "A.", 1),
        ("C.综合", "C.", 3),
        ("a.综合", "a.", 1),
        ("⒛综合", "⒛", 20),
        ("⒇综合", "⒇", 20),
        ("第一部分综合", "第一部分", 1),
        ("第二篇综合", "第二篇", 2),
        ("第三章综合", "第三章", 3),
        ("第二节综合", "第二节", 2),
        ("第一条　综合", "第一条", 1),
        ("一是综合", "一是", 1),
        ("三要综合", "三要", 3),
    ],
)
def test_other_marker_styles(line: str, marker: str, ordinal: int) -> None:
    node = only_node(f"前言。\n{line}\n正文。\n")
    assert (node.marker, node.ordinal, node.title) == (marker, ordinal, "综合")


@pytest.mark.parametrize(
    "lines",
    [
        ("第一部分 总则", "第一章 总则", "第一节 总则", "一、总则"),
        ("一、综合", "（一）综合", "1.综合", "（1）综合", "①综合", "A.综合", "一是综合。"),
    ],
)
def test_ranks_order_the_styles_from_outermost_to_innermost(lines: tuple[str, ...]) -> None:
    ranks = [only_node(f"前言。\n{line}\n").rank for line in lines]
    assert ranks == sorted(ranks)
    assert len(set(ranks)) == len(ranks)


@pytest.mark.parametrize(
    ("lines", "markers"),
    [
        (("第一，加强学习。", "第二，强化落实。"), [("第一，", 1), ("第二，", 2)]),
        (("其一，加强学习。", "其二，强化落实。"), [("其一，", 1), ("其二，", 2)]),
        (("一要加强学习。", "二要强化落实。"), [("一要", 1), ("二要", 2)]),
        (
            ("首先，加强学习。", "其次，强化落实。", "再次，推进改革。", "最后，总结提高。"),
            [("首先，", 1), ("其次，", 2), ("再次，", 3), ("最后，", 4)],
        ),
        (("首先，加强学习。", "最后，总结提高。"), [("首先，", 1), ("最后，", 2)]),
    ],
)
def test_paragraph_enumerations_are_items(
    lines: tuple[str, ...], markers: list[tuple[str, int]]
) -> None:
    heading = only_node("一、主要工作\n" + "\n".join(lines) + "\n")
    assert [(item.marker, item.ordinal) for item in heading.children] == markers
    titles = [
        line[len(marker) :].rstrip("。") for line, (marker, _) in zip(lines, markers, strict=True)
    ]
    assert [item.title for item in heading.children] == titles
    # Each paragraph is its item's lead clause alone: no body runs in after it.
    assert all(item.is_item and not item.run_in for item in heading.children)


def test_a_lone_shouxian_starts_no_series() -> None:
    heading = only_node("一、主要工作\n首先，加强学习，提高认识。\n")
    assert heading.children == ()


def test_enumerations_inside_a_paragraph_are_not_items() -> None:
    heading = only_node("一、主要工作\n主要表现在：一是加强领导；二是完善制度。\n")
    assert heading.children == ()


# -- nesting ---------------------------------------------------------------------------------


def test_headings_nest_by_level() -> None:
    text = (
        "前言。\n一、总体要求\n（一）稳定增长\n1.扩大投资\n（1）项目建设\n①重点项目\n②一般项目\n"
        "（2）项目储备\n2.促进消费\n（二）深化改革\n二、重点工作\n"
    )
    structure = parse(text)
    assert shape(structure.outline) == (
        (
            "一、",
            1,
            "总体要求",
            (
                (
                    "（一）",
                    1,
                    "稳定增长",
                    (
                        (
                            "1.",
                            1,
                            "扩大投资",
                            (
                                (
                                    "（1）",
                                    1,
                                    "项目建设",
                                    (("①", 1, "重点项目", ()), ("②", 2, "一般项目", ())),
                                ),
                                ("（2）", 2, "项目储备", ()),
                            ),
                        ),
                        ("2.", 2, "促进消费", ()),
                    ),
                ),
                ("（二）", 2, "深化改革", ()),
            ),
        ),
        ("二、", 2, "重点工作", ()),
    )
    first, second = structure.outline
    assert first.span.slice(text) == part(text, "一、总体要求", "（二）深化改革")
    assert second.span.slice(text) == "二、重点工作"
    assert first.children[0].span.slice(text) == part(text, "（一）", "2.促进消费")


def test_a_document_may_start_at_level_2() -> None:
    structure = parse("（一）工业\n1.扩大投资\n2.促进消费\n（二）农业\n")
    assert shape(structure.outline) == (
        ("（一）", 1, "工业", (("1.", 1, "扩大投资", ()), ("2.", 2, "促进消费", ()))),
        ("（二）", 2, "农业", ()),
    )
    assert structure.preamble is None


def test_items_go_under_the_deepest_heading_and_restart_under_each() -> None:
    text = (
        "一、工业\n（一）投资\n一是扩大投资。\n二是优化结构。\n（二）消费\n一是促进消费。\n"
        "二、农业\n一是稳定粮食生产。\n"
    )
    assert shape(parse(text).outline) == (
        (
            "一、",
            1,
            "工业",
            (
                (
                    "（一）",
                    1,
                    "投资",
                    (("一是", 1, "扩大投资", ()), ("二是", 2, "优化结构", ())),
                ),
                ("（二）", 2, "消费", (("一是", 1, "促进消费", ()),)),
            ),
        ),
        ("二、", 2, "农业", (("一是", 1, "稳定粮食生产", ()),)),
    )


def test_a_part_runs_to_the_next_heading_of_its_level() -> None:
    text = "一、工业\n全年增长5%。\n一是扩大投资。\n投资增长8%。\n二、农业\n粮食增产。\n"
    first, second = parse(text).outline
    assert first.span.slice(text) == part(text, "一、工业", "投资增长8%。")
    # The item's lead clause stands alone on its line: the paragraph after it is its body.
    assert first.children[0].span.slice(text) == "一是扩大投资。\n投资增长8%。"
    assert second.span.slice(text) == "二、农业\n粮食增产。"


# -- item spans: an item owns its body up to the next marker of its rank or an outer one -----


def item_spans(text: str) -> list[str]:
    return [node.span.slice(text) for node in nodes(parse(text)) if node.is_item]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("一是", "二是"),
        ("第一，", "第二，"),
        ("首先，", "其次，"),
        ("其一，", "其二，"),
        ("一要", "二要"),
    ],
)
def test_a_lead_clause_on_its_own_line_owns_the_paragraphs_after_it(
    first: str, second: str
) -> None:
    text = (
        f"一、工业\n{first}扩大有效投资。\n全年投资增长8%。\n新开工项目20个。\n"
        f"{second}促进消费。\n消费增长6%。\n二、农业\n粮食增产。\n"
    )
    assert item_spans(text) == [
        part(text, f"{first}扩大有效投资", "新开工项目20个。"),
        part(text, f"{second}促进消费", "消费增长6%。"),
    ]
    assert not any(node.run_in for node in nodes(parse(text)) if node.is_item)


@pytest.mark.parametrize(
    "lead", ["一是扩大有效投资", "一是扩大有效投资：", "一是扩大投资，优化结构"]
)
def test_a_lead_clause_without_a_full_stop_owns_its_body_too(lead: str) -> None:
    text = f"（一）投资\n{lead}\n全年投资增长8%。\n二是促进消费。消费增长6%。\n"
    assert item_spans(text) == [part(text, lead, "全年投资增长8%。"), "二是促进消费。消费增长6%。"]


def test_a_paragraph_between_two_run_in_items_belongs_to_the_first() -> None:
    text = "一、工业\n一是扩大投资。全年增长8%。\n新开工项目20个。\n二是促进消费。消费增长6%。\n"
    assert item_spans(text) == [
        "一是扩大投资。全年增长8%。\n新开工项目20个。",
        "二是促进消费。消费增长6%。",
    ]


def test_paragraphs_after_the_last_run_in_item_go_back_to_the_heading() -> None:
    # 与此同时 sums up the part, not the last item (a government report's review).
    text = (
        "一、过去一年工作回顾\n一是稳增长。全年增长5%。\n二是防风险。守住底线。\n"
        "与此同时，其他各方面工作取得新进展。\n二、今年工作安排\n正文。\n"
    )
    first = parse(text).outline[0]
    assert [item.span.slice(text) for item in first.children] == [
        "一是稳增长。全年增长5%。",
        "二是防风险。守住底线。",
    ]
    assert first.span.slice(text) == part(text, "一、过去一年工作回顾", "取得新进展。")


@pytest.mark.parametrize(
    "cue", ["各位代表！", "在肯定成绩的同时，我们也清醒看到困难。", "总的来看，困难不少。"]
)
def test_a_closing_cue_after_the_last_lead_clause_item_goes_back_to_the_heading(cue: str) -> None:
    text = f"一、回顾\n一是稳增长。\n全年增长5%。\n{cue}\n成绩来之不易。\n二、安排\n正文。\n"
    first = parse(text).outline[0]
    assert [item.span.slice(text) for item in first.children] == ["一是稳增长。\n全年增长5%。"]
    assert first.span.slice(text) == part(text, "一、回顾", "成绩来之不易。")


def test_a_closing_cue_between_two_items_stays_in_the_first() -> None:
    text = "一、安排\n一是稳增长。\n下一步，继续扩大投资。\n二是促消费。\n正文。\n"
    assert item_spans(text) == ["一是稳增长。\n下一步，继续扩大投资。", "二是促消费。\n正文。"]


def test_a_heading_below_ends_an_item_and_so_does_a_heading_of_an_outer_rank() -> None:
    text = (
        "一、工业\n（一）投资\n一是扩大投资。\n增长8%。\n（二）消费\n一是促进消费。\n"
        "增长6%。\n1.汽车\n增长3%。\n二、农业\n正文。\n"
    )
    assert item_spans(text) == ["一是扩大投资。\n增长8%。", "一是促进消费。\n增长6%。"]


def test_the_closing_ends_the_body_of_a_lead_clause_item() -> None:
    text = "一、主要工作\n一是加强学习。\n全年学习20次。\n下一步，我们将继续努力。\n"
    structure = parse(text)
    assert structure.closing is not None
    assert structure.closing.text == "下一步，我们将继续努力。"
    assert item_spans(text) == ["一是加强学习。\n全年学习20次。"]


# -- titles ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "title", "run_in"),
    [
        ("一、强化政治思想引领，坚定拥护“两个确立”", "强化政治思想引领，坚定拥护“两个确立”", False),
        ("一、总体要求。", "总体要求", False),
        ("一、 综合 ", "综合", False),
        ("第一部分　总体要求", "总体要求", False),
        ("（一）稳定经济增长。今年以来，经济运行良好。", "稳定经济增长", True),
        ("（二）扩大有效投资：全年完成投资5亿元。", "扩大有效投资", True),
        ("（三）加强组织领导；成立领导小组。", "加强组织领导", True),
        (
            "一是把准政治方向，坚决落实部署。把党的建设摆在首位。",
            "把准政治方向，坚决落实部署",
            True,
        ),
        ("一是加强领导；二是完善制度。", "加强领导", True),
        ("一是加强领导，完善制度", "加强领导，完善制度", False),
        ("一是加强领导。", "加强领导", False),
        ("一是加强领导：", "加强领导", False),
    ],
)
def test_titles(line: str, title: str, run_in: bool) -> None:
    node = only_node(f"前言。\n{line}\n")
    assert (node.title, node.run_in) == (title, run_in)


@pytest.mark.parametrize(
    "line",
    [
        "5.5%左右的增长目标，是综合考虑的。",
        "1.5万人参加了培训。",
        "1.5万人参加培训",
        "2、3月份降水偏少。",
        "2023年，全市经济平稳运行。",
        "15个重点项目全部开工",
    ],
)
def test_a_line_starting_with_a_quantity_is_no_heading(line: str) -> None:
    (heading,) = parse(f"一、综合\n{line}\n").outline
    assert heading.children == ()


# -- front matter, preamble and closing ------------------------------------------------------

GOVERNMENT_REPORT = (
    "2024年政府工作报告\n"
    "——2024年1月X日在*市第十七届人民代表大会第四次会议上\n"
    "市长 XXX\n"
    "各位代表：\n"
    "现在，我代表市人民政府，向大会报告工作，请予审议。\n"
    "过去一年，我们攻坚克难。\n"
    "一、2023年工作回顾\n"
    "一是经济稳步增长。全年增长5%。\n"
    "二是民生持续改善。下一步，继续努力。\n"
    "二、2024年工作安排\n"
    "一是扩大投资。\n"
    "二是促进消费。\n"
    "在总结成绩的同时，我们也清醒认识到还存在一些问题。\n"
    "下一步，我们将继续努力。\n"
)


def test_front_matter_of_a_government_report() -> None:
    structure = parse(GOVERNMENT_REPORT)
    assert [(r.kind, r.text) for r in structure.front_matter] == [
        ("title", "2024年政府工作报告"),
        ("subtitle", "——2024年1月X日在*市第十七届人民代表大会第四次会议上"),
        ("speaker", "市长 XXX"),
        ("salutation", "各位代表："),
    ]


def test_a_subtitle_without_dashes_ends_with_huiyi_shang() -> None:
    text = (
        "2026年四川省人民政府工作报告\n2026年2月3日在四川省第十四届人民代表大会第五次会议上\n"
        "四川省人民政府省长 施小琳\n各位代表：\n现在，我代表省人民政府。\n一、回顾\n正文。\n"
    )
    kinds = [r.kind for r in parse(text).front_matter]
    assert kinds == ["title", "subtitle", "speaker", "salutation"]


def test_front_matter_of_a_statistical_bulletin() -> None:
    text = (
        "万载县2015年国民经济和社会发展统计公报\r\n（2016年3月1日）\r\n万载县统计局\r\n\r\n"
        "2015年，全县人民攻坚克难。\r\n一、综合\r\n正文。\r\n"
    )
    structure = parse(text)
    assert [(r.kind, r.text) for r in structure.front_matter] == [
        ("title", "万载县2015年国民经济和社会发展统计公报"),
        ("date", "（2016年3月1日）"),
        ("byline", "万载县统计局"),
    ]
    assert structure.preamble is not None
    assert structure.preamble.text == "2015年，全县人民攻坚克难。"


def test_the_preamble_runs_from_after_the_front_matter_to_the_first_heading() -> None:
    structure = parse(GOVERNMENT_REPORT)
    assert structure.preamble is not None
    assert structure.preamble.kind == "preamble"
    assert (
        structure.preamble.text
        == "现在，我代表市人民政府，向大会报告工作，请予审议。\n过去一年，我们攻坚克难。"
    )


def test_a_report_without_front_matter_starts_with_its_preamble() -> None:
    text = "2023年，市水务局党组坚持以习近平新时代中国特色社会主义思想为指导。\n一、强化政治引领\n正文。\n"
    structure = parse(text)
    assert structure.front_matter == ()
    assert structure.preamble is not None
    assert structure.preamble.span.start == 0
    assert structure.preamble.text == text.splitlines()[0]


def test_the_closing_follows_the_last_part_and_ends_it() -> None:
    text = GOVERNMENT_REPORT
    structure = parse(text)
    assert structure.closing is not None
    assert structure.closing.text == part(text, "在总结成绩的同时", "我们将继续努力。")
    last = structure.outline[-1]
    assert last.span.slice(text) == part(text, "二、2024年工作安排", "二是促进消费。")
    assert last.children[-1].span.slice(text) == "二是促进消费。"


def test_closing_words_inside_an_earlier_part_are_no_closing() -> None:
    text = "一、主要工作\n下一步，我们将持续推进。\n二、压实责任\n正文。\n"
    structure = parse(text)
    assert structure.closing is None
    assert structure.outline[0].span.slice(text) == "一、主要工作\n下一步，我们将持续推进。"


@pytest.mark.parametrize(
    "closing",
    [
        "下一步，我们将继续努力。",
        "在总结成绩的同时，我们也清醒认识到还存在一些问题。",
        "各位代表！新的一年，让我们团结一心。",
    ],
)
def test_closing_cues(closing: str) -> None:
    text = f"一、主要工作\n一是加强学习。\n二是强化落实。\n{closing}\n"
    structure = parse(text)
    assert structure.closing is not None
    assert structure.closing.text == closing


def test_the_body_of_a_last_next_steps_part_is_no_closing() -> None:
    text = "一、主要工作\n正文。\n二、2024年工作思路\n下一步，我们将坚持稳中求进。\n"
    structure = parse(text)
    assert structure.closing is None
    assert structure.outline[-1].span.slice(text) == part(text, "二、", "稳中求进。")


# -- end matter ------------------------------------------------------------------------------

BULLETIN = (
    "一、综合\n全年生产总值2313亿元。\n二、农业\n全年粮食产量50万吨。\n"
    "名词解释\n1.地区生产总值：指所有常住单位的生产成果。\n2.城镇化率：指城镇人口的比重。\n"
    "注释：\n1.本公报数据为初步统计数。\n2.增长速度按不变价格计算。\n"
    "资料来源：\n本公报中财政数据来自市财政局。\n"
    "附件：1.统计表\n"
)


def test_end_matter_regions() -> None:
    structure = parse(BULLETIN)
    assert [(r.kind, r.text) for r in structure.end_matter] == [
        ("glossary", part(BULLETIN, "名词解释", "城镇人口的比重。")),
        ("notes", part(BULLETIN, "注释：", "不变价格计算。")),
        ("sources", part(BULLETIN, "资料来源：", "来自市财政局。")),
        ("attachment", "附件：1.统计表"),
    ]


def test_glossary_and_notes_items_are_no_outline_nodes() -> None:
    structure = parse(BULLETIN)
    assert [(n.marker, n.title) for n in nodes(structure)] == [("一、", "综合"), ("二、", "农业")]
    assert structure.outline[-1].span.slice(BULLETIN) == "二、农业\n全年粮食产量50万吨。"


def test_a_trailing_signature_line_is_end_matter() -> None:
    text = "一、综合\n全年生产总值。\n二、农业\n粮食增产。\n\n\u3000\u3000（万载县统计局）\n"
    structure = parse(text)
    assert [(r.kind, r.text) for r in structure.end_matter] == [("signature", "（万载县统计局）")]
    assert structure.outline[-1].span.slice(text) == "二、农业\n粮食增产。"


def test_an_issuer_and_date_signature_is_end_matter() -> None:
    text = "一、主要工作\n正文。\n二、下一步打算\n正文。\n中共*市水务局党组\n2024年1月5日\n"
    structure = parse(text)
    assert [(r.kind, r.text) for r in structure.end_matter] == [
        ("signature", "中共*市水务局党组"),
        ("signature", "2024年1月5日"),
    ]
    assert structure.outline[-1].span.slice(text) == "二、下一步打算\n正文。"


def test_a_note_on_the_same_line_as_zhu_is_end_matter() -> None:
    text = (
        "一、综合\n全年生产总值2313亿元。\n"
        "注：本公报中数据均为初步统计数，部分数据因四舍五入的原因，存在总计与分项合计不等的情况。\n"
        "1.规模以上工业统计范围为年主营业务收入2000万元及以上的工业企业。\n"
    )
    structure = parse(text)
    assert [r.kind for r in structure.end_matter] == ["notes"]
    assert structure.outline[0].children == ()


# -- text layout -----------------------------------------------------------------------------

LINES = (
    "前言。",
    "一、综合",
    "全年生产总值。",
    "（一）工业",
    "一是扩大投资。",
    "二是促进消费。",
    "二、农业",
    "粮食增产。",
)


@pytest.mark.parametrize(
    ("newline", "indent"),
    [
        ("\n", ""),
        ("\r\n", ""),
        ("\r", ""),
        ("\n", "\u3000\u3000"),
        ("\r\n", "\u3000\u3000"),
        ("\n\n", ""),
        ("\r\n\r\n", "\u3000\u3000"),
        ("\u2028", ""),
        ("\x85", "\u3000"),
        ("\x0c\n", ""),
    ],
)
def test_line_ends_and_indents_keep_exact_spans(newline: str, indent: str) -> None:
    text = newline.join(indent + line for line in LINES) + newline
    structure = parse(text)
    assert shape(structure.outline) == (
        (
            "一、",
            1,
            "综合",
            (("（一）", 1, "工业", (("一是", 1, "扩大投资", ()), ("二是", 2, "促进消费", ()))),),
        ),
        ("二、", 2, "农业", ()),
    )
    first, second = structure.outline
    assert first.span.slice(text) == part(text, "一、综合", "促进消费。")
    assert second.span.slice(text) == part(text, "二、农业", "粮食增产。")
    assert structure.preamble is not None
    assert structure.preamble.text == "前言。"
    assert structure.marker_spans == tuple(n.marker_span for n in nodes(structure))


@pytest.mark.parametrize("separator", ["\x1c", "\x1d", "\x1e"])
def test_file_separators_end_no_line(separator: str) -> None:
    # str.splitlines breaks at U+001C to U+001E; the structure parser does not.
    structure = parse(f"一、综合{separator}续\n二、农业\n")
    assert shape(structure.outline) == (
        ("一、", 1, f"综合{separator}续", ()),
        ("二、", 2, "农业", ()),
    )


def test_plugin_styles_are_tried_whatever_their_first_character() -> None:
    # Neither pattern says plainly which character it starts with: a look-ahead comes first,
    # or case is ignored. Both are still tried, in their place after the built-in styles.
    ahead = MarkerStyle("ahead", 45, re.compile(r"(?=[甲乙])(?P<n>[甲乙])、"), "甲乙".index)
    latin = MarkerStyle("roman", 45, re.compile(r"(?P<n>i+)\)", re.IGNORECASE), len)
    styles = (*STYLES, ahead, latin)
    structure = parse_structure("乙、总则\nII) 分则\n", styles=styles)
    assert [(n.style, n.ordinal, n.title) for n in structure.outline] == [
        ("ahead", 1, "总则"),
        ("roman", 2, "分则"),
    ]
    match = match_marker("II) 分则", 0, standalone=False, styles=styles)
    assert match is not None
    assert (match.style.name, match.end, match.ordinal) == ("roman", 3, 2)
    assert match_marker("甲、总则", 0, standalone=False) is None  # not a built-in style


def _repeat(unit: str, size: int = 200_000) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(_repeat("1. 标题\n"), id="headings"),
        pytest.param(_repeat("一、标题\n"), id="cn-headings"),
        pytest.param("一、总则\n" + _repeat("第一，做事\n"), id="di-items"),
        pytest.param("一、总则\n" + _repeat("最后，做事\n"), id="zuihou-items"),
        pytest.param("正文。\n" + _repeat("某某市人民政府\n"), id="signatures"),
        pytest.param(_repeat("一、标题。正文" * 20 + "\n"), id="run-in-headings"),
        pytest.param(_repeat("增长2023年“两个维护”《办法》一是，"), id="one-line"),
        pytest.param(_repeat("\u3000"), id="spaces"),
        pytest.param(_repeat("\r\n"), id="line-ends"),
        pytest.param(_repeat("一"), id="numerals"),
    ],
)
def test_200_kb_adversarial_inputs_take_well_under_a_second(text: str) -> None:
    with under_the_ceiling():
        structure = parse_structure(text)
    assert all(node.span.end <= len(text) for node in structure.outline)


# -- titles letter-spaced or split across lines (issue 14, class 4) ------------------------


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        ("政 府 工 作 报 告", "政 府 工 作 报 告"),
        (
            "政\u3000府\u3000工\u3000作\u3000报\u3000告",
            "政\u3000府\u3000工\u3000作\u3000报\u3000告",
        ),
        ("统 计 公 报", "统 计 公 报"),
        ("政府工作报\n告", "政府工作报\n告"),
        ("政府工\n作报告", "政府工\n作报告"),
        ("2023年国民经济和社会发展统计公\n报", "2023年国民经济和社会发展统计公\n报"),
        ("政府工作报告", "政府工作报告"),
    ],
)
def test_titles_letter_spaced_or_split_across_lines(lines: str, title: str) -> None:
    structure = parse(f"{lines}\n市长 XXX\n各位代表：\n现在，我代表市人民政府报告工作。\n")
    assert [(r.kind, r.text) for r in structure.front_matter] == [
        ("title", title),
        ("speaker", "市长 XXX"),
        ("salutation", "各位代表："),
    ]
    assert structure.preamble is not None
    assert structure.preamble.text == "现在，我代表市人民政府报告工作。"


@pytest.mark.parametrize(
    "text",
    [
        "政府工\n作为民服务。\n",  # the second line is a sentence
        "关于加强\n管理\n正文。\n",  # no kind word at all
    ],
)
def test_lines_that_make_no_title(text: str) -> None:
    assert [r.kind for r in parse(text).front_matter] == []


# -- page chrome after the report (issue 14, class 3) ---------------------------------------


@pytest.mark.parametrize(
    "chrome",
    [
        "扫一扫在手机打开当前页",
        "【关闭窗口】",
        "相关报道：",
        "发表时间：2024-01-05 来源：市政府办 阅读量：1234",
        "【字体：大 中 小】",
        "上一篇：关于某某的通知",
        "本作品是中华人民共和国的\n法律\n、\n法规\n，属于\n公有领域\n。",
    ],
)
def test_page_chrome_after_the_closing_is_end_matter(chrome: str) -> None:
    text = f"一、回顾\n正文。\n各位代表！\n让我们团结奋斗。\n{chrome}\n打印本页\n"
    structure = parse(text)
    assert structure.closing is not None
    assert structure.closing.text == "各位代表！\n让我们团结奋斗。"
    assert [r.kind for r in structure.end_matter] == ["chrome"]
    assert structure.end_matter[0].text == part(text, chrome.partition("\n")[0], "打印本页")


def test_chrome_before_notes_and_after_the_last_part() -> None:
    text = "一、回顾\n正文。\n二、安排\n正文。\n关闭窗口\n注：数据为初步统计。\n"
    structure = parse(text)
    assert [r.kind for r in structure.end_matter] == ["chrome", "notes"]
    assert structure.outline[-1].span.slice(text) == "二、安排\n正文。"


def test_chrome_words_before_the_last_heading_stay_in_the_body() -> None:
    text = "一、回顾\n相关报道：全年增长5%。\n二、安排\n正文。\n"
    structure = parse(text)
    assert structure.end_matter == ()
    assert structure.outline[0].span.slice(text) == "一、回顾\n相关报道：全年增长5%。"
