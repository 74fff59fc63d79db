"""The book as the bureau sees it: every reportable loan as an AccountRecord, read a chunk
at a time (four queries per chunk whatever its size)."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from django.db.models import Max, OuterRef, Prefetch, Q, Subquery

from bureau.models import BureauExport, BureauIssue
from bureau.records import AccountRecord
from collection.dayend.buckets import bucket_table
from loans.models import Loan, LoanStatus
from loans.models.servicing import Settlement, SettlementStatus
from loans.selectors import loan_arrears, loans_with_arrears
from repayments.models import Payment, PaymentStatus

ZERO = Decimal("0.00")
NOT_REPORTED = (LoanStatus.PENDING_DISBURSEMENT, LoanStatus.CANCELLED)
CHUNK = 1000


def account_number(loan_id: int) -> str:
    """The account number the bureau knows the loan by (as printed on the borrower's
    statements)."""
    return f"LN{loan_id:08d}"


def reportable(*, as_of: date, period_start: date):
    """Disbursed by `as_of`, and still open or closed within the period (a closed account
    is reported once more, with its closing date)."""
    return (
        Loan.objects.filter(disbursed_on__isnull=False, disbursed_on__lte=as_of)
        .exclude(status__in=NOT_REPORTED)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=period_start))
    )


def _record(loan: Loan, *, as_of: date, npa: str) -> AccountRecord:
    profile = getattr(loan.borrower, "profile", None)
    ckyc = getattr(profile, "ckyc", None) if profile else None
    arrears = loan_arrears(loan, as_of=as_of)
    write_off = getattr(loan, "write_off_record", None)
    settled = loan.paid_settlements[0].amount if loan.paid_settlements else ZERO
    return AccountRecord(
        loan_id=loan.pk,
        account_number=account_number(loan.pk),
        name=(profile.full_name if profile else "") or loan.borrower.full_name,
        date_of_birth=profile.date_of_birth if profile else None,
        pan=(profile.pan if profile else "") or "",
        ckyc=ckyc.number if ckyc else "",
        phone=(profile.phone if profile else "") or "",
        address=(profile.address if profile else "") or "",
        date_opened=loan.disbursed_on,
        date_closed=loan.closed_on,
        last_payment=loan.last_paid_on,
        sanctioned=loan.principal,
        current_balance=loan.total_outstanding,
        amount_overdue=arrears.overdue_amount,
        dpd=arrears.dpd,
        asset_class="02" if loan.bucket == npa else "01",
        status=loan.status,
        written_off_total=write_off.claim if write_off else ZERO,
        written_off_principal=write_off.principal if write_off else ZERO,
        settlement_amount=settled,
        restructured=loan.restructured,
    )


def account_records(*, as_of: date, period_start: date) -> Iterator[AccountRecord]:
    npa = bucket_table().npa.name
    last_paid = (
        Payment.objects.filter(loan=OuterRef("pk"), status=PaymentStatus.POSTED, paid_on__lte=as_of)
        .order_by()
        .values("loan")
        .annotate(d=Max("paid_on"))
        .values("d")
    )
    last = 0
    while True:
        chunk = list(
            loans_with_arrears(
                reportable(as_of=as_of, period_start=period_start).filter(pk__gt=last)
            )
            .select_related("borrower__profile__ckyc", "write_off_record")
            .prefetch_related(
                Prefetch(
                    "settlements",
                    queryset=Settlement.objects.filter(status=SettlementStatus.PAID),
                    to_attr="paid_settlements",
                )
            )
            .annotate(last_paid_on=Subquery(last_paid))
            .order_by("pk")[:CHUNK]
        )
        if not chunk:
            return
        for loan in chunk:
            yield _record(loan, as_of=as_of, npa=npa)
        last = chunk[-1].pk


def exports_for(user):
    if not user.has_perm("bureau.view_bureauexport"):
        return BureauExport.objects.none()
    return BureauExport.objects.select_related("created_by")


def issues_of_loan(loan) -> list[BureauIssue]:
    """The problems of the loan in the latest file that had any for it."""
    latest = BureauIssue.objects.filter(loan=loan).order_by("-export_id").values("export_id")[:1]
    return list(BureauIssue.objects.filter(loan=loan, export_id=Subquery(latest)))
