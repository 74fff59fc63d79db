"""The webhook-endpoint and API-key API, and calls made with an API key."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import AuditEvent
from accounts.roles import FINANCE
from accounts.tests.factories import staff
from integrations.models import ApiKey, WebhookDelivery, WebhookEndpoint
from integrations.services.apikeys import service_account_create
from integrations.services.deliveries import events_dispatch
from lendingsite.dates import today_ist
from loans.tests.factories import active_loan
from repayments.models import Payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(admin_user):
    client = APIClient()
    client.force_authenticate(admin_user)
    return client


@pytest.fixture
def service_account(admin_user):
    return service_account_create(
        acting_user=admin_user,
        email="svc-gateway@partner.example",
        full_name="Gateway",
        role=FINANCE,
    )


def _key(api, user, **extra) -> dict:
    answer = api.post("/api/v1/api-keys/", {"name": "gateway", "user": user.pk, **extra})
    assert answer.status_code == 201, answer.content
    return answer.json()


def test_register_an_endpoint_then_see_it_without_its_secret(api, receiver):
    answer = api.post(
        "/api/v1/webhook-endpoints/",
        {"url": receiver.url, "event_types": ["payment.posted", "loan.closed"]},
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["secret"].startswith("whsec_")
    assert body["event_types"] == ["loan.closed", "payment.posted"]
    shown = api.get(f"/api/v1/webhook-endpoints/{body['id']}/").json()
    assert "secret" not in shown


def test_unknown_event_types_and_non_admins_are_refused(api, receiver):
    answer = api.post(
        "/api/v1/webhook-endpoints/", {"url": receiver.url, "event_types": ["loan.exploded"]}
    )
    assert answer.status_code == 400
    assert "event_types" in answer.json()["errors"]
    officer = APIClient()
    officer.force_authenticate(staff(FINANCE))
    assert officer.get("/api/v1/webhook-endpoints/").status_code == 403
    assert officer.post("/api/v1/api-keys/", {}).status_code == 403


def test_a_private_url_is_refused_in_production(api, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    answer = api.post("/api/v1/webhook-endpoints/", {"url": "http://127.0.0.1:9/x"})
    assert answer.status_code == 400
    assert answer.json()["code"] == "validation_error"
    assert "loopback" in answer.json()["errors"]["url"][0]
    assert not WebhookEndpoint.objects.exists()


def test_delivery_log_replay_and_test_event(api, endpoint, receiver):
    sent = api.post(f"/api/v1/webhook-endpoints/{endpoint.pk}/test/")
    assert sent.status_code == 202
    events_dispatch()
    from integrations.services.deliveries import delivery_attempt

    delivery = WebhookDelivery.objects.get()
    delivery_attempt(delivery_id=delivery.pk)
    log = api.get(f"/api/v1/webhook-endpoints/{endpoint.pk}/deliveries/").json()
    (row,) = log["results"]
    assert row["event"] == sent.json()["event"]
    assert row["event_type"] == "endpoint.test"
    assert row["status"] == "succeeded" and row["last_status_code"] == 200
    detail = api.get(f"/api/v1/webhook-endpoints/{endpoint.pk}/deliveries/{delivery.pk}/").json()
    assert detail["log"][0]["request_headers"]["webhook-id"] == row["event"]
    again = api.post(f"/api/v1/webhook-endpoints/{endpoint.pk}/deliveries/{delivery.pk}/replay/")
    assert again.status_code == 202
    assert again.json()["event"] == row["event"] and again.json()["replay_of"] == delivery.pk
    # A range replay of failed deliveries finds none: the only one succeeded.
    since = (timezone.now() - timedelta(hours=1)).isoformat()
    ranged = api.post(f"/api/v1/webhook-endpoints/{endpoint.pk}/replay/", {"since": since})
    assert ranged.json() == {"queued": 0}
    ranged = api.post(
        f"/api/v1/webhook-endpoints/{endpoint.pk}/replay/", {"since": since, "only_failed": False}
    )
    assert ranged.json() == {"queued": 1}


def test_the_delivery_log_costs_the_same_queries_for_more_rows(api, endpoint):
    from integrations.outbox import event_write

    def page_queries():
        with CaptureQueriesContext(connection) as ctx:
            assert (
                api.get(f"/api/v1/webhook-endpoints/{endpoint.pk}/deliveries/").status_code == 200
            )
        return len(ctx)

    for _ in range(2):
        event_write(type="endpoint.test", data={}, business_date=today_ist(), loan_id=None)
    events_dispatch()
    few = page_queries()
    for _ in range(5):
        event_write(type="endpoint.test", data={}, business_date=today_ist(), loan_id=None)
    events_dispatch()
    assert page_queries() == few


def test_api_key_lifecycle(api, service_account, admin_user):
    created = _key(api, service_account)
    key = created["key"]
    assert key.startswith(f"lsk_{created['prefix']}_")
    # Hashed at rest: the key is nowhere in the table, its hash is.
    row = ApiKey.objects.get(pk=created["id"])
    assert key not in row.hashed_key and len(row.hashed_key) == 64
    assert api.get(f"/api/v1/api-keys/{row.pk}/").json().get("key") is None

    caller = APIClient()
    caller.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    me = caller.get("/api/v1/me/")
    assert me.status_code == 200 and me.json()["email"] == service_account.email
    row.refresh_from_db()
    assert row.last_used_at is not None

    # A wrong secret with the right prefix is refused.
    forged = APIClient()
    forged.credentials(HTTP_AUTHORIZATION=f"Api-Key lsk_{row.prefix}_{'x' * 43}")
    assert forged.get("/api/v1/me/").status_code == 401

    ApiKey.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert caller.get("/api/v1/me/").status_code == 401
    ApiKey.objects.filter(pk=row.pk).update(expires_at=None)
    assert caller.get("/api/v1/me/").status_code == 200

    revoked = api.post(f"/api/v1/api-keys/{row.pk}/revoke/")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert caller.get("/api/v1/me/").status_code == 401
    assert api.post(f"/api/v1/api-keys/{row.pk}/revoke/").status_code == 409
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"api_key.created", "api_key.revoked", "service_account.created"} <= actions
    assert not AuditEvent.objects.filter(after__icontains=key.split("_", 2)[2]).exists()


def test_keys_are_for_service_accounts_only(api, admin_user):
    person = staff(FINANCE)
    answer = api.post("/api/v1/api-keys/", {"name": "x", "user": person.pk})
    assert answer.status_code == 400 and "user" in answer.json()["errors"]
    past = (timezone.now() - timedelta(days=1)).isoformat()
    svc = service_account_create(
        acting_user=admin_user, email="svc2@partner.example", full_name="x", role=FINANCE
    )
    answer = api.post("/api/v1/api-keys/", {"name": "x", "user": svc.pk, "expires_at": past})
    assert answer.status_code == 400 and "expires_at" in answer.json()["errors"]


def test_a_payment_posted_with_a_key_is_idempotent_and_attributed(api, service_account):
    key = _key(api, service_account)
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=35))
    caller = APIClient()
    caller.credentials(HTTP_AUTHORIZATION=f"Api-Key {key['key']}")
    body = {
        "loan": loan.pk,
        "amount": "1000.00",
        "paid_on": today_ist().isoformat(),
        "channel": "upi",
        "utr": "UPI000000000001",
    }
    # An API client must send an Idempotency-Key on payments.
    assert caller.post("/api/v1/payments/", body, format="json").status_code == 400
    first = caller.post("/api/v1/payments/", body, format="json", HTTP_IDEMPOTENCY_KEY="pay-1")
    assert first.status_code == 201, first.content
    second = caller.post("/api/v1/payments/", body, format="json", HTTP_IDEMPOTENCY_KEY="pay-1")
    assert second.status_code == 201 and second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Payment.objects.filter(loan=loan).count() == 1
    posted = AuditEvent.objects.get(action="payment.posted", target_id=str(first.json()["id"]))
    assert posted.actor_id == service_account.pk
    assert posted.actor_repr == f"{service_account.email} (api key {key['prefix']})"
    assert Decimal(first.json()["amount"]) == Decimal("1000.00")
    assert date.fromisoformat(first.json()["paid_on"]) == today_ist()


def test_a_replayed_key_creation_does_not_show_the_key_again(admin_user, service_account):
    from rest_framework_simplejwt.tokens import AccessToken

    from lendingsite.models import IdempotencyRecord

    # A bearer token (not force_authenticate), so the idempotency middleware sees the caller.
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(admin_user)}")
    body = {"name": "gw", "user": service_account.pk}
    first = api.post("/api/v1/api-keys/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    key = first.json()["key"]
    assert key.startswith("lsk_")
    again = api.post("/api/v1/api-keys/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"] and again.json()["key"] == ""
    assert ApiKey.objects.count() == 1
    stored = b"".join(bytes(r.response_body) for r in IdempotencyRecord.objects.all())
    assert key.encode() not in stored
