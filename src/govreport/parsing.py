"""The pipeline: text → structure → mentions → :class:`~govreport.model.Report`."""

from __future__ import annotations

import itertools
import operator
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

import attrs

from govreport.boundary import call_plugin, misfit
from govreport.errors import PluginError
from govreport.host import BUILTIN_PLUGINS, PluginHost, default_host
from govreport.indicators import IndicatorLexicon, IndicatorLinker, Link, LinkContext, RuleLinker
from govreport.indicators.linker import relinked
from govreport.model import Fault, Mention, Mentions, Quantity, Report, SourceText, Span
from govreport.model.store import BLOCK, MentionCollector, misplaced
from govreport.protocols import ExtractionContext, MentionExtractor
from govreport.reading import read_bytes
from govreport.structure import Structure, parse_structure


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


def _extract(
    extractor: MentionExtractor, context: ExtractionContext, into: MentionCollector, typed: bool
) -> str | None:
    """Add the extractor's mentions to ``into`` a block at a time as it gives them, so that
    they never all live as objects at once; at a mention that cannot stand in the report, why
    (the rest is read, so that a failure after it is still the plugin's)."""
    text = context.text
    found = extractor.extract(context)
    if isinstance(found, Mentions):  # held compactly already: checked through its prototypes
        problem = _misplaced_in(found, text, typed=typed)
        if problem is None:
            into.adopt(found)
        return problem
    mentions = iter(found)
    while block := list(itertools.islice(mentions, BLOCK)):
        if not (typed and _fit(block, text)):
            problem = next(filter(None, (_misplaced(m, text, typed=typed) for m in block)), None)
            if problem is not None:
                for _ in mentions:
                    pass
                return problem
        into.extend(block)
    return None


_SPAN = operator.attrgetter("span")


def _fit(block: list[Mention], text: str) -> bool:
    """Whether every one of a built-in extractor's ``block`` of mentions can stand in a report
    of ``text`` (as :func:`_misplaced` finds, in a few calls for the whole block; False sends
    the block to :func:`_misplaced`, mention by mention, for the reason)."""
    return (
        all(map(Mention.__instancecheck__, block))
        and all(map(Span.__instancecheck__, map(_SPAN, block)))
        and misplaced(block, text) is None
    )


def _unfit(mention: object, *, typed: bool) -> str | None:
    """Why ``mention`` is no mention with fields of its declared types, or None when it is
    (``typed``: a built-in extractor's, known to be)."""
    if not isinstance(mention, Mention):
        return f"returned {type(mention).__name__}, not a Mention"
    if not typed:
        if not isinstance(mention.kind, str):
            return f"kind {mention.kind!r} is not a str"
        return misfit(mention)
    return None


def _misplaced(mention: object, text: str, *, typed: bool) -> str | None:
    """Why ``mention`` cannot stand in a report of ``text``, or None when it can.

    ``typed`` says that its fields are known to hold their declared types (a built-in
    extractor's); otherwise they are checked first (a few microseconds a mention).
    """
    to_check = not (typed and isinstance(mention, Mention))  # a built-in's: one test
    if to_check and (problem := _unfit(mention, typed=typed)) is not None:
        return problem
    assert isinstance(mention, Mention)
    span = mention.span
    if not isinstance(span, Span) or not 0 <= span.start <= span.end <= len(text):
        return f"span {span!r} is not a range inside the text (length {len(text)})"
    if text[span.start : span.end] != mention.text:
        written = mention.text if len(mention.text) <= 40 else mention.text[:40] + "…"
        return f"span {span.as_list()} does not slice to {written!r}"
    return None


def _misplaced_in(mentions: Mentions, text: str, *, typed: bool) -> str | None:
    """Why one of ``mentions`` cannot stand in a report of ``text``, or None: each of the
    prototypes they are made from checked once for its class and fields, each place for its
    span and text."""
    for prototype in mentions.prototypes():
        if (problem := _unfit(prototype, typed=typed)) is not None:
            return problem
    index = mentions.mismatch(text)
    return None if index is None else _misplaced(mentions[index], text, typed=typed)


def _parse(read: SourceText, source: str | None, host: PluginHost, strict: bool) -> Report:
    text = read.text
    found = MentionCollector()
    faults: list[Fault] = []

    def fail(error: PluginError) -> None:
        if strict:
            raise error
        faults.append(Fault(plugin=error.plugin, hook=error.hook, message=str(error)))

    pipeline = host.pipeline
    units, vocabularies = pipeline.configuration.units, pipeline.configuration.vocabularies
    linker, lexicon = host.indicator_linker, host.indicator_lexicon
    for error in host.parse_faults:  # what a tolerant host left out
        fail(error)
    structure = parse_structure(text, markers=pipeline.markers)
    for stage in pipeline.stages:
        context = ExtractionContext(
            text=text,
            units=units,
            marker_spans=structure.marker_spans,
            found=found.snapshot(),
            vocabularies=vocabularies,
        )
        name, before = stage.extractor.name, len(found)
        arguments = {
            "extractor": stage.extractor,
            "context": context,
            "into": found,
            "typed": stage.plugin in BUILTIN_PLUGINS,
        }
        try:
            problem = call_plugin(stage.plugin, name, _extract, arguments)
        except PluginError as error:
            found.truncate(before)
            fail(error)
            continue
        if problem is not None:  # one bad mention and the extractor's output is not trusted
            found.truncate(before)
            fail(PluginError(stage.plugin, name, problem))
    found.sort()
    if linker is not None:
        link_context = link_context_of(text, found, structure, lexicon)
        _link_indicators(link_context, found, linker, host.indicator_linker_plugin, fail)
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
        mentions=found.finish(),
        faults=tuple(faults),
    )
    host.call_report_parsed(report, on_error=fail)
    if len(faults) != len(report.faults):  # a report_parsed hook failed in tolerant mode
        report = attrs.evolve(report, faults=tuple(faults))
    return report


def link_context_of(
    text: str, mentions: Sequence[Mention], structure: Structure, lexicon: IndicatorLexicon
) -> LinkContext:
    """What the indicator linker reads of a parse: the text, its ``mentions`` in
    ``MENTION_ORDER``, the parts of its ``structure`` and the host's ``lexicon``."""
    return LinkContext(
        text=text,
        mentions=mentions,
        outline=structure.outline,
        front_matter=structure.front_matter,
        closing=structure.closing,
        lexicon=lexicon,
    )


def _link_indicators(
    context: LinkContext,
    found: MentionCollector,
    linker: IndicatorLinker,
    plugin: str,
    fail: Callable[[PluginError], None],
) -> None:
    """Give each quantity in ``found`` its indicator, role and period (in place); a linker
    that fails or answers wrongly leaves them unset."""
    text = context.text

    def failed(message: str) -> None:
        fail(PluginError(plugin, linker.name, message))

    if type(linker) is RuleLinker:  # the built-in linker makes the linked quantities itself
        try:
            made = call_plugin(plugin, linker.name, linker.linked, {"context": context})
        except PluginError as error:
            fail(error)
            return
        for place, quantity in zip(found.places(Quantity), made, strict=True):
            found[place] = quantity
        return
    try:
        links = call_plugin(plugin, linker.name, _links, {"linker": linker, "context": context})
    except PluginError as error:
        fail(error)
        return
    places = found.places(Quantity)
    if len(links) != len(places):
        failed(f"gave {len(links)} links for {len(places)} quantities")
        return
    quantities = cast("list[Quantity]", [found[place] for place in places])
    size = len(text)
    for quantity, link in zip(quantities, links, strict=True):  # all checked before any is set
        indicator = link.indicator
        if indicator is not None:
            span, q_span = indicator.span, quantity.span
            if (
                text[span.start : span.end] != indicator.text
                or span.end > size
                or (span.start < q_span.end and q_span.start < span.end)  # (Span.overlaps)
            ):
                failed(f"indicator {indicator.text!r} at {span} is not beside {quantity.text!r}")
                return
    for place, quantity, link in zip(places, quantities, links, strict=True):
        found[place] = _linked(quantity, link)


def _links(linker: IndicatorLinker, context: LinkContext) -> list[Link]:
    return list(linker.link(context))


def _linked(quantity: Quantity, link: Link) -> Quantity:
    """``quantity`` with the link's indicator, role and period."""
    return relinked(quantity, link.indicator, link.role, link.period)


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
