"""Reading report files: bytes to text, exactly as written.

Encodings are tried in a fixed order (domain reference §7), always strictly:

1. a byte-order mark decides: UTF-8 BOM → UTF-8, UTF-32 LE/BE BOM → UTF-32, UTF-16 LE/BE BOM →
   UTF-16; the BOM is removed. UTF-32's are looked for first: the UTF-32 LE mark begins with the
   UTF-16 LE one;
2. otherwise UTF-8 and GB18030 (the superset of GBK and GB2312) are both tried, strictly. When
   only one accepts the bytes, it is the encoding. When both do — a short GBK text is often valid
   UTF-8 too (``拾`` is ``CA B0``, UTF-8 for ``ʰ``) — the reading that is more Chinese wins: the
   share of its non-ASCII characters that are common Chinese (CJK punctuation, full-width forms
   and the ideographs of GB2312, the 6,763 in everyday use), judged on the first
   :data:`JUDGED_CHARACTERS` characters. A wrong reading is made of rare code points: Latin,
   IPA or Armenian letters for GBK read as UTF-8, rare or private-use ideographs for UTF-8 read
   as GB18030. On a tie (ASCII, or text in another script) UTF-8 wins. The ``gb2312`` codec never
   decodes: it maps two common punctuation marks to the wrong code points;
3. a caller that knows the encoding names it (``--encoding``) and nothing is guessed.

Nothing is replaced or normalised: line ends stay as written (a CRLF is two characters), so
spans index the text the way the file holds it. NUL characters are valid in both UTF-8 and
GB18030 and are kept like any other character; deciding whether such text is a report is left to
the parser, and dropping them would shift every later span.

Input is untrusted: :func:`read_bytes` and :func:`read_stream` read at most ``max_bytes``
(:data:`MAX_BYTES` unless told) in bounded chunks, so ``/dev/zero`` ends in an error rather than
in all the memory there is, and a FIFO that no one writes to ends instead of blocking for ever.
"""

from __future__ import annotations

import codecs
import os
import re
import select
import stat
from typing import BinaryIO

from govreport.errors import DecodeError, InputError

MAX_BYTES = 200 * 1024 * 1024
"""The most bytes read from one input unless the caller says otherwise (``--max-bytes``)."""

WAIT_SECONDS = 30.0
"""How long a FIFO or device may stay silent before reading it gives up."""

JUDGED_CHARACTERS = 65_536
"""How many characters of each reading the UTF-8/GB18030 choice looks at."""

_CHUNK = 1 << 20
"""Bytes asked for by one read."""

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""Byte-order marks and the encoding each one declares."""

_FALLBACKS = ("utf-8", "gb18030")
"""Encodings tried when the data has no byte-order mark; the first wins a tie."""

_CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
"""Runs of CJK punctuation, unified ideographs and full-width forms."""


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode report bytes by the rules in the module docstring.

    :param data: the raw bytes of a report.
    :param source: a name for the data in error messages (a file name or ``<stdin>``).
    :param encoding: a Python codec name to decode with, strictly, instead of detecting one.
    :raises DecodeError: when no encoding accepts the bytes. With a BOM, ``offset`` is the first
        byte the declared encoding rejects. Without one, it is where the decoder that read further
        stopped: a UTF-8 file with one corrupt byte fails there in UTF-8 but usually much earlier
        in GB18030, and a GBK file the other way round, so the larger offset points at the damage.
    :raises InputError: when ``encoding`` names no codec.
    """
    if encoding is not None:
        return _decode_as(data, source, encoding)
    for bom, declared in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(declared)
            except UnicodeDecodeError as exc:
                # A BOM declares the encoding: falling back to another one would only garble.
                raise DecodeError(
                    source, len(bom) + exc.start, f"{declared}: {exc.reason}"
                ) from None
    if data.isascii():
        return data.decode("ascii")  # what every fallback would read
    readings: list[str] = []
    failures: list[UnicodeDecodeError] = []
    for fallback in _FALLBACKS:
        try:
            readings.append(data.decode(fallback))
        except UnicodeDecodeError as exc:
            # Without its traceback, which would make a cycle (error, frame, this list) that
            # only the collector frees, while the error holds a copy of all the bytes.
            failures.append(exc.with_traceback(None))
    if readings:
        return max(readings, key=chinese_share)  # max keeps the first on a tie: UTF-8
    furthest = max(failures, key=lambda exc: exc.start)
    detail = "; ".join(f"{exc.encoding}: {exc.reason} at byte {exc.start}" for exc in failures)
    raise DecodeError(source, furthest.start, f"neither UTF-8 nor GB18030 ({detail})")


def chinese_share(text: str) -> float:
    """The share of the non-ASCII characters at the start of ``text`` that are common Chinese.

    Common Chinese: CJK punctuation, full-width forms and GB2312's ideographs, the characters
    everyday Chinese text is made of. 0.0 when the start is all ASCII.
    """
    sample = text[:JUDGED_CHARACTERS]
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    if not non_ascii:
        return 0.0
    cjk = "".join(_CJK.findall(sample))
    # Every character GB2312 holds takes two bytes; the rest are dropped by "ignore".
    common = len(cjk.encode("gb2312", "ignore")) // 2
    return common / non_ascii


def _decode_as(data: bytes, source: str, encoding: str) -> str:
    """``data`` decoded strictly with the codec the caller named."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"{source}: unknown encoding {encoding!r}") from None
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise DecodeError(source, exc.start, f"{name}: {exc.reason}") from None


def read_path(
    path: str | os.PathLike[str], *, encoding: str | None = None, max_bytes: int = MAX_BYTES
) -> str:
    """Read and decode the report file at ``path``.

    :raises InputError: a one-line message starting with the path when the file is missing,
        is a directory, may not be read, is larger than ``max_bytes``, or cannot be read for
        another reason.
    :raises DecodeError: when the bytes decode as none of the supported encodings.
    """
    return decode(read_bytes(path, max_bytes=max_bytes), os.fspath(path), encoding)


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of the file at ``path``, with the errors of :func:`read_path`.

    A FIFO or a device is read too (``<(command)`` in a shell is one), but without blocking
    for ever: a FIFO that no one writes to is an error, and so is one silent for
    :data:`WAIT_SECONDS`.
    """
    name = os.fspath(path)
    try:
        file = open(name, "rb", buffering=0, opener=_open_nonblocking)  # noqa: SIM115
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    with file:
        try:
            status = os.fstat(file.fileno())
            if stat.S_ISREG(status.st_mode):  # never slow (O_NONBLOCK does nothing), only large
                if status.st_size > max_bytes:
                    raise InputError(_too_large(name, max_bytes))
                return read_stream(file, name, max_bytes=max_bytes)
            data = read_stream(file, name, max_bytes=max_bytes, wait=WAIT_SECONDS)
        except OSError as exc:
            raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if not data and stat.S_ISFIFO(status.st_mode):
        raise InputError(f"{name}: is a FIFO that nothing was written to")
    return data


def _open_nonblocking(path: str, flags: int) -> int:
    # Opening a FIFO for reading would otherwise wait until a writer opens it.
    return os.open(path, flags | os.O_NONBLOCK)


def read_stream(
    stream: BinaryIO, name: str, *, max_bytes: int = MAX_BYTES, wait: float | None = None
) -> bytes:
    """Every byte of ``stream`` up to its end, read in bounded chunks.

    :param name: the stream's name in messages (a file name, ``<stdin>``).
    :param max_bytes: the most bytes accepted; one more is an error, found before reading on.
    :param wait: for a non-blocking stream, the most seconds to wait for the next chunk.
    :raises InputError: when the stream holds more than ``max_bytes`` or stays silent longer
        than ``wait``.
    """
    chunks: list[bytes] = []
    size = 0
    while True:
        if wait is not None:
            ready, _, _ = select.select([stream], [], [], wait)
            if not ready:
                raise InputError(f"{name}: no data for {wait:g} seconds")
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - size))
        if chunk is None:  # non-blocking and nothing yet: select said it was ready, try again
            continue
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise InputError(_too_large(name, max_bytes))


def _too_large(name: str, max_bytes: int) -> str:
    return f"{name}: larger than {max_bytes} bytes, the most an input may hold (--max-bytes)"
