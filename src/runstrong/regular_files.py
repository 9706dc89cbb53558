"""Read a user's file only if it is a regular file of bounded size, without ever blocking.

A path can name a FIFO (reading waits for a writer forever), a device such as
/dev/zero (reading never ends) or a folder. The file is opened non-blocking,
checked with fstat on the open descriptor (so it cannot be swapped between
check and read), and read no further than the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_CHUNK = 64 * 1024


class FileRefused(Exception):
    """The path cannot be read as a file: missing, not a regular file, too large, or unreadable.

    The message says what the path is and, where it helps, what to do.
    """


def read_regular_file(path: Path, *, max_bytes: int) -> bytes:
    """The whole content of `path`, at most `max_bytes` long.

    Raises:
        FileRefused: the message names the problem (not the path: callers add it).
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileRefused("no such file") from None
    except PermissionError:
        raise FileRefused("permission denied: runstrong may not read this file") from None
    except OSError as err:
        raise FileRefused(f"cannot open: {err.strerror}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused("this is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"this is {_kind(info.st_mode)}, not a regular file; save it as one")
        if info.st_size > max_bytes:
            raise FileRefused(too_large(info.st_size, max_bytes))
        return _read_at_most(fd, max_bytes)
    except OSError as err:
        raise FileRefused(f"cannot read: {err.strerror}") from None
    finally:
        os.close(fd)


def too_large(size: int, max_bytes: int) -> str:
    """The message for content over a size limit, in the units people use for files."""
    return f"the file is too large ({byte_size(size)}; the limit is {byte_size(max_bytes)})"


def byte_size(count: int) -> str:
    """1536 -> "1.5 KiB": sizes as file managers show them."""
    if count < 1024:
        return f"{count} bytes"
    value, unit = (count / 1024, "KiB") if count < 1024 * 1024 else (count / 1024**2, "MiB")
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def _read_at_most(fd: int, max_bytes: int) -> bytes:
    """Read to the end, refusing a file that grew past the limit since fstat."""
    parts: list[bytes] = []
    total = 0
    while chunk := os.read(fd, min(_CHUNK, max_bytes + 1 - total)):
        parts.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise FileRefused(too_large(total, max_bytes))
    return b"".join(parts)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"
