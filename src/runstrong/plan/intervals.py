"""Arithmetic on spans of POSIX seconds, the planner's working unit.

Allowed spans are closed (both ends usable) and blocked spans are open, so a
session may start exactly when a run ends, or end exactly when one starts.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

Span = tuple[int, int]


class Blocks:
    """Open spans, merged into disjoint ones sorted by start, for fast subtraction."""

    __slots__ = ("_ends", "_spans")

    def __init__(self, spans: Iterable[Span]) -> None:
        merged: list[Span] = []
        for start, end in sorted(spans):
            # Open spans that only touch leave the shared instant free: keep them apart.
            if merged and start < merged[-1][1]:
                if end > merged[-1][1]:
                    merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        self._spans = merged
        self._ends = [end for _, end in merged]

    def subtract(self, allowed: Span) -> list[Span]:
        """The closed span `allowed` without these blocks, as closed pieces in order."""
        lo, hi = allowed
        pieces: list[Span] = []
        index = bisect.bisect_right(self._ends, lo)
        while index < len(self._spans) and self._spans[index][0] < hi:
            start, end = self._spans[index]
            if lo <= start:
                pieces.append((lo, start))
            lo = end
            index += 1
        if lo <= hi:
            pieces.append((lo, hi))
        return pieces
