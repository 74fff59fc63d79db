"""The day-end's daily portfolio snapshot, read by the officer console's dashboard
(collection/dayend/snapshot.py writes it; docs/console.md)."""

from django.db import models

from lendingsite.api_fields import MONEY


class PortfolioSnapshot(models.Model):
    """The book at the end of one business date, per product and bucket, written by the
    day-end (collection.dayend.snapshot) so the console's dashboard never scans the book on
    a page view. A few rows per date: products by buckets. Money is summed in SQL as Decimal.

    Stock figures (loans, principal, PAR, overdue) describe active loans at the end of D;
    flow figures (demand, collected, disbursed) are what happened on D itself, so a month is
    the sum of its dates."""

    business_date = models.DateField()
    product = models.ForeignKey("loans.LoanProduct", on_delete=models.PROTECT, related_name="+")
    bucket = models.CharField(max_length=10)
    loans = models.PositiveIntegerField(default=0)
    principal_outstanding = models.DecimalField(**MONEY, default=0)
    # Principal outstanding of loans with DPD ≥ 1, > 30, > 60, > 90 (portfolio at risk).
    par1 = models.DecimalField(**MONEY, default=0)
    par30 = models.DecimalField(**MONEY, default=0)
    par60 = models.DecimalField(**MONEY, default=0)
    par90 = models.DecimalField(**MONEY, default=0)
    overdue = models.DecimalField(**MONEY, default=0)  # owed on installments due by D
    demand = models.DecimalField(**MONEY, default=0)  # principal + interest falling due on D
    collected = models.DecimalField(**MONEY, default=0)  # posted payments dated D, less excess
    disbursed_loans = models.PositiveIntegerField(default=0)
    disbursed_amount = models.DecimalField(**MONEY, default=0)
    first_payment_defaults = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["business_date", "product", "bucket"], name="snapshot_date_product_bucket"
            )
        ]
        indexes = [models.Index(fields=["business_date"], name="snapshot_date")]

    def __str__(self):
        return f"{self.business_date} {self.product_id} {self.bucket}"


class RollSnapshot(models.Model):
    """Roll rates month on month: how many loans (and how much principal) moved from the
    bucket they were in at the end of the previous month to the bucket they are in at the
    end of `business_date` (the month's last day-end so far). Rewritten by each day-end for
    its month, from bucket history (collection.dayend.snapshot)."""

    month = models.DateField()  # the first day of the month
    business_date = models.DateField()
    product = models.ForeignKey("loans.LoanProduct", on_delete=models.PROTECT, related_name="+")
    from_bucket = models.CharField(max_length=10)
    to_bucket = models.CharField(max_length=10)
    loans = models.PositiveIntegerField(default=0)
    principal_outstanding = models.DecimalField(**MONEY, default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "product", "from_bucket", "to_bucket"], name="roll_month_cell"
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.from_bucket}→{self.to_bucket}"
