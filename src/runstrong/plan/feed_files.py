"""The last good copy of each calendar feed the command line has read, kept in a folder.

One feed is two files named after a hash of its URL: the calendar itself and
what the server said about it (ETag, Last-Modified, when it was fetched).
Both are private to the user, since a feed URL often carries a secret.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path

from runstrong.atomic import write_atomic
from runstrong.plan.feeds import FeedCopy


def _stem(folder: Path, url: str) -> Path:
    return folder / hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]


def load_copy(folder: Path, url: str) -> FeedCopy | None:
    """The copy kept for `url`, or None (also when the files are damaged)."""
    stem = _stem(folder, url)
    try:
        meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        if meta.get("url") != url:
            return None
        return FeedCopy(
            url=url,
            body=stem.with_suffix(".ics").read_bytes(),
            fetched_at=datetime.fromisoformat(meta["fetched_at"]),
            etag=meta.get("etag"),
            last_modified=meta.get("last_modified"),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_copy(folder: Path, copy: FeedCopy) -> None:
    """Keep `copy` for next time: the calendar first, then the data that points at it."""
    stem = _stem(folder, copy.url)
    meta = {
        "url": copy.url,
        "fetched_at": copy.fetched_at.isoformat(),
        "etag": copy.etag,
        "last_modified": copy.last_modified,
    }
    for path, data in (
        (stem.with_suffix(".ics"), copy.body),
        (stem.with_suffix(".json"), json.dumps(meta).encode("utf-8")),
    ):
        write_atomic(path, data)
        os.chmod(path, 0o600)
