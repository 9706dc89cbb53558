"""Kill a real `runstrong play` with SIGKILL, then `--resume`: the same step, from the log."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from runstrong.store.database import open_store
from runstrong.store.live_sessions import LiveSessions

pytestmark = pytest.mark.slow


class Terminal:
    """`runstrong ARGS` in a pseudo-terminal of its own, with its screen output collected."""

    def __init__(self, *args: str, home: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 110, 0, 0))
        env = {**os.environ, "RUNSTRONG_HOME": str(home), "TERM": "xterm-256color"}
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from runstrong.cli import run; run()", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self._master = master
        self.output = bytearray()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def press(self, keys: bytes) -> None:
        os.write(self._master, keys)

    def shows(self, text: str) -> bool:
        return text.encode() in self.output

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        os.close(self._master)


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def saved_step(home: Path) -> int | None:
    """The step the log has for the unfinished session, if there is one."""
    if not (home / "runstrong.db").exists():
        return None
    with open_store() as store:
        unfinished = LiveSessions(store).current()
    return unfinished.index if unfinished else None


def test_kill_9_then_resume_continues_at_the_same_step(runstrong_home: Path) -> None:
    first = Terminal("play", home=runstrong_home)
    try:
        wait_for(lambda: first.shows("Planned time"), "the opening screen")
        assert saved_step(runstrong_home) is None
        first.press(b"\r")
        wait_for(lambda: saved_step(runstrong_home) == 0, "the first step")
        wait_for(lambda: first.shows("Standing Figure 8"), "the player to start")
        for step in range(1, 5):  # skip to the left side of the Dynamic Pigeon
            first.press(b"n")
            wait_for(lambda step=step: saved_step(runstrong_home) == step, f"step {step}")
        first.process.send_signal(signal.SIGKILL)
        assert first.process.wait(timeout=10) == -signal.SIGKILL
    finally:
        first.close()

    second = Terminal("play", "--resume", home=runstrong_home)
    try:
        wait_for(lambda: second.shows("Dynamic Pigeon"), "the resumed player")
        wait_for(lambda: second.shows("Paused"), "the resumed player to wait for the runner")
        assert saved_step(runstrong_home) == 4
        second.press(b" ")
        second.press(b"n")
        wait_for(lambda: saved_step(runstrong_home) == 5, "the next step after resuming")
        second.press(b"q")
        wait_for(lambda: second.shows("Quit this session?"), "the quit question")
        second.press(b"y")
        assert second.process.wait(timeout=20) == 0
        wait_for(lambda: second.shows("runstrong play --resume"), "the parting hint")
        assert saved_step(runstrong_home) == 5
    finally:
        second.close()
