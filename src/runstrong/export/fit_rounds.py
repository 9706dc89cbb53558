"""Find the rounds in a timeline, so a FIT file can say "repeat 3 times" instead of listing them.

The timeline spells every round out. A FIT workout lists the steps of a
round and then a repeat step that plays them again, and a repeat plays
every step of its round each time. Rounds that end with a rest or a
transition into the next round cannot be a plain repeat, then: the last
round ends with the block's own rest instead (or nothing). So such a block
is written as its first round repeated once per round but the last,
followed by the last round as the timeline has it. A watch then plays
exactly the steps of the timeline, no extra transition before the rest
between sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from runstrong.timeline import Step, StepKind, Timeline


@dataclass(frozen=True)
class Pass:
    """`body` played `times` times in a row."""

    body: tuple[Step, ...]
    times: int = 1


def passes(timeline: Timeline) -> list[Pass]:
    """The timeline as repeated passes, in order; played out, they are the timeline's steps.

    A superset, circuit, warmup or cooldown repeats per block; straight sets
    repeat per exercise.
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
            result.append(Pass(first))
        elif _after_work(first):
            # The gap into the next round must not follow the last one.
            result += [Pass(first, times - 1), Pass(last)]
        else:
            result += [Pass(first, times), Pass(_after_work(last))]
        index += times
    return [p for p in result if p.body]


def _after_work(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """The steps that follow the last piece of work in a round (a rest or a transition)."""
    last_work = max(i for i, step in enumerate(steps) if step.kind is StepKind.WORK)
    return steps[last_work + 1 :]
