"""Numerals: Arabic (half- and full-width), Chinese, financial and mixed forms → exact Decimals.

Counted Chinese numerals are read here, not with cn2an: importing cn2an took longer than the
rest of govreport together (≈ 150 ms, most of a first small parse), for a grammar of a few
lines. The reading follows cn2an's "normal" mode: a skipped place may go without its 零
(一千五十 is 1050), a last digit right after a place counts one place lower (一万二 is 12000).
"""

from __future__ import annotations

import decimal
import functools
from decimal import Decimal, InvalidOperation

CHINESE_DIGITS = "零〇○一二三四五六七八九两壹贰叁肆伍陆柒捌玖兩"
"""Characters that stand for a single digit."""
CHINESE_PLACES = "十百千万亿拾佰仟萬億廿卅"
"""Characters that stand for a place value (or, 廿 and 卅, a fixed tens value)."""
CHINESE_NUMERAL_CHARS = CHINESE_DIGITS + CHINESE_PLACES
"""Every character a Chinese numeral is written with (without the decimal 点)."""

NUMBER_CONTEXT = decimal.Context(
    prec=28,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=-999999,
    Emax=999999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
"""The decimal context numbers are read and scaled under, whatever the caller's context is:
Python's default, whose 28 digits keep every value a report writes exact (the quantity
extractor refuses numbers of more digits). Use it with :func:`decimal.localcontext`."""

MULTIPLIERS: dict[str, Decimal] = {
    "万亿": Decimal(10) ** 12,
    "千亿": Decimal(10) ** 11,
    "百亿": Decimal(10) ** 10,
    "十亿": Decimal(10) ** 9,
    "亿": Decimal(10) ** 8,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "十万": Decimal(10) ** 5,
    "万": Decimal(10) ** 4,
    "億": Decimal(10) ** 8,
    "萬": Decimal(10) ** 4,
}
"""Multipliers written after an Arabic number (``34万``, ``1.2万亿``), longest first."""

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
# Traditional and financial forms cn2an does not read, mapped to the plain ones it does.
_TO_PLAIN = str.maketrans(
    {
        "兩": "两",
        "萬": "万",
        "億": "亿",
        "〇": "零",
        "○": "零",
        "拾": "十",
        "佰": "百",
        "仟": "千",
        "壹": "一",
        "贰": "二",
        "叁": "三",
        "肆": "四",
        "伍": "五",
        "陆": "六",
        "柒": "七",
        "捌": "八",
        "玖": "九",
    }
)


def parse_arabic(text: str) -> Decimal:
    """``"1,192"``, ``"16.46"``, ``"１２３"``, ``"-3.2"`` → Decimal; raises ValueError if malformed."""
    plain = text.translate(_FULL_WIDTH).replace(",", "").replace("−", "-")
    try:
        return Decimal(plain)
    except InvalidOperation:
        raise ValueError(f"not an Arabic number: {text!r}") from None


_FRACTION_DIGITS = str.maketrans("零一二三四五六七八九", "0123456789")


_DIGIT_VALUES = {ch: index for index, ch in enumerate("零一二三四五六七八九")} | {"两": 2}
_PLACE_VALUES = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = (("亿", 10**8), ("万", 10**4))


def _below_ten_thousand(text: str, *, after_zero: bool, last: bool) -> int | None:
    """A numeral without 万 or 亿 (``三千零五十``, ``一千二``), or None when malformed.

    ``after_zero``: it follows a 零 (``一万零十五``), so it may start with a bare 十. ``last``:
    it ends the whole numeral, where a digit right after 百 or 千 counts one place lower.
    """
    value, place, digit, zero = 0, 10_000, None, False
    for ch in text:
        step = _PLACE_VALUES.get(ch)
        if step is not None:
            if step >= place or (zero and step * 10 == place):  # places fall; a 零 skips one
                return None
            if digit is None and not (step == 10 and (zero or after_zero or place < 10_000)):
                return None  # only 十 goes without its digit: 零十, 百十
            value += step if digit is None else digit * step
            place, digit, zero = step, None, False
        elif ch == "零":
            if digit is not None or zero or place == 10:  # 五零, 零零, 十零
                return None
            if place == 10_000:  # no number starts with 零 but 零 itself
                return 0 if text == "零" else None
            zero = True
        elif ch in _DIGIT_VALUES and digit is None:  # a second digit: 三四 is a pair
            digit = _DIGIT_VALUES[ch]
        else:
            return None
    if digit is None:
        return None if zero else value  # a last 零 (一千零) is malformed
    if zero or place in (10, 10_000):
        return value + digit
    return value + digit * place // 10 if last else None  # 一千二 is 1200


def _counted_integer(
    text: str,
    units: tuple[tuple[str, int], ...] = _BIG_UNITS,
    *,
    after_zero: bool = False,
    last: bool = True,
) -> int | None:
    """A counted numeral without 点 (``三亿零五万``, ``一万二``, ``一万亿``), or None.

    ``units`` are the big units it may hold, largest first; ``after_zero`` and ``last`` as for
    :func:`_below_ten_thousand`.
    """
    if not units:
        return _below_ten_thousand(text, after_zero=after_zero, last=last)
    (unit, scale), smaller = units[0], units[1:]
    high, found, low = text.partition(unit)
    if not found:
        return _counted_integer(text, smaller, after_zero=after_zero, last=last)
    upper = _counted_integer(high, smaller, after_zero=after_zero, last=False) if high else None
    if not upper:  # 万 with nothing (or 零) before it
        return None
    if not low:
        lower: int | None = 0
    elif low[0] == "零":
        rest = low[1:]
        lower = (
            None
            if rest[:1] in ("", "零")
            else _counted_integer(rest, smaller, after_zero=True, last=last)
        )
    elif low in _DIGIT_VALUES:  # 一万二 is 12000: one place lower, at the end only
        lower = _DIGIT_VALUES[low] * scale // 10 if last else None
    elif smaller and smaller[0][0] not in low and low[1:2] != "千":
        lower = None  # 一亿三百 needs its 零 (一亿三千 is 100003000, as cn2an writes it)
    else:
        lower = _counted_integer(low, smaller, last=last)
    return None if lower is None or lower >= scale else upper * scale + lower


@functools.lru_cache(maxsize=4096)
def parse_chinese(text: str) -> Decimal | None:
    """A counted Chinese numeral (``三千零五十二``, ``两万``, ``十``, ``一点五``, ``百亿``) → Decimal.

    Returns None for strings that are not a well-formed counted number, including bare digit
    strings without place values (``三四`` is an approximate pair, not 34; ``二〇二三`` is a
    year read digit by digit — see :func:`parse_digit_string`).
    """
    plain = text.translate(_TO_PLAIN)
    if not plain or plain[0] == "点" or plain[-1] == "点":
        return None
    integer = plain.split("点", 1)[0]
    if len(integer) > 1 and not any(ch in "十百千万亿廿卅" for ch in integer):
        return None
    plain = plain.replace("廿", "二十").replace("卅", "三十")
    if plain[0] in "十百千万亿":
        plain = "一" + plain  # 十五, 百亿, 万亿: the leading 一 is implied
    # The digits after 点 are read one by one, exactly.
    integer, point, fraction = plain.partition("点")
    digits = fraction.translate(_FRACTION_DIGITS)
    if point and not (digits.isascii() and digits.isdigit()):
        return None
    whole = _counted_integer(integer)
    if whole is None:
        return None
    return Decimal(f"{whole}.{digits}") if point else Decimal(whole)


_DIGIT_BY_DIGIT = str.maketrans(
    "０１２３４５６７８９〇○◯零OoＯ一二三四五六七八九",
    "01234567890000000123456789",
)


def parse_digit_string(text: str) -> int | None:
    """Digits read one by one (``二〇二三``, ``二OO二``, ``２０２３``, ``2023``) → int, else None.

    The zero look-alikes of domain §7 (〇, ○ U+25CB, ◯ U+25EF, 零, Latin O) all read as 0.
    """
    plain = text.translate(_DIGIT_BY_DIGIT)
    return int(plain) if plain.isascii() and plain.isdigit() else None
