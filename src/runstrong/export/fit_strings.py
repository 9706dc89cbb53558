"""Fit text into FIT string fields without breaking it.

A FIT string is UTF-8 ending in a zero byte, and Garmin's SDK sizes the
workout strings in bytes. runstrong shortens long text itself, at a word or
character boundary, rather than leave a device to cut through the middle of
a multi-byte character.
"""

from __future__ import annotations

import unicodedata

#: Field sizes in bytes, terminating zero included. FIT sizes strings per file; these
#: follow Garmin Connect's own workout files (notes of about 110 bytes) rather than
#: the 16/16/50 of the SDK's C example. A step name stays short: a watch shows it
#: in one line beside the exercise Garmin names from the category.
WORKOUT_NAME_SIZE = 32
STEP_NAME_SIZE = 16
NOTES_SIZE = 110

_UNTIDY_ENDINGS = " -,.;:(/\u200d"
#: Words a title cut at a space should not end on ("Core Strength for").
_DANGLING = {"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with", "&"}


def clip(text: str, size: int) -> str:
    """`text` on one line, shortened so its UTF-8 bytes plus the terminator fit `size`.

    Cuts at the last space when that keeps at least half the room, otherwise
    after the last whole character (keeping accents with their letter), and
    never ends on a space or a hyphen.
    """
    flat = " ".join("".join(" " if _breaks_line(c) else c for c in text).split())
    room = size - 1
    if len(flat.encode("utf-8")) <= room:
        return flat
    end = len(flat.encode("utf-8")[:room].decode("utf-8", errors="ignore"))
    while end and unicodedata.combining(flat[end]):
        end -= 1
    cut = flat[:end]
    space = cut.rfind(" ")
    if space > 0 and len(cut[:space].encode("utf-8")) >= room // 2:
        cut = cut[:space]
        words = cut.split(" ")
        while len(words) > 1 and words[-1].lower() in _DANGLING:
            words.pop()
        cut = " ".join(words)
    return cut.rstrip(_UNTIDY_ENDINGS)


def _breaks_line(char: str) -> bool:
    """Control characters (a zero byte above all) would end or corrupt a FIT string."""
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")
