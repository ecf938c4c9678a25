"""Writing exports where they belong: whole files replaced atomically, stdout writes checked.

:func:`write_atomic` writes a file so that readers see the old one or the whole new one, never a
part. It refuses a target that is not a regular file (a directory, a symlink, a device node, a
FIFO, a socket): renaming over one would replace it by a plain file, and following a symlink
would write somewhere else. It refuses a target that is one of the call's inputs (the same file,
whatever name reaches it), keeps an existing target's permission bits, and removes its temporary
file when the write fails or the process is stopped with SIGINT or SIGTERM.

:func:`write_stdout` writes every byte or says why it could not: a short write, a full disk, a
closed or missing standard output is an :class:`~govreport.errors.OutputError`. A reader that went
away (``govreport parse … | head``) is left as :class:`BrokenPipeError`, which a command line
turns into its quiet exit.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import stat
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import BinaryIO, TextIO

from govreport.errors import OutputError

STDOUT = "<stdout>"
"""How messages name standard output."""

_CHUNK = 1 << 20
"""Most bytes handed to one ``write`` call: a pipe or a terminal takes large writes in parts."""


Data = bytes | bytearray
"""Output as it is written: a large export may come as the bytearray it was built in, which
``bytes()`` would copy whole once more."""


def write_atomic(
    path: str | os.PathLike[str],
    data: Data | Iterable[Data],
    *,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Replace the file at ``path`` by ``data`` in one step.

    :param path: the target; it must be missing or a regular file, not a symlink.
    :param data: the whole new content, or its parts in order, written as they come (so that
        a large export need not be held whole); whatever taking a part raises leaves the
        target as it was.
    :param inputs: the files the call reads; none of them may be the target.
    :raises OutputError: a one-line message naming ``path`` when the target is refused or
        cannot be written. The target is then unchanged and no temporary file is left.
    """
    name = os.fspath(path)
    if not name:
        raise OutputError("the output file name is empty")
    target = Path(name)
    mode = _existing_mode(target, inputs)
    # os.urandom, not secrets: importing secrets (and so OpenSSL) costs ~3 ms of each start-up.
    temporary = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
    with _cleaned_up_on_sigterm():
        try:
            # A new file gets 0o666 less the umask, as any file the user makes; an existing one
            # keeps its bits (fchmod below), so a 0600 output stays private.
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
            descriptor = os.open(temporary, flags, 0o600 if mode is not None else 0o666)
            try:
                if mode is not None:
                    os.fchmod(descriptor, mode)
                _write_all(descriptor, data, name)
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
            os.replace(temporary, target)
        except BaseException as exc:  # an interrupt too: never leave the temporary file
            with contextlib.suppress(OSError):
                temporary.unlink()
            if isinstance(exc, OSError):
                raise OutputError(f"{name}: cannot write: {exc.strerror or exc}") from None
            raise


def _existing_mode(target: Path, inputs: Iterable[str | os.PathLike[str]]) -> int | None:
    """The permission bits of the existing target, or None when there is none.

    :raises OutputError: when the target may not be replaced.
    """
    try:
        status = target.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    if not stat.S_ISREG(status.st_mode):
        raise OutputError(f"{target}: is {_kind(status.st_mode)}, not a regular file; not replaced")
    for item in inputs:
        with contextlib.suppress(OSError):  # an input that is gone cannot be overwritten
            other = os.stat(item)
            if (other.st_dev, other.st_ino) == (status.st_dev, status.st_ino):
                raise OutputError(f"{target}: is an input of this command; not replaced")
    # Set-id bits are not carried over: a rewritten file should not gain rights by being output.
    return stat.S_IMODE(status.st_mode) & 0o777


def _kind(mode: int) -> str:
    """What a file that is not a regular one is, for messages."""
    kinds = (
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((text for test, text in kinds if test(mode)), "a special file")


class _Terminated(BaseException):
    """SIGTERM arrived while a temporary file existed; raised so that cleanup runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise _Terminated(signum)


@contextlib.contextmanager
def _cleaned_up_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into an exception for the block, then die of it as before.

    SIGINT needs nothing: Python raises KeyboardInterrupt already. Signal handlers can only be
    set from the main thread; elsewhere (a worker thread) the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    except _Terminated as exc:
        # The block has removed its temporary file; now end the way SIGTERM would have.
        signal.signal(signal.SIGTERM, previous)
        os.kill(os.getpid(), exc.signum)
        raise SystemExit(128 + exc.signum) from None  # a handler that did not end the process
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_stdout(data: Data) -> None:
    """Write ``data`` to standard output, all of it (see :func:`write_stream`)."""
    write_stream(sys.stdout, data)


def write_stream(stream: TextIO | None, data: Data) -> None:
    """Write ``data`` to ``stream`` (standard output, or what it was before a redirect), all of it.

    Bytes, not text: the output is UTF-8 whatever the locale says stdout's encoding is. Text
    printed before is flushed first so the two stay in order.

    :raises OutputError: when the stream is closed or missing, or a write fails or stops short.
    :raises BrokenPipeError: when the reader of stdout has gone away.
    """
    try:
        if stream is None:  # started with file descriptor 1 closed
            raise ValueError("no standard output")
        stream.flush()
        try:
            descriptor = stream.fileno()
        except io.UnsupportedOperation:  # replaced by an in-memory stream (tests, embedding)
            _write_buffer(stream.buffer, data)
            return
    except BrokenPipeError:
        raise
    except (ValueError, OSError) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else "it is closed"
        raise OutputError(f"{STDOUT}: cannot write: {detail}") from None
    _write_all(descriptor, data, STDOUT)


def _write_buffer(buffer: BinaryIO, data: Data) -> None:
    """Write ``data`` to a stdout that has no file descriptor, checking what it took."""
    count = buffer.write(data)
    buffer.flush()
    if count != len(data):
        raise OutputError(f"{STDOUT}: short write: {count} of {len(data)} bytes written")


def _write_all(descriptor: int, data: Data | Iterable[Data], name: str) -> None:
    """Write every byte of ``data`` (or of its parts, in order) to ``descriptor``, looping over
    partial writes.

    :raises OutputError: when a write fails or writes nothing.
    :raises BrokenPipeError: as it is, for the caller's quiet exit.
    """
    # How much went out, for messages: of how much, when the whole is known.
    total = f" of {len(data)}" if isinstance(data, bytes | bytearray) else ""
    written = 0
    for chunk in _chunks(data):
        view = memoryview(chunk)
        done = 0
        while done < len(view):
            try:
                count = os.write(descriptor, view[done : done + _CHUNK])
            except BrokenPipeError:
                raise
            except OSError as exc:
                raise OutputError(
                    f"{name}: cannot write: {exc.strerror or exc}"
                    f" ({written + done}{total} bytes written)"
                ) from None
            if count <= 0:
                raise OutputError(f"{name}: short write: {written + done}{total} bytes written")
            done += count
        written += done


def _chunks(data: Data | Iterable[Data]) -> Iterator[Data]:
    """``data`` as it is, or its parts gathered into chunks of about :data:`_CHUNK` bytes (an
    export may come in many small parts: one ``write`` each would cost more than the bytes)."""
    if isinstance(data, bytes | bytearray):
        yield data
        return
    gathered = bytearray()
    for part in data:
        if not gathered and len(part) >= _CHUNK:
            yield part
            continue
        gathered += part
        if len(gathered) >= _CHUNK:
            yield gathered
            gathered = bytearray()
    if gathered:
        yield gathered
