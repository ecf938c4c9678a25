"""The ``outline`` format: a short, readable view of a report for the terminal.

It shows the title, the start of the preamble, the heading tree with the line each heading starts
on and how many quantities its part holds, the closing, the end-matter kinds and a count of the
mentions by kind. It is for people; programs should read the ``json`` format.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import ClassVar

import attrs

from govreport.exporters._format import excerpt, writable
from govreport.exporters.base import Exporter
from govreport.hookspecs import hookimpl
from govreport.model import OutlineNode, Report

EXCERPT_LENGTH = 40
"""How many characters of the preamble and closing the view shows."""


def _tree(
    report: Report, nodes: Sequence[OutlineNode], depth: int, starts: list[int]
) -> Iterator[str]:
    for node in nodes:
        # Quantities whose start lies inside the part, sub-parts included (starts are sorted).
        inside = bisect_left(starts, node.span.end) - bisect_left(starts, node.span.start)
        line = report.line_col(node.marker_span)[0]
        noun = "quantity" if inside == 1 else "quantities"
        yield f"{'  ' * depth}{node.marker} {node.title}  [L{line}]  ({inside} {noun})"
        yield from _tree(report, node.children, depth + 1, starts)


def render(report: Report) -> str:
    """The outline view of ``report``, one item per line, ending with a newline."""
    lines = [report.title or "(no title)"]
    if report.source is not None:
        lines.append(f"source: {report.source}")
    if report.preamble is not None:
        lines.append(f"preamble: {excerpt(report.preamble.text, EXCERPT_LENGTH)}")
    lines.append("")
    starts = sorted(q.span.start for q in report.quantities())
    lines.extend(_tree(report, report.outline, 0, starts) if report.outline else ["(no outline)"])
    lines.append("")
    if report.closing is not None:
        lines.append(f"closing: {excerpt(report.closing.text, EXCERPT_LENGTH)}")
    if report.end_matter:
        lines.append("end matter: " + ", ".join(region.kind for region in report.end_matter))
    kinds = Counter(mention.kind for mention in report.mentions)
    counts = ", ".join(f"{kinds[kind]} {kind}" for kind in sorted(kinds)) or "none"
    lines.append(f"mentions: {counts}")
    lines.extend(f"fault: {fault.message}" for fault in report.faults)
    return writable("\n".join(lines) + "\n")


@attrs.frozen
class OutlineExporter:
    """Writes the readable outline view (:func:`render`) as plain text."""

    name: ClassVar[str] = "outline"
    suffix: ClassVar[str] = ".txt"
    media_type: ClassVar[str] = "text/plain"
    binary: ClassVar[bool] = False

    def export(self, report: Report) -> str:
        """The outline view of ``report``."""
        return render(report)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``outline`` format."""
    register(OutlineExporter())
