"""The tutorial plugin passes govreport's contracts."""

from __future__ import annotations

import govreport_irrigation
import pytest

from govreport.model import Vocabulary
from govreport.testing.contracts import PluginContract, VocabularyContract


class TestIrrigationVocabulary(VocabularyContract):
    @pytest.fixture
    def vocabulary(self) -> Vocabulary:
        return govreport_irrigation.IRRIGATION


class TestIrrigationPlugin(PluginContract):
    @pytest.fixture
    def plugin(self) -> object:
        return govreport_irrigation
