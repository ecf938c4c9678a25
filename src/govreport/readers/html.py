"""Built-in plugin: government web pages (HTML), read to their main text without the chrome.

How a page becomes text:

1. **Is it a page?** The first non-blank bytes, past comments and an XML declaration, must be a
   doctype or one of the tags a page starts with (``<html>``, ``<head>``, ``<meta>`` …). A text
   that only mentions markup further down stays plain text.
2. **Charset**: a byte-order mark, else the ``<meta charset>`` / ``http-equiv`` declaration or the
   XML declaration in the first bytes; GB2312 and GBK are read as GB18030, their superset. Bytes
   the declared charset rejects fall back to the plain-text rules (UTF-8, then GB18030), and a
   page neither accepts is a :class:`~govreport.errors.DecodeError`: no byte is replaced.
3. **Main text**: the content container of the common government CMSs (Hanweb's
   ``<ucapcontent>``, TRS's ``TRS_Editor``, ``#zoom``, ``#UCAP-CONTENT``, ``article-content`` …,
   see :data:`CONTAINER_RULES`); when no container holds enough text,
   trafilatura picks the main-text blocks instead. Rules come first because on the pages of these
   CMSs they are exact where trafilatura's guess is not (it keeps the by-line and drops or adds
   lines at the edges), and because they keep each block's element path; trafilatura only
   chooses which blocks, so the text is rendered the same way whichever chose.
4. **Rendering**: a block element (``<p>``, ``<div>``, ``<h1>``, ``<li>`` …) or a ``<br>`` ends a
   line; ASCII white space collapses to one space, and to nothing where a line break of the
   source falls between two Chinese characters; NBSP, U+3000 and other spaces are kept. A data
   table gives one line per row with tab-separated cells; a layout table is read as blocks.
   Scripts, styles, forms, navigation, share and font-size controls, 责任编辑 and footers are
   left out, by element and by the whole-line patterns in :data:`CHROME_LINES`. When the main
   text does not begin with the page's title, the title heading the page shows comes first.

Hostile pages: at most :attr:`~govreport.readers.ReaderLimits.max_markup_bytes`; parsed by
libxml2's HTML parser, which never expands DTD entities (there is no ``resolve_entities`` to set:
``&lol;`` stays text) and, with ``huge_tree=False``, stops at 256 levels of nesting, which is
reported as an error rather than read as a truncated page. Every step is linear in the page.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Any

import attrs

from govreport.errors import DecodeError, InputError
from govreport.hookspecs import hookimpl
from govreport.model import SourceText
from govreport.readers import LIMITS, TextBuilder, require
from govreport.readers.sniff import SNIFF_BYTES, TEXT_BOMS, looks_like_html
from govreport.reading import decode

READER = "html"
"""The name this reader gives the texts it makes."""

_WHAT = "a web page"

_CHARSET = re.compile(
    rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)",
    re.IGNORECASE,
)
"""A ``<meta charset>``, ``<meta http-equiv … content="…; charset=…">`` or XML declaration."""

_GB_FAMILY = frozenset({"gb2312", "gbk", "cp936", "gb18030", "euc_cn", "hz"})
"""Python codec names of charsets GB18030 extends: a page that says GB2312 is read as GB18030."""

SKIPPED_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "iframe", "frame",
        "frameset", "object", "embed", "applet", "svg", "math", "canvas", "map", "audio",
        "video", "form", "button", "select", "option", "input", "textarea", "label", "nav",
        "footer", "header", "aside", "menu",
    }
)  # fmt: skip
"""Elements that are never main text: code, media, forms and the page's own chrome."""

BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "blockquote", "center", "address", "pre",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "figure",
        "figcaption", "caption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "hr",
        "body", "html", "ucapcontent", "ucaptitle",
    }
)  # fmt: skip
"""Elements that end the line before them and after them."""


@attrs.frozen(kw_only=True)
class ContainerRule:
    """The names by which a family of CMSs marks the element that holds an article's text."""

    tags: frozenset[str] = frozenset()
    """Element names (lower case)."""
    ids: frozenset[str] = frozenset()
    """``id`` values (compared in lower case)."""
    classes: frozenset[str] = frozenset()
    """``class`` tokens (compared in lower case)."""

    def matches(self, element: Any) -> bool:
        """Whether ``element`` is marked by one of these names."""
        if _tag(element) in self.tags:
            return True
        attributes = element.attrib
        if not attributes:
            return False
        if attributes.get("id", "").lower() in self.ids:
            return True
        return any(token in self.classes for token in attributes.get("class", "").lower().split())


CONTAINER_RULES = (
    ContainerRule(
        tags=frozenset({"ucapcontent"}),
        ids=frozenset(
            {
                "zoom", "zoomcon", "ucap-content", "fontzoom", "vsb_content", "artibody",
                "maintext", "contenttext", "printcontent",
            }
        ),
        classes=frozenset(
            {
                "trs_editor", "trs_ueditor", "trs_editor_view", "pages_content", "zoom",
                "wp_articlecontent", "v_news_content", "article-content", "article_content",
                "articlecontent", "custom_unionstyle", "xxgk_content", "font_txt_zw", "txt_txt",
            }
        ),
    ),
    ContainerRule(
        tags=frozenset({"article", "main"}),
        ids=frozenset(
            {
                "content", "article", "textcontent", "article_content", "zw", "news_content",
                "info_content", "detailcontent", "con_content",
            }
        ),
        classes=frozenset(
            {
                "content", "article", "view", "news_content", "zw", "txt", "text", "con",
                "detail", "detail-content", "main-txt", "bt-content",
            }
        ),
    ),
)  # fmt: skip
"""Content containers, most specific first: Hanweb (``<ucapcontent>``, ``#zoom``), TRS
(``TRS_Editor``, ``TRS_UEDITOR``), gov.cn (``#UCAP-CONTENT``), WebPlus, VSB …, then the generic
names (``content``, ``<article>``) that also mark wrappers, tried only when no specific one
holds the text."""

CHROME_NAMES = frozenset(
    {
        "share", "bdsharebuttonbox", "bdshare", "fenxiang", "print", "dayin", "close",
        "fontsize", "font-size", "font_size", "zrbj", "editor-name", "responsible",
        "breadcrumb", "crumb", "position", "location", "weizhi", "pager", "pagination",
        "page-nav", "prev-next", "next-prev", "relevant", "related", "xgwz", "qrcode", "ewm",
        "erweima", "footer", "foot", "header", "nav", "navbar", "menu", "sidebar", "toolbar",
        "article-attr", "article-icon", "meta-data", "article-reldocuments",
    }
)  # fmt: skip
"""Lower-cased class tokens and ids that mark an element as chrome inside a content container."""

CHROME_LINES = re.compile(
    r"^(?:"
    r"[【\[（(]?(?:字体|字号|文字)[:：]?[【\[]?大[】\]]?[【\[]?中[】\]]?[【\[]?小[】\]]?.{0,16}"
    r"|[【\[]?(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏|分享到?|扫一扫)[^。；]{0,30}"
    r"|[【\[（(]?(?:责任编辑|编辑|审核|校对|终审|来源|信息来源|发布时间|发布日期|浏览次数|访问量|"
    r"点击数|阅读次数|作者)[:：][^。；]{0,60}"
    r"|(?:上一篇|下一篇)[:：].{0,80}"
    r")$"
)
"""Whole lines (white space removed) that are page chrome, wherever they sit."""

_MIN_CONTAINER_CHARS = 200
"""Fewest non-blank characters a CMS container needs to be taken as the main text."""

_INNER_SHARE = 0.9
"""A container inside another is preferred when it holds at least this share of its text."""

_DATA_CELL_CHARS = 300
"""Longest cell of a data table: a table with a longer one is page layout, read as blocks."""

_ASCII_SPACE = re.compile(r"[ \t\n\r\f]+")
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_BLANK = re.compile(r"\s+")
_ISO_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_TITLE_SEPARATORS = re.compile(r"\s+[_|\-－—–]+\s+|\s*[_|]\s*")

TITLE_META = ("articletitle", "og:title", "dc.title", "title", "headline")
"""``<meta name>`` / ``property`` values that state the title, most specific first."""

DATE_META = (
    "pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date",
    "dc.date.issued", "date",
)  # fmt: skip
"""``<meta name>`` / ``property`` values that state the publication date, most specific first."""


def declared_charset(data: bytes) -> str | None:
    """The Python codec the page declares in its first bytes, GB2312/GBK as GB18030."""
    found = _CHARSET.search(data[:SNIFF_BYTES])
    if found is None:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii")
    try:
        name = codecs.lookup(label).name
        b" ".decode(name)  # codecs also knows base64, rot13 and zlib, which decode no text
    except LookupError:
        return None
    except UnicodeDecodeError:
        pass  # a text encoding that one byte does not make (UTF-16, UTF-32)
    if name in _GB_FAMILY:
        return "gb18030"
    # A page cannot be UTF-16 without a BOM; browsers read such a declaration as UTF-8.
    return "utf-8" if name.startswith("utf-16") else name


def decode_page(data: bytes, source: str) -> str:
    """The page's characters: by its BOM, else its declared charset, else the text rules."""
    if any(data.startswith(bom) for bom, _ in TEXT_BOMS):
        return decode(data, source)  # the BOM decides, and is removed
    charset = declared_charset(data)
    if charset is not None:
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            pass  # a wrong declaration: the bytes may still be UTF-8 or GB18030
    return decode(data, source)


def _parse_tree(text: str) -> Any:
    etree = require("lxml.etree", extra="html", what=_WHAT)
    parser = etree.HTMLParser(
        encoding="utf-8",
        huge_tree=False,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        default_doctype=False,
    )
    root = etree.fromstring(text.encode("utf-8", errors="surrogatepass"), parser)
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT":  # nesting past 256, or a huge text node
            raise InputError(f"a web page beyond the parser's limits ({entry.message.strip()})")
    if root is None:
        raise InputError("a web page with no markup to read")
    return root


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _is_chrome(element: Any) -> bool:
    tag = element.tag
    if not isinstance(tag, str) or tag.lower() in SKIPPED_TAGS:
        return True
    attributes = element.attrib
    if not attributes:  # most elements of a page: decided without looking further
        return False
    if "hidden" in attributes:
        return True
    style = attributes.get("style")
    if style and "display:none" in style.replace(" ", "").lower():
        return True
    names = f"{attributes.get('class', '')} {attributes.get('id', '')}".lower().split()
    return any(name in CHROME_NAMES for name in names)


def _check_depth(depth: int) -> None:
    """Refuse nesting past the limit: libxml2 stops at 256 levels, older builds may not, and
    the walks recurse."""
    if depth > LIMITS.max_depth:
        raise InputError(f"a web page nested more than {LIMITS.max_depth} levels deep")


def _collapse(text: str) -> str:
    """HTML white-space rules, with CSS's removal of a line break between Chinese characters."""

    def space(match: re.Match[str]) -> str:
        run, start, end = match.group(), match.start(), match.end()
        between_wide = start > 0 and end < len(text) and _WIDE.match(text[start - 1])
        if "\n" in run and between_wide and _WIDE.match(text[end]):
            return ""
        return " "

    return _ASCII_SPACE.sub(space, text).strip(" ")


def _path_of(element: Any) -> str:
    """An element's path from ``body`` (``body/div[3]/p[2]``), as lxml's getpath gives it."""
    return str(element.getroottree().getpath(element)).removeprefix("/html").lstrip("/")


def _with_paths(element: Any, path: str) -> Iterator[tuple[Any, str]]:
    """Each child of ``element`` with its XPath-like path (``p[3]`` when ``p`` repeats), in one
    pass: lxml's getpath counts siblings anew for every element."""
    children = list(element)
    counts: dict[str, int] = {}
    for child in children:
        counts[child.tag] = counts.get(child.tag, 0) + 1
    seen: dict[str, int] = {}
    for child in children:
        tag = child.tag
        seen[tag] = seen.get(tag, 0) + 1
        step = f"{tag}[{seen[tag]}]" if counts[tag] > 1 else str(tag)
        yield child, f"{path}/{step}" if path else step


class _Renderer:
    """Renders one subtree as lines, each with the path of the element it came from."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._owners: list[str] = []
        self.lines: list[tuple[str, str]] = []
        """(text, element path) of every non-blank line, in page order."""

    def _flush(self) -> None:
        if self._parts:
            line = _collapse("".join(self._parts))
            self._parts.clear()
            if line.strip():
                self.lines.append((line, self._owners[-1]))

    def render(self, element: Any) -> list[tuple[str, str]]:
        path = _path_of(element)
        self._owners.append(path)
        self._children(element, path, 0)
        self._flush()
        return self.lines

    def _children(self, element: Any, path: str, depth: int) -> None:
        if element.text:
            self._parts.append(element.text)
        for child, child_path in _with_paths(element, path):
            self._element(child, child_path, depth + 1)
            if child.tail:
                self._parts.append(child.tail)

    def _element(self, element: Any, path: str, depth: int) -> None:
        _check_depth(depth)
        if _is_chrome(element):
            return
        tag = _tag(element)
        if tag == "br":
            self._flush()
        elif tag == "pre":
            self._flush()
            for line in "".join(element.itertext()).splitlines():
                if line.strip():
                    self.lines.append((line.rstrip(), path))
        elif tag == "table" and _is_data_table(element):
            self._flush()
            for row, row_path in _rows(element, path):
                cells = [_inline(cell) for cell in row if _tag(cell) in ("td", "th")]
                if any(cells):
                    self.lines.append(("\t".join(cells), row_path))
        elif tag in BLOCK_TAGS:
            self._flush()
            self._owners.append(path)
            self._children(element, path, depth)
            self._flush()
            self._owners.pop()
        else:
            self._children(element, path, depth)


def _rows(table: Any, path: str) -> Iterator[tuple[Any, str]]:
    """The rows of a table with their paths, inside ``thead``/``tbody``/``tfoot`` or not."""
    for child, child_path in _with_paths(table, path):
        tag = _tag(child)
        if tag == "tr":
            yield child, child_path
        elif tag in ("thead", "tbody", "tfoot"):
            yield from ((row, p) for row, p in _with_paths(child, child_path) if _tag(row) == "tr")


def _inline(element: Any) -> str:
    """The text of a table cell on one line, its inner lines joined by a space."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if not _is_chrome(child):
                if _tag(child) in BLOCK_TAGS or _tag(child) == "br":
                    parts.append(" ")
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return _collapse("".join(parts))


def _is_data_table(table: Any) -> bool:
    """A table of figures, not one that lays out the page: no table inside it, two or more
    columns, and no long cell."""
    if next(table.iterdescendants("table"), None) is not None:
        return False
    widest = 0
    for row in table.iter("tr"):
        cells = [cell for cell in row if _tag(cell) in ("td", "th")]
        widest = max(widest, len(cells))
        if any(len("".join(cell.itertext())) > _DATA_CELL_CHARS for cell in cells):
            return False
    return widest >= 2


def _text_size(element: Any, containers: list[tuple[Any, int, int]], depth: int = 0) -> int:
    """Non-blank characters of an element's text outside links, scripts and chrome; each
    container inside it is appended to ``containers`` as (element, size, rank in
    :data:`CONTAINER_RULES`), innermost first."""
    _check_depth(depth)
    text = element.text
    size = len("".join(text.split())) if text and element.tag != "a" else 0
    for child in element:
        if not _is_chrome(child):
            size += _text_size(child, containers, depth + 1)
        tail = child.tail
        if tail:
            size += len("".join(tail.split()))
    rank = next((i for i, rule in enumerate(CONTAINER_RULES) if rule.matches(element)), None)
    if rank is not None:
        containers.append((element, size, rank))
    return size


def find_container(root: Any) -> Any | None:
    """The CMS container holding the main text, or None when none holds
    :data:`_MIN_CONTAINER_CHARS`. The fullest container of the most specific rule that has one
    that full wins, or the innermost container inside it that still holds :data:`_INNER_SHARE`
    of its text (so that a wrapper's title and by-line stay out)."""
    sized: list[tuple[Any, int, int]] = []
    _text_size(root, sized)
    for rank in range(len(CONTAINER_RULES)):
        ranked = [(element, size) for element, size, r in sized if r == rank]
        if not ranked:
            continue
        best, most = max(ranked, key=lambda pair: pair[1])
        if most < _MIN_CONTAINER_CHARS:
            continue
        for element, size, _ in sized:  # innermost first
            if size >= _INNER_SHARE * most and (element is best or best in element.iterancestors()):
                return element
    return None


def _key(line: str) -> str:
    return _BLANK.sub("", line).replace("|", "")


def trafilatura_lines(root: Any, page: str) -> list[tuple[str, str]]:
    """The body's lines that trafilatura takes for the main text."""
    trafilatura = require("trafilatura", extra="html", what=_WHAT)
    extracted = trafilatura.extract(page, include_tables=True, favor_recall=True) or ""
    keys = {_key(line) for line in extracted.splitlines()}
    whole = _key(extracted)
    body = next(root.iter("body"), root)
    return [
        (line, path)
        for line, path in _Renderer().render(body)
        if (key := _key(line)) in keys or (len(key) >= 10 and key in whole)
    ]


def _meta(root: Any, names: tuple[str, ...]) -> str | None:
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name in names and content and name not in found:
            found[name] = content
    return next((found[name] for name in names if name in found), None)


def page_title(root: Any) -> str | None:
    """The title the page states: its CMS or Open Graph meta tag, else ``<title>`` without
    the site name after a separator."""
    stated = _meta(root, TITLE_META)
    if stated:
        return _collapse(stated)
    title = next(root.iter("title"), None)
    if title is None:
        return None
    text = _collapse("".join(title.itertext()))
    return _TITLE_SEPARATORS.split(text)[0].strip() or None


def page_date(root: Any) -> str | None:
    """The publication date the page states, as ``YYYY-MM-DD``: a CMS ``<publishtime>``, else
    the meta tags of :data:`DATE_META`."""
    shown = next(root.iter("publishtime"), None)
    candidates = [
        "".join(shown.itertext()) if shown is not None else None,
        _meta(root, DATE_META),
    ]
    for candidate in candidates:
        found = _ISO_DATE.search(candidate or "")
        if found:
            year, month, day = (int(part) for part in found.groups())
            if 1 <= month <= 12 and 1 <= day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


_TITLE_LOOKAHEAD = 3
"""How many of the main text's first lines may hold its own title line."""


def shown_title(
    root: Any, title: str | None, lines: list[tuple[str, str]]
) -> tuple[str, str] | None:
    """The page's title heading (``<h1>``, ``<h2>``, Hanweb's ``<ucaptitle>``) with its path,
    when it shows the stated title and the main text does not begin with it: the title a reader
    sees above the text (the container of the 2022 万载 page starts at the by-line)."""
    if not title:
        return None
    key = _key(title)
    if any(key in _key(line) for line, _ in lines[:_TITLE_LOOKAHEAD]):
        return None
    for element in root.iter("h1", "h2", "ucaptitle"):
        shown = _inline(element)
        if _key(shown) == key:
            return shown, _path_of(element)
    return None


def main_lines(root: Any, page: str) -> Iterator[tuple[str, str]]:
    """The main text's lines with their element paths, chrome lines left out."""
    container = find_container(root)
    lines = (
        _Renderer().render(container) if container is not None else trafilatura_lines(root, page)
    )
    for line, path in lines:
        if not CHROME_LINES.match(_BLANK.sub("", line)):
            yield line, path


def read_page(data: bytes, source: str) -> SourceText:
    """Read a web page's bytes into its main text (the module docstring tells how).

    :raises InputError: a one-line message starting with ``source`` when the page is over the
        size limit or the parser's, or the optional packages are missing (naming
        ``govreport[html]``); a :class:`~govreport.errors.DecodeError` when no charset fits.
    """
    try:
        if len(data) > LIMITS.max_markup_bytes:
            raise InputError(
                f"a web page of {len(data)} bytes, over the {LIMITS.max_markup_bytes}-byte limit"
            )
        page = decode_page(data, source)
        root = _parse_tree(page)
        lines = list(main_lines(root, page))
    except DecodeError:
        raise
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None
    title = page_title(root)
    heading = shown_title(root, title, lines)
    builder = TextBuilder()
    for line, path in ([heading] if heading else []) + lines:
        builder.add(line, path)
    return builder.build(READER, title=title, date=page_date(root))


@hookimpl
def read_source(data: bytes, source: str) -> SourceText | None:
    """Read ``data`` when it is a web page; None otherwise, for the next reader."""
    return read_page(data, source) if looks_like_html(data) else None
