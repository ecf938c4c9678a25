"""Document titles in book-title marks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.extractors.base import ExtractionContext, MentionExtractor
from govreport.extractors.documents import MAX_TITLE, DocumentExtractor
from govreport.model import DEFAULT_UNITS, DocumentTitle
from tests.linear import assert_linear, repeat, under_the_ceiling


def titles(text: str) -> list[DocumentTitle]:
    context = ExtractionContext(text=text, units=DEFAULT_UNITS)
    found = list(DocumentExtractor().extract(context))
    for mention in found:
        assert isinstance(mention, DocumentTitle)
        assert text[mention.span.start : mention.span.end] == mention.text
        inner = mention.text[1:-1]  # a title split across lines is trimmed of its breaks
        assert mention.text[0] + mention.text[-1] == "《》"
        assert mention.title in (inner, inner.strip(" \t\u3000\r\n"))
    return [m for m in found if isinstance(m, DocumentTitle)]


def texts(text: str) -> list[str]:
    return [m.text for m in titles(text)]


def test_is_a_mention_extractor() -> None:
    extractor = DocumentExtractor()
    assert isinstance(extractor, MentionExtractor)
    assert (extractor.name, extractor.order) == ("documents", 200)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("修订《*市城市排水和再生水利用管理条例》，编制", ["《*市城市排水和再生水利用管理条例》"]),
        (
            "编制《*市水务监督工作手册—水利监督制度汇编》",
            ["《*市水务监督工作手册—水利监督制度汇编》"],
        ),
        ("《全民健身计划（2011-2015）》为主线", ["《全民健身计划（2011-2015）》"]),
        ("《关于贯彻〈中华人民共和国水法〉的意见》", ["《关于贯彻〈中华人民共和国水法〉的意见》"]),
        ("《关于印发《水行政处罚实施办法》的通知》", ["《关于印发《水行政处罚实施办法》的通知》"]),
        ("《哪吒2》和《家里家外》", ["《哪吒2》", "《家里家外》"]),
        ("《条例》\r\n《办法》", ["《条例》", "《办法》"]),
    ],
)
def test_titles(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_title_is_the_text_without_marks() -> None:
    [mention] = titles("制定《任务清单》，")
    assert (mention.title, mention.span.start, mention.span.end) == ("任务清单", 2, 8)


@pytest.mark.parametrize(
    "text",
    [
        "《》",  # empty
        "《没有结尾的书名",
        "《跨越\n两行》",
        "《跨越\r\n两行》",
        "《跨越\u2028两行》",
        "《" + "长" * (MAX_TITLE + 1) + "》",
        "<<水法>>",
        "〈单书名号〉",
    ],
)
def test_no_title(text: str) -> None:
    assert texts(text) == []


def test_unclosed_mark_does_not_hide_the_next_title() -> None:
    assert texts("《未闭合，见《水法》") == ["《水法》"]


@given(st.text(st.sampled_from(list("《》〈〉ab水法\n\r "))) | st.text())
def test_any_text_gives_spans_that_slice(text: str) -> None:
    for mention in titles(text):
        assert 0 <= mention.span.start < mention.span.end <= len(text)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["《" + "a" * 1_000_000, "《" * 1_000_000, "《a" * 500_000, ("《" + "《》" * 50) * 10_000],
)
def test_large_inputs_stay_linear(text: str) -> None:
    with under_the_ceiling():
        titles(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(repeat("《"), id="openings"),
        pytest.param(repeat("《a"), id="unclosed"),
        pytest.param(repeat("《" + "《》" * 50), id="nested"),
        pytest.param(repeat("》《"), id="reversed"),
        pytest.param(repeat("《办法》"), id="titles"),
        pytest.param(repeat("增长2023年“两个维护”《办法》一季度12月，"), id="one-line"),
    ],
)
def test_200_kb_adversarial_inputs_stay_linear(text: str) -> None:
    assert_linear(DocumentExtractor(), text)


# -- titles a scraper split across lines (issue 14, class 5) --------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("根据《\n中共中央关于制定规划的建议\n》，国务院编制", "中共中央关于制定规划的建议"),
        ("依照《\r\n中华人民共和国著作权法\r\n》第五条", "中华人民共和国著作权法"),
        ("《\n\n纲要（草案）\n\n》", "纲要（草案）"),
        ("《\n\u3000政府工作报告\u3000\n》", "政府工作报告"),
    ],
)
def test_a_title_on_a_line_of_its_own_between_its_marks(text: str, title: str) -> None:
    (found,) = titles(text)
    assert found.title == title
    assert found.text.startswith("《") and found.text.endswith("》")


@pytest.mark.parametrize(
    "text",
    [
        "根据《\n第一段没有闭合。\n第二段也没有\n",  # no 》 starts the line after
        "根据《条例\n》第五条",  # the title does not stand on a line of its own
        "根据《\n条例》第五条",
        "《\n第一行\n第二行\n》",  # two lines: marks left unbalanced
    ],
)
def test_unbalanced_marks_across_lines_are_no_title(text: str) -> None:
    assert texts(text) == []
