"""The one place govreport calls plugin code: every call names the plugin and the hook.

A plugin is code govreport does not control. Whatever it raises — an ordinary exception, or a
``SystemExit`` from a stray ``sys.exit()`` — comes out of :func:`call_plugin` as a
:class:`~govreport.errors.PluginError` naming the plugin by its registered name and the hook
(or extractor, or exporter) that was running, so a strict run stops with one line and a
tolerant run can record it. ``KeyboardInterrupt`` is the user's, not the plugin's: it passes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from govreport.errors import PluginError

T = TypeVar("T")


def call_plugin(
    plugin: str,
    hook: str,
    function: Callable[..., T],
    arguments: Mapping[str, Any],
    *,
    passes: tuple[type[Exception], ...] = (),
) -> T:
    """``function(**arguments)``, with any failure as a PluginError naming ``plugin`` and ``hook``.

    A :class:`~govreport.errors.PluginError` raised inside (a plugin calling back into
    govreport) passes unchanged, and so do the exception types in ``passes``: a reader's
    :class:`~govreport.errors.InputError` says the input cannot be read, which is an answer
    about the input, not a fault of the plugin.
    """
    try:
        return function(**arguments)
    except PluginError:
        raise
    except (Exception, SystemExit) as exc:
        if isinstance(exc, passes):
            raise
        raise PluginError(plugin, hook, f"{type(exc).__name__}: {exc}") from exc
