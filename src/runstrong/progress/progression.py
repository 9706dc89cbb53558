"""Advice for the next session, from the log: which variation, what load, and why.

All the rules live here, and each piece of advice carries its reason in
plain words:

- move up the variation ladder (easiest listed variation first, then the
  standard move, then harder ones) after two complete sessions in a row at
  RPE 7 or easier; weighted moves at the standard rung add load instead;
- add one load step (dumbbells 1 kg below 10 kg, else 2.5 kg; 2.5 lb below
  20 lb, else 5 lb; kettlebells 4 kg or 10 lb) on the same condition;
- hold at RPE 8; step back a load step or a rung at RPE 9+ or missed work;
- after three weeks or more away, start one load step below the last load;
- an exercise a session stopped before (none of its sets done) says nothing
  about the exercise: that session is no data for it, not missed work.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import EllipsisType

from runstrong.play.recording import Outcome
from runstrong.progress.loads import Unit, from_kg, load_text, to_kg
from runstrong.store.entries import SessionEntry, Status
from runstrong.workouts.model import Exercise, LoadKind, VariationKind, Workout

EASY_RPE = 7
HARD_RPE = 9
BREAK = timedelta(weeks=3)

#: (implement, unit) -> ((loads below this, step), ...): the first row that fits applies.
LOAD_STEPS: dict[tuple[str, Unit], tuple[tuple[float, float], ...]] = {
    ("dumbbell", "kg"): ((10.0, 1.0), (math.inf, 2.5)),
    ("dumbbell", "lb"): ((20.0, 2.5), (math.inf, 5.0)),
    ("kettlebell", "kg"): ((math.inf, 4.0),),
    ("kettlebell", "lb"): ((math.inf, 10.0),),
}


class Action(StrEnum):
    """What the advice asks of the runner, in short."""

    START = "start"
    MOVE_UP = "move up"
    ADD_LOAD = "add load"
    HOLD = "hold"
    STEP_BACK = "step back"
    EASE_BACK_IN = "ease back in"


@dataclass(frozen=True)
class Result:
    """How one exercise went in one session."""

    day: date
    variation_id: str | None
    load_kg: float | None
    unit: Unit
    complete: bool
    rpe: int | None


@dataclass(frozen=True)
class Advice:
    """What to do with one exercise next session, and why."""

    exercise_id: str
    exercise_name: str
    action: Action
    variation_id: str | None
    variation_name: str
    load_kg: float | None
    unit: Unit
    reason: str

    @property
    def headline(self) -> str:
        """ "B Squat: Goblet Squat with Pause, 12 kg", "B Squat: 20 lb", or only "B Squat".

        The variation is named only when it is not the standard move.
        """
        parts = [self.variation_name] if self.variation_id is not None else []
        if self.load_kg:
            parts.append(load_text(self.load_kg, self.unit))
        return f"{self.exercise_name}: {', '.join(parts)}" if parts else self.exercise_name

    @property
    def what(self) -> str:
        """The move and load on their own: "Two-Hand Kettlebell Swing, 16 kg", "B Squat, 20 lb"."""
        if self.load_kg:
            return f"{self.variation_name}, {load_text(self.load_kg, self.unit)}"
        return self.variation_name


def ladder(exercise: Exercise) -> list[str | None]:
    """Variation ids from easiest to hardest; None is the standard move."""
    easier = [v.id for v in exercise.variations if v.kind is VariationKind.EASIER]
    harder = [v.id for v in exercise.variations if v.kind is VariationKind.HARDER]
    return [*easier, None, *harder]


def _implement(exercise: Exercise, variation_id: str | None) -> str | None:
    load = exercise.effective(variation_id).load
    if not load.kind.weight:
        return None
    return "kettlebell" if load.kind is LoadKind.KETTLEBELL else "dumbbell"


def load_step(implement: str, load: float, unit: Unit) -> float:
    """The next step up from `load` (in `unit`) for this implement."""
    return next(step for below, step in LOAD_STEPS[(implement, unit)] if load < below)


def step_load(implement: str, load_kg: float, unit: Unit, *, up: bool) -> float:
    """One step heavier or lighter, counted in the runner's unit, returned in kilograms."""
    amount = round(from_kg(load_kg, unit), 2)
    if up:
        return to_kg(amount + load_step(implement, amount, unit), unit)
    down = load_step(implement, max(amount - 0.01, 0.0), unit)
    return to_kg(max(amount - down, 0.0), unit)


def results_for(
    exercise_id: str, sessions: Sequence[SessionEntry], workout: Workout
) -> list[Result]:
    """How the exercise went in each of `sessions` (newest first) that attempted it.

    A session that stopped early (abandoned, or still in progress) attempted
    only the exercises it did a set of; the ones it never reached, or only
    skipped past on the way out, are left out rather than counted as missed.
    """
    results = []
    for entry in sessions:
        sets = [s for s in entry.sets if s.exercise_id == exercise_id]
        if not sets:
            continue
        stopped_early = entry.status is not Status.COMPLETED
        if stopped_early and all(s.outcome is not Outcome.DONE for s in sets):
            continue
        variation_id = sets[0].variation_id
        loads = [s.load_kg for s in sets if s.load_kg is not None]
        rpes = [s.rpe for s in sets if s.rpe is not None]
        # Another workout may do it for other rounds: there, only shortfalls count.
        planned = (
            _planned_sets(workout, exercise_id, variation_id)
            if entry.workout_id == workout.id
            else 0
        )
        results.append(
            Result(
                day=entry.started_at.astimezone().date(),
                variation_id=variation_id,
                load_kg=max(loads) if loads else None,
                unit=next((s.load_unit for s in sets if s.load_unit), "kg"),
                complete=len(sets) >= planned and not any(s.short for s in sets),
                rpe=max(rpes) if rpes else entry.rpe,
            )
        )
    return results


def _planned_sets(workout: Workout, exercise_id: str, variation_id: str | None) -> int:
    for block in workout.blocks:
        for exercise in block.exercises:
            if exercise.id == exercise_id:
                dose = exercise.effective(variation_id).dose
                return block.rounds * (2 if dose.per_side else 1)
    return 0


def advise_workout(
    workout: Workout, sessions: Sequence[SessionEntry], *, today: date, unit: Unit | None = None
) -> list[Advice]:
    """Advice for every exercise that can progress (it has a load or a ladder to climb)."""
    return [
        advise(exercise, results_for(exercise.id, sessions, workout), today=today, unit=unit)
        for exercise in workout.exercises()
        if _implement(exercise, None) or len(ladder(exercise)) > 1
    ]


def advise(
    exercise: Exercise, results: Sequence[Result], *, today: date, unit: Unit | None = None
) -> Advice:
    """Apply the rules to one exercise's recent results (newest first)."""
    if not results:
        return _Advisor(exercise, None, None, unit or "kg").start()
    last = results[0]
    advisor = _Advisor(exercise, last.variation_id, last.load_kg, unit or last.unit)
    previous = results[1] if len(results) > 1 else None
    away = today - last.day
    if away >= BREAK:
        return advisor.ease_back_in(away.days // 7)
    if not last.complete:
        return advisor.step_back("some of the work was missed last time")
    if last.rpe is None:
        return advisor.hold("no effort (RPE) was logged last time: repeat it and log how it felt")
    if last.rpe >= HARD_RPE:
        return advisor.step_back(f"last time was very hard (RPE {last.rpe})")
    if last.rpe > EASY_RPE:
        return advisor.hold(f"last time was hard work (RPE {last.rpe}): stay here until it eases")
    if not _easy(previous) or not _same_level(previous, last):
        return advisor.hold(
            f"last time felt comfortable (RPE {last.rpe}); "
            "one more session like that and you move up"
        )
    return advisor.progress()


def _easy(result: Result | None) -> bool:
    return bool(result and result.complete and result.rpe is not None and result.rpe <= EASY_RPE)


def _same_level(a: Result | None, b: Result) -> bool:
    if a is None or a.variation_id != b.variation_id:
        return False
    if a.load_kg is None or b.load_kg is None:
        return a.load_kg == b.load_kg
    return abs(a.load_kg - b.load_kg) < 0.01


_TWICE_EASY = "the last two sessions were complete at RPE 7 or easier"


class _Advisor:
    """Builds the advice for one exercise at its current rung and load."""

    def __init__(
        self, exercise: Exercise, variation_id: str | None, load_kg: float | None, unit: Unit
    ) -> None:
        self.exercise = exercise
        self.variation_id = variation_id
        self.load_kg = load_kg
        self.unit = unit
        self.rungs = ladder(exercise)
        self.rung = self.rungs.index(variation_id) if variation_id in self.rungs else None
        self.implement = _implement(exercise, variation_id)

    def _advice(
        self,
        action: Action,
        reason: str,
        *,
        variation_id: str | EllipsisType | None = ...,  # ... keeps the current one
        load_kg: float | EllipsisType | None = ...,
    ) -> Advice:
        chosen = self.variation_id if variation_id is ... else variation_id
        return Advice(
            exercise_id=self.exercise.id,
            exercise_name=self.exercise.name,
            action=action,
            variation_id=chosen,
            variation_name=self.exercise.effective(chosen).name,
            load_kg=self.load_kg if load_kg is ... else load_kg,
            unit=self.unit,
            reason=reason[:1].upper() + reason[1:] + ".",
        )

    def _text(self, load_kg: float | None) -> str:
        return load_text(load_kg, self.unit)

    def start(self) -> Advice:
        reason = "nothing logged for this exercise yet: start with the standard move"
        if self.implement:
            reason += ", with a weight you could lift for a few more reps than asked"
        return self._advice(Action.START, reason, variation_id=None, load_kg=None)

    def hold(self, reason: str) -> Advice:
        return self._advice(Action.HOLD, reason)

    def _lighter(self) -> float | None:
        """One load step below the current load; None without a load or below the lightest."""
        if not (self.implement and self.load_kg):
            return None
        lighter = step_load(self.implement, self.load_kg, self.unit, up=False)
        return lighter if lighter > 0 else None

    def ease_back_in(self, weeks: int) -> Advice:
        away = f"{weeks} weeks since you last did this"
        lighter = self._lighter()
        if lighter:
            return self._advice(
                Action.EASE_BACK_IN,
                f"{away}: ease back in one step lighter than last time "
                f"({self._text(self.load_kg)})",
                load_kg=lighter,
            )
        return self._advice(Action.EASE_BACK_IN, f"{away}: pick up where you left off, gently")

    def step_back(self, why: str) -> Advice:
        lighter = self._lighter()
        if lighter:
            return self._advice(
                Action.STEP_BACK,
                f"{why}: drop one step from {self._text(self.load_kg)}",
                load_kg=lighter,
            )
        if self.rung:
            easier = self.rungs[self.rung - 1]
            return self._advice(
                Action.STEP_BACK, f"{why}: go back one rung of the ladder", variation_id=easier
            )
        return self.hold(f"{why}: repeat it at the same level, resting as needed")

    def progress(self) -> Advice:
        standard = self.rungs.index(None)
        if self.rung is not None and self.rung < standard:
            return self._advice(
                Action.MOVE_UP,
                f"{_TWICE_EASY}: move up the ladder",
                variation_id=self.rungs[self.rung + 1],
            )
        if self.implement:
            if not self.load_kg:
                return self.hold(f"{_TWICE_EASY}; log the weight you use to get load advice")
            heavier = step_load(self.implement, self.load_kg, self.unit, up=True)
            step = self._text(heavier - self.load_kg)
            return self._advice(Action.ADD_LOAD, f"{_TWICE_EASY}: add {step}", load_kg=heavier)
        if self.rung is not None and self.rung + 1 < len(self.rungs):
            return self._advice(
                Action.MOVE_UP,
                f"{_TWICE_EASY}: move up the ladder",
                variation_id=self.rungs[self.rung + 1],
            )
        return self.hold(f"{_TWICE_EASY}, and this is the top of the ladder: keep it crisp")
