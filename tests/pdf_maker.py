"""Writes small PDFs with a real text layer, laid out as offices lay out their reports.

The text is set in a Type0 font with Identity-H encoding (two bytes a character) and a
ToUnicode map, as office programs write CJK text; the font itself is not embedded, so the
files stay small and pdfium reads the characters from the map. :func:`layout` sets paragraphs
on A4 pages: first-line indents or none, one or two columns, a running header, a page number in
any office's style, and the text layer's characters swapped (Kangxi radicals for 水, 长 …).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Sequence

import attrs

A4 = (595.0, 842.0)


@attrs.frozen
class Run:
    """A run of text at a baseline position, in points from the page's bottom left."""

    x: float
    y: float
    size: float
    text: str
    spacing: float = 0.0
    """Extra space after each character (PDF's Tc), to justify the line."""


def advance(ch: str) -> float:
    """Width of ``ch`` in ems: ASCII is half width, everything else full width."""
    return 0.5 if ch.isascii() else 1.0


def _hex(text: str, cid: dict[str, int]) -> str:
    return "".join(f"{cid[ch]:04X}" for ch in text)


def write_pdf(
    pages: Sequence[Sequence[Run]],
    *,
    title: str | None = None,
    created: str | None = None,
    compress: bool = True,
    padding: int = 0,
) -> bytes:
    """A PDF of ``pages``, each a list of text runs, with optional Info metadata.

    :param padding: spaces to end each page's content stream with (a Flate bomb when large).
    """
    used = sorted({ch for page in pages for run in page for ch in run.text} | {" "})
    cid = {ch: number for number, ch in enumerate(used, 1)}  # CIDs 1…n, in code point order
    cmap = "\n".join(
        [
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CMapName /Maker-UCS def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange",
        ]
        + [
            f"{len(chunk)} beginbfchar "
            + " ".join(f"<{cid[c]:04X}> <{c.encode('utf-16-be').hex()}>" for c in chunk)
            + " endbfchar"
            for chunk in (used[i : i + 100] for i in range(0, len(used), 100))
        ]
        + ["endcmap CMapName currentdict /CMap defineresource pop end end"]
    ).encode()
    widths = " ".join(f"{cid[c]} [{int(advance(c) * 1000)}]" for c in used)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the pages are numbered
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 6 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDToGIDMap 7 0 R "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 5 0 R /DW 1000 /W [" + widths.encode() + b"] >>",
        b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -140 1000 860] "
        b"/ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 700 /StemV 80 >>",
        _stream(cmap, compress),
        # Every character drawn with one visible glyph of pdfium's stand-in font: pdfium drops
        # a text object whose glyphs are all empty, and the stand-in has none at most CIDs.
        _stream(b"\x00\x24" * (len(used) + 1), compress),
    ]
    kids = []
    for page in pages:
        content = "\n".join(
            f"BT /F1 {run.size:g} Tf {run.spacing:.3f} Tc {run.x:.2f} {run.y:.2f} Td "
            f"<{_hex(run.text, cid)}> Tj ET"
            for run in page
        ).encode()
        objects.append(_stream(content, compress, padding))
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {A4[0]:g} {A4[1]:g}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>".encode()
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    info = []
    if title is not None:
        info.append(f"/Title <FEFF{title.encode('utf-16-be').hex()}>")
    if created is not None:
        info.append(f"/CreationDate (D:{created})")
    objects.append(f"<< {' '.join(info)} >>".encode())
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _stream(data: bytes, compress: bool, padding: int = 0) -> bytes:
    if compress:
        deflate = zlib.compressobj(1)  # fast: a bomb's padding is large
        parts = [deflate.compress(data)]
        space = b" " * (1 << 20)
        for start in range(0, padding, len(space)):
            parts.append(deflate.compress(space[: padding - start]))
        data = b"".join([*parts, deflate.flush()])
        head = f"<< /Length {len(data)} /Filter /FlateDecode >>"
    else:
        data += b" " * padding
        head = f"<< /Length {len(data)} >>"
    return head.encode() + b"\nstream\n" + data + b"\nendstream"


PageNumber = Callable[[int, int], str]
"""A page number as printed, from the page's number and the page count."""


def dash_number(page: int, pages: int) -> str:
    return f"— {page} —"


@attrs.frozen(kw_only=True)
class Layout:
    """How an office sets its report."""

    size: float = 16.0
    """Font size in points; the line pitch is 1.75 times it."""
    margins: tuple[float, float, float, float] = (79.0, 99.0, 74.0, 105.0)
    """Left, bottom, right and top margins, in points."""
    columns: int = 1
    gutter: float = 24.0
    indent: int = 2
    """First-line indent of a body paragraph, in characters."""
    spacing: int = 0
    """Blank lines between paragraphs."""
    header: str | None = None
    """A running header at the top of every page."""
    page_number: PageNumber | None = dash_number
    """The footer; None for no page number."""
    spanning_title: bool = False
    """The first paragraph is a title across the columns, centred, at the first page's top."""
    swap: dict[str, str] = attrs.field(factory=dict)
    """Characters the text layer holds in place of others (水 → ⽔)."""


CLOSING = "，。、；：？！”’）》」』%,.;:?!)"
"""Characters that may not start a line."""


def wrap(text: str, width: float, indent: int, size: float) -> list[tuple[float, str]]:
    """``text`` broken into lines of at most ``width`` points: (indent in points, line)."""
    lines: list[tuple[float, str]] = []
    start = float(indent) * size
    line, used = "", start
    for word in re.findall(r"[A-Za-z0-9.%]+|.", text):
        # Punctuation never starts a line: it hangs in the margin, as office programs set it;
        # a Latin word or a number moves to the next line whole.
        wide = sum(advance(ch) for ch in word) * size
        if used + wide > width + 0.01 and line and word[0] not in CLOSING:
            lines.append((start, line))
            start, line, used = 0.0, "", 0.0
        line += word
        used += wide
    lines.append((start, line))
    return lines


def layout(
    paragraphs: Sequence[str],
    style: Layout = Layout(),
    *,
    title: str | None = None,
    created: str | None = None,
    compress: bool = True,
) -> bytes:
    """The paragraphs set on A4 pages in ``style``, as a PDF."""
    left, bottom, right, top = style.margins
    width = A4[0] - left - right
    column_width = (width - style.gutter * (style.columns - 1)) / style.columns
    pitch = style.size * 1.75
    rows = int((A4[1] - top - bottom) // pitch)
    placed: list[tuple[float, str, float]] = []  # (x offset, text, character spacing)
    title_runs: list[Run] = []
    if style.spanning_title:
        heading, *paragraphs = paragraphs
        size = style.size * 1.5
        x = (A4[0] - sum(advance(ch) for ch in heading) * size) / 2
        title_runs.append(Run(x, A4[1] - top - size, size, heading))
    skip = 3 if title_runs else 0  # rows the title takes on the first page
    for paragraph in paragraphs:
        if not paragraph.strip():
            continue
        text = "".join(style.swap.get(ch, ch) for ch in paragraph)
        lines = wrap(text, column_width, style.indent, style.size)
        for number, (x, line) in enumerate(lines, 1):
            # Justified: every line but a paragraph's last fills the column.
            room = column_width - x - sum(advance(ch) for ch in line) * style.size
            last = number == len(lines) or room < 0 or len(line) < 2
            placed.append((x, line, 0.0 if last else room / (len(line) - 1)))
        placed += [(0.0, "", 0.0)] * style.spacing
    first = (rows - skip) * style.columns
    per_page = rows * style.columns
    chunks = [placed[:first]] + [
        placed[i : i + per_page] for i in range(first, len(placed), per_page)
    ]
    pages = []
    for number, chunk in enumerate(chunks, 1):
        runs = list(title_runs) if number == 1 else []
        offset = skip if number == 1 else 0
        for slot, (x, line, spacing) in enumerate(chunk):
            column, row = divmod(slot, rows - offset)
            x0 = left + column * (column_width + style.gutter) + x
            y = A4[1] - top - style.size - (row + offset) * pitch
            if line:
                runs.append(Run(x0, y, style.size, line, spacing))
        if style.header is not None:
            runs.append(Run(left, A4[1] - top + 2 * style.size, 10.5, style.header))
        if style.page_number is not None:
            label = style.page_number(number, len(chunks))
            x = (A4[0] - sum(advance(c) for c in label) * 14) / 2
            runs.append(Run(x, bottom - 3 * style.size, 14, label))
        pages.append(runs)
    return write_pdf(pages, title=title, created=created, compress=compress)
