"""What plugins register and what they are given: the protocols below the hook specifications.

This module imports the model only, so :mod:`govreport.hookspecs`, the host, the extractors and
the exporters can all import it without any import running back up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, runtime_checkable

import attrs

from govreport.model import Mention, Report, Span, UnitTable, Vocabulary


@attrs.frozen(kw_only=True)
class ExtractionContext:
    """Everything an extractor may read about the text it scans."""

    text: str
    """The decoded source text; spans index it."""
    units: UnitTable
    """Known units and measure words, the built-ins plus those plugins registered."""
    marker_spans: tuple[Span, ...] = ()
    """Where outline markers (``一、``, ``（一）``, ``一是``) stand: their numbers are no mentions."""
    found: Sequence[Mention] = ()
    """Mentions found by extractors that ran earlier (lower ``order``), in the order found (a
    :class:`~govreport.model.Mentions` in a parse)."""
    vocabularies: tuple[Vocabulary, ...] = ()
    """Vocabularies plugins registered (water terms, party formulations …)."""


@attrs.frozen(kw_only=True)
class Configuration:
    """What the plugins of a host registered that an extractor may compile itself for."""

    units: UnitTable
    """The unit table every parse of the host passes in :attr:`ExtractionContext.units`."""
    vocabularies: tuple[Vocabulary, ...] = ()
    """The vocabularies every parse of the host passes in
    :attr:`ExtractionContext.vocabularies`."""


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


@runtime_checkable
class ConfigurableExtractor(MentionExtractor, Protocol):
    """An extractor that compiles what it needs (patterns, matchers) from the host's units and
    vocabularies once, when the host is built, instead of on every call."""

    def configured(self, configuration: Configuration) -> MentionExtractor:
        """This extractor compiled for ``configuration``: same name and order, and the same
        mentions as this one finds given a context with the configuration's units and
        vocabularies."""


@attrs.frozen(kw_only=True)
class Exporter:
    """One output format, as a value: a plugin registers one per format it writes.

    ``Exporter(name="count", suffix=".txt", media_type="text/plain", render=count)``.
    """

    name: str
    """The ``--format`` name (``json``, ``outline`` …)."""
    suffix: str
    """File name suffix for the output, with the dot (``.json``)."""
    media_type: str
    """MIME type of the output."""
    render: Callable[[Report], str | bytes]
    """The report in this format: deterministic for the same report."""
    binary: bool = False
    """True when ``render`` returns bytes rather than text."""
    join: Callable[[Sequence[bytes]], bytes] | None = None
    """For formats that hold many reports in one file (JSON Lines, CSV, Parquet): one output
    holding the reports of several exports of this format, in order (``join([part])`` is
    ``part``). Each report is exported on its own (in a worker process, say), then joined."""
    pieces: Callable[[Report], Iterable[str]] | None = None
    """For a text format whose output can be large: the text of ``render`` in pieces, in order
    (``"".join(pieces(report)) == render(report)``), so that the command line encodes it piece
    by piece and never holds the whole text beside its bytes."""

    def export(self, report: Report) -> str | bytes:
        """``render(report)``; the host calls it through :meth:`PluginHost.export
        <govreport.host.PluginHost.export>`, which names the plugin when it fails."""
        return self.render(report)
