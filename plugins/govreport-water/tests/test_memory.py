"""Memory of the densest water text: every two characters a term (issue 15's 3 MB of 水库)."""

from __future__ import annotations

import tracemalloc

import govreport_water

import govreport
from govreport import PluginHost
from govreport.serialise import iter_dumps

# The bound asked of every input: the parse and its JSON at most 15 times the input's bytes.
PEAK_PER_BYTE = 15


def test_a_text_of_reservoirs_parses_and_writes_within_its_memory_bound() -> None:
    host = PluginHost(plugins=[govreport_water], load_entrypoints=False)
    text = "水库" * 100_000
    govreport.parse("水库水库", host=host)  # host and patterns ready before the count
    tracemalloc.start()
    try:
        report = govreport.parse(text, host=host)
        written = sum(map(len, iter_dumps(report)))  # JSON piece by piece, as `-o` writes it
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(report.mentions) > 99_000 and written > len(text)  # a term nearly every 水库
    assert peak <= PEAK_PER_BYTE * len(text.encode())
