"""The outline: numbered headings and paragraph-leading items, nested by level."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from govreport.model.span import Span

ITEM_RANK = 100
"""The rank of paragraph-leading items (一是, 第一，, 首先，): every rank below is a heading's."""


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
        """True for paragraph-leading items (一是, 第一，, 首先，) rather than headings: a node
        whose rank is :data:`ITEM_RANK` or more, whatever style (a plugin's too) made it."""
        return self.rank >= ITEM_RANK

    def walk(self) -> Iterator[OutlineNode]:
        """This node and all its descendants, depth first in document order."""
        return (place.node for place in places((self,)))


@attrs.frozen
class Place:
    """An outline node and where it stands in the tree."""

    node: OutlineNode
    """The node."""
    path: tuple[int, ...]
    """The 1-based position of it and each of its ancestors among their siblings, outermost
    first: ``(2, 1)`` is the first child of the second top-level node."""

    @property
    def level(self) -> int:
        """1 for a top-level node, 2 for its children, and so on."""
        return len(self.path)


def places(nodes: tuple[OutlineNode, ...]) -> Iterator[Place]:
    """Every node of the forest ``nodes`` with its place, depth first in document order.

    The one walk of the outline: every listing of the tree (exporters, checks, scoring) uses
    it. Iterative, so no depth of nesting reaches Python's recursion limit.
    """
    stack: list[tuple[tuple[OutlineNode, ...], int, tuple[int, ...]]] = [(nodes, 0, ())]
    # Each entry: siblings, the index of the next one to visit, the path of their parent.
    while stack:
        siblings, index, parent = stack.pop()
        if index == len(siblings):
            continue
        node, path = siblings[index], (*parent, index + 1)
        stack.append((siblings, index + 1, parent))
        yield Place(node, path)
        if node.children:
            stack.append((node.children, 0, path))


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
