"""Numerals: Arabic (half- and full-width), Chinese, financial and mixed forms → exact Decimals.

This is the only module that imports cn2an, and it imports it lazily: cn2an takes longer to
import than the rest of govreport together, and most numbers in reports are Arabic.
"""

from __future__ import annotations

import decimal
import functools
from decimal import Decimal, InvalidOperation
from typing import Any

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


@functools.cache
def _cn2an() -> Any:
    import cn2an  # noqa: PLC0415 - deferred: importing cn2an costs ~150 ms

    return cn2an.cn2an


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
    # cn2an reads a decimal part into a float, which keeps 15 or so digits: read only the
    # integer part with it, and the digits after 点 one by one, exactly.
    integer, point, fraction = plain.partition("点")
    digits = fraction.translate(_FRACTION_DIGITS)
    if point and not (digits.isascii() and digits.isdigit()):
        return None
    try:
        whole = _cn2an()(integer, "normal")
    except (ValueError, KeyError, IndexError):
        return None
    return Decimal(f"{int(whole)}.{digits}") if point else Decimal(str(whole))


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
