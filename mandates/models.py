"""Mandates, presentation batches and presentations (docs/mandates.md). States move only
through mandates.services."""

from django.conf import settings
from django.db import models

from loans.models import Installment, Loan


class MandateStatus(models.TextChoices):
    INITIATED = "initiated", "Waiting for the bank"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    CANCELLED = "cancelled", "Cancelled"
    REJECTED = "rejected", "Rejected by the bank"


LIVE_STATUSES = [MandateStatus.INITIATED, MandateStatus.ACTIVE, MandateStatus.PAUSED]


class Frequency(models.TextChoices):
    # NPCI's frequency codes: MNTH monthly, ADHO "as and when presented".
    MONTHLY = "MNTH", "Monthly"
    AS_PRESENTED = "ADHO", "As presented"


class Mandate(models.Model):
    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="mandates")
    bank_account = models.ForeignKey(
        "accounts.BankAccount", on_delete=models.PROTECT, related_name="mandates"
    )
    adapter = models.CharField(max_length=30)
    # Our reference for the registration (sent to the bank; its callbacks name it).
    reference = models.CharField(max_length=40, unique=True)
    max_amount = models.DecimalField(max_digits=14, decimal_places=2)
    frequency = models.CharField(max_length=4, choices=Frequency, default=Frequency.MONTHLY)
    start_on = models.DateField()
    end_on = models.DateField()
    # The Unique Mandate Reference Number NPCI gives once the bank confirms.
    umrn = models.CharField(max_length=20, blank=True, default="")
    status = models.CharField(max_length=10, choices=MandateStatus, default=MandateStatus.INITIATED)
    reason_code = models.CharField(max_length=20, blank=True, default="")
    reason = models.CharField(max_length=200, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            # One mandate in force (or waiting for the bank) per loan.
            models.UniqueConstraint(
                fields=["loan"],
                condition=models.Q(status__in=["initiated", "active", "paused"]),
                name="one_live_mandate_per_loan",
            ),
            models.UniqueConstraint(
                fields=["umrn"], condition=~models.Q(umrn=""), name="mandate_umrn_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(max_amount__gt=0), name="mandate_max_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")), name="mandate_dates_ordered"
            ),
        ]
        indexes = [models.Index(fields=["status", "adapter"], name="mandate_status_adapter")]
        permissions = [("pause_mandate", "Can pause and resume a mandate")]

    def __str__(self):
        return f"Mandate {self.reference} ({self.status})"


class PresentationBatch(models.Model):
    """What one run sent to one adapter on one day."""

    adapter = models.CharField(max_length=30)
    presented_on = models.DateField()
    count = models.PositiveIntegerField(default=0)
    total = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-presented_on", "adapter"]
        constraints = [
            models.UniqueConstraint(fields=["adapter", "presented_on"], name="batch_once_a_day")
        ]
        verbose_name_plural = "presentation batches"

    def __str__(self):
        return f"{self.adapter} batch of {self.presented_on}"


class PresentationStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled to present again"
    PRESENTED = "presented", "Presented, waiting for the result"
    SUCCEEDED = "succeeded", "Debited"
    BOUNCED = "bounced", "Bounced"
    SKIPPED = "skipped", "Not presented (paid or mandate stopped)"


class Presentation(models.Model):
    """One debit of one installment; attempt 1 is the first presentation, 2.. re-presentations."""

    batch = models.ForeignKey(
        PresentationBatch, null=True, on_delete=models.PROTECT, related_name="presentations"
    )
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="presentations")
    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="presentations")
    installment = models.ForeignKey(Installment, on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField()
    attempt = models.PositiveSmallIntegerField(default=1)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    status = models.CharField(
        max_length=10, choices=PresentationStatus, default=PresentationStatus.PRESENTED
    )
    presented_on = models.DateField(null=True)
    scheduled_on = models.DateField(null=True, blank=True)
    result_on = models.DateField(null=True, blank=True)
    reason_code = models.CharField(max_length=10, blank=True, default="")
    payment = models.ForeignKey(
        "repayments.Payment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    charge = models.ForeignKey(
        "repayments.Charge", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        constraints = [
            # The job may run twice a day, or twice for one due date: one debit each time.
            models.UniqueConstraint(
                fields=["loan", "due_date", "attempt"], name="presentation_once_per_due_date"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="presentation_amount_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "scheduled_on"], name="presentation_status_day"),
            models.Index(fields=["batch", "status"], name="presentation_batch_status"),
        ]
        permissions = [("record_result", "Can load a bank's presentation results")]

    def __str__(self):
        return f"Presentation {self.pk} of loan {self.loan_id} due {self.due_date}"

    @property
    def reference(self) -> str:
        return f"NACH{self.pk:010d}"
