"""Instructions per pass of the quantity scanner and of the whole parse (issue 16).

``python benchmarks/scanner.py --callgrind`` runs, for each workload, one process under
``valgrind --tool=callgrind`` that parses the texts once to warm up and then ``k`` more times
(k = 0 and k = 1), and prints the per-pass count ``Ir(k=1) − Ir(k=0)``. The workloads: the
builtin quantities extractor alone on its pipeline contexts (captured once, before the count)
and the whole parse, each on the four corpus texts and on the 19 corpus and series texts, and
the whole parse of the dense inputs of ``benchmarks/adversarial.py`` at 200,000 characters.

``python benchmarks/scanner.py WORKLOAD K`` is the child: it runs the workload ``K`` times.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import govreport
from govreport.extractors.base import ExtractionContext
from govreport.structure import parse_structure
from govreport.testing.adversarial import ADVERSARIAL_INPUTS, DENSE_INPUTS

sys.path.insert(0, str(Path(__file__).resolve().parent))

from adversarial import stage_contexts  # the script's own folder, added just above

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data"  # the corpus, in the repository
DENSE = {
    "1~1~": "one endless range (1~1~…)",
    "1至": "one endless range (1至1至…)",
    "1万": "1万 repeated",
    "3和3和": None,  # the endless list of ADVERSARIAL_INPUTS
}
DENSE_SIZE = 200_000
WORKLOADS = ("scanner4", "scanner19", "parse4", "parse19", *(f"dense:{name}" for name in DENSE))


def corpus_texts(series: bool, host: govreport.PluginHost) -> list[str]:
    """The four corpus texts, and with ``series`` the fifteen series texts after them (some in
    GB18030: read as the command reads them)."""
    paths = sorted(CORPUS.glob("*.txt"))
    if series:
        paths += sorted((CORPUS / "series").glob("*.txt"))
    return [host.read(path.read_bytes(), path.name).text for path in paths]


def dense_text(name: str) -> str:
    """The dense input ``name`` at ``DENSE_SIZE`` characters."""
    builder = DENSE[name]
    if builder is None:
        return ADVERSARIAL_INPUTS["one endless list (3和3和…)"](DENSE_SIZE)
    return DENSE_INPUTS[builder](DENSE_SIZE)


def scanner_contexts(texts: list[str], host: govreport.PluginHost) -> list[ExtractionContext]:
    """The context the pipeline gives the quantities extractor for each text."""
    contexts = []
    for text in texts:
        structure = parse_structure(text, markers=host.pipeline.markers)
        for extractor, context in stage_contexts(text, host, structure, []):
            if extractor.name == "quantities":
                contexts.append(context)
                break
    return contexts


def workload(name: str, host: govreport.PluginHost) -> Callable[[], object]:
    """One pass of the workload ``name``."""
    if name.startswith("dense:"):
        text = dense_text(name.removeprefix("dense:"))
        return lambda: govreport.parse(text, host=host)
    texts = corpus_texts(name.endswith("19"), host)
    if name.startswith("parse"):
        return lambda: [govreport.parse(text, host=host) for text in texts]
    (stage,) = (s for s in host.pipeline.stages if s.extractor.name == "quantities")
    extractor = stage.extractor
    contexts = scanner_contexts(texts, host)
    return lambda: [list(extractor.extract(context)) for context in contexts]


def child(name: str, passes: int) -> None:
    host = govreport.PluginHost()
    run = workload(name, host)
    run()  # warm-up: patterns, caches
    for _ in range(passes):
        run()


def instructions(name: str, passes: int) -> int:
    """Ir of a child process running ``name`` ``passes`` times after its warm-up."""
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "callgrind.out")
        environment = {**os.environ, "PYTHONHASHSEED": "0"}
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out}",
                sys.executable,
                __file__,
                name,
                str(passes),
            ],
            check=True,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        summary = re.search(r"^summary: (\d+)", Path(out).read_text(), re.MULTILINE)
        assert summary is not None
        return int(summary.group(1))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workload", nargs="?", choices=WORKLOADS)
    parser.add_argument("passes", nargs="?", type=int, default=1)
    parser.add_argument("--callgrind", nargs="*", metavar="WORKLOAD", choices=WORKLOADS)
    args = parser.parse_args(argv)
    if args.workload is not None:
        child(args.workload, args.passes)
        return 0
    print("| workload | instructions per pass |")
    print("| --- | ---: |")
    for name in args.callgrind or WORKLOADS:
        per_pass = instructions(name, 1) - instructions(name, 0)
        print(f"| {name} | {per_pass:,} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
