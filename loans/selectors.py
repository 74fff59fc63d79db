"""Reads shared by services, the API, the admin and the pages."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.arrears import Arrears, Due, arrears_on, as_of_for_today, nothing_owed
from loans.arrears import installment_status as arrears_status
from loans.models import Installment, Loan, LoanApplication, LoanStatus


def borrower_on_time_ratio(*, borrower, as_of: date) -> Decimal | None:
    """Share of the borrower's installments due before `as_of` that were paid in full by
    their due date; None when there is no history on the platform."""
    counts = Installment.objects.filter(loan__borrower=borrower, due_date__lt=as_of).aggregate(
        total=Count("id"),
        on_time=Count("id", filter=Q(paid_on__isnull=False, paid_on__lte=F("due_date"))),
    )
    if not counts["total"]:
        return None
    return (Decimal(counts["on_time"]) / counts["total"]).quantize(Decimal("0.0001"))


def borrower_has_active_npa(*, borrower) -> bool:
    return Loan.objects.filter(borrower=borrower, status=LoanStatus.ACTIVE, bucket="NPA").exists()


def applications_for(user):
    """Applications the user may see: staff with the view permission see all (collectors
    do not have it), anyone else only their own."""
    qs = LoanApplication.objects.select_related("product", "borrower", "created_by")
    return qs if user.has_perm("loans.view_loanapplication") else qs.filter(borrower=user)


def application_kfs(application: LoanApplication) -> dict:
    """The frozen KFS with its version hash, for the API and the KFS page alike; there is
    none until a credit manager has made an offer."""
    if not application.kfs:
        raise DomainError(
            "invalid_state",
            f"Application #{application.pk} has no offer yet, so there is no Key Fact Statement.",
        )
    return {**application.kfs, "kfs_hash": application.kfs_hash}


def loans_for(user):
    """Staff who may view loans see all; everyone else only the loans they borrow."""
    qs = Loan.objects.select_related("product", "borrower")
    return qs if user.has_perm("loans.view_loan") else qs.filter(borrower=user)


ZERO = Decimal("0.00")
MONEY_FIELD = DecimalField(max_digits=14, decimal_places=2)
# Statuses in which the schedule is still owed: after closing, foreclosure or a
# cooling-off cancellation the unpaid rows are history, not debt.
OWING = [LoanStatus.ACTIVE, LoanStatus.WRITTEN_OFF]


def installment_unpaid():
    """Per installment: every due part minus every paid part."""
    return (F("principal_due") + F("interest_due") + F("penal_due") + F("fees_due")) - (
        F("principal_paid") + F("interest_paid") + F("penal_paid") + F("fees_paid")
    )


def loans_with_balances(qs):
    """Annotate `total_outstanding` (Σ unpaid parts of every installment) in the same
    query, so a list of loans costs one query whatever its length. Loans that owe nothing
    (pending, closed, cancelled) show 0.00. What is overdue and the next payment come from
    `loan_arrears` (prefetch with `loans_with_arrears`)."""
    rows = Installment.objects.filter(loan=OuterRef("pk")).annotate(unpaid=installment_unpaid())
    total = rows.order_by().values("loan").annotate(t=Sum("unpaid")).values("t")
    return qs.annotate(
        total_outstanding=Case(
            When(
                Q(status__in=OWING),
                then=Coalesce(Subquery(total), Value(ZERO), output_field=MONEY_FIELD),
            ),
            default=Value(ZERO),
            output_field=MONEY_FIELD,
        ),
    )


def loans_with_arrears(qs):
    """`loans_with_balances` plus what `loan_arrears` reads (the product, the installments
    in order), fetched once for the whole list: two queries whatever its length."""
    return (
        loans_with_balances(qs)
        .select_related("product")
        .prefetch_related(Prefetch("installments", queryset=Installment.objects.order_by("number")))
    )


def loans_with_balances_for(user, *, installments: bool = True):
    """`loans_for` with balances and arrears, for the loans API: its answer names the
    borrower by id only, so the borrower's row is not joined (loans_for joins it for the
    pages and the admin, which print names). `installments=False` leaves the schedule
    out, for a list that reads its arrears with `arrears_of_loans`."""
    qs = loans_for(user).select_related(None)
    if installments:
        return loans_with_arrears(qs)
    return loans_with_balances(qs).select_related("product")


# --- what is overdue: the one rule (loans.arrears), for every caller ----------------------


def due_of(installment: Installment) -> Due:
    return Due(installment.due_date, installment.outstanding, installment.total_paid)


def today_as_of() -> date:
    """The business date a page or API answer given today describes (the end of yesterday:
    last night's day-end); loans.arrears.as_of_for_today."""
    return as_of_for_today(today_ist())


def loan_arrears(loan: Loan, *, as_of: date, installments=None) -> Arrears:
    """The loan's arrears at the end of `as_of` (loans.arrears): which installments count as
    overdue above the product's materiality floor, the overdue amount, DPD, the oldest
    overdue due date and the next payment. Reads `loan.product` and the loan's installments
    (`installments`, else `loan.installments.all()`: prefetch them for a list,
    `loans_with_arrears`). A loan whose schedule is no longer owed has no arrears."""
    rows = loan.installments.all() if installments is None else installments
    return _arrears(loan, (due_of(i) for i in rows), as_of)  # read only if still owed


def _arrears(loan: Loan, dues: Iterable[Due], as_of: date) -> Arrears:
    floor = loan.product.materiality_floor
    if loan.status not in OWING:
        return nothing_owed(as_of, floor)
    return arrears_on(dues, business_date=as_of, materiality_floor=floor)


def arrears_of_loans(loans: Iterable[Loan], *, as_of: date) -> dict[int, Arrears]:
    """`loan_arrears` of each loan of a list (reads `loan.product`), from one query that
    brings only what the rule reads of the rows still owing: (loan, due date, `owed`), no
    installment objects. A page of 25 loans is a few hundred installments; as objects they
    were most of an officer's loan list's time. The rule skips a row that owes nothing,
    so leaving those out in SQL changes no answer (held equal in loans/tests)."""
    loans = list(loans)
    owing = [loan.pk for loan in loans if loan.status in OWING]
    dues: dict[int, list[Due]] = {}
    if owing:
        rows = (
            Installment.objects.filter(loan_id__in=owing, owed__gt=0)
            .order_by()
            .values_list("loan_id", "due_date", "owed")
        )  # from the partial covering index installment_unpaid_cover on PostgreSQL
        for loan_id, due_date, owed in rows:
            dues.setdefault(loan_id, []).append(Due(due_date, owed))
    return {loan.pk: _arrears(loan, dues.get(loan.pk, ()), as_of) for loan in loans}


def installment_status(installment: Installment, *, as_of: date, materiality_floor) -> str:
    """paid, overdue, partially_paid or due at the end of `as_of`, by the arrears rule
    (pass the loan's Arrears' business_date and materiality_floor when you have them)."""
    return arrears_status(
        due_of(installment), business_date=as_of, materiality_floor=materiality_floor
    )


def loan_with_schedule(*, loan_id: int, user):
    return (
        loans_for(user)
        .prefetch_related(Prefetch("installments", queryset=Installment.objects.order_by("number")))
        .get(pk=loan_id)
    )
