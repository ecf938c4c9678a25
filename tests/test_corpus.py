"""The four real reports in tests/data: figures against their gold, and outlines pinned as golden files.

Set GOVREPORT_UPDATE_GOLDEN=1 to rewrite tests/golden/*.outline.txt after checking the change by hand.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import govreport
from govreport.model import OutlineNode, Region, Report
from tests.scoring import INDICATOR_FLOORS, load_gold, score

CORPUS = ["water-bureau-2023", "sichuan-gwr-2026", "yichun-tjgb-2022", "wanzai-tjgb-2015"]
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module", params=CORPUS)
def parsed(request: pytest.FixtureRequest) -> tuple[str, Report, dict[str, object]]:
    text, gold = load_gold(request.param)
    return request.param, govreport.parse(text, source=f"{request.param}.txt"), gold


def test_outline_matches_gold_exactly(parsed: tuple[str, Report, dict[str, object]]) -> None:
    _, report, gold = parsed
    assert score(report, gold).outline_exact


def test_quantities_match_gold(parsed: tuple[str, Report, dict[str, object]]) -> None:
    _, report, gold = parsed
    figures = score(report, gold)
    assert figures.quantity_f1 >= 0.98, (figures.missed, figures.false_alarms)
    assert figures.quantity_qualifier == 1.0
    assert figures.trap_alarms == ()


def test_indicators_roles_and_periods_match_gold(
    parsed: tuple[str, Report, dict[str, object]],
) -> None:
    name, report, gold = parsed
    figures = score(report, gold).indicators
    exact, overlap, role, period = INDICATOR_FLOORS[name]
    assert figures.overlap >= overlap, figures.wrong
    assert figures.exact >= exact, figures.wrong
    assert figures.role >= role
    assert figures.period >= period


def test_every_indicator_is_beside_its_quantity_in_its_sentence(
    parsed: tuple[str, Report, dict[str, object]],
) -> None:
    _, report, _ = parsed
    for quantity in report.quantities():
        assert quantity.role is not None
        indicator = quantity.indicator
        if indicator is None:
            continue
        assert report.slice(indicator.span) == indicator.text
        assert not indicator.span.overlaps(quantity.span)
        start, end = sorted((indicator.span.start, quantity.span.start))
        assert not set(report.text[start:end]) & set("。；！？\n"), (quantity.text, indicator.text)


def test_dates_and_documents_are_all_found(parsed: tuple[str, Report, dict[str, object]]) -> None:
    _, report, gold = parsed
    figures = score(report, gold)
    assert figures.recall["date"] == 1.0
    assert figures.recall["document"] == 1.0


def test_every_span_slices_to_its_text(parsed: tuple[str, Report, dict[str, object]]) -> None:
    _, report, _ = parsed
    for mention in report.mentions:
        assert report.slice(mention.span) == mention.text
    for node in report.walk():
        assert report.slice(node.title_span) == node.title
        assert report.slice(node.marker_span) == node.marker
        assert all(node.span.contains(child.span) for child in node.children)


def _region_line(region: Region) -> str:
    head = region.text.splitlines()[0][:24]
    return f"{region.kind} [{region.span.start}, {region.span.end}) {head}"


def _node_lines(node: OutlineNode, depth: int) -> list[str]:
    span, title = node.span, node.title_span
    line = (
        f"{'  ' * depth}{node.marker} {node.style}#{node.ordinal} [{span.start}, {span.end}) "
        f"title [{title.start}, {title.end}) {node.title}"
    )
    return [line] + [row for child in node.children for row in _node_lines(child, depth + 1)]


def render(report: Report) -> str:
    """The structure of ``report``, one line per region or node, for a golden file."""
    rows = [f"front {_region_line(r)}" for r in report.front_matter]
    if report.preamble:
        rows.append(_region_line(report.preamble))
    rows += [row for node in report.outline for row in _node_lines(node, 0)]
    if report.closing:
        rows.append(_region_line(report.closing))
    rows += [f"end {_region_line(r)}" for r in report.end_matter]
    return "\n".join(rows) + "\n"


def test_structure_matches_golden_file(parsed: tuple[str, Report, dict[str, object]]) -> None:
    name, report, _ = parsed
    path = GOLDEN / f"{name}.outline.txt"
    if os.environ.get("GOVREPORT_UPDATE_GOLDEN"):
        path.write_text(render(report), encoding="utf-8")
    assert render(report) == path.read_text(encoding="utf-8")
