"""The ``json`` format: the public output contract (``schema: govreport/1``).

The field list is a contract with tools outside the project (``docs`` and the shipped JSON Schema,
:func:`govreport.schema.load_schema`): fields may be added, never renamed or dropped. Mentions are
written generically from their attrs fields, so mention kinds defined by plugins need no code here.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, ClassVar

import attrs

from govreport.exporters.base import Exporter
from govreport.hookspecs import hookimpl
from govreport.model import Mention, OutlineNode, Quantity, Region, Report, Span

SCHEMA = "govreport/1"
"""Value of the top-level ``schema`` key; bumped only for a breaking change."""

_OMITTED_WHEN_NONE: Mapping[type[Mention], frozenset[str]] = {
    Quantity: frozenset({"value_max", "change"}),
}
"""Fields the contract writes only when set; every other None field is written as null."""

_NOT_DATA = frozenset({"unit_info"})
"""Fields derived from others (a unit-table entry), never written even if a subclass compares them."""


def json_number(value: Decimal) -> int | float:
    """``value`` as a JSON number: integral values as exact ints, others as the nearest float."""
    # JSON numbers have no Decimal type. Integral values become exact ints of any size; others the
    # nearest float, whose shortest repr gives back the decimal digits (up to 15 significant).
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _data(value: object, where: str) -> Any:
    """``value`` as JSON data; ``where`` names the field in the error for an unknown type."""
    if isinstance(value, enum.Enum):  # before str: Qualifier and Change are str enums
        return _data(value.value, where)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Span):
        return value.as_list()
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, (tuple, list)):
        return [_data(item, where) for item in value]
    cls = type(value)
    if attrs.has(cls):  # e.g. a value object inside a plugin's mention
        return {name: _data(item, f"{where}.{name}") for name, item in _fields(cls, value)}
    raise TypeError(f"cannot write {where} as JSON: unsupported type {cls.__name__}")


def _fields(cls: type[attrs.AttrsInstance], instance: object) -> Iterator[tuple[str, Any]]:
    """Name and value of each data field of ``instance``, an attrs ``cls``, in declaration order."""
    for field in attrs.fields(cls):
        if field.eq and field.name not in _NOT_DATA:
            yield field.name, getattr(instance, field.name)


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    """One mention as the contract writes it: ``kind``, ``span``, ``text``, then its own fields."""
    omitted = {
        name
        for cls, names in _OMITTED_WHEN_NONE.items()
        if isinstance(mention, cls)
        for name in names
    }
    data: dict[str, Any] = {"kind": mention.kind}
    for name, value in _fields(type(mention), mention):
        if value is None and name in omitted:
            continue
        data[name] = _data(value, f"{mention.kind}.{name}")
    return data


def _node(node: OutlineNode, level: int) -> dict[str, Any]:
    return {
        "marker": node.marker,
        "ordinal": node.ordinal,
        "style": node.style,
        "title": node.title,
        "span": node.span.as_list(),
        "title_span": node.title_span.as_list(),
        "marker_span": node.marker_span.as_list(),
        "rank": node.rank,
        "level": level,
        "run_in": node.run_in,
        "children": [_node(child, level + 1) for child in node.children],
    }


def _span_only(region: Region | None) -> dict[str, Any] | None:
    return None if region is None else {"span": region.span.as_list()}


def _region(region: Region) -> dict[str, Any]:
    return {"kind": region.kind, "span": region.span.as_list(), "text": region.text}


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as the JSON contract's object, keys in contract order, extras last."""
    mentions = sorted(report.mentions, key=lambda m: (m.span.start, m.span.end, m.kind))
    return {
        "schema": SCHEMA,
        "source": report.source,
        "title": report.title,
        "preamble": _span_only(report.preamble),
        "closing": _span_only(report.closing),
        "outline": [_node(node, 1) for node in report.outline],
        "mentions": [mention_to_dict(m) for m in mentions],
        "front_matter": [_region(r) for r in report.front_matter],
        "end_matter": [_region(r) for r in report.end_matter],
        "faults": [attrs.asdict(fault) for fault in report.faults],
        "reader": report.reader,
        "origin": [_data(block, "origin") for block in report.origin],
        "text": report.text,
    }


@attrs.frozen
class JsonExporter:
    """Writes a report as indented UTF-8 JSON following the output contract."""

    name: ClassVar[str] = "json"
    suffix: ClassVar[str] = ".json"
    media_type: ClassVar[str] = "application/json"
    binary: ClassVar[bool] = False

    def export(self, report: Report) -> str:
        """The report's JSON text with a final newline; the same report gives the same text."""
        return contract_json(report, indent=2) + "\n"


def contract_json(report: Report, *, indent: int | None) -> str:
    """The report as contract JSON text (on one line when ``indent`` is None), no final newline."""
    # No sort_keys: dicts are built in a fixed order, which keeps the contract order readable.
    separators = (",", ":") if indent is None else None
    data = report_to_dict(report)
    text = json.dumps(
        data, ensure_ascii=False, indent=indent, separators=separators, allow_nan=False
    )
    # A str may hold lone surrogates (from a JSON scrape, say); written raw they make the
    # output unencodable as UTF-8. As escapes they stay valid JSON and load back exactly.
    return _LONE_SURROGATE.sub(_escape, text)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``json`` format."""
    register(JsonExporter())
