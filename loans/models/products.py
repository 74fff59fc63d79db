from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from loans import vocabulary
from loans.models.terms import (  # noqa: F401  (the choices are imported from here too)
    AllocationStrategy,
    Amortization,
    Frequency,
    InstallmentMultiple,
    InterestMethod,
    InterestPeriod,
    LoanTerms,
    PrepaymentStrategy,
    Rounding,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
RATE = {"max_digits": 7, "decimal_places": 4}


class PenalChargeType(models.TextChoices):
    FLAT = vocabulary.PENAL_FLAT, "Flat amount per overdue installment"
    PERCENT_OF_OVERDUE = vocabulary.PENAL_PERCENT_OF_OVERDUE, "Percent of the overdue amount"


class LoanProduct(LoanTerms):
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

    processing_fee_percent = models.DecimalField(**RATE, default=Decimal("0"))
    processing_fee_flat = models.DecimalField(**MONEY, default=Decimal("0"))
    gst_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("18.00"))

    penal_charge_type = models.CharField(
        max_length=20, choices=PenalChargeType, default=vocabulary.PENAL_FLAT
    )
    penal_charge_flat = models.DecimalField(**MONEY, default=Decimal("500.00"))
    penal_charge_percent = models.DecimalField(**RATE, default=Decimal("0"))
    penal_grace_days = models.PositiveSmallIntegerField(default=3)
    # Levied once per installment when an auto-debit of it bounces (mandates; a fee, never
    # capitalised). Zero: the product charges nothing for a bounce.
    bounce_charge = models.DecimalField(**MONEY, default=Decimal("0.00"))

    # Distress servicing (docs/servicing.md): on a restructure, unpaid principal and
    # interest of installments already due are capitalised into the new principal, or kept
    # as a separate due (penal charges never capitalised); a moratorium's interest for the
    # holiday is accrued into the later installments or waived.
    restructure_capitalises_arrears = models.BooleanField(default=False)
    moratorium_accrues_interest = models.BooleanField(default=True)

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
