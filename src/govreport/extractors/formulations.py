"""Numbered political and policy formulations (提法): ``两个确立``, ``四风``, ``“1+2”``.

Three sources, in this order of precedence (a span is reported once):

1. **Quoted labels.** A text in quotes (``“…”``, ``"…"``, ``「…」``, ``‘…’``, ``〝…〞``) is a
   formulation when it is a short label (2 to :data:`MAX_QUOTED` characters, no sentence
   punctuation, no spaces, no ``的``) with a numeral that numbers something: ``“两个维护”``,
   ``“十项行动”``, ``“五型”``, ``“1+2”``, ``“21条”``, ``“第一议题”``. A numeral does not count
   when it belongs to a word (进一步, 一体, 双向 …), a place name (四川, 三门峡 …), a plan label
   (十四五, 九五), a holiday (五一, 十一), a model number (三号), or when it counts time or
   people (三年, 一小时, 五人制, 十二月); numerals glued to Latin letters (5G, PM2.5) and bare digit strings (``“12345”``)
   are codes. ``零`` numbers nothing (``“零亡人”``), and event codes (``“23·7”``) have a middle
   dot. In a quote with ``、``, every part must start with a numeral (``“双随机、一公开”``).
   The span excludes the quotes.
2. **The glossary.** Well-known formulations (domain reference §5, :data:`DEFAULT_FORMULATIONS`)
   are found unquoted too, as whole strings, longest first (中央八项规定 before 八项规定); a quoted
   glossary term keeps ``quoted=True`` and gets the glossary's meaning.
3. **N大 + category** (``三大攻坚战``, ``五大片区``, ``六大优势产业``): a numeral two to ten, ``大``,
   and a noun phrase that ends in a category word (区, 业, 项, 程, 战 …) within six characters.
   Congress numbers (二十大) and ordinals (第三大) are excluded by what stands before.
4. **N项 + norm** (``八项主张``, ``四项基本原则``, ``五项原则``, ``十条禁令``): a Chinese numeral, 项,
   条 or 个, and a word naming a fixed set of norms (原则, 主张, 准则, 禁令, 纪律, 注意 …) numbers a
   formulation; a count of things done (``十项措施``) stays a quantity.
5. **Headwords of a notes or glossary list** (``注释``, ``名词解释`` at a line start, then entries
   ``七个有之：…``): an entry's headword that numbers something, like a quoted label.

A quoted string of digits (``“1310”``, ``“45432”``) is a numbered formulation like ``“1+2”``,
unless a hotline or service word follows it (``“12345”热线``) or it is a year.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

import attrs

from govreport.extractors.base import Configuration, ExtractionContext
from govreport.extractors.trie import trie_pattern
from govreport.model import Formulation, Mention, Span, Vocabulary
from govreport.model._unchecked import unchecked

MAX_QUOTED = 12
"""Longest quoted text, in characters, still read as a formulation; longer ones are slogans."""

DEFAULT_FORMULATIONS: Mapping[str, str] = MappingProxyType(
    {
        "两个确立": "Xi's core position and his Thought as guiding ideology are 'established'",
        "两个维护": "uphold Xi's core position and the Central Committee's centralized leadership",
        "四个意识": "political, big-picture, core and alignment consciousness",
        "四个自信": "confidence in the path, theory, system and culture",
        "四风": "formalism, bureaucratism, hedonism and extravagance",
        "三大纪律八项注意": "the People's Liberation Army's code of conduct (1947)",
        "中央八项规定": "the Politburo's 2012 eight rules on official conduct",
        "八项规定": "the Politburo's 2012 eight rules on official conduct",
        "三不腐": "officials dare not, cannot and do not want to be corrupt",
        "四种形态": "four forms of discipline, from criticism to criminal investigation",
        "第一种形态": "the mildest form of discipline: criticism and talks",
        "两个责任": "the party committee's primary and the discipline commission's supervisory duty",
        "第一责任人": "the party secretary as the person primarily responsible",
        "一岗双责": "every leader answers for both business work and party conduct",
        "四个亲自": "the secretary personally deploys, looks into, coordinates and supervises",
        "两个清单": "two responsibility lists (local meaning varies)",
        "三会一课": "branch members' meeting, branch committee, party group meeting, party lecture",
        "两学一做": "study the Party Constitution and Xi's speeches, be a qualified member",
        "两优一先": "awards: outstanding members, party workers, advanced party organizations",
        "一报告两评议": "yearly report on cadre selection, rated by members",
        "第一议题": "Xi's latest speeches studied as the first item of party meetings",
        "三个以案": "take warning from, learn from and reform after a case",
        "三严三实": "three stricts and three earnests for officials' conduct",
        "三重一大": "major decisions, appointments, projects and sums decided collectively",
        "三个区分开来": "tell honest mistakes in reform from deliberate violations",
        "一把手": "the principal leader of a unit",
        "五位一体": "economic, political, cultural, social and ecological construction",
        "四个全面": "modern socialist country, deeper reform, rule of law, strict governance",
        "三大攻坚战": "fight risks, poverty and pollution",
        "三农": "agriculture, rural areas and farmers",
        "两会": "the annual sessions of the people's congress and the political consultative conf.",
        "清四乱": "clear illegal occupation, mining, dumping and building in river and lake zones",
        "四乱": "illegal occupation, mining, dumping and building in river and lake zones",
        "四预": "forecast, early warning, rehearsal and contingency plan for floods",
        "十六字治水思路": "water saving first, spatial balance, systematic governance, two hands",
        "三条红线": "caps on total water use, water-use efficiency and pollution of water zones",
        "四水四定": "plan cities, land, population and industry by the water available",
        "水十条": "the 2015 Water Pollution Prevention and Control Action Plan",
        "双随机、一公开": "random inspectors, random targets, results made public",
        "六稳六保": "stabilize and secure employment, finance, trade, investment and more",
    }
)
"""Built-in glossary: formulation → one-line meaning (domain reference §5 and §3.8)."""

_NUMERALS = "一二三四五六七八九十百千万两双0-9０-９"


# Words and names whose numerals number nothing (domain reference §3.8); matched inside quotes.
_NOT_COUNTING = (
    # lexicalized words
    "进一步", "统一", "一体", "一线", "一些", "一起", "一直", "一定", "一般", "一切", "一致",
    "一律", "一度", "一流", "一批", "一以贯之", "唯一", "万一", "千方百计", "百姓", "万众一心",
    "第一时间", "一方面", "一系列", "一样", "一旦", "一并", "一同", "一贯", "一站式", "千家万户",
    "万千", "双向", "双方", "双边", "双赢", "双重",
    # place names
    "四川", "三亚", "三沙", "三明", "三门峡", "六安", "六盘水", "七台河", "九江", "十堰", "四平",
    "五家渠", "双鸭山", "百色", "万宁", "五指山", "二连浩特", "万州", "长三角", "珠三角", "三峡",
    "九寨沟", "三星堆", "五台山", "九华山", "八达岭", "千岛湖",
)  # fmt: skip
# Longest word first: the trie tries them in that order (see _trie).
_MASK = (
    trie_pattern(_NOT_COUNTING)
    # five-year plan labels: 十四五 anywhere; 九五, 十五 alone or before 规划 (“九五”普法规划)
    + r"|十[一二三四五六七八九]五|(?:十|[一二三四五六七八九])五(?=规划|计划|时期|期间|$)"
    # holidays named by their date (domain §3.8): “五一”, “七一”, “十一”
    + r"|^(?:三八|五一|五四|六一|七一|八一|十一)(?=$|假期|黄金周|节)"
    # numerals that count time or people, number a model or a session: 三年, 五人制, 三号, 第二届
    + rf"|[{_NUMERALS}〇零]+(?=小时|分钟|[年月日号时天周秒人届])"
    # codes glued to Latin letters: 5G, PM2.5
    + r"|[0-9０-９]+(?=[A-Za-z])|(?<=[A-Za-z])[0-9０-９.]+"
)
# A masked stretch, else a numeral no mask covers (group 1): scanning left to right, it finds
# the numerals that are left once every masked stretch is blanked out.
_UNMASKED = re.compile(rf"(?:{_MASK})|([{_NUMERALS}])")
_LEADING_NUMERAL = re.compile(rf"第?[{_NUMERALS}]")
_ONLY_DIGITS = re.compile(r"[0-9０-９]+")
# Sentence punctuation, brackets, dashes and middle dots: slogans, lists and event codes.
_PUNCTUATION_CLASS = r"\s，。！？；：,.!?;:…—–\-()（）《》〈〉“”‘’「」『』〝〞\"·・•‧/／的"

_LINE_ENDS = "\n\r\x0b\x0c\x85\u2028\u2029"
# Quotation marks: a quote is up to 64 characters between them on one line. ASCII quotes open
# and close alike, so they pair off along the line; a bound would let a long quote's closing
# mark open the next one. The scan stays linear: each attempt ends at the next quote mark or
# line end.
_QUOTE_MARKS = (("“", "”"), ("「", "」"), ("‘", "’"), ("〝", "〞"), ('"', '"'))
_MAX_QUOTE = 64


def _quote_patterns(keys: Iterable[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """For each kind of quotation mark, its opening mark and a pattern for the quotes in them
    that may be formulations: group 1 a text that may pass :func:`_numbers_something` (2 to
    :data:`MAX_QUOTED` characters, a numeral, no punctuation), else group 2 a glossary term.

    Other quotes are not matched, which moves no later match: a text between curly quotes holds
    no opening mark, so the next quote starts after its closing one either way. ASCII quotes
    open and close alike, so their pattern matches every other quote too, with neither group,
    and they pair off as before.
    """
    keys = tuple(keys)
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for opening, closing in _QUOTE_MARKS:
        marks = opening if opening == closing else opening + closing
        quoted = f"[^{marks}{_LINE_ENDS}]"
        plain = f"[^{marks}{_LINE_ENDS}{_PUNCTUATION_CLASS}]"
        label = rf"(?={plain}{{0,{MAX_QUOTED - 1}}}?[{_NUMERALS}])({plain}{{2,{MAX_QUOTED}}})"
        alternatives = [label + closing]
        ascii_quote = opening == closing
        terms = [
            key
            for key in keys
            if (ascii_quote or 1 <= len(key) <= _MAX_QUOTE)
            and not any(ch in marks or ch in _LINE_ENDS for ch in key)
        ]
        if terms:
            alternatives.append(f"({trie_pattern(terms)}){closing}")
        if ascii_quote:
            alternatives.append(f"{quoted}*{closing}")
        patterns.append((opening, re.compile(f"{opening}(?:{'|'.join(alternatives)})")))
    return tuple(patterns)


# N大 + a noun ending in a category word: 三大攻坚战, 五大片区, 八大重点产业. Congress numbers
# (二十大) and ordinals (第三大) are excluded by what stands before. The pattern starts at 大, so
# the engine skips ahead to one, and looks back at the numeral. A 大 right after a noun of six
# characters is taken along: its numeral stands inside the noun, where no match may start.
_BIG = re.compile(
    rf"大(?<=[两三四五六七八九十]大)(?<![第〇零{_NUMERALS}][两三四五六七八九十]大)"
    r"([\u4e00-\u9fff]{1,6})大?"
)
_CATEGORY_ENDS = frozenset("区业项程动战略念块系地群域带圈廊链类网")


def _freeze(glossary: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(glossary))


# After a quoted number, the words that make it a telephone or service number (“12345”热线).
_SERVICE_WORDS = (
    "热线",
    "电话",
    "平台",
    "服务",
    "便民",
    "号码",
    "专线",
    "短信",
    "政务",
    "监督",
    "举报",
)
_YEAR_DIGITS = re.compile(r"(?:19|20)[0-9]{2}")


def _a_digit_code(label: str, text: str, end: int) -> bool:
    """Whether quoted digits number a formulation (“1310”, “45432”): not a hotline, not a year."""
    if _YEAR_DIGITS.fullmatch(label):
        return False
    return not text.startswith(_SERVICE_WORDS, end)


def _numbers_something(quoted: str) -> bool:
    """Whether a quoted text of the right length, with a numeral and no punctuation, reads as a
    numbered formulation (module docstring, rule 1)."""
    if _ONLY_DIGITS.fullmatch(quoted):
        return False
    if "、" in quoted and not all(_LEADING_NUMERAL.match(part) for part in quoted.split("、")):
        return False
    # A numeral counts when no masked word covers it.
    search = _UNMASKED.search
    match = search(quoted)
    while match is not None:
        if match.start(1) >= 0:
            return True
        match = search(quoted, match.end())
    return False


@attrs.frozen
class FormulationExtractor:
    """Finds numbered formulations: quoted labels, glossary terms and ``N大`` categories."""

    glossary: Mapping[str, str] = attrs.field(
        default=DEFAULT_FORMULATIONS,
        converter=_freeze,
        hash=False,  # a mapping is unhashable; equal extractors still hash alike
        repr=lambda glossary: f"<{len(glossary)} terms>",
    )
    """Known formulations → one-line meanings; plugins pass an extended copy."""
    name: str = "formulations"
    """Extractor name."""
    order: int = 100
    """Runs first: documents, dates and quantities leave its spans alone."""
    _terms: re.Pattern[str] | None = attrs.field(init=False, repr=False, eq=False)
    _quotes: tuple[tuple[str, re.Pattern[str]], ...] = attrs.field(init=False, repr=False, eq=False)
    _configured_for: tuple[Vocabulary, ...] | None = attrs.field(default=None, eq=False, repr=False)
    """The vocabularies whose entries :meth:`configured` merged into the glossary."""

    @_quotes.default
    def _compile_quotes(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return _quote_patterns(self.glossary)

    @_terms.default
    def _compile_terms(self) -> re.Pattern[str] | None:
        # An empty key would match everywhere with an empty span.
        keys = [key for key in self.glossary if key]
        if not keys:
            return None
        # Longest first, so 中央八项规定 wins over 八项规定; never inside a longer number.
        terms = trie_pattern(keys, not_after=f"[第〇零{_NUMERALS}]")
        return re.compile(rf"{terms}(?![{_NUMERALS}])")

    def configured(self, configuration: Configuration) -> FormulationExtractor:
        """This extractor with the host's ``formulation`` vocabularies merged into its glossary
        and compiled."""
        return self._with_vocabularies(configuration.vocabularies)

    def extract(self, context: ExtractionContext) -> Iterator[Mention]:
        """Every formulation in ``context.text``, in document order.

        Entries of ``formulation`` vocabularies join the glossary (their meaning, else their
        category, as the gloss): merged and compiled here, unless this extractor was
        configured for ``context.vocabularies``.
        """
        vocabularies = context.vocabularies
        if self._configured_for is vocabularies or all(
            v.kind != "formulation" for v in vocabularies
        ):
            return self.find(context.text)
        return self._with_vocabularies(context.vocabularies).find(context.text)

    def _with_vocabularies(self, vocabularies: tuple[Vocabulary, ...]) -> FormulationExtractor:
        """This extractor with the entries of the ``formulation`` ones of ``vocabularies``
        merged into its glossary, compiled."""
        extra = [v for v in vocabularies if v.kind == "formulation"]
        glossary = dict(self.glossary)
        for vocabulary in extra:
            for entry in vocabulary.entries:
                glossary.setdefault(entry.term, entry.meaning or entry.category)
        # One evolve: each one compiles the glossary's patterns again.
        return attrs.evolve(self, glossary=glossary, configured_for=vocabularies)

    def find(self, text: str) -> Iterator[Mention]:
        """Every formulation in ``text``, in document order."""
        quoted = self._quoted(text)
        # Unquoted candidates, by start; at one start a glossary term beats an N大 match.
        extra = (
            self._glossary_terms(text) + _big_categories(text) + _norm_sets(text) + _headwords(text)
        )
        extra.sort(key=_FIRST_TWO)
        kept: list[_Found] = []
        position, last_end, count = 0, 0, len(quoted)
        for start, _, end, written, meaning in extra:
            # Quoted spans do not overlap one another, so one pointer walks them in step.
            while position < count and quoted[position][1] <= start:
                position += 1
            if start < last_end or (position < count and quoted[position][0] < end):
                continue
            kept.append((start, end, written, meaning, False))
            last_end = end
        if kept:
            quoted += kept
            quoted.sort(key=_FIRST_TWO)
        # Made only now, for the candidates kept: offsets and texts are the matches' own.
        return iter(
            [
                _formulation(_span(start, end), written, meaning, in_quotes)
                for start, end, written, meaning, in_quotes in quoted
            ]
        )

    def _quoted(self, text: str) -> list[_Found]:
        """Quoted formulations (rule 1), and quoted glossary terms, by span."""
        found: list[_Found] = []
        glossary = self.glossary
        styles = 0
        for opening, pattern in self._quotes:
            if opening not in text:
                continue
            styles += 1
            for match in pattern.finditer(text):
                group = match.lastindex
                if group is None:
                    continue  # an ASCII quote that is no formulation
                label = match[group]
                # Group 1 has the length, numeral and punctuation of a label; group 2 is a term.
                if group == 1 and _ONLY_DIGITS.fullmatch(label):
                    if not _a_digit_code(label, text, match.end()):
                        continue
                elif not (group == 2 or label in glossary or _numbers_something(label)):
                    continue
                start, end = match.span(group)
                found.append((start, end, label, glossary.get(label), True))
        if styles > 1:
            found.sort(key=_FIRST_TWO)
        return found

    def _glossary_terms(self, text: str) -> list[_Candidate]:
        """Glossary terms wherever they stand (rule 2), as ``(start, 0, end, text, meaning)``."""
        if self._terms is None:
            return []
        glossary = self.glossary
        found: list[_Candidate] = []
        for match in self._terms.finditer(text):
            start, end = match.span()
            term = match[0]
            found.append((start, 0, end, term, glossary[term]))
        return found


# (start, end, text, meaning, quoted) of a kept formulation; (start, source, end, text, meaning)
# of an unquoted candidate, where source 0 (glossary) beats 1 (N大) at one start. Both sort by
# their first two.
_Found = tuple[int, int, str, str | None, bool]
_Candidate = tuple[int, int, int, str, str | None]
_FIRST_TWO = operator.itemgetter(0, 1)
_formulation = unchecked(Formulation)
_span = unchecked(Span)


def _big_categories(text: str) -> list[_Candidate]:
    """``N大`` + category formulations (rule 3), as ``(start, 1, end, text, None)``."""
    found: list[_Candidate] = []
    for match in _BIG.finditer(text):
        noun = match[1]
        # The phrase ends after its first category word from the second character on.
        end = next((i + 1 for i in range(1, len(noun)) if noun[i] in _CATEGORY_ENDS), 0)
        if end:
            start, end = match.start() - 1, match.start(1) + end
            found.append((start, 1, end, text[start:end], None))
    return found


# N项 + a word naming a fixed set of norms (rule 4). Not inside a longer number or an ordinal:
# the test looks back from the first numeral over both, so that the pattern starts with a plain
# class and the engine skips ahead to one.
_NORM_SET = re.compile(
    r"[两三四五六七八九十](?<![第〇零一二三四五六七八九十百千万两0-9０-９][两三四五六七八九十])"
    r"[两三四五六七八九十]{0,2}[项条个]"
    r"(?:基本原则|原则|主张|准则|禁令|纪律|注意|不准|严禁|铁律|有之)"
)


def _norm_sets(text: str) -> list[_Candidate]:
    """``N项`` + norm formulations (rule 4), as ``(start, 1, end, text, None)``."""
    found: list[_Candidate] = []
    for match in _NORM_SET.finditer(text):
        start, end = match.span()
        found.append((start, 1, end, match[0], None))
    return found


# A notes or glossary list (rule 5): its heading at a line start, then entries whose headword
# (after an optional [1], 1. or ① of its own) ends at the first colon of the line.
_NOTES_HEADING = r"[ \t\u3000]*(?:(?:名词解释|名词注释|注释)[：:]?|注[：:])"
# The first line's heading, else the first after a line feed (what ``^`` in MULTILINE mode
# finds): the line feed, a literal, lets the search skip ahead in C, where ``^`` is tried at
# every character.
_NOTES_FIRST = re.compile(_NOTES_HEADING)
_NOTES_AFTER_BREAK = re.compile("\n" + _NOTES_HEADING)
# An entry stands at a line start after the heading: after a line feed, a literal, which lets
# the search skip ahead in C (``^`` in MULTILINE mode is tried at every character). No entry
# spans a line, so the entries are those a ``^`` pattern finds.
_HEADWORD = re.compile(
    r"\n[ \t\u3000]*(?:[\[［【(（]?[0-9０-９]{1,2}[\]］】)）.．、]|[①-⑳])?[ \t\u3000]*"
    rf"(?P<word>[^：:\n\r，。；]{{2,{MAX_QUOTED}}})[：:]"
)


def _headwords(text: str) -> list[_Candidate]:
    """Headwords of the notes list that number something (rule 5)."""
    notes = _NOTES_FIRST.match(text) or _NOTES_AFTER_BREAK.search(text)
    if notes is None:
        return []
    found: list[_Candidate] = []
    for match in _HEADWORD.finditer(text, notes.end()):
        word = match["word"]
        if _numbers_something(word):
            start, end = match.span("word")
            found.append((start, 1, end, word, None))
    return found
