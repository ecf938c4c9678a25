"""Coverage-guided fuzzing of the Word readers with atheris (see fuzz/README.md).

Byte mutations of a whole .docx mostly break the ZIP's checksums, so the first byte of an input
chooses what the rest becomes:

- 0: the file itself (content sniffing, the ZIP and OLE containers);
- 1: ``word/document.xml`` of a package that has the sample's numbering and styles;
- 2: ``word/numbering.xml`` of a package whose body uses every list level;
- 3: patches over the sample .doc (two-byte offset, then bytes), so the FIB, piece table, PAPX
  pages and list tables are reached past the compound file's checks.

Each one is read by the host's readers. A reader may answer with a one-line InputError; any other
exception is a finding, and so is a text whose blocks are not its lines
(:func:`govreport.testing.check_source`). The parse of
a reader's text is not run here: any text is what fuzz_parse.py fuzzes, and leaving it out makes
this harness many times faster. Modes 1 and 2 build a minimal package (not the sample's, whose
350 KB styles part would dominate each run).
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import govreport
    from govreport.errors import InputError

    HOST = govreport.PluginHost()
    HOST.read(b"", "<warm-up>")

from govreport.testing import check_source

FORMATS = Path(__file__).resolve().parent.parent / "tests" / "data" / "formats"
DOCX = (FORMATS / "water-bureau-2023.docx").read_bytes()
with zipfile.ZipFile(io.BytesIO(DOCX)) as _sample:
    MINIMAL = {
        name: _sample.read(name)
        for name in ("_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml")
    } | {"word/numbering.xml": _sample.read("word/numbering.xml")}
DOC = (FORMATS / "water-bureau-2023.doc").read_bytes()
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LEVELS_BODY = (
    f"<w:document {W}><w:body>"
    + "".join(
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level % 9}"/><w:numId w:val="{1 + level % 3}"/>'
        f"</w:numPr></w:pPr><w:r><w:t>第{level}段</w:t></w:r></w:p>"
        for level in range(30)
    )
    + "</w:body></w:document>"
).encode()


def _with_part(name: str, data: bytes, **more: bytes) -> bytes:
    """A minimal package with part ``name`` (and ``more``, ``__`` for ``/``) replaced."""
    parts = MINIMAL | {name: data} | {key.replace("__", "/"): value for key, value in more.items()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for part, content in parts.items():
            target.writestr(part, content)
    return out.getvalue()


def file_of(data: bytes) -> bytes:
    """The file an input stands for (see the module docstring)."""
    mode, rest = (data[0] % 4, data[1:]) if data else (0, b"")
    if mode == 1:
        return _with_part("word/document.xml", rest)
    if mode == 2:
        return _with_part("word/numbering.xml", rest, word__document_xml=LEVELS_BODY)
    if mode == 3:
        patched = bytearray(DOC)
        at = int.from_bytes(rest[:2], "little") * 8 % len(patched)
        patched[at : at + len(rest) - 2] = rest[2:]
        return bytes(patched[: len(DOC)])
    return rest


def test_one_input(data: bytes) -> None:
    try:
        read = HOST.read(file_of(data), "<fuzz>")
    except InputError as error:
        if "\n" in str(error):
            raise AssertionError(f"a message of more than one line: {error!r}") from None
        return
    check_source(read)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
