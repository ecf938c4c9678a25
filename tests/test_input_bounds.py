"""Decoding choices and input bounds found by the attack of issue 15.

Before: UTF-32 with a BOM was read as UTF-16 (NULs added, no outline), a short GBK text that is
valid UTF-8 was read as UTF-8 (``拾`` → ``ʰ``), ``/dev/zero`` was read whole into a MemoryError
traceback, and a FIFO with no writer blocked for ever.
"""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govreport
from govreport import cli, reading
from govreport.errors import DecodeError, InputError
from govreport.reading import chinese_share, decode, read_bytes

SAMPLE = (Path(__file__).parent / "data" / "water-bureau-2023.txt").read_text("utf-8")

COMMON_HANZI = [
    chr(code) for code in range(0x4E00, 0xA000) if len(chr(code).encode("gb2312", "ignore")) == 2
]
"""The ideographs of GB2312, the ones everyday text is made of."""

CEILING_SECONDS = 60.0
"""Hang detection only, in wall seconds of a child process (so load counts; hence generous):
reading 200 MB of zeros and stopping takes about a second."""


# -- decoding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bom", "codec"), [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")]
)
def test_utf32_with_a_bom_decodes_right(bom: bytes, codec: str) -> None:
    assert decode(bom + SAMPLE.encode(codec), "utf32.txt") == SAMPLE
    report = govreport.parse_bytes(bom + SAMPLE.encode(codec))
    assert [m.text for m in report.mentions] == [m.text for m in govreport.parse(SAMPLE).mentions]


def test_utf32_with_a_bad_code_unit_names_utf32() -> None:
    data = codecs.BOM_UTF32_LE + "一".encode("utf-32-le") + b"\x00\x00\x11\x00"  # > U+10FFFF
    with pytest.raises(DecodeError, match="utf-32-le") as caught:
        decode(data, "bad.txt")
    assert caught.value.offset == 8


@pytest.mark.parametrize("text", ["拾元", "20366元", "拾", "元"])
def test_a_short_gbk_text_that_is_also_utf8_decodes_as_gb18030(text: str) -> None:
    data = text.encode("gbk")
    data.decode("utf-8")  # the trap: these bytes are valid UTF-8 too
    assert decode(data, "short.txt") == text


@given(st.lists(st.sampled_from([*COMMON_HANZI, "，", "。", "1", "a", " "]), min_size=1))
def test_common_chinese_round_trips_in_utf8_and_in_gbk(characters: list[str]) -> None:
    text = "".join(characters)
    assert decode(text.encode("utf-8"), "u.txt") == text
    assert decode(text.encode("gbk"), "g.txt") == text


def test_the_share_judges_what_a_reading_is_made_of() -> None:
    assert chinese_share("一、总体情况，完成19项。") == 1.0
    assert chinese_share("ʰԪ") == 0.0  # 拾元 in GBK read as UTF-8
    assert chinese_share("abc") == 0.0


def test_an_encoding_named_by_the_caller_is_used_strictly() -> None:
    data = "拾元".encode("gbk")
    assert decode(data, "x.txt", "utf-8") == "ʰԪ"  # asked for, so given
    with pytest.raises(DecodeError, match="utf-8"):
        decode("中".encode("gbk"), "x.txt", "utf-8")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode(data, "x.txt", "klingon")


def test_the_command_line_takes_an_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(SAMPLE.encode("utf-16-le"))  # no BOM: never detected
    assert cli.main(["parse", str(path), "--encoding", "utf-16-le", "-f", "outline"]) == 0
    assert "一、 强化政治思想引领" in capsys.readouterr().out
    assert cli.main(["parse", str(path), "--encoding", "nonesuch"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


# -- bounds ----------------------------------------------------------------------------------


def run(*args: str, stdin: object = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "govreport", *args],
        stdin=stdin,  # type: ignore[arg-type]
        capture_output=True,
        check=False,
        timeout=120,
    )


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
@pytest.mark.parametrize("how", ["file", "stdin"])
def test_dev_zero_ends_in_one_line(how: str) -> None:
    started = time.monotonic()
    if how == "file":
        done = run("parse", "/dev/zero")
    else:
        with open("/dev/zero", "rb") as zeros:
            done = run("parse", "-", stdin=zeros)
    assert time.monotonic() - started < CEILING_SECONDS
    assert done.returncode == 2
    (line,) = done.stderr.decode().splitlines()
    assert "larger than 209715200 bytes" in line


def test_max_bytes_bounds_files_and_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.txt"
    path.write_text(SAMPLE, "utf-8")
    size = path.stat().st_size
    assert cli.main(["parse", str(path), "--max-bytes", str(size)]) == 0
    capsys.readouterr()
    assert cli.main(["parse", str(path), "--max-bytes", str(size - 1)]) == 2
    assert f"larger than {size - 1} bytes" in capsys.readouterr().err
    assert cli.main(["parse", str(path), "--max-bytes", "0"]) == 2
    assert "positive number of bytes" in capsys.readouterr().err


def test_a_fifo_with_no_writer_ends_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    monkeypatch.setattr(reading, "WAIT_SECONDS", 0.2)
    assert cli.main(["parse", str(fifo)]) == 2
    assert capsys.readouterr().err == f"govreport: {fifo}: no data for 0.2 seconds\n"


def test_a_fifo_whose_writer_writes_nothing_is_an_error(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)

    def reader() -> None:
        with pytest.raises(InputError, match="FIFO that nothing was written to"):
            read_bytes(fifo)

    thread = threading.Thread(target=reader)
    thread.start()
    time.sleep(0.1)
    with open(fifo, "wb"):
        pass
    thread.join(timeout=30)
    assert not thread.is_alive()


def test_a_fifo_with_a_writer_is_read_whole(tmp_path: Path) -> None:
    # Like ``govreport parse <(command)``: the data arrives in parts, with pauses.
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    data = SAMPLE.encode("utf-8")

    def writer() -> None:
        with open(fifo, "wb", buffering=0) as out:
            for start in range(0, len(data), 4096):
                out.write(data[start : start + 4096])
                time.sleep(0.01)

    thread = threading.Thread(target=writer)
    thread.start()
    assert read_bytes(fifo) == data
    thread.join(timeout=30)


def test_a_stream_over_the_limit_stops_reading(tmp_path: Path) -> None:
    class Endless:
        reads = 0

        def read(self, size: int) -> bytes:
            self.reads += 1
            return b"x" * size

    stream = Endless()
    with pytest.raises(InputError, match="larger than 3000000 bytes"):
        reading.read_stream(stream, "endless", max_bytes=3_000_000)  # type: ignore[arg-type]
    assert stream.reads <= 4  # chunks of 1 MiB: it stopped as soon as it knew
