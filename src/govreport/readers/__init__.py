"""Readers for reports as they are published: web pages, Word files and PDFs.

Each format is a built-in plugin (``builtin.html``, ``builtin.docx`` …) implementing the
``read_source`` hook: it looks at the bytes (magic numbers, markup), answers None when they are
not its format, and otherwise returns a :class:`~govreport.model.SourceText` made with a
:class:`TextBuilder`, so that every block of the text records where it came from. The libraries
a format needs are optional extras; :func:`require` turns a missing one into a one-line error.
Files from outside are untrusted: :data:`LIMITS` bounds what a reader may inflate or walk.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import attrs

from govreport.errors import InputError
from govreport.model import Origin, SourceText, Span


@attrs.frozen(kw_only=True)
class ReaderLimits:
    """Bounds every reader keeps to, whatever the file claims about itself."""

    max_inflated_bytes: int = 256 * 1024 * 1024
    """Most bytes a reader inflates from a compressed container (a .docx's XML parts)."""
    max_pages: int = 2000
    """Most pages a PDF reader reads."""
    max_blocks: int = 1_000_000
    """Most blocks (paragraphs, rows) a reader emits."""
    max_depth: int = 256
    """Deepest element nesting a markup reader walks."""
    max_markup_bytes: int = 32 * 1024 * 1024
    """Largest web page a reader parses (its tree takes several times the bytes)."""
    max_file_bytes: int = 128 * 1024 * 1024
    """Largest PDF a reader opens (pdfium holds the whole file)."""
    max_page_chars: int = 200_000
    """Most characters a PDF reader takes from one page."""
    max_seconds: float = 120.0
    """Longest a reader spends on one document, checked between its pages."""


LIMITS = ReaderLimits()
"""The limits the built-in readers use."""


def unreadable(source: str, what: str, why: object) -> InputError:
    """The one-line error for a file of a reader's format that cannot be read
    (``source: not a readable WHAT: WHY``), whatever line breaks the library's message holds."""
    return InputError(f"{source}: not a readable {what}: {' '.join(str(why).split())}")


def require(module: str, *, extra: str, what: str) -> ModuleType:
    """Import ``module`` or raise a one-line :class:`InputError` naming the extra to install.

    :param module: the module the reader needs (``docx``, ``pypdfium2``).
    :param extra: the govreport extra that installs it (``docx``).
    :param what: what was being read, for the message (``a Word file``).
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(
            f"reading {what} needs the optional package {module!r}: "
            f"pip install 'govreport[{extra}]'"
        ) from None


class TextBuilder:
    """Collects a reader's blocks into one text, one block a line, with their origins."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._origin: list[Origin] = []
        self._length = 0

    def add(
        self,
        block: str,
        path: str,
        *,
        page: int | None = None,
        box: tuple[float, float, float, float] | None = None,
    ) -> None:
        """Append ``block`` as a line of its own, recording where it came from.

        :param block: the block's text, without its line end; a block holding line ends is
            still recorded as one block.
        :param path: its place in the file (see :attr:`govreport.model.Origin.path`).
        """
        if len(self._origin) >= LIMITS.max_blocks:
            raise InputError(f"more than {LIMITS.max_blocks} blocks: not a report")
        start = self._length
        self._parts.append(block)
        self._parts.append("\n")
        self._length += len(block) + 1
        self._origin.append(
            Origin(span=Span(start, start + len(block)), path=path, page=page, box=box)
        )

    def build(
        self, reader: str, *, title: str | None = None, date: str | None = None
    ) -> SourceText:
        """The text read so far, as a :class:`~govreport.model.SourceText` by ``reader``."""
        return SourceText(
            text="".join(self._parts),
            reader=reader,
            title=title,
            date=date,
            origin=tuple(self._origin),
        )
