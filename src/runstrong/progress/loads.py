"""Weights: kept in kilograms, typed and shown in kilograms or pounds.

The log stores kilograms; the unit a load was typed in travels beside it so
it can be shown back the same way.
"""

from __future__ import annotations

import re

from runstrong.workouts.model import Unit

KG_PER_LB = 0.45359237

_AMOUNT = re.compile(r"^\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>kg|lb|lbs)?\s*$", re.IGNORECASE)


def to_kg(amount: float, unit: Unit) -> float:
    """An amount in `unit` as kilograms."""
    return amount * KG_PER_LB if unit == "lb" else amount


def from_kg(kilograms: float, unit: Unit) -> float:
    """Kilograms as an amount in `unit`."""
    return kilograms / KG_PER_LB if unit == "lb" else kilograms


def parse_load(text: str, default_unit: Unit = "kg") -> tuple[float, Unit]:
    """ "12", "12kg", "25 lb" -> (kilograms, unit typed).

    Raises:
        ValueError: not a number with an optional kg/lb unit, or a negative one.
    """
    match = _AMOUNT.match(text)
    if not match and _AMOUNT.match(text.strip().removeprefix("-")):
        raise ValueError("a load cannot be negative")
    if not match:
        raise ValueError(f"{text!r} is not a load: write a number of kg or lb, e.g. 12 or 25lb")
    unit: Unit = "lb" if (match["unit"] or default_unit).lower().startswith("lb") else "kg"
    return to_kg(float(match["number"]), unit), unit


def load_text(kilograms: float | None, unit: Unit = "kg") -> str:
    """ "12 kg", "26.5 lb", "bodyweight"."""
    if kilograms is None or kilograms == 0:
        return "bodyweight"
    return f"{round(from_kg(kilograms, unit), 1):g} {unit}"
