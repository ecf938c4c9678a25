"""Time the PDF reader per page and per 10,000 characters (docs/performance.md).

Reads the sample's PDF (LibreOffice, embedded fonts) and the corpus texts laid out by the test
kit's PDF maker (one and two columns), each ``--repeat`` times after a warm-up, and prints a
Markdown table of medians: the reader alone (pdfium and the layout analysis) and the reader
followed by the whole parse. A script, not a test: pytest never collects it.

    python benchmarks/readers_pdf.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2  # noqa: E402
from tests.pdf_maker import Layout, layout  # noqa: E402

import govreport  # noqa: E402
from govreport.readers.pdf import read_pdf  # noqa: E402

DATA = ROOT / "tests" / "data"


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    run()  # warm-up: imports, pdfium's font cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def inputs() -> list[tuple[str, bytes]]:
    made = [
        (
            "water-bureau-2023.pdf (LibreOffice)",
            (DATA / "formats/water-bureau-2023.pdf").read_bytes(),
        )
    ]
    for name in ("sichuan-gwr-2026", "yichun-tjgb-2022"):
        text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
        paragraphs = [line for line in text.splitlines() if line.strip()]
        made.append((f"{name}, one column (maker)", layout(paragraphs, Layout())))
        made.append(
            (f"{name}, two columns (maker)", layout(paragraphs, Layout(columns=2, size=10.5)))
        )
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    host = govreport.PluginHost()
    print(
        f"pypdfium2 {pypdfium2.PYPDFIUM_INFO}, pdfium {pypdfium2.PDFIUM_INFO}; "
        f"median of {args.repeat}\n"
    )
    print("| PDF | pages | characters | read ms | ms/page | ms/10k chars | read+parse ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, data in inputs():
        read = read_pdf(data, label)
        pages = len(pypdfium2.PdfDocument(data))
        reading = median_seconds(lambda data=data: read_pdf(data, "bench.pdf"), args.repeat)
        parsing = median_seconds(
            lambda data=data: govreport.parse_bytes(data, host=host), args.repeat
        )
        print(
            f"| {label} | {pages} | {len(read.text):,} | {reading * 1e3:.0f} | "
            f"{reading * 1e3 / pages:.1f} | {reading * 1e7 / len(read.text):.1f} | "
            f"{parsing * 1e3:.0f} |"
        )


if __name__ == "__main__":
    main()
