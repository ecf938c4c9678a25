"""Installing govreport-water alone on top of the core, in a fresh virtual environment."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).parents[3]


def test_the_water_plugin_installs_alone_and_tags_the_sample(tmp_path: Path) -> None:
    venv.create(tmp_path / "env", with_pip=True)
    bin_dir = tmp_path / "env" / ("Scripts" if sys.platform == "win32" else "bin")
    install = subprocess.run(
        [bin_dir / "pip", "install", "-q", ROOT, ROOT / "plugins" / "govreport-water"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    listed = subprocess.run(
        [bin_dir / "govreport", "plugins", "--json"], capture_output=True, text=True, check=True
    )
    assert [p["name"] for p in json.loads(listed.stdout)] == ["water"]
    parsed = subprocess.run(
        [bin_dir / "govreport", "parse", "--example"], capture_output=True, text=True, check=True
    )
    terms = {m["text"] for m in json.loads(parsed.stdout)["mentions"] if m["kind"] == "term"}
    assert {
        "永定河",
        "北大港水库",
        "杨柳青水厂",
        "黄港一库",
        "引滦原水预处理厂",
        "蓄滞洪区",
    } <= terms
