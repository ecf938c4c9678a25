"""The PDF reader: the sample's PDF against its gold (mapped onto the reader's text line by
line, tests/other_form.py), PDFs laid out as offices lay them out, the rules it reads them by,
and hostile files."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import govreport
from govreport.errors import InputError
from govreport.readers import pdf
from govreport.readers.pdf import ORDINARY, read_pdf
from govreport.structure import match_marker
from govreport.structure.markers import ITEM_RANK
from govreport.testing import check_source
from tests.other_form import remap_gold
from tests.pdf_maker import Layout, Run, layout, wrap, write_pdf
from tests.scoring import DATA, Score, load_gold, score

pytest.importorskip("pypdfium2")

SAMPLE = DATA / "formats" / "water-bureau-2023.pdf"
CORPUS = ["water-bureau-2023", "yichun-tjgb-2022", "sichuan-gwr-2026", "wanzai-tjgb-2015"]


def paragraphs(name: str) -> list[str]:
    """The corpus text's paragraphs (its lines with anything but white space), stripped."""
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def squeezed(lines: list[str]) -> list[str]:
    """The lines without their white space."""
    return [re.sub(r"\s", "", line) for line in lines]


def score_other_form(report: govreport.Report, name: str) -> Score:
    """Score ``report``, a parse of a PDF of corpus report ``name``, against the text's gold."""
    text, gold = load_gold(name)
    return score(report, remap_gold(gold, text, report.text))


def read_lines(data: bytes) -> list[str]:
    return read_pdf(data, "test.pdf").text.splitlines()


# -- the sample's PDF (LibreOffice from the .docx, as an office makes it) ---------------------


@pytest.fixture(scope="module")
def sample() -> govreport.Report:
    return govreport.parse_file(SAMPLE)


def test_sample_pdf_scores_against_the_plain_text_gold(sample: govreport.Report) -> None:
    figures = score_other_form(sample, "water-bureau-2023")
    assert figures.outline_exact
    assert figures.quantity_f1 >= 0.95, (figures.missed, figures.false_alarms)
    assert not figures.trap_alarms
    assert figures.recall == {"date": 1.0, "document": 1.0, "formulation": 1.0}


def test_sample_pdf_gives_the_paragraphs_of_the_text(sample: govreport.Report) -> None:
    # Each paragraph is one line again, with no page number and no layout space (2023 年).
    assert sample.reader == "pdf"
    assert squeezed(sample.text.splitlines()) == squeezed(paragraphs("water-bureau-2023"))
    assert "— 1 —" not in sample.text and "2023 年" not in sample.text


def test_sample_origin_gives_each_paragraph_its_page_and_box(sample: govreport.Report) -> None:
    pages = {origin.page for origin in sample.origin}
    assert pages == set(range(1, 10))
    for origin in sample.origin:
        assert origin.path == f"page[{origin.page}]"
        assert origin.box is not None
        left, bottom, right, top = origin.box
        assert 0 <= left < right <= 595.3 and 0 <= bottom < top <= 841.9
        assert "\n" not in sample.text[origin.span.start : origin.span.end]


def test_a_pdf_is_read_as_one_whatever_its_name(tmp_path: Path) -> None:
    renamed = tmp_path / "report.txt"
    renamed.write_bytes(b"\n" * 100 + SAMPLE.read_bytes())  # magic within the first 1024 bytes
    report = govreport.parse_file(renamed)
    assert report.reader == "pdf"
    assert report.text.startswith("2023年，市水务局党组")


# -- PDFs laid out as other offices lay out theirs ---------------------------------------------

KANGXI = {
    "水": "⽔",
    "长": "⻓",
    "门": "⻔",
    "马": "⻢",
    "见": "⻅",
    "车": "⻋",
    "金": "⾦",
    "生": "⽣",
}


def _number_page(page: int, pages: int) -> str:
    return f"第{page}页 共{pages}页"


INDENTED = {
    "one column": Layout(),
    "two columns, header": Layout(columns=2, size=10.5, header="*市人民政府办公室"),
    "two columns under a title": Layout(columns=2, size=10.5, spanning_title=True),
    "radicals in the text layer": Layout(swap=KANGXI, page_number=lambda p, n: f"- {p} -"),
    "small type, numbered pages": Layout(size=12, page_number=_number_page),
    "three columns": Layout(columns=3, size=9, gutter=24, page_number=lambda p, n: f"{p}/{n}"),
}


# Every layout on the two shorter texts, the longer ones in one and two columns (time).
LAYOUTS = [(style, name) for style in INDENTED for name in CORPUS[:2]] + [
    (style, name) for style in list(INDENTED)[:2] for name in CORPUS[2:]
]


@pytest.mark.parametrize(("style", "name"), LAYOUTS)
def test_indented_layouts_give_back_every_paragraph(style: str, name: str) -> None:
    # A space that falls at a line's end is not drawn, as in office programs' PDFs.
    assert squeezed(read_lines(layout(paragraphs(name), INDENTED[style]))) == squeezed(
        paragraphs(name)
    )


SHORTER = [name for name in CORPUS if name != "sichuan-gwr-2026"]  # the longest, for time


@pytest.mark.parametrize("name", SHORTER)
def test_without_indents_paragraph_spacing_gives_back_every_paragraph(name: str) -> None:
    style = Layout(indent=0, spacing=1, page_number=_number_page)
    assert squeezed(read_lines(layout(paragraphs(name), style))) == squeezed(paragraphs(name))


@pytest.mark.parametrize("name", SHORTER)
def test_without_indents_or_spacing_the_scores_hold(name: str) -> None:
    # Nothing marks a paragraph's start: a line ending a sentence short of the margin ends one,
    # a full one does not (justified text fills every line but a paragraph's last). A last line
    # that happens to be full joins two paragraphs, a sentence ending a full line mid-paragraph
    # splits it (yichun-tjgb-2022 scores 0.89 so: two of its 66 paragraphs are joined to the
    # next, one of them a paragraph of 47 quantities).
    style = Layout(indent=0, page_number=_number_page)
    report = govreport.parse(read_pdf(layout(paragraphs(name), style), "test.pdf"))
    figures = score_other_form(report, name)
    assert figures.outline_precision >= 0.9 and figures.outline_recall >= 0.9
    assert figures.quantity_f1 >= 0.85


def test_radicals_are_read_as_the_ordinary_characters() -> None:
    lines = read_lines(layout(["全市⽔资源总量⻓期稳定，⻔类⻬全。"], Layout()))
    assert lines == ["全市水资源总量长期稳定，门类齐全。"]


def test_metadata_gives_title_and_date() -> None:
    read = read_pdf(
        layout(["正文。"], Layout(), title="2023年工作总结", created="20240105093000+08'00'"),
        "t.pdf",
    )
    assert (read.title, read.date) == ("2023年工作总结", "2024-01-05")
    assert read_pdf(layout(["正文。"], Layout()), "t.pdf").title is None
    for file_name in ("Microsoft Word - 文档1.docx", "2023年工作总结.doc", "report.PDF"):
        assert read_pdf(layout(["正文。"], Layout(), title=file_name), "t.pdf").title is None


def test_a_table_row_keeps_its_cells_apart() -> None:
    rows = [("指标", "单位", "数值"), ("供水总量", "万吨", "3601.1"), ("水质合格率", "%", "100")]
    runs = [
        Run(79 + 160 * column, 700 - 28 * row, 12, cell)
        for row, cells in enumerate(rows)
        for column, cell in enumerate(cells)
    ]
    assert read_lines(write_pdf([runs])) == ["\t".join(cells) for cells in rows]


# -- the rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "— 3 —",
        "- 3 -",
        "–12–",
        "第3页",
        "第 3 页 共 12 页",
        "共12页第3页",
        "3/12",
        "3",
        "Page 3 of 12",
    ],
)
def test_page_numbers_as_offices_print_them(label: str) -> None:
    assert pdf._PAGE_NUMBER.fullmatch(label)


@pytest.mark.parametrize("text", ["2023年", "3.5%", "一、总体情况", "第三章", "19项"])
def test_text_is_no_page_number(text: str) -> None:
    assert not pdf._PAGE_NUMBER.fullmatch(text)


def test_every_kangxi_radical_maps_to_one_ordinary_character() -> None:
    for code in range(0x2F00, 0x2FD6):
        assert code in ORDINARY, hex(code)
    for code, ch in ORDINARY.items():
        assert len(ch) == 1 and unicodedata.name(ch).startswith("CJK UNIFIED IDEOGRAPH"), hex(code)
    assert ORDINARY[0x2F54] == "水" and ORDINARY[0x2ED3] == "长" and ORDINARY[0xF900] == "豈"


@pytest.mark.parametrize(
    ("code", "ch"),
    [
        (0x2F54, "水"),
        (0x6C34, "水"),
        (0x09, " "),
        (0x0B, " "),
        (0x2028, " "),
        (0xD800, "\ufffd"),
        (0x110000, "\ufffd"),
    ],
)
def test_a_text_layer_code_point_becomes_one_character_of_a_line(code: int, ch: str) -> None:
    assert pdf._character(code) == ch


def test_a_running_header_and_footer_go_but_a_repeated_body_line_stays() -> None:
    def row(text: str, y: float) -> list[pdf._Fragment]:
        return [pdf._Fragment(text, (79.0, y, 79.0 + 16 * len(text), y + 16), 16.0)]

    sentences = iter(re.findall(r"[^。\n]+。", "\n".join(paragraphs("water-bureau-2023"))))
    bodies = [[next(sentences), "同一句话。", next(sentences), next(sentences)] for _ in range(3)]
    pages = [
        [row("*市水务局2023年工作报告", 760)]
        + [row(text, 700 - 28 * number) for number, text in enumerate(body)]
        + [row(f"第 {page} 页", 60)]
        for page, body in enumerate(bodies, 1)
    ]
    pdf._drop_running_rows(pages)
    assert [[row[0].text for row in rows] for rows in pages] == bodies


# -- hostile files -----------------------------------------------------------------------------


def test_garbage_after_the_magic_is_one_line() -> None:
    with pytest.raises(InputError, match=r"^bad\.pdf: not a readable PDF: ") as caught:
        read_pdf(b"%PDF-1.7\n" + bytes(range(256)) * 10, "bad.pdf")
    assert "\n" not in str(caught.value)


def test_a_broken_cross_reference_table_is_repaired_or_refused() -> None:
    data = SAMPLE.read_bytes()
    start = data.rindex(b"startxref")
    broken = data[:start] + b"startxref\n999999999\n%%EOF\n"
    assert read_pdf(broken, "x.pdf").text == read_pdf(data, "x.pdf").text  # pdfium rebuilds it
    for cut in (len(data) // 2, 2000):
        try:
            read_pdf(data[:cut], "x.pdf")
        except InputError as error:
            assert "\n" not in str(error)


def test_a_scan_without_text_is_refused() -> None:
    with pytest.raises(InputError, match="no text layer"):
        read_pdf(write_pdf([[]]), "scan.pdf")


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        ({"max_pages": 3}, "9 pages, over 3"),
        ({"max_file_bytes": 1000}, "over 1000"),
        ({"max_seconds": 0.0}, "took over 0 s"),
        ({"max_page_chars": 100}, "characters: not a report"),
    ],
)
def test_limits_are_kept(
    monkeypatch: pytest.MonkeyPatch, limit: dict[str, float], message: str
) -> None:
    monkeypatch.setattr(pdf, "LIMITS", attrs.evolve(pdf.LIMITS, **limit))
    with pytest.raises(InputError, match=re.escape(message)):
        read_pdf(SAMPLE.read_bytes(), "x.pdf")


def test_thousands_of_pages_are_refused_before_any_is_read() -> None:
    pages = [[Run(79, 700, 16, "正文。")]] * (pdf.LIMITS.max_pages + 1)
    with pytest.raises(InputError, match=f"{len(pages)} pages, over {pdf.LIMITS.max_pages}"):
        read_pdf(write_pdf(pages), "long.pdf")


def test_a_flate_bomb_exits_2_in_one_line_in_bounded_memory(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt"
    # Its content stream inflates to 300 MiB of spaces, past the limit, from 1 MB.
    bomb.write_bytes(write_pdf([[Run(79, 700, 16, "正文。")]], padding=300 << 20))
    code = (
        "import resource, sys\n"
        "from govreport.cli import main\n"
        "status = main(['parse', sys.argv[1]])\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
        "print(peak, file=sys.__stdout__)\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(bomb)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "inflate past" in done.stderr
    assert int(done.stdout.split()[-1]) < 500  # MB


def test_without_the_extra_one_line_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def missing(name: str, *args: object) -> object:
        if name.startswith("pypdfium2"):
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", missing)
    with pytest.raises(InputError, match=r"pip install 'govreport\[pdf\]'"):
        read_pdf(SAMPLE.read_bytes(), "x.pdf")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_pdfs_read_or_fail_in_one_line(data: st.DataObject) -> None:
    original = bytearray(layout(paragraphs("water-bureau-2023")[:4], Layout(), compress=False))
    for _ in range(data.draw(st.integers(1, 20))):
        original[data.draw(st.integers(0, len(original) - 1))] = data.draw(st.integers(0, 255))
    original[:5] = b"%PDF-"
    try:
        read = read_pdf(bytes(original), "fuzz.pdf")
    except InputError as error:
        assert "\n" not in str(error)
        return
    check_source(read)


def starts_heading(line: str) -> bool:
    marker = match_marker(line, 0, standalone=False)
    return marker is not None and marker.style.rank < ITEM_RANK


SENTENCE = st.text(
    alphabet=st.sampled_from(
        "水务局党组坚持推进全面发展建设完成任务同比增长二〇一九项万元1234567890%，、"
    ),
    min_size=4,
    max_size=60,
).map(lambda text: text + "。")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(SENTENCE, min_size=2, max_size=5).map("".join), min_size=2, max_size=12))
def test_indented_paragraphs_come_back_exactly(paragraphs_: list[str]) -> None:
    # A paragraph of two lines or more shows the indent (a document of one-line paragraphs
    # does not: it is read as unindented).
    # The reader takes a heading number at a line's start for a paragraph's (一、 mid-sentence).
    lines = [wrap(p, 442, 2, 16) for p in paragraphs_]
    assume(sum(len(wrapped) > 1 for wrapped in lines) >= 2)
    assume(not any(starts_heading(line) for wrapped in lines for _, line in wrapped[1:]))
    assert read_lines(layout(paragraphs_, Layout())) == paragraphs_
