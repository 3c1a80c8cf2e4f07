"""Spans of text already taken by citations, for overlap tests in logarithmic time."""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

from luocdo.ingest.models import Citation


class Spans:
    """The spans of some citations; :meth:`overlaps` answers in logarithmic time (a text of many
    thousand citations must not test each one against all the others)."""

    def __init__(self, cites: list[Citation]) -> None:
        spans = sorted((c.start, c.end) for c in cites)
        self.starts = [s for s, _ in spans]
        self.max_end_upto = list(accumulate((e for _, e in spans), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span meets ``start``–``end``."""
        i = bisect_left(self.starts, end)  # spans starting before ``end``
        return i > 0 and self.max_end_upto[i - 1] > start
