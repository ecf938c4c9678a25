"""The ``json`` format: the public output contract (``schema: govreport/1``).

The field list is a contract with tools outside the project (``docs`` and the shipped JSON Schema,
:func:`govreport.schema.load_schema`): fields may be added, never renamed or dropped. The text is
:func:`govreport.serialise.dumps`, which :func:`govreport.serialise.loads` reads back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from govreport.exporters.base import Exporter
from govreport.hookspecs import hookimpl
from govreport.model import Report
from govreport.serialise import dumps, iter_dumps


def _pieces(report: Report) -> Iterator[str]:
    """:func:`~govreport.serialise.dumps` of ``report`` in pieces."""
    yield from iter_dumps(report)
    yield "\n"


JSON = Exporter(
    name="json", suffix=".json", media_type="application/json", render=dumps, pieces=_pieces
)
"""Writes a report as UTF-8 JSON on one line, following the output contract (the command line
indents it on a terminal or with ``--indent``)."""


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``json`` format."""
    register(JSON)
