"""Writing output: what ``-o`` may replace, and that no byte is lost on stdout without a message.

Each case was found by an attack on the command line (issue 15): before, a device node, a FIFO
or a symlink at the ``-o`` path became a plain file, an input was overwritten, a 0600 output
became 0644, stdout to a full disk was cut short with exit 0, and a closed stdout gave a
traceback. The device, FIFO and tmpfs cases run for real; they need root and are skipped without.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from govreport import cli, output
from govreport.errors import OutputError
from govreport.output import write_atomic, write_stdout

REPORT = Path(__file__).parent / "data" / "water-bureau-2023.txt"

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(*args: str, **options: object) -> subprocess.CompletedProcess[bytes]:
    """``python -m govreport ARGS`` in a real process (stdout and stderr captured by default)."""
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "govreport", *args], check=False, timeout=120, **options
    )  # type: ignore[call-overload, no-any-return]


def one_error_line(stderr: bytes) -> str:
    lines = stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("govreport: ")
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.read_bytes())
    return path


# -- what -o refuses -------------------------------------------------------------------------


def refused(report: Path, target: Path, capsys: pytest.CaptureFixture[str], reason: str) -> None:
    # --format: a target such as /dev/null has no suffix to take the format from.
    assert cli.main(["parse", str(report), "--format", "json", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and reason in err, err


def test_a_fifo_is_not_replaced(
    report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    refused(report, fifo, capsys, "is a FIFO")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_symlink_is_not_replaced_nor_followed(
    report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("keep")
    link = tmp_path / "out.json"
    link.symlink_to(elsewhere)
    refused(report, link, capsys, "is a symbolic link")
    assert link.is_symlink() and elsewhere.read_text() == "keep"


@pytest.mark.skipif(not ROOT, reason="making a device node needs root")
def test_a_device_node_is_not_replaced(
    report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a copy of /dev/null
    except PermissionError:
        pytest.skip("this container may not make device nodes")
    refused(report, device, capsys, "is a character device")
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_a_directory_is_not_replaced(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(tmp_path, b"x")


def test_the_input_is_not_overwritten(report: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = report.read_bytes()
    refused(report, report, capsys, "is an input of this command")
    assert report.read_bytes() == before


def test_a_hard_link_to_the_input_is_not_overwritten(
    report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alias = tmp_path / "alias.json"
    os.link(report, alias)
    refused(report, alias, capsys, "is an input of this command")
    assert report.read_bytes() == REPORT.read_bytes()


def test_an_empty_output_name_is_refused(
    report: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["parse", str(report), "-o", ""]) == 2
    assert "-o needs a file or folder name" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.txt"]
    with pytest.raises(OutputError, match="empty"):
        write_atomic("", b"x")


# -- what -o keeps ---------------------------------------------------------------------------


def test_a_private_output_stays_private(report: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o600)
    assert cli.main(["parse", str(report), "-o", str(target)]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("{")


def test_a_new_output_follows_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.json", b"{}")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_set_id_bits_are_not_carried_over(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o4755)
    write_atomic(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o755


# -- interrupted writes ----------------------------------------------------------------------

INTERRUPTED_WRITE = """
import os, signal, sys
from govreport import output
def interrupted(descriptor):  # the signal arrives in the middle of the write
    os.kill(os.getpid(), getattr(signal, sys.argv[2]))
output.os.fsync = interrupted
output.write_atomic(sys.argv[1], b"new" * 1_000_000)
"""


@pytest.mark.parametrize(
    ("name", "status"),
    [("SIGTERM", -signal.SIGTERM), ("SIGINT", -signal.SIGINT)],
    ids=["term", "int"],
)
def test_an_interrupted_write_leaves_no_temporary_file(
    tmp_path: Path, name: str, status: int
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    script = textwrap.dedent(INTERRUPTED_WRITE)
    done = subprocess.run(
        [sys.executable, "-c", script, str(target), name],
        check=False,
        capture_output=True,
        timeout=60,
    )
    # Either way the process still ends the way the signal ends it.
    assert done.returncode == status, done.stderr
    assert leftovers(tmp_path) == []
    assert target.read_text() == "old"


def test_the_command_line_interrupted_while_writing_exits_130_and_cleans_up(
    report: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("govreport.output.os.fsync", interrupted)
    assert cli.main(["parse", str(report), "-o", str(tmp_path / "out.json")]) == 130
    assert leftovers(tmp_path) == [] and not (tmp_path / "out.json").exists()


# -- stdout ----------------------------------------------------------------------------------


def test_dev_full_on_stdout_is_one_line_exit_2(report: Path) -> None:
    with open("/dev/full", "wb") as full:
        done = run("parse", str(report), stdout=full)
    assert done.returncode == 2
    assert "No space left on device" in one_error_line(done.stderr)


def test_a_closed_stdout_is_one_line_exit_2(report: Path) -> None:
    done = run("parse", str(report), stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    assert done.returncode == 2
    assert "<stdout>" in one_error_line(done.stderr)


def test_a_broken_pipe_is_a_quiet_exit_that_is_not_0(report: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = run("parse", str(report), stdout=write_end)
    finally:
        os.close(write_end)
    assert done.returncode == cli.EXIT_BROKEN_PIPE != 0
    assert done.stderr == b""


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs, smaller than the JSON of three samples, mounted for the test."""
    if not ROOT:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "small"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        check=False,
        capture_output=True,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_stdout_cut_short_by_a_full_disk_is_an_error_even_unbuffered(
    report: Path, full_disk: Path
) -> None:
    report.write_bytes(REPORT.read_bytes() * 3)
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with open(full_disk / "out.json", "wb") as out:
        done = run("parse", str(report), stdout=out, env=environment)
    assert done.returncode == 2
    assert "No space left on device" in one_error_line(done.stderr)


def test_an_output_file_on_a_full_disk_is_an_error_and_leaves_nothing(
    report: Path, full_disk: Path
) -> None:
    report.write_bytes(REPORT.read_bytes() * 3)
    done = run("parse", str(report), "-o", str(full_disk / "out.json"))
    assert done.returncode == 2
    assert "No space left on device" in one_error_line(done.stderr)
    assert list(full_disk.iterdir()) == []


def test_partial_writes_are_continued(monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[bytes] = []

    def one_byte(descriptor: int, data: bytes) -> int:
        written.append(bytes(data[:1]))
        return 1

    monkeypatch.setattr("govreport.output.os.write", one_byte)
    write_stdout(b"whole")
    assert b"".join(written) == b"whole"


def test_a_write_that_makes_no_progress_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("govreport.output.os.write", lambda descriptor, data: 0)
    with pytest.raises(OutputError, match="short write: 0 of 5 bytes"):
        write_stdout(b"whole")


# -- content in parts ------------------------------------------------------------------------


def test_content_in_parts_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    parts = [b"a" * 3, bytearray(b"b" * (1 << 21)), b"", b"c"]
    write_atomic(target, iter(parts))
    assert target.read_bytes() == b"".join(parts)
    assert leftovers(tmp_path) == []


def test_a_part_that_fails_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")

    def parts() -> Iterator[bytes]:
        yield b"x" * (1 << 21)  # more than a chunk: written before the failure
        raise ValueError("the exporter failed")

    with pytest.raises(ValueError, match="the exporter failed"):
        write_atomic(target, parts())
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_a_failed_write_of_parts_counts_what_went_out(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def full_after_one(descriptor: int, data: bytes) -> int:
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(28, "No space left on device")
        return len(data)

    monkeypatch.setattr("govreport.output.os.write", full_after_one)
    parts = iter([b"x" * (1 << 20), b"y"])
    with pytest.raises(OutputError, match=r"No space left on device \(1048576 bytes written\)"):
        output._write_all(1, parts, "out.json")
