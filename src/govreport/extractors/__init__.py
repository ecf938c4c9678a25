"""Mention extractors: quantities, dates, document titles and formulations."""

from govreport.extractors.base import ExtractionContext, MentionExtractor

__all__ = ["ExtractionContext", "MentionExtractor"]
