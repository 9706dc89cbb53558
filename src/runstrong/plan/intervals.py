"""Arithmetic on closed spans of POSIX seconds, the planner's working unit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Span = tuple[int, int]


def subtract(allowed: Iterable[Span], blocks: Sequence[Span]) -> list[Span]:
    """Closed spans `allowed` minus open spans `blocks` (sorted by start).

    A session may start exactly when a run ends, or end exactly when one
    starts, hence open blocked spans: the edges of a block stay usable.
    """
    result: list[Span] = []
    for start, end in allowed:
        pieces = [(start, end)]
        for b_start, b_end in blocks:
            if b_start >= end:
                break
            if b_end <= start:
                continue
            pieces = [p for piece in pieces for p in _cut(piece, b_start, b_end)]
        result += pieces
    return result


def _cut(piece: Span, b_start: int, b_end: int) -> list[Span]:
    start, end = piece
    if b_end <= start or b_start >= end:
        return [piece]
    kept = []
    if start <= b_start:
        kept.append((start, b_start))
    if b_end <= end:
        kept.append((b_end, end))
    return kept
