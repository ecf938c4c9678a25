"""Text helpers shared by the text exporters: exact numbers, field values and one-line excerpts."""

from __future__ import annotations

import enum
from decimal import Decimal

from govreport.serialise import decimal_text


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
