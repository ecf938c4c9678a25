"""Built-in plugin ``builtin.doc``: Word 97–2003 files (.doc), with no system program.

A .doc is an OLE compound file. Its ``WordDocument`` stream starts with the File Information
Block (FIB), which says where the other structures are in the table stream (``0Table`` or
``1Table``). The text is found through the piece table (the CLX): runs of characters, each
stored either as cp1252 bytes ("compressed") or as UTF-16. Paragraph properties (the PAPX
pages) give each paragraph's list (``sprmPIlfo``, ``sprmPIlvl``, also through its style) and
whether it ends a table row; the list tables (PlcfLst, PlfLfo) give the label of each numbered
paragraph, rendered by :mod:`govreport.readers.wordnumbering`. Footnotes follow the body.

With ``GOVREPORT_DOC_SOFFICE=1`` and LibreOffice's ``soffice`` on the path, the file is converted
to .docx by LibreOffice instead (full fidelity: fields, text boxes, revisions) and read by the
.docx reader. Every offset and count the file states is checked against the stream it points
into, so a broken or hostile file fails with one line.
"""

from __future__ import annotations

import bisect
import io
import os
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import attrs

from govreport.errors import InputError
from govreport.hookspecs import hookimpl
from govreport.model import SourceText
from govreport.readers import TextBuilder, require, unreadable
from govreport.readers.docx import read_docx
from govreport.readers.sniff import is_doc
from govreport.readers.wordnumbering import ListDefinition, ListLevel, Numberer, suffix_text

_WORD_IDENT = 0xA5EC

# MS-DOC MSONFC: list number format codes, by their OOXML names (index = code).
_NFC = (
    "decimal",
    "upperRoman",
    "lowerRoman",
    "upperLetter",
    "lowerLetter",
    "ordinal",
    "cardinalText",
    "ordinalText",
    "hex",
    "chicago",
    "ideographDigital",
    "japaneseCounting",
    "aiueo",
    "iroha",
    "decimalFullWidth",
    "decimalHalfWidth",
    "japaneseLegal",
    "japaneseDigitalTenThousand",
    "decimalEnclosedCircle",
    "decimalFullWidth2",
    "aiueoFullWidth",
    "irohaFullWidth",
    "decimalZero",
    "bullet",
    "ganada",
    "chosung",
    "decimalEnclosedFullstop",
    "decimalEnclosedParen",
    "decimalEnclosedCircleChinese",
    "ideographEnclosedCircle",
    "ideographTraditional",
    "ideographZodiac",
    "ideographZodiacTraditional",
    "taiwaneseCounting",
    "ideographLegalTraditional",
    "taiwaneseCountingThousand",
    "taiwaneseDigital",
    "chineseCounting",
    "chineseLegalSimplified",
    "chineseCountingThousand",
    "decimal",
)
_FOLLOW = ("tab", "space", "nothing")

# FibRgFcLcb97 pairs (fc, lcb) by index.
_STSHF, _PLCF_BTE_PAPX, _CLX, _PLCF_LST, _PLF_LFO = 1, 13, 33, 73, 74
# Single-property modifiers (sprms) the reader needs.
_SPRM_P_ILVL, _SPRM_P_ILFO, _SPRM_P_IN_TABLE, _SPRM_P_TTP = 0x260A, 0x460B, 0x2416, 0x2417
_SPRM_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
_SPRM_T_DEF_TABLE, _SPRM_P_CHG_TABS = 0xD608, 0xC615

# Characters of the text stream that are marks, not text.
_PARAGRAPH_END, _CELL_END = "\r", "\x07"
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
_DROPPED = dict.fromkeys(map(ord, "\x00\x01\x02\x03\x04\x05\x06\x08\x0c\x0e\x0f\x10\x11\x12"))
_LINE_BREAKS = {ord("\x0b"): "\n", ord("\x1e"): "-", ord("\x1f"): ""}


def _fail(source: str, why: str) -> InputError:
    return unreadable(source, "Word 97-2003 file", why)


class _Stream:
    """A stream's bytes, read only within bounds: a bad offset is a one-line error."""

    def __init__(self, data: bytes, name: str, source: str) -> None:
        self.data = data
        self._name = name
        self._source = source

    def unpack(self, fmt: str, offset: int) -> tuple[int, ...]:
        size = struct.calcsize(fmt)
        if offset < 0 or offset + size > len(self.data):
            raise _fail(self._source, f"offset {offset} past the end of {self._name}")
        return struct.unpack_from(fmt, self.data, offset)

    def slice(self, offset: int, length: int) -> bytes:
        if offset < 0 or length < 0 or offset + length > len(self.data):
            raise _fail(self._source, f"{length} bytes at {offset} past the end of {self._name}")
        return self.data[offset : offset + length]


@attrs.frozen
class _Piece:
    cp: int
    """First character position of the piece."""
    end: int
    """Character position after it."""
    fc: int
    """Byte offset of its first character in the WordDocument stream."""
    compressed: bool
    """cp1252, one byte a character (else UTF-16LE)."""


@attrs.frozen
class _Paragraph:
    """What the reader needs of one paragraph's properties."""

    list_id: int = 0
    """1-based list instance (ilfo); 0 for none."""
    level: int = 0
    """List level (ilvl)."""
    in_table: bool = False
    """Inside a table cell (sprmPFInTable)."""
    row_end: bool = False
    """Ends a table row (sprmPFTtp)."""
    style: int = 0
    """Paragraph style index (istd)."""


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """The (sprm, operand) pairs of a property list; a truncated one ends it."""
    at = 0
    while at + 2 <= len(grpprl):
        (sprm,) = struct.unpack_from("<H", grpprl, at)
        at += 2
        spra = sprm >> 13
        if spra == 6:
            if sprm == _SPRM_T_DEF_TABLE and at + 2 <= len(grpprl):
                size = struct.unpack_from("<H", grpprl, at)[0] + 1
                at += 1
            elif at < len(grpprl):
                size = grpprl[at] + 1
                if sprm == _SPRM_P_CHG_TABS and grpprl[at] == 255:
                    return  # the long form of tab changes: nothing the reader needs follows
            else:
                return
            operand = grpprl[at + 1 : at + size]
        else:
            size = _SPRM_OPERAND[spra]
            operand = grpprl[at : at + size]
        at += size
        yield sprm, operand


def _paragraph(grpprl: bytes, base: _Paragraph) -> _Paragraph:
    values = attrs.asdict(base)
    for sprm, operand in _sprms(grpprl):
        if sprm == _SPRM_P_ILFO and len(operand) == 2:
            values["list_id"] = struct.unpack("<h", operand)[0]
        elif sprm == _SPRM_P_ILVL and operand:
            values["level"] = operand[0]
        elif sprm == _SPRM_P_IN_TABLE and operand:
            values["in_table"] = operand[0] == 1
        elif sprm == _SPRM_P_TTP and operand:
            values["row_end"] = operand[0] == 1
    return _Paragraph(**values)


class _Document:
    """One .doc: its streams, text, paragraph properties and lists."""

    def __init__(self, word: _Stream, tables: Mapping[str, _Stream], source: str) -> None:
        self._source = source
        self.word = word
        ident, flags = word.unpack("<H", 0)[0], word.unpack("<H", 0x0A)[0]
        if ident != _WORD_IDENT:
            raise _fail(source, "no Word file information block")
        if flags & 0x0100:
            raise _fail(source, "the file is encrypted")
        name = "1Table" if flags & 0x0200 else "0Table"
        if name not in tables:
            raise _fail(source, f"no {name} stream")
        self.table = tables[name]
        (csw,) = word.unpack("<H", 32)
        at = 34 + 2 * csw
        (cslw,) = word.unpack("<H", at)
        counts = word.unpack(f"<{min(cslw, 22)}i", at + 2)
        if len(counts) < 11:
            raise _fail(source, "a truncated file information block")
        self.ccp_text, self.ccp_footnotes = counts[3], counts[4]
        at += 2 + 4 * cslw
        (pairs,) = word.unpack("<H", at)
        self._fc_lcb = word.unpack(f"<{2 * min(pairs, 93)}I", at + 2)
        self.pieces = self._read_pieces()
        self._starts = [piece.cp for piece in self.pieces]

    def structure(self, index: int) -> tuple[int, int]:
        """(offset, length) in the table stream of FibRgFcLcb structure ``index``."""
        if 2 * index + 1 >= len(self._fc_lcb):
            return 0, 0
        return self._fc_lcb[2 * index], self._fc_lcb[2 * index + 1]

    def _read_pieces(self) -> list[_Piece]:
        fc, lcb = self.structure(_CLX)
        clx = self.table.slice(fc, lcb)
        at = 0
        while at < len(clx) and clx[at] == 0x01:  # Prc: property lists of complex pieces
            (size,) = struct.unpack_from("<H", clx, at + 1) if at + 3 <= len(clx) else (len(clx),)
            at += 3 + size
        if at + 5 > len(clx) or clx[at] != 0x02:
            raise _fail(self._source, "no piece table")
        (size,) = struct.unpack_from("<I", clx, at + 1)
        plc = clx[at + 5 : at + 5 + size]
        count = (len(plc) - 4) // 12
        if count < 1 or len(plc) != 4 + 12 * count:
            raise _fail(self._source, "a malformed piece table")
        cps = struct.unpack_from(f"<{count + 1}i", plc)
        pieces: list[_Piece] = []
        for index, (_, raw_fc, _) in enumerate(struct.iter_unpack("<HIH", plc[4 * (count + 1) :])):
            cp, end = cps[index], cps[index + 1]
            compressed = bool(raw_fc & 0x40000000)
            fc = (raw_fc & 0x3FFFFFFF) // 2 if compressed else raw_fc & 0x3FFFFFFF
            width = 1 if compressed else 2
            if not 0 <= cp <= end or (pieces and cp < pieces[-1].end):
                raise _fail(self._source, "piece table out of order")
            if fc + (end - cp) * width > len(self.word.data):
                raise _fail(self._source, "a piece past the end of the text stream")
            pieces.append(_Piece(cp, end, fc, compressed))
        return pieces

    def text(self, start: int, end: int) -> str:
        """Characters ``start`` … ``end`` of the document, marks included."""
        out: list[str] = []
        first = max(bisect.bisect_right(self._starts, start) - 1, 0)
        for piece in self.pieces[first:]:
            if piece.cp >= end:
                break
            lo, hi = max(start, piece.cp), min(end, piece.end)
            if lo >= hi:
                continue
            width = 1 if piece.compressed else 2
            raw = self.word.data[
                piece.fc + (lo - piece.cp) * width : piece.fc + (hi - piece.cp) * width
            ]
            out.append(raw.decode("cp1252" if piece.compressed else "utf-16-le", "replace"))
        return "".join(out)

    def fc_of(self, cp: int) -> int | None:
        """The byte offset of character ``cp`` in the WordDocument stream."""
        index = bisect.bisect_right(self._starts, cp) - 1
        if index < 0 or cp >= self.pieces[index].end:
            return None
        piece = self.pieces[index]
        return piece.fc + (cp - piece.cp) * (1 if piece.compressed else 2)

    def paragraph_runs(self) -> tuple[list[int], list[_Paragraph]]:
        """Byte offsets where runs of paragraph properties start, and each run's properties
        (before its style), from the PAPX pages."""
        fc, lcb = self.structure(_PLCF_BTE_PAPX)
        count = (lcb - 4) // 8 if lcb >= 12 else 0
        pages = self.table.unpack(f"<{count}I", fc + 4 * (count + 1)) if count else ()
        starts: list[int] = []
        runs: list[_Paragraph] = []
        for number in pages:
            page = self.word.slice((number & 0x3FFFFF) * 512, 512)
            crun = page[511]
            if 4 * (crun + 1) + 13 * crun > 511:
                raise _fail(self._source, "a malformed paragraph property page")
            bounds = struct.unpack_from(f"<{crun + 1}I", page)
            for index in range(crun):
                offset = page[4 * (crun + 1) + 13 * index] * 2
                paragraph = _Paragraph()
                if offset:
                    size = page[offset]
                    if size:
                        grpprl = page[offset + 1 : offset + 2 * size]
                    else:
                        grpprl = page[offset + 2 : offset + 2 + 2 * page[offset + 1]]
                    if len(grpprl) >= 2:
                        istd = struct.unpack_from("<H", grpprl)[0]
                        paragraph = _paragraph(grpprl[2:], _Paragraph(style=istd))
                starts.append(bounds[index])
                runs.append(paragraph)
        order = sorted(range(len(starts)), key=starts.__getitem__)
        return [starts[i] for i in order], [runs[i] for i in order]

    def styles(self) -> dict[int, _Paragraph]:
        """Style index → the list properties its paragraphs take (through ``istdBase``)."""
        fc, lcb = self.structure(_STSHF)
        if lcb < 4:
            return {}
        stsh = _Stream(self.table.slice(fc, lcb), "the style sheet", self._source)
        (header,) = stsh.unpack("<H", 0)
        count, base_size = stsh.unpack("<HH", 2)
        own: dict[int, tuple[int, bytes]] = {}  # istd → (istdBase, its paragraph grpprl)
        at = 2 + header
        for istd in range(count):
            if at + 2 > len(stsh.data):
                break
            (size,) = stsh.unpack("<H", at)
            std = stsh.data[at + 2 : at + 2 + size]
            at += 2 + size
            if size < base_size or len(std) < 10 or std[2] & 0x0F != 1:
                continue  # an empty slot, or not a paragraph style
            parent = struct.unpack_from("<H", std, 2)[0] >> 4
            name_at = base_size
            if name_at + 2 > len(std):
                continue
            cch = struct.unpack_from("<H", std, name_at)[0]
            upx = name_at + 2 + 2 * cch + 2
            upx += upx % 2
            if upx + 4 > len(std):
                continue
            cb_upx = struct.unpack_from("<H", std, upx)[0]
            own[istd] = (parent, std[upx + 4 : upx + 2 + cb_upx])

        resolved: dict[int, _Paragraph] = {}

        def resolve(istd: int, depth: int) -> _Paragraph:
            if istd in resolved:
                return resolved[istd]
            if istd not in own or depth > 16:
                return _Paragraph()
            parent, grpprl = own[istd]
            base = resolve(parent, depth + 1) if parent != 0x0FFF else _Paragraph()
            resolved[istd] = _paragraph(grpprl, attrs.evolve(base, style=istd))
            return resolved[istd]

        for istd in own:
            resolve(istd, 0)
        return resolved

    def lists(self) -> dict[str, ListDefinition]:
        """ilfo (1-based, as text) → its list definition."""
        fc, lcb = self.structure(_PLCF_LST)
        lfo_fc, lfo_lcb = self.structure(_PLF_LFO)
        if lcb < 2 or lfo_lcb < 4:
            return {}
        (count,) = self.table.unpack("<h", fc)
        definitions: dict[int, dict[int, ListLevel]] = {}
        at = fc + 2 + 28 * max(count, 0)
        for index in range(max(count, 0)):
            lsid = self.table.unpack("<i", fc + 2 + 28 * index)[0]
            simple = self.table.unpack("<B", fc + 2 + 28 * index + 26)[0] & 1
            levels: dict[int, ListLevel] = {}
            for level in range(1 if simple else 9):
                levels[level], at = self._level(at)
            definitions.setdefault(lsid, levels)
        (instances,) = self.table.unpack("<I", lfo_fc)
        if 16 * instances > len(self.table.data):
            raise _fail(self._source, f"{instances} list instances in a smaller table stream")
        headers = [self.table.unpack("<i8xB", lfo_fc + 4 + 16 * i) for i in range(instances)]
        at = lfo_fc + 4 + 16 * instances
        lists: dict[str, ListDefinition] = {}
        for number, (lsid, overrides) in enumerate(headers, 1):
            at += 4  # LFOData.cp
            levels = dict(definitions.get(lsid, {}))
            restarts: set[int] = set()
            for _ in range(overrides):
                start, flags = self.table.unpack("<iI", at)
                at += 8
                level = flags & 0x0F
                if flags & 0x20:  # fFormatting: a whole level replaces the list's
                    levels[level], at = self._level(at)
                if flags & 0x10 and level in levels:  # fStartAt
                    levels[level] = attrs.evolve(levels[level], start=start)
                    restarts.add(level)
            if levels:
                lists[str(number)] = ListDefinition(
                    levels=levels, counter=str(lsid), restarts=frozenset(restarts)
                )
        return lists

    def _level(self, at: int) -> tuple[ListLevel, int]:
        """The LVL at table offset ``at``, and the offset after it."""
        start, nfc, flags = self.table.unpack("<iBB", at)
        placeholders = self.table.slice(at + 6, 9)
        follow = self.table.unpack("<B", at + 15)[0]
        chpx, papx, restart_limit = self.table.unpack("<BBB", at + 24)
        at += 28 + chpx + papx
        (cch,) = self.table.unpack("<H", at)
        chars = list(self.table.slice(at + 2, 2 * cch).decode("utf-16-le", "replace"))
        at += 2 + 2 * cch
        # The number text holds each level's number as a character 0-8 at the given places.
        for place in placeholders:
            if 0 < place <= len(chars) and ord(chars[place - 1]) < 9:
                chars[place - 1] = f"%{ord(chars[place - 1]) + 1}"
        text = "".join(chars)
        level = ListLevel(
            start=start,
            fmt="none" if nfc == 0xFF else _NFC[nfc] if nfc < len(_NFC) else "decimal",
            text=text,
            restart=restart_limit if flags & 0x08 else None,
            legal=bool(flags & 0x04),
            suffix=suffix_text(_FOLLOW[follow] if follow < 3 else None, text),
        )
        return level, at


class _Fields:
    """Field state across paragraphs: a field's code is hidden, its result shown."""

    def __init__(self) -> None:
        self._open: list[bool] = []  # for each open field: still in its code

    def visible(self, text: str) -> str:
        if not self._open and _FIELD_BEGIN not in text:
            return text
        out: list[str] = []
        for char in text:
            if char == _FIELD_BEGIN:
                self._open.append(True)
            elif char == _FIELD_SEPARATOR and self._open:
                self._open[-1] = False
            elif char == _FIELD_END and self._open:
                self._open.pop()
            elif not any(self._open):
                out.append(char)
        return "".join(out)


def _clean(text: str) -> str:
    return text.translate(_DROPPED).translate(_LINE_BREAKS)


def _read_text(document: _Document) -> TextBuilder:
    starts, runs = document.paragraph_runs()
    styles = document.styles()
    numberer = Numberer(document.lists())
    builder = TextBuilder()
    fields = _Fields()
    text = document.text(0, document.ccp_text)
    counts = {"p": 0, "table": 0, "row": 0}
    cells: list[str] = []
    cell: list[str] = []

    def properties(cp: int) -> _Paragraph:
        fc = document.fc_of(cp)
        index = bisect.bisect_right(starts, fc) - 1 if fc is not None else -1
        own = runs[index] if index >= 0 else _Paragraph()
        style = styles.get(own.style, _Paragraph())
        return attrs.evolve(
            own,
            list_id=own.list_id or style.list_id,
            level=own.level if own.list_id else style.level,
        )

    at = 0
    while at < len(text):
        ends = [i for i in (text.find(_PARAGRAPH_END, at), text.find(_CELL_END, at)) if i >= 0]
        end = min(ends) if ends else len(text)
        props = properties(end)
        body = _clean(fields.visible(text[at:end]))
        if props.list_id > 0:
            body = numberer.label(str(props.list_id), props.level) + body
        mark = text[end] if end < len(text) else _PARAGRAPH_END
        at = end + 1
        if mark == _CELL_END and props.row_end:
            if not counts["row"]:
                counts["table"] += 1
            counts["row"] += 1
            path = f"table[{counts['table']}]/tr[{counts['row']}]"
            builder.add("\t".join(cells), path)
            cells = []
        elif mark == _CELL_END or props.in_table:
            cell.append(body)
            if mark == _CELL_END:
                cells.append(" ".join(part for part in cell if part).replace("\n", " "))
                cell = []
        else:
            counts["row"] = 0
            counts["p"] += 1
            builder.add(body, f"p[{counts['p']}]")
    if cells:  # a row cut off at the end of the text: what it has is still a row
        builder.add("\t".join(cells), f"table[{max(counts['table'], 1)}]/tr[{counts['row'] + 1}]")
    notes = document.text(document.ccp_text, document.ccp_text + document.ccp_footnotes)
    for number, note in enumerate(notes.split(_PARAGRAPH_END), 1):
        note_text = _clean(_Fields().visible(note)).strip()
        if note_text:
            builder.add(note_text, f"footnote/p[{number}]")
    return builder


def _properties(ole: object) -> tuple[str | None, str | None]:
    """(title, creation date) of the SummaryInformation stream, when it states them."""
    try:
        meta = ole.get_metadata()  # type: ignore[attr-defined]
    except Exception:  # olefile parses a hostile property set with any error; none is needed
        return None, None
    title = meta.title.decode("utf-8", "replace").strip() if isinstance(meta.title, bytes) else None
    created = meta.create_time.date().isoformat() if meta.create_time else None
    return title or None, created


def read_doc(data: bytes, source: str) -> SourceText:
    """The text of a Word 97–2003 file, through its piece table."""
    olefile = require("olefile", extra="docx", what="a Word 97-2003 file")
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises what it meets (OSError, struct.error …) on bad input
        raise _fail(source, f"a broken compound file ({type(exc).__name__})") from None
    with ole:
        try:
            streams = {
                name: _Stream(ole.openstream(name).read(), name, source)
                for name in ("WordDocument", "0Table", "1Table")
                if ole.exists(name)
            }
        except Exception as exc:  # a stream chain olefile cannot follow
            raise _fail(source, f"a broken stream ({type(exc).__name__})") from None
        if "WordDocument" not in streams:
            raise _fail(source, "no WordDocument stream")
        document = _Document(streams.pop("WordDocument"), streams, source)
        if document.ccp_text < 0 or document.ccp_text > len(document.word.data):
            raise _fail(source, f"{document.ccp_text} characters in a smaller text stream")
        builder = _read_text(document)
        title, date = _properties(ole)
    return builder.build("doc", title=title, date=date)


def _read_with_soffice(data: bytes, source: str, soffice: str) -> SourceText | None:
    """The text LibreOffice makes of the file (as .docx, read by the .docx reader), or None."""
    with tempfile.TemporaryDirectory(prefix="govreport-doc-") as folder:
        path = Path(folder, "input.doc")
        path.write_bytes(data)
        try:
            subprocess.run(
                [soffice, "--headless", "--convert-to", "docx", "--outdir", folder, str(path)],
                check=True,
                capture_output=True,
                timeout=120,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        converted = Path(folder, "input.docx")
        if not converted.is_file():
            return None
        read = read_docx(converted.read_bytes(), source)
    return None if read is None else attrs.evolve(read, reader="doc")


@hookimpl
def read_source(data: bytes, source: str) -> SourceText | None:
    """Read a .doc (by content, whatever its name); None for anything else."""
    if not is_doc(data):
        return None
    soffice = shutil.which("soffice") if os.environ.get("GOVREPORT_DOC_SOFFICE") == "1" else None
    if soffice:
        read = _read_with_soffice(data, source, soffice)
        if read is not None:
            return read
    return read_doc(data, source)
