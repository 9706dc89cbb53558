"""Calendar feeds fetched from a real HTTPS server on loopback: limits, caching, bad answers."""

from __future__ import annotations

import functools
import gzip
import tracemalloc
import zlib
from datetime import UTC, datetime

import pytest

from feed_server import Answer
from plan.plan_helpers import DATA
from runstrong.plan import feeds
from runstrong.plan.errors import PlanInputError
from runstrong.plan.feeds import FeedError, feed_url, fetch_feed

CALENDAR = (DATA / "marathon-16-weeks.ics").read_bytes()
#: The test server is on loopback, which only an install for one person may fetch from.
fetch = functools.partial(fetch_feed, private_ok=True)


def test_a_feed_is_fetched_over_https_and_webcal(feed_server):
    feed_server.answers["/runs.ics"] = Answer(body=CALENDAR)
    assert fetch(feed_server.url("/runs.ics")).body == CALENDAR
    copy = fetch(feed_server.url("/runs.ics", scheme="webcal"))
    assert copy.body == CALENDAR
    assert copy.url == feed_server.url("/runs.ics")
    assert feed_server.hits("/runs.ics") == 2


def test_an_unchanged_feed_is_not_sent_again(feed_server):
    def conditional(headers):
        if headers.get("if-none-match") == '"v1"':
            return Answer(304, headers={})
        return Answer(body=CALENDAR, headers={"content-type": "text/calendar", "etag": '"v1"',
                      "last-modified": "Tue, 01 Dec 2026 06:00:00 GMT"})  # fmt: skip

    feed_server.answers["/runs.ics"] = conditional
    first = fetch(feed_server.url("/runs.ics"), now=datetime(2026, 12, 1, tzinfo=UTC))
    later = datetime(2026, 12, 2, tzinfo=UTC)
    second = fetch(feed_server.url("/runs.ics"), previous=first, now=later)
    assert second.body == CALENDAR and second.fetched_at == later and second.etag == '"v1"'
    _, asked = feed_server.requests[-1]
    assert asked["if-none-match"] == '"v1"'
    assert asked["if-modified-since"] == "Tue, 01 Dec 2026 06:00:00 GMT"


def test_redirects_are_followed_only_on_https(feed_server):
    feed_server.answers["/moved.ics"] = Answer(301, headers={"location": "/runs.ics"})
    feed_server.answers["/runs.ics"] = Answer(body=CALENDAR)
    assert fetch(feed_server.url("/moved.ics")).body == CALENDAR
    plain = feed_server.url("/runs.ics").replace("https", "http")
    feed_server.answers["/downgrade.ics"] = Answer(302, headers={"location": plain})
    feed_server.answers["/file.ics"] = Answer(302, headers={"location": "file:///etc/passwd"})
    for path, scheme in (("/downgrade.ics", "http://"), ("/file.ics", "file://")):
        with pytest.raises(FeedError) as caught:
            fetch(feed_server.url(path))
        assert feed_server.url(path) in str(caught.value)
        assert f"redirects to {scheme}" in str(caught.value)
    feed_server.answers["/loop.ics"] = Answer(302, headers={"location": "/loop.ics"})
    with pytest.raises(FeedError, match="redirects more than 5 times"):
        fetch(feed_server.url("/loop.ics"))


@pytest.mark.parametrize("declared", [True, False])
def test_a_huge_feed_is_refused(feed_server, declared):
    huge = b"BEGIN:VCALENDAR\r\n" + b"X" * (feeds.MAX_FEED_BYTES + 1)
    feed_server.answers["/huge.ics"] = Answer(body=huge, declare_length=declared)
    with pytest.raises(FeedError, match="larger than 5 MB") as caught:
        fetch(feed_server.url("/huge.ics"))
    assert feed_server.url("/huge.ics") in str(caught.value)


def test_a_compressed_feed_is_read(feed_server):
    feed_server.answers["/runs.ics"] = Answer(
        headers={"content-type": "text/calendar", "content-encoding": "gzip"},
        body=gzip.compress(CALENDAR),
    )
    assert fetch(feed_server.url("/runs.ics")).body == CALENDAR
    assert feed_server.requests[-1][1]["accept-encoding"] == "gzip"


def test_a_small_answer_that_inflates_past_the_cap_is_refused_without_inflating_it(
    feed_server,
):
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip
    megabyte = bytes(1024 * 1024)
    bomb = packer.compress(b"BEGIN:VCALENDAR\r\n")
    bomb += b"".join(packer.compress(megabyte) for _ in range(64)) + packer.flush()
    assert len(bomb) < 100 * 1024  # 64 MB once inflated
    feed_server.answers["/bomb.ics"] = Answer(
        headers={"content-type": "text/calendar", "content-encoding": "gzip"}, body=bomb
    )
    tracemalloc.start()
    try:
        with pytest.raises(FeedError, match="larger than 5 MB"):
            fetch(feed_server.url("/bomb.ics"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * feeds.MAX_FEED_BYTES


@pytest.mark.parametrize("encoding", ["gzip, gzip", "br", "zstd", "compress"])
def test_other_compressions_are_refused_by_name(feed_server, encoding):
    """Layered or unexpected compression could hide a huge body; only gzip was asked for."""
    feed_server.answers["/runs.ics"] = Answer(
        headers={"content-type": "text/calendar", "content-encoding": encoding},
        body=gzip.compress(gzip.compress(CALENDAR)),
    )
    with pytest.raises(FeedError, match=f"compressed as '{encoding}'") as caught:
        fetch(feed_server.url("/runs.ics"))
    assert feed_server.url("/runs.ics") in str(caught.value)


def test_a_web_page_is_not_a_calendar(feed_server):
    feed_server.answers["/login"] = Answer(
        headers={"content-type": "text/html; charset=utf-8"}, body=b"<!DOCTYPE html><p>Log in"
    )
    with pytest.raises(FeedError, match=r"is not a calendar \(it sent text/html\)") as caught:
        fetch(feed_server.url("/login"))
    assert "Log in" not in str(caught.value)


def test_error_statuses_slow_and_unreachable_servers_name_the_url(feed_server, monkeypatch):
    feed_server.answers["/gone.ics"] = Answer(410, body=b"gone")
    with pytest.raises(FeedError, match=r"/gone.ics answered 410 Gone"):
        fetch(feed_server.url("/gone.ics"))
    monkeypatch.setattr(feeds, "TIMEOUT_SECONDS", 0.3)
    feed_server.answers["/slow.ics"] = Answer(body=CALENDAR, delay=2)
    with pytest.raises(FeedError, match=r"/slow.ics did not answer within 0.3 s"):
        fetch(feed_server.url("/slow.ics"))
    with pytest.raises(FeedError, match=r"cannot fetch https://127.0.0.1:1/runs.ics"):
        fetch("https://127.0.0.1:1/runs.ics")


def test_a_feed_with_an_untrusted_certificate_is_refused(feed_server, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE")
    with pytest.raises(FeedError, match="CERTIFICATE_VERIFY_FAILED"):
        fetch(feed_server.url("/runs.ics"))


def test_secrets_in_the_query_are_not_repeated_in_messages(feed_server):
    with pytest.raises(FeedError) as caught:
        fetch(feed_server.url("/nope.ics?token=s3cret"))
    assert "s3cret" not in str(caught.value)
    assert "/nope.ics?…" in str(caught.value)


NOT_FEEDS = ["http://example.com/runs.ics", "ftp://example.com/x", "file:///etc/passwd",
             "https://", "https://user:pw@example.com/runs.ics"]  # fmt: skip


@pytest.mark.parametrize("text", NOT_FEEDS)
def test_only_https_and_webcal_addresses_are_accepted(text):
    with pytest.raises(PlanInputError):
        feed_url(text)
