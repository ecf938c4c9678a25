"""Indicator linking: what each quantity measures, its role and its period."""

from govreport.indicators.base import (
    IndicatorLexicon,
    IndicatorLinker,
    IndicatorTerm,
    Link,
    LinkContext,
)
from govreport.indicators.linker import RuleLinker

__all__ = [
    "IndicatorLexicon",
    "IndicatorLinker",
    "IndicatorTerm",
    "Link",
    "LinkContext",
    "RuleLinker",
]
