"""Loan products in the officer console: saving goes through the product service (same
validation and audit as the API); refusals are form errors; others see products read-only."""

from decimal import Decimal

import pytest

from accounts.models import AuditEvent
from accounts.roles import CREDIT_MANAGER, LOAN_OFFICER
from accounts.tests.factories import staff
from loans.admin.products import FIELDSETS
from loans.models import LoanProduct
from loans.services.products import EDITABLE_FIELDS
from loans.tests.factories import ProductFactory
from loans.tests.test_products import terms

pytestmark = pytest.mark.django_db


def test_fieldsets_cover_every_editable_field():
    listed = []
    for _, options in FIELDSETS:
        for entry in options["fields"]:
            listed.extend(entry if isinstance(entry, tuple) else [entry])
    assert sorted(listed) == sorted(EDITABLE_FIELDS)


def _admin_form(**overrides) -> dict:
    product = LoanProduct(**terms())
    data = {name: getattr(product, name) for name in EDITABLE_FIELDS}
    data.update(overrides)
    return {k: ("on" if v is True else v) for k, v in data.items() if v is not False}


def test_credit_manager_adds_product_in_console_through_the_service(client):
    client.force_login(staff(CREDIT_MANAGER))
    assert client.get("/admin/loans/loanproduct/").status_code == 200
    response = client.post("/admin/loans/loanproduct/add/", _admin_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    product = LoanProduct.objects.get(code="gold-loan")
    assert AuditEvent.objects.get(action="product.created").target_id == str(product.pk)
    page = client.get("/admin/loans/loanproduct/").content.decode()
    assert "₹5,000.00 to ₹5,00,000.00" in page


def test_console_shows_service_errors_on_the_form(client):
    client.force_login(staff(CREDIT_MANAGER))
    response = client.post(
        "/admin/loans/loanproduct/add/", _admin_form(max_tenure=601, min_amount="900000")
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["max_tenure"] == ["The longest tenure we can schedule is 600 installments."]
    assert form.errors["max_amount"] == ["The maximum amount must be at least the minimum."]
    assert not LoanProduct.objects.exists()


def test_credit_manager_changes_product_in_console(client):
    product = ProductFactory(code="personal")
    client.force_login(staff(CREDIT_MANAGER))
    data = _admin_form(default_rate="18.0000")
    data.pop("code")
    data["name"] = product.name
    response = client.post(f"/admin/loans/loanproduct/{product.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    product.refresh_from_db()
    assert product.default_rate == Decimal("18.0000")
    assert product.code == "personal"
    assert "default_rate" in AuditEvent.objects.get(action="product.updated").after


def test_loan_officer_sees_products_read_only_in_console(client):
    product = ProductFactory(code="personal")
    client.force_login(staff(LOAN_OFFICER))
    assert client.get("/admin/loans/loanproduct/").status_code == 200
    assert client.get("/admin/loans/loanproduct/add/").status_code == 403
    response = client.post(
        f"/admin/loans/loanproduct/{product.pk}/change/", _admin_form(default_rate="20")
    )
    assert response.status_code == 403
    product.refresh_from_db()
    assert product.default_rate == Decimal("14.0000")
    assert client.post(f"/admin/loans/loanproduct/{product.pk}/delete/").status_code == 403
