"""Batch runs: paths expanded, parses in order over processes, and the ``-o`` rules."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govreport
from govreport import cli
from govreport.corpus.batch import Item, convert_all, expand, keep_reports
from govreport.corpus.outputs import choose_exporter, plan
from govreport.errors import InputError
from govreport.exporters.json import report_to_dict
from govreport.exporters.jsonl import JsonLinesExporter
from govreport.host import PluginHost, default_host
from tests.hook_plugin import Plugin

SERIES = Path(__file__).parent / "data" / "series"
REPORTS = sorted(SERIES.glob("*.txt"))
REPORT = "一、总体情况\n完成任务19项，投资34万余元。\n二、下一步\n力争增长5%左右。\n"


def write(path: Path, text: str = REPORT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def errors(err: str) -> list[str]:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert all(line.startswith("govreport: ") for line in lines), lines
    return lines


# -- expanding paths ---------------------------------------------------------------------------


def test_a_folder_is_walked_in_sorted_order_without_hidden_or_readme_files(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.txt", "a/y.html", ".hidden.txt", ".git/x.txt", "README.md"):
        write(tmp_path / name)
    assert expand([tmp_path]) == [str(tmp_path / p) for p in ("a/y.html", "a/z.txt", "b.txt")]


def test_globs_match_and_other_paths_are_kept_as_given(tmp_path: Path) -> None:
    for name in ("r1.txt", "r2.txt", "x.md"):
        write(tmp_path / name)
    missing, empty = str(tmp_path / "missing.txt"), tmp_path / "empty"
    empty.mkdir()
    pattern, nothing = str(tmp_path / "r*.txt"), str(tmp_path / "q*.txt")
    expanded = expand([pattern, missing, nothing, empty])
    assert expanded == [
        str(tmp_path / "r1.txt"),
        str(tmp_path / "r2.txt"),
        missing,
        nothing,
        str(empty),
    ]


def test_the_series_has_fifteen_reports() -> None:
    assert len(expand([SERIES])) == len(REPORTS) == 15


# -- parse_many and the pool -------------------------------------------------------------------


def test_parse_many_in_order_with_errors_in_place(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfd")
    paths = [*REPORTS[:3], bad, tmp_path / "missing.txt", *REPORTS[3:6]]
    results = list(govreport.parse_many(paths, jobs=2))
    assert [r.label for r in results] == [str(p) for p in paths]
    assert [r.ok for r in results] == [True] * 3 + [False] * 2 + [True] * 3
    assert results[3].error is not None and results[3].error.startswith(f"{bad}: cannot decode")
    assert results[4].error == f"{tmp_path / 'missing.txt'}: no such file"
    with pytest.raises(InputError, match="no such file"):
        _ = results[4].report
    assert results[0].report == govreport.parse_file(paths[0])


def test_jobs_give_the_same_reports_as_one_process() -> None:
    alone = [r.report for r in govreport.parse_many(REPORTS, jobs=1)]
    pooled = [r.report for r in govreport.parse_many(REPORTS, jobs=2)]
    assert pooled == alone
    assert [r.source for r in alone] == [p.name for p in REPORTS]


def test_workers_use_the_callers_host(tmp_path: Path) -> None:
    # A unit only this host knows: the workers must parse with it, not with a default host.
    extra = govreport.Unit(name="垛", dimension="count", base="垛", factor=Decimal(1))
    host = PluginHost(
        plugins=[Plugin(register_units=lambda register: register(extra))], load_entrypoints=False
    )
    paths = [write(tmp_path / f"r{i}.txt", f"一、总体\n完成{i + 2}垛。\n") for i in range(4)]
    items = [Item.of_path(p) for p in paths]
    results = list(convert_all(items, factory=keep_reports, jobs=2, host=host))
    assert [[q.unit for q in r.report.quantities()] for r in results] == [["垛"]] * 4


# -- the command line ---------------------------------------------------------------------------


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, list[str]]:
    status = cli.main(argv)
    out, err = capsys.readouterr()
    return status, out, errors(err)


def test_series_jsonl_with_two_jobs_equals_one_job_and_bad_files_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run(["parse", str(SERIES), "-j", "1", "-o", str(one)], capsys) == (0, "", [])
    assert run(
        ["parse", str(SERIES), "--jobs", "2", "--format", "jsonl", "-o", str(two)], capsys
    ) == (0, "", [])
    assert one.read_bytes() == two.read_bytes()
    lines = two.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"] for line in lines] == [p.name for p in REPORTS]
    bad = tmp_path / "in" / "broken.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"\x81\x30\xff\xff")
    status, _, messages = run(["parse", str(SERIES), str(bad), "-j", "2", "-o", str(two)], capsys)
    assert status == 2
    (message,) = messages
    assert message.startswith(f"govreport: {bad}: cannot decode")
    assert two.read_bytes() == one.read_bytes()


def test_a_trailing_slash_makes_a_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write(tmp_path / "report.txt")
    assert run(["parse", str(source), "-o", f"{tmp_path / 'new'}/"], capsys) == (0, "", [])
    assert [p.name for p in (tmp_path / "new").iterdir()] == ["report.json"]


def test_one_file_holds_many_reports_only_in_formats_made_for_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = [str(write(tmp_path / "a.txt")), str(write(tmp_path / "b.txt"))]
    status, _, (message,) = run(["parse", *sources, "-o", str(tmp_path / "both.json")], capsys)
    assert status == 2
    assert "both.json/" in message
    assert not (tmp_path / "both.json").exists()
    rows_file = tmp_path / "both.csv"
    assert run(["parse", *sources, "-o", str(rows_file)], capsys) == (0, "", [])
    text = rows_file.read_text(encoding="utf-8")
    assert text.count("source,kind,") == 1
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["source"] for row in rows} == {"a.txt", "b.txt"}


def test_the_format_follows_the_output_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(write(tmp_path / "r.txt"))
    assert run(["parse", source, "-o", str(tmp_path / "r.md")], capsys) == (0, "", [])
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("#")
    assert run(["parse", source, "-o", str(tmp_path / "r.parquet")], capsys) == (0, "", [])
    assert (tmp_path / "r.parquet").read_bytes()[:4] == b"PAR1"
    status, _, (message,) = run(["parse", source, "-o", str(tmp_path / "r.unknown")], capsys)
    assert status == 2
    assert "--format" in message


def test_the_format_follows_a_plugin_suffix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("govreport_xlsx")
    monkeypatch.delenv("GOVREPORT_DISABLE_PLUGIN_AUTOLOAD")
    host = PluginHost()  # the xlsx plugin is installed beside the core
    exporter = choose_exporter(host, None, str(tmp_path / "r.xlsx"))
    assert exporter.name == "xlsx"
    data = exporter.export(govreport.parse(REPORT))
    assert isinstance(data, bytes)
    assert zipfile.is_zipfile(io.BytesIO(data))


def test_no_binary_to_a_terminal() -> None:
    parquet = default_host().exporter("parquet")
    with pytest.raises(InputError, match="binary"):
        plan(parquet, ["r"], None, to_terminal=True)
    assert plan(parquet, ["r"], None, to_terminal=False).target is None


def test_failed_plugins_are_listed_and_listings_keep_working(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def same_name(register: Any) -> None:
        register(JsonLinesExporter())  # "jsonl" is the built-in's

    def misspelled(register: Any) -> None:
        raise AssertionError("never called")

    duplicate = Plugin(register_exporters=same_name)
    duplicate.__name__ = "duplicate"  # type: ignore[attr-defined]
    broken = Plugin(register_exporterz=misspelled)
    broken.__name__ = "misspelled"  # type: ignore[attr-defined]

    def host(strict: bool = True) -> PluginHost:
        return PluginHost(plugins=[duplicate, broken], load_entrypoints=False, strict=strict)

    monkeypatch.setattr(cli, "default_host", host)
    for command in (["plugins"], ["formats"]):
        status, out, messages = run(command, capsys)
        assert (status, messages) == (0, [])
        failed = [line for line in out.splitlines() if line.startswith("FAILED ")]
        assert len(failed) == 2, out
        assert "'misspelled'" in failed[0] or "'misspelled'" in failed[1]
        assert any("'duplicate'" in line and "already registered" in line for line in failed)
    status, out, _ = run(["plugins", "--json"], capsys)
    assert sorted(e["name"] for e in json.loads(out) if e.get("failed")) == [
        "duplicate",
        "misspelled",
    ]
    status, _, (message,) = run(["parse", "--example"], capsys)
    assert status == 2
    assert "misspelled" in message


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(alphabet="一二三、。5%项\n增长", max_size=40), min_size=1, max_size=4))
def test_jsonl_is_a_line_per_report_that_loads_back(texts: list[str]) -> None:
    exporter = JsonLinesExporter()
    reports = [govreport.parse(text, source=f"r{i}.txt") for i, text in enumerate(texts)]
    joined = exporter.join([exporter.export(r).encode() for r in reports]).decode()
    lines = joined.split("\n")
    assert lines[-1] == ""
    assert [json.loads(line) for line in lines[:-1]] == [
        json.loads(json.dumps(report_to_dict(r), ensure_ascii=False)) for r in reports
    ]


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_a_progress_bar_on_a_terminal_with_errors_above_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = [str(write(tmp_path / f"r{i}.txt")) for i in range(3)]
    missing = str(tmp_path / "gone.txt")
    for quiet, bar in (([], True), (["--quiet"], False)):
        terminal = Terminal()
        monkeypatch.setattr("sys.stderr", terminal)
        argv = ["parse", *sources, missing, "-j", "1", "-o", str(tmp_path / "all.jsonl"), *quiet]
        assert cli.main(argv) == 2
        shown = terminal.getvalue()
        assert f"govreport: {missing}: no such file\n" in shown
        assert ("report/s" in shown or "4/4" in shown) is bar, shown


class BadJoin:
    name, suffix, media_type, binary = "badjoin", ".bj", "text/plain", False

    def export(self, report: govreport.Report) -> str:
        return "x\n"

    def join(self, parts: list[bytes]) -> bytes:
        raise ValueError("cannot join")


def test_a_failing_join_names_its_plugin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plugin = Plugin(register_exporters=lambda register: register(BadJoin()))
    plugin.__name__ = "joiner"  # type: ignore[attr-defined]
    monkeypatch.setattr(
        cli,
        "default_host",
        lambda strict=True: PluginHost(plugins=[plugin], load_entrypoints=False, strict=strict),
    )
    sources = [str(write(tmp_path / "a.txt")), str(write(tmp_path / "b.txt"))]
    target = tmp_path / "all.bj"
    status, _, (message,) = run(["parse", *sources, "-o", str(target)], capsys)
    assert status == 2
    assert "'joiner' failed in join: ValueError: cannot join" in message
    assert not target.exists()
