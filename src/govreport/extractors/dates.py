"""Dates and periods: ``2023年``, ``2023年3月``, ``12月15日``, ``11月底``, ``上半年`` …

Values are ISO-8601-like and exactly as precise as the text; a part the text leaves out is left
out of the value (``--MM`` / ``--MM-DD`` when no year is written, as in ISO 8601:2000):

- ``2023年``, ``2023年度`` → ``2023``; ``2023年3月`` → ``2023-03``; ``3月份`` → ``--03``
- ``2023年12月15日`` (also ``2023-12-15``, ``2023/12/15``, ``2023.12.15``,
  ``二〇二三年十二月十五日``) → ``2023-12-15``; ``12月15日`` → ``--12-15``
- ``2015年底``, ``2015年末``, ``2015年年末`` → ``2015/end``; ``2015年初`` → ``2015/start``
- ``11月底``, ``11月末`` → ``--11/end``; ``11月初`` → ``--11/start``
- ``11月上旬``, ``中旬``, ``下旬`` → ``--11-01/--11-10``, ``--11-11/--11-20``,
  ``--11-21/--11-30`` (下旬 ends on the month's last day, 29 for a yearless 2月)
- ``2018—2021年``, ``2018-2021年度`` → ``2018/2021`` (an ISO interval)
- ``1—11月`` → ``--01/--11``; ``2023年1—11月`` → ``2023-01/2023-11``
- ``11月6日至10日`` → ``--11-06/--11-10``: a day after a dash or 至 closes the range of days
- ``5·18``, ``“7·20”`` (month·day, the names of days and events) → ``--05-18``, ``--07-20``
- ``上半年``, ``下半年`` → ``--01/--06``, ``--07/--12``; ``2023年上半年`` → ``2023-01/2023-06``
- ``一季度`` … ``第四季度`` → ``--01/--03`` … ``--10/--12``; ``前三季度`` → ``--01/--09``

The ``/end`` and ``/start`` suffixes follow the output contract's ``--11/end``; everything else
is a plain ISO date or interval, so consumers can parse it without knowing the suffixes.

What is not a date, and why:

- a year must have four digits from 1000 to 2999 (``连续3年``, ``365天`` are durations); a number
  glued to a letter or digit before it (``GB5749``, ``PM2.5``) is not one;
- ``2000多年`` and ``2000余年`` are durations: the 多/余 stands between the number and 年;
- plan labels (``十四五``), holidays (``五一``, ``十一``) and document numbers (``〔2023〕10号``)
  carry no 年/月 and are never read: the year in ``〔〕`` numbers the document, it dates nothing;
- a month in Chinese numerals needs a year before it or a day, ``份``, ``底``, ``末``, ``初`` or a
  ``旬`` after it, since ``三月`` alone is often part of a name (``“新十二月市”``); a month in Arabic
  digits (``3月``) is a month in report prose and stands alone;
- a day needs its month (``15日内`` is a duration);
- ``年底``, ``年末``, ``年初`` without a year, and ``今年``, ``上年`` … are relative: they have no
  value of their own and are left out.
"""

from __future__ import annotations

import calendar
import operator
import re
from collections.abc import Iterator

import attrs

from govreport.extractors._optional import optional
from govreport.extractors.base import ExtractionContext
from govreport.model import DateMention, Mention, Span
from govreport.model._unchecked import unchecked
from govreport.numerals import parse_digit_string

# Chinese month and day numbers, read by table: there are only 12 and 31 of them.
_CN_MONTHS = {
    name: number
    for number, name in enumerate(
        ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"), start=1
    )
}
_CN_UNITS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九")
_CN_DAYS = {
    **{name: number for number, name in enumerate(_CN_UNITS) if number},
    **{"十" + unit: 10 + number for number, unit in enumerate(_CN_UNITS)},
    **{"二十" + unit: 20 + number for number, unit in enumerate(_CN_UNITS)},
    "三十": 30,
    "三十一": 31,
}
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "两": 2}

_NOT_BEFORE_ARABIC = r"(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ])(?<![0-9０-９][.．])"
_NOT_BEFORE_CN = r"(?<![〇○◯零一二三四五六七八九十百千万两0-9０-９])"
_ARABIC_YEAR = rf"{_NOT_BEFORE_ARABIC}[12１２][0-9０-９]{{3}}"
# Every character a year may be written with (the keyword search and the date pattern).
_YEAR_CHARS = "0-9０-９〇○◯零Oo一二三四五六七八九"
# Read digit by digit, with the zero look-alikes of domain §7 (○ U+25CB, ◯ U+25EF, Latin O, 0, 零).
_CN_YEAR = rf"{_NOT_BEFORE_CN}[一二][〇○◯零Oo0０一二三四五六七八九]{{3}}"
_YEAR = rf"(?:{_ARABIC_YEAR}|{_CN_YEAR})"
_ARABIC_MONTH = rf"{_NOT_BEFORE_ARABIC}[0-9０-９]{{1,2}}"
_CN_MONTH = rf"{_NOT_BEFORE_CN}(?:十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:[0-9０-９]{1,2}|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
# Range dashes between numbers (domain §3.3, §7), 一 used as a dash included.
_DASH = r"(?:—{1,2}|[–\-－~～〜―‐─一]|至|到)"
# 初步, 初次 … are words, not the start of a month or year.
_START = r"初(?![步次见级心衷始])"
_ENDS = rf"(?:底|末|{_START})"


def _months_pattern(tag: str) -> str:
    """A month, a month range, or a month with its day or 底/末/初/旬; groups prefixed ``tag``."""
    month = rf"(?:{_ARABIC_MONTH}|{_CN_MONTH})"
    return (
        rf"(?P<{tag}m1>{month})"
        + optional(rf"{_DASH}(?P<{tag}m2>{month})")
        + "月"
        + optional(rf"(?P<{tag}day>{_DAY})[日号]|(?P<{tag}suf>份|{_ENDS}|上旬|中旬|下旬)")
    )


def _period_pattern(tag: str) -> str:
    """A half year or a quarter (``上半年``, ``第一季度``, ``前三季度``)."""
    return rf"(?P<{tag}period>[上下]半年|第?[一二三四1-4１-４]季度|前[二两三2-3２-３]季度)"


_DATE = re.compile(
    # Every date starts with a digit or one of these: a cheap test before the alternatives.
    r"(?=[0-9０-９一二三四五六七八九十上下第前])(?:"
    # The first three alternatives start with a year: one test of its four characters spares
    # a month or a quarter (12月, 一季度) trying each of them.
    rf"(?=[12１２一二][{_YEAR_CHARS}]{{3}})(?:"
    + "|".join(
        (
            # 2018—2021年度: a range of years
            rf"(?P<ry1>{_YEAR}){_DASH}(?P<ry2>{_YEAR})年度?",
            # 2023年, 2023年度, 2023年3月…, 2023年上半年, 2015年底, 2015年年末
            rf"(?P<year>{_YEAR})年"
            + optional(rf"度|{_months_pattern('y')}|{_period_pattern('y')}|年?(?P<yends>{_ENDS})"),
            # 2023-12-15, 2023/12/15, 2023.12.15; not inside a path, URL or version number
            rf"(?<![-/／.．:])(?P<iy>{_ARABIC_YEAR})(?P<sep>[-/.．])(?P<im>[0-9]{{1,2}})(?P=sep)"
            r"(?P<id>[0-9]{1,2})(?![0-9A-Za-z/-]|[.．][0-9])",
        )
    )
    + ")|"
    + "|".join(
        (
            # 12月15日, 11月底, 1—11月: a month without its year
            _months_pattern("n"),
            # 上半年, 一季度, 前三季度; not 每一季度, nor 以上/以下 followed by 半年
            rf"(?<![每以0-9０-９一二三四五六七八九十]){_period_pattern('n')}",
        )
    )
    + ")"
)

# The scan. _DATE tried at every digit and numeral costs more than all else, so the extractor
# first finds keywords: a date's first 年, 月 or 季 (or an ISO separator) comes at most ten
# characters after its start, inside it, after a year, month or quarter numeral. From each
# keyword, _DATE_START finds where a date could start in the ten characters before it, reading no
# further than the character after the keyword, and _DATE is tried there. Dates come out as a
# scan with _DATE alone finds them: the leftmost first, the next one from where the last ended.
_KEYWORD = re.compile(
    rf"[年月季\-/.．](?:(?<=[{_YEAR_CHARS}]{{4}}年)|(?<=半年)|(?<=[0-9０-９十一二三四五六七八九]月)"
    rf"|(?<=[一二三四两1-4１-４]季)|(?<=[0-9０-９]{{4}}[\-/.．]))"
)
_KEYWORD_REACH = 10
_ANY_MONTH = r"(?:[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])"
_DATE_START = re.compile(
    # the first character of every _DATE alternative, then what must follow it up to its keyword
    r"[0-9０-９一二三四五六七八九十上下第前](?="
    # years, year ranges and ISO dates
    rf"[{_YEAR_CHARS}]{{3}}(?:年|[\-/.．]|{_DASH}[12１２一二][{_YEAR_CHARS}]{{3}}年)"
    # months and month ranges
    rf"|[0-9０-９一二]?{optional(_DASH + _ANY_MONTH)}月"
    # half years and quarters
    r"|半年|[一二三四1-4１-４两]?季度)"
)

_HALVES = {"上": (1, 6), "下": (7, 12)}
_ENDS_VALUE = {"底": "end", "末": "end", "初": "start"}
_DECADE_DAYS = {"上旬": (1, 10), "中旬": (11, 20)}


def _number(text: str) -> int:
    """An Arabic number (half- or full-width) or a digit-by-digit Chinese one."""
    value = parse_digit_string(text)
    if value is None:  # the date pattern only lets digits through
        raise ValueError(f"not a digit string: {text!r}")
    return value


def _month(text: str) -> int:
    return _CN_MONTHS[text] if text in _CN_MONTHS else _number(text)


def _ym(year: int | None, month: int) -> str:
    return f"--{month:02d}" if year is None else f"{year:04d}-{month:02d}"


def _period_value(period: str, year: int | None) -> str:
    """The months ``上半年``, ``一季度`` or ``前三季度`` cover, as an interval."""
    if period[0] in _HALVES:
        first, last = _HALVES[period[0]]
    else:
        digit = period[1] if period[0] in "第前" else period[0]
        quarter = _QUARTERS[digit] if digit in _QUARTERS else _number(digit)
        first, last = (1 if period[0] == "前" else 3 * quarter - 2), 3 * quarter
    return f"{_ym(year, first)}/{_ym(year, last)}"


def _month_value(
    year: int | None, first: str, last: str | None, day: str | None, suffix: str | None
) -> str | None:
    """The value of a month phrase, or None when it is no valid date."""
    month = _month(first)
    if not 1 <= month <= 12:
        return None
    if last is not None:
        end = _month(last)
        if not month < end <= 12 or day is not None or suffix not in (None, "份"):
            return None
        return f"{_ym(year, month)}/{_ym(year, end)}"
    # February has 29 days when the year is unknown: 2月29日 is a valid yearless date.
    days = calendar.monthrange(2000 if year is None else year, month)[1]
    base = _ym(year, month)
    if day is not None:
        number = _CN_DAYS[day] if day in _CN_DAYS else _number(day)
        return f"{base}-{number:02d}" if 1 <= number <= days else None
    if suffix in _ENDS_VALUE:
        return f"{base}/{_ENDS_VALUE[suffix]}"
    if suffix is not None and suffix.endswith("旬"):
        first_day, last_day = _DECADE_DAYS.get(suffix, (21, days))
        return f"{base}-{first_day:02d}/{base}-{last_day:02d}"
    return base


def _read(match: re.Match[str]) -> tuple[int, str] | None:
    """Where a date match really ends and its value, or None when it is no date after all."""
    group = match.group
    if group("ry1") is not None:
        first, last = _number(group("ry1")), _number(group("ry2"))
        return (match.end(), f"{first}/{last}") if first < last else None
    if group("year") is not None:
        year = _number(group("year"))
        value: str | None = str(year)
        if group("ym1") is not None:
            value = _month_value(year, group("ym1"), group("ym2"), group("yday"), group("ysuf"))
        elif group("yperiod") is not None:
            value = _period_value(group("yperiod"), year)
        elif group("yends") is not None:
            value = f"{year}/{_ENDS_VALUE[group('yends')]}"
        # An impossible month or day after a good year (2023年13月): keep the year alone.
        return (match.end(), value) if value else (match.end("year") + 1, str(year))
    if group("iy") is not None:
        value = _month_value(_number(group("iy")), group("im"), None, group("id"), None)
        return None if value is None else (match.end(), value)
    if group("nm1") is not None:
        month, until, day, suffix = group("nm1"), group("nm2"), group("nday"), group("nsuf")
        if month in _CN_MONTHS and until is None and day is None and suffix is None:
            return None  # 三月 alone is too often part of a name (“新十二月市”)
        value = _month_value(None, month, until, day, suffix)
        return None if value is None else (match.end(), value)
    return match.end(), _period_value(group("nperiod"), None)


@attrs.frozen
class DateExtractor:
    """Finds dates and periods (see the module docstring for the values)."""

    name: str = "dates"
    """Extractor name."""
    order: int = 300
    """Runs after formulations and documents, before quantities, which leave its spans alone."""

    def extract(self, context: ExtractionContext) -> Iterator[Mention]:
        """Every date in ``context.text``, in document order."""
        text = context.text
        found: list[Mention] = []
        # A date's reading depends on its alternative and its text alone: reports repeat
        # dates (12月, 2023年), so each is read once. Bounded: a text of distinct dates clears it.
        readings: dict[tuple[int | None, str], _Reading] = {}
        for match in _matches(text):
            start = match.start()
            key = (match.lastindex, match.group())
            reading = readings.get(key)
            if reading is None:
                if len(readings) >= _MOST_READINGS:
                    readings.clear()
                read = _read(match)
                reading = readings[key] = (
                    _NOT_A_DATE
                    if read is None
                    else (
                        read[0] - start,
                        read[1],
                        _takes_closing_day(read[1]),
                        text[start : read[0]],
                    )
                )
            if reading is _NOT_A_DATE:
                continue
            length, value, takes_closing_day, written = reading
            end = start + length
            if takes_closing_day:
                end, value = _day_range(text, end, value)
                written = text[start:end]
            # A repeated date shares its text and value strings: held once in the report's
            # compact store (a text of 12月12月… holds 333,333 dates).
            found.append(_date(_span(start, end), written, value))
        dotted: list[Mention] = list(_outside(_dotted_days(text), found))
        if dotted:
            found = sorted(found + dotted, key=lambda mention: mention.span.start)
        return iter(found)


_MOST_READINGS = 4096
_Reading = tuple[int, str, bool, str]
"""A date's length and value as read, whether a closing day may extend it, and its text."""
_NOT_A_DATE: _Reading = (0, "", False, "")
"""The reading of a match that is no date after all."""
# Dates and spans in field order, unchecked: the offsets are the matches' own.
_date = unchecked(DateMention)
_span = unchecked(Span)

# The closing day of a range of days: 11月6日至10日, 6—10日.
_DAY_RANGE_END = re.compile(rf"{_DASH}(?P<day>{_DAY})[日号]")
# Month·day: 5·18, “7·20” (domain §7 middle dots). Not inside a longer number or a decimal: the
# test looks back from the first digit over both, so that the pattern starts with a plain class.
_DOTTED_DAY = re.compile(
    r"(?P<m>[0-9](?<![0-9０-９.．·・•‧][0-9])[0-9]?)[·・•‧](?P<d>[0-9]{1,2})(?![0-9０-９.．·・•‧])"
)


def _takes_closing_day(value: str) -> bool:
    """True for a value with a day (``--11-06``), which a range of days may close; not for
    ``2023-12`` or ``--12`` (3月—5日 is no range of days)."""
    return len(value) >= 7 and value[-3] == "-" and value[-6] == "-" and "/" not in value


def _day_range(text: str, end: int, value: str) -> tuple[int, str]:
    """Extend a date with a day (``--11-06``, :func:`_takes_closing_day`) by the closing day of
    a range after it."""
    found = _DAY_RANGE_END.match(text, end)
    if found is None:
        return end, value
    day = found["day"]
    last = _CN_DAYS[day] if day in _CN_DAYS else _number(day)
    month_value = value[:-3]
    year = int(month_value[:4]) if month_value[0] != "-" else 2000
    days = calendar.monthrange(year, int(month_value[-2:]))[1]
    if not int(value[-2:]) < last <= days:
        return end, value
    return found.end(), f"{value}/{month_value}-{last:02d}"


def _dotted_days(text: str) -> Iterator[DateMention]:
    """Month·day dates; a number before or after the dot that is no month or day is no date
    (“23·7” is an event code of year and month, left to other rules)."""
    for match in _dotted_matches(text):
        month, day = int(match["m"]), int(match["d"])
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]:
            start, end = match.span()
            value = f"--{month:02d}-{day:02d}"
            yield _date(_span(start, end), match[0], value)


def _dotted_matches(text: str) -> Iterator[re.Match[str]]:
    """What ``_DOTTED_DAY.finditer(text)`` yields, found from the dots (rare in a report) instead
    of trying the pattern at every digit (common): a match starts one or two characters before
    its dot, so it is tried there, the dots taken in order and each start once."""
    # The next place of each dot character in the text, found by str.find as the last is passed.
    following = {dot: text.find(dot) for dot in _DOTS}
    following = {dot: place for dot, place in following.items() if place >= 0}
    position = 0  # where the last match ended
    while following:
        dot, place = min(following.items(), key=_PLACE)
        after = text.find(dot, place + 1)
        if after >= 0:
            following[dot] = after
        else:
            del following[dot]
        for start in (place - 2, place - 1):
            if start >= position:
                match = _DOTTED_DAY.match(text, start)
                if match is not None:
                    position = match.end()
                    yield match
                    break


_DOTS = "·・•‧"
"""The middle dots of month·day dates."""
_PLACE = operator.itemgetter(1)


def _outside(candidates: Iterator[DateMention], found: list[Mention]) -> Iterator[DateMention]:
    """The candidates, in order, that overlap none of ``found`` (in order too): one pointer."""
    index = 0
    for candidate in candidates:
        span = candidate.span
        while index < len(found) and found[index].span.end <= span.start:
            index += 1
        if index == len(found) or found[index].span.start >= span.end:
            yield candidate


def _matches(text: str) -> Iterator[re.Match[str]]:
    """What ``_DATE.finditer(text)`` yields, found from the keywords (see _KEYWORD).

    A date is found from its first keyword, which stands inside it: the keywords before start no
    date, and a date found from a keyword ends after it. So the next date is looked for from
    where the last one ended, and from where the last keyword that found none left off.
    """
    position = 0  # where the last date ended, or up to where no date starts
    search_start, match_date = _DATE_START.search, _DATE.match
    for keyword in _KEYWORD.finditer(text):
        end = keyword.start()
        if end < position:
            continue  # inside the last date
        stop = end + 2  # the keyword and the character after it (季度)
        candidate = search_start(text, max(position, end - _KEYWORD_REACH), stop)
        while candidate is not None:
            match = match_date(text, candidate.start())
            if match is not None:
                yield match
                position = match.end()
                break
            candidate = search_start(text, candidate.start() + 1, stop)
        else:
            position = end + 1
