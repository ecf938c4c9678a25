"""govreport: Chinese government reports as faithful, structured data.

>>> import govreport
>>> report = govreport.parse("一、总体情况\\n一是完成任务19项。")
>>> [q.text for q in report.quantities()]
['19项']
"""

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

__version__ = "0.1.0"

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
    "Mention",
    "OutlineNode",
    "PluginError",
    "PluginHost",
    "Qualifier",
    "Quantity",
    "Region",
    "Report",
    "Role",
    "Span",
    "Term",
    "Unit",
    "__version__",
    "default_host",
    "hookimpl",
    "parse",
    "parse_bytes",
    "parse_file",
]
