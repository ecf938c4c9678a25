"""Coverage-guided fuzzing of the PDF reader with atheris (see fuzz/README.md).

Each input is read as a PDF (``%PDF-`` is put in front when it has none) by the host's
readers, as ``govreport parse`` reads a file. The reader must answer a text or raise
:class:`~govreport.errors.InputError` with a one-line message (pdfium's failures wrapped, the
limits kept); anything else — another exception, a message of two lines — is a finding. A text
it answers must be its blocks' lines, in order (:func:`govreport.testing.check_source`), and is
parsed and checked like any other (:func:`govreport.testing.check_parse`).

Seed it with PDFs: the sample's, and small ones from the test kit's maker::

    python fuzz/fuzz_pdf.py -max_len=65536 -runs=100000 /tmp/pdfcorpus tests/data/formats
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import govreport
    from govreport.errors import InputError
    from govreport.readers.pdf import MAGIC

    HOST = govreport.PluginHost()
    HOST.read(b"", "<warm-up>")  # load the plugins, so that their modules are instrumented

from govreport.testing import check_parse, check_source


def test_one_input(data: bytes) -> None:
    if MAGIC not in data[:1024]:
        data = MAGIC + data
    try:
        read = HOST.read(data, "<fuzz.pdf>")
    except InputError as error:
        if "\n" in str(error):
            raise AssertionError(f"a message of more than one line: {error!r}") from None
        return
    assert read.reader == "pdf", read.reader
    check_source(read)
    check_parse(read.text, HOST)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
