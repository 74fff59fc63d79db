from django.conf import settings
from django.db import models
from django_fsm import FSMField, transition

from loans.models.products import MONEY, RATE, LoanProduct


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    UNDER_REVIEW = "under_review", "Under review"
    APPROVED = "approved", "Approved (offer made)"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    EXPIRED = "expired", "Offer expired"
    ACCEPTED = "accepted", "Offer accepted"


OPEN = [
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.APPROVED,
]


class LoanApplication(models.Model):
    """DESIGN §4: draft → submitted → under_review → approved | rejected; withdrawn from any
    open state; an approved offer expires after its KFS validity; accepted creates the loan.
    `status` moves only through the transitions below, called by loans.services."""

    borrower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="loan_applications"
    )
    product = models.ForeignKey(LoanProduct, on_delete=models.PROTECT, related_name="applications")
    amount = models.DecimalField(**MONEY)
    tenure = models.PositiveSmallIntegerField()
    purpose = models.CharField(max_length=200)
    monthly_income = models.DecimalField(**MONEY)
    existing_emis = models.DecimalField(**MONEY, default=0)
    status = FSMField(default=ApplicationStatus.DRAFT, choices=ApplicationStatus, protected=True)

    # Maker-checker: whoever created or recommended it may not approve it.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(max_length=500, blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    grade = models.CharField(max_length=1, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    bureau_score = models.PositiveSmallIntegerField(null=True, blank=True)

    # A credit manager's written decision to lend past hard stops (which ones, who, when,
    # why); approval then needs another credit manager (docs/decisions.md).
    hard_stop_override_codes = models.JSONField(default=list, blank=True)
    hard_stop_override_reason = models.TextField(blank=True)
    hard_stop_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hard_stop_override_at = models.DateTimeField(null=True, blank=True)

    offered_amount = models.DecimalField(**MONEY, null=True, blank=True)
    offered_rate = models.DecimalField(**RATE, null=True, blank=True)
    offer_expires_on = models.DateField(null=True, blank=True)
    kfs = models.JSONField(null=True, blank=True)
    kfs_hash = models.CharField(max_length=64, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["grade", "status"]),
        ]
        permissions = [("decide_loanapplication", "Can approve or reject loan applications")]

    def __str__(self):
        return f"Application #{self.pk}"

    @transition(field=status, source=ApplicationStatus.DRAFT, target=ApplicationStatus.SUBMITTED)
    def submit(self):
        pass

    @transition(
        field=status,
        source=[ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED],
        target=ApplicationStatus.UNDER_REVIEW,
    )
    def send_to_review(self):
        pass

    @transition(
        field=status,
        source=[ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW],
        target=ApplicationStatus.APPROVED,
    )
    def approve(self):
        pass

    @transition(
        field=status,
        source=[ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW],
        target=ApplicationStatus.REJECTED,
    )
    def reject(self):
        pass

    @transition(field=status, source=OPEN, target=ApplicationStatus.WITHDRAWN)
    def withdraw(self):
        pass

    @transition(field=status, source=ApplicationStatus.APPROVED, target=ApplicationStatus.EXPIRED)
    def expire(self):
        pass

    @transition(field=status, source=ApplicationStatus.APPROVED, target=ApplicationStatus.ACCEPTED)
    def accept(self):
        pass


class Consent(models.Model):
    """The borrower's acceptance of one exact KFS: when, from where, which version."""

    application = models.OneToOneField(
        LoanApplication, on_delete=models.PROTECT, related_name="consent"
    )
    borrower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kfs_hash = models.CharField(max_length=64)
    accepted_at = models.DateTimeField()
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=512, blank=True)

    def __str__(self):
        return f"Consent to KFS {self.kfs_hash[:12]}"
