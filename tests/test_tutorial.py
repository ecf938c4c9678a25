"""The plugin tutorial's last step, as a user runs it: the example distribution installed, then
``govreport plugins`` and ``govreport parse``.

Installing with pip from inside the suite would change the environment under test, so the
distribution is "installed" the way pip leaves it for importlib.metadata: a scratch site folder
holding the package and a ``.dist-info`` with its entry point, put on ``PYTHONPATH``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "govreport-irrigation"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    folder = tmp_path_factory.mktemp("site")
    shutil.copytree(EXAMPLE / "src" / "govreport_irrigation", folder / "govreport_irrigation")
    info = folder / f"govreport_irrigation-{project['version']}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n",
        encoding="utf-8",
    )
    points = "".join(f"{k} = {v}\n" for k, v in project["entry-points"]["govreport"].items())
    (info / "entry_points.txt").write_text(f"[govreport]\n{points}", encoding="utf-8")
    return folder


def _govreport(site: Path, *args: str, stdin: str = "") -> str:
    path = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
    # The suite turns entry points off for the core tests; this test is about one of them.
    env = {k: v for k, v in os.environ.items() if k != "GOVREPORT_DISABLE_PLUGIN_AUTOLOAD"}
    done = subprocess.run(
        [sys.executable, "-m", "govreport", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": path, "GOVREPORT_PLUGINS": "irrigation"},
        check=True,
        timeout=120,
    )
    return done.stdout


def test_the_installed_plugin_is_listed(site: Path) -> None:
    listed = json.loads(_govreport(site, "plugins", "--json"))
    [irrigation] = [p for p in listed if p["name"] == "irrigation"]
    assert irrigation["distribution"] == "govreport-irrigation"
    assert "register_vocabularies" in irrigation["hooks"]


def test_a_parse_reports_its_terms(site: Path) -> None:
    output = _govreport(site, "parse", "-", stdin="新建东风干渠12公里，灌区面积达到3万亩。")
    terms = [m for m in json.loads(output)["mentions"] if m.get("vocabulary") == "irrigation"]
    assert [(m["text"], m["category"], m["subtype"]) for m in terms] == [
        ("东风干渠", "irrigation", "canal"),
        ("灌区", "irrigation", None),
    ]
