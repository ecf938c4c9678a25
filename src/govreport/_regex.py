"""The standard library's regular-expression parser, for reading what a pattern starts with.

Private to govreport: the marker index and the vocabulary extractor both read parse trees.
"""

from __future__ import annotations

import importlib
from typing import Any

try:  # re._parser since Python 3.11, sre_parse before
    PARSER: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python 3.10
    PARSER = importlib.import_module("sre_parse")
