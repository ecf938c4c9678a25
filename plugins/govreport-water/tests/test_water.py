"""Tests for govreport-water: the contracts, the sample report, names in context and units."""

from __future__ import annotations

import itertools
import json
import re
import time
from decimal import Decimal
from importlib import metadata
from types import ModuleType

import govreport_water
import pytest
from govreport_water import WATER
from govreport_water.names import BEFORE_NAME, JOINERS, NAME_PATTERNS
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport import PluginHost, Report, Term
from govreport.cli import main
from govreport.extractors.trie import trie_pattern
from govreport.model import Vocabulary
from govreport.testing.contracts import InstalledPluginContract, VocabularyContract, sample_text

CATEGORIES = {
    "supply",
    "drainage",
    "flood-control",
    "rivers-lakes",
    "water-resources",
    "projects",
    "enforcement",
    "indicator",
}

# Every named thing (a term with a subtype) the sample holds, and nothing else.
SAMPLE_NAMES = {
    ("海河", "rivers-lakes", "river"),  # in 海河传媒中心: the river's name, in an agency's
    ("引滦", "projects", "diversion"),
    ("引滦入津", "projects", "diversion"),
    ("北京排水河", "rivers-lakes", "river"),
    ("杨柳青水厂", "projects", "water-plant"),
    ("永定河", "rivers-lakes", "river"),
    ("北大港水库", "projects", "reservoir"),
    ("引滦原水预处理厂", "projects", "treatment-plant"),
    ("黄港一库", "projects", "reservoir"),
    ("引江", "projects", "diversion"),
}


@pytest.fixture(scope="module")
def host() -> PluginHost:
    """A host with the built-ins and this plugin only, whatever else is installed."""
    return PluginHost(plugins=[govreport_water], load_entrypoints=False)


def water_terms(report: Report) -> list[Term]:
    """The water terms of ``report``."""
    return [m for m in report.find(Term) if isinstance(m, Term) and m.vocabulary == "water"]


def terms(text: str, host: PluginHost) -> list[Term]:
    """The water terms found in ``text``."""
    return water_terms(govreport.parse(text, host=host))


def names(text: str, host: PluginHost) -> list[str]:
    """The named things (terms with a subtype) found in ``text``."""
    return [t.text for t in terms(text, host) if t.subtype is not None]


@pytest.fixture(scope="module")
def sample(host: PluginHost) -> Report:
    """The bundled sample report, parsed with this plugin."""
    return govreport.parse(sample_text(), host=host)


class TestWaterVocabulary(VocabularyContract):
    """The vocabulary contract every vocabulary plugin passes."""

    @pytest.fixture
    def vocabulary(self) -> Vocabulary:
        return WATER


class TestWaterPlugin(InstalledPluginContract):
    """The plugin contract: registration, entry point, parsing the sample."""

    @pytest.fixture
    def plugin(self) -> ModuleType:
        return govreport_water

    @pytest.fixture
    def plugin_name(self) -> str:
        return "water"


# -- the vocabulary ------------------------------------------------------------------------------


def test_categories_are_the_seven_topics_and_indicator() -> None:
    assert set(WATER.categories()) == CATEGORIES


def test_indicators_name_their_usual_unit() -> None:
    indicators = [e for e in WATER.entries if e.category == "indicator"]
    assert len(indicators) >= 14
    assert all(e.meaning and e.meaning.startswith("usual unit: ") for e in indicators)


@pytest.mark.parametrize("frame", ["全面加强{}工作。", "，{}。", "完成{}建设"])
def test_every_entry_is_found_whole_with_its_category(host: PluginHost, frame: str) -> None:
    for entry in WATER.entries:
        found = [(t.text, t.category, t.subtype) for t in terms(frame.format(entry.term), host)]
        assert (entry.term, entry.category, entry.subtype) in found, (entry.term, found)


# -- the sample report ---------------------------------------------------------------------------


def test_the_sample_yields_its_named_works(sample: Report) -> None:
    found = {(t.text, t.category, t.subtype) for t in water_terms(sample) if t.subtype}
    assert found == SAMPLE_NAMES


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("蓄滞洪区", "flood-control"),
        ("巡堤查险", "flood-control"),
        ("河湖长", "rivers-lakes"),
        ("总河湖长", "rivers-lakes"),
        ("幸福河湖", "rivers-lakes"),
        ("水质合格率", "indicator"),
        ("生态补水", "indicator"),
        ("老旧供水管网", "supply"),
        ("排水管道", "drainage"),
        ("重点水务工程", "projects"),
        ("水事违法行为", "enforcement"),
        ("节水论坛", "water-resources"),
    ],
)
def test_the_sample_yields_terms_by_category(sample: Report, text: str, category: str) -> None:
    assert any(t.text == text and t.category == category for t in water_terms(sample))


def test_terms_never_overlap(sample: Report) -> None:
    spans = sorted(m.span for m in sample.find(Term))
    assert spans
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_parse_json_on_the_sample_has_term_mentions(capsys: pytest.CaptureFixture[str]) -> None:
    points = metadata.entry_points(group="govreport")
    if not [ep for ep in points if ep.name == "water"]:
        pytest.skip("govreport-water is not installed: the command line cannot load it")
    assert main(["parse", "--example", "--format", "json"]) == 0
    mentions = json.loads(capsys.readouterr().out)["mentions"]
    water = [m for m in mentions if m["kind"] == "term" and m["vocabulary"] == "water"]
    assert {"text": "北大港水库", "category": "projects", "subtype": "reservoir"}.items() <= next(
        m for m in water if m["text"] == "北大港水库"
    ).items()
    assert len(water) > 50


# -- names in context ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the name, not the verb or time word before it
        ("改造老旧供水管网30公里", []),
        ("杨柳青水厂改扩建具备通水条件", ["杨柳青水厂"]),
        ("北大港水库扩容工程加快推进", ["北大港水库"]),
        ("完成黄港一库围堤除险加固", ["黄港一库"]),
        ("永定河综合治理与生态修复", ["永定河"]),
        ("年底引滦原水预处理厂开工建设", ["引滦原水预处理厂"]),
        ("天津市北大港水库", ["北大港水库"]),
        ("向北大港水库补水", ["北大港水库"]),
        ("于桥水库、尔王庄水库蓄水充足", ["于桥水库", "尔王庄水库"]),
        ("滦河、潮白新河、独流减河同时行洪", ["滦河", "潮白新河", "独流减河"]),
        ("海河流域", ["海河"]),
        ("京杭大运河和北运河", ["京杭大运河", "北运河"]),
        ("长江黄河干流", ["长江", "黄河"]),
        ("和平区水厂", ["和平区水厂"]),
        ("东郊污水处理厂、北辰再生水厂", ["东郊污水处理厂", "北辰再生水厂"]),
        ("大沽排水泵站投入运行", ["大沽排水泵站"]),
        ("屈家店闸全部开启", ["屈家店闸"]),
        ("三峡水利枢纽", ["三峡水利枢纽"]),
        ("太湖、东丽湖水质改善", ["太湖", "东丽湖"]),
        ("引江济淮，引黄入冀补淀，引大济岷", ["引江济淮", "引黄入冀补淀", "引大济岷"]),
        ("南水北调中线", ["南水北调中线"]),
        # generic nouns and words that only look like names
        ("加快病险水库除险加固，全市大中型水库安全度汛", []),
        ("城镇污水处理厂提标改造，新建净水厂，自来水厂出厂水合格", []),
        ("建成雨水泵站12座，改造排水泵站5座", []),
        ("开闸泄洪，进洪闸完好，闸门完好", []),
        ("推进河湖长制，区级河长巡河，向重要河湖湿地生态补水", []),
        ("主要河流、中小河流、骨干河道、入河排污口、一河一策", []),
        ("组织乒乓球、拔河、羽毛球比赛", []),
        ("保护母亲河 争当河小青", []),
        ("综合交通枢纽，东数西算国家枢纽节点", []),
        ("天府森林四库", []),
        ("吸引黄金人才，指引江南", []),
        ("推进山水林田湖草沙一体化保护", []),
    ],
)
def test_names_in_context(host: PluginHost, text: str, expected: list[str]) -> None:
    assert names(text, host) == expected


@pytest.mark.parametrize("word", BEFORE_NAME)
def test_a_name_after_a_listed_word_keeps_its_own_start(host: PluginHost, word: str) -> None:
    assert names(f"，{word}北塘水库，{word}海河，{word}杨柳青水厂", host) == [
        "北塘水库",
        "海河",
        "杨柳青水厂",
    ]


# -- names as regular expressions, and speed ----------------------------------------------------


def by_regex(text: str) -> list[tuple[int, int, str | None]]:
    """The water terms by definition: a trie of the entries, each name pattern as its whole
    regular expression (start included), overlaps settled leftmost, longest, entry first."""
    entries = {entry.term: entry for entry in WATER.entries}
    candidates = [
        (m.start(), m.start() - m.end(), 0, entries[m.group()].subtype)
        for m in re.finditer(trie_pattern(list(entries)), text)
    ]
    candidates += [
        (m.start(), m.start() - m.end(), 1, pattern.subtype)
        for pattern in WATER.patterns
        for m in re.finditer(pattern.regex(), text)
        if m.end() > m.start()
    ]
    candidates.sort(key=lambda c: c[:3])
    kept: list[tuple[int, int, str | None]] = []
    for start, minus_length, _, subtype in candidates:
        if not kept or start >= kept[-1][1]:
            kept.append((start, start - minus_length, subtype))
    return kept


PIECES = sorted(
    {*BEFORE_NAME, *JOINERS, *(entry.term for entry in WATER.entries)}
    | set("北大港杨柳青黄港永定海太东丽屈家店三峡引滦江入津济淮河湖库厂闸门站渠一二的与，。\n ")
    | {"水库", "水厂", "污水处理厂", "再生水厂", "预处理厂", "泵站", "水利枢纽", "干渠", "母亲河"}
)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_names_are_what_their_regular_expressions_match(host: PluginHost, text: str) -> None:
    found = [(t.span.start, t.span.end, t.subtype) for t in terms(text, host)]
    assert found == by_regex(text)


def test_every_name_pattern_starts_where_names_start_and_has_anchors() -> None:
    assert all(p.anchors for p in NAME_PATTERNS)
    assert all(p.start is not None for p in NAME_PATTERNS if p.subtype != "diversion")


@pytest.mark.parametrize("unit", ["河", "湖", "水库", "一库", "闸", "泵站", "引滦", "北河", "，河"])
def test_a_long_run_of_a_suffix_parses_in_linear_time(host: PluginHost, unit: str) -> None:
    text = unit * (200_000 // len(unit.encode()))  # about 200 KB
    began = time.process_time()  # CPU time: other processes' load does not count
    found = terms(text, host)
    # A hang guard (a quadratic step takes minutes), not a speed target.
    assert time.process_time() - began < 10.0
    assert [(t.span.start, t.span.end) for t in found if t.span.end <= 1000] == [
        (start, end) for start, end, _ in by_regex(text[:1100]) if end <= 1000
    ]


# -- units ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        ("流量4000秒立方米", "流量4000立方米/秒"),
        ("流量50m³/s", "流量50立方米/秒"),
        ("规模5万m3/d", "规模5万立方米/日"),
        ("规模10万t/d", "规模10万吨/日"),
        ("总磷0.3mg/L", "总磷0.3毫克/升"),
    ],
)
def test_water_units_read_like_their_chinese_spelling(
    host: PluginHost, text: str, same_as: str
) -> None:
    (quantity,) = govreport.parse(text, host=host).quantities()
    (core,) = govreport.parse(same_as, host=host).quantities()
    assert quantity.unit_info is not None and core.unit_info is not None
    assert quantity.unit_info.dimension == core.unit_info.dimension
    assert quantity.unit_info.base == core.unit_info.base
    assert quantity.in_base_unit() == core.in_base_unit() != Decimal(0)


def test_water_indicators_are_registered_for_the_linker(host: PluginHost) -> None:
    spellings = {s for term in host.indicator_lexicon.terms for s in term.spellings}
    assert {"供水量", "水质合格率", "漏损率", "生态补水"} <= spellings


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("向重要河湖湿地生态补水13.86亿立方米。", "生态补水"),
        ("为下游河道生态补水2.1亿立方米。", "生态补水"),
        ("城市、农村供水水质合格率分别为99%、93%。", "供水水质合格率"),
    ],
)
def test_a_water_indicator_is_found_after_a_preposition_or_shared(
    host: PluginHost, text: str, indicator: str
) -> None:
    quantities = govreport.parse(text, host=host).quantities()
    assert {q.indicator.text if q.indicator else None for q in quantities} == {indicator}
