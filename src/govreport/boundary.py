"""The one place govreport calls plugin code: every call names the plugin and the hook.

A plugin is code govreport does not control. Whatever it raises — an ordinary exception, or a
``SystemExit`` from a stray ``sys.exit()`` — comes out of :func:`call_plugin` as a
:class:`~govreport.errors.PluginError` naming the plugin by its registered name and the hook
(or extractor, or exporter) that was running, so a strict run stops with one line and a
tolerant run can record it. ``KeyboardInterrupt`` is the user's, not the plugin's: it passes.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

import attrs

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


def misfit(value: object) -> str | None:
    """Why the attrs instance ``value`` (a plugin made it) does not hold the types its class
    declares, or None when it does.

    The model's constructors do not check types, so a plugin can build a quantity whose value is
    a ``str`` or a span of floats; the exporters would fail on it later, blamed on themselves.
    Fields holding attrs instances (a span, an indicator) are checked in turn; a bool is not
    taken for an int, nor a Decimal that is not finite for a number.
    """
    for field in _declared(type(value)):
        held = getattr(value, field.name)
        if not isinstance(held, field.allowed) or (field.no_bool and type(held) is bool):
            names = " or ".join(
                "None" if kind is type(None) else kind.__name__ for kind in field.allowed
            )
            return f"{field.name} {_short(held)} is {type(held).__name__}, not {names}"
        if field.number and isinstance(held, Decimal) and not held.is_finite():
            return f"{field.name} {held} is not a finite number"
        if field.nested and held is not None and (inner := misfit(held)) is not None:
            return f"{field.name}.{inner}"
    return None


def _short(value: object) -> str:
    written = repr(value)
    return written if len(written) <= 40 else written[:40] + "…"


@attrs.frozen
class _Field:
    """A field of an attrs class, with what its declared type allows."""

    name: str
    allowed: tuple[type, ...]
    """The classes its value may be an instance of."""
    no_bool: bool
    """It allows int but not bool (which is an int to ``isinstance``)."""
    number: bool
    """It allows Decimal: a value must also be finite."""
    nested: bool
    """It allows an attrs class, whose own fields are checked in turn."""


_DECLARED: dict[type, tuple[_Field, ...]] = {}
""":func:`_declared`'s answers, by class."""


def _declared(cls: type) -> tuple[_Field, ...]:
    """The fields of the attrs class ``cls`` whose declared type can be checked; computed once
    per class."""
    if cls in _DECLARED:
        return _DECLARED[cls]
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # a plugin's annotations that do not resolve: its fields go unchecked
        hints = {}
    declared = []
    for field in attrs.fields(cls):
        allowed = _classes(hints.get(field.name, Any))
        if allowed:
            declared.append(
                _Field(
                    name=field.name,
                    allowed=allowed,
                    no_bool=int in allowed and bool not in allowed,
                    number=Decimal in allowed,
                    nested=any(attrs.has(kind) for kind in allowed),
                )
            )
    _DECLARED[cls] = tuple(declared)
    return _DECLARED[cls]


def _classes(hint: object) -> tuple[type, ...]:
    """The classes a value of type ``hint`` may be an instance of; () when that is not known."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        parts = [_classes(part) for part in typing.get_args(hint)]
        return () if not all(parts) else tuple(kind for part in parts for kind in part)
    origin = typing.get_origin(hint) or hint
    return (origin,) if isinstance(origin, type) and origin is not Any else ()
