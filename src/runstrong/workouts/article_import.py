"""Turn a workout article into a workout file: read it, fill the gaps it leaves, validate.

An exercise whose name matches one in the catalog is taken from there by id,
so its instructions are runstrong's own and its log history carries over;
the article's dose is kept whenever it differs from the catalog's. Every
guess is a note, and the notes head the file as comments too.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from runstrong.workouts.article_reading import (
    Draft,
    DraftDose,
    DraftExercise,
    Note,
    NoWorkoutFound,
    read_workout,
)
from runstrong.workouts.article_text import read_article
from runstrong.workouts.catalog import builtin_catalog
from runstrong.workouts.file import parse_workout_text
from runstrong.workouts.model import Dose, Exercise, LoadKind, Workout

__all__ = ["Imported", "NoWorkoutFound", "import_article"]

_ASSUMED_DOSE = DraftDose(reps=10)


@dataclass(frozen=True)
class Imported:
    """The workout file written from an article, and what the reading had to guess."""

    yaml: str
    workout: Workout
    notes: tuple[Note, ...]


def import_article(text: str, *, name: str = "article", use_catalog: bool = True) -> Imported:
    """Read an article (plain text, Markdown or HTML) and write it as a validated workout file.

    Args:
        text: the article.
        name: its file name (the format is guessed from it, and a title from it if need be).
        use_catalog: take exercises the catalog knows from it (by name).

    Raises:
        NoWorkoutFound: the article has no exercises this reader recognises.
    """
    draft = read_workout(read_article(text, name))
    catalog = builtin_catalog().exercises if use_catalog else {}
    notes = list(draft.notes)
    document = _Writer(draft, catalog, notes, name).document()
    yaml_text = _yaml(document, notes, name)
    workout = parse_workout_text(yaml_text, f"<imported from {name}>")
    return Imported(yaml_text, workout, tuple(sorted(notes, key=_order)))


def _order(note: Note) -> tuple[int, int]:
    return (0, note.line) if note.line else (1, 0)


def slug(text: str, limit: int = 64) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
    return "-".join(words)[:limit].strip("-") or "imported"


def _key(name: str) -> str:
    """A name to match on: lower case, without punctuation or plural endings."""
    words = re.findall(r"[a-z0-9]+", name.lower().replace("'", ""))
    return " ".join(_singular(word) for word in words)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


class _Writer:
    def __init__(
        self, draft: Draft, catalog: dict[str, Exercise], notes: list[Note], name: str
    ) -> None:
        self.draft = draft
        self.notes = notes
        self.name = name
        self.by_name = {
            _key(alias): exercise
            for exercise in catalog.values()
            for alias in (exercise.name, *exercise.aka)
        }
        self.ids: set[str] = set()
        self.matched: list[str] = []

    def document(self) -> dict[str, Any]:
        draft = self.draft
        title = draft.title
        if not title:
            stem = re.sub(r"\.[a-z]+$", "", self.name.rsplit("/", 1)[-1])
            title = " ".join(stem.replace("_", " ").replace("-", " ").split()).title() or "Imported"
            self.notes.append(Note(None, f"no title found: called it {title!r}"))
        exercises = sum(len(b.exercises) for b in draft.blocks)
        document: dict[str, Any] = {
            "id": slug(title),
            "title": title[:120],
            "summary": f"Imported from {self.name}: {len(draft.blocks)} blocks, "
            f"{exercises} exercises. Check the notes at the top of this file.",
        }
        if draft.credit:
            credit = vars(draft.credit)
            document["credit"] = {key: value for key, value in credit.items() if value}
        if draft.target_minutes:
            document["target_minutes"] = draft.target_minutes
        if draft.equipment:
            document["equipment"] = draft.equipment
        schedule: dict[str, Any] = {}
        if draft.sessions_per_week:
            schedule["sessions_per_week"] = draft.sessions_per_week
        if draft.recovery_hours is not None:
            schedule["recovery_hours_before_quality_run"] = draft.recovery_hours
        if schedule:
            document["schedule"] = schedule
        document["blocks"] = [self._block(i, b) for i, b in enumerate(draft.blocks)]
        if self.matched:
            self.notes.append(
                Note(None, f"{len(self.matched)} exercises are the catalog's, with the same dose "
                     f"as the article ({', '.join(self.matched)}): instructions are runstrong's")
            )  # fmt: skip
        return document

    def _block(self, index: int, block) -> dict[str, Any]:
        last = index == len(self.draft.blocks) - 1
        rest: dict[str, Any] = {"between_exercises": "none", "between_rounds": "none"}
        rest["after_block"] = "as needed" if self.draft.rest_as_needed_between_sets else "none"
        if last:
            del rest["after_block"]
        return {
            "id": self._unique(slug(block.name or f"block {index + 1}")),
            "name": block.name,
            "kind": block.kind,
            "rounds": block.rounds,
            "rest": rest,
            "exercises": [self._exercise(e) for e in block.exercises],
        }

    def _unique(self, wanted: str) -> str:
        candidate, n = wanted, 2
        while candidate in self.ids:
            candidate = f"{wanted[:60]}-{n}"
            n += 1
        self.ids.add(candidate)
        return candidate

    def _exercise(self, exercise: DraftExercise) -> dict[str, Any]:
        known = self.by_name.get(_key(exercise.name))
        if known is not None and known.id not in self.ids:
            return self._from_catalog(exercise, known)
        dose = exercise.dose
        if dose is None:
            dose = _ASSUMED_DOSE
            self.notes.append(
                Note(exercise.line, f"no dose found for {exercise.name}: assumed 10 reps")
            )
        entry: dict[str, Any] = {
            "id": self._unique(slug(exercise.name)),
            "name": exercise.name[:120],
            "dose": _dose(dose),
        }
        if dose.side_label in ("leg", "arm", "hand", "side"):
            entry["side_label"] = dose.side_label
        load = self._load(exercise)
        if load:
            entry["load"] = load
        if exercise.uses_box:
            entry["equipment"] = ["a box, bench or step"]
        steps = [step[:2000] for step in exercise.steps]
        if not steps:
            steps = ["Follow the article's description of this move."]
            self.notes.append(Note(exercise.line, f"no instructions found for {exercise.name}"))
        entry["steps"] = steps
        if exercise.easier:
            entry["variations"] = [
                {
                    "id": self._unique(slug(f"{exercise.name} easier")),
                    "name": f"{exercise.name[:110]} (easier)",
                    "kind": "easier",
                    "steps": [step[:2000] for step in exercise.easier],
                }
            ]
        return entry

    def _from_catalog(self, exercise: DraftExercise, known: Exercise) -> dict[str, Any]:
        self.ids.add(known.id)
        entry: dict[str, Any] = {"exercise": known.id}
        if exercise.dose is None:
            self.notes.append(
                Note(exercise.line, f"no dose found for {exercise.name}: the catalog's is used")
            )
        elif _same_amount(exercise.dose, known.dose):
            self.matched.append(known.id)
        else:
            entry["dose"] = _dose(exercise.dose)
            self.notes.append(
                Note(exercise.line, f"{exercise.name}: the catalog's exercise {known.id!r}, "
                     "with the article's dose in place of the catalog's")
            )  # fmt: skip
        return entry

    def _load(self, exercise: DraftExercise) -> dict[str, Any] | None:
        kind = exercise.load
        if kind is None:
            return None
        load: dict[str, Any] = {"kind": kind.value}
        weight = (exercise.dose.weight_class if exercise.dose else None) or self._class(kind)
        if weight is not None and kind.graded:
            load["weight_class"] = weight.value
        return load

    def _class(self, kind: LoadKind):
        classes = self.draft.weight_classes
        if kind is LoadKind.KETTLEBELL:
            return classes.get(LoadKind.KETTLEBELL)
        if kind in (LoadKind.DUMBBELL, LoadKind.DUMBBELLS, LoadKind.DUMBBELL_OR_KETTLEBELL):
            return classes.get(LoadKind.DUMBBELL)
        return None


def _dose(dose: DraftDose) -> dict[str, Any]:
    written: dict[str, Any] = (
        {"seconds": dose.seconds} if dose.seconds is not None else {"reps": dose.reps}
    )
    if dose.per_side:
        written["per_side"] = True
    elif dose.directions:
        written["directions"] = dose.directions
    elif dose.alternating:
        written["alternating"] = True
    return written


def _same_amount(dose: DraftDose, known: Dose) -> bool:
    """Whether the article asks what the catalog already says (rep estimates aside)."""
    return (
        dose.seconds == known.seconds
        and dose.reps == known.reps
        and dose.per_side == known.per_side
        and dose.alternating == known.alternating
        and len(dose.directions or []) == len(known.directions or [])
    )


def _yaml(document: dict[str, Any], notes: list[Note], name: str) -> str:
    def flow(mapping: dict[str, Any]) -> CommentedMap:
        styled = CommentedMap(mapping)
        styled.fa.set_flow_style()
        return styled

    for block in document["blocks"]:
        for exercise in block["exercises"]:
            for field in ("dose", "load"):
                if field in exercise:
                    exercise[field] = flow(exercise[field])
    writer = YAML(typ="rt", pure=True)
    writer.width = 100
    writer.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    writer.dump(document, out)
    header = [f"# Imported by runstrong from {name}. Check it against the article:"]
    header += [f"#   {note}" for note in sorted(notes, key=_order)]
    return "\n".join(header) + "\n" + out.getvalue()
