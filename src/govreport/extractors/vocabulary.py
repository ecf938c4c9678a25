"""The vocabulary extractor: terms and named things from the vocabularies plugins register.

All entries of all ``term`` vocabularies are compiled into one trie-shaped pattern, so a scan
costs about the same however many terms there are; name patterns run after it. Where matches
overlap, the leftmost wins, then the longest; an entry wins a tie with a name pattern.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

import attrs

from govreport.extractors.base import ExtractionContext
from govreport.model import Entry, Mention, Span, Term, Vocabulary


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching exactly ``words``, longest first, shaped as a trie.

    ``["水库", "水厂", "水"]`` becomes ``水(?:厂|库)?``: the engine follows one branch per
    character instead of trying every word at every position.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [re.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return render(trie)


@attrs.frozen
class _Matcher:
    """Compiled patterns for one set of vocabularies."""

    terms: re.Pattern[str] | None
    entries: dict[str, tuple[Vocabulary, Entry]]
    patterns: tuple[tuple[re.Pattern[str], Vocabulary, str, str], ...]

    def find(self, text: str) -> list[Term]:
        # (start, -length, rank): at one start the longest wins, an entry before a name pattern.
        candidates: list[tuple[int, int, int, Term]] = []
        if self.terms is not None:
            for match in self.terms.finditer(text):
                vocabulary, entry = self.entries[match.group()]
                term = _term(
                    text,
                    match.span(),
                    vocabulary,
                    category=entry.category,
                    subtype=entry.subtype,
                    meaning=entry.meaning,
                )
                candidates.append((match.start(), -len(term.text), 0, term))
        for pattern, vocabulary, category, subtype in self.patterns:
            for match in pattern.finditer(text):
                if match.end() > match.start():
                    term = _term(text, match.span(), vocabulary, category=category, subtype=subtype)
                    candidates.append((match.start(), -len(term.text), 1, term))
        candidates.sort(key=lambda c: c[:3])
        kept: list[Term] = []
        last_end = 0
        for start, _, _, term in candidates:
            if start >= last_end:  # leftmost-longest, no overlaps
                kept.append(term)
                last_end = term.span.end
        return kept


def _term(
    text: str,
    span: tuple[int, int],
    vocabulary: Vocabulary,
    *,
    category: str,
    subtype: str | None,
    meaning: str | None = None,
) -> Term:
    start, end = span
    return Term(
        span=Span(start, end),
        text=text[start:end],
        vocabulary=vocabulary.name,
        category=category,
        subtype=subtype,
        meaning=meaning,
    )


@functools.lru_cache(maxsize=16)
def _matcher(vocabularies: tuple[Vocabulary, ...]) -> _Matcher:
    entries: dict[str, tuple[Vocabulary, Entry]] = {}
    for vocabulary in vocabularies:
        for entry in vocabulary.entries:
            entries.setdefault(entry.term, (vocabulary, entry))
    terms = re.compile(trie_pattern(entries)) if entries else None
    patterns = tuple(
        (re.compile(p.pattern), vocabulary, p.category, p.subtype)
        for vocabulary in vocabularies
        for p in vocabulary.patterns
    )
    return _Matcher(terms, entries, patterns)


@attrs.frozen
class VocabularyExtractor:
    """Finds the terms and named things of every registered ``term`` vocabulary."""

    name: str = "vocabularies"
    """Extractor name."""
    order: int = 500
    """Runs last; terms may overlap quantities (``98处蓄滞洪区``)."""

    def extract(self, context: ExtractionContext) -> Iterator[Mention]:
        """Every term in ``context.text``, in document order."""
        vocabularies = tuple(v for v in context.vocabularies if v.kind == "term")
        if not vocabularies:
            return iter(())
        return iter(_matcher(vocabularies).find(context.text))
