"""Constructors that skip ``__init__``, for values a parser has already made right.

Private to govreport's core (the structure parser and the built-in extractors): a plugin's
mentions are checked by the parse, and the way to make them is the attrs constructor.


A frozen attrs class sets each field through ``object.__setattr__`` and may validate in
``__attrs_post_init__``: that is what a user building a :class:`~govreport.model.Span` by
hand should get. The structure parser and the extractors make hundreds of thousands of
spans, nodes and terms per megabyte from offsets that are valid by construction, and there
the generated ``__init__`` costs as much as the search. :func:`unchecked` gives them a
constructor that sets the slots directly: an equal object, made at half the cost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from govreport.model.span import Span

T = TypeVar("T")


def unchecked(cls: type[T]) -> Callable[..., T]:
    """A constructor of ``cls`` taking every field positionally, in declaration order.

    It sets the slots and nothing else: no defaults, no converters, no validators, no
    ``__attrs_post_init__``. Use it only where the values are known to be valid.

    :raises TypeError: if ``cls`` is not a slotted attrs class (its fields would not be slots).
    """
    names = _slots(cls)
    body = "".join(f"    _set_{name}(self, {name})\n" for name in names)
    source = f"def make({', '.join(names)}):\n    self = _new(_cls)\n{body}    return self\n"
    return _generated(cls, "make", source, f"unchecked({cls.__name__})")


def moved(cls: type[T]) -> Callable[[T, int, int], T]:
    """A function ``(instance, start, end)`` → a copy of the ``cls`` instance with its field
    ``span`` set to ``Span(start, end)`` and every other field the instance's own object, made
    as :func:`unchecked` makes it (one call where a mention is remade at each place it stands).

    :raises TypeError: if ``cls`` is not a slotted attrs class with a field ``span``.
    """
    names = _slots(cls)
    if "span" not in names:
        raise TypeError(f"{cls.__name__} has no field span")
    body = "".join(
        f"    _set_{name}(self, {'moved' if name == 'span' else 'instance.' + name})\n"
        for name in names
    )
    source = (
        "def move(instance, start, end):\n"
        "    moved = _new(_Span)\n    _put_start(moved, start)\n    _put_end(moved, end)\n"
        f"    self = _new(_cls)\n{body}    return self\n"
    )
    slots = vars(Span)  # the slot descriptors (``Span.start`` reads as an int to a type checker)
    extra = {"_Span": Span, "_put_start": slots["start"].__set__, "_put_end": slots["end"].__set__}
    return _generated(cls, "move", source, f"moved({cls.__name__})", extra)


def replaced(cls: type[T], names: tuple[str, ...]) -> Callable[..., T]:
    """A function ``(instance, *values)`` → a copy of the ``cls`` instance with the fields
    ``names`` set to ``values``, in that order, and every other field the instance's own
    object, made as :func:`unchecked` makes it (no ``attrs.evolve``, no tuple of all fields).

    :raises TypeError: if ``cls`` is not a slotted attrs class with every field of ``names``.
    """
    fields = _slots(cls)
    if not set(names) <= set(fields):
        raise TypeError(f"{cls.__name__} has no field {sorted(set(names) - set(fields))}")
    body = "".join(
        f"    _set_{name}(self, {name if name in names else 'instance.' + name})\n"
        for name in fields
    )
    source = f"def replace(instance, {', '.join(names)}):\n    self = _new(_cls)\n{body}    return self\n"
    return _generated(cls, "replace", source, f"replaced({cls.__name__})")


def _slots(cls: type) -> list[str]:
    """The field names of the slotted attrs class ``cls``, in declaration order."""
    if not attrs.has(cls) or "__slots__" not in vars(cls):
        raise TypeError(f"{cls.__name__} is not a slotted attrs class")
    return [field.name for field in attrs.fields(cls)]


def _generated(
    cls: type, name: str, source: str, qualname: str, extra: dict[str, Any] | None = None
) -> Callable[..., Any]:
    """The function ``name`` of ``source``, which sets the slots of a new ``cls`` through
    ``_set_<field>`` and makes it with ``_new(_cls)``."""
    # Each slot's descriptor lives on the class that declares it (a base, for inherited fields).
    setters = {
        f"_set_{field}": next(
            vars(klass)[field].__set__ for klass in cls.__mro__ if field in vars(klass)
        )
        for field in _slots(cls)
    }
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, **setters, **(extra or {})}
    exec(source, namespace)  # generated from the field names, as attrs makes its own __init__
    function: Callable[..., Any] = namespace[name]
    function.__qualname__ = qualname
    return function
