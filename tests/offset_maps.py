"""Offset maps built from pieces, for the tests that hold clean-up's fast forms to the plain ones."""

from __future__ import annotations

from collections.abc import Iterable

from luocdo.ingest.offsets import OffsetMap, OffsetMapBuilder


def offset_map_of(pieces: Iterable[tuple[str, int, int]]) -> OffsetMap:
    """A map of ``(kind, count, skip)`` pieces: "k" kept from the original, "a" anchored (every
    character at one place), "l" linear; ``skip`` moves the next piece's origin on (or back)."""
    builder = OffsetMapBuilder()
    origin = 0
    for kind, count, skip in pieces:
        if kind == "a":
            builder.anchor(origin, count)
        elif kind == "l":
            builder.linear(origin, count)
        else:
            builder.keep(OffsetMap.identity(origin + count), origin, origin + count)
        origin = max(0, origin + count + skip)
    return builder.build()
