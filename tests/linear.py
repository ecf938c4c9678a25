"""Guards against super-linear blow-ups (catastrophic backtracking, quadratic loops).

Not speed targets — those live in benchmarks/ — but a ceiling so generous that only a
quadratic step can reach it on 200 KB.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from govreport.extractors.base import ExtractionContext, MentionExtractor
from govreport.model import DEFAULT_UNITS
from govreport.testing import adversarial

CEILING_SECONDS = 10.0
"""A linear scan of 200 KB takes well under a second; a quadratic one takes minutes."""


@contextmanager
def under_the_ceiling(seconds: float = CEILING_SECONDS) -> Iterator[None]:
    """The block takes less than ``seconds`` of this process's CPU time. CPU time, not wall
    time: on a shared machine other processes' load stretches the wall clock, not this."""
    started = time.process_time()
    yield
    spent = time.process_time() - started
    assert spent < seconds, f"{spent:.1f} s of CPU time: a super-linear step?"


def repeat(unit: str, size: int = 200_000) -> str:
    """``unit`` repeated and cut to ``size`` characters (200,000 unless told)."""
    return adversarial.repeat(unit, size)


def assert_linear(extractor: MentionExtractor, text: str) -> None:
    """``extractor`` reads ``text`` under the ceiling, with every span inside the text."""
    with under_the_ceiling():
        found = list(extractor.extract(ExtractionContext(text=text, units=DEFAULT_UNITS)))
    assert all(0 <= m.span.start < m.span.end <= len(text) for m in found)
