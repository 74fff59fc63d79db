"""Payments, their allocation to installments, reversals, charges and refunds.

The loan's installment state is always what replaying its posted payments and charges in
order over the original schedule gives (repayments.engine); these rows record the events
and the current result of that replay.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django_fsm import FSMField, transition

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


class Charge(models.Model):
    """A penal charge or fee levied on one installment (the day-end levies penal charges).
    Never capitalised, never earns interest (RBI penal-charges rules, 2023)."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="charges")
    installment = models.ForeignKey(Installment, on_delete=models.PROTECT, related_name="charges")
    kind = models.CharField(max_length=10, choices=ChargeKind)
    amount = models.DecimalField(**MONEY)
    charged_on = models.DateField()
    reason = models.CharField(max_length=200, blank=True)
    journal_entry = models.ForeignKey(
        JournalEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # Once per overdue installment and kind: the day-end may run twice safely.
            models.UniqueConstraint(
                fields=["installment", "kind"], name="charge_once_per_installment"
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="charge_amount_positive"),
        ]
        indexes = [models.Index(fields=["loan", "charged_on"], name="charge_loan_date")]

    def __str__(self):
        return f"{self.get_kind_display()} ₹{self.amount} on installment {self.installment_id}"


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
