"""Every code block of the README and the docs runs in the test suite (Sybil).

Each document runs in a scratch folder that links the repository's top-level entries, so the
examples use the paths a reader at the repository root would use and whatever they write goes to
the scratch folder. Python blocks share one namespace per document; ``sh`` blocks run in bash
and must exit 0; ``toml`` and ``json`` blocks must parse. A block that installs packages or runs
for minutes is preceded by ``<!-- skip: next -->`` and the prose says why (CI runs it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import tomllib
from sybil import Example, Sybil
from sybil.parsers.myst import CodeBlockParser, PythonCodeBlockParser, SkipParser

ROOT = Path(__file__).resolve().parent
SH_TIMEOUT = 300
"""Seconds an ``sh`` block may take: a hang ceiling, not a speed check."""


def _setup(namespace: dict[str, Any]) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="govreport-docs-"))
    for entry in ROOT.iterdir():
        if not entry.name.startswith("."):
            (scratch / entry.name).symlink_to(entry)
    namespace["_scratch"] = scratch
    namespace["_cwd"] = os.getcwd()
    os.chdir(scratch)


def _teardown(namespace: dict[str, Any]) -> None:
    os.chdir(namespace["_cwd"])
    shutil.rmtree(namespace["_scratch"], ignore_errors=True)


_SET_UP_COMMAND = re.compile(r"^\s*(pip install|pytest|python3? -m venv)\b", re.MULTILINE)


def _run_sh(example: Example) -> None:
    if _SET_UP_COMMAND.search(example.parsed):
        # Installing or running the suite from inside the suite would change the very venv
        # under test; such blocks are CI's (.ci/run) and are marked `<!-- skip: next -->`.
        raise AssertionError("a set-up command in an unskipped sh block: mark it skip: next")
    # The venv's scripts (govreport) first on PATH, as after `. .venv/bin/activate`.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", example.parsed],
        capture_output=True,
        text=True,
        env=env,
        timeout=SH_TIMEOUT,
        check=False,
    )
    if done.returncode:
        raise AssertionError(
            f"exit {done.returncode}\n--- stdout\n{done.stdout[-2000:]}\n--- stderr\n"
            f"{done.stderr[-2000:]}"
        )


def _load_toml(example: Example) -> None:
    tomllib.loads(example.parsed)


def _load_json(example: Example) -> None:
    json.loads(example.parsed)


pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(),
        CodeBlockParser("sh", _run_sh),
        CodeBlockParser("toml", _load_toml),
        CodeBlockParser("json", _load_json),
        SkipParser(),
    ],
    patterns=["README.md", "docs/*.md", "docs/**/*.md"],
    excludes=["docs/_build/**"],
    setup=_setup,
    teardown=_teardown,
).pytest()
