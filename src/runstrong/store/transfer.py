"""The log as portable files: CSV (one row per set) and JSON (sessions holding their sets).

Writing a log and reading it back gives the same sessions, so exporting,
importing into an empty log and exporting again yields the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from pydantic import ValidationError

from runstrong.store.entries import SessionEntry, explain
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
    first_line: dict[str, int] = {}
    for row in reader:
        uid = row["session"]
        if uid not in sessions:
            sessions[uid] = {field: _value(row[c]) for c, field in SESSION_COLUMNS.items()}
            sessions[uid]["sets"] = []
            first_line[uid] = reader.line_num
        if row["position"]:
            sessions[uid]["sets"].append({f: _value(row[c]) for c, f in SET_COLUMNS.items()})
    return [_parse(data, f"line {first_line[uid]}") for uid, data in sessions.items()]


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


def _parse(data: dict, where: str) -> SessionEntry:
    try:
        return SessionEntry.model_validate(data)
    except ValidationError as err:
        raise InvalidEntry(f"{where}: {explain(err, data)}") from None
    except AttributeError:
        raise InvalidEntry(f"{where}: expected an object") from None
