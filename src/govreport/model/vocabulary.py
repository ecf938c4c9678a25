"""Vocabularies: domain terms, named-thing patterns and formulations that plugins contribute.

A vocabulary is data, not code: a plugin registers one through ``register_vocabularies`` and the
built-in vocabulary extractor finds its terms (as :class:`~govreport.model.Term` mentions carrying
category, subtype and meaning) or,
for a formulation vocabulary, the formulation extractor finds them (as
:class:`~govreport.model.Formulation` mentions carrying the meaning).
"""

from __future__ import annotations

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


@attrs.frozen
class NamePattern:
    """A regular expression for named things (``…水库``, ``…水厂``) and what they are."""

    pattern: str = attrs.field(validator=_compiles)
    """A regular expression; the whole match is the name. Keep it linear: no nested repeats."""
    category: str
    """The category of every name it matches."""
    subtype: str
    """What the named thing is (``reservoir``, ``water-plant``, ``river``)."""


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
