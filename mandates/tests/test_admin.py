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
