"""The built-in extractors and exporters pass the same contracts as external plugins."""

from __future__ import annotations

import importlib

import pytest

from govreport import host as host_module
from govreport.exporters.base import Exporter
from govreport.extractors.base import MentionExtractor
from govreport.testing.contracts import ExporterContract, ExtractorContract, PluginContract

_HOST = host_module.PluginHost(load_entrypoints=False)


@pytest.mark.parametrize("name", sorted(_HOST.exporters))
class TestBuiltinExporters(ExporterContract):
    @pytest.fixture
    def exporter(self, name: str) -> Exporter:
        return _HOST.exporter(name)


@pytest.mark.parametrize("index", range(len(_HOST.extractors)))
class TestBuiltinExtractors(ExtractorContract):
    @pytest.fixture
    def extractor(self, index: int) -> MentionExtractor:
        return _HOST.extractors[index]


@pytest.mark.parametrize("name", sorted(host_module.BUILTIN_PLUGINS))
class TestBuiltinPlugins(PluginContract):
    @pytest.fixture
    def plugin(self, name: str) -> object:
        return importlib.import_module(host_module.BUILTIN_PLUGINS[name])
