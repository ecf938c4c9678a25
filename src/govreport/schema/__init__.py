"""The JSON Schema of the ``json`` output format, shipped inside the package."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def load_schema() -> dict[str, Any]:
    """The draft 2020-12 JSON Schema for ``govreport/1`` output, as a fresh dict."""
    text = resources.files(__name__).joinpath("report.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
