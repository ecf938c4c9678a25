"""The built-in extractors and exporters pass the same contracts as external plugins."""

from __future__ import annotations

from pathlib import Path

import pytest

import govreport.testing
from govreport import host as host_module
from govreport.exporters.base import Exporter
from govreport.extractors.base import MentionExtractor
from govreport.testing.contracts import ExporterContract, ExtractorContract, PluginContract

TESTING_DOC = Path(__file__).parents[1] / "docs" / "testing.md"
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
        return host_module.builtin_plugin(name)


def test_the_test_kit_has_one_documented_extra() -> None:
    from importlib import metadata  # noqa: PLC0415 - only this test reads the metadata

    meta = metadata.metadata("govreport")
    assert "testing" in meta.get_all("Provides-Extra", [])
    wanted = [
        r for r in meta.get_all("Requires-Dist", []) if "extra == 'testing'" in r.replace('"', "'")
    ]
    assert [r.split(";")[0].replace(" ", "") for r in wanted] == ["pytest>=8"]
    assert 'pip install "govreport[testing]"' in TESTING_DOC.read_text(encoding="utf-8")


def test_the_test_kit_imports_no_extractor() -> None:
    import ast  # noqa: PLC0415

    kit = Path(govreport.testing.__file__).parent
    for module in kit.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [m for m in imported if m and m.startswith("govreport.extractors.")], module
