"""Text helpers shared by the text exporters: exact numbers, field values, one-line excerpts and
text that UTF-8 can write."""

from __future__ import annotations

import enum
import re
from decimal import Decimal

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""A surrogate code point on its own: a ``str`` may hold one, UTF-8 cannot."""


def decimal_text(value: Decimal) -> str:
    """``value`` as a plain decimal, exact and without an exponent or trailing zeros.

    ``Decimal("5.3E+9")`` → ``5300000000``, ``Decimal("1646000000.00")`` → ``1646000000``,
    ``Decimal("1.990")`` → ``1.99``. No context rounding is involved, so any size stays exact.
    """
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def field_text(value: object) -> str:
    """A mention field as text: empty for None, enums by value, decimals by :func:`decimal_text`."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):  # before str: Qualifier and Change are str enums
        return str(value.value)
    if isinstance(value, Decimal):
        return decimal_text(value)
    return str(value)


def excerpt(text: str, length: int | None = None) -> str:
    """``text`` on one line (runs of whitespace become one space), cut to ``length`` with "…"."""
    line = " ".join(text.split())
    return line if length is None or len(line) <= length else line[:length] + "…"


def writable(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD, so that UTF-8 can write all of it.

    Lone surrogates reach a report through a file name that was not UTF-8 (Python keeps its bytes
    as surrogates) or a reader plugin. One character for one keeps every offset and column.
    """
    return _LONE_SURROGATE.sub("\ufffd", text)
