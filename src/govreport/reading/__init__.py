"""Reading report files: bytes to text, exactly as written.

Encodings are tried in a fixed order (domain reference §7), always strictly:

1. a byte-order mark decides: UTF-8 BOM → UTF-8, UTF-16 LE/BE BOM → UTF-16; the BOM is removed;
2. otherwise strict UTF-8;
3. otherwise strict GB18030, the superset of GBK and GB2312. The ``gb2312`` codec is never used:
   it maps two common punctuation marks to the wrong code points.

Nothing is replaced or normalised: line ends stay as written (a CRLF is two characters), so
spans index the text the way the file holds it. NUL characters are valid in both UTF-8 and
GB18030 and are kept like any other character; deciding whether such text is a report is left to
the parser, and dropping them would shift every later span.
"""

from __future__ import annotations

import codecs
import os

from govreport.errors import DecodeError, InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""Byte-order marks and the encoding each one declares."""

_FALLBACKS = ("utf-8", "gb18030")
"""Encodings tried in turn when the data has no byte-order mark."""


def decode(data: bytes, source: str) -> str:
    """Decode report bytes by the rules in the module docstring.

    :param data: the raw bytes of a report.
    :param source: a name for the data in error messages (a file name or ``<stdin>``).
    :raises DecodeError: when no encoding accepts the bytes. With a BOM, ``offset`` is the first
        byte the declared encoding rejects. Without one, it is where the decoder that read further
        stopped: a UTF-8 file with one corrupt byte fails there in UTF-8 but usually much earlier
        in GB18030, and a GBK file the other way round, so the larger offset points at the damage.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                # A BOM declares the encoding: falling back to another one would only garble.
                raise DecodeError(
                    source, len(bom) + exc.start, f"{encoding}: {exc.reason}"
                ) from None
    failures: list[UnicodeDecodeError] = []
    for encoding in _FALLBACKS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            failures.append(exc)
    furthest = max(failures, key=lambda exc: exc.start)
    detail = "; ".join(f"{exc.encoding}: {exc.reason} at byte {exc.start}" for exc in failures)
    raise DecodeError(source, furthest.start, f"neither UTF-8 nor GB18030 ({detail})")


def read_path(path: str | os.PathLike[str]) -> str:
    """Read and decode the report file at ``path``.

    :raises InputError: a one-line message starting with the path when the file is missing,
        is a directory, may not be read, or cannot be read for another reason.
    :raises DecodeError: when the bytes decode as none of the supported encodings.
    """
    return decode(read_bytes(path), os.fspath(path))


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the file at ``path``, with the errors of :func:`read_path`."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as file:
            data = file.read()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    return data
