"""Mutations of the shipped examples as hypothesis strategies (fuzz tests, bench/fuzz.py).

Each strategy starts from a real file (a built-in workout, a guide example, a
test calendar) and applies a few edits: bytes flipped, ranges cut or doubled,
lines swapped, and tokens that hurt parsers inserted (aliases, brackets,
repeat rules, time zones, numbers thousands of digits long).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
LONG_NUMBER = b"9" * 5000

YAML_TOKENS = [
    b"&a ", b"*a", b"<<: *a", b"[", b"]", b"{", b"}", b"- ", b": ", b"? ", b"!!int ",
    b"!!float ", b"!!omap ", b"!!binary ", b"!!python/object:os.system ", b"\t", b"|", b">",
    b"'", b'"', b"#", b"\x00", b"\xff\xfe", b"\xe2\x80\xa8", b"\r", b"---\n", b"...\n",
    b"%YAML 1.1\n", LONG_NUMBER, b"2026-02-30", b"0x", b"1e999", b".nan", b"~", b"[" * 300,
    b"- " * 100, b"x-a: &a [lol, lol]\nx-b: &b [*a, *a, *a, *a]\n",
]  # fmt: skip
ICS_TOKENS = [
    b"DTSTART:20261022T060000Z", b"DTSTART;TZID=" + b"X" * 300 + b":20261022T060000",
    b"DTSTART;TZID=Mars/Olympus:20261022T060000", b"DTSTART;VALUE=DATE:99991231",
    b"DTEND:19000101T000000Z", b"RRULE:FREQ=MINUTELY", b"RRULE:FREQ=SECONDLY;COUNT=100000",
    b"RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", b"RRULE:FREQ=DAILY;INTERVAL=0",
    b"RRULE:FREQ=YEARLY;BYWEEKNO=60", b"RRULE:FREQ=DAILY;UNTIL=99991231T000000Z",
    b"RECURRENCE-ID:20261023T060000Z", b"DURATION:PT" + LONG_NUMBER + b"S", b"DURATION:-P1D",
    b"X-WR-TIMEZONE:Mars/Olympus", b"BEGIN:VEVENT", b"END:VEVENT", b"BEGIN:VTIMEZONE",
    b"END:VCALENDAR", b"EXDATE:garbage", b"RDATE:19000101T000000Z,20261024T060000Z",
    b"RDATE;VALUE=PERIOD:20261021T060000Z/PT1H", b"STATUS:CANCELLED", b"UID:", b"SUMMARY:",
    b" folded", b"\r\n", b";", b":", b",", b"\x00", b"\xff",
]  # fmt: skip
CSV_TOKENS = [
    b",", b'"', b"\n", b"\r", b"9999-12-31", b"0001-01-01", b"2026-02-30", LONG_NUMBER, b"25:00",
    b"23:59", b"speed", b"long", b"kind: race", b"#", b"\x00", b"\xff", b"1:15", b"99:99",
]  # fmt: skip


def workout_seeds() -> list[bytes]:
    """The built-in workouts and every example in the format guide."""
    builtin = sorted((ROOT / "src" / "runstrong" / "workouts" / "builtin").glob("*.yaml"))
    guide = (ROOT / "docs" / "workout-format.md").read_text(encoding="utf-8")
    examples = re.findall(r"```yaml\n(.*?)```", guide, flags=re.DOTALL)
    return [p.read_bytes() for p in builtin] + [e.encode() for e in examples]


def calendar_seeds(suffix: str) -> list[bytes]:
    """The test calendars of one kind (".ics" or ".csv")."""
    return [p.read_bytes() for p in sorted((ROOT / "tests" / "plan" / "data").glob(f"*{suffix}"))]


Edit = Callable[[bytes, int, int, bytes], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _flip(data: bytes, i: int, j: int, token: bytes) -> bytes:
    if not data:
        return token
    i %= len(data)
    return data[:i] + bytes([data[i] ^ (1 << (j % 8))]) + data[i + 1 :]


def _cut(data: bytes, i: int, j: int, token: bytes) -> bytes:
    start, end = sorted((i % (len(data) + 1), j % (len(data) + 1)))
    return data[:start] + data[end:]


def _double(data: bytes, i: int, j: int, token: bytes) -> bytes:
    start, end = sorted((i % (len(data) + 1), j % (len(data) + 1)))
    return data[:end] + data[start:end] + data[end:]


def _insert(data: bytes, i: int, j: int, token: bytes) -> bytes:
    i %= len(data) + 1
    return data[:i] + token + data[i:]


def _insert_line(data: bytes, i: int, j: int, token: bytes) -> bytes:
    lines = _lines(data)
    lines.insert(i % (len(lines) + 1), token)
    return b"\n".join(lines)


def _double_line(data: bytes, i: int, j: int, token: bytes) -> bytes:
    lines = _lines(data)
    i %= len(lines)
    return b"\n".join(lines[: i + 1] + [lines[i]] * (1 + j % 3) + lines[i + 1 :])


def _drop_line(data: bytes, i: int, j: int, token: bytes) -> bytes:
    lines = _lines(data)
    del lines[i % len(lines)]
    return b"\n".join(lines)


def _swap_lines(data: bytes, i: int, j: int, token: bytes) -> bytes:
    lines = _lines(data)
    a, b = i % len(lines), j % len(lines)
    lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines)


def _replace_value(data: bytes, i: int, j: int, token: bytes) -> bytes:
    """Keep a line's key (up to ':' or ','), replace what follows with the token."""
    lines = _lines(data)
    i %= len(lines)
    key = re.match(rb"[^:,]*[:,]", lines[i])
    lines[i] = (key.group(0) if key else lines[i] + b":") + token
    return b"\n".join(lines)


EDITS: list[Edit] = [
    _flip, _cut, _double, _insert, _insert_line, _double_line, _drop_line, _swap_lines,
    _replace_value,
]  # fmt: skip


def mutated(seeds: list[bytes], tokens: list[bytes], *, most: int = 4) -> st.SearchStrategy[bytes]:
    """A seed with one to `most` edits applied."""

    @st.composite
    def build(draw) -> bytes:
        data = draw(st.sampled_from(seeds))
        for _ in range(draw(st.integers(1, most))):
            edit = draw(st.sampled_from(EDITS))
            i, j = draw(st.integers(0, 1 << 20)), draw(st.integers(0, 1 << 20))
            data = edit(data, i, j, draw(st.sampled_from(tokens)))
        return data

    return build()


JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),  # NaN is not JSON: sent as bytes
    st.text(max_size=50),
    st.sampled_from(["runners-lower-body", "as needed", "2026-10-22T06:00:00Z", "9" * 5000]),
)
#: Any JSON value, nested a little.
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=20), inner, max_size=6)
    ),
    max_leaves=20,
)
