"""govreport: Chinese government reports as faithful, structured data.

>>> import govreport
>>> report = govreport.parse("一、总体情况\\n一是完成任务19项。")
>>> [q.text for q in report.quantities()]
['19项']
"""

import importlib
from typing import TYPE_CHECKING, Any

# First: the compiled-pattern cache has to be in re's cache before the imports below compile.
from govreport._regex import PATTERN_CACHE
from govreport.errors import DecodeError, GovreportError, InputError, PluginError
from govreport.hookspecs import hookimpl
from govreport.host import PluginHost, default_host
from govreport.model import (
    Change,
    DateMention,
    DocumentTitle,
    Formulation,
    Indicator,
    IndicatorRow,
    Mention,
    OutlineNode,
    Qualifier,
    Quantity,
    Region,
    Report,
    Role,
    Span,
    Term,
    Unit,
)
from govreport.parsing import parse, parse_bytes, parse_file
from govreport.serialise import LoadError, dump, dumps, load, loads

if TYPE_CHECKING:
    from govreport.corpus.batch import ParseResult, parse_many
    from govreport.corpus.compare import compare
    from govreport.corpus.tables import Table, table

__version__ = "0.1.0"

PATTERN_CACHE.collect()  # what the imports compiled, kept when the first host is built

__all__ = [
    "Change",
    "DateMention",
    "DecodeError",
    "DocumentTitle",
    "Formulation",
    "GovreportError",
    "Indicator",
    "IndicatorRow",
    "InputError",
    "LoadError",
    "Mention",
    "OutlineNode",
    "ParseResult",
    "PluginError",
    "PluginHost",
    "Qualifier",
    "Quantity",
    "Region",
    "Report",
    "Role",
    "Span",
    "Table",
    "Term",
    "Unit",
    "__version__",
    "compare",
    "default_host",
    "dump",
    "dumps",
    "hookimpl",
    "load",
    "loads",
    "parse",
    "parse_bytes",
    "parse_file",
    "parse_many",
    "table",
]

_CORPUS_TOOLS = {
    "ParseResult": "govreport.corpus.batch",
    "parse_many": "govreport.corpus.batch",
    "compare": "govreport.corpus.compare",
    "Table": "govreport.corpus.tables",
    "table": "govreport.corpus.tables",
}
"""Names imported on first use: the corpus tools cost a parse of one report ~50 ms of imports."""


def __getattr__(name: str) -> Any:
    if name in _CORPUS_TOOLS:
        return getattr(importlib.import_module(_CORPUS_TOOLS[name]), name)
    raise AttributeError(f"module 'govreport' has no attribute {name!r}")
