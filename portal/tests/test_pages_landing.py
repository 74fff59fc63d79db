"""The landing page (/) and the account pages' wording and links (issue 6, items 1 and 2)."""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import NoReverseMatch, reverse

from accounts.tests.factories import borrower
from loans.tests.factories import ProductFactory

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def assert_csp_clean(response) -> str:
    """The page runs under a CSP without 'unsafe-inline': no inline script, no <style>
    block, no style= attribute, no onclick= handlers. Returns the HTML for more checks."""
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html).group(0)
    assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html).group(0)
    assert not INLINE_HANDLER.search(html), INLINE_HANDLER.search(html).group(0)
    assert "'unsafe-inline'" not in response.get("Content-Security-Policy", "")
    return html


def text_of(response) -> str:
    """The visible words, whitespace squeezed, for plain-English assertions."""
    html = response.content.decode()
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" .", ".")
    return unescape(words)


@pytest.fixture
def products():
    return [
        ProductFactory(
            code="personal",
            name="Personal loan",
            min_amount=Decimal("25000.00"),
            max_amount=Decimal("1500000.00"),
            min_rate=Decimal("10.5000"),
            default_rate=Decimal("14.0000"),
            min_tenure=6,
            max_tenure=48,
        ),
        ProductFactory(
            code="msme",
            name="Business loan",
            min_amount=Decimal("100000.00"),
            max_amount=Decimal("5000000.00"),
            processing_fee_percent=Decimal("1.5000"),
            processing_fee_flat=Decimal("999.00"),
        ),
        ProductFactory(code="retired", name="Old festival loan", is_active=False),
    ]


@pytest.mark.django_db
def test_landing_shows_active_products_with_ranges_in_indian_notation(
    client, products, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        page = client.get("/")
    assert page.status_code == 200
    html = assert_csp_clean(page)
    words = text_of(page)
    assert "Personal loan" in words and "Business loan" in words
    assert "Old festival loan" not in html  # not open for applications
    assert "₹25,000.00 to ₹15,00,000.00" in words
    assert "from 10.5% p.a." in words
    assert "6 to 48 monthly installments" in words
    assert "₹1,00,000.00 to ₹50,00,000.00" in words
    assert "1.5% of the amount + ₹999.00, plus 18% GST" in words
    assert "2% of the amount, plus 18% GST" in words


@pytest.mark.django_db
def test_landing_calculator_submits_to_the_quote_page(client, products):
    page = client.get("/")
    html = page.content.decode()
    form = re.search(r'<form method="get" action="([^"]+)"[^>]*>(.*?)</form>', html, re.S)
    assert form and form.group(1) == reverse("loans:calculator")
    for name in ("product", "amount", "tenure", "annual_rate"):
        assert f'name="{name}"' in form.group(2)
    assert '<option value="personal">' in form.group(2)
    assert "retired" not in form.group(2)
    # The very form the landing page sends answers with the quote.
    quote = client.get(
        reverse("loans:calculator"), {"product": "personal", "amount": "1,00,000", "tenure": "12"}
    )
    assert quote.status_code == 200 and "Your quote" in quote.content.decode()


@pytest.mark.django_db
def test_landing_explains_how_it_works_fair_practice_and_grievance(client, settings, products):
    settings.GRIEVANCE_OFFICER = {
        "name": "Meera Iyer",
        "email": "grievance@lender.example",
        "phone": "+91 80 1234 5678",
    }
    settings.LENDER_NAME = "Example Finance Pvt Ltd"
    words = text_of(client.get("/"))
    steps = re.findall(r"<li><strong>([^<]+)</strong>", client.get("/").content.decode())
    assert steps == [
        "Apply.",
        "KYC.",
        "Your offer, with a Key Fact Statement.",
        "Accept.",
        "Money in your bank.",
    ]
    assert (
        "Example Finance Pvt Ltd follows the Reserve Bank of India's Fair Practices Code" in words
    )
    assert "Meera Iyer, Example Finance Pvt Ltd" in words
    assert "grievance@lender.example" in words and "+91 80 1234 5678" in words
    assert "Integrated Ombudsman" in words


@pytest.mark.django_db
def test_landing_links_sign_up_and_log_in_or_your_pages(client):
    anonymous = client.get("/").content.decode()
    assert f'href="{reverse("accounts:register")}"' in anonymous
    assert f'href="{reverse("accounts:login")}"' in anonymous
    assert f'href="{reverse("accounts:profile")}"' not in anonymous

    client.force_login(borrower())
    signed_in = client.get("/").content.decode()
    assert f'href="{reverse("accounts:profile")}"' in signed_in
    assert "Create an account" not in signed_in
    try:
        dashboard = reverse("borrower:dashboard")
    except NoReverseMatch:  # the loan-side pages are not there yet
        return
    assert f'href="{dashboard}"' in signed_in


@pytest.mark.django_db
def test_landing_without_products_says_so(client):
    words = text_of(client.get("/"))
    assert "We are not taking new applications right now" in words


# --- account pages: wording and links between them ---------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "links"),
    [
        ("accounts:login", ["accounts:password_reset", "accounts:register"]),
        ("accounts:register", ["accounts:login"]),
        ("accounts:password_reset", ["accounts:login"]),
        ("accounts:verify_email_resend", ["accounts:login"]),
        ("accounts:register_done", ["accounts:verify_email_resend", "accounts:login"]),
        ("accounts:password_reset_sent", ["accounts:password_reset", "accounts:login"]),
    ],
)
def test_auth_pages_link_to_each_other(client, url, links):
    page = client.get(reverse(url))
    assert page.status_code == 200
    html = assert_csp_clean(page)
    for target in links:
        assert f'href="{reverse(target)}"' in html


@pytest.mark.django_db
def test_a_dead_link_says_why_and_offers_a_new_one(client):
    page = client.post(reverse("accounts:verify_email", args=["not-a-real-token"]))
    assert page.status_code == 422
    html = assert_csp_clean(page)
    assert "This link does not work" in html
    assert f'href="{reverse("accounts:verify_email_resend")}"' in html


@pytest.mark.django_db
def test_lockout_page_explains_the_pause_and_links_to_reset(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    user = borrower()
    for _ in range(2):
        page = client.post(reverse("accounts:login"), {"username": user.email, "password": "wrong"})
    assert page.status_code == 429
    html = assert_csp_clean(page)
    words = text_of(page)
    assert "Too many sign-in attempts" in words
    assert "signing in is paused for 15 minutes" in words
    assert f'href="{reverse("accounts:password_reset")}"' in html


@pytest.mark.django_db
def test_form_errors_are_tied_to_their_fields(client):
    page = client.post(reverse("accounts:register"), {"email": "not an email"})
    html = page.content.decode()
    assert 'id="id_email_error"' in html
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*aria-describedby="id_email_error"', html)
    assert "Enter an email address like name@example.com." in html
