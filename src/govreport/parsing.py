"""The pipeline: text → structure → mentions → :class:`~govreport.model.Report`."""

from __future__ import annotations

import operator
import os
from pathlib import Path

import attrs

from govreport.boundary import call_plugin
from govreport.errors import PluginError
from govreport.host import PluginHost, default_host
from govreport.model import Fault, Mention, Report, SourceText, Span
from govreport.protocols import ExtractionContext, MentionExtractor
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
    return _parse(read, source, host, strict)


_MENTION_ORDER = operator.attrgetter("span.start", "span.end", "kind")
"""Mentions in document order; at one span, by kind (a C-level key: thousands per report)."""


def _extract(extractor: MentionExtractor, context: ExtractionContext) -> list[Mention]:
    return list(extractor.extract(context))


def _misplaced(mention: object, text: str) -> str | None:
    """Why ``mention`` cannot stand in a report of ``text``, or None when it can."""
    if not isinstance(mention, Mention):
        return f"returned {type(mention).__name__}, not a Mention"
    span = mention.span
    if not isinstance(span, Span) or not 0 <= span.start <= span.end <= len(text):
        return f"span {span!r} is not a range inside the text (length {len(text)})"
    if text[span.start : span.end] != mention.text:
        written = mention.text if len(mention.text) <= 40 else mention.text[:40] + "…"
        return f"span {span.as_list()} does not slice to {written!r}"
    return None


def _parse(read: SourceText, source: str | None, host: PluginHost, strict: bool) -> Report:
    text = read.text
    found: list[Mention] = []
    faults: list[Fault] = []

    def fail(error: PluginError) -> None:
        if strict:
            raise error
        faults.append(Fault(plugin=error.plugin, hook=error.hook, message=str(error)))

    pipeline = host.pipeline
    units, vocabularies = pipeline.configuration.units, pipeline.configuration.vocabularies
    for error in host.parse_faults:  # what a tolerant host left out
        fail(error)
    structure = parse_structure(text, markers=pipeline.markers)
    for stage in pipeline.stages:
        context = ExtractionContext(
            text=text,
            units=units,
            marker_spans=structure.marker_spans,
            found=tuple(found),
            vocabularies=vocabularies,
        )
        name = stage.extractor.name
        try:
            new = call_plugin(
                stage.plugin, name, _extract, {"extractor": stage.extractor, "context": context}
            )
        except PluginError as error:
            fail(error)
            continue
        for mention in new:
            problem = _misplaced(mention, text)
            if problem is not None:  # one bad mention and the extractor's output is not trusted
                fail(PluginError(stage.plugin, name, problem))
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
