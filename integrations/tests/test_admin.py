"""The console: register an endpoint (secret shown once), the delivery log with its
attempts, replay; an API key for a new service account, shown once."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integrations.models import ApiKey, WebhookDelivery, WebhookEndpoint
from integrations.outbox import event_write
from integrations.services.apikeys import key_hash
from integrations.services.deliveries import delivery_attempt, events_dispatch
from lendingsite.dates import today_ist

pytestmark = pytest.mark.django_db


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def console(client, admin_user):
    client.force_login(admin_user)
    return client


def test_register_an_endpoint_in_the_console(console, receiver):
    answer = console.post(
        reverse("admin:integrations_webhookendpoint_add"),
        {"url": receiver.url, "description": "CRM", "event_types": ["payment.posted"]},
        follow=True,
    )
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.event_types == ["payment.posted"]
    assert any(endpoint.secret in m for m in texts(answer))


def test_a_private_url_is_a_form_error_in_production(console, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    answer = console.post(
        reverse("admin:integrations_webhookendpoint_add"), {"url": "http://10.0.0.5/x"}
    )
    assert answer.status_code == 200
    assert "private" in answer.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_the_delivery_log_shows_attempts_and_replays(console, endpoint, receiver):
    receiver.statuses = [500, 200]
    for _ in range(3):
        event_write(type="endpoint.test", data={}, business_date=today_ist(), loan_id=None)
    events_dispatch()
    first = WebhookDelivery.objects.order_by("id").first()
    delivery_attempt(delivery_id=first.pk)
    url = reverse("admin:integrations_webhookdelivery_changelist")
    with CaptureQueriesContext(connection) as few:
        assert console.get(url).status_code == 200
    for _ in range(5):
        event_write(type="endpoint.test", data={}, business_date=today_ist(), loan_id=None)
    events_dispatch()
    with CaptureQueriesContext(connection) as more:
        page = console.get(url)
    assert len(more) == len(few)
    assert first.event.event_id in page.content.decode()
    detail = console.get(reverse("admin:integrations_webhookdelivery_change", args=[first.pk]))
    body = detail.content.decode()
    assert "webhook-signature" in body and "500" in body
    answer = console.post(url, {"action": "replay", "_selected_action": [first.pk]}, follow=True)
    assert any("Replays queued: 1" in m for m in texts(answer))
    assert WebhookDelivery.objects.filter(replay_of=first).count() == 1


def test_an_api_key_for_a_new_service_account_is_shown_once(console):
    answer = console.post(
        reverse("admin:integrations_apikey_add"),
        {
            "name": "gateway",
            "new_service_account_email": "svc@gw.example",
            "new_service_account_role": "finance",
        },
        follow=True,
    )
    row = ApiKey.objects.get()
    (shown,) = [m for m in texts(answer) if "lsk_" in m]
    key = shown.split("store it now): ")[1].split()[0]
    assert key_hash(key) == row.hashed_key
    assert row.user.email == "svc@gw.example" and not row.user.has_usable_password()
    assert row.user.roles == ["finance"]
    page = console.get(reverse("admin:integrations_apikey_change", args=[row.pk]))
    assert key not in page.content.decode()
