"""Test helpers for govreport and its plugins.

:mod:`govreport.testing.strategies` holds Hypothesis strategies that generate what reports
contain — numerals, units, quantities, heading markers, whole outlines rendered as report text —
and fuzz text, for round-trip and "never crashes" properties.

The strategies are public but young: what they generate may grow between minor versions (new
marker forms, new units), so tests should assert properties, not particular draws.

:func:`check_report` (:mod:`govreport.testing.invariants`) asserts the invariants every parse
keeps, and :func:`check_parse` those and determinism and every export, for fuzzers; :func:`check_source` what a
reader made (its blocks are the text's lines); :mod:`govreport.testing.adversarial` builds texts that have broken parsers before.
"""

from govreport.testing.invariants import check_parse, check_report, check_source
from govreport.testing.strategies import (
    QUANTITY_FORMS,
    TITLE_ALPHABET,
    Marker,
    OutlineModel,
    chinese_numerals,
    markers,
    measure_words,
    outline_trees,
    quantity_texts,
    raw_texts,
    report_texts,
    units,
)

__all__ = [
    "QUANTITY_FORMS",
    "TITLE_ALPHABET",
    "Marker",
    "OutlineModel",
    "check_parse",
    "check_report",
    "check_source",
    "chinese_numerals",
    "markers",
    "measure_words",
    "outline_trees",
    "quantity_texts",
    "raw_texts",
    "report_texts",
    "units",
]
