"""The report model: frozen attrs classes that know nothing of readers or exporters."""

from govreport.model.mentions import (
    Change,
    DateMention,
    DocumentTitle,
    Formulation,
    Mention,
    Qualifier,
    Quantity,
    Term,
)
from govreport.model.outline import OutlineNode, Region
from govreport.model.report import Fault, Report
from govreport.model.span import LineIndex, Span
from govreport.model.units import DEFAULT_UNITS, Unit, UnitTable
from govreport.model.vocabulary import Entry, NamePattern, NameStart, Vocabulary

__all__ = [
    "DEFAULT_UNITS",
    "Change",
    "DateMention",
    "DocumentTitle",
    "Entry",
    "Fault",
    "Formulation",
    "LineIndex",
    "Mention",
    "NamePattern",
    "NameStart",
    "OutlineNode",
    "Qualifier",
    "Quantity",
    "Region",
    "Report",
    "Span",
    "Term",
    "Unit",
    "UnitTable",
    "Vocabulary",
]
