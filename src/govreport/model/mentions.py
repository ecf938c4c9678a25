"""Typed mentions: quantities, dates, document titles, formulations and vocabulary terms.

Every mention carries its exact source span; ``text`` always equals the source sliced at it.
Plugins define their own kinds by subclassing :class:`Mention` with a new ``kind``.
"""

from __future__ import annotations

import enum
import operator
from decimal import Decimal
from typing import ClassVar

import attrs

from govreport.model.span import Span
from govreport.model.units import Unit


class Qualifier(str, enum.Enum):
    """How the written number bounds the true value."""

    OVER = "over"
    """A bit more than the number: 余, 多, 超过, 突破 (``34万余元``)."""
    AT_LEAST = "at_least"
    """The number or more: 以上, 不少于, 不低于."""
    AT_MOST = "at_most"
    """The number or less: 以下, 以内, 不超过."""
    UNDER = "under"
    """Less than the number: 不到, 不足."""
    NEARLY = "nearly"
    """Slightly below the number: 近, 将近, 接近."""
    APPROX = "approx"
    """About the number: 约, 左右, 上下."""


class Change(str, enum.Enum):
    """Direction of a change the quantity measures (``同比增长5%``)."""

    INCREASE = "increase"
    """增长, 增加, 提高, 上升 …"""
    DECREASE = "decrease"
    """下降, 减少, 降低, 回落 …"""


class Role(str, enum.Enum):
    """Whether a quantity reports what happened, sets a goal or estimates."""

    ACTUAL = "actual"
    """Done or observed in the period under review (完成, 实现; every figure of a bulletin)."""
    TARGET = "target"
    """A goal for a coming period (目标, 力争, 预期, 确保, 计划)."""
    FORECAST = "forecast"
    """An estimate for a period not yet closed (预计, 有望)."""
    OTHER = "other"
    """Thresholds, definitions, rules, history and examples."""


MENTION_ORDER = operator.attrgetter("span.start", "span.end", "kind")
"""Sort key of mentions in document order; at one span, by kind (a C-level key: thousands per
report, sorted by the parse and by the JSON writer)."""


@attrs.frozen(kw_only=True)
class Indicator:
    """The words of the text that name what a quantity measures or counts."""

    text: str
    """The indicator as written (``城市供水水质合格率``, ``重点任务``)."""
    span: Span
    """Where it stands in the source; never overlaps the quantity's own span."""


@attrs.frozen(kw_only=True)
class Mention:
    """Something the text mentions, at an exact place."""

    kind: ClassVar[str] = "mention"
    """The mention kind, used as the tag in every output format."""

    span: Span
    """Where the mention stands in the source."""
    text: str
    """The source text at ``span``."""


@attrs.frozen(kw_only=True)
class Quantity(Mention):
    """A number with a unit or measure word, or a percentage (``53亿立方米``, ``99%以上``)."""

    kind: ClassVar[str] = "quantity"

    value: Decimal
    """The number with its multiplier applied (``53亿`` → 5300000000); the low end of a range."""
    unit: str | None
    """The unit or measure word as written, without the multiplier (``立方米``, ``项``, ``%``)."""
    qualifier: Qualifier | None = None
    """How the number bounds the value (余 → over, 以上 → at_least …), or None if exact."""
    value_max: Decimal | None = None
    """The high end of a range (``3至5年``), else None."""
    change: Change | None = None
    """Whether the quantity is an increase or decrease (``同比增长5%``), if the text says."""
    multiplier: Decimal = Decimal(1)
    """The multiplier written with the number (万 → 10000, 亿 → 100000000), else 1."""
    indicator: Indicator | None = None
    """What the quantity measures, once an indicator linker has run; None if nothing names it."""
    role: Role | None = None
    """Actual, target, forecast or other, once an indicator linker has run."""
    period: str | None = None
    """The period the figure refers to (``2023``, ``2023/H1``, ``2021/2025``), if stated."""
    unit_info: Unit | None = attrs.field(default=None, eq=False, repr=False)
    """The unit-table entry for ``unit``, with its dimension and base factor."""

    def in_base_unit(self) -> Decimal | None:
        """``value`` converted to the base unit of its dimension, if the unit is known."""
        return None if self.unit_info is None else self.unit_info.to_base(self.value)


@attrs.frozen(kw_only=True)
class DateMention(Mention):
    """A date or period (``2023年``, ``12月15日``, ``11月底``, ``上半年``)."""

    kind: ClassVar[str] = "date"

    value: str
    """ISO-8601-like, as precise as the text: ``2023``, ``2023-11``, ``--12-15``, ``--11/end``."""


@attrs.frozen(kw_only=True)
class DocumentTitle(Mention):
    """A title in book-title marks, marks included (``《…条例》``)."""

    kind: ClassVar[str] = "document"

    title: str
    """The title without the marks."""


@attrs.frozen(kw_only=True)
class Formulation(Mention):
    """A numbered political or policy formulation (``两个确立``, ``四风``, ``1+2``)."""

    kind: ClassVar[str] = "formulation"

    meaning: str | None = None
    """A one-line gloss, when a vocabulary knows it."""
    quoted: bool = False
    """True when the text puts it in quotation marks."""


@attrs.frozen(kw_only=True)
class Term(Mention):
    """A domain vocabulary term (``蓄滞洪区``, ``永定河``), added by vocabulary plugins."""

    kind: ClassVar[str] = "term"

    vocabulary: str
    """The vocabulary that knows the term (``water``)."""
    category: str
    """The term's category inside its vocabulary (``flood-control``)."""
    subtype: str | None = None
    """For named things, what they are (``reservoir``, ``river``), else None."""
    meaning: str | None = None
    """The vocabulary's gloss of the term (``usual unit: 亿立方米``), if it gives one."""
