"""The bureau API (API.md: GET/POST /api/v1/bureau-exports/) and its console pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.roles import FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from bureau.models import BureauExport
from lendingsite.dates import today_ist
from loans.tests.factories import active_loan, kyc_verified_borrower

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_write_list_and_download_a_file():
    as_of = today_ist() - timedelta(days=1)
    active_loan(disbursed_on=as_of - timedelta(days=40), borrower=kyc_verified_borrower(pan=""))
    finance = staff(FINANCE)
    made = client_for(finance).post(
        "/api/v1/bureau-exports/",
        {"as_of": as_of.isoformat(), "frequency": "weekly"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="b-1",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["records"], body["excluded"]) == (0, 1)
    assert [i["field"] for i in body["issues"]] == ["pan"]
    file = client_for(finance).get(f"/api/v1/bureau-exports/{body['id']}/file/")
    assert file.status_code == 200 and file.content.decode().startswith("TUDF12")
    officer = client_for(staff(LOAN_OFFICER))
    assert officer.get("/api/v1/bureau-exports/").json()["results"][0]["id"] == body["id"]
    refused = officer.post(
        "/api/v1/bureau-exports/",
        {"as_of": as_of.isoformat()},
        format="json",
        HTTP_IDEMPOTENCY_KEY="b-2",
    )
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    future = client_for(finance).post(
        "/api/v1/bureau-exports/",
        {"as_of": (today_ist() + timedelta(days=2)).isoformat()},
        format="json",
        HTTP_IDEMPOTENCY_KEY="b-3",
    )
    assert future.status_code == 422 and future.json()["code"] == "future_dated"
    ancient = client_for(finance).post(
        "/api/v1/bureau-exports/",
        {"as_of": "0387-03-31"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="b-4",
    )
    assert ancient.status_code == 400 and ancient.json()["errors"] == {"as_of": ["too early"]}
    assert BureauExport.objects.filter(as_of__year__lt=2000).count() == 0


def test_console_pages(client):
    finance = staff(FINANCE)
    client.force_login(finance)
    made = client.post(
        reverse("admin:bureau_bureauexport_write"),
        {"as_of": (today_ist() - timedelta(days=1)).isoformat(), "frequency": "monthly"},
    )
    assert made.status_code == 302
    assert client.get(made["Location"]).status_code == 200
    assert client.get(reverse("admin:bureau_bureauexport_changelist")).status_code == 200
    assert client.get(reverse("admin:bureau_bureauissue_changelist")).status_code == 200
