#!/usr/bin/env python3
"""What the indicator linker costs: the share of a full parse it takes.

    python benchmarks/indicators.py                # the corpus, 15 interleaved rounds
    python benchmarks/indicators.py --repeat 31 --copies 4

Two hosts parse the same texts: one with every plugin, one with ``builtin.indicators`` blocked
(no linker). Rounds alternate between them, so a change in machine load falls on both; the
figure is the median over rounds of ``(with - without) / with``. A script, not a test.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

import govreport

REPO = Path(__file__).resolve().parent.parent
CORPORA = (REPO.parent / "shared" / "corpus", REPO / "tests" / "data")
"""The team's corpus when present (with its series), else the copy in tests/data."""


def _texts(copies: int) -> list[str]:
    corpus = next(path for path in CORPORA if path.is_dir())
    files = sorted(corpus.glob("*.txt")) + sorted((corpus / "series").glob("*.txt"))
    texts = [govreport.PluginHost().read(path.read_bytes(), path.name).text for path in files]
    return ["\n".join([text] * copies) for text in texts]


def _time(host: govreport.PluginHost, texts: list[str]) -> float:
    gc.collect()
    start = time.perf_counter()
    for text in texts:
        govreport.parse(text, host=host)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="interleaved rounds")
    parser.add_argument("--copies", type=int, default=1, help="each text repeated this often")
    args = parser.parse_args()
    texts = _texts(args.copies)
    full = govreport.PluginHost()
    bare = govreport.PluginHost(block=["builtin.indicators"])
    assert full.indicator_linker is not None and bare.indicator_linker is None
    _time(full, texts), _time(bare, texts)  # warm-up: compiled patterns, caches
    shares, with_linker, without = [], [], []
    for _ in range(args.repeat):
        a, b = _time(full, texts), _time(bare, texts)
        with_linker.append(a)
        without.append(b)
        shares.append((a - b) / a)
    chars = sum(map(len, texts))
    print(f"texts: {len(texts)}, {chars} characters, {args.repeat} rounds")
    print(f"parse with linker:    median {statistics.median(with_linker) * 1e3:.1f} ms")
    print(f"parse without linker: median {statistics.median(without) * 1e3:.1f} ms")
    print(
        f"linker share of the parse: median {statistics.median(shares):.1%}"
        f" (min {min(shares):.1%}, max {max(shares):.1%})"
    )
    sys.exit(0)


if __name__ == "__main__":
    main()
