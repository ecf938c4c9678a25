"""Heading and item markers: every numbering style of GB/T 9704 and its variants (domain §1.2).

Each :class:`MarkerStyle` recognises the marker at the start of a paragraph. ``rank`` orders the
styles from the outermost (parts) to the innermost (items); the structure parser nests by rank,
so a document may start at any level. Styles are decided by the numeral class inside the marker,
never by its first character: ``（1）`` and ``（一）`` both start with ``（``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from govreport._regex import PARSER
from govreport.model.outline import ITEM_RANK
from govreport.numerals import parse_chinese

_CN = "一二三四五六七八九十百零〇两"
_FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _chinese(text: str) -> int | None:
    value = parse_chinese(text)
    return None if value is None else int(value)


def _arabic(text: str) -> int | None:
    return int(text.translate(_FULL_DIGITS))


def _enclosed(first: str) -> Callable[[str], int | None]:
    """Ordinal of an enclosed numeral in a Unicode block that starts at ``first`` (= 1)."""
    base = ord(first)
    return lambda ch: ord(ch) - base + 1


def _circled(ch: str) -> int | None:
    code = ord(ch)
    if 0x2460 <= code <= 0x2473:
        return code - 0x2460 + 1
    if 0x3251 <= code <= 0x325F:
        return code - 0x3251 + 21
    return code - 0x32B1 + 36  # ㊱…㊿


def _latin(ch: str) -> int | None:
    return ord(ch.upper()) - ord("A") + 1


_SEQUENCE_WORDS = {"首先": 1, "其次": 2, "再次": 3}


def _sequence(word: str) -> int | None:
    return _SEQUENCE_WORDS.get(word, 0)  # 最后: numbered after its siblings by the parser


@attrs.frozen
class MarkerStyle:
    """One numbering style: how its marker looks and where it nests."""

    name: str
    """Style name used in the output (``cn-comma``, ``cn-paren``, ``item-shi`` …)."""
    rank: int
    """Nesting class: parts 10, chapters 20, sections 30, articles 35, 一、 40, （一） 50, 1. 60, （1） 70,
    ① 80, A. 90, paragraph items 100."""
    pattern: re.Pattern[str]
    """Matches the whole marker at a paragraph start; group ``n`` is the numeral."""
    ordinal: Callable[[str], int | None]
    """The number the numeral stands for."""
    standalone_only: bool = False
    """Only a heading on its own line may use this marker (``一 综合``, ``01综合``)."""

    @property
    def is_item(self) -> bool:
        """True for paragraph-leading items rather than headings."""
        return self.rank >= ITEM_RANK


def _style(
    name: str,
    rank: int,
    pattern: str,
    ordinal: Callable[[str], int | None],
    *,
    standalone_only: bool = False,
) -> MarkerStyle:
    return MarkerStyle(name, rank, re.compile(pattern), ordinal, standalone_only)


HAN = "\u4e00-\u9fff"
STYLES: tuple[MarkerStyle, ...] = (
    _style("part", 10, rf"第(?P<n>[{_CN}]+)(?:部分|篇|编)", _chinese),
    _style("chapter", 20, rf"第(?P<n>[{_CN}]+)章", _chinese),
    _style("section", 30, rf"第(?P<n>[{_CN}]+)节", _chinese),
    _style("article", 35, rf"第(?P<n>[{_CN}]+)条", _chinese),
    _style("cn-paren", 50, rf"[（(](?P<n>[{_CN}]+)[）)]、?", _chinese),
    _style("cn-enclosed", 50, r"(?P<n>[㈠-㈩])", _enclosed("㈠")),
    _style("cn-comma", 40, rf"(?P<n>[{_CN}]+)(?:、|．|\.|，|,)", _chinese),
    _style(
        "cn-space", 40, rf"(?P<n>[{_CN}]+)[ \u3000]+(?=[{HAN}])", _chinese, standalone_only=True
    ),
    _style(
        "zero-padded", 40, rf"(?P<n>0[1-9]|[1-9][0-9])(?=[{HAN}])", _arabic, standalone_only=True
    ),
    _style("arabic-dot", 60, r"(?P<n>[0-9０-９]{1,2})(?:\.|．|、)(?![0-9０-９])", _arabic),
    _style("arabic-full-stop", 60, r"(?P<n>[⒈-⒛])", _enclosed("⒈")),
    _style(
        "arabic-space",
        60,
        rf"(?P<n>[0-9]{{1,2}})[ \u3000]+(?=[{HAN}])",
        _arabic,
        standalone_only=True,
    ),
    _style("arabic-paren", 70, r"[（(](?P<n>[0-9０-９]{1,2})[）)]", _arabic),
    _style("arabic-enclosed", 70, r"(?P<n>[⑴-⒇])", _enclosed("⑴")),
    _style("arabic-half-paren", 70, r"(?P<n>[0-9]{1,2})[）)]", _arabic),
    _style("circled", 80, r"(?P<n>[①-⑳㉑-㉟㊱-㊿])", _circled),
    _style("latin", 90, rf"(?P<n>[A-Za-z])[.．、](?=[{HAN}])", _latin),
    _style("item-shi", 100, rf"(?P<n>[{_CN}]+)是(?!否|不是)", _chinese),
    _style("item-yao", 100, rf"(?P<n>[{_CN}]+)要(?=[{HAN}])", _chinese),
    _style("item-di", 100, rf"第(?P<n>[{_CN}]+)[，,、]", _chinese),
    _style("item-qi", 100, rf"其(?P<n>[{_CN}]+)[，,、]", _chinese),
    _style("item-sequence", 100, r"(?P<n>首先|其次|再次|最后)[，,]", _sequence),
)
"""Every built-in style, tried in this order at each paragraph start."""


@attrs.frozen
class MarkerMatch:
    """A marker found at a paragraph start."""

    style: MarkerStyle
    """The numbering style."""
    start: int
    """Offset of the marker's first character."""
    end: int
    """Offset just past the marker."""
    ordinal: int
    """The number it stands for (0 for 最后, numbered later)."""


def match_marker(
    text: str, start: int, *, standalone: bool, styles: tuple[MarkerStyle, ...] = STYLES
) -> MarkerMatch | None:
    """The marker at ``text[start:]``, if a paragraph starting there begins with one.

    :param standalone: whether the paragraph is short and unpunctuated enough to be a heading
        on its own line; some loose styles (``一 综合``) are only trusted then.
    """
    return (DEFAULT_MARKERS if styles is STYLES else Markers(styles)).match(text, start, standalone)


# Ranges of code points a match can start with; None when the pattern does not say.
_Ranges = list[tuple[int, int]]


def _first_ranges(pattern: re.Pattern[str]) -> _Ranges | None:
    """The characters a match of ``pattern`` can start with, as code point ranges.

    None when that is not plain from the pattern (a look-around or an optional part first, a
    negated class, case folding …): the style is then tried at every paragraph.
    """
    if pattern.flags & (re.IGNORECASE | re.LOCALE):
        return None
    try:
        return _first_of(PARSER.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # an unfamiliar parse tree: no shortcut for this style
        return None


def _first_of(items: Sequence[tuple[Any, Any]]) -> _Ranges | None:
    """First characters of a parsed sequence whose first item takes at least one character."""
    if not items:
        return None
    op, av = items[0]
    name = getattr(op, "name", None)
    if name == "LITERAL":
        return [(av, av)]
    if name == "IN":
        ranges: _Ranges = []
        for item_op, item_av in av:
            item = getattr(item_op, "name", None)
            if item == "LITERAL":
                ranges.append((item_av, item_av))
            elif item == "RANGE":
                ranges.append((item_av[0], item_av[1]))
            else:  # NEGATE, CATEGORY (\d, \w …), case-folded items
                return None
        return ranges
    if name == "SUBPATTERN":
        _, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _first_of(sub.data)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _, sub = av
        return _first_of(sub.data) if low >= 1 else None
    if name == "ATOMIC_GROUP":
        return _first_of(av.data)
    if name == "BRANCH":
        union: _Ranges = []
        for alternative in av[1]:
            first = _first_of(alternative.data)
            if first is None:
                return None
            union.extend(first)
        return union
    return None


class Markers:
    """:func:`match_marker` for one tuple of styles, trying only the styles whose pattern can
    start with the paragraph's first character (most paragraphs start with none of them)."""

    def __init__(self, styles: tuple[MarkerStyle, ...]) -> None:
        self.styles = styles
        self._firsts = [(style, _first_ranges(style.pattern)) for style in styles]
        self.by_first: dict[str, tuple[MarkerStyle, ...]] = {}
        """Candidates by first character, filled as characters come up."""
        self._ordinals: dict[int, dict[str, int | None]] = {id(style): {} for style in styles}
        """By style (its id: ``styles`` keeps each alive), what each numeral read to: headings
        repeat a few numerals, and reading a Chinese one costs more than the rest of a marker."""

    def candidates(self, first: str) -> tuple[MarkerStyle, ...]:
        """The styles, in order, whose marker may start with ``first`` ("" at the text's end)."""
        code = ord(first) if first else -1
        candidates = tuple(
            style
            for style, ranges in self._firsts
            if ranges is None or any(low <= code <= high for low, high in ranges)
        )
        if len(self.by_first) < _CACHED:
            self.by_first[first] = candidates
        return candidates

    def match(self, text: str, start: int, standalone: bool) -> MarkerMatch | None:
        """The marker at ``text[start:]``, as :func:`match_marker` finds it."""
        first = text[start : start + 1]
        candidates = self.by_first.get(first)
        if candidates is None:
            candidates = self.candidates(first)
        return self.among(candidates, text, start, standalone)

    def among(
        self, candidates: tuple[MarkerStyle, ...], text: str, start: int, standalone: bool
    ) -> MarkerMatch | None:
        """The marker at ``text[start:]`` of the first of ``candidates`` that has one there."""
        found = self.find(candidates, text, start, standalone)
        return None if found is None else MarkerMatch(found[0], start, found[1], found[2])

    def find(
        self, candidates: tuple[MarkerStyle, ...], text: str, start: int, standalone: bool
    ) -> tuple[MarkerStyle, int, int] | None:
        """:meth:`among` as ``(style, end, ordinal)``."""
        ordinals = self._ordinals
        for style in candidates:
            if style.standalone_only and not standalone:
                continue
            found = style.pattern.match(text, start)
            if found is None:
                continue
            numeral = found["n"]
            read = ordinals.get(id(style))
            ordinal = _UNREAD if read is None else read.get(numeral, _UNREAD)
            if ordinal is _UNREAD:
                ordinal = style.ordinal(numeral)
                if read is not None and len(read) < _CACHED:
                    read[numeral] = ordinal
            if ordinal is None or ordinal < 0:
                continue
            return style, found.end(), ordinal
        return None


_CACHED = 4096
"""Entries each cache of :class:`Markers` keeps at most (a text may hold any characters and
numerals; the usual ones come first)."""
_UNREAD = -1
"""No ordinal read yet (a real one is never negative: those are refused)."""


DEFAULT_MARKERS = Markers(STYLES)
"""The built-in styles, indexed once (a host indexes its own styles when it is built)."""
