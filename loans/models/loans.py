from decimal import Decimal

from django.conf import settings
from django.db import models
from django_fsm import FSMField, transition

from loans.models.applications import LoanApplication
from loans.models.products import MONEY, RATE, LoanProduct
from loans.models.terms import LoanTerms

ZERO = Decimal("0.00")


class LoanStatus(models.TextChoices):
    PENDING_DISBURSEMENT = "pending_disbursement", "Pending disbursement"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed (paid in full)"
    FORECLOSED = "foreclosed", "Foreclosed (closed early)"
    WRITTEN_OFF = "written_off", "Written off"
    CANCELLED = "cancelled", "Cancelled (cooling-off)"
    # Closed by a one-time settlement: paid less than was owed (a bureau must know).
    SETTLED = "settled", "Settled (closed for less than the dues)"


class Loan(LoanTerms):
    """A loan account. The financial fields (status, principal, rate, balances, dpd, bucket)
    are written only by services; the API and admin show them read-only."""

    application = models.OneToOneField(
        LoanApplication, on_delete=models.PROTECT, related_name="loan"
    )
    borrower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="loans"
    )
    product = models.ForeignKey(LoanProduct, on_delete=models.PROTECT, related_name="loans")
    status = FSMField(
        default=LoanStatus.PENDING_DISBURSEMENT, choices=LoanStatus, protected=True, db_index=True
    )

    # Terms as agreed in the KFS (copied from the offer; the product may change later),
    # with the product's schedule and allocation terms (LoanTerms, copied on acceptance).
    principal = models.DecimalField(**MONEY)
    annual_rate = models.DecimalField(**RATE)
    tenure = models.PositiveSmallIntegerField()
    processing_fee = models.DecimalField(**MONEY, default=ZERO)  # incl. GST
    net_disbursed = models.DecimalField(**MONEY)
    apr = models.DecimalField(max_digits=7, decimal_places=2)
    kfs_hash = models.CharField(max_length=64)

    disbursed_on = models.DateField(null=True, blank=True)
    disbursement_reference = models.CharField(max_length=64, blank=True)
    disbursed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The borrower's verified account the money was sent to (the beneficiary).
    disbursement_account = models.ForeignKey(
        "accounts.BankAccount", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cooling_off_until = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    principal_outstanding = models.DecimalField(**MONEY, default=ZERO)
    dpd = models.PositiveIntegerField(default=0)
    bucket = models.CharField(max_length=10, default="current", db_index=True)

    # Distress servicing (docs/servicing.md): a restructure's flag, last date and count
    # (bureaus and the asset classification need them); every reschedule (restructure or
    # moratorium) bumps `reschedule_count`, which tells the replay to start from the latest.
    restructured = models.BooleanField(default=False)
    restructured_on = models.DateField(null=True, blank=True)
    restructure_count = models.PositiveSmallIntegerField(default=0)
    reschedule_count = models.PositiveSmallIntegerField(default=0)
    # A one-time settlement is in force: payments count towards it too. Kept on the loan so
    # that posting a payment on any other loan costs no extra query.
    under_settlement = models.BooleanField(default=False)

    # Officers' free-text notes: the one field staff may change (PATCH, admin); it moves
    # no money, so the financial guard lets it through.
    notes = models.TextField(blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("disburse_loan", "Can disburse loans")]

    def __str__(self):
        return f"Loan #{self.pk}"

    @transition(field=status, source=LoanStatus.PENDING_DISBURSEMENT, target=LoanStatus.ACTIVE)
    def activate(self):
        pass

    @transition(field=status, source=LoanStatus.ACTIVE, target=LoanStatus.CLOSED)
    def close(self):
        pass

    @transition(field=status, source=LoanStatus.ACTIVE, target=LoanStatus.FORECLOSED)
    def foreclose(self):
        pass

    @transition(
        field=status, source=[LoanStatus.CLOSED, LoanStatus.FORECLOSED], target=LoanStatus.ACTIVE
    )
    def reopen(self):
        pass

    @transition(field=status, source=LoanStatus.ACTIVE, target=LoanStatus.WRITTEN_OFF)
    def write_off(self):
        pass

    @transition(field=status, source=LoanStatus.ACTIVE, target=LoanStatus.SETTLED)
    def settle(self):
        pass

    # A cooling-off exit: the borrower's payment paid the loan off (the replay forecloses
    # it), and because it answers their exit request the loan is cancelled instead
    # (repayments.services.exits). Reversing that payment takes the cancellation back.
    @transition(field=status, source=LoanStatus.FORECLOSED, target=LoanStatus.CANCELLED)
    def cancel(self):
        pass

    @transition(field=status, source=LoanStatus.CANCELLED, target=LoanStatus.FORECLOSED)
    def uncancel(self):
        pass


class InstallmentStatus(models.TextChoices):
    DUE = "due", "Due"
    PAID = "paid", "Paid"
    PARTIALLY_PAID = "partially_paid", "Partly paid"
    OVERDUE = "overdue", "Overdue"


class Installment(models.Model):
    """One row of the schedule: what is due and what has been paid against each part."""

    # No index of its own: the unique (loan, number) index serves every lookup by loan, and
    # each installment write (every payment, every penal charge) would update one more index.
    loan = models.ForeignKey(
        Loan, on_delete=models.PROTECT, related_name="installments", db_index=False
    )
    number = models.PositiveSmallIntegerField()
    due_date = models.DateField()
    principal_due = models.DecimalField(**MONEY)
    interest_due = models.DecimalField(**MONEY)
    penal_due = models.DecimalField(**MONEY, default=ZERO)
    fees_due = models.DecimalField(**MONEY, default=ZERO)
    principal_paid = models.DecimalField(**MONEY, default=ZERO)
    interest_paid = models.DecimalField(**MONEY, default=ZERO)
    penal_paid = models.DecimalField(**MONEY, default=ZERO)
    fees_paid = models.DecimalField(**MONEY, default=ZERO)
    balance_after = models.DecimalField(**MONEY)
    paid_on = models.DateField(null=True, blank=True)
    # What is still owed on the row, kept by the database (read-only here): the day-end reads
    # it from the covering index below instead of fetching every overdue row. The CHECK
    # constraint keeps each paid part within its due, so owed > 0 means "not fully paid".
    owed = models.GeneratedField(
        expression=(
            models.F("principal_due")
            + models.F("interest_due")
            + models.F("penal_due")
            + models.F("fees_due")
        )
        - (
            models.F("principal_paid")
            + models.F("interest_paid")
            + models.F("penal_paid")
            + models.F("fees_paid")
        ),
        output_field=models.DecimalField(**MONEY),
        db_persist=True,
    )

    class Meta:
        ordering = ["loan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["loan", "number"], name="installment_loan_number"),
            models.CheckConstraint(
                condition=models.Q(principal_paid__lte=models.F("principal_due"))
                & models.Q(interest_paid__lte=models.F("interest_due"))
                & models.Q(penal_paid__lte=models.F("penal_due"))
                & models.Q(fees_paid__lte=models.F("fees_due")),
                name="installment_paid_within_due",
            ),
        ]
        indexes = [
            models.Index(fields=["due_date"], name="installment_due_date"),
            # Only the rows not fully paid (future and overdue ones), by loan and due date,
            # carrying what the day-end needs (collection.dayend.sql.overdue_select) so
            # that its scan is index-only on PostgreSQL (SQLite has no INCLUDE).
            models.Index(
                fields=["loan", "due_date"],
                include=["owed", "penal_due", "id"],
                condition=models.Q(owed__gt=0),
                name="installment_unpaid_cover",
            ),
        ]

    def __str__(self):
        return f"Installment {self.number} of loan #{self.loan_id}"

    @property
    def total_due(self) -> Decimal:
        return self.principal_due + self.interest_due + self.penal_due + self.fees_due

    @property
    def total_paid(self) -> Decimal:
        return self.principal_paid + self.interest_paid + self.penal_paid + self.fees_paid

    @property
    def outstanding(self) -> Decimal:
        return self.total_due - self.total_paid
