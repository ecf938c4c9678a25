"""A long Hypothesis run of the parse invariants, outside CI (see fuzz/README.md).

CI runs the same properties (tests/test_properties.py) with 200 examples each; this runs
``raw_texts()`` for as many examples as asked, with the installed plugins loaded, and writes
each report in every installed format::

    python fuzz/hypothesis_fuzz.py 50000
"""

from __future__ import annotations

import sys
import time

from hypothesis import HealthCheck, given, settings

import govreport
from govreport.testing import check_parse, raw_texts

HOST = govreport.PluginHost()
CHECKED = [0]
"""How many texts have been checked."""


def check(text: str) -> None:
    """Parse ``text`` and check every invariant of docs/reliability.md."""
    CHECKED[0] += 1
    check_parse(text, HOST)  # JSON, Markdown, CSV … and the plugins' formats too


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    run = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )(given(raw_texts())(check))
    started = time.perf_counter()
    run()
    seconds = time.perf_counter() - started
    print(f"{CHECKED[0]:,} texts checked, no failure, {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
