"""Every adversarial input of :mod:`govreport.testing.adversarial` parses whole, in linear time.

The ceiling only catches a blow-up (a quadratic step takes minutes on 200,000 characters);
the time per character against real reports is measured by ``benchmarks/adversarial.py``.
"""

from __future__ import annotations

import pytest

import govreport
from govreport.testing.adversarial import ADVERSARIAL_INPUTS, heading, many_headings
from tests.linear import under_the_ceiling

SIZE = 200_000


@pytest.mark.parametrize("name", list(ADVERSARIAL_INPUTS))
def test_adversarial_input_parses_under_the_ceiling(name: str) -> None:
    text = ADVERSARIAL_INPUTS[name](SIZE)
    assert len(text) == SIZE
    with under_the_ceiling():
        report = govreport.parse(text)
    assert report.text == text
    for mention in report.mentions:
        assert report.slice(mention.span) == mention.text


@pytest.mark.parametrize("name", list(ADVERSARIAL_INPUTS))
def test_adversarial_input_exports_in_every_format(name: str) -> None:
    # Found this way: 10,000-digit quantities were beyond what JSON and Excel can write.
    host = govreport.PluginHost()
    report = govreport.parse(ADVERSARIAL_INPUTS[name](30_000), host=host)
    for exporter in host.exporters.values():
        assert exporter.export(report)


def test_headings_only_gives_one_node_per_line() -> None:
    text = many_headings(10_000)
    text = text[: text.rfind("\n") + 1]  # whole lines only: the cut may split the last one
    lines = text.splitlines()
    report = govreport.parse(text)
    count = 0
    stack = list(report.outline)
    while stack:
        node = stack.pop()
        count += 1
        stack.extend(node.children)
    assert count == len(lines)


def test_heading_forms() -> None:
    assert [heading(level, 3) for level in range(5)] == ["三、", "（三）", "3.", "（3）", "③"]
