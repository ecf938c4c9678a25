"""The plugin host: one test per hook, loading rules, faults, and discovery by entry point."""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import govreport
from govreport import hookspecs
from govreport.errors import PluginError
from govreport.exporters.base import Exporter
from govreport.extractors.base import ExtractionContext
from govreport.extractors.quantities import QuantityExtractor
from govreport.indicators import IndicatorTerm, Link, LinkContext
from govreport.model import Entry, Mention, Role, Span, Unit, Vocabulary
from govreport.model._unchecked import unchecked
from govreport.structure import MarkerStyle
from tests.hook_plugin import Plugin

DOCS = Path(__file__).parents[1] / "docs" / "plugins.md"
HOOKS = sorted(
    name for name in vars(hookspecs) if hasattr(getattr(hookspecs, name), "govreport_spec")
)


def host(*plugins: object) -> govreport.PluginHost:
    return govreport.PluginHost(plugins=plugins, load_entrypoints=False)


def test_every_hook_is_documented() -> None:
    documented = set(re.findall(r"^### (\w+)$", DOCS.read_text(encoding="utf-8"), re.MULTILINE))
    assert set(HOOKS) <= documented


def test_every_hook_has_a_test() -> None:
    tests = {name for name in globals() if name.startswith("test_hook_")}
    assert {f"test_hook_{hook}" for hook in HOOKS} <= tests


def test_hook_register_mention_extractors() -> None:
    class Shouting:
        name, order = "shouting", 600

        def extract(self, context: ExtractionContext) -> list[Mention]:
            return [
                govreport.Term(
                    span=Span(m.start(), m.end()), text=m.group(), vocabulary="x", category="y"
                )
                for m in re.finditer("！", context.text)
            ]

    report = govreport.parse(
        "各位代表！",
        host=host(Plugin(register_mention_extractors=lambda register: register(Shouting()))),
    )
    assert [m.text for m in report.find("term")] == ["！"]


def test_hook_register_exporters() -> None:
    count = Exporter(
        name="count",
        suffix=".txt",
        media_type="text/plain",
        render=lambda report: str(len(report.mentions)),
    )
    exporters = host(Plugin(register_exporters=lambda register: register(count))).exporters
    assert exporters["count"].export(govreport.parse("完成19项。")) == "1"


def test_hook_register_units() -> None:
    unit = Unit("立米", "volume", "m³", Decimal(1))
    plugged = host(Plugin(register_units=lambda register: register(unit)))
    (quantity,) = govreport.parse("处理污水3万立米。", host=plugged).quantities()
    assert (quantity.text, quantity.unit, quantity.value) == ("3万立米", "立米", Decimal(30000))


def test_hook_register_vocabularies() -> None:
    words = Vocabulary(name="words", entries=(Entry("河湖长制", "rivers"),))
    plugged = host(Plugin(register_vocabularies=lambda register: register(words)))
    (term,) = govreport.parse("全面推行河湖长制。", host=plugged).find("term")
    assert (term.text, term.vocabulary, term.category) == ("河湖长制", "words", "rivers")  # type: ignore[attr-defined]


def test_hook_register_heading_styles() -> None:
    style = MarkerStyle("roman", 40, re.compile(r"(?P<n>[ⅠⅡⅢ])、"), lambda n: "ⅠⅡⅢ".index(n) + 1)
    plugged = host(Plugin(register_heading_styles=lambda register: register(style)))
    report = govreport.parse("Ⅰ、综合\n正文。\nⅡ、农业\n正文。\n", host=plugged)
    assert [(n.marker, n.ordinal, n.title) for n in report.outline] == [
        ("Ⅰ、", 1, "综合"),
        ("Ⅱ、", 2, "农业"),
    ]


def test_hook_register_indicators() -> None:
    # Without the term, the prepositional phrase is cut after 向; with it, the term is found.
    text = "向河湖补充生态水量13.86亿立方米。"
    plain = govreport.parse(text, host=host())
    term = IndicatorTerm(name="生态水量", synonyms=("生态补水量",))
    plugged = host(Plugin(register_indicators=lambda register: register(term)))
    (linked,) = govreport.parse(text, host=plugged).quantities()
    assert plugged.indicator_lexicon.terms[-1] == term
    assert linked.indicator is not None and linked.indicator.text == "生态水量"
    (before,) = plain.quantities()
    assert before.indicator is not None and before.indicator.text != "生态水量"


def test_hook_register_indicator_linkers() -> None:
    class Everything:
        name = "everything"

        def link(self, context: LinkContext) -> list[Link]:
            count = sum(isinstance(m, govreport.Quantity) for m in context.mentions)
            return [Link(indicator=None, role=Role.FORECAST, period="2030")] * count

    plugged = host(Plugin(register_indicator_linkers=lambda register: register(Everything())))
    assert plugged.indicator_linker is not None and plugged.indicator_linker.name == "everything"
    report = govreport.parse("完成19项，新增3家。", host=plugged)
    assert [(q.role, q.period) for q in report.quantities()] == [(Role.FORECAST, "2030")] * 2


def test_hook_read_source() -> None:
    def read_source(data: bytes, source: str) -> str | None:
        return data.decode("ascii").upper() if source.endswith(".shout") else None

    plugged = host(Plugin(read_source=read_source))
    assert govreport.parse_bytes(b"abc", source="x.shout", host=plugged).text == "ABC"
    assert (
        govreport.parse_bytes("一、综合".encode(), source="x.txt", host=plugged).text == "一、综合"
    )


def test_hook_report_parsed() -> None:
    seen: list[int] = []
    plugged = host(Plugin(report_parsed=lambda report: seen.append(len(report.quantities()))))
    govreport.parse("完成19项，新增3家。", host=plugged)
    assert seen == [2]


def test_a_misspelled_hook_fails_loudly() -> None:
    with pytest.raises(PluginError, match="register_exporter"):
        host(Plugin(register_exporter=lambda register: None))


def test_two_plugins_may_not_register_one_format_name() -> None:
    clash = Exporter(
        name="json", suffix=".json", media_type="application/json", render=lambda report: "{}"
    )
    with pytest.raises(PluginError, match=r"'json' is already registered by 'builtin\.json'"):
        host(Plugin(register_exporters=lambda register: register(clash)))


def test_a_failing_extractor_is_named_or_recorded() -> None:
    class Broken:
        name, order = "broken", 450

        def extract(self, context: ExtractionContext) -> list[Mention]:
            raise RuntimeError("boom")

    plugged = host(Plugin(register_mention_extractors=lambda register: register(Broken())))
    with pytest.raises(PluginError, match=r"plugin '.*' failed in broken: RuntimeError: boom"):
        govreport.parse("完成19项。", host=plugged)
    tolerant = govreport.parse("完成19项。", host=plugged, strict=False)
    assert [q.text for q in tolerant.quantities()] == ["19项"]
    (fault,) = tolerant.faults
    assert fault.hook == "broken" and "boom" in fault.message


def test_an_extractor_whose_spans_lie_is_rejected() -> None:
    class Liar:
        name, order = "liar", 450

        def extract(self, context: ExtractionContext) -> list[Mention]:
            return [govreport.Term(span=Span(0, 2), text="不对", vocabulary="x", category="y")]

    with pytest.raises(PluginError, match="does not slice"):
        govreport.parse(
            "完成19项。",
            host=host(Plugin(register_mention_extractors=lambda register: register(Liar()))),
        )


def test_builtins_can_be_blocked_by_name_and_by_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    blocked = govreport.PluginHost(block=["builtin.extractors"], load_entrypoints=False)
    assert govreport.parse("完成19项。", host=blocked).mentions == ()
    monkeypatch.setenv("GOVREPORT_DISABLE_PLUGINS", "builtin.outline")
    assert "outline" not in govreport.PluginHost(load_entrypoints=False).exporters


def test_listing_names_builtins_only_when_asked() -> None:
    plugged = host()
    assert plugged.plugins() == []
    names = {info.name: info for info in plugged.plugins(include_builtin=True)}
    assert "json" in names["builtin.json"].provides
    assert names["builtin.extractors"].hooks == ("register_mention_extractors",)


# -- discovery: a plugin installed from a temporary folder ----------------------------------


@pytest.fixture
def installed_plugin(tmp_path: Path) -> Path:
    """A distribution with a ``govreport`` entry point, installed into ``tmp_path``."""
    (tmp_path / "govreport_shout.py").write_text(
        textwrap.dedent(
            """
            import govreport
            from govreport.model import Entry, Vocabulary

            @govreport.hookimpl
            def register_vocabularies(register):
                register(Vocabulary(name="shout", entries=(Entry("永定河", "river"),)))
            """
        ),
        encoding="utf-8",
    )
    info = tmp_path / "govreport_shout-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: govreport-shout\nVersion: 1.2.3\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[govreport]\nshout = govreport_shout\n", encoding="utf-8"
    )
    return tmp_path


def _govreport(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("GOVREPORT_")}
    environment = {**inherited, "PYTHONPATH": os.pathsep.join([str(folder), *sys.path]), **env}
    return subprocess.run(
        [sys.executable, "-m", "govreport", *args],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        input="永定河综合治理与生态修复。",
    )


def test_an_installed_plugin_is_discovered_listed_and_used(installed_plugin: Path) -> None:
    listed = _govreport(installed_plugin, "plugins", "--json")
    assert listed.returncode == 0, listed.stderr
    (shout,) = [p for p in json.loads(listed.stdout) if p["name"] == "shout"]
    assert (shout["distribution"], shout["version"]) == ("govreport-shout", "1.2.3")
    parsed = _govreport(installed_plugin, "parse", "-")
    assert parsed.returncode == 0, parsed.stderr
    terms = [m for m in json.loads(parsed.stdout)["mentions"] if m["kind"] == "term"]
    assert [(t["text"], t["vocabulary"]) for t in terms] == [("永定河", "shout")]


def test_environment_chooses_which_plugins_load(installed_plugin: Path) -> None:
    none = _govreport(installed_plugin, "plugins", "--json", GOVREPORT_PLUGINS="")
    assert "shout" not in {p["name"] for p in json.loads(none.stdout)}
    off = _govreport(installed_plugin, "plugins", "--json", GOVREPORT_DISABLE_PLUGIN_AUTOLOAD="1")
    assert "shout" not in {p["name"] for p in json.loads(off.stdout)}
    chosen = _govreport(installed_plugin, "plugins", "--json", GOVREPORT_PLUGINS="shout")
    assert "shout" in {p["name"] for p in json.loads(chosen.stdout)}


def test_a_parse_never_touches_the_garbage_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    # Process-wide state is the caller's: a library parse under some thread must not flip it.
    def refuse() -> None:
        raise AssertionError("parse() switched the garbage collector")

    monkeypatch.setattr(gc, "disable", refuse)
    monkeypatch.setattr(gc, "enable", refuse)
    govreport.parse("完成19项。")
    with pytest.raises(PluginError):
        govreport.parse("完成19项。", host=host(Plugin(report_parsed=lambda report: 1 / 0)))


def _extractor_returning(*mentions: Mention) -> Plugin:
    class Returns:
        name, order = "returns", 450

        def extract(self, context: ExtractionContext) -> list[Mention]:
            return list(mentions)

    return Plugin(register_mention_extractors=lambda register: register(Returns()))


@pytest.mark.parametrize(
    ("make", "detail"),
    [
        (lambda: unchecked(Span)(5, 2), r"span Span\(start=5, end=2\) is not a range inside"),
        (lambda: unchecked(Span)(-1, 2), "span Span\\(start=-1, end=2\\) is not a range"),
        (
            lambda: Span(3, 99),
            r"span Span\(start=3, end=99\) is not a range inside the text \(length 6\)",
        ),
    ],
)
def test_an_extractor_whose_span_is_no_range_is_named(make: Any, detail: str) -> None:
    # Extractors may build spans unchecked; the parse checks every one a plugin returns.
    term = unchecked(govreport.Term)(make(), "", "x", "y", None, None)
    plugged = host(_extractor_returning(term))
    with pytest.raises(
        PluginError, match=rf"^plugin 'Plugin' failed in returns: {detail}"
    ) as caught:
        govreport.parse("完成19项。", host=plugged)
    assert "\n" not in str(caught.value)
    report = govreport.parse("完成19项。", host=plugged, strict=False)
    assert [(f.plugin, f.hook) for f in report.faults] == [("Plugin", "returns")]
    assert [q.text for q in report.quantities()] == ["19项"]


def test_an_extractor_returning_no_mention_is_named() -> None:
    with pytest.raises(
        PluginError, match="'Plugin' failed in returns: returned str, not a Mention"
    ):
        govreport.parse("完成19项。", host=host(_extractor_returning("19项")))  # type: ignore[arg-type]


@pytest.mark.parametrize("marker", [{"hookwrapper": True}, {"wrapper": True}])
def test_a_hook_wrapper_is_refused_with_one_line_naming_the_plugin(marker: dict[str, bool]) -> None:
    class Wrapping:
        __name__ = "wrapping"

        @govreport.hookimpl(**marker)
        def read_source(self, data: bytes) -> Any:
            return (yield)

    with pytest.raises(
        PluginError, match=r"^plugin 'wrapping' failed in read_source: hook wrappers are not"
    ) as caught:
        host(Wrapping())
    assert "\n" not in str(caught.value)
    tolerant = govreport.PluginHost(plugins=[Wrapping()], load_entrypoints=False, strict=False)
    assert [(e.plugin, e.hook) for e in tolerant.faults] == [("wrapping", "read_source")]
    assert govreport.parse_bytes("完成19项。".encode(), host=tolerant, strict=False).quantities()


@pytest.mark.parametrize("leave", [SystemExit(3), SystemExit("bye")])
def test_a_plugin_calling_exit_is_a_plugin_error(leave: BaseException) -> None:
    def read(data: bytes) -> str:
        raise leave

    with pytest.raises(PluginError, match="'Plugin' failed in read_source: SystemExit"):
        govreport.parse_bytes(b"x", host=host(Plugin(read_source=read)))


def test_a_keyboard_interrupt_is_the_users_not_the_plugins() -> None:
    def read(data: bytes) -> str:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        govreport.parse_bytes(b"x", host=host(Plugin(read_source=read)))


def test_a_host_is_fully_loaded_when_built() -> None:
    tolerant = govreport.PluginHost(
        plugins=[Plugin(register_units=lambda register: 1 / 0)],
        load_entrypoints=False,
        strict=False,
    )
    # No property was read: the fault is there all the same.
    assert [(e.plugin, e.hook) for e in tolerant.faults] == [("Plugin", "register_units")]


def test_registering_a_plugin_compiles_the_pipeline_again() -> None:
    plugged = host()
    before = plugged.pipeline
    assert [q.text for q in govreport.parse("收集立米19立米。", host=plugged).quantities()] == []
    plugged.register(
        Plugin(register_units=lambda register: register(Unit("立米", "volume", "m³", Decimal(1))))
    )
    assert plugged.pipeline is not before
    assert "立米" in plugged.units
    assert [q.text for q in govreport.parse("收集19立米。", host=plugged).quantities()] == [
        "19立米"
    ]


def test_the_pipeline_holds_extractors_compiled_for_its_host() -> None:
    plugged = host()
    stages = {stage.extractor.name: stage for stage in plugged.pipeline.stages}
    assert [stage.plugin for stage in plugged.pipeline.stages] == ["builtin.extractors"] * 5
    assert stages["quantities"].extractor == QuantityExtractor()  # compiled tables do not compare
    assert stages["quantities"].extractor._patterns is not None
    assert stages["quantities"].extractor._patterns.units is plugged.units


def test_a_format_reader_is_imported_only_for_data_in_its_format() -> None:
    # A fresh interpreter: this process has imported the readers already.
    script = """
import sys
import govreport
readers = [f"govreport.readers.{name}" for name in ("html", "docx", "doc", "pdf")]
host = govreport.PluginHost(load_entrypoints=False)
host.read("一、总体情况".encode(), "plain.txt")
print(sorted(name for name in readers if name in sys.modules))
host.read(b"<!DOCTYPE html><html><body><p>x</p></body></html>", "page.html")
print(sorted(name for name in readers if name in sys.modules))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.splitlines() == ["[]", "['govreport.readers.html']"]
