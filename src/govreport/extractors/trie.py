"""Word lists as trie-shaped regular expressions.

``["水库", "水厂", "水"]`` becomes ``水(?:厂|库)?``: the engine follows one branch per character
instead of trying every word at every position, so matching costs about the same however many
words there are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_ESCAPED = {ch: re.escape(ch) for ch in map(chr, range(128)) if re.escape(ch) != ch}
"""What :func:`re.escape` makes of each character it changes (all ASCII): one look-up a
character instead of a call."""


class _Node:
    """A trie node: its children by character, and the guard if a word ends here."""

    __slots__ = ("children", "guard")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.guard: str | None = None


def trie_pattern(words: Iterable[str] | Mapping[str, str], not_after: str = "") -> str:
    """A regular expression matching exactly ``words``, longest first.

    At any position the words that match are prefixes of one another, and the greedy groups
    try them longest first, backtracking to a shorter one when what follows fails.

    :param words: the words, or a mapping of each word to a guard: a pattern (usually a
        lookahead) that must match right after the word for it to count, so that a word
        rejected by its guard falls back to a shorter one.
    :param not_after: a character class (``[…]``); no word may follow one of its characters.
        The test stands after a word's first character, as a look-behind over both, so the
        pattern still starts with a plain character and the engine skips ahead to one.
    """
    guards: Mapping[str, str] = words if isinstance(words, Mapping) else dict.fromkeys(words, "")
    trie = _Node()
    for word, guard in guards.items():
        node = trie
        for ch in word:
            child = node.children.get(ch)
            if child is None:  # not setdefault: that would make a node for every character
                child = node.children[ch] = _Node()
            node = child
        node.guard = guard

    def render(node: _Node, first: bool = False) -> str:
        branches = [
            _ESCAPED.get(ch, ch)
            + (f"(?<!{not_after}{_ESCAPED.get(ch, ch)})" if first and not_after else "")
            + render(child)
            for ch, child in sorted(node.children.items())
        ]
        if node.guard is None:
            return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        guard = node.guard
        if not branches:
            return guard
        if not guard:
            body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
            return f"(?:{body})?"
        return "(?:" + "|".join([*branches, guard]) + ")"

    return render(trie, first=True)
