"""Install pip into the running Python from the package index, using only the standard library.

For a virtual environment made with `--without-pip` (Python without ensurepip):
finds the newest pip wheel on the index (`PIP_INDEX_URL`, else PyPI), checks
its sha256 against the index, and lets that wheel install itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

INDEX = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple").rstrip("/")
JSON_API = "application/vnd.pypi.simple.v1+json"


def newest_wheel() -> dict:
    request = urllib.request.Request(f"{INDEX}/pip/", headers={"Accept": JSON_API})
    with urllib.request.urlopen(request, timeout=60) as response:
        files = json.load(response)["files"]
    wheels = [
        f for f in files if f["filename"].endswith("-py3-none-any.whl") and not f.get("yanked")
    ]
    if not wheels:
        sys.exit(f"bootstrap: no pip wheel found at {INDEX}/pip/")
    return max(wheels, key=lambda f: _version(f["filename"]))


def _version(filename: str) -> tuple[int, ...]:
    parts = filename.split("-")[1].split(".")
    return tuple(int(p) if p.isdigit() else -1 for p in parts)


def main() -> None:
    try:
        wheel = newest_wheel()
        print(f"fetching {wheel['filename']} from {INDEX}")
        with urllib.request.urlopen(wheel["url"], timeout=120) as response:
            data = response.read()
    except (OSError, ValueError, KeyError) as err:
        sys.exit(f"bootstrap: cannot fetch pip from {INDEX}: {err} (set PIP_INDEX_URL to a mirror)")
    expected = wheel.get("hashes", {}).get("sha256")
    if expected and hashlib.sha256(data).hexdigest() != expected:
        sys.exit(f"bootstrap: {wheel['filename']} does not match the index's sha256")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / wheel["filename"]
        path.write_bytes(data)
        command = [sys.executable, f"{path}/pip", "install", "--quiet", "--no-index", str(path)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
