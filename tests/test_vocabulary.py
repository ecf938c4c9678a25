"""The vocabulary extractor and the vocabulary model: entries, name patterns and name starts.

The extractor finds everything in one pass of an anchored gate (see its module docstring); these
tests hold it to the plain definition: entries as a trie matched leftmost-longest, each name
pattern as its :meth:`~govreport.model.NamePattern.regex` matched left to right, then overlaps
settled leftmost, longest, entry before name, earlier pattern before later.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.extractors.base import ExtractionContext
from govreport.extractors.trie import trie_pattern
from govreport.extractors.vocabulary import VocabularyExtractor, _spelled, _Start
from govreport.model import DEFAULT_UNITS, Entry, NamePattern, Term, Vocabulary
from govreport.model.vocabulary import NameStart
from tests.linear import under_the_ceiling

FAST = settings(max_examples=300, deadline=None)

Found = list[tuple[int, int, str, str | None]]


def extract(text: str, *vocabularies: Vocabulary) -> Found:
    """What the extractor finds: (start, end, category, subtype)."""
    context = ExtractionContext(text=text, units=DEFAULT_UNITS, vocabularies=vocabularies)
    terms = [m for m in VocabularyExtractor().extract(context) if isinstance(m, Term)]
    assert all(text[t.span.start : t.span.end] == t.text for t in terms)
    return [(t.span.start, t.span.end, t.category, t.subtype) for t in terms]


def reference(text: str, *vocabularies: Vocabulary) -> Found:
    """The definition: one trie of the entries, each pattern's whole regular expression."""
    entries: dict[str, Entry] = {}
    for vocabulary in vocabularies:
        for entry in vocabulary.entries:
            entries.setdefault(entry.term, entry)
    candidates: list[tuple[int, int, int, tuple[int, int, str, str | None]]] = []
    if entries:
        for match in re.finditer(trie_pattern(list(entries)), text):
            entry = entries[match.group()]
            found = (match.start(), match.end(), entry.category, entry.subtype)
            candidates.append((match.start(), match.start() - match.end(), 0, found))
    for vocabulary in vocabularies:
        for pattern in vocabulary.patterns:
            for match in re.finditer(pattern.regex(), text):
                if match.end() > match.start():
                    found = (match.start(), match.end(), pattern.category, pattern.subtype)
                    candidates.append((match.start(), match.start() - match.end(), 1, found))
    candidates.sort(key=lambda c: c[:3])
    kept: Found = []
    for start, _, _, found in candidates:
        if not kept or start >= kept[-1][1]:
            kept.append(found)
    return kept


# -- entries -------------------------------------------------------------------------------------

ALPHABET = "水库河湖一二引江长道 A1.、\n"


@FAST
@given(
    words=st.lists(st.text(ALPHABET, min_size=1, max_size=4), min_size=1, max_size=12),
    text=st.text(ALPHABET, max_size=40),
)
def test_entries_are_found_leftmost_then_longest(words: list[str], text: str) -> None:
    vocabulary = Vocabulary(
        name="v", entries=tuple(Entry(w, f"c{i}") for i, w in enumerate(dict.fromkeys(words)))
    )
    assert extract(text, vocabulary) == reference(text, vocabulary)


def test_entries_overlapping_at_different_anchors_are_all_weighed() -> None:
    # 城市供水 wins over 供水管网 (it starts first); after 新型城市, 供水管网 is the next.
    words = ("新型城市", "城市供水", "供水管网", "供水", "水", "管网")
    vocabulary = Vocabulary(name="v", entries=tuple(Entry(w, w) for w in words))
    for text in ("城市供水管网", "新型城市供水管网", "供水管网水", "市供水管"):
        assert extract(text, vocabulary) == reference(text, vocabulary), text
    assert [c for *_, c, _ in extract("新型城市供水管网", vocabulary)] == ["新型城市", "供水管网"]


@pytest.mark.parametrize("remembered", [2, 4096])
def test_long_dense_texts_are_found_as_short_ones(
    remembered: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where a name may start near an anchor is worked out once for each surrounding, a few
    # thousand kept at a time: names after repeated words must come out as in one piece, and
    # the same when they are forgotten at once.
    monkeypatch.setattr("govreport.extractors.vocabulary._REMEMBERED", remembered)
    words = ("新型城市", "城市供水", "供水管网", "供水", "水", "管网", "水库")
    vocabulary = Vocabulary(
        name="v",
        entries=tuple(Entry(w, w) for w in words),
        patterns=(
            NamePattern(
                "[一二三]{1,2}河", "waters", "river", anchors=("河",), anchor_offsets=(1, 2)
            ),
            NamePattern(
                f"{NAME}{{2,4}}水库",
                "works",
                "reservoir",
                start=START,
                anchors=("水库",),
                anchor_offsets=(2, 4),
            ),
        ),
    )
    piece = "新型城市供水管网水库一河城市供水二三河管网供水水完成北塘大西水库，造成北塘大西水库在年底大水库\n"
    for shift in range(len(piece)):  # each puts the text's start elsewhere in the piece
        text = piece[shift:] + piece * (9_000 // len(piece))
        assert extract(text, vocabulary) == reference(text, vocabulary), shift


def test_the_first_vocabularythat_lists_a_term_gives_its_category() -> None:
    first = Vocabulary(name="a", entries=(Entry("河长", "first"),))
    second = Vocabulary(name="b", entries=(Entry("河长", "second"), Entry("河长制", "longer")))
    assert extract("推行河长制，河长巡河", first, second) == [
        (2, 5, "longer", None),
        (6, 8, "first", None),
    ]


# -- name starts ---------------------------------------------------------------------------------

START = NameStart(("完成", "年", "年底", "在", "长江"), ("和",))
WORDS = "完成年底在长江和"


@FAST
@given(text=st.text(WORDS + "北塘水库，\n 。", max_size=24))
def test_a_name_start_allows_what_its_pattern_matches(text: str) -> None:
    fast, regex = _Start.of(START), re.compile(START.pattern())
    for at in range(len(text) + 1):
        assert fast.allows(text, at) == bool(regex.match(text, at)), (text, at)


@FAST
@given(text=st.text(WORDS + "北塘水库，\n 。", max_size=24))
def test_a_name_start_reads_no_further_than_its_reach(text: str) -> None:
    fast = _Start.of(START)
    reach = fast.reach
    for at in range(reach, len(text) + 1):
        assert fast.allows(text, at) == fast.allows(text[at - reach : at + reach], reach)


def test_a_name_start_without_joiners_allows_names_after_words() -> None:
    start = NameStart(("完成",))
    assert re.compile(start.pattern()).match("完成北塘", 2)
    assert _Start.of(start).allows("完成北塘", 2)
    assert not _Start.of(start).allows("完成北塘", 1)


def test_a_name_never_starts_inside_a_listed_word_after_another() -> None:
    assert START.inside() == (("年底", 1),)
    assert not _Start.of(START).allows("在年底", 2)  # 底 follows 年, but is inside 年底


# -- name patterns -------------------------------------------------------------------------------

NAME = "[\u4e00-\u9fff]"
NAMES = Vocabulary(
    name="names",
    entries=(Entry("水库", "generic"), Entry("病险水库", "generic"), Entry("河长", "generic")),
    patterns=(
        NamePattern(
            f"{NAME}{{2,4}}(?:水库|[一二]库)",
            "works",
            "reservoir",
            start=START,
            anchors=("水库", "一库", "二库"),
            anchor_offsets=(2, 4),
        ),
        NamePattern(
            f"{NAME}{{1,4}}(?:河(?<!拔河)(?!道|长))",
            "waters",
            "river",
            start=START,
            anchors=("河(?<!拔河)(?!道|长)",),
            anchor_offsets=(1, 4),
        ),
        # shares 水 with the reservoir's anchor, and ties with the river on 北河水厂
        NamePattern(
            f"{NAME}{{2,3}}水厂", "works", "plant", anchors=("水厂",), anchor_offsets=(2, 3)
        ),
        # its anchor and the river's match at the same 河
        NamePattern(
            f"{NAME}河水",
            "waters",
            "river-water",
            start=START,
            anchors=("河水",),
            anchor_offsets=(1, 1),
        ),
        NamePattern(f"{NAME}{{2}}湖", "waters", "lake", start=START),  # no anchors
        NamePattern(r"引[滦江](?:入[津冀])?", "works", "diversion"),  # plain, as before
    ),
)
NAME_TEXT = "完成北塘水库和黄港一库，年底海河长江河道，北河水厂、引滦入津拔河水库水库河水厂\n大河，东丽湖，北河水"


@FAST
@given(text=st.text(NAME_TEXT, max_size=40))
def test_name_patterns_match_as_their_regular_expressions(text: str) -> None:
    assert extract(text, NAMES) == reference(text, NAMES)


def test_name_patterns_in_a_sentence() -> None:
    assert extract(NAME_TEXT, NAMES) == reference(NAME_TEXT, NAMES)
    found = [(NAME_TEXT[s:e], t) for s, e, _, t in extract(NAME_TEXT, NAMES)]
    assert found == [
        ("北塘水库", "reservoir"),
        ("黄港一库", "reservoir"),
        ("河长", None),  # not 海河: 河 before 长 is no river
        ("北河水厂", "plant"),
        ("引滦入津", "diversion"),
        ("水库", None),
        ("水库河水厂", "plant"),
        ("大河", "river"),
        ("东丽湖", "lake"),
        ("北河水", "river-water"),  # the river is shorter
    ]


@pytest.mark.parametrize(
    ("anchor", "spelled"),
    [
        ("水库", "水库"),
        ("水(?<!污水)(?<!再生水)厂", "水厂"),
        ("河(?!道)[^长]", "河"),
        ("(?i)ab", ""),
    ],
)
def test_an_anchor_is_spelled_by_its_leading_literals(anchor: str, spelled: str) -> None:
    # Where the gate sees one anchor, another of the same first character is tried only if
    # the spellings agree: one begins the other.
    assert _spelled(anchor) == spelled


SHARING = Vocabulary(
    name="sharing",
    patterns=(
        NamePattern(
            f"{NAME}{{1,2}}水库", "works", "reservoir", anchors=("水库",), anchor_offsets=(1, 2)
        ),
        # spelled 水库区, so tried wherever the reservoir's anchor is seen first
        NamePattern(
            f"{NAME}{{1,2}}水(?<!污水)库区",
            "works",
            "area",
            anchors=("水(?<!污水)库区",),
            anchor_offsets=(1, 2),
        ),
    ),
)


@FAST
@given(text=st.text("北塘污水库区河", max_size=30))
def test_anchors_spelled_alike_are_both_tried(text: str) -> None:
    assert extract(text, SHARING) == reference(text, SHARING)
    assert extract("北塘水库区", SHARING) == [(0, 5, "works", "area")]


@pytest.mark.parametrize(
    "anchor",
    [
        "(?<!拔)河",
        "[一二]库",
        ".库",
        "河?",
        "河{2}",
        "(河)",
        "河(?P<x>道)",
        "",
        "水库|一库",
        "河[|](?:道)|湖",
    ],
)
def test_an_anchor_begins_with_a_plain_character_and_captures_nothing(anchor: str) -> None:
    with pytest.raises(ValueError, match="anchor"):
        NamePattern("x", "c", "s", anchors=(anchor,))


@pytest.mark.parametrize(
    "anchor", ["水库", "河(?<!拔河)(?!道|湖)", "河[|(]", r"河\|", "河[]|]", "河[^]|]"]
)
def test_an_anchor_may_alternate_inside_a_group_or_set(anchor: str) -> None:
    assert NamePattern("x", "c", "s", anchors=(anchor,)).anchors == (anchor,)


@pytest.mark.parametrize("offsets", [(-1, 2), (3, 2)])
def test_anchor_offsets_are_a_forward_range(offsets: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="offsets"):
        NamePattern("x", "c", "s", anchors=("x",), anchor_offsets=offsets)


def test_a_plain_name_pattern_is_its_own_regular_expression() -> None:
    plain = NamePattern("x", "c", "s")
    assert plain.regex() == "x"
    assert (plain.start, plain.anchors, plain.anchor_offsets) == (None, (), (0, 0))
    assert NamePattern("x", "c", "s", start=START).regex() == f"{START.pattern()}(?:x)"


@pytest.mark.parametrize("unit", ["河", "水库", "河水厂", "引滦入", "完成"])
def test_long_runs_of_a_suffix_take_linear_time(unit: str) -> None:
    text = unit * (200_000 // len(unit.encode()))  # about 200 KB
    with under_the_ceiling():
        found = extract(text, NAMES)
    head = [f for f in reference(text[:3000], NAMES) if f[1] <= 2000]
    assert [f for f in found if f[1] <= 2000] == head
