"""govreport.testing.check_report and check_parse: pass real reports, catch what is broken."""

from __future__ import annotations

import attrs
import pytest

import govreport
from govreport.errors import PluginError
from govreport.exporters.base import Exporter
from govreport.model import Span
from govreport.testing import check_parse, check_report
from tests.hook_plugin import Plugin

TEXT = "各位代表：\n一、总体情况\n（一）水利\n完成19项，新增3家。\n二、下一步\n抓落实。\n"


def report() -> govreport.Report:
    return govreport.parse(TEXT)


def test_a_real_report_passes() -> None:
    check_report(report())


def test_a_mention_that_does_not_slice() -> None:
    parsed = report()
    wrong = attrs.evolve(parsed.mentions[0], text="20项")
    with pytest.raises(AssertionError, match="span does not slice"):
        check_report(attrs.evolve(parsed, mentions=(wrong, *parsed.mentions[1:])))


def test_a_mention_outside_the_text() -> None:
    parsed = report()
    outside = attrs.evolve(parsed.mentions[0], span=Span(len(TEXT), len(TEXT) + 3))
    with pytest.raises(AssertionError, match="outside the text"):
        check_report(attrs.evolve(parsed, mentions=(outside,)))


def test_mentions_out_of_order() -> None:
    parsed = report()
    with pytest.raises(AssertionError, match="out of order"):
        check_report(attrs.evolve(parsed, mentions=tuple(reversed(parsed.mentions))))


def test_a_child_outside_its_parent() -> None:
    parsed = report()
    first, second = parsed.outline
    stray = attrs.evolve(first.children[0], span=second.span)  # （一） moved under 二、's span
    broken = attrs.evolve(first, children=(stray,))
    with pytest.raises(AssertionError, match="outside its parent"):
        check_report(attrs.evolve(parsed, outline=(broken, second)))


def test_overlapping_siblings() -> None:
    parsed = report()
    first, second = parsed.outline
    wide = attrs.evolve(first, span=Span(first.span.start, second.span.start + 1))
    with pytest.raises(AssertionError, match="overlaps its previous sibling"):
        check_report(attrs.evolve(parsed, outline=(wide, second)))


def test_a_title_that_does_not_slice() -> None:
    parsed = report()
    first, second = parsed.outline
    with pytest.raises(AssertionError, match="title does not slice"):
        check_report(attrs.evolve(parsed, outline=(attrs.evolve(first, title="别的"), second)))


def test_check_parse_parses_checks_and_exports() -> None:
    host = govreport.PluginHost()
    text = "一、总体情况\n完成投资19亿元，增长5.5%。"
    assert check_parse(text, host) == govreport.parse(text, host=host)


def test_check_parse_fails_when_an_exporter_fails() -> None:
    def fail(report: object) -> str:
        raise RuntimeError("cannot write")

    broken = Exporter(name="broken", suffix=".txt", media_type="text/plain", render=fail)
    plugin = Plugin(register_exporters=lambda register: register(broken))
    host = govreport.PluginHost(plugins=[plugin], load_entrypoints=False)
    with pytest.raises(PluginError, match="'Plugin' failed in export: RuntimeError: cannot write"):
        check_parse("一、标题", host)
