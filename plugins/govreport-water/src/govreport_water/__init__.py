"""govreport-water: the water-affairs vocabulary for govreport.

A vocabulary is data. This plugin builds one, :data:`WATER`, and registers it; govreport's
built-in vocabulary extractor then reports every term it finds as a ``Term`` mention with
``vocabulary="water"``, a category and, for named things, a subtype::

    >>> import govreport
    >>> report = govreport.parse("完成黄港一库围堤除险加固。")  # with the plugin installed
    >>> [(t.text, t.category, t.subtype) for t in report.find("term")]  # doctest: +SKIP
    [('黄港一库', 'projects', 'reservoir'), ('围堤', 'flood-control', None),
     ('除险加固', 'flood-control', None)]

The data lives in three small modules:

* :mod:`govreport_water.terms`: the terms of each category and the water indicators;
* :mod:`govreport_water.names`: patterns for named works and waters (…水库, …水厂, …河);
* :mod:`govreport_water.units`: flow and concentration units the core lacks (m³/s, mg/L).

The water indicators are also registered as indicator terms (:data:`INDICATOR_TERMS`), so the
indicator linker knows where they end (``向重要河湖湿地生态补水13.86亿立方米`` → ``生态补水``).
"""

from __future__ import annotations

from collections.abc import Callable

import govreport
from govreport.indicators import IndicatorTerm
from govreport.model import Entry, Vocabulary
from govreport_water.names import NAME_PATTERNS
from govreport_water.terms import CATEGORIES, INDICATORS, NAMED
from govreport_water.units import UNITS

__all__ = ["INDICATOR_TERMS", "WATER", "register_indicators", "register_vocabularies"]


def _entries() -> tuple[Entry, ...]:
    """Every term as an entry: the categories, the indicators, then the named works and waters."""
    entries = [Entry(term, category) for category, terms in CATEGORIES.items() for term in terms]
    entries += [
        Entry(term, "indicator", f"usual unit: {unit}") for term, unit in INDICATORS.items()
    ]
    entries += [
        Entry(term, category, subtype=subtype) for term, (category, subtype) in NAMED.items()
    ]
    return tuple(entries)


WATER = Vocabulary(
    name="water",
    kind="term",
    entries=_entries(),
    patterns=NAME_PATTERNS,
    units=UNITS,
    description=(
        "Water affairs: supply, drainage, flood control, rivers and lakes, water resources, "
        "projects and enforcement; water indicators; named reservoirs, plants, rivers and "
        "diversions."
    ),
)
"""The water-affairs vocabulary."""


@govreport.hookimpl
def register_vocabularies(register: Callable[[Vocabulary], None]) -> None:
    """Register :data:`WATER` with govreport."""
    register(WATER)


_SYNONYMS = {
    "管网漏损率": ("供水管网漏损率", "公共供水管网漏损率"),
    "生态补水": ("生态补水量",),
    "调水量": ("调水",),
    "水质合格率": ("供水水质合格率",),
}
"""Other spellings of some water indicators."""

INDICATOR_TERMS = tuple(
    IndicatorTerm(name=name, synonyms=_SYNONYMS.get(name, ())) for name in INDICATORS
)
"""The water indicators, as indicator terms for the linker."""


@govreport.hookimpl
def register_indicators(register: Callable[[IndicatorTerm], None]) -> None:
    """Register the water indicators (:data:`INDICATOR_TERMS`) with the indicator linker."""
    for term in INDICATOR_TERMS:
        register(term)
