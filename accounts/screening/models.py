"""Imported sanctions lists, their entries, and the hits screening finds."""

from django.conf import settings
from django.db import models


class ListSource(models.TextChoices):
    UN = "un", "UN Security Council consolidated list"
    UAPA = "uapa", "MHA UAPA (banned organisations and individual terrorists)"
    OFAC = "ofac", "OFAC SDN list"


class SanctionsList(models.Model):
    """One import of one source. The newest import of a source is the one in force; its
    entries replace the previous import's (which stay for the record of old hits)."""

    source = models.CharField(max_length=8, choices=ListSource.choices)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    published = models.CharField(max_length=40, blank=True)
    entry_count = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    in_force = models.BooleanField(default=True)

    def __str__(self):
        return f"{self.get_source_display()} ({self.imported_at:%Y-%m-%d}, {self.entry_count})"


class SanctionsEntry(models.Model):
    """A listed person or organisation. `key` ("un:QDi.263") is stable across imports,
    so a hit that was cleared is not raised again by the next import of the same list."""

    sanctions_list = models.ForeignKey(
        SanctionsList, on_delete=models.CASCADE, related_name="entries"
    )
    key = models.CharField(max_length=80, db_index=True)
    kind = models.CharField(max_length=12, default="individual")  # individual | entity
    name = models.CharField(max_length=300)
    aliases = models.JSONField(default=list)
    dates_of_birth = models.JSONField(default=list)  # "YYYY-MM-DD" or "YYYY"
    nationalities = models.JSONField(default=list)
    programme = models.CharField(max_length=200, blank=True)
    remarks = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "sanctions entries"

    def __str__(self):
        return f"{self.name} [{self.key}]"

    @property
    def all_names(self) -> list[str]:
        return [self.name, *self.aliases]


class HitStatus(models.TextChoices):
    OPEN = "open", "Open (not reviewed)"
    CLEAR_PROPOSED = "clear_proposed", "Clear proposed (needs a second reviewer)"
    CONFIRM_PROPOSED = "confirm_proposed", "Confirm proposed (needs a second reviewer)"
    CLEARED = "cleared", "Cleared (false positive)"
    CONFIRMED = "confirmed", "Confirmed (true match)"


UNRESOLVED = (HitStatus.OPEN, HitStatus.CLEAR_PROPOSED, HitStatus.CONFIRM_PROPOSED)


class ScreeningHit(models.Model):
    """A borrower's name scored at or above SCREENING_THRESHOLD against a list entry.
    While unresolved (or once confirmed) the borrower's applications are not approved
    and their loans are not disbursed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="screening_hits"
    )
    entry = models.ForeignKey(SanctionsEntry, on_delete=models.PROTECT, related_name="hits")
    entry_key = models.CharField(max_length=80)
    screened_name = models.CharField(max_length=300)
    matched_name = models.CharField(max_length=300)
    score = models.PositiveSmallIntegerField()
    reasons = models.JSONField(default=list)
    trigger = models.CharField(max_length=20)  # signup, kyc, approval, list_import, manual
    status = models.CharField(max_length=20, choices=HitStatus.choices, default=HitStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    proposed_reason = models.TextField(blank=True)
    proposed_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_reason = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        permissions = [("review_screeninghit", "Can clear or confirm screening hits")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "entry_key"], name="screening_one_hit_per_entry"
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.user} ~ {self.matched_name} ({self.score})"
