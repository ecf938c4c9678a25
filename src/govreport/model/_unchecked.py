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

T = TypeVar("T")


def unchecked(cls: type[T]) -> Callable[..., T]:
    """A constructor of ``cls`` taking every field positionally, in declaration order.

    It sets the slots and nothing else: no defaults, no converters, no validators, no
    ``__attrs_post_init__``. Use it only where the values are known to be valid.

    :raises TypeError: if ``cls`` is not a slotted attrs class (its fields would not be slots).
    """
    if not attrs.has(cls) or "__slots__" not in vars(cls):
        raise TypeError(f"{cls.__name__} is not a slotted attrs class")
    names = [field.name for field in attrs.fields(cls)]
    # Each slot's descriptor lives on the class that declares it (a base, for inherited fields).
    setters = {
        f"_set_{name}": next(
            vars(klass)[name].__set__ for klass in cls.__mro__ if name in vars(klass)
        )
        for name in names
    }
    body = "".join(f"    _set_{name}(self, {name})\n" for name in names)
    source = f"def make({', '.join(names)}):\n    self = _new(_cls)\n{body}    return self\n"
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, **setters}
    exec(source, namespace)  # generated from the field names, as attrs makes its own __init__
    make: Callable[..., T] = namespace["make"]
    make.__qualname__ = f"unchecked({cls.__name__})"
    return make
