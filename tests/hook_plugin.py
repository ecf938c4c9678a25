"""A plugin made of functions, for tests of the hooks and of what happens when they fail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import govreport


class Plugin:
    """A plugin assembled from keyword functions, each wrapped as a hook implementation.

    The host names it after the class's ``__name__`` when a subclass sets one (a fixed name to
    assert on), else after the class: ``Plugin`` (``Plugin#2`` for a second one).
    """

    def __init__(self, **hooks: Callable[..., Any]) -> None:
        for name, function in hooks.items():
            setattr(self, name, govreport.hookimpl(function))
