"""Shared test helpers: recorded responses as Scrapy responses, a loopback
replay server, a temporary database, and running the CLI as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from aiosmtpd.handlers import Message
from scrapy.http import HtmlResponse, Request, TextResponse, XmlResponse

REPO = Path(__file__).resolve().parent.parent
SNAPSHOTS = REPO / "snapshots"
REAL = SNAPSHOTS / "real"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def file_response(path: Path, url: str, method: str = "GET", body: bytes | None = None,
                  kind: type = HtmlResponse, headers: dict | None = None):
    """A Scrapy response built from a recorded file, as the downloader would hand it over."""
    request = Request(url, method=method, body=body or b"")
    return kind(url=url, request=request, body=Path(path).read_bytes(), encoding="utf-8",
                headers=headers or {})


def spider_for(source_id: str, as_of: str | None = None):
    """An instance of the registry spider for ``source_id`` (as Scrapy would create it)."""
    from spiders.catalog import SPIDERS

    return SPIDERS[source_id](as_of_date=as_of) if as_of else SPIDERS[source_id]()


@pytest.fixture
def replay_server():
    from grantdigest.replay import ReplayServer

    with ReplayServer(SNAPSHOTS / "manifest.json") as server:
        yield server


@pytest.fixture
def store(tmp_path):
    from storage import Store

    with Store(tmp_path / "test.db") as s:
        yield s


def run_cli(*args: str, env: dict | None = None, cwd: Path | None = None, timeout: int = 300):
    """Run ``grantdigest`` in a fresh process (a crawl needs its own Twisted reactor)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("GRANTDIGEST_")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "grantdigest", *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd or REPO, timeout=timeout)


class Collect(Message):
    """An aiosmtpd handler that keeps every message it accepts (parsed)."""

    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


__all__ = ["REPO", "SNAPSHOTS", "REAL", "FIXTURES", "file_response", "spider_for", "run_cli",
           "TextResponse", "XmlResponse", "Collect"]


def offline_crawl(source_id: str, as_of: str | None = "2025-07-20", since: str | None = None):
    """Run a registry spider's callbacks on the replay manifest's recordings, without a
    downloader: start requests -> recorded responses -> callbacks -> items.
    Returns (items, [(url, status), ...]). Crawls through Scrapy itself are in
    test_crawl_*.py (subprocess + replay server)."""
    import asyncio

    from scrapy.http import Request
    from scrapy.responsetypes import responsetypes

    from grantdigest.replay import Manifest

    manifest = Manifest(SNAPSHOTS / "manifest.json")
    spider = spider_for(source_id, as_of)
    if since:
        spider.since_date = since

    async def starts():
        return [r async for r in spider.start()]

    queue, items, log = asyncio.run(starts()), [], []
    while queue:
        obj = queue.pop(0)
        if not isinstance(obj, Request):
            items.append(obj)
            continue
        recording = manifest.lookup(obj.method, obj.url, obj.body)
        log.append((obj.url, recording.status if recording else 404))
        if recording is None or recording.status >= 400:
            continue
        headers = {"Content-Type": recording.content_type, **recording.headers}
        cls = responsetypes.from_args(headers=headers, url=obj.url, body=recording.body)
        response = cls(url=obj.url, request=obj, body=recording.body, headers=headers, status=recording.status)
        callback = obj.callback or spider.parse
        if isinstance(callback, str):
            callback = getattr(spider, callback)
        queue.extend(callback(response, **obj.cb_kwargs) or [])
    return items, log
