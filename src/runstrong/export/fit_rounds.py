"""Find the rounds in a timeline, so a FIT file can say "repeat 3 times" instead of listing them.

The timeline spells every round out. A FIT workout lists the steps of one
round and then a repeat step, so this module groups the timeline back into
passes: the steps of the first round, how many rounds there are, and the
rest or transition that only follows the last round (the one leading into
the next block or exercise).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from runstrong.timeline import Step, StepKind, Timeline


@dataclass(frozen=True)
class Pass:
    """`body` played `times` times in a row, then `after` once."""

    body: tuple[Step, ...]
    times: int
    after: tuple[Step, ...] = ()


def passes(timeline: Timeline) -> list[Pass]:
    """The timeline as repeated passes, in order.

    A superset, circuit, warmup or cooldown is one pass per block; straight
    sets are one pass per exercise. A pass of one round is a plain list of
    steps and keeps whatever follows it in its body.
    """
    rounds = [
        tuple(steps)
        for _, steps in groupby(timeline.steps, key=lambda step: (step.block_id, step.round))
    ]
    result: list[Pass] = []
    index = 0
    while index < len(rounds):
        first = rounds[index]
        times = first[0].rounds
        last = rounds[index + times - 1]
        if times == 1:
            result.append(Pass(first, 1))
        else:
            result.append(Pass(first, times, _after_work(last)))
        index += times
    return result


def _after_work(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """The steps that follow the last piece of work in a round (a rest or a transition)."""
    last_work = max(i for i, step in enumerate(steps) if step.kind is StepKind.WORK)
    return steps[last_work + 1 :]
