"""The parsed report: source text, front matter, outline, mentions and end matter."""

from __future__ import annotations

import functools
from bisect import bisect_right
from collections.abc import Iterator
from typing import TypeVar

import attrs

from govreport.model.mentions import DateMention, DocumentTitle, Formulation, Mention, Quantity
from govreport.model.outline import OutlineNode, Region
from govreport.model.source import Origin
from govreport.model.span import LineIndex, Span

M = TypeVar("M", bound=Mention)


@attrs.frozen(kw_only=True)
class Fault:
    """A plugin failure recorded instead of raised (tolerant mode)."""

    plugin: str
    """Name of the plugin that failed."""
    hook: str
    """The hook or extractor that was running."""
    message: str
    """The exception, as one line."""


@attrs.frozen(kw_only=True)
class Report:
    """A report parsed into its parts; every span indexes ``text``."""

    text: str
    """The decoded source text, unchanged (line ends kept as they were)."""
    source: str | None = None
    """File name the text came from, or None for a string."""
    reader: str | None = None
    """The reader that made ``text`` (``text``, ``html``, ``docx`` …), or None for a string."""
    origin: tuple[Origin, ...] = ()
    """Where each block of ``text`` came from in its file, when the reader knows it."""
    front_matter: tuple[Region, ...] = ()
    """Title, subtitle, speaker, byline and salutation lines, in order."""
    preamble: Region | None = None
    """Text before the first numbered heading (after the front matter)."""
    outline: tuple[OutlineNode, ...] = ()
    """Top-level headings, each holding its sub-headings and items."""
    closing: Region | None = None
    """Closing paragraphs after the last part (problems, next steps, rally), or None."""
    end_matter: tuple[Region, ...] = ()
    """Glossary, notes, sources, attachments and signature after the body."""
    mentions: tuple[Mention, ...] = ()
    """All mentions, sorted by span start."""
    faults: tuple[Fault, ...] = ()
    """Plugin failures recorded while parsing in tolerant mode."""

    # -- parts ------------------------------------------------------------------------------
    def region(self, kind: str) -> Region | None:
        """The first front- or end-matter region of ``kind``, or None."""
        for region in (*self.front_matter, *self.end_matter):
            if region.kind == kind:
                return region
        return None

    @property
    def title(self) -> str | None:
        """The report's title line, when the text has one."""
        region = self.region("title")
        return None if region is None else region.text

    # -- outline ----------------------------------------------------------------------------
    def walk(self) -> Iterator[OutlineNode]:
        """Every outline node, depth first in document order."""
        for node in self.outline:
            yield from node.walk()

    def outline_path(self, where: Mention | Span | int) -> tuple[OutlineNode, ...]:
        """The chain of outline nodes, outermost first, whose parts contain ``where``."""
        if isinstance(where, Mention):
            span = where.span
        elif isinstance(where, Span):
            span = where
        else:
            span = Span(where, where + 1)  # the character at offset ``where``
        path: list[OutlineNode] = []
        level: tuple[OutlineNode, ...] = self.outline
        while level:
            # Siblings do not overlap and are in order, so only the last one starting at or
            # before the span can hold it; an empty span on a boundary is also held by the one
            # ending there, which comes first.
            index = bisect_right(self._outline_starts[id(level)], span.start) - 1
            first = max(index - 1, 0) if span.start == span.end else index
            inside = next((n for n in level[first : index + 1] if n.span.contains(span)), None)
            if inside is None:
                break
            path.append(inside)
            level = inside.children
        return tuple(path)

    @functools.cached_property
    def _outline_starts(self) -> dict[int, list[int]]:
        """The span starts of every level of the outline, by the level's ``id``, for bisect."""
        starts = {id(self.outline): [node.span.start for node in self.outline]}
        for node in self.walk():
            starts[id(node.children)] = [child.span.start for child in node.children]
        return starts

    # -- mentions ---------------------------------------------------------------------------
    def find(self, kind: str | type[M]) -> Iterator[Mention]:
        """Mentions of one kind, given by name (``"quantity"``) or class."""
        if isinstance(kind, str):
            return (m for m in self.mentions if m.kind == kind)
        return (m for m in self.mentions if isinstance(m, kind))

    def quantities(self) -> list[Quantity]:
        """All quantities, in document order."""
        return [m for m in self.mentions if isinstance(m, Quantity)]

    def dates(self) -> list[DateMention]:
        """All dates and periods, in document order."""
        return [m for m in self.mentions if isinstance(m, DateMention)]

    def documents(self) -> list[DocumentTitle]:
        """All 《document titles》, in document order."""
        return [m for m in self.mentions if isinstance(m, DocumentTitle)]

    def formulations(self) -> list[Formulation]:
        """All numbered formulations, in document order."""
        return [m for m in self.mentions if isinstance(m, Formulation)]

    # -- positions --------------------------------------------------------------------------
    @functools.cached_property
    def lines(self) -> LineIndex:
        """Line index of ``text``, built on first use."""
        return LineIndex.of(self.text)

    def line_col(self, where: Mention | Span | int) -> tuple[int, int]:
        """1-based line and column where ``where`` starts."""
        if isinstance(where, Mention):
            offset = where.span.start
        elif isinstance(where, Span):
            offset = where.start
        else:
            offset = where
        return self.lines.line_col(offset)

    def slice(self, span: Span) -> str:
        """The source text at ``span``."""
        return span.slice(self.text)
