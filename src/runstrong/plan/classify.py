"""Decide whether an event is speed work, a long run, a race, an easy run or busy time.

The most specific keyword wins (the longest match), so "race pace intervals"
is speed work while "10K race" is a race. Training platforms name hard
sessions with easy words in them ("VO2 6 x 3' hard / 2' easy"), so a hard
signal (a speed keyword, or a reps pattern such as `6 x 3'` or `5×1 km`)
beats every easy word, also when the title says only "Run" and the notes
spell the session out. A `kind:` tag in the event or a user rule always
beats the built-in table. Reasons quote the deciding words as the event
spells them.
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
        "yasso",
        "progression",
        "intervall",
        "schwelle",
        "bahntraining",
        "fahrtspiel",
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

#: Units of a rep's length: minutes, seconds, kilometres, metres, miles.
_UNITS = (
    r"min(?:ute[ns]?|s)?\b|sec\b|sek\b|seg\b|s\b|''|[\"'’′″]|km\b|k\b|m\b|"
    r"mi\b|miles?\b|meters?\b|metres?\b|metros?\b"
)

#: Words for strides: short pick-ups that leave an easy run easy, reps pattern or not.
STRIDES = ("strides", "steigerung", "lignes droites", "accelerations", "progresivos", "rectas")

#: A reps pattern: "6 x 3'", "5×1 km", "10x400", "2 x 20 min" (a count, then a length)
#: or "3 x (1 km hard, 1 km easy)" (a count of a set).
_REPS = re.compile(
    r"(?<![\w.,])(?P<count>\d{1,2})\s*[x×*]\s*"
    r"(?:(?P<set>\([^()\n]{1,80}\))|(?P<length>\d{1,5}(?:[.,]\d+)?)\s*(?P<unit>" + _UNITS + r")?)"
)
#: The other order, a length with its unit and then the count: "400 m x 10", "800s x 10".
_REPS_AFTER = re.compile(
    r"(?<![\w.,])\d{1,5}(?:[.,]\d+)?\s*(?:" + _UNITS + r")\s*[x×*]\s*(?P<count>\d{1,2})\b"
    r"(?![.,]\d)"
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
        title = self._decide(event.title)
        if title is None or title.easy_word:
            # Platforms often title a workout "Run" and spell it out in the notes.
            notes = self._scan(event.description).hard
            if notes is not None:
                beaten = f", beats {title.easy_word}" if title else ""
                reason = f"{notes} in the notes, a hard session{beaten}"
                return ClassifiedEvent(event, Kind.SPEED, reason)
        if title is not None:
            return ClassifiedEvent(event, title.kind, title.reason)
        notes_kind = self._decide(event.description)
        if notes_kind is not None:
            return ClassifiedEvent(event, notes_kind.kind, f"{notes_kind.reason} in the notes")
        return ClassifiedEvent(event, Kind.UNCLASSIFIED, HINT_UNCLASSIFIED)

    def _decide(self, text: str) -> _Decision | None:
        """The kind the words of `text` give, and the words that decided it."""
        found = self._scan(text)
        if found.best is None:
            return _Decision(Kind.SPEED, f"{found.hard}, a hard session") if found.hard else None
        user_first, kind, source = self._table[found.best.group(0)]
        words = f'"{_as_written(text, found.best)}"'
        if kind is Kind.EASY and user_first:
            if found.hard is not None:
                return _Decision(Kind.SPEED, f"{found.hard}, a hard session, beats {words}")
            return _Decision(kind, f"{source} {words}", easy_word=words)
        return _Decision(kind, f"{source} {words}")

    def _scan(self, text: str) -> _Scan:
        """The deciding keyword of `text` and its hard signal, if any."""
        folded = normalise(text)
        best: tuple[tuple, re.Match] | None = None
        hard: re.Match | None = None
        for match in self._pattern.finditer(folded):
            keyword = match.group(0)
            user_first, kind, _ = self._table[keyword]
            rank = (user_first, -len(keyword), _PRIORITY.index(kind), keyword)
            if best is None or rank < best[0]:
                best = (rank, match)
            if kind is Kind.SPEED and (hard is None or len(keyword) > len(hard.group(0))):
                hard = match
        if hard is not None:
            signal = f'"{_as_written(text, hard)}"'
        else:
            reps = reps_pattern(folded)
            signal = f'reps "{_as_written(text, reps, whole_word=False)}"' if reps else None
        return _Scan(best[1] if best else None, signal)


@dataclass(frozen=True)
class _Scan:
    """What matched in one text: the deciding keyword, and the hard signal quoted."""

    best: re.Match | None
    hard: str | None


@dataclass(frozen=True)
class _Decision:
    """A kind with its reason; `easy_word` (quoted) when a built-in easy word decided,
    which a hard signal elsewhere in the event beats."""

    kind: Kind
    reason: str
    easy_word: str | None = None


def reps_pattern(text: str) -> re.Match | None:
    """The first reps pattern in `text` (folded), unless the reps are strides."""
    if any(re.search(rf"(?<!\w){word}", text) for word in STRIDES):
        return None
    found = [m for pattern in (_REPS, _REPS_AFTER) for m in pattern.finditer(text)]
    for match in sorted(found, key=lambda m: m.start()):
        if int(match["count"]) < 2:
            continue
        length = match.groupdict().get("length")
        if match.re is _REPS_AFTER or match["set"] or match["unit"]:
            return match
        if float(length.replace(",", ".")) >= _BARE_METRES:
            return match
    return None


def _as_written(text: str, match: re.Match, *, whole_word: bool = True) -> str:
    """The words of `text` that `match` (in the folded text) found, spelled as in `text`:
    "Fractionné" rather than "fractionn", and to the end of the word when `whole_word`."""
    start = end = None
    folded = 0
    for index, char in enumerate(text):
        if start is None and folded >= match.start():
            start = index
        folded += len(normalise(char))
        if folded >= match.end():
            end = index + 1
            break
    if start is None or end is None:  # not expected: folding keeps the order of characters
        return match.group(0).strip()
    if whole_word:
        while end < len(text) and text[end].isalnum():
            end += 1
    return text[start:end].strip()


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
