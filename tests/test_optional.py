"""``optional``/``lazy_optional`` match exactly what ``(?:x)?``/``(?:x)??`` match, groups included."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport.extractors._optional import lazy_optional, optional

# Optional parts as the extractors write them: groups, sequences, alternations, nested.
PARTS = (
    "(?P<a>[余多])",
    "[.．][0-9]+",
    "(?P<a>万|亿)(?P<b>[余多])?",
    "(?P<a>[千百])|(?P<b>万)(?P<c>余)|多",
    "(?P<a>1(?P<b>2)?)",
)
# What follows the part, so that a match backtracks into it or past it.
AFTERS = ("", "元", "(?P<z>余?)元", "万?$")


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("after", AFTERS)
@given(st.text(alphabet="12.．万亿余多千百元x", max_size=8))
def test_same_matches_as_the_repeat(part: str, after: str, text: str) -> None:
    for written, repeat in (
        (optional(part), f"(?:{part})?"),
        (lazy_optional(part), f"(?:{part})??"),
    ):
        for position in range(len(text) + 1):
            ours = re.compile(f"x?{written}{after}").match(text, position)
            theirs = re.compile(f"x?{repeat}{after}").match(text, position)
            assert (ours is None) == (theirs is None)
            if ours is not None and theirs is not None:
                assert ours.span() == theirs.span()
                assert ours.groups() == theirs.groups()
                assert ours.lastindex == theirs.lastindex
