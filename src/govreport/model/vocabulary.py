"""Vocabularies: domain terms, named-thing patterns and formulations that plugins contribute.

A vocabulary is data, not code: a plugin registers one through ``register_vocabularies`` and the
built-in vocabulary extractor finds its terms (as :class:`~govreport.model.Term` mentions carrying
category, subtype and meaning) or,
for a formulation vocabulary, the formulation extractor finds them (as
:class:`~govreport.model.Formulation` mentions carrying the meaning).
"""

from __future__ import annotations

import itertools
import re
from typing import Literal

import attrs

from govreport.model.units import Unit


@attrs.frozen
class Entry:
    """One term of a vocabulary."""

    term: str = attrs.field(validator=attrs.validators.min_len(1))
    """The term as reports write it (``蓄滞洪区``, ``两个维护``)."""
    category: str
    """Its category inside the vocabulary (``flood-control``, ``party-discipline``)."""
    meaning: str | None = None
    """A one-line gloss, if the vocabulary gives one."""
    subtype: str | None = None
    """For named things, what they are (``reservoir``)."""


def _compiles(_: object, __: attrs.Attribute[str], value: str) -> None:
    re.compile(value)


PUNCTUATION = "，。、；：！？“”‘’（）《》〈〉【】「」『』—…·,.;:!?()[]"
"""Chinese and ASCII punctuation: the default :attr:`NameStart.breaks`."""

_SPECIAL = frozenset("\\.^$*+?{}[]|()")


def _words(_: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    if not all(isinstance(word, str) and word for word in value):
        raise ValueError(f"{attribute.name} must be non-empty strings: {value!r}")


def _either(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, words))


@attrs.frozen
class NameStart:
    """Where a name may start, given as words rather than as look-behinds.

    A name starts at the start of a line, right after one of :attr:`breaks` or whitespace, or
    right after one of :attr:`words` or :attr:`joiners`. It never starts with one of
    :attr:`words`, nor part-way through one where a listed word ends inside it (the 底 of 年底
    follows 年, which is listed too); and right after a word, never with one of :attr:`joiners`.

    A :class:`NamePattern` with a ``start`` matches only where this allows. The vocabulary
    extractor tests a position with a few set look-ups, where the same test as a regular
    expression (:meth:`pattern`) tries every listed word at every position.
    """

    words: tuple[str, ...] = attrs.field(validator=_words)
    """Words that may stand right before a name and never begin one (完成, 位于, 年底)."""
    joiners: tuple[str, ...] = attrs.field(default=(), validator=_words)
    """Words that join two names (永定河和北运河) and may begin one after a break (和平区)."""
    breaks: str = PUNCTUATION
    """Characters after which a name may start, besides line breaks and whitespace."""

    def inside(self) -> tuple[tuple[str, int], ...]:
        """Each listed word with each offset inside it where another listed word ends: a name
        never starts there (``("年底", 1)``: 年 is listed, but 底 does not start a name)."""
        listed = self.words + self.joiners
        return tuple(
            (word, cut)
            for word in self.words
            for cut in range(1, len(word))
            if word[:cut].endswith(listed)
        )

    def pattern(self) -> str:
        """The same test as a zero-width regular expression, for reading and for tests."""
        after_break = r"(?:(?<![^\n])|(?<=[" + re.escape(self.breaks) + r"\s]))"
        # Python needs each look-behind to have one fixed width, so one look-behind per length.
        by_length = itertools.groupby(sorted(self.words + self.joiners, key=len), key=len)
        after_word = "(?:" + "|".join(f"(?<={_either(tuple(group))})" for _, group in by_length)
        after_word += ")"
        # 底(?<=年底): the literal first, so the engine skips the branch on one character.
        inside = [f"{re.escape(word[cut:])}(?<={re.escape(word)})" for word, cut in self.inside()]
        block = "|".join([_either(self.words), *inside])
        joiners = f"|{_either(self.joiners)}" if self.joiners else ""
        return f"(?:{after_break}(?!{block})|{after_word}(?!{block}{joiners}))"


def _alternates(pattern: str) -> bool:
    """True when ``pattern`` has a ``|`` outside any group or character set."""
    depth, at, in_set = 0, 0, False
    while at < len(pattern):
        ch = pattern[at]
        if ch == "\\":
            at += 1
        elif in_set:
            in_set = ch != "]"
        elif ch == "[":
            in_set = True
            at += 1 if pattern[at + 1 : at + 2] == "^" else 0
            at += 1 if pattern[at + 1 : at + 2] == "]" else 0  # a ] first is literal
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            return True
        at += 1
    return False


def _anchors(_: object, __: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    for anchor in value:
        if not anchor or anchor[0] in _SPECIAL or anchor[1:2] in ("*", "+", "?", "{"):
            raise ValueError(f"an anchor must begin with a plain character: {anchor!r}")
        if _alternates(anchor):
            raise ValueError(f"an anchor must begin with its first character, always: {anchor!r}")
        if re.compile(anchor).groups:
            raise ValueError(f"an anchor may hold no capturing group: {anchor!r}")


def _offsets(_: object, __: attrs.Attribute[tuple[int, int]], value: tuple[int, int]) -> None:
    least, most = value
    if not 0 <= least <= most:
        raise ValueError(f"anchor offsets must be 0 <= least <= most: {value!r}")


@attrs.frozen
class NamePattern:
    """A regular expression for named things (``…水库``, ``…水厂``) and what they are.

    Only ``pattern``, ``category`` and ``subtype`` are needed. The rest make a pattern both
    easier to read and fast on long texts: ``start`` says as words where a name may start, and
    ``anchors`` let the extractor try ``pattern`` only near them instead of at every position.
    """

    pattern: str = attrs.field(validator=_compiles)
    """A regular expression; the whole match is the name. Keep it linear: no nested repeats.
    It must not match the empty string."""
    category: str
    """The category of every name it matches."""
    subtype: str
    """What the named thing is (``reservoir``, ``water-plant``, ``river``)."""
    start: NameStart | None = attrs.field(default=None, kw_only=True)
    """Where a name may start; ``None``: anywhere ``pattern`` matches."""
    anchors: tuple[str, ...] = attrs.field(default=(), kw_only=True, validator=_anchors)
    """Regular expressions one of which matches inside every name, :attr:`anchor_offsets`
    characters after its start: for ``…水库`` the suffix ``水库``. Optional, and only for speed:
    the extractor finds anchors in the pass that finds terms, then tries ``pattern`` just before
    each. An anchor is tried only where its first character stands, so it must begin with that
    character written plainly, look-behinds after it (``河(?<!拔河)(?!道)``, not ``(?<!拔)河``),
    and hold no capturing group. Empty: ``pattern`` is tried everywhere."""
    anchor_offsets: tuple[int, int] = attrs.field(default=(0, 0), kw_only=True, validator=_offsets)
    """How many characters into a match an anchor begins, at least and at most: ``(2, 4)`` for
    two to four name characters before a suffix."""

    def regex(self) -> str:
        """The whole test as one regular expression: :attr:`start`, then :attr:`pattern`."""
        if self.start is None:
            return self.pattern
        return f"{self.start.pattern()}(?:{self.pattern})"


@attrs.frozen(kw_only=True)
class Vocabulary:
    """A named set of terms, name patterns and units from one domain."""

    name: str
    """Unique name, also the ``vocabulary`` of the mentions it yields (``water``)."""
    kind: Literal["term", "formulation"] = "term"
    """``term``: entries become Term mentions; ``formulation``: Formulation mentions."""
    entries: tuple[Entry, ...] = ()
    """The terms, each with its category."""
    patterns: tuple[NamePattern, ...] = ()
    """Patterns for named things, matched after the entries."""
    units: tuple[Unit, ...] = ()
    """Units the domain uses that the built-in table lacks."""
    description: str = ""
    """One line on what the vocabulary covers."""

    def categories(self) -> tuple[str, ...]:
        """Every category the vocabulary uses, in first-seen order."""
        seen = dict.fromkeys(e.category for e in self.entries)
        seen.update(dict.fromkeys(p.category for p in self.patterns))
        return tuple(seen)
