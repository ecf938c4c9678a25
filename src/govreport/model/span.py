"""Source spans: half-open code-point offsets into the decoded text."""

from __future__ import annotations

from bisect import bisect_right

import attrs


@attrs.frozen(order=True)
class Span:
    """A half-open range ``[start, end)`` of code points in the decoded source text."""

    start: int
    """Offset of the first code point."""
    end: int
    """Offset one past the last code point."""

    def __attrs_post_init__(self) -> None:
        # One check instead of attrs validators: spans are made by the thousand.
        if not 0 <= self.start <= self.end:
            raise ValueError(f"span [{self.start}, {self.end}) is not a valid range")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        """The part of ``text`` this span covers."""
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies entirely inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one code point."""
        return self.start < other.end and other.start < self.end

    def as_list(self) -> list[int]:
        """``[start, end]``, the form the JSON contract uses."""
        return [self.start, self.end]


@attrs.frozen
class LineIndex:
    """Maps offsets to 1-based line and column numbers.

    Lines end at LF, at CR not followed by LF, and at CRLF, so CRLF texts count lines the way
    an editor shows them while offsets still count both characters.
    """

    line_starts: tuple[int, ...]
    """Offset at which each line starts, in order."""

    @classmethod
    def of(cls, text: str) -> LineIndex:
        """Index the line starts of ``text``."""
        starts = [0]
        append = starts.append
        position = text.find("\n")
        while position != -1:
            append(position + 1)
            position = text.find("\n", position + 1)
        if "\r" in text:
            # A lone CR also ends a line (old Mac files, mixed line ends).
            lone = [
                i + 1 for i, ch in enumerate(text) if ch == "\r" and text[i + 1 : i + 2] != "\n"
            ]
            starts = sorted({*starts, *lone})
        return cls(tuple(starts))

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of ``offset``."""
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1
