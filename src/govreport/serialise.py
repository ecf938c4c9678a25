"""The one serialiser: a :class:`~govreport.model.Report` as JSON text and back.

``dumps`` writes the output contract (``schema: govreport/1``, ``docs/output-contract.md``) and
``loads`` rebuilds the report from it, so ``loads(dumps(report)) == report``. Exact values stay
exact: a :class:`~decimal.Decimal` is written as a JSON number made of its own digits, never
through a float, and read back with ``parse_float=Decimal``. Mentions are written and read
generically from their attrs fields and type hints, so mention kinds defined by plugins need
no code here. Every exporter and plugin that needs a report or a mention as data uses this
module.
"""

from __future__ import annotations

import enum
import functools
import inspect
import itertools
import json
import math
import os
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any, cast

import attrs

from govreport.errors import InputError
from govreport.model import Fault, Mention, OutlineNode, Quantity, Region, Report, Span
from govreport.model.store import Mentions
from govreport.reading import read_bytes

SCHEMA = "govreport/1"
"""Value of the top-level ``schema`` key; bumped only for a breaking change."""

_OMITTED_WHEN_NONE: Mapping[type[Mention], frozenset[str]] = {
    Quantity: frozenset({"value_max", "change"}),
}
"""Fields the contract writes only when set; every other None field is written as null."""

_NOT_DATA = frozenset({"unit_info"})
"""Fields derived from others (a unit-table entry), never written even if a subclass compares them."""

_SPAN_REGIONS = ("preamble", "closing")
"""Regions the contract writes as their span alone: their text is the report's at that span."""


class LoadError(InputError):
    """The JSON is not a report this version can read; the message says where and why."""


def decimal_text(value: Decimal) -> str:
    """``value`` as a plain decimal, exact and without an exponent or trailing zeros.

    ``Decimal("5.3E+9")`` → ``5300000000``, ``Decimal("1646000000.00")`` → ``1646000000``,
    ``Decimal("1.990")`` → ``1.99``. No context rounding is involved, so any size stays exact.
    """
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


# -- to data ---------------------------------------------------------------------------------


def _number(value: Decimal) -> int | Decimal:
    # Integral values become ints (the contract's integers); the others stay Decimals, which
    # the encoders write with their own digits.
    return int(value) if value == value.to_integral_value() else value


def _data(value: object, where: str) -> Any:
    """``value`` as JSON data; ``where`` names the field in the error for an unknown type."""
    kind = type(value)
    if kind is str or kind is int or value is None:  # most values: no further call
        return value
    return _converter(kind)(value, where)  # type: ignore[arg-type]


@functools.cache
def _converter(kind: type) -> Callable[[Any, str], Any]:
    """How :func:`_data` turns a value of the type ``kind`` into JSON data: chosen once per
    type, as a report holds hundreds of thousands of values."""
    if issubclass(kind, enum.Enum):  # before str: Qualifier and Change are str enums
        return lambda value, where: _data(value.value, where)
    if issubclass(kind, (bool, int, float, str)):
        return lambda value, where: value
    if issubclass(kind, Span):
        return lambda value, where: [value.start, value.end]
    if issubclass(kind, Decimal):
        return lambda value, where: _number(value)
    if issubclass(kind, (tuple, list)):
        return lambda value, where: [_data(item, where) for item in value]
    if attrs.has(kind):  # e.g. an indicator, or a value object inside a plugin's mention
        plan = _plan(kind)
        return lambda value, where: {
            name: _data(getattr(value, name), label) for name, label, _ in plan
        }

    def unsupported(value: object, where: str) -> None:
        raise TypeError(f"cannot write {where} as JSON: unsupported type {kind.__name__}")

    return unsupported


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, str, bool], ...]:
    """Name, error label and whether it is left out when None, of each data field of the attrs
    ``cls``, in declaration order: worked out once per class, not once per mention."""
    omitted = {
        name
        for kind, names in _OMITTED_WHEN_NONE.items()
        if issubclass(cls, kind)
        for name in names
    }
    label = getattr(cls, "kind", cls.__name__)
    return tuple(
        (field.name, f"{label}.{field.name}", field.name in omitted)
        for field in attrs.fields(cls)
        if field.eq and field.name not in _NOT_DATA
    )


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    """One mention as the contract writes it: ``kind``, ``span``, ``text``, then its own fields.

    Integral numbers are ints and the others :class:`~decimal.Decimal`; :func:`encode` writes
    both exactly.
    """
    data: dict[str, Any] = {"kind": mention.kind}
    cls: type = type(mention)
    for name, where, omitted in _plan(cls):
        value = getattr(mention, name)
        kind = type(value)
        if kind is str or kind is int:  # most values: no call
            data[name] = value
        elif value is not None:
            data[name] = _converter(kind)(value, where)  # type: ignore[arg-type]
        elif not omitted:
            data[name] = None
    return data


def _node(node: OutlineNode, level: int = 1) -> dict[str, Any]:
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


def _node_texts(nodes: Iterable[OutlineNode]) -> Iterator[str]:
    """The one-line JSON of :func:`_node` of each top-level node, written straight from it."""
    return map(_node_text, nodes)


def _node_text(node: OutlineNode, level: int = 1) -> str:
    """:func:`_one_line` of :func:`_node` of ``node``, written straight from it."""
    span, title_span, marker_span = node.span, node.title_span, node.marker_span
    start, end, title_start, title_end = span.start, span.end, title_span.start, title_span.end
    marker_start, marker_end = marker_span.start, marker_span.end
    ordinal, rank, marker, style, title = (
        node.ordinal,
        node.rank,
        node.marker,
        node.style,
        node.title,
    )
    run_in = node.run_in
    # One chain of identity checks: each type(x) is a specialised call, no generator or map.
    if not (
        type(start) is type(end) is type(title_start) is type(title_end) is int
        and type(marker_start) is type(marker_end) is type(ordinal) is type(rank) is int
        and type(marker) is type(style) is type(title) is str
        and type(run_in) is bool
    ):  # a node made by hand with other values: as the encoder writes them
        return _one_line(_node(node, level))
    children = node.children
    inner = ", ".join([_node_text(child, level + 1) for child in children]) if children else ""
    return (
        f'{{"marker": {encode_basestring(marker)}, "ordinal": {ordinal}, '
        f'"style": {encode_basestring(style)}, "title": {encode_basestring(title)}, '
        f'"span": [{start}, {end}], "title_span": [{title_start}, {title_end}], '
        f'"marker_span": [{marker_start}, {marker_end}], "rank": {rank}, '
        f'"level": {level}, "run_in": {"true" if run_in else "false"}, "children": [{inner}]}}'
    )


def _span_only(region: Region | None) -> dict[str, Any] | None:
    return None if region is None else {"span": region.span.as_list()}


def _region(region: Region) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": region.kind, "span": region.span.as_list(), "text": region.text}
    if region.outline:  # written only when there is one: reports without annexes are unchanged
        data["outline"] = [_node(node) for node in region.outline]
    return data


@attrs.frozen
class _Items:
    """A long list of the contract, written item by item."""

    items: Iterable[Any]
    """The model's objects (nodes, mentions, …), in contract order."""
    data: Callable[[Any], Any]
    """An item as JSON data."""
    texts: Callable[[Any], Iterator[str]] | None = None
    """The items' one-line JSON written straight from them, one string an item, where there is
    such a writer (cheaper than their data through the encoder)."""


def _report_items(report: Report) -> list[tuple[str, Any]]:
    """The contract object's keys and values in contract order, extras last; the long lists
    (outline, mentions, origin) as :class:`_Items`, so a writer can write them item by item."""
    return [
        ("schema", SCHEMA),
        ("source", report.source),
        ("title", report.title),
        ("preamble", _span_only(report.preamble)),
        ("closing", _span_only(report.closing)),
        ("outline", _Items(report.outline, _node, _node_texts)),
        ("mentions", _Items(report.mentions.ordered(), mention_to_dict, _mention_texts)),
        ("front_matter", [_region(r) for r in report.front_matter]),
        ("end_matter", [_region(r) for r in report.end_matter]),
        ("faults", [attrs.asdict(fault) for fault in report.faults]),
        ("reader", report.reader),
        ("origin", _Items(report.origin, functools.partial(_data, where="origin"))),
        ("text", report.text),
    ]


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as the JSON contract's object, keys in contract order, extras last."""
    return {
        key: list(map(value.data, value.items)) if isinstance(value, _Items) else value
        for key, value in _report_items(report)
    }


# -- encoding --------------------------------------------------------------------------------

INDENT = 2
"""Spaces a level: :func:`encode`'s default, and the command's for JSON on a terminal."""
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
"""A surrogate code point on its own: a ``str`` may hold one, UTF-8 cannot."""


def _escape_surrogate(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _encode(value: Any, depth: int | None, indent: str, out: list[str]) -> None:
    """Append the JSON of ``value`` to ``out``: laid out as ``json.dumps(indent=…)`` does, by
    ``indent`` a level from ``depth``, or on one line as ``json.dumps()`` does when ``depth`` is
    None."""
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write {value} as a JSON number")
        out.append(decimal_text(value))
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value} as a JSON number")
        out.append(float.__repr__(value))
    elif isinstance(value, (dict, list)):
        opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
        if not value:
            out.append(opening + closing)
            return
        inner = ", " if depth is None else "\n" + indent * (depth + 1)
        first = "" if depth is None else inner
        deeper = None if depth is None else depth + 1
        out.append(opening)
        items = value.items() if isinstance(value, dict) else ((None, item) for item in value)
        for index, (key, item) in enumerate(items):
            separator = first if index == 0 else ("" if depth is None else ",") + inner
            out.append(separator if key is None else separator + encode_basestring(key) + ": ")
            _encode(item, deeper, indent, out)
        out.append(closing if depth is None else "\n" + indent * depth + closing)
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")


def encode(data: Any, *, indent: int | None = INDENT) -> str:
    """JSON text of ``data`` (dicts, lists, str, int, float, Decimal, bool, None), non-ASCII
    written as is and each Decimal as a number of its own digits: indented by ``indent``
    spaces a level, or on one line when ``indent`` is None.

    A str may hold lone surrogates (from a JSON scrape, say); written raw they make the output
    unencodable as UTF-8, so they are written as escapes, which load back exactly.
    """
    out: list[str] = []
    _encode(data, None if indent is None else 0, " " * (indent or 0), out)
    return LONE_SURROGATE.sub(_escape_surrogate, "".join(out))


class _InexactError(Exception):
    """A Decimal no float writes with the same digits: the piece goes to :func:`encode`."""


def _as_float(value: object) -> float:
    """``value``, a Decimal, as the float whose JSON is the Decimal's own digits (16.46 is)."""
    if isinstance(value, Decimal):
        number = float(value)
        if float.__repr__(number) == decimal_text(value):
            return number
    raise _InexactError


def _c_encoder() -> Callable[[Any], str]:
    """json's C encoder, made once with the layout of :func:`encode` with ``indent=None`` (its
    separators); ``json.JSONEncoder.encode`` makes a new one each call, which costs more than
    encoding a mention. Without json's C speed-ups, their pure-Python equivalent."""
    arguments = (None, _as_float, encode_basestring, None, ": ", ", ", False, False, False)
    if c_make_encoder is None:  # pragma: no cover - CPython always has it
        return json.JSONEncoder(
            ensure_ascii=False, check_circular=False, allow_nan=False, default=_as_float
        ).encode
    make = c_make_encoder(*arguments)
    return lambda data: "".join(make(data, 0))


_C_ENCODE = _c_encoder()


def _escaped(text: str) -> str:
    """``text`` with each lone surrogate written as a JSON escape (see :func:`encode`)."""
    try:
        # UTF-16 refuses exactly the surrogates; its codec finds none four times as fast as
        # LONE_SURROGATE.search.
        text.encode("utf-16-le")
    except UnicodeEncodeError:
        return LONE_SURROGATE.sub(_escape_surrogate, text)
    return text


def _one_line(data: Any) -> str:
    """:func:`encode` of ``data`` with ``indent=None``, by json's C encoder when every Decimal in
    it has a float of the same digits (most do: 16.46, 0.5)."""
    try:
        text = _C_ENCODE(data)
    except _InexactError:
        return encode(data, indent=None)
    return _escaped(text)


def _piece(data: Any, depth: int, margin: str | None) -> str:
    """:func:`encode` of ``data`` standing ``depth`` levels deep, indented by ``margin`` a
    level, or on one line (by the C encoder) when ``margin`` is None."""
    if margin is None:
        return _one_line(data)
    out: list[str] = []
    _encode(data, depth, margin, out)
    return LONE_SURROGATE.sub(_escape_surrogate, "".join(out))


# -- one-line JSON straight from the model ---------------------------------------------------


def _text(value: Any, where: str) -> str:
    """The one-line JSON of ``value`` as :func:`_one_line` of :func:`_data` would write it;
    ``where`` names the field in an error."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    return _text_writer(kind)(value, where)  # type: ignore[arg-type]


def _span_text(span: Span, where: str) -> str:
    start, end = span.start, span.end
    if type(start) is int and type(end) is int:
        return f"[{start}, {end}]"
    return f"[{_text(start, where)}, {_text(end, where)}]"


def _decimal_text(value: Decimal, where: str) -> str:
    # As _number through the encoders: an integral value as an int, the others by their digits.
    # str() writes most values without an exponent, as those are: read from it first.
    digits = str(value)
    if digits.isdigit():
        return digits
    whole, point, fraction = digits.partition(".")
    if point and whole.isdigit() and fraction.isdigit():
        return digits.rstrip("0").rstrip(".")
    if not value.is_finite():
        raise ValueError(f"cannot write {where} {value} as a JSON number")
    if value == value.to_integral_value():
        return int.__repr__(int(value))
    return decimal_text(value)


@functools.cache
def _text_writer(kind: type) -> Callable[[Any, str], str]:
    """How :func:`_text` writes a value of the type ``kind``: chosen once per type."""
    if issubclass(kind, enum.Enum):  # before str: Qualifier and Change are str enums
        return lambda value, where: _text(value.value, where)
    if issubclass(kind, Span):
        return _span_text
    if issubclass(kind, Decimal):
        return _decimal_text
    if attrs.has(kind):  # an indicator, or a value object inside a plugin's mention
        return _object_writer(kind, mention=False)
    convert = _converter(kind)  # type: ignore[arg-type]  # the rest (lists, floats, bools …)
    return lambda value, where: _one_line(convert(value, where))


_GENERIC = (str, int, None)
"""The types every field's block tests for (after those its hint declares): most values."""


def _field_block(
    field: tuple[str, str, bool], index: int, hint: Any, mention: bool, namespace: dict[str, Any]
) -> str:
    """The source that writes the value of ``field`` (as :func:`_plan` gives it), the
    ``index``-th written, into ``text{index}``, key included: first the types its ``hint``
    declares, in the hint's order (a field's usual value is found by the first test), then str,
    int and None, then any other type through :func:`_text`'s writer. A Decimal is read from
    ``str()`` first; a span, a bool and an enum's members (written once, here, into
    ``namespace``) are written without a call: the same text :func:`_text` writes."""
    name, where, omitted = field
    key = ("" if index == 0 else ", ") + encode_basestring(name) + ": "
    null = "" if mention and omitted else key + "null"
    if hint is None:  # a field without a hint
        declared: tuple[Any, ...] = ()
    elif typing.get_origin(hint) in (typing.Union, types.UnionType):
        declared = typing.get_args(hint)
    else:
        declared = (hint,)
    order = [None if kind is type(None) else kind for kind in declared]
    order += [kind for kind in _GENERIC if kind not in order]
    target = f"text{index}"
    branches = []
    for number, kind in enumerate(order):
        label = f"kind{index}_{number}"
        if kind is str:
            branches.append(("kind is str", f"{target} = {key!r} + escape(value)"))
        elif kind is int:  # an int's format is its repr
            branches.append(("kind is int", f"{target} = f{_format_literal(key) + '{value}'!r}"))
        elif kind is None:
            branches.append(("value is None", f"{target} = {null!r}"))
        elif kind is bool:
            branches.append(
                ("kind is bool", f"{target} = {key!r} + ('true' if value else 'false')")
            )
        elif kind is Decimal:
            digits = f"digits if digits.isdigit() else decimal(value, {where!r})"
            body = f"digits = str(value)\n        {target} = {key!r} + ({digits})"
            branches.append(("kind is Decimal", body))
        elif kind is Span:
            template = "f" + repr(_format_literal(key) + "[{value.start}, {value.end}]")
            ints = "type(value.start) is int and type(value.end) is int"
            branches.append((f"kind is Span and {ints}", f"{target} = {template}"))
        elif isinstance(kind, type) and issubclass(kind, enum.Enum):
            try:
                texts = {member: key + _text(member.value, where) for member in kind}
            except (TypeError, ValueError):  # a member written only if it ever stands there
                continue
            namespace[label], namespace[f"members_{label}"] = kind, texts
            branches.append((f"kind is {label}", f"{target} = members_{label}[value]"))
        elif isinstance(kind, type) and attrs.has(kind):
            namespace[label] = kind
            branches.append(
                (f"kind is {label}", f"{target} = {key!r} + writer(kind)(value, {where!r})")
            )
    branches.append(("", f"{target} = {key!r} + writer(kind)(value, {where!r})"))
    lines = [f"    value = item.{name}", "    kind = type(value)"]
    for number, (condition, body) in enumerate(branches):
        opening = "else" if not condition else ("if " if number == 0 else "elif ") + condition
        lines += [f"    {opening}:", f"        {body}"]
    return "\n".join(lines) + "\n"


def _constant_kind(cls: type) -> bool:
    """Whether every instance of the mention class ``cls`` reads ``kind`` as the class's own
    str: a plain str attribute of the class, and instances without a ``__dict__`` to shadow it."""
    return cls.__dictoffset__ == 0 and type(inspect.getattr_static(cls, "kind", None)) is str


def _object_writer(cls: type, *, mention: bool) -> Callable[[Any, str], str]:
    """The one-line JSON writer of instances of the attrs ``cls``: of a mention as
    :func:`mention_to_dict` gives it (``kind`` first, fields the contract writes only when set
    left out when None), else of an object as :func:`_data` gives it (every field).

    Its source is generated once per class, one block a field, as attrs generates an
    ``__init__``: a loop over the fields cost twice as much a mention. A field's block writes
    the types its hint declares in place, without a call.
    """
    label = getattr(cls, "kind", cls.__name__)
    fields = [("kind", f"{label}.kind", False)] if mention else []
    fields += [field for field in _plan(cls) if not (mention and field[0] == "kind")]
    try:
        hints = _hints(cls)
    except Exception:  # a plugin's annotations that do not resolve: its fields written generically
        hints = {}
    namespace: dict[str, Any] = {
        "escape": encode_basestring,
        "writer": _text_writer,
        "decimal": _decimal_text,
        "Decimal": Decimal,
        "Span": Span,
    }
    blocks, names = [], []
    for index, field in enumerate(fields):
        if index == 0 and mention and _constant_kind(cls):  # the class's own kind, always
            names.append(_format_literal(f'"kind": {encode_basestring(label)}'))
            continue
        blocks.append(_field_block(field, index, hints.get(field[0]), mention, namespace))
        names.append(f"{{text{index}}}")
    source = (
        "def write(item, where):\n" + "".join(blocks) + f"    return f'{{{{{''.join(names)}}}}}'\n"
    )
    exec(compile(source, f"<json writer of {cls.__qualname__}>", "exec"), namespace)
    return namespace["write"]  # type: ignore[no-any-return]


class _MentionWriters(dict[type, Callable[[Any, str], str]]):
    """The one-line JSON writer of each mention class, generated when first asked for."""

    def __missing__(self, cls: type) -> Callable[[Any, str], str]:
        writer = self[cls] = _object_writer(cls, mention=True)
        return writer


_MENTION_WRITERS = _MentionWriters()


def _mention_text(mention: Mention) -> str:
    """The one-line JSON of :func:`mention_to_dict` of ``mention``, written straight from it."""
    return _MENTION_WRITERS[type(mention)](mention, "")


def _mention_texts(mentions: Sequence[Mention]) -> Iterator[str]:
    """:func:`_mention_text` of each of ``mentions``, a batch at a time (each writer called
    straight from a list comprehension, not through a function a mention). Of mentions held
    compactly, a prototype's JSON is written once, and each of its places is that text with the
    place's span put in: a placed mention is its prototype at another span
    (:class:`~govreport.model.store.Mentions`), and ``span`` is the first field written after
    ``kind``."""
    if isinstance(mentions, Mentions) and (placements := mentions.placements()) is not None:
        templates = list(map(_span_template, mentions.prototypes()))
        if None not in templates:
            starts, ends, numbers = placements
            ready = cast("list[str]", templates)
            return map(str.format, map(ready.__getitem__, numbers), starts, ends)
    writers, iterator = _MENTION_WRITERS, iter(mentions)

    def batch(_: int) -> list[str]:
        return [
            writers[type(mention)](mention, "") for mention in itertools.islice(iterator, _BATCH)
        ]

    return itertools.chain.from_iterable(map(batch, range(0, len(mentions), _BATCH)))


def _span_template(prototype: Mention) -> str | None:
    """The one-line JSON of ``prototype`` as a :meth:`str.format` template of its span's start
    and end, or None when its span is not where it is looked for."""
    text = _mention_text(prototype)
    span = _span_text(prototype.span, "")
    head = f'{{"kind": {encode_basestring(prototype.kind)}, "span": '
    if not text.startswith(head + span):
        return None
    rest = text[len(head) + len(span) :]
    return _format_literal(head) + "[{}, {}]" + _format_literal(rest)


def _format_literal(text: str) -> str:
    """``text`` as a part of a :meth:`str.format` template that stands for itself."""
    return text.replace("{", "{{").replace("}", "}}")


def _long_pieces(data: Any, depth: int = 2) -> Iterator[str]:
    """:func:`_one_line` of ``data`` in pieces: a long string in slices, and lists and dicts
    ``depth`` levels down (a list of regions, a region) item by item, so that neither a long
    string's JSON nor the whole value's is held whole (a 10 MB report's text is 7 MB as a
    str, and its end matter's text may be most of it)."""
    if isinstance(data, str) and len(data) > _SLICE:
        yield '"'
        for start in range(0, len(data), _SLICE):
            yield _escaped(encode_basestring(data[start : start + _SLICE])[1:-1])
        yield '"'
    elif isinstance(data, (list, dict)) and data and depth > 0:
        opening, closing = ("{", "}") if isinstance(data, dict) else ("[", "]")
        items = data.items() if isinstance(data, dict) else ((None, item) for item in data)
        for index, (key, item) in enumerate(items):
            separator = opening if index == 0 else ", "
            yield separator if key is None else separator + encode_basestring(key) + ": "
            yield from _long_pieces(item, depth - 1)
        yield closing
    else:
        yield _one_line(data)


_SLICE = 1 << 16
"""Characters of a long string escaped at a time."""
_BATCH = 500
"""Items of a long list encoded by one call (the pieces stay small, the calls few)."""


def _one_line_items(items: _Items) -> Iterator[str]:
    """The one-line JSON of a long list, a batch of items a piece."""
    yield "["
    separator = ""
    if items.texts is not None:
        texts = items.texts(items.items)
        while batch := list(itertools.islice(texts, _BATCH)):
            yield separator + _escaped(", ".join(batch))
            separator = ", "
    else:
        iterator = iter(items.items)
        while batch := list(itertools.islice(iterator, _BATCH)):
            yield separator + _one_line(list(map(items.data, batch)))[1:-1]
            separator = ", "
    yield "]"


def _indented_items(items: _Items, margin: str) -> Iterator[str]:
    """The JSON of a long list indented by ``margin`` a level, an item a piece."""
    inner = ",\n" + margin * 2
    separator = inner[1:]
    for item in items.items:
        yield separator + _piece(items.data(item), 2, margin)
        separator = inner
    yield "]" if separator == inner[1:] else "\n" + margin + "]"


def iter_dumps(report: Report, *, indent: int | None = None) -> Iterator[str]:
    """The pieces of :func:`dumps` of ``report``, in order: a batch of mentions or a slice of
    a long text a piece, written straight from the report without building its tree of dicts."""
    margin = None if indent is None else " " * indent
    if margin is None:
        opening, separator, closing = "{", ", ", "}"
    else:
        opening, separator, closing = "{\n" + margin, ",\n" + margin, "\n}"
    yield opening
    for index, (key, value) in enumerate(_report_items(report)):
        yield ("" if index == 0 else separator) + encode_basestring(key) + ": "
        if isinstance(value, _Items):
            if margin is None:
                yield from _one_line_items(value)
            else:
                yield "["
                yield from _indented_items(value, margin)
        elif margin is None:
            yield from _long_pieces(value)
        else:
            yield _piece(value, 1, margin)
    yield closing


def dumps(report: Report, *, indent: int | None = None) -> str:
    """The report as the contract's JSON text, with a final newline; deterministic. On one
    line by default, or indented by ``indent`` spaces a level (the same JSON either way)."""
    return "".join(itertools.chain(iter_dumps(report, indent=indent), "\n"))


def indented(text: str | bytes | bytearray, indent: int = INDENT) -> str:
    """The JSON ``text`` laid out again, indented by ``indent`` spaces a level, with a final
    newline: the same JSON (numbers keep their digits), for reading by eye."""
    return encode(json.loads(text, parse_float=Decimal), indent=indent) + "\n"


def dump(report: Report, path: str | os.PathLike[str], *, indent: int | None = None) -> None:
    """Write :func:`dumps` of ``report`` to ``path`` as UTF-8, piece by piece."""
    with Path(path).open("wb") as file:
        file.writelines(piece.encode("utf-8") for piece in iter_dumps(report, indent=indent))
        file.write(b"\n")


# -- loading ---------------------------------------------------------------------------------


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _mention_kinds(extra: Iterable[type[Mention]]) -> dict[str, type[Mention]]:
    """Every mention class by its kind: those given first, then every subclass of Mention
    imported so far (a plugin's kinds are there once its host has loaded it)."""
    found: dict[str, list[type[Mention]]] = {}
    pending: list[type[Mention]] = [Mention]
    while pending:
        cls = pending.pop()
        found.setdefault(cls.kind, []).append(cls)
        pending.extend(cls.__subclasses__())
    kinds = {kind: classes[0] for kind, classes in found.items() if len(classes) == 1}
    kinds.update((cls.kind, cls) for cls in extra)
    return kinds


def _fail(where: str, message: str) -> LoadError:
    return LoadError(f"{where}: {message}")


def _value(hint: Any, data: Any, where: str) -> Any:
    """``data`` read from JSON as a value of the type ``hint``."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if data is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is not type(None):
                try:
                    return _value(option, data, where)
                except LoadError as exc:
                    errors.append(exc)
        raise errors[0] if errors else _fail(where, "expected null")
    if origin is tuple:
        if not isinstance(data, list):
            raise _fail(where, f"expected a list, not {type(data).__name__}")
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(args[0], item, f"{where}[{i}]") for i, item in enumerate(data))
        if len(args) != len(data):
            raise _fail(where, f"expected {len(args)} items, not {len(data)}")
        return tuple(
            _value(a, item, f"{where}[{i}]")
            for i, (a, item) in enumerate(zip(args, data, strict=True))
        )
    if hint is Span:
        if not (isinstance(data, list) and len(data) == 2 and all(_is_int(n) for n in data)):
            raise _fail(where, "a span is a list of two integers")
        try:
            return Span(data[0], data[1])
        except ValueError as exc:
            raise _fail(where, str(exc)) from None
    if hint is Decimal:
        if isinstance(data, Decimal) or _is_int(data):
            return Decimal(data)
        raise _fail(where, f"expected a number, not {type(data).__name__}")
    if hint is float:
        if isinstance(data, Decimal) or _is_int(data):
            return float(data)
        raise _fail(where, f"expected a number, not {type(data).__name__}")
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(data)
        except ValueError:
            raise _fail(where, f"{data!r} is not a {hint.__name__}") from None
    if hint is int:
        if _is_int(data):
            return data
        raise _fail(where, f"expected an integer, not {type(data).__name__}")
    if hint in (str, bool):
        if type(data) is hint:
            return data
        raise _fail(where, f"expected a {hint.__name__}, not {type(data).__name__}")
    if isinstance(hint, type) and attrs.has(hint):
        return _instance(hint, data, where)
    raise _fail(where, f"cannot read a {hint!r}")


def _is_int(data: object) -> bool:
    return isinstance(data, int) and not isinstance(data, bool)


def _instance(cls: type[Any], data: Any, where: str) -> Any:
    """An attrs ``cls`` from its dict; keys it does not know are ignored (fields may be added)."""
    if not isinstance(data, dict):
        raise _fail(where, f"expected an object, not {type(data).__name__}")
    hints = _hints(cls)  # type: ignore[arg-type]
    values: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if not field.init or field.name in _NOT_DATA:
            continue
        if field.name not in data:
            if field.default is attrs.NOTHING:
                raise _fail(where, f"{field.name!r} is missing")
            continue
        values[field.alias or field.name] = _value(
            hints[field.name], data[field.name], f"{where}.{field.name}"
        )
    try:
        return cls(**values)
    except (TypeError, ValueError) as exc:
        raise _fail(where, str(exc)) from None


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise _fail(key, f"expected a list, not {type(value).__name__}")
    return value


def _checked(text: str, where: str, span: Span, written: str | None) -> None:
    if span.end > len(text):
        raise _fail(where, f"span {span.as_list()} lies past the text's end ({len(text)})")
    if written is not None and text[span.start : span.end] != written:
        raise _fail(where, f"span {span.as_list()} does not slice to {written!r}")


def report_from_dict(data: Any, *, kinds: Iterable[type[Mention]] = ()) -> Report:
    """The report a contract object describes; :func:`report_to_dict`'s inverse.

    :param kinds: mention classes for kinds defined outside govreport, if their plugins are
        not imported (a class of a kind given here wins over an imported one).
    :raises LoadError: when ``data`` is not such an object, or a span does not index its text.
    """
    if not isinstance(data, dict):
        raise _fail("report", f"expected an object, not {type(data).__name__}")
    if data.get("schema") != SCHEMA:
        raise _fail("schema", f"expected {SCHEMA!r}, not {data.get('schema')!r}")
    text = data.get("text")
    if not isinstance(text, str):
        raise _fail("text", "the JSON carries no text (written before govreport 0.1's text field?)")
    by_kind = _mention_kinds(kinds)
    mentions = []
    for index, item in enumerate(_list(data, "mentions")):
        where = f"mentions[{index}]"
        kind = item.get("kind") if isinstance(item, dict) else None
        if kind not in by_kind:
            raise _fail(where, f"unknown mention kind {kind!r}")
        mention = _instance(by_kind[kind], item, where)
        _checked(text, where, mention.span, mention.text)
        mentions.append(mention)
    outline = tuple(
        _instance(OutlineNode, item, f"outline[{i}]")
        for i, item in enumerate(_list(data, "outline"))
    )
    for node in (n for top in outline for n in top.walk()):
        _checked(text, f"outline node {node.marker!r}", node.span, None)
        _checked(text, f"outline node {node.marker!r}", node.title_span, node.title)
        _checked(text, f"outline node {node.marker!r}", node.marker_span, node.marker)
    spans: dict[str, Region | None] = {}
    for kind in _SPAN_REGIONS:
        item = data.get(kind)
        if item is not None and not isinstance(item, dict):
            raise _fail(kind, f"expected an object or null, not {type(item).__name__}")
        span = None if item is None else _value(Span, item.get("span"), f"{kind}.span")
        if span is not None:
            _checked(text, kind, span, None)
        spans[kind] = None if span is None else Region(kind, span, text[span.start : span.end])
    matter = {}
    for key in ("front_matter", "end_matter"):
        regions = tuple(_instance(Region, r, f"{key}[{i}]") for i, r in enumerate(_list(data, key)))
        for index, region in enumerate(regions):
            _checked(text, f"{key}[{index}]", region.span, region.text)
        matter[key] = regions
    return Report(
        text=text,
        source=_value(str | None, data.get("source"), "source"),
        reader=_value(str | None, data.get("reader"), "reader"),
        origin=_value(_hints(Report)["origin"], data.get("origin", []), "origin"),
        front_matter=matter["front_matter"],
        preamble=spans["preamble"],
        outline=outline,
        closing=spans["closing"],
        end_matter=matter["end_matter"],
        mentions=tuple(mentions),
        faults=tuple(
            _instance(Fault, f, f"faults[{i}]") for i, f in enumerate(_list(data, "faults"))
        ),
    )


def loads(text: str | bytes, *, kinds: Iterable[type[Mention]] = ()) -> Report:
    """The report whose contract JSON is ``text``: ``loads(dumps(report)) == report``.

    Numbers are read as exact decimals. A quantity's ``unit_info`` (derived data the JSON does
    not carry) is None in the loaded report.

    :param kinds: mention classes for kinds defined outside govreport (see
        :func:`report_from_dict`).
    :raises LoadError: one line saying what is wrong and where.
    """
    try:
        data = json.loads(text, parse_float=Decimal)
    except (ValueError, RecursionError) as exc:
        raise LoadError(f"not JSON: {exc}") from None
    return report_from_dict(data, kinds=kinds)


def load(path: str | os.PathLike[str], *, kinds: Iterable[type[Mention]] = ()) -> Report:
    """:func:`loads` of the UTF-8 file at ``path``."""
    return loads(read_bytes(path), kinds=kinds)
