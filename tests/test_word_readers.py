"""The Word readers: .docx and .doc, their automatic numbering, and hostile files."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport.errors import InputError
from govreport.readers import docx as docx_reader
from govreport.readers.doc import read_doc
from govreport.readers.docx import read_docx
from govreport.readers.wordnumbering import ListDefinition, ListLevel, Numberer, render_number
from govreport.testing import check_report, check_source
from tests.other_form import remap_gold
from tests.scoring import load_gold, score

FORMATS = Path(__file__).parent / "data" / "formats"
HOST = govreport.PluginHost()
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


# --- the sample report as an office makes it ---------------------------------------------------


@pytest.mark.parametrize("suffix", ["docx", "doc"])
def test_sample_word_file_scores_like_its_text(suffix: str) -> None:
    report = govreport.parse_file(FORMATS / f"water-bureau-2023.{suffix}")
    assert report.reader == suffix
    gold_text, gold = load_gold("water-bureau-2023")
    result = score(report, remap_gold(gold, gold_text, report.text))
    assert result.outline_exact, "the headings' 一、… come from Word numbering"
    assert [node.marker for node in report.outline] == ["一、", "二、", "三、", "四、"]
    assert result.quantity_f1 >= 0.97
    assert report.origin[0].path == "p[1]"
    check_source(HOST.read((FORMATS / f"water-bureau-2023.{suffix}").read_bytes(), "s"))


def test_docx_is_known_by_content_not_name(tmp_path: Path) -> None:
    renamed = tmp_path / "report.txt"
    renamed.write_bytes((FORMATS / "water-bureau-2023.docx").read_bytes())
    assert govreport.parse_file(renamed).reader == "docx"
    renamed.write_bytes((FORMATS / "water-bureau-2023.doc").read_bytes())
    assert govreport.parse_file(renamed).reader == "doc"
    renamed.write_text("一、总体情况\n完成投资3亿元。\n", encoding="utf-8")
    assert govreport.parse_file(renamed).reader == "text"


# --- number formats ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "value", "shown"),
    [
        ("chineseCounting", 1, "一"),
        ("chineseCounting", 10, "十"),
        ("chineseCounting", 11, "十一"),
        ("chineseCounting", 20, "二十"),
        ("chineseCounting", 105, "一百零五"),
        ("chineseCounting", 110, "一百一十"),
        ("chineseCountingThousand", 1001, "一千零一"),
        ("chineseCountingThousand", 10_000, "一万"),
        ("chineseLegalSimplified", 12, "拾贰"),
        ("taiwaneseCountingThousand", 3, "三"),
        ("ideographTraditional", 3, "丙"),
        ("ideographTraditional", 11, "11"),
        ("ideographDigital", 10, "一〇"),
        ("ideographEnclosedCircle", 2, "㊁"),
        ("decimalEnclosedCircle", 3, "③"),
        ("decimalEnclosedCircle", 21, "21"),
        ("decimalEnclosedParen", 2, "⑵"),
        ("decimalFullWidth", 12, "１２"),
        ("decimalZero", 7, "07"),
        ("upperRoman", 14, "XIV"),
        ("lowerRoman", 9, "ix"),
        ("upperLetter", 27, "AA"),
        ("lowerLetter", 2, "b"),
        ("decimal", 12, "12"),
        ("none", 4, ""),
        ("cardinalText", 4, "4"),
    ],
)
def test_number_formats(fmt: str, value: int, shown: str) -> None:
    assert render_number(fmt, value) == shown


def test_numberer_restarts_deeper_levels_and_honours_restart_limits() -> None:
    levels = {
        0: ListLevel(fmt="chineseCounting", text="%1、"),
        1: ListLevel(fmt="chineseCounting", text="（%2）"),
        2: ListLevel(fmt="decimal", text="%3.", restart=0),  # never restarts
    }
    numberer = Numberer({"1": ListDefinition(levels=levels, counter="a")})
    labels = [numberer.label("1", level) for level in (0, 1, 1, 2, 0, 1, 2)]
    assert labels == ["一、", "（一）", "（二）", "1.", "二、", "（一）", "2."]
    assert numberer.label("9", 0) == ""


# --- synthetic .docx files: what the sample does not use -----------------------------------------


def _paragraph(text: str, *, num: tuple[int, int] | None = None, style: str = "") -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def _lvl(ilvl: int, fmt: str, text: str, extra: str = "", suff: str = "nothing") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/></w:lvl>'
    )


def make_docx(
    body: str,
    *,
    numbering: str = "",
    styles: str = "",
    footnotes: str = "",
    title: str = "",
    main: str = "word/document.xml",
) -> bytes:
    """A minimal .docx package: the parts Word needs to show ``body``."""
    ns = f'xmlns:w="{W}"'
    parts = {
        main: f"<w:document {ns}><w:body>{body}</w:body></w:document>",
        "_rels/.rels": (
            f'<Relationships xmlns="{RELS}">'
            f'<Relationship Id="r1" Type="{OFFICE}/officeDocument" Target="{main}"/>'
            '<Relationship Id="r2" Type="http://schemas.openxmlformats.org/package/2006/'
            'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            "</Relationships>"
        ),
        "docProps/core.xml": (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/">'
            f"<dc:title>{title}</dc:title>"
            "<dcterms:created>2024-01-15T09:00:00Z</dcterms:created></cp:coreProperties>"
        ),
    }
    rels = []
    for kind, name, xml in (
        ("numbering", "numbering.xml", f"<w:numbering {ns}>{numbering}</w:numbering>"),
        ("styles", "styles.xml", f"<w:styles {ns}>{styles}</w:styles>"),
        ("footnotes", "footnotes.xml", f"<w:footnotes {ns}>{footnotes}</w:footnotes>"),
    ):
        parts[f"word/{name}"] = xml
        rels.append(f'<Relationship Id="{kind}" Type="{OFFICE}/{kind}" Target="{name}"/>')
    folder, base = main.rsplit("/", 1)
    parts[f"{folder}/_rels/{base}.rels"] = (
        f'<Relationships xmlns="{RELS}">{"".join(rels)}</Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return buffer.getvalue()


GOVERNMENT_LIST = (
    '<w:abstractNum w:abstractNumId="0">'
    + _lvl(0, "chineseCounting", "%1、")
    + _lvl(1, "chineseCounting", "（%2）")
    + _lvl(2, "decimal", "%3.")
    + _lvl(3, "decimal", "（%4）")
    + _lvl(4, "decimalEnclosedCircle", "%5")
    + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
)


def test_docx_renders_every_level_of_a_government_outline() -> None:
    body = "".join(
        _paragraph(text, num=(1, level))
        for level, text in [
            (0, "总体情况"),
            (1, "主要指标"),
            (2, "供水"),
            (3, "水质"),
            (4, "合格率达99%"),
            (4, "管网漏损率下降"),
            (3, "水量"),
            (1, "重点工作"),
            (0, "下一步打算"),
            (1, "加快建设"),
        ]
    )
    read = read_docx(make_docx(body, numbering=GOVERNMENT_LIST), "t.docx")
    assert read is not None
    assert read.text.splitlines() == [
        "一、总体情况",
        "（一）主要指标",
        "1.供水",
        "（1）水质",
        "①合格率达99%",
        "②管网漏损率下降",
        "（2）水量",
        "（二）重点工作",
        "二、下一步打算",
        "（一）加快建设",
    ]
    report = govreport.parse(read)
    assert [(n.marker, n.title) for n in report.outline] == [
        ("一、", "总体情况"),
        ("二、", "下一步打算"),
    ]
    assert report.outline[0].children[0].marker == "（一）"


def test_docx_overrides_restarts_and_continuations() -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="0">'
        + _lvl(0, "decimal", "%1.")
        + _lvl(1, "lowerLetter", "%1.%2", extra='<w:lvlRestart w:val="0"/>')
        + '</w:abstractNum><w:abstractNum w:abstractNumId="1">'
        + _lvl(0, "upperRoman", "%1", extra="<w:isLgl/>", suff="tab")
        + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'  # continues numId 1
        '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>'
    )
    body = "".join(
        _paragraph(text, num=num)
        for text, num in [
            ("甲", (1, 0)),
            ("乙", (1, 1)),
            ("丙", (2, 0)),
            ("丁", (2, 1)),  # lvlRestart 0: b, not a
            ("戊", (3, 0)),  # restarted at 5
            ("己", (0, 0)),  # numId 0: no number
            ("庚", (4, 0)),  # legal style: decimal, tab → one space
        ]
    )
    read = read_docx(make_docx(body, numbering=numbering), "t.docx")
    assert read is not None
    assert read.text.splitlines() == ["1.甲", "1.a乙", "2.丙", "2.b丁", "5.戊", "己", "1 庚"]


def test_docx_numbering_through_styles() -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="0">'
        + _lvl(0, "chineseCounting", "%1、").replace("<w:start", '<w:pStyle w:val="H1"/><w:start')
        + _lvl(1, "chineseCounting", "（%2）").replace("<w:start", '<w:pStyle w:val="H2"/><w:start')
        + '</w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>'
    )
    styles = (
        '<w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="7"/>'
        "</w:numPr></w:pPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="H1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="H2b"><w:basedOn w:val="H2"/></w:style>'
    )
    body = (
        _paragraph("总体", style="H1")
        + _paragraph("指标", style="H2")
        + _paragraph("正文3项。")
        + _paragraph("工作", style="H2b")
    )
    read = read_docx(make_docx(body, numbering=numbering, styles=styles), "t.docx")
    assert read is not None
    assert read.text.splitlines() == ["一、总体", "（一）指标", "正文3项。", "（二）工作"]


def test_docx_tables_notes_fields_and_properties() -> None:
    cell = "<w:tc>{}</w:tc>"
    row = "<w:tr>" + "".join(cell.format(_paragraph(t)) for t in ("指标", "数值")) + "</w:tr>"
    row2 = (
        "<w:tr>"
        + "".join(cell.format(_paragraph(t)) for t in ("供水量", "3.2亿立方米"))
        + "</w:tr>"
    )
    field = (
        '<w:p><w:r><w:t>共</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
        '</w:r><w:r><w:t>12</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:r><w:t>项</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
        '<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:tab/><w:t>完成</w:t></w:r></w:p>'
    )
    footnotes = (
        '<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:t>—</w:t></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>数据来源：市统计局。</w:t></w:r></w:p></w:footnote>'
    )
    body = f"<w:sdt><w:sdtContent>{_paragraph('前言')}</w:sdtContent></w:sdt><w:tbl>{row}{row2}</w:tbl>{field}"
    read = read_docx(make_docx(body, footnotes=footnotes, title="2023年工作总结"), "t.docx")
    assert read is not None
    assert read.text.splitlines() == [
        "前言",
        "指标\t数值",
        "供水量\t3.2亿立方米",
        "共12项\t完成",
        "数据来源：市统计局。",
    ]
    assert [o.path for o in read.origin] == [
        "p[1]",
        "table[1]/tr[1]",
        "table[1]/tr[2]",
        "p[2]",
        "footnote[1]",
    ]
    assert (read.title, read.date) == ("2023年工作总结", "2024-01-15")


def test_docx_nested_tables_stay_in_their_cell() -> None:
    inner = "<w:tbl><w:tr><w:tc>" + _paragraph("内") + "</w:tc></w:tr></w:tbl>"
    cells = "<w:tc>" + _paragraph("外") + inner + "</w:tc><w:tc>" + _paragraph("2项") + "</w:tc>"
    row = f"<w:tr>{cells}</w:tr>"
    guarded = (
        f"<w:sdt><w:sdtContent><w:tr><w:tc>{_paragraph('末')}</w:tc></w:tr></w:sdtContent></w:sdt>"
    )
    read = read_docx(make_docx(f"<w:tbl>{row}{guarded}</w:tbl>"), "t.docx")
    assert read is not None
    assert read.text.splitlines() == ["外 内\t2项", "末"]
    assert [o.path for o in read.origin] == ["table[1]/tr[1]", "table[1]/tr[2]"]


def test_docx_main_part_named_by_the_package() -> None:
    read = read_docx(make_docx(_paragraph("正文"), main="doc/main.xml"), "t.docx")
    assert read is not None and read.text == "正文\n"


def test_docx_written_by_python_docx() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.core_properties.title = "报告"
    document.add_paragraph("一、总体情况")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "投资", "5亿元"
    buffer = io.BytesIO()
    document.save(buffer)
    read = read_docx(buffer.getvalue(), "p.docx")
    assert read is not None
    assert read.text == "一、总体情况\n投资\t5亿元\n" and read.title == "报告"


# --- .doc numbering beyond the sample: the same file with its list format changed ---------------


def _doc_with_format(nfc: int, text: str) -> bytes:
    """The sample .doc with level 1 of its heading list in format ``nfc`` and number text
    ``text`` (``\\x00`` standing for the level's number)."""
    data = bytearray((FORMATS / "water-bureau-2023.doc").read_bytes())
    old = "\x00、".encode("utf-16-le")
    at = data.find(b"\x02\x00" + old)  # cch = 2, then the number text
    assert at > 0
    lvlf = data.rfind(b"\x01\x00\x00\x00\x27", 0, at)  # iStartAt 1, nfc 0x27; grpprls follow
    assert lvlf > 0
    data[lvlf + 4] = nfc
    assert len(text) == 2
    data[at + 2 : at + 6] = text.encode("utf-16-le")
    data[lvlf + 6] = text.index("\x00") + 1  # rgbxchNums: the placeholder's place
    return bytes(data)


@pytest.mark.parametrize(
    ("nfc", "text", "first"),
    [
        (0x00, "\x00.", "1."),
        (0x26, "\x00、", "壹、"),
        (0x1E, "\x00、", "甲、"),
        (0x12, "\x00、", "①、"),
        (0x01, "\x00.", "I."),
        (0xFF, "\x00、", "、"),
    ],
)
def test_doc_list_formats(nfc: int, text: str, first: str) -> None:
    read = read_doc(_doc_with_format(nfc, text), "t.doc")
    heading = read.text.splitlines()[1]
    assert heading == first + "强化政治思想引领，坚定拥护“两个确立”，坚决做到“两个维护”"


# --- a missing extra -----------------------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "module"), [("docx", "lxml.etree"), ("doc", "olefile")])
def test_without_the_extra_one_line_names_it(
    monkeypatch: pytest.MonkeyPatch, suffix: str, module: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    data = (FORMATS / f"water-bureau-2023.{suffix}").read_bytes()
    with pytest.raises(InputError, match=r"pip install 'govreport\[docx\]'") as caught:
        HOST.read(data, f"report.{suffix}")
    assert "\n" not in str(caught.value)


# --- hostile files --------------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _bomb(inflated: int) -> bytes:
    """A .docx whose document.xml inflates to ``inflated`` bytes, built without holding them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"<w:p/>" * (1 << 17)
            for _ in range(inflated // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def test_zip_bomb_posing_as_docx_exits_2_in_one_line(tmp_path: Path) -> None:
    bomb = tmp_path / "report.docx"
    bomb.write_bytes(_bomb(300 * 1024 * 1024))
    run = subprocess.run(
        [sys.executable, "-m", "govreport", "parse", str(bomb)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,  # hang detection only: it takes about a second
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1 and "zip bomb" in run.stderr


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (_zip({"word/document.xml": b"<w:p/>" * 400_000}), "inflates"),  # ratio, under the total
        (b"PK\x03\x04" + b"\x00" * 100, "not a readable Word file"),
        (_zip({f"m{i}": b"" for i in range(docx_reader.MAX_MEMBERS + 1)}), "members"),
        (
            _zip(
                {
                    "word/document.xml": b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
                    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>'
                }
            ),
            "no body",
        ),
        (_zip({"word/document.xml": b"<a>" * 100_000}), "not a readable Word file"),
        (_zip({"word/document.xml": b"<w:document"}), "not a readable Word file"),
        (_zip({"word/document.xml": b"<a>\x00</a>"}), "Char 0x0"),  # libxml2 ends it with \n
    ],
    ids=["ratio", "broken-zip", "members", "entities", "deep", "truncated-xml", "nul"],
)
def test_hostile_docx_fails_in_one_line(data: bytes, why: str) -> None:
    with pytest.raises(InputError, match=why) as caught:
        read_docx(data, "bad.docx")
    assert "\n" not in str(caught.value)


def test_lying_zip_header_is_caught_by_the_bounded_read() -> None:
    data = bytearray(_zip({"word/document.xml": b"<w:document/>" * 10_000}))
    # Declare 100 bytes in both headers: zipfile then stops there, and the CRC fails.
    size = 13 * 10_000
    for at in range(len(data) - 4):
        if struct.unpack_from("<I", data, at)[0] == size:
            struct.pack_into("<I", data, at, 100)
    with pytest.raises(InputError, match="not a readable Word file"):
        read_docx(bytes(data), "bad.docx")


def test_zip_of_an_unknown_version_fails_in_one_line() -> None:
    # Found by fuzz/fuzz_word.py: zipfile raises NotImplementedError on such a directory.
    data = bytearray((FORMATS / "water-bureau-2023.docx").read_bytes())
    at = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, at + 6, 148)  # version needed to extract: 14.8
    with pytest.raises(InputError, match="not a readable Word file"):
        read_docx(bytes(data), "bad.docx")


def test_zip_that_is_no_word_file_is_left_to_other_readers() -> None:
    assert read_docx(_zip({"xl/workbook.xml": b"<workbook/>"}), "book.xlsx") is None


def _corrupt_doc(offset: int, value: bytes) -> bytes:
    data = bytearray((FORMATS / "water-bureau-2023.doc").read_bytes())
    data[offset : offset + len(value)] = value
    return bytes(data)


def test_hostile_doc_fails_in_one_line() -> None:
    sample = (FORMATS / "water-bureau-2023.doc").read_bytes()
    word_at = sample.find(b"\xec\xa5")  # the FIB's wIdent starts the WordDocument stream
    cases = [
        sample[:4096],  # truncated compound file
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600,  # broken OLE header
        _corrupt_doc(word_at + 154 + 8 * 33 + 4, struct.pack("<I", 0x7FFFFFF0)),  # huge CLX
        _corrupt_doc(word_at + 154 + 8 * 33, struct.pack("<I", 0x7FFFFFF0)),  # CLX far away
        _corrupt_doc(word_at + 154 + 8 * 74, struct.pack("<I", 0x7FFFFFF0)),  # LFO far away
        _corrupt_doc(word_at + 0x0A, b"\x00\x03"),  # encrypted
    ]
    for data in cases:
        with pytest.raises(InputError) as caught:
            read_doc(data, "bad.doc")
        assert "\n" not in str(caught.value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["docx", "doc"]),
    st.lists(st.tuples(st.integers(0, 50_000), st.binary(min_size=1, max_size=8)), max_size=6),
)
def test_damaged_word_files_read_or_fail_in_one_line(
    suffix: str, patches: list[tuple[int, bytes]]
) -> None:
    data = bytearray((FORMATS / f"water-bureau-2023.{suffix}").read_bytes())
    for offset, value in patches:
        at = offset % len(data)
        data[at : at + len(value)] = value
    try:
        read = HOST.read(bytes(data), f"x.{suffix}")
    except InputError as error:
        assert "\n" not in str(error)
        return
    check_source(read)
    check_report(govreport.parse(read, host=HOST))
