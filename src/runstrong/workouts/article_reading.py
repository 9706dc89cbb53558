"""Find a workout in an article's lines: blocks, rounds, exercises, doses, equipment, schedule.

Articles are written for people, and scraped copies of them are messy, so the
reading is a set of plain rules, each leaving a note when it had to guess:

- a block starts at a heading such as "Warmup", "Strength Set B: 3 rounds" or
  "Circuit (2 rounds)", or where the numbering of exercises starts again at 1;
- an exercise is a numbered line ("1. Cat Cow") or a short line followed by a
  dose; the dose is the line that starts with a number of seconds or reps
  ("20 seconds per side", "8 reps per side (light-medium dumbbell)");
- lines that repeat through the article, cut-off fragments and page furniture
  ("Image no longer available", "Advertisement") are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from runstrong.workouts.article_text import Article, SourceLine
from runstrong.workouts.model import LoadKind, WeightClass

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_NUMBER = r"(\d{1,3}|one|two|three|four|five|six|seven|eight)"

_DOSE = re.compile(
    r"^(?:(?:do|hold|perform|for)\s+)?(?P<amount>\d{1,4})(?:\s*(?:-|to)\s*(?P<upper>\d{1,4}))?\s*"
    r"(?P<unit>seconds?|secs?|s|minutes?|mins?|reps?|repetitions?)\b\.?(?P<tail>.{0,80})$",
    re.IGNORECASE,
)
_INLINE_DOSE = re.compile(r"^(?P<name>[^:(]{2,70}?)\s*(?::|\(|,|\s-\s)\s*(?P<dose>\d.*)$")
_NUMBERED = re.compile(r"^(?P<number>\d{1,2})[.)]\s+(?P<rest>.+)$")
_ROUNDS_IN_HEADER = re.compile(
    rf"^(?P<name>.{{2,40}}?)\s*(?::|-|–|—|\(|,)\s*{_NUMBER}\s+rounds?\)?\.?$", re.IGNORECASE
)
_HEADER_WORDS = re.compile(
    r"^(warm[\s-]?ups?|cool[\s-]?downs?|finisher|stretch(es|ing)?|mobility|"
    r"((strength|power|core|main|bonus)\s+)?(set|superset|circuit|block|round|part)(\s+[a-z0-9])?)"
    r"\s*:?$",
    re.IGNORECASE,
)
_ROUNDS_LINE = re.compile(
    rf"\b(?:repeat|do|complete|perform|go through)\b.{{0,40}}?\b{_NUMBER}\s+(?:rounds|times)\b",
    re.IGNORECASE,
)
_FURNITURE = (
    "image no longer available",
    "advertisement",
    "sponsored",
    "subscribe",
    "subscriptions",
    "sign up",
    "newsletter",
    "download your",
    "getty images",
    "photo:",
    "photograph by",
    "related:",
    "read more",
    "shop now",
    "this content is imported",
    "guide to strength training:",
)
_EASIER = re.compile(
    r"^(if (a |the |this |it )?.{0,40}(feels|is) (too )?(hard|difficult|challenging)|"
    r"before moving on|to make it easier|easier:|modification|modify|regression|beginner|"
    r"(do|perform) the (same )?(move|step down|exercise)[^,]{0,20}, but|eliminate the|"
    r"start with a regular|instead of)",
    re.IGNORECASE,
)
_LONG = 400
#: A sentence followed by a second, stray full stop: "Then switch sides. ."
_DOUBLED_STOP = re.compile(r"[.!?]\s+\.\s*$")

#: A person's name: two to four capitalised words ("Winnie Yu", "Mary-Kate O'Neil").
_PERSON = r"[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019.-]*){1,3}"
#: Letters after a name: "D.P.T.", "C.S.C.S.", "CSCS", "PhD".
_CREDENTIALS = r"(?:[A-Z][A-Za-z]{0,3}\.)+|[A-Z][A-Za-z]{1,6}"
_MADE = r"(?i:created|designed|developed|put together|came up with|programmed|built)"
_ROUTINE = r"(?i:routine|workout|circuit|session|plan|program|programme)"
#: "Winnie Yu, D.P.T., C.S.C.S., a physical therapist at ..., created this 20-minute routine."
_CREATOR_FIRST = re.compile(
    rf"\b(?P<name>{_PERSON})(?P<creds>(?:,\s*(?:{_CREDENTIALS}))*)"
    r"(?:,\s*(?:an?|the)\s+(?P<role>[a-z][^,]{2,80}?)(?=\s+(?:at|with|for|in|of|who)\b|,))?"
    rf"[^.]{{0,200}}?\b{_MADE}\s+(?:this|the)\b[^.]{{0,40}}?\b{_ROUTINE}\b"
)
#: "This routine was created by Winnie Yu, D.P.T." / "Workout courtesy of Winnie Yu".
_CREATOR_AFTER = re.compile(
    rf"\b{_ROUTINE}\b[^.]{{0,40}}?\b(?:{_MADE}\s+by|(?i:courtesy of|by))\s+"
    rf"(?P<name>{_PERSON})(?P<creds>(?:,\s*(?:{_CREDENTIALS}))*)"
    r"(?:,\s*(?:an?|the)\s+(?P<role>[a-z][^,.]{2,80}?)(?=\s+(?:at|with|for|in|of|who)\b|[,.]|$))?"
)
#: A byline: "By Mallory Creveling".
_BYLINE = re.compile(rf"^(?:words\s+|written\s+)?by\s+(?P<name>{_PERSON})\s*$", re.IGNORECASE)

#: Words in an article -> the load kind they name; longer phrases first.
_LOADS: tuple[tuple[str, LoadKind], ...] = (
    ("dumbbell or kettlebell", LoadKind.DUMBBELL_OR_KETTLEBELL),
    ("dumbbell in each hand", LoadKind.DUMBBELLS),
    ("dumbbells", LoadKind.DUMBBELLS),
    ("dumbbell", LoadKind.DUMBBELL),
    ("kettlebell", LoadKind.KETTLEBELL),
    ("mini band", LoadKind.MINI_BAND),
    ("mini-band", LoadKind.MINI_BAND),
    ("loop band", LoadKind.MINI_BAND),
    ("resistance band", LoadKind.RESISTANCE_BAND),
    ("barbell", LoadKind.BARBELL),
    ("medicine ball", LoadKind.MEDICINE_BALL),
    ("med ball", LoadKind.MEDICINE_BALL),
)
#: Words in an equipment list -> how the workout names the thing.
_EQUIPMENT: tuple[tuple[str, str], ...] = (
    ("mat", "exercise mat"),
    ("dumbbell", "dumbbells"),
    ("kettlebell", "kettlebell"),
    ("mini band", "mini band"),
    ("mini-band", "mini band"),
    ("resistance band", "resistance band"),
    ("barbell", "barbell"),
    ("medicine ball", "medicine ball"),
    ("box", "a box, bench or step"),
    ("bench", "a box, bench or step"),
    ("step", "a box, bench or step"),
)
_CLASSES: tuple[tuple[str, WeightClass], ...] = (
    ("light to medium", WeightClass.LIGHT_MEDIUM),
    ("light-medium", WeightClass.LIGHT_MEDIUM),
    ("light-to-medium", WeightClass.LIGHT_MEDIUM),
    ("medium to heavy", WeightClass.MEDIUM_HEAVY),
    ("medium-heavy", WeightClass.MEDIUM_HEAVY),
    ("medium-to-heavy", WeightClass.MEDIUM_HEAVY),
    ("light", WeightClass.LIGHT),
    ("medium", WeightClass.MEDIUM),
    ("heavy", WeightClass.HEAVY),
)


@dataclass(frozen=True)
class Note:
    """Something the reader inferred, left out or could not find, with its source line."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class DraftDose:
    seconds: int | None = None
    reps: int | None = None
    per_side: bool = False
    side_label: str | None = None
    per_direction: bool = False
    directions: list[str] | None = None
    alternating: bool = False
    weight_class: WeightClass | None = None
    load: LoadKind | None = None


@dataclass
class DraftExercise:
    name: str
    line: int
    dose: DraftDose | None = None
    steps: list[str] = field(default_factory=list)
    easier: list[str] = field(default_factory=list)
    fragments: list[str] = field(default_factory=list)
    load: LoadKind | None = None
    uses_box: bool = False


@dataclass
class DraftBlock:
    name: str | None
    line: int
    rounds: int | None = None
    rounds_line: int | None = None
    exercises: list[DraftExercise] = field(default_factory=list)
    kind: str | None = None


@dataclass(frozen=True)
class DraftCredit:
    """Who made the routine, as the article names them."""

    author: str
    role: str | None = None
    writer: str | None = None
    source: str | None = None


@dataclass
class Draft:
    """The workout as read, before it is written as a workout file."""

    title: str | None
    credit: DraftCredit | None
    blocks: list[DraftBlock]
    equipment: list[str]
    weight_classes: dict[LoadKind, WeightClass]
    sessions_per_week: int | None
    recovery_hours: int | None
    target_minutes: int | None
    rest_as_needed_between_sets: bool
    notes: list[Note]


class NoWorkoutFound(ValueError):
    """The article has nothing that reads as a workout."""

    LOOKED_FOR = (
        'numbered exercises ("1. Cat Cow") or exercise names followed by a dose line '
        '("30 seconds", "8 reps per side"), under block headings such as "Warmup" or '
        '"Strength Set B: 3 rounds"'
    )


def read_workout(article: Article) -> Draft:
    """The workout the article describes, with a note for every guess and gap.

    Raises:
        NoWorkoutFound: not one exercise with a dose or a number was found.
    """
    return _Reader(article).read()


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _WORDS[word.lower()]


def _normal(text: str) -> str:
    return (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u2014", " - ")
        .replace("\u2013", "-")
        .replace("\u00a0", " ")
    )


def parse_dose(text: str) -> DraftDose | None:
    """ "20 seconds per side" -> a dose; None when the line is not a dose."""
    match = _DOSE.match(_normal(text).strip())
    if not match:
        return None
    tail = match["tail"].lower()
    if re.search(
        r"[a-z]{3,}",
        re.sub(
            r"\(.*?\)|per|each|side|leg|arm|hand|direction|way|"
            r"alternating|on|a|total|round|of|the|hold|with",
            "",
            tail,
        ),
    ):
        return None
    amount = int(match["upper"] or match["amount"])
    unit = match["unit"].lower()
    dose = DraftDose()
    if unit.startswith("m") and unit not in ("s",):
        dose.seconds = amount * 60
    elif unit.startswith("s"):
        dose.seconds = amount
    else:
        dose.reps = amount
    side = re.search(r"\b(?:per|each|a|on each)\s+(side|leg|arm|hand|direction|way)\b", tail)
    if side and side[1] in ("direction", "way"):
        dose.per_direction = True
        dose.directions = _directions(tail)
    elif side:
        dose.per_side = True
        dose.side_label = side[1]
    dose.alternating = "alternating" in tail
    for words, kind in _LOADS:
        if words in tail:
            dose.load = kind
            break
    for words, weight in _CLASSES:
        if words in tail:
            dose.weight_class = weight
            break
    return dose


def _directions(tail: str) -> list[str] | None:
    """Names of directions listed after a colon, as in "(three directions: centre, left, right)"."""
    listed = re.search(r":\s*([^)]+)", tail)
    if not listed:
        return None
    names = [n.strip(" .") for n in re.split(r",|\band\b", listed[1]) if n.strip(" .")]
    return names if 2 <= len(names) <= 8 else None


class _Reader:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.notes: list[Note] = []
        self.lines = self._clean(article.lines)
        self.text = " ".join(_normal(line.text).lower() for line in self.lines)

    # -- cleaning ------------------------------------------------------------------

    def _clean(self, lines: tuple[SourceLine, ...]) -> list[SourceLine]:
        counts = Counter(_normal(line.text).strip(" .").lower() for line in lines)
        first_text = {}
        kept: list[SourceLine] = []
        furniture: list[int] = []
        repeated: dict[str, list[int]] = {}
        previous = None
        for line in lines:
            key = _normal(line.text).strip(" .").lower()
            short = len(key) < 80
            if short and any(word in key for word in _FURNITURE):
                furniture.append(line.number)
                continue
            if _DOUBLED_STOP.search(line.text) and counts[key] < 3:
                # "Lie faceup on mat. .": a sentence glued to another element's full stop
                self.notes.append(
                    Note(line.number, f"left out {line.text.strip()!r}: a stray copy "
                         "(it ends in a second full stop)")
                )  # fmt: skip
                continue
            if counts[key] >= 3 and not parse_dose(line.text) and short:
                text = first_text.setdefault(key, line.text.strip())
                repeated.setdefault(text, []).append(line.number)
                continue
            if key == previous:
                continue
            previous = key
            kept.append(line)
        if furniture:
            where = ", ".join(str(n) for n in furniture[:6])
            more = "..." if len(furniture) > 6 else ""
            self.notes.append(
                Note(furniture[0], f"left out {len(furniture)} lines of page furniture "
                     f"(ads, captions, links) at lines {where}{more}")
            )  # fmt: skip
        for text, numbers in repeated.items():
            self.notes.append(
                Note(numbers[0], f"left out {text!r}: it repeats {len(numbers)} times through "
                     "the article, so it is not part of any one exercise")
            )  # fmt: skip
        return kept

    # -- the walk ----------------------------------------------------------------

    def read(self) -> Draft:
        blocks = self._walk()
        exercises = [e for b in blocks for e in b.exercises]
        if not exercises:
            raise NoWorkoutFound("no exercises found")
        self._name_blocks(blocks)
        self._count_rounds(blocks)
        self._choose_kinds(blocks)
        for exercise in exercises:
            self._finish_exercise(exercise)
        equipment, classes = self._equipment()
        return Draft(
            title=self.article.title,
            credit=self._credit(),
            blocks=blocks,
            equipment=equipment,
            weight_classes=classes,
            sessions_per_week=self._sessions_per_week(),
            recovery_hours=self._recovery_hours(),
            target_minutes=self._target_minutes(),
            rest_as_needed_between_sets=bool(re.search(r"rest as needed", self.text)),
            notes=self.notes,
        )

    def _walk(self) -> list[DraftBlock]:
        self._intro: dict[str, int] = {}
        self._placed: dict[str, list[tuple[int, str, str]]] = {}
        blocks = self._walk_lines()
        for places in self._placed.values():
            if len({name for _, name, _ in places}) > 1:
                where = " and ".join(f"{name} (line {number})" for number, name, _ in places)
                self.notes.append(
                    Note(places[0][0], f"{places[0][2]!r} is under {where}: "
                         "delete it where it does not belong")
                )  # fmt: skip
        return blocks

    def _walk_lines(self) -> list[DraftBlock]:
        blocks: list[DraftBlock] = []
        current: DraftExercise | None = None
        fresh_header = False
        index = 0
        lines = self.lines
        while index < len(lines):
            line = lines[index]
            text = _normal(line.text).strip()
            header = self._header(line, text)
            if header is not None:
                name, rounds = header
                blocks.append(
                    DraftBlock(name, line.number, rounds, line.number if rounds else None)
                )
                current, fresh_header = None, True
                index += 1
                continue
            found = self._exercise_at(index)
            if found is not None:
                exercise, number, used = found
                restart = number == 1 and blocks and blocks[-1].exercises and not fresh_header
                if not blocks or restart:
                    blocks.append(DraftBlock(None, line.number))
                blocks[-1].exercises.append(exercise)
                current, fresh_header = exercise, False
                index += used
                continue
            if blocks and blocks[-1].rounds is None and (match := _ROUNDS_LINE.search(text)):
                blocks[-1].rounds = _number(match[1])
                blocks[-1].rounds_line = line.number
            elif current is not None:
                self._instruction(current, line, text)
            elif not blocks:
                self._intro.setdefault(_key(text), line.number)
            index += 1
        return [block for block in blocks if block.exercises]

    def _header(self, line: SourceLine, text: str) -> tuple[str, int | None] | None:
        if len(text) > 50 or _NUMBERED.match(text) or line.list_number is not None:
            return None
        stripped = text.rstrip(":. ")
        match = _ROUNDS_IN_HEADER.match(text)
        if match:
            return match["name"].strip(" :-"), _number(match[2])
        if _HEADER_WORDS.match(stripped):
            return stripped, None
        return None

    def _exercise_at(self, index: int) -> tuple[DraftExercise, int | None, int] | None:
        """The exercise that starts at line `index`, its number, and how many lines it took."""
        line = self.lines[index]
        text = _normal(line.text).strip()
        number = line.list_number
        numbered = _NUMBERED.match(text)
        if number is None and numbered:
            number, text = int(numbered["number"]), numbered["rest"].strip()
        text = text.strip("*_ ")
        inline = _INLINE_DOSE.match(text)
        if inline and (dose := parse_dose(_balanced(inline["dose"]))):
            return DraftExercise(inline["name"].strip(), line.number, dose), number, 1
        if not _looks_like_a_name(text):
            return None
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        dose = parse_dose(following.text) if following else None
        if dose is not None:
            return DraftExercise(text, line.number, dose), number, 2
        if number is not None:
            return DraftExercise(text, line.number), number, 1
        return None

    def _instruction(self, exercise: DraftExercise, line: SourceLine, text: str) -> None:
        if len(text) > _LONG:
            return  # an author's bio or an essay, not a step
        key = _key(text)
        if key in self._intro:
            self.notes.append(
                Note(line.number, f"left out {text!r}: a copy of line {self._intro[key]} "
                     "of the introduction, not a step")
            )  # fmt: skip
            return
        self._placed.setdefault(key, []).append((line.number, exercise.name, text.strip()))
        if text[:1].islower():
            exercise.fragments.append(
                text
            )  # cut off by the scrape: not a step, but may name a load
            return
        if exercise.easier or _EASIER.match(text):
            exercise.easier.append(text)
        else:
            exercise.steps.append(text)

    # -- blocks --------------------------------------------------------------------

    def _name_blocks(self, blocks: list[DraftBlock]) -> None:
        for index, block in enumerate(blocks):
            if block.name:
                continue
            following = next((b.name for b in blocks[index + 1 :] if b.name), None)
            before = blocks[index - 1].name if index else None
            name, why = None, ""
            if index == 0 and re.search(r"warm[\s-]?up", self.text) and not _has(blocks, "warm"):
                name, why = "Warmup", "the article mentions a warmup"
            elif following and (step := _step_name(following, -1)):
                name, why = step, f"{following} follows it"
            elif before and (step := _step_name(before, +1)):
                name, why = step, f"it follows {before}"
            elif index == len(blocks) - 1 and re.search(r"cool[\s-]?down", self.text):
                name, why = "Cooldown", "the article mentions a cooldown"
            else:
                name, why = f"Block {index + 1}", "no name to go by"
            block.name = name
            self.notes.append(
                Note(block.line, f"no heading before this block: named it {name!r} ({why})")
            )

    def _count_rounds(self, blocks: list[DraftBlock]) -> None:
        for block in blocks:
            if block.rounds is not None:
                continue
            stem = _stem(block.name or "")
            siblings = {
                b.rounds
                for b in blocks
                if b is not block and b.rounds and _stem(b.name or "") == stem
            }
            if stem and len(siblings) == 1:
                block.rounds = siblings.pop()
                names = ", ".join(
                    b.name
                    for b in blocks
                    if b.rounds and b is not block and _stem(b.name or "") == stem
                )
                self.notes.append(
                    Note(
                        block.line,
                        f"rounds not stated for {block.name}: "
                        f"assumed {block.rounds}, as for {names}",
                    )
                )
            else:
                block.rounds = 1
                self.notes.append(
                    Note(block.line, f"rounds not stated for {block.name}: assumed 1")
                )

    def _choose_kinds(self, blocks: list[DraftBlock]) -> None:
        says_superset = "superset" in self.text
        says_circuit = "circuit" in self.text
        for block in blocks:
            name = (block.name or "").lower()
            if re.search(r"warm[\s-]?up", name):
                block.kind = "warmup"
            elif re.search(r"cool[\s-]?down|stretch", name):
                block.kind = "cooldown"
            elif "superset" in name:
                block.kind = "superset"
            elif "circuit" in name:
                block.kind = "circuit"
            elif len(block.exercises) == 1:
                block.kind = "straight sets"
            elif says_superset and not says_circuit:
                block.kind = "superset"
                self.notes.append(
                    Note(block.line, f"{block.name}: a superset, as the article calls its sets")
                )
            else:
                block.kind = "circuit"
                self.notes.append(
                    Note(
                        block.line,
                        f"{block.name}: taken as a circuit "
                        "(one exercise after another, round by round)",
                    )
                )

    # -- exercises -----------------------------------------------------------------

    def _finish_exercise(self, exercise: DraftExercise) -> None:
        dose = exercise.dose
        if dose is None:
            return
        if "alternating" in exercise.name.lower() and not (dose.per_side or dose.per_direction):
            dose.alternating = True
        if dose.per_direction and not dose.directions:
            ways = re.search(rf"\b{_NUMBER}[\s-]way\b", exercise.name, re.IGNORECASE)
            count = _number(ways[1]) if ways else 2
            dose.directions = [f"direction {n}" for n in range(1, count + 1)]
            if not ways:
                self.notes.append(
                    Note(exercise.line, f"{exercise.name}: directions not counted: assumed 2")
                )
        text = " ".join(line.lower() for line in (*exercise.fragments, *exercise.steps))
        exercise.load = dose.load or next((kind for words, kind in _LOADS if words in text), None)
        exercise.uses_box = bool(re.search(r"\b(box|bench|step)\b", text))

    # -- the whole workout ---------------------------------------------------------

    def _equipment(self) -> tuple[list[str], dict[LoadKind, WeightClass]]:
        listed = ""
        for index, line in enumerate(self.lines):
            text = _normal(line.text)
            if re.match(r"^(equipment|what you('ll)? need|you('ll)? need)\b", text, re.IGNORECASE):
                after = re.split(r":", text, maxsplit=1)
                listed = after[1] if len(after) > 1 and after[1].strip() else ""
                if not listed and index + 1 < len(self.lines):
                    listed = _normal(self.lines[index + 1].text)
                self.notes.append(Note(line.number, "equipment read from here"))
                break
        lowered = listed.lower()
        names: list[str] = []
        for words, name in _EQUIPMENT:
            if re.search(rf"\b{re.escape(words)}", lowered) and name not in names:
                names.append(name)
        classes: dict[LoadKind, WeightClass] = {}
        for part in re.split(r",| and ", lowered):
            weight = next((w for words, w in _CLASSES if words in part), None)
            if weight is None:
                continue
            if "kettlebell" in part:
                classes[LoadKind.KETTLEBELL] = weight
            elif "dumbbell" in part:
                classes[LoadKind.DUMBBELL] = weight
        if not listed:
            self.notes.append(Note(None, "no equipment list found"))
        return names, classes

    def _credit(self) -> DraftCredit | None:
        """The routine's author (with their letters and role), the article's writer and site."""
        author = None
        for line in self.lines:
            text = _normal(line.text)
            match = _CREATOR_FIRST.search(text) or _CREATOR_AFTER.search(text)
            if match:
                author = match
                self.notes.append(Note(line.number, f"credit: routine by {match['name']}"))
                break
        writer = next(
            (m["name"] for line in self.lines if (m := _BYLINE.match(line.text.strip()))), None
        )
        if author is None:
            self.notes.append(Note(None, "no credit found: the article names no author"))
            return None
        letters = [c.strip() for c in author["creds"].split(",") if c.strip()]
        role = ", ".join([*letters, *([author["role"].strip()] if author["role"] else [])])
        name = re.sub(r"^(?:coach|dr\.?)\s+", "", author["name"], flags=re.IGNORECASE).strip(" .")
        return DraftCredit(
            author=name[:120],
            role=role[:120] or None,
            writer=writer if writer and writer != name else None,
            source=self.article.site,
        )

    def _sessions_per_week(self) -> int | None:
        match = re.search(
            rf"\b(?:(once)|(twice)|{_NUMBER}\s+times)\s+(?:a|per|each)\s+week", self.text
        )
        if not match:
            self.notes.append(Note(None, "how often is not stated: 1 session a week assumed"))
            return None
        self._note_line(match[0], "sessions a week read here")
        return 1 if match[1] else 2 if match[2] else _number(match[3])

    def _recovery_hours(self) -> int | None:
        match = re.search(
            r"(\d{1,3})\s+hours?\s+(?:to recover|of recovery|before|between)", self.text
        )
        if match:
            self._note_line(match[0], "recovery before a quality run read here")
            return int(match[1])
        if re.search(r"(right )?before or after (a|your) run|any time", self.text):
            return 0
        self.notes.append(
            Note(None, "no recovery rule found: the planner keeps 48 hours before a quality run")
        )
        return None

    def _target_minutes(self) -> int | None:
        match = re.search(r"\b(\d{1,3})[\s-]minute\b", self.text)
        if match:
            self._note_line(match[0], f"target length {match[1]} minutes read here")
            return int(match[1])
        self.notes.append(Note(None, "no target length stated"))
        return None

    def _note_line(self, words: str, message: str) -> None:
        number = next(
            (line.number for line in self.lines if words in _normal(line.text).lower()), None
        )
        self.notes.append(Note(number, message))


def _key(text: str) -> str:
    """A line as compared with others: case, spacing and closing punctuation aside."""
    return " ".join(_normal(text).lower().split()).strip(" .")


def _balanced(text: str) -> str:
    """ "30 seconds)" (the end of "Cat Cow (30 seconds)") -> "30 seconds"."""
    return text[:-1] if text.endswith(")") and text.count(")") > text.count("(") else text


def _looks_like_a_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 10 and len(text) <= 70 and not text.endswith((".", ":", "?", "!"))


def _has(blocks: list[DraftBlock], word: str) -> bool:
    return any(word in (b.name or "").lower().replace(" ", "") for b in blocks)


def _stem(name: str) -> str:
    """ "Strength Set B" -> "strength set"."""
    match = re.match(r"^(.*?)\s*\b([A-Za-z]|\d+)$", name.strip())
    return match[1].lower() if match and match[1] else ""


def _step_name(name: str, step: int) -> str | None:
    """The name one before (-1) or after (+1) in a lettered or numbered series."""
    match = re.match(r"^(.*\s)([A-Za-z]|\d+)$", name.strip())
    if not match:
        return None
    mark = match[2]
    if mark.isdigit():
        value = int(mark) + step
        return f"{match[1]}{value}" if value >= 1 else None
    value = chr(ord(mark.upper()) + step)
    return f"{match[1]}{value}" if "A" <= value <= "Z" else None
