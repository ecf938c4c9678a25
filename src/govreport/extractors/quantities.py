"""Quantities: a number with its multiplier, unit or measure word, qualifiers and direction.

One left-to-right scan. A compiled pattern finds each number (Arabic, full-width, Chinese or
``百分之…``) with an optional qualifier before it; the tail — ``余``/``多``, a multiplier
(万, 亿, 万亿), the unit (longest match in the unit table, compound units such as ``微克/立方米``),
``以上``/``左右`` — is read by hand with bounded lookahead, so the whole scan stays linear.

The traps of the domain reference (§3.8) are rejected by rules, not by lists of sample words:
ordinals (第三届), numbers glued to letters (PM2.5, 5G), ratios (10.1:43.5), the indefinite
``一`` (一个重要内容, 一批), the ordinal-like ``二`` (二级, 二次供水), bare ``百/千/万`` counts
(千家万户), numbers inside outline markers, formulations, dates and document titles, and a
small lexicon of idioms and place names that look like counts (三番五次, 七台河).
"""

from __future__ import annotations

import decimal
import functools
import re
import sys
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

import attrs

from govreport.extractors._optional import lazy_optional, optional
from govreport.extractors.base import Configuration, ExtractionContext
from govreport.extractors.trie import trie_pattern
from govreport.model import Change, Mention, Qualifier, Quantity, Span, Unit, UnitTable
from govreport.model._unchecked import unchecked
from govreport.model.store import span_bounds
from govreport.model.units import ARABIC_ONLY_UNITS
from govreport.numerals import (
    CHINESE_NUMERAL_CHARS,
    MULTIPLIERS,
    NUMBER_CONTEXT,
    parse_arabic,
    parse_chinese,
)

_CN = CHINESE_NUMERAL_CHARS
_ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9０-９]+)" + optional("[.．][0-9０-９]+")
# The longest counted numeral is about 24 characters (九千九百九十九亿九千九百…); the bound and
# the possessive repeat (no backtracking inside a run) keep 1 MB of 一 linear.
_RATIO_REST = re.compile(rf"(?:[:：]{_ARABIC})+")  # :43.5:46.4 after 10.1
_RATIO_SIGNS = (":", "：")
_CN_RUN_REST = rf"(?:[{_CN}]|点(?=[{_CN}])){{0,31}}+"
_CN_RUN = rf"[{_CN}]{_CN_RUN_REST}"

_PRE_QUALIFIER: dict[str, Qualifier | None] = {
    "不少于": Qualifier.AT_LEAST,
    "不低于": Qualifier.AT_LEAST,
    "至少": Qualifier.AT_LEAST,
    "不超过": Qualifier.AT_MOST,
    "不高于": Qualifier.AT_MOST,
    "最多": Qualifier.AT_MOST,
    "不足": Qualifier.UNDER,
    "不到": Qualifier.UNDER,
    "不满": Qualifier.UNDER,
    "将近": Qualifier.NEARLY,
    "接近": Qualifier.NEARLY,
    "近": Qualifier.NEARLY,
    "超过": Qualifier.OVER,
    "突破": Qualifier.OVER,
    "超": Qualifier.OVER,
    "逾": Qualifier.OVER,
    "过": Qualifier.OVER,
    "破": Qualifier.OVER,
    "约": Qualifier.APPROX,
    "大约": Qualifier.APPROX,
    "上": Qualifier.APPROX,  # 上万人: of the order of ten thousand
}
# Qualifier words by length, for the look back from a number (longest first).
_PREFIX_LENGTHS = tuple(sorted({len(word) for word in _PRE_QUALIFIER}, reverse=True))
_PREFIX_LAST = frozenset(word[-1] for word in _PRE_QUALIFIER)
_ASCII_WORD = frozenset("0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# What glues a number to the one before it as a code, version or ordinal (A3, 1.5.3, 第3).
_NOT_BEFORE_DIGITS = _ASCII_WORD | frozenset("．.０１２３４５６７８９第")
# A one-character prefix that is really the end of a word: 节约, 通过, 最近, 打破 …
_PREFIX_WORD_ENDS: dict[str, str] = {
    "约": "节制签合预契邀公条相特违履婚守大",
    "过": "通经超不跨越度错闯路穿走略太难胜好放闪滑跳翻",
    "近": "最将接附临靠逼亲贴邻就",
    "破": "突打攻冲击爆识看",
    "超": "赶高",
    "上": "以之年月比向往至不",
}
_POST_QUALIFIER: dict[str, Qualifier] = {
    "及以上": Qualifier.AT_LEAST,  # 65岁及以上: the number itself included, as with 以上
    "及以下": Qualifier.AT_MOST,
    "以上": Qualifier.AT_LEAST,
    "以下": Qualifier.AT_MOST,
    "以内": Qualifier.AT_MOST,
    "左右": Qualifier.APPROX,
    "上下": Qualifier.APPROX,
}
_RANGE_DASHES = "—–-－~～〜"
_RANGE_WORDS = ("至", "到")
_RANGE_STARTS = frozenset(_RANGE_DASHES) | frozenset(_RANGE_WORDS)
_ENUMERATION = ("和", "、", "与", "及", "或")
_PER = ("/", "／", "每")
# Per-units that are not units on their own (元/人月).
_PER_ONLY = ("人月", "人年", "人日", "人·月", "月")
# After a unit these turn a count into a grade, session, serial or system (二级, 五人制, 3号)…
_BLOCKING_SUFFIX = frozenset("级届号制")
# … unless they start an ordinary word (5项制度, 50%以上号源, 10项制定).
_SUFFIX_WORDS = ("制度", "制定", "制造", "制作", "制订", "制约", "号召", "号源", "级别")
# A unit character that is really the first character of a word (5万亿台阶, 3.0方案, 80周年).
_WORDS_AFTER_UNIT: dict[str, str] = {
    "台": "阶账风湾", "方": "案面式向针法位", "期": "间限待望", "条": "件例款",
    "周": "年边期", "场": "所景", "名": "单称", "起": "来步", "处": "理置罚",
    "户": "籍", "位": "于置", "所": "有属", "批": "准示复", "口": "岸径", "角": "度色",
    # 人 before these is the word it starts (14亿人民, 百万人才, 3000人员): see _count_rule
    "人": "民才员士物力群格权", "群": "众体落岛星", "队": "伍员列长", "组": "织建成合团件长",
    "道": "路德理歉", "面": "积向临貌料对", "门": "户槛口类诊店票", "节": "能约点日假庆目奏水省气",
    "样": "板本品式", "首": "都批次先席要位个", "本": "地级市届年次土身", "封": "闭存控锁顶",
    "幅": "度员", "笔": "记试者", "桩": "基", "届": "满时", "堂": "课", "发": "展现布生放出挥动起行射明电",
    "遍": "及布地", "顶": "层级尖端", "颗": "粒", "对": "接外口象标比照于", "双": "向边方重创",
    "毛": "泽", "包": "括装容", "列": "入车为", "孔": "子", "圆": "满梦形心桌周",
}  # fmt: skip
# Physical units that a 级 after them turns into a capacity class (20万吨级, 100兆瓦级): the
# class is a quantity, 级 part of its unit as written. After a count (两级) 级 is a grade.
_CAPACITY_DIMENSIONS = frozenset({"mass", "power", "energy", "voltage", "apparent-power", "volume"})
# A congress or plenum is numbered by its 届: 十九届四中全会, 十四届人大, 第十届全国.
_CONGRESS_AFTER_JIE = frozenset("人全中省市县区党政委代一二三四五六七八九十")
# After 个, these words make one unit (16个季度, 9个多月).
_AFTER_GE = ("季度", "工作日", "星期", "小时", "月", "百分点")
# Rank words: a 位/名 after them is a place in a ranking (排名由369位上升到235位).
_RANKING = re.compile(r"排名|位列|名次|排位|排行|位次")
# A Chinese-numeral count of sessions right after a congress is its ordinal (十六届人大三次会议).
_SESSION = re.compile(r"届[^，。；]{0,6}$")
_TIME_UNITS = frozenset({"年", "个月", "天", "日", "小时", "周", "分钟", "秒"})
_SESSIONS_COUNTED = re.compile("(?:连续|共|历经|累计|已)$")
# Verbs that take a span of time (提前一年, 连续一个月, 历时一年).
_DURATION_VERB = re.compile("(?:提前|连续|延长|缩短|推迟|延迟|历时|用时|用了|仅用|花了|长达)$")
_ORDINAL_BEFORE = frozenset("第初周其之期拜")
# A Chinese numeral right after a digit belongs to that number (3亿), even one not read as a
# quantity (a code, see _MOST_DIGITS): it never starts a number of its own.
_NO_CHINESE_NUMBER_AFTER = _ORDINAL_BEFORE | frozenset("0123456789０１２３４５６７８９")
_RANK_UNITS = frozenset({"位", "名"})
_INCREASE = (
    "增长", "增加", "提高", "上升", "提升", "扩大", "上涨", "增收", "增支", "新增", "增产",
    "偏高", "偏多", "多增", "增幅", "涨幅", "增", "涨", "升",
)  # fmt: skip
_DECREASE = (
    "下降", "减少", "降低", "回落", "压减", "缩减", "下跌", "减产", "减收", "偏低", "偏少",
    "下滑", "缩小", "降幅", "降", "减",
)  # fmt: skip
# Words whose numerals count nothing: idioms, economic terms and place names (domain §3.8).
LEXICON: tuple[str, ...] = (
    "三次产业", "二次供水", "三次分配", "一次性", "二次元", "三番五次", "三天两头", "三年五载",
    "千家万户", "万家灯火", "千方百计", "千军万马", "万无一失", "十全十美", "九牛一毛",
    "三令五申", "七上八下", "五花八门", "四面八方", "一五一十", "两个一百年",
    "七台河", "三台县", "五台山", "九台区", "三门峡", "五家渠", "十堰", "八一",
)  # fmt: skip
_LEXICON = re.compile(trie_pattern(LEXICON))  # longest first, one branch per character


# The verb right before a quantity, past 了, spaces and a footnote marker (增长[3]5.2%).
# One trie of both lists, so that the search skips in C to a verb's first character; no word
# of one list starts a word of the other, so the word found tells the direction.
_CHANGE_VERB = re.compile(
    rf"(?P<verb>{trie_pattern((*_INCREASE, *_DECREASE))})[了 ]*(?:[\[［【]\d{{1,2}}[\]］】])?$"
)
_CHANGES = {
    **dict.fromkeys(_INCREASE, Change.INCREASE),
    **dict.fromkeys(_DECREASE, Change.DECREASE),
}
# What may stand right before a quantity whose change a verb gives: the verb's last character,
# 了, a space, or the end of a footnote marker.
_BEFORE_CHANGED = frozenset("".join(word[-1] for word in (*_INCREASE, *_DECREASE)) + "了 ]］】")
# What stands right before a quantity whose change is given (see _Scanner.change_before).
_CHANGE_CUES = _BEFORE_CHANGED | frozenset(_ENUMERATION)
_LABEL_NUMERALS = frozenset("一二三四五六七八九十两双")
# 零 and 〇 stand inside a counted number (三千零五十二, GB/T 15835 §5.2.5), never first: 零部件,
# 零距离. The financial forms count in amounts written with several of them (叁仟伍佰); one
# alone is a character of a word (队伍, 大陆, 着陆).
_NO_LEADING = frozenset("零〇○")
_FINANCIAL = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟")
_SMALL_DIGITS = frozenset("两三四五六七八九")  # a bare 亿元 is a round amount (亿元以上项目)
# What ends a clause right after a measure word (see _Scanner.untabled_measure_word).
_CLAUSE_ENDS = frozenset("，。；：、！？）)”,;")
# One-character words that close a clause after a number but measure nothing: dates and
# times, positions and ranks (90后, 前10强), labels (3号, 2楼, 1路), multipliers and function
# words. The date extractor runs first; these stay out when it did not take the number.
_NOT_MEASURE_WORDS = frozenset(
    "年月日号时点秒周旬后前上下中内外左右间强大小多余几型版代级类楼路线室区段届制"
    "亿万千百十以之的了和与及或等为是在将已至到比由从起止"
)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" and ch not in _LABEL_NUMERALS


class _Candidate(NamedTuple):
    """A number as read, with its tail: multiplier, unit and qualifiers (made by
    :data:`_candidate`: a report reads thousands, and a tuple is the cheapest record)."""

    start: int
    """Where it starts: the qualifier word before the number, if one stands there."""
    number_end: int
    """Where the number ends, before its tail."""
    end: int
    """Where the tail ends."""
    value: Decimal
    """The number as written, before its multiplier."""
    chinese: str | None
    """The Chinese numeral as written, or None for Arabic numbers."""
    percent_unit: str | None
    """``%`` or ``‰`` for 百分之/千分之 numbers."""
    pre_qualifier: Qualifier | None
    """The qualifier word's before the number (in the span), or None when none stands there."""
    multiplier: Decimal
    unit: str | None
    unit_info: Unit | None
    qualifier: Qualifier | None
    """The quantity's: the tail's (余, 以上), else the word's before the number."""


_candidate = functools.partial(tuple.__new__, _Candidate)


@attrs.frozen
class QuantityExtractor:
    """Finds quantities: ``19项``, ``34万余元``, ``99%以上``, ``5%—5.5%``, ``超千亿元``."""

    name: str = "quantities"
    """Extractor name."""
    order: int = 400
    """Runs after formulations, documents and dates, whose spans it leaves alone."""
    _patterns: _Patterns | None = attrs.field(default=None, eq=False, repr=False)
    """The patterns of the unit table it was configured for (:meth:`configured`)."""

    def configured(self, configuration: Configuration) -> QuantityExtractor:
        """This extractor with the patterns for the host's unit table compiled."""
        return attrs.evolve(self, patterns=_Patterns.of(configuration.units))

    def extract(self, context: ExtractionContext) -> Iterator[Mention]:
        """Every quantity in ``context.text``, in document order (compiled for
        ``context.units`` first, unless this extractor was configured for that table)."""
        patterns = self._patterns
        if patterns is None or patterns.units is not context.units:
            patterns = _Patterns.of(context.units)
        scanner = _Scanner(context.text, patterns, _blocked_spans(context))
        with decimal.localcontext(NUMBER_CONTEXT):  # not the caller's: values stay exact
            return iter(scanner.run())


_ONE = Decimal(1)
# Quantities and spans in field order, unchecked: the scanner's offsets and values are valid.
_quantity = unchecked(Quantity)
_span = unchecked(Span)
_MOST_DIGITS = 28
"""A number of more significant digits is no quantity but a code or noise: the largest value in
a national bulletin has 15, and Python's default decimal context keeps 28, so every value read
stays exact when multiplied (万, 亿, unit factors) and fits the JSON contract's numbers."""


def _too_many_digits(value: Decimal) -> bool:
    # Only asked of numbers written longer than _MOST_DIGITS characters: the written length
    # bounds the significant digits, so the rest need no count.
    return len(value.as_tuple().digits) > _MOST_DIGITS


_MULTIPLIER = "|".join(MULTIPLIERS)  # longest first
_POST = re.compile("|".join(_POST_QUALIFIER))
_DIGIT = re.compile("[0-9０-９]")
# One space a page may leave between a number and its unit (16.1 %): ASCII, NBSP, en and em
# spaces, thin spaces and the ideographic space.
_GAP = " \u00a0\u2002\u2003\u2009\u202f\u3000"
_MINUS = "-－−"
# The groups a number with no unit after it ends with (the match's last group), and what may
# still make it part of a quantity: a range, a list or a ratio after it.
_BARE_ENDS = frozenset({"arabic", "mult", "mult2"})
_GOES_ON = _RANGE_STARTS | frozenset(_ENUMERATION) | frozenset(_RATIO_SIGNS)


def _number_end(match: re.Match[str]) -> int:
    """Where the number that ``match`` read ends, before its tail."""
    for group in ("arabic", "cn", "pctnum"):
        end = match.end(group)
        if end >= 0:
            return end
    raise AssertionError("a number match reads one of the alternatives")


@attrs.frozen
class _Patterns:
    """The patterns the scanner needs for one unit table."""

    units: UnitTable
    """The table they were compiled from."""
    number: re.Pattern[str]
    """A number, ``百分之…`` or a Chinese numeral something can follow."""
    chinese: re.Pattern[str]
    """Where a Chinese numeral worth reading starts."""
    unit: re.Pattern[str]
    """Every spelling of the table, longest first."""
    tail: str
    """Everything after a number, in one match: the source, compiled if ever needed alone
    (:func:`_compiled`; the number pattern reads the tail, and compiling it costs 0.2 s)."""
    range_chain: re.Pattern[str]
    """Arabic numbers joined by range dashes (``1~2~3``): see :meth:`_Scanner.chain`."""
    list_chain: re.Pattern[str]
    """Arabic numbers joined by list words (``3和4、5``)."""

    @classmethod
    def of(cls, units: UnitTable) -> _Patterns:
        """The patterns for ``units`` (:func:`_compile`)."""
        return cls(units, *_compile(units))


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_Pattern = re.Pattern[str]


def _compile(units: UnitTable) -> tuple[_Pattern, _Pattern, _Pattern, str, _Pattern, _Pattern]:
    """The number, Chinese-start, unit, tail and chain patterns for the spellings of ``units``.

    The number pattern finds Arabic numbers, ``百分之…`` and Chinese numerals followed by
    something a quantity can continue with; qualifier words before a number are found by
    looking back from it (:meth:`_Scanner.prefix_before`), which keeps the scan cheap.

    The number pattern reads the tail too, so one match reads a number and what follows.
    The unit pattern is a trie of every spelling, longest first; a spelling that would start a
    longer word (台 of 台阶) or run into Latin letters (m of mx) carries a negative lookahead,
    so the match falls back to a shorter spelling or none. The tail pattern reads everything
    after a number in one match: 余/多, a multiplier, 余/多 again, the unit (or 千/百 and a
    unit, or a stray space and a unit), a per-unit, and 以上/以下/以内/左右/上下.
    """
    guards: dict[str, str] = {}
    for spelling in units.units:
        guard = ""
        if spelling[-1].isascii():
            guard += "(?![A-Za-z0-9_])"
        if spelling in _WORDS_AFTER_UNIT:
            guard += f"(?![{_WORDS_AFTER_UNIT[spelling]}])"
        guards[spelling] = guard
    unit = trie_pattern(guards)
    per = "|".join(_PER)
    # The unit is written once: what may stand before it (nothing first, then a multiplier,
    # 千/百 or a space) is tried lazily in that order, and a multiplier with no unit after it
    # comes last. Each copy of the unit trie costs about 40 ms to compile.
    before_unit = lazy_optional(
        rf"(?P<umult>{_MULTIPLIER})"
        + optional("(?P<uo2>[余多])")
        + optional("(?P<umult2>亿)")
        + rf"[{_GAP}]?|(?P<pfx>[千百])|[{_GAP}]"
    )
    multiplier_alone = (
        rf"(?P<mult>{_MULTIPLIER})" + optional("(?P<o2>[余多])") + optional("(?P<mult2>亿)")
    )
    per_unit = (
        rf"(?P<per>{per})"
        + optional(rf"(?P<pmult>{_MULTIPLIER})")
        + rf"(?P<punit>{'|'.join(_PER_ONLY)}|{unit})"
    )
    tail = (
        optional("(?P<o1>[余多几])")
        + optional(rf"{before_unit}(?P<u>{unit})|{multiplier_alone}")
        + optional(per_unit)
        + optional(rf"(?P<post>{'|'.join(_POST_QUALIFIER)})")
    )
    # A Chinese numeral is only worth reading when something that can follow a quantity does:
    # this keeps 统一, 一体, 进一步 … out of the Python code altogether.
    follow = {spelling[0] for spelling in units.units} | set(
        "余多几至到和、与及或" + _GAP + _RANGE_DASHES
    )
    follow_class = "".join(re.escape(ch) for ch in sorted(follow))
    # The tail follows an Arabic or Chinese number in the same match: one call reads both.
    scan = (
        rf"(?P<pct>百分之|千分之)(?P<pctnum>{_CN_RUN})|(?:"
        + optional("(?P<minus>[-－−])")
        + rf"(?P<arabic>{_ARABIC})|(?P<cn>{_CN_RUN})(?=[{follow_class}]))"
        + tail
    )
    # A numeral starts where its run of numeral characters starts: without the look-behind a
    # run longer than _CN_RUN's bound is tried again from each of its characters. It stands
    # after the first character, and 百分之/千分之 are read from their 百/千 (numeral
    # characters too), so that the pattern starts with one class: sre's search skips ahead by
    # it in C instead of trying the pattern at every character.
    chinese = rf"[{_CN}](?:(?<=[百千])分之|(?<![{_CN}]{{2}}){_CN_RUN_REST}(?=[{follow_class}]))"
    # A chain's numbers but the last have an empty tail: the join after each starts no tail.
    starts_tail = {spelling[0] for spelling in (*units.units, *MULTIPLIERS, *_POST_QUALIFIER)}
    starts_tail |= set("千百余多几" + _GAP + "".join(_PER))
    range_chain, list_chain = (
        re.compile(
            rf"(?:(?P<prev>{_ARABIC})[{re.escape(''.join(sorted(set(joins) - starts_tail)))}])+"
            rf"(?P<last>{_ARABIC})"
        )
        for joins in (_RANGE_DASHES + "".join(_RANGE_WORDS), "".join(_ENUMERATION))
    )
    return re.compile(scan), re.compile(chinese), re.compile(unit), tail, range_chain, list_chain


def _blocked_spans(context: ExtractionContext) -> tuple[list[int], list[int]]:
    """Where no quantity may stand: the starts and the ends of disjoint spans, in order, each
    list ended by a sentinel that every position lies before (so the pointers that walk them
    need no bounds check)."""
    text = context.text
    # Each span packed into one int that sorts as its (start, end) pair would: a dense text
    # has a mention every few characters, and a tuple each is garbage for the collector.
    shift = len(text).bit_length()
    packed = [s.start << shift | s.end for s in context.marker_spans]
    found_starts, found_ends = span_bounds(context.found)  # (a compact store's, unmade)
    packed += [start << shift | end for start, end in zip(found_starts, found_ends, strict=True)]
    packed += [m.start() << shift | m.end() for m in _LEXICON.finditer(text)]
    packed.sort()
    mask = (1 << shift) - 1
    starts: list[int] = []
    ends: list[int] = []  # overlapping spans joined
    for key in packed:
        start, end = key >> shift, key & mask
        if ends and start < ends[-1]:
            ends[-1] = max(ends[-1], end)
        elif end > start:
            starts.append(start)
            ends.append(end)
    starts.append(sys.maxsize)
    ends.append(sys.maxsize)
    return starts, ends


class _Scanner:
    """One pass over a text; holds the lookup tables for the unit spellings."""

    def __init__(
        self, text: str, patterns: _Patterns, blocked: tuple[list[int], list[int]]
    ) -> None:
        self.text = text
        self.units = patterns.units
        self.number_pattern, self.chinese_pattern = patterns.number, patterns.chinese
        self.unit_pattern, self.tail_source = patterns.unit, patterns.tail
        self.range_chain, self.list_chain = patterns.range_chain, patterns.list_chain
        self.chain_end = 0  # for chain
        self.block_starts, self.block_ends = blocked
        self.block_index = 0  # for emit
        self.list_end = 0
        self.list_unit: _Candidate | None = None
        self.found: list[Quantity] = []
        self.unit_by_spelling = patterns.units.units
        self.values: dict[str, Decimal] = {}  # an Arabic numeral's value, by its digits

    # -- the scan ------------------------------------------------------------------------
    def run(self) -> list[Quantity]:
        """Read every quantity, left to right.

        Searching with the whole number pattern is slow (its first character is not a plain
        class), so two cheap searches find where the next number starts — an Arabic digit or
        a Chinese numeral worth reading — and the number pattern is matched there.
        """
        text = self.text
        match_at = self.number_pattern.match
        nowhere = len(text) + 1

        search_digit, search_chinese = _DIGIT.search, self.chinese_pattern.search
        digit = chinese = -1
        position = 0
        # Blocked spans (dates, formulations, markers …) are disjoint and sorted, and starts
        # only grow: one pointer walks them (emit keeps its own).
        block_starts, block_ends, skip = self.block_starts, self.block_ends, 0
        while True:
            if digit < position:
                found = search_digit(text, position)
                digit = nowhere if found is None else found.start()
            if chinese < position:
                found = search_chinese(text, position)
                chinese = nowhere if found is None else found.start()
            if digit < chinese:
                start = digit
                if start > position and text[start - 1] in _MINUS:
                    start -= 1  # the number pattern reads the sign with the digits
            elif chinese < nowhere:
                start = chinese
            else:
                return self.found
            while block_ends[skip] <= start:
                skip += 1
            if block_starts[skip] <= start:
                position = block_ends[skip]  # inside a date, formulation, marker …: no quantity
                continue
            match = match_at(text, start)
            position = self.read(match) if match is not None else start + 1

    def read(self, match: re.Match[str]) -> int:
        """Read the quantity that starts at ``match``; return where scanning goes on."""
        text = self.text
        last = match.lastgroup
        if last in _BARE_ENDS and match.group("o1", "o2") == (None, None):
            # An Arabic number, perhaps with a multiplier, and no unit: unless a range, a list,
            # a ratio or a measure word goes on after it, it is no quantity.
            end = match.end()
            after = text[end : end + 1]
            if after in _GOES_ON:
                if last == "arabic" and match.start() >= self.chain_end:
                    skip_to = self.chain(match, after)
                    if skip_to is not None:
                        return skip_to
            elif end >= self.list_end and not self.untabled_measure_word(end):
                return end
        number = self.candidate(match)
        if number is None:
            return _number_end(match)
        number_end = number.number_end
        if text[number_end : number_end + 1] in _RATIO_SIGNS:  # 10.1:43.5 is a ratio, no count
            ratio = _RATIO_REST.match(text, number_end)
            if ratio is not None:
                return ratio.end()
        end = number.end
        follows_range = text[end : end + 1] in _RANGE_STARTS  # "" is not in it
        high = self.range_end(number) if follows_range else None
        if high is not None:
            multiplier = number.multiplier if number.multiplier != 1 else high.multiplier
            high = high._replace(qualifier=number.qualifier or high.qualifier)
            self.emit(number, high, number.value * multiplier, high.value * high.multiplier)
            return high.end
        if number.unit is None and number.percent_unit is None:
            shared = self.shared_unit(end)
            # Share only across items of one shape: not 近千亿、4个 (a count after an amount).
            if (
                shared is not None
                and number.chinese is None
                and (number.multiplier == 1) == (shared.multiplier == 1)
            ):
                multiplier = number.multiplier if number.multiplier != 1 else shared.multiplier
                own = number._replace(
                    multiplier=multiplier, unit=shared.unit, unit_info=shared.unit_info
                )
                self.emit(number, own, number.value * multiplier, None)
            return end
        multiplier = number.multiplier
        value = number.value if multiplier is _ONE else number.value * multiplier
        self.emit(number, number, value, None)
        return end

    def candidate(self, match: re.Match[str]) -> _Candidate | None:
        """The number ``match`` read, with the qualifier word before it and its tail — ``余``,
        the multiplier, the unit and trailing qualifiers —, or None when it is no number (an
        ordinal, a code, part of a word).

        One function for both, over the groups of one match (see :func:`_compile`): it runs
        for every candidate. Arabic numbers, nearly all of them, are read here, Chinese ones
        by :meth:`chinese_number`; only the rare cases the pattern cannot decide call out.
        """
        text = self.text
        groups = match.groups()
        pct, _, sign, digits, cn = groups[:5]
        core_start = match.start()
        pre, start = None, core_start
        # Most numbers have no qualifier word before them: one look decides.
        if core_start and text[core_start - 1] in _PREFIX_LAST:
            pre = self.prefix_before(core_start)
            if pre is not None:
                start = core_start - len(pre)
                if not self.prefix_stands(pre, start, cn):
                    pre, start = None, core_start
        found, tail = match, groups[5:]  # a percent's are all None: the unit came first
        if digits is None:
            chinese_read = self.chinese_number(match, pre, start)
            if chinese_read is None:
                return None
            number_end, value, chinese = chinese_read
            if cn is not None and number_end != match.end("cn"):  # 三万千瓦: read the tail again
                again = _compiled(self.tail_source).match(text, number_end)
                assert again is not None  # every part is optional
                found, tail = again, again.groups()
        else:
            chinese = None
            digits_start, number_end = match.span("arabic")
            if sign is not None:
                ahead = text[core_start - 1] if core_start else ""
                if pre is None and ahead == "第":
                    return None  # 第-3: an ordinal
                # A dash between two numbers or after a code is a range dash, not a minus sign.
                if pre is not None or not ahead or ahead in _ASCII_WORD or ahead in "%％)）":
                    sign = None
                    start = digits_start if pre is None else start
            lead = text[digits_start - 1] if digits_start else ""
            if sign is None and lead in _NOT_BEFORE_DIGITS:
                return None  # 第3, A3, 1.5.3: an ordinal, a code, a version
            after = text[number_end : number_end + 1]
            if after in _ASCII_WORD and self.unit_at(number_end) is None:
                return None  # 5G, 4A级, 3D — but 4800PF, 5kW
            known = self.values.get(digits)
            if known is None:  # each numeral string is made a Decimal once per text
                plain = digits.isascii() and "," not in digits
                known = self.values[digits] = Decimal(digits) if plain else parse_arabic(digits)
            value = known
            if len(digits) > _MOST_DIGITS and _too_many_digits(value):
                return None
            if sign is not None or (lead == "下" and text.endswith("零下", 0, digits_start)):
                value = -value  # -3, 零下12℃
        over, unit_mult, unit_over, unit_mult2, prefix, unit, mult, over_again, mult2 = tail[:9]
        pre_qualifier = qualifier = _PRE_QUALIFIER[pre] if pre else None
        info: Unit | None = None
        multiplier, percent, end = _ONE, None, number_end
        if pct is not None:  # 百分之五: nothing stands between the number and its unit
            percent = unit = "%" if pct == "百分之" else "‰"
            info = self.unit_by_spelling.get(percent)
            trailing = _POST.match(text, number_end)
            if trailing is not None:
                end, qualifier = trailing.end(), _POST_QUALIFIER[trailing.group()]
        elif over != "几" or chinese is not None:  # 3几 is no number
            if unit_mult is not None:  # 4万吨: the multiplier before a unit
                mult, over_again, mult2 = unit_mult, unit_over, unit_mult2
            if over is not None or over_again is not None:
                qualifier = Qualifier.OVER
            if mult is not None:
                multiplier = MULTIPLIERS[mult]
            if mult2 is not None:  # 4万多亿元: over 4 万亿
                multiplier *= MULTIPLIERS["亿"]
            if unit is None:  # the tail ends after 余, the multiplier and 余 (never 以上)
                parts = ("o1", "mult", "o2", "mult2")
                end = max(
                    (found.end(part) for part in parts if found[part] is not None), default=end
                )
                if chinese is None and self.untabled_measure_word(end):
                    unit = text[end]
                    info, end = Unit(unit, "count", unit, _ONE), end + 1
            else:
                info = self.unit_by_spelling[unit]
                if prefix is not None:  # 5千元: 千 belongs to the unit as written
                    unit = prefix + unit
                    factor = Decimal(1000) if prefix == "千" else Decimal(100)
                    info = Unit(unit, info.dimension, info.base, info.factor * factor)
                per, post = tail[9], tail[12]
                if per is not None:
                    per_unit = tail[11]
                    assert per_unit is not None  # the pattern reads one after the sign
                    unit, info = self.compound(unit, info, per, tail[10], per_unit)
                end = found.end()
                if (  # 20万吨级: a class
                    post is None
                    and text.startswith("级", end)
                    and info is not None
                    and info.dimension in _CAPACITY_DIMENSIONS
                ):
                    unit, end = unit + "级", end + 1
                    info = attrs.evolve(info, name=unit, aliases=())
                    trailing = _POST.match(text, end)
                    post = trailing.group() if trailing is not None else None
                    end = trailing.end() if trailing is not None else end
                if post is not None:
                    qualifier = _POST_QUALIFIER[post]
                elif text[end : end + 1] in ("多", "余"):
                    end, unit, info, qualifier = self.after_unit(end, unit, info, qualifier)
                if unit == "％":
                    unit = "%"
        return _candidate(
            (
                start,
                number_end,
                end,
                value,
                chinese,
                percent,
                pre_qualifier,
                multiplier,
                unit,
                info,
                qualifier,
            )
        )

    def chinese_number(
        self, match: re.Match[str], pre: str | None, start: int
    ) -> tuple[int, Decimal, str] | None:
        """Where the Chinese numeral or ``百分之…`` that ``match`` read ends, its value and the
        numeral as written; None when it is no number (see :meth:`candidate`)."""
        text = self.text
        cn, pctnum = match.group("cn", "pctnum")
        chinese = cn if cn is not None else pctnum
        assert chinese is not None  # the match read one of them
        if pre is None and text[start - 1 : start] in _NO_CHINESE_NUMBER_AFTER:
            return None
        if chinese[0] in _NO_LEADING or (len(chinese) == 1 and chinese in _FINANCIAL):
            return None  # 零部件, 队伍, 大陆: a character of a word, not a number
        end = match.end("cn" if cn is not None else "pctnum")
        value = parse_chinese(chinese)
        if value is None and len(chinese) > 1 and chinese[-1] in "千百" and self.unit_at(end - 1):
            # 三万千瓦: the 千 belongs to the unit 千瓦, not to the numeral
            chinese, end = chinese[:-1], end - 1
            value = parse_chinese(chinese)
        if value is None or (len(chinese) > _MOST_DIGITS and _too_many_digits(value)):
            return None
        return end, value, chinese

    def prefix_before(self, position: int) -> str | None:
        """The longest qualifier word (约, 超过, 不少于 …) that ends right at ``position``."""
        text = self.text
        for length in _PREFIX_LENGTHS:
            word = text[position - length : position] if position >= length else ""
            if word in _PRE_QUALIFIER:
                return word
        return None

    def prefix_stands(self, pre: str, start: int, chinese: str | None) -> bool:
        """False when a one-character prefix is the end of a word (节约, 通过, 最近); ``chinese``
        is the Chinese numeral after it, if one."""
        ends = _PREFIX_WORD_ENDS.get(pre)
        if ends is not None and start and self.text[start - 1] in ends:
            return False
        if pre == "上":  # only 上万, 上千, 上百, 上亿
            core = chinese or ""
            return len(core) == 1 and core in "百千万亿"
        return True

    # -- tails ---------------------------------------------------------------------------
    def after_unit(
        self, position: int, unit: str, info: Unit | None, qualifier: Qualifier | None
    ) -> tuple[int, str, Unit | None, Qualifier | None]:
        """多 after a duration (3年多) or 个 (9个多月)."""
        text = self.text
        if text.startswith("多", position) and (unit in _TIME_UNITS or unit == "倍"):
            return position + 1, unit, info, Qualifier.OVER
        if unit == "个":
            time_word = next((w for w in _AFTER_GE if text.startswith(w, position + 1)), None)
            if time_word is not None:
                return (
                    position + 1 + len(time_word),
                    "个" + time_word,
                    self.units.get("个" + time_word),
                    Qualifier.OVER,
                )
        return position, unit, info, qualifier

    def untabled_measure_word(self, position: int) -> bool:
        """True when the character at ``position``, right after an Arabic number, is a measure
        word the table lacks: one Han character that closes the clause (``发现问题421个`` shape,
        ``连续12发。``). GB/T 15835 writes counted values in Arabic digits, and a noun would go on;
        only what ends a clause right after the number can be its measure word."""
        text = self.text
        word = text[position : position + 1]
        return (
            bool(word)
            and _is_han(word)
            and word not in _NOT_MEASURE_WORDS
            and text[position + 1 : position + 2] in _CLAUSE_ENDS
        )

    def unit_at(self, position: int) -> tuple[str, Unit] | None:
        """The longest unit spelling at ``position`` that does not start a longer word."""
        found = self.unit_pattern.match(self.text, position)
        if found is None:
            return None
        spelling = found.group()
        return spelling, self.units.units[spelling]

    def compound(
        self, unit: str, info: Unit | None, sign: str, per_multiplier: str | None, per: str
    ) -> tuple[str, Unit | None]:
        """Extend ``unit`` by its per-unit, written after ``sign`` and ``per_multiplier``:
        ``微克/立方米``, ``元/人月``, ``0.6人/百亿元``.

        The compound gets a unit of its own (dimension ``mass/volume``, factor of the parts'
        quotient), or None when the per-unit is not in the table (人月).
        """
        name = unit + sign + (per_multiplier or "") + per
        per_info = self.units.get(per)
        if info is None or per_info is None:
            return name, None
        per_factor = MULTIPLIERS[per_multiplier] if per_multiplier else _ONE
        return name, Unit(
            name,
            f"{info.dimension}/{per_info.dimension}",
            f"{info.base}/{per_info.base}",
            info.factor / (per_info.factor * per_factor),
        )

    def range_end(self, number: _Candidate) -> _Candidate | None:
        """The high end of ``3至5年``, ``5%-6%``, ``3—5万元``, if one follows ``number``."""
        text = self.text
        position = number.end
        if number.qualifier is not None and number.qualifier != number.pre_qualifier:
            return None
        if not (
            text[position : position + 1] in _RANGE_DASHES
            or text.startswith(_RANGE_WORDS, position)
        ):
            return None
        position += 1
        match = self.number_pattern.match(text, position)
        if match is None:
            return None
        if (match["arabic"] is None) != (number.chinese is not None):
            return None
        high = self.candidate(match)
        if high is None:
            return None
        if high.unit is None or (number.unit is not None and number.unit != high.unit):
            return None
        if high.value * high.multiplier < number.value * (
            number.multiplier if number.multiplier != 1 else high.multiplier
        ):
            return None
        return high

    def chain(self, match: re.Match[str], join: str) -> int | None:
        """Where scanning goes on past ``1~1~1…`` or ``3和3和3…``, or None to read on.

        ``match`` is a bare Arabic number and ``join`` the range dash or list word after it.
        Every number of the chain but the last has an empty tail, so only the last can lend a
        unit: to the one before it across a dash (``1~3~5年``), or to the whole list, and a
        list goes on past a last number with no unit when a list word follows its tail
        (``3和4万和5个``). When neither happens, no number of the chain is a quantity and the
        scan skips to the last; one regular expression walks the chain, so each of its
        characters costs the same small work.
        """
        pattern = self.range_chain if join in _RANGE_STARTS else self.list_chain
        chain = pattern.match(self.text, match.start("arabic"))
        if chain is None:
            return None
        last = chain.start("last")
        self.chain_end = last  # a chain is walked once, from its first number
        found = self.number_pattern.match(self.text, last)
        assert found is not None  # the chain pattern read a number there
        number = self.candidate(found)
        if number is None or number.unit is None:
            if number is not None and pattern is self.list_chain and self.next_item(number.end):
                return None  # the list goes on
            return last - 1  # the join before the last number
        if pattern is self.range_chain and chain.start("prev") > match.start("arabic"):
            return chain.start("prev") - 1  # the range that ends with the last number
        return None

    def next_item(self, position: int) -> re.Match[str] | None:
        """The Arabic number after a list word at ``position``, if one follows."""
        if not self.text.startswith(_ENUMERATION, position):
            return None
        match = self.number_pattern.match(self.text, position + 1)
        return match if match is not None and match["arabic"] is not None else None

    def shared_unit(self, position: int) -> _Candidate | None:
        """The unit of the next number when a list shares it: ``4.2和0.7个百分点``.

        The list is walked once: its end and the unit found there (or None) are remembered,
        so the other numbers of the list reuse them and ``3和3和3和…`` stays linear.
        """
        if position < self.list_end:
            return self.list_unit
        found: _Candidate | None = None
        while (match := self.next_item(position)) is not None:
            follower = self.candidate(match)
            if follower is None:
                break
            if follower.unit is not None:
                found = follower
                break
            position = follower.end
        self.list_end, self.list_unit = position, found
        return found

    # -- output --------------------------------------------------------------------------
    def emit(
        self, number: _Candidate, tail: _Candidate, value: Decimal, value_max: Decimal | None
    ) -> None:
        """Add the quantity of ``number``'s start and ``tail``'s end, unit and qualifier (one
        candidate, or the two ends of a range), unless a blocked span or a trap rules it out."""
        unit = tail.unit
        if unit is None:
            return
        start, end = number.start, tail.end
        # Blocked spans: a marker, an earlier mention or a lexicon word. This pointer lags the
        # scan's: a qualifier before a number may reach back into a span that ends before it.
        ends = self.block_ends  # disjoint and sorted, so one pointer walks them in step
        index = self.block_index
        while ends[index] <= start:
            index += 1
        self.block_index = index
        if self.block_starts[index] < end:
            return
        text = self.text
        # Only these can make plausible reject (an Arabic count with no suffix is one): most
        # quantities need no call.
        if (
            text[end : end + 1] in _BLOCKING_SUFFIX
            or unit in _RANK_UNITS
            or unit == "届"
            or (number.chinese is not None and number.percent_unit is None)
        ) and not self.plausible(number, tail):
            return
        # Most quantities follow neither a verb nor a list word: one look spares the call.
        before = text[start - 1 : start]
        change = self.change_before(start) if before in _CHANGE_CUES else None
        self.found.append(
            _quantity(
                _span(start, end),
                text[start:end],
                value,
                unit,
                tail.qualifier,
                value_max,
                change,
                tail.multiplier,
                None,  # indicator, role and period: the linker's
                None,
                None,
                tail.unit_info,
            )
        )

    def plausible(self, number: _Candidate, tail: _Candidate) -> bool:
        """Reject the numeral traps of domain §3.8 that the pattern itself cannot see."""
        text = self.text
        unit = tail.unit or ""
        glued = tail.qualifier is None or tail.qualifier is number.pre_qualifier
        suffix = text[tail.end : tail.end + 1]
        if glued and suffix in _BLOCKING_SUFFIX and not text.startswith(_SUFFIX_WORDS, tail.end):
            return False
        if unit in _RANK_UNITS and (
            text[number.start - 1 : number.start] == "前"
            or _RANKING.search(text, max(0, number.start - 12), number.start)
        ):
            return False  # 前三名, 排名由369位: places in a ranking
        if unit == "届" and not self.counts_sessions(number, tail):
            return False  # 十九届四中全会, 十四届冬运会: the session's number, not a count
        chinese = number.chinese
        if chinese is None or number.percent_unit is not None:
            return True  # 百分之一 is a share, not the indefinite 一
        if chinese == "一" and tail.multiplier == 1 and not self.a_duration(number, unit):
            return False  # 一个重要内容, 一批, 一度: the indefinite article
        if chinese == "二":
            return False  # counting uses 两; 二级, 二期, 二次供水 are grades and terms
        if (
            chinese in _SMALL_DIGITS
            and tail.multiplier == 1
            and number.pre_qualifier is None
            and tail.unit_info is not None
            and tail.unit_info.dimension == "currency"
        ):
            return False  # 三元, 五元路: amounts are written in digits (GB/T 15835); a name
        return_period = unit in _TIME_UNITS and text.startswith("一遇", tail.end)  # 五十年一遇
        if (
            number.pre_qualifier is None
            and not return_period
            and self.next_to_a_count(number.start, tail.end)
        ):
            return False  # 四级三类, 六横六纵, 两学一做 are labels; 两年过万亿元 is no label
        if unit in ARABIC_ONLY_UNITS:
            return False
        if unit == "次" and _SESSION.search(text, max(0, number.start - 8), number.start):
            return False  # 十六届人大三次会议: the third session
        if chinese in ("百", "千", "万"):
            # 近千次, 上万人, 举办千场活动 — but not 千家万户, 万元GDP, 千升, a table's 万箱 header
            return number.pre_qualifier is not None or self.round_count(number, tail)
        return True

    def counts_sessions(self, number: _Candidate, tail: _Candidate) -> bool:
        """True when 届 counts sessions (连续两届, 举办5届) rather than numbering one: 届 after a
        Chinese numeral names the session (十九届, 十四届冬运会) unless 两, a qualifier or a word
        of continuity (连续, 共, 历经) makes it a count, while Arabic digits count (GB/T 15835);
        before a congress or plenum it never counts."""
        text = self.text
        if text[tail.end : tail.end + 1] in _CONGRESS_AFTER_JIE:
            return False
        start = number.start
        return (
            number.pre_qualifier is not None
            or number.chinese in (None, "两")
            or _SESSIONS_COUNTED.search(text, max(0, start - 2), start) is not None
        )

    def a_duration(self, number: _Candidate, unit: str) -> bool:
        """True for 一 counting a span of time: 提前一年, 连续一个月, 近一年 (not 一年来)."""
        if unit not in _TIME_UNITS and unit != "个月":
            return False
        start = number.start
        return (
            number.pre_qualifier is not None
            or _DURATION_VERB.search(self.text, max(0, start - 2), start) is not None
        )

    def round_count(self, number: _Candidate, tail: _Candidate) -> bool:
        """True for a bare 百/千/万 counting in a sentence: a measure word, then the noun.

        Not in the idioms round numbers make: paired (千头万绪, 百发百中) or of households
        (万家灯火, 千家万户, 百家争鸣)."""
        text = self.text
        info = tail.unit_info
        before = text[number.start - 1 : number.start]
        return (
            info is not None
            and info.dimension == "count"
            and tail.unit not in ("家", "户")
            and not any(ch in "百千万" for ch in text[tail.end : tail.end + 2])
            and bool(before)
            and _is_han(before)
            and before != "每"
            and _is_han(text[tail.end : tail.end + 1] or "。")
        )

    def next_to_a_count(self, start: int, end: int) -> bool:
        """True when another Chinese numeral and word stand right before or after: a label such
        as 四级三类, 六横六纵 or 两学一做 rather than a count."""
        text = self.text
        before = start >= 2 and text[start - 2] in _LABEL_NUMERALS and _is_han(text[start - 1])
        after = text[end : end + 1] in _LABEL_NUMERALS and _is_han(text[end + 1 : end + 2])
        return before or after

    def change_before(self, start: int) -> Change | None:
        """Increase or decrease, from the verb right before the quantity (分别增长4.4%、5.6%)."""
        text = self.text
        if start and text[start - 1] in _BEFORE_CHANGED:  # else no verb can end right here
            verb = _CHANGE_VERB.search(text, max(0, start - 10), start)
            if verb is not None:
                return _CHANGES[verb["verb"]]
        if not start or text[start - 1] not in _ENUMERATION:
            return None  # no list goes on here
        for candidate in self.found[-1:-3:-1]:  # the last two quantities, nearest first
            if text[candidate.span.end : start] in _ENUMERATION:
                return candidate.change
        return None
