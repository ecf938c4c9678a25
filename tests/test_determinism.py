"""The same input gives byte-identical output in any process, whatever ``PYTHONHASHSEED`` is.

Sets and dicts iterate in hash order, and str hashes change with the seed: any place where such
an order leaked into the output would show here as a difference between processes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

import govreport

DATA = Path(__file__).parent / "data"
FORMATS = ("json", "markdown", "csv", "outline")

# Parses every report of tests/data with every plugin installed here, and prints one digest per
# (report, format).
SCRIPT = """
import hashlib, sys
import govreport
host = govreport.PluginHost()
for path in sys.argv[2:]:
    report = govreport.parse_file(path, host=host)
    for name in sys.argv[1].split(","):
        output = host.exporter(name).export(report)
        data = output if isinstance(output, bytes) else output.encode("utf-8")
        print(path, name, hashlib.sha256(data).hexdigest())
"""


def digests(seed: str, plugins: bool) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVREPORT_")}
    env["PYTHONHASHSEED"] = seed
    if not plugins:
        env["GOVREPORT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    paths = sorted(str(path) for path in DATA.glob("*.txt"))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, ",".join(FORMATS), *paths],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize("plugins", [False, True], ids=["builtins", "installed-plugins"])
def test_output_is_byte_identical_across_hash_seeds(plugins: bool) -> None:
    outputs = {seed: digests(seed, plugins) for seed in ("0", "1", "4294967295", "random")}
    assert len(outputs["0"].splitlines()) == len(FORMATS) * len(list(DATA.glob("*.txt")))
    assert len(set(outputs.values())) == 1, outputs


def test_output_in_process_matches_a_fresh_process() -> None:
    host = govreport.PluginHost(load_entrypoints=False)
    path = sorted(DATA.glob("*.txt"))[0]
    here = hashlib.sha256(
        host.exporter("json").export(govreport.parse_file(path, host=host)).encode()
    )
    there = digests("random", plugins=False).splitlines()
    assert f"{path} json {here.hexdigest()}" in there
