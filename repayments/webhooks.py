"""Payment-gateway webhooks: POST /api/v1/payments/webhooks/<provider>/ (docs/gateways.md).

`webhook_receive` is the service: verify the signature, parse the notice, and post it
through `payment_post` like every other channel, idempotent on the provider's payment id.
It is deliberately not one transaction: `payment_post` is atomic on its own, and a rejected
or refused delivery must leave its audit event behind while nothing else is written.
The view only hands it the raw body and the headers and turns the outcome into an answer.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import structlog
from django.db import IntegrityError, transaction
from django.urls import path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from lendingsite.audit import AuditOutcome, audit_record
from lendingsite.errors import DomainError
from lendingsite.parsers import StrictJSONParser
from lendingsite.throttling import ScopedRateThrottle
from loans.models import Loan
from repayments.gateways import (
    PayloadInvalid,
    PaymentNotice,
    SignatureInvalid,
    adapter_get,
    webhook_secrets,
)
from repayments.models import Channel, Payment, PaymentSource
from repayments.services.payments import payment_post

log = structlog.get_logger(__name__)
CHALLENGE = 'HMAC-SHA256 realm="payment-webhooks"'


@dataclass(frozen=True)
class WebhookOutcome:
    """`result` is "posted" (a new payment), "duplicate" (this provider payment id was
    posted before; `payment` is that payment) or "ignored" (an event that moves no money)."""

    result: str
    payment: Payment | None = None
    notice: PaymentNotice | None = None


@transaction.atomic
def webhook_rejection_record(*, provider: str, reason: str, detail: str) -> None:
    """A delivery whose signature or timestamp did not hold: on record, nothing posted."""
    audit_record(
        action="webhook.rejected",
        target_type="gateway",
        target_id=provider,
        outcome=AuditOutcome.DENIED,
        after={"provider": provider, "reason": reason, "detail": detail},
    )


@transaction.atomic
def webhook_refusal_record(*, provider: str, provider_payment_id: str, error: DomainError) -> None:
    """A genuine delivery we could not post (unreadable, unknown loan, or payment_post said
    no; that refusal is also on record as payment_post's own denied event)."""
    audit_record(
        action="webhook.refused",
        target_type="gateway",
        target_id=provider,
        outcome=AuditOutcome.DENIED,
        after={
            "provider": provider,
            "provider_payment_id": provider_payment_id,
            "code": error.code,
            "detail": error.detail,
        },
    )


def webhook_signature_verify(
    *, adapter, provider: str, headers, body: bytes, secrets: list[str], now: datetime | None
) -> None:
    """The one check every signed money notification passes (gateways here, virtual-account
    credits in reconciliation.webhooks): the adapter's own scheme against `secrets`; a
    delivery that fails is audited `webhook.rejected` under `provider` and raised as
    DomainError not_authenticated, with nothing else written."""
    try:
        adapter.verify(headers=headers, body=body, secrets=secrets, now=now or timezone.now())
    except SignatureInvalid as exc:
        log.warning("webhook.rejected", provider=provider, reason=exc.reason)
        webhook_rejection_record(provider=provider, reason=exc.reason, detail=exc.detail)
        raise DomainError("not_authenticated", exc.detail) from None


def _already_posted(notice: PaymentNotice) -> Payment | None:
    return Payment.objects.filter(
        provider=notice.provider, provider_payment_id=notice.provider_payment_id
    ).first()


def webhook_receive(
    *,
    provider: str,
    headers,
    body: bytes,
    business_date: date | None = None,
    now: datetime | None = None,
) -> WebhookOutcome:
    """Verify, parse and post one delivery. Raises DomainError: not_found (no such gateway
    configured), not_authenticated (signature/timestamp; audited `webhook.rejected`),
    validation_error (unreadable notice or unknown loan) or whatever payment_post refuses
    with (both audited `webhook.refused`)."""
    adapter = adapter_get(provider)
    if adapter is None:
        raise DomainError("not_found", f"No payment gateway named {provider!r} is configured.")
    webhook_signature_verify(
        adapter=adapter,
        provider=provider,
        headers=headers,
        body=body,
        secrets=webhook_secrets(provider),
        now=now,
    )

    try:
        notice = adapter.parse(body)
    except PayloadInvalid as exc:
        error = DomainError("validation_error", exc.detail, errors=exc.errors)
        webhook_refusal_record(provider=provider, provider_payment_id="", error=error)
        raise error from None
    if notice is None:
        return WebhookOutcome(result="ignored")

    existing = _already_posted(notice)
    if existing is not None:
        return WebhookOutcome(result="duplicate", payment=existing, notice=notice)
    try:
        payment = _post(notice, business_date=business_date)
    except (DomainError, IntegrityError) as exc:
        # Two deliveries of one payment racing: the loser sees the winner's UTR or the
        # (provider, provider_payment_id) constraint; it is a replay, not a refusal.
        existing = _already_posted(notice)
        if existing is not None:
            return WebhookOutcome(result="duplicate", payment=existing, notice=notice)
        if isinstance(exc, IntegrityError):
            raise
        webhook_refusal_record(
            provider=provider, provider_payment_id=notice.provider_payment_id, error=exc
        )
        raise
    return WebhookOutcome(result="posted", payment=payment, notice=notice)


def _post(notice: PaymentNotice, *, business_date: date | None) -> Payment:
    loan = Loan.objects.filter(pk=notice.loan_id).first()
    if loan is None:
        raise DomainError(
            "validation_error",
            f"The notice names loan {notice.loan_id}, which does not exist.",
            errors={"loan_id": ["no such loan"]},
        )
    return payment_post(
        acting_user=None,
        loan=loan,
        amount=notice.amount,
        paid_on=notice.paid_on,
        channel=Channel.GATEWAY,
        utr=notice.utr,
        source=PaymentSource.WEBHOOK,
        provider=notice.provider,
        provider_payment_id=notice.provider_payment_id,
        business_date=business_date,
    )


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


class PaymentWebhookView(APIView):
    """Signed deliveries from payment gateways. No session or JWT: the signature is the
    authentication, so there is no CSRF either. Throttled per client address."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "webhooks"
    # For the schema only: the view reads request.body, never request.data.
    parser_classes = [StrictJSONParser]

    @extend_schema(
        operation_id="payments_webhook",
        request=OpenApiTypes.OBJECT,
        responses={
            200: OpenApiResponse(description="replay of a posted payment, or an ignored event"),
            201: OpenApiResponse(description="payment posted"),
            400: OpenApiResponse(description="problem+json: unreadable notice or unknown loan"),
            401: OpenApiResponse(description="problem+json: bad signature or stale timestamp"),
            404: OpenApiResponse(description="problem+json: no such gateway configured"),
            409: OpenApiResponse(description="problem+json: payment_post refused (409 codes)"),
            422: OpenApiResponse(description="problem+json: payment_post refused (422 codes)"),
        },
        auth=[],
    )
    def post(self, request, provider: str):
        """Receive one gateway notification (docs/gateways.md has every provider's scheme)."""
        # request.body, never request.data: the signature covers the exact bytes sent.
        outcome = webhook_receive(provider=provider, headers=request.headers, body=request.body)
        if outcome.result == "ignored":
            return Response({"status": "ignored"}, status=200)
        payment = outcome.payment
        body = {
            "status": outcome.result,
            "payment": payment.pk,
            "loan": payment.loan_id,
            "amount": _money(payment.amount),
            "paid_on": payment.paid_on.isoformat(),
            "utr": payment.utr,
        }
        return Response(body, status=201 if outcome.result == "posted" else 200)

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if response is not None and response.status_code == 401:
            # A 401 carries a challenge; ours names the scheme the gateway must use.
            response["WWW-Authenticate"] = CHALLENGE
        return response


urlpatterns = [
    path(
        "payments/webhooks/<slug:provider>/",
        PaymentWebhookView.as_view(),
        name="payment-webhook",
    ),
]
