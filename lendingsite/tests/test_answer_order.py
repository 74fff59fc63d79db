"""API answers in order (issue 11, item 9): 401, then 404 for what the caller may not see,
then 403, and only then the body's 400. Checked across every write endpoint the URL
resolver knows, so an endpoint added later is held to it too."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.permissions import AllowAny
from rest_framework.test import APIClient

from accounts.roles import AUDITOR, COLLECTOR
from accounts.tests.factories import staff
from collection.models import CollectionCase
from loans.tests.factories import ProductFactory, active_loan, draft_application
from repayments.tests.factories import next_utr

pytestmark = pytest.mark.django_db

WRITES = {"post", "put", "patch", "delete"}
# Writes a borrower makes on their own things: a 400 for an empty body is the right answer.
# Every other write must refuse a borrower before reading the body.
BORROWER_WRITES = (
    r"^me/",
    r"^applications/$",
    r"^applications/\{pk\}/(submit|withdraw|accept)/$",
    r"^applications/\{pk\}/$",  # PATCH: the borrower corrects their figures
    r"^loans/\{pk\}/(cooling-off-cancel|exit-requests)/$",
    r"^threads/",
    r"^mandates/$",  # the borrower registers an auto-debit on their own loan
    r"^mandates/\{pk\}/cancel/$",  # and cancels it
)
# Re-authentication checks the caller's own password and code: anyone signed in may send
# it, so reading its body is the first thing it does.
SELF_SERVICE = (r"^auth/reauth/$",)


def _routes(patterns=None, prefix=""):
    """(path template under /api/v1/, view class, {method: action}) for every API route."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            template = prefix + str(entry.pattern)
            if not template.startswith("api/v1/"):
                continue
            view = getattr(entry.callback, "cls", None)
            if view is None:
                continue
            actions = getattr(entry.callback, "actions", None) or {
                m: m for m in WRITES if hasattr(view, m)
            }
            yield _readable(template[len("api/v1/") :]), view, actions


def _readable(template: str) -> str:
    template = template.replace("^", "").replace("$", "").replace("\\.", ".")
    template = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", template)
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", template)


def write_routes():
    for template, view, actions in _routes():
        if any(isinstance(p, AllowAny) for p in (c() for c in view.permission_classes)):
            continue  # the anonymous endpoints (auth, quotes, webhooks) have no one to refuse
        if any(re.search(p, template) for p in SELF_SERVICE):
            continue
        for method in sorted(set(actions) & WRITES):
            yield template, method


@pytest.fixture
def world():
    """A borrower with a loan, an application and a payment of their own, so that object
    lookups succeed and only the permission can refuse."""
    loan = active_loan()
    owner = loan.borrower
    application = draft_application(borrower=owner)
    from repayments.services.payments import payment_post

    installment = loan.installments.order_by("number").first()
    payment = payment_post(
        acting_user=staff("finance"),
        loan=loan,
        amount=installment.total_due,
        paid_on=loan.disbursed_on,
        channel="neft",
        utr=next_utr(),
        business_date=loan.disbursed_on,
    )
    case = CollectionCase.objects.create(loan=loan, opened_on=loan.disbursed_on)
    product = ProductFactory()
    ids = {
        "loan": loan.pk,
        "application": application.pk,
        "payment": payment.pk,
        "case": case.pk,
        "product": product.code,
    }
    return owner, ids


def _path(template: str, ids: dict) -> str:
    kind = (
        "application"
        if template.startswith("applications/")
        else "payment"
        if template.startswith("payments/")
        else "case"
        if "cases/" in template
        else "loan"
    )
    path = template.replace("{pk}", str(ids[kind])).replace("{code}", str(ids["product"]))
    path = re.sub(r"\{\w+\}", str(ids["loan"]), path)
    return "/api/v1/" + path


def _bad_body(client, method, path):
    # A JSON array: every serializer refuses it with a 400, even one whose fields are all
    # optional, so a 400 here means the body was read before the caller was refused.
    return client.generic(
        method.upper(),
        path,
        "[]",
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=f"o-{method}-{path}",
    )


def test_there_are_write_endpoints_to_check():
    routes = list(write_routes())
    assert len(routes) >= 15
    assert ("loans/{pk}/disburse/", "post") in routes


def test_a_borrower_is_refused_before_the_body_is_read(world):
    owner, ids = world
    client = APIClient()
    client.force_authenticate(owner)
    wrong = {}
    for template, method in write_routes():
        if any(re.search(p, template) for p in BORROWER_WRITES):
            continue
        response = _bad_body(client, method, _path(template, ids))
        if response.status_code not in (403, 404):
            wrong[f"{method.upper()} {template}"] = (response.status_code, response.content[:120])
    assert wrong == {}


def test_disburse_by_the_borrower_is_403_not_disbursed_on_required(world):
    owner, ids = world
    client = APIClient()
    client.force_authenticate(owner)
    response = client.post(f"/api/v1/loans/{ids['loan']}/disburse/", {}, format="json")
    assert response.status_code == 403, response.content
    assert response.json()["code"] == "permission_denied"
    assert "disbursed_on" not in response.content.decode()


@pytest.mark.parametrize("role", [AUDITOR, COLLECTOR])
def test_staff_without_write_permissions_are_refused_before_the_body(world, role):
    _owner, ids = world
    client = APIClient()
    client.force_authenticate(staff(role))
    wrong = {}
    for template, method in write_routes():
        # A collector may write in the threads of their cases' loans; opening one names the
        # loan in the body, so the body is read to find the object (docs/messaging.md).
        if role == COLLECTOR and template == "threads/":
            continue
        response = _bad_body(client, method, _path(template, ids))
        # 410: a retired route answers "gone" to everyone, before any body is read.
        if response.status_code not in (403, 404, 410):
            wrong[f"{method.upper()} {template}"] = (response.status_code, response.content[:120])
    assert wrong == {}
