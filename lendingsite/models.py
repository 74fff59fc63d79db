"""Platform tables. IdempotencyRecord: one row per (client, Idempotency-Key) on unsafe API
calls (lendingsite.idempotency); the row exists from before the view runs, so a concurrent
retry sees it, and holds the stored answer afterwards. KillSwitch: an operator's setting of
one job kill switch (lendingsite.switches)."""

from django.conf import settings
from django.db import models


class IdempotencyState(models.TextChoices):
    IN_FLIGHT = "in_flight", "In flight"
    COMPLETED = "completed", "Completed"


class IdempotencyRecord(models.Model):
    # "user:<id>" or "ip:<address>": two clients may use the same key independently.
    client = models.CharField(max_length=64)
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=2048)
    body_sha256 = models.CharField(max_length=64)
    state = models.CharField(
        max_length=12, choices=IdempotencyState.choices, default=IdempotencyState.IN_FLIGHT
    )
    started_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(db_index=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=255, blank=True)
    response_headers = models.JSONField(default=dict, blank=True)
    response_body = models.BinaryField(default=b"", blank=True)

    class Meta:
        verbose_name = "idempotency record"
        constraints = [
            # Decides races: of two requests inserting the same (client, key), one fails.
            models.UniqueConstraint(fields=["client", "key"], name="idempotency_client_key"),
            models.CheckConstraint(
                condition=models.Q(state="in_flight") | models.Q(status_code__isnull=False),
                name="idempotency_completed_has_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client} {self.key} ({self.state})"

    def matches(self, *, method: str, path: str, body_sha256: str) -> bool:
        return (self.method, self.path, self.body_sha256) == (method, path, body_sha256)


class KillSwitch(models.Model):
    """The operator's setting of one kill switch (lendingsite.switches): a row exists once
    someone has flipped it in the console; no row means "on". The environment can still
    force a switch off whatever the row says. History is in the audit trail."""

    name = models.CharField(max_length=64, primary_key=True)
    enabled = models.BooleanField(default=True)
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "kill switch"

    def __str__(self) -> str:
        return f"{self.name} ({'on' if self.enabled else 'off'})"
