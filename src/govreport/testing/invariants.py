"""The invariants every parse must keep, as one check a test or a fuzzer can call.

:func:`check_report` is what govreport's property tests assert on every report, and what a
plugin's tests can assert on reports parsed with the plugin loaded; :func:`check_parse` adds
determinism and every export, and is what the atheris harness and the long Hypothesis run call
on every input. Both raise :class:`AssertionError` (also under ``python -O``).
"""

from __future__ import annotations

import bisect
import re

from govreport.host import PluginHost
from govreport.model import OutlineNode, Report, SourceText, Span, places
from govreport.parsing import parse
from govreport.serialise import dumps, loads

_SENTENCE_END = re.compile(r"[。；！？!?;\r\n]")


def _require(condition: bool, message: object) -> None:
    if not condition:
        raise AssertionError(message)


def check_report(report: Report) -> None:
    """Check that every span of ``report`` is valid and slices to the text it claims.

    - every mention lies inside the text and its ``text`` is the text at its span; mentions
      come in order of their start;
    - a quantity's indicator slices to its text, does not overlap the quantity and stands in
      the quantity's sentence (no ``。；！？`` or line end between them);
    - front matter, preamble, closing and end matter slice to their texts;
    - an end-matter region's own outline (an annex's) lies inside the region, nested as below;
    - every outline node lies inside its parent (the whole text for the top level), after its
      previous sibling; its marker and title lie inside it, in that order, and slice to their
      texts.
    """
    text = report.text
    sentence_ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    previous_start = 0
    for mention in report.mentions:
        span = mention.span
        _require(0 <= span.start <= span.end <= len(text), f"span outside the text: {mention}")
        _require(text[span.start : span.end] == mention.text, f"span does not slice: {mention}")
        _require(span.start >= previous_start, f"mentions out of order at {mention}")
        previous_start = span.start
        indicator = getattr(mention, "indicator", None)
        if indicator is not None:
            where = indicator.span
            _require(where.slice(text) == indicator.text, f"indicator does not slice: {mention}")
            _require(not where.overlaps(span), f"indicator overlaps its quantity: {mention}")
            low, high = min(where.start, span.start), max(where.end, span.end)
            after = bisect.bisect_left(sentence_ends, low)
            _require(
                after == len(sentence_ends) or sentence_ends[after] >= high,
                f"indicator outside the quantity's sentence: {mention}",
            )
    for region in (*report.front_matter, report.preamble, report.closing, *report.end_matter):
        if region is not None:
            _require(region.span.slice(text) == region.text, f"region does not slice: {region}")
            _check_outline(text, region.outline, region.span)
    _check_outline(text, report.outline, Span(0, len(text)))


def check_source(read: SourceText) -> None:
    """Check what a reader made: its blocks come in text order, each inside the text and ended
    by a line end, and the text holds nothing but its blocks and those line ends."""
    text, position = read.text, 0
    if not read.origin:
        return
    for block in read.origin:
        span = block.span
        _require(span.start == position, f"block {block} does not start where the last one ended")
        _require(span.end < len(text) and text[span.end] == "\n", f"block {block} has no line end")
        position = span.end + 1
    _require(position == len(text), f"text after the last block, from {position}")


def check_parse(text: str, host: PluginHost) -> Report:
    """Parse ``text`` with ``host`` and check all a parse promises, as the fuzzers do.

    :func:`check_report` holds; a second parse gives an equal report; the JSON loads back into
    an equal report; and every format the host has writes it without raising. Returns the
    report.
    """
    report = parse(text, host=host)
    check_report(report)
    _require(parse(text, host=host) == report, "parse is not deterministic")
    _require(loads(dumps(report)) == report, "the JSON does not load back into the report")
    for name in host.exporters:
        host.export(name, report)
    return report


def _check_outline(text: str, outline: tuple[OutlineNode, ...], whole: Span) -> None:
    """Check the nodes of ``outline``, whose top level lies inside ``whole``."""
    parents: dict[tuple[int, ...], Span] = {(): whole}
    previous: dict[tuple[int, ...], Span] = {}  # the last sibling seen, by the parent's path
    for place in places(outline):
        node, up = place.node, place.path[:-1]
        where, parent, before = (node.marker, node.span), parents[up], previous.get(up)
        _require(parent.contains(node.span), f"node {where} outside its parent {parent}")
        _require(node.span.contains(node.marker_span), f"marker outside its node {where}")
        _require(node.span.contains(node.title_span), f"title outside its node {where}")
        _require(node.marker_span.slice(text) == node.marker, f"marker does not slice {where}")
        _require(node.title_span.slice(text) == node.title, f"title does not slice {where}")
        _require(node.marker_span.end <= node.title_span.start, f"title before marker {where}")
        _require(
            before is None or before.end <= node.span.start,
            f"node {where} overlaps its previous sibling {before}",
        )
        parents[place.path] = previous[up] = node.span
