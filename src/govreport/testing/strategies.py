"""Hypothesis strategies for Chinese report text: numerals, units, quantities, markers, outlines.

Two kinds of strategy, after hypothesmith:

- *model* strategies generate what a text means together with the text, so that a parse can be
  checked as a round trip: :func:`quantity_texts` gives ``(text, value, unit)``,
  :func:`report_texts` renders an :func:`outline_trees` model into a report and gives the
  outline the parser must find;
- the *fuzz* strategy :func:`raw_texts` gives text only, for "never crashes, spans valid"
  properties.

Model strategies generate only forms the built-in parser is specified to read (the module
docstrings of :mod:`govreport.extractors.quantities` and :mod:`govreport.structure.markers`, and
the annotation guide), so a failing round trip is a parser bug, not a strategy artefact. Bad
arguments raise :class:`hypothesis.errors.InvalidArgument` when the strategy is drawn from.

For instance::

    @given(quantity_texts())
    def test_reads_quantity(example):
        text, value, unit = example
        [quantity] = govreport.parse(f"共{text}。").quantities()
        assert (quantity.value, quantity.unit) == (value, unit)
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from decimal import Decimal
from typing import Any, NamedTuple

import cn2an
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from govreport.model import DEFAULT_UNITS
from govreport.model.units import ARABIC_ONLY_UNITS
from govreport.numerals import CHINESE_NUMERAL_CHARS
from govreport.structure.markers import STYLES, MarkerStyle

__all__ = [
    "QUANTITY_FORMS",
    "TITLE_ALPHABET",
    "Marker",
    "OutlineModel",
    "chinese_numerals",
    "markers",
    "measure_words",
    "outline_trees",
    "quantity_texts",
    "raw_texts",
    "report_texts",
    "units",
]

TITLE_ALPHABET = "改革发展建设服务保障推进加强完善提升治理创新"
"""Han characters for generated titles and body sentences: no numerals, no marker words (是,
要, 第, 其, 首先 …), no closing cues (下一步, 今后 …), no unit or organisation words, so nothing
drawn from them can be misread as structure."""

QUANTITY_FORMS = ("arabic", "chinese", "percent")
"""The number forms :func:`quantity_texts` can generate: Arabic digits with an optional 万/亿
multiplier, counted Chinese numerals, and ``百分之…``/``千分之…``."""

_MAX_CN2AN = 10**16
# Units whose value a multiplier (万, 亿) makes no sense for: ratios, multiples, temperatures.
_UNMULTIPLIED = frozenset({"ratio", "percentage-point", "multiple", "temperature"})
_FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
_HAN_RANGE = ("\u4e00", "\u9fff")

# -- numerals ------------------------------------------------------------------------------


def _cn(number: int) -> str:
    """``number`` in Chinese numerals, as cn2an writes it (``十二``, ``一百零五``)."""
    return str(cn2an.an2cn(str(number)))


def _check_range(name: str, min_value: int, max_value: int, *, lowest: int) -> None:
    if not lowest <= min_value <= max_value < _MAX_CN2AN:
        raise InvalidArgument(
            f"{name} needs {lowest} <= min_value <= max_value < 10**16, "
            f"got min_value={min_value}, max_value={max_value}"
        )


def chinese_numerals(
    min_value: int = 1, max_value: int = 10**8
) -> st.SearchStrategy[tuple[str, Decimal]]:
    """A counted Chinese numeral and its value: ``("三千零五十二", Decimal(3052))``.

    The numeral is rendered by ``cn2an.an2cn``; a leading 二 before 千, 万 or 亿 is sometimes
    written 两 (``两千``, ``两万``), and 2 itself sometimes ``两``, as counting idiom has it.
    """

    @st.composite
    def draw_numeral(draw: st.DrawFn) -> tuple[str, Decimal]:
        _check_range("chinese_numerals", min_value, max_value, lowest=0)
        number = draw(st.integers(min_value, max_value))
        text = _cn(number)
        liang = text == "二" or (text[0] == "二" and text[1:2] in ("千", "万", "亿"))
        if liang and draw(st.booleans()):
            text = "两" + text[1:]
        return text, Decimal(number)

    return draw_numeral()


# -- units ---------------------------------------------------------------------------------


def _spellings(*, counts_only: bool, chinese_numeral: bool) -> list[str]:
    """Unit spellings in table order, filtered as :func:`units` describes."""
    chosen = []
    for spelling, unit in DEFAULT_UNITS.units.items():
        if counts_only and not unit.is_count:
            continue
        if spelling[0].isascii() and spelling[0].isalpha():
            continue  # glued to a number it reads as a code (5G, 3D): not a quantity
        if chinese_numeral and not _takes_chinese_numeral(spelling):
            continue
        chosen.append(spelling)
    return chosen


def _takes_chinese_numeral(spelling: str) -> bool:
    """Whether a Chinese numeral written before ``spelling`` reads as a count of it."""
    if not all(_HAN_RANGE[0] <= ch <= _HAN_RANGE[1] for ch in spelling):
        return False  # 三十% is not how reports write it: 百分之三十
    if spelling[0] in CHINESE_NUMERAL_CHARS:
        return False  # 三千瓦: the unit's 千 joins the numeral
    return spelling not in ARABIC_ONLY_UNITS  # 十分, 三期, 一口 are words


def measure_words(*, chinese_numeral: bool = False) -> st.SearchStrategy[str]:
    """A measure word or person word of the default unit table (``项``, ``人次``, ``名``).

    :param chinese_numeral: only those a Chinese numeral may count (not ``分``, ``期``, ``口``
        …, which form words with 十, 三, 一).
    """
    return st.sampled_from(_spellings(counts_only=True, chinese_numeral=chinese_numeral))


def units(*, chinese_numeral: bool = False) -> st.SearchStrategy[str]:
    """A spelling of any default unit: measure words and physical units (``立方米``, ``％``, ``㎡``).

    Spellings that start with a Latin letter (``kW``, ``mg``) are left out: a Latin symbol
    glued to a number is read only when it is a listed unit, never as part of a code (``5G``),
    so round trips stay with the Han spellings.

    :param chinese_numeral: only Han spellings a Chinese numeral may take: no symbols, none
        that form words with it (``十分``), and none whose first character is itself a numeral
        (``千瓦``: ``三千瓦`` is ambiguous).
    """
    return st.sampled_from(_spellings(counts_only=False, chinese_numeral=chinese_numeral))


# -- quantities ----------------------------------------------------------------------------


def _unit_as_reported(spelling: str) -> str:
    """The ``unit`` a quantity written with ``spelling`` reports (``％`` is written ``%``)."""
    return "%" if spelling == "％" else spelling


def _is_year(text: str, spelling: str) -> bool:
    """``2023年`` is a date, not 2023 years."""
    digits = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return spelling == "年" and digits.isdigit() and 1000 <= int(digits) <= 2999


@st.composite
def _arabic_quantity(draw: st.DrawFn) -> tuple[str, Decimal, str]:
    """``1,234.5万元``, ``３５项``, ``0.94个百分点``."""
    spelling = draw(units())
    unit = DEFAULT_UNITS.units[spelling]
    integer = draw(st.integers(0, 10**7))
    fraction = draw(st.one_of(st.just(""), st.text("0123456789", min_size=1, max_size=2)))
    value = Decimal(f"{integer}.{fraction}" if fraction else integer)
    if integer >= 1000 and draw(st.booleans()):
        written = f"{integer:,}"
    elif draw(st.booleans()):
        written = str(integer).translate(_FULL_WIDTH)
    else:
        written = str(integer)
    if fraction:
        written += draw(st.sampled_from((".", "．"))) + fraction
    multiplier = ""
    if unit.dimension not in _UNMULTIPLIED:
        multiplier = draw(st.sampled_from(("", "万", "亿", "万亿")))
    if not multiplier and _is_year(written, spelling):
        written = f"{integer:,}"  # 1,500年 is a duration; 1500年 a year
    factor = {"": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}[multiplier]
    return f"{written}{multiplier}{spelling}", value * factor, _unit_as_reported(spelling)


@st.composite
def _chinese_quantity(draw: st.DrawFn) -> tuple[str, Decimal, str]:
    """``三千零五十二项``, ``两万人``, ``十五个百分点``; never a bare ``一`` (indefinite) or ``二``,
    nor one digit of money (``三元`` is a name: amounts are written in digits, GB/T 15835)."""
    spelling = draw(units(chinese_numeral=True))
    currency = DEFAULT_UNITS.units[spelling].dimension == "currency"
    text, value = draw(chinese_numerals(min_value=11 if currency else 2))
    if text == "二":
        text = "两"  # counting uses 两: 两项, never 二项
    return f"{text}{spelling}", value, spelling


@st.composite
def _percent_words(draw: st.DrawFn) -> tuple[str, Decimal, str]:
    """``百分之五``, ``千分之三十``: the unit first, then a Chinese numeral."""
    word, unit, top = draw(st.sampled_from((("百分之", "%", 100), ("千分之", "‰", 1000))))
    text, value = draw(chinese_numerals(min_value=1, max_value=top))
    return f"{word}{text}", value, unit


_QUANTITY_STRATEGIES: dict[str, st.SearchStrategy[tuple[str, Decimal, str]]] = {
    "arabic": _arabic_quantity(),
    "chinese": _chinese_quantity(),
    "percent": _percent_words(),
}


def quantity_texts(
    forms: Collection[str] = QUANTITY_FORMS,
) -> st.SearchStrategy[tuple[str, Decimal, str]]:
    """A quantity as written, its value and its unit: ``("3.5万吨", Decimal("35000"), "吨")``.

    ``value`` has the multiplier applied; ``unit`` is what :class:`~govreport.model.Quantity`
    reports (``％`` becomes ``%``). The text is the bare quantity: put it in a sentence whose
    neighbouring characters cannot join it (``f"共{text}。"``).

    :param forms: any of :data:`QUANTITY_FORMS`.
    """

    @st.composite
    def draw_quantity(draw: st.DrawFn) -> tuple[str, Decimal, str]:
        unknown = sorted(set(forms) - set(QUANTITY_FORMS))
        if unknown or not forms:
            raise InvalidArgument(f"forms must be a non-empty subset of {QUANTITY_FORMS}")
        chosen = [_QUANTITY_STRATEGIES[form] for form in QUANTITY_FORMS if form in forms]
        return draw(st.one_of(chosen))

    return draw_quantity()


# -- markers -------------------------------------------------------------------------------


class Marker(NamedTuple):
    """A heading or item marker as a report writes it."""

    style: str
    """The style name of :data:`govreport.structure.markers.STYLES` (``cn-comma`` …)."""
    ordinal: int
    """The number it stands for."""
    text: str
    """The marker as written (``（三）``, ``⑵``, ``第二，``); the ``cn-space`` and
    ``arabic-space`` markers end with their spaces. ``cn-space``, ``zero-padded`` and
    ``arabic-space`` markers are headings only on a line of their own."""


_Render = Callable[[int], str]


class _Forms(NamedTuple):
    """How one style writes its markers."""

    max_ordinal: int
    renders: tuple[_Render, ...]
    spaced: bool
    """Whether a title may follow the marker after a space (``第一部分 总体要求``)."""


def _full_width(number: int) -> str:
    return str(number).translate(_FULL_WIDTH)


def _enclosed(first: str) -> _Render:
    return lambda number: chr(ord(first) + number - 1)


def _circled(number: int) -> str:
    if number <= 20:
        return chr(0x2460 + number - 1)
    if number <= 35:
        return chr(0x3251 + number - 21)
    return chr(0x32B1 + number - 36)


def _latin(case: str, mark: str) -> _Render:
    return lambda number: chr(ord(case) + number - 1) + mark


def _cn_form(template: str) -> _Render:
    return lambda number: template.format(_cn(number))


def _arabic_form(template: str, *, full_width: bool = False) -> _Render:
    digits = _full_width if full_width else str
    return lambda number: template.format(digits(number))


_SEQUENCE = ("首先", "其次", "再次")
_FORMS: dict[str, _Forms] = {
    "part": _Forms(10, tuple(map(_cn_form, ("第{}部分", "第{}篇", "第{}编"))), spaced=True),
    "chapter": _Forms(30, (_cn_form("第{}章"),), spaced=True),
    "section": _Forms(30, (_cn_form("第{}节"),), spaced=True),
    "article": _Forms(99, (_cn_form("第{}条"),), spaced=True),
    "cn-paren": _Forms(99, tuple(map(_cn_form, ("（{}）", "({})", "（{}）、"))), spaced=True),
    "cn-enclosed": _Forms(10, (_enclosed("㈠"),), spaced=True),
    "cn-comma": _Forms(
        99, tuple(map(_cn_form, ("{}、", "{}．", "{}.", "{}，", "{},"))), spaced=True
    ),
    "cn-space": _Forms(
        99, tuple(map(_cn_form, ("{} ", "{}\u3000", "{}\u3000\u3000"))), spaced=False
    ),
    "zero-padded": _Forms(99, (lambda number: f"{number:02d}",), spaced=False),
    "arabic-dot": _Forms(
        99,
        (
            *(_arabic_form(t) for t in ("{}.", "{}．", "{}、")),
            *(_arabic_form(t, full_width=True) for t in ("{}.", "{}．", "{}、")),
        ),
        spaced=True,
    ),
    "arabic-full-stop": _Forms(20, (_enclosed("⒈"),), spaced=True),
    "arabic-space": _Forms(99, tuple(map(_arabic_form, ("{} ", "{}\u3000"))), spaced=False),
    "arabic-paren": _Forms(
        99,
        (_arabic_form("（{}）"), _arabic_form("({})"), _arabic_form("（{}）", full_width=True)),
        spaced=True,
    ),
    "arabic-enclosed": _Forms(20, (_enclosed("⑴"),), spaced=True),
    "arabic-half-paren": _Forms(99, tuple(map(_arabic_form, ("{}）", "{})"))), spaced=True),
    "circled": _Forms(50, (_circled,), spaced=True),
    "latin": _Forms(
        26, (_latin("A", "."), _latin("A", "．"), _latin("A", "、"), _latin("a", ".")), spaced=False
    ),
    "item-shi": _Forms(20, (_cn_form("{}是"),), spaced=False),
    "item-yao": _Forms(20, (_cn_form("{}要"),), spaced=False),
    "item-di": _Forms(20, tuple(map(_cn_form, ("第{}，", "第{},", "第{}、"))), spaced=False),
    "item-qi": _Forms(10, tuple(map(_cn_form, ("其{}，", "其{},", "其{}、"))), spaced=False),
    "item-sequence": _Forms(
        3,
        (lambda number: _SEQUENCE[number - 1] + "，", lambda number: _SEQUENCE[number - 1] + ","),
        spaced=False,
    ),
}
_STYLE_NAMES = tuple(style.name for style in STYLES if style.name in _FORMS)
# Items that start no series on their own: the parser drops a lone 第一，/其一，/首先，.
_SERIES_ONLY = frozenset({"item-di", "item-qi", "item-sequence"})


def _forms(style: str) -> _Forms:
    forms = _FORMS.get(style)
    if forms is None:
        raise InvalidArgument(f"unknown marker style {style!r}; known: {', '.join(_STYLE_NAMES)}")
    return forms


def markers(style: str | None = None) -> st.SearchStrategy[Marker]:
    """A marker of ``style`` (any style when None) with its ordinal, as reports write it.

    ``一、 一． （一） (一) ㈠ 1. 1． 1、 １. ⒈ （1） (1) ⑴ 1） ① A. 一是 一要 第一， 其一， 首先，``
    and the standalone-heading forms ``一 ``, ``01``, ``1 ``. ``最后，`` is left out: its ordinal
    depends on the items before it (:func:`outline_trees` writes it).

    :param style: a style name of :data:`govreport.structure.markers.STYLES`.
    """

    @st.composite
    def draw_marker(draw: st.DrawFn) -> Marker:
        name = draw(st.sampled_from(_STYLE_NAMES)) if style is None else style
        forms = _forms(name)
        ordinal = draw(st.integers(1, forms.max_ordinal))
        render = draw(st.sampled_from(forms.renders))
        return Marker(name, ordinal, render(ordinal))

    return draw_marker()


# -- outlines and reports ------------------------------------------------------------------


class OutlineModel(NamedTuple):
    """One generated heading or item with the ones under it."""

    style: str
    """The style name of its marker."""
    ordinal: int
    """The number its marker stands for (consecutive from 1 among its siblings)."""
    marker: str
    """The marker as written."""
    title: str
    """The heading's title, or the item's lead clause."""
    children: tuple[OutlineModel, ...] = ()
    """Sub-headings and items, all of one style whose rank is greater than this one's."""

    @property
    def is_item(self) -> bool:
        """True for paragraph-leading items (一是, 第一，, 首先，)."""
        return self.style.startswith("item-")


def _titles() -> st.SearchStrategy[str]:
    """``改革发展``, ``推进改革，完善治理``, ``建设　服务``: Han runs, inner commas and spaces."""
    parts = st.lists(st.text(TITLE_ALPHABET, min_size=1, max_size=8), min_size=1, max_size=3)
    return st.tuples(st.sampled_from(("，", " ", "\u3000")), parts).map(
        lambda drawn: drawn[0].join(drawn[1])
    )


_STYLES_BY_NAME: dict[str, MarkerStyle] = {style.name: style for style in STYLES}


@st.composite
def _siblings(draw: st.DrawFn, above: int, levels: int) -> tuple[OutlineModel, ...]:
    """A list of siblings of one style ranked below ``above``, with up to ``levels`` levels."""
    style = draw(st.sampled_from([s for s in STYLES if s.rank > above and s.name in _FORMS]))
    forms = _FORMS[style.name]
    series = style.name in _SERIES_ONLY
    last = forms.max_ordinal + 1 if style.name == "item-sequence" else forms.max_ordinal
    count = draw(st.integers(2 if series else 1, min(last, 4)))
    render = draw(st.sampled_from(forms.renders))
    finally_ = style.name == "item-sequence" and (count > forms.max_ordinal or draw(st.booleans()))
    nodes = []
    for ordinal in range(1, count + 1):
        # The parser numbers 最后 after its siblings.
        closing = finally_ and ordinal == count
        marker = "最后" + render(1)[-1] if closing else render(ordinal)
        children: tuple[OutlineModel, ...] = ()
        if levels > 1 and not style.is_item and draw(st.booleans()):
            children = draw(_siblings(style.rank, levels - 1))
        nodes.append(OutlineModel(style.name, ordinal, marker, draw(_titles()), children))
    return tuple(nodes)


def outline_trees(max_depth: int = 3) -> st.SearchStrategy[tuple[OutlineModel, ...]]:
    """A model outline: top-level nodes, each with its sub-headings and items.

    Every sibling list uses one style, with a rank greater than its parent's (so items, rank
    100, are leaves); ordinals run from 1; titles are drawn from :data:`TITLE_ALPHABET`.
    Series-only items (第一，, 其一，, 首先，) come at least two at a time, as the parser needs.

    :param max_depth: the most levels of nesting, at least 1.
    """

    @st.composite
    def draw_tree(draw: st.DrawFn) -> tuple[OutlineModel, ...]:
        if max_depth < 1:
            raise InvalidArgument(f"max_depth must be at least 1, got {max_depth}")
        return draw(_siblings(0, max_depth))

    return draw_tree()


def _sentences() -> st.SearchStrategy[str]:
    """A body sentence or two: ``推进改革，完善治理。``."""
    clauses = st.lists(st.text(TITLE_ALPHABET, min_size=1, max_size=10), min_size=1, max_size=3)
    sentence = clauses.map(lambda parts: "，".join(parts) + "。")
    return st.lists(sentence, min_size=1, max_size=2).map("".join)


_DATES = ("2023年，", "2023年3月，", "12月15日，", "11月底，", "上半年，", "1—11月，")


def _body() -> st.SearchStrategy[str]:
    """A body paragraph, which may open with a date or a quantity (``15个项目…``, ``12月15日，…``):
    a line that starts with a number is not a heading for that."""
    opener = st.one_of(
        st.just(""),
        st.sampled_from(_DATES),
        quantity_texts(forms=("arabic",)).map(lambda drawn: drawn[0]),
    )
    return st.tuples(opener, _sentences()).map("".join)


def _expected(nodes: tuple[OutlineModel, ...]) -> list[dict[str, Any]]:
    return [
        {
            "marker": node.marker,
            "ordinal": node.ordinal,
            "title": node.title,
            "children": _expected(node.children),
        }
        for node in nodes
    ]


@st.composite
def _lines(draw: st.DrawFn, nodes: tuple[OutlineModel, ...]) -> list[str]:
    """The paragraphs that write ``nodes``: items and some headings run in, the rest on lines
    of their own, with body paragraphs after headings and after their parts."""
    lines: list[str] = []
    for node in nodes:
        style = _STYLES_BY_NAME[node.style]
        gap = draw(st.sampled_from(("", " ", "\u3000"))) if _FORMS[node.style].spaced else ""
        run_in = style.is_item or (not style.standalone_only and draw(st.booleans()))
        if run_in:  # the title is the lead clause, up to the first 。；：
            stop = draw(st.sampled_from(("。", "；", "：")))
            body = draw(st.one_of(st.just(""), _sentences()))
            lines.append(f"{node.marker}{gap}{node.title}{stop}{body}")
        else:  # the title is the whole line, but for a final 。
            stop = draw(st.sampled_from(("", "。")))
            lines.append(f"{node.marker}{gap}{node.title}{stop}")
        if not style.is_item and draw(st.booleans()):
            lines.append(draw(_body()))
        lines.extend(draw(_lines(node.children)))
        if bool(node.children) and draw(st.booleans()):
            lines.append(draw(_body()))
    return lines


def report_texts(max_depth: int = 3) -> st.SearchStrategy[tuple[str, list[dict[str, Any]]]]:
    """A report rendered from an :func:`outline_trees` model, and the outline it must parse to.

    The text has a preamble line, then each heading either on a line of its own (sometimes with
    a space after the marker or a final ``。``) or run in (``（一）<title>。<body>``), items as
    ``一是<title>。<body>`` paragraphs (or ``；``, ``：``), and body paragraphs after headings
    and parts, some opening with a date or a quantity. Titles may hold commas and spaces.
    Paragraphs may be indented with U+3000 and end in LF or CRLF.
    The outline is a list of ``{"marker", "ordinal", "title", "children"}`` dicts.

    :param max_depth: the most levels of nesting, at least 1.
    """

    @st.composite
    def draw_report(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]]]:
        tree = draw(outline_trees(max_depth))
        indent = draw(st.sampled_from(("", "\u3000\u3000", " ")))
        newline = draw(st.sampled_from(("\n", "\r\n")))
        paragraphs = [draw(_sentences()), *draw(_lines(tree))]
        text = newline.join(indent + paragraph for paragraph in paragraphs) + newline
        return text, _expected(tree)

    return draw_report()


# -- fuzz ----------------------------------------------------------------------------------

_FUZZ_HAN = (
    TITLE_ALPHABET + "共计完成任务是要第其首先次最后年月日季度上下半以余多近约超过至到和与及"
    "项个元人次万亿千百十零两〇○双大届级号制期分方条规定确立会注附件名词解释下一步"
)
_FUZZ_SYMBOLS = (
    '。，、；：！？,.;:%％‰—–-－~～·/／+＋…（）()《》〈〉“”‘’「」〔〕【】[]"'
    "①⑳㉑㊿⑴⒇⒈⒛㈠㈩ⅢⅣABGPMkm²³"
)
_FUZZ_SPACES = (" ", "\u3000", "\u00a0", "\t", "\u2002", "\u200b", "\ufeff")
_FUZZ_BREAKS = ("\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85")


def raw_texts(max_pieces: int = 60) -> st.SearchStrategy[str]:
    """Fuzz text: up to ``max_pieces`` pieces of what reports are made of, in any order.

    Han runs (including marker, unit and closing words), Arabic and full-width digits, Chinese
    numerals, unit spellings, heading markers, brackets ``（）《》“”``, punctuation, spaces
    (U+3000, NBSP, zero-width), line breaks (LF, CR, CRLF, U+2028 …) and arbitrary characters.

    :param max_pieces: the most pieces joined into one text, at least 0.
    """
    pieces = st.one_of(
        st.text(_FUZZ_HAN, min_size=1, max_size=6),
        st.text("0123456789０１２３４５６７８９.．,", min_size=1, max_size=6),
        chinese_numerals(max_value=10**9).map(lambda drawn: drawn[0]),
        units(),
        markers().map(lambda marker: marker.text),
        st.sampled_from(_FUZZ_SYMBOLS),
        st.sampled_from(_FUZZ_SPACES),
        st.sampled_from(_FUZZ_BREAKS),
        st.text(max_size=3),
    )

    @st.composite
    def draw_text(draw: st.DrawFn) -> str:
        if max_pieces < 0:
            raise InvalidArgument(f"max_pieces must be at least 0, got {max_pieces}")
        return "".join(draw(st.lists(pieces, max_size=max_pieces)))

    return draw_text()
