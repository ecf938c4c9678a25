#!/usr/bin/env python3
"""Benchmark of batch runs: ``govreport parse --jobs 2`` against ``--jobs 1``.

Each run is the whole command in a fresh process (interpreter start, imports, plugin host,
parsing, writing JSON Lines), timed by wall clock; ``--jobs 1`` and ``--jobs 2`` runs alternate
so that a change of machine load hits both, and medians are quoted. Two corpora:

- ``series``: tests/data/series as it is (15 reports, 0.6 MB);
- ``series×K``: the same files copied K times under other names (15·K reports), where the
  fixed cost of a run (about 0.9 s: start-up, imports, compiling the extractors) is shared by
  more parsing.

Run it from any directory with a Python that has govreport installed::

    python benchmarks/batch.py                 # 7 rounds, K = 20
    python benchmarks/batch.py --rounds 3 --copies 10

It is a script, not a test (pytest collects only ``tests`` and ``plugins``); docs/corpus.md
holds the latest figures. Run it on a quiet machine: on two cores shared with other work,
a second worker only gets what is left.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SERIES = Path(__file__).resolve().parent.parent / "tests" / "data" / "series"


@dataclass
class Run:
    """One command's wall-clock and CPU seconds (its own and its worker processes')."""

    wall: float
    cpu: float


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(folder: Path, jobs: int, out: Path) -> Run:
    command = [sys.executable, "-m", "govreport", "parse", str(folder), "-j", str(jobs)]
    cpu, started = _cpu_of_children(), time.perf_counter()
    subprocess.run([*command, "-q", "-o", str(out)], check=True)
    return Run(wall=time.perf_counter() - started, cpu=_cpu_of_children() - cpu)


def _copies(folder: Path, copies: int) -> Path:
    for copy in range(copies):
        for path in sorted(SERIES.glob("*.txt")):
            shutil.copyfile(path, folder / f"{path.stem}-{copy:03d}{path.suffix}")
    return folder


def measure(folder: Path, rounds: int, work: Path) -> dict[int, list[Run]]:
    """Each round's run, by jobs, the two alternating (which goes first alternates)."""
    times: dict[int, list[Run]] = {1: [], 2: []}
    outputs = {jobs: work / f"jobs{jobs}.jsonl" for jobs in times}
    for round_ in range(rounds):
        for jobs in (1, 2) if round_ % 2 == 0 else (2, 1):
            times[jobs].append(_run(folder, jobs, outputs[jobs]))
    if outputs[1].read_bytes() != outputs[2].read_bytes():
        raise SystemExit(f"{folder}: --jobs 2 wrote other bytes than --jobs 1")
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=7, help="runs of each (default 7)")
    parser.add_argument("--copies", type=int, default=20, help="K of series×K (default 20)")
    args = parser.parse_args(argv)
    reports = len(list(SERIES.glob("*.txt")))
    print(f"cores: {len(os.sched_getaffinity(0))}, load before: {os.getloadavg()[0]:.2f}")
    print(
        "corpus       reports  wall 1 (s)  wall 2 (s)  reports/s 1  reports/s 2  speed-up"
        "  cpu 1 (s)  cpu 2 (s)  2-core bound"
    )
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        tiny, big = work / "tiny", work / "big"
        tiny.mkdir()
        big.mkdir()
        (tiny / "r.txt").write_text("一、总体\n完成19项。\n", encoding="utf-8")
        # The fixed cost of a run: what one tiny report costs (no worker starts for it).
        fixed = statistics.median(
            _run(tiny, 1, work / "tiny.jsonl").cpu for _ in range(args.rounds)
        )
        corpora = [("series", SERIES, reports)]
        corpora.append((f"series×{args.copies}", _copies(big, args.copies), reports * args.copies))
        for name, folder, count in corpora:
            runs = measure(folder, args.rounds, work)
            one, two = (statistics.median(run.wall for run in runs[jobs]) for jobs in (1, 2))
            cpu1, cpu2 = (statistics.median(run.cpu for run in runs[jobs]) for jobs in (1, 2))
            # What two idle cores could give at best: the fixed cost stays serial, the rest halves.
            bound = cpu1 / (fixed + (cpu1 - fixed) / 2)
            print(
                f"{name:<12} {count:>7}  {one:>10.2f}  {two:>10.2f}  {count / one:>11.1f}  "
                f"{count / two:>11.1f}  {one / two:>7.2f}×  {cpu1:>9.2f}  {cpu2:>9.2f}  "
                f"{bound:>11.2f}×"
            )
    print(f"fixed cost of a run (cpu s): {fixed:.2f}; load after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
