"""Text helpers shared by the text exporters: exact numbers, field values, one-line excerpts and
text that UTF-8 can write."""

from __future__ import annotations

import enum
from decimal import Decimal

from govreport.serialise import LONE_SURROGATE, decimal_text


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
    return LONE_SURROGATE.sub("\ufffd", text)
