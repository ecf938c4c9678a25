"""The pipeline: text → structure → mentions → :class:`~govreport.model.Report`."""

from __future__ import annotations

import contextlib
import gc
import operator
import os
from collections.abc import Iterator
from pathlib import Path

import attrs

from govreport.errors import PluginError
from govreport.extractors.base import ExtractionContext
from govreport.host import PluginHost, default_host
from govreport.model import Fault, Mention, Report, SourceText
from govreport.reading import read_bytes
from govreport.structure import parse_structure


def parse(
    text: str | SourceText,
    *,
    source: str | None = None,
    host: PluginHost | None = None,
    strict: bool = True,
) -> Report:
    """Parse a report text into its outline and mentions.

    :param text: the decoded text, or what a reader made of a file; spans in the result index
        the text unchanged.
    :param source: a file name to record in the report, if any.
    :param host: the plugin host to use; by default one with all installed plugins (a strict
        one for strict parses, a tolerant one for tolerant parses).
    :param strict: raise :class:`~govreport.errors.PluginError` when a plugin fails; when
        False, skip what failed — an extractor, a ``report_parsed`` hook, and on a tolerant host
        a plugin's registrations — and record a :class:`~govreport.model.Fault` for each.
    """
    host = default_host(strict=strict) if host is None else host
    read = text if isinstance(text, SourceText) else SourceText(text=text, reader="")
    with _no_cycle_collection():
        return _parse(read, source, host, strict)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the length of a parse.

    A parse makes hundreds of thousands of small objects and no reference cycles, so the
    collector's passes over them are wasted work that grows with the input: on 10 MB they
    cost a third of the time. Reference counting still frees everything as usual.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


_MENTION_ORDER = operator.attrgetter("span.start", "span.end", "kind")
"""Mentions in document order; at one span, by kind (a C-level key: thousands per report)."""


def _parse(read: SourceText, source: str | None, host: PluginHost, strict: bool) -> Report:
    text = read.text
    found: list[Mention] = []
    faults: list[Fault] = []

    def fail(error: PluginError) -> None:
        if strict:
            raise error
        faults.append(Fault(plugin=error.plugin, hook=error.hook, message=str(error)))

    styles, units, vocabularies = host.heading_styles, host.units, host.vocabularies
    extractors, size = host.extractors, len(text)
    for error in host.parse_faults:  # what a tolerant host left out
        fail(error)
    structure = parse_structure(text, styles=styles)
    for extractor in extractors:
        context = ExtractionContext(
            text=text,
            units=units,
            marker_spans=structure.marker_spans,
            found=tuple(found),
            vocabularies=vocabularies,
        )
        try:
            new = list(extractor.extract(context))
        except Exception as exc:
            fail(
                PluginError(
                    host.extractor_plugin(extractor), extractor.name, f"{type(exc).__name__}: {exc}"
                )
            )
            continue
        for mention in new:
            span = mention.span
            if text[span.start : span.end] != mention.text or span.end > size:
                fail(
                    PluginError(
                        host.extractor_plugin(extractor),
                        extractor.name,
                        f"span {span} does not slice to {mention.text!r}",
                    )
                )
                break
        else:
            found.extend(new)
    found.sort(key=_MENTION_ORDER)
    report = Report(
        text=text,
        source=source,
        reader=read.reader or None,
        origin=read.origin,
        front_matter=structure.front_matter,
        preamble=structure.preamble,
        outline=structure.outline,
        closing=structure.closing,
        end_matter=structure.end_matter,
        mentions=tuple(found),
        faults=tuple(faults),
    )
    host.call_report_parsed(report, on_error=fail)
    if len(faults) != len(report.faults):  # a report_parsed hook failed in tolerant mode
        report = attrs.evolve(report, faults=tuple(faults))
    return report


def parse_bytes(
    data: bytes, *, source: str | None = None, host: PluginHost | None = None, strict: bool = True
) -> Report:
    """Decode ``data`` with the reader plugins (built in: UTF-8 with or without BOM, UTF-16
    or UTF-32 with BOM, else GB18030) and parse it."""
    host = default_host(strict=strict) if host is None else host
    return parse(host.read(data, source or "<bytes>"), source=source, host=host, strict=strict)


def parse_file(
    path: str | os.PathLike[str], *, host: PluginHost | None = None, strict: bool = True
) -> Report:
    """Read, decode and parse the file at ``path``; the report records its file name."""
    host = default_host(strict=strict) if host is None else host
    text = host.read(read_bytes(path), os.fspath(path))
    return parse(text, source=Path(path).name, host=host, strict=strict)
