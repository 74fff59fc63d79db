"""What the reconciliation API tests share: an authenticated client, an idempotent POST, a
statement upload, and a signed (or deliberately unsigned) virtual-account credit."""

import itertools
from datetime import UTC, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from reconciliation.adapters import sandbox_credit_payload, sandbox_credit_sign

WEBHOOK = "/api/v1/virtual-accounts/webhooks/sandbox/"
HEADER = "Txn Date,Value Date,Description,Ref No./Cheque No.,Debit,Credit,Balance\n"
_keys = itertools.count(1)


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def post(client, path, body=None, fmt="json"):
    return client.post(path, body or {}, format=fmt, HTTP_IDEMPOTENCY_KEY=f"recon-{next(_keys)}")


def upload(user, content: bytes, name: str = "statement.csv"):
    file = SimpleUploadedFile(name, content, content_type="text/csv")
    return post(client_for(user), "/api/v1/bank-statements/", {"file": file}, fmt="multipart")


def credit(loan, *, notice_id="vac_1", utr="412300000001", amount="1500.00") -> bytes:
    """The body of a sandbox credit to `loan`'s virtual account, paid an hour ago."""
    return sandbox_credit_payload(
        account_number=loan.virtual_account.account_number,
        amount=amount,
        paid_at=datetime.now(UTC) - timedelta(hours=1),
        notice_id=notice_id,
        utr=utr,
    )


def deliver(client, body, headers=None):
    """POST `body` to the credit webhook, signed for itself unless `headers` are given."""
    headers = sandbox_credit_sign(body) if headers is None else headers
    return client.post(WEBHOOK, data=body, content_type="application/json", headers=headers)
