"""The serialiser: dumps writes exact numbers and the text, loads gives the report back."""

from __future__ import annotations

import decimal
import enum
import json
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport import LoadError, dumps, loads, serialise
from govreport.model import Mention, Qualifier, Quantity, Region, Report, Span
from govreport.testing import raw_texts, report_texts
from tests.scoring import load_gold
from tests.test_json_exporter import WaterLevel

CORPUS = ["water-bureau-2023", "sichuan-gwr-2026", "yichun-tjgb-2022", "wanzai-tjgb-2015"]


@pytest.mark.parametrize("name", CORPUS)
def test_every_corpus_report_loads_back_equal(name: str) -> None:
    text, _ = load_gold(name)
    report = govreport.parse(text, source=f"{name}.txt")
    written = dumps(report)
    assert loads(written) == report
    assert dumps(loads(written)) == written


@given(st.one_of(raw_texts(), report_texts().map(lambda drawn: drawn[0])))
@settings(max_examples=60, deadline=None)
def test_generated_reports_load_back_equal(text: str) -> None:
    report = govreport.parse(text)
    assert loads(dumps(report)) == report


def test_values_are_written_with_all_their_digits() -> None:
    report = govreport.parse("资金增加1.23456789012345678901万元")
    (quantity,) = json.loads(dumps(report), parse_float=Decimal)["mentions"]
    assert quantity["value"] == Decimal("12345.6789012345678901")
    assert "12345.6789012345678901" in dumps(report)


def test_values_do_not_depend_on_the_callers_decimal_context() -> None:
    text = "资金增加1.23456789012345678901万元，投资123456万元"
    expected = [q.value for q in govreport.parse(text).quantities()]
    with decimal.localcontext() as context:
        context.prec = 4
        values = [q.value for q in govreport.parse(text).quantities()]
    assert values == expected == [Decimal("12345.6789012345678901"), Decimal(1234560000)]


def test_plugin_mention_kinds_load_back() -> None:
    mention = WaterLevel(
        span=Span(0, 8),
        text="水位超过3.5米",
        station="卢沟桥",
        level=Decimal("3.5"),
        bound=Qualifier.OVER,
        readings=(Decimal("3.4"), Decimal(4)),
        where=Span(4, 8),
    )
    report = govreport.Report(text="水位超过3.5米", mentions=(mention,))
    assert loads(dumps(report)) == report
    assert loads(dumps(report), kinds=[WaterLevel]) == report


def test_dump_and_load_files(tmp_path: Path) -> None:
    report = govreport.parse("一、总体情况\n一是完成任务19项。")
    govreport.dump(report, tmp_path / "r.json")
    assert govreport.load(tmp_path / "r.json") == report


def _valid() -> dict[str, object]:
    data: dict[str, object] = json.loads(dumps(govreport.parse("一、总体情况\n完成任务19项。")))
    return data


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: d.update(schema="govreport/0"), "schema"),
        (lambda d: d.pop("text"), "text"),
        (lambda d: d["mentions"][0].update(kind="nothing"), r"mentions\[0\]: unknown mention kind"),
        (lambda d: d["mentions"][0].update(span=[5, 2]), r"mentions\[0\]\.span"),
        (lambda d: d["mentions"][0].update(span=[0, 999]), "past the text's end"),
        (lambda d: d["mentions"][0].update(text="x"), "does not slice"),
        (lambda d: d["mentions"][0].update(value="19"), r"mentions\[0\]\.value"),
        (lambda d: d["mentions"][0].update(qualifier="plenty"), "not a Qualifier"),
        (lambda d: d["outline"][0].pop("title"), r"outline\[0\]: 'title' is missing"),
        (lambda d: d.update(preamble=[1]), "preamble"),
    ],
)
def test_broken_json_is_refused_with_one_line(damage, message: str) -> None:  # type: ignore[no-untyped-def]
    data = _valid()
    damage(data)
    with pytest.raises(LoadError, match=message) as caught:
        loads(json.dumps(data, ensure_ascii=False))
    assert "\n" not in str(caught.value)


def test_text_that_is_not_json_is_refused() -> None:
    with pytest.raises(LoadError, match="not JSON"):
        loads("{")


@pytest.mark.parametrize("name", CORPUS)
def test_one_line_and_indented_are_the_same_json(name: str, tmp_path: Path) -> None:
    report = govreport.parse(load_gold(name)[0])
    compact, laid_out = dumps(report), dumps(report, indent=2)
    assert compact.count("\n") == 1  # the final newline only
    assert json.loads(compact, parse_float=Decimal) == json.loads(laid_out, parse_float=Decimal)
    assert serialise.indented(compact) == laid_out
    govreport.dump(report, tmp_path / "report.json")
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == compact


def test_decimals_without_a_float_of_their_digits_are_written_exactly() -> None:
    # 16.46 goes through json's C encoder as a float; 1e-05 and 28 digits cannot.
    values = ["16.46", "0.00001", "1234567890.123456789012345678"]
    mentions = tuple(
        govreport.Quantity(span=Span(0, 1), text="1", value=Decimal(v), unit=None) for v in values
    )
    report = govreport.Report(text="1", mentions=mentions)
    for indent in (None, 2):
        written = dumps(report, indent=indent)
        assert all(f'"value": {v}' in written for v in values)
        assert loads(written) == report


def test_lone_surrogates_are_escaped_on_one_line_too() -> None:
    report = govreport.parse("完成\ud800任务19项。")
    written = dumps(report)
    assert "\\ud800" in written
    written.encode("utf-8")  # writable
    assert loads(written) == report


class Colour(enum.Enum):
    RED = 1
    BLUE = "blue"


@attrs.frozen
class Pair:
    first: object
    second: object = None


@attrs.frozen(kw_only=True)
class Odd(Mention):
    """A plugin's mention whose fields hold anything the writer takes."""

    kind: ClassVar[str] = "odd"
    first: object = None
    second: object = None


_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.text(max_size=4)
    | st.sampled_from(["\ud800", "a\udfffb", '\n\t"\\', "中文", "\u2028", *Colour, *Qualifier])
    | st.builds(Span, st.integers(0, 4), st.integers(4, 8)),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner) | st.builds(Pair, inner, inner),
    max_leaves=6,
)


@given(st.lists(st.tuples(_VALUES, _VALUES, st.integers(0, 9)), max_size=6))
@settings(max_examples=200, deadline=None)
def test_mentions_are_written_as_their_data_is_encoded(drawn: list[tuple[object, ...]]) -> None:
    text = "一二三四五六七八九十"
    mentions = tuple(
        Odd(span=Span(start, start + 1), text=text[start], first=first, second=second)
        for first, second, start in drawn
    )
    report = Report(text=text, mentions=mentions)
    assert dumps(report) == serialise.encode(serialise.report_to_dict(report), indent=None) + "\n"


@given(report_texts())
@settings(max_examples=100, deadline=None)
def test_outlines_are_written_as_their_data_is_encoded(drawn: tuple[str, object]) -> None:
    report = govreport.parse(drawn[0])
    assert dumps(report) == serialise.encode(serialise.report_to_dict(report), indent=None) + "\n"


def test_a_node_made_by_hand_with_other_values_is_written_as_encoded() -> None:
    from govreport.model import OutlineNode  # noqa: PLC0415

    child = OutlineNode(
        marker="（一）", ordinal=True, style="paren-cn", rank=2, title="x\ud800",
        span=Span(3, 8), title_span=Span(6, 8), marker_span=Span(3, 6),
    )  # fmt: skip
    node = OutlineNode(
        marker="一、", ordinal=1, style="cn-comma", rank=1, title="{总}", span=Span(0, 8),
        title_span=Span(2, 3), marker_span=Span(0, 2), run_in=True, children=(child,),
    )  # fmt: skip
    report = Report(text="一、总\n（一）x\ud800", outline=(node,))
    assert dumps(report) == serialise.encode(serialise.report_to_dict(report), indent=None) + "\n"


def test_mentions_are_written_in_order_whatever_the_report_holds() -> None:
    text = "增长5%和10%"
    first = Quantity(span=Span(2, 4), text="5%", value=Decimal(5), unit="%")
    second = Quantity(span=Span(5, 8), text="10%", value=Decimal(10), unit="%")
    unordered = Report(text=text, mentions=(second, first))
    assert dumps(unordered) == dumps(Report(text=text, mentions=(first, second)))


def test_a_long_text_is_written_in_slices() -> None:
    text = "中" * 200_000 + "\ud800" + "文" * 100_000
    region = Region("notes", Span(0, len(text)), text)
    report = Report(text=text, end_matter=(region,))
    pieces = list(serialise.iter_dumps(report))
    assert max(map(len, pieces)) < 70_000  # neither the text nor its JSON held whole
    assert (
        "".join(pieces) + "\n"
        == serialise.encode(serialise.report_to_dict(report), indent=None) + "\n"
    )
    assert loads("".join(pieces)) == report


@given(
    texts=st.lists(
        st.text(st.sampled_from('{}"\\水库\ud800a'), max_size=6), min_size=1, max_size=3
    ),
    places=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 99)), max_size=20),
)
@settings(max_examples=200)
def test_mentions_held_compactly_are_written_as_each_mention_alone(
    texts: list[str], places: list[tuple[int, int]]
) -> None:
    # A compact store's JSON is its prototypes' written once, the spans put in: braces,
    # quotes and lone surrogates in a prototype's fields must come out as they would alone.
    from array import array  # noqa: PLC0415

    from govreport.model import Term  # noqa: PLC0415
    from govreport.model.store import Mentions  # noqa: PLC0415

    prototypes = [
        Term(span=Span(0, len(text)), text=text, vocabulary="{v}", category='"c"', meaning=text)
        for text in texts
    ]
    held = sorted(
        (start, start + len(texts[n % len(texts)]), n % len(texts)) for start, n in places
    )
    starts = array("q", [start for start, _, _ in held])
    ends = array("q", [end for _, end, _ in held])
    numbers = array("I", [number for _, _, number in held])
    compact = Mentions.placed(prototypes, starts, ends, numbers)
    assert compact.placements() is not None
    report = Report(text="", mentions=compact)
    alone = [serialise.mention_to_dict(mention) for mention in compact]
    assert json.loads(dumps(report))["mentions"] == alone
    assert dumps(report) == dumps(attrs.evolve(report, mentions=tuple(compact)))
