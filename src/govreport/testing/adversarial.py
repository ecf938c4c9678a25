"""Adversarial report texts: what scrapers, OCR and bad copy-paste can hand a parser.

Each builder takes a size in characters and returns a text of about that size. A parser, or a
plugin's extractor, must take time linear in the size on every one of them: govreport's own
tests parse each at 200,000 characters under a hang ceiling, and ``benchmarks/adversarial.py``
compares their time per character with that of real reports.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from importlib import resources
from types import MappingProxyType

HEADING_LEVELS = ("{cn}、", "（{cn}）", "{n}.", "（{n}）", "{circled}")
"""One marker form per outline level, outermost first (domain §1)."""
TITLES = ("加强水资源管理", "推进河湖长制落实", "完成投资19亿元", "抓好安全生产", "深化改革")
"""Heading titles the builders cycle through."""
BODY = "坚持节水优先、空间均衡、系统治理、两手发力，全年完成水利投资19亿元，同比增长5.5%。\n"
"""A line of ordinary report text."""
_CHINESE = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def repeat(unit: str, size: int) -> str:
    """``unit`` repeated and cut to ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def heading(level: int, ordinal: int) -> str:
    """The marker of ``level`` (0: ``一、`` … 4: ``①``) for ``ordinal`` (1 to 10)."""
    return HEADING_LEVELS[level].format(
        cn=_CHINESE[ordinal - 1], n=ordinal, circled=_CIRCLED[ordinal - 1]
    )


def many_headings(size: int) -> str:
    """Headings only, one short line each, every level in turn (1 MB: 100,000 headings)."""
    lines: list[str] = []
    total = 0
    for count in itertools.count():
        level = count % len(HEADING_LEVELS)
        ordinal = count // len(HEADING_LEVELS) % 10 + 1
        line = heading(level, ordinal) + TITLES[count % len(TITLES)] + "\n"
        lines.append(line)
        total += len(line)
        if total >= size:
            break
    return "".join(lines)[:size]


def report_text(size: int) -> str:
    """The bundled sample report, repeated: ordinary report text, at any size."""
    sample = resources.files("govreport.examples").joinpath("water-bureau-2023.txt")
    return repeat(sample.read_text("utf-8"), size)


def nested_levels(size: int) -> str:
    """Every level nested in the one above, each heading followed by a line of body text."""
    block = "".join(
        heading(level, ordinal) + TITLES[level] + "\n" + BODY
        for ordinal in range(1, 11)
        for level in range(len(HEADING_LEVELS))
    )
    return repeat(block, size)


def long_numbers(size: int) -> str:
    """Numbers of 10,000 digits, with units, a decimal point and words between them."""
    return repeat("完成" + "9" * 10_000 + "项，增长" + "1" * 10_000 + ".5%，", size)


def one_line(text: str) -> Callable[[int], str]:
    """A builder: ``text`` with its line breaks removed, repeated into a single line."""
    flat = text.replace("\r", "").replace("\n", "")
    return lambda size: repeat(flat, size)


def _runs_of(unit: str) -> Callable[[int], str]:
    return lambda size: repeat(unit, size)


ADVERSARIAL_INPUTS: Mapping[str, Callable[[int], str]] = MappingProxyType(
    {
        "一 repeated": _runs_of("一"),
        "1 repeated": _runs_of("1"),
        "（ repeated": _runs_of("（"),
        "《 never closed": _runs_of("《"),
        "“ never closed": _runs_of("“"),
        "one line of report text": one_line(BODY * 3 + "（一）水利建设。二是抓好安全生产。"),
        "headings only": many_headings,
        "every level nested": nested_levels,
        "10,000-digit numbers": long_numbers,
        "numeral characters": _runs_of("一二三四五六七八九十百千万亿"),
        "one endless list (3和3和…)": _runs_of("3和"),
        "one endless range (3—3—…)": _runs_of("3—"),
        "dates and ordinals": _runs_of("第2023年12月"),
        "quantities only": _runs_of("19项"),
    }
)
"""Input name → builder taking a size in characters."""

DENSE_INPUTS: Mapping[str, Callable[[int], str]] = MappingProxyType(
    {
        "水库 repeated": _runs_of("水库"),
        "12月 repeated": _runs_of("12月"),
        "one endless range (1~1~…)": _runs_of("1~"),
        "one endless range (1至1至…)": _runs_of("1至"),
        "1万 repeated": _runs_of("1万"),
    }
)
"""More inputs dense in mentions, found by the attack of issue 15: linear, but at 8 to 30 times
the sample's time per character, so ``benchmarks/adversarial.py`` measures them and the tests
do not parse them at 200,000 characters yet."""

EXPORT_INPUTS: Mapping[str, Callable[[int], str]] = MappingProxyType(
    {"report text": report_text, "headings only": many_headings}
)
"""Texts every exporter must write in linear time: mentions under many parts, and many parts."""
