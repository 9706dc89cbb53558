"""The log as portable files: CSV (one row per set) and JSON (sessions holding their sets).

Writing a log and reading it back gives the same sessions, so exporting,
importing into an empty log and exporting again yields the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import ValidationError

from runstrong.store.entries import SessionEntry, explain, problem_text
from runstrong.store.errors import InvalidEntry

#: Session columns, then set columns; a session without sets has one row with empty set cells.
SESSION_COLUMNS = {
    "session": "uid",
    "user": "user",
    "workout": "workout_id",
    "workout_version": "workout_version",
    "started_at": "started_at",
    "ended_at": "ended_at",
    "status": "status",
    "session_rpe": "rpe",
    "notes": "notes",
}
SET_COLUMNS = {
    "position": "position",
    "exercise": "exercise_id",
    "variation": "variation_id",
    "side": "side",
    "round": "round",
    "outcome": "outcome",
    "reps_planned": "reps_planned",
    "reps_done": "reps_done",
    "seconds_planned": "seconds_planned",
    "seconds_done": "seconds_done",
    "load_kg": "load_kg",
    "load_unit": "load_unit",
    "set_rpe": "rpe",
}
HEADER = [*SESSION_COLUMNS, *SET_COLUMNS]


def write_csv(entries: Iterable[SessionEntry]) -> str:
    """The sessions as CSV: a header, then one row per set."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for entry in entries:
        session = entry.model_dump(mode="json", exclude={"sets"})
        head = [_cell(session[field]) for field in SESSION_COLUMNS.values()]
        if not entry.sets:
            writer.writerow(head + [""] * len(SET_COLUMNS))
        for done in entry.sets:
            values = done.model_dump(mode="json")
            writer.writerow(head + [_cell(values[field]) for field in SET_COLUMNS.values()])
    return out.getvalue()


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def read_csv(text: str) -> list[SessionEntry]:
    """Sessions from CSV written by `write_csv`.

    Raises:
        InvalidEntry: a missing column or an impossible value, with its line number.
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in HEADER if column not in (reader.fieldnames or [])]
    if missing:
        raise InvalidEntry(f"not a runstrong log export: missing columns {', '.join(missing)}")
    sessions: dict[str, dict] = {}
    lines: dict[str, _Lines] = {}
    for row in reader:
        uid = row["session"]
        if uid not in sessions:
            sessions[uid] = {field: _value(row[c]) for c, field in SESSION_COLUMNS.items()}
            sessions[uid]["sets"] = []
            lines[uid] = _Lines(first=reader.line_num)
        if row["position"]:
            sessions[uid]["sets"].append({f: _value(row[c]) for c, f in SET_COLUMNS.items()})
            lines[uid].sets.append(reader.line_num)
    return [_parse(data, lines[uid]) for uid, data in sessions.items()]


@dataclass
class _Lines:
    """Where a session came from in a CSV file: its first line, and the line of each set."""

    first: int
    sets: list[int] = field(default_factory=list)

    def of(self, loc: tuple) -> int:
        """The line a validation problem at `loc` comes from."""
        if len(loc) >= 2 and loc[0] == "sets" and isinstance(loc[1], int):
            return self.sets[loc[1]] if loc[1] < len(self.sets) else self.first
        return self.first


def _value(cell: str) -> str | None:
    return cell if cell != "" else None


def write_json(entries: Iterable[SessionEntry]) -> str:
    """The sessions as a JSON document, each session holding its sets."""
    data = [entry.model_dump(mode="json") for entry in entries]
    return json.dumps({"sessions": data}, indent=2, ensure_ascii=False) + "\n"


def read_json(text: str) -> list[SessionEntry]:
    """Sessions from JSON written by `write_json`.

    Raises:
        InvalidEntry: not JSON of that shape, or an impossible value.
    """
    try:
        data = json.loads(text)
        sessions = data["sessions"]
    except (json.JSONDecodeError, TypeError, KeyError):
        raise InvalidEntry(
            "not a runstrong log export: expected JSON with a 'sessions' list"
        ) from None
    if not isinstance(sessions, list):
        raise InvalidEntry("not a runstrong log export: 'sessions' must be a list")
    return [_parse(item, f"session {n}") for n, item in enumerate(sessions, start=1)]


def _parse(data: object, where: str | _Lines) -> SessionEntry:
    """Validate one session; a problem names its line (CSV) or session number (JSON)."""
    if not isinstance(data, dict):
        raise InvalidEntry(f"{where}: expected an object")
    data = data | {name: _moment(data, name, where) for name in _MOMENTS if name in data}
    try:
        return SessionEntry.model_validate(data)
    except ValidationError as err:
        if isinstance(where, str):
            raise InvalidEntry(f"{where}: {explain(err, data)}") from None
        found: dict[str, list[int]] = {}
        for problem in err.errors():
            lines = found.setdefault(problem_text(problem, data), [])
            if where.of(problem["loc"]) not in lines:
                lines.append(where.of(problem["loc"]))
        raise InvalidEntry(
            "\n".join(f"{_line_numbers(lines)}: {text}" for text, lines in found.items())
        ) from None


#: Fields read as ISO 8601 date-times and nothing else (no numbers taken as epoch seconds).
_MOMENTS = ("started_at", "ended_at")


def _moment(data: dict, name: str, where: str | _Lines) -> datetime | None:
    value = data[name]
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    place = where if isinstance(where, str) else f"line {where.first}"
    raise InvalidEntry(
        f"{place}: {name} {json.dumps(value)} is not a date and time; "
        "expected ISO 8601, e.g. 2026-11-20T18:30:00+01:00"
    )


def _line_numbers(lines: list[int]) -> str:
    """ "line 5", "lines 5, 6 and 9", "lines 5, 6, 7, 8 and 4 more"."""
    if len(lines) == 1:
        return f"line {lines[0]}"
    shown = ", ".join(str(n) for n in lines[:4])
    if len(lines) <= 4:
        head, _, last = shown.rpartition(", ")
        return f"lines {head} and {last}"
    return f"lines {shown} and {len(lines) - 4} more"
