"""What a mention extractor is, and what it is given."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

import attrs

from govreport.model import Mention, Span, UnitTable, Vocabulary


@attrs.frozen(kw_only=True)
class ExtractionContext:
    """Everything an extractor may read about the text it scans."""

    text: str
    """The decoded source text; spans index it."""
    units: UnitTable
    """Known units and measure words, the built-ins plus those plugins registered."""
    marker_spans: tuple[Span, ...] = ()
    """Where outline markers (``一、``, ``（一）``, ``一是``) stand: their numbers are no mentions."""
    found: tuple[Mention, ...] = ()
    """Mentions found by extractors that ran earlier (lower ``order``)."""
    vocabularies: tuple[Vocabulary, ...] = ()
    """Vocabularies plugins registered (water terms, party formulations …)."""


@runtime_checkable
class MentionExtractor(Protocol):
    """Finds one or more kinds of mention in a text."""

    @property
    def name(self) -> str:
        """Unique name, used in listings and error messages."""

    @property
    def order(self) -> int:
        """Extractors run in ascending order: formulations 100, documents 200, dates 300,
        quantities 400, vocabulary terms 500."""

    def extract(self, context: ExtractionContext) -> Iterable[Mention]:
        """Every mention found in ``context.text``, each with a span that slices to its text."""
