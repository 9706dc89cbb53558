"""Arithmetic on spans of POSIX seconds, the planner's working unit.

Allowed spans are closed (both ends usable) and blocked spans are open, so a
session may start exactly when a run ends, or end exactly when one starts.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TypeVar

Span = tuple[int, int]
T = TypeVar("T")


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

    def cut(self, spans: Iterable[tuple[Span, T]]) -> list[tuple[Span, T]]:
        """Closed spans, each with a tag, without these blocks: the closed pieces left, tagged."""
        blocks, ends = self._spans, self._ends
        pieces: list[tuple[Span, T]] = []
        for (lo, hi), tag in spans:
            index = bisect.bisect_right(ends, lo)
            while index < len(blocks) and blocks[index][0] < hi:
                start, end = blocks[index]
                if lo <= start:
                    pieces.append(((lo, start), tag))
                lo = end
                index += 1
            if lo <= hi:
                pieces.append(((lo, hi), tag))
        return pieces
