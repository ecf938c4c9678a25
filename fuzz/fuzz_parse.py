"""Coverage-guided fuzzing of the whole parse with atheris (see fuzz/README.md).

Each input is read as text in two ways — as UTF-8 with replacement characters, and through
every installed reader plugin (a web page, a Word file, a PDF, else strict plain text), which
must either read it or refuse it with a one-line InputError — and parsed. Any other exception,
and any broken invariant, is a finding: a reader's blocks must be the lines of its text
(:func:`govreport.testing.check_source`), and those of
:func:`govreport.testing.check_report` (every span inside the text and slicing to its text,
mentions in order, outline nodes inside their parents and in order), and parsing the same text
twice gives equal reports, and every installed format writes the report (all in
:func:`govreport.testing.check_parse`).

Byte-identical JSON across processes and hash seeds is checked by tests/test_determinism.py.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import govreport
    from govreport.errors import InputError

    HOST = govreport.PluginHost()
    # Plugins load lazily; load them here so that their modules are instrumented too.
    HOST.read(b"", "<warm-up>")
    govreport.parse("一、1项", host=HOST)

# The checks stay uninstrumented: coverage of the checker (and of Hypothesis, which the test
# kit imports) would only steer the fuzzer away from the parser.
from govreport.testing import check_parse, check_source


def check(text: str) -> None:
    check_parse(text, HOST)  # byte-identity across processes is a test


def test_one_input(data: bytes) -> None:
    lenient = data.decode("utf-8", errors="replace")
    check(lenient)
    try:  # through every installed reader: a page, a Word file, a PDF or a text
        read = HOST.read(data, "<fuzz>")
    except InputError:  # undecodable, or refused in one line (too large, too deep …)
        return
    check_source(read)
    if read.text != lenient:  # a page's text, a BOM, UTF-16 or GB18030: another text to check
        check(read.text)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
