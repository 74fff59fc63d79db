"""The calculator page (/calculator/): a GET form that works without JavaScript, shows the
quote with amounts in Indian notation and the full schedule, and puts refusals next to
the field they are about."""

import re

import pytest
from django.urls import reverse

from accounts.roles import CREDIT_MANAGER
from accounts.tests.factories import staff
from loans.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

URL = "/calculator/"


def schedule_rows(html: str) -> list[str]:
    body = html.split('<table class="schedule">', 1)[1].split("<tbody>", 1)[1].split("</tbody>")[0]
    return re.findall(r"<tr[ >].*?</tr>", body, flags=re.S)


def test_url_name():
    assert reverse("loans:calculator") == URL


def test_empty_form_without_a_quote(client):
    ProductFactory(code="personal", name="Personal loan")
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form method="get" action="/calculator/"' in html
    assert 'name="amount"' in html
    assert 'name="tenure"' in html
    assert '<option value="personal">Personal loan: ₹10,000.00 to ₹10,00,000.00' in html
    assert "Your quote" not in html
    assert 'class="schedule"' not in html
    assert response.context["form"].errors == {}


def test_quote_for_a_product_shows_figures_and_full_schedule(client, django_assert_max_num_queries):
    ProductFactory(code="personal", name="Personal loan")  # 14%, 2% fee + 18% GST
    with django_assert_max_num_queries(3):
        response = client.get(URL, {"product": "personal", "amount": "1,00,000", "tenure": "12"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your quote" in html
    assert "Personal loan: ₹1,00,000.00 at 14% a year, 12 installments" in html
    assert "<dd>₹8,978.71</dd>" in html  # installment
    assert "<dd>₹7,744.54</dd>" in html  # total interest
    assert "<dd>₹1,07,744.54</dd>" in html  # total payable
    assert "<dd>₹2,360.00</dd>" in html  # processing fee incl. GST
    assert "(incl. GST ₹360.00)" in html
    assert "<dd>₹97,640.00</dd>" in html  # net disbursed
    apr = response.context["quote"].apr
    assert f"<dd>{apr}%</dd>" in html
    rows = schedule_rows(html)
    assert len(rows) == 12
    assert 'data-label="Due date"' in rows[0]
    assert 'data-label="Principal owed after">₹0.00</td>' in rows[-1]
    assert "<tfoot>" in html
    assert "₹1,00,000.00</td>" in html.split("<tfoot>")[1]  # principal total


def test_quote_with_a_rate_and_no_product(client):
    response = client.get(
        URL, {"product": "", "amount": "100000", "tenure": "12", "annual_rate": "12"}
    )
    html = response.content.decode()
    assert "<dd>₹8,884.88</dd>" in html
    assert "<dd>₹6,618.53</dd>" in html
    assert "<dd>12.00%</dd>" in html
    assert "<dd>₹1,00,000.00</dd>" in html  # nothing deducted
    assert len(schedule_rows(html)) == 12


def test_tenure_outside_the_product_range_is_a_form_error_on_the_field(client):
    ProductFactory(code="personal")
    response = client.get(URL, {"product": "personal", "amount": "100000", "tenure": "72"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["tenure"] == ["This product's tenure is 3 to 60 installments."]
    html = response.content.decode()
    assert 'id="id_tenure_error"' in html
    assert "This product&#x27;s tenure is 3 to 60 installments." in html
    # The error is tied to its input for screen readers.
    assert 'aria-invalid="true" aria-describedby="id_tenure_helptext id_tenure_error"' in html
    assert "Please check the form" in html
    assert "Your quote" not in html


def test_amount_outside_the_product_range_is_tied_to_the_amount_field(client):
    ProductFactory(code="personal")
    response = client.get(URL, {"product": "personal", "amount": "500", "tenure": "12"})
    assert response.context["form"].errors["amount"] == [
        "This product lends between ₹10000.00 and ₹1000000.00."
    ]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        (
            {"amount": "100000", "tenure": "12"},
            "annual_rate",
            "Enter the annual interest rate, or choose a product.",
        ),
        (
            {"amount": "lots", "tenure": "12", "annual_rate": "12"},
            "amount",
            "Enter the amount in rupees, like 200000 or 2,00,000.",
        ),
        (
            {"amount": "", "tenure": "12", "annual_rate": "12"},
            "amount",
            "Enter the amount you want to borrow.",
        ),
        (
            {"amount": "100000", "tenure": "0", "annual_rate": "12"},
            "tenure",
            "The tenure must be at least 1 installment.",
        ),
        (
            {"amount": "100000", "tenure": "12", "annual_rate": "150"},
            "annual_rate",
            "The rate can be at most 100% a year.",
        ),
        (
            {"amount": "100000", "tenure": "12", "product": "nope"},
            "product",
            "Choose one of the products in the list.",
        ),
    ],
)
def test_plain_form_errors(client, params, field, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert response.context["quote"] is None


def test_inactive_products_are_not_offered_to_the_public(client):
    ProductFactory(code="retired", name="Retired loan", is_active=False)
    html = client.get(URL).content.decode()
    assert "Retired loan" not in html
    response = client.get(URL, {"product": "retired", "amount": "100000", "tenure": "12"})
    assert "product" in response.context["form"].errors

    client.force_login(staff(CREDIT_MANAGER))
    assert "Retired loan" in client.get(URL).content.decode()


def test_no_inline_script_or_style_and_csp_header(client):
    ProductFactory(code="personal")
    response = client.get(URL, {"product": "personal", "amount": "100000", "tenure": "12"})
    html = response.content.decode()
    assert "<script" not in html
    assert "<style" not in html
    assert " style=" not in html
    assert not re.search(r"<[^>]*\son[a-z]+=", html)  # no inline event handlers
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_post_is_not_allowed(client):
    assert client.post(URL, {"amount": "1"}).status_code == 405
