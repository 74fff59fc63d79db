from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from loans import vocabulary

MONEY = {"max_digits": 14, "decimal_places": 2}
RATE = {"max_digits": 7, "decimal_places": 4}


class InterestMethod(models.TextChoices):
    DECLINING = "declining", "Declining balance"
    FLAT = "flat", "Flat"


class Amortization(models.TextChoices):
    EQUAL_INSTALLMENTS = "equal_installments", "Equal installments (EMI)"
    EQUAL_PRINCIPAL = "equal_principal", "Equal principal"


class InterestPeriod(models.TextChoices):
    SAME_AS_REPAYMENT = "same_as_repayment", "Same as repayment period"
    DAILY = "daily", "Daily (actual days / 365)"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    FORTNIGHTLY = "fortnightly", "Fortnightly"
    WEEKLY = "weekly", "Weekly"


class Rounding(models.TextChoices):
    HALF_EVEN = "half_even", "Half even (banker's)"
    HALF_UP = "half_up", "Half up"
    UP = "up", "Up"


class InstallmentMultiple(models.TextChoices):
    PAISA = "0.01", "₹0.01"
    RUPEE = "1.00", "₹1"


class AllocationStrategy(models.TextChoices):
    PENAL_FEES_INTEREST_PRINCIPAL = (
        vocabulary.PENAL_FEES_INTEREST_PRINCIPAL,
        "Penal → fees → interest → principal",
    )
    INTEREST_PRINCIPAL_PENAL_FEES = (
        vocabulary.INTEREST_PRINCIPAL_PENAL_FEES,
        "Interest → principal → penal → fees",
    )


class PrepaymentStrategy(models.TextChoices):
    REDUCE_TENURE = "reduce_tenure", "Reduce tenure"
    REDUCE_EMI = "reduce_emi", "Reduce installment"


class PenalChargeType(models.TextChoices):
    FLAT = vocabulary.PENAL_FLAT, "Flat amount per overdue installment"
    PERCENT_OF_OVERDUE = vocabulary.PENAL_PERCENT_OF_OVERDUE, "Percent of the overdue amount"


class LoanProduct(models.Model):
    """Everything DESIGN §3 lets a product fix. Loans copy the terms they were made on,
    so editing a product never changes an existing loan."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    min_amount = models.DecimalField(**MONEY, validators=[MinValueValidator(Decimal("1.00"))])
    max_amount = models.DecimalField(**MONEY)
    min_tenure = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    max_tenure = models.PositiveSmallIntegerField()
    min_rate = models.DecimalField(**RATE, validators=[MinValueValidator(Decimal("0"))])
    max_rate = models.DecimalField(**RATE)
    default_rate = models.DecimalField(**RATE)

    interest_method = models.CharField(max_length=20, choices=InterestMethod, default="declining")
    amortization = models.CharField(
        max_length=20, choices=Amortization, default="equal_installments"
    )
    interest_period = models.CharField(
        max_length=20, choices=InterestPeriod, default="same_as_repayment"
    )
    frequency = models.CharField(max_length=12, choices=Frequency, default="monthly")
    installment_multiple = models.CharField(
        max_length=4, choices=InstallmentMultiple, default="0.01"
    )
    rounding = models.CharField(max_length=10, choices=Rounding, default="half_even")
    grace_on_principal = models.PositiveSmallIntegerField(default=0)

    processing_fee_percent = models.DecimalField(**RATE, default=Decimal("0"))
    processing_fee_flat = models.DecimalField(**MONEY, default=Decimal("0"))
    gst_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("18.00"))

    penal_charge_type = models.CharField(
        max_length=20, choices=PenalChargeType, default=vocabulary.PENAL_FLAT
    )
    penal_charge_flat = models.DecimalField(**MONEY, default=Decimal("500.00"))
    penal_charge_percent = models.DecimalField(**RATE, default=Decimal("0"))
    penal_grace_days = models.PositiveSmallIntegerField(default=3)

    allocation_strategy = models.CharField(
        max_length=40, choices=AllocationStrategy, default=vocabulary.PENAL_FEES_INTEREST_PRINCIPAL
    )
    prepayment_strategy = models.CharField(
        max_length=20, choices=PrepaymentStrategy, default="reduce_tenure"
    )
    cooling_off_days = models.PositiveSmallIntegerField(default=3)
    npa_threshold_days = models.PositiveSmallIntegerField(default=90)
    materiality_floor = models.DecimalField(**MONEY, default=Decimal("0"))
    max_foir_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("50"))
    kfs_validity_working_days = models.PositiveSmallIntegerField(default=3)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_amount__gte=models.F("min_amount")),
                name="product_amount_range",
            ),
            models.CheckConstraint(
                condition=models.Q(max_tenure__gte=models.F("min_tenure")),
                name="product_tenure_range",
            ),
            models.CheckConstraint(
                condition=models.Q(max_rate__gte=models.F("min_rate"))
                & models.Q(default_rate__gte=models.F("min_rate"))
                & models.Q(default_rate__lte=models.F("max_rate")),
                name="product_rate_range",
            ),
            models.CheckConstraint(
                condition=models.Q(kfs_validity_working_days__gte=3),
                name="product_kfs_validity_min_3",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def clean(self):
        errors = {}

        def known(*values):
            return all(v is not None for v in values)

        if known(self.min_amount, self.max_amount) and self.max_amount < self.min_amount:
            errors["max_amount"] = "The maximum amount must be at least the minimum."
        if known(self.min_tenure, self.max_tenure) and self.max_tenure < self.min_tenure:
            errors["max_tenure"] = "The maximum tenure must be at least the minimum."
        if known(self.min_rate, self.max_rate, self.default_rate):
            if self.max_rate < self.min_rate:
                errors["max_rate"] = "The maximum rate must be at least the minimum."
            elif not self.min_rate <= self.default_rate <= self.max_rate:
                errors["default_rate"] = "The default rate must lie inside the rate range."
        if (
            known(self.grace_on_principal, self.min_tenure)
            and self.grace_on_principal >= self.min_tenure
        ):
            errors["grace_on_principal"] = "Grace periods must be fewer than the minimum tenure."
        if self.kfs_validity_working_days is not None and self.kfs_validity_working_days < 3:
            errors["kfs_validity_working_days"] = "RBI requires at least 3 working days."
        if errors:
            raise ValidationError(errors)
