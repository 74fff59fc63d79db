"""Virtual accounts, bank statement imports, their lines and the reconciliation queue
(docs/reconciliation.md)."""

from django.conf import settings
from django.db import models

MONEY = {"max_digits": 14, "decimal_places": 2}


class VirtualAccount(models.Model):
    """The account (and UPI id) a loan's repayments are paid into; issued once by the
    adapter and never changed."""

    loan = models.OneToOneField(
        "loans.Loan", on_delete=models.PROTECT, related_name="virtual_account"
    )
    provider = models.CharField(max_length=20)
    account_number = models.CharField(max_length=34, unique=True)
    ifsc = models.CharField(max_length=11)
    vpa = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.account_number


class StatementFormat(models.TextChoices):
    CSV = "csv", "CSV"
    MT940 = "mt940", "SWIFT MT940"


class StatementImport(models.Model):
    """One uploaded bank statement and what its import did."""

    file_name = models.CharField(max_length=200)
    file_format = models.CharField(max_length=8, choices=StatementFormat, default="csv")
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lines = models.PositiveIntegerField(default=0)
    credits = models.PositiveIntegerField(default=0)
    posted = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    queued = models.PositiveIntegerField(default=0)
    credited_amount = models.DecimalField(**MONEY, default=0)
    posted_amount = models.DecimalField(**MONEY, default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("import_statementimport", "Can import a bank statement")]

    def __str__(self):
        return f"Statement {self.pk}: {self.file_name}"


class LineStatus(models.TextChoices):
    DEBIT = "debit", "Debit (not ours to match)"
    MATCHED = "matched", "Matched, not yet posted"
    POSTED = "posted", "Posted"
    DUPLICATE = "duplicate", "Already posted (same UTR)"
    QUEUED = "queued", "In the queue"
    PROPOSED = "proposed", "Assigned, awaiting approval"
    REFUND = "refund", "To be refunded"


class MatchKind(models.TextChoices):
    NONE = "", "None"
    VIRTUAL_ACCOUNT = "virtual_account", "Virtual account"
    UTR = "utr", "UTR of a posted payment"
    LOAN_REFERENCE = "loan_reference", "Loan reference"
    MANUAL = "manual", "Assigned by finance"


class StatementLine(models.Model):
    """One row of a statement. Credits are matched set-based; a matched credit is posted
    through payment_post with `utr` as its UTR, so the same credit in a second upload (or
    already posted by a gateway with the same bank reference) is a duplicate, never a
    second payment."""

    statement = models.ForeignKey(StatementImport, on_delete=models.PROTECT, related_name="rows")
    line_no = models.PositiveIntegerField()
    txn_date = models.DateField()
    value_date = models.DateField(null=True, blank=True)
    narration = models.CharField(max_length=300, blank=True)
    reference = models.CharField(max_length=64, blank=True)
    # The canonical UTR the payment is posted under: the bank's reference, else a key built
    # from the row itself (docs/reconciliation.md, "Idempotency").
    utr = models.CharField(max_length=64, db_index=True)
    credit = models.DecimalField(**MONEY)
    debit = models.DecimalField(**MONEY)
    balance = models.DecimalField(**MONEY, null=True, blank=True)
    account_token = models.CharField(max_length=34, blank=True, db_index=True)
    loan_ref_token = models.BigIntegerField(null=True, blank=True)
    tokens_ambiguous = models.BooleanField(default=False)
    va_loan = models.ForeignKey(
        "loans.Loan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ref_loan = models.ForeignKey(
        "loans.Loan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=LineStatus, db_index=True)
    match_kind = models.CharField(max_length=20, choices=MatchKind, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    loan = models.ForeignKey(
        "loans.Loan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statement_lines",
    )
    payment = models.ForeignKey(
        "repayments.Payment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assign_note = models.CharField(max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["statement_id", "line_no"]
        # The matcher's "repeated earlier in this file" check looks rows up by
        # (statement, utr); without it PostgreSQL scans the statement's rows per row.
        indexes = [models.Index(fields=["statement", "utr"], name="statementline_statement_utr")]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "line_no"], name="statementline_unique_row"
            )
        ]
        permissions = [
            ("assign_statementline", "Can assign a queued credit to a loan"),
            ("approve_statementline", "Can approve an assigned credit"),
        ]

    def __str__(self):
        return f"Line {self.line_no} of statement {self.statement_id}"
