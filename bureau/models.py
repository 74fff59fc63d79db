"""Credit bureau export runs, the problems found in them (our validations and the bureau's
rejections) and the CKYC numbers we hold (docs/bureau.md)."""

from django.conf import settings
from django.db import models


class Frequency(models.TextChoices):
    # Labels differ from a loan's repayment frequency on purpose: the API schema names an
    # enum by its choices, and the two must stay two enums.
    MONTHLY = "monthly", "Monthly file"
    FORTNIGHTLY = "fortnightly", "Fortnightly file"
    WEEKLY = "weekly", "Weekly file"


class BureauExport(models.Model):
    """One file for the bureaus: every reportable loan as of `as_of`. The file is kept as
    written, with its SHA-256, so what was sent can be shown later byte for byte."""

    as_of = models.DateField()
    frequency = models.CharField(max_length=12, choices=Frequency)
    file_name = models.CharField(max_length=100)
    content = models.TextField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    records = models.PositiveIntegerField(default=0)
    excluded = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Written by the periodic job (bureau_export_scheduled), not by an officer.
    scheduled = models.BooleanField(default=False)

    class Meta:
        ordering = ["-as_of", "-id"]
        constraints = [
            # The job's idempotency under a race: one scheduled file per as-of date.
            models.UniqueConstraint(
                fields=["as_of"],
                condition=models.Q(scheduled=True),
                name="bureauexport_one_scheduled_per_as_of",
            )
        ]

    def __str__(self):
        return f"Bureau file as of {self.as_of:%d %b %Y}"


class IssueKind(models.TextChoices):
    VALIDATION = "validation", "Failed our validation (not in the file)"
    REJECTION = "rejection", "Rejected by the bureau"


class BureauIssue(models.Model):
    """Something an officer must fix on a loan or its borrower before the next file."""

    export = models.ForeignKey(BureauExport, on_delete=models.CASCADE, related_name="issues")
    loan = models.ForeignKey(
        "loans.Loan", null=True, blank=True, on_delete=models.PROTECT, related_name="bureau_issues"
    )
    account_number = models.CharField(max_length=30)
    kind = models.CharField(max_length=12, choices=IssueKind)
    field = models.CharField(max_length=40)
    code = models.CharField(max_length=20, blank=True)
    message = models.CharField(max_length=300)

    class Meta:
        ordering = ["export_id", "account_number", "id"]

    def __str__(self):
        return f"{self.account_number}: {self.message}"


class CkycRecord(models.Model):
    """The borrower's Central KYC identifier (14 digits) when we hold one."""

    profile = models.OneToOneField(
        "accounts.BorrowerProfile", on_delete=models.PROTECT, related_name="ckyc"
    )
    number = models.CharField(max_length=14, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.number
