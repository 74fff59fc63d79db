"""Loan products: the service (permissions, validation in plain words, audit), the API
(GET/POST/PATCH /api/v1/products/) and the officer console."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from accounts.models import AuditEvent
from accounts.roles import AUDITOR, CREDIT_MANAGER, LOAN_OFFICER
from accounts.tests.factories import borrower, staff
from lendingsite.errors import DomainError
from loans.models import Loan, LoanProduct
from loans.services.products import EDITABLE_FIELDS, product_create, product_update
from loans.tests.factories import ProductFactory, active_loan

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
# The caller's permissions (user + group: 2), the page count and the page itself: however
# many products there are.
LIST_QUERIES = 4


def terms(**overrides) -> dict:
    """A valid new product's terms (only the fields without a model default, plus code)."""
    return {
        "code": "gold-loan",
        "name": "Gold loan",
        "min_amount": Decimal("5000.00"),
        "max_amount": Decimal("500000.00"),
        "min_tenure": 3,
        "max_tenure": 36,
        "min_rate": Decimal("9.0000"),
        "max_rate": Decimal("18.0000"),
        "default_rate": Decimal("12.0000"),
        **overrides,
    }


def superuser():
    return get_user_model().objects.create_superuser(email="root@example.in", password="x" * 16)


# --- Service: create ------------------------------------------------------------------


def test_credit_manager_creates_product_and_it_is_audited():
    manager = staff(CREDIT_MANAGER)
    product = product_create(acting_user=manager, **terms(processing_fee_percent=Decimal("1.5")))

    stored = LoanProduct.objects.get(code="gold-loan")
    assert stored.pk == product.pk
    assert stored.processing_fee_percent == Decimal("1.5000")
    assert stored.interest_method == "declining"  # model default
    event = AuditEvent.objects.get(action="product.created")
    assert event.actor == manager
    assert event.outcome == "success"
    assert event.target_id == str(product.pk)
    assert event.after["code"] == "gold-loan"
    assert event.after["max_amount"] == "500000.00"


def test_superuser_creates_product():
    product = product_create(acting_user=superuser(), **terms())
    assert LoanProduct.objects.filter(pk=product.pk).exists()


@pytest.mark.parametrize("role", [None, LOAN_OFFICER, AUDITOR])
def test_only_credit_managers_create_products(role):
    user = borrower() if role is None else staff(role)
    with pytest.raises(DomainError) as refused:
        product_create(acting_user=user, **terms())
    assert refused.value.code == "permission_denied"
    assert not LoanProduct.objects.filter(code="gold-loan").exists()
    denied = AuditEvent.objects.get(action="product.create_refused")
    assert denied.outcome == "denied"
    assert denied.actor == user


BAD_LIMITS = [
    (
        {"min_amount": Decimal("50000"), "max_amount": Decimal("10000")},
        "max_amount",
        "The maximum amount must be at least the minimum.",
    ),
    (
        {"min_tenure": 24, "max_tenure": 12},
        "max_tenure",
        "The maximum tenure must be at least the minimum.",
    ),
    (
        {"min_rate": Decimal("20"), "max_rate": Decimal("10"), "default_rate": Decimal("15")},
        "max_rate",
        "The maximum rate must be at least the minimum.",
    ),
    (
        {"default_rate": Decimal("20")},
        "default_rate",
        "The default rate must lie inside the rate range.",
    ),
    (
        {"default_rate": Decimal("8")},
        "default_rate",
        "The default rate must lie inside the rate range.",
    ),
    (
        {"grace_on_principal": 3},
        "grace_on_principal",
        "Grace periods must be fewer than the minimum tenure.",
    ),
    (
        {"kfs_validity_working_days": 2},
        "kfs_validity_working_days",
        "RBI requires at least 3 working days.",
    ),
    ({"min_amount": Decimal("0.50")}, "min_amount", "Must be at least 1.00."),
    ({"min_tenure": 0}, "min_tenure", "Must be at least 1."),
    ({"max_tenure": 601}, "max_tenure", "The longest tenure we can schedule is 600 installments."),
    (
        {"max_rate": Decimal("120"), "default_rate": Decimal("12")},
        "max_rate",
        "The rate cannot be more than 100% a year.",
    ),
    ({"interest_method": "compound"}, "interest_method", "Choose one of: declining, flat."),
    ({"installment_multiple": "0.50"}, "installment_multiple", "Choose one of: 0.01, 1.00."),
    ({"name": ""}, "name", "This is required."),
    (
        {"code": "Gold Loan!"},
        "code",
        "Use only letters, digits, hyphens and underscores (no spaces).",
    ),
    ({"max_amount": "lots"}, "max_amount", "Enter a number."),
]


@pytest.mark.parametrize(("overrides", "field", "message"), BAD_LIMITS)
def test_invalid_products_are_refused_in_plain_words(overrides, field, message):
    with pytest.raises(DomainError) as refused:
        product_create(acting_user=staff(CREDIT_MANAGER), **terms(**overrides))
    assert refused.value.code == "validation_error"
    assert message in refused.value.errors[field]
    assert not LoanProduct.objects.exists()


def test_duplicate_code_is_refused():
    ProductFactory(code="gold-loan")
    with pytest.raises(DomainError) as refused:
        product_create(acting_user=staff(CREDIT_MANAGER), **terms())
    assert refused.value.errors == {"code": ["Another product already uses this code."]}
    assert LoanProduct.objects.count() == 1


def test_unknown_field_is_refused():
    with pytest.raises(DomainError) as refused:
        product_create(acting_user=staff(CREDIT_MANAGER), **terms(colour="blue"))
    assert refused.value.errors == {"colour": ["Unknown field."]}


# --- Service: update ------------------------------------------------------------------


def test_update_audits_only_changed_fields():
    product = ProductFactory(default_rate=Decimal("14.0000"))
    manager = staff(CREDIT_MANAGER)
    updated = product_update(
        acting_user=manager, product=product, default_rate="15.5", name=product.name
    )
    assert updated.default_rate == Decimal("15.5000")
    product.refresh_from_db()
    assert product.default_rate == Decimal("15.5000")
    event = AuditEvent.objects.get(action="product.updated")
    assert event.actor == manager
    assert event.before == {"default_rate": "14.0000"}
    assert event.after == {"default_rate": "15.5000"}


def test_update_without_changes_writes_nothing():
    product = ProductFactory()
    product_update(acting_user=staff(CREDIT_MANAGER), product=product, name=product.name)
    assert not AuditEvent.objects.filter(action="product.updated").exists()


def test_update_refuses_code_change_and_bad_limits_and_keeps_the_row():
    product = ProductFactory(code="personal")
    manager = staff(CREDIT_MANAGER)
    with pytest.raises(DomainError) as refused:
        product_update(acting_user=manager, product=product, code="other")
    assert "code" in refused.value.errors
    with pytest.raises(DomainError) as refused:
        product_update(acting_user=manager, product=product, max_tenure=2)
    assert refused.value.errors["max_tenure"] == [
        "The maximum tenure must be at least the minimum."
    ]
    product.refresh_from_db()
    assert (product.code, product.max_tenure) == ("personal", 60)


def test_loan_officer_cannot_change_products():
    product = ProductFactory()
    with pytest.raises(DomainError) as refused:
        product_update(acting_user=staff(LOAN_OFFICER), product=product, is_active=False)
    assert refused.value.code == "permission_denied"
    product.refresh_from_db()
    assert product.is_active is True
    assert AuditEvent.objects.get(action="product.update_refused").outcome == "denied"


def test_changing_a_product_never_changes_existing_loans():
    product = ProductFactory()
    loan = active_loan(product=product)
    agreed = {
        name: getattr(loan, name)
        for name in (
            "principal",
            "annual_rate",
            "tenure",
            "interest_method",
            "installment_multiple",
            "rounding",
            "processing_fee",
            "net_disbursed",
            "apr",
            "allocation_strategy",
            "prepayment_strategy",
        )
    }
    rows = list(loan.installments.values_list("due_date", "principal_due", "interest_due"))

    product_update(
        acting_user=staff(CREDIT_MANAGER),
        product=product,
        min_rate=Decimal("20"),
        max_rate=Decimal("30"),
        default_rate=Decimal("25"),
        interest_method="flat",
        installment_multiple="1.00",
        rounding="up",
        processing_fee_percent=Decimal("5"),
        allocation_strategy="interest_principal_penal_fees",
        prepayment_strategy="reduce_emi",
    )

    loan = Loan.objects.get(pk=loan.pk)  # a fresh row: FSM-protected status can't be refreshed
    assert {name: getattr(loan, name) for name in agreed} == agreed
    assert loan.annual_rate == Decimal("14.0000")
    assert list(loan.installments.values_list("due_date", "principal_due", "interest_due")) == rows


# --- API ------------------------------------------------------------------------------


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_anonymous_cannot_list_products():
    response = api().get("/api/v1/products/")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "not_authenticated"


def test_borrowers_see_active_products_only_and_staff_see_all(django_assert_max_num_queries):
    for n in range(5):
        ProductFactory(code=f"active-{n}")
    ProductFactory(code="retired", is_active=False)
    client = api(borrower())
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get("/api/v1/products/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    assert {"next", "previous"} <= set(body)
    assert [p["code"] for p in body["results"]] == [f"active-{n}" for n in range(5)]

    client = api(staff(CREDIT_MANAGER))
    with django_assert_max_num_queries(LIST_QUERIES):
        body = client.get("/api/v1/products/").json()
    assert body["count"] == 6
    assert "retired" in [p["code"] for p in body["results"]]


def test_products_list_query_count_does_not_grow(django_assert_max_num_queries):
    for n in range(40):
        ProductFactory(code=f"p-{n:02d}")
    client = api(borrower())
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get("/api/v1/products/?page_size=40")
    assert len(response.json()["results"]) == 40


def test_product_detail_by_code_with_terms_as_strings():
    ProductFactory(code="personal", processing_fee_percent=Decimal("2"))
    body = api(borrower()).get("/api/v1/products/personal/").json()
    assert body["code"] == "personal"
    assert isinstance(body["id"], int)
    assert body["min_amount"] == "10000.00"
    assert body["max_amount"] == "1000000.00"
    assert body["default_rate"] == "14.0000"
    assert body["processing_fee_percent"] == "2.0000"
    assert body["installment_multiple"] == "0.01"
    assert set(EDITABLE_FIELDS) <= set(body)


def test_borrower_gets_404_for_inactive_product():
    ProductFactory(code="retired", is_active=False)
    response = api(borrower()).get("/api/v1/products/retired/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert api(staff(CREDIT_MANAGER)).get("/api/v1/products/retired/").status_code == 200


def _json_terms(**overrides) -> dict:
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in terms(**overrides).items()}


def test_credit_manager_creates_product_through_api():
    response = api(staff(CREDIT_MANAGER)).post(
        "/api/v1/products/", _json_terms(processing_fee_flat="500"), format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["code"] == "gold-loan"
    assert body["processing_fee_flat"] == "500.00"
    assert body["rounding"] == "half_even"
    assert LoanProduct.objects.get(code="gold-loan").processing_fee_flat == Decimal("500.00")
    assert AuditEvent.objects.filter(action="product.created", outcome="success").count() == 1


@pytest.mark.parametrize("role", [None, LOAN_OFFICER])
def test_others_get_403_on_create_and_patch(role):
    product = ProductFactory(code="personal")
    client = api(borrower() if role is None else staff(role))
    for response in (
        client.post("/api/v1/products/", _json_terms(), format="json"),
        client.post("/api/v1/products/", {"code": "x"}, format="json"),  # invalid body: still 403
        client.patch("/api/v1/products/personal/", {"is_active": False}, format="json"),
    ):
        assert response.status_code == 403
        assert response["Content-Type"] == PROBLEM
        assert response.json()["code"] == "permission_denied"
    assert not LoanProduct.objects.filter(code="gold-loan").exists()
    product.refresh_from_db()
    assert product.is_active


def test_invalid_product_is_a_problem_with_field_errors():
    response = api(staff(CREDIT_MANAGER)).post(
        "/api/v1/products/",
        _json_terms(min_tenure="abc"),
        format="json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["errors"]["min_tenure"] == ["Enter a number."]

    response = api(staff(CREDIT_MANAGER)).post(
        "/api/v1/products/", _json_terms(min_amount="50000", max_amount="10000"), format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "max_amount": ["The maximum amount must be at least the minimum."]
    }
    assert not LoanProduct.objects.exists()


def test_duplicate_code_through_api_is_validation_error():
    ProductFactory(code="gold-loan")
    response = api(staff(CREDIT_MANAGER)).post("/api/v1/products/", _json_terms(), format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"code": ["Another product already uses this code."]}


def test_credit_manager_patches_product():
    ProductFactory(code="personal")
    client = api(staff(CREDIT_MANAGER))
    response = client.patch(
        "/api/v1/products/personal/",
        {"default_rate": "16.25", "is_active": False, "cooling_off_days": 5},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["default_rate"], body["is_active"], body["cooling_off_days"]) == (
        "16.2500",
        False,
        5,
    )
    event = AuditEvent.objects.get(action="product.updated")
    assert set(event.after) == {"default_rate", "is_active", "cooling_off_days"}

    response = client.patch("/api/v1/products/personal/", {"code": "renamed"}, format="json")
    assert response.status_code == 400
    assert "code" in response.json()["errors"]
    response = client.patch("/api/v1/products/personal/", {"max_rate": "12"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "default_rate": ["The default rate must lie inside the rate range."]
    }


def test_put_and_delete_are_not_offered():
    ProductFactory(code="personal")
    client = api(superuser())
    assert client.put("/api/v1/products/personal/", _json_terms(), format="json").status_code == 405
    assert client.delete("/api/v1/products/personal/").status_code == 405
    assert LoanProduct.objects.filter(code="personal").exists()
