"""Unsubscribe tokens: HMAC-SHA256 over the subscriber's id and address.

A token is ``<id>.<mac>`` (URL-safe). It stays valid while the subscriber's
address is unchanged, cannot be forged without the secret
(``GRANTDIGEST_UNSUBSCRIBE_SECRET``), and reveals nothing but the row id.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from grantdigest.errors import UserError

MAC_BYTES = 16


def _mac(secret: str, subscriber_id: int, email: str) -> str:
    digest = hmac.new(secret.encode("utf-8"), f"unsubscribe:{subscriber_id}:{email.lower()}".encode("utf-8"),
                      hashlib.sha256).digest()[:MAC_BYTES]
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def require_secret(secret: str) -> str:
    if len(secret or "") < 16:
        raise UserError("не задано секрет для посилань відписки: встановіть GRANTDIGEST_UNSUBSCRIBE_SECRET"
                        " (щонайменше 16 випадкових символів, напр. `python -c 'import secrets;"
                        " print(secrets.token_urlsafe(32))'`)")
    return secret


def make_token(secret: str, subscriber_id: int, email: str) -> str:
    return f"{subscriber_id}.{_mac(secret, subscriber_id, email)}"


def token_subscriber_id(token: str) -> int | None:
    head, _, mac = (token or "").strip().partition(".")
    return int(head) if head.isdigit() and mac else None


def verify_token(secret: str, token: str, subscriber_id: int, email: str) -> bool:
    """True when ``token`` was made with ``secret`` for this subscriber and address."""
    if token_subscriber_id(token) != subscriber_id:
        return False
    return hmac.compare_digest(token.strip(), make_token(secret, subscriber_id, email))


def subscriber_for_token(store, secret: str, token: str) -> dict | None:
    """The subscriber a valid token was made for, or None (unknown id, forged or stale token)."""
    subscriber_id = token_subscriber_id(token)
    row = store.subscriber_by_id(subscriber_id) if subscriber_id is not None else None
    if row is None or not verify_token(secret, token, row["id"], row["email"]):
        return None
    return row


def unsubscribe(store, secret: str, token: str) -> dict | None:
    """Deactivate the subscriber of ``token`` (idempotent); None when the token is not valid."""
    row = subscriber_for_token(store, secret, token)
    if row is not None and row.get("active"):
        store.set_subscriber_active(row["id"], False)
    return row
