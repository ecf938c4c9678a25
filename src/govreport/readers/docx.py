"""Built-in plugin ``builtin.docx``: Word 2007+ files (.docx), with Word's automatic numbering.

A .docx is a ZIP of XML parts. The reader knows one by its content — a ZIP whose package points
at a WordprocessingML main part (``word/document.xml``) — whatever the file is named, and reads:

- the body in order: each paragraph a line, with its list label rendered from ``numbering.xml``
  (:mod:`govreport.readers.wordnumbering`), so ``一、`` and ``（一）`` are in the text as Word
  shows them; each table row a line of tab-separated cells; content controls read through;
- footnotes after the body, as end matter;
- the title and creation date of the document properties (``docProps/core.xml``).

Only those parts are inflated, each through a bounded read, and the archive is checked first
(member count, declared sizes, compression ratio), so a zip bomb fails with one line before
anything big is made. python-docx is not used to read: it inflates and parses every part of the
package (media included) when it opens one.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from govreport.errors import InputError
from govreport.hookspecs import hookimpl
from govreport.model import SourceText
from govreport.readers import LIMITS, TextBuilder, require, unreadable
from govreport.readers.sniff import is_docx
from govreport.readers.wordnumbering import ListDefinition, ListLevel, Numberer, suffix_text

if TYPE_CHECKING:
    from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"
_CORE = "/metadata/core-properties"

MAX_MEMBERS = 10_000
"""Most members a .docx may hold (Word writes a few dozen)."""
MAX_XML_PART = 32 * 1024 * 1024
"""Most bytes one XML part may inflate to. Reading a 59 MB document.xml peaks at 486 MB (its
tree and text take about 8 times its size), so 32 MiB keeps a reader under 300 MB; that is
some 7 million characters of text, a hundred times a long report."""
MAX_RATIO = 200
"""Highest compression ratio of a member that inflates past a megabyte: Word's XML compresses
about 10:1, a zip bomb over 1000:1."""

_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError)
"""What zipfile raises on a damaged archive (NotImplementedError: a version or method it lacks)."""


def _fail(source: str, why: str) -> InputError:
    return unreadable(source, "Word file", why)


class _Package:
    """The parts of one .docx that the reader needs, inflated within bounds."""

    def __init__(self, archive: zipfile.ZipFile, source: str) -> None:
        self._zip = archive
        self._source = source
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise _fail(source, f"{len(members)} members (at most {MAX_MEMBERS})")
        declared = 0
        for member in members:
            declared += member.file_size
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > 1024 * 1024 and ratio > MAX_RATIO:
                raise _fail(source, f"{member.filename} inflates {ratio:.0f}-fold (a zip bomb)")
        if declared > LIMITS.max_inflated_bytes:
            raise _fail(source, f"inflates to {declared} bytes (a zip bomb)")
        self._names = {member.filename for member in members}
        self._etree = require("lxml.etree", extra="docx", what="a Word file")
        self._parser = self._etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
        )

    def has(self, name: str) -> bool:
        return name in self._names

    def read(self, name: str) -> bytes:
        """The inflated bytes of part ``name``, reading no more than :data:`MAX_XML_PART`
        whatever the archive declares."""
        too_big = f"{name} inflates past {MAX_XML_PART} bytes, more than any report's text"
        try:
            if self._zip.getinfo(name).file_size > MAX_XML_PART:
                raise _fail(self._source, too_big)
            with self._zip.open(name) as handle:
                data = handle.read(MAX_XML_PART + 1)
        except _ZIP_ERRORS as exc:
            raise _fail(self._source, f"{name}: {exc}") from None
        if len(data) > MAX_XML_PART:
            raise _fail(self._source, too_big)
        return data

    def xml(self, name: str) -> etree._Element:
        try:
            return self._etree.fromstring(self.read(name), self._parser)
        except self._etree.XMLSyntaxError as exc:
            raise _fail(self._source, f"{name}: {exc}") from None

    def relations(self, part: str) -> dict[str, str]:
        """Relationship type → target part name, for the relationships of ``part``."""
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        if not self.has(rels):
            return {}
        found: dict[str, str] = {}
        for rel in self.xml(rels).iter(f"{{{_REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target", ""))).lstrip("/")
            found.setdefault(rel.get("Type", ""), target)
        return found


def _by_suffix(relations: Mapping[str, str], suffix: str) -> str | None:
    return next((target for kind, target in relations.items() if kind.endswith(suffix)), None)


def _main_part(package: _Package) -> str | None:
    """The WordprocessingML main part the package points at, or None when it is no Word file."""
    target = _by_suffix(package.relations(""), _OFFICE_DOCUMENT)
    if target is None and package.has("word/document.xml"):
        target = "word/document.xml"
    if target is None or not package.has(target):
        return None
    return target


def _val(element: etree._Element | None, child: str) -> str | None:
    if element is None:
        return None
    found = element.find(_W + child)
    return None if found is None else found.get(_W + "val")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(lvl: etree._Element) -> ListLevel:
    text = _val(lvl, "lvlText") or ""
    restart = _val(lvl, "lvlRestart")
    legal = lvl.find(_W + "isLgl")
    return ListLevel(
        start=_int(_val(lvl, "start"), 1),
        fmt=_val(lvl, "numFmt") or "decimal",
        text=text,
        restart=None if restart is None else _int(restart, 0),
        legal=legal is not None and legal.get(_W + "val", "1") not in ("0", "false"),
        suffix=suffix_text(_val(lvl, "suff"), text),
        style=_val(lvl, "pStyle"),
    )


def _levels(element: etree._Element) -> dict[int, ListLevel]:
    return {_int(lvl.get(_W + "ilvl"), 0): _level(lvl) for lvl in element.iter(_W + "lvl")}


class _Styles:
    """Paragraph styles: the numbering each one gives, through its ``basedOn`` chain."""

    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, etree._Element] = {}
        if root is not None:
            for style in root.iter(_W + "style"):
                self._styles.setdefault(style.get(_W + "styleId", ""), style)

    def chain(self, style_id: str | None) -> list[str]:
        """``style_id`` and the styles it is based on, nearest first."""
        chain: list[str] = []
        while style_id and style_id not in chain and style_id in self._styles:
            chain.append(style_id)
            style_id = _val(self._styles[style_id], "basedOn")
        return chain

    def num_pr(self, style_id: str | None) -> tuple[str | None, str | None]:
        """(numId, ilvl) a paragraph of ``style_id`` takes from its style, nearest first."""
        num_id: str | None = None
        ilvl: str | None = None
        for style in self.chain(style_id):
            num_pr = self._styles[style].find(f"{_W}pPr/{_W}numPr")
            num_id = num_id or _val(num_pr, "numId")
            ilvl = ilvl or _val(num_pr, "ilvl")
        return num_id, ilvl


def _lists(root: etree._Element | None, styles: _Styles) -> dict[str, ListDefinition]:
    """numId → its list definition, with the instance's overrides applied."""
    if root is None:
        return {}
    abstracts = {a.get(_W + "abstractNumId", ""): a for a in root.iter(_W + "abstractNum")}
    instances = {n.get(_W + "numId", ""): n for n in root.iter(_W + "num")}

    def abstract_of(num: etree._Element, depth: int = 0) -> tuple[str, etree._Element] | None:
        abstract_id = _val(num, "abstractNumId") or ""
        abstract = abstracts.get(abstract_id)
        link = _val(abstract, "numStyleLink")
        if abstract is not None and link and depth < 4:
            # A list kept in a numbering style: the style's numId names the real definition.
            linked = instances.get(styles.num_pr(link)[0] or "")
            if linked is not None:
                return abstract_of(linked, depth + 1)
        return None if abstract is None else (abstract_id, abstract)

    lists: dict[str, ListDefinition] = {}
    for num_id, num in instances.items():
        found = abstract_of(num)
        if found is None:
            continue
        abstract_id, abstract = found
        levels = _levels(abstract)
        restarts: set[int] = set()
        for override in num.iter(_W + "lvlOverride"):
            index = _int(override.get(_W + "ilvl"), 0)
            replaced = override.find(_W + "lvl")
            if replaced is not None:
                levels[index] = _level(replaced)
            start = _val(override, "startOverride")
            if start is not None and index in levels:
                levels[index] = attrs.evolve(levels[index], start=_int(start, 1))
                restarts.add(index)
        lists[num_id] = ListDefinition(
            levels=levels, counter=abstract_id, restarts=frozenset(restarts)
        )
    return lists


_SKIPPED = frozenset(
    _W + tag
    for tag in (
        "del",
        "moveFrom",
        "delText",
        "instrText",
        "pPr",
        "rPr",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "txbxContent",
        "fldData",
    )
)
_SHOWN = frozenset(_W + tag for tag in ("t", "tab", "br", "cr", "noBreakHyphen"))
"""Run content that shows as text (a ``w:tab`` elsewhere is a tab stop definition in pPr)."""
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _own(container: etree._Element, tag: str, kind: str) -> Iterator[etree._Element]:
    """The ``tag`` descendants of ``container`` (a ``kind`` element) that belong to it, not to a
    ``kind`` nested inside it: a table's own rows (also those inside a content control), not the
    rows of a table in one of its cells."""
    for element in container.iter(_W + tag):
        parent = element.getparent()
        while parent is not None and parent is not container and parent.tag != _W + kind:
            parent = parent.getparent()
        if parent is container:
            yield element


def _runs_text(paragraph: etree._Element) -> str:
    """What a paragraph's runs show: text, tabs and line breaks; not deleted text, field codes
    (only their results), note references or text boxes."""
    out: list[str] = []
    fields: list[bool] = []  # for each open field: still in its code (before its separator)

    def walk(element: etree._Element, depth: int) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED or tag == _MC_FALLBACK:
                continue
            if tag == _W + "fldChar":
                kind = child.get(_W + "fldCharType")
                if kind == "begin":
                    fields.append(True)
                elif kind == "separate" and fields:
                    fields[-1] = False
                elif kind == "end" and fields:
                    fields.pop()
            elif tag in _SHOWN:
                if any(fields):
                    continue
                if tag == _W + "t":
                    out.append(child.text or "")
                elif tag == _W + "tab":
                    out.append("\t")
                elif tag == _W + "noBreakHyphen":
                    out.append("-")
                elif child.get(_W + "type") not in ("page", "column"):
                    out.append("\n")  # a line break, not a page or column break
            elif depth < LIMITS.max_depth:
                walk(child, depth + 1)

    walk(paragraph, 0)
    return "".join(out)


class _Reader:
    """Walks one document's body and notes in order, into a :class:`TextBuilder`."""

    def __init__(self, lists: Mapping[str, ListDefinition], styles: _Styles) -> None:
        self.builder = TextBuilder()
        self._numberer = Numberer(lists)
        self._lists = lists
        self._styles = styles
        self._paragraphs = 0
        self._tables = 0

    def label(self, paragraph: etree._Element) -> str:
        ppr = paragraph.find(_W + "pPr")
        style = _val(ppr, "pStyle")
        num_pr = None if ppr is None else ppr.find(_W + "numPr")
        style_num, style_ilvl = self._styles.num_pr(style)
        num_id = _val(num_pr, "numId") or style_num
        if not num_id or num_id == "0":
            return ""
        ilvl = _val(num_pr, "ilvl") or style_ilvl
        if ilvl is None:
            ilvl = self._style_level(num_id, style)
        return self._numberer.label(num_id, _int(ilvl, 0))

    def _style_level(self, num_id: str, style: str | None) -> str:
        # A level may name the paragraph style it numbers (w:lvl/w:pStyle): 标题 2 → level 2,
        # and so a style based on 标题 2.
        definition = self._lists.get(num_id)
        if definition is not None:
            for name in self._styles.chain(style):
                for index, level in definition.levels.items():
                    if level.style == name:
                        return str(index)
        return "0"

    def paragraph_text(self, paragraph: etree._Element) -> str:
        return self.label(paragraph) + _runs_text(paragraph)

    def body(self, container: etree._Element, depth: int = 0) -> None:
        for child in container:
            if child.tag == _W + "p":
                self._paragraphs += 1
                self.builder.add(self.paragraph_text(child), f"p[{self._paragraphs}]")
            elif child.tag == _W + "tbl":
                self._tables += 1
                self.table(child, f"table[{self._tables}]")
            elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml") and (
                depth < LIMITS.max_depth
            ):
                self.body(child, depth + 1)

    def table(self, table: etree._Element, path: str) -> None:
        for number, row in enumerate(_own(table, "tr", "tbl"), 1):
            cells = [self.cell_text(cell) for cell in _own(row, "tc", "tr")]
            self.builder.add("\t".join(cells), f"{path}/tr[{number}]")

    def cell_text(self, cell: etree._Element) -> str:
        # A cell's paragraphs (nested tables included) join with spaces: a row is one line.
        parts = [self.paragraph_text(p) for p in cell.iter(_W + "p")]
        return " ".join(part for part in parts if part).replace("\n", " ").replace("\t", " ")

    def notes(self, root: etree._Element, kind: str) -> None:
        for note in root.iter(_W + kind):
            if note.get(_W + "type") not in (None, "normal"):
                continue  # separators and continuation notices
            text = " ".join(_runs_text(p) for p in note.iter(_W + "p")).strip()
            if text:
                self.builder.add(text, f"{kind}[{note.get(_W + 'id')}]")


def _core(package: _Package) -> tuple[str | None, str | None]:
    """(title, creation date) of the document properties, when they state them."""
    part = _by_suffix(package.relations(""), _CORE)
    if part is None or not package.has(part):
        return None, None
    root = package.xml(part)
    title = root.findtext("{http://purl.org/dc/elements/1.1/}title")
    created = root.findtext("{http://purl.org/dc/terms/}created")
    date = created.strip()[:10] if created and created.strip() else None
    return (title.strip() or None) if title else None, date


def read_docx(data: bytes, source: str) -> SourceText | None:
    """The text of a .docx, or None when ``data`` is a ZIP but no Word file."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise _fail(source, str(exc)) from None
    with archive:
        package = _Package(archive, source)
        main = _main_part(package)
        if main is None:
            return None
        relations = package.relations(main)

        def part(suffix: str) -> Any:
            name = _by_suffix(relations, suffix)
            return package.xml(name) if name and package.has(name) else None

        styles = _Styles(part("/styles"))
        reader = _Reader(_lists(part("/numbering"), styles), styles)
        document = package.xml(main)
        body = document.find(_W + "body")
        if body is None:
            raise _fail(source, f"{main} has no body")
        reader.body(body)
        for suffix, kind in (("/footnotes", "footnote"), ("/endnotes", "endnote")):
            notes = part(suffix)
            if notes is not None:
                reader.notes(notes, kind)
        title, date = _core(package)
    return reader.builder.build("docx", title=title, date=date)


@hookimpl
def read_source(data: bytes, source: str) -> SourceText | None:
    """Read a .docx (by content, whatever its name); None for anything else."""
    if not is_docx(data):
        return None
    return read_docx(data, source)
