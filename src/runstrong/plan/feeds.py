"""Fetch a run calendar that a training platform publishes at a URL (an iCal feed).

Only https (and webcal, the same feed for calendar apps) is fetched, and every
redirect must stay on https, so a feed cannot be turned into a request for
something else; nor can it reach a private network unless that is allowed
(see `feed_addresses`). The body is read in pieces up to a size cap, also
after decompression, within a deadline, and must be a calendar. ETag and
Last-Modified from the last good copy make an unchanged feed cost one empty
answer. Callers keep that last good copy: a failed fetch raises `FeedError`
naming the URL and leaves the copy alone.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from runstrong.plan.errors import PlanInputError
from runstrong.version import runstrong_version

#: A year of a busy training plan is well under 1 MB; anything much bigger is not a run calendar.
MAX_FEED_BYTES = 5 * 1024 * 1024
#: Seconds to connect, and to wait for each piece of the answer.
TIMEOUT_SECONDS = 10.0
#: Seconds the whole fetch may take, redirects and a slow trickle of bytes included.
DEADLINE_SECONDS = 30.0
MAX_REDIRECTS = 5
_SCHEMES = {"https": "https", "webcal": "https", "webcals": "https"}
_HINT = "check the address in your training platform's calendar settings"
#: The one compression asked for; gzip (or zlib) is inflated here, bounded by the size cap.
_ENCODINGS = frozenset({"gzip", "x-gzip", "deflate"})
#: Bytes inflated at a time, so memory stays near the size cap whatever the ratio.
_PIECE = 256 * 1024
PRIVATE_FEEDS_HINT = (
    "use the feed's public address; a server for yourself alone may allow feeds on "
    "private networks with RUNSTRONG_ALLOW_PRIVATE_FEEDS=1"
)


class FeedError(Exception):
    """A feed could not be fetched or is not a calendar; the message names the URL."""

    def __init__(self, message: str, *, hint: str | None = _HINT) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class FeedCopy:
    """A calendar as fetched, with what the server said to ask it next time."""

    url: str
    body: bytes
    fetched_at: datetime
    etag: str | None = None
    last_modified: str | None = None


def is_feed_url(text: str) -> bool:
    """Whether a --calendar value means a URL rather than a file."""
    return "://" in text


def feed_url(text: str) -> str:
    """The https URL to fetch for `text` (webcal:// becomes https://).

    Raises:
        PlanInputError: not an https or webcal URL with a host.
    """
    parts = urlsplit(text.strip())
    scheme = _SCHEMES.get(parts.scheme.lower())
    if scheme is None or not parts.hostname:
        raise PlanInputError(
            f"{text!r} is not a calendar feed address: use https:// or webcal://",
            hint="copy the iCal (webcal) link from your training platform",
        )
    if parts.username or parts.password:
        raise PlanInputError(
            f"{shown_url(text)}: a feed address with a user name or password is not supported",
            hint="use the secret iCal link your training platform gives, without a login",
        )
    return urlunsplit((scheme, parts.netloc, parts.path or "/", parts.query, ""))


def fetch_feed(
    url: str,
    *,
    previous: FeedCopy | None = None,
    now: datetime | None = None,
    private_ok: bool = False,
) -> FeedCopy:
    """The feed's calendar: fetched afresh, or `previous` (with a new time) when unchanged.

    Args:
        private_ok: also fetch from loopback, private, link-local and reserved
            addresses (only for a runstrong used by one person).

    Raises:
        PlanInputError: `url` is not an https or webcal address.
        FeedError: unreachable, slow, too big, redirected off https, on a
            private network, an error status, or not a calendar.
    """
    # lazy: the HTTP client loads only when a feed is read
    import httpx

    from runstrong.plan.feed_addresses import PinnedTransport, RefusedAddress

    target = feed_url(url)
    headers = {
        "accept": "text/calendar, text/plain;q=0.5, */*;q=0.1",
        "accept-encoding": "gzip",
    }
    if previous is not None and previous.url == target:
        if previous.etag:
            headers["if-none-match"] = previous.etag
        if previous.last_modified:
            headers["if-modified-since"] = previous.last_modified
    deadline = time.monotonic() + DEADLINE_SECONDS
    fetched_at = now or datetime.now(UTC)
    transport = PinnedTransport(private_ok=private_ok)
    try:
        with httpx.Client(
            timeout=TIMEOUT_SECONDS, headers=_user_agent(), transport=transport
        ) as client:
            return _follow(client, target, headers, previous, deadline, fetched_at)
    except RefusedAddress as err:
        raise FeedError(
            f"{shown_url(target)} is refused: {err.host} is on a private network "
            "(a loopback, private, link-local or reserved address), not the public internet",
            hint=PRIVATE_FEEDS_HINT,
        ) from None
    except httpx.TimeoutException:
        raise FeedError(
            f"{shown_url(target)} did not answer within {TIMEOUT_SECONDS:g} s"
        ) from None
    except httpx.HTTPError as err:
        raise FeedError(f"cannot fetch {shown_url(target)}: {_reason(err)}") from None


def _follow(client, target, headers, previous, deadline, fetched_at) -> FeedCopy:
    """Request `target`, following redirects only to https, and read the answer."""
    url = target
    for _ in range(MAX_REDIRECTS + 1):
        with client.stream("GET", url, headers=headers) as response:
            if response.has_redirect_location:
                url = _redirect(url, response)
                continue
            if response.status_code == 304 and previous is not None:
                return replace(previous, fetched_at=fetched_at)
            if response.status_code != 200:
                raise FeedError(
                    f"{shown_url(url)} answered {response.status_code} {response.reason_phrase}"
                )
            body = _read(response, url, deadline)
        _check_calendar(body, url, response.headers.get("content-type", ""))
        return FeedCopy(
            url=target,
            body=body,
            fetched_at=fetched_at,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )
    raise FeedError(f"{shown_url(url)} redirects more than {MAX_REDIRECTS} times")


def _redirect(url: str, response) -> str:
    """Where a redirect leads, refused unless it stays on https."""
    location = response.headers.get("location", "")
    target = response.url.join(location)
    if target.scheme != "https":
        raise FeedError(
            f"{shown_url(url)} redirects to {target.scheme}:// ({shown_url(str(target))}); "
            "only https is followed",
            hint="use the feed's https address directly",
        )
    return str(target)


def _read(response, url: str, deadline: float) -> bytes:
    """The body, refused as soon as it (or what it inflates to) passes the size cap, or
    when the deadline passes.

    The bytes are read as sent and inflated here a piece at a time: a
    compressed answer of a few kilobytes can stand for gigabytes.
    """
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_FEED_BYTES:
        raise _too_big(url)
    inflater = _inflater(response.headers.get("content-encoding", ""), url)
    chunks, size = [], 0
    for raw in response.iter_raw():
        for chunk in _inflated(inflater, raw, url) if inflater else (raw,):
            size += len(chunk)
            if size > MAX_FEED_BYTES:
                raise _too_big(url)
            chunks.append(chunk)
        if time.monotonic() > deadline:
            raise FeedError(f"{shown_url(url)} took longer than {DEADLINE_SECONDS:g} s to send")
    if inflater is not None and not inflater.eof:
        raise FeedError(f"{shown_url(url)} sent a compressed calendar cut short")
    return b"".join(chunks)


def _inflater(encoding: str, url: str):
    """A decompressor for the answer's Content-Encoding, or None when it is not compressed."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding not in _ENCODINGS:
        raise FeedError(
            f"{shown_url(url)} sent its calendar compressed as {encoding[:40]!r}, "
            "which runstrong does not read (only gzip)"
        )
    return zlib.decompressobj(wbits=32 + zlib.MAX_WBITS)  # gzip or zlib, told by the header


def _inflated(inflater, data: bytes, url: str) -> Iterator[bytes]:
    """What `data` inflates to, in pieces of at most `_PIECE` bytes."""
    try:
        while data:
            yield inflater.decompress(data, _PIECE)
            data = inflater.unconsumed_tail
    except zlib.error:
        raise FeedError(f"{shown_url(url)} sent a damaged compressed calendar") from None


def _too_big(url: str) -> FeedError:
    return FeedError(
        f"{shown_url(url)} is larger than {MAX_FEED_BYTES // (1024 * 1024)} MB, "
        "too big for a run calendar",
        hint="publish only your training calendar, or export the weeks you need as a file",
    )


def _check_calendar(body: bytes, url: str, content_type: str) -> None:
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    if not start.startswith(b"BEGIN:VCALENDAR"):
        # The answer's own text is not repeated: on a shared server it could be a
        # private page that the address was chosen to reveal.
        kind = content_type.split(";")[0].strip() or "no content type"
        raise FeedError(
            f"{shown_url(url)} is not a calendar (it sent {kind})",
            hint="the address should be an iCal feed; a web page or a login page is not one",
        )


def shown_url(url: str) -> str:
    """The URL as messages show it: without a query, which often holds the feed's secret."""
    parts = urlsplit(url)
    query = "?…" if parts.query else ""
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")) + query


def _reason(err) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0]


def _user_agent() -> dict[str, str]:
    return {"user-agent": f"runstrong/{runstrong_version()} (calendar feed reader)"}
