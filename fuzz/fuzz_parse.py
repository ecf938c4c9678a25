"""Coverage-guided fuzzing of the whole parse with atheris (see fuzz/README.md).

Each input is decoded as text in two ways — as UTF-8 with replacement characters, and through
govreport's own strict reader (which must either decode or raise DecodeError) — and parsed.
Any exception other than DecodeError, and any broken invariant, is a finding: those of
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
    from govreport.errors import DecodeError
    from govreport.reading import decode

    HOST = govreport.PluginHost()
    # Plugins load lazily; load them here so that their modules are instrumented too.
    HOST.read(b"", "<warm-up>")
    govreport.parse("一、1项", host=HOST)

# The checks stay uninstrumented: coverage of the checker (and of Hypothesis, which the test
# kit imports) would only steer the fuzzer away from the parser.
from govreport.testing import check_parse


def check(text: str) -> None:
    check_parse(text, HOST)  # byte-identity across processes is a test


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
