"""Bytes and text as reports really arrive (domain §7): every case decodes right, end to end, or
stops with a clear error — never a silent replacement character.

`tests/test_reading.py` tests the decoder itself; these tests go from bytes (or an odd ``str``)
through the whole parse and check what comes out.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import govreport
from govreport import cli
from govreport.errors import DecodeError
from govreport.exporters.json import JsonExporter
from govreport.model import LineIndex

REPORT = (
    "一、总体情况\n"
    "二〇二三年，完成投资1,234万元，同比增长5.5%。\n"
    "（一）水利建设\n"
    "新建水库3座，二○二二年建成泵站12处。\n"
)
EXPECTED = [
    ("二〇二三年", "date"),
    ("1,234万元", "quantity"),
    ("5.5%", "quantity"),
    ("3座", "quantity"),
    ("二○二二年", "date"),
    ("12处", "quantity"),
]


def mentions(report: govreport.Report) -> list[tuple[str, str]]:
    assert all(report.slice(m.span) == m.text for m in report.mentions)
    return [(m.text, m.kind) for m in report.mentions]


def outline(report: govreport.Report) -> list[str]:
    titles: list[str] = []
    for node in report.outline:
        titles += [node.title, *(child.title for child in node.children)]
    return titles


ENCODINGS: list[tuple[str, Callable[[str], bytes]]] = [
    ("utf-8", lambda t: t.encode("utf-8")),
    ("utf-8 with BOM", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    ("utf-16-le with BOM", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
    ("utf-16-be with BOM", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
    ("gb18030", lambda t: t.encode("gb18030")),
    # GBK has no 〇 (U+3007): legacy files write ○ (U+25CB), which it has.
    ("gbk", lambda t: t.replace("〇", "○").encode("gbk")),
]


@pytest.mark.parametrize(("name", "encode"), ENCODINGS, ids=[name for name, _ in ENCODINGS])
def test_every_encoding_gives_the_same_report(name: str, encode: Callable[[str], bytes]) -> None:
    report = govreport.parse_bytes(encode(REPORT), source=name)
    text = REPORT.replace("〇", "○") if name == "gbk" else REPORT
    assert report.text == text
    expected = [(t.replace("〇", "○") if name == "gbk" else t, k) for t, k in EXPECTED]
    assert mentions(report) == expected
    assert outline(report) == ["总体情况", "水利建设"]
    dates = [m.value for m in report.find("date")]  # type: ignore[attr-defined]
    assert dates == ["2023", "2022"]  # both zero look-alikes read as 0


def test_gbk_reads_both_zero_lookalikes() -> None:
    report = govreport.parse_bytes("二○二三年和二〇二二年".encode("gb18030"))
    assert [m.value for m in report.find("date")] == ["2023", "2022"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_one_line_ending_throughout(ending: str) -> None:
    text = REPORT.replace("\n", ending)
    report = govreport.parse_bytes(text.encode("gb18030"))
    assert report.text == text  # line ends are kept: offsets count every character
    assert mentions(report) == EXPECTED
    assert outline(report) == ["总体情况", "水利建设"]


def test_mixed_line_endings_in_one_file() -> None:
    lines = REPORT.splitlines()
    text = lines[0] + "\r\n" + lines[1] + "\r" + lines[2] + "\n" + lines[3] + "\r\n"
    report = govreport.parse_bytes(text.encode("utf-8"))
    assert report.text == text
    assert mentions(report) == EXPECTED
    assert outline(report) == ["总体情况", "水利建设"]
    index = LineIndex.of(text)
    assert [index.line_col(text.index(line))[0] for line in lines] == [1, 2, 3, 4]


def test_nul_bytes_are_kept_and_spans_count_them() -> None:
    text = REPORT.replace("完成", "完\x00成")
    report = govreport.parse_bytes(text.encode("utf-8"))
    assert report.text == text
    assert mentions(report) == EXPECTED


def test_half_and_full_width_forms_mix() -> None:
    text = (
        "（一）投资１２３４万元，增长５．５％、12.5％，下降３.２个百分点，浓度０.５毫克／升。\n"
        "(二)其他\n"
    )
    report = govreport.parse(text)
    quantities = [(q.text, str(q.value), q.unit) for q in report.quantities()]
    assert quantities == [
        ("１２３４万元", "12340000", "元"),
        ("５．５％", "5.5", "%"),
        ("12.5％", "12.5", "%"),
        ("３.２个百分点", "3.2", "个百分点"),
        ("０.５毫克／升", "0.5", "毫克／升"),
    ]
    assert [node.marker for node in report.outline] == ["（一）", "(二)"]


def test_the_full_width_comma_is_never_a_thousands_separator() -> None:
    # Domain §4: ，(U+FF0C) ends a clause; 1，234 is two numbers, not 1234.
    report = govreport.parse("新增１，２３４万元。新增1，234万元。")
    assert [str(q.value) for q in report.quantities()] == ["2340000", "2340000"]


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        (b"\xed\xa0\x80", 2),  # a surrogate encoded as UTF-8 (CESU-8): neither UTF-8 nor GB18030
        (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", 2),  # a lone high surrogate in UTF-16
        (codecs.BOM_UTF16_BE + "总".encode("utf-16-be") + b"\xdc\x00", 4),  # a lone low one
        ("总结".encode() + b"\xff\xfe\xfd", 6),
    ],
)
def test_undecodable_bytes_stop_with_the_offset(data: bytes, offset: int) -> None:
    with pytest.raises(DecodeError) as caught:
        govreport.parse_bytes(data, source="bad.txt")
    assert caught.value.offset == offset
    assert str(caught.value).startswith(f"bad.txt: cannot decode byte offset {offset}: ")


def test_a_replacement_character_in_the_bytes_is_text_not_an_error() -> None:
    # U+FFFD written in the file is a character like any other; govreport never adds one.
    assert govreport.parse_bytes("完成\ufffd19项".encode()).text == "完成\ufffd19项"


def test_lone_surrogates_in_a_str_parse_and_export_as_json_escapes() -> None:
    text = "一、总体\ud800情况\n完成19项\udfff，新增3家。\n"
    report = govreport.parse(text)
    assert [q.text for q in report.quantities()] == ["19项", "3家"]
    assert outline(report) == ["总体\ud800情况"]
    exported = JsonExporter().export(report)
    exported.encode("utf-8")  # writable as UTF-8
    assert "\\ud800" in exported
    assert json.loads(exported)["outline"][0]["title"] == "总体\ud800情况"  # loads back exactly


def test_the_cli_writes_a_lone_surrogate_as_u_fffd_in_text_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 15: the markdown, outline and html formats refused such a report (exit 2).
    class SurrogateReader:
        __name__ = "surrogates"

        @govreport.hookimpl(tryfirst=True)
        def read_source(self, data: bytes) -> str:
            return data.decode("utf-8").replace("总体", "总\ud800体")

    def make_host(strict: bool = True) -> Any:
        return govreport.PluginHost(plugins=[SurrogateReader()], load_entrypoints=False)

    monkeypatch.setattr(cli, "default_host", make_host)
    source = tmp_path / "report.txt"
    source.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "report.md"
    for name in ("markdown", "outline", "csv"):
        assert cli.main(["parse", str(source), "--format", name, "-o", str(out)]) == 0
        assert "总\ufffd体" in out.read_text("utf-8")
    assert cli.main(["parse", str(source), "--format", "json", "-o", str(out)]) == 0  # escaped
    assert "\\ud800" in out.read_text("utf-8")
