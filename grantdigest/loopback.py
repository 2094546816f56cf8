"""A loopback web server that answers conditional GETs, for tests and benchmarks.

The replay server (``grantdigest/replay.py``) serves recordings as they were
recorded. Real sites also answer ``If-None-Match`` / ``If-Modified-Since``
with a body-less 304, and a polite crawler relies on that. ``ConditionalServer``
serves pages on 127.0.0.1 with an ``ETag`` (a hash of the body) and a
``Last-Modified``, answers 304 when the client's validators still match,
logs every request (method, URL, status, User-Agent), and records the most
requests it had in flight at once (for politeness checks).

Pages come from any ``lookup(method, url, body) -> Recording | None`` -- a
replay ``Manifest`` or a :class:`PageSet` built in code. Requests may use the
replay transport's ``X-Replay-Url`` header or plain ``http://127.0.0.1:port/``
URLs. ``replace(url, body)`` changes a page (and so its ETag).

``free_port()`` and ``smtp_server(handler)`` (aiosmtpd, a test dependency) give
the tests and benchmarks their other loopback servers.
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from grantdigest.replay import REPLAY_HEADER, Manifest, Recording, request_key

ALLOW_ALL = b"User-agent: *\nAllow: /\n"
_QUICKACK = getattr(socket, "TCP_QUICKACK", None)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (servers that need a concrete port)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def smtp_server(handler) -> Iterator:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 with ``handler``; yields its controller (``.port``)."""
    from aiosmtpd.controller import Controller

    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


class PageSet:
    """Pages by URL, built in code (``add``); robots.txt is allow-all unless added."""

    def __init__(self):
        self.pages: dict[tuple, Recording] = {}

    def add(self, url: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
            status: int = 200, headers: dict | None = None, method: str = "GET") -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.pages[request_key(method, url)] = Recording(status, content_type, data, dict(headers or {}))

    def lookup(self, method: str, url: str, body: bytes = b"") -> Recording | None:
        found = self.pages.get(request_key(method, url))
        if found is None and urlsplit(url).path == "/robots.txt":
            return Recording(200, "text/plain; charset=utf-8", ALLOW_ALL)
        return found


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:20] + '"'


class _Handler(BaseHTTPRequestHandler):
    server: "ConditionalServer"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes: no 40 ms stalls

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = self.headers.get(REPLAY_HEADER) or f"http://{self.headers.get('Host')}{self.path}"
        server = self.server
        with server.lock:
            server.in_flight += 1
            server.max_in_flight = max(server.max_in_flight, server.in_flight)
        try:
            if server.delay:
                time.sleep(server.delay)
            recording = server.replaced.get(request_key(self.command, url)) or server.lookup(self.command, url, body)
            if recording is None:
                recording = Recording(404, "text/plain; charset=utf-8", f"not here: {url}\n".encode())
            status, headers, payload = recording.status, dict(recording.headers), recording.body
            if status == 200 and self.command in ("GET", "HEAD"):
                tag = _etag(payload)
                headers.setdefault("ETag", tag)
                headers.setdefault("Last-Modified", server.last_modified)
                if self._not_modified(headers["ETag"], headers["Last-Modified"]):
                    status, payload = 304, b""
            server.log.append((self.command, url, status, self.headers.get("User-Agent", "")))
            self.send_response(status)
            if status != 304:
                self.send_header("Content-Type", recording.content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in headers.items():
                self.send_header(name, value)
            # headers and body in one write: no small segment left waiting for an ACK
            self._headers_buffer.append(b"\r\n")
            if self.command != "HEAD":
                self._headers_buffer.append(payload)
            self.flush_headers()
        finally:
            with server.lock:
                server.in_flight -= 1

    def _not_modified(self, etag: str, last_modified: str) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:
            return etag in [m.strip() for m in match.split(",")] or match.strip() == "*"
        return self.headers.get("If-Modified-Since") == last_modified

    def handle_one_request(self) -> None:
        # Acknowledge at once: a client that writes a request in two segments with Nagle on
        # would otherwise wait for Linux's delayed ACK (40 ms) before sending the rest.
        if _QUICKACK is not None:
            try:
                self.connection.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)
            except OSError:
                pass
        super().handle_one_request()

    do_GET = do_POST = do_HEAD = _serve

    def log_message(self, format, *args):  # the server keeps its own log
        pass


class ConditionalServer(ThreadingHTTPServer):
    """``with ConditionalServer(lookup) as server: ... server.url ...`` -- runs in a thread."""

    daemon_threads = True

    def __init__(self, lookup: Callable[..., Recording | None] | Manifest | PageSet, host: str = "127.0.0.1",
                 port: int = 0, delay: float = 0.0):
        self.lookup = lookup.lookup if isinstance(lookup, (Manifest, PageSet)) else lookup
        self.delay = delay
        self.log: list[tuple[str, str, int, str]] = []
        self.replaced: dict[tuple, Recording] = {}
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.last_modified = formatdate(time.time() - 86400, usegmt=True)
        super().__init__((host, port), _Handler)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def replace(self, url: str, body: bytes | str, content_type: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.replaced[request_key("GET", url)] = Recording(200, content_type, data)

    def start(self) -> "ConditionalServer":
        self._thread = threading.Thread(target=self.serve_forever, name="conditional-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def __enter__(self) -> "ConditionalServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
