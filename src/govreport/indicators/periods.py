"""Periods: a date mention's value as a period, plan and look-back spans, and durations.

A period is written like a date value (the annotation guide): ``2023``, ``2023-11``,
``2023-12-15``, ``2023/H1``, ``2023/Q1``, a span of years ``2021/2025``.
"""

from __future__ import annotations

import re

_HALVES = {"--01/--06": "H1", "--07/--12": "H2"}
_QUARTERS = {"--01/--03": "Q1", "--04/--06": "Q2", "--07/--09": "Q3", "--10/--12": "Q4"}
_YEARLESS = re.compile(r"--(\d\d)(?:-(\d\d))?(?:/(?:end|start)|/--\d\d-\d\d)?\Z")
_MONTHS = re.compile(r"(\d{4})-(\d\d)/\1-(\d\d)\Z")

_CN_DIGITS = {
    "一": 1,
    "两": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
PLAN = re.compile(r"十([一二三四五六七八九])五")
"""A five-year plan label (``十四五``)."""
LOOK_BACK = re.compile(r"(?:过去|近|这)([一两二三四五六七八九十])年|([两三四五六七八九十])年来")
"""A look-back over the years ending with the year under review (``过去五年``, ``五年来``)."""
RUN = re.compile(r"连续([两二三四五六七八九十]|\d{1,2})[个]?年")
"""A run of years ending with the period of the sentence (``连续3年``)."""


def _count(word: str) -> int:
    return _CN_DIGITS[word] if word in _CN_DIGITS else int(word)


def date_period(value: str, year: int | None) -> str | None:
    """The period a date mention's ``value`` names; ``year`` completes a value without one."""
    if value[:4].isdigit():
        if value.endswith(("/end", "/start")):
            return value[:4]
        months = _MONTHS.match(value)
        if months is not None:
            key = f"--{months[2]}/--{months[3]}"
            part = _HALVES.get(key) or _QUARTERS.get(key)
            return f"{months[1]}/{part}" if part else value
        return value
    if year is None:
        return None
    part = _HALVES.get(value) or _QUARTERS.get(value)
    if part:
        return f"{year}/{part}"
    if value.startswith("--") and "/--" in value and len(value) == 9:  # --01/--11
        return f"{year}-{value[2:4]}/{year}-{value[7:9]}"
    yearless = _YEARLESS.match(value)
    if yearless is None:
        return None
    month, day = yearless.groups()
    if day is None or "/" in value:
        return f"{year}-{month}"
    return f"{year}-{month}-{day}"


def plan_period(match: re.Match[str]) -> str:
    """The years of a five-year plan label: the Nth plan from the third (1966–1970) on."""
    number = 10 + _CN_DIGITS[match[1]]
    start = 1966 + 5 * (number - 3)
    return f"{start}/{start + 4}"


def look_back_period(match: re.Match[str], year: int) -> str:
    """The years a look-back covers, ending with ``year``."""
    years = _CN_DIGITS[match[1] or match[2]]
    return str(year) if years == 1 else f"{year - years + 1}/{year}"


def run_period(match: re.Match[str], period: str | None) -> str | None:
    """The years a run (``连续3年``) covers, ending with the last year of ``period``."""
    if period is None or not period[-4:].isdigit():
        return None
    years = _count(match[1])
    end = int(period[-4:])
    return str(end) if years <= 1 else f"{end - years + 1}/{end}"


def base_period(period: str | None) -> str | None:
    """The year before ``period`` starts: where a change ``从…增至…`` starts from."""
    if period is None or not period[:4].isdigit():
        return None
    return str(int(period[:4]) - 1)
