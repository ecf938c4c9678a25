"""The vocabulary extractor: terms and named things from the vocabularies plugins register.

Where matches overlap, the leftmost wins, then the longest; an entry wins a tie with a name
pattern, and an earlier name pattern a tie with a later one. Among the entries alone the same
rule picks which to try next: at each position the longest, then on after its end.

Everything is found in one pass of one regular expression, the *gate*. A regular expression
engine tries the alternatives of an alternation one by one, so a trie of the entries under one
alternation of their first characters would cost a pass over some hundred characters at every
position that holds one of them. Instead each entry is *anchored* on one of its characters,
chosen so that a few dozen characters anchor all entries (a greedy set cover); the gate begins
with an alternation of those characters only, and below each a trie of what follows the anchor
in its entries, with a look-behind for what precedes it. A match gives the anchor's position
and the text from it to the end of the longest entry found there; a dictionary lists the
entries to check at that position (any anchored there whose text from the anchor is a prefix
of the match). The next search starts one past the anchor, so entries that overlap are all
seen. Anchors of name patterns (:attr:`~govreport.model.NamePattern.anchors`, usually their
suffixes) share the pass: each is tried where its first character stands, before the entries,
marks its match with an empty group, and the same match goes on into the entries there. The
positions of each anchor are only collected in the pass; after it, each pattern is tried just
before its anchors, each start once, where its :class:`~govreport.model.vocabulary.NameStart`
allows (a few set look-ups). Every term's text is one shared string: an entry's own term, or
one string per distinct name, so a text that names the same thing a hundred thousand times
holds it once.
"""

from __future__ import annotations

import collections
import itertools
import operator
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence

import attrs

from govreport._regex import PARSER
from govreport.extractors.base import Configuration, ExtractionContext
from govreport.model import Entry, Mention, Mentions, Span, Term, Vocabulary
from govreport.model._unchecked import unchecked
from govreport.model.vocabulary import NameStart

# -- where a name may start ----------------------------------------------------------------------


@attrs.frozen
class _Start:
    """A :class:`~govreport.model.vocabulary.NameStart` as tables, to test one position with a
    few look-ups instead of a pass over every word."""

    after: dict[str, tuple[str, ...]]
    """Character → what a name may start after it: ``()`` for a break (or whitespace that ends a
    listed word), else the listed words and joiners that end with it; absent: nothing, unless it
    is whitespace."""
    starting: dict[str, tuple[str, ...]]
    """First character → the listed words that begin with it."""
    inside: dict[str, tuple[tuple[int, str], ...]]
    """Character → (offset, word) where ``word`` has it at ``offset`` and a listed word ends
    just before: no name starts there."""
    joiners: tuple[str, ...]
    """Words a name may not start with right after a word."""
    reach: int
    """How many characters :meth:`allows` reads on either side of a position, at most: where
    the text has as many before it, those are all the test depends on."""

    @classmethod
    def of(cls, start: NameStart) -> _Start:
        ending: dict[str, list[str]] = collections.defaultdict(list)
        for word in start.words + start.joiners:
            ending[word[-1]].append(word)
        # One look-up per position: a break (or a space) wins over a word that ends with it.
        after = {ch: () if ch.isspace() else tuple(words) for ch, words in ending.items()}
        after.update(dict.fromkeys(start.breaks, ()))
        starting: dict[str, list[str]] = collections.defaultdict(list)
        for word in start.words:
            starting[word[0]].append(word)
        inside: dict[str, list[tuple[int, str]]] = collections.defaultdict(list)
        for word, cut in start.inside():
            inside[word[cut]].append((cut, word))
        longest = max(map(len, start.words + start.joiners))
        return cls(
            after=after,
            starting={ch: tuple(words) for ch, words in starting.items()},
            inside={ch: tuple(words) for ch, words in inside.items()},
            joiners=start.joiners,
            reach=longest,
        )

    def offsets(self, text: str, first: int, last: int) -> tuple[int, ...]:
        """The offsets from ``first`` of the positions from ``first`` to ``last`` (those in
        the text) that :meth:`allows`."""
        return tuple(at - first for at in range(max(first, 0), last + 1) if self.allows(text, at))

    def allows(self, text: str, at: int) -> bool:
        """True when a name may start at ``at``: what ``NameStart.pattern()`` tests there."""
        if at:
            before = text[at - 1]
            words = self.after.get(before)
            if words is None:
                if not before.isspace():  # "\n" is a space too
                    return False  # after neither a break nor a listed word
            elif words and (not text.endswith(words, 0, at) or text.startswith(self.joiners, at)):
                return False
        ch = text[at : at + 1]
        words = self.starting.get(ch)
        if words is not None and text.startswith(words, at):
            return False
        return not any(
            at >= cut and text.startswith(word, at - cut) for cut, word in self.inside.get(ch, ())
        )


# -- building the gate ---------------------------------------------------------------------------


def _weight(ch: str) -> float:
    """How much an anchor on ``ch`` is worth: digits, Latin letters and punctuation fill reports,
    so prefer any other (Han) character."""
    return 1.0 if ch.isalpha() and not ch.isascii() else 0.125


def _anchor_offsets(words: Iterable[str], seed: Iterable[str]) -> dict[str, int]:
    """For each word, the offset of the character it is anchored on.

    ``seed`` characters anchor something anyway (name patterns); then, greedily, the character
    in the most words not yet anchored, until all are. Each word is anchored on its first
    character among those chosen, so that most need no look-behind."""
    rank = {ch: i for i, ch in enumerate(dict.fromkeys(seed))}
    words = list(words)
    open_words = [w for w in words if not any(ch in rank for ch in w)]
    while open_words:
        counts = collections.Counter(ch for w in open_words for ch in set(w))
        best = max(sorted(counts), key=lambda ch: counts[ch] * _weight(ch))
        rank[best] = len(rank)
        open_words = [w for w in open_words if best not in w]
    return {w: next(i for i, ch in enumerate(w) if ch in rank) for w in words}


@attrs.define
class _Node:
    """A node of the trie of what follows the anchors."""

    children: dict[str, _Node] = attrs.Factory(dict)
    ends: list[tuple[str, int]] = attrs.Factory(list)
    """(entry, offset of the anchor in it) for every entry that ends here."""


def _behind(ends: list[tuple[str, int]]) -> str:
    """The test that one of ``ends`` precedes: none when one is anchored on its first character,
    else one look-behind per length."""
    if any(offset == 0 for _, offset in ends):
        return ""
    by_length: dict[int, list[str]] = collections.defaultdict(list)
    for word, _ in ends:
        by_length[len(word)].append(word)
    tests = [
        "(?<=" + "|".join(map(re.escape, sorted(g))) + ")" for _, g in sorted(by_length.items())
    ]
    return tests[0] if len(tests) == 1 else "(?:" + "|".join(tests) + ")"


def _render(node: _Node) -> str:
    """A pattern for the entries below ``node``: the longest that is found first."""
    branches = [re.escape(ch) + _render(child) for ch, child in sorted(node.children.items())]
    if node.ends:
        branches.append(_behind(node.ends))
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


@attrs.frozen
class _Pattern:
    """One name pattern, compiled."""

    regex: re.Pattern[str]
    vocabulary: Vocabulary
    category: str
    subtype: str
    start: _Start | None
    least: int
    """Fewest characters from a match's start to its anchor (patterns with anchors)."""
    most: int
    """Most characters from a match's start to its anchor."""


@attrs.frozen
class _Anchor:
    """One anchor of a name pattern."""

    pattern: int
    """Index of its pattern."""
    regex: re.Pattern[str]
    later: tuple[int, ...]
    """The anchors tried after this one at the same character, to test when this one matched."""


_Behind = tuple[int, int, dict[str, int]]
"""(offset, length, entries by text): entries anchored ``offset`` characters into them."""


@attrs.frozen
class _Matcher:
    """Compiled patterns for one set of vocabularies."""

    entries: tuple[tuple[Vocabulary, Entry], ...]
    gate: re.Pattern[str] | None
    """Entries and name anchors, in one pass: see the module docstring."""
    checks: dict[str, tuple[tuple[int, int] | None, dict[str, tuple[_Behind, ...]]]]
    """Text from an anchor to the end of a gate match → what else to check there: the
    (length, index) of the longest entry anchored on its first character that the text begins
    with, if any; and by the character just before the anchor, (offset, length, entries) for
    the entries anchored ``offset`` characters into them that may end there, ``length`` long,
    by text (→ index in :attr:`entries`). Most anchors follow none of those characters, so one
    look-up settles them."""
    markers: tuple[int, ...]
    """Group number → the name anchor it marks (index 0 unused)."""
    anchors: tuple[_Anchor, ...]
    patterns: tuple[_Pattern, ...]
    labels: tuple[tuple[str, str, str | None, str | None], ...]
    """(vocabulary, category, subtype, meaning) of each entry, then of each pattern."""
    words: tuple[str, ...]
    """Each entry's term: the text of every match of it, one string for them all."""

    def find(self, text: str) -> Mentions:
        """The terms in ``text``: entries and names, leftmost first, then longest (held
        compactly: each entry and name is one Term, moved to every place it stands)."""
        marked = [array("q") for _ in self.anchors]  # anchor → where it matched
        starts, ends, indices = self._entries(text, marked)
        # (start, -length, label): at one start the longest wins, then an entry (whose labels
        # come first), then the earlier pattern.
        names: list[tuple[int, int, int]] = []
        for index, pattern in enumerate(self.patterns):
            spans = _scan(pattern, text) if pattern.most < 0 else self._names(text, index, marked)
            label = len(self.entries) + index
            names.extend((start, start - end, label) for start, end in spans)
        del marked
        names.sort()
        labels, words = self.labels, self.words
        # One Term for each entry, and for each name of a pattern, made where it first stands;
        # every match is its place (a term every two characters holds 20 bytes, not a Term).
        terms: list[Term] = []
        numbers: dict[int | tuple[int, str], int] = {}
        placed = (array("q"), array("q"), array("I"))  # starts, ends, term numbers

        def first_seen(key: int | tuple[int, str], label: int, start: int, end: int) -> None:
            numbers[key] = len(terms)
            written = words[label] if isinstance(key, int) else key[1]
            vocabulary, category, subtype, meaning = labels[label]
            terms.append(_term(_span(start, end), written, vocabulary, category, subtype, meaning))

        as_bytes = [memoryview(column).cast("B") for column in (starts, ends)]
        width = starts.itemsize

        def take(begin: int, stop: int) -> None:
            """Place the entries from ``begin`` to ``stop``, all chosen: a few passes in C
            however many they are, through views (no copy made on the way)."""
            chunk = memoryview(indices)[begin:stop]
            for label in dict.fromkeys(chunk):  # the entries in the order they first stand
                if label not in numbers:
                    at = begin + operator.indexOf(chunk, label)
                    first_seen(label, label, starts[at], ends[at])
            for column, source in zip(placed[:2], as_bytes, strict=True):
                column.frombytes(source[begin * width : stop * width])
            placed[2].extend(map(numbers.__getitem__, chunk))

        # The names merged into the entries, leftmost-longest with no overlaps: the entries
        # between two names are all chosen but those the name before overlaps.
        count, taken, last_end = len(starts), 0, 0  # entries before ``taken`` are settled
        for start, minus_length, label in names:
            stop = bisect_left(starts, start, taken)
            if stop < count and starts[stop] == start and ends[stop] - start >= -minus_length:
                stop += 1  # an entry as long at the name's start comes first
            begin = bisect_left(starts, last_end, taken, stop)
            if begin < stop:
                take(begin, stop)
                last_end = ends[stop - 1]
            taken = stop
            if start >= last_end:
                last_end = start - minus_length
                key = (label, text[start:last_end])
                if key not in numbers:
                    first_seen(key, label, start, last_end)
                placed[0].append(start)
                placed[1].append(last_end)
                placed[2].append(numbers[key])
        begin = bisect_left(starts, last_end, taken)
        if begin < count:
            take(begin, count)
        return Mentions.placed(terms, *placed)

    def _entries(
        self, text: str, marked: list[array[int]]
    ) -> tuple[array[int], array[int], array[int]]:
        """The entries in ``text`` as (starts, ends, entry indices), leftmost first, then
        longest, no overlaps; where the gate saw each name anchor goes to ``marked``.

        Each match's entries are chosen as it is found: they all start after every earlier
        anchor (an anchor character, and no entry has one before its own anchor), so after
        every entry an earlier match found."""
        chosen = (array("q"), array("q"), array("I"))  # starts, ends, entry indices
        if self.gate is None:
            return chosen
        add_start, add_end, add_index = (numbers.append for numbers in chosen)
        mark = [positions.append for positions in marked]
        checks, markers, search = self.checks, self.markers, self.gate.search
        at = last_end = 0
        while (match := search(text, at)) is not None:
            anchor = match.start()
            at = anchor + 1
            if match.lastindex is not None:
                mark[markers[match.lastindex]](anchor)
            check = checks.get(match.group())
            if check is None:  # a name anchor with no entry there
                continue
            here, behind = check
            tests = behind.get(text[anchor - 1]) if anchor and behind else None
            if tests is None:  # most anchors: the longest entry from the anchor on, if any
                if here is not None and anchor >= last_end:
                    last_end = anchor + here[0]
                    add_start(anchor)
                    add_end(last_end)
                    add_index(here[1])
                continue
            longest = {} if here is None else {anchor: here}  # start → (length, entry index)
            for offset, length, table in tests:
                start = anchor - offset
                if start >= last_end:
                    index = table.get(text[start : start + length])
                    if index is not None and length > longest.get(start, (0, 0))[0]:
                        longest[start] = (length, index)
            for start in sorted(longest):
                if start >= last_end:
                    length, index = longest[start]
                    last_end = start + length
                    add_start(start)
                    add_end(last_end)
                    add_index(index)
        return chosen

    def _names(self, text: str, which: int, marked: list[array[int]]) -> list[tuple[int, int]]:
        """The matches of anchored pattern ``which``: tried at every start that puts one of its
        anchors in reach, each start once, leftmost first and on after each."""
        positions: list[Iterable[int]] = []  # each in order
        for number, seen in enumerate(self.anchors):
            if seen.pattern == which and marked[number]:
                positions.append(marked[number])
            for other in seen.later:  # matched where the gate saw an earlier anchor
                if self.anchors[other].pattern == which:
                    match = self.anchors[other].regex.match
                    also = [at for at in marked[number] if match(text, at)]
                    if also:
                        positions.append(also)
        pattern = self.patterns[which]
        least, most, regex, where = pattern.least, pattern.most, pattern.regex, pattern.start
        # Where names may start near an anchor depends only on the text around it: in a text
        # that says the same again and again, it is worked out once for each surrounding.
        known: dict[str, tuple[int, ...]] = {}
        every = range(most - least + 1)  # offsets of the starts from an anchor's first one
        matches: list[tuple[int, int]] = []
        tried = end = 0  # every start before ``tried`` was tried; the next match starts at ``end``
        # Sorted only when several anchors were seen: a list of them is 36 bytes each.
        ordered = positions[0] if len(positions) == 1 else sorted(itertools.chain(*positions))
        for anchor in ordered:
            first, last = anchor - most, anchor - least
            offsets: Sequence[int]
            if where is None:
                offsets = every  # a start before the text's is passed over below, as tried
            elif first < where.reach:  # the text's start is near
                offsets = where.offsets(text, first, last)
            else:
                around = text[first - where.reach : last + where.reach]
                remembered = known.get(around)
                if remembered is None:
                    if len(known) >= _REMEMBERED:
                        known.clear()
                    remembered = known[around] = where.offsets(text, first, last)
                offsets = remembered
            for offset in offsets:
                start = first + offset
                if start >= tried and start >= end:
                    found = regex.match(text, start)
                    if found is not None and found.end() > start:
                        end = found.end()
                        matches.append((start, end))
            tried = last + 1  # anchors come in order
        return matches


_REMEMBERED = 4096
"""Surroundings of anchors whose allowed name starts a pattern's search keeps, at most."""

# Terms by the ten thousand in term-dense texts, at spans right by construction.
_term = unchecked(Term)
_span = unchecked(Span)


def _scan(pattern: _Pattern, text: str) -> Iterator[tuple[int, int]]:
    """The matches of a pattern without anchors: leftmost first, then on after each."""
    if pattern.start is None:
        for match in pattern.regex.finditer(text):
            if match.end() > match.start():
                yield match.span()
        return
    search, at = pattern.regex.search, 0
    while (found := search(text, at)) is not None:
        start, end = found.span()
        if end > start and pattern.start.allows(text, start):
            yield start, end
            at = end
        else:
            at = start + 1


def _spelled(anchor: str) -> str:
    """The characters every match of ``anchor`` begins with: its literals up to the first
    thing that is not one, look-arounds passed over (``水(?<!污水)厂`` → ``水厂``)."""
    parsed = PARSER.parse(anchor)
    if parsed.state.flags & re.IGNORECASE:
        return ""
    spelled = []
    for op, argument in parsed.data:
        name = getattr(op, "name", None)
        if name == "LITERAL":
            spelled.append(chr(argument))
        elif name not in ("ASSERT", "ASSERT_NOT"):
            break
    return "".join(spelled)


def _may_share(first: str, second: str) -> bool:
    """Whether two anchors spelled so can match at one position (one spelling begins the
    other): where the gate found one, the other is tried only then."""
    return first.startswith(second) or second.startswith(first)


def _build(vocabularies: tuple[Vocabulary, ...]) -> _Matcher:
    found: dict[str, tuple[Vocabulary, Entry]] = {}
    for vocabulary in vocabularies:
        for entry in vocabulary.entries:
            found.setdefault(entry.term, (vocabulary, entry))
    entries = tuple(found.values())
    index = {term: i for i, term in enumerate(found)}

    starts: dict[NameStart, _Start] = {}
    patterns: list[_Pattern] = []
    named: list[tuple[str, int, str]] = []  # (first character, pattern index, anchor)
    for vocabulary in vocabularies:
        for p in vocabulary.patterns:
            least, most = p.anchor_offsets if p.anchors else (0, -1)
            named += [(anchor[0], len(patterns), anchor) for anchor in p.anchors]
            start = None
            if p.start is not None:
                # One table per distinct NameStart: setdefault would build one per pattern.
                start = starts.get(p.start)
                if start is None:
                    start = starts[p.start] = _Start.of(p.start)
            compiled = re.compile(p.pattern)
            patterns.append(
                _Pattern(compiled, vocabulary, p.category, p.subtype, start, least, most)
            )

    offsets = _anchor_offsets(found, (ch for ch, _, _ in named))
    tries: dict[str, _Node] = {}
    # (text from the anchor on, offset, length) → entries by text
    groups: dict[tuple[str, int, int], dict[str, int]] = collections.defaultdict(dict)
    for word, offset in offsets.items():
        node = tries.setdefault(word[offset], _Node())
        for ch in word[offset + 1 :]:
            node = node.children.setdefault(ch, _Node())
        node.ends.append((word, offset))
        groups[word[offset:], offset, len(word)][word] = index[word]
    by_first: dict[str, list[tuple[str, int, int]]] = collections.defaultdict(list)
    for key in groups:
        by_first[key[0][0]].append(key)
    checks: dict[str, tuple[tuple[int, int] | None, dict[str, tuple[_Behind, ...]]]] = {}
    for forward, _, _ in groups:
        here: tuple[int, int] | None = None
        merged: dict[tuple[int, int], dict[str, int]] = collections.defaultdict(dict)
        for other, offset, length in by_first[forward[0]]:
            if not forward.startswith(other):
                continue
            if offset:
                merged[offset, length].update(groups[other, offset, length])
            elif here is None or length > here[0]:  # ``other`` is an entry, found here
                here = (length, index[other])
        behind: dict[str, list[_Behind]] = collections.defaultdict(list)
        for (offset, length), table in sorted(merged.items()):
            before: dict[str, dict[str, int]] = collections.defaultdict(dict)
            for word, number in table.items():
                before[word[offset - 1]][word] = number
            for ch, words in before.items():
                behind[ch].append((offset, length, words))
        checks[forward] = (here, {ch: tuple(tests) for ch, tests in behind.items()})

    by_char: dict[str, list[int]] = collections.defaultdict(list)
    for i, (ch, _, _) in enumerate(named):
        by_char[ch].append(i)
    spelled = [_spelled(anchor) for _, _, anchor in named]
    anchors = tuple(
        _Anchor(
            pattern,
            re.compile(anchor),
            tuple(j for j in by_char[ch] if j > i and _may_share(spelled[i], spelled[j])),
        )
        for i, (ch, pattern, anchor) in enumerate(named)
    )
    gate: list[str] = []
    markers = [0]
    for ch in dict.fromkeys([*by_char, *tries]):
        marks = []
        for i in by_char.get(ch, ()):
            marks.append(f"(?<=(?={named[i][2]}){re.escape(ch)})()")
            markers.append(i)
        rest = _render(tries[ch]) if ch in tries else None
        if not marks:
            body = rest or ""
        elif rest is None:
            body = "(?:" + "|".join(marks) + ")"
        else:  # an anchor, then the longest entry there if any; or the entry alone
            body = f"(?:(?:{'|'.join(marks)})(?:{rest})?|{rest})"
        gate.append(re.escape(ch) + body)
    return _Matcher(
        entries=entries,
        gate=re.compile("|".join(gate)) if gate else None,
        checks=checks,
        markers=tuple(markers),
        anchors=anchors,
        patterns=tuple(patterns),
        labels=(
            *((v.name, e.category, e.subtype, e.meaning) for v, e in entries),
            *((p.vocabulary.name, p.category, p.subtype, None) for p in patterns),
        ),
        words=tuple(e.term for _, e in entries),
    )


@attrs.frozen
class VocabularyExtractor:
    """Finds the terms and named things of every registered ``term`` vocabulary."""

    name: str = "vocabularies"
    """Extractor name."""
    order: int = 500
    """Runs last; terms may overlap quantities (``98处蓄滞洪区``)."""
    _compiled: tuple[tuple[Vocabulary, ...], _Matcher | None] | None = attrs.field(
        default=None, eq=False, repr=False
    )
    """The vocabularies it was configured for, and their matcher (None: no term vocabulary)."""

    def configured(self, configuration: Configuration) -> VocabularyExtractor:
        """This extractor with the matcher of the host's term vocabularies built."""
        vocabularies = configuration.vocabularies
        return attrs.evolve(self, compiled=(vocabularies, _matcher(vocabularies)))

    def extract(self, context: ExtractionContext) -> Iterable[Mention]:
        """Every term in ``context.text``, in document order (the matcher is built for
        ``context.vocabularies`` first, unless this extractor was configured for them)."""
        compiled = self._compiled
        if compiled is not None and compiled[0] is context.vocabularies:
            matcher = compiled[1]
        else:
            matcher = _matcher(context.vocabularies)
        return () if matcher is None else matcher.find(context.text)


def _matcher(vocabularies: tuple[Vocabulary, ...]) -> _Matcher | None:
    """The matcher of the ``term`` vocabularies among ``vocabularies``, None if there is none."""
    terms = tuple(v for v in vocabularies if v.kind == "term")
    return _build(terms) if terms else None
