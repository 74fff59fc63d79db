"""Mandate lifecycle, presentation and results, through the services and signed callbacks."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from accounts.models import AuditEvent, BankAccount, BankAccountStatus
from accounts.roles import COLLECTOR, LOAN_OFFICER
from accounts.tests.factories import UserFactory, borrower, staff
from collection.models import Notification
from lendingsite.errors import DomainError
from lendingsite.switches import kill_switch_set
from loans.models import LoanProduct
from loans.tests.factories import active_loan, pending_loan
from mandates.codes import BOUNCE_CODES, REJECT_CODES, representation_due
from mandates.models import MandateStatus, Presentation, PresentationBatch, PresentationStatus
from mandates.services import (
    mandate_cancel,
    mandate_pause,
    mandate_register,
    mandate_resume,
    presentations_run,
)
from mandates.tasks import presentations_run_task
from mandates.tests.factories import active_mandate, callback, ensure_verified_account
from repayments.models import Charge, Payment
from repayments.tests.factories import post_payment

pytestmark = pytest.mark.django_db
DISBURSED = date(2026, 1, 10)


def _loan():
    loan = active_loan(disbursed_on=DISBURSED)
    LoanProduct.objects.filter(pk=loan.product_id).update(bounce_charge=Decimal("450.00"))
    return loan


def _first_due(loan):
    return loan.installments.order_by("number").first()


def _present(loan):
    due = _first_due(loan).due_date
    return presentations_run(business_date=due - timedelta(days=1)), due


# --- lifecycle ------------------------------------------------------------------------


def test_register_then_bank_approval_activates_with_umrn():
    loan = pending_loan()
    ensure_verified_account(loan)
    mandate = mandate_register(acting_user=loan.borrower, loan=loan)
    assert mandate.status == MandateStatus.INITIATED
    assert mandate.max_amount == loan.principal  # no schedule before disbursement
    assert callback("mandate.approved", mandate.reference, umrn="HDFC0000000000000001") == "applied"
    mandate.refresh_from_db()
    assert (mandate.status, mandate.umrn) == (MandateStatus.ACTIVE, "HDFC0000000000000001")
    # A retried callback changes nothing.
    assert callback("mandate.approved", mandate.reference, umrn="OTHER") == "duplicate"
    mandate.refresh_from_db()
    assert mandate.umrn == "HDFC0000000000000001"


@pytest.mark.parametrize("code", sorted(REJECT_CODES))
def test_every_rejection_code_rejects_with_its_reason(code):
    loan = pending_loan()
    ensure_verified_account(loan)
    mandate = mandate_register(acting_user=loan.borrower, loan=loan)
    callback("mandate.rejected", mandate.reference, reason_code=code)
    mandate.refresh_from_db()
    assert (mandate.status, mandate.reason_code, mandate.reason) == (
        MandateStatus.REJECTED,
        code,
        REJECT_CODES[code],
    )
    # Rejected is not live: the borrower may try again.
    assert mandate_register(acting_user=loan.borrower, loan=loan).status == MandateStatus.INITIATED


def test_unknown_rejection_code_is_refused_and_changes_nothing():
    loan = pending_loan()
    ensure_verified_account(loan)
    mandate = mandate_register(acting_user=loan.borrower, loan=loan)
    with pytest.raises(DomainError) as err:
        callback("mandate.rejected", mandate.reference, reason_code="ZZ99")
    assert err.value.code == "validation_error"
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.INITIATED


def test_register_refusals():
    loan = pending_loan()
    BankAccount.objects.filter(profile__user=loan.borrower).update(status=BankAccountStatus.PENDING)
    with pytest.raises(DomainError) as err:
        mandate_register(acting_user=loan.borrower, loan=loan)
    assert err.value.code == "account_not_verified"
    ensure_verified_account(loan)
    with pytest.raises(DomainError) as err:
        mandate_register(acting_user=borrower(), loan=loan)
    assert err.value.code == "not_found"
    mandate_register(acting_user=loan.borrower, loan=loan)
    with pytest.raises(DomainError) as err:
        mandate_register(acting_user=loan.borrower, loan=loan)
    assert err.value.code == "duplicate"
    assert AuditEvent.objects.filter(action="mandate.register_refused").count() == 3


@pytest.mark.parametrize("code", ["moratorium", "restructure", "dispute", "officer"])
def test_officer_pauses_and_resumes(code):
    mandate = active_mandate()
    officer = staff(LOAN_OFFICER)
    mandate_pause(acting_user=officer, mandate=mandate, code=code)
    mandate.refresh_from_db()
    assert (mandate.status, mandate.reason_code) == (MandateStatus.PAUSED, code)
    mandate_resume(acting_user=officer, mandate=mandate)
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.ACTIVE


def test_borrower_and_collector_cannot_pause():
    mandate = active_mandate()
    for user in (mandate.loan.borrower, staff(COLLECTOR)):
        with pytest.raises(DomainError) as err:
            mandate_pause(acting_user=user, mandate=mandate, code="officer")
        assert err.value.code == "permission_denied"
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.ACTIVE


def test_borrower_cancels_own_but_not_anothers():
    mandate = active_mandate()
    with pytest.raises(DomainError) as err:
        mandate_cancel(acting_user=borrower(), mandate=mandate)
    assert err.value.code == "permission_denied"
    mandate_cancel(acting_user=mandate.loan.borrower, mandate=mandate)
    mandate.refresh_from_db()
    assert (mandate.status, mandate.reason_code) == (MandateStatus.CANCELLED, "borrower_request")
    with pytest.raises(DomainError) as err:
        mandate_cancel(acting_user=mandate.loan.borrower, mandate=mandate)
    assert err.value.code == "invalid_state"


# --- presentation ---------------------------------------------------------------------


def test_presentation_is_idempotent_per_due_date():
    loan = _loan()
    active_mandate(loan)
    run, due = _present(loan)
    assert run.presented == 1
    again = presentations_run(business_date=due - timedelta(days=1))
    assert again.presented == 0
    # Another lead time targeting the same due date presents nothing either.
    assert presentations_run(business_date=due - timedelta(days=2), days_before=2).presented == 0
    p = Presentation.objects.get()
    assert (p.due_date, p.attempt, p.amount) == (due, 1, _first_due(loan).outstanding)
    batch = PresentationBatch.objects.get()
    assert (batch.adapter, batch.count, Decimal(str(batch.total))) == ("sandbox", 1, p.amount)


def test_the_presentation_task_stops_when_its_kill_switch_is_off(settings):
    """Beat's task reads CRON_ENABLED and MANDATES_ENABLED at each run (lendingsite.switches)."""
    active_mandate(_loan())
    boss = UserFactory(is_staff=True, is_superuser=True)
    kill_switch_set(acting_user=boss, name="MANDATES_ENABLED", enabled=False, reason="bank down")

    assert presentations_run_task() is None
    assert not PresentationBatch.objects.exists()

    kill_switch_set(acting_user=boss, name="MANDATES_ENABLED", enabled=True, reason="bank up")
    settings.CRON_ENABLED = False
    assert presentations_run_task() is None
    settings.CRON_ENABLED = True
    assert presentations_run_task() is not None


def test_presentation_skips_paid_paused_and_unmandated_loans():
    paid, paused, bare = _loan(), _loan(), _loan()
    active_mandate(paid)
    mandate_pause(
        acting_user=staff(LOAN_OFFICER), mandate=active_mandate(paused), code="moratorium"
    )
    due = _first_due(paid).due_date
    inst = _first_due(paid)
    # Paid on the due date (a payment before it is a prepayment, not this installment's),
    # with the job set to present on the due date itself.
    post_payment(paid, amount=inst.outstanding, paid_on=due)
    run = presentations_run(business_date=due, days_before=0)
    assert run.presented == 0
    assert not Presentation.objects.exists()
    assert bare.pk  # no mandate: never presented


# --- results --------------------------------------------------------------------------


def test_success_posts_exactly_one_payment_with_the_mandate_reference():
    loan = _loan()
    mandate = active_mandate(loan)
    _, due = _present(loan)
    p = Presentation.objects.get()
    assert callback("debit.succeeded", p.reference, business_date=due) == "applied"
    assert callback("debit.succeeded", p.reference, business_date=due) == "duplicate"
    payment = Payment.objects.get(loan=loan)
    assert (payment.channel, payment.amount, payment.paid_on) == ("nach", p.amount, due)
    assert payment.utr == f"{mandate.umrn}-{p.reference}"
    p.refresh_from_db()
    assert (p.status, p.payment_id) == (PresentationStatus.SUCCEEDED, payment.pk)


def test_result_before_the_debit_date_is_refused():
    loan = _loan()
    active_mandate(loan)
    _, due = _present(loan)
    p = Presentation.objects.get()
    with pytest.raises(DomainError):
        callback("debit.succeeded", p.reference, business_date=due - timedelta(days=1))
    assert not Payment.objects.filter(loan=loan).exists()


def test_bounce_levies_one_charge_notifies_and_schedules_representation(settings):
    settings.MANDATE_MAX_REPRESENTATIONS = 1
    loan = _loan()
    active_mandate(loan)
    _, due = _present(loan)
    first = Presentation.objects.get()
    callback("debit.bounced", first.reference, reason_code="04", business_date=due)
    first.refresh_from_db()
    assert (first.status, first.reason_code) == (PresentationStatus.BOUNCED, "04")
    charge = Charge.objects.get(loan=loan)
    assert (charge.kind, charge.amount, charge.installment_id) == (
        "fee",
        Decimal("450.00"),
        first.installment_id,
    )
    assert Notification.objects.filter(kind="debit_bounced", loan=loan).exists()
    retry = Presentation.objects.get(attempt=2)
    assert retry.status == PresentationStatus.SCHEDULED
    assert retry.scheduled_on == due + timedelta(days=settings.MANDATE_REPRESENT_AFTER_DAYS)
    # The re-presentation goes out on its day, bounces again: no second charge, no third try.
    assert presentations_run(business_date=retry.scheduled_on).represented == 1
    callback("debit.bounced", retry.reference, reason_code="04", business_date=retry.scheduled_on)
    assert Charge.objects.filter(loan=loan).count() == 1
    assert Presentation.objects.filter(loan=loan).count() == 2
    # A replayed bounce changes nothing.
    assert (
        callback("debit.bounced", first.reference, reason_code="04", business_date=due)
        == "duplicate"
    )


@pytest.mark.parametrize("code", sorted(BOUNCE_CODES))
def test_every_bounce_code_path(code):
    loan = _loan()
    mandate = active_mandate(loan)
    _, due = _present(loan)
    p = Presentation.objects.get()
    callback("debit.bounced", p.reference, reason_code=code, business_date=due)
    rule = BOUNCE_CODES[code]
    assert Presentation.objects.filter(attempt=2).exists() == rule.retry
    mandate.refresh_from_db()
    expected = MandateStatus.CANCELLED if rule.ends_mandate else MandateStatus.ACTIVE
    assert mandate.status == expected
    assert Charge.objects.filter(loan=loan).count() == 1


def test_scheduled_representation_dropped_once_paid():
    loan = _loan()
    active_mandate(loan)
    _, due = _present(loan)
    callback(
        "debit.bounced", Presentation.objects.get().reference, reason_code="04", business_date=due
    )
    retry = Presentation.objects.get(attempt=2)
    inst = _first_due(loan)
    inst.refresh_from_db()
    post_payment(loan, amount=inst.outstanding, paid_on=due + timedelta(days=1))
    run = presentations_run(business_date=retry.scheduled_on)
    assert (run.represented, run.skipped) == (0, 1)
    retry.refresh_from_db()
    assert retry.status == PresentationStatus.SKIPPED


def test_representation_rule():
    assert representation_due(code="04", attempt=1, max_representations=2)
    assert representation_due(code="04", attempt=2, max_representations=2)
    assert not representation_due(code="04", attempt=3, max_representations=2)
    assert not representation_due(code="01", attempt=1, max_representations=2)
    assert not representation_due(code="nope", attempt=1, max_representations=2)


def test_the_kfs_states_the_bounce_charge_only_when_there_is_one():
    from loans.kfs import _penal_text

    product = LoanProduct(penal_charge_flat=Decimal("500.00"), penal_grace_days=3)
    assert "auto-debit" not in _penal_text(product)
    product.bounce_charge = Decimal("450.00")
    assert "₹450.00 once for that installment" in _penal_text(product)
