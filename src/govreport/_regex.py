"""The standard library's regular-expression internals, as govreport uses them.

Private to govreport: the marker index and the vocabulary extractor read parse trees
(:data:`PARSER`), and :data:`PATTERN_CACHE` keeps compiled patterns between processes.

Compiling govreport's patterns is most of its start-up: sre parses and compiles them in Python,
about 140 ms of CPU for the 190 patterns of import and host build. What sre makes of a pattern
is a list of integers, a function of the pattern, its flags and the Python build alone, and
``_sre.compile`` turns that list back into the pattern in microseconds. So the lists are kept in
a file per Python build (:func:`cache_path`), read when govreport is imported and put into
``re``'s own cache, where ``re.compile`` finds them; a pattern whose source or flags changed
is simply not found and compiled as usual. The file is written, the way Python writes bytecode,
only when a pattern compiled during import or a host build (:meth:`PatternCache.keeping`) is
not in it yet, and never when ``sys.dont_write_bytecode`` is set. An unreadable, foreign or
damaged file is ignored: the cache can make start-up slow, never a parse different.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import re
import sys
import zlib
from array import array
from collections.abc import Iterator
from typing import Any

_sre: Any = importlib.import_module("_sre")
try:  # re._parser and re._compiler since Python 3.11, sre_parse and sre_compile before
    PARSER: Any = importlib.import_module("re._parser")
    COMPILER: Any = importlib.import_module("re._compiler")
except ImportError:  # pragma: no cover - Python 3.10
    PARSER = importlib.import_module("sre_parse")
    COMPILER = importlib.import_module("sre_compile")

CACHE_DIR_VARIABLE = "GOVREPORT_CACHE_DIR"
"""Environment variable naming the folder govreport keeps caches in; empty: keep none."""

_FORMAT = b"govreport sre cache 1\n"
_BUILD = repr(
    (
        *(sys.version, sys.implementation.name, sys.byteorder, sys.maxunicode),
        *(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS),
    )
)
"""Everything sre's output depends on besides the pattern and its flags."""
_UNCACHED_FLAGS = re.DEBUG | re.LOCALE
"""re does not cache DEBUG patterns; LOCALE ones are left to it too."""
_MAX_ENTRIES = 512
"""At most this many patterns are kept (re's own cache holds 512), the newest."""
_CODE = next(code for code in "IL" if array(code).itemsize == _sre.CODESIZE)
"""The array type code of one sre code word."""
_RE_CACHE: dict[Any, Any] = getattr(re, "_cache", {})
"""re's own cache, keyed by (type, pattern, flags); an inert dict where re has none."""

_Key = tuple[str, int]
"""A pattern and the flags it was compiled with (as re's cache keys them, less the type)."""
_Entry = tuple[int, int, dict[str, int], "array[int]"]
"""What sre made of a pattern: its flags, number of groups, group index and code."""


def cache_path() -> str | None:
    """The cache file for this Python build, or None when there is no folder to keep it in.

    The folder is ``$GOVREPORT_CACHE_DIR``, else the user's cache folder (``$XDG_CACHE_HOME``
    or ``~/.cache``, ``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%`` on Windows) + ``govreport``.
    """
    folder = os.environ.get(CACHE_DIR_VARIABLE)
    if folder is None:
        if sys.platform == "win32":
            base = os.environ.get("LOCALAPPDATA", "")
        elif sys.platform == "darwin":
            base = os.path.expanduser("~/Library/Caches")
        else:
            base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
        if not os.path.isabs(base):  # no home to expand ~ into
            return None
        folder = os.path.join(base, "govreport")
    if not folder:
        return None
    build = zlib.crc32(_BUILD.encode())
    return os.path.join(folder, f"sre-{sys.implementation.cache_tag}-{build:08x}.bin")


class PatternCache:
    """Compiled patterns kept in a file (``path``; None: kept nowhere), put into re's cache.

    :param path: the cache file (:func:`cache_path`).
    """

    def __init__(self, path: str | None) -> None:
        self.path = path
        """The cache file; None when there is none, or once this process has had its one
        attempt at writing it (:meth:`save`)."""
        self._stored: dict[_Key, _Entry] = {}
        """What the file holds: flags, groups, group index and code of each pattern."""
        self._compiled: dict[_Key, None] = {}
        """Patterns noted by :meth:`collect`, in order (a dict as an ordered set)."""
        self._before: set[Any] = set()

    def load(self) -> None:
        """Read the file and put its patterns into re's cache; :meth:`collect` notes what follows."""
        try:
            self._stored = _read(self.path) if self.path is not None else {}
            for (source, flags), (pattern_flags, groups, groupindex, code) in self._stored.items():
                compiled = _built(source, pattern_flags, groups, groupindex, code.tolist())
                _RE_CACHE.setdefault((str, source, flags), compiled)
        except Exception:  # a cache must never stop an import: compile as if there were none
            self._stored = {}
        self._before = set(_RE_CACHE)

    def collect(self) -> None:
        """Note the patterns compiled since :meth:`load` or the last :meth:`collect`."""
        if self.path is None:
            return
        now = set(_RE_CACHE)
        for kind, source, flags in now - self._before:
            if kind is str and not flags & _UNCACHED_FLAGS and (source, flags) not in self._stored:
                self._compiled[source, flags] = None
        self._before = now

    @contextlib.contextmanager
    def keeping(self) -> Iterator[None]:
        """Keep the patterns compiled inside the ``with`` block: :meth:`save` them at its end."""
        self._before = set(_RE_CACHE)
        try:
            yield
        finally:
            self.collect()
            self.save()

    def save(self) -> None:
        """Write the file again when patterns noted by :meth:`collect` are not in it yet.

        Once a process: start-up is what the file is for, and a process that builds host after
        host with patterns of its own (a fuzzer's random vocabularies) must not rewrite it each
        time. Nor is a read-only or full disk tried again.
        """
        new = [key for key in self._compiled if key not in self._stored]
        self._compiled.clear()
        if not new or self.path is None:
            return
        path, self.path = self.path, None  # one attempt a process
        if sys.dont_write_bytecode:
            return
        entries = dict(self._stored)
        for key in new:
            entry = _entry(*key)
            if entry is not None:
                entries[key] = entry
        with contextlib.suppress(OSError):  # a read-only or full disk: compile as before
            _write(path, dict(list(entries.items())[-_MAX_ENTRIES:]))


def _built(
    source: str, flags: int, groups: int, groupindex: dict[str, int], code: list[int]
) -> re.Pattern[str]:
    """The pattern of ``source`` from what sre compiled it to, as ``re._compiler`` makes it."""
    indexgroup: list[str | None] = [None] * groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    pattern: re.Pattern[str] = _sre.compile(
        source, flags, code, groups - 1, groupindex, tuple(indexgroup)
    )
    return pattern


def _entry(source: str, flags: int) -> _Entry | None:
    """What sre makes of ``source``: its flags, groups, group index and code; None unless
    building it from them gives the pattern re.compile gave (equal patterns have equal code;
    the groups are compared apart, as pattern equality leaves them out)."""
    try:
        parsed = PARSER.parse(source, flags)
        code = COMPILER._code(parsed, flags)
        state = parsed.state
        entry = (flags | state.flags, state.groups, dict(state.groupdict), array(_CODE, code))
        rebuilt = _built(source, entry[0], state.groups, entry[2], code)
    except Exception:  # sre internals other than these: leave the pattern out
        return None
    compiled = re.compile(source, flags)
    same = (rebuilt.groups, rebuilt.groupindex) == (compiled.groups, compiled.groupindex)
    return entry if same and rebuilt == compiled else None


def _read(path: str) -> dict[_Key, _Entry]:
    """The entries of the cache file at ``path``; none when it is missing, not this build's or
    damaged (its code's CRC differs)."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return {}
    if not data.startswith(_FORMAT):
        return {}
    header_end = data.index(b"\n", len(_FORMAT))
    header = json.loads(data[len(_FORMAT) : header_end])
    code = data[header_end + 1 :]
    if header["build"] != _BUILD or header["crc"] != zlib.crc32(code):
        return {}
    words = array(_CODE)
    words.frombytes(code)
    return {
        (source, flags): (pattern_flags, groups, groupindex, words[start:end])
        for source, flags, pattern_flags, groups, groupindex, start, end in header["patterns"]
    }


def _write(path: str, entries: dict[_Key, _Entry]) -> None:
    """Write ``entries`` to ``path`` at once (a temporary file renamed over it)."""
    words = array(_CODE)
    patterns = []
    for (source, flags), (pattern_flags, groups, groupindex, code) in entries.items():
        if json.loads(json.dumps(source)) != source:
            continue  # lone surrogates that JSON would read back as one character: not kept
        start = len(words)
        words.extend(code)
        patterns.append([source, flags, pattern_flags, groups, groupindex, start, len(words)])
    blob = words.tobytes()
    header = json.dumps({"build": _BUILD, "crc": zlib.crc32(blob), "patterns": patterns})
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        with open(temporary, "wb") as file:
            file.write(_FORMAT + header.encode() + b"\n" + blob)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            os.remove(temporary)


PATTERN_CACHE = PatternCache(cache_path())
"""The cache of this process, loaded when govreport is imported (``govreport/__init__.py``)."""
PATTERN_CACHE.load()
