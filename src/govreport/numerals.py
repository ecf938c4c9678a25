"""Numerals: Arabic (half- and full-width), Chinese, financial and mixed forms → exact Decimals.

Counted Chinese numerals are read by the rules of cn2an's ``normal`` mode (cn2an 0.5), kept
here as a few patterns: importing cn2an took longer than the rest of govreport together, and a
report's first Chinese numeral paid for it.
"""

from __future__ import annotations

import decimal
import functools
import re
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


_DIGIT_VALUES = {ch: value for value, ch in enumerate("零一二三四五六七八九")} | {"两": 2}
_PLACE_VALUES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
# The well-formed pattern reads 一…九 and 两 as "1" (and a "1" as "x", which it never matches):
# a class of these scattered code points costs sre ≈ 0.1 ms to compile at each of its places.
_AS_ONE = str.maketrans({"1": "x"} | dict.fromkeys("一二三四五六七八九两", "1"))


def _counted_patterns() -> tuple[tuple[tuple[re.Pattern[str], str], ...], re.Pattern[str]]:
    """cn2an's rewrites of spoken forms and its pattern of well-formed counted numerals
    (up to 9999万9999亿)."""
    one_to_nine = "1"  # _AS_ONE
    tens = f"{one_to_nine}?十{one_to_nine}?"
    tens_with_one = f"{one_to_nine}十{one_to_nine}?"
    to_99 = f"(?:{tens}|{one_to_nine})"
    # Each level is written with its lower level once (x(?:y)? rather than xy|x): the same
    # language as the cases spelled out one by one, at a tenth of the pattern to compile.
    hundreds = f"{one_to_nine}百(?:零{one_to_nine}|{tens_with_one})?"
    to_999 = f"(?:{hundreds}|{to_99})"
    thousands = f"{one_to_nine}千(?:零{to_99}|{hundreds})?"
    to_9999 = f"(?:{thousands}|{to_999})"
    myriads_rest = f"万(?:零{to_999}|{thousands})?"
    to_8_digits = f"{to_9999}(?:{myriads_rest})?"
    well_formed = f"零|{to_8_digits}(?:亿(?:零{to_8_digits}|{to_9999}{myriads_rest})?)?"
    digit = "[零一二三四五六七八九两]"
    rewrites = (
        (f"(万)零(?={digit}千)", r"\1"),  # 十万零一千 as an(2)cn writes it
        (f"([万亿])({digit}[十百])", r"\1零\2"),  # 一万一百 → 一万零一百
        (f"(千)({digit}?十)", r"\1零\2"),
        ("(百)(十)", r"\1一\2"),  # 一百十 → 一百一十
        ("零十", "零一十"),
    )
    return (
        tuple((re.compile(pattern), replacement) for pattern, replacement in rewrites),
        re.compile(well_formed),
    )


_COUNTED_PATTERNS = _counted_patterns()
"""Compiled at import, not at the first parse: so the compiled-pattern cache keeps them too
(:mod:`govreport._regex`), and the first parse is as fast as the next."""

_SPOKEN = re.compile("(?:[零一二三四五六七八九两]{0,2}[十百千万亿])+[零一二三四五六七八九两]")
"""一万二, 三百四: the last digit counts the place below the last one written."""
_PLACE_BELOW = {"百": "十", "千": "百", "万": "千"}  # 一万二 is 12000; 三十四 was read above


def _counted_integer(text: str) -> int | None:
    """The integer a counted numeral of plain characters writes (``三千零五十二``), or None.

    The rules are cn2an's ``normal`` mode, so values stay what they were when it read them.
    """
    text = text.replace("零十", "零一十").replace("零百", "零一百")
    rewrites, well_formed = _COUNTED_PATTERNS
    for pattern, replacement in rewrites:
        text = pattern.sub(replacement, text)
    if well_formed.fullmatch(text.translate(_AS_ONE)) is None:
        if len(text) < 3 or _SPOKEN.fullmatch(text) is None or text[-2] not in _PLACE_BELOW:
            return None
        text += _PLACE_BELOW[text[-2]]
    # Right to left, as cn2an sums: a place multiplies the digit before it; 万 and 亿 also
    # multiply the places before them (五千万: 5 × 1000 × 10000).
    total, place, section = 0, 1, 1
    for index, ch in enumerate(reversed(text)):
        if ch in _DIGIT_VALUES:
            total += _DIGIT_VALUES[ch] * place
            continue
        place = _PLACE_VALUES[ch]
        if place % 10000 == 0:
            if place > section:
                section = place
            else:  # 万亿: the 万 of a 亿
                section = place = place * section
        if place < section:
            place *= section
        if index == len(text) - 1:
            total += place
    return total


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
    # The integer part is read by the counting rules, the digits after 点 one by one, exactly
    # (cn2an read them into a float, which keeps 15 or so digits).
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
