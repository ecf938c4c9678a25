"""Coverage-guided fuzzing of every format and of the plugin boundary with atheris.

The first byte of an input picks a test plugin, ``misbehaving``, from a list of ways to go
wrong (or none); the rest is the text, decoded as UTF-8 with ``surrogateescape`` (bytes that
are not UTF-8 become lone surrogates, as a file name that is not UTF-8 does). The text is parsed
with every installed plugin and the misbehaving one: strictly, where the only failure allowed is
a one-line PluginError naming it, and tolerantly, where the report records its fault (and no
other) and holds every invariant (:func:`govreport.testing.check_report`; every quantity's
value a Decimal). That report is written in every format but parquet (slow, and a table of the
same rows): the JSON loads back into an equal report, every text format encodes as UTF-8, each
JSON Lines line loads, the CSV reads back with rows of one length, every part of the workbook
is well-formed XML; a misbehaving exporter must fail as a one-line PluginError. Any other
exception is a finding. See fuzz/README.md.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from types import SimpleNamespace
from typing import Any
from xml.etree import ElementTree

import atheris

with atheris.instrument_imports():
    import govreport
    from govreport.errors import PluginError
    from govreport.exporters.base import Exporter
    from govreport.extractors.base import ExtractionContext
    from govreport.model import Mention, Quantity, Report, Span, Term

    HOST = govreport.PluginHost()
    # Plugins load lazily; load them here so that their modules are instrumented too.
    HOST.read(b"", "<warm-up>")
    for name in HOST.exporters:
        if name != "parquet":  # not fuzzed: pyarrow and pandas instrumented would be wasted
            HOST.export(name, govreport.parse("一、1项", host=HOST))

from govreport.serialise import loads
from govreport.testing import check_report

FORMATS = tuple(name for name in HOST.exporters if name != "parquet")
"""Every installed format but parquet (slow, and a table of rows the others hold)."""
NAME = "misbehaving"


def _term(text: str, span: Any, written: str | None = None) -> Term:
    # Built with the class's own constructor, as a plugin would: it does not check the types.
    return Term(span=span, text=text if written is None else written, vocabulary="v", category="c")


def _whole(text: str) -> Span:
    return Span(0, len(text))


def _half_way(context: ExtractionContext) -> Iterator[Mention]:
    yield _term(context.text, _whole(context.text))
    raise RuntimeError("half way")


def _exit(*args: object) -> Any:
    sys.exit(0)


def _raise(*args: object) -> Any:
    raise ValueError("misbehaving on purpose")


ANSWERS: dict[str, Callable[[ExtractionContext], Any]] = {
    "a str": lambda context: [context.text],
    "None": lambda context: None,
    "None in the list": lambda context: [None],
    "a tuple span": lambda context: [_term(context.text, (0, len(context.text)))],
    "float offsets": lambda context: [_term(context.text, Span(0.0, float(len(context.text))))],  # type: ignore[arg-type]
    "a span past the end": lambda context: [_term(context.text, Span(0, len(context.text) + 1))],
    "a span that does not slice": lambda context: [
        _term(context.text, _whole(context.text), context.text + "x")
    ],
    "a str value": lambda context: [
        Quantity(span=_whole(context.text), text=context.text, value="5", unit="项")  # type: ignore[arg-type]
    ],
    "a float value": lambda context: [
        Quantity(span=_whole(context.text), text=context.text, value=0.5, unit="项")  # type: ignore[arg-type]
    ],
    "a good mention, then an exception": _half_way,
    "an exception": _raise,
    "sys.exit": _exit,
}
"""What the misbehaving extractor answers with."""


class _Extractor:
    """An extractor answering with one of :data:`ANSWERS`."""

    def __init__(self, answer: Callable[[ExtractionContext], Any], order: Any = 450) -> None:
        self.name, self.order, self.answer = "misbehaving-extractor", order, answer

    def extract(self, context: ExtractionContext) -> Any:
        return self.answer(context)


def _plugin(**hooks: Callable[..., Any]) -> object:
    return SimpleNamespace(
        __name__=NAME, **{name: govreport.hookimpl(function) for name, function in hooks.items()}
    )


def _extracting(extractor: _Extractor) -> object:
    return _plugin(register_mention_extractors=lambda register: register(extractor))


def _exporting(render: Callable[[Report], Any]) -> object:
    exporter = Exporter(name="misbehaving", suffix=".txt", media_type="text/plain", render=render)
    return _plugin(register_exporters=lambda register: register(exporter))


def _host(*plugins: object) -> govreport.PluginHost:
    """A tolerant host of every installed plugin and ``plugins``."""
    return govreport.PluginHost(plugins=plugins, strict=False)


PLUGINS: list[tuple[object, ...]] = [
    (),
    *((_extracting(_Extractor(answer)),) for answer in ANSWERS.values()),
    (_extracting(_Extractor(lambda context: [], order="first")),),
    (_plugin(report_parsed=_raise),),
    (_plugin(report_parsed=_exit),),
    (_plugin(register_units=_raise),),
    (_exporting(lambda report: 42),),
    (_exporting(_raise),),
    (_exporting(_exit),),
]
"""What the first byte of an input picks: no misbehaving plugin, or one of these."""

_HOSTS: dict[int, govreport.PluginHost] = {}
"""The host of each choice of :data:`PLUGINS`, built when first picked (each takes a second)."""


def _host_for(choice: int) -> govreport.PluginHost:
    if choice not in _HOSTS:
        _HOSTS[choice] = _host(*PLUGINS[choice])
    return _HOSTS[choice]


def _one_line_naming_the_plugin(error: PluginError) -> None:
    message = str(error)
    assert error.plugin == NAME, message
    assert "\n" not in message and "\r" not in message, repr(message)


def check_formats(report: Report, host: govreport.PluginHost) -> None:
    """Write ``report`` in every format and read each back as far as its format allows."""
    outputs = {name: host.export(name, report) for name in FORMATS}
    for output in outputs.values():
        if isinstance(output, str):
            output.encode("utf-8")  # a lone surrogate would make the file unwritable
    assert loads(outputs["json"]) == report, "the JSON does not load back"
    # Split at LF only: str.splitlines() also breaks at U+0085 and U+2028, which JSON keeps.
    for line in str(outputs["jsonl"]).split("\n")[:-1]:
        json.loads(line)
    rows = list(csv.reader(io.StringIO(str(outputs["csv"]), newline="")))
    assert rows and len({len(row) for row in rows}) == 1, "ragged CSV"
    if "xlsx" in outputs:
        workbook = outputs["xlsx"]
        assert isinstance(workbook, bytes)
        with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
            for part in archive.namelist():
                ElementTree.fromstring(archive.read(part))
    if "misbehaving" in host.exporters:
        try:
            host.export("misbehaving", report)
        except PluginError as error:
            _one_line_naming_the_plugin(error)
        else:
            raise AssertionError("a misbehaving exporter passed")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    host = _host_for(data[0] % len(PLUGINS))
    text = data[1:].decode("utf-8", errors="surrogateescape")
    try:
        govreport.parse(text, host=host)
    except PluginError as error:
        _one_line_naming_the_plugin(error)
    report = govreport.parse(text, host=host, strict=False)
    for fault in report.faults:
        assert fault.plugin == NAME and "\n" not in fault.message, fault
    check_report(report)
    for quantity in report.quantities():
        assert isinstance(quantity.value, Decimal), quantity
    check_formats(report, host)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
