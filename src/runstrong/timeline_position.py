"""Where a session stands after its timeline changes: the one rule every player follows.

Switching an exercise to another variation compiles a new timeline in which
steps may appear, vanish or move (a per-side move becomes a two-sided one,
and its switch step goes). The runner should stay on the same piece of work:
the same block, round, kind of step, exercise and side. A step that is not
an exercise's (a rest, a transition) belongs to the exercise before it.
When no step matches exactly, play goes on at the first work step of the
same exercise and round. The end of the session stays the end.
"""

from __future__ import annotations

from dataclasses import dataclass

from runstrong.timeline import StepKind, Timeline

#: (block, round, kind, the exercise the step belongs to or follows, side)
PositionKey = tuple[str, int, StepKind, str | None, str | None]


@dataclass(frozen=True)
class Landing:
    """A step of the new timeline; `exact` when it is the same step, not only the same set."""

    index: int
    exact: bool


def position_keys(timeline: Timeline) -> list[PositionKey]:
    """What each step of `timeline` is, independent of where it sits in the list."""
    keys: list[PositionKey] = []
    exercise = None
    for step in timeline.steps:
        exercise = step.exercise_id or exercise
        keys.append((step.block_id, step.round, step.kind, exercise, step.side or step.direction))
    return keys


def same_position(old: Timeline, index: int, new: Timeline) -> Landing:
    """The step of `new` that matches step `index` of `old` (the end maps to the end).

    Raises:
        IndexError: `index` is past the end of `old`.
        LookupError: `new` has no step for that exercise and round (not a variation
            switch of the same workout).
    """
    if index == len(old.steps):
        return Landing(len(new.steps), exact=True)
    if not 0 <= index < len(old.steps):
        raise IndexError(f"step {index} is outside a timeline of {len(old.steps)} steps")
    key = position_keys(old)[index]
    keys = position_keys(new)
    if key in keys:
        return Landing(keys.index(key), exact=True)
    block, round_, _, exercise, _ = key
    for i, (b, r, kind, e, _) in enumerate(keys):
        if (b, r, e) == (block, round_, exercise) and kind is StepKind.WORK:
            return Landing(i, exact=False)
    raise LookupError(f"no step for {key} in the new timeline")
