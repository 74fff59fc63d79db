"""Payments, their allocation to installments, reversals, charges and refunds.

The loan's installment state is always what replaying its posted payments and charges in
order over the original schedule gives (repayments.engine); these rows record the events
and the current result of that replay.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django_fsm import RETURN_VALUE, FSMField, transition

from lendingsite.utr import utr_folded
from loans.models import Installment, JournalEntry, Loan

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0.00")


class Channel(models.TextChoices):
    UPI = "upi", "UPI"
    NEFT = "neft", "NEFT"
    IMPS = "imps", "IMPS"
    CASH = "cash", "Cash"
    CHEQUE = "cheque", "Cheque"
    NACH = "nach", "NACH"
    GATEWAY = "gateway", "Payment gateway"


class PaymentSource(models.TextChoices):
    API = "api", "API"
    ADMIN = "admin", "Officer console"
    WEBHOOK = "webhook", "Gateway webhook"
    PAGE = "page", "Borrower page"
    SYSTEM = "system", "System"


class PaymentStatus(models.TextChoices):
    POSTED = "posted", "Posted"
    REVERSED = "reversed", "Reversed"


class Payment(models.Model):
    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(**MONEY)
    paid_on = models.DateField()
    channel = models.CharField(max_length=10, choices=Channel)
    # The bank's reference: unique across the book, enforced by the database too. Written
    # in canonical form (lendingsite.utr) since that rule exists; older rows as typed.
    utr = models.CharField(max_length=64, unique=True)
    # What uniqueness is decided on: the canonical UTR. Rows that clashed in canonical form
    # when this column was introduced keep a " #<id>" suffix, which no canonical UTR can
    # have (it contains a blank), and are listed by `manage.py utr_duplicates`
    # (docs/operations.md, "UTR canonical form").
    utr_canonical = models.CharField(max_length=80, unique=True, editable=False)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(max_length=10, choices=PaymentSource, default=PaymentSource.API)
    provider = models.CharField(max_length=30, blank=True)
    provider_payment_id = models.CharField(max_length=100, blank=True)
    status = FSMField(default=PaymentStatus.POSTED, choices=PaymentStatus, protected=True)
    # Current allocation totals (the replay's result); per-installment split in allocations.
    penal = models.DecimalField(**MONEY, default=ZERO)
    fees = models.DecimalField(**MONEY, default=ZERO)
    interest = models.DecimalField(**MONEY, default=ZERO)
    principal = models.DecimalField(**MONEY, default=ZERO)
    excess = models.DecimalField(**MONEY, default=ZERO)
    posted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-paid_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_payment_id"],
                condition=~models.Q(provider=""),
                name="payment_provider_id_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payment_amount_positive"
            ),
        ]
        indexes = [models.Index(fields=["loan", "paid_on", "id"], name="payment_loan_order")]
        permissions = [("reverse_payment", "Can reverse payments")]

    def __str__(self):
        return f"Payment {self.utr} ₹{self.amount}"

    def save(self, *args, **kwargs):
        # payment_post writes the key itself; rows saved through the ORM (fixtures,
        # factories) get the same one, so the unique constraint means the same everywhere.
        if not self.utr_canonical:
            self.utr_canonical = utr_folded(self.utr)
        super().save(*args, **kwargs)

    @transition(field=status, source=PaymentStatus.POSTED, target=PaymentStatus.REVERSED)
    def reverse(self):
        pass


class PaymentAllocation(models.Model):
    """How much of a payment went to which part of which installment, as of the latest
    replay. Replaced (with a ledger adjustment) when a reversal or a backdated payment
    changes history."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="allocations")
    installment = models.ForeignKey(
        Installment, on_delete=models.PROTECT, related_name="allocations"
    )
    penal = models.DecimalField(**MONEY, default=ZERO)
    fees = models.DecimalField(**MONEY, default=ZERO)
    interest = models.DecimalField(**MONEY, default=ZERO)
    principal = models.DecimalField(**MONEY, default=ZERO)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["payment", "installment"], name="allocation_unique")
        ]

    def __str__(self):
        return f"Allocation of payment {self.payment_id} to installment {self.installment_id}"


class PaymentReversal(models.Model):
    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="reversal")
    reason = models.CharField(max_length=300)
    reversed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reversed_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Reversal of payment {self.payment_id}"


class ChargeKind(models.TextChoices):
    PENAL = "penal", "Penal charge"
    FEE = "fee", "Fee"


class ChargeStatus(models.TextChoices):
    IN_FORCE = "in_force", "In force"
    # Void once the loan's history was replayed: the installment was not overdue above the
    # floor at the end of the charge date (a payment dated on time, recorded late).
    REVERSED = "reversed", "Reversed (void)"
    WAIVED = "waived", "Waived"


class Charge(models.Model):
    """A penal charge or fee levied on one installment (the day-end levies penal charges).
    Never capitalised, never earns interest (RBI penal-charges rules, 2023). Never deleted:
    a void charge is marked reversed (with a reversing ledger entry), a waiver lowers the
    amount in force (to nothing: waived). Only the amount in force is in the loan's
    replayed history (docs/payments.md)."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="charges")
    # Empty only for a charge no longer in force whose installment a later replay removed
    # (a backdated foreclosure before its due date): nothing points at a vanished row.
    installment = models.ForeignKey(
        Installment, null=True, blank=True, on_delete=models.PROTECT, related_name="charges"
    )
    kind = models.CharField(max_length=10, choices=ChargeKind)
    amount = models.DecimalField(**MONEY)
    charged_on = models.DateField()
    reason = models.CharField(max_length=200, blank=True)
    journal_entry = models.ForeignKey(
        JournalEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Database defaults too: the day-end's set-based INSERT (collection.dayend.penal) names
    # only the columns of a new charge. (A plain field, not a protected FSMField: the row
    # reads back its database default on insert. Only the payment services change it.)
    status = models.CharField(
        max_length=10,
        choices=ChargeStatus,
        default=ChargeStatus.IN_FORCE,
        db_default=ChargeStatus.IN_FORCE.value,
    )
    waived_amount = models.DecimalField(**MONEY, default=ZERO, db_default=ZERO)
    reversed_on = models.DateField(null=True, blank=True)
    # The reversing entry of a void charge is its levy entry's `reversed_by`.
    reversal_reason = models.CharField(max_length=300, blank=True, default="", db_default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # Once per overdue installment and kind: the day-end may run twice safely.
            models.UniqueConstraint(
                fields=["installment", "kind"], name="charge_once_per_installment"
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="charge_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(waived_amount__gte=0)
                & models.Q(waived_amount__lte=models.F("amount")),
                name="charge_waived_within_amount",
            ),
        ]
        indexes = [models.Index(fields=["loan", "charged_on"], name="charge_loan_date")]
        permissions = [("waive_charge", "Can propose a charge waiver")]

    def __str__(self):
        return f"{self.get_kind_display()} ₹{self.amount} on installment {self.installment_id}"

    @property
    def amount_in_force(self) -> Decimal:
        """What the borrower is charged now: nothing once reversed or waived in full."""
        if self.status != ChargeStatus.IN_FORCE:
            return ZERO
        return self.amount - self.waived_amount


class WaiverStatus(models.TextChoices):
    PROPOSED = "proposed", "Awaiting approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class ChargeWaiver(models.Model):
    """A waiver of (part of) a charge: proposed by one finance officer with a reason,
    approved or rejected by another (maker-checker). Approval lowers the charge's amount
    in force and books Dr Charges Suspense / Cr Charges Receivable for it."""

    charge = models.ForeignKey(Charge, on_delete=models.PROTECT, related_name="waivers")
    amount = models.DecimalField(**MONEY)
    reason = models.CharField(max_length=300)
    status = FSMField(default=WaiverStatus.PROPOSED, choices=WaiverStatus, protected=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_on = models.DateField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    decision_note = models.CharField(max_length=300, blank=True)
    journal_entry = models.ForeignKey(
        JournalEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="waiver_amount_positive"),
            # One proposal at a time per charge: the checker decides on one amount.
            models.UniqueConstraint(
                fields=["charge"],
                condition=models.Q(status="proposed"),
                name="one_open_waiver_per_charge",
            ),
        ]
        permissions = [("approve_chargewaiver", "Can approve or reject charge waivers")]

    def __str__(self):
        return f"Waiver {self.pk} of ₹{self.amount} on charge {self.charge_id}"

    @transition(field=status, source=WaiverStatus.PROPOSED, target=WaiverStatus.APPROVED)
    def approve(self):
        pass

    @transition(field=status, source=WaiverStatus.PROPOSED, target=WaiverStatus.REJECTED)
    def reject(self):
        pass


class CreditRefund(models.Model):
    """Money paid back to a borrower from their credit balance (an overpayment)."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(**MONEY)
    refunded_on = models.DateField()
    reference = models.CharField(max_length=64)
    refunded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    journal_entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Refund ₹{self.amount} on loan {self.loan_id}"


class ExitRequestStatus(models.TextChoices):
    OPEN = "open", "Open (waiting for the money)"
    COMPLETED = "completed", "Completed (loan cancelled)"
    LAPSED = "lapsed", "Lapsed (not paid by the date)"


class ExitRequest(models.Model):
    """A borrower's request to leave the loan within the cooling-off period. It fixes what
    exiting costs up to `pay_by` (principal + interest for the days held); the loan is
    cancelled only when a payment that pays it off arrives, dated on or before `pay_by`
    (repayments.services.exits; docs/payments.md "Cooling-off exit")."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="exit_requests")
    status = FSMField(default=ExitRequestStatus.OPEN, choices=ExitRequestStatus, protected=True)
    requested_on = models.DateField()
    pay_by = models.DateField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # What exiting costs if the money arrives on the pay-by date (the most it can cost).
    principal = models.DecimalField(**MONEY)
    interest = models.DecimalField(**MONEY)
    amount = models.DecimalField(**MONEY)
    # The payment that paid the loan off and so completed the exit: the evidence.
    payment = models.OneToOneField(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="exit_request"
    )
    completed_on = models.DateField(null=True, blank=True)
    lapsed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-requested_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["loan"],
                condition=models.Q(status=ExitRequestStatus.OPEN),
                name="exit_request_one_open_per_loan",
            ),
            models.CheckConstraint(
                condition=models.Q(pay_by__gte=models.F("requested_on")),
                name="exit_request_pay_by_after_request",
            ),
            models.CheckConstraint(
                condition=models.Q(amount=models.F("principal") + models.F("interest")),
                name="exit_request_amount_is_principal_plus_interest",
            ),
        ]
        indexes = [models.Index(fields=["status", "pay_by"], name="exit_request_status_pay_by")]

    def __str__(self):
        return f"Exit request {self.pk} on loan #{self.loan_id}"

    @property
    def reference(self) -> str:
        """What the borrower writes in the transfer's remarks, so finance can tell an exit
        payment from an installment at a glance (matching never depends on it)."""
        return f"LS-{self.loan_id}-EXIT-{self.pk}"

    @transition(
        field=status,
        source=[ExitRequestStatus.OPEN, ExitRequestStatus.LAPSED],
        target=ExitRequestStatus.COMPLETED,
    )
    def complete(self):
        pass

    @transition(field=status, source=ExitRequestStatus.OPEN, target=ExitRequestStatus.LAPSED)
    def lapse(self):
        pass

    @transition(
        field=status,
        source=ExitRequestStatus.COMPLETED,
        target=RETURN_VALUE(ExitRequestStatus.OPEN, ExitRequestStatus.LAPSED),
    )
    def reopen(self, *, still_open: bool):
        return ExitRequestStatus.OPEN if still_open else ExitRequestStatus.LAPSED
