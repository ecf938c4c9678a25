"""The indicator phrase of each quantity of a sentence, found for all of them in one pass.

Rules (the annotation guide's last section): a measured value takes the noun phrase before it,
across verbs and comparisons (``地区生产总值达到``, ``比上年增长``); a count takes the counted noun
right after its measure word (``19项重点任务``) or, with none, the phrase before it (``发现问题421个``);
a quantity with no phrase of its own (``…，增长5.5%``) shares the one of the quantity before it in
the sentence; a ``分别`` list gives each quantity its own item, or the shared noun as written
(``刑事、治安案件分别下降6.6%、3.6%`` → ``案件``); a share (``占全省比重达61.3%``) measures the
sentence's subject. A quantity that modifies a noun counted by the next quantity (``亿元以上项目
48个``) or that is followed by ``的`` (``超亿元的工业企业``) is a threshold; one after ``从`` in
``从…增至…`` is a starting value.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from govreport.extractors.trie import trie_pattern
from govreport.indicators.base import IndicatorLexicon
from govreport.model import Quantity


def _words(text: str) -> tuple[str, ...]:
    """The words of a space-separated list."""
    return tuple(text.split())


def skipping(pattern: str, starts: Iterable[str]) -> re.Pattern[str]:
    """``pattern`` compiled for searches that skip to ``starts``, the characters its matches
    start with: one of them is matched, then ``pattern`` from it inside a one-character
    lookbehind, so a match is that character, with the groups ``pattern`` set. (Opening with a
    character class lets the engine skip by it; a group or lookahead first is tried at every
    position.)"""
    return re.compile(f"[{re.escape(''.join(sorted(set(starts))))}](?<=(?={pattern})(?s:.))")


_CLAUSE_END = "，,：:"
"""Characters that end a clause inside a sentence."""

_CHANGE_VERBS = _words(
    """
    增长 下降 增加 减少 提高 降低 上升 上涨 回落 下跌 扩大 缩小 增至 降至 升至 增到 提高到 增加到 下降到 减少到 减至 减产 增产
    达到 达 为 是 到 至 在 保持 稳定 控制 维持 跨上 迈上 跨过 跨越 攀升 实现 完成 累计 新增 共 共计 合计 总计 约 分别 均 年均
    平均 已 了 有 共有 拥有 增 减 从 由 增速 增幅 涨幅 降幅 拉动 贡献 高于 低于 快于 慢于 超出 突破 超过 超 居 排名 净增 净减
    首次 历史性 连续 再 又 就 拟 按 拟按 安排 拟安排 实有 年末 年底 全年 人均 增收 增支 减收 开行
    改善 恶化 偏高 偏低 偏多 偏少 偏早 偏晚 提升 提升至 提升到
    """
)
"""Words that stand between an indicator and its number (达到, 为, 比上年增长 …)."""

# The tail is matched backwards: the text before a number reversed, against the reversed words
# and comparisons, anchored at its start (one attempt instead of one per starting position).
# Each alternative opens with a plain character, so the engine passes over those that cannot
# match by their first character (an optional opening group made it try each of them).
_COMPARED_REVERSED = tuple(
    f"{compared}{base}[比较与同]"
    for compared in ("比相", "")
    for base in _words(
        r"末年上 底年上 期同年上 度年上 年上 期同年去 末年去 底年去 年去 初年 期同 季上 月上 年常"
        r" 末年\d{4} 底年\d{4} 期同年\d{4} 年\d{4} 国全 省全 市全"
    )
)
"""``比上年``, ``较去年同期``, ``较常年``, ``与2021年相比`` … reversed, ``比相`` first."""
_HIGHER_REVERSED = tuple(
    f"{than}于[高低快慢]" for than in ("国全", "省全", "市全", "区全", "平水均平", "")
)
"""``高于``, ``低于全国``, ``快于平均水平`` … reversed."""

_PLACES = _words(
    """
    全市 全省 全县 全区 全国 全州 全盟 全旗 全镇 全乡 全局 全系统 全行业 全市上下 我局 我市 我省 我县 我区 我州 本市 本县
    本省 本区 全年 当年 今年 本年 年末 年底 年初 年内 期末 全期 一年来 五年来 过去一年 过去五年 截至目前 目前 同期 其中 另外 此外
    同时 并 且 和 及 与 以及 、 等 的 共 累计 全部 均 已 还 又 再 先后 直接 提前 进一步 持续 扎实 大力 着力 积极 主动 深入
    顺利 成功 全力 加快 重点 全面 预计 预期 有望 首批 实有 共有 现有 拥有 各级 各类 含 按可比价格计算 按可比价计算 按现价计算
    同口径 按同口径 上年 上年度 本年度 将
    """
)
"""Places, bodies, times and adverbs that open a phrase and are no part of an indicator."""

_VERBS = _words(
    """
    实现 完成 新增 新建 建成 建设 改造 改建 开展 召开 举办 发放 兑现 投入 引进 带动 开发 办理 实施 推进 培育 获批 发行 接待
    解决 收到 制定 形成 落实 排查 梳理 建立 修订 列席 处理 晋升 使用 遴选 转任 招聘 选派 组建 设立 识别 开行 吸纳 安排 下达 落地
    签约 帮助 救助 资助 打造 创建 认定 评选 查处 立案查处 办结 受理 拆除 清理 治理 入选 新开工 开工 竣工 启动 组织 参与
    新入选 新培育 新（改）建 释放 投用 招收
    培训 走访 慰问 帮扶 征收 出台 印发 发布 编制 审批 核发 推动 支持 保障 提供 达成 获得 争取 筹集 拨付 投资 通过 运用 刊发 提拔
    锚定 完善 部署 申报 评定 命名 选树 表彰 约谈 发现 收集
    """
)
"""Verbs that open a phrase before a number (实现, 完成, 新增 …) and are left out of it."""

_EMBEDDED = ("实现", "完成")
"""Verbs that bulletins write inside an indicator's name (规模以上工业企业实现营业收入)."""

_STOPS = (
    *_VERBS,
    *_words(
        """
    进行 当选 被 在 存在 赴 来 让 使 向 对 于 已 均 都 正式 主动 全部 全面 年度 年底 年内 左右 增长 下降 增加 减少 提高
    比 较 同比 占 的 或 等 为 是 揭牌 布局 挺身 参赛 分别 累计 人民币 美元 增至 降至 升至 增到 提高到
    增加到 下降到 减少到 减至 达到 突破 超过 跨上 迈上 跨过 攀升 减产 增产 回落 上升 上涨 降低 扩大 缩小
        """
    ),
)
"""Words that end a counted noun after its measure word (召开31次相关会议，…)."""

_NOUN_CHARS = re.compile(r"[\u3400-\u9fffA-Za-z0-9“”‘’\"《》]+")
_STOP_INSIDE = re.compile(
    r"全(?:覆盖|过程|方位|链条)|位居|位列"
    # one-character verbs that also open nouns (居民, 获奖, 并购): only where they are verbs
    + r"|居(?=全|前|首|第)|获(?!奖)|并(?![购网联行列])"
)
"""What ends a counted noun inside it but may open one (2次全覆盖督查, 19项重点任务全过程管理)."""
_BRACKETED = 10
"""The longest bracketed part of a counted noun (县（市、区）)."""


_ALIAS = re.compile(r"[（(][A-Za-z0-9 ]+[）)]\Z")
"""A Latin alias in brackets at the end of a phrase (生产总值(GDP)): left out."""
_NAMED_SHARE = re.compile(r"(?:比重|比例)[（(]([^（）()]+)[）)]\Z")
"""A share named in brackets (占总人口的比重（常住人口城镇化率）)."""
_ITEM_SEPARATOR = re.compile(r"[、和及与]")
_PREPOSITIONS = "向对为给在于从由按把"
_NOT_PREPOSITIONS = frozenset(_words("从业 对外 在校 在建 在岗 在职 在册 在读 在园 在编 在押 由来"))
"""Words that open with a preposition's character and are nouns or modifiers (从业人数)."""
_JOINER_CHARS = "、和及与,，"
"""What may stand between the quantities of one run (6.8%、12.3%和7.8%)."""
_CLAUSE_SET = frozenset(_CLAUSE_END)
_NOTE = 40
"""How far before a quantity in brackets their opening is looked for."""
_LONGEST_NOUN = 30
"""How far a counted noun is looked for after a quantity that ends a sentence's list."""
_TAIL_WINDOW = 20
"""The longest run of verbs and comparisons looked for before a number."""
_TRAILING = "、等"
_CONJUNCTIONS = "、和及与等"
_NOT_COUNTED = "（和及与或"
"""What a counted noun never opens with (the words after are another phrase's)."""
_NO_NOUN = "，,。；;：:、！？!?\n）)%"
"""What no counted noun starts with."""
_LEVEL = re.compile(r"新?(?:台阶|大关|关口|规模|水平|量级)")
"""Nouns of a level reached (迈上1万亿元台阶, 达到万亿元规模): never what a value measures."""
_NOT_TAIL = frozenset(_words("行为 作为 认为 成为 签约 节约 制约 合约 履约"))
"""Words ending in a tail character (为, 约) that are nouns or verbs of the phrase."""
_REGION_WORDS = "经济区|经济带|都市圈|城市群|新区"
_REGION = re.compile(rf"[^、，（）“”]{{1,8}}?(?:{_REGION_WORDS})(?=[^、，）”]{{2}})")
"""A region that opens a phrase (成都平原经济区经济总量): a place, left out."""
_REGION_WORD = re.compile(_REGION_WORDS)
"""What a phrase with a region holds: searched for first (most phrases hold none)."""
_LONG_PHRASE = 10
"""A phrase longer than this is cut after its first inner verb (…多种形式开展专题教育)."""
_SHORTEST_WORD = 2
"""A verb stays before less than this (竣工率: 率 alone names nothing)."""
_INNER_START = re.compile(r"全年|当年|本年|年末|年底|年初|上半年|下半年|等")
"""A time inside a phrase, or the 等 closing a list of examples: the indicator starts after it."""
_INNER_OR_REGION = re.compile(f"{_INNER_START.pattern}|{_REGION_WORDS}")
"""A time, a 等 or a region word: what a phrase with either holds (one search for both)."""
_SHORTEST_CUT = 4
"""What is left after such a cut is at least this long (投入财政帮扶资金 keeps 帮扶资金)."""


class Phrase(NamedTuple):
    """What the text around a quantity says it measures."""

    span: tuple[int, int] | None
    """Where the indicator stands, or None when the sentence names nothing."""
    threshold: bool = False
    """The quantity only bounds a noun another quantity counts (``亿元以上项目``, ``超亿元的``)."""
    base: bool = False
    """The quantity is the starting value of a change (``从689万户增至951万户``)."""
    carried: bool = False
    """The quantity names nothing itself and shares the indicator of one before it
    (``…，增长5.5%``), and so its role."""


_make_phrase = functools.partial(tuple.__new__, Phrase)
"""A phrase made from its fields in order as the tuple it is: one per quantity (a NamedTuple's
own ``__new__`` is a Python call)."""


def _run_length(text: str, quantities: Sequence[Quantity], first: int) -> int:
    """How many quantities from ``first`` on are joined only by 、 和 及 与."""
    length = 1
    for left, right in zip(quantities[first:], quantities[first + 1 :], strict=False):
        gap = text[left.span.end : right.span.start]
        if gap.strip(_JOINER_CHARS) or not _CLAUSE_SET.isdisjoint(gap):
            break
        length += 1
    return length


def _named_before(
    text: str, quantities: Sequence[Quantity], first: int, phrases: Sequence[Phrase]
) -> list[tuple[int, int]]:
    """The indicators of the quantities before a run from ``first`` that names nothing, one
    for each of its quantities (empty unless the run has two or more and as many came before)."""
    length = _run_length(text, quantities, first)
    named: list[tuple[int, int]] = []
    if length < 2:
        return named
    for phrase in reversed(phrases):  # only back as far as the run needs
        if phrase.span is not None and not phrase.threshold:
            named.append(phrase.span)
            if len(named) == length:
                return named[::-1]
    return []


class PhraseRules:
    """The phrase rules with their patterns, compiled once per linker (so once per host, when
    its plugins register the linker), not at import."""

    def __init__(self) -> None:
        # The tail is matched backwards: the text before a number reversed, against the
        # reversed words and comparisons, anchored at its start (one attempt, not one per
        # starting position).
        # (comparisons first: 末年上比 is 比上年末, not the word 年末 and a stray 上比)
        alternatives = (*_COMPARED_REVERSED, "比同", "比环", *_HIGHER_REVERSED)
        verbs = trie_pattern(sorted(word[::-1] for word in _CHANGE_VERBS))
        self._tail = re.compile(f"(?:{'|'.join(alternatives)}|{verbs})+")
        # A place, time or adverb first, else a verb: the words that open a phrase.
        self._lead = re.compile(f"(?:{trie_pattern(_PLACES)})|(?P<verb>{trie_pattern(_VERBS)})")
        self._verb = re.compile(trie_pattern(_VERBS))
        # (only where a stop starts is read)
        self._stop = skipping(
            trie_pattern(_STOPS) + r"|达(?=\d)|中(?=[，,])", [*(w[0] for w in _STOPS), "达", "中"]
        )

    def _after(self, text: str, start: int, end: int) -> int:
        """Where the counted noun that starts at ``start`` ends (``start`` when there is none):
        characters up to a stop word or punctuation, brackets included."""
        pos = start
        while True:
            run = _NOUN_CHARS.match(text, pos, end)
            if run is not None:
                pos = run.end()
            if pos < end and text[pos] == "（" and pos > start:
                close = text.find("）", pos, min(end, pos + _BRACKETED + 2))
                if (
                    close > 0
                    and _CLAUSE_SET.isdisjoint(text[pos:close])
                    and "。" not in text[pos:close]
                ):
                    pos = close + 1
                    continue
            break
        stop = self._stop.search(text, start, pos + 1)  # one more: 中 ends a noun before a comma
        if stop is not None and stop.start() < pos:
            pos = stop.start()
        inside = _STOP_INSIDE.search(text, start + 1, pos)
        return pos if inside is None else inside.start()

    def _names_its_use(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is a quoted name alone or followed by a verb: the verb before
        it is what is counted (运用“第一种形态”55人次, 运用“四种形态”处理处分60人次)."""
        if text[start] != "“":
            return False
        close = text.find("”", start, end) + 1
        return close > 0 and (close == end or self._verb.match(text, close, end) is not None)

    def _strip_lead(self, text: str, start: int, end: int) -> tuple[int, int]:
        """``start`` moved past the places, times, adverbs and verbs that open ``text[start:end]``;
        a verb stays when less than a word would be left (``投入12亿元``, ``竣工率``) or when it
        uses a quoted name (:func:`_names_its_use`)."""
        verb_at = -1
        while start < end:
            if text[start] == "“":  # a quoted name opens the phrase
                break
            match = self._lead.match(text, start, end)
            if match is None:
                break
            if match.lastgroup:  # a verb
                if end - match.end() < _SHORTEST_WORD or self._names_its_use(
                    text, match.end(), end
                ):
                    break
                if verb_at >= 0 and end - match.end() < _SHORTEST_CUT:
                    break  # 实施帮扶项目: a second verb stays when it would leave a bare noun
                verb_at = start
            start = match.end()
        if start >= end and verb_at >= 0:
            start = verb_at
        return start, end

    def _strip_tail(self, backwards: str, start: int, end: int) -> int:
        """``end`` moved before the verbs and comparisons that close ``text[start:end]``, read
        in ``backwards`` (the text reversed)."""
        size = len(backwards)
        match = self._tail.match(backwards, size - end, size - max(start, end - _TAIL_WINDOW))
        if match is None:
            return end
        cut = size - match.end()
        # 行为 … end in a tail character (为): backwards, the tail's last match is that character
        if cut > start and backwards[size - cut - 1 : size - cut + 1][::-1] in _NOT_TAIL:
            cut += 1
        return cut

    def _cut_long(self, text: str, start: int, end: int) -> int:
        """For a long phrase, the start after its first inner verb not followed by 的."""
        for match in self._verb.finditer(text, start + 1, end - _SHORTEST_CUT):
            if text[match.end()] != "的" and match[0] not in _EMBEDDED:
                return match.start() if self._names_its_use(text, match.end(), end) else match.end()
        return start

    def _after_inner_start(self, text: str, start: int, end: int) -> int:
        """``start`` moved past a time, a list of examples or a region inside the phrase
        ``text[start:end]``."""
        # 统计口径内全年实现建筑总产值: a time inside the phrase ends the scope before it;
        # 锂电新能源、…和节能环保等八大重点产业工业增加值: the examples before 等 are left out
        first = _INNER_START.search(text, start + 1, end - 1)
        if first is not None:
            cut = start
            for inner in _INNER_START.finditer(text, first.start(), end - 1):
                if inner[0] != "等" or "、" in text[start : inner.start()]:
                    cut = inner.end()
            if cut > start:
                start, end = self._strip_lead(text, cut, end)
        if _REGION_WORD.search(text, start + 1, end) is not None:
            region = _REGION.match(text, start, end)
            if region is not None:
                start = region.end()
        return start

    def _shape(
        self, text: str, start: int, end: int, lexicon: IndicatorLexicon
    ) -> tuple[int, int] | None:
        """The indicator inside the phrase ``text[start:end]``, or None if it names nothing."""
        start, end = self._strip_lead(text, start, end)
        if _INNER_OR_REGION.search(text, start + 1, end) is not None:  # (most phrases: neither)
            start = self._after_inner_start(text, start, end)
        while end > start and (text[end - 1] in _TRAILING or text[end - 1].isspace()):
            end -= 1
        if end > start and text[end - 1] in "）)":
            alias = _ALIAS.search(text, start, end)
            if alias is not None and alias.start() > start:
                end = alias.start()
            named = _NAMED_SHARE.search(text, start, end)
            if named is not None:
                return named.start(1), named.end(1)
        if start >= end or text[start] == "占":
            return None
        if (
            text[start] in _PREPOSITIONS
            and end - start > 2
            and text[start : start + 2] not in _NOT_PREPOSITIONS
        ):
            # 向重要河湖湿地生态补水: a known indicator after a preposition
            # (对经济增长贡献率 stays whole: a one-character head is no indicator on its own)
            head = lexicon.ending(text[start:end])
            start = end - head if head >= _SHORTEST_WORD else start
        if end - start > _LONG_PHRASE:
            start = self._cut_long(text, start, end)
        return (start, end) if start < end else None

    def _items(
        self, text: str, start: int, end: int, lexicon: IndicatorLexicon
    ) -> list[tuple[int, int]]:
        """The items of a ``分别`` list, each whole, or the shared noun for each as written."""
        start, end = self._strip_lead(text, start, end)
        bounds, depth, piece = [], 0, start
        for i in range(start, end):
            ch = text[i]
            if ch in "（(“":
                depth += 1
            elif ch in "）)”":
                depth -= 1
            elif depth == 0 and _ITEM_SEPARATOR.match(ch):
                bounds.append((piece, i))
                piece = i + 1
        bounds.append((piece, end))
        bounds = [(a, b) for a, b in bounds if a < b]
        if len(bounds) < 2:
            return bounds
        last_start, last_end = bounds[-1]
        head = lexicon.ending(text[last_start:last_end])
        # The last item ends with an indicator word the others lack: they share it.
        if _SHORTEST_WORD <= head < last_end - last_start and not any(
            lexicon.ending(text[a:b]) for a, b in bounds[:-1]
        ):
            return [(last_end - head, last_end)] * len(bounds)
        return bounds

    def _counts_a_noun(self, text: str, quantity: Quantity) -> bool:
        """Whether a counted noun follows ``quantity``."""
        end = quantity.span.end
        return self._after(text, end, min(len(text), end + _LONGEST_NOUN)) > end

    def find_phrases(
        self,
        text: str,
        backwards: str,
        sentence: tuple[int, int],
        quantities: Sequence[Quantity],
        lexicon: IndicatorLexicon,
        *,
        clauses: Sequence[int],
        stops: Sequence[int],
    ) -> list[Phrase]:
        """One :class:`Phrase` per quantity of the sentence ``text[sentence[0]:sentence[1]]``.

        :param quantities: the sentence's quantities, in order.
        :param clauses: where the sentence's clauses start (after each ``，：``), ascending, the
            sentence's start first.
        :param stops: where the sentence's dates end, ascending: no phrase reaches back over one.
        """
        s_start, s_end = sentence
        phrases: list[Phrase] = []
        subject: tuple[int, int] | None = None
        bounded: tuple[int, int] | None = None  # what the last threshold bounds (营业收入超亿元)
        listed: list[tuple[int, int]] = []  # the items of the last 分别 list
        run = 0  # position of this quantity in a run joined by 、 和 及
        previous_end = s_start
        n = len(quantities)
        for i, quantity in enumerate(quantities):
            q_span = quantity.span
            q_start, q_end = q_span.start, q_span.end
            next_start = quantities[i + 1].span.start if i + 1 < n else s_end
            clause_start = clauses[bisect.bisect_right(clauses, q_start) - 1]
            if i:
                gap = text[previous_end:q_start]
                joined = not gap.strip(_JOINER_CHARS) and _CLAUSE_SET.isdisjoint(gap)
                run = run + 1 if joined else 0
            else:
                gap = ""
            floor = clause_start
            if stops:
                last_stop = bisect.bisect_right(stops, q_start)
                if last_stop and stops[last_stop - 1] > floor:
                    floor = stops[last_stop - 1]
            bound = previous_end if previous_end > floor else floor
            phrase_end = q_start
            if i and "）" in gap:
                # The quantity before stands in brackets (特殊教育学生（含…575人）4943人): right
                # before this one they are a note on the phrase before them, else part of it
                # (电信业务（含…三家）总量36.94亿元).
                before = quantities[i - 1].span.start
                opening = text.rfind("（", max(floor, before - _NOTE), before)
                if opening >= 0 and "（" not in gap:
                    bound = floor
                    phrase_end = opening if text[q_start - 1] == "）" else q_start
            if i and previous_end >= clause_start:
                # …投资达11亿元的虹发铝型材、投资10亿元: an item of a list after a quantity of
                # its clause (a 、 in brackets separates nothing: 县（市、区）)
                comma = text.rfind("、", bound, phrase_end)
                if comma >= 0 and text.rfind("（", bound, comma) <= text.rfind("）", bound, comma):
                    bound = comma + 1
            bracket = text.rfind("（", bound, phrase_end)
            if bracket >= 0 and text.find("）", bracket, phrase_end) < 0:
                bound = bracket + 1
            # (most quantities end a clause: no counted noun to look for)
            after_end = (
                q_end
                if q_end >= next_start or text[q_end] in _NO_NOUN
                else self._after(text, q_end, next_start)
            )
            follows_de = q_end < s_end and text[q_end] == "的"
            base = q_start > bound and text[q_start - 1] == "从"
            span: tuple[int, int] | None = None
            own = True
            threshold = (
                follows_de and text.startswith(("增", "提", "下", "减", "达"), q_end + 1) is False
            )
            # A noun that opens with a conjunction is the next item's (2603人和送教上门学生575人).
            if after_end > q_end and text[q_end] not in _NOT_COUNTED:
                a_end = after_end
                while a_end > q_end and text[a_end - 1] in _CONJUNCTIONS:
                    a_end -= 1
                if a_end > q_end and _LEVEL.fullmatch(text, q_end, a_end) is None:
                    span = (q_end, a_end)
                    # 亿元以上项目48个: the noun is counted by the next quantity, which names no
                    # noun of its own (116个国家和地区近4000名运动员 is two counts)
                    threshold = threshold or (
                        a_end == next_start
                        and i + 1 < n
                        and not self._counts_a_noun(text, quantities[i + 1])
                    )
                    previous_end = a_end
            if span is None:
                own = False
                named_before = phrases[-1].span if phrases else None
                # (the 分别 and the phrase's end are looked for only where the branches before
                # them are not taken)
                if run and (listed or subject):
                    span = listed[run] if run < len(listed) else (listed[-1] if listed else subject)
                elif (split := text.rfind("分别", bound, phrase_end)) >= bound:
                    own = True
                    listed = self._items(text, bound, split, lexicon)
                    if not listed:  # …，分别增长4.0%、9.2%: the quantities named before
                        listed = _named_before(text, quantities, i, phrases)
                    span = listed[0] if listed else subject
                    if len(listed) == 1:
                        listed = []
                elif (
                    (raw_end := self._strip_tail(backwards, bound, phrase_end)) > bound
                    and bound == previous_end
                    and named_before is not None
                    and named_before[1] == bound
                    and text.startswith(_EMBEDDED, bound)
                ):
                    # 810个省重点项目完成投资10428.6亿元: what the count before it counts did it
                    own = True
                    span, listed = (named_before[0], raw_end), []
                elif raw_end > bound:
                    span = self._shape(text, bound, raw_end, lexicon)
                    if span is None:
                        span = listed[0] if listed and not run else subject
                    else:
                        own = True
                        listed = []
                else:
                    # …，同比增长5.3%和6.4%: a run that names nothing takes the quantities
                    # named before, one each
                    if not listed and not run:  # (once per run: 19项19项… is one run)
                        listed = _named_before(text, quantities, i, phrases)
                    span = listed[0] if listed else subject
                if threshold and span is subject:  # 超10亿元的: a bound on what bounded before
                    span = bounded or span
                elif (
                    phrases
                    and phrases[-1].threshold
                    and bound == previous_end
                    and span is subject
                    and named_before is not None
                    and named_before[0] >= quantities[i - 1].span.end
                ):
                    span = named_before  # 1000千伏输电线路1240公里: the noun it bounded
                previous_end = max(previous_end, q_end)
            if not threshold and span is not None:
                subject = span
            if threshold and span is not None:
                bounded = span
            phrases.append(_make_phrase((span, threshold, base, not own)))
        return phrases
