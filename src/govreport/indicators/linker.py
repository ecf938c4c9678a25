"""The built-in indicator linker: rules from the annotation guide, one pass per sentence.

The text is split into sentences once; each sentence with quantities is read once for its
dates, its role cues and the indicator phrases of all its quantities together
(:meth:`~govreport.indicators.phrases.PhraseRules.find_phrases`). Headings are read once per report.
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

import attrs

from govreport.indicators import periods, roles
from govreport.indicators.base import IndicatorLexicon, Link, LinkContext
from govreport.indicators.phrases import PhraseRules
from govreport.model import DateMention, Indicator, OutlineNode, Quantity, Role, Span
from govreport.model._unchecked import replaced, unchecked
from govreport.model.store import instances

_BOUNDARIES = "。；！？!?;\r\n"
"""What ends a sentence: ``。；！？`` and line ends (the annotation guide)."""
_BOUNDARY = re.compile(f"[{_BOUNDARIES}]")
_CLAUSE_OR_END = f"，,：:{_BOUNDARIES}"
"""What ends a clause inside a sentence (``，：``), or the sentence."""
CUE_STARTS = "预有估力目确争计拟控奋到至十过近这连两三四五六七八九"
"""Every character a cue can start with: the scan for cues skips to one of them."""
_CUES = (
    "(?:"
    + "|".join(
        f"(?P<{name}>{pattern.pattern})"
        for name, pattern in (
            ("forecast", roles.FORECAST),
            ("target", roles.TARGET),
            ("future", roles.FUTURE_YEAR),
            ("plan", periods.PLAN),
            ("back", periods.LOOK_BACK),
            ("run", periods.RUN),
        )
    )
    + ")"
)
"""Every role and period cue (the linker finds them in each sentence with one search)."""
_YEAR = re.compile(r"(\d{4})年")
_COMPARED_DATE = "比较与同自从"
"""A date right after one of these is a comparison base, not the figure's period."""
_TITLE_LENGTH = 40
"""The longest first line read as a title when the structure found none."""
_BULLETIN = re.compile(r"公报")
_WORK_REPORT = re.compile(r"政府工作报告")

_make_span = unchecked(Span)
_make_indicator = unchecked(Indicator)
_make_link = unchecked(Link)
_relinked = replaced(Quantity, ("indicator", "role", "period"))
"""A quantity with its indicator, role and period, the other fields its own."""


def relinked(
    quantity: Quantity, indicator: Indicator | None, role: Role, period: str | None
) -> Quantity:
    """``quantity`` with ``indicator``, ``role`` and ``period``; a plugin's subclass of Quantity
    keeps its class."""
    if type(quantity) is not Quantity:
        return attrs.evolve(quantity, indicator=indicator, role=role, period=period)
    return _relinked(quantity, indicator, role, period)


@attrs.frozen(kw_only=True)
class _Frame:
    """What the whole report says about its figures' periods and roles."""

    bulletin: bool
    """A statistical bulletin: every figure is a result."""
    review_year: int | None
    """The year the report reviews (a work report delivered in 2024 reviews 2023)."""
    plan_year: int | None
    """The year the report plans for."""


def _frame(context: LinkContext, dates: Sequence[DateMention]) -> _Frame:
    title = next((r.text for r in context.front_matter if r.kind == "title"), "")
    first_line = context.text[: context.text.find("\n", 1) + 1]
    # Without a title region, a short first line without a full stop is the title.
    head = title or (
        first_line if len(first_line) <= _TITLE_LENGTH and "。" not in first_line else ""
    )
    title_year = _YEAR.search(head)
    front_end = max((r.span.end for r in context.front_matter), default=0)
    # A year that opens a paragraph (2023年，市水务局党组坚持…) is the year a report reviews.
    first_year = next(
        (
            int(d.value[:4])
            for d in dates
            if d.value[:4].isdigit() and context.text[d.span.start - 1 : d.span.start] in ("", "\n")
        ),
        None,
    )
    dated = next(
        (int(d.value[:4]) for d in dates if d.span.end <= front_end and d.value[:4].isdigit()),
        None,
    )
    if _WORK_REPORT.search(title):
        delivered = dated or (int(title_year[1]) if title_year else first_year)
        review = None if delivered is None else delivered - 1
        return _Frame(bulletin=False, review_year=review, plan_year=delivered)
    review = int(title_year[1]) if title_year else first_year
    return _Frame(
        bulletin=bool(_BULLETIN.search(title)),
        review_year=review,
        plan_year=None if review is None else review + 1,
    )


class _Section(NamedTuple):
    """What a heading says of the figures of its part (a tuple: read per sentence)."""

    role: Role | None
    year: int | None


_NO_SECTION = _Section(role=None, year=None)
_FAR = 1 << 62
"""An offset past the end of any text."""
_HEADING_WORDS = re.compile(
    f"{_YEAR.pattern}|{roles.REVIEW_HEADING.pattern}|{roles.PLAN_HEADING.pattern}"
)
"""What a heading that says something of its figures holds: a year or a role word (searched
for first, once: most headings hold neither)."""
_SHARED_ROLES = frozenset((Role.TARGET, Role.FORECAST))
"""Roles a quantity that names nothing takes from the quantity before it."""


class RuleLinker:
    """Links each quantity to its indicator, role and period by the annotation guide's rules."""

    name = "rules"

    def __init__(self) -> None:
        # Compiled here, once per linker and so once per host, rather than at import.
        self._phrases = PhraseRules()
        # A sentence's clauses, its end and its cues in one scan that skips by one character
        # class: a clause or end mark, or a cue's first character with the cue from it (inside
        # a one-character lookbehind: a pattern opening with a lookahead is tried everywhere).
        self._scan = re.compile(
            f"[{_CLAUSE_OR_END}{CUE_STARTS}](?:(?<=[{_CLAUSE_OR_END}])|(?<=(?={_CUES})(?s:.)))"
        )

    def link(self, context: LinkContext) -> Sequence[Link]:
        """One link per quantity of ``context.mentions``, in their order."""
        return [_make_link(q.indicator, q.role, q.period) for q in self.linked(context)]

    def linked(self, context: LinkContext) -> list[Quantity]:
        """The quantities of ``context.mentions``, in their order, each with the indicator, role
        and period :meth:`link` gives it: what the parse puts in their places (with no
        :class:`Link` between, and unchecked: their indicators are made beside them)."""
        text = context.text
        # (picked without a Python-level loop, and without making a compact report's terms)
        quantities = instances(context.mentions, Quantity)
        if not quantities:
            return []
        dates = instances(context.mentions, DateMention)
        frame = _frame(context, dates)
        sections = _Sections(context.outline, frame)
        # (a plugin's subclass of Quantity keeps its class; checked once, not per quantity)
        make = _relinked if set(map(type, quantities)) == {Quantity} else relinked
        linked: list[Quantity] = []
        date_at = 0
        i, n = 0, len(quantities)
        paragraph = _NO_PARAGRAPH
        section, section_until = _NO_SECTION, -1
        # A clause also starts after a heading or item marker (一是完成任务19项: the phrase is
        # 任务, not 一是完成任务), which never belongs to an indicator.
        markers = sections.marker_ends
        # Only the sentences with quantities are read: each one starts after the boundary
        # before its first quantity (found in the reversed text) and is scanned once up to its
        # end for its clauses and cues.
        size = len(text)
        backwards = text[::-1]
        starts = [q.span.start for q in quantities]
        date_starts = [d.span.start for d in dates]
        date_ends = [d.span.end for d in dates]
        scan = self._scan
        while i < n:
            first = quantities[i].span.start
            before = _BOUNDARY.search(backwards, size - first)
            s_start = 0 if before is None else size - before.start()
            # (the first boundary found is its end; no cue holds one)
            clauses = [s_start]
            s_end = size
            cues: list[tuple[int, str]] = []
            cue_end = s_start
            for match in scan.finditer(text, s_start):
                at = match.start()
                kind = match.lastgroup
                if kind is None:  # a clause's or the sentence's end
                    if text[at] in _BOUNDARIES:
                        s_end = at
                        break
                    clauses.append(at + 1)
                elif at >= cue_end:  # one inside a cue is part of it (过去五年来)
                    cue_end = match.end(kind)
                    cues.append((at, kind))
            inner = markers[
                bisect.bisect_left(markers, s_start + 1) : bisect.bisect_left(markers, s_end + 1)
            ]
            if inner:
                clauses = sorted(clauses + inner)
            j = bisect.bisect_left(starts, s_end, i)
            group = quantities[i:j]
            date_at = bisect.bisect_right(date_ends, s_start, date_at)
            k = bisect.bisect_left(date_starts, s_end, date_at)
            if paragraph.end <= s_start:
                paragraph = _paragraph(text, s_start, frame)
            if section_until <= s_start:
                section, section_until = sections.at(s_start)
            facts = _make_sentence(
                (
                    text,
                    s_start,
                    s_end,
                    clauses,
                    cues,
                    dates[date_at:k],
                    frame,
                    section,
                    paragraph,
                )
            )
            linked += _link_sentence(
                facts, group, self._phrases, backwards, context.lexicon, make=make
            )
            i = j
        return linked


class _Paragraph(NamedTuple):
    """What a paragraph says of the figures of its sentences (a tuple: made for a third of the
    sentences with quantities)."""

    start: int
    end: int
    period: str | None
    """The period its opening states (五年来, “十四五”时期), if any."""
    plans_from: int
    """Where it turns to plans (下一步), or -1."""


_NO_PARAGRAPH = _Paragraph(start=-1, end=-1, period=None, plans_from=-1)
_make_paragraph = functools.partial(tuple.__new__, _Paragraph)


class _Sentence(NamedTuple):
    """One sentence with what its report, heading and paragraph say of its figures."""

    text: str
    start: int
    end: int
    clauses: Sequence[int]
    """Where its clauses start (after each ``，：``), its own start first."""
    cues: Sequence[tuple[int, str]]
    """Where each role or period cue starts, and its kind (a group name of ``_CUES``)."""
    dates: Sequence[DateMention]
    frame: _Frame
    section: _Section
    paragraph: _Paragraph


_make_sentence = functools.partial(tuple.__new__, _Sentence)
"""The sentence facts from their fields in order, made as the tuple they are: once per sentence
with quantities (a NamedTuple's own ``__new__`` is a Python call)."""


def _link_sentence(
    facts: _Sentence,
    group: Sequence[Quantity],
    rules: PhraseRules,
    backwards: str,
    lexicon: IndicatorLexicon,
    *,
    make: Callable[[Quantity, Indicator | None, Role, str | None], Quantity],
) -> list[Quantity]:
    """The quantities ``group`` of one sentence, each linked by ``make`` (``backwards``: the
    text reversed)."""
    text, frame, section = facts.text, facts.frame, facts.section
    # A date is a bound of phrases, unless it is a comparison base (…总人数比2010年增长).
    dates = facts.dates
    stops = [d.span.end for d in dates if text[d.span.start - 1] not in _COMPARED_DATE]
    phrases = rules.find_phrases(
        text,
        backwards,
        (facts.start, facts.end),
        group,
        lexicon,
        clauses=facts.clauses,
        stops=stops,
    )
    # Without cues, every quantity of the sentence has its role and period; without dates
    # either, they come from its heading, paragraph and report alone.
    cued = bool(facts.cues)
    stated = cued or bool(dates)
    sentence_role = None if cued else _role(facts, facts.start)
    # The year of a result, and of a target (the year planned for, unless the heading says)
    year = section.year or frame.review_year
    target_year = frame.plan_year if frame.plan_year is not None and section.year is None else year
    result_period = facts.paragraph.period or (None if year is None else str(year))
    target_period = facts.paragraph.period or (None if target_year is None else str(target_year))
    out: list[Quantity] = []
    named: tuple[int, int] | None = None
    indicator: Indicator | None = None
    previous_role: Role | None = None
    for quantity, (span, threshold, base, carried) in zip(group, phrases, strict=True):
        if threshold or base:
            role = Role.OTHER
        elif sentence_role is not None:
            role = sentence_role
        else:
            role = _role(facts, quantity.span.start)
        if carried and previous_role in _SHARED_ROLES:
            role = previous_role
        if threshold:
            period = None
        else:
            target = role is Role.TARGET
            if stated:
                period = _period(facts, quantity, target_year if target else year)
            else:
                period = target_period if target else result_period
            if base:
                period = periods.base_period(period)
        if span is None:
            indicator = named = None
        elif span != named:  # a carried indicator is the same value: made once
            a, b = named = span
            indicator = _make_indicator(text[a:b], _make_span(a, b))
        out.append(make(quantity, indicator, role, period))
        previous_role = role
    return out


def _cue(facts: _Sentence, kind: str, start: int, end: int) -> int:
    """Where the first cue of ``kind`` in ``[start, end)`` starts, or -1."""
    for at, k in facts.cues:
        if k == kind and start <= at < end:
            return at
    return -1


def _role(facts: _Sentence, q_start: int) -> Role:
    """The role of a quantity that is no threshold or starting value: every figure of a bulletin
    is a result; else the cues of its clause, of its sentence, its heading and its paragraph."""
    frame, section = facts.frame, facts.section
    if frame.bulletin:
        return Role.ACTUAL
    # A goal or estimate word governs its own clause (…，全年预计调水16.46亿立方米，城市供水
    # 水质合格率保持在99%以上: the rate is a result); a clause that names nothing shares the
    # role of the quantity before it.
    clauses = facts.clauses
    clause = clauses[bisect.bisect_right(clauses, q_start) - 1]
    if facts.cues and _cue(facts, "forecast", clause, q_start) >= 0:
        return Role.FORECAST
    future = _cue(facts, "future", facts.start, q_start) if facts.cues else -1
    if future >= 0:
        year = roles.FUTURE_YEAR.match(facts.text, future)
        if year is not None and int(year[1]) > (frame.review_year or 0):
            return Role.TARGET
    plans_from = facts.paragraph.plans_from
    if section.role is Role.TARGET or 0 <= plans_from <= facts.start:
        return Role.TARGET
    if facts.cues and _cue(facts, "target", clause, q_start) >= 0:
        return Role.TARGET
    return Role.ACTUAL


def _period(facts: _Sentence, quantity: Quantity, year: int | None) -> str | None:
    """The last date of the sentence before the quantity that is no comparison base, else a
    plan or look-back span the sentence names, else its paragraph's, else ``year``; a run
    (连续3年) spans back from it."""
    text, frame = facts.text, facts.frame
    q_start = quantity.span.start
    period: str | None = None
    for date in facts.dates:
        if date.span.start >= q_start:
            break
        if date.span.start > 0 and text[date.span.start - 1] in _COMPARED_DATE:
            continue
        if text.startswith("以来", date.span.end):
            continue
        period = periods.date_period(date.value, year) or period
    cues = facts.cues
    if period is None and cues:
        plan = _cue(facts, "plan", facts.start, q_start)
        back = _cue(facts, "back", facts.start, q_start) if plan < 0 else -1
        if plan >= 0:
            match = periods.PLAN.match(text, plan)
            period = None if match is None else periods.plan_period(match)
        elif back >= 0 and frame.review_year is not None:
            match = periods.LOOK_BACK.match(text, back)
            period = None if match is None else periods.look_back_period(match, frame.review_year)
    if period is None:
        period = facts.paragraph.period or (None if year is None else str(year))
    run = _cue(facts, "run", max(facts.start, q_start - 8), quantity.span.end) if cues else -1
    if run >= 0:
        match = periods.RUN.match(text, run)
        if match is not None and match.end() <= quantity.span.end:
            period = periods.run_period(match, period)
    return period


def _paragraph(text: str, start: int, frame: _Frame) -> _Paragraph:
    """The paragraph around ``start``: its bounds, the period its opening states (五年来,
    “十四五”时期) and where it turns to plans (下一步), or -1."""
    p_start = text.rfind("\n", 0, start) + 1
    p_end = text.find("\n", start)
    p_end = len(text) if p_end < 0 else p_end
    opening = text[p_start : min(p_end, p_start + 12)]
    period: str | None = None
    span = periods.PLAN.search(opening)
    back = periods.LOOK_BACK.search(opening)
    if back is not None and frame.review_year is not None:
        period = periods.look_back_period(back, frame.review_year)
    elif span is not None and "时期" in text[span.end() : span.end() + 4]:
        period = periods.plan_period(span)
    # (read only for the roles of a report that is no bulletin: a bulletin's are results)
    turn = None if frame.bulletin else roles.PLAN_PARAGRAPH.search(text, p_start, p_end)
    return _make_paragraph((p_start, p_end, period, -1 if turn is None else turn.start()))


_SPAN = operator.attrgetter("span")
_MARKER_SPAN = operator.attrgetter("marker_span")
_START = operator.attrgetter("start")
_END = operator.attrgetter("end")


def _flatten(
    nodes: Sequence[OutlineNode], parent: int, flat: list[OutlineNode], parents: list[int]
) -> None:
    """Append ``nodes`` and their descendants to ``flat`` depth first, in document order, and
    each one's parent's index in ``flat`` (-1 for none) to ``parents``."""
    for node in nodes:
        index = len(flat)
        flat.append(node)
        parents.append(parent)
        if node.children:
            _flatten(node.children, index, flat, parents)


class _Sections:
    """Each outline node's span with what its heading (or an outer one) says, found by offset
    in O(log n + depth); what a heading says is read only for the parts that hold a sentence
    with figures (a text of headings alone has a hundred thousand)."""

    def __init__(self, outline: Sequence[OutlineNode], frame: _Frame) -> None:
        self.frame = frame
        self.nodes: list[OutlineNode] = []
        self.parents: list[int] = []
        _flatten(outline, -1, self.nodes, self.parents)
        # (read by C-level maps: a text of headings alone has a hundred thousand nodes)
        spans = list(map(_SPAN, self.nodes))
        self.starts: list[int] = list(map(_START, spans))
        self.ends: list[int] = list(map(_END, spans))
        self.marker_ends: list[int] = sorted(map(_END, map(_MARKER_SPAN, self.nodes)))
        """Where each heading's or item's marker ends, sorted."""
        self._sections: list[_Section | None] = [None] * len(self.nodes)

    def _section(self, index: int) -> _Section:
        """What the node at ``index`` says, with what the nodes around it say (read once)."""
        section = self._sections[index]
        if section is None:
            parent = self.parents[index]
            inherited = _NO_SECTION if parent < 0 else self._section(parent)
            node, frame = self.nodes[index], self.frame
            if _HEADING_WORDS.search(node.title) is None:  # (most headings: no year, no cue)
                self._sections[index] = inherited
                return inherited
            year_match = _YEAR.search(node.title)
            year = int(year_match[1]) if year_match else inherited.year
            role = None if node.is_item else roles.heading_role(node.title)
            if role is None and year_match and frame.review_year is not None:
                role = Role.TARGET if year is not None and year > frame.review_year else None
            section = self._sections[index] = _Section(role=role or inherited.role, year=year)
        return section

    def at(self, offset: int) -> tuple[_Section, int]:
        """What the innermost heading around ``offset`` says, and where the next heading's part
        starts or its own ends: what it says holds up to there (the offsets a report's
        sentences are read at ascend)."""
        last = bisect.bisect_right(self.starts, offset) - 1
        until = self.starts[last + 1] if last + 1 < len(self.starts) else _FAR
        index = last
        while index >= 0 and self.ends[index] <= offset:
            index = self.parents[index]
        if index < 0:
            return _NO_SECTION, until
        return self._section(index), min(until, self.ends[index])
