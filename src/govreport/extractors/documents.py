"""Document titles: ``《…》`` with the marks included.

A title is what stands between ``《`` and ``》`` on one line: a line break inside means the marks
are unbalanced, not that the title goes on — but for the shape scrapers leave when the title was
a link, ``《`` ending a line, the title alone on the next, ``》`` starting the one after
(``《⏎…⏎》``): that is one title, its ``title`` trimmed of the breaks. Titles nested the standard way (``〈…〉``, GB/T 15834)
are plain characters of the outer title; nested ``《…》`` (seen in scraped texts:
``《关于印发《…办法》的通知》``) are accepted one level deep, so the outer title wins. Lengths are
capped, so an unclosed ``《`` costs at most the cap, and the scan stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from govreport.extractors.base import ExtractionContext
from govreport.model import DocumentTitle, Mention, Span

MAX_TITLE = 200
"""Most characters (or nested titles) a title may hold between its marks."""

# Line ends a title may not cross: LF, CR, Word's soft break (VT), FF, NEL, LS, PS.
_LINE_ENDS = "\n\r\x0b\x0c\x85\u2028\u2029"
_PLAIN = rf"[^《》{_LINE_ENDS}]"
_BREAK = rf"[{_LINE_ENDS} \t\u3000]{{1,4}}"
_TITLE = re.compile(
    rf"《(?:(?:{_PLAIN}|《{_PLAIN}{{1,{MAX_TITLE}}}》){{1,{MAX_TITLE}}}"
    # a scraper's link on a line of its own: 《⏎title⏎》
    rf"|(?=[{_LINE_ENDS}]){_BREAK}(?P<split>{_PLAIN}{{1,{MAX_TITLE}}}?){_BREAK}(?<=[{_LINE_ENDS}]))》"
)


@attrs.frozen
class DocumentExtractor:
    """Finds titles in book-title marks: ``《*市城市排水和再生水利用管理条例》``."""

    name: str = "documents"
    """Extractor name."""
    order: int = 200
    """Runs after formulations and before dates and quantities, which leave its spans alone."""

    def extract(self, context: ExtractionContext) -> Iterator[Mention]:
        """Every document title in ``context.text``, in document order."""
        for match in _TITLE.finditer(context.text):
            text = match.group()
            split = match["split"]
            title = text[1:-1] if split is None else split.strip(" \t\u3000")
            yield DocumentTitle(span=Span(match.start(), match.end()), text=text, title=title)
