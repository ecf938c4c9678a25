"""The ``govreport`` command, run in-process: output, exit statuses and one-line errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import jsonschema
import pytest

import govreport
from govreport import __version__, cli, reading
from govreport.exporters.outline import OUTLINE
from govreport.extractors.base import ExtractionContext
from govreport.hookspecs import hookimpl
from govreport.host import PluginHost
from govreport.model import Mention, OutlineNode, Quantity, Region, Report, Span
from govreport.protocols import Exporter
from govreport.schema import load_schema

REPORT = "一、总体情况\n一是完成任务19项，同比增长5%。\n二是印发《节水条例》。\n二、下一步工作\n继续努力。\n"


def write(path: Path, text: str = REPORT, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def errors(err: str) -> list[str]:
    """stderr as lines, checking that every one is a govreport message and none a traceback."""
    lines = err.splitlines()
    assert "Traceback" not in err
    assert all(line.startswith("govreport: ") for line in lines), lines
    return lines


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["parse", str(tmp_path / "missing.txt")]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    (line,) = errors(err)
    assert "missing.txt" in line
    assert "no such file" in line


def test_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["parse", str(tmp_path)]) == 2
    (line,) = errors(capsys.readouterr().err)
    assert "folder with no report file" in line


def test_unreadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Mode bits do not stop root (CI runs as root), so the refusal is simulated at open().
    path = write(tmp_path / "secret.txt")

    def refuse(name: str, *args: object, **kwargs: object) -> Any:
        raise PermissionError(13, "Permission denied", name)

    monkeypatch.setattr(reading, "open", refuse, raising=False)
    assert cli.main(["parse", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert errors(err) == [f"govreport: {path}: permission denied"]


def test_a_path_through_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "report.txt") / "child.txt"
    assert cli.main(["parse", str(path)]) == 2
    (line,) = errors(capsys.readouterr().err)
    assert line.startswith(f"govreport: {path}: cannot read: ")


def test_output_into_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no" / "such" / "out.json"
    assert cli.main(["parse", str(write(tmp_path / "report.txt")), "-o", str(target)]) == 2
    (line,) = errors(capsys.readouterr().err)
    assert "out.json" in line or "such" in line
    assert not target.exists()


def test_undecodable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "binary.bin"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\xfd")
    assert cli.main(["parse", str(path)]) == 2
    (line,) = errors(capsys.readouterr().err)
    assert "binary.bin" in line
    assert "cannot decode byte offset" in line


def test_unknown_format_is_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["parse", "--format", "yaml", str(tmp_path / "missing.txt")]) == 2
    (line,) = errors(capsys.readouterr().err)
    assert "unknown format 'yaml'" in line
    assert "json" in line  # the known formats are listed


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["parse", "--bogus", "x.txt"],
        ["parse"],
        ["plugins", "extra"],
        ["--format", "json"],
    ],
)
def test_usage_errors_are_one_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(errors(err)) == 1


def test_plugin_failure_is_one_line_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        cli,
        "default_host",
        lambda strict=True: PluginHost(
            plugins=[BrokenPlugin()], load_entrypoints=False, strict=strict
        ),
    )
    path = write(tmp_path / "report.txt")
    assert cli.main(["parse", str(path)]) == 2
    (line,) = errors(capsys.readouterr().err)
    assert str(path) in line
    assert "broken" in line


def test_lenient_records_plugin_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        cli,
        "default_host",
        lambda strict=True: PluginHost(
            plugins=[BrokenPlugin()], load_entrypoints=False, strict=strict
        ),
    )
    assert cli.main(["parse", "--lenient", str(write(tmp_path / "report.txt"))]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert [fault["hook"] for fault in json.loads(out)["faults"]] == ["broken"]


class BrokenExtractor:
    name: ClassVar[str] = "broken"
    order: ClassVar[int] = 50

    def extract(self, context: ExtractionContext) -> Iterable[Mention]:
        raise RuntimeError("boom\nwith a second line")


class BrokenPlugin:
    @hookimpl
    def register_mention_extractors(self, register: Any) -> None:
        register(BrokenExtractor())


def test_keyboard_interrupt_exits_130_quietly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(*args: object, **kwargs: object) -> Report:
        raise KeyboardInterrupt

    monkeypatch.setattr("govreport.corpus.batch.parse", interrupt)
    assert cli.main(["parse", str(write(tmp_path / "report.txt"))]) == 130
    assert capsys.readouterr() == ("", "")


class ClosedPipe(io.BytesIO):
    def write(self, data: Any) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_broken_pipe_exits_quietly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdout", io.TextIOWrapper(ClosedPipe(), encoding="utf-8"))
    assert cli.main(["parse", str(write(tmp_path / "report.txt"))]) == 1
    assert capsys.readouterr().err == ""


def test_python_m_govreport_in_a_real_process(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(govreport.__file__).parents[1])}
    argv = [sys.executable, "-m", "govreport", "parse", str(tmp_path / "missing.txt")]
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(errors(done.stderr)) == 1


# -- parsing -----------------------------------------------------------------------------------


def test_parse_to_stdout_is_contract_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["parse", str(write(tmp_path / "report.txt"))]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    data = json.loads(out)
    assert data["schema"] == "govreport/1"
    assert data["source"] == "report.txt"
    assert [node["marker"] for node in data["outline"]] == ["一、", "二、"]
    jsonschema.Draft202012Validator(load_schema()).validate(data)


def test_json_is_one_line_unless_indented(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "report.txt")
    assert cli.main(["parse", str(source)]) == 0
    compact = capsys.readouterr().out
    assert compact.count("\n") == 1
    assert cli.main(["parse", str(source), "--indent", "4", "-o", str(tmp_path / "out.json")]) == 0
    laid_out = (tmp_path / "out.json").read_text(encoding="utf-8")
    assert laid_out.startswith('{\n    "schema": "govreport/1",\n')
    assert json.loads(laid_out, parse_float=Decimal) == json.loads(compact, parse_float=Decimal)
    assert cli.main(["parse", str(source), "--indent", "2", "--format", "jsonl"]) == 0
    assert capsys.readouterr().out == compact  # JSON Lines stay one report a line


def test_json_on_a_terminal_is_indented(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert cli.main(["parse", str(write(tmp_path / "report.txt"))]) == 0
    assert capsys.readouterr().out.startswith('{\n  "schema": "govreport/1",\n')


def test_parse_gb18030_crlf_keeps_offsets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = REPORT.replace("\n", "\r\n")
    assert cli.main(["parse", str(write(tmp_path / "report.txt", text, "gb18030"))]) == 0
    for mention in json.loads(capsys.readouterr().out)["mentions"]:
        start, end = mention["span"]
        assert text[start:end] == mention["text"]


def test_parse_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(REPORT.encode("gb18030"))))
    assert cli.main(["parse", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"] is None
    assert data["outline"][0]["title"] == "总体情况"


def test_parse_example_as_outline(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["parse", "--example", "--format", "outline"]) == 0
    out = capsys.readouterr().out
    assert "source: water-bureau-2023.txt" in out
    assert "\n一、" in out
    assert out.rstrip("\n").splitlines()[-1].startswith("mentions: ")


def test_output_file_is_written_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(tmp_path / "report.txt")
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    assert cli.main(["parse", str(source), "-o", str(target)]) == 0
    assert capsys.readouterr() == ("", "")
    assert json.loads(target.read_text(encoding="utf-8"))["source"] == "report.txt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "report.txt"]


def test_failed_write_leaves_the_old_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write(tmp_path / "report.txt")
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")

    def no_space(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    assert cli.main(["parse", str(source), "-o", str(target)]) == 2
    (line,) = errors(capsys.readouterr().err)
    assert "report.json" in line
    assert "No space left on device" in line
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "report.txt"]


def test_several_files_with_one_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = [write(tmp_path / "a.txt"), write(tmp_path / "d.txt", encoding="gb18030")]
    undecodable = tmp_path / "c.bin"
    undecodable.write_bytes(b"\xff\xfe\xfd")
    missing = tmp_path / "b.txt"
    out_dir = tmp_path / "out" / "json"
    argv = [
        "parse",
        str(good[0]),
        str(missing),
        str(undecodable),
        str(good[1]),
        "-o",
        f"{out_dir}/",
    ]
    assert cli.main(argv) == 2
    lines = errors(capsys.readouterr().err)
    assert len(lines) == 2
    assert "b.txt" in lines[0]
    assert "c.bin" in lines[1]
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.json", "d.json"]
    assert json.loads((out_dir / "d.json").read_text(encoding="utf-8"))["source"] == "d.txt"


class HalfExporter:
    """A plugin whose exporter fails after its first piece."""

    @hookimpl
    def register_exporters(self, register: Any) -> None:
        def pieces(report: Report) -> Iterable[str]:
            yield "first piece\n"
            raise RuntimeError("second piece lost")

        register(
            Exporter(
                name="half",
                suffix=".txt",
                media_type="text/plain",
                render=lambda report: "".join(pieces(report)),
                pieces=pieces,
            )
        )


@pytest.mark.parametrize("to_file", [True, False], ids=["file", "stdout"])
def test_an_exporter_failing_after_a_piece_writes_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    to_file: bool,
) -> None:
    monkeypatch.setattr(
        cli,
        "default_host",
        lambda strict=True: PluginHost(plugins=[HalfExporter()], load_entrypoints=False),
    )
    source = write(tmp_path / "report.txt")
    target = tmp_path / "report.out"
    target.write_text("old", encoding="utf-8")
    argv = ["parse", str(source), "-f", "half"] + (["-o", str(target)] if to_file else [])
    assert cli.main(argv) == 2
    out, err = capsys.readouterr()
    (line,) = errors(err)
    assert "'HalfExporter' failed in export" in line and "second piece lost" in line
    assert out == ""  # standard output gets an export whole or not at all
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.out", "report.txt"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_files_in_a_folder_hold_what_stdout_gets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    sources = [write(tmp_path / f"{name}.txt") for name in "abcd"]
    assert cli.main(["parse", *map(str, sources), "-j", jobs, "-o", f"{tmp_path}/out/"]) == 0
    for source in sources:
        assert cli.main(["parse", str(source)]) == 0
        written = (tmp_path / "out" / f"{source.stem}.json").read_text(encoding="utf-8")
        assert written == capsys.readouterr().out


def test_several_files_to_stdout_need_a_format_for_many(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(write(tmp_path / "a.txt")), str(write(tmp_path / "b.txt"))]
    assert cli.main(["parse", *files]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    (line,) = errors(err)
    assert "jsonl" in line
    assert cli.main(["parse", *files, "--format", "jsonl"]) == 0
    documents = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["source"] for d in documents] == ["a.txt", "b.txt"]


def test_same_stems_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    files = [str(write(tmp_path / "x" / "r.txt")), str(write(tmp_path / "y" / "r.txt"))]
    assert cli.main(["parse", *files, "-o", f"{tmp_path / 'out'}/"]) == 2
    assert len(errors(capsys.readouterr().err)) == 1
    assert not (tmp_path / "out").exists()


def test_single_file_into_existing_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out").mkdir()
    assert cli.main(["parse", str(write(tmp_path / "r.txt")), "-o", str(tmp_path / "out")]) == 0
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["r.json"]


# -- listings ----------------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"govreport {__version__}"


def test_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["formats"]) == 0
    rows = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()}
    assert rows["json"] == [".json", "application/json"]
    assert rows["outline"] == [".txt", "text/plain"]


def test_plugins_all_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["plugins", "--all", "--json"]) == 0
    plugins = {info["name"]: info for info in json.loads(capsys.readouterr().out)}
    assert plugins["builtin.json"]["builtin"] is True
    assert plugins["builtin.json"]["provides"] == ["json"]
    assert plugins["builtin.outline"]["hooks"] == ["register_exporters"]


def test_plugins_text_lists_builtins_only_with_all(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["plugins", "--all"]) == 0
    assert "builtin.json" in capsys.readouterr().out
    assert cli.main(["plugins"]) == 0
    assert "builtin.json" not in capsys.readouterr().out


# -- the outline view --------------------------------------------------------------------------


def test_outline_view() -> None:
    preamble = "　　今年以来，我们坚持以人民为中心的发展思想，扎实推进各项工作，全年完成投资5亿元，各项工作取得明显成效。\n"
    text = (
        "工作总结\n"
        + preamble
        + "一、节约用水\n节水5亿立方米。\n（一）管网改造\n改造管网12公里。\n附件\n"
    )

    def at(sub: str) -> Span:
        start = text.index(sub)
        return Span(start, start + len(sub))

    def quantity(sub: str, value: int, unit: str) -> Quantity:
        return Quantity(span=at(sub), text=sub, value=Decimal(value), unit=unit)

    child = OutlineNode(
        marker="（一）",
        ordinal=1,
        style="cn-paren",
        rank=20,
        title="管网改造",
        span=at("（一）管网改造\n改造管网12公里。\n"),
        title_span=at("管网改造"),
        marker_span=at("（一）"),
    )
    part = OutlineNode(
        marker="一、",
        ordinal=1,
        style="cn-comma",
        rank=10,
        title="节约用水",
        span=at("一、节约用水\n节水5亿立方米。\n（一）管网改造\n改造管网12公里。\n"),
        title_span=at("节约用水"),
        marker_span=at("一、"),
        children=(child,),
    )
    report = Report(
        text=text,
        source="r.txt",
        front_matter=(Region("title", at("工作总结"), "工作总结"),),
        preamble=Region("preamble", at(preamble), preamble),
        outline=(part,),
        end_matter=(Region("attachment", at("附件\n"), "附件\n"),),
        mentions=(
            quantity("5亿元", 500000000, "元"),
            quantity("5亿立方米", 500000000, "立方米"),
            quantity("12公里", 12, "公里"),
        ),
    )
    assert OUTLINE.export(report) == (
        "工作总结\n"
        "source: r.txt\n"
        "preamble: 今年以来，我们坚持以人民为中心的发展思想，扎实推进各项工作，全年完成投资5亿元，…\n"
        "\n"
        "一、 节约用水  [L3]  (2 quantities)\n"
        "  （一） 管网改造  [L5]  (1 quantity)\n"
        "\n"
        "end matter: attachment\n"
        "mentions: 3 quantity\n"
    )
