"""Parse .ics text into one calendar, leniently, remembering the line each event starts on.

icalendar parses a whole file or nothing: one event with a parameter it
chokes on (a 10,000-character TZID) or a missing END:VEVENT loses every
other event. When the whole file does not parse, each component inside the
calendar is parsed on its own; those that parse are kept and each one that
does not is reported by its line, as calendar apps do on import. Several
calendars pasted into one file are read as one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import icalendar

from runstrong.plan.errors import PlanInputError
from runstrong.plan.read_warnings import ReadWarning

#: Errors icalendar raises on input it cannot parse.
PARSE_ERRORS = (ValueError, TypeError, OverflowError, AttributeError, LookupError, OSError)


@dataclass
class ParsedIcs:
    """The calendar, the line of each VEVENT in `calendar.walk("VEVENT")` order, and warnings."""

    calendar: object
    event_lines: list[int]
    warnings: list[ReadWarning] = field(default_factory=list)


@dataclass
class _Block:
    name: str
    line: int
    lines: list[str] = field(default_factory=list)
    closed: bool = False


def parse_ics(data: bytes, text: str, *, source: str) -> ParsedIcs:
    """The calendar in `data` (`text` is the same, decoded, for line numbers).

    Raises:
        PlanInputError: nothing in the file can be read as a calendar.
    """
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except PARSE_ERRORS as err:
        whole = str(err)
    else:
        return ParsedIcs(calendar, _vevent_lines(text.split("\n"), first=1))
    header, blocks, cut_short = _split(text)
    parsed = ParsedIcs(_header(header), [])
    for block in blocks:
        _add(parsed, block, source)
    if not parsed.event_lines and not any(w.skipped_event for w in parsed.warnings):
        raise PlanInputError(
            f"{source}: not a readable calendar ({locate(text, whole)})",
            hint="export the calendar again as .ics, or use CSV: date,time,title",
        )
    if cut_short is not None:
        parsed.warnings.append(
            ReadWarning(
                f"{source} line {cut_short}",
                "BEGIN:VCALENDAR has no END:VCALENDAR; the events before the end of the "
                "file were read, but is the file complete?",
            )
        )
    return parsed


def _header(lines: list[str]):
    try:
        return icalendar.Calendar.from_ical(_wrapped(lines))
    except PARSE_ERRORS:
        return icalendar.Calendar()


def _add(parsed: ParsedIcs, block: _Block, source: str) -> None:
    where = f"{source} line {block.line}"
    problem = None
    if not block.closed:
        problem = f"BEGIN:{block.name[:40]} has no END:{block.name[:40]}; is the file complete?"
    else:
        try:
            part = icalendar.Calendar.from_ical(_wrapped(block.lines))
        except OSError:
            problem = "its time zone (TZID) is not a name runstrong can look up"
        except PARSE_ERRORS as err:
            problem = f"it cannot be read ({short_reason(str(err))})"
    if problem is None:
        parsed.calendar.subcomponents.extend(part.subcomponents)
        parsed.event_lines += _vevent_lines(block.lines, first=block.line)
    elif block.name == "VEVENT":
        title, uid = _raw_value(block.lines, "SUMMARY"), _raw_value(block.lines, "UID")
        parsed.warnings.append(ReadWarning(where, problem, title=title, uid=uid))
    elif block.name == "VTIMEZONE":
        parsed.warnings.append(
            ReadWarning(where, f"a time zone (VTIMEZONE) was left out: {problem}")
        )


def _split(text: str) -> tuple[list[str], list[_Block], int | None]:
    """The first calendar's own property lines, each component directly inside a calendar,
    and the line of a BEGIN:VCALENDAR the file ends inside, if it does."""
    header: list[str] = []
    blocks: list[_Block] = []
    calendars = 0
    inside: int | None = None
    block: _Block | None = None
    nested = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        key, _, value = line.partition(":")
        key = key.upper() if line[:1] not in (" ", "\t") else ""
        name = value.strip().upper()
        if key in ("BEGIN", "END") and name == "VCALENDAR":
            if block is not None:
                blocks.append(block)  # cut short by the calendar's end
                block = None
            inside = number if key == "BEGIN" else None
            calendars += key == "BEGIN"
            continue
        if inside is None:
            continue
        if block is None:
            if key == "BEGIN":
                block, nested = _Block(name, number, [line]), 0
            elif calendars == 1:
                header.append(line)
            continue
        block.lines.append(line)
        if key == "BEGIN" and name == block.name:
            nested += 1
        elif key == "END" and name == block.name:
            if nested:
                nested -= 1
            else:
                block.closed = True
                blocks.append(block)
                block = None
    if block is not None:
        blocks.append(block)
    return header, blocks, inside


def _wrapped(lines: list[str]) -> bytes:
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VCALENDAR\r\n{body}END:VCALENDAR\r\n".encode()


def _vevent_lines(lines: list[str], *, first: int) -> list[int]:
    """Line numbers of each BEGIN:VEVENT, in file order (a folded line never starts one)."""
    return [
        first + offset
        for offset, line in enumerate(lines)
        if line.rstrip().upper() == "BEGIN:VEVENT"
    ]


def _raw_value(lines: list[str], name: str) -> str:
    """A property's text as written (for naming an event that cannot be parsed)."""
    for line in lines:
        key, _, value = line.partition(":")
        if key.split(";")[0].strip().upper() == name:
            return " ".join(value.split())
    return ""


def short_reason(message: str) -> str:
    """A library's error message cut to what helps a person."""
    first = message.split(";")[0].strip()
    if "digits" in first and "integer" in first:
        return "a number in it is too long"
    return first if len(first) <= 80 else first[:79] + "…"


def locate(text: str, message: str) -> str:
    """Point at the first line quoted in the parser's message, if it quotes one."""
    first = message.splitlines()[0] if message else "unknown problem"
    quoted = first.split("'")[1] if first.count("'") >= 2 else ""
    if quoted:
        for number, line in enumerate(text.split("\n"), start=1):
            if quoted in line:
                return f"line {number}: {line.strip()[:60]!r} is not a calendar line"
    if "BEGIN:VCALENDAR" not in text.upper():
        return "no BEGIN:VCALENDAR found"
    return _unclosed(text) or first[:200]


def _unclosed(text: str) -> str | None:
    """The first BEGIN: line without its END:, e.g. in a file cut short."""
    open_blocks: list[tuple[str, int]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        key, _, name = line.strip().upper().partition(":")
        if key == "BEGIN":
            open_blocks.append((name, number))
        elif key == "END" and open_blocks and open_blocks[-1][0] == name:
            open_blocks.pop()
    if not open_blocks:
        return None
    name, number = open_blocks[-1]
    return f"line {number}: BEGIN:{name[:40]} has no END:{name[:40]}; is the file complete?"
