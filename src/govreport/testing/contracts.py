"""Contract tests for plugin authors: subclass one, supply one fixture, and pytest runs the rest.

The pattern is pandas' extension-array base tests. In a plugin's test module::

    import pytest
    from govreport.testing.contracts import VocabularyContract
    from govreport_water import WATER

    class TestWaterVocabulary(VocabularyContract):
        @pytest.fixture
        def vocabulary(self):
            return WATER

The built-in extractors and exporters pass the same contracts (``tests/test_contracts.py``).
This module needs pytest: ``pip install "govreport[testing]"``; import it from tests only.
"""

from __future__ import annotations

import importlib
import importlib.resources
import itertools
import re
import unicodedata
from importlib import metadata
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from govreport.hookspecs import hookimpl
from govreport.host import BUILTIN_PLUGINS, PluginHost, builtin_plugin
from govreport.model import DEFAULT_UNITS, Report, Vocabulary
from govreport.parsing import parse
from govreport.protocols import Exporter, ExtractionContext, MentionExtractor
from govreport.testing.strategies import raw_texts

__all__ = [
    "ExporterContract",
    "ExtractorContract",
    "InstalledPluginContract",
    "PluginContract",
    "VocabularyContract",
    "sample_text",
]

_FIXTURE_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    # Fixtures differ per subclass, and several subclasses run one inherited test method.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.differing_executors],
)


def sample_text() -> str:
    """The bundled sample report (a water bureau's 2023 report)."""
    return (
        importlib.resources.files("govreport.examples")
        .joinpath("water-bureau-2023.txt")
        .read_text(encoding="utf-8")
    )


def _host(*plugins: object) -> PluginHost:
    """A host with ``plugins`` and the built-ins (a built-in under test is registered once)."""
    block = [name for name in BUILTIN_PLUGINS if builtin_plugin(name) in plugins]
    return PluginHost(plugins=plugins, load_entrypoints=False, block=block)


class ExporterContract:
    """Checks an exporter. Supply an ``exporter`` fixture."""

    @pytest.fixture
    def exporter(self) -> Exporter:
        """The exporter under test; override in the subclass."""
        raise NotImplementedError("supply an 'exporter' fixture")

    @pytest.fixture
    def sample(self) -> Report:
        """The bundled sample report, parsed."""
        return parse(sample_text(), source="water-bureau-2023.txt")

    def test_describes_itself(self, exporter: Exporter) -> None:
        assert isinstance(exporter, Exporter)
        assert exporter.name and exporter.name == exporter.name.strip()
        assert exporter.suffix.startswith(".")
        assert "/" in exporter.media_type

    def test_exports_the_sample(self, exporter: Exporter, sample: Report) -> None:
        output = exporter.export(sample)
        assert isinstance(output, bytes if exporter.binary else str)
        assert len(output) > 0
        if isinstance(output, str):
            output.encode("utf-8")  # no lone surrogates

    def test_is_deterministic(self, exporter: Exporter, sample: Report) -> None:
        assert exporter.export(sample) == exporter.export(sample)

    def test_copes_with_an_empty_report(self, exporter: Exporter) -> None:
        output = exporter.export(parse(""))
        assert isinstance(output, bytes if exporter.binary else str)

    @_FIXTURE_SETTINGS
    @given(text=raw_texts())
    def test_exports_any_report(self, exporter: Exporter, text: str) -> None:
        exporter.export(parse(text))


class ExtractorContract:
    """Checks a mention extractor. Supply an ``extractor`` fixture."""

    @pytest.fixture
    def extractor(self) -> MentionExtractor:
        """The extractor under test; override in the subclass."""
        raise NotImplementedError("supply an 'extractor' fixture")

    @pytest.fixture
    def vocabularies(self) -> tuple[Vocabulary, ...]:
        """Vocabularies the extractor reads; override when it needs some."""
        return ()

    def _extract(
        self, extractor: MentionExtractor, text: str, vocabularies: tuple[Vocabulary, ...]
    ) -> list[Any]:
        context = ExtractionContext(text=text, units=DEFAULT_UNITS, vocabularies=vocabularies)
        return list(extractor.extract(context))

    def test_describes_itself(self, extractor: MentionExtractor) -> None:
        assert isinstance(extractor, MentionExtractor)
        assert extractor.name
        assert isinstance(extractor.order, int)

    def test_spans_slice_to_text_on_the_sample(
        self, extractor: MentionExtractor, vocabularies: tuple[Vocabulary, ...]
    ) -> None:
        text = sample_text()
        for mention in self._extract(extractor, text, vocabularies):
            assert text[mention.span.start : mention.span.end] == mention.text

    def test_is_deterministic(
        self, extractor: MentionExtractor, vocabularies: tuple[Vocabulary, ...]
    ) -> None:
        text = sample_text()
        assert self._extract(extractor, text, vocabularies) == self._extract(
            extractor, text, vocabularies
        )

    def test_same_kind_mentions_do_not_overlap(
        self, extractor: MentionExtractor, vocabularies: tuple[Vocabulary, ...]
    ) -> None:
        by_kind: dict[str, list[Any]] = {}
        for mention in self._extract(extractor, sample_text(), vocabularies):
            by_kind.setdefault(mention.kind, []).append(mention)
        for mentions in by_kind.values():
            spans = sorted(m.span for m in mentions)
            assert all(a.end <= b.start for a, b in itertools.pairwise(spans))

    @_FIXTURE_SETTINGS
    @given(text=raw_texts())
    def test_any_text(
        self, extractor: MentionExtractor, vocabularies: tuple[Vocabulary, ...], text: str
    ) -> None:
        for mention in self._extract(extractor, text, vocabularies):
            assert 0 <= mention.span.start <= mention.span.end <= len(text)
            assert text[mention.span.start : mention.span.end] == mention.text


class VocabularyContract:
    """Checks a vocabulary. Supply a ``vocabulary`` fixture."""

    @pytest.fixture
    def vocabulary(self) -> Vocabulary:
        """The vocabulary under test; override in the subclass."""
        raise NotImplementedError("supply a 'vocabulary' fixture")

    def test_has_a_name_and_terms(self, vocabulary: Vocabulary) -> None:
        assert vocabulary.name
        assert vocabulary.entries or vocabulary.patterns

    def test_terms_are_unique_and_normalised(self, vocabulary: Vocabulary) -> None:
        terms = [entry.term for entry in vocabulary.entries]
        assert len(terms) == len(set(terms)), "a term is listed twice"
        for term in terms:
            assert term == term.strip() and term == unicodedata.normalize("NFC", term)
            assert all(entry.category for entry in vocabulary.entries)

    def test_patterns_never_match_empty(self, vocabulary: Vocabulary) -> None:
        for name in vocabulary.patterns:
            assert re.compile(name.pattern).fullmatch("") is None

    def test_units_do_not_silently_redefine_core_units(self, vocabulary: Vocabulary) -> None:
        for unit in vocabulary.units:
            for spelling in (unit.name, *unit.aliases):
                core = DEFAULT_UNITS.get(spelling)
                assert core is None or core.dimension == unit.dimension, spelling

    def test_every_term_is_found_in_a_sentence(self, vocabulary: Vocabulary) -> None:
        host = _host(_Registers(vocabulary))
        kind = "formulation" if vocabulary.kind == "formulation" else "term"
        for entry in vocabulary.entries:
            report = parse(f"全面加强{entry.term}工作。", host=host)
            found = [m for m in report.find(kind) if m.text == entry.term]
            assert found, entry.term
            if kind == "term":
                assert getattr(found[0], "category", None) == entry.category, entry.term


class _Registers:
    """A throwaway plugin that registers one vocabulary."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary

    @hookimpl
    def register_vocabularies(self, register: Any) -> None:
        register(self.vocabulary)


class PluginContract:
    """Checks a plugin object, built-in or external. Supply a ``plugin`` fixture (the module or
    object); :class:`InstalledPluginContract` adds the checks of an installed distribution."""

    @pytest.fixture
    def plugin(self) -> object:
        """The plugin module or object; override in the subclass."""
        raise NotImplementedError("supply a 'plugin' fixture")

    def test_registers_into_a_fresh_host(self, plugin: object) -> None:
        host = _host(plugin)  # check_pending inside: a misspelled hook fails here
        assert host.manager.is_registered(plugin)
        info = next(i for i in host.plugins() if host.manager.get_plugin(i.name) is plugin)
        assert info.hooks

    def test_the_sample_parses_with_it(self, plugin: object) -> None:
        report = parse(sample_text(), host=_host(plugin))
        for mention in report.mentions:
            assert report.slice(mention.span) == mention.text


class InstalledPluginContract(PluginContract):
    """Checks a plugin shipped as a distribution: everything :class:`PluginContract` checks, and
    that its entry point in the ``govreport`` group resolves to the plugin and is loaded by a
    default host. Supply ``plugin`` and ``plugin_name`` (the entry-point name) fixtures; the
    distribution must be installed (``pip install -e .``) for these to pass."""

    @pytest.fixture
    def plugin_name(self) -> str:
        """The entry-point name the plugin is installed under; override in the subclass."""
        raise NotImplementedError("supply a 'plugin_name' fixture")

    @staticmethod
    def _entry_point(plugin_name: str) -> metadata.EntryPoint:
        points = [ep for ep in metadata.entry_points(group="govreport") if ep.name == plugin_name]
        assert points, f"no entry point {plugin_name!r} in the 'govreport' group: install it"
        return points[0]

    def test_entry_point_resolves_to_the_plugin(self, plugin: object, plugin_name: str) -> None:
        assert self._entry_point(plugin_name).load() is plugin

    def test_is_listed_by_a_default_host(self, plugin_name: str) -> None:
        self._entry_point(plugin_name)
        assert plugin_name in [info.name for info in PluginHost().plugins()]
