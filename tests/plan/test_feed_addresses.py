"""A feed address cannot make the server fetch from its own network, nor be swapped by DNS."""

from __future__ import annotations

import ipaddress

import pytest

from feed_server import Answer
from plan.plan_helpers import DATA
from runstrong.plan import feed_addresses
from runstrong.plan.feed_addresses import is_public
from runstrong.plan.feeds import FeedError, fetch_feed

CALENDAR = (DATA / "marathon-16-weeks.ics").read_bytes()

NOT_PUBLIC = ["127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1",
              "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "239.255.255.250",
              "240.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.2.1", "::1", "::",
              "fe80::1", "fd12:3456::1", "ff02::1", "ff0e::1", "::ffff:127.0.0.1",
              "::ffff:169.254.169.254", "64:ff9b::a00:1", "2002:7f00:1::", "2001:db8::1",
              "fe80::1%eth0"]  # fmt: skip
PUBLIC = ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001::200e",
          "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::"]  # fmt: skip


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_addresses_of_private_networks_are_not_public(address):
    assert not is_public(ipaddress.ip_address(address.split("%")[0]))


@pytest.mark.parametrize("address", PUBLIC)
def test_internet_addresses_are_public(address):
    assert is_public(ipaddress.ip_address(address))


@pytest.fixture
def names(monkeypatch):
    """Host names only these tests resolve, and each lookup made."""
    table: dict[str, list[str]] = {}
    asked: list[tuple[str, int]] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append((host, port))
        return table[host]

    monkeypatch.setattr(feed_addresses, "resolve", resolve)
    return table, asked


def test_a_feed_on_loopback_is_refused_unless_allowed(feed_server):
    feed_server.answers["/runs.ics"] = Answer(body=CALENDAR)
    for url in (feed_server.url("/runs.ics"), feed_server.url("/runs.ics").replace(
            "127.0.0.1", "localhost")):  # fmt: skip
        with pytest.raises(FeedError) as caught:
            fetch_feed(url)
        assert str(caught.value).startswith(f"{url} is refused: ")
        assert "private network" in str(caught.value)
        assert "RUNSTRONG_ALLOW_PRIVATE_FEEDS" in caught.value.hint
    assert feed_server.hits("/runs.ics") == 0, "refused before any request"
    assert fetch_feed(feed_server.url("/runs.ics"), private_ok=True).body == CALENDAR


def test_a_name_with_any_private_address_is_refused(feed_server, names):
    table, _ = names
    table["feeds.example"] = ["8.8.8.8", "10.0.0.7"]
    port = feed_server.base.rsplit(":", 1)[1]
    with pytest.raises(FeedError, match=r"feeds\.example is on a private network"):
        fetch_feed(f"https://feeds.example:{port}/runs.ics")


def test_the_connection_goes_to_the_address_checked(feed_server, names):
    """The name is looked up once, and that address is the one connected to: TLS is still
    verified for the name, and the request still names its host."""
    table, asked = names
    table["feeds.example"] = ["127.0.0.1"]
    feed_server.answers["/runs.ics"] = Answer(body=CALENDAR)
    port = int(feed_server.base.rsplit(":", 1)[1])
    copy = fetch_feed(f"https://feeds.example:{port}/runs.ics", private_ok=True)
    assert copy.body == CALENDAR
    assert asked == [("feeds.example", port)]
    assert feed_server.requests[-1][1]["host"] == f"feeds.example:{port}"


def test_every_redirect_is_checked_too(feed_server, names, monkeypatch):
    """A public feed that redirects into the server's network is refused at that hop."""
    table, asked = names
    table["feeds.example"] = ["127.0.0.1"]
    table["metadata.example"] = ["169.254.169.254"]
    # Stand-in for a feed on the internet: the test server's address counts as public.
    public = feed_addresses.is_public
    monkeypatch.setattr(feed_addresses, "is_public", lambda a: str(a) == "127.0.0.1" or public(a))
    feed_server.answers["/runs.ics"] = Answer(
        302, headers={"location": "https://metadata.example/latest/meta-data/"}
    )
    port = int(feed_server.base.rsplit(":", 1)[1])
    with pytest.raises(FeedError, match=r"metadata\.example is on a private network"):
        fetch_feed(f"https://feeds.example:{port}/runs.ics")
    assert asked == [("feeds.example", port), ("metadata.example", 443)]
