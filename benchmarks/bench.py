#!/usr/bin/env python3
"""Benchmark harness: govreport's parse plus JSON (and the parse alone) against its peers, per
report; scaling, peak memory, import time and the whole ``govreport parse --example`` process.

Run it from any directory with a Python that has govreport, the govreport-water and
govreport-party plugins and the ``bench`` extra installed::

    python benchmarks/bench.py                  # the full run (takes a few minutes)
    python benchmarks/bench.py --quick          # fewer runs, no 10 MB size
    python benchmarks/bench.py --check          # exit 1 when a target fails
    python benchmarks/bench.py --sizes 100KB,2MB
    python benchmarks/bench.py --profile        # pyinstrument profile of the parse, no benchmark

It is a script, not a test suite: pytest never collects it (testpaths are ``tests`` and
``plugins``). docs/performance.md describes the method and holds the latest table.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import itertools
import json
import logging
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
"""The repository root."""
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
"""The team's corpus, used when it exists."""
FALLBACK_CORPUS = REPO / "tests" / "data"
"""The corpus copy inside the repository, used when ../shared is absent."""
REQUIRED_VOCABULARIES = ("party", "water")
"""Vocabularies a full parse must have loaded (from govreport-party and govreport-water)."""

DEFAULT_SIZES = "100KB,1MB,10MB"
QUICK_SIZES = "100KB,1MB"
SCALING_BASE = 100_000
"""The size (UTF-8 bytes) the scaling target compares against."""
SCALING_TOP = 10_000_000
"""The size (UTF-8 bytes) the scaling and memory targets are about."""

MIN_RATIO = {"chinese2digits": 2.0, "cn2an": 3.0, "recognizers": 100.0}
"""Peer key → the least ratio, parse plus JSON per report against the peer, the targets ask for."""
MIN_PARSE_CHARS_PER_S = 3_500_000
"""The parse alone must read at least this many characters a second on the corpus."""
MAX_SCALING = 1.25
"""Time per character at 10 MB may be at most this multiple of that at 100 KB (parse + JSON)."""
MAX_MEMORY_FACTOR = 15.0
"""Peak memory of the 10 MB parse written as JSON must stay below this multiple of the input's
UTF-8 bytes."""
MAX_IMPORT_MS = 150.0
"""``import govreport`` must take less than this many milliseconds."""
MAX_EXAMPLE_MS = 300.0
"""The whole process ``govreport parse --example`` must take at most this many milliseconds."""

Runner = Callable[[str], int | None]
"""Processes one text; returns how many items it found, or None when that is not countable."""


# -- corpus ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    """The benchmark texts, decoded."""

    directory: Path
    texts: tuple[tuple[str, str], ...]
    """(file name, text) pairs, sorted by name."""

    @property
    def chars(self) -> int:
        """Code points in all texts (what the throughputs count)."""
        return sum(len(text) for _, text in self.texts)

    @property
    def nbytes(self) -> int:
        """UTF-8 bytes of all texts."""
        return sum(len(text.encode("utf-8")) for _, text in self.texts)


def load_corpus(directory: Path | None) -> Corpus:
    """Read every ``*.txt`` of ``directory`` (default: ../shared/corpus, else tests/data)."""
    if directory is None:
        directory = SHARED_CORPUS if SHARED_CORPUS.is_dir() else FALLBACK_CORPUS
    paths = sorted(directory.glob("*.txt"))
    if not paths:
        raise SystemExit(f"bench: no *.txt files in {directory}")
    return Corpus(directory, tuple((p.name, p.read_text(encoding="utf-8")) for p in paths))


def scaled_text(corpus: Corpus, target_bytes: int) -> str:
    """The corpus texts repeated line by line up to ``target_bytes`` UTF-8 bytes.

    The texts' lines are interleaved (one line of each text in turn), so every size holds the
    same mix of report kinds: taken in file order, 100 KB would be nearly all of the work
    report, whose numbers are sparser than the bulletins', and sizes would compare content
    rather than scaling. Whole lines are taken until the next one would pass the target, so
    the text is at most ``target_bytes`` long and never ends in the middle of a line. It is
    built with a single ``str.join`` so that no temporary copy of it raises the process's
    memory high-water mark.
    """
    per_text = [text.splitlines(keepends=True) for _, text in corpus.texts]
    lines = [
        line if line.endswith(("\n", "\r")) else line + "\n"
        for row in itertools.zip_longest(*per_text)
        for line in row
        if line is not None
    ]
    sizes = [len(line.encode("utf-8")) for line in lines]
    pieces: list[str] = []
    total = 0
    while True:
        for line, size in zip(lines, sizes, strict=True):
            if total + size > target_bytes:
                return "".join(pieces)
            pieces.append(line)
            total += size


def parse_size(spec: str) -> int:
    """``100KB`` → 100000 bytes; KB/MB/GB are decimal, KiB/MiB/GiB binary, a bare number bytes."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]i?B?)?\s*", spec, flags=re.IGNORECASE)
    if match is None:
        raise argparse.ArgumentTypeError(f"not a size: {spec!r} (try 100KB, 1MB, 10MB)")
    number, unit = float(match[1]), (match[2] or "").upper()
    base = 1024 if "I" in unit else 1000
    power = {"": 0, "K": 1, "M": 2, "G": 3}[unit[:1]]
    return int(number * base**power)


def format_size(nbytes: int) -> str:
    """100000 → ``100 KB``, 10000000 → ``10 MB`` (decimal units, as :func:`parse_size`)."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if nbytes >= scale:
            return f"{nbytes / scale:g} {unit}"
    return f"{nbytes} B"


# -- the tools ------------------------------------------------------------------------------


class NotInstalledError(Exception):
    """A peer's package cannot be imported."""


@dataclass(frozen=True)
class Tool:
    """One contender: govreport or a peer."""

    key: str
    """Identifier, as in :data:`MIN_RATIO`."""
    name: str
    """Name in the target lines."""
    label: str
    """The call that is timed."""
    scope: str
    """What it does with the text."""
    setup: Callable[[], Runner]
    """Imports the package and builds what is reused (untimed); returns the timed runner."""


def _host() -> object:
    """One plugin host for all texts, as ``govreport parse a.txt b.txt …`` does; it must have
    the water and party vocabularies (else this would not be the full parse)."""
    import govreport  # noqa: PLC0415 - imported where it is measured

    host = govreport.PluginHost()
    missing = set(REQUIRED_VOCABULARIES) - {v.name for v in host.vocabularies}
    if missing:
        raise SystemExit(
            f"bench: vocabularies {sorted(missing)} are not loaded, so this would not be the full "
            "parse: pip install -e plugins/govreport-water -e plugins/govreport-party"
        )
    return host


def _setup_govreport() -> Runner:
    """The path ``govreport parse`` takes: the parse, then the report as contract JSON."""
    import govreport  # noqa: PLC0415 - imported where it is measured

    host = _host()

    def run(text: str) -> int:
        report = govreport.parse(text, host=host)  # type: ignore[arg-type]
        govreport.dumps(report)
        return len(report.mentions)

    return run


def _setup_govreport_to_file(folder: Path) -> Runner:
    """The path ``govreport parse FILE -o OUT.json`` takes: the parse, then the JSON written to
    a file in ``folder`` piece by piece (``govreport.dump``), never held whole."""
    import govreport  # noqa: PLC0415 - imported where it is measured

    host = _host()
    target = folder / "out.json"

    def run(text: str) -> int:
        report = govreport.parse(text, host=host)  # type: ignore[arg-type]
        govreport.dump(report, target)
        return len(report.mentions)

    return run


def _setup_govreport_parse() -> Runner:
    """The parse alone: the report, not written."""
    import govreport  # noqa: PLC0415 - imported where it is measured

    host = _host()

    def run(text: str) -> int:
        return len(govreport.parse(text, host=host).mentions)  # type: ignore[arg-type]

    return run


def _setup_chinese2digits() -> Runner:
    """``chinese2digits.takeNumberFromString``: finds and converts numerals."""
    try:
        import chinese2digits  # noqa: PLC0415 - optional peer
    except ImportError as exc:
        raise NotInstalledError(str(exc)) from exc

    def run(text: str) -> int:
        result = chinese2digits.takeNumberFromString(text)
        return len(result["digitsStringList"])

    return run


def _setup_cn2an() -> Runner:
    """``cn2an.transform`` in its Chinese-to-Arabic direction: rewrites numerals in the text."""
    try:
        import cn2an  # noqa: PLC0415 - optional peer
    except ImportError as exc:
        raise NotInstalledError(str(exc)) from exc

    def run(text: str) -> None:
        cn2an.transform(text, "cn2an")

    return run


def _setup_jionlp() -> Runner:
    """JioNLP's money and time extractors, one after the other."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
            import jionlp  # noqa: PLC0415 - optional peer
    except ImportError as exc:
        raise NotInstalledError(str(exc)) from exc
    extract_money, extract_time = jionlp.ner.extract_money, jionlp.ner.extract_time
    time_base = time.mktime((2024, 1, 1, 0, 0, 0, 0, 1, -1))  # fixed, for repeatable output

    def run(text: str) -> int:
        money = extract_money(text)
        times = extract_time(text, time_base=time_base)
        return len(money) + len(times)

    return run


def _setup_recognizers() -> Runner:
    """Recognizers-Text's Chinese number-with-unit models, built once."""
    try:
        from recognizers_number_with_unit import (  # noqa: PLC0415 - optional peer
            NumberWithUnitRecognizer,
        )
        from recognizers_text import Culture  # noqa: PLC0415 - optional peer
    except ImportError as exc:
        raise NotInstalledError(str(exc)) from exc
    recognizer = NumberWithUnitRecognizer(Culture.Chinese)
    models = (
        recognizer.get_currency_model(),
        recognizer.get_dimension_model(),
        recognizer.get_temperature_model(),
        recognizer.get_age_model(),
    )

    def run(text: str) -> int:
        return sum(len(model.parse(text)) for model in models)

    return run


TOOLS: tuple[Tool, ...] = (
    Tool(
        "govreport",
        "govreport",
        "govreport.dumps(govreport.parse(text))",
        "outline + all mentions (water and party vocabularies loaded), written as JSON",
        _setup_govreport,
    ),
    Tool(
        "govreport-parse",
        "govreport parse alone",
        "govreport.parse",
        "the same, not written",
        _setup_govreport_parse,
    ),
    Tool(
        "chinese2digits",
        "chinese2digits",
        "chinese2digits.takeNumberFromString",
        "numerals only",
        _setup_chinese2digits,
    ),
    Tool(
        "cn2an",
        "cn2an transform",
        "cn2an.transform(text, 'cn2an')",
        "numerals only",
        _setup_cn2an,
    ),
    Tool(
        "jionlp",
        "JioNLP",
        "jionlp.ner.extract_money + extract_time",
        "money and time expressions",
        _setup_jionlp,
    ),
    Tool(
        "recognizers",
        "Recognizers-Text",
        "Recognizers-Text number-with-unit, Culture.Chinese",
        "currency + dimension + temperature + age models",
        _setup_recognizers,
    ),
)


@contextlib.contextmanager
def quiet_peers() -> Iterator[None]:
    """Silence the warnings and log lines some peers emit per text (cn2an warns on stray
    numerals, JioNLP logs a traceback for every time expression it cannot parse), so that
    terminal output is not part of what is timed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.disable(logging.CRITICAL)
        try:
            yield
        finally:
            logging.disable(logging.NOTSET)


@dataclass
class Throughput:
    """The timings of one tool on the corpus."""

    key: str
    name: str
    label: str
    scope: str
    status: str = "ok"
    """``ok``, ``not installed`` or ``failed``."""
    detail: str = ""
    """Why it was skipped."""
    seconds: list[float] = field(default_factory=list)
    """Wall time of each timed pass over the whole corpus."""
    found: int | None = None
    """Items returned over the corpus (mentions, numbers, entities), when countable."""
    chars: int = 0
    per_text: list[list[float]] = field(default_factory=list)
    """For each corpus text, the wall time it took in each timed pass."""

    @property
    def median(self) -> float:
        """Median seconds per pass."""
        return statistics.median(self.seconds)

    @property
    def chars_per_s(self) -> float:
        """Characters (code points) per second, from the median pass."""
        return self.chars / self.median


def one_pass(run: Runner, texts: Sequence[str]) -> tuple[list[float], int | None]:
    """Run over each text (one document at a time); each text's wall time and the items found."""
    elapsed: list[float] = []
    found: int | None = 0
    for text in texts:
        start = time.perf_counter()
        count = run(text)
        elapsed.append(time.perf_counter() - start)
        found = None if count is None or found is None else found + count
    return elapsed, found


def measure_throughput(
    corpus: Corpus, tools: Sequence[Tool], *, repeat: int, warmup: int, log: Callable[[str], None]
) -> list[Throughput]:
    """Time every tool on the corpus: warm-up passes, then ``repeat`` passes taken round-robin
    (govreport, peer 1, peer 2, … then again) so that drifts in machine speed hit all alike."""
    texts = [text for _, text in corpus.texts]
    results: list[Throughput] = []
    runners: list[tuple[Throughput, Runner]] = []
    for tool in tools:
        result = Throughput(tool.key, tool.name, tool.label, tool.scope, chars=corpus.chars)
        results.append(result)
        try:
            with quiet_peers():
                run = tool.setup()
                for _ in range(max(1, warmup)):
                    _, result.found = one_pass(run, texts)
        except NotInstalledError as exc:
            result.status, result.detail = "not installed", str(exc)
            log(f"  {tool.key}: not installed ({exc}), skipped")
            continue
        except Exception as exc:
            result.status, result.detail = "failed", f"{type(exc).__name__}: {exc}"
            log(f"  {tool.key}: failed ({result.detail}), skipped")
            continue
        runners.append((result, run))
    for round_ in range(repeat):
        for result, run in runners:
            gc.collect()
            with quiet_peers():
                seconds, _ = one_pass(run, texts)
            result.seconds.append(sum(seconds))
            if not result.per_text:
                result.per_text = [[] for _ in texts]
            for timings, elapsed in zip(result.per_text, seconds, strict=True):
                timings.append(elapsed)
        log(f"  round {round_ + 1}/{repeat} done")
    return results


# -- scaling and peak memory (one fresh subprocess per size) ----------------------------------


@dataclass
class Scale:
    """One size of the scaling run, measured in its own process."""

    target_bytes: int
    nbytes: int = 0
    chars: int = 0
    seconds: list[float] = field(default_factory=list)
    rss_peak: int | None = None
    """Resident-set growth of the process during the parse, in bytes (Linux: VmHWM − VmRSS)."""
    traced_peak: int = 0
    """tracemalloc's peak of Python allocations during the parse, in bytes."""
    error: str = ""

    @property
    def median(self) -> float:
        """Median seconds per parse."""
        return statistics.median(self.seconds)

    @property
    def us_per_char(self) -> float:
        """Microseconds per character, from the median parse."""
        return self.median / self.chars * 1e6

    @property
    def peak(self) -> int:
        """The larger of the two peak-memory measures, in bytes."""
        return max(self.rss_peak or 0, self.traced_peak)


def _proc_status_kib(field_name: str) -> int | None:
    """A ``kB`` field of /proc/self/status (Linux), in KiB; None where there is no such file."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _meminfo_kib(field_name: str) -> int | None:
    """A ``kB`` field of /proc/meminfo (Linux), in KiB."""
    with contextlib.suppress(OSError), open("/proc/meminfo", encoding="ascii") as meminfo:
        for line in meminfo:
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    return None


def _reset_high_water_mark() -> bool:
    """Reset the kernel's peak-RSS counter (VmHWM) to the current RSS; False where unsupported."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear_refs:
            clear_refs.write("5")
    except OSError:
        return False
    return True


def scale_worker(corpus_dir: Path, target_bytes: int) -> Scale:
    """Measure the peak memory of one size (run inside a fresh interpreter by
    :func:`measure_scaling`); the path is parse + JSON to a file, as ``govreport parse FILE -o
    OUT.json`` takes (:func:`_setup_govreport_to_file`).

    1. import govreport, build the plugin host, parse and write each corpus text once
       (warm-up: regex compilation, lazy imports and caches are paid before measuring);
    2. build the scaled text, collect garbage;
    3. peak RSS: reset the kernel's high-water mark, parse and write, read VmHWM − RSS before;
    4. peak traced: drop that report, start tracemalloc, parse and write, read its peak, stop.
    """
    corpus = load_corpus(corpus_dir)
    with tempfile.TemporaryDirectory() as folder:
        run = _setup_govreport_to_file(Path(folder))
        for _, text in corpus.texts:
            run(text)
        big = scaled_text(corpus, target_bytes)
        scale = Scale(target_bytes, nbytes=len(big.encode("utf-8")), chars=len(big))

        gc.collect()
        before = _proc_status_kib("VmRSS")
        if before is not None and _reset_high_water_mark():
            run(big)
            after = _proc_status_kib("VmHWM")
            scale.rss_peak = None if after is None else (after - before) * 1024
        gc.collect()

        tracemalloc.start()
        run(big)
        scale.traced_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return scale


def time_sizes(
    corpus: Corpus, scales: Sequence[Scale], *, repeat: int, log: Callable[[str], None]
) -> None:
    """Time parse + JSON at every size in this process, interleaved: each round parses and
    writes every size once, smallest first, so that a change in machine speed hits all sizes
    alike; ``repeat`` rounds, each wall time kept in its :class:`Scale`."""
    run = _setup_govreport()
    for _, text in corpus.texts:
        run(text)
    texts = [scaled_text(corpus, scale.target_bytes) for scale in scales]
    for round_ in range(repeat):
        for scale, text in zip(scales, texts, strict=True):
            gc.collect()
            start = time.perf_counter()
            run(text)
            scale.seconds.append(time.perf_counter() - start)
        log(f"  round {round_ + 1}/{repeat} done")


def measure_scaling(
    corpus: Corpus, sizes: Sequence[int], *, repeat: int, log: Callable[[str], None]
) -> list[Scale]:
    """Peak memory of each size in a fresh subprocess of this interpreter (:func:`scale_worker`),
    then the times of all sizes, interleaved (:func:`time_sizes`)."""
    results: list[Scale] = []
    for size in sizes:
        log(f"  {format_size(size)} …")
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--scale-worker",
            str(size),
            "--corpus",
            str(corpus.directory),
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
            results.append(Scale(size, error=f"worker exited {done.returncode}: {tail}"))
            log(f"  {format_size(size)}: {results[-1].error}")
            continue
        data = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(Scale(**data))
    measured = [scale for scale in results if not scale.error]
    log(f"  times, interleaved: {repeat} rounds of {len(measured)} sizes")
    time_sizes(corpus, measured, repeat=repeat, log=log)
    return results


# -- import time ------------------------------------------------------------------------------


@dataclass
class ImportTime:
    """Cost of ``import govreport`` and of ``govreport parse --example``, in fresh interpreters."""

    wall_ms: float
    """Median wall time of ``python -c 'import govreport'`` minus that of ``python -c pass``."""
    importtime_ms: float | None
    """Median cumulative time python -X importtime reports for the govreport package."""
    runs: int
    example_ms: float = 0.0
    """Median wall time of the whole process ``python -m govreport parse --example``."""
    example_cpu_ms: float = 0.0
    """Median CPU time (user + system) of that process: less disturbed by a busy machine."""


def _wall(command: Sequence[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _importtime_us(python: str, cwd: str) -> float | None:
    """Cumulative microseconds ``-X importtime`` reports for the govreport package."""
    done = subprocess.run(
        [python, "-X", "importtime", "-c", "import govreport"],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
    )
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2].strip() == "govreport":
            return float(parts[1])
    return None


def measure_import(runs: int) -> ImportTime:
    """Time ``import govreport`` and ``govreport parse --example`` in fresh subprocesses: one
    untimed run of each first (so bytecode is cached), then ``runs`` rounds of every command,
    interleaved; medians, as for every other figure."""
    python = sys.executable
    cwd = tempfile.gettempdir()  # nothing in the working directory can shadow the package
    bare = [python, "-c", "pass"]
    full = [python, "-c", "import govreport"]
    example = [python, "-m", "govreport", "parse", "--example"]
    subprocess.run(full, check=True, cwd=cwd)
    subprocess.run(example, check=True, cwd=cwd, stdout=subprocess.DEVNULL)
    bare_s: list[float] = []
    full_s: list[float] = []
    example_s: list[tuple[float, float]] = []
    cumulative: list[float] = []
    for _ in range(runs):
        bare_s.append(_wall(bare)[0])
        full_s.append(_wall(full)[0])
        example_s.append(_wall(example))
        us = _importtime_us(python, cwd)
        if us is not None:
            cumulative.append(us)
    return ImportTime(
        wall_ms=(statistics.median(full_s) - statistics.median(bare_s)) * 1000,
        importtime_ms=statistics.median(cumulative) / 1000 if cumulative else None,
        runs=runs,
        example_ms=statistics.median(wall for wall, _ in example_s) * 1000,
        example_cpu_ms=statistics.median(cpu for _, cpu in example_s) * 1000,
    )


# -- report -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """One target and whether this run meets it."""

    target: str
    status: str
    """``PASS``, ``FAIL`` or ``SKIP``."""
    measured: str


def machine_lines() -> list[str]:
    """The CPU, core count, OS and Python this run is on."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    total_kib = _meminfo_kib("MemTotal")
    if total_kib is not None:
        memory = f", {total_kib / 2**20:.0f} GiB memory"
    import govreport  # noqa: PLC0415 - its version, once the benchmark has it imported

    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical CPUs{memory}; "
        f"{platform.system()} {platform.release()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}),"
        f" govreport {govreport.__version__}",
    ]


def _plural(count: int, one: str, many: str) -> str:
    """``1 pass``, ``5 passes``."""
    return f"{count} {one if count == 1 else many}"


def _number(value: float) -> str:
    """A rate with thousands separators."""
    return f"{value:,.0f}"


def _ratio(value: float) -> str:
    """A ratio with two decimals, or none from 100 on."""
    return f"{value:,.2f}×" if value < 100 else f"{value:,.0f}×"


def per_report_ratios(gov: Throughput, peer: Throughput) -> list[float]:
    """For each corpus text, the peer's median time on it ÷ govreport's: how many times faster
    govreport is on that report, at its real size."""
    return [
        statistics.median(theirs) / statistics.median(ours)
        for ours, theirs in zip(gov.per_text, peer.per_text, strict=True)
    ]


def throughput_table(results: Sequence[Throughput]) -> list[str]:
    """The peers table, as Markdown: per-report ratios first (the headline), the whole corpus
    beside, for parse + JSON and for the parse alone."""
    gov = next(r for r in results if r.key == "govreport")
    alone = next(r for r in results if r.key == "govreport-parse")
    lines = [
        "| tool | what it does | found | chars/s, whole corpus | parse + JSON ÷ tool, per "
        "report: median (range) | … whole corpus | parse alone ÷ tool, per report |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        found = "—" if r.found is None else f"{r.found:,}"
        if r.status != "ok":
            lines.append(f"| {r.label} | {r.scope} | — | {r.status} | — | — | — |")
            continue
        ratios = per_report_ratios(gov, r)
        spread = (
            f"{_ratio(statistics.median(ratios))} ({_ratio(min(ratios))}–{_ratio(max(ratios))})"
        )
        whole = gov.chars_per_s / r.chars_per_s
        by_parse = statistics.median(per_report_ratios(alone, r))
        lines.append(
            f"| {r.label} | {r.scope} | {found} | {_number(r.chars_per_s)} | {spread} "
            f"| {_ratio(whole)} | {_ratio(by_parse)} |"
        )
    return lines


def per_text_table(corpus: Corpus, results: Sequence[Throughput]) -> list[str]:
    """Characters per second on each corpus text (median of its timed passes), as Markdown."""
    measured = [r for r in results if r.status == "ok"]
    lines = [
        "| text | chars | " + " | ".join(r.name for r in measured) + " |",
        "| --- | ---: |" + " ---: |" * len(measured),
    ]
    for index, (name, text) in enumerate(corpus.texts):
        rates = [len(text) / statistics.median(r.per_text[index]) for r in measured]
        lines.append(f"| {name} | {len(text):,} | " + " | ".join(map(_number, rates)) + " |")
    return lines


def scaling_table(results: Sequence[Scale]) -> list[str]:
    """The scaling and memory table, as Markdown."""
    lines = [
        "| size | chars | s, parse + JSON (median) | µs/char | vs smallest | peak RSS growth "
        "| peak traced | peak ÷ input bytes |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    measured = [s for s in results if not s.error]
    base = measured[0].us_per_char if measured else 0.0
    for s in results:
        if s.error:
            lines.append(f"| {format_size(s.target_bytes)} | — | {s.error} | | | | | |")
            continue
        rss = "—" if s.rss_peak is None else f"{s.rss_peak / 1e6:,.1f} MB"
        lines.append(
            f"| {format_size(s.target_bytes)} | {s.chars:,} | {s.median:.3f} "
            f"| {s.us_per_char:.3f} | {s.us_per_char / base:.2f}× | {rss} "
            f"| {s.traced_peak / 1e6:,.1f} MB | {s.peak / s.nbytes:.2f}× |"
        )
    return lines


def verdicts(
    throughput: Sequence[Throughput], scaling: Sequence[Scale], imported: ImportTime | None
) -> list[Verdict]:
    """Check every target of the issue against this run."""
    out: list[Verdict] = []
    by_key = {r.key: r for r in throughput}
    gov = by_key.get("govreport")
    for key, least in MIN_RATIO.items():
        peer = by_key.get(key)
        name = f"parse + JSON ≥ {least:g}× {peer.name if peer else key}, per report"
        if gov is None or peer is None or gov.status != "ok":
            out.append(Verdict(name, "SKIP", "not measured"))
        elif peer.status != "ok":
            out.append(Verdict(name, "SKIP", f"{peer.name} {peer.status}"))
        else:
            ratios = per_report_ratios(gov, peer)
            ratio = statistics.median(ratios)
            out.append(
                Verdict(
                    name,
                    "PASS" if ratio >= least else "FAIL",
                    f"{ratio:,.2f}× median of {len(ratios)} reports "
                    f"({min(ratios):,.2f}–{max(ratios):,.2f}×; whole corpus "
                    f"{gov.chars_per_s / peer.chars_per_s:,.2f}×)",
                )
            )
    alone = by_key.get("govreport-parse")
    name = f"parse alone ≥ {_number(MIN_PARSE_CHARS_PER_S)} chars/s on the corpus"
    if alone is None or alone.status != "ok":
        out.append(Verdict(name, "SKIP", "not measured"))
    else:
        rate = alone.chars_per_s
        out.append(
            Verdict(name, "PASS" if rate >= MIN_PARSE_CHARS_PER_S else "FAIL", _number(rate))
        )

    sizes = {s.target_bytes: s for s in scaling if not s.error}
    base, top = sizes.get(SCALING_BASE), sizes.get(SCALING_TOP)
    name = f"time/char at {format_size(SCALING_TOP)} ≤ {MAX_SCALING:g}× that at 100 KB"
    if base is None or top is None:
        out.append(Verdict(name, "SKIP", "both sizes not measured (--quick or --sizes)"))
    else:
        ratio = top.us_per_char / base.us_per_char
        out.append(
            Verdict(
                name,
                "PASS" if ratio <= MAX_SCALING else "FAIL",
                f"{ratio:.2f}× ({top.us_per_char:.3f} vs {base.us_per_char:.3f} µs/char)",
            )
        )
    name = f"peak memory, {format_size(SCALING_TOP)} to JSON ≤ {MAX_MEMORY_FACTOR:g}× input bytes"
    if top is None:
        out.append(Verdict(name, "SKIP", "10 MB not measured (--quick or --sizes)"))
    else:
        factor = top.peak / top.nbytes
        out.append(
            Verdict(
                name,
                "PASS" if factor <= MAX_MEMORY_FACTOR else "FAIL",
                f"{factor:.2f}× ({top.peak / 1e6:,.1f} MB for {top.nbytes / 1e6:,.1f} MB)",
            )
        )
    if imported is None:
        out.append(Verdict(f"import govreport < {MAX_IMPORT_MS:g} ms", "SKIP", "not measured"))
        out.append(
            Verdict(f"govreport parse --example ≤ {MAX_EXAMPLE_MS:g} ms", "SKIP", "not measured")
        )
    else:
        wall, cpu = imported.example_ms, imported.example_cpu_ms
        for name, passed, detail in (
            (
                f"import govreport < {MAX_IMPORT_MS:g} ms",
                imported.wall_ms < MAX_IMPORT_MS,
                f"{imported.wall_ms:.1f} ms",
            ),
            (
                f"govreport parse --example, whole process ≤ {MAX_EXAMPLE_MS:g} ms",
                wall <= MAX_EXAMPLE_MS,
                f"{wall:.0f} ms wall, {cpu:.0f} ms CPU",
            ),
        ):
            out.append(Verdict(name, "PASS" if passed else "FAIL", detail))
    return out


# -- command line -----------------------------------------------------------------------------


def profile(corpus: Corpus, target_bytes: int) -> int:
    """Print a pyinstrument profile of one parse of the corpus scaled to ``target_bytes``."""
    try:
        from pyinstrument import Profiler  # noqa: PLC0415 - optional, bench extra
    except ImportError:
        print("bench: --profile needs pyinstrument (pip install -e '.[bench]')", file=sys.stderr)
        return 2
    run = _setup_govreport()
    for _, text in corpus.texts:
        run(text)
    big = scaled_text(corpus, target_bytes)
    profiler = Profiler()
    with profiler:
        run(big)
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command-line options."""
    parser = argparse.ArgumentParser(
        description="Benchmark govreport's full parse against its peers, its scaling, peak "
        "memory and import time, and check the performance targets.",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="folder of *.txt texts (default: ../shared/corpus, else tests/data)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer runs and no 10 MB size (for a quick look)"
    )
    parser.add_argument(
        "--sizes",
        default=None,
        help=f"comma list of scaling sizes in UTF-8 bytes (default {DEFAULT_SIZES}; "
        f"--quick: {QUICK_SIZES}); an empty value skips the scaling run",
    )
    parser.add_argument(
        "--repeat", type=int, default=None, help="timed runs per measurement (default 5; quick 3)"
    )
    parser.add_argument(
        "--warmup", type=int, default=1, help="untimed passes before timing (default 1)"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit with status 1 when any target fails"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write all results here")
    parser.add_argument(
        "--profile",
        nargs="?",
        const="1MB",
        default=None,
        metavar="SIZE",
        help="only profile one govreport parse of the corpus scaled to SIZE (default 1MB) "
        "with pyinstrument, and print it",
    )
    parser.add_argument("--scale-worker", type=int, default=None, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the tables and one PASS/FAIL/SKIP line per target."""
    args = build_parser().parse_args(argv)
    repeat = args.repeat or (3 if args.quick else 5)
    if repeat < 1:
        raise SystemExit("bench: --repeat must be at least 1")

    if args.scale_worker is not None:  # inside a fresh subprocess of measure_scaling
        scale = scale_worker(args.corpus, args.scale_worker)
        print(json.dumps(asdict(scale)))
        return 0

    corpus = load_corpus(args.corpus)
    if args.profile is not None:
        return profile(corpus, parse_size(args.profile))
    if args.sizes is not None:
        sizes_spec = args.sizes
    else:
        sizes_spec = QUICK_SIZES if args.quick else DEFAULT_SIZES
    sizes = [parse_size(part) for part in sizes_spec.split(",") if part.strip()]

    def log(message: str) -> None:
        """Progress, to stderr so that stdout holds only the tables."""
        print(message, file=sys.stderr, flush=True)

    log(f"bench: corpus {corpus.directory} ({len(corpus.texts)} texts, {corpus.chars:,} chars)")
    log(f"bench: throughput, {args.warmup} warm-up + {repeat} timed passes per tool")
    throughput = measure_throughput(corpus, TOOLS, repeat=repeat, warmup=args.warmup, log=log)
    scaling: list[Scale] = []
    if sizes:
        log(f"bench: scaling, one fresh process per size, {repeat} timed parses each")
        scaling = measure_scaling(corpus, sizes, repeat=repeat, log=log)
    import_runs = 5 if args.quick else 10
    log(f"bench: import time and --example, median of {import_runs}")
    imported = measure_import(import_runs)

    try:
        shown_dir = corpus.directory.resolve().relative_to(REPO.parent.resolve())
    except ValueError:
        shown_dir = corpus.directory
    names = ", ".join(name for name, _ in corpus.texts)
    lines = [
        "## Machine",
        "",
        *machine_lines(),
        "",
        "## Throughput on the corpus",
        "",
        f"Corpus: `{shown_dir}` — {names}: {len(corpus.texts)} texts, {corpus.chars:,} "
        f"characters ({corpus.nbytes:,} bytes UTF-8), parsed one text at a time. "
        f"Median of {_plural(repeat, 'pass', 'passes')} after {args.warmup} warm-up.",
        "",
        *throughput_table(throughput),
    ]
    skipped = [r for r in throughput if r.status != "ok"]
    if skipped:
        lines.append("")
        lines += [f"- {r.name}: {r.status} ({r.detail}); skipped" for r in skipped]
        lines.append("- install the peers with: pip install -e '.[bench]'")
    lines += ["", "Characters per second on each text:", "", *per_text_table(corpus, throughput)]
    if scaling:
        lines += [
            "",
            "## Scaling and peak memory (parse + JSON)",
            "",
            "The corpus lines, interleaved text by text, repeated up to each size (UTF-8 bytes). "
            "Times: median of "
            f"{_plural(repeat, 'round', 'rounds')}, each parsing and writing every size once; "
            "peak memory: one fresh process per size.",
            "",
            *scaling_table(scaling),
        ]
    lines += ["", "## Start-up", ""]
    traced = (
        ""
        if imported.importtime_ms is None
        else f"; -X importtime: {imported.importtime_ms:.1f} ms"
    )
    lines.append(
        f"`import govreport`: {imported.wall_ms:.1f} ms (median of {imported.runs}, "
        f"`python -c 'import govreport'` minus `python -c pass`{traced})"
    )
    lines += [
        "",
        f"`govreport parse --example` (5,061 characters to JSON), the whole process: "
        f"{imported.example_ms:.0f} ms wall, {imported.example_cpu_ms:.0f} ms CPU "
        f"(median of {imported.runs})",
    ]
    checks = verdicts(throughput, scaling, imported)
    lines += ["", "## Targets", "", "```text"]
    lines += [f"{v.status}  {v.target}: {v.measured}" for v in checks]
    lines.append("```")
    print("\n".join(lines))

    if args.json is not None:
        payload = {
            "corpus": str(corpus.directory),
            "repeat": repeat,
            "throughput": [asdict(r) | {"chars_per_s": _rate(r)} for r in throughput],
            "scaling": [asdict(s) for s in scaling],
            "import": asdict(imported),
            "targets": [asdict(v) for v in checks],
        }
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    counts = {
        status: sum(v.status == status for v in checks) for status in ("PASS", "FAIL", "SKIP")
    }
    print("\ntargets: " + ", ".join(f"{n} {status}" for status, n in counts.items()))
    return 1 if args.check and counts["FAIL"] else 0


def _rate(result: Throughput) -> float | None:
    """Characters per second for the JSON output, None when the tool was not measured."""
    return result.chars_per_s if result.status == "ok" and result.seconds else None


if __name__ == "__main__":
    sys.exit(main())
