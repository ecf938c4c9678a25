"""Hook specifications: the whole surface a govreport plugin can implement.

A plugin is a module or object with functions marked ``@govreport.hookimpl`` whose names match
the specs below. Hook wrappers (``hookwrapper=True``, ``wrapper=True``) are refused: the host
calls each implementation itself, to name the plugin when it fails. Calls always pass keywords, and an implementation may accept any subset of the
arguments, so specs can grow without breaking plugins. Data goes in through ``register_*`` hooks
that receive a ``register`` callable; the host records which plugin registered what.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

from govreport.model import Report, SourceText, Unit, Vocabulary
from govreport.protocols import Exporter, MentionExtractor
from govreport.structure.markers import MarkerStyle

if TYPE_CHECKING:  # the indicator package imports the model and protocols, not the hooks
    from govreport.indicators import IndicatorLinker, IndicatorTerm

PROJECT = "govreport"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# -- registration hooks (called once per host, when plugins load) -------------------------------


@hookspec
def register_mention_extractors(register: Callable[[MentionExtractor], None]) -> None:
    """Register mention extractors.

    :param register: call it once per :class:`~govreport.extractors.base.MentionExtractor`.
        Extractors run in ascending ``order``; each sees the mentions found before it.
    """


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register output formats.

    :param register: call it once per :class:`~govreport.exporters.base.Exporter`; its
        ``name`` becomes a ``--format`` choice. Two plugins may not register the same name.
    """


@hookspec
def register_units(register: Callable[[Unit], None]) -> None:
    """Register extra units or measure words for the quantity extractor.

    :param register: call it once per :class:`~govreport.model.Unit`. Built-in spellings win
        over a plugin's when both define one.
    """


@hookspec
def register_vocabularies(register: Callable[[Vocabulary], None]) -> None:
    """Register domain vocabularies: terms by category, name patterns, units.

    :param register: call it once per :class:`~govreport.model.Vocabulary`. A ``term``
        vocabulary yields :class:`~govreport.model.Term` mentions; a ``formulation`` vocabulary
        extends the formulation glossary. Vocabulary names are unique across plugins.
    """


@hookspec
def register_heading_styles(register: Callable[[MarkerStyle], None]) -> None:
    """Register extra heading or item marker styles for the structure parser.

    :param register: call it once per :class:`~govreport.structure.MarkerStyle`. Its ``rank``
        places it among the built-in levels (parts 10 … ``一、`` 40 … items 100); registered
        styles are tried after the built-in ones.
    """


@hookspec
def register_indicators(register: Callable[[IndicatorTerm], None]) -> None:
    """Register indicator names a domain knows, with their synonyms (``供水量``, ``水质合格率``).

    :param register: call it once per :class:`~govreport.indicators.IndicatorTerm`. The
        indicator linker uses them to find where an indicator ends and which noun a list
        shares; all plugins' terms are compiled once per host.
    """


@hookspec
def register_indicator_linkers(register: Callable[[IndicatorLinker], None]) -> None:
    """Register an indicator linker: what gives each quantity its indicator, role and period.

    :param register: call it with an :class:`~govreport.indicators.IndicatorLinker`. Parses use
        one linker: the last one a plugin other than the built-in ``builtin.indicators``
        registered, else the built-in one; it runs after every mention extractor.
    """


# -- per-report hooks


@hookspec(firstresult=True)
def read_source(data: bytes, source: str, encoding: str | None) -> SourceText | str | None:
    """Turn the bytes of a report into its text.

    :param data: the raw bytes, from a file, stdin or a caller.
    :param source: a name for messages (the file name, ``<stdin>``, ``<bytes>``).
    :param encoding: the text encoding the user named (``--encoding``), or None to detect it.
        A reader of a format that declares its own (a page's charset) may ignore it.
    :return: a :class:`~govreport.model.SourceText` (the text with the reader's name, the
        title and date the file states and the origin of each block), a bare ``str`` (the
        reader is then named after its plugin), or None to let the next reader try. Readers
        choose by content, not by file name. Stops at the first non-None result; the built-in
        plain-text reader runs last.
    """


@hookspec
def report_parsed(report: Report) -> None:
    """Called after a report is parsed, before anything exports it.

    :param report: the finished, frozen report. The return value is ignored.
    """
