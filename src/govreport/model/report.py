"""The parsed report: source text, front matter, outline, mentions and end matter."""

from __future__ import annotations

import enum
import functools
import sys
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TypeVar

import attrs

from govreport.model.mentions import (
    DateMention,
    DocumentTitle,
    Formulation,
    Indicator,
    Mention,
    Quantity,
    Role,
)
from govreport.model.outline import OutlineNode, Place, Region, places
from govreport.model.source import Origin
from govreport.model.span import LineIndex, Span
from govreport.model.store import Mentions

M = TypeVar("M", bound=Mention)


def _span(span: Span) -> str:
    return f"[{span.start}, {span.end})"


def _node_lines(outline: tuple[OutlineNode, ...], indent: int) -> Iterator[str]:
    """The lines of :meth:`Report.pretty` for ``outline``, ``indent`` levels deeper."""
    for place in places(outline):
        node = place.node
        yield (
            f"{'  ' * (place.level + indent)}{node.marker} {node.style}/{node.rank}"
            f"{' run-in' if node.run_in else ''} {_span(node.span)}"
            f" title {_span(node.title_span)} {node.title!r}"
        )


def _field(value: object) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, Span):
        return _span(value)
    return str(value) if isinstance(value, Decimal) else repr(value)


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
class IndicatorRow:
    """One quantity with what it measures, its role, its period and where it stands."""

    quantity: Quantity
    """The quantity itself (value, unit, span …)."""
    indicator: Indicator | None
    """What it measures, or None when nothing in its sentence names it."""
    role: Role | None
    """Actual, target, forecast or other (None when no linker ran)."""
    period: str | None
    """The period the figure refers to (``2023``, ``2021/2025``), if stated."""
    section: tuple[str, ...]
    """The titles of the outline nodes it stands in, outermost first."""


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
    """Glossary, notes, sources, attachments and signature after the body; an attachment with a
    numbered list carries its own outline (:attr:`Region.outline`)."""
    mentions: Mentions = attrs.field(factory=Mentions, converter=Mentions)
    """All mentions, sorted by span start: an immutable sequence equal to the tuple of them
    (:class:`~govreport.model.store.Mentions`), made of any iterable of mentions."""
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
        """Every node of the body's outline, depth first in document order.

        An attachment's outline (:attr:`Region.outline` in ``end_matter``) is not the report's:
        walk it from its region (:func:`govreport.model.outline.places`).
        """
        return (place.node for place in places(self.outline))

    def places(self) -> Iterator[Place]:
        """Every node of the body's outline with its level and path, depth first in document
        order (an attachment's outline is its region's, as for :meth:`walk`)."""
        return places(self.outline)

    def pretty(self) -> str:
        """The report as indented text, one line per part, node and mention: a readable form
        for tests to compare whole parses against (as markdown-it's ``pretty()``).

        Regions show their kind and span; nodes their marker, style, rank, spans and title,
        two spaces deeper per level; mentions their kind, span, text and every other field.
        """
        lines = [f"report source={self.source!r} reader={self.reader!r} length={len(self.text)}"]
        regions = (*self.front_matter, self.preamble, self.closing, *self.end_matter)
        for region in regions:
            if region is not None:
                lines.append(f"region {region.kind} {_span(region.span)}")
                lines += _node_lines(region.outline, 1)  # an annex's own outline, under it
        lines += _node_lines(self.outline, 0)
        for mention in self.mentions:
            fields = (
                f"{field.name}={_field(getattr(mention, field.name))}"
                for field in attrs.fields(type(mention))
                if field.eq and field.name not in ("span", "text")
            )
            lines.append(" ".join([mention.kind, _span(mention.span), repr(mention.text), *fields]))
        lines += [f"fault {f.plugin} {f.hook}: {f.message}" for f in self.faults]
        return "\n".join(lines) + "\n"

    def outline_path(self, where: Mention | Span | int) -> tuple[OutlineNode, ...]:
        """The chain of the body's outline nodes, outermost first, whose parts contain ``where``."""
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

    def outline_paths(
        self, mentions: Iterable[Mention | Span]
    ) -> Iterator[tuple[OutlineNode, ...]]:
        """:meth:`outline_path` of each of ``mentions``, in their order: cheaper than one call
        each, as a path is kept for the next mentions that lie where it must hold (document order
        mostly gives runs of them)."""
        path: tuple[OutlineNode, ...] = ()
        low, high = 0, -1  # a non-empty span inside these offsets has ``path``; none at first
        for where in mentions:
            span = where.span if isinstance(where, Mention) else where
            if not low <= span.start < span.end <= high:
                path = self.outline_path(span)
                low, high = self._gap(path, span.start)
            yield path

    def _gap(self, path: tuple[OutlineNode, ...], offset: int) -> tuple[int, int]:
        """Where a non-empty span has ``path``, around ``offset``: inside the path's last node
        and between two of its children (no child contains a span there)."""
        if path:
            level, low, high = path[-1].children, path[-1].span.start, path[-1].span.end
        else:
            level, low, high = self.outline, 0, sys.maxsize
        index = bisect_right(self._outline_starts[id(level)], offset)
        if index:
            low = max(low, level[index - 1].span.end)
        if index < len(level):
            high = min(high, level[index].span.start)
        return low, high

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

    def indicators(self) -> list[IndicatorRow]:
        """A row per quantity, in document order: its indicator, role, period and section."""
        return [
            IndicatorRow(
                quantity=q,
                indicator=q.indicator,
                role=q.role,
                period=q.period,
                section=tuple(node.title for node in self.outline_path(q)),
            )
            for q in self.quantities()
        ]

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
