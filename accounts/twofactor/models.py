"""Recovery codes and device-reset requests. TOTP devices are django-otp's own model."""

from django.conf import settings
from django.db import models


class RecoveryCode(models.Model):
    """One-time fallback for a lost phone. Only a keyed hash is stored (like a password):
    the plain code is shown once, at generation, and never again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "used_at"])]

    def __str__(self):
        return f"recovery code of {self.user_id} ({'used' if self.used_at else 'unused'})"


class ResetStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class DeviceResetRequest(models.Model):
    """A staff member lost their second factor: one superuser asks, a different superuser
    approves; approval removes the devices and recovery codes so the person enrols again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="device_resets"
    )
    reason = models.TextField()
    status = models.CharField(
        max_length=10, choices=ResetStatus.choices, default=ResetStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        permissions = [("decide_deviceresetrequest", "Can approve a second-factor reset")]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="twofactor_one_pending_reset_per_user",
            )
        ]

    def __str__(self):
        return f"second-factor reset for {self.user} ({self.status})"
