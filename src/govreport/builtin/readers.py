"""Built-in plugins: the plain-text reader (UTF-8, UTF-16/32 with BOM, GB18030), tried last, and
the readers of published formats (web pages, .docx, .doc, PDF), each imported only for its format."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import attrs

from govreport.hookspecs import hookimpl
from govreport.model import SourceText
from govreport.readers.sniff import is_doc, is_docx, is_pdf, looks_like_html
from govreport.reading import decode


@hookimpl(trylast=True)
def read_source(data: bytes, source: str, encoding: str | None) -> SourceText | None:
    """Decode ``data`` as text, or raise :class:`~govreport.errors.DecodeError`."""
    return SourceText(text=decode(data, source, encoding), reader="text")


@attrs.frozen
class FormatReader:
    """The plugin of one published format: it tells the format by the data's first bytes and
    only then imports its reader, so that reading plain text never pays for importing the
    readers of pages, Word files and PDFs (about 30 ms of every start-up)."""

    looks_like: Callable[[bytes], bool]
    """Whether data is in this format (:mod:`govreport.readers.sniff`)."""
    module: str
    """The reader module; its ``read_source`` reads the data."""

    @hookimpl
    def read_source(self, data: bytes, source: str) -> SourceText | None:
        """Read ``data`` when it is in this format; None otherwise, for the next reader."""
        if not self.looks_like(data):
            return None
        reader: Any = importlib.import_module(self.module)
        result: SourceText | None = reader.read_source(data, source)
        return result


HTML = FormatReader(looks_like_html, "govreport.readers.html")
"""Web pages (``builtin.html``)."""
DOCX = FormatReader(is_docx, "govreport.readers.docx")
"""Word files since Word 2007 (``builtin.docx``)."""
DOC = FormatReader(is_doc, "govreport.readers.doc")
"""Word 97-2003 files (``builtin.doc``)."""
PDF = FormatReader(is_pdf, "govreport.readers.pdf")
"""PDFs with a text layer (``builtin.pdf``)."""
