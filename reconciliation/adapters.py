"""Virtual-account adapters (docs/reconciliation.md), in the shape of the payment gateways'
(repayments.gateways): an adapter issues a loan's account and reads the bank's signed
credit notifications; it knows nothing about the database. Posting is
reconciliation.webhooks' job, through payment_post.

The sandbox bank issues deterministic numbers (reconciliation.rules) and signs its credit
notifications exactly like the sandbox payment gateway (same headers, same secret, same
timestamp tolerance), so one secret covers the sandbox's money rails.
"""

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings

from lendingsite.parsers import InvalidBody, json_loads_strict
from reconciliation import rules
from repayments.gateways.base import (
    PayloadInvalid,
    hmac_sha256_hex,
    ist_date,
    rupees,
    webhook_secrets,
)
from repayments.gateways.sandbox import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    SandboxGateway,
    signed_message,
)
from repayments.models import Channel


@dataclass(frozen=True)
class IssuedAccount:
    account_number: str
    ifsc: str
    vpa: str


@dataclass(frozen=True)
class CreditNotice:
    """A credit to one of our virtual accounts, in our terms (amount exact, paid_on the IST
    date, utr the bank's reference or "<provider>:<notice id>")."""

    provider: str
    notice_id: str
    account_number: str
    amount: Decimal
    paid_on: date
    utr: str
    channel: str


class VirtualAccountAdapter:
    name = ""

    def issue(self, *, loan_id: int) -> IssuedAccount:
        raise NotImplementedError

    def verify(
        self, *, headers: Mapping[str, str], body: bytes, secrets: list[str], now: datetime
    ) -> None:
        raise NotImplementedError

    def parse(self, body: bytes) -> CreditNotice:
        raise NotImplementedError

    def secrets(self) -> list[str]:
        raise NotImplementedError


MODES = {"upi": Channel.UPI, "neft": Channel.NEFT, "imps": Channel.IMPS, "rtgs": Channel.NEFT}


class SandboxVirtualAccounts(VirtualAccountAdapter):
    name = "sandbox"

    def issue(self, *, loan_id: int) -> IssuedAccount:
        number = rules.sandbox_account_number(loan_id)
        return IssuedAccount(
            account_number=number, ifsc=rules.SANDBOX_IFSC, vpa=rules.sandbox_vpa(number)
        )

    def secrets(self) -> list[str]:
        return webhook_secrets("sandbox")

    def verify(self, *, headers, body, secrets, now) -> None:
        SandboxGateway().verify(headers=headers, body=body, secrets=secrets, now=now)

    def parse(self, body: bytes) -> CreditNotice:
        try:
            data = json_loads_strict(body)
        except InvalidBody as exc:
            raise PayloadInvalid(str(exc.detail), errors=exc.problem_errors) from None
        except ValueError:
            raise PayloadInvalid("The body is not JSON.") from None
        if not isinstance(data, dict):
            raise PayloadInvalid("The body must be a JSON object.")
        notice_id = str(data.get("id") or "").strip()
        if not notice_id or len(notice_id) > 100:
            raise PayloadInvalid("The notice needs its id.", errors={"id": ["1-100 characters"]})
        account = str(data.get("virtual_account") or "").strip()
        if not account:
            raise PayloadInvalid(
                "Name the virtual account credited.", errors={"virtual_account": ["required"]}
            )
        try:
            paid_at = datetime.fromisoformat(str(data.get("paid_at") or ""))
        except ValueError:
            raise PayloadInvalid(
                "paid_at must be an ISO 8601 date-time with a time zone.",
                errors={"paid_at": ["ISO 8601 date-time with offset"]},
            ) from None
        mode = str(data.get("mode") or "neft").lower()
        if mode not in MODES:
            raise PayloadInvalid(
                f"Unknown mode {mode!r}.", errors={"mode": [f"one of {', '.join(MODES)}"]}
            )
        utr = str(data.get("utr") or "").strip()
        if len(utr) > 64:
            raise PayloadInvalid("The UTR is too long.", errors={"utr": ["max 64"]})
        return CreditNotice(
            provider=f"va-{self.name}",
            notice_id=notice_id,
            account_number=account,
            amount=rupees(data.get("amount"), field="amount"),
            paid_on=ist_date(paid_at),
            utr=utr or f"va-{self.name}:{notice_id}"[:64],
            channel=MODES[mode],
        )


_ADAPTERS: dict[str, VirtualAccountAdapter] = {a.name: a for a in (SandboxVirtualAccounts(),)}


def adapter_get(provider: str | None = None) -> VirtualAccountAdapter | None:
    """The adapter `provider` (default: settings.VIRTUAL_ACCOUNT_PROVIDER) when it exists and
    has a secret to verify its notifications with."""
    adapter = _ADAPTERS.get(provider or settings.VIRTUAL_ACCOUNT_PROVIDER)
    if adapter is None or not adapter.secrets():
        return None
    return adapter


def sandbox_credit_payload(
    *,
    account_number: str,
    amount: Decimal | str,
    paid_at: datetime,
    notice_id: str,
    utr: str = "",
    mode: str = "upi",
) -> bytes:
    body = {
        "id": notice_id,
        "virtual_account": account_number,
        "amount": str(amount),
        "paid_at": paid_at.isoformat(),
        "utr": utr,
        "mode": mode,
    }
    return json.dumps(body).encode()


def sandbox_credit_sign(body: bytes, timestamp: int | None = None) -> dict[str, str]:
    secrets = webhook_secrets("sandbox")
    if not secrets:
        raise RuntimeError("PAYMENT_WEBHOOK_SECRETS has no 'sandbox' secret")
    stamp = int(time.time()) if timestamp is None else int(timestamp)
    return {
        TIMESTAMP_HEADER: str(stamp),
        SIGNATURE_HEADER: hmac_sha256_hex(secrets[0], signed_message(body, stamp)),
    }
