"""Conversations between a borrower and the lender's staff: one thread per application and
one per loan (docs/messaging.md). Messages are never deleted: a hidden one is kept and
marked, an erased borrower's are blanked in place (accounts.services.privacy)."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q


class Thread(models.Model):
    borrower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="message_threads"
    )
    application = models.OneToOneField(
        "loans.LoanApplication",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="thread",
    )
    loan = models.OneToOneField(
        "loans.Loan", on_delete=models.PROTECT, null=True, blank=True, related_name="thread"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The newest delivered message: the lists sort on it without a join.
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="thread_about_one_object",
                condition=(Q(application__isnull=False) & Q(loan__isnull=True))
                | (Q(application__isnull=True) & Q(loan__isnull=False)),
            )
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def subject(self) -> str:
        if self.loan_id:
            return f"Loan #{self.loan_id}"
        return f"Application #{self.application_id}"


def message_upload_path(instance, filename):
    # A random name: the sender's file name may itself carry personal data.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"messages/{instance.thread_id}/{uuid.uuid4().hex}{suffix}"


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="messages_sent"
    )
    from_staff = models.BooleanField()
    body = models.TextField(blank=True)
    attachment = models.FileField(upload_to=message_upload_path, blank=True)
    attachment_type = models.CharField(max_length=100, blank=True)
    attachment_size = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()
    # Recovery contact outside calling hours waits: held_until is the 08:00 IST it goes at,
    # delivered_at stays empty until then (messaging.rules.delivery_moment).
    held_until = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages_hidden",
    )
    hidden_reason = models.CharField(max_length=500, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="messages_reported",
    )
    report_reason = models.CharField(max_length=500, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        permissions = [("hide_message", "Can hide a message (moderation)")]
        indexes = [
            models.Index(fields=["thread", "delivered_at"], name="message_thread_delivered"),
            models.Index(
                fields=["held_until"],
                name="message_held",
                condition=Q(delivered_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"Message #{self.pk} in {self.thread}"

    @property
    def is_held(self) -> bool:
        return self.delivered_at is None


class ThreadRead(models.Model):
    """How far one person has read one thread, and whether the unread stretch since then
    has had its email notice (once per stretch, not per message)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_reads"
    )
    last_read_at = models.DateTimeField(null=True, blank=True)
    notice_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="thread_read_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id}"
