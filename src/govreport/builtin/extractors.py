"""Built-in plugin: the core mention extractors."""

from __future__ import annotations

from collections.abc import Callable

from govreport.extractors.base import MentionExtractor
from govreport.extractors.dates import DateExtractor
from govreport.extractors.documents import DocumentExtractor
from govreport.extractors.formulations import FormulationExtractor
from govreport.extractors.quantities import QuantityExtractor
from govreport.extractors.vocabulary import VocabularyExtractor
from govreport.hookspecs import hookimpl


@hookimpl
def register_mention_extractors(register: Callable[[MentionExtractor], None]) -> None:
    """Formulations, document titles, dates, quantities and vocabulary terms."""
    register(FormulationExtractor())
    register(DocumentExtractor())
    register(DateExtractor())
    register(QuantityExtractor())
    register(VocabularyExtractor())
