"""lendingsite.routes: middleware asks what a URL names without walking the URLconf more
than it must (the handler walks it again for every request)."""

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import staff
from lendingsite import routes

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolves(monkeypatch):
    calls = []
    real = routes.resolve

    def counted(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(routes, "resolve", counted)
    return calls


def test_a_read_without_blank_parameters_resolves_nothing_before_the_view(resolves):
    client = APIClient()
    client.force_authenticate(staff("finance"))
    assert client.get("/api/v1/loans/?page=1").status_code == 200
    assert resolves == []


def test_a_blank_parameter_is_refused_once_the_route_is_known(resolves):
    client = APIClient()
    client.force_authenticate(staff("finance"))
    response = client.get("/api/v1/loans/?bucket=")
    assert response.status_code == 400 and "bucket" in response.json()["errors"]
    assert resolves == ["/api/v1/loans/"]
    # An unknown route answers 404 as it would without the blank.
    assert client.get("/api/v1/no-such-thing/?bucket=").status_code == 404


def test_a_keyed_post_resolves_its_route_once_for_every_middleware_question(resolves):
    client = APIClient()  # anonymous: the key check asks both route questions
    body = {"principal": "100000.00", "annual_rate": "12.0000", "tenure": 12}
    response = client.post("/api/v1/quotes/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert response.status_code == 200
    assert resolves == ["/api/v1/quotes/"]
