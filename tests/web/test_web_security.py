"""Cross-site forms and writes, hostile Host names and the headers every answer carries."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from runstrong.settings import Settings, with_loopback
from runstrong.web.app import create_app
from runstrong.web.csrf import COOKIE, CsrfTokens
from web.forms import form_token, with_token
from web.web_calendars import next_monday, runs_csv

ROUTINE = "runners-lower-body"
CROSS_SITE = ({"sec-fetch-site": "cross-site"}, {"origin": "https://evil.example"})


def _feed_path(client) -> str:
    url = re.search(r'class="feed" readonly value="([^"]+)"', client.get("/plan").text)[1]
    return urlsplit(url).path


def _planned(client) -> None:
    form = {"tz": "Europe/Berlin", "weeks": "2", "start": str(next_monday())}
    created = client.post("/api/plan", files={"calendar": ("runs.csv", runs_csv())}, data=form)
    assert created.status_code == 201, created.text


def _logged(client) -> str:
    session = client.post("/api/sessions", json={"workout_id": ROUTINE}).json()
    finished = client.post(f"/api/sessions/{session['id']}/finish", json={"completed": False})
    return finished.json()["log_uid"]


# -- forms --------------------------------------------------------------------------------


def test_every_form_on_a_page_carries_the_token(client):
    uid = _logged(client)
    _planned(client)
    pages = ["/import", "/plan", f"/log/{uid}", f"/history/{uid}/delete"]
    for page in pages:
        html = client.get(page).text
        forms = re.findall(r"<form method=\"post\"[^>]*>(.*?)</form>", html, re.S)
        assert forms, page
        for form in forms:
            assert 'name="csrf_token"' in form, page


def test_a_form_without_its_token_changes_nothing(client, runstrong_home):
    _planned(client)
    feed = _feed_path(client)
    uid = _logged(client)
    for path, data in [
        ("/plan/feed-token", {}),
        (f"/log/{uid}", {"rpe": "6"}),
        (f"/history/{uid}/delete", {}),
        ("/import/save", {"workout_yaml": "id: mine\n"}),
        ("/import", {"article": "Plank: 30 seconds"}),
    ]:
        refused = client.post(path, data=data, follow_redirects=False)
        assert refused.status_code == 403, path
        assert refused.json()["errors"][0]["field"] == "csrf_token"
        page = client.post(path, data=data, headers={"accept": "text/html"})
        assert page.status_code == 403 and "reload the page" in page.text
    assert _feed_path(client) == feed
    entry = client.get(f"/api/log/{uid}")
    assert entry.status_code == 200 and entry.json()["rpe"] is None
    assert not (runstrong_home / "workouts").exists()


def test_a_token_signed_with_another_key_is_refused(client):
    _planned(client)
    feed = _feed_path(client)
    form_token(client)  # the browser has its cookie
    seed = client.cookies[COOKIE]
    forged = CsrfTokens(b"another server's key").token(seed)
    refused = client.post("/plan/feed-token", data={"csrf_token": forged}, follow_redirects=False)
    assert refused.status_code == 403
    assert _feed_path(client) == feed


def test_another_browsers_token_is_refused(app, client):
    _planned(client)
    feed = _feed_path(client)
    with TestClient(app) as other:
        theirs = form_token(other)
    refused = client.post("/plan/feed-token", data={"csrf_token": theirs}, follow_redirects=False)
    assert refused.status_code == 403
    assert _feed_path(client) == feed


def test_a_form_from_the_page_is_taken(client):
    _planned(client)
    feed = _feed_path(client)
    renewed = client.post("/plan/feed-token", data=with_token(client, page="/plan"))
    assert renewed.status_code == 200 and "The feed has a new address" in renewed.text
    assert _feed_path(client) != feed


def test_the_cookie_is_set_once_and_kept_from_scripts(client):
    first = client.get("/import")
    cookie = first.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie, "plain http on loopback: a Secure cookie would never return"
    assert "set-cookie" not in client.get("/import").headers, "the browser has it already"
    assert "set-cookie" not in client.get("/api/workouts").headers, "only pages with a form"


def test_every_worker_takes_a_token_another_signed(runstrong_home):
    """Workers share the key through the data folder: no per-process secret."""
    settings = Settings(data_dir=runstrong_home, allowed_hosts=with_loopback(["testserver"]))
    with TestClient(create_app(settings)) as one, TestClient(create_app(settings)) as two:
        token = form_token(one)
        two.cookies.update(one.cookies)
        answer = two.post("/import", data={"csrf_token": token, "article": "x"})
        assert answer.status_code != 403


@given(token=st.text(max_size=200))
def test_no_made_up_token_passes(token):
    tokens = CsrfTokens(b"k" * 32)
    seed = "the-browsers-cookie"
    assert tokens.matches(token, seed) == (token == tokens.token(seed))


def _routes(routes, prefix: str = ""):
    """(path, route) for every route, through included routers (FastAPI keeps them nested)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        elif hasattr(route, "original_router"):
            inner = prefix + route.include_context.prefix
            yield from _routes(route.original_router.routes, inner)


def test_every_page_route_that_changes_something_checks_the_token(app, client):
    """Taken from the route table: a new form route without the check fails here."""
    writes = [
        (method, re.sub(r"\{[^}]+\}", "x", path))
        for path, route in _routes(app.routes)
        if not path.startswith("/api")
        for method in sorted(route.methods - {"GET", "HEAD", "OPTIONS"})
    ]
    assert len(writes) >= 6, writes
    for method, path in writes:
        answer = client.request(method, path, data={"rpe": "5"})
        assert answer.status_code == 403, (method, path)
        assert answer.json()["errors"][0]["field"] == "csrf_token", (method, path)


# -- the JSON API -------------------------------------------------------------------------


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_api_writes_from_another_site_are_refused(client, headers):
    uid = _logged(client)
    refused = [
        client.post("/api/sessions", json={"workout_id": ROUTINE}, headers=headers),
        client.patch(f"/api/log/{uid}", json={"rpe": 9}, headers=headers),
        client.delete(f"/api/sessions/{uid}", headers=headers),
        client.post("/api/plan/feed-token", headers=headers),
    ]
    for answer in refused:
        assert answer.status_code == 403
        assert answer.json()["errors"] == [
            {
                "location": "header",
                "field": "origin",
                "message": "runstrong only takes changes sent from its own pages",
            }
        ]
    assert [e["uid"] for e in client.get("/api/log", headers=headers).json()] == [uid]
    assert client.get(f"/api/log/{uid}").json()["rpe"] is None


def test_api_writes_from_runstrong_and_from_scripts_are_taken(client):
    uid = _logged(client)
    for headers in (
        {},  # a script: no browser headers at all
        {"sec-fetch-site": "same-origin", "origin": "http://testserver"},
        {"origin": "http://testserver"},  # a browser without Sec-Fetch-Site
    ):
        answer = client.patch(f"/api/log/{uid}", json={"rpe": 7}, headers=headers)
        assert answer.status_code == 200, headers


def test_an_origin_of_null_is_another_site(client):
    uid = _logged(client)
    assert (
        client.patch(f"/api/log/{uid}", json={"rpe": 7}, headers={"origin": "null"}).status_code
        == 403
    )


# -- Host -----------------------------------------------------------------------------


def test_an_unknown_host_name_gets_400(client):
    for host in ("evil.example", "evil.example:8000", "localhost.evil.example"):
        answer = client.get("/", headers={"host": host})
        assert answer.status_code == 400, host
        assert answer.headers["x-frame-options"] == "DENY"
    refused = client.patch("/api/log/x", json={"rpe": 1}, headers={"host": "evil.example"})
    assert refused.status_code == 400


def test_loopback_and_configured_hosts_are_answered(runstrong_home):
    hosts = with_loopback(["runstrong.club.example", "*.lan.example"])
    app = create_app(Settings(data_dir=runstrong_home, allowed_hosts=hosts))
    with TestClient(app, base_url="http://localhost") as client:
        for host in (
            "localhost",
            "127.0.0.1:8000",
            "[::1]:8000",
            "runstrong.club.example",
            "laptop.lan.example",
        ):
            assert client.get("/", headers={"host": host}).status_code == 200, host
        assert client.get("/", headers={"host": "testserver"}).status_code == 400


def test_settings_refuse_a_host_pattern_that_cannot_match():
    with pytest.raises(ValueError, match="wildcard"):
        Settings(data_dir=".", allowed_hosts=("run*.example",))


# -- headers --------------------------------------------------------------------------


def _policy(answer) -> dict[str, str]:
    directives = answer.headers["content-security-policy"].split(";")
    return {name: value for name, _, value in (d.strip().partition(" ") for d in directives)}


def _assert_secured(answer, kind: str) -> None:
    policy = _policy(answer)
    assert policy["frame-ancestors"] == "'none'", kind
    scripts = policy.get("script-src", policy["default-src"])
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, kind
    assert answer.headers["x-content-type-options"] == "nosniff", kind
    assert answer.headers["x-frame-options"] == "DENY", kind
    assert answer.headers["referrer-policy"] == "same-origin", kind
    assert "strict-transport-security" not in answer.headers, "plain http"


def test_every_kind_of_answer_carries_the_security_headers(client):
    answers = {
        "page": client.get("/"),
        "api": client.get("/api/workouts"),
        "static": client.get("/static/app.css"),
        "404": client.get("/no-such-page", headers={"accept": "text/html"}),
        "api 404": client.get("/api/log/nope"),
        "403": client.post("/import", data={"article": "x"}),
        "figure": client.get("/history/charts/runners-lower-body/adherence.svg"),
    }
    for kind, answer in answers.items():
        _assert_secured(answer, kind)
    page = _policy(answers["page"])
    assert page["script-src"] == "'self'" and page["style-src"] == "'self'"
    assert _policy(answers["figure"])["default-src"] == "'none'", "a drawing runs nothing"


def test_the_printable_card_runs_no_script(client):
    card = client.get(f"/workouts/{ROUTINE}/card")
    assert card.status_code == 200 and "<style>" in card.text
    assert card.headers["content-security-policy"].startswith("default-src 'none'")


def test_over_https_browsers_are_told_to_stay_on_https(app):
    with TestClient(app, base_url="https://testserver") as client:
        assert client.get("/").headers["strict-transport-security"].startswith("max-age=")
        page = client.get("/import")
        assert "; Secure" in page.headers["set-cookie"]


def test_the_feed_address_never_leaves_in_a_referer(client):
    """The plan page shows the feed's secret address; links from it send no Referer elsewhere."""
    _planned(client)
    page = client.get("/plan")
    assert _feed_path(client) in page.text
    assert page.headers["referrer-policy"] in ("same-origin", "no-referrer")
