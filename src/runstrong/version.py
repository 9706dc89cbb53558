"""The version of runstrong that is running, as its package metadata gives it."""

from __future__ import annotations

from importlib import metadata

#: what a source tree that was never installed reports (a valid PEP 440 version).
UNKNOWN = "0+unknown"


def runstrong_version() -> str:
    """The installed version, e.g. "0.4.0"; `UNKNOWN` when runstrong is not installed."""
    try:
        return metadata.version("runstrong")
    except metadata.PackageNotFoundError:
        return UNKNOWN
