"""Reads shared by the payment services, the API, the admin and the pages."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from lendingsite.errors import DomainError
from loans import ledger
from loans.models import Installment, Loan, LoanStatus, Reschedule, RescheduleStatus
from loans.schedule import ScheduleTerms
from loans.selectors import OWING, installment_unpaid
from repayments import engine
from repayments.models import Charge, ChargeWaiver

ZERO = Decimal("0.00")


def loan_terms(loan: Loan) -> engine.LoanTerms:
    """The loan's agreed terms as the engine takes them; the same schedule terms as
    loans.services.loans.loan_quote(loan, disbursement_date=loan.disbursed_on), without
    the query for the KFS fee (the schedule does not depend on it). A rescheduled loan's
    schedule terms are its latest reschedule's (loan_base)."""
    base = loan_base(loan)
    given = {"disbursement_date": loan.disbursed_on}
    if base is not None:
        given = {
            "disbursement_date": base.anchor,
            "principal": base.principal_total,
            "annual_rate": base.annual_rate,
            "tenure": base.tenure,
            "grace_on_principal": 0,
        }
    return engine.LoanTerms(
        schedule=ScheduleTerms.from_terms(loan, **given),
        allocation_strategy=loan.allocation_strategy,
        prepayment_strategy=loan.prepayment_strategy,
    )


def loan_base(loan: Loan) -> Reschedule | None:
    """The applied reschedule the loan's history now starts from, or None (the original
    schedule). No query for a loan never rescheduled."""
    if not loan.reschedule_count:
        return None
    return (
        Reschedule.objects.filter(loan_id=loan.pk, status=RescheduleStatus.APPLIED)
        .order_by("-id")
        .first()
    )


def base_rows(base: Reschedule) -> list[engine.Row]:
    return [engine.Row(**row_from_json(r)) for r in base.base_rows]


def row_from_json(r: dict) -> dict:
    out = dict(r)
    out["due_date"] = date.fromisoformat(r["due_date"])
    out["paid_on"] = date.fromisoformat(r["paid_on"]) if r.get("paid_on") else None
    for key in ("principal_due", "interest_due", "penal_due", "fees_due"):
        out[key] = Decimal(r[key])
    for key in ("principal_paid", "interest_paid", "penal_paid", "fees_paid", "balance_after"):
        out[key] = Decimal(r[key])
    return out


def row_to_json(row: engine.Row) -> dict:
    return {
        "number": row.number,
        "due_date": row.due_date.isoformat(),
        **{
            k: str(getattr(row, k))
            for k in (
                *("principal_due", "interest_due", "penal_due", "fees_due"),
                *("principal_paid", "interest_paid", "penal_paid", "fees_paid"),
                "balance_after",
            )
        },
        "paid_on": row.paid_on.isoformat() if row.paid_on else None,
        "kind": row.kind,
    }


def engine_rows(installments) -> list[engine.Row]:
    return [
        engine.Row(
            number=i.number,
            due_date=i.due_date,
            principal_due=i.principal_due,
            interest_due=i.interest_due,
            penal_due=i.penal_due,
            fees_due=i.fees_due,
            principal_paid=i.principal_paid,
            interest_paid=i.interest_paid,
            penal_paid=i.penal_paid,
            fees_paid=i.fees_paid,
            balance_after=i.balance_after,
            paid_on=i.paid_on,
        )
        for i in installments
    ]


@dataclass(frozen=True)
class ForeclosureQuote:
    """What closes the loan on `as_of`: all principal still owed, unpaid interest of the
    installments due by then plus interest accrued since the last due date, and unpaid
    penal charges and fees."""

    as_of: date
    principal: Decimal
    interest: Decimal
    penal: Decimal
    fees: Decimal
    accrued_interest: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.penal + self.fees

    def as_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "principal": f"{self.principal:.2f}",
            "interest": f"{self.interest:.2f}",
            "penal": f"{self.penal:.2f}",
            "fees": f"{self.fees:.2f}",
            "accrued_interest": f"{self.accrued_interest:.2f}",
            "total": f"{self.total:.2f}",
        }


def foreclosure_quote(loan: Loan, *, as_of: date) -> ForeclosureQuote:
    """A payment of at least `total` on `as_of` closes the loan as foreclosed (the engine
    computes the very same amount: repayments.engine.foreclosure_amount)."""
    if loan.status != LoanStatus.ACTIVE:
        raise DomainError(
            "invalid_state",
            f"Loan #{loan.pk} is {loan.get_status_display().lower()}; only an active loan can be foreclosed.",
        )
    if as_of < loan.disbursed_on:
        raise DomainError(
            "validation_error",
            f"Loan #{loan.pk} was disbursed on {loan.disbursed_on:%d %b %Y}; the quote date cannot be earlier.",
            errors={"as_of": ["before the disbursement"]},
        )
    rows = engine_rows(Installment.objects.filter(loan=loan).order_by("number"))
    amount = engine.foreclosure_amount(rows, loan_terms(loan).schedule, as_of)
    return ForeclosureQuote(
        as_of=as_of,
        principal=amount.principal,
        interest=amount.interest,
        penal=amount.penal,
        fees=amount.fees,
        accrued_interest=amount.accrued_interest,
    )


def total_outstanding(loan: Loan) -> Decimal:
    """Σ unpaid parts of every installment while the schedule is owed; 0 once closed."""
    if loan.status not in OWING:
        return ZERO
    total = (
        Installment.objects.filter(loan=loan)
        .annotate(unpaid=installment_unpaid())
        .aggregate(t=Sum("unpaid"))["t"]
    )
    return total or ZERO


def loan_after(loan: Loan) -> dict:
    """The loan as it stands now, for answers to payment operations (money as strings).
    dpd and bucket are the day-end's, refreshed at once when a payment, a reversal or a
    waiver changed a delinquent loan (collection.services.delinquency)."""
    return {
        "status": loan.status,
        "principal_outstanding": f"{loan.principal_outstanding:.2f}",
        "total_outstanding": f"{total_outstanding(loan):.2f}",
        "dpd": loan.dpd,
        "bucket": loan.bucket,
    }


def credit_balance(loan: Loan) -> Decimal:
    """What the lender owes the borrower on this loan (overpayments not yet refunded):
    the credit balance of BORROWER_CREDIT for the loan."""
    return -ledger.account_balance(ledger.BORROWER_CREDIT, loan=loan)


def charges_for(user):
    """Staff who may view charges see all; everyone else only the charges on their loans."""
    qs = Charge.objects.select_related("installment")
    return qs if user.has_perm("repayments.view_charge") else qs.filter(loan__borrower=user)


def waivers_for(user):
    """Staff who may view waivers see all; a borrower sees the waivers of their own loans'
    charges; anyone else's is not found."""
    qs = ChargeWaiver.objects.select_related("charge")
    if user.has_perm("repayments.view_chargewaiver"):
        return qs
    return qs.filter(charge__loan__borrower=user)


def loan_servicing(loan: Loan) -> dict:
    """What the borrower's loan page says about distress servicing: the write-off, the
    settlement (in force, paid or broken), the restructure addendum awaiting acceptance,
    and the reschedules applied. Few queries, only for loans that have any of it."""
    from loans.models import Proposal, Settlement, WriteOff

    info: dict = {
        "write_off": None,
        "settlement": None,
        "addendum": None,
        "reschedules": [],
        "rate_now": None,
    }
    # Every case but a moratorium starts with a proposal: one cheap query for most loans.
    if not loan.reschedule_count and not Proposal.objects.filter(loan_id=loan.pk).exists():
        return info
    if loan.status == LoanStatus.WRITTEN_OFF:
        info["write_off"] = WriteOff.objects.filter(loan=loan).first()
    settlement = Settlement.objects.filter(loan=loan).order_by("-id").first()
    if settlement is not None:
        info["settlement"] = settlement
        info["settlement_rows"] = list(settlement.installments.order_by("number"))
    reschedules = list(
        Reschedule.objects.filter(loan=loan)
        .select_related("moratorium", "proposal")
        .order_by("-id")
    )
    for r in reschedules:
        r.installment = regular_installment(r)
    info["addendum"] = next(
        (r for r in reschedules if r.status == RescheduleStatus.AWAITING_BORROWER), None
    )
    if info["addendum"] is not None:
        info["addendum_rows"] = [
            {**row, "charges": row["penal_due"] + row["fees_due"]}
            for row in (row_from_json(r) for r in info["addendum"].base_rows)
        ]
        terms = info["addendum"].proposal.terms if info["addendum"].proposal else {}
        asked = terms.get("installment")
        info["addendum_asked"] = Decimal(asked) if asked else None
        info["addendum_before"] = regular_installment(info["addendum"], before=True)
    info["reschedules"] = [r for r in reschedules if r.status == RescheduleStatus.APPLIED]
    # The loan's agreed rate stays what the KFS said; a restructure's rate applies since.
    info["rate_now"] = next((r for r in info["reschedules"] if r.kind == "restructure"), None)
    return info


def regular_installment(reschedule: Reschedule, *, before: bool = False) -> Decimal | None:
    """The installment most of the rows after the reschedule's date carry (principal and
    interest; the first new row of a restructure also carries the interest up to its date,
    and the last the rounding): what the borrower pays a month, in plain words."""
    from collections import Counter

    rows = reschedule.before_rows if before else reschedule.base_rows
    totals = Counter(
        Decimal(r["principal_due"]) + Decimal(r["interest_due"])
        for r in rows
        if date.fromisoformat(r["due_date"]) > reschedule.effective_on
    )
    return totals.most_common(1)[0][0] if totals else None
