"""Mentions held compactly: positions in arrays, each mention read from a prototype.

A term-dense text has a mention every two characters. As objects each would hold a frozen
mention, its :class:`~govreport.model.Span` and the span's two ints: some 200 bytes for six
bytes of UTF-8. :class:`Mentions` keeps each mention as its start and end (8 bytes each) and
the number of its *prototype* (4 bytes): the first mention of its class whose fields other
than the span hold the very same objects. A vocabulary term found a hundred thousand times is
one prototype; a mention like no other is its own. Reading a mention gives its prototype where
the spans agree, else a new mention of the prototype's fields at its own span.
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
_KIND = operator.attrgetter("kind")


@attrs.frozen
class _Kind:
    """How the mentions of one class are made again at another span."""

    make: Callable[..., Mention]
    """(span, *values) → the mention."""
    values: Callable[[Mention], tuple[Any, ...]]
    """The mention → the values of its fields after ``span``, in declaration order."""


_KINDS: dict[type[Mention], _Kind | None] = {}
""":func:`_kind_of`'s answers, by class."""


def _kind_of(cls: type[Mention]) -> _Kind | None:
    """How to make the mentions of ``cls`` at another span, or None when they are not made
    so (not a slotted attrs class whose first field is ``span``, as the built-in kinds and
    their subclasses are): each is then kept as it is, its own prototype. Worked out once per
    class."""
    try:
        return _KINDS[cls]
    except KeyError:
        pass
    kind = None
    if attrs.has(cls) and "__slots__" in vars(cls):
        names = [field.name for field in attrs.fields(cls)]
        if names[0] == "span":
            getter = operator.attrgetter(*names[1:])  # at least ``text``
            values = getter if len(names) > 2 else lambda mention: (getter(mention),)
            kind = _Kind(make=unchecked(cast("type[Mention]", cls)), values=values)
    _KINDS[cls] = kind
    return kind


def _at(prototype: Mention, start: int, end: int) -> Mention:
    """The mention with ``prototype``'s fields at ``[start, end)``."""
    span = prototype.span
    if span.start == start and span.end == end:
        return prototype
    kind = _kind_of(type(prototype))
    assert kind is not None  # a mention kept as it is has no other span
    return kind.make(_span(start, end), *kind.values(prototype))


class _Held(Sequence[Mention]):
    """Mentions held as positions and prototypes: what :class:`Mentions` and
    :class:`MentionCollector` share."""

    __slots__ = ("_ends", "_prototypes", "_starts", "_table")

    _starts: array[int]
    _ends: array[int]
    _prototypes: array[int]
    """Each mention's prototype, as its number in ``_table``."""
    _table: Sequence[Mention]

    def __len__(self) -> int:
        return len(self._prototypes)

    @overload
    def __getitem__(self, index: int) -> Mention: ...

    @overload
    def __getitem__(self, index: slice) -> Mentions: ...

    def __getitem__(self, index: int | slice) -> Mention | Mentions:
        if isinstance(index, slice):
            return self._sliced(index)
        return _at(self._table[self._prototypes[index]], self._starts[index], self._ends[index])

    def _sliced(self, index: slice) -> Mentions:
        raise NotImplementedError

    def __iter__(self) -> Iterator[Mention]:
        return map(_at, map(self._table.__getitem__, self._prototypes), self._starts, self._ends)


class Mentions(_Held):
    """An immutable sequence of mentions, stored compactly; equal to the tuple of the same
    mentions (and hashed as it), indexed and sliced as a tuple is.

    ``Mentions(iterable)`` holds the mentions of any iterable (and is ``iterable`` itself when
    that is Mentions already), as ``tuple(iterable)`` does; :class:`~govreport.model.Report`
    makes one of the mentions it is given. Reading a mention makes it anew:
    ``mentions[0] == mentions[0]``, but not ``is``.
    """

    __slots__ = ("_hash", "_in_order")

    _table: tuple[Mention, ...]
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
        table: tuple[Mention, ...],
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

    __slots__ = ("_in_order", "_last", "_orphans", "_shared")

    _table: list[Mention]

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._starts = array(_POSITIONS)
        self._ends = array(_POSITIONS)
        self._prototypes = array(_PROTOTYPES)
        self._table = []
        self._shared: dict[int, int] = {}
        """The id of a text → the last prototype with it."""
        self._last: tuple[int, int, str] | None = None
        """The ``MENTION_ORDER`` key of the last mention."""
        self._in_order = True
        self._orphans = False
        """Whether a prototype may have lost its last mention (replaced or dropped)."""

    def _prototype(self, mention: Mention) -> int:
        """The number of the prototype of ``mention``: an earlier mention whose fields other
        than the span hold the very same objects, else ``mention`` itself, added."""
        table = self._table
        number = len(table)
        kind = _kind_of(type(mention))
        if kind is not None:
            # Equal is not enough (1.0 == 1.00, and a str equals a str enum), so the candidate
            # is found by the identity of the text: a vocabulary's terms share theirs, other
            # texts are new slices. The table keeps each text alive, so its id stays its own.
            key = id(mention.text)
            earlier = self._shared.get(key)
            if earlier is not None:
                prototype = table[earlier]
                if type(prototype) is type(mention) and all(
                    map(operator.is_, kind.values(prototype), kind.values(mention))
                ):
                    return earlier
            self._shared[key] = number
        table.append(mention)
        return number

    def append(self, mention: Mention) -> None:
        """Add ``mention`` after the others."""
        prototype = self._prototype(mention)
        span = mention.span
        start, end = span.start, span.end
        self._starts.append(start)
        self._ends.append(end)
        self._prototypes.append(prototype)
        key = (start, end, mention.kind)
        if self._in_order and self._last is not None and key < self._last:
            self._in_order = False
        self._last = key

    def _sliced(self, index: slice) -> Mentions:
        return self.snapshot()[index]

    def __setitem__(self, index: int, mention: Mention) -> None:
        """Put ``mention`` in the place of the one at ``index``, as its own prototype (a
        quantity and its indicator are like no other); if its span or kind differ, the order
        is no longer known."""
        span = mention.span
        if (span.start, span.end, mention.kind) != self._key(index):
            self._in_order = False
            self._starts[index], self._ends[index] = span.start, span.end
        self._prototypes[index] = len(self._table)
        self._table.append(mention)
        self._orphans = True

    def _key(self, index: int) -> tuple[int, int, str]:
        """The ``MENTION_ORDER`` key of the mention at ``index``."""
        return self._starts[index], self._ends[index], self._table[self._prototypes[index]].kind

    def _keys(self) -> list[tuple[int, int, str]]:
        """The ``MENTION_ORDER`` key of every mention."""
        kinds = map(_KIND, map(self._table.__getitem__, self._prototypes))
        return list(zip(self._starts, self._ends, kinds, strict=True))

    def truncate(self, length: int) -> None:
        """Drop every mention after the first ``length``."""
        if length >= len(self):
            return
        del self._starts[length:], self._ends[length:], self._prototypes[length:]
        self._orphans = True
        self._last = self._key(-1) if length else None
        if not self._in_order:  # what is left may be (a prefix of mentions in order is)
            keys = self._keys()
            self._in_order = keys == sorted(keys)

    def sort(self) -> None:
        """Put the mentions in document order (``MENTION_ORDER``); a stable sort."""
        if self._in_order:
            return
        places = sorted(range(len(self)), key=self._keys().__getitem__)
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
