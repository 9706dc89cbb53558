"""Logging in and out in the browser: the cookie, wrong passwords, guessing, local mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from runstrong.settings import Settings, with_loopback
from runstrong.store.accounts import add_user
from runstrong.store.database import open_store
from runstrong.store.login_failures import LIMITS
from runstrong.web.app import create_app
from web.forms import with_token

PASSWORD = "correct horse battery"
#: the test client's Host, besides loopback
TEST_HOSTS = with_loopback(["testserver"])


@pytest.fixture
def accounts(runstrong_home: Path, database_url: str) -> Settings:
    with open_store(database_url) as store:
        add_user(store, "anna", PASSWORD)
        add_user(store, "ben", PASSWORD, admin=False)
    return Settings(data_dir=runstrong_home, database_url=database_url, allowed_hosts=TEST_HOSTS)


@pytest.fixture
def browser(accounts: Settings):
    with TestClient(create_app(accounts), follow_redirects=False) as client:
        yield client


def _log_in(client, name="anna", password=PASSWORD, next="/history"):
    form = {"name": name, "password": password, "next": next}
    return client.post("/login", data=with_token(client, form, page="/login"))


def _post(client, url: str, data: dict | None = None):
    """A form post from a page of the app, with the page's token."""
    return client.post(url, data=with_token(client, data, page="/account"))


def test_logging_in_sets_a_safe_cookie_and_logging_out_ends_it(browser) -> None:
    assert browser.get("/history").headers["location"] == "/login?next=/history"
    response = _log_in(browser)
    assert response.status_code == 303 and response.headers["location"] == "/history"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Max-Age=" in cookie
    assert "Secure" not in cookie  # plain HTTP here; behind HTTPS it is Secure
    secret = browser.cookies["runstrong_login"]
    assert browser.get("/history").status_code == 200
    assert _post(browser, "/logout").headers["location"] == "/login"
    browser.cookies.set("runstrong_login", secret)  # the old cookie, replayed
    assert browser.get("/history").status_code == 303


def test_the_cookie_is_secure_over_https(accounts: Settings) -> None:
    with TestClient(
        create_app(accounts), base_url="https://testserver", follow_redirects=False
    ) as client:
        assert "Secure" in _log_in(client).headers["set-cookie"]


def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(browser) -> None:
    wrong = _log_in(browser, password="not the password")
    unknown = _log_in(browser, name="nobody")
    assert wrong.status_code == unknown.status_code == 401
    assert "The name or the password is wrong." in wrong.text
    assert wrong.text.replace("anna", "NAME") == unknown.text.replace("nobody", "NAME")
    assert "runstrong_login" not in browser.cookies


def test_after_too_many_failures_logins_wait(browser) -> None:
    for _ in range(LIMITS["user"]):
        assert _log_in(browser, password="guess").status_code == 401
    refused = _log_in(browser)  # even the right password, while the account is locked
    assert refused.status_code == 429
    assert 0 < int(refused.headers["retry-after"]) <= 15 * 60
    assert _log_in(browser, name="ben").status_code == 303  # another account is not held up


def test_the_next_page_stays_on_this_site(browser) -> None:
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        assert _log_in(browser, next=target).headers["location"] == "/"


def test_only_admins_manage_users(browser) -> None:
    _log_in(browser, name="ben")
    assert browser.get("/admin/users").status_code == 403
    _post(browser, "/logout")
    _log_in(browser, name="anna")
    page = browser.get("/admin/users")
    assert page.status_code == 200 and "ben" in page.text
    added = _post(browser, "/admin/users", {"name": "cleo", "password": PASSWORD})
    assert added.status_code == 303
    kept = _post(browser, "/admin/users/ben/remove", {})
    assert kept.status_code == 422 and "Tick the box" in kept.text
    removed = _post(browser, "/admin/users/ben/remove", {"confirm": "yes"})
    assert removed.status_code == 303
    names = browser.get("/admin/users").text
    assert "cleo" in names and ">ben<" not in names


def test_tokens_are_made_shown_once_and_revoked_in_the_browser(browser) -> None:
    _log_in(browser)
    made = _post(browser, "/account/tokens", {"label": "watch"})
    assert made.status_code == 200
    token = made.text.split('<code class="token">')[1].split("<")[0]
    again = browser.get("/account").text
    assert "watch" in again and token not in again
    api = TestClient(browser.app)
    assert api.get("/api/log", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    token_id = again.split("/account/tokens/")[1].split("/")[0]
    assert _post(browser, f"/account/tokens/{token_id}/revoke").status_code == 303
    assert api.get("/api/log", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_local_mode_needs_no_login_until_a_user_is_added(runstrong_home: Path) -> None:
    settings = Settings(data_dir=runstrong_home, allowed_hosts=TEST_HOSTS)
    with TestClient(create_app(settings), follow_redirects=False) as client:
        assert client.get("/api/log").status_code == 200
        assert "no accounts" in client.get("/login").text
        with open_store(settings.log_url) as store:
            add_user(store, "anna", PASSWORD)
        app = client.app
        app.state.gate._checked_at = None  # as if the recheck interval had passed
        assert client.get("/api/log").status_code == 401


def test_failures_are_counted_in_the_log_for_every_worker(accounts: Settings) -> None:
    """Two app instances (two workers) share one count."""
    first, second = (TestClient(create_app(accounts), follow_redirects=False) for _ in range(2))
    with first, second:
        for n in range(LIMITS["user"]):
            client = first if n % 2 else second
            assert _log_in(client, password="guess").status_code == 401
        assert _log_in(first).status_code == 429
        assert _log_in(second).status_code == 429
