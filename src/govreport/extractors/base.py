"""What a mention extractor is, and what it is given (defined in :mod:`govreport.protocols`)."""

from govreport.protocols import (
    ConfigurableExtractor,
    Configuration,
    ExtractionContext,
    MentionExtractor,
)

__all__ = ["ConfigurableExtractor", "Configuration", "ExtractionContext", "MentionExtractor"]
