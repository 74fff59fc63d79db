"""Demo distress loans for `manage.py seed_demo` (docs/servicing.md), so an officer can
take one through restructure, settlement, write-off and recovery. Their loans are played
with the collections demo's overdue ones (collection.demo: disbursed long ago, never paid,
then the day-end replay gives them their DPD); after the replay, through the services:

- `dpd120`: 120+ DPD, nothing done yet: the loan to take through any path by hand.
- `settle`: NPA, a settlement of about half the dues in three dated installments,
  proposed by the collections manager and waiting for the credit manager's approval.
- `writeoff`: NPA, written off (proposed by the credit manager, approved by the
  collections manager), then a ₹5,000 recovery posted by finance.
- `restructure`: NPA, restructured to a lower installment (approved) and the addendum
  accepted by the borrower: the loan page shows the new schedule.

Idempotent: each step is keyed by the proposal it leaves on its loan."""

from datetime import date, timedelta
from decimal import Decimal

from accounts.roles import COLLECTIONS_MANAGER, CREDIT_MANAGER, FINANCE
from loans.demo import Scenario
from loans.models import Loan, Proposal, ProposalKind, Reschedule, RescheduleStatus
from repayments.models import Channel, PaymentSource
from repayments.services.payments import payment_post
from repayments.services.servicing.proposals import proposal_approve
from repayments.services.servicing.reschedules import loan_restructure_propose, restructure_accept
from repayments.services.servicing.settlements import loan_dues, loan_settlement_propose
from repayments.services.servicing.writeoffs import loan_write_off_propose

# Never paid: DPD = days ago - 30 (the first installment falls a month after disbursement).
# Their borrowers hold no loan that is meant to show a lower bucket: RBI classifies the
# borrower, so a distress loan would pull that borrower's other loans into NPA
# (docs/accounting.md, borrower-wise classification).
# fmt: off
DISTRESS = {
    "dpd120": Scenario("Demo: tailoring machines", "sanjay", "personal-loan", "120000", 12, "active", 155),
    "settle": Scenario("Demo: handloom stock", "sanjay", "personal-loan", "180000", 24, "active", 200),
    "writeoff": Scenario("Demo: delivery scooter", "ananya", "personal-loan", "90000", 12, "active", 250),
    "restructure": Scenario("Demo: beauty parlour", "ananya", "personal-loan", "150000", 24, "active", 140),
}
# fmt: on


def _done(loan: Loan, kind: str) -> bool:
    return Proposal.objects.filter(loan=loan, kind=kind).exists()


def _settlement(loan: Loan, people, today: date) -> None:
    if _done(loan, ProposalKind.SETTLEMENT):
        return
    amount = (loan_dues(loan, today) / 2).quantize(Decimal("1"))
    parts = [(amount / 3).quantize(Decimal("0.01"))] * 2
    parts.append(amount - sum(parts))
    loan_settlement_propose(
        acting_user=people[COLLECTIONS_MANAGER],
        loan=loan,
        amount=amount,
        installments=[
            {"due_date": today + timedelta(days=15 + 30 * n), "amount": part}
            for n, part in enumerate(parts)
        ],
        reason="Handloom orders stopped after the floods; can pay half from a family loan.",
        business_date=today,
    )


def _write_off(loan: Loan, people, today: date) -> None:
    if _done(loan, ProposalKind.WRITE_OFF):
        return
    proposal = loan_write_off_propose(
        acting_user=people[CREDIT_MANAGER],
        loan=loan,
        kind="technical",
        reason="No payment in seven months; borrower moved out of state. Claim kept.",
        business_date=today,
    )
    proposal_approve(
        acting_user=people[COLLECTIONS_MANAGER],
        proposal=proposal,
        note="Agreed: 220 DPD, no contact.",
        business_date=today,
    )
    payment_post(
        acting_user=people[FINANCE],
        loan=Loan.objects.get(pk=loan.pk),
        amount=Decimal("5000.00"),
        paid_on=today,
        channel=Channel.UPI,
        utr=f"DEMOREC{loan.pk:06d}",
        source=PaymentSource.ADMIN,
        business_date=today,
    )


def _restructure(loan: Loan, people, today: date) -> None:
    if _done(loan, ProposalKind.RESTRUCTURE):
        return
    proposal = loan_restructure_propose(
        acting_user=people[CREDIT_MANAGER],
        loan=loan,
        annual_rate=Decimal("12"),
        installment=Decimal("5000.00"),
        reason="Parlour reopened after renovation; can pay ₹5,000 a month.",
        business_date=today,
    )
    proposal_approve(
        acting_user=people[COLLECTIONS_MANAGER],
        proposal=proposal,
        note="Income proof seen.",
        business_date=today,
    )
    addendum = Reschedule.objects.get(loan=loan, status=RescheduleStatus.AWAITING_BORROWER)
    restructure_accept(acting_user=loan.borrower, reschedule=addendum, business_date=today)


def servicing_demo_steps(loans: dict[str, Loan], people, today: date) -> str:
    """After the day-end replay: the proposals, approvals, recovery and acceptance."""
    _settlement(loans["settle"], people, today)
    _write_off(loans["writeoff"], people, today)
    _restructure(loans["restructure"], people, today)
    return (
        f"Servicing demo: loan #{loans['dpd120'].pk} 120+ DPD to work on; "
        f"#{loans['settle'].pk} settlement awaiting approval; #{loans['writeoff'].pk} "
        f"written off with a recovery; #{loans['restructure'].pk} restructured (addendum "
        "accepted)."
    )
