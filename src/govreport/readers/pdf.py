"""The PDF reader: a PDF's text layer, in reading order, one paragraph a line (pypdfium2).

pdfium gives each character of a page with its box. The reader groups the characters into
fragments (runs on one baseline with no wide gap), drops the page numbers and the headers and
footers that repeat from page to page, finds a column gutter where there is one, orders the
fragments top to bottom within each column, and joins the lines of a paragraph back into one
line — where a line ends mid-sentence at the right margin and the next one is not indented.
Characters that PDF producers map to radical code points (``⽔`` U+2F54 for 水, ``⻓`` U+2ED3
for 长) are mapped back to the ordinary character, one code point for one.

Untrusted files are bounded: their size, their page count and the characters of a page
(:data:`~govreport.readers.LIMITS`), what their streams inflate to (checked before pdfium sees
them) and the time a document takes; every pdfium failure is one line.
"""

from __future__ import annotations

import re
import statistics
import time
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Any

import attrs

from govreport.errors import InputError
from govreport.hookspecs import hookimpl
from govreport.model import SourceText
from govreport.model.outline import ITEM_RANK
from govreport.readers import LIMITS, TextBuilder, require, unreadable
from govreport.readers.sniff import is_pdf
from govreport.structure import match_marker

Box = tuple[float, float, float, float]
"""A box on a page, ``(left, bottom, right, top)`` in PDF points."""

# -- characters -------------------------------------------------------------------------------

# CJK Radicals Supplement code points that stand for an ordinary character (NFKC maps only two
# of them). Simplified-form radicals map to the simplified character.
_RADICALS_SUPPLEMENT = {
    0x2E81: "厂", 0x2E84: "乙", 0x2E85: "亻", 0x2E86: "冂", 0x2E89: "刂", 0x2E8A: "卜",
    0x2E8B: "卩", 0x2E8C: "小", 0x2E8D: "小", 0x2E8E: "尢", 0x2E8F: "尢", 0x2E90: "尢",
    0x2E92: "巳", 0x2E93: "幺", 0x2E94: "彑", 0x2E96: "忄", 0x2E97: "心", 0x2E98: "扌",
    0x2E99: "攵", 0x2E9B: "旡", 0x2E9C: "日", 0x2E9D: "月", 0x2E9E: "歺", 0x2E9F: "母",
    0x2EA0: "民", 0x2EA1: "氵", 0x2EA2: "氺", 0x2EA3: "灬", 0x2EA4: "爫", 0x2EA5: "爫",
    0x2EA6: "丬", 0x2EA8: "犭", 0x2EA9: "王", 0x2EAA: "疋", 0x2EAB: "罒", 0x2EAC: "示",
    0x2EAD: "礻", 0x2EAE: "竹", 0x2EAF: "糸", 0x2EB0: "纟", 0x2EB2: "罒", 0x2EB3: "罒",
    0x2EB6: "羊", 0x2EB7: "羊", 0x2EB9: "耂", 0x2EBA: "肀", 0x2EBB: "聿", 0x2EBC: "月",
    0x2EBD: "臼", 0x2EBE: "艹", 0x2EBF: "艹", 0x2EC0: "艹", 0x2EC1: "虎", 0x2EC2: "衤",
    0x2EC3: "覀", 0x2EC4: "西", 0x2EC5: "见", 0x2EC6: "角", 0x2EC7: "角", 0x2EC8: "讠",
    0x2EC9: "贝", 0x2ECA: "足", 0x2ECB: "车", 0x2ECC: "辶", 0x2ECD: "辶", 0x2ECE: "辶",
    0x2ECF: "阝", 0x2ED0: "钅", 0x2ED1: "長", 0x2ED2: "镸", 0x2ED3: "长", 0x2ED4: "门",
    0x2ED6: "阝", 0x2ED7: "雨", 0x2ED8: "青", 0x2ED9: "韦", 0x2EDA: "页", 0x2EDB: "风",
    0x2EDC: "飞", 0x2EDD: "食", 0x2EDF: "食", 0x2EE0: "饣", 0x2EE2: "马", 0x2EE3: "骨",
    0x2EE4: "鬼", 0x2EE5: "鱼", 0x2EE6: "鸟", 0x2EE7: "卤", 0x2EE8: "麦", 0x2EE9: "黄",
    0x2EEA: "黾", 0x2EEB: "齐", 0x2EEC: "齐", 0x2EED: "齿", 0x2EEE: "齿", 0x2EF0: "龙",
    0x2EF1: "龟", 0x2EF2: "龟", 0x2EF3: "龟",
}  # fmt: skip


def _ordinary(code: int) -> str | None:
    """The ordinary character a radical or compatibility ideograph stands for, if one."""
    if 0x2E80 <= code <= 0x2EFF:
        return _RADICALS_SUPPLEMENT.get(code)
    if 0x2F00 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F:
        mapped = unicodedata.normalize("NFKC", chr(code))
        return mapped if len(mapped) == 1 and mapped != chr(code) else None
    return None


ORDINARY: dict[int, str] = {
    code: mapped
    for block in ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
    for code in range(block[0], block[1] + 1)
    if (mapped := _ordinary(code)) is not None
}
"""Radical (Kangxi, CJK Radicals Supplement) and CJK compatibility code point → the ordinary
character, one for one so that no span shifts."""


def _is_cjk(ch: str) -> bool:
    """Whether ``ch`` is set without spaces around it (ideographs, kana, CJK punctuation)."""
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
        or ch in "“”‘’—…·"
    )


@attrs.frozen
class _Char:
    """One character of a page with its loose box (the font's full height) and size."""

    ch: str
    left: float
    bottom: float
    right: float
    top: float
    size: float


@attrs.frozen
class _Fragment:
    """A run of characters on one baseline with no gap wider than :data:`_GAP` ems."""

    text: str
    box: Box
    size: float
    """The median font size of its characters, in points."""

    @property
    def middle(self) -> float:
        return (self.box[1] + self.box[3]) / 2


_GAP = 1.5
"""A gap between two characters wider than this many ems starts a new fragment (a table
cell, a column): justified CJK text stretches its gaps far less."""


def _character(code: int) -> str:
    """The character a text layer's code point stands for: a radical mapped to the ordinary
    character; a control or line separator (which would split a block) a space; what is no
    character at all (a lone surrogate, past U+10FFFF) U+FFFD."""
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return "\ufffd"
    ch = ORDINARY.get(code) or chr(code)
    return " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch


def _page_chars(textpage: Any, raw: Any, deadline: float, source: str) -> list[_Char]:
    """The page's characters, with pdfium's generated line ends dropped; a generated space is
    kept only between two characters that are not CJK (Latin words)."""
    count = raw.FPDFText_CountChars(textpage)
    if count > LIMITS.max_page_chars:
        raise InputError(f"{source}: a page holds {count} characters: not a report")
    chars: list[_Char] = []
    rect = raw.FS_RECTF()
    handle = textpage.raw  # the bare pointer: ctypes converts it without a Python call
    space_pending = False
    for index in range(count):
        if index & 4095 == 4095:
            _check_time(deadline, source)
        code = raw.FPDFText_GetUnicode(handle, index)
        if code in (0x0D, 0x0A, 0):  # line ends: the reader finds lines itself
            continue
        if code == 0x20 and raw.FPDFText_IsGenerated(handle, index):
            space_pending = True
            continue
        if not raw.FPDFText_GetLooseCharBox(handle, index, rect):
            continue
        # pdfium marks a hyphen that ends a line as U+0002; in a report it is a minus or a dash.
        ch = "-" if code == 0x02 else _character(code)
        if space_pending and chars and not _is_cjk(chars[-1].ch) and not _is_cjk(ch):
            right = chars[-1].right  # no width: the gap stays visible, to cut fragments at
            chars.append(_Char(" ", right, rect.bottom, right, rect.top, 0.0))
        space_pending = False
        size = raw.FPDFText_GetFontSize(handle, index)
        chars.append(_Char(ch, rect.left, rect.bottom, rect.right, rect.top, size))
    return chars


def _fragments(chars: Sequence[_Char]) -> list[_Fragment]:
    """Cut the characters, in pdfium's order, into fragments."""
    fragments: list[_Fragment] = []
    run: list[_Char] = []
    low = high = 0.0
    for char in chars:
        if run:
            em = max(char.size, run[-1].size, 1.0)
            middle = (char.bottom + char.top) / 2
            gap = char.left - run[-1].right
            back = char.left < run[-1].left - em / 2  # a new line (a glyph drawn twice is not)
            if not low <= middle <= high or gap > _GAP * em or back:
                fragments.extend(_fragment(run))
                run = []
        if not run:
            low, high = char.bottom, char.top
        run.append(char)
    fragments.extend(_fragment(run))
    return fragments


def _fragment(run: Sequence[_Char]) -> Iterator[_Fragment]:
    text = "".join(char.ch for char in run).strip()
    if not text:
        return
    sized = [char for char in run if not char.ch.isspace()]
    box = (
        min(char.left for char in sized),
        min(char.bottom for char in sized),
        max(char.right for char in sized),
        max(char.top for char in sized),
    )
    yield _Fragment(text, box, statistics.median(char.size for char in sized))


# -- page numbers, headers and footers --------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"[-—–―－~·•\s]*(?:第?\s*\d{1,4}\s*页?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?)"
    r"[-—–―－~·•\s]*"
)
"""A page number as offices print it: ``— 3 —``, ``- 3 -``, ``第3页``, ``3/12``,
``第3页 共12页``, ``Page 3 of 12``."""

_EDGE_ROWS = 2
"""Rows at the top and at the bottom of a page that may be a header, footer or page number."""


def _rows(fragments: Sequence[_Fragment]) -> list[list[_Fragment]]:
    """The fragments in rows (overlapping vertically), top to bottom, each left to right."""
    rows: list[list[_Fragment]] = []
    for fragment in sorted(fragments, key=lambda f: -f.middle):
        if rows and rows[-1][0].box[1] <= fragment.middle <= rows[-1][0].box[3]:
            rows[-1].append(fragment)
        else:
            rows.append([fragment])
    for row in rows:
        row.sort(key=lambda f: f.box[0])
    return rows


def _row_key(row: Sequence[_Fragment]) -> str:
    """A row's text with its numbers blanked: what a running header or footer repeats."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", "".join(f.text for f in row)))


def _edges(rows: Sequence[list[_Fragment]]) -> list[tuple[str, int]]:
    """The rows at a page's edges as ``(top or bottom, row index)``."""
    top = [("top", i) for i in range(min(_EDGE_ROWS, len(rows)))]
    bottom = [("bottom", i) for i in range(max(len(top), len(rows) - _EDGE_ROWS), len(rows))]
    return top + bottom


def _drop_running_rows(pages: list[list[list[_Fragment]]]) -> None:
    """Drop page numbers and the headers and footers repeated at the same edge of pages."""
    seen: Counter[tuple[str, str]] = Counter()
    for rows in pages:
        seen.update({(edge, _row_key(rows[i])) for edge, i in _edges(rows)})
    repeated = max(2, (len(pages) + 1) // 2)
    for rows in pages:
        drop = {
            i
            for edge, i in _edges(rows)
            if _PAGE_NUMBER.fullmatch(" ".join(f.text for f in rows[i]))
            or seen[edge, _row_key(rows[i])] >= repeated
        }
        rows[:] = [row for i, row in enumerate(rows) if i not in drop]


# -- reading order ----------------------------------------------------------------------------


@attrs.frozen
class _Line:
    """A line of text in reading order, with the column it belongs to."""

    text: str
    box: Box
    size: float
    page: int
    column: tuple[int, int]
    """(page, column number on the page): lines of one column share their margins."""


def _gutter(fragments: Sequence[_Fragment]) -> tuple[float, float] | None:
    """The widest vertical strip in the middle of the fragments that separates two columns of
    text, if there is one: no fragment that shares its row crosses it, and each side holds a
    line of text (not only the short cells of a table)."""
    if len(fragments) < 6:
        return None
    left = min(f.box[0] for f in fragments)
    right = max(f.box[2] for f in fragments)
    width = right - left
    em = statistics.median(f.size for f in fragments)
    paired = [f for row in _rows(fragments) if len(row) > 1 for f in row]
    spans = sorted((f.box[0], f.box[2]) for f in paired if f.box[2] - f.box[0] < 0.55 * width)
    best: tuple[float, float] | None = None
    reach = left
    for start, end in spans:
        middle = left + 0.2 * width <= (start + reach) / 2 <= right - 0.2 * width
        wider = best is None or start - reach > best[1] - best[0]
        if start - reach >= 0.8 * em and middle and wider:
            best = (reach, start)
        reach = max(reach, end)
    if best is None:
        return None
    sides = (
        [f for f in fragments if f.box[2] <= best[0]],
        [f for f in fragments if f.box[0] >= best[1]],
    )
    return best if sum(map(len, sides)) >= 6 and all(map(_has_a_line, sides)) else None


def _has_a_line(side: Sequence[_Fragment]) -> bool:
    """Whether a side of a gutter holds a line of text (ten characters or more): a column, not
    only the short cells of a table."""
    return any(len(f.text) >= 10 for f in side)


def _columns(fragments: Sequence[_Fragment], depth: int = 0) -> list[list[list[_Fragment]]]:
    """The fragments as columns of rows in reading order: above and below whatever spans the
    gutter, the left column, then the right one (each split again, for three columns)."""
    gutter = _gutter(fragments) if depth < 2 else None
    if gutter is None:
        return [_rows(fragments)]
    spanning = sorted(
        (f for f in fragments if f.box[0] < gutter[0] and f.box[2] > gutter[1]),
        key=lambda f: -f.middle,
    )
    bands: list[tuple[list[_Fragment], list[_Fragment]]] = [
        ([], []) for _ in range(len(spanning) + 1)
    ]
    for fragment in fragments:
        if fragment.box[0] < gutter[0] and fragment.box[2] > gutter[1]:
            continue
        band = sum(1 for s in spanning if s.middle > fragment.middle)
        bands[band][fragment.box[0] >= gutter[1]].append(fragment)
    columns: list[list[list[_Fragment]]] = []
    for index, (left_side, right_side) in enumerate(bands):
        for side in (left_side, right_side):
            if side:
                columns.extend(_columns(side, depth + 1))
        if index < len(spanning):
            columns.append([[spanning[index]]])
    return columns


def _lines(page: int, rows: Sequence[list[_Fragment]]) -> list[_Line]:
    """The page's lines in reading order; a row's fragments are cells, joined by tabs."""
    fragments = [f for row in rows for f in row]
    lines: list[_Line] = []
    for number, column in enumerate(_columns(fragments)):
        for row in column:
            box = (
                min(f.box[0] for f in row),
                min(f.box[1] for f in row),
                max(f.box[2] for f in row),
                max(f.box[3] for f in row),
            )
            text = "\t".join(f.text for f in row)
            lines.append(_Line(text, box, max(f.size for f in row), page, (page, number)))
    return lines


# -- paragraphs -------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[。；：！？;:!?][”’」』）)]*$")
"""A line ending a sentence (with its closing quotes or brackets)."""


@attrs.frozen
class _Margins:
    """Where a column's lines start and end."""

    left: float
    right: float


def _quantile(values: Sequence[float], q: float) -> float:
    return sorted(values)[int(q * (len(values) - 1))]


def _margins(lines: Sequence[_Line]) -> dict[tuple[int, int], _Margins]:
    """Each column's margins; a column of a few lines takes the document's, where it lies
    within them."""
    by_column: dict[tuple[int, int], list[_Line]] = {}
    for line in lines:
        by_column.setdefault(line.column, []).append(line)
    # Quantiles, not the extremes: punctuation hangs in the margins, and the first line of a
    # paragraph is indented and its last line short.
    own = {
        column: _Margins(
            _quantile([x.box[0] for x in rows], 0.1), _quantile([x.box[2] for x in rows], 0.75)
        )
        for column, rows in by_column.items()
    }
    full = [m for column, m in own.items() if len(by_column[column]) >= 4]
    if not full:
        return own
    left = statistics.median(m.left for m in full)
    right = statistics.median(m.right for m in full)
    return {
        column: _Margins(min(m.left, left), max(m.right, right))
        if len(by_column[column]) < 4 and m.left >= left - 1 and m.right <= right + 1
        else m
        for column, m in own.items()
    }


def _indented(line: _Line, margins: _Margins) -> bool:
    return line.box[0] - margins.left >= 1.2 * line.size


def _paragraph_breaks(lines: Sequence[_Line]) -> list[bool]:
    """For each line, whether it starts a paragraph."""
    margins = _margins(lines)
    pitches = [
        before.box[1] - line.box[1]
        for before, line in pairwise(lines)
        if before.column == line.column
    ]
    pitch = statistics.median(pitches) if pitches else 0.0
    gaps = [
        before.column == line.column and before.box[1] - line.box[1] > 1.6 * pitch > 0
        for before, line in pairwise(lines)
    ]
    # Paragraphs marked by first-line indents or by space between them: a line at the margin
    # right below another continues its paragraph, whatever that line ended with (a sentence
    # can end at the right margin mid-paragraph, and the next start with 三是).
    indents = sum(
        1
        for before, line in pairwise(lines)
        if _indented(before, margins[before.column])
        and not _indented(line, margins[line.column])
        and before.box[0] - margins[before.column].left <= 4.5 * before.size
    )
    marked = indents >= 2 or sum(gaps) >= 2
    breaks = [True]
    for (before, line), gap in zip(pairwise(lines), gaps, strict=True):
        room = margins[before.column].right - before.box[2]
        ends_sentence = _SENTENCE_END.search(before.text) is not None
        marker = match_marker(line.text, 0, standalone=False)
        breaks.append(
            room >= 2 * before.size  # a short line
            or gap
            or "\t" in before.text
            or "\t" in line.text
            or abs(before.size - line.size) > 1
            or _indented(line, margins[line.column])
            # Unmarked, a sentence's end ends its paragraph, unless the line is full:
            # justified text fills every line of a paragraph but the last.
            or (not marked and room > 0.05 * before.size and ends_sentence)
            # A heading's number; an item's (三是) only after a sentence's end, unmarked.
            or (
                marker is not None
                and (marker.style.rank < ITEM_RANK or (not marked and ends_sentence))
            )
        )
    return breaks


def _join(before: str, after: str) -> str:
    """Two lines of a paragraph as one: a space only between two Latin words."""
    if (
        before[-1:].isascii()
        and before[-1:].isalpha()
        and after[:1].isascii()
        and after[:1].isalpha()
    ):
        return f"{before} {after}"
    return before + after


# -- the document -----------------------------------------------------------------------------


def _check_time(deadline: float, source: str) -> None:
    if time.monotonic() > deadline:
        raise InputError(
            f"{source}: reading the PDF took over {LIMITS.max_seconds:g} s: not a report"
        )


def _check_streams(data: bytes, source: str) -> None:
    """Refuse a PDF whose Flate streams (other than images, which text extraction does not
    decode) inflate past :attr:`~govreport.readers.ReaderLimits.max_inflated_bytes`: pdfium
    would hold such a stream in memory whole. Input goes in 64 KiB at a time and output comes
    out 1 MiB at a time, so the check itself stays small whatever the file holds."""
    view = memoryview(data)
    total = 0
    for found in re.finditer(rb"stream\r?\n", data):
        head = data[max(0, found.start() - 1024) : found.start()]
        head = head[head.rfind(b"obj") + 1 :]
        if b"/FlateDecode" not in head or b"/Image" in head:
            continue
        inflater = zlib.decompressobj()
        position = found.end()
        try:
            while not inflater.eof and position < len(data):
                pending: bytes | memoryview = view[position : position + 65536]
                position += 65536
                while pending and not inflater.eof:
                    total += len(inflater.decompress(pending, 1 << 20))
                    if total > LIMITS.max_inflated_bytes:
                        raise InputError(
                            f"{source}: the PDF's streams inflate past "
                            f"{LIMITS.max_inflated_bytes} bytes: not a report"
                        )
                    pending = inflater.unconsumed_tail
        except zlib.error:
            continue  # not Flate after all, or encrypted: pdfium decides


_FILE_NAME = re.compile(r"(?:Microsoft Word - )?.*\.(?:docx?|wps|pdf|txt|rtf)", re.IGNORECASE)
"""What office programs put in the Title field when the author gave none: the file's name."""


def _title(value: str) -> str | None:
    """The metadata's title, unless it is empty or only names the file it was made from."""
    value = value.strip()
    return None if not value or _FILE_NAME.fullmatch(value) else value


def _pdf_date(value: str) -> str | None:
    """An ISO date from a PDF date string (``D:20230305120000+08'00'``)."""
    found = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", value.strip())
    if found is None:
        return None
    return "-".join(part for part in found.groups() if part)


@hookimpl
def read_source(data: bytes, source: str) -> SourceText | None:
    """Read ``data`` as a PDF when it is one (by its magic number, whatever its name)."""
    return read_pdf(data, source) if is_pdf(data) else None


def read_pdf(data: bytes, source: str) -> SourceText:
    """Read the text layer of the PDF in ``data``.

    :returns: a :class:`~govreport.model.SourceText` read by ``pdf``: one paragraph a line,
        each with its page and box; the title and creation date from the document's metadata.
    :raises InputError: when the file is too large, too long, too slow, unreadable (a broken
        cross-reference table, a wrong password) or has no text layer (a scan).
    """
    deadline = time.monotonic() + LIMITS.max_seconds
    if len(data) > LIMITS.max_file_bytes:
        raise InputError(f"{source}: a PDF of {len(data)} bytes is over {LIMITS.max_file_bytes}")
    pdfium = require("pypdfium2", extra="pdf", what="a PDF")
    raw = require("pypdfium2.raw", extra="pdf", what="a PDF")
    _check_streams(data, source)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise unreadable(source, "PDF", exc) from None
    try:
        count = len(document)
        if count > LIMITS.max_pages:
            raise InputError(f"{source}: the PDF has {count} pages, over {LIMITS.max_pages}")
        pages: list[list[list[_Fragment]]] = []
        for index in range(count):
            _check_time(deadline, source)
            page = document[index]
            textpage = page.get_textpage()
            pages.append(_rows(_fragments(_page_chars(textpage, raw, deadline, source))))
            textpage.close()
            page.close()
        metadata = document.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError as exc:
        raise unreadable(source, "PDF", exc) from None
    finally:
        document.close()
    _drop_running_rows(pages)
    lines = [line for number, rows in enumerate(pages, 1) for line in _lines(number, rows)]
    if not lines:
        raise InputError(f"{source}: the PDF has no text layer (a scan?): nothing to read")
    _check_time(deadline, source)
    builder = TextBuilder()
    paragraph: list[_Line] = []
    for line, starts in zip(lines, _paragraph_breaks(lines), strict=True):
        if starts and paragraph:
            _add(builder, paragraph)
            paragraph = []
        paragraph.append(line)
    _add(builder, paragraph)
    title = _title(metadata.get("Title", ""))
    date = _pdf_date(metadata.get("CreationDate", ""))
    return builder.build("pdf", title=title, date=date)


def _add(builder: TextBuilder, paragraph: Sequence[_Line]) -> None:
    """Add a paragraph with the page it starts on and its box there."""
    text = paragraph[0].text
    for line in paragraph[1:]:
        text = _join(text, line.text)
    first = [line for line in paragraph if line.page == paragraph[0].page]
    box = (  # to a hundredth of a point: what a box is good for, and a short JSON
        round(min(line.box[0] for line in first), 2),
        round(min(line.box[1] for line in first), 2),
        round(max(line.box[2] for line in first), 2),
        round(max(line.box[3] for line in first), 2),
    )
    page = paragraph[0].page
    builder.add(text, f"page[{page}]", page=page, box=box)
