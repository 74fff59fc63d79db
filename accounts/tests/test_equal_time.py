"""Equal-time answers for "resend the link" and "reset my password" (issue 12, item 7):
a known and an unknown address take the same path on the request (the same queries, one
audit row, one queued task); whether an email goes out is decided by the worker. Timing
itself is measured by bench/auth_timing.py, never asserted here."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts import tasks
from accounts.models import AuditEvent, EmailToken
from accounts.services import auth
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
KNOWN, UNKNOWN = "asha@example.in", "nobody@example.in"


def _shape(queries) -> list[tuple[str, str]]:
    """What each statement does to which table, without the values."""
    shape = []
    for query in queries:
        sql = query["sql"]
        verb = sql.split(None, 1)[0].upper()
        table = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', sql, re.I)
        shape.append((verb, table.group(1) if table else ""))
    return shape


def _request_path(service, address, monkeypatch, django_capture_on_commit_callbacks):
    queued = []
    monkeypatch.setattr(tasks.email_link_deliver, "delay", lambda *a: queued.append(a))
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        CaptureQueriesContext(connection) as queries,
    ):
        service(email=address)
    return _shape(queries.captured_queries), len(callbacks), queued


@pytest.mark.parametrize(
    ("service", "kind", "needs"),
    [
        (auth.password_reset_request, "reset", {}),
        (auth.email_verification_resend, "verify", {"email_verified_at": None}),
    ],
)
def test_known_and_unknown_addresses_take_the_same_path(
    service, kind, needs, monkeypatch, django_capture_on_commit_callbacks
):
    UserFactory(email=KNOWN, **needs)

    known = _request_path(service, KNOWN, monkeypatch, django_capture_on_commit_callbacks)
    unknown = _request_path(service, UNKNOWN, monkeypatch, django_capture_on_commit_callbacks)

    known_shape, known_callbacks, known_queued = known
    unknown_shape, unknown_callbacks, unknown_queued = unknown
    assert known_shape == unknown_shape
    # After the commit: the queued task, and the read cache's token (lendingsite.readcache:
    # the known borrower's, a placeholder for the unknown address, the same work).
    assert known_callbacks == unknown_callbacks == 2
    assert known_queued == [(kind, KNOWN)] and unknown_queued == [(kind, UNKNOWN)]
    # Nothing was issued or sent on the request itself, for either; each is on record.
    assert not EmailToken.objects.exists() and mail.outbox == []
    action = (
        "auth.password_reset_requested" if kind == "reset" else "auth.verification_email_resent"
    )
    assert AuditEvent.objects.filter(action=action).count() == 2


@pytest.mark.parametrize(
    ("kind", "subject", "needs"),
    [
        ("reset", "Reset your Lendingsite password", {}),
        ("verify", "Confirm your email address for Lendingsite", {"email_verified_at": None}),
    ],
)
def test_the_worker_sends_only_to_an_account_that_needs_it(
    kind, subject, needs, django_capture_on_commit_callbacks
):
    UserFactory(email=KNOWN, **needs)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.email_link_deliver(kind, KNOWN) is True
        assert tasks.email_link_deliver(kind, UNKNOWN) is False
    assert [m.to for m in mail.outbox] == [[KNOWN]]
    assert mail.outbox[0].subject == subject
    assert EmailToken.objects.count() == 1


def test_a_verified_address_gets_no_new_verification_link(django_capture_on_commit_callbacks):
    UserFactory(email=KNOWN)  # verified
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.email_link_deliver("verify", KNOWN) is False
    assert mail.outbox == []


@pytest.mark.parametrize("path", ["auth/password-reset/", "auth/verify-email/resend/"])
def test_the_api_answers_alike_and_the_email_still_arrives(
    path, django_capture_on_commit_callbacks
):
    UserFactory(email=KNOWN, email_verified_at=None)
    client = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(f"/api/v1/{path}", {"email": KNOWN}, format="json")
        unknown = client.post(f"/api/v1/{path}", {"email": UNKNOWN}, format="json")
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    assert known.status_code == 202
    assert [m.to for m in mail.outbox] == [[KNOWN]]
