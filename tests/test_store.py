"""The mention store: Mentions equal the tuple of the same mentions, however they are held."""

from __future__ import annotations

import pickle
from array import array
from collections.abc import Callable
from decimal import Decimal
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport.model import (
    DateMention,
    Entry,
    Mention,
    Mentions,
    Quantity,
    Report,
    Span,
    Term,
    Vocabulary,
    store,
)
from govreport.model.mentions import MENTION_ORDER
from govreport.model.store import MentionCollector, instances

# Shared objects, as a vocabulary's terms share theirs; equal copies that are not the same.
_TEXTS = ("水库", "河道", "堤防")
_COPIES = tuple("".join(list(text)) for text in _TEXTS)


@st.composite
def _mention(draw: st.DrawFn) -> Mention:
    start = draw(st.integers(0, 60))
    span = Span(start, start + draw(st.integers(0, 3)))
    kind = draw(st.sampled_from(("term", "copy", "quantity", "date")))
    if kind in ("term", "copy"):
        text = draw(st.sampled_from(_TEXTS if kind == "term" else _COPIES))
        return Term(span=span, text=text, vocabulary="water", category="c")
    if kind == "quantity":  # 1.0 and 1.00 are equal, not the same
        value = draw(st.sampled_from((Decimal("1.0"), Decimal("1.00"), Decimal(2))))
        return Quantity(span=span, text="1项", value=value, unit="项")
    return DateMention(span=span, text="2023年", value="2023")


_MENTIONS = st.lists(_mention(), max_size=40)


_BLOCKS = st.sampled_from((store.BLOCK, 3))
"""The store's block: as shipped (short lists stay objects) and tiny (most are compact)."""


def _same(held: Mentions, mentions: list[Mention]) -> None:
    expected = tuple(mentions)
    assert held == expected and expected == held and held != (*expected[:-1], None)
    assert tuple(held) == expected and len(held) == len(expected)
    assert hash(held) == hash(expected)
    for index in range(-len(expected), len(expected)):
        got = held[index]
        assert got == expected[index]
        # The very same values, not equal ones: 1.00 stays 1.00.
        for field in attrs.fields(type(got)):
            if field.name != "span":
                assert getattr(got, field.name) is getattr(expected[index], field.name)


@settings(max_examples=150, deadline=None)
@given(block=_BLOCKS, mentions=_MENTIONS, cut=st.slices(45))
def test_mentions_equal_the_tuple_of_their_mentions(
    block: int, mentions: list[Mention], cut: slice
) -> None:
    with mock.patch.object(store, "BLOCK", block):
        held = Mentions(mentions)
    _same(held, mentions)
    assert held[cut] == tuple(mentions)[cut]
    assert isinstance(held[cut], Mentions)
    assert Mentions(held) is held
    assert pickle.loads(pickle.dumps(held)) == held
    assert held.ordered() == tuple(sorted(mentions, key=MENTION_ORDER))
    assert instances(held, Term) == [m for m in mentions if isinstance(m, Term)]
    assert held.places(Quantity) == [i for i, m in enumerate(mentions) if isinstance(m, Quantity)]
    assert len(held.prototypes()) <= len(mentions)


@settings(max_examples=100, deadline=None)
@given(block=_BLOCKS, mentions=_MENTIONS, cut=st.integers(0, 40), replaced=st.integers(0, 39))
def test_a_collector_drops_replaces_and_sorts_as_a_list_does(
    block: int, mentions: list[Mention], cut: int, replaced: int
) -> None:
    collector, expected = MentionCollector(), list(mentions)
    with mock.patch.object(store, "BLOCK", block):
        for start in range(0, len(mentions), block):
            collector.extend(mentions[start : start + block])
    collector.truncate(cut)
    del expected[cut:]
    if replaced < len(expected):
        moved = attrs.evolve(expected[replaced], text=expected[replaced].text)
        collector[replaced] = moved
        expected[replaced] = moved
    assert list(collector) == expected
    collector.sort()
    expected.sort(key=MENTION_ORDER)
    held = collector.finish()
    _same(held, expected)
    assert held.ordered() is held


@pytest.mark.parametrize(("block", "prototypes"), [(store.BLOCK, 9), (3, 1)])
def test_repeated_mentions_share_one_prototype(block: int, prototypes: int) -> None:
    terms = [Term(span=Span(i, i + 2), text="水库", vocabulary="w", category="c") for i in range(9)]
    with mock.patch.object(store, "BLOCK", block):
        held = Mentions(terms)
    assert len(held.prototypes()) == prototypes
    assert held[4] == terms[4] and held[4].span == Span(4, 6)


def test_mentions_are_immutable() -> None:
    held = Mentions([Term(span=Span(0, 2), text="水库", vocabulary="w", category="c")])
    with pytest.raises(AttributeError):
        held._table = ()  # type: ignore[misc]
    assert Mentions() == () and not Mentions()


def test_placed_mentions_are_checked() -> None:
    term = Term(span=Span(0, 2), text="水库", vocabulary="w", category="c")
    held = Mentions.placed([term], array("q", [0, 2]), array("q", [2, 4]), array("I", [0, 0]))
    assert held == (term, attrs.evolve(term, span=Span(2, 4)))
    assert held.mismatch("水库水库") is None and held.mismatch("水库水") == 1
    with pytest.raises(ValueError):
        Mentions.placed([term], array("q", [0]), array("q", [2]), array("I", [1]))
    with pytest.raises(ValueError):
        Mentions.placed([term], array("q", [0]), array("q", [2, 4]), array("I", [0]))


class _Reservoirs:
    """A plugin with one term."""

    @govreport.hookimpl
    def register_vocabularies(self, register: Callable[[Vocabulary], None]) -> None:
        register(Vocabulary(name="reservoirs", entries=(Entry("水库", "reservoir"),)))


def test_a_term_dense_report_is_held_compactly_and_round_trips() -> None:
    host = govreport.PluginHost(plugins=[_Reservoirs()], load_entrypoints=False)
    report = govreport.parse("一、水库\n" + "水库" * 6000 + "。蓄水3亿立方米。", host=host)
    mentions = report.mentions
    assert len(mentions) > 6000 and len(mentions.prototypes()) < 10
    assert govreport.loads(govreport.dumps(report)) == report
    assert pickle.loads(pickle.dumps(report)) == report
    assert mentions.ordered() is mentions
    [quantity] = report.quantities()
    assert quantity.text == "3亿立方米" and quantity.indicator is not None


def test_a_report_holds_what_it_is_given_as_mentions() -> None:
    term = Term(span=Span(0, 2), text="水库", vocabulary="w", category="c")
    report = Report(text="水库", mentions=[term])
    assert isinstance(report.mentions, Mentions) and report.mentions == (term,)
    assert attrs.evolve(report, mentions=(term, term)).mentions == (term, term)


def _first_misplaced_by_hand(mentions: list[Mention], text: str) -> int | None:
    for index, mention in enumerate(mentions):
        start, end = mention.span.start, mention.span.end
        if not 0 <= start <= end <= len(text) or text[start:end] != mention.text:
            return index
    return None


@settings(max_examples=200)
@given(
    st.text("水库河", max_size=12),
    st.lists(st.tuples(st.integers(0, 14), st.integers(0, 3), st.sampled_from(["水库", "水", ""]))),
)
def test_misplaced_finds_the_first_bad_place(text: str, places: list[tuple[int, int, str]]) -> None:
    # Texts of up to 12 characters and spans reaching 17: some end past the text.
    mentions: list[Mention] = [
        Term(span=Span(start, start + width), text=written, vocabulary="w", category="c")
        for start, width, written in places
    ]
    expected = _first_misplaced_by_hand(mentions, text)
    assert store.misplaced(mentions, text) == expected
    assert store.misplaced(Mentions(mentions), text) == expected
