"""One canonical UTR (lendingsite.utr): normalised once before every check and store, unique
in the database in that form, and the rows that clashed before reported, not merged
(issue 12, item 2)."""

import importlib
import itertools
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from accounts.models import AuditEvent
from accounts.roles import FINANCE
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from lendingsite.utr import utr_canonical
from loans.models import JournalEntry
from loans.tests.factories import active_loan
from repayments.gateways import sandbox_sign
from repayments.gateways.sandbox import sandbox_payload
from repayments.models import Payment
from repayments.services.payments import credit_refund
from repayments.tests.test_payments_api import body_for, due_loan

_keys = itertools.count(1)


# --- the rule -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("ABC123", "ABC123"),
        ("abc123", "ABC123"),
        ("  aBc123\n", "ABC123"),
        ("SBIN 1181 2345 6789", "SBIN118123456789"),
        ("abc\u00a0123", "ABC123"),  # a non-breaking space from a PDF
        ("\uff41\uff42\uff43\uff11\uff12\uff13", "ABC123"),  # full-width
        ("rcpt-001", "RCPT-001"),  # punctuation is part of the number
        ("sandbox:sbx_abc", "SANDBOX:SBX_ABC"),
    ],
)
def test_canonical_form(typed, canonical):
    assert utr_canonical(typed) == canonical


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "required"),
        ("   ", "required"),
        ("\u0410BC123", "English letters"),  # Cyrillic capital A, a look-alike NFKC keeps
        ("ABC\u0661", "English letters"),  # an Arabic-Indic digit
        ("A" * 65, "too long"),
    ],
)
def test_refused_forms_name_the_field(typed, message):
    with pytest.raises(DomainError) as refused:
        utr_canonical(typed, field="reference")
    assert refused.value.code == "validation_error"
    assert list(refused.value.errors) == ["reference"]
    assert message in refused.value.errors["reference"][0]


@given(st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1))
def test_canonical_is_idempotent_and_blind_to_case_and_blanks(text):
    text = text[:60]
    canonical = utr_canonical(text)
    assert utr_canonical(canonical) == canonical
    assert utr_canonical(f" {text.lower()} ") == canonical
    assert utr_canonical(" ".join(text.swapcase())) == canonical


# --- every check and store ------------------------------------------------------------------


def _post_api(client, loan, utr):
    return client.post(
        "/api/v1/payments/",
        body_for(loan, utr=utr, amount="1000.00"),
        format="json",
        HTTP_IDEMPOTENCY_KEY=f"utr-{next(_keys)}",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("second", ["abc123", " ABC 123 ", "\uff41\uff42\uff43123"])
def test_the_same_utr_written_differently_is_a_duplicate(second):
    # Was 201, 201: the same bank transfer posted twice.
    client = APIClient()
    client.force_authenticate(staff(FINANCE))
    loan = due_loan()
    first = _post_api(client, loan, "ABC123")
    assert first.status_code == 201, first.content
    assert first.json()["utr"] == "ABC123"

    again = _post_api(client, due_loan(), second)

    assert again.status_code == 409, again.content
    assert again.json()["code"] == "duplicate_utr"
    assert again.json()["errors"] == {"utr": ["already used"]}
    assert Payment.objects.count() == 1


@pytest.mark.django_db
def test_a_look_alike_utr_is_refused_not_stored():
    client = APIClient()
    client.force_authenticate(staff(FINANCE))
    response = _post_api(client, due_loan(), "\u0410BC123")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["utr"]
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_stored_in_canonical_form_with_the_ledger_reference():
    client = APIClient()
    client.force_authenticate(staff(FINANCE))
    loan = due_loan()
    assert _post_api(client, loan, " n 12345 ").status_code == 201
    payment = Payment.objects.get()
    assert (payment.utr, payment.utr_canonical) == ("N12345", "N12345")
    assert JournalEntry.objects.filter(loan=loan, kind="payment", reference="N12345").exists()


@pytest.mark.django_db
def test_a_webhook_with_a_bank_reference_already_posted_by_hand_is_a_duplicate():
    client = APIClient()
    client.force_authenticate(staff(FINANCE))
    loan = due_loan()
    assert _post_api(client, loan, "UTR778899").status_code == 201

    body = sandbox_payload(loan_id=loan.pk, amount="1000.00", reference="utr778899")
    response = APIClient().generic(
        "POST",
        "/api/v1/payments/webhooks/sandbox/",
        body,
        content_type="application/json",
        headers=sandbox_sign(body),
    )

    assert response.status_code == 409, response.content
    assert response.json()["code"] == "duplicate_utr"
    assert Payment.objects.count() == 1


@pytest.mark.django_db
def test_a_refund_reference_is_stored_in_canonical_form():
    from repayments.tests.test_payments_services import DISBURSED, _post

    loan = active_loan(disbursed_on=DISBURSED, tenure=3)
    rows = list(loan.installments.order_by("number"))
    owed = sum(r.total_due for r in rows)
    last_due = rows[-1].due_date
    _post(loan, amount=owed + 250, paid_on=last_due, business_date=last_due)  # an overpayment
    refund = credit_refund(
        acting_user=staff(FINANCE), loan=loan, amount="100.00", reference=" neft 42 "
    )
    assert refund.reference == "NEFT42"


@pytest.mark.django_db
def test_the_database_refuses_a_second_row_with_the_same_canonical_utr():
    client = APIClient()
    client.force_authenticate(staff(FINANCE))
    loan = due_loan()
    assert _post_api(client, loan, "DBKEY1").status_code == 201
    existing = Payment.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(
            loan=loan,
            amount=existing.amount,
            paid_on=existing.paid_on,
            channel="neft",
            utr="dbkey1",  # a different stored text, the same canonical key
            utr_canonical="DBKEY1",
        )


# --- the migration's report -----------------------------------------------------------------


def _raw_payment(loan, utr: str, placeholder: str) -> Payment:
    # As rows stood before the canonical column: whatever was typed, in any case.
    return Payment.objects.create(
        loan=loan,
        amount="1000.00",
        paid_on=today_ist() - timedelta(days=1),
        channel="neft",
        utr=utr,
        utr_canonical=placeholder,
    )


@pytest.mark.django_db
def test_the_migration_keeps_clashing_rows_apart_and_reports_them(capsys):
    migration = importlib.import_module("repayments.migrations.0004_payment_utr_canonical")
    loan = due_loan()
    lower = _raw_payment(loan, "abc123", "p1")
    upper = _raw_payment(loan, "ABC123", "p2")
    spaced = _raw_payment(loan, "ABC 123", "p3")
    alone = _raw_payment(loan, "xyz9", "p4")

    migration.fill_canonical(django_apps, None)

    keys = dict(Payment.objects.values_list("pk", "utr_canonical"))
    assert keys == {
        lower.pk: "ABC123",
        upper.pk: f"ABC123 #{upper.pk}",
        spaced.pk: f"ABC123 #{spaced.pk}",
        alone.pk: "XYZ9",
    }
    # Nothing merged, nothing retyped.
    assert list(Payment.objects.order_by("pk").values_list("utr", flat=True)) == [
        "abc123",
        "ABC123",
        "ABC 123",
        "xyz9",
    ]
    event = AuditEvent.objects.get(action="payment.utr_conflict_found")
    assert event.after["canonical_utr"] == "ABC123"
    assert [p["id"] for p in event.after["payments"]] == [lower.pk, upper.pk, spaced.pk]
    printed = capsys.readouterr().out
    assert "1 UTR(s) were posted more than once" in printed
    assert f"payment {spaced.pk} ('ABC 123'" in printed

    # A new posting of the same reference is still a duplicate.
    client = APIClient()
    client.force_authenticate(staff(FINANCE))
    assert _post_api(client, due_loan(), "Abc123").status_code == 409

    with pytest.raises(SystemExit) as exit_code:
        call_command("utr_duplicates")
    assert exit_code.value.code == 1
    listed = capsys.readouterr().out
    assert "ABC123:" in listed
    assert all(f"payment {p.pk} " in listed for p in (lower, upper, spaced))
    assert "xyz9" not in listed


@pytest.mark.django_db
def test_the_data_check_is_quiet_when_every_utr_is_distinct(capsys):
    loan = due_loan()
    _raw_payment(loan, "ONE1", "ONE1")
    _raw_payment(loan, "TWO2", "TWO2")
    call_command("utr_duplicates")
    assert "No UTR was posted twice" in capsys.readouterr().out


@pytest.mark.django_db
def test_rows_saved_through_the_orm_get_the_same_key():
    loan = due_loan()
    row = Payment.objects.create(
        loan=loan, amount="10.00", paid_on=today_ist(), channel="cash", utr="rcpt 9"
    )
    assert row.utr_canonical == "RCPT9"
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(
            loan=loan, amount="10.00", paid_on=today_ist(), channel="cash", utr="RCPT9"
        )
