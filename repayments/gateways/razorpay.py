"""Razorpay webhooks, following Razorpay's documented scheme (docs/gateways.md):

- `X-Razorpay-Signature` is the hex HMAC-SHA256 of the raw request body keyed with the
  webhook secret set in the Razorpay Dashboard (not the API key secret).
- Razorpay signs no timestamp and retries a failed delivery with the same body for up to
  24 hours, so there is no freshness window here: a replay is harmless because posting is
  idempotent on the payment id (`pay_...`).
- We act on `payment.captured` only; `payload.payment.entity` carries `id`, `amount` (paise,
  integer), `currency`, `notes.loan_id` (set by us when creating the order / payment link),
  `acquirer_data.rrn` (the UPI/IMPS bank reference, when there is one) and `created_at`
  (unix seconds). Every other event is acknowledged and ignored.
"""

from collections.abc import Mapping
from datetime import datetime

from lendingsite.parsers import InvalidBody, json_loads_strict
from repayments.gateways.base import (
    GatewayAdapter,
    PayloadInvalid,
    PaymentNotice,
    SignatureInvalid,
    header,
    ist_date_from_unix,
    loan_id_from,
    paise_to_rupees,
    register,
    signature_matches,
)

NAME = "razorpay"
SIGNATURE_HEADER = "X-Razorpay-Signature"
CAPTURED = "payment.captured"


@register
class RazorpayGateway(GatewayAdapter):
    name = NAME

    def verify(
        self, *, headers: Mapping[str, str], body: bytes, secrets: list[str], now: datetime
    ) -> None:
        signature = header(headers, SIGNATURE_HEADER)
        if not signature:
            raise SignatureInvalid(
                "missing_signature", f"The {SIGNATURE_HEADER} header is required."
            )
        if not signature_matches(signature, body, secrets):
            raise SignatureInvalid("bad_signature", "The signature does not match the body.")

    def parse(self, body: bytes) -> PaymentNotice | None:
        try:
            event = json_loads_strict(body)
        except InvalidBody as exc:
            raise PayloadInvalid(str(exc.detail), errors=exc.problem_errors) from None
        except ValueError:
            raise PayloadInvalid("The body is not JSON.") from None
        if not isinstance(event, dict):
            raise PayloadInvalid("The body must be a JSON object.")
        if event.get("event") != CAPTURED:
            return None
        entity = (((event.get("payload") or {}).get("payment") or {}).get("entity")) or {}
        if not isinstance(entity, dict) or not entity.get("id"):
            raise PayloadInvalid(
                "payment.captured without payload.payment.entity.id.",
                errors={"payload.payment.entity.id": ["required"]},
            )
        if entity.get("currency") != "INR":
            raise PayloadInvalid(
                "Only payments in INR can be posted to a loan.",
                errors={"payload.payment.entity.currency": ["must be INR"]},
            )
        created_at = entity.get("created_at")
        if isinstance(created_at, bool) or not isinstance(created_at, int):
            raise PayloadInvalid(
                "created_at must be unix seconds.",
                errors={"payload.payment.entity.created_at": ["unix seconds"]},
            )
        notes = entity.get("notes") if isinstance(entity.get("notes"), dict) else {}
        acquirer = (
            entity.get("acquirer_data") if isinstance(entity.get("acquirer_data"), dict) else {}
        )
        payment_id = str(entity["id"])[:100]
        rrn = str(acquirer.get("rrn") or "").strip()
        return PaymentNotice(
            provider=NAME,
            provider_payment_id=payment_id,
            loan_id=loan_id_from(
                notes.get("loan_id"), field="payload.payment.entity.notes.loan_id"
            ),
            amount=paise_to_rupees(entity.get("amount"), field="payload.payment.entity.amount"),
            paid_on=ist_date_from_unix(created_at),
            utr=(rrn or f"{NAME}:{payment_id}")[:64],
        )
