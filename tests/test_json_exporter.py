"""The ``json`` format: the output contract, the shipped schema and generic mention fields."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any, ClassVar

import attrs
import jsonschema
import pytest

from govreport.corpus.outputs import export_bytes, export_parts
from govreport.errors import InputError
from govreport.exporters.base import Exporter
from govreport.exporters.json import JSON
from govreport.hookspecs import hookimpl
from govreport.host import PluginHost
from govreport.model import (
    DEFAULT_UNITS,
    Change,
    DateMention,
    DocumentTitle,
    Fault,
    Formulation,
    Mention,
    OutlineNode,
    Qualifier,
    Quantity,
    Region,
    Report,
    Span,
)
from govreport.parsing import parse
from govreport.schema import load_schema
from govreport.serialise import encode, loads, mention_to_dict, report_to_dict

TEXT = (
    "水务局2023年工作总结\n"
    "2023年，我们坚持“两个确立”，完成任务19项。\n"
    "一、总体情况\n"
    "一是节约用水53亿立方米，用水量减少1.99%。\n"
    "二是印发《节水条例》，培训34万余人次。\n"
    "下一步，我们将继续努力。\n"
    "附件：名词解释\n"
)


def span(sub: str, after: int = 0) -> Span:
    """The span of the first ``sub`` in TEXT at or after ``after``."""
    start = TEXT.index(sub, after)
    return Span(start, start + len(sub))


def region(kind: str, line: str) -> Region:
    return Region(kind, span(line), line)


def item(marker: str, ordinal: int, clause: str, line: str) -> OutlineNode:
    whole = span(line)
    return OutlineNode(
        marker=marker,
        ordinal=ordinal,
        style="item-shi",
        rank=100,
        title=clause,
        span=whole,
        title_span=span(clause, whole.start),
        marker_span=span(marker, whole.start),
        run_in=True,
    )


def quantity(text: str, value: str, unit: str, **fields: Any) -> Quantity:
    return Quantity(span=span(text), text=text, value=Decimal(value), unit=unit, **fields)


def build_report() -> Report:
    part = span(
        "一、总体情况\n一是节约用水53亿立方米，用水量减少1.99%。\n二是印发《节水条例》，培训34万余人次。\n"
    )
    outline = OutlineNode(
        marker="一、",
        ordinal=1,
        style="cn-comma",
        rank=10,
        title="总体情况",
        span=part,
        title_span=span("总体情况"),
        marker_span=span("一、"),
        children=(
            item(
                "一是",
                1,
                "节约用水53亿立方米，用水量减少1.99%",
                "一是节约用水53亿立方米，用水量减少1.99%。\n",
            ),
            item(
                "二是",
                2,
                "印发《节水条例》，培训34万余人次",
                "二是印发《节水条例》，培训34万余人次。\n",
            ),
        ),
    )
    mentions: list[Mention] = [  # deliberately out of order: the exporter sorts
        quantity("19项", "19", "项"),
        DateMention(span=span("2023年"), text="2023年", value="2023"),
        quantity(
            "53亿立方米",
            "5300000000",
            "立方米",
            multiplier=Decimal(100000000),
            unit_info=DEFAULT_UNITS.get("立方米"),
        ),
        quantity("1.99%", "1.99", "%", change=Change.DECREASE),
        DocumentTitle(span=span("《节水条例》"), text="《节水条例》", title="节水条例"),
        quantity(
            "34万余人次", "340000", "人次", qualifier=Qualifier.OVER, multiplier=Decimal(10000)
        ),
        Formulation(span=span("两个确立"), text="两个确立", quoted=True),
    ]
    return Report(
        text=TEXT,
        source="report.txt",
        front_matter=(region("title", "水务局2023年工作总结"),),
        preamble=region("preamble", "2023年，我们坚持“两个确立”，完成任务19项。\n"),
        outline=(outline,),
        closing=region("closing", "下一步，我们将继续努力。\n"),
        end_matter=(region("attachment", "附件：名词解释\n"),),
        mentions=tuple(mentions),
        faults=(Fault(plugin="water", hook="terms", message="ValueError: boom"),),
    )


@pytest.fixture
def exported() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(JSON.export(build_report()))
    return data


def test_top_level_keys_follow_the_contract(exported: dict[str, Any]) -> None:
    assert list(exported) == [
        "schema",
        "source",
        "title",
        "preamble",
        "closing",
        "outline",
        "mentions",
        "front_matter",
        "end_matter",
        "faults",
        "reader",
        "origin",
        "text",
    ]
    assert exported["schema"] == "govreport/1"
    assert exported["source"] == "report.txt"
    assert exported["title"] == "水务局2023年工作总结"
    assert exported["preamble"] == {
        "span": span("2023年，我们坚持“两个确立”，完成任务19项。\n").as_list()
    }
    assert exported["closing"] == {"span": span("下一步，我们将继续努力。\n").as_list()}
    assert exported["end_matter"] == [
        {
            "kind": "attachment",
            "span": span("附件：名词解释\n").as_list(),
            "text": "附件：名词解释\n",
        }
    ]
    assert exported["faults"] == [
        {"plugin": "water", "hook": "terms", "message": "ValueError: boom"}
    ]


def test_missing_regions_are_null() -> None:
    data = report_to_dict(Report(text=""))
    assert data["title"] is None
    assert data["preamble"] is None
    assert data["closing"] is None
    assert data["outline"] == data["mentions"] == data["front_matter"] == []


def test_outline_nodes(exported: dict[str, Any]) -> None:
    (part,) = exported["outline"]
    assert {k: part[k] for k in ("marker", "ordinal", "style", "title", "level", "rank")} == {
        "marker": "一、",
        "ordinal": 1,
        "style": "cn-comma",
        "title": "总体情况",
        "level": 1,
        "rank": 10,
    }
    first, second = part["children"]
    assert [first["marker"], second["marker"]] == ["一是", "二是"]
    assert first["level"] == 2
    assert first["run_in"] is True
    assert second["children"] == []
    for node in (part, first, second):
        start, end = node["title_span"]
        assert TEXT[start:end] == node["title"]
        start, end = node["marker_span"]
        assert TEXT[start:end] == node["marker"]


def test_mentions_are_sorted_and_slice_the_text(exported: dict[str, Any]) -> None:
    starts = [m["span"][0] for m in exported["mentions"]]
    assert starts == sorted(starts)
    for mention in exported["mentions"]:
        start, end = mention["span"]
        assert TEXT[start:end] == mention["text"]
        assert list(mention)[:3] == ["kind", "span", "text"]


def test_quantity_fields(exported: dict[str, Any]) -> None:
    by_text = {m["text"]: m for m in exported["mentions"]}
    assert by_text["19项"] == {
        "kind": "quantity",
        "span": span("19项").as_list(),
        "text": "19项",
        "value": 19,
        "unit": "项",
        "qualifier": None,
        "multiplier": 1,
        "indicator": None,
        "role": None,
        "period": None,
    }
    # unit_info is derived data and is never written; value_max and change only when set.
    assert "unit_info" not in by_text["53亿立方米"]
    assert "value_max" not in by_text["53亿立方米"]
    assert "change" not in by_text["53亿立方米"]
    assert by_text["1.99%"]["change"] == "decrease"
    assert by_text["34万余人次"]["qualifier"] == "over"


def test_other_kinds(exported: dict[str, Any]) -> None:
    by_kind = {m["kind"]: m for m in exported["mentions"] if m["kind"] != "quantity"}
    assert by_kind["date"]["value"] == "2023"
    assert by_kind["document"]["title"] == "节水条例"
    assert by_kind["formulation"] == {
        "kind": "formulation",
        "span": span("两个确立").as_list(),
        "text": "两个确立",
        "meaning": None,
        "quoted": True,
    }


def test_range_writes_value_max() -> None:
    mention = Quantity(
        span=Span(0, 4), text="3至5年", value=Decimal(3), unit="年", value_max=Decimal(5)
    )
    assert mention_to_dict(mention)["value_max"] == 5


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        ("1.99", "1.99"),
        ("5300000000", "5300000000"),
        ("5.3E+9", "5300000000"),
        ("12.50", "12.5"),
        ("0.001", "0.001"),
        ("-3", "-3"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
        ("12345.6789012345678901", "12345.6789012345678901"),
    ],
)
def test_decimal_values_become_exact_json_numbers(value: str, literal: str) -> None:
    mention = Quantity(span=Span(0, 1), text="x", value=Decimal(value), unit=None)
    written = mention_to_dict(mention)["value"]
    assert written == Decimal(value)
    assert isinstance(written, int) == (Decimal(value) == Decimal(value).to_integral_value())
    assert encode(written) == literal
    exported = JSON.export(Report(text="x", mentions=(mention,)))
    (read,) = json.loads(exported, parse_float=Decimal)["mentions"]
    assert read["value"] == Decimal(value)


def test_text_is_not_escaped_and_ends_with_a_newline() -> None:
    text = JSON.export(build_report())
    assert "水务局2023年工作总结" in text
    assert text.endswith("}\n")


def test_export_is_deterministic() -> None:
    first = JSON.export(build_report())
    assert JSON.export(build_report()) == first
    assert JSON.export(build_report()).encode() == first.encode()


def test_the_pieces_join_to_the_export() -> None:
    report = build_report()
    assert JSON.pieces is not None
    assert "".join(JSON.pieces(report)) == JSON.export(report)
    host = PluginHost(load_entrypoints=False)
    assert export_bytes(JSON, report, host) == JSON.export(report).encode()


def test_a_piece_utf8_cannot_write_is_one_line_with_its_place() -> None:
    surrogate = Exporter(
        name="pieces",
        suffix=".txt",
        media_type="text/plain",
        render=lambda report: "ab\udc80",
        pieces=lambda report: iter(["ab", "c\udc80"]),
    )
    host = PluginHost(load_entrypoints=False)
    host.register(_Exporting(surrogate), name="pieces")
    with pytest.raises(InputError, match="holds U\\+DC80 at character 3, which UTF-8"):
        export_bytes(surrogate, build_report(), host)


class _Exporting:
    def __init__(self, exporter: Exporter) -> None:
        self.exporter = exporter

    @hookimpl
    def register_exporters(self, register: Callable[[Exporter], None]) -> None:
        register(self.exporter)


def test_output_validates_against_the_shipped_schema(exported: dict[str, Any]) -> None:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(exported)
    jsonschema.Draft202012Validator(schema).validate(report_to_dict(Report(text="")))


ANNEX_REPORT = (
    "一、过去一年\n全年生产总值增长。\n二、今年安排\n稳增长。\n"
    "附件1\n2025年十件民生实事\n一、新建学校10所。\n二、新增养老床位500张。\n"
    "附件2\n重点项目表（另附）\n"
)


def test_an_annex_region_writes_its_own_outline_apart_from_the_body() -> None:
    report = parse(ANNEX_REPORT)
    written = JSON.export(report)
    assert loads(written) == report  # the annex outline loads back onto its region
    data = json.loads(written)
    jsonschema.Draft202012Validator(load_schema()).validate(data)
    assert [node["marker"] for node in data["outline"]] == ["一、", "二、"]
    first, second = data["end_matter"]
    assert [(node["marker"], node["title"], node["level"]) for node in first["outline"]] == [
        ("一、", "新建学校10所", 1),
        ("二、", "新增养老床位500张", 1),
    ]
    assert first["outline"][0].keys() == data["outline"][0].keys()  # the body's node shape
    start, end = first["outline"][1]["span"]
    assert ANNEX_REPORT[start:end] == "二、新增养老床位500张。"
    assert "outline" not in second  # no list, no key: reports without annexes write as before


def first_quantity(data: dict[str, Any]) -> dict[str, Any]:
    return next(m for m in data["mentions"] if m["kind"] == "quantity")


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("mentions"),
        lambda d: d.update(schema="govreport/0"),
        lambda d: first_quantity(d).update(qualifier="plenty"),
        lambda d: first_quantity(d).pop("value"),
        lambda d: first_quantity(d).update(value="19"),
        lambda d: d["outline"][0].update(span=[1]),
        lambda d: d["outline"][0]["children"][0].pop("title"),
    ],
)
def test_schema_rejects_broken_output(
    exported: dict[str, Any], damage: Callable[[dict[str, Any]], object]
) -> None:
    damage(exported)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(load_schema()).validate(exported)


def test_schema_qualifiers_match_the_model() -> None:
    quantity_schema = load_schema()["$defs"]["quantity"]["properties"]
    assert set(quantity_schema["qualifier"]["enum"]) == {None, *(q.value for q in Qualifier)}
    assert set(quantity_schema["change"]["enum"]) == {c.value for c in Change}


@attrs.frozen(kw_only=True)
class WaterLevel(Mention):
    """A mention kind a plugin might define."""

    kind: ClassVar[str] = "water-level"

    station: str
    level: Decimal
    bound: Qualifier | None = None
    readings: tuple[Decimal, ...] = ()
    where: Span | None = None
    cache: object = attrs.field(default=None, eq=False)


def test_plugin_mention_kinds_are_written_from_their_fields() -> None:
    mention = WaterLevel(
        span=Span(0, 7),
        text="水位超过3.5米",
        station="卢沟桥",
        level=Decimal("3.5"),
        bound=Qualifier.OVER,
        readings=(Decimal("3.4"), Decimal(4)),
        cache=object(),
    )
    assert mention_to_dict(mention) == {
        "kind": "water-level",
        "span": [0, 7],
        "text": "水位超过3.5米",
        "station": "卢沟桥",
        "level": Decimal("3.5"),
        "bound": "over",
        "readings": [Decimal("3.4"), 4],
        "where": None,
    }
    data = report_to_dict(Report(text="水位超过3.5米", mentions=(mention,)))
    jsonschema.Draft202012Validator(load_schema()).validate(data)


def test_unsupported_field_types_name_the_field() -> None:
    @attrs.frozen(kw_only=True)
    class Odd(Mention):
        kind: ClassVar[str] = "odd"
        payload: object

    with pytest.raises(TypeError, match=r"odd\.payload"):
        mention_to_dict(Odd(span=Span(0, 0), text="", payload={1, 2}))


def test_json_is_registered_as_a_builtin_plugin() -> None:
    host = PluginHost(load_entrypoints=False)
    assert host.exporter("json") == JSON
    assert host.exporter("json").suffix == ".json"
    assert host.exporter("json").media_type == "application/json"


def test_the_parts_join_to_the_export() -> None:
    report = build_report()
    host = PluginHost(load_entrypoints=False)
    parts = list(export_parts(JSON, report, host))
    assert len(parts) > 1  # taken one by one, not as one buffer
    assert b"".join(parts) == JSON.export(report).encode()
