"""Collections: the day-end job's runs, bucket history, cases and the desk's work on them
(contacts, promises to pay), reminders and collector scores."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from lendingsite.jobs import RunStatus  # the shared runner's; re-exported here
from lendingsite.money import format_inr
from loans.models import Installment, Loan

MONEY = {"max_digits": 14, "decimal_places": 2}


class DayEndRun(models.Model):
    """One run per (job, business date). A crashed run is resumed, not repeated."""

    job = models.CharField(max_length=40, default="day_end")
    business_date = models.DateField()
    status = models.CharField(max_length=10, choices=RunStatus, default=RunStatus.RUNNING)
    loans_processed = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)  # per step
    errors = models.JSONField(default=list, blank=True)
    forced_loan = models.ForeignKey(
        Loan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-business_date", "-id"]
        verbose_name = "day-end run"  # the term used everywhere else, not "day end run"
        constraints = [
            models.UniqueConstraint(
                fields=["job", "business_date"],
                condition=models.Q(forced_loan__isnull=True),
                name="day_end_one_run_per_date",
            )
        ]

    def __str__(self):
        return f"{self.job} {self.business_date} ({self.status})"


class DayEndChunk(models.Model):
    """A loan-id range of a run; workers take chunks, and a resumed run redoes only the
    chunks not marked done."""

    run = models.ForeignKey(DayEndRun, on_delete=models.CASCADE, related_name="chunks")
    step = models.CharField(max_length=30)
    lo_id = models.BigIntegerField()
    hi_id = models.BigIntegerField()
    done = models.BooleanField(default=False)
    counts = models.JSONField(default=dict, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "day-end chunk"
        constraints = [
            models.UniqueConstraint(fields=["run", "step", "lo_id"], name="day_end_chunk_unique")
        ]

    def __str__(self):
        return f"{self.run_id}:{self.step}[{self.lo_id}-{self.hi_id}]"


class BucketHistory(models.Model):
    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="bucket_history")
    business_date = models.DateField()
    from_bucket = models.CharField(max_length=10)
    to_bucket = models.CharField(max_length=10)
    dpd = models.PositiveIntegerField()
    # What moved the loan: blank for the day-end; a payment, a reversal or a waiver when
    # the change came at once (collection.services.delinquency). The database fills the
    # blank, so the day-end's set-based INSERT needs no column of its own for it.
    cause = models.CharField(max_length=200, blank=True, default="", db_default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["loan", "business_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["loan", "business_date"], name="bucket_history_once_per_day"
            )
        ]
        verbose_name_plural = "bucket history"

    def __str__(self):
        return f"Loan {self.loan_id}: {self.from_bucket} → {self.to_bucket} on {self.business_date}"


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    PROMISE_TO_PAY = "promise_to_pay", "Promise to pay"
    BROKEN_PROMISE = "broken_promise", "Broken promise"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"


OPEN_CASE_STATUSES = [
    CaseStatus.OPEN,
    CaseStatus.IN_PROGRESS,
    CaseStatus.PROMISE_TO_PAY,
    CaseStatus.BROKEN_PROMISE,
]


class CollectionCase(models.Model):
    """Opened by the day-end when a loan becomes delinquent, closed when it is current
    again. At most one open case per loan."""

    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="collection_cases")
    status = models.CharField(max_length=20, choices=CaseStatus, default=CaseStatus.OPEN)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collection_cases",
    )
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    # DPD and bucket are the loan's (loan.dpd, loan.bucket), not copied here: the day-end
    # would otherwise rewrite every open case every night. The overdue amount changes only
    # when an installment falls due, a charge is levied or a payment is made.
    overdue_amount = models.DecimalField(**MONEY, default=0)
    legal_escalated = models.BooleanField(default=False)
    escalated_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-loan__dpd", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["loan"],
                condition=models.Q(status__in=OPEN_CASE_STATUSES),
                name="one_open_case_per_loan",
            )
        ]
        indexes = [models.Index(fields=["assigned_to", "status"], name="case_collector_status")]

    def __str__(self):
        return f"Case {self.pk} (loan {self.loan_id})"


class ContactChannel(models.TextChoices):
    CALL = "call", "Phone call"
    SMS = "sms", "SMS"
    EMAIL = "email", "Email"
    VISIT = "visit", "Field visit"
    WHATSAPP = "whatsapp", "WhatsApp"


class ContactOutcome(models.TextChoices):
    REACHED = "reached", "Reached the borrower"
    NO_ANSWER = "no_answer", "No answer"
    WRONG_NUMBER = "wrong_number", "Wrong number"
    PROMISED = "promised", "Promised to pay"
    REFUSED = "refused", "Refused to pay"
    PAID = "paid", "Says already paid"


class ContactLog(models.Model):
    case = models.ForeignKey(CollectionCase, on_delete=models.PROTECT, related_name="contacts")
    collector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=ContactChannel)
    outcome = models.CharField(max_length=15, choices=ContactOutcome)
    note = models.TextField(blank=True)
    contacted_at = models.DateTimeField()

    class Meta:
        ordering = ["-contacted_at"]

    def __str__(self):
        return f"{self.get_channel_display()} on case {self.case_id}"


class PromiseStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    KEPT = "kept", "Kept"
    BROKEN = "broken", "Broken"


class PromiseToPay(models.Model):
    case = models.ForeignKey(CollectionCase, on_delete=models.PROTECT, related_name="promises")
    amount = models.DecimalField(**MONEY)
    promised_on = models.DateField()
    status = models.CharField(max_length=10, choices=PromiseStatus, default=PromiseStatus.PENDING)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    settled_on = models.DateField(null=True, blank=True)
    # Which settlement (one promises_settle call) settled it: that call's audit trail and
    # webhook events are per promise, read back by this key in the same transaction.
    settlement_key = models.UUIDField(null=True, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["promised_on"]
        verbose_name = "promise to pay"
        verbose_name_plural = "promises to pay"

    def __str__(self):
        return f"Promise {format_inr(self.amount)} by {self.promised_on:%d %b %Y}"


class NotificationStatus(models.TextChoices):
    HELD = "held", "Held (outside calling hours)"
    QUEUED = "queued", "Queued"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class Notification(models.Model):
    """Every message to a borrower, with its delivery status (the notification log;
    collection.notices). A notice is its `in_app` row (what the borrower's messages page
    shows); delivering it renders the texts and adds one row per channel (email, SMS),
    each with its own status. The dedupe key, `<kind>:<reference>:<channel>`, is unique, so
    a notice is made and sent once however often its event or task runs."""

    borrower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    loan = models.ForeignKey(
        Loan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    installment = models.ForeignKey(
        Installment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    promise = models.ForeignKey(
        PromiseToPay, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=30)  # collection.notices.kinds.KINDS
    channel = models.CharField(max_length=10)  # in_app, email, sms
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)  # rendered at delivery when made in a hot path
    # What the notice is about: the amount (reminder, payment, charge...) and the facts the
    # texts are written from, as they were when the event happened.
    amount = models.DecimalField(**MONEY, null=True, blank=True)
    data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    status = models.CharField(max_length=10, choices=NotificationStatus)
    not_before = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    dedupe_key = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "not_before"], name="notification_due")]

    def __str__(self):
        return f"{self.kind} to {self.borrower_id} ({self.status})"


class CollectorScore(models.Model):
    collector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="collector_scores"
    )
    week_start = models.DateField()
    promises_made = models.PositiveIntegerField(default=0)
    promises_kept = models.PositiveIntegerField(default=0)
    amount_assigned = models.DecimalField(**MONEY, default=0)
    amount_collected = models.DecimalField(**MONEY, default=0)
    cases_assigned = models.PositiveIntegerField(default=0)
    cases_contacted = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-week_start", "collector"]
        constraints = [
            models.UniqueConstraint(fields=["collector", "week_start"], name="score_once_per_week")
        ]

    def __str__(self):
        return f"{self.collector_id} week of {self.week_start}"


# The day-end's portfolio snapshot (collection/models/portfolio.py), re-exported here.
from collection.models.portfolio import PortfolioSnapshot, RollSnapshot  # noqa: E402, F401
