"""The ``markdown`` and ``csv`` formats: outline, exact values, escaping and CSV round trips."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from importlib import resources
from typing import ClassVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govreport
from govreport import cli
from govreport.exporters.base import Exporter
from govreport.exporters.csv import COLUMNS, CSV
from govreport.exporters.markdown import MARKDOWN, _escape, _escape_all
from govreport.exporters.outline import OUTLINE
from govreport.model import Mention, OutlineNode, Report, Span, Term

EXAMPLE = "water-bureau-2023.txt"


@pytest.fixture(scope="module")
def sample() -> Report:
    with resources.as_file(resources.files("govreport.examples").joinpath(EXAMPLE)) as path:
        return govreport.parse_file(path)


def nested(nodes: Sequence[OutlineNode], depth: int = 0) -> Iterator[tuple[int, OutlineNode]]:
    """Every node with its depth, in document order."""
    for node in nodes:
        yield depth, node
        yield from nested(node.children, depth + 1)


def table(markdown: str, title: str) -> list[list[str]]:
    """The body rows of the table under ``## title``, split into cells at unescaped bars."""
    section = markdown.split(f"\n## {title}\n\n", 1)[1].split("\n\n", 1)[0]
    rows = section.splitlines()[2:]  # after the header and the --- line
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]


def rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert reader.fieldnames == list(COLUMNS)
    return list(reader)


# -- markdown ----------------------------------------------------------------------------------


def test_markdown_outline_lists_every_heading_and_item(sample: Report) -> None:
    lines = MARKDOWN.export(sample).splitlines()
    nodes = list(nested(sample.outline))
    assert len(nodes) == len(list(sample.walk()))
    assert {node.is_item for _, node in nodes} == {False, True}  # headings and items
    for depth, node in nodes:
        assert f"{'  ' * depth}- **{node.marker}** {node.title}" in lines
    assert lines[0] == f"# {EXAMPLE}"  # the sample has no title line


def test_markdown_quantities_are_exact_with_their_section(sample: Report) -> None:
    body = table(MARKDOWN.export(sample), "Quantities")
    quantities = sample.quantities()
    assert [row[1] for row in body] == [q.text for q in quantities]
    assert [row[0] for row in body] == [str(n) for n in range(1, len(quantities) + 1)]
    by_text = {row[1]: row for row in body}
    assert by_text["53亿立方米"][2:4] == ["5300000000", "立方米"]
    assert by_text["16.46亿立方米"][2] == "1646000000"
    assert by_text["1.99%"][2:6] == ["1.99", "%", "", "decrease"]
    assert by_text["34万余元"][2:] == [
        "340000",
        "元",
        "over",
        "",
        "捐款",
        "actual",
        "2023",
        "二、 › 二是",
        "9",
    ]
    assert by_text["16.46亿立方米"][7] == "forecast"  # 全年预计…


def test_markdown_has_the_other_tables(sample: Report) -> None:
    markdown = MARKDOWN.export(sample)
    assert len(table(markdown, "Dates")) == len(sample.dates())
    assert len(table(markdown, "Documents")) == len(sample.documents())
    formulations = {row[1]: row[2] for row in table(markdown, "Formulations")}
    assert formulations["四风"] == "formalism, bureaucratism, hedonism and extravagance"
    assert formulations["四不"] == ""
    assert "## Terms" not in markdown  # no vocabulary plugin found any
    assert "## Closing\n\n> 在总结成绩的同时" in markdown


def test_markdown_escapes_cells_and_writes_ranges() -> None:
    text = "一、总体\n一是印发《甲|乙办法》，完成3至5项。\n"
    report = govreport.parse(text)
    term = Term(span=Span(0, 2), text="一、", vocabulary="w|x", category="a\nb")
    markdown = MARKDOWN.export(
        Report(text=report.text, outline=report.outline, mentions=(*report.mentions, term))
    )
    assert r"| 《甲\|乙办法》 | 甲\|乙办法 | 一、 › 一是 | 2 |" in markdown
    assert "| 3至5项 | 3–5 | 项 |" in markdown
    [row] = table(markdown, "Terms")
    assert row == ["1", "一、", r"w\|x", "a<br>b", "", "一、", "1"]


ANNEX = "一、总体\n完成3项。\n附件1\n一、新建学校5所。\n二、新建公园。\n附件2\n项目表\n"


@given(st.lists(st.text(alphabet=st.sampled_from("a水|*_\\`<>\n\r\x0b\x1c\x85\u2028\0 "))))
def test_markdown_escapes_a_whole_table_as_cell_by_cell(cells: list[str]) -> None:
    # one substitution over the joined cells, line breaks and the joiner (NUL) included
    assert _escape_all(cells) == [_escape(cell) for cell in cells]


def test_markdown_gives_an_annex_outline_its_own_section() -> None:
    markdown = MARKDOWN.export(govreport.parse(ANNEX))
    assert "## Outline\n\n- **一、** 总体\n\n" in markdown
    assert "## 附件1\n\n- **一、** 新建学校5所\n- **二、** 新建公园\n\n" in markdown
    assert "## 附件2" not in markdown  # no list, no section


def test_outline_view_lists_an_annex_outline_under_its_heading() -> None:
    view = OUTLINE.export(govreport.parse(ANNEX))
    assert (
        "end matter: attachment, attachment\n"
        "attachment: 附件1\n"
        "  一、 新建学校5所  [L4]  (1 quantity)\n"
        "  二、 新建公园  [L5]  (0 quantities)\n"
        "mentions: "
    ) in view


def test_markdown_of_an_empty_report() -> None:
    markdown = MARKDOWN.export(Report(text=""))
    assert markdown.startswith("# Untitled report\n")
    assert "## Quantities\n\n_None._\n" in markdown


# -- csv ---------------------------------------------------------------------------------------


def test_csv_has_one_row_per_mention_whose_span_slices_to_its_text(sample: Report) -> None:
    written = rows(CSV.export(sample))
    assert len(written) == len(sample.mentions)
    for row, mention in zip(written, sample.mentions, strict=True):
        assert row["kind"] == mention.kind
        assert sample.text[int(row["start"]) : int(row["end"])] == row["text"] == mention.text
        assert (int(row["line"]), int(row["column"])) == sample.line_col(mention)


def test_csv_fields_and_outline_paths(sample: Report) -> None:
    by_text = {row["text"]: row for row in rows(CSV.export(sample))}
    row = by_text["34万余元"]
    assert (row["value"], row["unit"], row["qualifier"]) == ("340000", "元", "over")
    assert row["outline_path"] == "二、 > 二是"
    assert (
        row["outline_titles"]
        == "践行新时代党的组织路线，加强基层党组织和干部队伍建设 > 狠抓基层党组织建设"
    )
    assert by_text["53亿立方米"]["value"] == "5300000000"
    date = by_text["2023年"]
    assert (date["value"], date["unit"], date["outline_path"]) == ("2023", "", "")
    assert by_text["四风"]["meaning"] == "formalism, bureaucratism, hedonism and extravagance"


def test_csv_round_trips_awkward_text() -> None:
    text = '甲,"乙"\r\n丙\n丁'
    mentions = (Term(span=Span(0, len(text)), text=text, vocabulary="v", category='c,"d"\n'),)
    [row] = rows(CSV.export(Report(text=text, mentions=mentions)))
    assert (row["text"], row["category"], row["end"]) == (text, 'c,"d"\n', str(len(text)))


def test_csv_of_an_empty_report() -> None:
    assert CSV.export(Report(text="")) == ",".join(COLUMNS) + "\n"


# -- command line ------------------------------------------------------------------------------


@pytest.mark.parametrize("exporter", [MARKDOWN, CSV], ids=lambda e: e.name)
def test_cli_writes_the_example(exporter: Exporter, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["parse", "--example", "--format", exporter.name]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    text = resources.files("govreport.examples").joinpath(EXAMPLE).read_text(encoding="utf-8")
    assert out == exporter.export(govreport.parse(text, source=EXAMPLE))


def test_formats_lists_both(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["formats"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^markdown +\.md +text/markdown$", out, re.MULTILINE)
    assert re.search(r"^csv +\.csv +text/csv$", out, re.MULTILINE)


def test_csv_gives_each_quantity_its_indicator_role_and_period(sample: Report) -> None:
    table = [row for row in rows(CSV.export(sample)) if row["kind"] == "quantity"]
    assert len(table) == len(sample.quantities())
    for row, quantity in zip(table, sample.quantities(), strict=True):
        indicator = quantity.indicator
        assert row["indicator"] == ("" if indicator is None else indicator.text)
        if indicator is not None:
            span = (int(row["indicator_start"]), int(row["indicator_end"]))
            assert sample.text[span[0] : span[1]] == indicator.text
        assert row["role"] == (quantity.role.value if quantity.role else "")
        assert row["period"] == (quantity.period or "")
    others = [row for row in rows(CSV.export(sample)) if row["kind"] != "quantity"]
    assert {row["indicator"] + row["role"] + row["period"] for row in others} == {""}


@attrs.frozen(kw_only=True)
class _Sign(Mention):
    """A plugin's kind with slots: two of its fields are named as columns."""

    kind: ClassVar[str] = "sign"
    category: str
    unit: str | None = None
    colour: str = "red"


class _Loose(Mention):
    """A plugin's kind whose attributes are not declared by its class (an instance dict)."""

    kind: ClassVar[str] = "loose"

    def __init__(self, span: Span, text: str, meaning: str) -> None:
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "__dict__", {"meaning": meaning, "role": "target"})


def test_a_plugin_kind_fills_the_columns_its_attributes_are_named_as() -> None:
    text = "红灯停，绿灯行"
    mentions = (
        _Sign(span=Span(0, 2), text="红灯", category="light"),
        _Loose(Span(4, 6), "绿灯", meaning="go"),
    )
    rows = list(csv.DictReader(io.StringIO(CSV.export(Report(text=text, mentions=mentions)))))
    assert [(row["kind"], row["category"], row["unit"], row["meaning"]) for row in rows] == [
        ("sign", "light", "", ""),
        ("loose", "", "", "go"),
    ]
    assert [row["role"] for row in rows] == ["", "target"]
