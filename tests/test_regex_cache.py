"""The compiled-pattern cache (govreport._regex): what it puts into re's cache equals what
re.compile makes, and no file it cannot use changes anything."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import govreport
from govreport import _regex
from govreport._regex import PatternCache

PATTERNS = (
    "(?P<n>[一二三四五六七八九十]+)[、.．]",  # a class of 3+ CJK runs, a named group
    "水(?:厂|库|利枢纽)?(?<!污水)",
    r"(?i)\bkm²?",  # inline flags
)


@pytest.fixture
def fresh_re() -> Iterator[None]:
    """re's cache emptied for the test and restored after it."""
    saved = dict(re._cache)  # type: ignore[attr-defined]
    re.purge()
    yield
    re.purge()
    re._cache.update(saved)  # type: ignore[attr-defined]


@pytest.fixture
def writing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Saving allowed although the test run sets PYTHONDONTWRITEBYTECODE."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def _compiled_and_saved(path: Path, flags: int = 0) -> None:
    cache = PatternCache(str(path))
    cache.load()
    with cache.keeping():
        for pattern in PATTERNS:
            re.compile(pattern, flags)


@pytest.mark.usefixtures("fresh_re", "writing")
def test_loaded_patterns_equal_compiled_ones(tmp_path: Path) -> None:
    path = tmp_path / "cache.bin"
    _compiled_and_saved(path)
    _compiled_and_saved(path, re.MULTILINE)
    assert path.exists()
    re.purge()
    PatternCache(str(path)).load()
    seeded = dict(re._cache)  # type: ignore[attr-defined]
    assert len(seeded) == 2 * len(PATTERNS)
    for flags in (0, re.MULTILINE):
        for pattern in PATTERNS:
            loaded = re.compile(pattern, flags)
            assert loaded is seeded[str, pattern, flags]  # found, not compiled again
            fresh = _regex.COMPILER.compile(pattern, flags)
            assert loaded == fresh  # equal patterns have equal code
            assert (loaded.flags, loaded.groups, loaded.groupindex) == (
                fresh.flags,
                fresh.groups,
                fresh.groupindex,
            )
    assert re.compile(PATTERNS[0]).match("十二、").group("n") == "十二"


@pytest.mark.usefixtures("fresh_re", "writing")
def test_sources_kept_exactly(tmp_path: Path) -> None:
    """A pattern that JSON does not read back as it was (two lone surrogates, which it joins
    into one character) is left out, never kept under a source of another meaning."""
    path = tmp_path / "cache.bin"
    lone = "[\udbff\udc00]"
    cache = PatternCache(str(path))
    cache.load()
    with cache.keeping():
        re.compile(lone)
        re.compile(PATTERNS[0])
    re.purge()
    PatternCache(str(path)).load()
    assert [key[1] for key in re._cache] == [PATTERNS[0]]  # type: ignore[attr-defined]


@pytest.mark.usefixtures("fresh_re", "writing")
def test_no_write_without_new_patterns(tmp_path: Path) -> None:
    path = tmp_path / "cache.bin"
    _compiled_and_saved(path)
    written = path.stat().st_mtime_ns
    os.utime(path, ns=(0, 0))
    re.purge()
    _compiled_and_saved(path)
    assert path.stat().st_mtime_ns == 0 != written


@pytest.mark.usefixtures("fresh_re")
def test_nothing_written_when_bytecode_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    _compiled_and_saved(tmp_path / "cache.bin")
    assert not (tmp_path / "cache.bin").exists()


@pytest.mark.usefixtures("fresh_re", "writing")
@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data.replace(b"sre cache 1", b"sre cache 9"),  # another format
        lambda data: data.replace(b"(?P<n>", b"(?P<m>"),  # names that do not fit the code
        lambda data: data[:-64] + b"\xff" * 64,  # code words changed
        lambda data: data.replace(b'"crc": ', b'"crc": 1'),  # a CRC that does not fit
        lambda data: data.replace(b"sre cache 1\n{", b"sre cache 1\n["),  # not JSON
    ],
)
def test_damaged_file_is_ignored(tmp_path: Path, damage: object) -> None:
    path = tmp_path / "cache.bin"
    _compiled_and_saved(path)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    re.purge()
    PatternCache(str(path)).load()
    for pattern in PATTERNS:  # whatever was loaded or not, compiling gives the true pattern
        assert re.compile(pattern) == _regex.COMPILER.compile(pattern, 0)


@pytest.mark.usefixtures("fresh_re", "writing")
def test_another_builds_file_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cache.bin"
    monkeypatch.setattr(_regex, "_BUILD", "another Python")
    _compiled_and_saved(path)
    monkeypatch.undo()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    re.purge()
    PatternCache(str(path)).load()
    assert not re._cache  # type: ignore[attr-defined]


@pytest.mark.usefixtures("fresh_re", "writing")
def test_unwritable_folder_is_left_alone(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = PatternCache(str(blocker / "cache.bin"))  # a folder that cannot be made
    cache.load()
    with cache.keeping():
        re.compile(PATTERNS[0])
    assert cache.path is None  # tried once, then not again


@pytest.mark.usefixtures("fresh_re", "writing")
def test_written_once_a_process(tmp_path: Path) -> None:
    path = tmp_path / "cache.bin"
    cache = PatternCache(str(path))
    cache.load()
    with cache.keeping():
        re.compile(PATTERNS[0])
    with cache.keeping():  # a second host with patterns of its own
        re.compile(PATTERNS[1])
    re.purge()
    PatternCache(str(path)).load()
    assert [key[1] for key in re._cache] == [PATTERNS[0]]  # type: ignore[attr-defined]


def test_cache_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(_regex.CACHE_DIR_VARIABLE, str(tmp_path))
    path = _regex.cache_path()
    assert path is not None
    assert Path(path).parent == tmp_path
    assert sys.implementation.cache_tag in Path(path).name
    monkeypatch.setenv(_regex.CACHE_DIR_VARIABLE, "")
    assert _regex.cache_path() is None


def test_host_patterns_come_from_the_cache(tmp_path: Path) -> None:
    """Two processes: the first writes the cache, the second parses from it, to the same JSON,
    with every pattern of import and host build found in the file."""
    example = Path(govreport.__file__).parent / "examples" / "water-bureau-2023.txt"
    script = (
        "import re, sys, govreport\n"
        "from govreport._regex import PATTERN_CACHE as cache\n"
        "report = govreport.parse_file(sys.argv[1])\n"
        "cache.collect()\n"
        "sys.stderr.write(str(len(cache._compiled)) + ' ' + str(len(cache._stored)))\n"
        "sys.stdout.write(govreport.dumps(report))\n"
    )
    env = {**os.environ, _regex.CACHE_DIR_VARIABLE: str(tmp_path)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = [
        subprocess.run(
            [sys.executable, "-c", script, str(example)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        for _ in range(2)
    ]
    assert runs[0].stdout == runs[1].stdout
    compiled, stored = map(int, runs[1].stderr.split())
    assert stored > 100
    assert compiled <= 10  # only what the first parse compiles is not kept
    assert len(list(tmp_path.iterdir())) == 1
