"""The loan terms a product fixes and a loan carries, defined once: `LoanTerms`, the
abstract model both LoanProduct and Loan inherit (a loan copies its product's terms when the
offer is accepted, `LoanTerms.agreed_terms`, so editing a product never changes an existing
loan). `ScheduleTerms.from_terms` (loans.schedule.terms) reads the schedule's share of them."""

from django.db import models

from loans import vocabulary


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


class LoanTerms(models.Model):
    """How a loan's schedule is built and its payments allocated. The defaults are the
    product's; a loan is always created with its product's values (agreed_terms)."""

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
    allocation_strategy = models.CharField(
        max_length=40,
        choices=AllocationStrategy,
        default=vocabulary.PENAL_FEES_INTEREST_PRINCIPAL,
    )
    prepayment_strategy = models.CharField(
        max_length=20, choices=PrepaymentStrategy, default="reduce_tenure"
    )

    class Meta:
        abstract = True

    def agreed_terms(self) -> dict:
        """These terms by field name: what a new loan copies from its product."""
        return {name: getattr(self, name) for name in LOAN_TERM_FIELDS}


LOAN_TERM_FIELDS: tuple[str, ...] = tuple(f.name for f in LoanTerms._meta.fields)
