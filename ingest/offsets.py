"""The map from each character of a cleaned text back to the original, kept as runs.

Clean-up changes a text in few places; between them, a character of the result is the character
of the input a fixed distance away. So the map is stored as runs: from ``start`` on, position
``i`` maps to ``origin + (i - start)`` (a kept stretch) or to ``origin`` (the characters a
replacement wrote, all anchored where it was made). A run per change, not an int per character:
clean-up runs as fast as the regexes do.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import overload


class OffsetMap(Sequence[int]):
    """``offsets[i]``: the index in the original of character ``i`` of the cleaned text."""

    __slots__ = ("_length", "_origins", "_starts", "_steps")

    def __init__(self, starts: list[int], origins: list[int], steps: list[int], length: int) -> None:
        self._starts, self._origins, self._steps, self._length = starts, origins, steps, length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """Every character maps to itself."""
        return cls([0], [0], [1], length) if length else cls([], [], [], 0)

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i: int | slice) -> int | list[int]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._length))]
        if i < 0:
            i += self._length
        if not 0 <= i < self._length:
            raise IndexError("offset map index out of range")
        k = bisect_right(self._starts, i) - 1
        return self._origins[k] + self._steps[k] * (i - self._starts[k])

    def __iter__(self) -> Iterator[int]:
        bounds = [*self._starts[1:], self._length] if self._starts else []
        for start, end, origin, step in zip(self._starts, bounds, self._origins, self._steps, strict=True):
            yield from (range(origin, origin + end - start) if step else [origin] * (end - start))

    @property
    def runs(self) -> int:
        """How many runs hold the map (for benchmarks and tests)."""
        return len(self._starts)


def replaced(old: OffsetMap, spans: Sequence[tuple[int, int]], width: int) -> OffsetMap:
    """The map of the text made from ``old``'s by writing ``width`` characters in place of each
    span (in order, not overlapping): a span of that width keeps its map, the characters written
    in place of another all map to where it starts (past the end for an empty span at the end).

    What :class:`OffsetMapBuilder` gives with ``keep`` and ``anchor``, in one pass over the old
    runs: clean-up replaces tens of thousands of blank lines in a corpus."""
    starts: list[int] = []
    origins: list[int] = []
    steps: list[int] = []
    length = 0
    o_starts, o_origins, o_steps, o_length = old._starts, old._origins, old._steps, old._length
    o_ends = [*o_starts[1:], o_length]
    k = 0  # the old run that holds the next position kept

    def add(origin: int, step: int, count: int) -> None:  # OffsetMapBuilder._add
        nonlocal length
        if starts:
            last_step = steps[-1]
            if last_step == 1:
                if (step == 1 or count == 1) and origin == origins[-1] + length - starts[-1]:
                    length += count
                    return
            elif (step == 0 or count == 1) and origin == origins[-1]:
                length += count
                return
        starts.append(length)
        origins.append(origin)
        steps.append(step if count > 1 else 1)
        length += count

    def keep(start: int, end: int) -> None:
        nonlocal k
        while start < end:
            while o_ends[k] <= start:
                k += 1
            run_end = o_ends[k]
            piece_end = end if end < run_end else run_end
            add(o_origins[k] + o_steps[k] * (start - o_starts[k]), o_steps[k], piece_end - start)
            start = piece_end

    def origin_at(i: int) -> int:  # old[i], from the runs at or after k
        nonlocal k
        if i >= o_length:
            return o_origins[-1] + o_steps[-1] * (o_length - 1 - o_starts[-1]) + 1 if o_length else 0
        while o_ends[k] <= i:
            k += 1
        return o_origins[k] + o_steps[k] * (i - o_starts[k])

    last = 0
    for start, end in spans:
        if width == 1 and start - last >= 2 and end - start != 1 and start < o_length:
            run = k
            while o_ends[run] <= start:
                run += 1
            if o_steps[run] == 1 and last >= o_starts[run]:
                # The one character written maps where the span starts, right after the kept
                # stretch before it in a linear run: one piece, as two would join into.
                add(o_origins[run] + last - o_starts[run], 1, start + 1 - last)
                k, last = run, end
                continue
        keep(last, start)
        if end - start == width:
            keep(start, end)
        elif width > 0:
            add(origin_at(start), 0, width)
        last = end
    keep(last, o_length)
    return OffsetMap(starts, origins, steps, length)


class OffsetMapBuilder:
    """Builds the map of a new text from the map of the text it was made from, piece by piece."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._origins: list[int] = []
        self._steps: list[int] = []
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def keep(self, old: Sequence[int], start: int, end: int) -> None:
        """Append the map of ``old[start:end]``: characters kept as they were."""
        if end <= start:
            return
        if not isinstance(old, OffsetMap):
            for i in range(start, end):
                self._add(old[i], 0, 1)
            return
        k = bisect_right(old._starts, start) - 1
        last = bisect_right(old._starts, end - 1) - 1  # the run of the last character kept
        while start < end:
            if k < last and start == old._starts[k] and self._joins_as(old, k - 1):
                self._copy_runs(old, k, last)
                start = old._starts[last]
                k = last
            run_end = old._starts[k + 1] if k + 1 < len(old._starts) else old._length
            piece_end = min(end, run_end)
            origin = old._origins[k] + old._steps[k] * (start - old._starts[k])
            self._add(origin, old._steps[k], piece_end - start)
            start, k = piece_end, k + 1

    def _joins_as(self, old: OffsetMap, k: int) -> bool:
        """Whether the next character joins the last run as it would join ``old``'s run ``k``."""
        if not self._starts or k < 0 or self._steps[-1] != old._steps[k]:
            return False
        if old._steps[k] == 0:
            return self._origins[-1] == old._origins[k]
        next_origin = self._origins[-1] + self._length - self._starts[-1]
        return next_origin == old._origins[k] + old._starts[k + 1] - old._starts[k]

    def _copy_runs(self, old: OffsetMap, first: int, stop: int) -> None:
        """Append ``old``'s whole runs ``first`` to ``stop - 1`` as they are: after a run that ends
        as ``old``'s run ``first - 1`` does, they do not join, as they did not when ``old`` was built."""
        shift = self._length - old._starts[first]
        self._starts += [start + shift for start in old._starts[first:stop]]
        self._origins += old._origins[first:stop]
        self._steps += old._steps[first:stop]
        self._length = old._starts[stop] + shift

    def anchor(self, origin: int, count: int) -> None:
        """Append ``count`` characters that all map to ``origin`` (what a replacement wrote)."""
        if count > 0:
            self._add(origin, 0, count)

    def linear(self, origin: int, count: int) -> None:
        """Append ``count`` characters mapping to ``origin``, ``origin + 1``, …"""
        if count > 0:
            self._add(origin, 1, count)

    def build(self) -> OffsetMap:
        return OffsetMap(self._starts, self._origins, self._steps, self._length)

    def _add(self, origin: int, step: int, count: int) -> None:
        if self._starts:
            last = len(self._starts) - 1
            done = self._length - self._starts[last]  # characters already in the last run
            last_origin, last_step = self._origins[last], self._steps[last]
            if (last_step == 1 and (step == 1 or count == 1) and origin == last_origin + done) \
                    or (last_step == 0 and (step == 0 or count == 1) and origin == last_origin):
                self._length += count  # the last run goes on
                return
        self._starts.append(self._length)
        self._origins.append(origin)
        self._steps.append(step if count > 1 else 1)
        self._length += count
