"""The books' own tables: month-end runs and their chunks (like the day-end's), the
per-loan provisioning detail a close keeps for its report, and the realisable value of a
loan's security (the secured part of a provision)."""

from django.conf import settings
from django.db import models

from collection.models import RunStatus
from loans.models import Loan

MONEY = {"max_digits": 14, "decimal_places": 2}


class RunKind(models.TextChoices):
    CLOSE = "close", "Month-end close"
    ACCRUAL = "accrual", "Interest accrual (on demand)"


class MonthEndRun(models.Model):
    """One run per (kind, business date). A crashed run is resumed, not repeated."""

    kind = models.CharField(max_length=10, choices=RunKind, default=RunKind.CLOSE)
    business_date = models.DateField()
    status = models.CharField(max_length=10, choices=RunStatus, default=RunStatus.RUNNING)
    loans_processed = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-business_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "business_date"], name="month_end_one_run_per_date"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.business_date} ({self.status})"


class MonthEndChunk(models.Model):
    run = models.ForeignKey(MonthEndRun, on_delete=models.CASCADE, related_name="chunks")
    lo_id = models.BigIntegerField()
    hi_id = models.BigIntegerField()
    done = models.BooleanField(default=False)
    counts = models.JSONField(default=dict, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "lo_id"]
        indexes = [models.Index(fields=["run", "done", "lo_id"], name="month_end_chunk_pending")]

    def __str__(self):
        return f"Run {self.run_id}: loans {self.lo_id}-{self.hi_id}"


class ProvisionDetail(models.Model):
    """One loan's provision at one close: its class, exposure split, rate and the
    amounts. Written set-based by the close (accounting.close.sql)."""

    run = models.ForeignKey(MonthEndRun, on_delete=models.CASCADE, related_name="provisions")
    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="+")
    as_of = models.DateField()
    asset_class = models.CharField(max_length=12)
    days_in_npa = models.PositiveIntegerField(default=0)
    exposure = models.DecimalField(**MONEY)
    secured = models.DecimalField(**MONEY)
    unsecured = models.DecimalField(**MONEY)
    required = models.DecimalField(**MONEY)
    held_before = models.DecimalField(**MONEY)
    posted = models.DecimalField(**MONEY)  # required - held_before (negative: written back)

    class Meta:
        ordering = ["run", "loan"]
        constraints = [
            models.UniqueConstraint(fields=["run", "loan"], name="provision_once_per_run")
        ]
        indexes = [models.Index(fields=["as_of", "asset_class"], name="provision_asof_class")]

    def __str__(self):
        return f"Loan {self.loan_id} on {self.as_of}: {self.asset_class} {self.required}"


class CollateralKind(models.TextChoices):
    PROPERTY = "property", "Immovable property"
    VEHICLE = "vehicle", "Vehicle"
    GOLD = "gold", "Gold"
    DEPOSIT = "deposit", "Fixed deposit / securities"
    MACHINERY = "machinery", "Plant and machinery"
    RECEIVABLES = "receivables", "Stock and receivables"
    OTHER = "other", "Other"


class LoanCollateral(models.Model):
    """The realisable value of the security held for a loan, as last valued (recorded by
    accounting.services.collateral_record, audited). A loan without a row is unsecured."""

    loan = models.OneToOneField(Loan, on_delete=models.PROTECT, related_name="collateral")
    kind = models.CharField(max_length=12, choices=CollateralKind, default=CollateralKind.OTHER)
    realisable_value = models.DecimalField(**MONEY)
    valued_on = models.DateField()
    description = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "loan security"
        verbose_name_plural = "loan securities"

    def __str__(self):
        return f"Security of loan {self.loan_id}: {self.realisable_value}"
