"""The console pages of the mandates app answer and the actions go through the services."""

import pytest
from django.test import Client

from accounts.roles import LOAN_OFFICER
from accounts.tests.factories import staff
from mandates.models import MandateStatus
from mandates.tests.factories import active_mandate

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_officer_pauses_from_the_list_and_pages_answer(django_assert_max_num_queries):
    mandate = active_mandate()
    client = _client(staff(LOAN_OFFICER))
    for url in (
        "/admin/mandates/mandate/",
        "/admin/mandates/presentationbatch/",
        "/admin/mandates/presentation/",
    ):
        with django_assert_max_num_queries(25):
            assert client.get(url).status_code == 200
    answer = client.post(
        "/admin/mandates/mandate/",
        {"action": "pause_moratorium", "_selected_action": [mandate.pk]},
    )
    assert answer.status_code == 302
    mandate.refresh_from_db()
    assert (mandate.status, mandate.reason_code) == (MandateStatus.PAUSED, "moratorium")


def test_finance_loads_a_response_file_and_others_cannot():
    from datetime import date, timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.roles import FINANCE
    from loans.tests.factories import active_loan
    from mandates.models import Presentation, PresentationStatus
    from mandates.services import presentations_run

    loan = active_loan(disbursed_on=date(2026, 1, 10))
    active_mandate(loan)
    due = loan.installments.order_by("number").first().due_date
    presentations_run(business_date=due - timedelta(days=1))
    p = Presentation.objects.get()
    url = "/admin/mandates/presentationbatch/results/"
    assert _client(staff(LOAN_OFFICER)).get(url).status_code == 403
    finance = _client(staff(FINANCE))
    assert finance.get(url).status_code == 200
    content = f"reference,status,reason_code\n{p.reference},bounce,04\n".encode()
    answer = finance.post(
        url, {"adapter": "sandbox", "file": SimpleUploadedFile("r.csv", content, "text/csv")}
    )
    assert answer.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.reason_code) == (PresentationStatus.BOUNCED, "04")
