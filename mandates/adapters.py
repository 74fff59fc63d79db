"""Mandate adapters: one provider's wire format each, nothing about loans (the same shape as
repayments.gateways). An adapter registers a mandate with the bank (`register` gives the
URL where the borrower approves it), verifies the provider's signed callbacks (`verify`) and
reads them into a `MandateNotice` (`parse`). The sandbox is our own scheme, signed like the
sandbox payment gateway's (docs/mandates.md)."""

import json
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.urls import reverse

from lendingsite.parsers import InvalidBody, json_loads_strict
from repayments.gateways.base import (
    PayloadInvalid,
    SignatureInvalid,
    header,
    hmac_sha256_hex,
    signature_matches,
)

EVENTS = ("mandate.approved", "mandate.rejected", "debit.succeeded", "debit.bounced")


@dataclass(frozen=True)
class MandateNotice:
    """`event` is one of EVENTS; `reference` names our mandate (mandate events) or our
    presentation (debit events); `umrn` comes with an approval, `reason_code` with a refusal."""

    adapter: str
    event_id: str
    event: str
    reference: str
    umrn: str = ""
    reason_code: str = ""


class MandateAdapter:
    name: str = ""

    def approval_url(self, mandate) -> str:
        raise NotImplementedError

    def verify(self, *, headers: Mapping[str, str], body: bytes, secrets: list[str], now: datetime):
        raise NotImplementedError

    def parse(self, body: bytes) -> MandateNotice:
        raise NotImplementedError


_REGISTRY: dict[str, MandateAdapter] = {}


def register(cls: type[MandateAdapter]) -> type[MandateAdapter]:
    if not cls.name or cls.name in _REGISTRY:
        raise ValueError(f"mandate adapter needs a unique name, got {cls.name!r}")
    _REGISTRY[cls.name] = cls()
    return cls


def mandate_secrets(name: str) -> list[str]:
    value = settings.MANDATE_WEBHOOK_SECRETS.get(name) or []
    secrets = [value] if isinstance(value, str) else list(value)
    return [s for s in secrets if s]


def adapter_get(name: str) -> MandateAdapter | None:
    """Registered AND configured with a secret: what we cannot verify is unknown."""
    adapter = _REGISTRY.get(name)
    return adapter if adapter is not None and mandate_secrets(name) else None


SANDBOX = "sandbox"
TIMESTAMP_HEADER = "X-Lendingsite-Timestamp"
SIGNATURE_HEADER = "X-Lendingsite-Signature"


def _signed(body: bytes, stamp) -> bytes:
    return f"{stamp}.".encode() + body


@register
class SandboxMandates(MandateAdapter):
    name = SANDBOX

    def approval_url(self, mandate) -> str:
        return reverse("borrower:mandate_sandbox_bank", args=[mandate.reference])

    def verify(self, *, headers, body, secrets, now):
        signature, stamp = header(headers, SIGNATURE_HEADER), header(headers, TIMESTAMP_HEADER)
        if not signature or not stamp:
            raise SignatureInvalid(
                "missing_signature",
                f"The {SIGNATURE_HEADER} and {TIMESTAMP_HEADER} headers are required.",
            )
        if not stamp.isdigit():
            raise SignatureInvalid("bad_timestamp", f"{TIMESTAMP_HEADER} must be unix seconds.")
        if abs(now.timestamp() - int(stamp)) > settings.WEBHOOK_TOLERANCE_SECONDS:
            raise SignatureInvalid("stale_timestamp", "The delivery's timestamp is too old.")
        if not signature_matches(signature, _signed(body, stamp), secrets):
            raise SignatureInvalid("bad_signature", "The signature does not match the body.")

    def parse(self, body: bytes) -> MandateNotice:
        try:
            data = json_loads_strict(body)
        except InvalidBody as exc:
            raise PayloadInvalid(str(exc.detail), errors=exc.problem_errors) from None
        except ValueError:
            raise PayloadInvalid("The body is not JSON.") from None
        if not isinstance(data, dict):
            raise PayloadInvalid("The body must be a JSON object.")
        event = str(data.get("event") or "")
        if event not in EVENTS:
            raise PayloadInvalid(
                f"Unknown event {event!r}.", errors={"event": [f"one of {', '.join(EVENTS)}"]}
            )
        values = {
            k: str(data.get(k) or "").strip() for k in ("id", "reference", "umrn", "reason_code")
        }
        if not values["id"] or not values["reference"]:
            raise PayloadInvalid(
                "The notice needs its id and our reference.",
                errors={"reference": ["required"], "id": ["required"]},
            )
        if event == "mandate.approved" and not values["umrn"]:
            raise PayloadInvalid("An approval carries the UMRN.", errors={"umrn": ["required"]})
        if event in ("mandate.rejected", "debit.bounced") and not values["reason_code"]:
            raise PayloadInvalid(
                "A refusal carries its reason code.", errors={"reason_code": ["required"]}
            )
        return MandateNotice(
            adapter=SANDBOX,
            event_id=values["id"][:100],
            event=event,
            reference=values["reference"][:40],
            umrn=values["umrn"][:20],
            reason_code=values["reason_code"][:10],
        )


def sandbox_body(*, event: str, reference: str, umrn: str = "", reason_code: str = "") -> bytes:
    return json.dumps(
        {
            "id": f"sbm_{uuid.uuid4().hex[:16]}",
            "event": event,
            "reference": reference,
            "umrn": umrn,
            "reason_code": reason_code,
        }
    ).encode()


def sandbox_sign(body: bytes, timestamp: int | None = None) -> dict[str, str]:
    secrets = mandate_secrets(SANDBOX)
    if not secrets:
        raise RuntimeError("MANDATE_WEBHOOK_SECRETS has no 'sandbox' secret")
    stamp = int(time.time()) if timestamp is None else int(timestamp)
    return {
        TIMESTAMP_HEADER: str(stamp),
        SIGNATURE_HEADER: hmac_sha256_hex(secrets[0], _signed(body, stamp)),
        "Content-Type": "application/json",
    }


def _reject_codes():
    from mandates.codes import REJECT_CODES

    return sorted(REJECT_CODES.items())


REJECT_CODES_FOR_PAGE = _reject_codes()
