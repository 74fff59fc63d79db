"""A page address opened with the wrong method: a page saying so, not a blank 405."""

import pytest
from django.test import Client

from loans.models import Loan
from loans.tests.factories import active_loan


@pytest.mark.django_db
def test_opening_a_button_address_gets_a_page_that_says_so_and_changes_nothing():
    loan = active_loan()
    client = Client()
    client.force_login(loan.borrower)
    response = client.get(f"/loans/{loan.pk}/exit/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    body = response.content.decode()
    assert "This address is a button" in body
    assert "Nothing was changed" in body
    assert "Back to my loans" in body
    assert Loan.objects.get(pk=loan.pk).status == "active"
    assert not loan.exit_requests.exists()


def test_the_api_keeps_its_problem_answer_for_a_wrong_method():
    response = Client().put("/api/v1/quotes/", "{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
