"""What each published format starts with: the readers' tests of their input.

They live apart from the readers so that a host can tell a web page, a Word file or a PDF from
plain text without importing the reader of each (:class:`govreport.builtin.readers.FormatReader`).
"""

from __future__ import annotations

import codecs
import re

SNIFF_BYTES = 4096
"""How far into the bytes a page's start and its charset declaration are looked for."""

TEXT_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""The byte-order marks a page may start with, and the codec each calls for."""

_PAGE_START = re.compile(
    rb"\s*(?:(?:<!--.*?-->|<\?xml[^>]*\?>)\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title|link|base|style|script)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
"""What a page starts with, past blanks, comments and an XML declaration."""

ZIP_MAGIC = b"PK\x03\x04"
"""What a ZIP (and so a .docx) starts with."""
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""What an OLE compound file (and so a .doc) starts with."""
PDF_MAGIC = b"%PDF-"
"""What a PDF starts with; readers accept it anywhere in the first 1024 bytes, as pdfium does."""


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` starts like a web page: past blanks, comments and an XML declaration, a
    doctype or one of the tags a page starts with (a text that only mentions markup further down
    stays plain text)."""
    for bom, encoding in TEXT_BOMS:
        if data.startswith(bom):
            head = data[: SNIFF_BYTES * 2].decode(encoding, errors="ignore")
            return _PAGE_START.match(head.encode("utf-8")) is not None
    return _PAGE_START.match(data[:SNIFF_BYTES]) is not None


def is_docx(data: bytes) -> bool:
    """Whether ``data`` looks like a ZIP (the reader then checks for a Word main part)."""
    return data.startswith(ZIP_MAGIC)


def is_doc(data: bytes) -> bool:
    """Whether ``data`` is an OLE compound file (the reader then looks for a Word stream)."""
    return data.startswith(OLE_MAGIC)


def is_pdf(data: bytes) -> bool:
    """Whether ``data`` is a PDF, by its magic number in the first 1024 bytes."""
    return PDF_MAGIC in data[:1024]
