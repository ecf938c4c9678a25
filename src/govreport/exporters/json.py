"""The ``json`` format: the public output contract (``schema: govreport/1``).

The field list is a contract with tools outside the project (``docs`` and the shipped JSON Schema,
:func:`govreport.schema.load_schema`): fields may be added, never renamed or dropped. The text is
:func:`govreport.serialise.dumps`, which :func:`govreport.serialise.loads` reads back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import attrs

from govreport.exporters.base import Exporter
from govreport.hookspecs import hookimpl
from govreport.model import Report
from govreport.serialise import dumps


@attrs.frozen
class JsonExporter:
    """Writes a report as indented UTF-8 JSON following the output contract."""

    name: ClassVar[str] = "json"
    suffix: ClassVar[str] = ".json"
    media_type: ClassVar[str] = "application/json"
    binary: ClassVar[bool] = False

    def export(self, report: Report) -> str:
        """The report's JSON text with a final newline; the same report gives the same text."""
        return dumps(report)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``json`` format."""
    register(JsonExporter())
