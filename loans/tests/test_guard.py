"""The financial guard (lendingsite.guard) as a reusable mechanism: the function, the
serializer mixin other APIs put on their serializers, and the loans endpoint end to end."""

import pytest
from django.http import QueryDict
from rest_framework import serializers
from rest_framework.test import APIClient, APIRequestFactory

from accounts.models import AuditEvent
from accounts.roles import CREDIT_MANAGER, FINANCE
from accounts.tests.factories import staff
from lendingsite.errors import DomainError
from lendingsite.guard import (
    APPLICATION_PROTECTED_FIELDS,
    FINANCIAL_FIELDS,
    LOAN_PROTECTED_FIELDS,
    ProtectedFieldsMixin,
    protected_fields_refuse,
)
from loans.models import Loan, LoanApplication
from loans.tests.factories import active_loan, draft_application

pytestmark = pytest.mark.django_db


def test_the_named_financial_fields_are_all_protected_on_loans():
    assert (
        {
            "status",
            "dpd",
            "bucket",
            "principal",
            "annual_rate",
            "principal_outstanding",
            "total_outstanding",
            "schedule",
            "installments",
        }
        <= FINANCIAL_FIELDS
        <= LOAN_PROTECTED_FIELDS
    )
    assert "notes" not in LOAN_PROTECTED_FIELDS
    # Every Loan column but the notes is either protected or not writable at all.
    columns = {f.name for f in Loan._meta.concrete_fields} - {"notes", "created_at", "updated_at"}
    assert columns <= LOAN_PROTECTED_FIELDS


def test_nothing_protected_passes_silently():
    protected_fields_refuse(
        acting_user=staff(FINANCE),
        submitted=["notes", "purpose"],
        protected=LOAN_PROTECTED_FIELDS,
    )
    assert not AuditEvent.objects.filter(action="guard.denied").exists()


def test_a_protected_field_is_refused_and_recorded():
    loan = active_loan()
    actor = staff(FINANCE)
    with pytest.raises(DomainError) as exc:
        protected_fields_refuse(
            acting_user=actor,
            submitted=["notes", "dpd", "status"],
            protected=LOAN_PROTECTED_FIELDS,
            target=loan,
            channel="test",
        )
    assert exc.value.code == "protected_field" and exc.value.status == 403
    assert exc.value.errors == {"dpd": ["is protected"], "status": ["is protected"]}
    assert "Nothing was changed" in exc.value.detail
    event = AuditEvent.objects.get(action="guard.denied")
    assert event.outcome == "denied" and event.actor == actor
    assert (event.target_type, event.target_id) == ("loans.loan", str(loan.pk))
    assert event.after["fields"] == ["dpd", "status"] and event.after["channel"] == "test"


class ApplicationEditSerializer(ProtectedFieldsMixin, serializers.ModelSerializer):
    """What another API (applications) does with the mixin."""

    protected_fields = APPLICATION_PROTECTED_FIELDS

    class Meta:
        model = LoanApplication
        fields = ["purpose"]


def request_by(user):
    request = APIRequestFactory().patch("/api/v1/applications/1/")
    request.user = user
    return request


def test_the_serializer_mixin_guards_any_serializer():
    app = draft_application()
    officer = app.created_by
    ok = ApplicationEditSerializer(
        app, data={"purpose": "Wedding"}, partial=True, context={"request": request_by(officer)}
    )
    assert ok.is_valid(), ok.errors
    refused = ApplicationEditSerializer(
        app,
        data={"purpose": "Wedding", "offered_rate": "9.0000", "grade": "A"},
        partial=True,
        context={"request": request_by(officer)},
    )
    with pytest.raises(DomainError) as exc:
        refused.is_valid(raise_exception=True)
    assert exc.value.errors == {"grade": ["is protected"], "offered_rate": ["is protected"]}
    event = AuditEvent.objects.get(action="guard.denied")
    assert event.actor == officer
    assert (event.target_type, event.target_id) == ("loans.loanapplication", str(app.pk))
    assert LoanApplication.objects.get(pk=app.pk).grade == app.grade


def test_guard_on_create_names_the_model_and_reads_form_data():
    body = QueryDict(mutable=True)
    body.update({"purpose": "Car", "status": "approved"})
    serializer = ApplicationEditSerializer(
        data=body, context={"request": request_by(staff(CREDIT_MANAGER))}
    )
    with pytest.raises(DomainError):
        serializer.is_valid()
    event = AuditEvent.objects.get(action="guard.denied")
    assert event.target_type == "loans.loanapplication" and event.target_id == ""
    assert event.after["fields"] == ["status"]


def test_guard_runs_once_when_a_view_calls_it_early():
    app = draft_application()
    serializer = ApplicationEditSerializer(
        app, data={"purpose": "Travel"}, partial=True, context={"request": request_by(app.borrower)}
    )
    serializer.guard()
    assert serializer.is_valid()
    assert serializer.validated_data == {"purpose": "Travel"}


def test_api_refusal_records_who_what_and_from_where():
    loan = active_loan()
    officer = staff(CREDIT_MANAGER)
    client = APIClient()
    client.force_authenticate(officer)
    response = client.patch(
        f"/api/v1/loans/{loan.pk}/",
        {"notes": "ok", "bucket": "current", "total_outstanding": "0.00"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_USER_AGENT="partner-app/2.1",
        HTTP_X_REQUEST_ID="req-guard-1",
    )
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "protected_field" and body["title"] == "Protected field"
    assert body["errors"] == {"bucket": ["is protected"], "total_outstanding": ["is protected"]}
    event = AuditEvent.objects.get(action="guard.denied")
    assert event.actor == officer and event.outcome == "denied"
    assert event.ip == "203.0.113.9" and event.user_agent == "partner-app/2.1"
    assert event.request_id == "req-guard-1"
    assert event.after == {
        "fields": ["bucket", "total_outstanding"],
        "channel": "api",
        "method": "PATCH",
        "path": f"/api/v1/loans/{loan.pk}/",
    }
    assert Loan.objects.get(pk=loan.pk).notes == ""  # not even the allowed field
    assert not AuditEvent.objects.filter(action="loan.updated").exists()


def test_form_bodies_are_refused_before_any_write():
    loan = active_loan()
    client = APIClient()
    client.force_authenticate(staff(FINANCE))
    for fmt in ("multipart", None):
        kwargs = {"format": fmt} if fmt else {"content_type": "application/x-www-form-urlencoded"}
        body = {"status": "closed"} if fmt else "status=closed"
        response = client.patch(f"/api/v1/loans/{loan.pk}/", body, **kwargs)
        assert response.status_code == 415 and response.json()["code"] == "unsupported_media_type"
    assert Loan.objects.get(pk=loan.pk).status == "active"
