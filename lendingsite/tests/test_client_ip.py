"""One client address (lendingsite.middleware.client_ip) for throttles, lockouts, audit rows
and logs, from PROXY_COUNT alone: a forwarded header the caller makes up never makes it a
new caller (issue 12, item 1)."""

import pytest
from axes.models import AccessAttempt
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from accounts.models import AuditEvent
from accounts.tests.factories import borrower
from lendingsite.throttling import ClientAddressMixin

pytestmark = pytest.mark.django_db

CLIENT, OTHER_CLIENT, PROXY = "203.0.113.10", "203.0.113.77", "10.0.0.2"
QUOTE = {"principal": "100000.00", "annual_rate": "12.0000", "tenure": 12}


def _spoofed(n: int) -> str:
    return f"198.51.100.{n % 250 + 1}"


def _quote(forwarded_for: str, remote=CLIENT):
    client = APIClient(REMOTE_ADDR=remote)
    return client.post(
        "/api/v1/quotes/", QUOTE, format="json", headers={"X-Forwarded-For": forwarded_for}
    )


def test_no_proxy_a_new_forwarded_for_on_every_request_is_still_one_caller(settings):
    settings.PROXY_COUNT = 0
    statuses = [_quote(_spoofed(n)).status_code for n in range(40)]

    # THROTTLE_QUOTES is 30/min: the made-up header buys nothing.
    assert statuses[:30] == [200] * 30
    assert statuses[30:] == [429] * 10
    # Another socket address is another caller.
    assert _quote(_spoofed(99), remote=OTHER_CLIENT).status_code == 200


def test_one_proxy_only_the_hop_it_appended_counts(settings):
    settings.PROXY_COUNT = 1
    # The client writes whatever it likes on the left; the proxy appends what it saw.
    statuses = [_quote(f"{_spoofed(n)}, {CLIENT}", remote=PROXY).status_code for n in range(31)]

    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
    # A different address seen by the proxy is a different caller.
    assert _quote(f"{_spoofed(1)}, {OTHER_CLIENT}", remote=PROXY).status_code == 200


def test_anonymous_auth_throttle_ignores_a_spoofed_forwarded_for(settings):
    settings.PROXY_COUNT = 0
    statuses = []
    for n in range(21):
        client = APIClient(REMOTE_ADDR=CLIENT)
        response = client.post(
            "/api/v1/auth/verify-email/",
            {"token": "forged"},
            format="json",
            headers={"X-Forwarded-For": _spoofed(n)},
        )
        statuses.append(response.status_code)

    assert statuses[:20] == [422] * 20  # the "auth" scope: 20/min per caller
    assert statuses[20] == 429


@pytest.mark.parametrize(
    ("proxy_count", "remote", "forwarded"),
    [(0, CLIENT, "{spoof}"), (1, PROXY, "{spoof}, " + CLIENT)],
)
def test_lockout_and_audit_rows_use_the_same_address(settings, proxy_count, remote, forwarded):
    settings.PROXY_COUNT = proxy_count
    user = borrower(user__email="asha@example.in")
    statuses = []
    for n in range(5):
        client = APIClient(REMOTE_ADDR=remote)
        response = client.post(
            "/api/v1/auth/token/",
            {"email": user.email, "password": f"wrong password {n}"},
            format="json",
            headers={"X-Forwarded-For": forwarded.format(spoof=_spoofed(n))},
        )
        statuses.append(response.status_code)

    # Five failures from one caller lock it, whatever it wrote in X-Forwarded-For.
    assert statuses == [401, 401, 401, 401, 429]
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT]
    failed = AuditEvent.objects.filter(action="auth.login_failed")
    assert failed.count() == 5
    assert set(failed.values_list("ip", flat=True)) == {CLIENT}


def _api_views(patterns=None):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from _api_views(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            view = getattr(entry.callback, "cls", None)
            if view is not None and hasattr(view, "throttle_classes"):
                yield view


def test_every_api_throttle_asks_client_ip():
    views = list(_api_views())
    assert len(views) > 15
    for view in views:
        for throttle in view().get_throttles():
            assert isinstance(throttle, ClientAddressMixin), (view, throttle)


def test_log_lines_carry_the_same_address(settings, rf):
    import structlog

    from lendingsite.apps import _bind_client_ip

    settings.PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR=CLIENT, headers={"X-Forwarded-For": _spoofed(3)})
    structlog.contextvars.clear_contextvars()
    _bind_client_ip(request=request, logger=None)

    assert structlog.contextvars.get_contextvars()["ip"] == CLIENT
    structlog.contextvars.clear_contextvars()
