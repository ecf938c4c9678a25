"""A failing plugin, hook by hook: named with its hook; a strict run stops, a tolerant run goes on.

Every hook of :mod:`govreport.hookspecs` has a case here, plus the two calls made on what
plugins register (an extractor's ``extract`` and an exporter's ``export``), a plugin that
fails to load, and a hook the spec does not know.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

import govreport
from govreport import cli, hookspecs
from govreport.errors import PluginError
from govreport.exporters.base import Exporter
from govreport.extractors.base import ExtractionContext
from govreport.indicators import Link, LinkContext
from govreport.model import Indicator, Mention, Quantity, Report, Role, Span, Term, Unit
from tests.hook_plugin import Plugin as HookPlugin

TEXT = "一、总体情况\n完成19项，新增3家。\n"


class Plugin(HookPlugin):
    """A plugin of the given hook functions, always named ``faulty``."""

    __name__ = "faulty"


def boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


def make_host(plugin: object, *, strict: bool) -> govreport.PluginHost:
    return govreport.PluginHost(plugins=[plugin], load_entrypoints=False, strict=strict)


PARSE_HOOKS = [
    "register_mention_extractors",
    "register_units",
    "register_vocabularies",
    "register_heading_styles",
    "register_indicators",
    "register_indicator_linkers",
]


def test_every_hook_has_a_fault_case() -> None:
    hooks = {
        name for name in vars(hookspecs) if hasattr(getattr(hookspecs, name), "govreport_spec")
    }
    covered = {*PARSE_HOOKS, "register_exporters", "read_source", "report_parsed"}
    assert hooks == covered


@pytest.mark.parametrize("hook", [*PARSE_HOOKS, "register_exporters"])
def test_a_failing_registration_stops_a_strict_host_as_it_is_built(hook: str) -> None:
    # Registration is eager: the host is never half-loaded, and no later use raises instead.
    with pytest.raises(PluginError, match=rf"plugin 'faulty' failed in {hook}: RuntimeError: boom"):
        make_host(Plugin(**{hook: boom}), strict=True)


@pytest.mark.parametrize("hook", PARSE_HOOKS)
def test_a_failing_registration_is_recorded_by_a_tolerant_parse(hook: str) -> None:
    plugged = make_host(Plugin(**{hook: boom}), strict=False)
    report = govreport.parse(TEXT, host=plugged, strict=False)
    assert [q.text for q in report.quantities()] == ["19项", "3家"]  # the built-ins still ran
    assert [n.title for n in report.outline] == ["总体情况"]
    (fault,) = report.faults
    assert (fault.plugin, fault.hook) == ("faulty", hook)
    assert "RuntimeError: boom" in fault.message
    # Every later parse with that host carries the fault too.
    assert govreport.parse(TEXT, host=plugged, strict=False).faults == report.faults


def test_a_tolerant_host_still_fails_a_strict_parse() -> None:
    plugged = make_host(Plugin(register_units=boom), strict=False)
    with pytest.raises(PluginError, match="register_units"):
        govreport.parse(TEXT, host=plugged, strict=True)


def test_a_plugin_failing_half_way_registers_nothing() -> None:
    def half(register: Callable[[object], None]) -> None:
        register(Unit("立米", "volume", "m³", 1))
        raise RuntimeError("boom")

    plugged = make_host(Plugin(register_units=half), strict=False)
    assert "立米" not in plugged.units.units
    assert [e.hook for e in plugged.faults] == ["register_units"]


def test_registering_the_wrong_kind_of_thing_is_a_fault() -> None:
    plugged = make_host(Plugin(register_units=lambda register: register("标方")), strict=False)
    report = govreport.parse(TEXT, host=plugged, strict=False)
    (fault,) = report.faults
    assert "registered '标方', not a Unit" in fault.message
    with pytest.raises(PluginError, match="not a Unit"):
        make_host(Plugin(register_units=lambda register: register("标方")), strict=True)


def test_a_failing_exporter_registration() -> None:
    tolerant = make_host(Plugin(register_exporters=boom), strict=False)
    assert "json" in tolerant.exporters  # the others are still there
    assert [e.hook for e in tolerant.faults] == ["register_exporters"]
    assert tolerant.parse_faults == ()  # what is written, not what a parse finds
    assert govreport.parse(TEXT, host=tolerant, strict=False).faults == ()  # not the parse's


class _Linker:
    """An indicator linker that answers with ``links`` (or raises them)."""

    name = "odd"

    def __init__(self, links: object) -> None:
        self.links = links

    def link(self, context: LinkContext) -> object:
        if isinstance(self.links, Exception):
            raise self.links
        return self.links


@pytest.mark.parametrize(
    ("links", "message"),
    [
        (RuntimeError("boom"), "RuntimeError: boom"),
        ([], "gave 0 links for 2 quantities"),
        (
            [Link(indicator=Indicator(text="x", span=Span(0, 1)), role=Role.OTHER, period=None)]
            * 2,
            "indicator 'x' at",
        ),
    ],
)
def test_a_failing_indicator_linker_leaves_the_quantities_unlinked(
    links: object, message: str
) -> None:
    plugin = Plugin(register_indicator_linkers=lambda register: register(_Linker(links)))
    with pytest.raises(PluginError, match=f"'faulty' failed in odd: {message}"):
        govreport.parse(TEXT, host=make_host(plugin, strict=True))
    report = govreport.parse(TEXT, host=make_host(plugin, strict=False), strict=False)
    assert [(f.plugin, f.hook) for f in report.faults] == [("faulty", "odd")]
    assert [(q.text, q.indicator, q.role) for q in report.quantities()] == [
        ("19项", None, None),
        ("3家", None, None),
    ]


@pytest.mark.parametrize("strict", [True, False])
def test_a_failing_reader_is_named_in_either_mode(strict: bool) -> None:
    plugged = make_host(Plugin(read_source=boom), strict=strict)
    with pytest.raises(PluginError, match="plugin 'faulty' failed in read_source: RuntimeError"):
        govreport.parse_bytes(TEXT.encode(), host=plugged, strict=strict)


def test_a_reader_answering_with_bytes_is_named() -> None:
    plugged = make_host(Plugin(read_source=lambda data: data), strict=True)
    with pytest.raises(PluginError, match="'faulty' failed in read_source: returned bytes"):
        govreport.parse_bytes(TEXT.encode(), host=plugged)


def test_a_failing_report_parsed_hook() -> None:
    with pytest.raises(PluginError, match="'faulty' failed in report_parsed"):
        govreport.parse(TEXT, host=make_host(Plugin(report_parsed=boom), strict=True))
    report = govreport.parse(
        TEXT, host=make_host(Plugin(report_parsed=boom), strict=True), strict=False
    )
    assert [(f.plugin, f.hook) for f in report.faults] == [("faulty", "report_parsed")]
    assert len(report.quantities()) == 2


def test_a_failing_extractor_keeps_the_other_extractors() -> None:
    class Broken:
        name, order = "broken", 50  # runs first

        def extract(self, context: ExtractionContext) -> list[Mention]:
            raise ValueError("bad state")

    plugin = Plugin(register_mention_extractors=lambda register: register(Broken()))
    with pytest.raises(PluginError, match="'faulty' failed in broken: ValueError: bad state"):
        govreport.parse(TEXT, host=make_host(plugin, strict=True))
    report = govreport.parse(TEXT, host=make_host(plugin, strict=True), strict=False)
    assert [(f.plugin, f.hook) for f in report.faults] == [("faulty", "broken")]
    assert len(report.quantities()) == 2


def test_a_misspelled_hook_is_dropped_by_a_tolerant_host() -> None:
    plugged = make_host(Plugin(register_unit=boom), strict=False)
    assert [e.hook for e in plugged.faults] == ["check_pending"]
    assert "faulty" not in {name for name, _ in plugged.manager.list_name_plugin()}
    with pytest.raises(PluginError, match="register_unit"):
        make_host(Plugin(register_unit=boom), strict=True)


def test_an_unknown_hook_argument_is_a_fault() -> None:
    plugin = Plugin(register_units=lambda register, colour: None)
    with pytest.raises(PluginError, match="failed in register"):
        make_host(plugin, strict=True)
    assert [e.hook for e in make_host(plugin, strict=False).faults] == ["register"]


# -- the command line ------------------------------------------------------------------------


def _no_column(report: Report) -> str:
    raise KeyError("no such column")


FAILING = Exporter(name="fails", suffix=".txt", media_type="text/plain", render=_no_column)
WRONG_TYPE = Exporter(
    name="wrongtype",
    suffix=".txt",
    media_type="text/plain",
    render=lambda report: 42,  # type: ignore[arg-type,return-value]
)


@pytest.mark.parametrize(
    ("fmt", "detail"),
    [("fails", "KeyError: 'no such column'"), ("wrongtype", "returned int, not str or bytes")],
)
def test_a_failing_exporter_is_one_line_exit_2_and_no_file(
    fmt: str,
    detail: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def register(register: Callable[[object], None]) -> None:
        register(FAILING)
        register(WRONG_TYPE)

    plugin = Plugin(register_exporters=register)
    monkeypatch.setattr(cli, "default_host", lambda strict=True: make_host(plugin, strict=strict))
    source = tmp_path / "report.txt"
    source.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "report.out"
    assert cli.main(["parse", str(source), "--format", fmt, "-o", str(out)]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("govreport: ") and str(source) in line
    assert f"plugin 'faulty' failed in export: {detail}" in line
    assert not out.exists()


def _prints_then_fails(report: Report) -> str:
    print("half of an export")
    raise ValueError("gave up")


def test_what_a_plugin_prints_never_reaches_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15: an exporter that prints to stdout and raises left partial output there."""
    printing = Exporter(
        name="prints", suffix=".txt", media_type="text/plain", render=_prints_then_fails
    )
    plugin = Plugin(register_exporters=lambda register: register(printing))
    monkeypatch.setattr(cli, "default_host", lambda strict=True: make_host(plugin, strict=strict))
    source = tmp_path / "report.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert cli.main(["parse", str(source), "--format", "prints"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "half of an export" in captured.err
    assert "plugin 'faulty' failed in export: ValueError: gave up" in captured.err
    assert cli.main(["parse", str(source), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == TEXT


def test_a_plugin_that_fails_to_load(tmp_path: Path) -> None:
    (tmp_path / "govreport_crash.py").write_text("raise ImportError('missing dependency')\n")
    info = tmp_path / "govreport_crash-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: govreport-crash\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[govreport]\ncrash = govreport_crash\n")
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("GOVREPORT_")}
    env = {**inherited, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "govreport", "parse", "-", *args]
        return subprocess.run(
            command, capture_output=True, text=True, env=env, input=TEXT, check=False
        )

    strict = run()
    assert strict.returncode == 2 and strict.stdout == ""
    assert strict.stderr == textwrap.dedent(
        """\
        govreport: plugin 'crash' failed in load: ImportError: missing dependency
        """
    )
    tolerant = run("--lenient")
    assert tolerant.returncode == 0, tolerant.stderr
    (fault,) = json.loads(tolerant.stdout)["faults"]
    assert (fault["plugin"], fault["hook"]) == ("crash", "load")


# -- what a plugin returns, type-checked at the boundary (found by fuzz/fuzz_export.py) -------


class _Answers:
    """An extractor answering with ``mentions``, at ``order``."""

    name = "answers"

    def __init__(self, mentions: list[object], order: object = 450) -> None:
        self.mentions, self.order = mentions, order

    def extract(self, context: ExtractionContext) -> list[object]:
        return self.mentions


def _answering(mentions: list[object], order: object = 450) -> Plugin:
    extractor = _Answers(mentions, order)
    return Plugin(register_mention_extractors=lambda register: register(extractor))


@pytest.mark.parametrize(
    ("order", "detail"),
    [("first", "with the order 'first', not an int"), (True, "with the order True, not an int")],
)
def test_an_extractor_whose_order_is_no_int_is_a_fault(order: object, detail: str) -> None:
    # Issue 15: a tolerant host died with a TypeError while sorting its pipeline.
    with pytest.raises(
        PluginError, match=f"'faulty' failed in register_mention_extractors: .*{detail}"
    ):
        make_host(_answering([], order), strict=True)
    tolerant = make_host(_answering([], order), strict=False)
    assert [e.hook for e in tolerant.faults] == ["register_mention_extractors"]
    assert len(govreport.parse(TEXT, host=tolerant, strict=False).quantities()) == 2


def test_an_extractor_whose_name_is_no_str_is_a_fault() -> None:
    extractor = _Answers([])
    extractor.name = ["answers"]  # type: ignore[assignment]
    plugin = Plugin(register_mention_extractors=lambda register: register(extractor))
    with pytest.raises(PluginError, match=r"registered the name \['answers'\], not a str"):
        make_host(plugin, strict=True)


WHOLE = Span(0, len(TEXT))


@pytest.mark.parametrize(
    ("mention", "detail"),
    [
        (
            Quantity(span=WHOLE, text=TEXT, value="5", unit="项"),  # type: ignore[arg-type]
            "value '5' is str, not Decimal",
        ),
        (
            Quantity(span=WHOLE, text=TEXT, value=Decimal("NaN"), unit="项"),
            "value NaN is not a finite number",
        ),
        (
            Quantity(span=WHOLE, text=TEXT, value=Decimal(5), unit=5),  # type: ignore[arg-type]
            "unit 5 is int, not str or None",
        ),
        (
            Term(span=Span(0.0, 2.0), text=TEXT[:2], vocabulary="v", category="c"),  # type: ignore[arg-type]
            "span.start 0.0 is float, not int",
        ),
        (
            Term(span=Span(False, True), text=TEXT[:1], vocabulary="v", category="c"),
            "span.start False is bool, not int",
        ),
        (
            Term(span=(0, 2), text=TEXT[:2], vocabulary="v", category="c"),  # type: ignore[arg-type]
            r"span \(0, 2\) is tuple, not Span",
        ),
    ],
)
def test_a_mention_of_the_wrong_types_is_named_not_exported(mention: Mention, detail: str) -> None:
    # Issue 15: a str value reached the html exporter, which was blamed; float offsets gave a
    # TypeError outside any plugin call. The parse checks what a plugin's mentions hold.
    with pytest.raises(
        PluginError, match=f"^plugin 'faulty' failed in answers: {detail}"
    ) as caught:
        govreport.parse(TEXT, host=make_host(_answering([mention]), strict=True))
    assert "\n" not in str(caught.value)
    host = make_host(_answering([mention]), strict=False)
    report = govreport.parse(TEXT, host=host, strict=False)
    assert [(f.plugin, f.hook) for f in report.faults] == [("faulty", "answers")]
    assert [q.text for q in report.quantities()] == ["19项", "3家"]
    for name in host.exporters:
        host.export(name, report)


def test_a_block_of_built_in_mentions_is_checked_whole_and_fails_on_any_bad_one() -> None:
    from govreport import parsing  # noqa: PLC0415
    from govreport.model import DateMention, Span  # noqa: PLC0415

    text = "12月12月"
    good = [DateMention(span=Span(0, 3), text="12月", value="--12")]
    good.append(DateMention(span=Span(3, 6), text="12月", value="--12"))
    assert parsing._fit(good, text)
    assert parsing._fit([], text)
    for bad in (
        DateMention(span=Span(3, 7), text="12月", value="--12"),  # past the end
        DateMention(span=Span(2, 5), text="12月", value="--12"),  # not its text
        "12月",  # not a mention
    ):
        assert not parsing._fit([*good, bad], text)  # type: ignore[list-item]
