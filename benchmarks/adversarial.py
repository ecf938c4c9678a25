#!/usr/bin/env python3
"""Adversarial inputs: parse time per character against that of the real reports.

Each input is built in memory (about a million characters unless its name says otherwise),
parsed with the same plugin host as ``bench.py`` (water and party vocabularies loaded), and its
time per character compared with the corpus's. The hardening target (issue 5) is a ratio
under 2 for every input: parse time stays linear, whatever the text looks like.

    python benchmarks/adversarial.py              # every input, best of 3
    python benchmarks/adversarial.py --check      # exit 1 when an input reaches 2x
    python benchmarks/adversarial.py --only 一 --profile   # a pyinstrument profile of one input
    python benchmarks/adversarial.py --only headings --parts   # where the time goes, by part
    python benchmarks/adversarial.py --exporters  # every format against json, 1 MB (issue 15)
    python benchmarks/adversarial.py --memory --only 水库  # peak memory of the command line

docs/reliability.md holds the latest table.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import load_corpus  # the script's own folder, added just above

import govreport
from govreport.extractors.base import ExtractionContext, MentionExtractor
from govreport.model import Mention, OutlineNode, Span
from govreport.model._unchecked import unchecked
from govreport.model.mentions import MENTION_ORDER
from govreport.parsing import link_context_of
from govreport.structure import Structure, parse_structure
from govreport.testing.adversarial import (
    ADVERSARIAL_INPUTS,
    DENSE_INPUTS,
    EXPORT_INPUTS,
    one_line,
    repeat,
)

MAX_RATIO = 2.0
"""An input's time per character may be at most this multiple of the corpus's."""
MAX_EXPORT_RATIO = 3.0
"""A format's export time may be at most this multiple of the json format's (issue 15)."""
MAX_MEMORY_RATIO = 15.0
"""Peak memory of the command line may be at most this multiple of the input's bytes (issue 15)."""
MEGABYTE = 1_000_000


def cases(corpus_text: str) -> list[tuple[str, str, int, bool]]:
    """(name shown, builder in ADVERSARIAL_INPUTS, DENSE_INPUTS or "corpus line", characters,
    is a target).

    The targets are the inputs issues 5 and 15 list; the others are extra checks of linearity.
    """
    return [
        ("1 MB of 一", "一 repeated", MEGABYTE, True),
        ("1 MB of 1", "1 repeated", MEGABYTE, True),
        ("1 MB of （", "（ repeated", MEGABYTE, True),
        ("1 MB of 《, never closed", "《 never closed", MEGABYTE, True),
        ("1 MB of “, never closed", "“ never closed", MEGABYTE, True),
        ("one 5 MB line (the corpus, line breaks removed)", "corpus line", 5 * MEGABYTE // 3, True),
        ("100,000 headings", "headings only", 1_120_000, True),
        ("every level nested", "every level nested", MEGABYTE, True),
        ("10,000-digit numbers", "10,000-digit numbers", MEGABYTE, True),
        ("1 MB of numeral characters", "numeral characters", MEGABYTE, False),
        ("1 MB of 3和 (one list)", "one endless list (3和3和…)", MEGABYTE, True),
        ("1 MB of 3— (one range)", "one endless range (3—3—…)", MEGABYTE, False),
        ("1 MB of 第2023年12月", "dates and ordinals", MEGABYTE, False),
        ("1 MB of 19项", "quantities only", MEGABYTE, False),
        ("1 MB of 水库", "水库 repeated", MEGABYTE, True),
        ("1 MB of 12月", "12月 repeated", MEGABYTE, True),
        ("1 MB of 1~ (one range)", "one endless range (1~1~…)", MEGABYTE, True),
        ("1 MB of 1至 (one range)", "one endless range (1至1至…)", MEGABYTE, True),
        ("1 MB of 1万", "1万 repeated", MEGABYTE, True),
    ]


CORPUS_REPEATED = ("the corpus repeated", "corpus", MEGABYTE, True)
"""The baseline of ``--memory``: ordinary report text, at the size of the inputs."""


def build(builder: str, size: int, corpus_text: str) -> str:
    if builder == "corpus line":
        return one_line(corpus_text)(size)
    if builder == "corpus":
        return repeat(corpus_text, size)
    return {**ADVERSARIAL_INPUTS, **DENSE_INPUTS}[builder](size)


def best_seconds(run: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def paused_gc_seconds(run: Callable[[], object], runs: int = 3) -> float:
    """:func:`best_seconds` with the cyclic collector paused, as the command line pauses it."""
    gc.disable()
    try:
        return best_seconds(run, runs)
    finally:
        gc.enable()


def interleaved_medians(
    first: Callable[[], object], second: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Median seconds of ``first`` and of ``second``, run in turn so that load hits both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for run, spent in zip((first, second), times, strict=True):
            gc.collect()
            started = time.perf_counter()
            run()
            spent.append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def print_exporters(host: govreport.PluginHost, runs: int) -> float:
    """Each format's export time against the json format's on 1 MB texts; the worst ratio."""
    print("| text | format | seconds | json seconds | × json |")
    print("| --- | --- | ---: | ---: | ---: |")
    json_exporter = host.exporter("json")
    worst = 0.0
    for text_name, builder in EXPORT_INPUTS.items():
        report = govreport.parse(builder(MEGABYTE), host=host)
        for name, exporter in host.exporters.items():
            if name == "json":
                continue
            seconds, json_seconds = interleaved_medians(
                lambda exporter=exporter, report=report: exporter.export(report),
                lambda report=report: json_exporter.export(report),
                runs,
            )
            worst = max(worst, seconds / json_seconds)
            print(
                f"| {text_name} | {name} | {seconds:.2f} | {json_seconds:.2f} "
                f"| {seconds / json_seconds:.2f}× |"
            )
    return worst


def structure_floor(text: str) -> list[object]:
    """What any outline of ``text`` costs at least, if every line were a heading: split the
    lines, make each node and its three spans — no marker, title or nesting read."""
    node, span = unchecked(OutlineNode), unchecked(Span)
    nodes: list[object] = []
    position = 0
    for line in text.splitlines():
        end = position + len(line)
        title = span(position + 2, end)
        nodes.append(
            node(
                line[:2],
                1,
                "",
                0,
                line[2:],
                span(position, end),
                title,
                span(position, position + 2),
                False,
                (),
            )
        )
        position = end + 1
    return nodes


def stage_contexts(
    text: str, host: govreport.PluginHost, structure: Structure, found: list[Mention]
) -> Iterator[tuple[MentionExtractor, ExtractionContext]]:
    """Each stage's extractor with the context the pipeline gives it: ``found`` collects what
    the stages before it found (each extractor runs once more for that after it is yielded)."""
    for stage in host.pipeline.stages:
        context = ExtractionContext(
            text=text,
            units=host.units,
            marker_spans=structure.marker_spans,
            found=tuple(found),
            vocabularies=host.vocabularies,
        )
        yield stage.extractor, context
        found.extend(stage.extractor.extract(context))


def print_parts(name: str, text: str, host: govreport.PluginHost, budget: float) -> None:
    """Time the whole parse, the structure (and its floor) and each extractor alone."""
    markers = host.pipeline.markers
    structure = parse_structure(text, markers=markers)
    parts = [
        ("the whole parse", paused_gc_seconds(lambda: govreport.parse(text, host=host))),
        ("structure", paused_gc_seconds(lambda: parse_structure(text, markers=markers))),
        (
            "structure's floor (every line a node, nothing read)",
            paused_gc_seconds(lambda: structure_floor(text)),
        ),
    ]
    found: list[Mention] = []
    for extractor, context in stage_contexts(text, host, structure, found):
        seconds = paused_gc_seconds(
            lambda extractor=extractor, context=context: list(extractor.extract(context))
        )
        parts.append((f"extractor {extractor.name}", seconds))
    linker = host.indicator_linker
    if linker is not None:
        found.sort(key=MENTION_ORDER)
        link_context = link_context_of(text, found, structure, host.indicator_lexicon)
        seconds = paused_gc_seconds(lambda: list(linker.link(link_context)))
        parts.append((f"indicator linker {linker.name}", seconds))
    print(f"{name}: {len(text):,} characters; the 2× budget is {budget:.3f} s")
    print()
    print("| part | seconds | share of the 2× budget |")
    print("| --- | ---: | ---: |")
    for part, seconds in parts:
        print(f"| {part} | {seconds:.3f} | {seconds / budget:.0%} |")


def child_usage(command: Sequence[str]) -> resource.struct_rusage:
    """What ``command``, run in a fresh process, used (its own rusage, by ``os.wait4``)."""
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if child.returncode:
        raise SystemExit(f"{' '.join(command)} failed: exit {child.returncode}")
    return usage


def peak_bytes(command: Sequence[str]) -> int:
    """Peak resident memory, in bytes, of ``command`` run in a fresh process."""
    return child_usage(command).ru_maxrss * 1024  # ru_maxrss counts KiB on Linux


def print_cli(selected: list[tuple[str, str, int]], corpus_text: str, runs: int) -> float:
    """CPU time per character of ``govreport parse --format json -o FILE`` on each input
    against that of the corpus repeated to 1 MB (issue 15 item 10 measures the command line):
    ``runs`` rounds, each running the corpus and then every input once, a fresh process each;
    the median of each input's ratios. Returns the worst median."""
    print(
        "| input | characters | CPU s (median) | × the corpus repeated, median (rounds) | target |"
    )
    print("| --- | ---: | ---: | --- | --- |")
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        output = str(Path(folder, "o.json"))
        sources = []
        baseline = CORPUS_REPEATED[:3]
        for number, (_, builder, size) in enumerate([baseline, *selected]):
            source = Path(folder, f"{number}.txt")
            text = build(builder, size, corpus_text)
            source.write_text(text, encoding="utf-8")
            sources.append((source, len(text)))

        def cpu(source: Path) -> float:
            command = [sys.executable, "-m", "govreport", "parse", "--format", "json"]
            usage = child_usage([*command, str(source), "-o", output])
            return usage.ru_utime + usage.ru_stime

        seconds: list[list[float]] = [[] for _ in selected]
        ratios: list[list[float]] = [[] for _ in selected]
        for _ in range(runs):
            corpus_per_char = cpu(sources[0][0]) / sources[0][1]
            for index, (source, chars) in enumerate(sources[1:]):
                seconds[index].append(cpu(source))
                ratios[index].append(seconds[index][-1] / chars / corpus_per_char)
    for (name, _, size), spent, ratio in zip(selected, seconds, ratios, strict=True):
        median = statistics.median(ratio)
        worst = max(worst, median)
        rounds = ", ".join(f"{r:.2f}" for r in ratio)
        print(
            f"| {name} | {size:,} | {statistics.median(spent):.2f} | {median:.2f}× ({rounds}) "
            f"| < {MAX_RATIO:g}× |"
        )
    return worst


def print_memory(selected: list[tuple[str, str, int]], corpus_text: str) -> float:
    """Peak memory of ``govreport parse --format json`` on each input, against its bytes: all
    of it, and what is above the peak on a one-line input (the interpreter and the plugins)."""
    print("| input | characters | input bytes | peak RSS | × input | above start-up | × input |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        source, output = Path(folder, "input.txt"), str(Path(folder, "o.json"))
        command = [sys.executable, "-m", "govreport", "parse", "--format", "json", str(source)]
        source.write_text("一、水库\n", encoding="utf-8")
        start_up = peak_bytes([*command, "-o", output])
        for name, builder, size in selected:
            source.write_text(build(builder, size, corpus_text), encoding="utf-8")
            peak, size_bytes = peak_bytes([*command, "-o", output]), source.stat().st_size
            worst = max(worst, peak / size_bytes)
            print(
                f"| {name} | {size:,} | {size_bytes:,} | {peak / MEGABYTE:,.0f} MB "
                f"| {peak / size_bytes:.0f}× | {(peak - start_up) / MEGABYTE:,.0f} MB "
                f"| {(peak - start_up) / size_bytes:.0f}× |"
            )
    return worst


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed parses per input (best)")
    parser.add_argument("--only", help="only the inputs whose name contains this")
    parser.add_argument("--check", action="store_true", help="exit 1 when a ratio reaches 2")
    parser.add_argument("--profile", action="store_true", help="profile instead of timing")
    parser.add_argument(
        "--parts", action="store_true", help="time the structure and each extractor alone"
    )
    parser.add_argument(
        "--exporters", action="store_true", help="time every format against json instead"
    )
    parser.add_argument(
        "--cli",
        action="store_true",
        help="CPU time of the command line on each target input against the corpus repeated",
    )
    parser.add_argument(
        "--memory",
        action="store_true",
        help="peak memory of the command line on each input (a fresh process each) instead",
    )
    args = parser.parse_args(argv)

    host = govreport.PluginHost()
    if args.exporters:
        worst = print_exporters(host, args.runs)
        verdict = "PASS" if worst < MAX_EXPORT_RATIO else "FAIL"
        print(f"\n{verdict}  worst ratio {worst:.2f}× (target < {MAX_EXPORT_RATIO}×)")
        return 1 if args.check and worst >= MAX_EXPORT_RATIO else 0
    corpus = load_corpus(None)
    texts = [text for _, text in corpus.texts]
    for text in texts:
        govreport.parse(text, host=host)  # warm-up: plugins, patterns, caches
    sample = best_seconds(lambda: [govreport.parse(t, host=host) for t in texts], args.runs * 3)
    per_char = sample / corpus.chars
    print(f"corpus ({corpus.directory}): {corpus.chars:,} characters, {per_char * 1e6:.3f} µs/char")
    print()
    if not (args.profile or args.parts or args.memory or args.cli):
        print("Time per character against the corpus's, and against the same input at a tenth")
        print("of its size (linearity). Targets: the first nine inputs, ratio to the corpus < 2.")
        print()
        print("| input | characters | seconds | µs/char | × corpus | × its 1/10 size | target |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    corpus_text = "".join(texts)
    if args.cli:
        selected = [
            (name, builder, size)
            for name, builder, size, target in cases(corpus_text)
            if target and (not args.only or args.only in name)
        ]
        worst = print_cli(selected, corpus_text, args.runs)
        verdict = "PASS" if worst < MAX_RATIO else "FAIL"
        print(f"\n{verdict}  worst median {worst:.2f}× (target < {MAX_RATIO}×)")
        return 1 if args.check and worst >= MAX_RATIO else 0
    if args.memory:
        selected = [
            (name, builder, size)
            for name, builder, size, _ in [CORPUS_REPEATED, *cases(corpus_text)]
            if not args.only or args.only in name
        ]
        worst = print_memory(selected, corpus_text)
        verdict = "PASS" if worst <= MAX_MEMORY_RATIO else "FAIL"
        print(f"\n{verdict}  worst peak {worst:.0f}× the input (target ≤ {MAX_MEMORY_RATIO:.0f}×)")
        return 1 if args.check and worst > MAX_MEMORY_RATIO else 0
    worst = 0.0
    for name, builder, size, target in cases(corpus_text):
        if args.only and args.only not in name:
            continue
        text = build(builder, size, corpus_text)
        if args.profile:
            from pyinstrument import Profiler  # noqa: PLC0415 - optional, bench extra

            with Profiler() as profiler:
                govreport.parse(text, host=host)
            print(profiler.output_text(color=False, show_all=False))
            continue
        if args.parts:
            print_parts(name, text, host, budget=MAX_RATIO * per_char * len(text))
            continue
        small = build(builder, size // 10, corpus_text)
        seconds = best_seconds(lambda text=text: govreport.parse(text, host=host), args.runs)
        small_seconds = best_seconds(
            lambda small=small: govreport.parse(small, host=host), args.runs * 3
        )
        per = seconds / len(text)
        ratio = per / per_char
        linear = per / (small_seconds / len(small))
        if target:
            worst = max(worst, ratio)
        print(
            f"| {name} | {len(text):,} | {seconds:.3f} | {per * 1e6:.3f} | {ratio:.2f}× "
            f"| {linear:.2f}× | {'< 2×' if target else 'linear'} |"
        )
    if args.profile or args.parts:
        return 0
    verdict = "PASS" if worst < MAX_RATIO else "FAIL"
    print(f"\n{verdict}  worst ratio {worst:.2f}× (target < {MAX_RATIO}×)")
    return 1 if args.check and worst >= MAX_RATIO else 0


if __name__ == "__main__":
    raise SystemExit(main())
