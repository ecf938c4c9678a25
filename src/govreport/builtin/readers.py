"""Built-in plugin: the plain-text reader (UTF-8, UTF-16/32 with BOM, GB18030), tried last."""

from __future__ import annotations

from govreport.hookspecs import hookimpl
from govreport.model import SourceText
from govreport.reading import decode


@hookimpl(trylast=True)
def read_source(data: bytes, source: str, encoding: str | None) -> SourceText | None:
    """Decode ``data`` as text, or raise :class:`~govreport.errors.DecodeError`."""
    return SourceText(text=decode(data, source, encoding), reader="text")
