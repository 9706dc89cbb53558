"""A set just done, waiting for the runner to confirm its weight and reps, or correct them.

After each loaded or rep set the players show what they will log, pre-filled
from the plan (the reps asked for) and the advice (the weight to use), with
last time's numbers beside it. One key or tap confirms it; typing a number
changes the field being edited. Left alone, it is confirmed as shown when the
next set begins, so nothing waits on the runner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from runstrong.progress.loads import Unit, from_kg, load_text, to_kg
from runstrong.progress.set_plan import SetPlan
from runstrong.timeline import Step, StepKind

Field = Literal["reps", "weight"]
#: The most a typed number may have: 3 digits and a decimal part for weights.
MAX_TYPED = 6


@dataclass
class SetCheck:
    """The values a finished set will be logged with, as the runner confirms or edits them.

    Args:
        step: the work step that ended.
        reps: reps done (None for timed work).
        load_kg: the weight used (None: bodyweight or not given).
        unit: the unit weights are typed and shown in.
        weighted: the move uses a free weight, so the weight is asked for.
        plan: last time's numbers and the advice, shown beside the values.
    """

    step: Step
    reps: int | None
    load_kg: float | None
    unit: Unit
    weighted: bool
    plan: SetPlan | None = None
    editing: Field = "reps"
    typed: str = field(default="")

    @classmethod
    def after(cls, step: Step, plan: SetPlan | None, *, reps_done: int | None = None):
        """The check for a finished work step, or None when there is nothing to ask (a timed
        bodyweight move, such as a stretch)."""
        if step.kind is not StepKind.WORK:
            return None
        weighted = bool(plan and plan.weighted)
        if step.reps is None and not weighted:
            return None
        reps = step.reps if reps_done is None else reps_done
        return cls(
            step=step,
            reps=reps,
            load_kg=plan.load_kg if plan else None,
            unit=plan.unit if plan else "kg",
            weighted=weighted,
            plan=plan,
            editing="reps" if step.reps is not None else "weight",
        )

    def fields(self) -> list[Field]:
        """The fields the runner can change, in the order they are edited."""
        found: list[Field] = []
        if self.step.reps is not None:
            found.append("reps")
        if self.weighted:
            found.append("weight")
        return found

    def type(self, key: str) -> bool:
        """Take a typed digit (or a decimal point for a weight); False if it is not one."""
        allowed = key.isdigit() or (
            key == "." and self.editing == "weight" and "." not in self.typed
        )
        if not allowed or len(key) != 1 or len(self.typed) >= MAX_TYPED:
            return False
        self.typed += key
        self._apply()
        return True

    def backspace(self) -> None:
        self.typed = self.typed[:-1]
        self._apply()

    def next_field(self) -> None:
        """Edit the other field (reps <-> weight), starting its number afresh."""
        fields = self.fields()
        if len(fields) > 1:
            self.editing = fields[(fields.index(self.editing) + 1) % len(fields)]
            self.typed = ""

    def _apply(self) -> None:
        if not self.typed or self.typed == ".":
            return
        if self.editing == "reps":
            self.reps = min(int(self.typed), 999)
        else:
            self.load_kg = to_kg(min(float(self.typed), 999.0), self.unit)

    @property
    def load_unit(self) -> Unit | None:
        return self.unit if self.load_kg else None

    def values_text(self) -> str:
        """ "12 kg × 8 reps", "8 reps", "16 kg"."""
        parts = []
        if self.weighted:
            parts.append(load_text(self.load_kg, self.unit) if self.load_kg else "no weight")
        if self.reps is not None:
            parts.append(f"{self.reps} reps")
        return " × ".join(parts)

    def last_text(self) -> str:
        """ "last time 12 kg × 8", or "" when nothing was logged."""
        last = self.plan.last if self.plan else None
        if last is None:
            return ""
        parts = []
        if self.weighted and last.load_kg:
            parts.append(f"{round(from_kg(last.load_kg, last.unit), 1):g} {last.unit}")
        if self.reps is not None and last.reps is not None:
            parts.append(str(last.reps))
        return f"last time {' × '.join(parts)}" if parts else ""
