"""What a reader makes of a file: the text every span indexes, and where each block came from."""

from __future__ import annotations

import attrs

from govreport.model.span import Span


@attrs.frozen(kw_only=True)
class Origin:
    """Where one block of the text (a paragraph, a heading, a table row) came from in its file."""

    span: Span
    """The block's place in the text the reader made."""
    path: str
    """Its place in the file: an HTML element path (``body/div[2]/p[3]``), a Word paragraph
    (``p[12]``, ``table[1]/tr[2]``) or a PDF page (``page[3]``)."""
    page: int | None = None
    """The 1-based page, for formats that have pages."""
    box: tuple[float, float, float, float] | None = None
    """The block's box on its page, ``(left, bottom, right, top)`` in PDF points."""


@attrs.frozen(kw_only=True)
class SourceText:
    """The text a reader made of a file, with what the file says about itself."""

    text: str
    """The decoded text; every span of the report indexes it."""
    reader: str
    """The reader that made it: ``text``, ``html``, ``docx``, ``doc``, ``pdf`` or a plugin's."""
    title: str | None = None
    """The title the file states (an HTML ``<title>``, Word's document properties), if any."""
    date: str | None = None
    """The date the file states, ISO-8601-like (``2023-03-05``), if any."""
    origin: tuple[Origin, ...] = ()
    """Each block of ``text`` with where it came from, in text order; empty for plain text."""
