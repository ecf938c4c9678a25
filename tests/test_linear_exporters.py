"""The built-in exporters in linear time; outline paths as the definition gives them.

Before (issue 15): ``Report.outline_path`` scanned a level's nodes for every mention, so csv and
markdown took 41 s on 200,000 characters of headings. The ceiling only catches such a blow-up;
speed against the JSON exporter is measured by ``benchmarks/adversarial.py --exporters``.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport.model import OutlineNode, Report, Span
from govreport.testing.adversarial import EXPORT_INPUTS
from govreport.testing.strategies import raw_texts, report_texts
from tests.linear import under_the_ceiling

SIZE = 200_000

HOST = govreport.PluginHost(load_entrypoints=False)


@pytest.fixture(scope="module", params=list(EXPORT_INPUTS))
def dense(request: pytest.FixtureRequest) -> Report:
    return govreport.parse(EXPORT_INPUTS[request.param](SIZE), host=HOST)


@pytest.mark.parametrize("format_name", list(HOST.exporters))
def test_every_built_in_exporter_is_linear(dense: Report, format_name: str) -> None:
    with under_the_ceiling():
        assert HOST.exporter(format_name).export(dense)


def scanned_path(report: Report, span: Span) -> tuple[OutlineNode, ...]:
    """The definition: at each level, the first node whose part contains the span."""
    path: list[OutlineNode] = []
    level = report.outline
    while (inside := next((n for n in level if n.span.contains(span)), None)) is not None:
        path.append(inside)
        level = inside.children
    return tuple(path)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(report_texts().map(lambda drawn: drawn[0]), raw_texts()), st.data())
def test_outline_path_is_the_scan_of_the_definition(text: str, data: st.DataObject) -> None:
    report = govreport.parse(text)
    for mention in report.mentions:
        assert report.outline_path(mention) == scanned_path(report, mention.span)
    for node in report.walk():
        for offset in {node.span.start, node.span.end, max(node.span.end - 1, 0)}:
            empty = Span(offset, offset)
            assert report.outline_path(empty) == scanned_path(report, empty)
    offset = data.draw(st.integers(0, len(text)))
    assert report.outline_path(offset) == scanned_path(report, Span(offset, offset + 1))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(report_texts().map(lambda drawn: drawn[0]), raw_texts()), st.data())
def test_outline_paths_are_outline_path_of_each(text: str, data: st.DataObject) -> None:
    report = govreport.parse(text)
    assert list(report.outline_paths(report.mentions)) == [
        report.outline_path(mention) for mention in report.mentions
    ]
    # any spans, in any order, empty ones and those on a node's boundary among them
    bounds = sorted({0, len(text), *(o for n in report.walk() for o in (n.span.start, n.span.end))})
    offsets = st.one_of(st.sampled_from(bounds), st.integers(0, len(text)))
    spans = [
        Span(*sorted(pair))
        for pair in data.draw(st.lists(st.tuples(offsets, offsets), max_size=30))
    ]
    assert list(report.outline_paths(spans)) == [report.outline_path(span) for span in spans]
