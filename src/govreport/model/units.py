"""The unit table: measure words and physical units with their dimension and base factor.

Every unit a quantity can carry is listed here once, under the spellings reports use. A unit's
``factor`` converts one of it to the dimension's base unit (公里 → 1000 m, 亩 → 10000/15 m²), so
values written in different units can be compared. Measure words (项, 次, 名 …) are counts: their
base unit is themselves. Plugins add units through :class:`UnitTable.extended`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs


@attrs.frozen
class Unit:
    """One unit or measure word."""

    name: str
    """The unit as reports write it (``立方米``, ``项``, ``%``)."""
    dimension: str
    """What it measures: ``count``, ``currency``, ``length``, ``area``, ``volume``, ``mass`` …"""
    base: str
    """The base unit of its dimension (``m``, ``m²``, ``CNY``); a measure word is its own base."""
    factor: Decimal
    """How many base units one of this unit is."""
    aliases: tuple[str, ...] = ()
    """Other spellings that mean the same unit (``平方千米`` for ``平方公里``)."""

    def to_base(self, value: Decimal) -> Decimal:
        """``value`` of this unit expressed in the base unit."""
        return value * self.factor

    @property
    def is_count(self) -> bool:
        """True for measure words that count things (项, 个, 人次 …)."""
        return self.dimension in ("count", "person")


def _d(text: str) -> Decimal:
    return Decimal(text)


_MEASURE_WORDS = (
    # things, tasks and documents
    "项",
    "个",
    "件",
    "件次",
    "起",
    "宗",
    "家",
    "条",
    "篇",
    "份",
    "部",
    "册",
    "种",
    "类",
    "款",
    "批",
    "批次",
    "轮",
    "期",
    "支",
    # events and occurrences
    "次",
    "场",
    "场次",
    "人次",
    "户次",
    "架次",
    "车次",
    "班次",
    "航次",
    "例",
    # places, buildings and sites
    "座",
    "处",
    "所",
    "户",
    "套",
    "间",
    "栋",
    "幢",
    "层",
    "片",
    # machines, vehicles, animals and plants
    "台",
    "台套",
    "眼",
    "口",
    "艘",
    "辆",
    "列",
    "架",
    "块",
    "根",
    "副",
    "把",
    "张",
    "枚",
    "只",
    "头",
    "羽",
    "匹",
    "棵",
    "株",
    "尾",
    "箱",
    "标准箱",
    "袋",
    "瓶",
    "盒",
    "包",
    "对",
    "双",
    "分",
    "位",
)

_PERSON_WORDS = ("人", "名", "人口")

_PHYSICAL: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    # name, dimension, base, factor, aliases
    ("元", "currency", "CNY", "1", ("块钱",)),
    ("角", "currency", "CNY", "0.1", ()),
    ("美元", "currency", "USD", "1", ()),
    ("欧元", "currency", "EUR", "1", ()),
    ("港元", "currency", "HKD", "1", ("港币",)),
    ("日元", "currency", "JPY", "1", ()),
    ("公里", "length", "m", "1000", ("千米", "km")),
    ("里", "length", "m", "500", ()),
    ("米", "length", "m", "1", ("m",)),
    ("厘米", "length", "m", "0.01", ("cm",)),
    ("毫米", "length", "m", "0.001", ("mm",)),
    ("平方米", "area", "m²", "1", ("m²", "㎡", "m2")),
    ("平方公里", "area", "m²", "1000000", ("平方千米", "km²")),
    ("公顷", "area", "m²", "10000", ()),
    ("千公顷", "area", "m²", "10000000", ()),
    ("亩", "area", "m²", "666.6666666666666666666666667", ()),
    ("顷", "area", "m²", "66666.66666666666666666666667", ()),
    ("立方米", "volume", "m³", "1", ("m³", "㎥", "m3", "方")),
    ("升", "volume", "m³", "0.001", ()),
    ("千升", "volume", "m³", "1", ()),
    ("毫升", "volume", "m³", "0.000001", ("mL", "ml")),
    ("吨", "mass", "kg", "1000", ()),
    ("公斤", "mass", "kg", "1", ("千克", "kg")),
    ("斤", "mass", "kg", "0.5", ()),
    ("克", "mass", "kg", "0.001", ()),
    ("吨标准煤", "energy", "J", "29307600000", ("吨标煤",)),
    ("千瓦", "power", "W", "1000", ("kW",)),
    ("兆瓦", "power", "W", "1000000", ("MW",)),
    ("瓦", "power", "W", "1", ()),
    ("千瓦时", "energy", "J", "3600000", ("度", "kWh")),
    ("千伏", "voltage", "V", "1000", ("kV",)),
    ("伏", "voltage", "V", "1", ()),
    ("千伏安", "apparent-power", "VA", "1000", ("kVA",)),
    ("兆帕", "pressure", "Pa", "1000000", ("MPa",)),
    ("年", "time", "s", "31557600", ()),
    ("个月", "time", "s", "2629800", ()),
    ("周", "time", "s", "604800", ()),
    ("天", "time", "s", "86400", ("日",)),
    ("小时", "time", "s", "3600", ()),
    ("分钟", "time", "s", "60", ()),
    ("个季度", "time", "s", "7889400", ()),
    ("个工作日", "time", "s", "86400", ()),
    ("个星期", "time", "s", "604800", ()),
    ("个小时", "time", "s", "3600", ()),
    ("岁", "age", "岁", "1", ("周岁",)),
    ("PFlops", "compute", "FLOPS", "1000000000000000", ("P", "PF", "PFLOPS")),
    ("EFlops", "compute", "FLOPS", "1000000000000000000", ("EF", "EFLOPS")),
    ("吉瓦", "power", "W", "1000000000", ("GW",)),
    ("太瓦时", "energy", "J", "3600000000000000", ("TWh",)),
    ("秒", "time", "s", "1", ()),
    ("℃", "temperature", "℃", "1", ("摄氏度",)),
    ("%", "ratio", "1", "0.01", ("％",)),
    ("‰", "ratio", "1", "0.001", ()),
    ("个百分点", "percentage-point", "pp", "1", ("百分点",)),
    ("倍", "multiple", "×", "1", ()),
    ("成", "ratio", "1", "0.1", ()),
    ("人公里", "transport", "person·km", "1000", ()),
    ("吨公里", "transport", "t·km", "1000", ()),
    ("微克", "mass", "kg", "0.000000001", ("μg",)),
    ("毫克", "mass", "kg", "0.000001", ("mg",)),
    ("NTU", "turbidity", "NTU", "1", ()),
    ("标准箱", "count", "标准箱", "1", ("TEU",)),
)


ARABIC_ONLY_UNITS = frozenset(
    {"方", "分", "期", "口", "把", "位", "架", "角", "县", "区", "镇", "乡", "村"}
)
"""Unit spellings a Chinese numeral does not take: with 十/三 they form words (十分, 一方面,
三期工程), so only an Arabic number before them makes a quantity."""


def _read_only(units: Mapping[str, Unit]) -> Mapping[str, Unit]:
    return MappingProxyType(dict(units))


@attrs.frozen
class UnitTable:
    """Every known unit, looked up by any of its spellings."""

    units: Mapping[str, Unit] = attrs.field(converter=_read_only)
    """Spelling → unit; every alias maps to its unit too."""

    def __iter__(self) -> Iterator[Unit]:
        seen: set[str] = set()
        for unit in self.units.values():
            if unit.name not in seen:
                seen.add(unit.name)
                yield unit

    def __contains__(self, spelling: object) -> bool:
        return spelling in self.units

    def get(self, spelling: str) -> Unit | None:
        """The unit written ``spelling``, or None."""
        return self.units.get(spelling)

    def extended(self, units: Iterable[Unit]) -> UnitTable:
        """A table with ``units`` added (a plugin's vocabulary); existing spellings win."""
        merged = dict(self.units)
        for unit in units:
            for spelling in (unit.name, *unit.aliases):
                merged.setdefault(spelling, unit)
        return UnitTable(merged)

    @property
    def max_length(self) -> int:
        """Length of the longest spelling, for longest-match scanning."""
        return max((len(s) for s in self.units), default=0)


def _build_default() -> UnitTable:
    units: list[Unit] = [Unit(w, "count", w, _d("1")) for w in _MEASURE_WORDS]
    units += [Unit(w, "person", "人", _d("1")) for w in _PERSON_WORDS]
    units += [Unit(n, dim, base, _d(f), aliases) for n, dim, base, f, aliases in _PHYSICAL]
    return UnitTable({}).extended(units)


DEFAULT_UNITS: UnitTable = _build_default()
"""The built-in unit table (domain reference §3.6 and §3.7)."""
