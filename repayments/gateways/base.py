"""The payment-gateway adapter interface and the registry of adapters (docs/gateways.md).

An adapter knows one provider's wire format and nothing about loans: it checks that a
delivery really comes from the provider (`verify`) and turns the provider's payload into a
normalized `PaymentNotice` (`parse`). Posting the money is repayments.webhooks' job, through
the same `payment_post` every other channel uses.
"""

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings

from lendingsite.money import AmountInvalid, amount_parse

IST = ZoneInfo("Asia/Kolkata")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class PaymentNotice:
    """What a gateway told us, in our terms. `amount` is in rupees (exact), `paid_on` is the
    IST business date of the provider's timestamp, `utr` is the bank reference when the
    provider gives one, else "<provider>:<provider_payment_id>"."""

    provider: str
    provider_payment_id: str
    loan_id: int
    amount: Decimal
    paid_on: date
    utr: str
    channel: str = "gateway"


class SignatureInvalid(Exception):
    """The delivery cannot be shown to come from the provider. `reason` is a short
    machine-readable word for the audit trail (missing_signature, bad_signature, ...)."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


class PayloadInvalid(Exception):
    """A genuine (signed) delivery we cannot read: `errors` maps field -> messages."""

    def __init__(self, detail: str, *, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or {}


class GatewayAdapter:
    """Subclass, set `name`, implement `verify` and `parse`, decorate with `@register`."""

    name: str = ""

    def verify(
        self, *, headers: Mapping[str, str], body: bytes, secrets: list[str], now: datetime
    ) -> None:
        """Raise SignatureInvalid unless `body` is signed by one of `secrets` (several
        while a secret is being rotated). Must compare in constant time."""
        raise NotImplementedError

    def parse(self, body: bytes) -> PaymentNotice | None:
        """The notice in a verified body; None for events that move no money for us (the
        webhook acknowledges them and does nothing). Raise PayloadInvalid when unreadable."""
        raise NotImplementedError


_REGISTRY: dict[str, GatewayAdapter] = {}


def register(cls: type[GatewayAdapter]) -> type[GatewayAdapter]:
    if not cls.name or cls.name in _REGISTRY:
        raise ValueError(f"gateway adapter needs a unique name, got {cls.name!r}")
    _REGISTRY[cls.name] = cls()
    return cls


def adapter_get(provider: str) -> GatewayAdapter | None:
    """The adapter for `provider` when it is registered AND has a webhook secret configured;
    a provider we cannot verify is as good as unknown."""
    adapter = _REGISTRY.get(provider)
    if adapter is None or not webhook_secrets(provider):
        return None
    return adapter


def webhook_secrets(provider: str) -> list[str]:
    """settings.PAYMENT_WEBHOOK_SECRETS maps provider -> secret, or a list of secrets while
    one is being rotated (the first signs outgoing test deliveries)."""
    value = settings.PAYMENT_WEBHOOK_SECRETS.get(provider) or []
    secrets = [value] if isinstance(value, str) else list(value)
    return [s for s in secrets if s]


# --- Helpers for adapters -------------------------------------------------------------


def hmac_sha256_hex(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_matches(received: str, message: bytes, secrets: list[str]) -> bool:
    """Constant-time comparison against every current secret (no early exit on the first
    mismatching secret either, so timing says nothing about which one is in use)."""
    received_bytes = received.strip().lower().encode()
    matched = False
    for secret in secrets:
        expected = hmac_sha256_hex(secret, message).encode()
        matched |= hmac.compare_digest(expected, received_bytes)
    return matched


def header(headers: Mapping[str, str], name: str) -> str:
    """Case-insensitive header lookup that works for plain dicts as well as request.headers."""
    lowered = name.lower()
    for key, value in headers.items():
        if key.lower() == lowered:
            return str(value)
    return ""


def ist_date(moment: datetime) -> date:
    if moment.tzinfo is None:
        raise PayloadInvalid("Timestamps must carry a time zone.", errors={"paid_at": ["naive"]})
    return moment.astimezone(IST).date()


def ist_date_from_unix(seconds: int) -> date:
    return datetime.fromtimestamp(seconds, tz=UTC).astimezone(IST).date()


def rupees(value, *, field: str) -> Decimal:
    """A rupee amount with at most two decimals, exactly as sent (never through float):
    a string of plain digits by lendingsite.money.amount_parse ("1e3" is refused, not read
    as ₹1,000), or a JSON integer. A leading "-" is read: payment_post's range rule refuses
    it with amount_out_of_range."""
    if isinstance(value, bool | float):
        raise PayloadInvalid(
            "Send amounts as strings, never as floating-point numbers.",
            errors={field: ['must be a string like "1234.50"']},
        )
    if isinstance(value, int):
        value = str(value)
    try:
        return amount_parse(value, signed=True)
    except AmountInvalid as exc:
        if exc.kind == "places":
            raise PayloadInvalid(
                "The amount must have at most two decimals.",
                errors={field: ["at most 2 decimals"]},
            ) from None
        raise PayloadInvalid(
            'The amount is not a number written as digits, like "1500.00".',
            errors={field: ["not a number"]},
        ) from None


def paise_to_rupees(value, *, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PayloadInvalid(
            "The amount must be a whole number of paise.", errors={field: ["integer paise"]}
        )
    return (Decimal(value) / 100).quantize(CENT)


def loan_id_from(value, *, field: str) -> int:
    if isinstance(value, bool):
        value = None
    try:
        loan_id = int(str(value))
    except (TypeError, ValueError):
        raise PayloadInvalid(
            "The notice does not name a loan.", errors={field: ["a loan id is required"]}
        ) from None
    if loan_id <= 0:
        raise PayloadInvalid("The loan id must be positive.", errors={field: ["must be positive"]})
    return loan_id
