"""The html exporter: the shared contracts, then the page parsed back with html.parser."""

from __future__ import annotations

import itertools
import time
import unittest.mock
from collections import defaultdict
from decimal import Decimal
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import ClassVar

import attrs
import govreport_html
import pytest
from govreport_html import HTML, _crosses, _nest, _Piece
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport.cli import main
from govreport.exporters.base import Exporter
from govreport.model import (
    Formulation,
    Indicator,
    Mention,
    OutlineNode,
    Quantity,
    Report,
    Role,
    Span,
    Term,
)
from govreport.testing.adversarial import EXPORT_INPUTS
from govreport.testing.contracts import ExporterContract, InstalledPluginContract, sample_text
from govreport.testing.strategies import raw_texts

CEILING_SECONDS = 20.0
"""Hang detection only, in CPU seconds (load on a shared machine does not count): a linear page
of 200,000 characters takes a few seconds at most."""

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})
"""HTML elements that have no end tag."""


class _Element:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.classes = (attrs.get("class") or "").split()
        self.text: list[str] = []


class Page(HTMLParser):
    """Parses a page and checks its tags balance; collects ids, links and element texts."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.errors: list[str] = []
        self.doctype: str | None = None
        self.ids: list[str] = []
        self.links: list[str] = []
        self.sources: list[str] = []
        self.texts: dict[str, list[str]] = defaultdict(list)
        """Text of every element in the order they close, by tag, ``.class`` and ``#id``."""
        self.titles: dict[str, list[str]] = defaultdict(list)
        """``title`` attribute of every element in document order, by ``.class``."""
        self._open: list[_Element] = []
        self.feed(page)
        self.close()
        self.errors.extend(f"<{e.tag}> never closed" for e in self._open)

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, dict(attrs))
        if "id" in element.attrs:
            self.ids.append(element.attrs["id"] or "")
        for name in ("href", "src"):
            if element.attrs.get(name) is not None:
                (self.links if name == "href" else self.sources).append(element.attrs[name] or "")
        title = element.attrs.get("title")
        for css in element.classes:
            if title is not None:
                self.titles["." + css].append(title)
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.errors.append(f"<{tag}/> is not an empty element in HTML")
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open[-1].tag != tag:
            top = self._open[-1].tag if self._open else "nothing"
            self.errors.append(f"</{tag}> closes <{top}>")
            return
        element = self._open.pop()
        text = "".join(element.text)
        self.texts[tag].append(text)
        for css in element.classes:
            self.texts["." + css].append(text)
        if "id" in element.attrs:
            self.texts["#" + (element.attrs["id"] or "")].append(text)

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text.append(data)


class TestHtmlExporter(ExporterContract):
    @pytest.fixture
    def exporter(self) -> Exporter:
        return HTML


class TestHtmlPlugin(InstalledPluginContract):
    @pytest.fixture
    def plugin(self) -> object:
        return govreport_html

    @pytest.fixture
    def plugin_name(self) -> str:
        return "html"


@pytest.fixture(scope="module")
def sample() -> Report:
    return govreport.parse(sample_text(), source="water-bureau-2023.txt")


def check(report: Report) -> Page:
    """The page of ``report``, parsed, after the checks every page must pass."""
    page = Page(HTML.export(report))
    assert page.errors == []
    assert page.doctype == "DOCTYPE html"
    assert page.sources == [], "a standalone page loads nothing"
    assert all(link.startswith("#") for link in page.links), "a standalone page links nowhere"
    assert len(page.ids) == len(set(page.ids))
    return page


def shown(text: str) -> str:
    """``text`` as the page shows it (control characters as pictures)."""
    return text.translate(govreport_html._DISPLAY)


def test_the_sample_is_well_formed_and_keeps_the_text(sample: Report) -> None:
    page = check(sample)
    assert page.texts["#text"] == [sample.text]


def test_every_mention_of_the_sample_is_highlighted(sample: Report) -> None:
    page = check(sample)
    assert page.texts[".m-quantity"][1:] == [q.text for q in sample.quantities()]
    for kind in {m.kind for m in sample.mentions}:
        swatch, *marks = page.texts[f".m-{kind}"]  # the legend's swatch comes first
        assert swatch == govreport_html.LABELS[kind]
        # A mention crossing one of higher priority is cut into pieces, in document order.
        assert "".join(marks) == "".join(m.text for m in sample.find(kind)), kind


def test_quantity_hover_text() -> None:
    report = govreport.parse("一、总体情况\n完成投资34万余元，同比增长5%。")
    titles = check(report).titles[".m-quantity"]
    assert titles[0].splitlines() == [
        "数量 quantity",
        "数值 value: 340000",
        "单位 unit: 元",
        "限定 qualifier: over",
        "变化 change: 无 none",
        "指标 indicator: 投资",
        "类别 role: 实际 actual",
    ]
    assert "变化 change: increase" in titles[1].splitlines()


def test_quantity_hover_text_shows_indicator_role_and_period() -> None:
    text = "城市供水水质合格率达到99%以上。"
    parsed = govreport.parse(text)
    [quantity] = parsed.quantities()
    start = text.index("城市")
    linked = attrs.evolve(
        quantity,
        indicator=Indicator(text="城市供水水质合格率", span=Span(start, start + 9)),
        role=Role.ACTUAL,
        period="2023",
    )
    report = attrs.evolve(parsed, mentions=(linked,))
    [title] = check(report).titles[".m-quantity"]
    assert title.splitlines()[-3:] == [
        "指标 indicator: 城市供水水质合格率",
        "类别 role: 实际 actual",
        "时期 period: 2023",
    ]


def test_a_number_is_linked_to_its_indicator() -> None:
    report = govreport.parse("全市地区生产总值达到1200亿元，增长5.3%。")
    output = govreport_html.render(report)
    # Both quantities name the same span; its text is wrapped once, in a class the marks name.
    assert output.count('data-indicator="i-2-8"') == 2
    assert output.count('<span class="indicator i-2-8">地区生产总值</span>') == 1
    assert "mouseenter" in output and ".indicator.linked" in output


def test_outline_anchors_resolve(sample: Report) -> None:
    page = check(sample)
    targets = [link.removeprefix("#") for link in page.links]
    assert len(targets) == sum(1 for _ in sample.walk()) > 0
    assert set(targets) <= set(page.ids)
    labels = page.texts["#outline"][0]
    assert all(node.title in labels for node in sample.walk())


def _at(text: str, part: str) -> Span:
    """The span of the first ``part`` in ``text``."""
    start = text.index(part)
    return Span(start, start + len(part))


def test_overlapping_mentions_nest_or_split() -> None:
    text = "一、推进两个100%工程建设蓄滞洪区5个\n"
    mentions: tuple[Mention, ...] = (
        Formulation(
            span=_at(text, "推进两个100%工程"), text="推进两个100%工程", meaning="<g> & 'x'"
        ),
        Quantity(span=_at(text, "100%"), text="100%", value=Decimal(100), unit="%"),
        Term(span=_at(text, "洪区5"), text="洪区5", vocabulary="water", category="crossing"),
        Term(span=_at(text, "5个"), text="5个", vocabulary="water", category="same-span"),
        Quantity(span=_at(text, "5个"), text="5个", value=Decimal(5), unit="个"),
    )
    heading = OutlineNode(
        marker="一、",
        ordinal=1,
        style="cn-comma",
        rank=40,
        title="推进两个1",
        span=Span(0, len(text)),
        title_span=_at(text, "推进两个1"),
        marker_span=_at(text, "一、"),
    )
    page = check(Report(text=text, outline=(heading,), mentions=mentions))
    assert page.texts["#text"] == [text]
    assert page.texts[".m-quantity"][1:] == ["100%", "5个"]  # whole, whatever they cross
    assert page.texts[".m-formulation"][1:] == ["推进两个100%工程"]  # the quantity nests inside
    assert page.texts[".m-term"][1:] == ["洪区", "5", "5个"]  # cut where it crosses 5个
    assert "".join(page.texts[".h1"]) == "一、推进两个1"  # cut into three pieces that nest
    assert page.titles[".m-formulation"] == ["提法 formulation\n含义 meaning: <g> & 'x'"]


def test_everything_is_escaped() -> None:
    text = '<script>alert("x")</script> & 5个\x00'
    quantity = Quantity(span=_at(text, "5个"), text="5个", value=Decimal(5), unit="个")
    report = Report(text=text, source="<b>&amp;", mentions=(quantity,))
    output = HTML.export(report)
    assert output.count("<script>") == 1 and "\x00" not in output
    page = check(report)
    assert page.texts["#text"] == [shown(text)] == ['<script>alert("x")</script> & 5个\u2400']
    assert page.texts[".m-quantity"][1:] == ["5个"]
    assert page.texts["title"] == ["<b>&amp;"]


@attrs.frozen(kw_only=True)
class Money(Mention):
    """A mention kind as a plugin would define it."""

    kind: ClassVar[str] = "money"
    amount: Decimal


def test_plugin_kinds_get_a_colour_and_their_fields() -> None:
    mention = Money(span=Span(2, 4), text="5元", amount=Decimal(5))
    report = Report(text="拨款5元", mentions=(mention,))
    page = check(report)
    assert page.texts[".m-money"] == ["money", "5元"]  # the legend's swatch, then the mention
    assert page.titles[".m-money"] == ["money\namount: 5"]
    assert (
        f"mark.m-money {{ background: {govreport_html.OTHER_COLOUR}; }}" in page.texts["style"][0]
    )


def test_command_line_writes_a_page(tmp_path: Path) -> None:
    if "html" not in [ep.name for ep in metadata.entry_points(group="govreport")]:
        pytest.skip("govreport-html is not installed as a distribution")
    out = tmp_path / "sample.html"
    assert main(["parse", "--example", "--format", "html", "-o", str(out)]) == 0
    assert Page(out.read_text(encoding="utf-8")).errors == []


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=raw_texts())
def test_any_report_gives_a_well_formed_page(text: str) -> None:
    report = govreport.parse(text)
    page = check(report)
    assert page.texts["#text"] == [shown(text)]
    # Quantities of one kind never overlap, so their marks read the quantities in order.
    assert "".join(page.texts[".m-quantity"][1:]) == "".join(q.text for q in report.quantities())


# -- linear time (issue 15): the page took 91 s on 500,000 characters of report text ----------


def test_a_page_of_dense_text_is_written_in_linear_time() -> None:
    host = govreport.PluginHost(plugins=[govreport_html], load_entrypoints=False)
    for build in EXPORT_INPUTS.values():
        report = govreport.parse(build(200_000), host=host)
        started = time.process_time()
        Page(HTML.export(report))
        assert time.process_time() - started < CEILING_SECONDS


def nested_by_definition(wanted: list[_Piece]) -> list[_Piece]:
    """The plain quadratic rule: cut each piece at the edges of every kept piece it crosses."""
    kept: list[_Piece] = []
    for piece in wanted:
        cuts = {
            edge
            for other in kept
            if _crosses(piece.start, piece.end, (other.start, other.end))
            for edge in (other.start, other.end)
            if piece.start < edge < piece.end
        }
        bounds = [piece.start, *sorted(cuts), piece.end]
        kept.extend(piece._replace(start=a, end=b) for a, b in itertools.pairwise(bounds))
    return kept


@st.composite
def wanted_pieces(draw: st.DrawFn) -> list[_Piece]:
    """Pieces as the html page asks for them: by priority, then in order of start."""
    spans = st.tuples(st.integers(0, 40), st.integers(1, 15)).map(lambda p: (p[0], p[0] + p[1]))
    groups = draw(st.lists(st.lists(spans, max_size=12), max_size=5))
    return [
        _Piece(start, end, priority, f"<{priority}>", "</>")
        for priority, group in enumerate(groups)
        for start, end in sorted(group)
    ]


@given(wanted_pieces(), st.sampled_from([0, 2, 1_000_000]))
def test_nest_is_the_plain_rule(wanted: list[_Piece], scanned: int) -> None:
    # Whether the edges inside a piece are looked at one by one or through the index of nested
    # parts, the cuts are the same.
    with unittest.mock.patch.object(govreport_html, "_SCANNED", scanned):
        nested = _nest(wanted)
    assert nested == nested_by_definition(wanted)
    spans = [(piece.start, piece.end) for piece in nested]
    assert not any(_crosses(*a, b) for a in spans for b in spans)


def test_a_lone_surrogate_is_written_as_u_fffd() -> None:
    # Issue 15: a file name that is not UTF-8 made the page unwritable (exit 2).
    report = govreport.parse("一、总\ud800体\n完成19项。\n", source="a\udcb9.txt")
    page = HTML.export(report)
    page.encode("utf-8")
    assert "a\ufffd.txt" in page and "总\ufffd体" in page
