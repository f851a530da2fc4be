"""A small HTTP server on 127.0.0.1 for fetch and watch tests: pages and feeds set per test."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Resource:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    status: int = 200
    location: str | None = None
    delay: float = 0.0


@dataclass
class Site:
    """What the server serves, and the requests it saw (path, headers)."""

    resources: dict[str, Resource] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    base: str = ""

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, dict(self.headers.items())))
            resource = site.resources.get(self.path)
            if resource is None:
                self.send_error(404)
                return
            if resource.delay:
                time.sleep(resource.delay)
            if resource.etag and self.headers.get("If-None-Match") == resource.etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(resource.status)
            self.send_header("Content-Type", resource.content_type)
            self.send_header("Content-Length", str(len(resource.body)))
            if resource.etag:
                self.send_header("ETag", resource.etag)
            if resource.location:
                self.send_header("Location", resource.location)
            self.end_headers()
            with suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(resource.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve() -> Iterator[Site]:
    """Serve a Site on 127.0.0.1 (a free port) for the duration of the block."""
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
