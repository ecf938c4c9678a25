"""The structure parser: outline, preamble, closing and the matter before and after the body."""

from govreport.structure.markers import STYLES, MarkerMatch, MarkerStyle, match_marker
from govreport.structure.parser import Paragraph, Structure, paragraphs, parse_structure

__all__ = [
    "STYLES",
    "MarkerMatch",
    "MarkerStyle",
    "Paragraph",
    "Structure",
    "match_marker",
    "paragraphs",
    "parse_structure",
]
