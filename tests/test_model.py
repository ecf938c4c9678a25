"""The report model: spans, line index, report helpers, the unit table and unit conversion."""

from __future__ import annotations

import re
from decimal import Decimal

import attrs
import pytest

import govreport
from govreport.extractors.base import ExtractionContext
from govreport.extractors.quantities import QuantityExtractor
from govreport.model import (
    DEFAULT_UNITS,
    LineIndex,
    OutlineNode,
    Quantity,
    Report,
    Span,
    Term,
    Unit,
    UnitTable,
)
from govreport.model._unchecked import replaced, unchecked
from govreport.model.outline import ITEM_RANK
from govreport.structure import MarkerStyle, parse_structure
from tests.hook_plugin import Plugin

# -- Span ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 4)])
def test_a_span_must_be_a_forward_range_of_offsets(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        Span(start, end)


def test_an_empty_span_is_allowed() -> None:
    empty = Span(3, 3)
    assert len(empty) == 0
    assert empty.slice("abcdef") == ""


def test_span_slice_length_and_list_form() -> None:
    span = Span(2, 6)
    assert span.slice("调水53亿立方米") == "53亿立"
    assert len(span) == 4
    assert span.as_list() == [2, 6]


@pytest.mark.parametrize(
    ("other", "contained", "overlapping"),
    [
        (Span(2, 6), True, True),
        (Span(3, 5), True, True),
        (Span(2, 2), True, False),
        (Span(0, 3), False, True),
        (Span(5, 9), False, True),
        (Span(0, 2), False, False),
        (Span(6, 8), False, False),
    ],
)
def test_span_contains_and_overlaps(other: Span, contained: bool, overlapping: bool) -> None:
    span = Span(2, 6)
    assert span.contains(other) is contained
    assert span.overlaps(other) is overlapping
    assert other.overlaps(span) is overlapping


def test_spans_sort_by_start_then_end() -> None:
    assert sorted([Span(4, 5), Span(1, 9), Span(1, 3)]) == [Span(1, 3), Span(1, 9), Span(4, 5)]


# -- LineIndex -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "offset", "line_col"),
    [
        ("一、综合\n正文。\n", 0, (1, 1)),
        ("一、综合\n正文。\n", 4, (1, 5)),  # the LF ends line 1
        ("一、综合\n正文。\n", 5, (2, 1)),
        ("一、综合\n正文。\n", 7, (2, 3)),
        ("一、综合\r\n正文。\r\n", 4, (1, 5)),  # CR and LF both on line 1
        ("一、综合\r\n正文。\r\n", 5, (1, 6)),
        ("一、综合\r\n正文。\r\n", 6, (2, 1)),
        ("一、综合\r\n正文。\r\n", 8, (2, 3)),
        ("一、综合\r正文。\r", 4, (1, 5)),
        ("一、综合\r正文。\r", 5, (2, 1)),
        ("一、综合\r正文。\r", 9, (3, 1)),
        ("甲\r\n乙\r丙\n丁", 3, (2, 1)),  # mixed line ends
        ("甲\r\n乙\r丙\n丁", 5, (3, 1)),
        ("甲\r\n乙\r丙\n丁", 7, (4, 1)),
        ("", 0, (1, 1)),
    ],
)
def test_line_index_gives_one_based_line_and_column(
    text: str, offset: int, line_col: tuple[int, int]
) -> None:
    assert LineIndex.of(text).line_col(offset) == line_col


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("a\nb\nc", (0, 2, 4)),
        ("a\r\nb\r\nc", (0, 3, 6)),
        ("a\rb\rc", (0, 2, 4)),
        ("a\n\nb", (0, 2, 3)),
    ],
)
def test_line_index_line_starts(text: str, starts: tuple[int, ...]) -> None:
    assert LineIndex.of(text).line_starts == starts


# -- Report ----------------------------------------------------------------------------------

TEXT = (
    "今年完成任务19项。\r\n"
    "一、总体情况\r\n"
    "一是调水53亿立方米。\r\n"
    "二是培训34万余人次。\r\n"
    "二、下一步打算\r\n"
    "（一）节水\r\n"
    "节约用水3万吨。\r\n"
)


def build_report(text: str = TEXT) -> Report:
    structure = parse_structure(text)
    context = ExtractionContext(text=text, units=DEFAULT_UNITS, marker_spans=structure.marker_spans)
    return Report(
        text=text,
        front_matter=structure.front_matter,
        preamble=structure.preamble,
        outline=structure.outline,
        closing=structure.closing,
        end_matter=structure.end_matter,
        mentions=tuple(QuantityExtractor().extract(context)),
    )


def quantity(report: Report, text: str) -> Quantity:
    (found,) = (q for q in report.quantities() if q.text == text)
    return found


def test_walk_visits_every_node_depth_first() -> None:
    report = build_report()
    assert [n.marker for n in report.walk()] == ["一、", "一是", "二是", "二、", "（一）"]


def test_walk_and_outline_path_keep_to_the_body_not_an_annex_outline() -> None:
    text = TEXT + "附件\r\n1.新建学校5所。\r\n2.新建公园3个。\r\n"
    report = build_report(text)
    (annex,) = report.end_matter
    assert [n.marker for n in annex.outline] == ["1.", "2."]
    assert [n.marker for n in report.walk()] == ["一、", "一是", "二是", "二、", "（一）"]
    assert report.outline_path(quantity(report, "5所")) == ()
    assert [q.text for q in report.quantities()][-2:] == ["5所", "3个"]  # no marker number


def test_quantities_and_find() -> None:
    report = build_report()
    texts = ["19项", "53亿立方米", "34万余人次", "3万吨"]
    assert [q.text for q in report.quantities()] == texts
    assert [m.text for m in report.find("quantity")] == texts
    assert [m.text for m in report.find(Quantity)] == texts
    assert list(report.find("date")) == []


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("19项", []),
        ("53亿立方米", ["一、", "一是"]),
        ("34万余人次", ["一、", "二是"]),
        ("3万吨", ["二、", "（一）"]),
    ],
)
def test_outline_path_of_a_mention(text: str, path: list[str]) -> None:
    report = build_report()
    assert [n.marker for n in report.outline_path(quantity(report, text))] == path


def test_outline_path_of_a_span_and_an_offset() -> None:
    report = build_report()
    heading = TEXT.index("总体情况")
    assert [n.marker for n in report.outline_path(heading)] == ["一、"]
    assert [n.marker for n in report.outline_path(Span(heading, heading + 4))] == ["一、"]
    assert report.outline_path(0) == ()


def test_the_offset_just_past_a_part_is_outside_it() -> None:
    report = build_report()
    first = report.outline[0]
    assert TEXT[first.span.end] == "\r"
    assert report.outline_path(first.span.end) == ()


@pytest.mark.parametrize(
    ("text", "line_col"),
    [("19项", (1, 7)), ("53亿立方米", (3, 5)), ("34万余人次", (4, 5)), ("3万吨", (7, 5))],
)
def test_line_col_of_a_mention_on_crlf_text(text: str, line_col: tuple[int, int]) -> None:
    report = build_report()
    found = quantity(report, text)
    assert report.line_col(found) == line_col
    assert report.line_col(found.span) == line_col
    assert report.line_col(found.span.start) == line_col
    assert report.slice(found.span) == text


def test_title_and_regions() -> None:
    report = build_report("2023年工作总结\n2023年，我们完成任务。\n一、总体情况\n正文。\n")
    assert report.title == "2023年工作总结"
    assert report.region("title") is not None
    assert report.region("signature") is None
    assert build_report().title is None


# -- units -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("平方米", "平方米"),
        ("㎡", "平方米"),
        ("m²", "平方米"),
        ("平方千米", "平方公里"),
        ("千米", "公里"),
        ("km", "公里"),
        ("％", "%"),
        ("度", "千瓦时"),
        ("方", "立方米"),
        ("项", "项"),
        ("人次", "人次"),
    ],
)
def test_unit_table_looks_up_every_spelling(spelling: str, name: str) -> None:
    unit = DEFAULT_UNITS.get(spelling)
    assert unit is not None
    assert unit.name == name
    assert spelling in DEFAULT_UNITS


@pytest.mark.parametrize("spelling", ["万元", "立方", "", "GDP"])
def test_unknown_spellings_are_not_units(spelling: str) -> None:
    assert DEFAULT_UNITS.get(spelling) is None
    assert spelling not in DEFAULT_UNITS


def test_iterating_the_table_yields_each_unit_once() -> None:
    names = [unit.name for unit in DEFAULT_UNITS]
    assert len(names) == len(set(names))
    assert {"项", "平方公里", "%"} <= set(names)


def test_extended_adds_units_but_existing_spellings_win() -> None:
    extra = [
        Unit("榀", "count", "榀", Decimal(1)),
        Unit("米", "count", "米", Decimal(1), aliases=("延米",)),
    ]
    table = DEFAULT_UNITS.extended(extra)
    assert table.get("榀") == extra[0]
    assert table.get("延米") == extra[1]
    assert table.get("米") == DEFAULT_UNITS.get("米")
    assert DEFAULT_UNITS.get("榀") is None  # the original table is unchanged


def test_max_length_is_the_longest_spelling() -> None:
    table = UnitTable({"项": Unit("项", "count", "项", Decimal(1))})
    assert table.max_length == 1
    assert UnitTable({}).max_length == 0
    assert DEFAULT_UNITS.max_length == max(len(s) for s in DEFAULT_UNITS.units)


@pytest.mark.parametrize(
    ("spelling", "value", "base", "in_base"),
    [
        ("公里", "1", "m", "1000"),
        ("千米", "9.8", "m", "9800"),
        ("平方公里", "1", "m²", "1000000"),
        ("公顷", "1", "m²", "10000"),
        ("亩", "15", "m²", "10000"),  # 15 亩 = 1 公顷
        ("吨", "1", "kg", "1000"),
        ("%", "99", "1", "0.99"),
        ("千瓦时", "1", "J", "3600000"),
    ],
)
def test_unit_to_base(spelling: str, value: str, base: str, in_base: str) -> None:
    unit = DEFAULT_UNITS.get(spelling)
    assert unit is not None
    assert unit.base == base
    assert unit.to_base(Decimal(value)) == Decimal(in_base)


def test_one_mu_is_a_fifteenth_of_a_hectare() -> None:
    mu = DEFAULT_UNITS.get("亩")
    assert mu is not None
    assert abs(mu.factor - Decimal(10000) / 15) < Decimal("1e-20")


@pytest.mark.parametrize(
    ("spelling", "is_count"),
    [("项", True), ("人次", True), ("人", True), ("元", False), ("%", False)],
)
def test_measure_words_are_counts(spelling: str, is_count: bool) -> None:
    unit = DEFAULT_UNITS.get(spelling)
    assert unit is not None
    assert unit.is_count is is_count


@pytest.mark.parametrize(
    ("sentence", "in_base"),
    [
        ("长9.8公里", "9800"),
        ("长5千米", "5000"),
        ("调水53亿立方米", "5300000000"),
        ("种植30亩", "20000"),
        ("合格率99%以上", "0.99"),
        ("发电3亿千瓦时", "1080000000000000"),
        ("完成19项", "19"),
        ("浓度28.5微克/立方米", "0.0000000285"),
        ("能力10万吨/日", "1157.407407407407407407407407"),
    ],
)
def test_quantity_in_base_unit(sentence: str, in_base: str) -> None:
    (found,) = QuantityExtractor().extract(ExtractionContext(text=sentence, units=DEFAULT_UNITS))
    assert isinstance(found, Quantity)
    assert found.in_base_unit() == Decimal(in_base)


def test_a_quantity_without_unit_info_has_no_base_value() -> None:
    bare = Quantity(span=Span(0, 3), text="19项", value=Decimal(19), unit="项")
    assert bare.in_base_unit() is None


# -- unchecked constructors ------------------------------------------------------------------


@pytest.mark.parametrize(
    "made",
    [
        Span(2, 6),
        OutlineNode(
            marker="（一）",
            ordinal=1,
            style="cn-paren",
            rank=50,
            title="加强管理",
            span=Span(0, 20),
            title_span=Span(3, 7),
            marker_span=Span(0, 3),
            run_in=True,
            children=(),
        ),
        Term(
            span=Span(1, 4),
            text="蓄滞洪",
            vocabulary="water",
            category="flood-control",
            subtype="reservoir",
            meaning="a gloss",
        ),
    ],
    ids=lambda made: type(made).__name__,
)
def test_an_unchecked_constructor_makes_an_equal_object(made: object) -> None:
    # Positional, in declaration order: a reordered field would show here.
    cls = type(made)
    values = [getattr(made, field.name) for field in attrs.fields(cls)]
    copy = unchecked(cls)(*values)
    assert type(copy) is cls
    assert copy == made
    assert hash(copy) == hash(made)
    assert repr(copy) == repr(made)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        copy.text = "x"  # type: ignore[attr-defined]  # still frozen


def test_a_replaced_copy_has_the_given_fields_and_the_others_its_own() -> None:
    span = Span(0, 3)
    made = replaced(Span, ("end",))(span, 5)
    assert (type(made), made) == (Span, Span(0, 5))
    with pytest.raises(TypeError, match="no field"):
        replaced(Span, ("width",))


def test_unchecked_needs_a_slotted_attrs_class() -> None:
    @attrs.frozen(slots=False)
    class Loose:
        value: int

    with pytest.raises(TypeError, match="Loose is not a slotted attrs class"):
        unchecked(Loose)
    with pytest.raises(TypeError):
        unchecked(int)


# -- one definition of item; one walk --------------------------------------------------------


def _node(marker: str, rank: int, style: str, *children: OutlineNode) -> OutlineNode:
    return OutlineNode(
        marker=marker,
        ordinal=1,
        style=style,
        rank=rank,
        title="",
        span=Span(0, 0),
        title_span=Span(0, 0),
        marker_span=Span(0, 0),
        children=children,
    )


@pytest.mark.parametrize(
    ("rank", "style", "item"),
    [(100, "plugin-bullet", True), (120, "x", True), (40, "item-named-badly", False)],
)
def test_an_item_is_a_node_of_item_rank_whatever_its_style(
    rank: int, style: str, item: bool
) -> None:
    assert _node("·", rank, style).is_item is item


def test_a_plugin_style_at_item_rank_parses_as_an_item_and_says_so() -> None:
    bullet = MarkerStyle(
        name="bullet", rank=ITEM_RANK, pattern=re.compile(r"(?P<n>·)"), ordinal=lambda _: 1
    )
    plugin = Plugin(register_heading_styles=lambda register: register(bullet))
    host = govreport.PluginHost(plugins=[plugin], load_entrypoints=False)
    report = govreport.parse("一、总体情况\n·完成任务。\n", host=host)
    (item,) = report.outline[0].children
    assert item.style == "bullet" and item.is_item


def test_places_give_level_and_path_depth_first() -> None:
    tree = (
        _node(
            "一、",
            40,
            "a",
            _node("（一）", 50, "b", _node("1.", 60, "c")),
            _node("（二）", 50, "b"),
        ),
        _node("二、", 40, "a"),
    )
    report = Report(text="", outline=tree)
    assert [(p.node.marker, p.path, p.level) for p in report.places()] == [
        ("一、", (1,), 1),
        ("（一）", (1, 1), 2),
        ("1.", (1, 1, 1), 3),
        ("（二）", (1, 2), 2),
        ("二、", (2,), 1),
    ]
    assert [n.marker for n in report.walk()] == [p.node.marker for p in report.places()]


def test_a_deep_outline_walks_without_recursion() -> None:
    node = _node("x", 40, "a")
    for _ in range(5000):
        node = _node("x", 40, "a", node)
    assert sum(1 for _ in Report(text="", outline=(node,)).walk()) == 5001


def test_pretty_shows_every_part_node_and_mention() -> None:
    report = govreport.parse("一、总体情况\n一是完成任务19项。\n")
    assert report.pretty() == (
        "report source=None reader=None length=18\n"
        "  一、 cn-comma/40 [0, 17) title [2, 6) '总体情况'\n"
        "    一是 item-shi/100 [7, 17) title [9, 16) '完成任务19项'\n"
        "quantity [13, 16) '19项' value=19 unit='项' qualifier=None value_max=None change=None"
        " multiplier=1 indicator=Indicator(text='任务', span=Span(start=11, end=13)) role=actual"
        " period=None\n"
    )
