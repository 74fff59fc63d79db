"""Verify the API's outbound webhooks, signed per the Standard Webhooks specification
(https://www.standardwebhooks.com, "Verifying webhooks"):

- headers ``webhook-id``, ``webhook-timestamp`` (Unix seconds), ``webhook-signature``: one or
  more space-separated ``v1,<base64 HMAC-SHA256>`` entries (several during a secret roll);
- signed content ``"{id}.{timestamp}.{raw body}"``, key = base64-decoded secret after its
  ``whsec_`` prefix;
- a timestamp more than 5 minutes from now is refused (replays of old deliveries).

Give the verifier every secret valid during a roll; a delivery passes if any of its
signatures matches any secret. Verify the raw body bytes, before parsing them. The webhook id
is the same on every retry of a delivery: use it to drop duplicates (delivery is
at-least-once)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Iterable, Mapping
from typing import Any

SECRET_PREFIX = "whsec_"
TOLERANCE_SECONDS = 5 * 60


class WebhookVerificationError(Exception):
    """The delivery is not proven to come from the API: do not act on it (answer 400)."""


def _key(secret: str | bytes) -> bytes:
    if isinstance(secret, bytes):
        return secret
    raw = secret.removeprefix(SECRET_PREFIX)
    try:
        return base64.b64decode(raw, validate=True)
    except ValueError as exc:
        raise ValueError("a webhook secret is whsec_ followed by base64") from exc


def _header(headers: Mapping[str, str], name: str) -> str:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    raise WebhookVerificationError(f"missing header {name}")


def sign(secret: str | bytes, *, msg_id: str, timestamp: int, body: bytes | str) -> str:
    """The ``v1,<base64>`` signature of one delivery (for tests and local tools)."""
    data = body.encode() if isinstance(body, str) else body
    content = f"{msg_id}.{timestamp}.".encode() + data
    digest = hmac.new(_key(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


class WebhookVerifier:
    def __init__(
        self,
        secrets: str | bytes | Iterable[str | bytes],
        *,
        tolerance_seconds: int = TOLERANCE_SECONDS,
    ):
        if isinstance(secrets, str | bytes):
            secrets = [secrets]
        self.keys = [_key(s) for s in secrets]
        if not self.keys:
            raise ValueError("give at least one webhook secret")
        self.tolerance = tolerance_seconds

    def verify(
        self, body: bytes | str, headers: Mapping[str, str], *, now: float | None = None
    ) -> Any:
        """The parsed JSON payload of a genuine delivery; else WebhookVerificationError."""
        data = body.encode() if isinstance(body, str) else body
        msg_id = _header(headers, "webhook-id")
        raw_timestamp = _header(headers, "webhook-timestamp")
        signatures = _header(headers, "webhook-signature")
        try:
            timestamp = int(raw_timestamp)
        except ValueError:
            raise WebhookVerificationError("webhook-timestamp is not a number") from None
        current = time.time() if now is None else now
        if abs(current - timestamp) > self.tolerance:
            raise WebhookVerificationError("webhook-timestamp is too old or too new")
        expected = [
            sign(key, msg_id=msg_id, timestamp=timestamp, body=data).encode() for key in self.keys
        ]
        for entry in signatures.split(" "):
            version, _, _value = entry.partition(",")
            if version != "v1":
                continue  # other schemes (v1a: asymmetric) are not used by the API
            if any(hmac.compare_digest(entry.encode(), sig) for sig in expected):
                try:
                    return json.loads(data)
                except ValueError:
                    raise WebhookVerificationError("the body is not JSON") from None
        raise WebhookVerificationError("no matching signature")
