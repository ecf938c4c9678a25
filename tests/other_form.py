"""Scoring a reader's text of another form of a corpus report (a web page, a Word file, a PDF)
against the gold of its plain text.

The reader's text differs from the gold text in chrome, blank lines and spacing, not in its
lines: :func:`remap_gold` matches the two texts line by line (lines compared with all white space
removed, as ``shared/tools/score.py --other-form`` does) and moves every gold span onto the
reader's text, so :func:`tests.scoring.score` can score the parse as it scores a plain text.
"""

from __future__ import annotations

import difflib
from typing import Any

_Line = tuple[str, list[int]]
"""A line without its white space, and the offset in its text of each character kept."""


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    position = 0
    for line in text.splitlines(keepends=True):
        kept = [(position + i, c) for i, c in enumerate(line) if not c.isspace()]
        if kept:
            out.append(("".join(c for _, c in kept), [i for i, _ in kept]))
        position += len(line)
    return out


def offset_map(gold_text: str, reader_text: str) -> dict[int, int]:
    """Gold-text offset → reader-text offset of every non-blank character on a matched line."""
    gold, read = _lines(gold_text), _lines(reader_text)
    matcher = difflib.SequenceMatcher(
        None, [line for line, _ in gold], [line for line, _ in read], autojunk=False
    )
    table: dict[int, int] = {}
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            table.update(zip(gold[a + k][1], read[b + k][1], strict=True))  # equal lines
    return table


def remap_gold(gold: dict[str, Any], gold_text: str, reader_text: str) -> dict[str, Any]:
    """``gold`` with its mention spans and regions moved onto ``reader_text``; a mention that
    cannot be placed gets an empty span before the text, so it counts as missed."""
    table = offset_map(gold_text, reader_text)

    def move(span: list[int]) -> list[int]:
        start, last = table.get(span[0]), table.get(span[1] - 1)
        if start is None or last is None or start > last:
            return [-2, -1]
        return [start, last + 1]

    moved = dict(gold)
    moved["mentions"] = [dict(m, span=move(m["span"])) for m in gold["mentions"]]
    regions = []
    for low, high in gold.get("regions") or ():
        inside = [table[i] for i in range(low, high) if i in table]
        if inside:
            regions.append([min(inside), max(inside) + 1])
    moved["regions"] = regions
    return moved
