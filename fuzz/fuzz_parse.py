"""Coverage-guided fuzzing of the whole parse with atheris (see fuzz/README.md).

Each input is decoded as text in two ways — as UTF-8 with replacement characters, and through
govreport's own strict reader (which must either decode or raise DecodeError) — and parsed.
Any exception other than DecodeError, and any broken invariant, is a finding:

- every mention's text is the source sliced at its span, and every span lies inside the text;
- every outline title and marker slices to its text; children lie inside their parents;
  siblings are in order and do not overlap; mentions are sorted by start;
- parsing the same text twice gives equal reports, and the JSON export does not raise.

Byte-identical JSON across processes and hash seeds is checked by tests/test_determinism.py.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import govreport
    from govreport.errors import DecodeError
    from govreport.exporters.json import JsonExporter
    from govreport.model import OutlineNode, Report
    from govreport.reading import decode

    HOST = govreport.PluginHost()
    # Plugins load lazily; load them here so that their modules are instrumented too.
    HOST.read(b"", "<warm-up>")
    govreport.parse("一、1项", host=HOST)
EXPORTER = JsonExporter()


def check_nodes(report: Report, nodes: tuple[OutlineNode, ...], parent: OutlineNode | None) -> None:
    previous_end = -1
    for node in nodes:
        assert report.slice(node.title_span) == node.title, node
        assert report.slice(node.marker_span) == node.marker, node
        assert node.span.start >= previous_end, "siblings overlap"
        previous_end = node.span.end
        if parent is not None:
            assert parent.span.contains(node.span), "child outside its parent"
        check_nodes(report, node.children, node)


def check(text: str) -> None:
    report = govreport.parse(text, host=HOST)
    size = len(text)
    starts = [m.span.start for m in report.mentions]
    assert starts == sorted(starts), "mentions out of order"
    for mention in report.mentions:
        assert 0 <= mention.span.start <= mention.span.end <= size
        assert report.slice(mention.span) == mention.text, mention
    for region in (*report.front_matter, report.preamble, report.closing, *report.end_matter):
        if region is not None:
            assert report.slice(region.span) == region.text, region
    check_nodes(report, report.outline, None)
    assert govreport.parse(text, host=HOST) == report, "parse is not deterministic"
    EXPORTER.export(report)  # must not raise; byte-identity across processes is a test


def test_one_input(data: bytes) -> None:
    lenient = data.decode("utf-8", errors="replace")
    check(lenient)
    try:
        strict = decode(data, "<fuzz>")
    except DecodeError:
        return
    if strict != lenient:  # a BOM, UTF-16 or GB18030: a different text to check
        check(strict)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
