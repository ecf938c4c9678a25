#!/usr/bin/env python3
"""Benchmark of a mypyc-compiled govreport against pure Python: parse alone, and parse + JSON.

It builds a compiled copy of ``src/govreport`` in a temporary folder (``mypycify`` of
:data:`MODULES`, through setuptools' ``build_ext --inplace``; the repository is not touched),
checks that the copy writes the same JSON as the source tree for every corpus text, and then
times both with the interpreter running this script, the copy put first on ``PYTHONPATH``.

Each measurement runs a worker process per build in turn, alternating which goes first, so that
a change of machine load hits both; a worker builds the plugin host, warms up with one untimed
pass over the corpus, then times passes of ``govreport.parse`` and of
``govreport.dumps(govreport.parse(...))`` alternately, in wall time and in CPU time. A pass is the
sum over the corpus's texts; the figure is the median pass of all rounds, and throughput is the
corpus's characters ÷ that median. With ``--callgrind`` it also counts instructions per pass
under valgrind (a worker doing two passes minus one doing none), which load does not move::

    python benchmarks/compiled.py                  # 7 rounds of 3 passes
    python benchmarks/compiled.py --callgrind      # and instruction counts (minutes)

It needs mypy (the ``dev`` extra), setuptools and a C compiler. It is a script, not a test;
docs/performance.md ("Compiled build") holds the latest figures.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FALLBACK_CORPUS = ROOT / "tests" / "data"
PATHS = ("parse", "parse+json")
MODULES = (
    "_regex.py",
    "boundary.py",
    "numerals.py",
    "parsing.py",
    "serialise.py",
    "extractors/dates.py",
    "extractors/documents.py",
    "extractors/quantities.py",
    "extractors/trie.py",
    "extractors/vocabulary.py",
    "indicators/linker.py",
    "indicators/periods.py",
    "indicators/phrases.py",
    "indicators/roles.py",
    "structure/markers.py",
    "structure/parser.py",
)
"""The modules of the parse that mypyc compiles and that then behave as they do in Python.

Left out because the compiled module breaks: ``extractors/formulations.py`` (an attrs field's
``@_quotes.default`` method is not attached, so the field has no value), ``model/*`` (attrs
fields declared in the class body reach attrs as the wrong objects: "tuple object expected"),
``indicators/base.py`` (a compiled Protocol class is no longer a protocol for
``@runtime_checkable``). ``protocols.py`` and ``extractors/base.py`` hold protocols and
re-exports, no work of the parse."""
SETUP = """\
from setuptools import setup
from mypyc.build import mypycify
setup(name="govreport-compiled", package_dir={"": "src"}, ext_modules=mypycify(%r, opt_level="3"))
"""


def _build(folder: Path) -> Path:
    """A compiled copy of ``src/govreport`` in ``folder``; returns its ``src``."""
    source = folder / "src"
    shutil.copytree(ROOT / "src" / "govreport", source / "govreport")
    (folder / "setup.py").write_text(SETUP % [f"src/govreport/{m}" for m in MODULES])
    command = [sys.executable, "setup.py", "build_ext", "--inplace"]
    log = folder / "build.log"
    with log.open("w") as out:
        try:
            subprocess.run(command, cwd=folder, stdout=out, stderr=subprocess.STDOUT, check=True)
        except subprocess.CalledProcessError:
            tail = log.read_text().splitlines()[-20:]
            raise SystemExit("\n".join(["compiled.py: the mypyc build failed:", *tail])) from None
    return source


def _env(pythonpath: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return env


def _same_json(compiled: Path, corpus: Path) -> None:
    """Stop unless the compiled copy writes the source tree's JSON for every corpus text."""
    for text in sorted(corpus.glob("*.txt")):
        command = [sys.executable, "-m", "govreport", "parse", "--format", "json", str(text)]
        outputs = [
            subprocess.run(command, env=_env(p), check=True, capture_output=True).stdout
            for p in (None, compiled)
        ]
        if outputs[0] != outputs[1]:
            raise SystemExit(f"compiled.py: the compiled build writes other JSON for {text.name}")


def _worker(corpus: Path, passes: int, only: str | None) -> None:
    """Time ``passes`` passes of each path (or ``only`` that one) in this interpreter; print
    them as JSON."""
    import govreport  # noqa: PLC0415 - imported in the build being measured
    from govreport.extractors import quantities  # noqa: PLC0415

    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt"))]
    host = govreport.PluginHost()

    def parse(text: str) -> object:
        return govreport.parse(text, host=host)

    def parse_json(text: str) -> object:
        return govreport.dumps(govreport.parse(text, host=host))

    runs = {"parse": parse, "parse+json": parse_json}
    runs = {name: run for name, run in runs.items() if only in (None, name)}
    for run in runs.values():
        for text in texts:
            run(text)
    times: dict[str, dict[str, list[float]]] = {"wall": {}, "cpu": {}}
    for _ in range(passes):
        for name, run in runs.items():
            gc.collect()
            wall = cpu = 0.0
            for text in texts:
                start, start_cpu = time.perf_counter(), time.process_time()
                run(text)
                wall += time.perf_counter() - start
                cpu += time.process_time() - start_cpu
            times["wall"].setdefault(name, []).append(wall)
            times["cpu"].setdefault(name, []).append(cpu)
    compiled = not quantities.__file__.endswith(".py")
    json.dump({"compiled": compiled, "chars": sum(map(len, texts)), "times": times}, sys.stdout)


def _instructions(builds: dict[str, Path | None], corpus: Path, path: str) -> dict[str, float]:
    """Instructions per pass of ``path`` for each build, counted by callgrind."""
    counts = {}
    for build, pythonpath in builds.items():
        totals = []
        for passes in (0, 2):
            command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
            command += [sys.executable, __file__, "--worker", "--passes", str(passes)]
            command += ["--corpus", str(corpus), "--only", path]
            done = subprocess.run(command, env=_env(pythonpath), check=True, capture_output=True)
            totals.append(int(re.findall(rb"Collected : (\d+)", done.stderr)[-1]))
        counts[build] = (totals[1] - totals[0]) / 2
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="worker runs per build (7)")
    parser.add_argument("--passes", type=int, default=3, help="timed passes per worker (3)")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS if CORPUS.is_dir() else FALLBACK_CORPUS
    )
    parser.add_argument(
        "--compiled", type=Path, help="a compiled copy's src made before (no build)"
    )
    parser.add_argument("--callgrind", action="store_true", help="count instructions too")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--only", choices=PATHS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.corpus, args.passes, args.only)
        return
    with tempfile.TemporaryDirectory(prefix="govreport-compiled-") as folder:
        if args.compiled is None:
            print("building the compiled copy (minutes)…", file=sys.stderr)
        compiled = args.compiled or _build(Path(folder))
        _same_json(compiled, args.corpus)
        _compare(args, {"pure": None, "compiled": compiled})


def _compare(args: argparse.Namespace, builds: dict[str, Path | None]) -> None:
    times: dict[str, dict[str, dict[str, list[float]]]] = {
        clock: {build: {path: [] for path in PATHS} for build in builds}
        for clock in ("wall", "cpu")
    }
    chars = 0
    for round_ in range(args.rounds):
        order = list(builds) if round_ % 2 == 0 else list(reversed(builds))
        for build in order:
            command = [sys.executable, __file__, "--worker", "--passes", str(args.passes)]
            command += ["--corpus", str(args.corpus)]
            done = subprocess.run(command, env=_env(builds[build]), check=True, capture_output=True)
            result = json.loads(done.stdout)
            if result["compiled"] != (build == "compiled"):
                raise SystemExit(f"compiled.py: the {build} build's govreport is not {build}")
            chars = result["chars"]
            for clock in times:
                for path in PATHS:
                    times[clock][build][path] += result["times"][clock][path]
        print(f"round {round_ + 1}/{args.rounds} done", file=sys.stderr)
    passes = args.rounds * args.passes
    print(f"{chars:,} characters, median of {passes} passes per build ({args.rounds} rounds)\n")
    print("| path | clock | pure Python | compiled | speed-up |")
    print("| --- | --- | ---: | ---: | ---: |")
    for path in PATHS:
        for clock in times:
            pure, compiled = (statistics.median(times[clock][b][path]) for b in builds)
            print(
                f"| {path} | {clock} | {pure * 1000:.1f} ms, {chars / pure / 1e6:.2f} M chars/s "
                f"| {compiled * 1000:.1f} ms, {chars / compiled / 1e6:.2f} M chars/s "
                f"| {pure / compiled:.2f}× |"
            )
        if args.callgrind:
            pure, compiled = _instructions(builds, args.corpus, path).values()
            print(
                f"| {path} | instructions | {pure / 1e6:.1f} M | {compiled / 1e6:.1f} M "
                f"| {pure / compiled:.2f}× |"
            )


if __name__ == "__main__":
    main()
