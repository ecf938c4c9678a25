"""Scores a parse of another form of a corpus report (here a PDF) against the plain text's gold.

The gold's spans index the plain text; the reader's text differs in line breaks and spacing.
As ``score.py --other-form`` does, lines are compared with their white space removed, matched
lines map character by character (white space skipped), and a gold span on an unmatched line
maps nowhere and counts as missed.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from govreport import Report
from tests.scoring import Score, load_gold, score

Offsets = Callable[[int, bool], "int | None"]


def _lines(text: str) -> list[tuple[str, list[int]]]:
    """Each line with any character other than white space: its characters, and their offsets."""
    out, start = [], 0
    for line in text.splitlines(keepends=True):
        kept = [(start + i, ch) for i, ch in enumerate(line) if not ch.isspace()]
        if kept:
            out.append(("".join(ch for _, ch in kept), [i for i, _ in kept]))
        start += len(line)
    return out


def line_map(gold_text: str, parse_text: str) -> Offsets:
    """A function taking an offset into ``gold_text`` (and whether it is an end) to the same
    place in ``parse_text``, or None."""
    gold, parse = _lines(gold_text), _lines(parse_text)
    matcher = difflib.SequenceMatcher(
        None, [g[0] for g in gold], [p[0] for p in parse], autojunk=False
    )
    table: dict[int, int] = {}
    for a, b, n in matcher.get_matching_blocks():
        for k in range(n):
            table.update(zip(gold[a + k][1], parse[b + k][1], strict=True))

    def to_parse(offset: int, end: bool) -> int | None:
        if end:  # an end maps through its last character
            found = table.get(offset - 1)
            return None if found is None else found + 1
        return table.get(offset)

    return to_parse


def remap(gold: dict[str, Any], to_parse: Offsets) -> dict[str, Any]:
    """The gold with its spans and regions moved onto the parse's text."""

    def move(span: list[int]) -> list[int]:
        start, end = to_parse(span[0], False), to_parse(span[1], True)
        return [start, end] if start is not None and end is not None and start < end else [-2, -1]

    moved = dict(gold, mentions=[dict(m, span=move(m["span"])) for m in gold["mentions"]])
    regions = []
    for low, high in gold.get("regions") or []:
        starts = (to_parse(i, False) for i in range(low, high))
        ends = (to_parse(i, True) for i in range(high, low, -1))
        start = next((i for i in starts if i is not None), None)
        end = next((i for i in ends if i is not None), None)
        if start is not None and end is not None:
            regions.append([start, end])
    if gold.get("regions"):
        moved["regions"] = regions
    return moved


def score_other_form(report: Report, name: str) -> Score:
    """Score ``report``, a parse of another form of corpus report ``name``, against its gold."""
    text, gold = load_gold(name)
    return score(report, remap(gold, line_map(text, report.text)))
