"""The ``html`` format: one standalone page to read a report with its mentions highlighted.

The page needs nothing outside itself (inline CSS and a few lines of inline JavaScript). On the
left, a navigation built from the outline links to an anchor at each heading and item and shows
how many quantities each part holds. On the right, the whole source text, line breaks and
indents kept (``white-space: pre-wrap``), with headings set in bold and every mention wrapped in
``<mark class="m-KIND">`` — quantities, dates, documents, formulations, terms and plugin kinds,
each in its own colour — whose ``title`` (the hover text) says what govreport read: a quantity's
value, unit, qualifier, change, indicator, role and period, a term's vocabulary and category, a
formulation's meaning. A legend counts the kinds; its checkboxes turn each kind's highlighting off
and on. Labels are in Chinese with the English beside (``数量 quantity``), and the fonts are a
stack of the CJK faces that Linux, macOS and Windows ship, so the page renders Chinese on any of
them without fetching a web font.

Mentions of different kinds may overlap (a quantity inside a formulation). Marks nest when one
contains the other; when two cross, the one of lower priority is cut into pieces that nest, so
the markup stays well formed and every quantity is highlighted whole. Every string is escaped
with :func:`html.escape`, and the same report always gives the same page.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

import govreport
from govreport.exporters.base import Exporter
from govreport.model import (
    DateMention,
    DocumentTitle,
    Formulation,
    Mention,
    Place,
    Quantity,
    Report,
    Term,
)
from govreport.serialise import encode, mention_to_dict

__all__ = ["COLOURS", "HTML", "KINDS", "LABELS", "register_exporters", "render"]

KINDS = ("quantity", "date", "document", "formulation", "term")
"""The built-in mention kinds: the legend's order, and which wins when two cross (first wins)."""

COLOURS = {
    "quantity": "#ffd54f",
    "date": "#90caf9",
    "document": "#a5d6a7",
    "formulation": "#f48fb1",
    "term": "#ce93d8",
}
"""Highlight colour of each built-in kind; kinds added by plugins are grey."""

OTHER_COLOUR = "#d6d6d6"
"""Highlight colour of mention kinds added by plugins."""

LABELS = {
    "quantity": "数量 quantity",
    "date": "日期 date",
    "document": "文件 document",
    "formulation": "提法 formulation",
    "term": "术语 term",
    "outline": "目录 Outline",
    "quantities": "数量 quantities",
    "characters": "字符 characters",
    "mentions": "提及 mentions",
    "no outline": "无目录 no outline",
    "value": "数值 value",
    "value_max": "上限 value_max",
    "unit": "单位 unit",
    "qualifier": "限定 qualifier",
    "change": "变化 change",
    "indicator": "指标 indicator",
    "role": "类别 role",
    "period": "时期 period",
    "vocabulary": "词表 vocabulary",
    "category": "类别 category",
    "subtype": "子类 subtype",
    "meaning": "含义 meaning",
    "title": "标题 title",
    "none": "无 none",
    "exact": "精确 exact",
    "no gloss": "无释义 no gloss",
}
"""The page's words: Chinese first, the English name (as the JSON writes it) beside."""

ROLE_LABELS = {
    "actual": "实际 actual",
    "target": "目标 target",
    "forecast": "预计 forecast",
    "other": "其他 other",
}
"""How a quantity's role reads in its hover text."""

FONTS = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
    '"Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Droid Sans Fallback", '
    "system-ui, sans-serif"
)
"""The page's font stack: the CJK faces of Linux (Noto, Source Han, WenQuanYi, Droid), macOS
(PingFang, Hiragino) and Windows (YaHei) before the system face, all local — nothing is fetched."""

_HEADING_PRIORITY = 1000
"""Headings lose to every mention: a heading crossing a mention is the one cut into pieces."""
_INDICATOR_PRIORITY = _HEADING_PRIORITY - 1
"""An indicator's text loses to every mention and wins over headings."""

_DISPLAY = {
    **{code: 0x2400 + code for code in range(0x20) if chr(code) not in "\t\n\r"},
    0x7F: 0x2421,
    **dict.fromkeys(range(0x80, 0xA0), 0xFFFD),
    0xFFFE: 0xFFFD,
    0xFFFF: 0xFFFD,
    **dict.fromkeys(range(0xD800, 0xE000), 0xFFFD),
}
"""Characters HTML forbids in text: C0 controls and DEL become their visible Control Pictures
(``␀``), C1 controls, the noncharacters U+FFFE/U+FFFF and lone surrogates (which UTF-8 cannot
write: a file name that was not UTF-8) become U+FFFD."""

_STYLE = """
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.7 FONTS;
  color: #222; background: #fafafa; display: grid; grid-template-columns: minmax(14em, 22em) 1fr; }
nav { position: sticky; top: 0; height: 100vh; overflow: auto; padding: 1em; font-size: 14px;
  background: #f0f0f0; border-right: 1px solid #ddd; }
nav h2 { font-size: 1em; margin: 0 0 .5em; }
nav ul { list-style: none; margin: 0; padding-left: 1em; }
nav > ul { padding-left: 0; }
nav a { color: #1a4d8f; text-decoration: none; display: block; overflow: hidden;
  white-space: nowrap; text-overflow: ellipsis; }
nav a:hover { text-decoration: underline; }
nav .n { float: right; margin-left: .5em; color: #777; font-size: 12px; }
main { padding: 1em 2em 4em; max-width: 60em; }
h1 { font-size: 1.4em; margin: .2em 0; }
.meta { color: #666; font-size: 14px; margin: 0; }
#legend { margin: .8em 0; font-size: 14px; }
#legend label { margin-right: 1em; white-space: nowrap; cursor: pointer; }
#faults { color: #a00; font-size: 14px; }
#text { white-space: pre-wrap; word-break: break-word; background: #fff; padding: 1.5em;
  border: 1px solid #ddd; border-radius: 4px; }
#text .h { font-weight: bold; }
#text .h1 { font-size: 1.15em; }
.anchor { scroll-margin-top: 1em; }
.anchor:target + * { outline: 2px solid #1a4d8f; }
mark { color: inherit; border-radius: 2px; box-shadow: inset 0 -2px 0 rgba(0, 0, 0, .2); }
.indicator.linked { outline: 2px solid #e65100; background: #fff3e0; }
"""

_SCRIPT = """
document.querySelectorAll("#legend input").forEach(function (box) {
  box.addEventListener("change", function () {
    document.body.classList.toggle("hide-" + box.value, !box.checked);
  });
});
document.querySelectorAll("mark[data-indicator]").forEach(function (mark) {
  var parts = document.getElementsByClassName(mark.dataset.indicator);
  function show(on) {
    for (var i = 0; i < parts.length; i++) parts[i].classList.toggle("linked", on);
  }
  mark.addEventListener("mouseenter", function () { show(true); });
  mark.addEventListener("mouseleave", function () { show(false); });
});
"""
"""Legend boxes hide a kind's marks; hovering a number outlines its indicator's text."""


def _class_of(codes: Iterable[int]) -> str:
    """A regular-expression class of the characters ``codes``: their runs, written as escapes
    (a short ASCII source, where one character each made a source of 2,000)."""
    runs: list[list[int]] = []
    for code in sorted(codes):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "[" + "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in runs) + "]"


_NOT_DISPLAYED = re.compile(_class_of(_DISPLAY))
"""Any character of :data:`_DISPLAY`: most texts hold none, and a search is quicker than
``str.translate``, which looks every character up in the table."""

_ESCAPED = re.compile(_NOT_DISPLAYED.pattern[:-1] + re.escape("&<>\"'") + "]")
"""Any character :func:`_escape` changes: most stretches of report text hold none, and one
search is quicker than the replacements that would find nothing."""


def _escape(text: str) -> str:
    """``text`` ready for HTML text or a quoted attribute value."""
    if _ESCAPED.search(text) is None:
        return text
    if _NOT_DISPLAYED.search(text) is not None:
        text = text.translate(_DISPLAY)
    return html.escape(text, quote=True)


@functools.cache  # a class per kind, asked for each mention
def _css_class(kind: str) -> str:
    """The CSS class of a mention kind: ``m-`` and the kind, reduced to safe characters."""
    return "m-" + re.sub(r"[^a-z0-9_-]+", "-", kind.lower())


def _priority(kind: str, extra: Sequence[str]) -> int:
    """Rank of ``kind`` when marks cross: lower wins. Plugin kinds come after the built-ins."""
    return KINDS.index(kind) if kind in KINDS else len(KINDS) + extra.index(kind)


# -- hover text ----------------------------------------------------------------------------------


def _line(field: str, value: object, missing: str = "none") -> str:
    """One line of hover text: the field's label, then the value or the label of ``missing``."""
    return f"{LABELS[field]}: {LABELS[missing] if value is None else value}"


def _tooltip(mention: Mention) -> str:
    """The hover text of a mention: its kind, then what govreport read from it, a line each."""
    if isinstance(mention, Quantity):
        return _quantity_tooltip(mention, format(mention.value, "f"))
    lines = [LABELS.get(mention.kind, mention.kind)]
    if isinstance(mention, Term):
        lines.append(_line("vocabulary", mention.vocabulary))
        lines.append(_line("category", mention.category))
        if mention.subtype is not None:
            lines.append(_line("subtype", mention.subtype))
    elif isinstance(mention, Formulation):
        lines.append(_line("meaning", mention.meaning, "no gloss"))
    elif isinstance(mention, DateMention):
        lines.append(_line("value", mention.value))
    elif isinstance(mention, DocumentTitle):
        lines.append(_line("title", mention.title))
    else:  # a plugin's kind: its own fields, as the json format writes them
        for name, value in mention_to_dict(mention).items():
            if name not in {"kind", "span", "text"}:
                shown = value if isinstance(value, str) else encode(value, indent=None)
                lines.append(f"{name}: {shown}")
    return "\n".join(lines)


def _quantity_tooltip(quantity: Quantity, value: str) -> str:
    """The hover text of a quantity whose value reads ``value`` (one string built, not a line
    at a time: a report holds thousands)."""
    none = LABELS["none"]
    text = f"{LABELS.get(quantity.kind, quantity.kind)}\n{LABELS['value']}: {value}"
    if quantity.value_max is not None:
        text += f"\n{LABELS['value_max']}: {format(quantity.value_max, 'f')}"
    qualifier, change = quantity.qualifier, quantity.change
    text += (
        f"\n{LABELS['unit']}: {none if quantity.unit is None else quantity.unit}"
        f"\n{LABELS['qualifier']}: {LABELS['exact'] if qualifier is None else qualifier.value}"
        f"\n{LABELS['change']}: {none if change is None else change.value}"
    )
    if quantity.indicator is not None:
        text += f"\n{LABELS['indicator']}: {quantity.indicator.text}"
    if quantity.role is not None:
        text += f"\n{LABELS['role']}: {ROLE_LABELS[quantity.role.value]}"
    if quantity.period is not None:
        text += f"\n{LABELS['period']}: {quantity.period}"
    return text


def _read(mention: Mention) -> tuple[object, ...] | None:
    """What :func:`_tooltip` reads of a mention of a built-in kind other than a quantity, with
    its class: mentions that give the same have the same mark (a report repeats a few terms and
    formulations thousands of times). None for a quantity and for a plugin's kind."""
    if type(mention) is Term:
        return (Term, mention.vocabulary, mention.category, mention.subtype)
    if type(mention) is Formulation:
        return (Formulation, mention.meaning)
    if type(mention) is DateMention:
        return (DateMention, mention.value)
    if type(mention) is DocumentTitle:
        return (DocumentTitle, mention.title)
    return None


def _indicator_class(start: int, end: int) -> str:
    """The class of the pieces of the text of an indicator at ``[start, end)`` (``i-120-126``)."""
    return f"i-{start}-{end}"


def _mark(mention: Mention) -> str:
    """The opening tag of a mention's mark."""
    if isinstance(mention, Quantity):
        value = format(mention.value, "f")
        data = f' data-value="{value}"'
        indicator = mention.indicator
        if indicator is not None:
            data += (
                f' data-indicator="{_indicator_class(indicator.span.start, indicator.span.end)}"'
            )
        title = _quantity_tooltip(mention, value)
    else:
        data, title = "", _tooltip(mention)
    return f'<mark class="{_escape(_css_class(mention.kind))}"{data} title="{_escape(title)}">'


# -- nesting -------------------------------------------------------------------------------------


class _Piece(NamedTuple):
    """A stretch of text wrapped in one element; zero-width pieces are anchors."""

    start: int
    end: int
    priority: int
    """Among pieces with the same span, the lower priority is nested deeper."""
    open: str
    close: str


_make_piece = functools.partial(tuple.__new__, _Piece)
"""A piece from its fields in order, made as the tuple it is (one per mention)."""


def _crosses(start: int, end: int, other: tuple[int, int]) -> bool:
    """True when ``[start, end)`` and ``other`` overlap and neither contains the other."""
    low, high = other
    return low < start < high < end or start < low < end < high


_SCANNED = 16
"""How many edges of parts kept before a piece may lie inside it and be looked at one by one;
with more, the parts around its ends are found in :class:`_Nested` (a long piece over many)."""


def _nest(wanted: Sequence[_Piece]) -> list[_Piece]:
    """``wanted`` (first is most important) made properly nested.

    Each piece is kept whole when it nests with or stays apart from all kept so far; else it is
    cut where it crosses their edges. Each part then lies inside or outside every kept piece: an
    edge inside it would belong to a piece that crosses one already kept, which cannot be.

    In linear time rather than checking every kept piece: a kept piece crosses ``[s, e)`` only if
    one of its edges lies strictly inside it and the other outside. The edges of the parts kept
    before each change of priority are one sorted list of ints (an edge and the other edge of
    its part, packed), so one bisection tells that most pieces hold none, and a few are looked
    at one by one; a piece over many asks :class:`_Nested`, where the kept parts, properly
    nested, contain a point as a short chain. Pieces of one priority come in order of start (as
    :func:`_pieces` makes them), so those kept since the change are checked among the few that
    still reach the next start.
    """
    shift = max((piece.end for piece in wanted), default=0).bit_length()
    mask = (1 << shift) - 1
    kept: list[_Piece] = []
    edges: list[int] = []  # of kept[:folded]: (edge << shift) | the other edge, sorted
    folded = 0
    indexed: _Nested | None = None  # kept[:folded], made when a piece holds many edges
    recent: list[_Piece] = []  # parts kept since kept[:folded], ending after the start
    previous: _Piece | None = None
    for piece in wanted:
        start, end = piece.start, piece.end
        if previous is not None and (piece.priority != previous.priority or start < previous.start):
            edges += sorted(
                code
                for part in kept[folded:]
                for code in ((part.start << shift) | part.end, (part.end << shift) | part.start)
            )
            edges.sort()  # (two sorted runs: merged)
            folded, indexed, recent = len(kept), None, []
        previous = piece
        first = bisect_right(edges, (start << shift) | mask)
        last = bisect_left(edges, end << shift)
        cuts: set[int] = set()
        if last - first > _SCANNED:
            if indexed is None:
                indexed = _Nested((part.start, part.end) for part in kept[:folded])
            cuts.update(high for _, high in indexed.around(start) if high < end)
            cuts.update(low for low, _ in indexed.around(end) if low > start)
        elif last > first:
            for code in edges[first:last]:
                other = code & mask
                if other < start or other > end:
                    cuts.add(code >> shift)
        if recent:
            recent = [part for part in recent if part.end > start]
            cuts.update(
                edge
                for part in recent
                if _crosses(start, end, (part.start, part.end))
                for edge in (part.start, part.end)
                if start < edge < end
            )
        if not cuts:  # most pieces: kept whole
            kept.append(piece)
            recent.append(piece)
            continue
        parts = [
            piece._replace(start=low, end=high)
            for low, high in itertools.pairwise([start, *sorted(cuts), end])
        ]
        kept.extend(parts)
        recent.extend(parts)
    return kept


class _Nested:
    """Properly nested spans, indexed to list the ones that strictly contain a point."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        # Outer before inner: by start, then longest first (the end negated: no key function).
        self._spans = [(low, -high) for low, high in sorted({(low, -high) for low, high in spans})]
        self._starts = [low for low, _ in self._spans]
        self._parents: list[int] = []
        """Index of the smallest span around each span, or -1."""
        open_spans: list[int] = []
        for index, (low, _) in enumerate(self._spans):
            while open_spans and self._spans[open_spans[-1]][1] <= low:
                open_spans.pop()
            self._parents.append(open_spans[-1] if open_spans else -1)
            open_spans.append(index)

    def around(self, point: int) -> Iterator[tuple[int, int]]:
        """The spans with ``start < point < end``, innermost first."""
        index = bisect_left(self._starts, point) - 1
        # The last span starting before the point, or the nearest of its ancestors that reaches
        # past the point, is the innermost around it; every ancestor of that one is around it.
        while index >= 0 and self._spans[index][1] <= point:
            index = self._parents[index]
        while index >= 0:
            yield self._spans[index]
            index = self._parents[index]


def _markup(text: str, pieces: Iterable[_Piece]) -> str:
    """``text`` escaped, with the properly nested ``pieces`` opened and closed around it."""
    out: list[str] = []
    add = out.append
    # (a text with nothing to escape, as most are, is cut without looking at each stretch)
    escape: Callable[[str], str] = str if _ESCAPED.search(text) is None else _escape
    ends: list[int] = []  # the open pieces' ends and closing tags, innermost last
    closes: list[str] = []
    position = 0
    # Outer before inner: by start, anchors first, longer first, then deeper priority inside.
    order = sorted(pieces, key=lambda p: (p.start, p.end > p.start, -p.end, -p.priority))
    for start, end, _, opening, closing in order:
        while ends and ends[-1] <= start:  # close the pieces that end before this one
            last = ends.pop()
            if last > position:
                add(escape(text[position:last]))
                position = last
            add(closes.pop())
        if start > position:
            add(escape(text[position:start]))
            position = start
        add(opening)
        ends.append(end)
        closes.append(closing)
    while ends:
        last = ends.pop()
        if last > position:
            add(escape(text[position:last]))
            position = last
        add(closes.pop())
    add(escape(text[position:]))
    return "".join(out)


# -- the page ------------------------------------------------------------------------------------


def _anchor(place: Place) -> str:
    """The anchor id of an outline node: ``o-2-1`` for the first child of the second part."""
    return "o-" + "-".join(map(str, place.path))


def _pieces(report: Report, mentions: Iterable[Mention], extra: Sequence[str]) -> list[_Piece]:
    """Marks for every mention of ``mentions`` (the report's, in document order), then heading
    emphasis, then anchors, properly nested."""
    # The mentions by priority, each kind in document order (dealt to their kinds in that
    # order), and the spans of the quantities' indicators.
    kinds: dict[str, list[Mention]] = {}
    indicators: set[tuple[int, int]] = set()
    for mention in mentions:
        if isinstance(mention, Quantity) and mention.indicator is not None:
            indicators.add((mention.indicator.span.start, mention.indicator.span.end))
        if mention.span.end > mention.span.start:
            kinds.setdefault(mention.kind, []).append(mention)
    wanted: list[_Piece] = []
    made: dict[tuple[object, ...], str] = {}
    for kind in sorted(kinds, key=lambda kind: _priority(kind, extra)):
        priority = _priority(kind, extra)
        for mention in kinds[kind]:
            read = _read(mention)
            if read is None:
                mark = _mark(mention)
            elif (mark := made.get(read, "")) == "":
                mark = made[read] = _mark(mention)
            wanted.append(
                _make_piece((mention.span.start, mention.span.end, priority, mark, "</mark>"))
            )
    for start, end in sorted(indicators):
        css = f"indicator {_indicator_class(start, end)}"
        wanted.append(_Piece(start, end, _INDICATOR_PRIORITY, f'<span class="{css}">', "</span>"))
    anchors: list[_Piece] = []
    for place in report.places():
        node, ident, level = place.node, _anchor(place), place.level
        start, end = node.marker_span.start, max(node.marker_span.end, node.title_span.end)
        css = "h item" if node.is_item else f"h h{level}"
        wanted.append(_Piece(start, end, _HEADING_PRIORITY, f'<span class="{css}">', "</span>"))
        anchor = f'<span class="anchor" id="{ident}"></span>'
        anchors.append(_Piece(start, start, _HEADING_PRIORITY, anchor, ""))
    return _nest(wanted) + anchors


def _navigation(report: Report, starts: Sequence[int]) -> Iterator[str]:
    """The nested list of links to the outline's anchors, with each part's quantity count."""
    yield "<ul>"
    level = 1
    for index, place in enumerate(report.places()):
        if place.level > level:  # the first child: a list inside the open item
            yield "<ul>"
        elif index:  # a sibling or an ancestor's sibling: close the open items
            yield from _close(level - place.level)
        level, node = place.level, place.node
        inside = bisect_left(starts, node.span.end) - bisect_left(starts, node.span.start)
        label = _escape(f"{node.marker} {node.title}".strip())
        yield (
            f'<li><a href="#{_anchor(place)}" title="{label}">'
            f'<span class="n" title="{LABELS["quantities"]}">{inside}</span>{label}</a>'
        )
    if report.outline:
        yield from _close(level - 1)
    yield "</ul>"


def _close(lists: int) -> Iterator[str]:
    """Close the open item, then ``lists`` nested lists and the items that hold them."""
    yield "</li>"
    for _ in range(lists):
        yield from ("</ul>", "</li>")


def _legend(counts: Counter[str], kinds: Sequence[str]) -> str:
    """The legend: a swatch, count and on/off checkbox per kind."""
    labels = [
        f'<label><input type="checkbox" value="{_escape(_css_class(kind))}" checked> '
        f'<mark class="{_escape(_css_class(kind))}">{_escape(LABELS.get(kind, kind))}</mark>'
        f" {counts[kind]}</label>"
        for kind in kinds
    ]
    return '<div id="legend">' + "\n".join(labels) + "</div>"


def _kind_styles(kinds: Sequence[str]) -> str:
    """CSS rules colouring each kind's marks, and clearing them when the legend hides it."""
    rules = []
    for kind in kinds:
        css = _css_class(kind)
        rules.append(f"mark.{css} {{ background: {COLOURS.get(kind, OTHER_COLOUR)}; }}")
        rules.append(f"body.hide-{css} mark.{css} {{ background: none; box-shadow: none; }}")
    return "\n".join(rules)


def render(report: Report) -> str:
    """The page for ``report``, as text ending with a newline."""
    # (made once from the report's compact store: a mention read from it is made again)
    mentions = list(report.mentions.ordered())
    counts = Counter(mention.kind for mention in mentions)
    extra = sorted(kind for kind in counts if kind not in KINDS)
    kinds = [*KINDS, *extra]
    heading = report.title or report.source or "govreport report"
    facts = [
        f"{len(report.text)} {LABELS['characters']}",
        f"{len(report.mentions)} {LABELS['mentions']}",
    ]
    if report.title and report.source:  # without a title, the source is the heading already
        facts.insert(0, report.source)
    meta = " · ".join(facts)
    starts = [m.span.start for m in mentions if isinstance(m, Quantity)]
    nav = (
        "\n".join(_navigation(report, starts))
        if report.outline
        else f"<p>({LABELS['no outline']})</p>"
    )
    faults = ""
    if report.faults:
        items = "".join(
            f"<li>{_escape(f'{fault.plugin} ({fault.hook}): {fault.message}')}</li>"
            for fault in report.faults
        )
        faults = f'<ul id="faults">{items}</ul>\n'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="govreport-html">\n'
        f"<title>{_escape(heading)}</title>\n"
        f"<style>{_STYLE.replace('FONTS', FONTS)}{_kind_styles(kinds)}\n</style>\n</head>\n<body>\n"
        f'<nav id="outline">\n<h2>{LABELS["outline"]}</h2>\n{nav}\n</nav>\n'
        f"<main>\n<header>\n<h1>{_escape(heading)}</h1>\n"
        f'<p class="meta">{_escape(meta)}</p>\n{_legend(counts, kinds)}\n{faults}</header>\n'
        f'<article id="text">{_markup(report.text, _pieces(report, mentions, extra))}</article>\n'
        f"</main>\n<script>{_SCRIPT}</script>\n</body>\n</html>\n"
    )


HTML = Exporter(name="html", suffix=".html", media_type="text/html", render=render)
"""Writes a report as one standalone HTML page (see the module docstring)."""


@govreport.hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``html`` format."""
    register(HTML)
