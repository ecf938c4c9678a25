#!/usr/bin/env python3
"""The web-page reader: its time per 10,000 characters of text, and rules against trafilatura.

For each saved page in tests/data/formats that has a gold text in tests/data, this prints

- how the two ways of choosing the main text agree with the gold text, line by line (lines
  compared without white space): the CMS container rules the reader uses first, and
  trafilatura's choice, which it falls back on;
- the reader's time (median of ``--runs`` reads, interleaved page by page) per 10,000
  characters of the text it makes, for the pages and for a 10 MB page of 20,000 paragraphs.

    python benchmarks/readers_html.py            # 15 runs
    python benchmarks/readers_html.py --runs 5

docs/performance.md ("Readers") holds the latest figures.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from govreport.readers import html

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
_BLANK = re.compile(r"\s+")


def _keys(lines: list[str]) -> list[str]:
    return [key for key in (_BLANK.sub("", line) for line in lines) if key]


def line_agreement(gold: list[str], got: list[str]) -> tuple[float, float]:
    """Precision and recall of ``got``'s lines against ``gold``'s (as multisets)."""
    remaining = list(gold)
    hits = 0
    for line in got:
        if line in remaining:
            remaining.remove(line)
            hits += 1
    return hits / len(got) if got else 1.0, hits / len(gold) if gold else 1.0


def compare(name: str) -> None:
    page = (DATA / "formats" / f"{name}.html").read_bytes()
    text = html.decode_page(page, name)
    root = html._parse_tree(text)
    gold = _keys((DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines())
    choices = {
        "rules": [line for line, _ in html.main_lines(root, text)],
        "trafilatura": [line for line, _ in html.trafilatura_lines(root, text)],
    }
    for method, lines in choices.items():
        precision, recall = line_agreement(gold, _keys(lines))
        print(
            f"| {name} | {method} | {len(gold)} | {len(lines)} | {precision:.3f} | {recall:.3f} |"
        )


def seconds(read: Callable[[], object]) -> float:
    started = time.perf_counter()
    read()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    names = sorted(path.stem for path in (DATA / "formats").glob("*.html"))
    print("| page | chooser | gold lines | lines | precision | recall |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name in names:
        if (DATA / f"{name}.txt").exists():
            compare(name)
    filler = "全年实现地区生产总值3473.12亿元，同比增长5.3%。" * 8
    large = (
        "<!DOCTYPE html><html><body><div id='zoom'>"
        + f"<p><span>{filler}</span></p>" * 20_000
        + "</div></body></html>"
    ).encode()
    inputs = {name: (DATA / "formats" / f"{name}.html").read_bytes() for name in names}
    inputs["20,000 paragraphs"] = large
    sizes = {name: len(html.read_page(data, name).text) for name, data in inputs.items()}
    times: dict[str, list[float]] = {name: [] for name in inputs}
    for _ in range(args.runs):  # interleaved, so a busy moment hits every input alike
        for name, data in inputs.items():
            times[name].append(seconds(lambda data=data: html.read_page(data, "x")))
    print()
    print("| page | bytes | text characters | median ms | ms per 10,000 characters |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, data in inputs.items():
        ms = statistics.median(times[name]) * 1000
        per = ms * 10_000 / sizes[name]
        print(f"| {name} | {len(data):,} | {sizes[name]:,} | {ms:.1f} | {per:.2f} |")


if __name__ == "__main__":
    main()
