"""Gateway webhooks: signatures, timestamps, payload parsing, idempotency on the provider's
payment id, refusals, and posting through payment_post."""

import json
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import AuditEvent
from lendingsite.dates import today_ist
from loans.tests.factories import active_loan, pending_loan
from repayments.gateways import PayloadInvalid, SignatureInvalid, adapter_get, sandbox_sign
from repayments.gateways.base import hmac_sha256_hex
from repayments.gateways.razorpay import RazorpayGateway
from repayments.gateways.sandbox import SandboxGateway, sandbox_payload
from repayments.models import Channel, Payment, PaymentSource

SANDBOX_URL = "/api/v1/payments/webhooks/sandbox/"
RAZORPAY_URL = "/api/v1/payments/webhooks/razorpay/"
RAZORPAY_SECRET = "rzp-webhook-secret-for-tests"
NOW = datetime(2026, 4, 2, 6, 0, tzinfo=UTC)


def _headers(headers: dict) -> dict:
    return {k: v for k, v in headers.items() if k != "Content-Type"}


def _send(client, body: bytes, headers: dict, url: str = SANDBOX_URL):
    return client.post(url, data=body, content_type="application/json", headers=_headers(headers))


def _razorpay_event(
    *, loan_id, paise=123450, pay_id="pay_N1x2y3", rrn="", event="payment.captured", **entity
):
    payment = {
        "id": pay_id,
        "entity": "payment",
        "amount": paise,
        "currency": "INR",
        "status": "captured",
        "method": "upi",
        "notes": {"loan_id": str(loan_id)},
        "acquirer_data": {"rrn": rrn} if rrn else {},
        "created_at": int(time.time()),
        **entity,
    }
    body = {
        "entity": "event",
        "account_id": "acc_BFQ7uQEaa7j2z7",
        "event": event,
        "contains": ["payment"],
        "payload": {"payment": {"entity": payment}},
        "created_at": int(time.time()),
    }
    return json.dumps(body, separators=(",", ":")).encode()


# --- Adapters (no database) -----------------------------------------------------------


def test_sandbox_signature_over_timestamp_and_raw_body():
    adapter = SandboxGateway()
    body = b'{"id":"sbx_1","loan_id":1,"amount":"10.00","paid_at":"2026-04-02T10:00:00+05:30"}'
    stamp = int(NOW.timestamp())
    good = hmac_sha256_hex("s3cret", f"{stamp}.".encode() + body)
    headers = {"x-lendingsite-timestamp": str(stamp), "X-LENDINGSITE-SIGNATURE": good}
    adapter.verify(headers=headers, body=body, secrets=["s3cret"], now=NOW)  # no exception

    with pytest.raises(SignatureInvalid) as tampered:
        adapter.verify(
            headers=headers, body=body.replace(b"10.00", b"99.00"), secrets=["s3cret"], now=NOW
        )
    assert tampered.value.reason == "bad_signature"
    with pytest.raises(SignatureInvalid) as wrong_key:
        adapter.verify(headers=headers, body=body, secrets=["other"], now=NOW)
    assert wrong_key.value.reason == "bad_signature"
    # The timestamp is part of what is signed: moving it breaks the signature.
    moved = {**headers, "x-lendingsite-timestamp": str(stamp + 1)}
    with pytest.raises(SignatureInvalid) as restamped:
        adapter.verify(headers=moved, body=body, secrets=["s3cret"], now=NOW)
    assert restamped.value.reason == "bad_signature"


def test_sandbox_accepts_any_current_secret_while_rotating():
    adapter = SandboxGateway()
    body = b"{}"
    stamp = int(NOW.timestamp())
    signed_with_old = hmac_sha256_hex("old", f"{stamp}.".encode() + body)
    headers = {"X-Lendingsite-Timestamp": str(stamp), "X-Lendingsite-Signature": signed_with_old}
    adapter.verify(headers=headers, body=body, secrets=["new", "old"], now=NOW)
    with pytest.raises(SignatureInvalid):
        adapter.verify(headers=headers, body=body, secrets=["new"], now=NOW)


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({}, "missing_signature"),
        ({"X-Lendingsite-Signature": "ab" * 32}, "missing_signature"),
        ({"X-Lendingsite-Timestamp": "1775109600"}, "missing_signature"),
        (
            {"X-Lendingsite-Timestamp": "yesterday", "X-Lendingsite-Signature": "ab"},
            "bad_timestamp",
        ),
    ],
)
def test_sandbox_refuses_missing_headers(headers, reason):
    with pytest.raises(SignatureInvalid) as refused:
        SandboxGateway().verify(headers=headers, body=b"{}", secrets=["s"], now=NOW)
    assert refused.value.reason == reason


@pytest.mark.parametrize("offset", [-301, 301, -3600])
def test_sandbox_refuses_timestamps_outside_the_tolerance(settings, offset):
    settings.WEBHOOK_TOLERANCE_SECONDS = 300
    stamp = int(NOW.timestamp()) + offset
    body = b"{}"
    headers = {
        "X-Lendingsite-Timestamp": str(stamp),
        "X-Lendingsite-Signature": hmac_sha256_hex("s", f"{stamp}.".encode() + body),
    }
    with pytest.raises(SignatureInvalid) as refused:
        SandboxGateway().verify(headers=headers, body=body, secrets=["s"], now=NOW)
    assert refused.value.reason == "stale_timestamp"
    # The same delivery inside the window is fine.
    SandboxGateway().verify(
        headers=headers, body=body, secrets=["s"], now=NOW + timedelta(seconds=offset)
    )


def test_sandbox_parse_normalizes_the_notice():
    body = json.dumps(
        {
            "id": "sbx_42",
            "loan_id": 12,
            "amount": "1234.50",
            # 20:00 UTC on 1 April is 01:30 IST on 2 April: the IST date counts.
            "paid_at": "2026-04-01T20:00:00+00:00",
            "reference": "UPI612345678901",
        }
    ).encode()
    notice = SandboxGateway().parse(body)
    assert notice.provider == "sandbox"
    assert notice.provider_payment_id == "sbx_42"
    assert notice.loan_id == 12
    assert notice.amount == Decimal("1234.50")
    assert notice.paid_on == date(2026, 4, 2)
    assert notice.utr == "UPI612345678901"
    assert notice.channel == "gateway"
    without_reference = SandboxGateway().parse(body.replace(b"UPI612345678901", b""))
    assert without_reference.utr == "sandbox:sbx_42"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": 1234.5}, "amount"),  # floats are refused: money never goes through float
        ({"amount": "12.345"}, "amount"),
        ({"amount": "abc"}, "amount"),
        # What Decimal would read: "1e3" was ₹1,000.00.
        ({"amount": "1e3"}, "amount"),
        ({"amount": "1E3"}, "amount"),
        ({"amount": "NaN"}, "amount"),
        ({"amount": "Infinity"}, "amount"),
        ({"amount": "0x10"}, "amount"),
        ({"amount": "+10.00"}, "amount"),
        ({"amount": " 10.00"}, "amount"),
        ({"amount": "1 000"}, "amount"),
        ({"amount": "\uff11\uff10"}, "amount"),
        ({"amount": True}, "amount"),
        ({"amount": None}, "amount"),
        ({"loan_id": None}, "loan_id"),
        ({"loan_id": "twelve"}, "loan_id"),
        ({"paid_at": "2026-04-01T20:00:00"}, "paid_at"),  # no offset: which day is it?
        ({"paid_at": "soon"}, "paid_at"),
        ({"id": ""}, "id"),
    ],
)
def test_sandbox_parse_refuses_bad_fields(change, field):
    data = {"id": "sbx_1", "loan_id": 12, "amount": "10.00", "paid_at": "2026-04-01T10:00:00+05:30"}
    data.update(change)
    with pytest.raises(PayloadInvalid) as refused:
        SandboxGateway().parse(json.dumps(data).encode())
    assert field in refused.value.errors


def test_razorpay_signature_is_hmac_of_the_raw_body():
    adapter = RazorpayGateway()
    body = _razorpay_event(loan_id=7)
    signature = hmac_sha256_hex(RAZORPAY_SECRET, body)
    adapter.verify(
        headers={"x-razorpay-signature": signature}, body=body, secrets=[RAZORPAY_SECRET], now=NOW
    )
    # Re-serialised JSON (same data, other bytes) does not verify: the raw body is signed.
    reformatted = json.dumps(json.loads(body), indent=2).encode()
    with pytest.raises(SignatureInvalid) as refused:
        adapter.verify(
            headers={"X-Razorpay-Signature": signature},
            body=reformatted,
            secrets=[RAZORPAY_SECRET],
            now=NOW,
        )
    assert refused.value.reason == "bad_signature"
    with pytest.raises(SignatureInvalid) as missing:
        adapter.verify(headers={}, body=body, secrets=[RAZORPAY_SECRET], now=NOW)
    assert missing.value.reason == "missing_signature"


def test_razorpay_parse_converts_paise_and_uses_the_ist_date_and_rrn():
    created = int(datetime(2026, 4, 1, 19, 0, tzinfo=UTC).timestamp())  # 00:30 IST, 2 April
    body = _razorpay_event(loan_id=9, paise=1000001, rrn="412345678901", created_at=created)
    notice = RazorpayGateway().parse(body)
    assert notice.amount == Decimal("10000.01")
    assert notice.paid_on == date(2026, 4, 2)
    assert notice.loan_id == 9
    assert notice.provider_payment_id == "pay_N1x2y3"
    assert notice.utr == "412345678901"
    assert RazorpayGateway().parse(_razorpay_event(loan_id=9)).utr == "razorpay:pay_N1x2y3"


def test_razorpay_ignores_other_events_and_refuses_bad_payments():
    assert RazorpayGateway().parse(_razorpay_event(loan_id=9, event="payment.failed")) is None
    for entity, field in (
        ({"currency": "USD"}, "payload.payment.entity.currency"),
        ({"amount": 1234.5}, "payload.payment.entity.amount"),
        ({"amount": "123450"}, "payload.payment.entity.amount"),
        ({"notes": {}}, "payload.payment.entity.notes.loan_id"),
        ({"created_at": "yesterday"}, "payload.payment.entity.created_at"),
    ):
        with pytest.raises(PayloadInvalid) as refused:
            RazorpayGateway().parse(_razorpay_event(loan_id=9, **entity))
        assert field in refused.value.errors


def test_adapters_without_a_secret_are_unknown(settings):
    settings.PAYMENT_WEBHOOK_SECRETS = {"sandbox": "s"}
    assert adapter_get("sandbox") is not None
    assert adapter_get("razorpay") is None  # registered, but we could not verify it
    assert adapter_get("paypal") is None
    settings.PAYMENT_WEBHOOK_SECRETS = {"sandbox": "s", "razorpay": [RAZORPAY_SECRET]}
    assert isinstance(adapter_get("razorpay"), RazorpayGateway)


# --- The endpoint -----------------------------------------------------------------------


@pytest.fixture
def loan():
    return active_loan(disbursed_on=today_ist() - timedelta(days=40), tenure=6)


def _paid_at_today():
    return timezone.now()


def _rejections():
    return AuditEvent.objects.filter(action="webhook.rejected")


@pytest.mark.django_db
def test_signed_sandbox_delivery_posts_a_payment(loan):
    body = sandbox_payload(loan_id=loan.pk, amount="2500.00", payment_id="sbx_abc")
    # A real gateway has no session and no CSRF token: the signature is the only proof.
    response = _send(Client(enforce_csrf_checks=True), body, sandbox_sign(body))

    assert response.status_code == 201, response.content
    payment = Payment.objects.get()
    assert response.json() == {
        "status": "posted",
        "payment": payment.pk,
        "loan": loan.pk,
        "amount": "2500.00",
        "paid_on": today_ist().isoformat(),
        "utr": "SANDBOX:SBX_ABC",  # canonical form (lendingsite.utr)
    }
    assert payment.loan_id == loan.pk
    assert payment.amount == Decimal("2500.00")
    assert payment.paid_on == today_ist()
    assert payment.channel == Channel.GATEWAY
    assert payment.source == PaymentSource.WEBHOOK
    assert (payment.provider, payment.provider_payment_id) == ("sandbox", "sbx_abc")
    assert payment.received_by is None
    # Allocated like any payment: the first (overdue) installment got the money.
    first = loan.installments.order_by("number").first()
    assert first.interest_paid + first.principal_paid == Decimal("2500.00")
    assert not _rejections().exists()


@pytest.mark.django_db
def test_replayed_delivery_answers_the_existing_payment_and_posts_nothing(loan):
    body = sandbox_payload(loan_id=loan.pk, amount="2500.00", payment_id="sbx_replay")
    first = _send(APIClient(), body, sandbox_sign(body))
    assert first.status_code == 201
    # The gateway retries later: same body, newly signed.
    again = _send(APIClient(), body, sandbox_sign(body, int(time.time()) + 5))
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert again.json()["payment"] == first.json()["payment"]
    assert Payment.objects.count() == 1
    first_installment = loan.installments.order_by("number").first()
    assert first_installment.interest_paid + first_installment.principal_paid == Decimal("2500.00")


@pytest.mark.django_db
def test_a_racing_duplicate_that_slips_past_the_check_is_still_a_duplicate(loan, monkeypatch):
    from repayments import webhooks

    body = sandbox_payload(loan_id=loan.pk, amount="1000.00", payment_id="sbx_race")
    posted = webhooks.webhook_receive(provider="sandbox", headers=sandbox_sign(body), body=body)
    assert posted.result == "posted"

    # The second delivery's first look happens before the first delivery commits.
    real = webhooks._already_posted
    calls = []

    def first_look_misses(notice):
        calls.append(notice.provider_payment_id)
        return None if len(calls) == 1 else real(notice)

    monkeypatch.setattr(webhooks, "_already_posted", first_look_misses)
    outcome = webhooks.webhook_receive(provider="sandbox", headers=sandbox_sign(body), body=body)
    assert outcome.result == "duplicate"
    assert outcome.payment.pk == posted.payment.pk
    assert len(calls) == 2
    assert Payment.objects.count() == 1
    assert not AuditEvent.objects.filter(action="webhook.refused").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        ("body", "bad_signature"),
        ("no_signature", "missing_signature"),
        ("stale", "stale_timestamp"),
    ],
)
def test_unverifiable_delivery_is_401_audited_and_posts_nothing(loan, tamper, reason):
    body = sandbox_payload(loan_id=loan.pk, amount="2500.00", payment_id="sbx_forged")
    headers = sandbox_sign(body)
    if tamper == "body":
        body = body.replace(b"2500.00", b"9500.00")
    elif tamper == "no_signature":
        headers.pop("X-Lendingsite-Signature")
    else:
        headers = sandbox_sign(body, int(time.time()) - 301)

    response = _send(APIClient(), body, headers)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_authenticated"
    assert "HMAC-SHA256" in response["WWW-Authenticate"]
    assert not Payment.objects.exists()
    event = _rejections().get()
    assert event.outcome == "denied"
    assert event.actor_id is None
    assert event.target_id == "sandbox"
    assert event.after["provider"] == "sandbox"
    assert event.after["reason"] == reason
    assert event.request_id  # the request context reached the audit row


@pytest.mark.django_db
def test_unknown_or_unconfigured_provider_is_404(loan, settings):
    body = sandbox_payload(loan_id=loan.pk, amount="100.00")
    response = _send(APIClient(), body, sandbox_sign(body), url="/api/v1/payments/webhooks/paypal/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    # Razorpay is built in but has no secret here: we could not verify it, so it is unknown.
    assert "razorpay" not in settings.PAYMENT_WEBHOOK_SECRETS
    response = _send(APIClient(), body, {"X-Razorpay-Signature": "00"}, url=RAZORPAY_URL)
    assert response.status_code == 404
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_razorpay_payment_captured_posts_rupees_from_paise(loan, settings):
    settings.PAYMENT_WEBHOOK_SECRETS = {
        **settings.PAYMENT_WEBHOOK_SECRETS,
        "razorpay": RAZORPAY_SECRET,
    }
    body = _razorpay_event(loan_id=loan.pk, paise=350075, pay_id="pay_Q9", rrn="512345678901")
    headers = {"X-Razorpay-Signature": hmac_sha256_hex(RAZORPAY_SECRET, body)}

    response = _send(APIClient(), body, headers, url=RAZORPAY_URL)

    assert response.status_code == 201, response.content
    payment = Payment.objects.get()
    assert payment.amount == Decimal("3500.75")
    assert payment.utr == "512345678901"
    assert (payment.provider, payment.provider_payment_id) == ("razorpay", "pay_Q9")
    # Razorpay retries with the very same bytes and signature: a replay, not a new payment.
    again = _send(APIClient(), body, headers, url=RAZORPAY_URL)
    assert (again.status_code, again.json()["payment"]) == (200, payment.pk)
    assert Payment.objects.count() == 1
    # Events we do not act on are acknowledged so the gateway stops retrying them.
    failed = _razorpay_event(loan_id=loan.pk, event="payment.failed", pay_id="pay_F1")
    ignored = _send(
        APIClient(),
        failed,
        {"X-Razorpay-Signature": hmac_sha256_hex(RAZORPAY_SECRET, failed)},
        url=RAZORPAY_URL,
    )
    assert (ignored.status_code, ignored.json()) == (200, {"status": "ignored"})
    assert Payment.objects.count() == 1


@pytest.mark.django_db
def test_razorpay_signed_with_another_secret_is_rejected(loan, settings):
    settings.PAYMENT_WEBHOOK_SECRETS = {
        **settings.PAYMENT_WEBHOOK_SECRETS,
        "razorpay": RAZORPAY_SECRET,
    }
    body = _razorpay_event(loan_id=loan.pk)
    headers = {"X-Razorpay-Signature": hmac_sha256_hex("the-api-key-secret", body)}
    response = _send(APIClient(), body, headers, url=RAZORPAY_URL)
    assert response.status_code == 401
    assert _rejections().get().after == {
        "provider": "razorpay",
        "reason": "bad_signature",
        "detail": "The signature does not match the body.",
    }
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_refusals_from_payment_post_answer_their_problem_and_are_audited():
    not_active = pending_loan()
    body = sandbox_payload(loan_id=not_active.pk, amount="500.00", payment_id="sbx_pending")
    response = _send(APIClient(), body, sandbox_sign(body))
    assert response.status_code == 409
    assert response.json()["code"] == "loan_not_active"
    refused = AuditEvent.objects.get(action="webhook.refused")
    assert refused.outcome == "denied"
    assert refused.after["provider_payment_id"] == "sbx_pending"
    assert refused.after["code"] == "loan_not_active"
    assert not Payment.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("amount", "paid_at", "code", "status"),
    [
        ("0.50", None, "amount_out_of_range", 422),
        ("100000000.01", None, "amount_out_of_range", 422),
        ("500.00", timedelta(days=-10), "backdated", 422),
        ("500.00", timedelta(days=2), "future_dated", 422),
    ],
)
def test_payment_rules_apply_to_gateway_payments(loan, amount, paid_at, code, status):
    when = timezone.now() + paid_at if paid_at else None
    body = sandbox_payload(loan_id=loan.pk, amount=amount, paid_at=when)
    response = _send(APIClient(), body, sandbox_sign(body))
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_unreadable_notice_or_unknown_loan_is_400(loan):
    garbage = b"not json at all"
    response = _send(APIClient(), garbage, sandbox_sign(garbage))
    assert (response.status_code, response.json()["code"]) == (400, "validation_error")

    body = sandbox_payload(loan_id=loan.pk + 1000, amount="500.00", payment_id="sbx_nowhere")
    response = _send(APIClient(), body, sandbox_sign(body))
    assert response.status_code == 400
    assert response.json()["errors"] == {"loan_id": ["no such loan"]}
    assert AuditEvent.objects.filter(action="webhook.refused").count() == 2
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_sandbox_send_delivers_through_the_webhook_path(loan):
    from repayments.gateways import sandbox_send

    outcome = sandbox_send(loan_id=loan.pk, amount=Decimal("750.00"), payment_id="sbx_page")
    assert outcome.result == "posted"
    assert outcome.payment.utr == "SANDBOX:SBX_PAGE"
    assert outcome.payment.source == PaymentSource.WEBHOOK
    again = sandbox_send(loan_id=loan.pk, amount=Decimal("750.00"), payment_id="sbx_page")
    assert (again.result, again.payment.pk) == ("duplicate", outcome.payment.pk)
    assert Payment.objects.count() == 1


@pytest.mark.django_db
def test_webhook_endpoint_ignores_signed_in_users_and_their_permissions(loan):
    from accounts.roles import FINANCE
    from accounts.tests.factories import staff

    client = APIClient()
    client.force_authenticate(staff(FINANCE))
    body = sandbox_payload(loan_id=loan.pk, amount="500.00")
    response = client.post(SANDBOX_URL, data=body, content_type="application/json")
    assert response.status_code == 401  # a session is not a signature
    assert not Payment.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_deliveries_of_one_payment_post_it_once():
    import threading

    from django.db import connections

    from repayments.webhooks import webhook_receive

    loan = active_loan(disbursed_on=today_ist() - timedelta(days=40), tenure=6)
    body = sandbox_payload(loan_id=loan.pk, amount="1500.00", payment_id="sbx_concurrent")
    headers = sandbox_sign(body)
    start = threading.Barrier(4)
    results, errors = [], []

    def deliver():
        try:
            start.wait()
            results.append(webhook_receive(provider="sandbox", headers=headers, body=body))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert errors == []
    assert sorted(r.result for r in results) == ["duplicate", "duplicate", "duplicate", "posted"]
    payment = Payment.objects.get()
    assert {r.payment.pk for r in results} == {payment.pk}
    assert not AuditEvent.objects.filter(action="webhook.refused").exists()
