"""No 500 for any input (issue 12, item 6): OPTIONS on every API route the URL resolver
knows, as an anonymous caller, a borrower and finance. `OPTIONS /loans/{id}/refund/` was a
500 (LoanPayoffViewSet had no serializer to describe)."""

import pytest
from rest_framework.test import APIClient

from accounts.roles import FINANCE
from accounts.tests.factories import staff
from lendingsite.tests.test_answer_order import _path, _routes, world  # noqa: F401

pytestmark = pytest.mark.django_db


def test_options_on_every_route_never_fails(world):  # noqa: F811
    owner, ids = world
    callers = {"anonymous": None, "borrower": owner, "finance": staff(FINANCE)}
    routes = list(_routes())
    assert len(routes) >= 40
    failures = {}
    for name, user in callers.items():
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        for template, _view, _actions in routes:
            response = client.options(_path(template, ids))
            if response.status_code >= 500:
                failures[f"{name} {template}"] = response.status_code
    assert failures == {}


def test_options_on_refund_describes_its_body(world):  # noqa: F811
    _owner, ids = world
    client = APIClient()
    client.force_authenticate(staff(FINANCE))
    response = client.options(f"/api/v1/loans/{ids['loan']}/refund/")
    assert response.status_code == 200
    assert set(response.json()["actions"]["POST"]) >= {"amount", "reference", "refunded_on"}
