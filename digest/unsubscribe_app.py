"""The one-click unsubscribe endpoint (RFC 8058) behind the weekly email's List-Unsubscribe link.

A small WSGI application (served by waitress: ``grantdigest subscribers
serve-unsubscribe``, behind the office's HTTPS reverse proxy at
``[digest] unsubscribe_url``):

- ``POST …/unsubscribe?token=T`` -- what a mail client sends for
  ``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (and what the
  confirmation button sends): the subscriber is deactivated at once. Repeating
  it is harmless.
- ``GET …/unsubscribe?token=T`` -- only shows a confirmation button: mail
  scanners and link previews open links, and must not unsubscribe anyone.
- A missing, forged or stale token gets 400 and a plain explanation; nothing
  else is served (404).

The token is checked with the same HMAC secret the send used
(``digest.unsubscribe``); the page is in the subscriber's language.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

from digest.render import render
from digest.strings import STRINGS
from digest.unsubscribe import subscriber_for_token, unsubscribe
from storage import Store

MAX_BODY = 4096


def _token(environ) -> str:
    query = parse_qs(environ.get("QUERY_STRING", ""))
    token = (query.get("token") or [""])[0]
    if token or environ.get("REQUEST_METHOD") != "POST":
        return token.strip()
    try:
        length = min(int(environ.get("CONTENT_LENGTH") or 0), MAX_BODY)
    except ValueError:
        length = 0
    body = environ["wsgi.input"].read(length).decode("utf-8", "replace") if length else ""
    return (parse_qs(body).get("token") or [""])[0].strip()


class UnsubscribeApp:
    def __init__(self, db_path: str | Path, secret: str):
        self.db_path, self.secret = Path(db_path), secret

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        if not environ.get("PATH_INFO", "").rstrip("/").endswith("/unsubscribe"):
            return self._page(start_response, "404 Not Found", "uk", "unsub_not_found")
        if method not in ("GET", "HEAD", "POST"):
            start_response("405 Method Not Allowed", [("Allow", "GET, HEAD, POST"), ("Content-Length", "0")])
            return [b""]
        token = _token(environ)
        row = None
        if token:
            act = unsubscribe if method == "POST" else subscriber_for_token  # GET and HEAD change nothing
            with Store(self.db_path) as store:
                row = act(store, self.secret, token)
        if row is None:
            return self._page(start_response, "400 Bad Request", "uk", "unsub_invalid")
        lang = row.get("language") if row.get("language") in STRINGS else "uk"
        if method == "POST":
            return self._page(start_response, "200 OK", lang, "unsub_done", email=row["email"])
        action = f"{environ.get('SCRIPT_NAME', '')}{environ.get('PATH_INFO', '')}?token={token}"
        return self._page(start_response, "200 OK", lang, "unsub_confirm", email=row["email"], action=action)

    def _page(self, start_response, status: str, lang: str, key: str, email: str = "", action: str = ""):
        s = STRINGS[lang]
        body = render("unsubscribe.html", lang=lang, s=s, message=s[key].format(email=email),
                      show_form=bool(action), action=action).encode("utf-8")
        start_response(status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                                ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"),
                                ("Content-Security-Policy", "default-src 'none'; form-action 'self'")])
        return [body]
