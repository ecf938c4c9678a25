"""Tests for govreport-party: the contracts, the entries, and recall on the sample's gold."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import govreport_party
import pytest

import govreport
from govreport.extractors.formulations import DEFAULT_FORMULATIONS
from govreport.model import Vocabulary
from govreport.testing.contracts import InstalledPluginContract, VocabularyContract

GOLD = Path(__file__).parents[3] / "tests" / "data"
"""The repository's gold annotations (``tests/data``), three levels above this plugin."""


def _host() -> govreport.PluginHost:
    """A host with the built-ins and this plugin only."""
    return govreport.PluginHost(plugins=[govreport_party], load_entrypoints=False)


def _overlaps(a: list[int], b: list[int]) -> bool:
    """True when spans ``a`` and ``b`` share a character (the scorer's rule)."""
    return a[0] < b[1] and b[0] < a[1]


class TestPartyVocabulary(VocabularyContract):
    @pytest.fixture
    def vocabulary(self) -> Vocabulary:
        return govreport_party.PARTY


class TestPartyPlugin(InstalledPluginContract):
    @pytest.fixture
    def plugin(self) -> ModuleType:
        return govreport_party

    @pytest.fixture
    def plugin_name(self) -> str:
        return "party"


def test_is_a_formulation_vocabulary() -> None:
    assert govreport_party.PARTY.name == "party"
    assert govreport_party.PARTY.kind == "formulation"
    assert len(govreport_party.PARTY.entries) >= 60


def test_every_entry_has_a_meaning_and_a_category() -> None:
    for entry in govreport_party.PARTY.entries:
        assert entry.category and entry.category == entry.category.strip(), entry.term
        assert entry.meaning and entry.meaning == entry.meaning.strip(), entry.term
        assert "\n" not in entry.meaning, entry.term


def test_formulation_recall_on_the_sample_gold() -> None:
    gold = json.loads((GOLD / "water-bureau-2023.gold.json").read_text(encoding="utf-8"))
    with (GOLD / "water-bureau-2023.txt").open(encoding="utf-8", newline="") as file:
        text = file.read()
    report = govreport.parse(text, host=_host())
    found = [[m.span.start, m.span.end] for m in report.find("formulation")]
    expected = [m["span"] for m in gold["mentions"] if m["kind"] == "formulation"]
    hits = sum(any(_overlaps(span, gold_span) for span in found) for gold_span in expected)
    assert expected
    assert hits / len(expected) >= 0.9


def _json_formulations(sentence: str) -> dict[str, str | None]:
    """Text → meaning of each formulation in the JSON export of ``sentence``."""
    host = _host()
    output: dict[str, Any] = json.loads(
        host.exporter("json").export(govreport.parse(sentence, host=host))
    )
    return {m["text"]: m.get("meaning") for m in output["mentions"] if m["kind"] == "formulation"}


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ("落实责任、政策、帮扶、监管“四个不摘”要求。", "四个不摘"),
        ("严格执行双随机一公开监管。", "双随机一公开"),
        ("坚持两个毫不动摇，促进两个健康。", "两个毫不动摇"),
    ],
)
def test_formulations_carry_their_meaning_in_json(sentence: str, term: str) -> None:
    entry = next(e for e in govreport_party.PARTY.entries if e.term == term)
    assert _json_formulations(sentence)[term] == entry.meaning


def test_the_core_gloss_wins_for_a_term_both_know() -> None:
    assert _json_formulations("落实四水四定原则。")["四水四定"] == DEFAULT_FORMULATIONS["四水四定"]


def test_longer_terms_win_and_numbers_are_left_alone() -> None:
    report = govreport.parse("巩固两不愁三保障成果，新增三保障户12户。", host=_host())
    assert [m.text for m in report.find("formulation")] == ["两不愁三保障", "三保障"]
    assert any(m.text == "12户" for m in report.find("quantity"))
