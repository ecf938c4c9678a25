"""Properties of the whole parse, driven by the public strategies of ``govreport.testing``.

Round trips: numbers rendered as text read back to their value and unit; outlines rendered as a
report parse back to the same tree. Fuzz: any text parses, and every span slices to its text.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import govreport
from govreport.model import OutlineNode, Span
from govreport.structure.markers import STYLES, match_marker
from govreport.testing import (
    TITLE_ALPHABET,
    check_report,
    chinese_numerals,
    markers,
    measure_words,
    quantity_texts,
    raw_texts,
    report_texts,
)

FAST = settings(max_examples=200, deadline=None)
SLOW = settings(max_examples=3000, deadline=None)


def _outline_dicts(nodes: tuple[OutlineNode, ...]) -> list[dict[str, Any]]:
    """The parsed outline in the form :func:`report_texts` gives the expected one."""
    return [
        {
            "marker": node.marker,
            "ordinal": node.ordinal,
            "title": node.title,
            "children": _outline_dicts(node.children),
        }
        for node in nodes
    ]


# -- numerals round-trip -------------------------------------------------------------------


def _read_one(text: str, value: Decimal, unit: str) -> None:
    """``共<text>。`` holds exactly one quantity: ``text``, with ``value`` and ``unit``."""
    source = f"共{text}。"
    quantities = govreport.parse(source).quantities()
    assert [(q.text, q.value, q.unit) for q in quantities] == [(text, value, unit)]
    [quantity] = quantities
    assert quantity.span == Span(1, 1 + len(text))


@FAST
@given(quantity_texts(forms=("chinese",)))
@example(("两万人", Decimal(20000), "人"))
@example(("十项", Decimal(10), "项"))
def test_chinese_numeral_quantities_read_back(drawn: tuple[str, Decimal, str]) -> None:
    _read_one(*drawn)


@FAST
@given(chinese_numerals(min_value=3), measure_words(chinese_numeral=True))
def test_cn2an_numerals_with_measure_words_read_back(
    numeral: tuple[str, Decimal], word: str
) -> None:
    text, value = numeral
    _read_one(f"{text}{word}", value, word)


@FAST
@given(quantity_texts(forms=("arabic",)))
@example(("1,234.5万元", Decimal("12345000"), "元"))
@example(("３．５万吨", Decimal(35000), "吨"))
@example(("1.2万亿美元", Decimal("1.2E12"), "美元"))
def test_arabic_quantities_read_back(drawn: tuple[str, Decimal, str]) -> None:
    _read_one(*drawn)


@FAST
@given(quantity_texts(forms=("percent",)))
@example(("百分之一", Decimal(1), "%"))
@example(("千分之二", Decimal(2), "‰"))
def test_percent_words_read_back(drawn: tuple[str, Decimal, str]) -> None:
    _read_one(*drawn)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("三万千瓦", Decimal(30000), "千瓦"),
        ("两万千米", Decimal(20000), "千米"),
        ("五十万千瓦时", Decimal(500000), "千瓦时"),
        ("三亿千瓦时", Decimal(300000000), "千瓦时"),
    ],
)
def test_chinese_numeral_before_a_thousand_unit(text: str, value: Decimal, unit: str) -> None:
    # A 千 written right before a unit belongs to the unit (annotation guide); after 万 or 亿
    # it cannot continue the numeral, so these are unambiguous.
    _read_one(text, value, unit)


# -- markers -------------------------------------------------------------------------------


@pytest.mark.parametrize("style", [style.name for style in STYLES])
@settings(max_examples=50, deadline=None)
@given(data=st.data(), title=st.text(TITLE_ALPHABET, min_size=1, max_size=4))
def test_markers_match_their_style_and_ordinal(style: str, data: st.DataObject, title: str) -> None:
    marker = data.draw(markers(style))
    found = match_marker(marker.text + title, 0, standalone=True)
    assert found is not None
    assert (found.style.name, found.ordinal, found.end) == (style, marker.ordinal, len(marker.text))


# -- never crash, spans exact --------------------------------------------------------------


@FAST
@given(raw_texts())
@example("一、\r\n（一）\u3000\n1.5%\u2028①《》“”")
@example("")
def test_any_text_parses_with_exact_spans(text: str) -> None:
    report = govreport.parse(text)
    assert report.text == text
    check_report(report)


@FAST
@given(raw_texts())
@example("完成" + "9" * 5_000 + "项，增长" + "1" * 400 + ".5%")  # beyond int and float printing
@example("一、\ud800标题\n1.5%")  # a lone surrogate
def test_every_installed_exporter_writes_any_report(text: str) -> None:
    host = govreport.default_host()
    report = govreport.parse(text, host=host)
    for name, exporter in host.exporters.items():
        assert exporter.export(report), name
    written = json.loads(host.exporters["json"].export(report))
    assert len(written["mentions"]) == len(report.mentions)


@pytest.mark.slow
@SLOW
@given(raw_texts(max_pieces=200))
def test_any_long_text_parses_with_exact_spans(text: str) -> None:
    check_report(govreport.parse(text))


# -- outlines round-trip -------------------------------------------------------------------


@FAST
@given(report_texts())
def test_outline_round_trips(drawn: tuple[str, list[dict[str, Any]]]) -> None:
    text, expected = drawn
    report = govreport.parse(text)
    assert _outline_dicts(report.outline) == expected
    check_report(report)


@pytest.mark.slow
@SLOW
@given(report_texts(max_depth=5))
def test_deep_outline_round_trips(drawn: tuple[str, list[dict[str, Any]]]) -> None:
    text, expected = drawn
    report = govreport.parse(text)
    assert _outline_dicts(report.outline) == expected
    check_report(report)


@FAST
@given(report_texts(), report_texts(), st.sampled_from(("附件", "附件1", "附件2：", "附表")))
def test_an_annex_has_its_own_outline_and_leaves_the_body_alone(
    body: tuple[str, list[dict[str, Any]]], annex: tuple[str, list[dict[str, Any]]], heading: str
) -> None:
    (body_text, body_outline), (annex_text, annex_outline) = body, annex
    newline = "\r\n" if body_text.endswith("\r\n") else "\n"
    report = govreport.parse(body_text + heading + newline + annex_text)
    assert _outline_dicts(report.outline) == body_outline
    (region,) = report.end_matter
    assert _outline_dicts(region.outline) == annex_outline
    check_report(report)


# -- determinism ---------------------------------------------------------------------------


@FAST
@given(st.one_of(raw_texts(), report_texts().map(lambda drawn: drawn[0])))
def test_parsing_is_deterministic(text: str) -> None:
    assert govreport.parse(text) == govreport.parse(text)
