"""The report model: frozen attrs classes that know nothing of readers or exporters."""

from govreport.model.mentions import (
    Change,
    DateMention,
    DocumentTitle,
    Formulation,
    Indicator,
    Mention,
    Qualifier,
    Quantity,
    Role,
    Term,
)
from govreport.model.outline import ITEM_RANK, OutlineNode, Place, Region, places
from govreport.model.report import Fault, IndicatorRow, Report
from govreport.model.source import Origin, SourceText
from govreport.model.span import LineIndex, Span
from govreport.model.store import Mentions
from govreport.model.units import DEFAULT_UNITS, Unit, UnitTable
from govreport.model.vocabulary import Entry, NamePattern, NameStart, Vocabulary

__all__ = [
    "DEFAULT_UNITS",
    "ITEM_RANK",
    "Change",
    "DateMention",
    "DocumentTitle",
    "Entry",
    "Fault",
    "Formulation",
    "Indicator",
    "IndicatorRow",
    "LineIndex",
    "Mention",
    "Mentions",
    "NamePattern",
    "NameStart",
    "Origin",
    "OutlineNode",
    "Place",
    "Qualifier",
    "Quantity",
    "Region",
    "Report",
    "Role",
    "SourceText",
    "Span",
    "Term",
    "Unit",
    "UnitTable",
    "Vocabulary",
    "places",
]
