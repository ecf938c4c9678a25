#!/usr/bin/env python3
"""What the indicator linker costs: the share of a full parse it takes.

    python benchmarks/indicators.py                # the corpus, 15 interleaved rounds
    python benchmarks/indicators.py --repeat 31 --copies 4
    valgrind --tool=callgrind python benchmarks/indicators.py --count parse --passes 1
    valgrind --tool=callgrind python benchmarks/indicators.py --count bare --passes 1
    valgrind --tool=callgrind python benchmarks/indicators.py --count stage --passes 1

Two hosts parse the same texts: one with every plugin, one with ``builtin.indicators`` blocked
(no linker). Rounds alternate between them, so a change in machine load falls on both; the
figure is the median over rounds of ``(with - without) / with``. A script, not a test.

Wall time scatters on a loaded machine; ``--count`` runs one configuration for an instruction
counter instead: the texts parsed once to warm up (with the linker, or ``bare`` without), then
``--passes`` more times; or, for ``stage``, the linker stage alone (``link_context_of`` and
``_link_indicators``) on the inputs captured from that first parse, replayed. The counts of
``--passes 1`` less those of ``--passes 0`` are one pass (run with ``PYTHONHASHSEED=0``).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

import attrs

import govreport
from govreport import parsing
from govreport.model.store import MentionCollector

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


def _copy(found: MentionCollector) -> MentionCollector:
    """A collector holding what ``found`` holds, for the stage to change."""
    copy = MentionCollector()
    copy._table = list(found._table)
    copy._compact = None if found._compact is None else tuple(a[:] for a in found._compact)
    copy._shared = dict(found._shared)
    copy._in_order, copy._orphans = found._in_order, found._orphans
    return copy


def _count(what: str, passes: int, texts: list[str]) -> None:
    """Parse ``texts`` once, then ``passes`` more times (``parse``, ``bare``) or run the linker
    stage ``passes`` times on the inputs captured in that parse (``stage``)."""
    host = govreport.PluginHost(block=["builtin.indicators"] if what == "bare" else [])
    captured = []
    link = parsing._link_indicators

    def capture(context, found, linker, plugin, fail):  # type: ignore[no-untyped-def]
        captured.append((context, _copy(found), linker, plugin, fail))
        link(context, found, linker, plugin, fail)

    parsing._link_indicators = capture
    for text in texts:
        govreport.parse(text, host=host)
    parsing._link_indicators = link
    for _ in range(passes + (what == "stage")):  # (the stage replayed once more, to warm up)
        if what != "stage":
            for text in texts:
                govreport.parse(text, host=host)
            continue
        for context, found, linker, plugin, fail in captured:
            copy = _copy(found)
            link(attrs.evolve(context, mentions=copy), copy, linker, plugin, fail)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="interleaved rounds")
    parser.add_argument("--copies", type=int, default=1, help="each text repeated this often")
    parser.add_argument("--count", choices=("parse", "bare", "stage"), help="for callgrind")
    parser.add_argument("--passes", type=int, default=1, help="passes after the warm-up")
    args = parser.parse_args()
    texts = _texts(args.copies)
    if args.count:
        _count(args.count, args.passes, texts)
        return
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
