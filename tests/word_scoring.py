"""Scores a parse of a Word file against the gold of the same report's plain text.

The gold spans index the plain text; a reader's text differs in layout (numbering rendered,
tables as rows, notes at the end). :func:`remap_gold` maps each gold span onto the reader's text
line by line: lines are paired where their text, white space removed, is equal (difflib on the
sequences of lines), and a span inside a paired line moves with it; one on an unpaired line is
dropped, so a line the reader lost counts as missed mentions, never as a false match.
"""

from __future__ import annotations

import difflib
from typing import Any


def _lines(text: str) -> list[tuple[int, str]]:
    out, at = [], 0
    for line in text.split("\n"):
        out.append((at, line))
        at += len(line) + 1
    return out


def _offset_map(line: str, other: str) -> dict[int, int]:
    """Offsets of ``line`` onto ``other`` (the same characters but for white space)."""
    mapping: dict[int, int] = {}
    j = 0
    for i, char in enumerate(line):
        if char.isspace():
            continue
        while j < len(other) and other[j].isspace():
            j += 1
        mapping[i] = j
        j += 1
    mapping[len(line)] = len(other.rstrip())
    return mapping


def remap_gold(gold_text: str, gold: dict[str, Any], text: str) -> dict[str, Any]:
    """``gold`` with every span moved from ``gold_text`` onto ``text``."""
    source, target = _lines(gold_text), _lines(text)
    key = ["".join(line.split()) for _, line in source]
    matcher = difflib.SequenceMatcher(None, key, ["".join(line.split()) for _, line in target])
    pairs: list[tuple[int, int, dict[int, int]]] = []  # (gold line start, end, offset map)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            (g_at, g_line), (t_at, t_line) = source[block.a + k], target[block.b + k]
            local = _offset_map(g_line, t_line)
            pairs.append((g_at, g_at + len(g_line), {i: t_at + o for i, o in local.items()}))

    def move(span: list[int]) -> list[int] | None:
        start, end = span
        for lo, hi, local in pairs:
            if lo <= start and end <= hi:
                a, b = local.get(start - lo), local.get(end - lo)
                if a is None:
                    return None
                if b is None:  # the span ends on white space: end after its last character
                    b = max(v for k, v in local.items() if k < end - lo) + 1
                return [a, b]
        return None

    mentions = []
    for mention in gold["mentions"]:
        span = move(mention["span"])
        if span is not None:
            mentions.append({**mention, "span": span})

    def point(offset: int) -> int | None:
        for lo, hi, local in pairs:
            if lo <= offset <= hi and offset - lo in local:
                return local[offset - lo]
        return None

    # A region spans many lines: its ends move on their own.
    regions = []
    for start, end in gold.get("regions") or []:
        moved = point(start), point(end)
        if moved[0] is not None and moved[1] is not None:
            regions.append(list(moved))
    return {**gold, "mentions": mentions, "regions": regions or None}
