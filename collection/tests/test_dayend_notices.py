"""The day-end's penal charges are each told to the borrower (RBI): the notices are made
set-based in the chunk's own transaction, one per charge levied, with its amount, and a
charge levied by hand before the night is not told twice."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail

from collection.dayend import day_end_run
from collection.models import Notification
from collection.tests.dayend_helpers import loan_due, pay_installments
from lendingsite.money import format_inr
from loans.models import Installment
from loans.tests.factories import ProductFactory
from repayments.models import Charge
from repayments.services.payments import charge_levy

pytestmark = pytest.mark.django_db
JAN31 = date(2025, 1, 31)  # first installments due 28 Feb 2025


@pytest.fixture(autouse=True)
def _channels(settings):
    settings.SMS_BACKEND = "collection.notify.LocmemSmsBackend"
    settings.NOTICE_CHANNELS = ["email", "sms"]


def penal_notices():
    return Notification.objects.filter(kind="charge_levied", channel="in_app")


def test_penal_notices_equal_the_charges_levied(django_capture_on_commit_callbacks):
    flat = ProductFactory(penal_charge_flat=Decimal("500.00"))
    percent = ProductFactory(penal_charge_type="percent", penal_charge_percent=Decimal("2.5000"))
    loans = [loan_due(JAN31, product=p) for p in (flat, percent, flat, percent, flat)]
    paid = loan_due(JAN31, product=flat)
    pay_installments(paid, [1], on=date(2025, 2, 28))
    by_hand = charge_levy(
        loan=loans[4],
        installment=Installment.objects.get(loan=loans[4], number=1),
        kind="penal",
        amount=Decimal("250.00"),
        charged_on=date(2025, 3, 5),
    )

    with django_capture_on_commit_callbacks(execute=True):
        run = day_end_run(business_date=date(2025, 3, 10), chunk_size=2)

    charges = sorted(
        Charge.objects.values_list("id", "loan_id", "installment_id", "amount", "charged_on")
    )
    assert len(charges) == 5 and run.counts["penal"]["charges"] == 4
    told = sorted(
        (int(n.dedupe_key.split(":")[1]), n.loan_id, n.installment_id, n.amount, n.data)
        for n in penal_notices()
    )
    assert [t[:4] for t in told] == [c[:4] for c in charges]
    assert {t[4]["charged_on"] for t in told if t[0] != by_hand.pk} == {"2025-03-10"}
    assert sum(t[3] for t in told if t[0] != by_hand.pk) == Decimal(run.counts["penal"]["amount"])
    assert all(n.borrower_id == n.loan.borrower_id for n in penal_notices())
    # Delivered after each chunk's commit: in-app, email and SMS, each with its amount.
    assert set(penal_notices().values_list("status", flat=True)) == {"sent"}
    subjects = sorted(m.subject for m in mail.outbox if "penal charge" in m.subject)
    assert subjects == sorted(
        f"A penal charge of {format_inr(c[3])} was added to loan #{c[1]}" for c in charges
    )
    percent_charge = Charge.objects.get(loan=loans[1])
    email = next(m for m in mail.outbox if f"loan #{loans[1].pk}" in m.subject)
    assert format_inr(percent_charge.amount) in email.body
    assert "Installment 1 of loan" in email.body and "on 10 Mar 2025" in email.body

    with django_capture_on_commit_callbacks(execute=True):
        day_end_run(business_date=date(2025, 3, 11), chunk_size=2)
    assert penal_notices().count() == 5
    assert len([m for m in mail.outbox if "penal charge" in m.subject]) == 5


def test_a_night_without_charges_makes_no_notice():
    loan = loan_due(JAN31)
    pay_installments(loan, [1], on=date(2025, 2, 28))
    day_end_run(business_date=date(2025, 3, 10))
    assert not penal_notices().exists()
