"""Time the Word readers on the sample report, and the .docx reader on a 20-fold longer copy.

    python benchmarks/word_readers.py [ROUNDS]

The readers run interleaved (one of each per round) so that load on the machine hits them alike;
the figures are medians, per file, per 10,000 characters of text read and per page (the sample
is 9 A4 pages when LibreOffice lays it out). Reading only: parsing the text is timed by
benchmarks/bench.py.
"""

from __future__ import annotations

import io
import re
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from govreport.model import SourceText
from govreport.readers.doc import read_doc
from govreport.readers.docx import read_docx

FORMATS = Path(__file__).resolve().parent.parent / "tests" / "data" / "formats"
SAMPLE_PAGES = 9


def longer_docx(data: bytes, times: int) -> bytes:
    """The .docx with its body repeated ``times`` times (numbering runs on through it)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            part = source.read(member)
            if member.filename == "word/document.xml":
                text = part.decode("utf-8")
                body = re.search(r"<w:body>(.*?)(<w:sectPr.*)?</w:body>", text, re.S)
                assert body is not None
                content, section = body.group(1), body.group(2) or ""
                replaced = "<w:body>" + content * times + section + "</w:body>"
                part = (text[: body.start()] + replaced + text[body.end() :]).encode("utf-8")
            target.writestr(member, part)
    return out.getvalue()


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    docx = (FORMATS / "water-bureau-2023.docx").read_bytes()
    doc = (FORMATS / "water-bureau-2023.doc").read_bytes()
    big = longer_docx(docx, 20)
    cases: dict[str, tuple[Callable[[], SourceText | None], int]] = {
        "docx (sample)": (lambda: read_docx(docx, "s.docx"), SAMPLE_PAGES),
        "doc (sample)": (
            lambda: read_doc(doc, "s.doc"),
            SAMPLE_PAGES,
        ),
        "docx (20x sample)": (
            lambda: read_docx(big, "l.docx"),
            20 * SAMPLE_PAGES,
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    sizes: dict[str, int] = {}
    for _ in range(rounds):
        for name, (read, _pages) in cases.items():
            start = time.perf_counter()
            result = read()
            times[name].append(time.perf_counter() - start)
            sizes[name] = len(result.text) if result else 0
    print(f"{'reader':<20} {'chars':>8} {'ms/file':>9} {'ms/10k chars':>13} {'ms/page':>8}")
    for name, (_read, pages) in cases.items():
        median = statistics.median(times[name]) * 1000
        per_10k = median * 10_000 / sizes[name]
        print(f"{name:<20} {sizes[name]:>8} {median:>9.2f} {per_10k:>13.2f} {median / pages:>8.2f}")


if __name__ == "__main__":
    main()
