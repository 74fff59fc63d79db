"""Strict input in one place (lendingsite.parsers, lendingsite.api_fields): nesting, size,
encoding, NUL and lone surrogates are 400 `invalid_body`; money is ASCII digits[.dd]
(issue 12, items 3 and 6)."""

import datetime
import json
from decimal import Decimal

import pytest
from django.test import Client
from rest_framework import serializers
from rest_framework.test import APIClient

from accounts.roles import FINANCE
from accounts.tests.factories import BorrowerProfileFactory, UserFactory, staff
from lendingsite.api_fields import StrictDecimalField
from lendingsite.tests.test_client_ip import _api_views
from loans.forms import CalculatorForm
from loans.models import LoanApplication
from loans.tests.factories import ProductFactory, kyc_verified_borrower
from repayments.models import Payment
from repayments.tests.test_payments_api import body_for, due_loan

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
DEEP = "[" * 1000 + "]" * 1000


def _invalid_body(response) -> dict:
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["code"] == "invalid_body"
    assert body["detail"]
    return body


def _raw(client, path, data: str | bytes, **extra):
    return client.generic("POST", path, data, content_type="application/json", **extra)


@pytest.mark.parametrize("path", ["/api/v1/quotes/", "/api/v1/auth/token/"])
def test_deep_nesting_is_refused_before_parsing_for_anonymous_callers(path):
    body = _invalid_body(_raw(APIClient(), path, DEEP))
    assert "deeper than 20 levels" in body["detail"]


def test_nesting_inside_strings_does_not_count():
    response = _raw(APIClient(), "/api/v1/quotes/", json.dumps({"product": "[" * 500}))
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"  # an unknown product, not the depth


def test_a_body_over_the_size_limit_is_refused(settings):
    settings.API_MAX_BODY_BYTES = 1024
    padding = json.dumps({"principal": "1000.00", "tenure": 12, "note": "x" * 2000})
    body = _invalid_body(_raw(APIClient(), "/api/v1/quotes/", padding))
    assert "larger than 1024 bytes" in body["detail"]


def test_a_body_that_is_not_utf8_is_refused():
    _invalid_body(_raw(APIClient(), "/api/v1/quotes/", b'{"product": "\xff\xfe"}'))


@pytest.fixture
def applicant():
    client = APIClient()
    client.force_authenticate(kyc_verified_borrower())
    return client


def _application(product_row, **extra) -> dict:
    return {
        "product": product_row.code,
        "amount": "100000.00",
        "tenure": 12,
        "purpose": "Home renovation",
        "monthly_income": "150000.00",
        **extra,
    }


def test_a_nul_byte_is_400_naming_the_field_and_writes_nothing(applicant):
    # Was a 500 (DataError) on PostgreSQL: the product lookup sent the NUL to the database.
    product = ProductFactory(code="personal-loan")
    body = json.dumps(_application(product, product="personal-loan\u0000"))

    problem = _invalid_body(_raw(applicant, "/api/v1/applications/", body))

    assert set(problem["errors"]) == {"product"}
    assert "NUL" in problem["errors"]["product"][0]
    assert not LoanApplication.objects.exists()


def test_a_lone_surrogate_is_400_naming_the_field(applicant):
    product = ProductFactory()
    body = json.dumps(_application(product)).replace('"Home renovation"', '"Home \\ud800"')

    problem = _invalid_body(_raw(applicant, "/api/v1/applications/", body))

    assert set(problem["errors"]) == {"purpose"}
    assert "surrogate" in problem["errors"]["purpose"][0]
    assert not LoanApplication.objects.exists()


def test_nested_fields_and_keys_are_named_by_their_path():
    body = '{"a": {"b": ["ok", "bad\\u0000"]}, "k\\u0000": 1}'
    problem = _invalid_body(_raw(APIClient(), "/api/v1/quotes/", body))
    assert set(problem["errors"]) == {"a.b.1", "body"}


def test_a_nul_in_a_form_upload_field_is_refused():
    client = APIClient()
    client.force_authenticate(kyc_verified_borrower())
    response = client.post(
        "/api/v1/me/kyc-documents/", {"doc_type": "pan_card\x00"}, format="multipart"
    )
    assert set(_invalid_body(response)["errors"]) == {"doc_type"}


def test_a_nul_in_the_query_string_is_refused_by_the_api():
    client = APIClient()
    client.force_authenticate(staff(FINANCE))
    problem = _invalid_body(client.get("/api/v1/loans/?product=%00"))
    assert set(problem["errors"]) == {"product"}


def test_a_nul_in_a_page_form_or_query_is_a_400_page():
    client = Client()
    assert client.get("/calculator/?amount=%00").status_code == 400
    response = client.post("/accounts/login/", {"username": "a\x00@example.in", "password": "x"})
    assert response.status_code == 400


# --- money --------------------------------------------------------------------------------


@pytest.fixture
def finance():
    client = APIClient()
    client.force_authenticate(staff(FINANCE))
    return client


@pytest.mark.parametrize(
    "amount",
    ["1e5", "1E3", "१००", " 100 ", "1 000", "1,000", "+100", "\u2212100", "0x10", "100.", ".5"],
)
def test_money_that_is_not_plain_ascii_digits_is_refused(finance, amount):
    # "1e5" used to post ₹1,00,000.00.
    loan = due_loan()
    response = finance.post(
        "/api/v1/payments/", body_for(loan, amount=amount), format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert response.status_code == 400, (amount, response.content)
    problem = response.json()
    assert problem["code"] == "validation_error"
    assert set(problem["errors"]) == {"amount"}
    assert "digits" in problem["errors"]["amount"][0]
    assert not Payment.objects.exists()


@pytest.mark.parametrize("amount", [1500.5, True, None, [], {}])
def test_money_as_a_json_float_or_another_type_is_refused(finance, amount):
    loan = due_loan()
    response = finance.post(
        "/api/v1/payments/", body_for(loan, amount=amount), format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"amount"}
    assert not Payment.objects.exists()


@pytest.mark.parametrize(
    ("amount", "posted"), [("1000", "1000.00"), ("1000.5", "1000.50"), (1000, "1000.00")]
)
def test_plain_amounts_are_taken(finance, amount, posted):
    loan = due_loan()
    response = finance.post(
        "/api/v1/payments/", body_for(loan, amount=amount), format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert response.status_code == 201, response.content
    assert response.json()["amount"] == posted


def test_borrower_pages_keep_indian_grouping_and_refuse_the_rest():
    def amount(text):
        form = CalculatorForm(data={"amount": text, "annual_rate": "12", "tenure": "12"})
        form.is_valid()
        return form.cleaned_data.get("amount"), form.errors.get("amount")

    assert amount("2,00,000")[0] == Decimal("200000")
    assert amount("₹ 50,000.50")[0] == Decimal("50000.50")
    for text in ("1e5", "१००", "2,00,000e1"):
        value, errors = amount(text)
        assert value is None and errors, text


def _serializer_classes():
    seen, stack = set(), list(serializers.BaseSerializer.__subclasses__())
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        stack.extend(cls.__subclasses__())
        module = cls.__module__.split(".")[0]
        ours = module in {"accounts", "loans", "repayments", "collection", "lendingsite"}
        if ours and ".tests" not in cls.__module__:
            yield cls


def test_every_writable_decimal_in_the_api_is_strict():
    list(_api_views())  # import every API module
    checked = 0
    for cls in _serializer_classes():
        for name, field in cls().fields.items():
            if isinstance(field, serializers.DecimalField) and not field.read_only:
                checked += 1
                assert isinstance(field, StrictDecimalField), f"{cls.__name__}.{name}"
    assert checked >= 10


def _multipart(body: str, boundary: str = "b0undary") -> dict:
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def test_a_multipart_body_of_unreadable_parts_is_refused_not_read_as_no_change():
    client = APIClient()
    client.force_authenticate(UserFactory(roles=["borrower"]))
    response = client.post(
        "/api/v1/me/kyc-documents/", **_multipart("--b0undary\r\n[]--b0undary--\r\n")
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_body"


def test_an_empty_multipart_form_is_still_an_empty_form():
    client = APIClient()
    client.force_authenticate(UserFactory(roles=["borrower"]))
    response = client.post("/api/v1/me/kyc-documents/", **_multipart("--b0undary--\r\n"))
    # Read as a form with no fields: the serializer names what is missing.
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert set(response.json()["errors"]) >= {"doc_type", "file"}


def test_a_form_encoded_profile_edit_is_refused_and_clears_nothing():
    # A form cannot say null: `date_of_birth=` would have read as "clear my date of birth".
    profile = BorrowerProfileFactory(date_of_birth=datetime.date(1990, 1, 2))
    client = APIClient()
    client.force_authenticate(profile.user)
    response = client.patch(
        "/api/v1/me/profile/", "date_of_birth=", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    profile.refresh_from_db()
    assert profile.date_of_birth == datetime.date(1990, 1, 2)
