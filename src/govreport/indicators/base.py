"""What an indicator linker is, what it is given, and the indicator words plugins register."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

import attrs

from govreport.extractors.trie import trie_pattern
from govreport.model import Indicator, Mention, OutlineNode, Region, Role


@attrs.frozen(kw_only=True)
class IndicatorTerm:
    """An indicator name a domain knows (``供水量``, ``水质合格率``), with its other spellings."""

    name: str
    """The name as reports usually write it."""
    synonyms: tuple[str, ...] = ()
    """Other spellings that name the same measure (``规上工业增加值`` for ``规模以上工业增加值``)."""

    @property
    def spellings(self) -> tuple[str, ...]:
        """The name and its synonyms."""
        return (self.name, *self.synonyms)


@attrs.frozen(kw_only=True)
class IndicatorLexicon:
    """Every registered indicator spelling, compiled once per plugin host."""

    terms: tuple[IndicatorTerm, ...] = ()
    """The registered terms, in registration order."""
    suffix: re.Pattern[str] | None = attrs.field(default=None, eq=False, repr=False)
    """Matches the longest registered spelling that ends a phrase; None without terms."""

    @classmethod
    def of(cls, terms: Iterable[IndicatorTerm]) -> IndicatorLexicon:
        """The lexicon of ``terms``: one trie-shaped pattern for all their spellings."""
        kept = tuple(terms)
        spellings = {spelling for term in kept for spelling in term.spellings if spelling}
        if not spellings:
            return cls(terms=kept)
        # Reversed words in a trie, matched against the reversed phrase: the longest term
        # that ends the phrase, whatever the number of terms.
        pattern = re.compile(trie_pattern(sorted(word[::-1] for word in spellings)))
        return cls(terms=kept, suffix=pattern)

    def ending(self, phrase: str) -> int:
        """Length of the longest registered spelling that ends ``phrase`` (0 if none)."""
        if self.suffix is None or not phrase:
            return 0
        match = self.suffix.match(phrase[::-1])
        return 0 if match is None else match.end()


@attrs.frozen(kw_only=True)
class Link:
    """What a linker says of one quantity."""

    indicator: Indicator | None
    """What the quantity measures, or None when nothing in its sentence names it."""
    role: Role
    """Actual, target, forecast or other."""
    period: str | None
    """The period the figure refers to (``2023``, ``2023/H1``, ``2021/2025``), if stated."""


@attrs.frozen(kw_only=True)
class LinkContext:
    """Everything a linker may read about the report whose quantities it links."""

    text: str
    """The decoded source text; spans index it."""
    mentions: Sequence[Mention]
    """Every mention the extractors found, in document order (quantities, dates …)."""
    outline: tuple[OutlineNode, ...]
    """The report's numbered headings and items."""
    front_matter: tuple[Region, ...]
    """Title, subtitle, byline and salutation lines."""
    closing: Region | None
    """The closing paragraphs after the last part (problems, next steps), if any."""
    lexicon: IndicatorLexicon
    """The indicator words plugins registered, compiled once per host."""


@runtime_checkable
class IndicatorLinker(Protocol):
    """Says, for every quantity of a report, what it measures, its role and its period."""

    @property
    def name(self) -> str:
        """Unique name, used in listings and error messages."""

    def link(self, context: LinkContext) -> Sequence[Link]:
        """One :class:`Link` per quantity of ``context.mentions``, in their order."""
