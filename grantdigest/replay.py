"""The loopback replay server: recorded responses served on 127.0.0.1.

A manifest (JSON) maps each recorded request -- method, full URL and, for
POST APIs, the SHA-256 of the body -- to a body file, a status, a content
type and optional headers. The crawl's replay transport
(``spiders/replay.py``) sends the real URL in the ``X-Replay-Url`` header.
Unrecorded URLs get 404; ``robots.txt`` is allow-all unless recorded.

Manifest entry keys: ``method`` (default GET), ``url``, ``body_sha256``
(optional), ``file`` (relative to the manifest) or ``body`` (inline text),
``status`` (default 200), ``content_type``, ``headers`` (optional).
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from grantdigest.errors import UserError

REPLAY_HEADER = "X-Replay-Url"


def request_key(method: str, url: str, body_sha256: str | None = None) -> tuple:
    parts = urlsplit(url)
    query = tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return (method.upper(), parts.scheme.lower(), (parts.hostname or "").lower(),
            unquote(parts.path or "/"), query, body_sha256)


@dataclass
class Recording:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class Manifest:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UserError(f"маніфест знімків не знайдено: {self.path}") from None
        except ValueError as exc:
            raise UserError(f"маніфест {self.path} не є JSON: {exc}") from None
        self.entries: dict[tuple, Recording] = {}
        for index, entry in enumerate(data.get("entries", []), start=1):
            self.add(entry, f"{self.path.name}, запис №{index}")

    def add(self, entry: dict, where: str = "маніфест") -> None:
        if "url" not in entry or ("file" not in entry and "body" not in entry):
            raise UserError(f"{where}: потрібні 'url' і 'file' або 'body'")
        if "file" in entry:
            body_path = self.path.parent / entry["file"]
            if not body_path.is_file():
                raise UserError(f"{where}: файл {body_path} не знайдено")
            body = body_path.read_bytes()
        else:
            body = entry["body"].encode("utf-8")
        key = request_key(entry.get("method", "GET"), entry["url"], entry.get("body_sha256"))
        self.entries[key] = Recording(int(entry.get("status", 200)),
                                      entry.get("content_type", "text/html; charset=utf-8"),
                                      body, dict(entry.get("headers", {})))

    def lookup(self, method: str, url: str, body: bytes) -> Recording | None:
        digest = hashlib.sha256(body).hexdigest() if body else None
        for key in (request_key(method, url, digest), request_key(method, url)):
            if key in self.entries:
                return self.entries[key]
        if urlsplit(url).path == "/robots.txt":
            return Recording(200, "text/plain; charset=utf-8", b"User-agent: *\nAllow: /\n")
        return None


class _Handler(BaseHTTPRequestHandler):
    server: "ReplayServer"
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = self.headers.get(REPLAY_HEADER) or f"http://{self.headers.get('Host')}{self.path}"
        recording = self.server.manifest.lookup(self.command, url, body)
        self.server.log.append((self.command, url, recording.status if recording else 404))
        if recording is None:
            recording = Recording(404, "text/plain; charset=utf-8", f"not recorded: {self.command} {url}\n".encode())
        self.send_response(recording.status)
        self.send_header("Content-Type", recording.content_type)
        self.send_header("Content-Length", str(len(recording.body)))
        for name, value in recording.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(recording.body)

    do_GET = do_POST = do_HEAD = _serve

    def log_message(self, format, *args):  # quiet: the server keeps its own log
        pass


class ReplayServer(ThreadingHTTPServer):
    """``with ReplayServer(manifest) as server: ... server.url ...`` -- runs in a thread."""

    daemon_threads = True

    def __init__(self, manifest: Manifest | str | Path, host: str = "127.0.0.1", port: int = 0):
        self.manifest = manifest if isinstance(manifest, Manifest) else Manifest(manifest)
        self.log: list[tuple[str, str, int]] = []
        super().__init__((host, port), _Handler)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "ReplayServer":
        self._thread = threading.Thread(target=self.serve_forever, name="replay-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def __enter__(self) -> "ReplayServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
