"""Decoding report bytes: BOMs, UTF-8, GB18030, exact line ends and clear errors."""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path

import pytest

from govreport.errors import DecodeError, InputError
from govreport.reading import decode, read_path

TEXT = "一、总体情况\n一是完成任务19项，同比增长5%。\n"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8 with BOM"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le with BOM"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be with BOM"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gbk"),
    ],
)
def test_decodes_every_supported_encoding(data: bytes, name: str) -> None:
    assert decode(data, name) == TEXT


def test_gb18030_keeps_crlf_so_offsets_count_both_characters() -> None:
    text = "一、总体情况\r\n一是完成任务19项。\r\n二、下一步\r\n"
    decoded = decode(text.encode("gb18030"), "crlf.txt")
    assert decoded == text
    assert decoded.index("19项") == 14  # 一、总体情况 + CR + LF + 一是完成任务
    assert decoded.count("\r\n") == 3


def test_gbk_zero_lookalikes_survive() -> None:
    # 〇 is not in GB2312, so legacy texts write ○; both must come back as written.
    text = "二〇二三年，二○二二年"
    assert decode(text.encode("gbk"), "zero.txt") == text


def test_gbk_punctuation_is_not_decoded_as_gb2312() -> None:
    # gb2312 would give U+2015 and U+30FB for these two bytes pairs.
    assert decode(b"\xa1\xaa\xa1\xa4", "dash.txt") == "\u2014\u00b7"


def test_nul_bytes_are_kept() -> None:
    assert decode(b"a\x00b", "nul.txt") == "a\x00b"


def test_utf8_wins_over_gb18030_when_both_decode() -> None:
    # Pure ASCII and valid UTF-8 Chinese are read as UTF-8, not as GB18030 mojibake.
    assert decode("水务".encode(), "u.txt") == "水务"


def test_undecodable_gbk_reports_the_gb18030_offset() -> None:
    data = "总体情况".encode("gb18030") + b"\xffabc"
    with pytest.raises(DecodeError) as caught:
        decode(data, "bad.txt")
    assert caught.value.offset == 8
    assert caught.value.source == "bad.txt"
    assert "bad.txt" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_undecodable_utf8_reports_the_utf8_offset() -> None:
    # GB18030 stops at byte 2 (BB followed by a newline); UTF-8 reads on to the stray byte.
    data = "总\n体".encode() + b"\xff"
    with pytest.raises(DecodeError) as caught:
        decode(data, "bad.txt")
    assert caught.value.offset == 7


def test_bom_declares_the_encoding_and_offsets_count_it() -> None:
    data = codecs.BOM_UTF8 + "总".encode() + b"\xff"
    with pytest.raises(DecodeError) as caught:
        decode(data, "bom.txt")
    assert caught.value.offset == 6


def test_odd_length_utf16_is_an_error() -> None:
    data = codecs.BOM_UTF16_LE + "总".encode("utf-16-le") + b"\x00"
    with pytest.raises(DecodeError) as caught:
        decode(data, "odd.txt")
    assert caught.value.offset == 4


def test_read_path_reads_bytes_without_newline_translation(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes("一、总体\r\n二、其他\r".encode("gb18030"))
    assert read_path(path) == "一、总体\r\n二、其他\r"
    assert read_path(str(path)) == "一、总体\r\n二、其他\r"


def test_read_path_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError, match="no such file") as caught:
        read_path(missing)
    assert str(caught.value).startswith(str(missing))


def test_read_path_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_path(tmp_path)


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root and Windows ignore the mode bits"
)
def test_read_path_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("一、总体", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_path(path)


def test_read_path_undecodable_file_names_it(tmp_path: Path) -> None:
    path = tmp_path / "binary.bin"
    path.write_bytes(b"\xff\xff\xff")
    with pytest.raises(DecodeError) as caught:
        read_path(path)
    assert caught.value.source == str(path)
    assert caught.value.offset == 0
