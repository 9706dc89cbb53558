"""Decide whether an event is speed work, a long run, a race, an easy run or busy time.

The most specific keyword wins (the longest match), so "race pace intervals"
is speed work while "10K race" is a race. Training platforms name hard
sessions with easy words in them ("VO2 6 x 3' hard / 2' easy"), so a hard
signal (a speed keyword, or a reps pattern such as `6 x 3'` or `5×1 km`)
beats every easy word. A `kind:` tag in the event or a user rule always beats
the built-in table.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from runstrong.plan.errors import PlanInputError
from runstrong.plan.events import KIND_CHOICES, CalendarEvent, ClassifiedEvent, Kind

#: Built-in keywords per kind: English, then German, French and Spanish.
#: A keyword matches at the start of a word, so "interval" finds "Intervalle".
KEYWORDS: Mapping[Kind, tuple[str, ...]] = {
    Kind.SPEED: (
        "interval",
        "repeats",
        "track",
        "tempo",
        "threshold",
        "fartlek",
        "hills",
        "hill repeat",
        "hill sprint",
        "hill reps",
        "vo2",
        "speed",
        "race pace",
        "marathon pace",
        "goal pace",
        "cruise",
        "progression",
        "intervall",
        "schwelle",
        "bahntraining",
        "bergläufe",
        "bergsprint",
        "hügel",
        "tempolauf",
        "wiederholung",
        "fractionn",
        "seuil",
        "côte",
        "piste",
        "vma",
        "allure spécifique",
        "series",
        "umbral",
        "cuesta",
        "pista",
        "cambios de ritmo",
    ),
    Kind.LONG: (
        "long run",
        "long slow",
        "lsd",
        "long easy",
        "longrun",
        "langer lauf",
        "lange einheit",
        "langer dauerlauf",
        "sortie longue",
        "footing long",
        "tirada larga",
        "rodaje largo",
    ),
    Kind.RACE: (
        "race",
        "marathon",
        "half marathon",
        "10k race",
        "5k race",
        "wettkampf",
        "rennen",
        "volkslauf",
        "compétition",
        "course officielle",
        "carrera",
        "competición",
        "maratón",
    ),
    Kind.EASY: (
        "easy",
        "recovery run",
        "jog",
        "run",
        "shakeout",
        "strides",
        "aerobic",
        "base run",
        "locker",
        "lauf",
        "dauerlauf",
        "joggen",
        "regenerationslauf",
        "footing",
        "endurance fondamentale",
        "course à pied",
        "récup",
        "rodaje",
        "trote",
        "suave",
        "correr",
    ),
    Kind.BUSY: (
        "meeting",
        "office",
        "dinner",
        "flight",
        "travel",
        "gym",
        "yoga",
        "swim",
        "bike",
        "ride",
        "cycling",
        "appointment",
        "strength",
        "besprechung",
        "termin",
        "arbeit",
        "schwimmen",
        "radfahren",
        "krafttraining",
        "réunion",
        "travail",
        "natation",
        "vélo",
        "musculation",
        "reunión",
        "trabajo",
        "natación",
        "bici",
        "gimnasio",
    ),
}

#: Words for strides: short pick-ups that leave an easy run easy, reps pattern or not.
STRIDES = ("strides", "steigerung", "lignes droites", "accelerations", "progresivos", "rectas")

#: A reps pattern: "6 x 3'", "5×1 km", "10x400", "2 x 20 min" (count, then a length).
_REPS = re.compile(
    r"(?<![\w.,])(?P<count>\d{1,2})\s*[x×*]\s*(?P<length>\d{1,5}(?:[.,]\d+)?)\s*"
    r"(?P<unit>min(?:ute[ns]?|s)?\b|sec\b|sek\b|seg\b|s\b|''|[\"'’′″]|km\b|k\b|m\b|"
    r"mi\b|miles?\b|meters?\b|metres?\b|metros?\b)?"
)
#: A bare length this large is metres ("10x400"); a smaller bare one is likely gym sets ("3x10").
_BARE_METRES = 100

#: Ties between equally long keywords go to the kind that protects recovery most.
_PRIORITY = (Kind.RACE, Kind.LONG, Kind.SPEED, Kind.EASY, Kind.BUSY)

_TAG = re.compile(r"\bkind:\s*([^\n;,\]\)]+)", re.IGNORECASE)

HINT_UNCLASSIFIED = (
    "add 'kind: easy' (or speed, long, race, busy) to the event, or a rule in your rules file"
)


def normalise(text: str) -> str:
    """Case- and accent-insensitive form, so "Fractionné" matches "fractionne"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Classifier:
    """Keyword rules: the user's (keyword -> kind) on top of the built-in table."""

    user_rules: Mapping[str, Kind] = field(default_factory=dict)

    def __post_init__(self) -> None:
        table: dict[str, tuple[int, Kind, str]] = {}
        for kind in reversed(_PRIORITY):
            for keyword in KEYWORDS[kind]:
                table[normalise(keyword)] = (1, kind, "keyword")
        for keyword, kind in self.user_rules.items():
            table[normalise(keyword)] = (0, kind, "your rule")
        ordered = sorted(table, key=lambda k: (-len(k), k))
        pattern = "|".join(re.escape(k) for k in ordered)
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_pattern", re.compile(rf"(?<!\w)(?:{pattern})"))

    def classify(self, event: CalendarEvent) -> ClassifiedEvent:
        if event.kind_tag is not None:
            return ClassifiedEvent(event, event.kind_tag, "kind given in the calendar")
        tagged = _TAG.search(f"{event.title}\n{event.description}")
        if tagged:
            kind = Kind.from_tag(tagged.group(1).strip())
            if kind is None:
                reason = f"unknown kind {tagged.group(1).strip()!r}: use {KIND_CHOICES}"
                return ClassifiedEvent(event, Kind.UNCLASSIFIED, reason)
            return ClassifiedEvent(event, kind, "kind: tag")
        for text in (event.title, event.description):
            found = self._best_match(normalise(text))
            if found:
                return ClassifiedEvent(event, *found)
        return ClassifiedEvent(event, Kind.UNCLASSIFIED, HINT_UNCLASSIFIED)

    def _best_match(self, text: str) -> tuple[Kind, str] | None:
        """The kind the words of `text` give, and the words that decided it."""
        best: tuple[int, int, int, str] | None = None
        hard: tuple[int, str] | None = None
        for match in self._pattern.finditer(text):
            keyword = match.group(0)
            user_first, kind, _ = self._table[keyword]
            rank = (user_first, -len(keyword), _PRIORITY.index(kind), keyword)
            if best is None or rank < best:
                best = rank
            if kind is Kind.SPEED and (hard is None or -len(keyword) < hard[0]):
                hard = (-len(keyword), f'"{keyword}"')
        if hard is None and (reps := reps_pattern(text)):
            hard = (0, f'reps "{reps}"')
        if best is None:
            return (Kind.SPEED, f"{hard[1]}, a hard session") if hard else None
        keyword = best[3]
        user_first, kind, source = self._table[keyword]
        if kind is Kind.EASY and hard is not None and user_first:
            return Kind.SPEED, f'{hard[1]}, a hard session, beats "{keyword}"'
        return kind, f'{source} "{keyword}"'


def reps_pattern(text: str) -> str | None:
    """The first reps pattern in `text` ("6 x 3'"), unless the reps are strides."""
    if any(re.search(rf"(?<!\w){word}", text) for word in STRIDES):
        return None
    for match in _REPS.finditer(text):
        length = float(match["length"].replace(",", "."))
        if int(match["count"]) >= 2 and (match["unit"] or length >= _BARE_METRES):
            return match.group(0).strip()
    return None


def load_rules(path: Path) -> Classifier:
    """A classifier with the user's rules file: TOML lines like `parkrun = "race"`."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise PlanInputError(f"cannot read rules file {path}: {err.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise PlanInputError(
            f"{path}: {err}", hint='each line looks like: parkrun = "race"'
        ) from None
    rules: dict[str, Kind] = {}
    for keyword, value in raw.items():
        if not normalise(keyword).strip():
            raise PlanInputError(
                f"{path}: rule {keyword!r} = {value!r} has an empty keyword, "
                "which would match every event",
                hint='each line looks like: parkrun = "race"',
            )
        kind = Kind.from_tag(value) if isinstance(value, str) else None
        if kind is None or kind is Kind.UNCLASSIFIED:
            raise PlanInputError(
                f"{path}: rule {keyword!r} = {value!r} names no kind",
                hint=f"use one of: {KIND_CHOICES}",
            )
        rules[keyword] = kind
    return Classifier(rules)
