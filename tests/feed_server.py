"""A real HTTPS server on loopback that publishes calendar feeds, for the feed tests.

Its certificate comes from a throw-away certificate authority (trustme); the
tests point SSL_CERT_FILE at that authority, so the application verifies TLS
exactly as it does against a training platform.
"""

from __future__ import annotations

import contextlib
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    """What the server sends for a path: a status, headers and a body (or a body maker)."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"content-type": "text/calendar"})
    body: bytes = b""
    #: Seconds to wait before answering, to stand for a slow server.
    delay: float = 0.0
    #: Send Content-Length; without it the body simply runs until the connection closes.
    declare_length: bool = True


@dataclass
class FeedServer:
    """The running server: set `answers[path]`, read `requests` to see what was asked."""

    base: str
    answers: dict[str, Answer | Callable[[dict[str, str]], Answer]]
    requests: list[tuple[str, dict[str, str]]]

    def url(self, path: str, scheme: str = "https") -> str:
        return self.base.replace("https", scheme, 1) + path

    def hits(self, path: str) -> int:
        return sum(1 for asked, _ in self.requests if asked == path)


def start(context: ssl.SSLContext) -> tuple[FeedServer, ThreadingHTTPServer]:
    answers: dict = {}
    requests: list = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            with lock:
                requests.append((self.path, headers))
            answer = answers.get(self.path, Answer(404, body=b"not here"))
            if callable(answer):
                answer = answer(headers)
            if answer.delay:
                threading.Event().wait(answer.delay)
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            if answer.declare_length and "content-length" not in answer.headers:
                self.send_header("content-length", str(len(answer.body)))
            self.end_headers()
            # The client may stop reading, as it should for a huge body.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError, ssl.SSLError):
                self.wfile.write(answer.body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    return FeedServer(f"https://127.0.0.1:{port}", answers, requests), server
