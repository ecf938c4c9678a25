"""Optional parts of patterns written the way sre matches them fastest.

``(?:x)?``, when ``x`` holds a group or more than one item, compiles to sre's general repeat,
which sets up a repeat context and saves and restores the groups: a few hundred instructions
each time it is tried. ``(?:x|)`` tries the same things in the same order (``x`` first, then
nothing; ``(?:|x)`` for the lazy ``??``) and is matched as a plain alternation. The extractors'
patterns are tried at every number and date, each through a dozen such parts.
"""

from __future__ import annotations


def optional(pattern: str) -> str:
    """``(?:pattern)?``: ``pattern`` if it matches, else nothing."""
    return f"(?:{pattern}|)"


def lazy_optional(pattern: str) -> str:
    """``(?:pattern)??``: nothing first, ``pattern`` when what follows needs it."""
    return f"(?:|{pattern})"
