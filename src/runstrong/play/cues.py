"""Turn session cues into sound: a terminal bell, or spoken words through espeak-ng.

A runner mid-exercise is not looking at the screen, so every cue has a short
phrase for the voice and the bell marks the same moments.
"""

from __future__ import annotations

import shutil
import subprocess

from runstrong.play.session import Cue, CueKind

ESPEAK = "espeak-ng"


class VoiceUnavailable(RuntimeError):
    """Spoken cues were asked for but espeak-ng is not installed."""


def cue_words(cue: Cue) -> str:
    """What to say for a cue: "3", "Go: B Squat, left leg", "Halfway", "Switch sides"..."""
    step = cue.step
    if cue.kind is CueKind.LEAD_IN:
        return str(cue.count)
    if cue.kind is CueKind.START:
        side = f", {step.how}" if step.how else ""
        reps = f", {step.reps} reps" if step.reps else ""
        return f"Go: {step.exercise_name}{side}{reps}"
    if cue.kind is CueKind.HALFWAY:
        return "Halfway"
    if cue.kind is CueKind.SWITCH:
        return f"Switch sides: {step.side} {step.side_label}" if step else "Switch sides"
    if cue.kind is CueKind.END:
        return "Time"
    return "Workout complete. Well done."


class Voice:
    """Speaks cues through espeak-ng without waiting for it to finish."""

    def __init__(self, *, command: str | None = None, words_per_minute: int = 170) -> None:
        found = command or shutil.which(ESPEAK)
        if found is None:
            raise VoiceUnavailable(
                f"spoken cues need {ESPEAK}, which is not installed "
                f"(on Debian or Ubuntu: sudo apt install {ESPEAK})"
            )
        self._command = [found, "-s", str(words_per_minute)]
        self._speaking: subprocess.Popen[bytes] | None = None

    def __call__(self, cue: Cue) -> None:
        # A new cue cuts off one still being spoken, so speech never lags the clock.
        if self._speaking is not None and self._speaking.poll() is None:
            self._speaking.terminate()
        self._speaking = subprocess.Popen(
            [*self._command, cue_words(cue)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
