"""The outline: numbered headings and paragraph-leading items, nested by level."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from govreport.model.span import Span


@attrs.frozen(kw_only=True)
class OutlineNode:
    """One numbered heading (``一、``, ``（一）``, ``1.`` …) or item (``一是``, ``第一，``)."""

    marker: str
    """The numbering as written, e.g. ``"（一）"`` or ``"二是"``."""
    ordinal: int
    """The number the marker stands for."""
    style: str
    """The numbering family, e.g. ``"cn-comma"``, ``"cn-paren"``, ``"item-shi"``."""
    rank: int
    """Depth class of the style: smaller ranks enclose larger ones (parts 10 … items 100)."""
    title: str
    """Heading text, or for run-in headings and items the lead clause."""
    span: Span
    """The whole part: the heading plus everything under it."""
    title_span: Span
    """Where ``title`` stands in the source."""
    marker_span: Span
    """Where ``marker`` stands in the source."""
    run_in: bool = False
    """True when the body continues in the heading's own paragraph."""
    children: tuple[OutlineNode, ...] = ()
    """Sub-headings and items, in document order."""

    @property
    def is_item(self) -> bool:
        """True for paragraph-leading items (一是, 第一，, 首先，) rather than headings."""
        return self.style.startswith("item-")

    def walk(self) -> Iterator[OutlineNode]:
        """This node and all its descendants, depth first in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@attrs.frozen
class Region:
    """A typed stretch of the report outside the outline: title, preamble, closing, notes …"""

    kind: str
    """What the region is: ``title``, ``subtitle``, ``speaker``, ``salutation``, ``preamble``,
    ``closing``, ``glossary``, ``notes``, ``sources``, ``attachment``, ``signature``, ``table``."""
    span: Span
    """Where the region stands in the source."""
    text: str
    """The region's text, equal to the source sliced at ``span``."""
    outline: tuple[OutlineNode, ...] = ()
    """The region's own heading tree, for an ``attachment`` with a numbered list (an annex of
    民生实事 ``一、…十、`` or ``1.…10.``); kept apart from the report's outline, so the body's
    outline, its walk and its scores never hold an annex's nodes."""
