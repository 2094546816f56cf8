"""The replay server's fault injection itself, checked with a plain HTTP client."""

from __future__ import annotations

import http.client
import time
from urllib.parse import urlsplit

import pytest

from grantdigest.errors import UserError
from grantdigest.replay import REPLAY_HEADER, Manifest, ReplayServer

URL = "https://site.example/page"


def get(server: ReplayServer, url: str = URL, timeout: float = 10):
    parts = urlsplit(server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    conn.request("GET", urlsplit(url).path, headers={REPLAY_HEADER: url})
    response = conn.getresponse()
    return response, conn


def serve(*entries: dict) -> ReplayServer:
    return ReplayServer(Manifest(entries=list(entries)))


def test_status_sequence_then_the_last_answer_repeats():
    with serve({"url": URL, "body": "ok", "responses": [
            {"status": 503, "headers": {"Retry-After": "2"}}, {"status": 500}, {}]}) as server:
        answers = []
        for _ in range(4):
            response, conn = get(server)
            answers.append((response.status, response.getheader("Retry-After"), response.read()))
            conn.close()
    assert answers == [(503, "2", b"ok"), (500, None, b"ok"), (200, None, b"ok"), (200, None, b"ok")]
    assert server.hits(URL) == 4


def test_delay_reset_and_truncate():
    with serve({"url": URL, "body": "late", "delay": 0.5},
               {"url": "https://site.example/reset", "fault": "reset"},
               {"url": "https://site.example/cut", "body": "x" * 1000, "fault": "truncate", "truncate_at": 100}) as server:
        started = time.monotonic()
        response, conn = get(server)
        assert response.read() == b"late" and time.monotonic() - started >= 0.45
        conn.close()
        with pytest.raises((ConnectionError, http.client.RemoteDisconnected)):
            get(server, "https://site.example/reset")
        response, conn = get(server, "https://site.example/cut")
        assert response.getheader("Content-Length") == "1000"
        with pytest.raises(http.client.IncompleteRead) as cut:
            response.read()
        assert len(cut.value.partial) == 100


def test_stream_sends_the_size_asked_chunked_or_not():
    size = 3 * 1024 * 1024 + 7
    with serve({"url": URL, "stream": {"size": size, "chunked": True}},
               {"url": "https://site.example/plain", "stream": {"size": size}}) as server:
        for url, chunked in ((URL, True), ("https://site.example/plain", False)):
            response, conn = get(server, url)
            assert (response.getheader("Transfer-Encoding") == "chunked") is chunked
            total = 0
            while chunk := response.read(65536):
                total += len(chunk)
            assert total == size
            conn.close()


def test_unknown_fault_is_a_clear_error():
    with pytest.raises(UserError) as error:
        Manifest(entries=[{"url": URL, "body": "x", "fault": "explode"}])
    assert "explode" in str(error.value) and "reset" in str(error.value)
