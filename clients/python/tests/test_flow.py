"""The integrator's flow against a live server (scripts/sdk-test): quote → application →
submit → approval → KFS → acceptance → disbursement → a payment posted safely, through the
generated endpoints and the SDK's transport."""

import asyncio
import datetime
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import httpx
import pytest
from lendingsite_client import (
    AuthenticationError,
    Conflict,
    Lendingsite,
    NotFound,
    Tokens,
    Unprocessable,
    WebhookVerificationError,
    WebhookVerifier,
    iterate,
    pages,
)
from lendingsite_client.generated.api.applications import (
    applications_accept_create,
    applications_approve_create,
    applications_create,
    applications_kfs_retrieve,
    applications_submit_create,
)
from lendingsite_client.generated.api.loans import loans_disburse_create, loans_retrieve
from lendingsite_client.generated.api.me import me_retrieve
from lendingsite_client.generated.api.payments import payments_create, payments_list
from lendingsite_client.generated.api.products import products_list
from lendingsite_client.generated.api.quotes import quotes_create
from lendingsite_client.generated.models import (
    ApplicationCreateRequest,
    ApproveRequest,
    DisburseRequest,
    PaymentCreateRequest,
    QuoteRequest,
)

IST = ZoneInfo("Asia/Kolkata")


def today() -> datetime.date:
    return datetime.datetime.now(IST).date()


def test_anonymous_quote(base_url):
    with Lendingsite(base_url) as anonymous:
        quote = quotes_create.sync(
            client=anonymous.client,
            body=QuoteRequest(principal="100000.00", tenure=12, annual_rate="14.0000"),
        )
    assert len(quote.schedule) == 12
    assert sum(Decimal(row.principal) for row in quote.schedule) == Decimal("100000.00")
    assert Decimal(quote.total_payable) == Decimal("100000.00") + Decimal(quote.total_interest)


def test_anonymous_quote_with_asyncio(base_url):
    async def run():
        async with Lendingsite(base_url) as anonymous:
            return await quotes_create.asyncio(
                client=anonymous.client,
                body=QuoteRequest(principal="50000.00", tenure=6, annual_rate="12.0000"),
            )

    assert len(asyncio.run(run()).schedule) == 6


def test_refresh_on_a_dead_access_token_rotates_the_refresh_token(base_url, borrower):
    me = me_retrieve.sync(client=borrower.client)
    first = borrower.tokens
    # A token the server refuses (as an expired one): the SDK refreshes once and retries.
    borrower.auth.tokens = Tokens(access=first.access[:-4] + "AAAA", refresh=first.refresh)
    assert me_retrieve.sync(client=borrower.client).id == me.id
    assert borrower.tokens.refresh != first.refresh
    # The refresh token rotated: the old one is dead, so a session holding only it fails.
    stale = Lendingsite(base_url, tokens=Tokens(access="x.y.z", refresh=first.refresh))
    with stale, pytest.raises(AuthenticationError) as refused:
        me_retrieve.sync(client=stale.client)
    assert refused.value.code == "not_authenticated"


class LoseFirstAnswer(httpx.BaseTransport):
    """The server handles the first POST but its answer is lost on the way back (the
    connection drops), as a client sees a timeout after the server committed."""

    def __init__(self):
        self.inner = httpx.HTTPTransport()
        self.posts: list[str] = []

    def handle_request(self, request):
        response = self.inner.handle_request(request)
        if request.method == "POST" and request.url.path == "/api/v1/payments/":
            self.posts.append(request.headers["Idempotency-Key"])
            if len(self.posts) == 1:
                response.read()
                raise httpx.ReadError("connection reset", request=request)
        return response


def test_quote_to_payment(base_url, borrower, staff, webhook_inbox):
    # The borrower applies for a product they can see (pagination helper over the list).
    product = next(p for p in iterate(products_list.sync, client=borrower.client))
    amount = Decimal(product.min_amount).max(Decimal("50000.00"))
    application = applications_create.sync(
        client=borrower.client,
        body=ApplicationCreateRequest(
            product=product.code,
            amount=f"{amount:.2f}",
            tenure=max(product.min_tenure, 12),
            purpose="SDK test",
            monthly_income="150000.00",
            existing_emis="0.00",
        ),
    )
    assert application.status == "draft"
    submitted = applications_submit_create.sync(id=application.id, client=borrower.client)
    assert submitted.status in ("submitted", "under_review"), submitted

    # Approval by a credit manager (second factor + re-authentication in the fixture).
    approved = applications_approve_create.sync(
        id=application.id, client=staff["credit_manager"].client, body=ApproveRequest()
    )
    assert approved.status == "approved"

    kfs = applications_kfs_retrieve.sync(id=application.id, client=borrower.client)
    assert Decimal(kfs.apr) > 0
    accepted = applications_accept_create.sync(id=application.id, client=borrower.client)
    loan_id = accepted.loan

    finance = staff["finance"]
    disbursed = loans_disburse_create.sync(
        id=loan_id,
        client=finance.client,
        body=DisburseRequest(disbursed_on=today(), reference=f"SDK-{uuid.uuid4().hex[:12]}"),
    )
    assert disbursed.status == "active"

    # A payment with an Idempotency-Key; posting it again with the same key replays the
    # first answer: the same payment, not a second one.
    body = PaymentCreateRequest(
        loan=loan_id, amount="1000.00", paid_on=today(), channel="upi", utr=uuid.uuid4().hex[:16]
    )
    key = str(uuid.uuid4())
    payment = payments_create.sync(client=finance.client, body=body, idempotency_key=key)
    again = payments_create.sync(client=finance.client, body=body, idempotency_key=key)
    assert again.id == payment.id
    assert Decimal(payment.amount) == Decimal("1000.00")

    # The same key with a different body is refused with a typed error carrying the code.
    other = PaymentCreateRequest(
        loan=loan_id, amount="1001.00", paid_on=today(), channel="upi", utr=body.utr
    )
    with pytest.raises(Unprocessable) as reused:
        payments_create.sync(client=finance.client, body=other, idempotency_key=key)
    assert reused.value.code == "idempotency_key_reused"
    # A new key for the same UTR: the UTR rule refuses it.
    with pytest.raises(Conflict) as duplicate:
        payments_create.sync(client=finance.client, body=body)
    assert duplicate.value.code == "duplicate_utr"

    # The answer to a payment is lost; the SDK retries with the key it chose, the server
    # replays: one payment, not two.
    lossy = LoseFirstAnswer()
    email, password = "finance@demo.lendingsite.example", "demo-finance-2026"
    with Lendingsite(
        base_url, tokens=finance.tokens, inner_transport=lossy, email=email, password=password
    ) as flaky:
        lost = payments_create.sync(
            client=flaky.client,
            body=PaymentCreateRequest(
                loan=loan_id,
                amount="500.00",
                paid_on=today(),
                channel="neft",
                utr=uuid.uuid4().hex[:16],
            ),
        )
    assert len(lossy.posts) == 2 and lossy.posts[0] == lossy.posts[1]

    posted = list(iterate(payments_list.sync, client=finance.client, loan=loan_id, page_size=1))
    assert sorted(p.id for p in posted) == sorted([payment.id, lost.id])
    assert (
        len(list(pages(payments_list.sync, client=finance.client, loan=loan_id, page_size=1))) == 2
    )

    loan = loans_retrieve.sync(id=loan_id, client=borrower.client)
    assert loan.status == "active"
    assert Decimal(loan.principal_outstanding) < amount

    # The payment's webhook, sent by the server's worker to this suite's receiver, verifies
    # with the SDK's verifier and the secret shown at registration; a changed byte does not.
    body, headers = webhook_inbox.wait_for(
        lambda event: (
            event["type"] == "payment.posted" and event["data"]["payment"]["id"] == payment.id
        )
    )
    delivered = WebhookVerifier(webhook_inbox.secret).verify(body, headers)
    assert delivered["loan"] == loan_id
    assert delivered["data"]["payment"]["amount"] == "1000.00"
    assert delivered["id"] == {k.lower(): v for k, v in headers.items()}["webhook-id"]
    with pytest.raises(WebhookVerificationError):
        WebhookVerifier(webhook_inbox.secret).verify(body.replace(b"1000.00", b"9000.00"), headers)


def test_someone_elses_loan_is_not_found(base_url, borrower):
    with pytest.raises(NotFound) as missing:
        loans_retrieve.sync(id=987654321, client=borrower.client)
    assert missing.value.code == "not_found"
    assert missing.value.status == 404
