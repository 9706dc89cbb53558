"""The app factory: settings in, a FastAPI app with every router, template and handler out."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.middleware.trustedhost import TrustedHostMiddleware

from runstrong.progress.loads import load_text as weight_text
from runstrong.secret_key import secret_key
from runstrong.settings import Settings
from runstrong.store.group_commit import GroupCommit
from runstrong.store.live_sessions import LiveSessionError
from runstrong.version import runstrong_version
from runstrong.web.api import advice, log, plan, sessions, timeline, workouts
from runstrong.web.auth import LOGGED_IN, Gate, install_login_handler
from runstrong.web.catalog import Catalogs
from runstrong.web.compression import Compression
from runstrong.web.csrf import CsrfCookie, CsrfTokens, csrf_field, require_csrf_token
from runstrong.web.errors import BodyLimit, install_error_handlers
from runstrong.web.pages import (
    account,
    activity,
    app_shell,
    feed,
    figures,
    health,
    importer,
    library,
    login,
    player,
    users,
)
from runstrong.web.pages import log as log_pages
from runstrong.web.pages import plan as plan_pages
from runstrong.web.planning import MAX_UPLOAD_BYTES
from runstrong.web.same_origin import SameOriginWrites
from runstrong.web.security_headers import SecurityHeaders
from runstrong.web.training_log import TrainingLog
from runstrong.wording import dose_text, duration_text, load_text, rest_text

DESCRIPTION = """\
The runstrong JSON API: workouts, their compiled timelines, player
sessions with the outcome of each step, the training log and progression
advice. Errors are JSON with a `detail`
message and an `errors` list naming each field at fault.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; tests pass their own settings, `runstrong serve` reads the environment.

    The app keeps nothing between requests that another process would need:
    sessions live in the log, so `runstrong serve --workers N` runs N of these.
    """
    settings = settings or Settings.from_env()
    training_log = TrainingLog(settings.log_url)
    writes = GroupCommit(training_log.store, refusals=(LiveSessionError,))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await run_in_threadpool(writes.close)
        await run_in_threadpool(training_log.close)

    app = FastAPI(
        title="runstrong",
        version=runstrong_version(),
        description=DESCRIPTION,
        lifespan=lifespan,
        # No OpenTelemetry here: spare every request the look for a configured provider.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.catalogs = Catalogs(settings)
    app.state.log = training_log
    app.state.gate = Gate(training_log)
    app.state.writes = writes
    app.state.templates = _templates()
    app.state.csrf = CsrfTokens(secret_key(settings))
    app.mount("/static", StaticFiles(packages=[("runstrong.web", "static")]), name="static")
    install_error_handlers(app)
    install_login_handler(app)
    # Innermost first: each one added wraps those before it.
    app.add_middleware(CsrfCookie)
    # The largest request is a calendar upload with its form fields.
    app.add_middleware(BodyLimit, max_bytes=MAX_UPLOAD_BYTES + 64 * 1024)
    # A phone on a gym's patchy signal: pages, scripts and JSON go compressed.
    app.add_middleware(Compression, minimum_size=1024, compresslevel=6)
    app.add_middleware(SameOriginWrites)
    app.add_middleware(
        TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts), www_redirect=False
    )
    app.add_middleware(SecurityHeaders)
    # The player's sessions first: a set is the request a server answers most.
    for router in (
        sessions.router,
        workouts.router,
        timeline.router,
        log.router,
        advice.router,
        plan.router,
    ):
        app.include_router(router, dependencies=LOGGED_IN)
    forms = [Depends(require_csrf_token)]  # every form post on a page carries the token
    # Every route acts for a logged-in user (or the local runner), but these few:
    # logging in, the calendar feed (its address is its secret), the installable shell.
    for router in (feed.router, app_shell.router, health.router):
        app.include_router(router)
    app.include_router(login.router, dependencies=forms)
    for router in (
        library.router,
        player.router,
        figures.router,
        log_pages.router,
        plan_pages.router,
        activity.router,
        importer.router,
        login.logged_in_router,
        account.router,
        users.router,
    ):
        app.include_router(router, dependencies=[*LOGGED_IN, *forms])
    app.state.templates.env.globals.update(
        path_for=app.url_path_for,
        csrf_field=csrf_field,
        nav_links=[
            ("Workouts", "show_library"),
            ("History", "show_history"),
            ("Plan", "show_plan"),
            ("Import", "show_import"),
            ("Account", "show_account"),
        ],
    )
    return app


def create_served_app() -> FastAPI:
    """The app as each `runstrong serve` worker runs it: built, then its heap frozen.

    The modules and the app live as long as the process. Frozen, they are out
    of the cycle collector's reach, whose full passes over them (a few hundred
    milliseconds on a small machine) would otherwise stall every request in
    flight now and then.
    """
    app = create_app()
    gc.collect()
    gc.freeze()
    return app


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=PackageLoader("runstrong.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        dose=dose_text, load=load_text, rest=rest_text, duration=duration_text, weight=weight_text
    )
    return Jinja2Templates(env=env)
