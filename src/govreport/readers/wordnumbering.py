"""Word's automatic numbering, rendered as a reader sees it (``一、`` ``（一）`` ``1.`` ``（1）`` ``①``).

Offices number headings with list numbering, so the numbers are in no paragraph's text: they come
from list definitions (``word/numbering.xml`` in a .docx, the LST/LFO tables of a .doc). Both
readers turn those into :class:`ListLevel` / :class:`ListDefinition` and ask a
:class:`Numberer` for each numbered paragraph's label, in document order. The counting rules are
Word's: a level starts at its ``start``; using a level restarts the deeper levels whose restart
limit allows it; ``lvlText`` places each level's number (``%1`` … ``%9``) in its own format, or in
decimal for a legal-style level.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import attrs

_DIGITS = "〇一二三四五六七八九"
_SIMPLIFIED_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TRADITIONAL_LEGAL = "零壹貳參肆伍陸柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def _decimal(n: int) -> str:
    return str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _letter(n: int) -> str:
    # Word repeats the letter past Z: A … Z, AA … ZZ, AAA …
    if n < 1:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _counting(
    digits: str, ten: str, hundred: str, thousand: str, myriad: str
) -> Callable[[int], str]:
    """Chinese counting (十一, 一百零五, 一千), with the unit characters given."""
    units = ("", ten, hundred, thousand)

    def below_myriad(n: int, lead: bool) -> str:
        out: list[str] = []
        zero = False
        for place in (3, 2, 1, 0):
            digit = n // 10**place % 10
            if digit == 0:
                zero = bool(out)
                continue
            if zero:
                out.append(digits[0])
                zero = False
            # 十一 not 一十一 at the very start; 一百一十 inside a number
            if not (place == 1 and digit == 1 and not out and lead):
                out.append(digits[digit])
            out.append(units[place])
        return "".join(out)

    def render(n: int) -> str:
        if n <= 0:
            return digits[0] if n == 0 else str(n)
        high, low = divmod(n, 10_000)
        if not high:
            return below_myriad(low, lead=True)
        text = render(high) + myriad
        if low:
            text += (digits[0] if low < 1000 else "") + below_myriad(low, lead=False)
        return text

    return render


def _digit_by_digit(digits: str) -> Callable[[int], str]:
    return lambda n: "".join(digits[int(d)] for d in str(n)) if n >= 0 else str(n)


def _cycle(symbols: str) -> Callable[[int], str]:
    """A fixed series (甲乙丙…, ①…⑳); past its end Word writes the number in decimal."""
    return lambda n: symbols[n - 1] if 1 <= n <= len(symbols) else str(n)


def _block(first: int, count: int) -> str:
    return "".join(chr(first + i) for i in range(count))


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

FORMATS: Mapping[str, Callable[[int], str]] = {
    "decimal": _decimal,
    "decimalHalfWidth": _decimal,
    "decimalZero": lambda n: f"{n:02d}" if 0 <= n < 10 else str(n),
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalEnclosedCircle": _cycle(_block(0x2460, 20)),
    "decimalEnclosedCircleChinese": _cycle(_block(0x2460, 20)),
    "decimalEnclosedParen": _cycle(_block(0x2474, 20)),
    "decimalEnclosedFullstop": _cycle(_block(0x2488, 20)),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letter,
    "lowerLetter": lambda n: _letter(n).lower(),
    "chineseCounting": _counting(_DIGITS.replace("〇", "零"), "十", "百", "千", "万"),
    "chineseCountingThousand": _counting(_DIGITS.replace("〇", "零"), "十", "百", "千", "万"),
    "chineseLegalSimplified": _counting(_SIMPLIFIED_LEGAL, "拾", "佰", "仟", "万"),
    "japaneseCounting": _counting(_DIGITS.replace("〇", "零"), "十", "百", "千", "万"),
    "taiwaneseCounting": _counting(_DIGITS.replace("〇", "零"), "十", "百", "千", "萬"),
    "taiwaneseCountingThousand": _counting(_DIGITS.replace("〇", "零"), "十", "百", "千", "萬"),
    "ideographLegalTraditional": _counting(_TRADITIONAL_LEGAL, "拾", "佰", "仟", "萬"),
    "ideographDigital": _digit_by_digit(_DIGITS),
    "taiwaneseDigital": _digit_by_digit(_DIGITS),
    "japaneseDigitalTenThousand": _digit_by_digit(_DIGITS),
    "ideographTraditional": _cycle(_STEMS),
    "ideographZodiac": _cycle(_BRANCHES),
    "ideographEnclosedCircle": _cycle(_block(0x3280, 10)),
    "none": lambda n: "",
}
"""Renderers of Word's number formats (``w:numFmt``), by their OOXML names. A format missing
here (``ordinal``, ``cardinalText``, scripts no Chinese report uses) renders in decimal."""

_BULLET = "•"
_PLACEHOLDER = re.compile(r"%([1-9])")


def render_number(fmt: str, value: int) -> str:
    """``value`` in Word number format ``fmt`` (decimal for a format Word has and this lacks)."""
    return FORMATS.get(fmt, _decimal)(value)


@attrs.frozen(kw_only=True)
class ListLevel:
    """One level of a list definition (a ``w:lvl``, or a .doc LVL)."""

    start: int = 1
    """The first number of the level."""
    fmt: str = "decimal"
    """The number format, by its OOXML name (``chineseCounting``, ``decimal``, ``bullet`` …)."""
    text: str = ""
    """The label template, ``%1`` … ``%9`` standing for the numbers of levels 1 … 9."""
    restart: int | None = None
    """Restart after a use of a level whose 1-based number is at most this; None: after any
    shallower level (Word's default); 0: never."""
    legal: bool = False
    """Legal style: every number in the label in decimal (``w:isLgl``)."""
    suffix: str = ""
    """The text that follows the label (see :func:`suffix_text`)."""
    style: str | None = None
    """The paragraph style this level numbers, when the definition names one (a heading style
    linked to a level numbers its paragraphs at that level)."""


@attrs.frozen(kw_only=True)
class ListDefinition:
    """A list: its levels, and an instance's overrides of them."""

    levels: Mapping[int, ListLevel]
    """Level index (0–8) → its definition."""
    counter: str
    """Key of the counters it shares: instances of one abstract list continue each other."""
    restarts: frozenset[int] = frozenset()
    """Levels this instance restarts at its first paragraph (a ``w:startOverride``: its levels
    then carry the overriding start)."""


class Numberer:
    """Counts the numbered paragraphs of one document and renders their labels, in order."""

    def __init__(self, lists: Mapping[str, ListDefinition]) -> None:
        self._lists = lists
        self._counts: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()

    def label(self, list_id: str, level: int) -> str:
        """The label of the next paragraph of list ``list_id`` at ``level``, with its suffix; ""
        when the list or level is not defined (Word shows no number then)."""
        definition = self._lists.get(list_id)
        if definition is None or level not in definition.levels:
            return ""
        counts = self._counts.setdefault(definition.counter, {})
        if list_id not in self._started:
            self._started.add(list_id)
            for restarted in definition.restarts:
                counts.pop(restarted, None)
                self._restart_below(definition, counts, restarted)
        lvl = definition.levels[level]
        counts[level] = counts.get(level, lvl.start - 1) + 1
        self._restart_below(definition, counts, level)
        if lvl.fmt == "bullet":
            return _bullet(lvl.text) + lvl.suffix

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = definition.levels.get(index, ListLevel())
            value = counts.get(index, shown.start)
            return render_number("decimal" if lvl.legal else shown.fmt, value)

        return _PLACEHOLDER.sub(number, lvl.text) + lvl.suffix

    @staticmethod
    def _restart_below(definition: ListDefinition, counts: dict[int, int], level: int) -> None:
        for deeper, lvl in definition.levels.items():
            if deeper <= level or deeper not in counts:
                continue
            limit = deeper if lvl.restart is None else lvl.restart
            if level < limit:
                del counts[deeper]


def _bullet(text: str) -> str:
    # Symbol and Wingdings bullets are private-use code points: a reader sees a bullet.
    return "".join(_BULLET if 0xE000 <= ord(ch) <= 0xF8FF else ch for ch in text) or _BULLET


def suffix_text(suffix: str | None, template: str) -> str:
    """The text of Word's label suffix (``tab`` by default, ``space``, ``nothing``) after a label
    made from ``template``. Tab and space both render as one space, so the label stays apart from
    the words; but a label ending in full-width punctuation (``一、`` ``（一）``) takes none: in a
    report's text the heading words follow it at once."""
    if suffix == "nothing" or not template or template[-1] in "、，．。）〕】":
        return ""
    return " "
