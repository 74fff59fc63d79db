"""Standard Webhooks signing (https://www.standardwebhooks.com/): the headers a delivery
carries, computed by the specification's reference library (`standardwebhooks`), and
endpoint secrets in its `whsec_<base64>` form. Pure functions, no database."""

import base64
import json
import secrets
from datetime import datetime

from standardwebhooks.webhooks import Webhook

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32  # the specification asks for 24 to 64 bytes


def secret_new() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def body_render(envelope: dict) -> str:
    """The exact bytes sent (and signed): the same on every retry of the event."""
    return json.dumps(envelope, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def signature_header(*, msg_id: str, timestamp: datetime, body: str, secrets_: list[str]) -> str:
    """`v1,<sig>` per valid secret, space-separated: during a roll the receiver accepts
    the delivery with either its old or its new secret (the specification's rule)."""
    return " ".join(Webhook(s).sign(msg_id, timestamp, body) for s in secrets_)


def headers_build(*, msg_id: str, timestamp: datetime, body: str, secrets_: list[str]) -> dict:
    return {
        "content-type": "application/json",
        "user-agent": "Lendingsite-Webhooks/1",
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": signature_header(
            msg_id=msg_id, timestamp=timestamp, body=body, secrets_=secrets_
        ),
    }
