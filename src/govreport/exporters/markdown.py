"""The ``markdown`` format: a report as a readable GitHub-flavoured Markdown document.

It holds the title, the start of the preamble, the outline as a nested list, the closing, the
end-matter kinds and a section with the outline of each annex that has one, then one table per
mention kind (quantities, dates, documents, formulations and, when a vocabulary found some,
terms) giving each mention's fields, the outline path of the part of the body it stands in
(``一、 › 一是``) and its line. Values are exact decimals. Mention kinds defined
by plugins have no table here; the ``json`` and ``csv`` formats carry them.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from operator import attrgetter
from typing import Any

import attrs

from govreport.exporters._format import excerpt, field_text, writable
from govreport.exporters.base import Exporter
from govreport.hookspecs import hookimpl
from govreport.model import (
    DateMention,
    DocumentTitle,
    Formulation,
    Mention,
    OutlineNode,
    Quantity,
    Report,
    Term,
    places,
)
from govreport.serialise import decimal_text

EXCERPT_LENGTH = 80
"""How many characters of the preamble and closing the document quotes."""

SECTION_SEPARATOR = " › "
"""Joins the markers of an outline path in the ``section`` column."""

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
"""Characters that Markdown or a table would read as syntax; each gets a backslash."""

_Column = tuple[str, Callable[[Any], object]]
"""A table column: its header and how to get a mention's value for it."""


def _escape(text: str) -> str:
    """``text`` as literal Markdown inline text, line breaks as ``<br>``, safe in a table cell."""
    return "<br>".join(_SPECIAL.sub(r"\\\1", line) for line in text.splitlines())


_JOINER = "\0"
"""Joins the cells of a table for one substitution (see :func:`_escape_all`)."""

_LINE_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
"""What :meth:`str.splitlines` breaks at."""


def _escape_all(texts: list[str]) -> list[str]:
    """Each of ``texts`` as :func:`_escape` gives it, by one substitution over them all, joined
    (a table has hundreds of thousands of cells); the few with a line break are escaped again
    one by one."""
    joined = _JOINER.join(texts)
    if joined.count(_JOINER) != max(len(texts) - 1, 0):  # a cell holds the joiner itself
        return [_escape(text) for text in texts]
    escaped = _SPECIAL.sub(r"\\\1", joined).split(_JOINER)
    breaks = [match.start() for match in _LINE_BREAK.finditer(joined)]
    if breaks:
        # the offset of the joiner after each cell: a break at p lies in cell bisect(ends, p)
        ends = [end + index for index, end in enumerate(itertools.accumulate(map(len, texts)))]
        for cell in {bisect_right(ends, offset) for offset in breaks}:
            escaped[cell] = _escape(texts[cell])
    return escaped[: len(texts)]


def _fields(*names: str) -> tuple[_Column, ...]:
    """Columns that show the mention attributes ``names`` under the same headers."""
    return tuple((name, attrgetter(name)) for name in names)


def _quantity_value(quantity: Quantity) -> str:
    """The exact value, or the range ``low–high`` when the quantity has a high end."""
    low = decimal_text(quantity.value)
    return low if quantity.value_max is None else f"{low}–{decimal_text(quantity.value_max)}"


def _indicator_text(quantity: Quantity) -> str | None:
    """What the quantity measures, as written."""
    return None if quantity.indicator is None else quantity.indicator.text


@attrs.frozen
class _Table:
    """One mention table of the document."""

    title: str
    """The section heading."""
    kind: type[Mention]
    """Mentions of this class (subclasses included) are its rows."""
    columns: tuple[_Column, ...]
    """The kind's own columns; ``#`` comes first and ``section`` and ``line`` last."""
    optional: bool = False
    """Leave the section out, rather than say "None", when the report has no such mention."""


_TABLES = (
    _Table(
        "Quantities",
        Quantity,
        (
            *_fields("text"),
            ("value", _quantity_value),
            *_fields("unit", "qualifier", "change"),
            ("indicator", _indicator_text),
            *_fields("role", "period"),
        ),
    ),
    _Table("Dates", DateMention, _fields("text", "value")),
    _Table("Documents", DocumentTitle, _fields("text", "title")),
    _Table("Formulations", Formulation, _fields("text", "meaning")),
    _Table("Terms", Term, _fields("text", "vocabulary", "category", "subtype"), optional=True),
)


def _outline(outline: tuple[OutlineNode, ...]) -> Iterator[str]:
    """An outline (the body's or an annex's) as a nested list: ``- **marker** title``, two
    spaces more per level."""
    for place in places(outline):
        marker, title = _escape(place.node.marker), _escape(excerpt(place.node.title))
        yield f"{'  ' * (place.level - 1)}- **{marker}** {title}".rstrip()


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(report: Report, table: _Table, every: Sequence[Mention]) -> str | None:
    """The table's section, or None when it is optional and has no rows; ``every``: the
    report's mentions."""
    mentions = [m for m in every if isinstance(m, table.kind)]
    if not mentions and table.optional:
        return None
    lines = [f"## {table.title}", ""]
    if not mentions:
        lines.append("_None._")
        return "\n".join(lines)
    headers = ["#", *(header for header, _ in table.columns), "section", "line"]
    lines += [_row(headers), _row(["---"] * len(headers))]
    width = len(table.columns)
    fields = _escape_all(
        [field_text(value(mention)) for mention in mentions for _, value in table.columns]
    )
    markers: dict[int, str] = {}  # a node's escaped marker, by the node's id
    paths = report.outline_paths(mentions)
    section, last_path = "", None
    for number, (mention, path) in enumerate(zip(mentions, paths, strict=True), start=1):
        if path is not last_path:  # (consecutive mentions mostly share a path)
            for node in path:
                if id(node) not in markers:
                    markers[id(node)] = _escape(node.marker)
            section = SECTION_SEPARATOR.join([markers[id(node)] for node in path])
            last_path = path
        cells = [
            str(number),
            *fields[(number - 1) * width : number * width],
            section,
            str(report.line_col(mention.span.start)[0]),
        ]
        lines.append(_row(cells))
    return "\n".join(lines)


def render(report: Report) -> str:
    """The Markdown document for ``report``, ending with a newline."""
    blocks = [f"# {_escape(excerpt(report.title or report.source or 'Untitled report'))}"]
    if report.title is not None and report.source is not None:
        blocks.append(f"Source: {_escape(report.source)}")
    if report.preamble is not None:
        blocks.append(f"> {_escape(excerpt(report.preamble.text, EXCERPT_LENGTH))}")
    blocks.append("## Outline")
    blocks.append("\n".join(_outline(report.outline)) if report.outline else "_No outline._")
    if report.closing is not None:
        blocks += ["## Closing", f"> {_escape(excerpt(report.closing.text, EXCERPT_LENGTH))}"]
    if report.end_matter:
        kinds = ", ".join(region.kind for region in report.end_matter)
        blocks.append(f"End matter: {_escape(kinds)}")
    for region in report.end_matter:
        if region.outline:  # an annex's own list, apart from the report's outline
            heading = excerpt(region.text.splitlines()[0])
            blocks += [f"## {_escape(heading)}", "\n".join(_outline(region.outline))]
    mentions = list(report.mentions)  # (made once: a compact store makes each one when read)
    blocks += [
        section for table in _TABLES if (section := _table(report, table, mentions)) is not None
    ]
    if report.faults:
        faults = (f"{fault.plugin} ({fault.hook}): {fault.message}" for fault in report.faults)
        blocks += ["## Faults", "\n".join(f"- {_escape(fault)}" for fault in faults)]
    return writable("\n\n".join(blocks) + "\n")


MARKDOWN = Exporter(name="markdown", suffix=".md", media_type="text/markdown", render=render)
"""Writes the Markdown document (:func:`render`)."""


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``markdown`` format."""
    register(MARKDOWN)
