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


# Measure words (量词), by the classes of Chinese grammar, as reports use them (domain §3.6):
# the individual classifiers that name a counted thing's kind, collective and container
# measures, and verbal measures that count events. The extractor's guards keep a classifier
# that starts a longer word (群 of 群众, 队 of 队伍) from being read as one.
_MEASURE_WORDS = (
    # individual classifiers: things, tasks, documents, cases
    "项", "个", "件", "件次", "起", "宗", "例", "桩", "笔", "条", "篇", "份", "部", "册",
    "本", "首", "封", "幅", "种", "类", "款", "样", "门", "道", "面", "方面", "张", "枚",
    "颗", "粒", "块", "根", "支", "副", "把", "盏", "顶", "扇", "位",
    # places, buildings, sites and households
    "座", "处", "所", "户", "套", "间", "栋", "幢", "层", "片", "家", "孔",
    # machines, vehicles and wells
    "台", "台套", "眼", "口", "艘", "辆", "列", "架", "节",
    # animals and plants
    "只", "头", "羽", "匹", "尾", "棵", "株",
    # collective and container measures
    "批", "批次", "组", "群", "队", "对", "双", "箱", "袋", "瓶", "盒", "包",
    "罐", "桶", "标准箱",
    # verbal measures: occurrences, events, sessions, rounds
    "次", "场", "场次", "轮", "期", "届", "堂", "发", "趟", "遍",
    "人次", "户次", "架次", "车次", "班次", "航次", "艘次", "台次", "辆次",
    "分",
)  # fmt: skip
_PERSON_WORDS = ("人", "名", "人口")

_PHYSICAL: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    # name, dimension, base, factor, aliases
    ("元", "currency", "CNY", "1", ("块钱", "圆")),
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
    ("标准箱", "count", "标准箱", "1", ("TEU", "标箱")),
    # trade units of reports
    ("毛钱", "currency", "CNY", "0.1", ("毛",)),
    ("分钱", "currency", "CNY", "0.01", ()),
    ("蒸吨", "steam-capacity", "t/h", "1", ()),  # boilers: tonnes of steam an hour
    ("标准立方米", "volume", "m³", "1", ("标方",)),
    ("车公里", "transport", "vehicle·km", "1", ()),
    ("马力", "power", "W", "735.49875", ()),
    ("海里", "length", "m", "1852", ()),
    ("分贝", "sound-level", "dB", "1", ("dB",)),
    ("比特", "information", "bit", "1", ("bit",)),
    ("字节", "information", "bit", "8", ()),
    ("TB", "information", "bit", "8000000000000", ()),
    ("PB", "information", "bit", "8000000000000000", ()),
    ("Mbps", "data-rate", "bit/s", "1000000", ()),
    ("Gbps", "data-rate", "bit/s", "1000000000", ()),
    # GB 3100-1993 SI base and derived units written in full (their one-character short names,
    # 安 牛 焦 特 …, are words of their own; they are read with a prefix below)
    ("安培", "current", "A", "1", ()),
    ("开尔文", "temperature", "K", "1", ()),
    ("摩尔", "amount", "mol", "1", ()),
    ("坎德拉", "luminous-intensity", "cd", "1", ()),
    ("赫兹", "frequency", "Hz", "1", ()),
    ("牛顿", "force", "N", "1", ()),
    ("帕斯卡", "pressure", "Pa", "1", ("帕",)),
    ("焦耳", "energy", "J", "1", ()),
    ("库仑", "charge", "C", "1", ()),
    ("欧姆", "resistance", "Ω", "1", ()),
    ("特斯拉", "magnetic-flux-density", "T", "1", ()),
    ("流明", "luminous-flux", "lm", "1", ()),
    ("勒克斯", "illuminance", "lx", "1", ()),
    ("贝可勒尔", "activity", "Bq", "1", ()),
    ("戈瑞", "absorbed-dose", "Gy", "1", ()),
    ("希沃特", "dose-equivalent", "Sv", "1", ()),
    ("纳米", "length", "m", "0.000000001", ("nm",)),
    ("微米", "length", "m", "0.000001", ("μm",)),
    ("公吨", "mass", "kg", "1000", ()),
)

# GB 3101-1993 SI prefixes, and the units of GB 3102 reports write them with: 兆瓦, 吉瓦时,
# 千帕, 兆赫, 毫安 …. A prefixed spelling already in the table above keeps its entry there.
_PREFIXES = (
    ("千", "k", "1000"), ("兆", "M", "1000000"), ("吉", "G", "1000000000"),
    ("太", "T", "1000000000000"), ("拍", "P", "1000000000000000"),
    ("毫", "m", "0.001"), ("微", "μ", "0.000001"), ("纳", "n", "0.000000001"),
)  # fmt: skip
_PREFIXED: tuple[tuple[str, str, str, str], ...] = (
    # Chinese short name, symbol, dimension, base
    ("瓦", "W", "power", "W"),
    ("瓦时", "Wh", "energy", "J"),
    ("伏", "V", "voltage", "V"),
    ("伏安", "VA", "apparent-power", "VA"),
    ("乏", "var", "reactive-power", "var"),
    ("帕", "Pa", "pressure", "Pa"),
    ("赫", "Hz", "frequency", "Hz"),
    ("焦", "J", "energy", "J"),
    ("安", "A", "current", "A"),
    ("牛", "N", "force", "N"),
)
_WATT_HOUR = Decimal(3600)  # 1 Wh in J


def _prefixed_units() -> list[Unit]:
    units = []
    for prefix, symbol_prefix, prefix_factor in _PREFIXES:
        for name, symbol, dimension, base in _PREFIXED:
            factor = _d(prefix_factor) * (_WATT_HOUR if name == "瓦时" else 1)
            units.append(Unit(prefix + name, dimension, base, factor, (symbol_prefix + symbol,)))
    return units


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
    units += _prefixed_units()
    return UnitTable({}).extended(units)


DEFAULT_UNITS: UnitTable = _build_default()
"""The built-in unit table (domain reference §3.6 and §3.7, GB 3100–3102)."""
