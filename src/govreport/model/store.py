"""Mentions held compactly where they repeat: positions in arrays, each mention read from a
prototype.

A term-dense text has a mention every two characters. As objects each would hold a frozen
mention, its :class:`~govreport.model.Span` and the span's two ints: some 200 bytes for six
bytes of UTF-8. Where mentions repeat, :class:`Mentions` keeps each as its start and end (8
bytes each) and the number of its *prototype* (4 bytes): the first mention of its class whose
fields other than the span hold the very same objects. A vocabulary term found a hundred
thousand times is one prototype; a mention like no other is its own. Reading a mention gives
its prototype where the spans agree, else a new mention of the prototype's fields at its own
span.

Mentions come in blocks (:data:`BLOCK` of them, as a parse reads an extractor's output); a
block is held compactly only when it is full and most of its mentions share their text with
another. An ordinary report, a mention every few dozen characters, never fills one: its
mentions stay a tuple of the objects the extractors made, read back at the speed of a tuple.
"""

from __future__ import annotations

import operator
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import compress, count, islice
from typing import Any, TypeVar, cast, overload

import attrs

from govreport.model._unchecked import moved
from govreport.model.mentions import MENTION_ORDER, Mention

M = TypeVar("M", bound=Mention)

BLOCK = 4096
"""Mentions taken in at a time: what the parse holds as objects, at most, beyond the others."""
_POSITIONS = "q"
"""Array type of starts and ends (signed 64-bit)."""
_PROTOTYPES = "I"
"""Array type of prototype numbers (unsigned, 32 bits on every platform CPython runs on)."""

_START = operator.attrgetter("span.start")
_END = operator.attrgetter("span.end")
_TEXT = operator.attrgetter("text")
_KIND = operator.attrgetter("kind")

_Compact = tuple["array[int]", "array[int]", "array[int]"]
"""Each mention's start, end and prototype number."""


@attrs.frozen
class _Kind:
    """How the mentions of one class are compared and made again at another span."""

    move: Callable[[Mention, int, int], Mention]
    """(mention, start, end) → the mention at ``[start, end)``."""
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
            kind = _Kind(move=moved(cast("type[Mention]", cls)), values=values)
    _KINDS[cls] = kind
    return kind


def _at(prototype: Mention, start: int, end: int) -> Mention:
    """The mention with ``prototype``'s fields at ``[start, end)``."""
    span = prototype.span
    if span.start == start and span.end == end:
        return prototype
    kind = _KINDS[type(prototype)]
    assert kind is not None  # a mention kept as it is has no other span
    return kind.move(prototype, start, end)


def _blocks(mentions: Iterable[Mention]) -> Iterator[list[Mention]]:
    """``mentions`` in lists of :data:`BLOCK`, the last one shorter."""
    iterator = iter(mentions)
    while block := list(islice(iterator, BLOCK)):
        yield block


def _ordered(compact: _Compact, table: Sequence[Mention]) -> bool:
    """Whether the mentions so held are in document order (``MENTION_ORDER``): at once when
    their starts rise (a term at every place), else by their keys."""
    starts, ends, prototypes = compact
    if all(map(operator.lt, starts, islice(starts, 1, None))):
        return True
    kinds = map(_KIND, map(table.__getitem__, prototypes))
    keys = list(zip(starts, ends, kinds, strict=True))
    return all(map(operator.le, keys, islice(keys, 1, None)))


class _Held(Sequence[Mention]):
    """Mentions as objects or compactly: what :class:`Mentions` and :class:`MentionCollector`
    share."""

    __slots__ = ("_compact", "_table")

    _table: Sequence[Mention]
    """The prototypes; without ``_compact``, the mentions themselves."""
    _compact: _Compact | None

    def __len__(self) -> int:
        return len(self._table) if self._compact is None else len(self._compact[2])

    @overload
    def __getitem__(self, index: int) -> Mention: ...

    @overload
    def __getitem__(self, index: slice) -> Mentions: ...

    def __getitem__(self, index: int | slice) -> Mention | Mentions:
        if isinstance(index, slice):
            return self._sliced(index)
        if self._compact is None:
            return self._table[index]
        starts, ends, prototypes = self._compact
        return _at(self._table[prototypes[index]], starts[index], ends[index])

    def _sliced(self, index: slice) -> Mentions:
        raise NotImplementedError

    def __iter__(self) -> Iterator[Mention]:
        if self._compact is None:
            return iter(self._table)
        starts, ends, prototypes = self._compact
        return map(_at, map(self._table.__getitem__, prototypes), starts, ends)

    def places(self, cls: type[Mention]) -> list[int]:
        """Where the instances of ``cls`` stand, in order: found by their prototypes' class,
        so that no other mention is made."""
        table = self._table
        held = table if self._compact is None else map(table.__getitem__, self._compact[2])
        return list(compress(count(), map(cls.__instancecheck__, held)))

    def instances(self, cls: type[M]) -> list[M]:
        """The instances of ``cls`` among these mentions, in order (as ``filter`` would give
        them, but without making the others)."""
        if self._compact is None:
            return cast("list[M]", list(filter(cls.__instancecheck__, self._table)))
        return cast("list[M]", list(map(self.__getitem__, self.places(cls))))

    def span_bounds(self) -> tuple[Iterable[int], Iterable[int]]:
        """Each mention's span start and span end, in order, without making the mentions."""
        if self._compact is None:
            return map(_START, self._table), map(_END, self._table)
        return self._compact[0], self._compact[1]


class Mentions(_Held):
    """An immutable sequence of mentions, held compactly where they repeat; equal to the tuple
    of the same mentions (and hashed as it), indexed and sliced as a tuple is.

    ``Mentions(iterable)`` holds the mentions of any iterable (and is ``iterable`` itself when
    that is Mentions already), as ``tuple(iterable)`` does; :class:`~govreport.model.Report`
    makes one of the mentions it is given. A mention held compactly is made anew when read,
    equal to the one put in: ``mentions[i] == mentions[i]``, not always ``is``.
    """

    __slots__ = ("_hash", "_in_order")

    _table: tuple[Mention, ...]
    _in_order: bool
    """Whether the mentions are known to be in document order (``MENTION_ORDER``)."""
    _hash: int | None

    def __new__(cls, mentions: Iterable[Mention] = ()) -> Mentions:
        if isinstance(mentions, Mentions):
            return mentions
        collector = MentionCollector()
        for block in _blocks(mentions):
            collector.extend(block)
        return collector.finish()

    @classmethod
    def placed(
        cls,
        prototypes: Sequence[Mention],
        starts: array[int],
        ends: array[int],
        numbers: array[int],
    ) -> Mentions:
        """Mentions given compactly, as an extractor that finds the same things again and
        again may make them: the ``i``-th is ``prototypes[numbers[i]]`` with its span moved to
        ``[starts[i], ends[i])``. The arrays become the Mentions' own.

        :raises ValueError: if the arrays differ in length or type (``q``, ``q``, ``I``), a
            number is no prototype's, or a prototype's class cannot be moved (it is not a
            slotted attrs class whose first field is ``span``).
        """
        compact = (starts, ends, numbers)
        if (starts.typecode, ends.typecode, numbers.typecode) != (
            _POSITIONS,
            _POSITIONS,
            _PROTOTYPES,
        ) or not len(starts) == len(ends) == len(numbers):
            raise ValueError("starts, ends and numbers must be arrays of q, q and I, as long")
        if numbers and max(numbers) >= len(prototypes):
            raise ValueError(f"a number is past the {len(prototypes)} prototypes")
        unmoved = next((p for p in prototypes if _kind_of(type(p)) is None), None)
        if unmoved is not None:
            raise ValueError(f"{type(unmoved).__name__} mentions cannot be moved to a span")
        table = tuple(prototypes)
        return cls._made(table, compact, _ordered(compact, table))

    def placements(self) -> tuple[memoryview, memoryview, memoryview] | None:
        """How the mentions are held when compactly: each one's span start, span end and
        prototype number (an index into :meth:`prototypes`), read-only; None when each mention
        is held as itself. Lets a writer handle a prototype once for all its places."""
        if self._compact is None:
            return None
        return tuple(memoryview(column).toreadonly() for column in self._compact)  # type: ignore[return-value]

    def prototypes(self) -> tuple[Mention, ...]:
        """The mentions these are made from: each of them is one of these, its span moved
        (all of them, when none repeats another)."""
        return self._table

    def mismatch(self, text: str) -> int | None:
        """The index of the first mention whose span is not a range of ``text`` or whose
        ``text`` is not the text at its span, or None when there is none (read through the
        prototypes: no mention is made)."""
        table = self._table
        if self._compact is None:
            return misplaced(table, text)
        starts, ends, numbers = self._compact
        return _first_misplaced(starts, ends, map(_TEXT, map(table.__getitem__, numbers)), text)

    @classmethod
    def _made(
        cls, table: tuple[Mention, ...], compact: _Compact | None, in_order: bool
    ) -> Mentions:
        self = object.__new__(cls)
        for name, value in (
            ("_table", table),
            ("_compact", compact),
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
        in_order = self._in_order and (index.step is None or index.step > 0)
        if self._compact is None:
            return Mentions._made(self._table[index], None, in_order)
        starts, ends, prototypes = self._compact
        compact = (starts[index], ends[index], prototypes[index])
        return Mentions._made(self._table, compact, in_order)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mentions):
            if self._compact is None and other._compact is None:
                return self._table == other._table
        elif isinstance(other, tuple):
            if self._compact is None:
                return self._table == other
        else:
            return NotImplemented
        return len(self) == len(other) and all(map(operator.eq, self, other))

    def __hash__(self) -> int:
        value = self._hash
        if value is None:
            value = hash(self._table if self._compact is None else tuple(self))
            object.__setattr__(self, "_hash", value)
        return value

    def __repr__(self) -> str:
        return f"Mentions({tuple(self)!r})"

    def __reduce__(self) -> tuple[type[Mentions], tuple[tuple[Mention, ...]]]:
        # Compact ones are rebuilt from their mentions, which pickle whatever the layout.
        return Mentions, (tuple(self),)

    def ordered(self) -> Mentions:
        """These mentions in document order (by ``MENTION_ORDER``: span start, span end,
        kind; mentions equal on those keep their order): themselves when they already are."""
        if self._in_order:
            return self
        collector = MentionCollector()
        for block in _blocks(self):
            collector.extend(block)
        collector.sort()
        return collector.finish()


class MentionCollector(_Held):
    """Mentions gathered block by block (as a parse reads them) into what :class:`Mentions` is
    made of; a mention may be replaced, the last ones dropped, and all sorted."""

    __slots__ = ("_in_order", "_orphans", "_shared")

    _table: list[Mention]

    def __init__(self) -> None:
        self._clear()

    def _clear(self) -> None:
        self._table = []
        self._compact = None
        self._shared: dict[int, tuple[int, type[Mention], tuple[Any, ...]]] = {}
        """The id of a text → the last prototype with it, its class and its values after the
        span."""
        self._in_order = True
        """Whether the mentions are known to be in document order."""
        self._orphans = False
        """Whether a prototype may have lost its last mention (replaced or dropped)."""

    def extend(self, block: list[Mention]) -> None:
        """Add the mentions of ``block`` (at most :data:`BLOCK`) after the others."""
        if not block:
            return
        shares = len(block) >= BLOCK and 2 * len(set(map(id, map(_TEXT, block)))) <= len(block)
        if self._compact is None and not shares:
            self._in_order = False  # sorted once, at the end
            self._table.extend(block)
            return
        starts, ends, prototypes = self._compacted()
        first = len(starts)
        starts.extend(map(_START, block))
        ends.extend(map(_END, block))
        if shares:
            prototypes.extend(self._shared_prototypes(block))
        else:
            prototypes.extend(range(len(self._table), len(self._table) + len(block)))
            self._table.extend(block)
        self._check_order(first)

    def adopt(self, mentions: Mentions) -> None:
        """Add ``mentions`` after the others: as they are held when they fill a block and
        repeat as much as a block held compactly does, else as objects."""
        compact = mentions._compact
        if compact is None or len(mentions) < BLOCK or 2 * len(mentions._table) > len(mentions):
            for block in _blocks(mentions):
                self.extend(block)
            return
        starts, ends, prototypes = self._compacted()
        first, offset = len(starts), len(self._table)
        starts.extend(compact[0])
        ends.extend(compact[1])
        prototypes.extend(map(offset.__add__, compact[2]))
        self._table.extend(mentions._table)
        self._check_order(first)

    def _compacted(self) -> _Compact:
        """The arrays, made when the mentions are still held as objects (their own
        prototypes)."""
        if self._compact is None:
            table = self._table
            self._compact = (
                array(_POSITIONS, map(_START, table)),
                array(_POSITIONS, map(_END, table)),
                array(_PROTOTYPES, range(len(table))),
            )
            self._in_order = _ordered(self._compact, table)
        return self._compact

    def _check_order(self, first: int) -> None:
        """Keep ``_in_order`` true only while the mentions from ``first`` on (just added to
        mentions held compactly) follow in order."""
        if self._in_order:
            compact = self._compact
            assert compact is not None
            since = max(first - 1, 0)
            added = (compact[0][since:], compact[1][since:], compact[2][since:])
            self._in_order = _ordered(added, self._table)

    def _shared_prototypes(self, block: list[Mention]) -> Iterator[int]:
        """The number of the prototype of each mention of ``block``: an earlier mention of its
        class whose fields other than the span hold the very same objects, else the mention
        itself, added to the table."""
        table, shared, same = self._table, self._shared, operator.is_
        kinds = {cls: _kind_of(cls) for cls in set(map(type, block))}
        # Equal is not enough (1.0 == 1.00, and a str equals a str enum), so the candidate is
        # found by the identity of the text: a vocabulary's terms share theirs, other texts are
        # new slices. The table keeps each text alive, so its id stays its own.
        texts = map(id, map(_TEXT, block))
        for mention, text, cls in zip(block, texts, map(type, block), strict=True):
            kind = kinds[cls]
            if kind is not None:
                values = kind.values(mention)
                earlier = shared.get(text)
                if earlier is not None and earlier[1] is cls and all(map(same, earlier[2], values)):
                    yield earlier[0]
                    continue
                shared[text] = (len(table), cls, values)
            yield len(table)
            table.append(mention)

    def _sliced(self, index: slice) -> Mentions:
        return self.snapshot()[index]

    def __setitem__(self, index: int, mention: Mention) -> None:
        """Put ``mention``, at the same span and of the same kind, in the place of the one at
        ``index`` (held compactly, as its own prototype: a linked quantity is like no other)."""
        if self._compact is None:
            self._table[index] = mention
            return
        self._compact[2][index] = len(self._table)
        self._table.append(mention)
        self._orphans = True

    def truncate(self, length: int) -> None:
        """Drop every mention after the first ``length``."""
        if self._compact is None:
            del self._table[length:]
            return
        starts, ends, prototypes = self._compact
        if length >= len(prototypes):
            return
        del starts[length:], ends[length:], prototypes[length:]
        self._orphans = True
        if not self._in_order:  # what is left may be (a prefix of mentions in order is)
            self._in_order = _ordered(self._compact, self._table)

    def sort(self) -> None:
        """Put the mentions in document order (``MENTION_ORDER``); a stable sort."""
        if self._in_order:
            return
        self._in_order = True
        if self._compact is None:
            # By span start first, an int key (a cheap sort, stable, as MENTION_ORDER's is); only
            # mentions that share a start need the whole key.
            table = self._table
            table.sort(key=_START)
            firsts = list(map(_START, table))
            if any(map(operator.eq, firsts, islice(firsts, 1, None))):
                table.sort(key=MENTION_ORDER)
            return
        starts, ends, prototypes = self._compact
        kinds = map(_KIND, map(self._table.__getitem__, prototypes))
        keys = list(zip(starts, ends, kinds, strict=True))
        places = sorted(range(len(keys)), key=keys.__getitem__)
        self._compact = (
            array(_POSITIONS, map(starts.__getitem__, places)),
            array(_POSITIONS, map(ends.__getitem__, places)),
            array(_PROTOTYPES, map(prototypes.__getitem__, places)),
        )

    def snapshot(self) -> Mentions:
        """The mentions gathered so far, as Mentions that later changes leave alone."""
        compact = self._compact
        if compact is not None:
            compact = (
                array(_POSITIONS, compact[0]),
                array(_POSITIONS, compact[1]),
                array(_PROTOTYPES, compact[2]),
            )
        return Mentions._made(tuple(self._table), compact, False)

    def finish(self) -> Mentions:
        """The mentions gathered, as Mentions (in document order if :meth:`sort` was the last
        change); the collector is empty after."""
        compact, table = self._compact, self._table
        if compact is not None and self._orphans:  # keep the prototypes some mention has
            starts, ends, prototypes = compact
            used = sorted(set(prototypes))
            renumbered = {old: new for new, old in enumerate(used)}
            compact = (starts, ends, array(_PROTOTYPES, map(renumbered.__getitem__, prototypes)))
            table = [table[old] for old in used]
        mentions = Mentions._made(tuple(table), compact, self._in_order)
        self._clear()  # the arrays are the Mentions' now
        return mentions


def misplaced(mentions: Sequence[Mention], text: str) -> int | None:
    """The index of the first of ``mentions`` whose span is not a range of ``text`` or whose
    ``text`` is not the text at its span, or None when there is none."""
    if isinstance(mentions, Mentions):
        return mentions.mismatch(text)
    starts, ends = list(map(_START, mentions)), list(map(_END, mentions))
    return _first_misplaced(starts, ends, map(_TEXT, mentions), text)


def _first_misplaced(
    starts: Sequence[int], ends: Sequence[int], texts: Iterable[str], text: str
) -> int | None:
    # A parse checks every mention it is given, so all are checked in C-level passes, and
    # ``texts`` streamed once (a store's starts and ends are arrays: no copy of a million
    # mentions' columns); a span out of range sends them place by place.
    size = len(text)
    if (
        all(map(operator.le, starts, ends))
        and min(starts, default=0) >= 0
        and max(ends, default=0) <= size
    ):
        unequal = map(operator.ne, map(text.__getitem__, map(slice, starts, ends)), texts)
        return next(compress(count(), unequal), None)
    for index, (start, end, written) in enumerate(zip(starts, ends, texts, strict=True)):
        if not 0 <= start <= end <= size or text[start:end] != written:
            return index
    return None  # pragma: no cover - the passes above found a span out of range


def span_bounds(mentions: Iterable[Mention]) -> tuple[Iterable[int], Iterable[int]]:
    """Each of ``mentions``' span start and span end, in order: for :class:`Mentions` (and a
    parse's collector) read from how they are held, without making them."""
    if isinstance(mentions, _Held):
        return mentions.span_bounds()
    held = list(mentions)
    return map(_START, held), map(_END, held)


def instances(mentions: Iterable[Mention], cls: type[M]) -> list[M]:
    """The instances of ``cls`` among ``mentions``, in order: for :class:`Mentions` (and a
    parse's collector) found by their prototypes' class, without making the others."""
    if isinstance(mentions, _Held):
        return mentions.instances(cls)
    return cast("list[M]", list(filter(cls.__instancecheck__, mentions)))
