"""Credit notifications to virtual accounts: POST /api/v1/virtual-accounts/webhooks/<provider>/
(docs/reconciliation.md). Same contract as the payment gateways' webhook
(docs/gateways.md): the signature over the raw bytes is the only authentication; a
rejected or refused delivery is audited and writes nothing else; the money is posted
through payment_post, idempotent on the bank's notice id and on the canonical UTR.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from lendingsite.errors import DomainError
from lendingsite.parsers import StrictJSONParser
from lendingsite.throttling import ScopedRateThrottle
from lendingsite.utr import utr_canonical
from reconciliation.adapters import CreditNotice, adapter_get
from reconciliation.models import VirtualAccount
from repayments.gateways import PayloadInvalid
from repayments.models import Payment, PaymentSource
from repayments.services.payments import payment_post
from repayments.webhooks import CHALLENGE, webhook_refusal_record, webhook_signature_verify


@dataclass(frozen=True)
class CreditOutcome:
    result: str  # "posted" or "duplicate"
    payment: Payment


def _already_posted(notice: CreditNotice) -> Payment | None:
    found = Payment.objects.filter(
        provider=notice.provider, provider_payment_id=notice.notice_id
    ).first()
    if found is None:
        try:
            found = Payment.objects.filter(utr_canonical=utr_canonical(notice.utr)).first()
        except DomainError:
            return None
    return found


def virtual_account_credit_receive(
    *,
    provider: str,
    headers,
    body: bytes,
    business_date: date | None = None,
    now: datetime | None = None,
) -> CreditOutcome:
    """Verify, parse and post one credit notification. DomainError: not_found (no such
    provider configured), not_authenticated (audited webhook.rejected), validation_error
    (unreadable, or an account that is not ours) or payment_post's refusal (audited
    webhook.refused)."""
    adapter = adapter_get(provider)
    label = f"va-{provider}"
    if adapter is None:
        raise DomainError(
            "not_found", f"No virtual-account provider named {provider!r} is configured."
        )
    webhook_signature_verify(
        adapter=adapter,
        provider=label,
        headers=headers,
        body=body,
        secrets=adapter.secrets(),
        now=now,
    )
    try:
        notice = adapter.parse(body)
    except PayloadInvalid as exc:
        error = DomainError("validation_error", exc.detail, errors=exc.errors)
        webhook_refusal_record(provider=label, provider_payment_id="", error=error)
        raise error from None
    existing = _already_posted(notice)
    if existing is not None:
        return CreditOutcome(result="duplicate", payment=existing)
    try:
        payment = _post(notice, business_date=business_date)
    except (DomainError, IntegrityError) as exc:
        existing = _already_posted(notice)  # a concurrent delivery of the same credit won
        if existing is not None:
            return CreditOutcome(result="duplicate", payment=existing)
        if isinstance(exc, IntegrityError):
            raise
        webhook_refusal_record(provider=label, provider_payment_id=notice.notice_id, error=exc)
        raise
    return CreditOutcome(result="posted", payment=payment)


def _post(notice: CreditNotice, *, business_date: date | None) -> Payment:
    account = (
        VirtualAccount.objects.select_related("loan")
        .filter(account_number=notice.account_number)
        .first()
    )
    if account is None:
        raise DomainError(
            "validation_error",
            f"Virtual account {notice.account_number} is not one of ours.",
            errors={"virtual_account": ["unknown account"]},
        )
    return payment_post(
        acting_user=None,
        loan=account.loan,
        amount=notice.amount,
        paid_on=notice.paid_on,
        channel=notice.channel,
        utr=notice.utr,
        source=PaymentSource.WEBHOOK,
        provider=notice.provider,
        provider_payment_id=notice.notice_id,
        business_date=business_date,
    )


class VirtualAccountWebhookView(APIView):
    """Signed credit notifications from the virtual-account bank. No session or JWT."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "webhooks"
    parser_classes = [StrictJSONParser]

    @extend_schema(
        operation_id="virtual_accounts_webhook",
        request=OpenApiTypes.OBJECT,
        responses={
            200: OpenApiResponse(description="a credit posted before (same notice id or UTR)"),
            201: OpenApiResponse(description="payment posted"),
            400: OpenApiResponse(description="problem+json: unreadable notice or unknown account"),
            401: OpenApiResponse(description="problem+json: bad signature or stale timestamp"),
            404: OpenApiResponse(description="problem+json: no such provider configured"),
            409: OpenApiResponse(description="problem+json: payment_post refused (409 codes)"),
            422: OpenApiResponse(description="problem+json: payment_post refused (422 codes)"),
        },
        auth=[],
    )
    def post(self, request, provider: str):
        """Receive one credit to a virtual account (docs/reconciliation.md)."""
        outcome = virtual_account_credit_receive(
            provider=provider, headers=request.headers, body=request.body
        )
        payment = outcome.payment
        body = {
            "status": outcome.result,
            "payment": payment.pk,
            "loan": payment.loan_id,
            "amount": f"{payment.amount:.2f}",
            "paid_on": payment.paid_on.isoformat(),
            "utr": payment.utr,
        }
        return Response(body, status=201 if outcome.result == "posted" else 200)

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if response is not None and response.status_code == 401:
            response["WWW-Authenticate"] = CHALLENGE
        return response


urlpatterns = [
    path(
        "virtual-accounts/webhooks/<slug:provider>/",
        VirtualAccountWebhookView.as_view(),
        name="virtual-account-webhook",
    ),
]
