"""The sandbox gateway: our own documented scheme, used in development, tests and by the
borrower "pay now" page when no real gateway is configured (docs/gateways.md).

Delivery: POST /api/v1/payments/webhooks/sandbox/ with a JSON body

    {"id": "sbx_1", "loan_id": 12, "amount": "1234.50",
     "paid_at": "2026-04-02T10:15:00+05:30", "reference": "UPI123"}

and headers X-Lendingsite-Timestamp (unix seconds) and X-Lendingsite-Signature (hex
HMAC-SHA256 of f"{timestamp}.".encode() + raw body, keyed with the sandbox secret). A
timestamp further than settings.WEBHOOK_TOLERANCE_SECONDS from our clock is refused, so a
captured delivery cannot be replayed later with a fresh meaning.
"""

import json
import time
import uuid
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

from django.conf import settings

from lendingsite.parsers import InvalidBody, json_loads_strict
from repayments.gateways.base import (
    GatewayAdapter,
    PayloadInvalid,
    PaymentNotice,
    SignatureInvalid,
    header,
    hmac_sha256_hex,
    ist_date,
    loan_id_from,
    register,
    rupees,
    signature_matches,
    webhook_secrets,
)

NAME = "sandbox"
TIMESTAMP_HEADER = "X-Lendingsite-Timestamp"
SIGNATURE_HEADER = "X-Lendingsite-Signature"


def signed_message(body: bytes, timestamp: int | str) -> bytes:
    return f"{timestamp}.".encode() + body


@register
class SandboxGateway(GatewayAdapter):
    name = NAME

    def verify(
        self, *, headers: Mapping[str, str], body: bytes, secrets: list[str], now: datetime
    ) -> None:
        signature = header(headers, SIGNATURE_HEADER)
        stamp = header(headers, TIMESTAMP_HEADER)
        if not signature or not stamp:
            raise SignatureInvalid(
                "missing_signature",
                f"The {SIGNATURE_HEADER} and {TIMESTAMP_HEADER} headers are required.",
            )
        if not stamp.isdigit():
            raise SignatureInvalid("bad_timestamp", f"{TIMESTAMP_HEADER} must be unix seconds.")
        skew = abs(now.timestamp() - int(stamp))
        if skew > settings.WEBHOOK_TOLERANCE_SECONDS:
            raise SignatureInvalid(
                "stale_timestamp",
                f"The delivery is timestamped {int(skew)} seconds away from our clock "
                f"(at most {settings.WEBHOOK_TOLERANCE_SECONDS} allowed).",
            )
        if not signature_matches(signature, signed_message(body, stamp), secrets):
            raise SignatureInvalid("bad_signature", "The signature does not match the body.")

    def parse(self, body: bytes) -> PaymentNotice:
        try:
            data = json_loads_strict(body)
        except InvalidBody as exc:
            raise PayloadInvalid(str(exc.detail), errors=exc.problem_errors) from None
        except ValueError:
            raise PayloadInvalid("The body is not JSON.") from None
        if not isinstance(data, dict):
            raise PayloadInvalid("The body must be a JSON object.")
        payment_id = str(data.get("id") or "").strip()
        if not payment_id or len(payment_id) > 100:
            raise PayloadInvalid(
                "The notice needs the gateway's payment id.", errors={"id": ["1-100 characters"]}
            )
        try:
            paid_at = datetime.fromisoformat(str(data.get("paid_at") or ""))
        except ValueError:
            raise PayloadInvalid(
                "paid_at must be an ISO 8601 date-time with a time zone.",
                errors={"paid_at": ["ISO 8601 date-time with offset"]},
            ) from None
        reference = str(data.get("reference") or "").strip()
        if len(reference) > 64:
            raise PayloadInvalid("The reference is too long.", errors={"reference": ["max 64"]})
        return PaymentNotice(
            provider=NAME,
            provider_payment_id=payment_id,
            loan_id=loan_id_from(data.get("loan_id"), field="loan_id"),
            amount=rupees(data.get("amount"), field="amount"),
            paid_on=ist_date(paid_at),
            utr=reference or f"{NAME}:{payment_id}"[:64],
        )


def sandbox_payload(
    *,
    loan_id: int,
    amount: Decimal | str,
    paid_at: datetime | None = None,
    payment_id: str = "",
    reference: str = "",
) -> bytes:
    """A sandbox delivery body (what the gateway would send). `paid_at` defaults to now."""
    from django.utils import timezone

    body = {
        "id": payment_id or f"sbx_{uuid.uuid4().hex[:16]}",
        "loan_id": loan_id,
        "amount": str(amount),
        "paid_at": (paid_at or timezone.now()).isoformat(),
        "reference": reference,
    }
    return json.dumps(body).encode()


def sandbox_sign(body: bytes, timestamp: int | None = None) -> dict[str, str]:
    """The headers that make `body` a genuine sandbox delivery at `timestamp` (now if not
    given), signed with the current sandbox secret."""
    secrets = webhook_secrets(NAME)
    if not secrets:
        raise RuntimeError("PAYMENT_WEBHOOK_SECRETS has no 'sandbox' secret")
    stamp = int(time.time()) if timestamp is None else int(timestamp)
    return {
        TIMESTAMP_HEADER: str(stamp),
        SIGNATURE_HEADER: hmac_sha256_hex(secrets[0], signed_message(body, stamp)),
        "Content-Type": "application/json",
    }


def sandbox_send(
    *,
    loan_id: int,
    amount: Decimal | str,
    paid_at: datetime | None = None,
    payment_id: str = "",
    reference: str = "",
):
    """Play the sandbox gateway: build, sign and deliver a notice in-process through exactly
    the path a real delivery takes (signature check, idempotency, payment_post). Returns the
    repayments.webhooks.WebhookOutcome; refusals raise DomainError as they would answer."""
    from repayments.webhooks import webhook_receive

    body = sandbox_payload(
        loan_id=loan_id, amount=amount, paid_at=paid_at, payment_id=payment_id, reference=reference
    )
    return webhook_receive(provider=NAME, headers=sandbox_sign(body), body=body)
