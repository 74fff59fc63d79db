from django.conf import settings
from django.db import models

from accounts.models import AppendOnlyModel
from loans.models.products import MONEY


class AccountKind(models.TextChoices):
    ASSET = "asset", "Asset"
    LIABILITY = "liability", "Liability"
    INCOME = "income", "Income"
    EXPENSE = "expense", "Expense"


class LedgerAccount(models.Model):
    """Chart of accounts (DESIGN §6), created by a data migration."""

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=AccountKind)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.name


class JournalEntry(AppendOnlyModel):
    """One balanced double-entry posting. Append-only: corrections are new reversing
    entries, never edits."""

    entry_date = models.DateField()
    kind = models.CharField(max_length=30, db_index=True)
    loan = models.ForeignKey(
        "loans.Loan", null=True, blank=True, on_delete=models.PROTECT, related_name="journal"
    )
    memo = models.CharField(max_length=200, blank=True)
    reference = models.CharField(max_length=64, blank=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "journal entries"

    def __str__(self):
        return f"JE {self.pk} {self.kind} {self.entry_date}"


class JournalLine(AppendOnlyModel):
    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="lines")
    account = models.ForeignKey(LedgerAccount, on_delete=models.PROTECT, related_name="lines")
    loan = models.ForeignKey(
        "loans.Loan", null=True, blank=True, on_delete=models.PROTECT, related_name="ledger_lines"
    )
    debit = models.DecimalField(**MONEY, default=0)
    credit = models.DecimalField(**MONEY, default=0)

    class Meta:
        ordering = ["entry_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(debit__gt=0) & models.Q(credit=0))
                | (models.Q(debit=0) & models.Q(credit__gt=0)),
                name="journal_line_one_side_positive",
            )
        ]
        indexes = [models.Index(fields=["loan", "account"], name="journal_line_loan_account")]

    def __str__(self):
        return f"{self.account.code} Dr {self.debit} Cr {self.credit}"
