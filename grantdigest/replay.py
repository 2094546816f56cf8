"""The loopback replay server: recorded responses served on 127.0.0.1.

A manifest (JSON) maps each recorded request -- method, full URL and, for
POST APIs, the SHA-256 of the body -- to a body file, a status, a content
type and optional headers. The crawl's replay transport
(``spiders/replay.py``) sends the real URL in the ``X-Replay-Url`` header.
Unrecorded URLs get 404; ``robots.txt`` is allow-all unless recorded.

Manifest entry keys: ``method`` (default GET), ``url``, ``body_sha256``
(optional), ``file`` (relative to the manifest) or ``body`` (inline text),
``status`` (default 200), ``content_type``, ``headers`` (optional).

Fault injection (tests of how crawls survive broken sites; see RELIABILITY.md):

- ``delay``: seconds to wait before answering (timeouts);
- ``fault``: ``"reset"`` closes the connection with a TCP reset and no answer;
  ``"truncate"`` promises the whole body in Content-Length, sends
  ``truncate_at`` bytes (default half) and closes;
- ``stream``: ``{"size": N, "chunked": true}`` sends a generated HTML body of N
  bytes in 64 KiB pieces, never holding it in memory (chunked: no
  Content-Length, as a server that does not know the size would);
- ``responses``: a list of answers for successive requests to this URL (each
  with the keys above, defaulting to the entry's own); the last one repeats.
  E.g. ``[{"status": 503, "headers": {"Retry-After": "1"}}, {}]``: 503 once, then the page.
"""

from __future__ import annotations

import hashlib
import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from grantdigest.errors import UserError

REPLAY_HEADER = "X-Replay-Url"
STREAM_PIECE = 64 * 1024
FILLER = b"<p>" + "Заповнювач сторінки / page filler. ".encode("utf-8") * 40 + b"</p>\n"
FAULTS = ("reset", "truncate")


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
    delay: float = 0.0             # seconds before answering
    fault: str | None = None       # "reset" | "truncate"
    truncate_at: int | None = None
    stream_size: int = 0           # generated body of this many bytes (instead of ``body``)
    chunked: bool = False


class _Sequence:
    """Successive answers for one request key; the last one repeats."""

    def __init__(self, recordings: list[Recording]):
        self.recordings = recordings
        self.count = 0
        self._lock = threading.Lock()

    def next(self) -> Recording:
        with self._lock:
            recording = self.recordings[min(self.count, len(self.recordings) - 1)]
            self.count += 1
        return recording


class Manifest:
    def __init__(self, path: str | Path | None = None, entries: list[dict] | None = None,
                 base_dir: str | Path | None = None):
        """From a manifest file, or from ``entries`` (files relative to ``base_dir``)."""
        self.path = Path(path) if path else Path(base_dir or ".") / "manifest.json"
        if entries is None:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                raise UserError(f"маніфест знімків не знайдено: {self.path}") from None
            except ValueError as exc:
                raise UserError(f"маніфест {self.path} не є JSON: {exc}") from None
            entries = data.get("entries", [])
        self.entries: dict[tuple, _Sequence] = {}
        for index, entry in enumerate(entries, start=1):
            self.add(entry, f"{self.path.name}, запис №{index}")

    def _recording(self, entry: dict, where: str, default: Recording | None = None) -> Recording:
        if "file" in entry:
            body_path = self.path.parent / entry["file"]
            if not body_path.is_file():
                raise UserError(f"{where}: файл {body_path} не знайдено")
            body = body_path.read_bytes()
        elif "body" in entry:
            body = entry["body"].encode("utf-8") if isinstance(entry["body"], str) else bytes(entry["body"])
        else:
            body = default.body if default else b""
        fault = entry.get("fault", default.fault if default else None)
        if fault is not None and fault not in FAULTS:
            raise UserError(f"{where}: невідомий fault '{fault}'; відомі: {', '.join(FAULTS)}")
        stream = entry.get("stream") or {}
        base = default or Recording(200, "text/html; charset=utf-8", b"")
        return replace(
            base, status=int(entry.get("status", base.status if default else 200)),
            content_type=entry.get("content_type", base.content_type), body=body,
            headers=dict(entry.get("headers", base.headers if default else {})),
            delay=float(entry.get("delay", base.delay if default else 0)), fault=fault,
            truncate_at=entry.get("truncate_at", base.truncate_at if default else None),
            stream_size=int(stream.get("size", base.stream_size if default and not stream else 0)),
            chunked=bool(stream.get("chunked", base.chunked if default and not stream else False)))

    def add(self, entry: dict, where: str = "маніфест") -> None:
        has_body = any(k in entry for k in ("file", "body", "stream", "fault", "responses"))
        if "url" not in entry or not (has_body or "status" in entry):
            raise UserError(f"{where}: потрібні 'url' і 'file' або 'body'")
        first = self._recording(entry, where)
        recordings = [self._recording(answer, f"{where}, відповідь №{n}", first)
                      for n, answer in enumerate(entry.get("responses", []), start=1)] or [first]
        key = request_key(entry.get("method", "GET"), entry["url"], entry.get("body_sha256"))
        self.entries[key] = _Sequence(recordings)

    def lookup(self, method: str, url: str, body: bytes) -> Recording | None:
        digest = hashlib.sha256(body).hexdigest() if body else None
        for key in (request_key(method, url, digest), request_key(method, url)):
            if key in self.entries:
                return self.entries[key].next()
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
        self.server.times.append((url, time.monotonic()))
        if recording is None:
            recording = Recording(404, "text/plain; charset=utf-8", f"not recorded: {self.command} {url}\n".encode())
        if recording.delay and not self.server.wait(recording.delay):
            return self._reset()
        if recording.fault == "reset":
            return self._reset()
        self.send_response(recording.status)
        self.send_header("Content-Type", recording.content_type)
        if recording.stream_size and recording.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(recording.stream_size or len(recording.body)))
        for name, value in recording.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command == "HEAD":
            return None
        if recording.stream_size:
            return self._stream(recording.stream_size, recording.chunked)
        if recording.fault == "truncate":
            cut = recording.truncate_at if recording.truncate_at is not None else len(recording.body) // 2
            self.wfile.write(recording.body[:cut])
            self.wfile.flush()
            return self._close()
        self.wfile.write(recording.body)
        return None

    def _stream(self, size: int, chunked: bool) -> None:
        """Send ``size`` bytes of generated HTML piece by piece; stop when the client hangs up."""
        piece = (FILLER * (STREAM_PIECE // len(FILLER) + 1))[:STREAM_PIECE]
        sent = 0
        try:
            while sent < size and not self.server.stopping.is_set():
                chunk = piece[: min(STREAM_PIECE, size - sent)]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if chunked else chunk)
                sent += len(chunk)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            self.close_connection = True

    def _close(self) -> None:
        """End the connection normally (FIN) before the promised body is complete."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    def _reset(self) -> None:
        """Drop the connection with a TCP reset (RST), as a crashing server or a middlebox would."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass

    do_GET = do_POST = do_HEAD = _serve

    def log_message(self, format, *args):  # quiet: the server keeps its own log
        pass


class ReplayServer(ThreadingHTTPServer):
    """``with ReplayServer(manifest) as server: ... server.url ...`` -- runs in a thread."""

    daemon_threads = True

    def __init__(self, manifest: Manifest | str | Path, host: str = "127.0.0.1", port: int = 0):
        self.manifest = manifest if isinstance(manifest, Manifest) else Manifest(manifest)
        self.log: list[tuple[str, str, int]] = []
        self.times: list[tuple[str, float]] = []   # (url, monotonic time) of each request
        self.stopping = threading.Event()
        super().__init__((host, port), _Handler)
        self._thread: threading.Thread | None = None

    def wait(self, seconds: float) -> bool:
        """Sleep for a fault's delay; False when the server is stopping meanwhile."""
        return not self.stopping.wait(seconds)

    def hits(self, url: str) -> int:
        """How many requests asked for ``url``."""
        return sum(1 for _, logged, _ in self.log if logged == url)

    def handle_error(self, request, client_address) -> None:
        """Clients that hang up mid-answer (timeouts, size limits) are expected here: stay quiet."""

    def finish_request(self, request, client_address) -> None:
        try:
            super().finish_request(request, client_address)
        except OSError:  # reset or closed by a fault; nothing to report
            pass

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "ReplayServer":
        self._thread = threading.Thread(target=self.serve_forever, name="replay-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()

    def __enter__(self) -> "ReplayServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
