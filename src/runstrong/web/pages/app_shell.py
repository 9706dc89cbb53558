"""What makes the web app installable and usable offline: its manifest and service worker.

The service worker is a static file of our own, served from the site's root so
it may look after every page. The server puts two lines in front of it: a
version that changes with any static file (so phones pick up a new player),
and the list of static files to keep.
"""

from __future__ import annotations

import functools
import hashlib
import json
from importlib import resources

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

router = APIRouter(tags=["pages"], include_in_schema=False)

#: Static files every page may need: kept by the service worker when it installs.
SHELL = (
    "app.css",
    "player.css",
    "player.js",
    "app-shell.js",
    "icons/icon.svg",
    "icons/icon-192.png",
)
MANIFEST_TYPE = "application/manifest+json"


@functools.cache
def _static(name: str) -> bytes:
    return (resources.files("runstrong.web") / "static" / name).read_bytes()


@functools.cache
def shell_version() -> str:
    """A short digest of the app shell and the service worker: new files, new version."""
    digest = hashlib.sha256()
    for name in (*SHELL, "service-worker.js"):
        digest.update(name.encode() + b"\0" + _static(name))
    return digest.hexdigest()[:16]


@router.get("/service-worker.js")
def read_service_worker(request: Request) -> Response:
    static = request.app.url_path_for("static", path="")
    shell = [f"{static}{name}" for name in SHELL]
    head = (
        f"const VERSION = {json.dumps(shell_version())};\n"
        f"const SHELL_FILES = {json.dumps(shell)};\n"
    )
    return Response(
        head.encode() + _static("service-worker.js"),
        media_type="text/javascript",
        # A new version must reach the phone at its next visit: never from an HTTP cache.
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@router.get("/manifest.webmanifest")
def read_manifest(request: Request) -> Response:
    def icon(name: str, size: str, kind: str, purpose: str) -> dict[str, str]:
        src = request.app.url_path_for("static", path=f"icons/{name}")
        return {"src": src, "sizes": size, "type": kind, "purpose": purpose}

    manifest = {
        "name": "runstrong",
        "short_name": "runstrong",
        "description": "Strength workouts for runners: a guided player that works offline.",
        "start_url": request.app.url_path_for("show_library"),
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#fafafa",
        "theme_color": "#0b6e4f",
        "icons": [
            icon("icon-192.png", "192x192", "image/png", "any"),
            icon("icon-512.png", "512x512", "image/png", "any"),
            icon("icon-512.png", "512x512", "image/png", "maskable"),
            icon("icon.svg", "any", "image/svg+xml", "any"),
        ],
    }
    return JSONResponse(manifest, media_type=MANIFEST_TYPE)
