"""Mentions held compactly: positions in arrays, everything else in a table of prototypes.

A term-dense text has a mention every two characters. As objects each would hold a frozen
mention, its :class:`~govreport.model.Span` and the span's two ints: some 200 bytes for six
bytes of UTF-8. :class:`Mentions` keeps each mention as its start and end (8 bytes each) and
the number of its *prototype* (4 bytes): its class and the values of its other fields, one
prototype for all the mentions whose values are the very same objects (a vocabulary term found
a hundred thousand times is one prototype). Mention objects are made when they are read; they
are equal to those put in, not the same objects.
"""

from __future__ import annotations

import operator
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, cast, overload

import attrs

from govreport.model._unchecked import unchecked
from govreport.model.mentions import Mention
from govreport.model.span import Span

_POSITIONS = "q"
"""Array type of starts and ends (signed 64-bit)."""
_PROTOTYPES = "I"
"""Array type of prototype numbers (unsigned, 32 bits on every platform CPython runs on)."""

_span = unchecked(Span)


@attrs.frozen
class _Kind:
    """How the mentions of one class are taken apart and made again."""

    make: Callable[..., Mention]
    """(span, *values) → the mention."""
    values: Callable[[Mention], tuple[Any, ...]]
    """The mention → the values of its fields after ``span``, in declaration order."""
    shared: bool
    """Whether mentions with the same values share a prototype (not for a class kept whole)."""


def _itself(_: Span, mention: Mention) -> Mention:
    return mention


def _whole(mention: Mention) -> tuple[Mention]:
    return (mention,)


_KEPT_WHOLE = _Kind(make=_itself, values=_whole, shared=False)
"""A class whose objects cannot be rebuilt from their fields is kept as its objects."""


def _kind_of(cls: type[Mention]) -> _Kind:
    """How to take apart and make again the mentions of ``cls``: by its fields when it is a
    slotted attrs class whose first field is ``span`` (the built-in kinds and a plugin's
    subclass), else whole."""
    if not attrs.has(cls) or "__slots__" not in vars(cls):
        return _KEPT_WHOLE
    names = [field.name for field in attrs.fields(cls)]
    if names[0] != "span":
        return _KEPT_WHOLE
    rest = names[1:]  # at least ``text``
    getter = operator.attrgetter(*rest)
    values = getter if len(rest) > 1 else lambda mention: (getter(mention),)
    return _Kind(make=unchecked(cast("type[Mention]", cls)), values=values, shared=True)


_Table = Sequence[tuple[Callable[..., Mention], tuple[Any, ...]]]
"""Each prototype: how to make its mentions, and the values of their fields after the span."""


class _Held(Sequence[Mention]):
    """Mentions held as positions and prototypes: what :class:`Mentions` and
    :class:`MentionCollector` share."""

    __slots__ = ("_ends", "_prototypes", "_starts", "_table")

    _starts: array[int]
    _ends: array[int]
    _prototypes: array[int]
    """Each mention's prototype, as its number in ``_table``."""
    _table: _Table

    def __len__(self) -> int:
        return len(self._prototypes)

    @overload
    def __getitem__(self, index: int) -> Mention: ...

    @overload
    def __getitem__(self, index: slice) -> Mentions: ...

    def __getitem__(self, index: int | slice) -> Mention | Mentions:
        if isinstance(index, slice):
            return self._sliced(index)
        make, values = self._table[self._prototypes[index]]
        return make(_span(self._starts[index], self._ends[index]), *values)

    def _sliced(self, index: slice) -> Mentions:
        raise NotImplementedError

    def __iter__(self) -> Iterator[Mention]:
        table = self._table
        for start, end, prototype in zip(self._starts, self._ends, self._prototypes, strict=True):
            make, values = table[prototype]
            yield make(_span(start, end), *values)


class Mentions(_Held):
    """An immutable sequence of mentions, stored compactly; equal to the tuple of the same
    mentions (and hashed as it), indexed and sliced as a tuple is.

    ``Mentions(iterable)`` holds the mentions of any iterable (and is ``iterable`` itself when
    that is Mentions already), as ``tuple(iterable)`` does; :class:`~govreport.model.Report`
    makes one of the mentions it is given. Reading a mention makes it anew:
    ``mentions[0] == mentions[0]``, but not ``is``.
    """

    __slots__ = ("_hash", "_in_order")

    _table: tuple[tuple[Callable[..., Mention], tuple[Any, ...]], ...]
    _in_order: bool
    """Whether the mentions are in document order (``MENTION_ORDER``)."""
    _hash: int | None

    def __new__(cls, mentions: Iterable[Mention] = ()) -> Mentions:
        if isinstance(mentions, Mentions):
            return mentions
        collector = MentionCollector()
        for mention in mentions:
            collector.append(mention)
        return collector.finish()

    @classmethod
    def _made(
        cls,
        starts: array[int],
        ends: array[int],
        prototypes: array[int],
        table: tuple[tuple[Callable[..., Mention], tuple[Any, ...]], ...],
        in_order: bool,
    ) -> Mentions:
        self = object.__new__(cls)
        for name, value in (
            ("_starts", starts),
            ("_ends", ends),
            ("_prototypes", prototypes),
            ("_table", table),
            ("_in_order", in_order),
            ("_hash", None),
        ):
            object.__setattr__(self, name, value)
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Mentions are immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Mentions are immutable")

    def _sliced(self, index: slice) -> Mentions:
        return Mentions._made(
            self._starts[index],
            self._ends[index],
            self._prototypes[index],
            self._table,
            self._in_order and (index.step is None or index.step > 0),
        )

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mentions):
            if self._table is other._table and self._prototypes == other._prototypes:
                return self._starts == other._starts and self._ends == other._ends
        elif not isinstance(other, tuple):
            return NotImplemented
        return len(self) == len(other) and all(map(operator.eq, self, other))

    def __hash__(self) -> int:
        value = self._hash
        if value is None:
            value = hash(tuple(self))
            object.__setattr__(self, "_hash", value)
        return value

    def __repr__(self) -> str:
        return f"Mentions({tuple(self)!r})"

    def __reduce__(self) -> tuple[type[Mentions], tuple[tuple[Mention, ...]]]:
        # The table holds generated constructors, which do not pickle: the mentions do.
        return Mentions, (tuple(self),)

    def ordered(self) -> Mentions:
        """These mentions in document order (by ``MENTION_ORDER``: span start, span end,
        kind; mentions equal on those keep their order): themselves when they already are."""
        if self._in_order:
            return self
        collector = MentionCollector()
        for mention in self:
            collector.append(mention)
        collector.sort()
        return collector.finish()


class MentionCollector(_Held):
    """Mentions gathered one by one (as a parse finds them) into the arrays :class:`Mentions`
    is made of; a mention may be replaced, the last ones dropped, and all sorted."""

    __slots__ = ("_in_order", "_kinds", "_last", "_order", "_orphans", "_shared")

    _table: list[tuple[Callable[..., Mention], tuple[Any, ...]]]

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._starts = array(_POSITIONS)
        self._ends = array(_POSITIONS)
        self._prototypes = array(_PROTOTYPES)
        self._table = []
        self._order: list[str] = []
        """Each prototype's ``kind``, the last key of ``MENTION_ORDER``."""
        self._shared: dict[tuple[Any, ...], int] = {}
        """Values (the class first) → their prototype."""
        self._kinds: dict[type[Mention], _Kind] = {}
        self._last: tuple[int, int, str] | None = None
        """The ``MENTION_ORDER`` key of the last mention."""
        self._in_order = True
        self._orphans = False
        """Whether a prototype may have lost its last mention (replaced or dropped)."""

    def _prototype(self, mention: Mention) -> int:
        cls = type(mention)
        kind = self._kinds.get(cls)
        if kind is None:
            kind = self._kinds[cls] = _kind_of(cls)
        values = kind.values(mention)
        if kind.shared:
            key = (cls, *values)
            try:
                number = self._shared.get(key)
            except TypeError:  # a field holds an unhashable value: no sharing
                number = None
                key = ()
            # Equal is not enough (1.0 == 1.00, a str and a str enum): the very same values.
            if number is not None and all(map(operator.is_, self._table[number][1], values)):
                return number
            if key:
                self._shared[key] = len(self._table)
        self._table.append((kind.make, values))
        self._order.append(mention.kind)
        return len(self._table) - 1

    def append(self, mention: Mention) -> None:
        """Add ``mention`` after the others."""
        prototype = self._prototype(mention)
        span = mention.span
        start, end = span.start, span.end
        self._starts.append(start)
        self._ends.append(end)
        self._prototypes.append(prototype)
        key = (start, end, self._order[prototype])
        if self._in_order and self._last is not None and key < self._last:
            self._in_order = False
        self._last = key

    def _sliced(self, index: slice) -> Mentions:
        return self.snapshot()[index]

    def __setitem__(self, index: int, mention: Mention) -> None:
        """Put ``mention`` in the place of the one at ``index`` (at the same span and kind, or
        the order is no longer known)."""
        prototype = self._prototype(mention)
        span = mention.span
        if (span.start, span.end, mention.kind) != self._key(index):
            self._in_order = False
        self._starts[index], self._ends[index] = span.start, span.end
        self._prototypes[index] = prototype
        self._orphans = True

    def _key(self, index: int) -> tuple[int, int, str]:
        """The ``MENTION_ORDER`` key of the mention at ``index``."""
        return self._starts[index], self._ends[index], self._order[self._prototypes[index]]

    def truncate(self, length: int) -> None:
        """Drop every mention after the first ``length``."""
        if length >= len(self):
            return
        del self._starts[length:], self._ends[length:], self._prototypes[length:]
        self._orphans = True
        self._last = self._key(-1) if length else None
        if not self._in_order:  # what is left may be (a prefix of mentions in order is)
            keys = list(map(self._key, range(length)))
            self._in_order = keys == sorted(keys)

    def sort(self) -> None:
        """Put the mentions in document order (``MENTION_ORDER``); a stable sort."""
        if self._in_order:
            return
        places = sorted(range(len(self)), key=self._key)
        self._starts = array(_POSITIONS, map(self._starts.__getitem__, places))
        self._ends = array(_POSITIONS, map(self._ends.__getitem__, places))
        self._prototypes = array(_PROTOTYPES, map(self._prototypes.__getitem__, places))
        self._in_order = True
        self._last = self._key(-1)

    def snapshot(self) -> Mentions:
        """The mentions gathered so far, as Mentions that later changes leave alone."""
        return Mentions._made(
            array(_POSITIONS, self._starts),
            array(_POSITIONS, self._ends),
            array(_PROTOTYPES, self._prototypes),
            tuple(self._table),
            self._in_order,
        )

    def finish(self) -> Mentions:
        """The mentions gathered, as Mentions; the collector is empty after."""
        prototypes, table = self._prototypes, self._table
        if self._orphans:  # keep only the prototypes some mention still has
            used = sorted(set(prototypes))
            renumbered = {old: new for new, old in enumerate(used)}
            prototypes = array(_PROTOTYPES, map(renumbered.__getitem__, prototypes))
            table = [table[old] for old in used]
        mentions = Mentions._made(
            self._starts, self._ends, prototypes, tuple(table), self._in_order
        )
        self._reset()  # the arrays are the Mentions' now
        return mentions
