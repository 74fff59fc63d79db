"""POST /api/v1/quotes/ (API.md "Quotes"): hand-worked figures, products, the row schema,
validation as problem+json, throttling, and fuzzing that never reaches a 5xx."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from accounts.models import AuditEvent
from lendingsite.api_fields import FORMAT_MESSAGE
from lendingsite.dates import today_ist
from loans.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/quotes/"
PROBLEM = "application/problem+json"
MONEY = re.compile(r"^\d+\.\d{2}$")
HAND_WORKED = {"principal": "100000.00", "annual_rate": "12.0000", "tenure": 12}


def quote(body, **kwargs):
    return APIClient().post(URL, body, format="json", **kwargs)


def ok(body) -> dict:
    response = quote(body)
    assert response.status_code == 200, response.json()
    return response.json()


def refused(body) -> dict:
    response = quote(body)
    assert response.status_code == 400, response.json()
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["code"] == "validation_error"
    assert problem["type"].endswith("/validation_error")
    return problem


def test_hand_worked_example():
    body = ok({**HAND_WORKED, "disbursement_date": "2026-01-31"})
    assert body["installment_amount"] == "8884.88"
    assert body["total_interest"] == "6618.53"
    assert body["total_payable"] == "106618.53"
    assert body["apr"] == "12.00"
    assert body["net_disbursed"] == "100000.00"
    assert body["processing_fee"] == "0.00"
    assert body["product"] is None
    schedule = body["schedule"]
    assert len(schedule) == 12
    assert schedule[0] == {
        "number": 1,
        "due_date": "2026-02-28",  # 31 Jan + 1 month, clamped to the month end
        "principal": "7884.88",
        "interest": "1000.00",
        "total": "8884.88",
        "balance": "92115.12",
    }
    assert schedule[-1]["due_date"] == "2027-01-31"
    assert schedule[-1]["balance"] == "0.00"
    assert sum(Decimal(row["principal"]) for row in schedule) == Decimal("100000.00")


def test_processing_fee_lowers_net_disbursed_and_raises_apr():
    body = ok({**HAND_WORKED, "processing_fee": "2360.00"})
    assert body["net_disbursed"] == "97640.00"
    assert body["processing_fee"] == "2360.00"
    assert body["installment_amount"] == "8884.88"  # the fee does not change the schedule
    assert Decimal(body["apr"]) > Decimal("12")
    assert re.fullmatch(r"\d+\.\d{2}", body["apr"])


def test_every_row_has_the_documented_schema():
    body = ok({"principal": "250000.50", "annual_rate": "10.5", "tenure": 36})
    assert len(body["schedule"]) == 36
    previous_due, balance = None, Decimal("250000.50")
    for number, row in enumerate(body["schedule"], start=1):
        assert set(row) == {"number", "due_date", "principal", "interest", "total", "balance"}
        assert row["number"] == number
        due = date.fromisoformat(row["due_date"])
        assert previous_due is None or due > previous_due
        for key in ("principal", "interest", "total", "balance"):
            assert MONEY.match(row[key]), (key, row[key])
        assert Decimal(row["total"]) == Decimal(row["principal"]) + Decimal(row["interest"])
        balance -= Decimal(row["principal"])
        assert Decimal(row["balance"]) == balance
        previous_due = due
    assert balance == 0
    for key in ("installment_amount", "total_interest", "total_payable", "net_disbursed"):
        assert MONEY.match(body[key])


def test_disbursement_date_defaults_to_today_ist():
    body = ok(HAND_WORKED)
    assert body["disbursement_date"] == today_ist().isoformat()
    first_due = date.fromisoformat(body["schedule"][0]["due_date"])
    assert today_ist() + timedelta(days=27) <= first_due <= today_ist() + timedelta(days=31)


def test_explicit_terms_are_used():
    body = ok(
        {
            **HAND_WORKED,
            "interest_method": "flat",
            "installment_multiple": "1.00",
            "rounding": "up",
            "grace_on_principal": 2,
        }
    )
    assert (body["interest_method"], body["installment_multiple"], body["rounding"]) == (
        "flat",
        "1.00",
        "up",
    )
    # Flat interest: 12% of 1,00,000 for a year, whatever the balance.
    assert body["total_interest"] == "12000.00"
    assert body["schedule"][0]["principal"] == "0.00"  # grace: interest only


def test_numbers_and_float_looking_strings_are_fine():
    body = ok({"principal": 100000, "annual_rate": "12.5", "tenure": "12"})
    assert body["annual_rate"] == "12.5000"
    assert body["principal"] == "100000.00"


def test_on_a_product_its_rate_and_fee_are_the_defaults():
    ProductFactory(code="personal")  # 14% default, 2% fee + 18% GST
    body = ok({"product": "personal", "principal": "100000", "tenure": 12})
    assert body["product"] == "personal"
    assert body["annual_rate"] == "14.0000"
    assert body["processing_fee"] == "2360.00"
    assert body["net_disbursed"] == "97640.00"
    assert body["installment_amount"] == "8978.71"
    assert Decimal(body["apr"]) > Decimal("14")


def test_on_a_product_rate_and_fee_can_be_overridden():
    ProductFactory(code="personal")
    body = ok(
        {
            "product": "personal",
            "principal": "100000",
            "tenure": 12,
            "annual_rate": "12",
            "processing_fee": "0",
            "interest_method": "declining",  # the product's own term: accepted
        }
    )
    assert body["installment_amount"] == "8884.88"
    assert body["net_disbursed"] == "100000.00"
    assert body["apr"] == "12.00"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"principal": "5000"},
            "principal",
            "This product lends between ₹10000.00 and ₹1000000.00.",
        ),
        ({"tenure": 61}, "tenure", "This product's tenure is 3 to 60 installments."),
        (
            {"annual_rate": "30"},
            "annual_rate",
            "This product's rate is 10.0000% to 24.0000% a year.",
        ),
        ({"interest_method": "flat"}, "interest_method", "This product uses declining."),
        ({"product": "nope"}, "product", "No product open for quotes has this code."),
        ({"product": "retired"}, "product", "No product open for quotes has this code."),
    ],
)
def test_product_limits_are_validation_errors(changes, field, message):
    ProductFactory(code="personal")
    ProductFactory(code="retired", is_active=False)
    problem = refused({"product": "personal", "principal": "100000", "tenure": 12, **changes})
    assert problem["errors"][field] == [message]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"principal": "-5"}, "principal", "Must be at least 1.00."),
        ({"principal": "abc"}, "principal", FORMAT_MESSAGE),
        ({"principal": "100.001"}, "principal", "Use at most 2 decimal places."),
        ({"principal": "1e20"}, "principal", FORMAT_MESSAGE),
        ({"principal": "99999999999999999"}, "principal", "This number is too large."),
        ({"principal": None}, "principal", "This is required."),
        ({"tenure": 0}, "tenure", "Must be at least 1."),
        ({"tenure": 601}, "tenure", "Must be at most 600."),
        ({"tenure": "twelve"}, "tenure", "Enter a number."),
        ({"annual_rate": "100.5"}, "annual_rate", "Must be at most 100."),
        ({"annual_rate": "-1"}, "annual_rate", "Must be at least 0."),
        ({"interest_method": "compound"}, "interest_method", "Choose one of: declining, flat."),
        ({"rounding": "down"}, "rounding", "Choose one of: half_even, half_up, up."),
        ({"installment_multiple": "0.50"}, "installment_multiple", "Choose one of: 0.01, 1.00."),
        ({"amortization": ["x"]}, "amortization", None),
        ({"disbursement_date": "2026-13-01"}, "disbursement_date", "Enter a date as YYYY-MM-DD."),
        ({"disbursement_date": "9999-12-31"}, "disbursement_date", None),
        ({"processing_fee": "100000.00"}, "processing_fee", "Must be less than the principal."),
    ],
)
def test_bad_input_is_a_validation_problem_per_field(changes, field, message):
    body = {k: v for k, v in {**HAND_WORKED, **changes}.items() if v is not None}
    problem = refused(body)
    assert field in problem["errors"]
    if message is not None:
        assert problem["errors"][field] == [message]


def test_rate_is_required_without_a_product():
    problem = refused({"principal": "100000", "tenure": 12})
    assert problem["errors"] == {
        "annual_rate": ["Enter the annual interest rate, or choose a product."]
    }


def test_schedule_errors_are_validation_problems():
    problem = refused({**HAND_WORKED, "grace_on_principal": 12})
    assert "grace on principal must be shorter than the tenure" in problem["detail"]
    assert problem["errors"]["non_field_errors"] == [problem["detail"]]


def test_body_must_be_an_object():
    problem = refused(["principal", "100000"])
    assert "non_field_errors" in problem["errors"]


def test_anonymous_and_stateless():
    response = APIClient().post(
        URL, HAND_WORKED, format="json", HTTP_AUTHORIZATION="Bearer not-a-token"
    )
    assert response.status_code == 200
    assert not AuditEvent.objects.exists()


def test_throttled_after_the_limit(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "quotes": "3/min",
        },
    }
    for _ in range(3):
        assert quote(HAND_WORKED).status_code == 200
    response = quote(HAND_WORKED)
    assert response.status_code == 429
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    # Another client has its own allowance.
    assert quote(HAND_WORKED, REMOTE_ADDR="10.1.2.3").status_code == 200


def test_default_throttle_rate_is_configured(settings):
    assert settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["quotes"] == "30/min"


FIELDS = [
    "product",
    "principal",
    "annual_rate",
    "tenure",
    "interest_method",
    "amortization",
    "interest_period",
    "frequency",
    "installment_multiple",
    "rounding",
    "grace_on_principal",
    "processing_fee",
    "disbursement_date",
    "surprise",
]
JSON_LEAF = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(
        [
            "0",
            "0.00",
            "1",
            "12.5",
            "1e3",
            "NaN",
            "Infinity",
            "-0",
            "1.00",
            "0.01",
            "600",
            "599",
            "99999999999999.99",
            "personal",
            "declining",
            "flat",
            "equal_principal",
            "daily",
            "weekly",
            "up",
            "2026-01-31",
            "2100-12-31",
            "2000-02-29",
        ]
    )
)
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)


@hsettings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=st.dictionaries(st.sampled_from(FIELDS), JSON_VALUE, max_size=len(FIELDS)) | JSON_VALUE)
def test_random_bodies_never_give_a_server_error(body):
    cache.clear()  # each example starts with a fresh throttle allowance
    ProductFactory(code="personal")
    response = quote(body)
    assert response.status_code in {200, 400}, (body, response.content[:500])
    if response.status_code == 400:
        assert response.json()["code"] in {"validation_error", "parse_error", "invalid_body"}


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    principal=st.decimals(min_value=Decimal("1.00"), max_value=Decimal("10000000"), places=2),
    rate=st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=4),
    tenure=st.integers(min_value=1, max_value=600),
    method=st.sampled_from(["declining", "flat"]),
    amortization=st.sampled_from(["equal_installments", "equal_principal"]),
    period=st.sampled_from(["same_as_repayment", "daily"]),
    multiple=st.sampled_from(["0.01", "1.00"]),
    fee=st.decimals(min_value=Decimal("0"), max_value=Decimal("100000"), places=2),
)
def test_valid_terms_answer_200_or_a_plain_refusal(
    principal, rate, tenure, method, amortization, period, multiple, fee
):
    cache.clear()
    body = {
        "principal": str(principal),
        "annual_rate": str(rate),
        "tenure": tenure,
        "interest_method": method,
        "amortization": amortization,
        "interest_period": period,
        "installment_multiple": multiple,
        "processing_fee": str(fee),
        "disbursement_date": "2026-01-31",
    }
    response = quote(body)
    assert response.status_code in {200, 400}, (body, response.content[:500])
    if response.status_code == 200:
        rows = response.json()["schedule"]
        assert len(rows) == tenure
        assert sum(Decimal(r["principal"]) for r in rows) == principal
