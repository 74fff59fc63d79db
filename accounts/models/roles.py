"""A proposed change of a staff account's roles (maker-checker, issue 14): one person
proposes the new set of roles with a reason, another approves it (which applies it) or
rejects it. accounts.services.roles is the only writer."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_fsm import FSMField, transition


class RoleChangeStatus(models.TextChoices):
    PROPOSED = "proposed", "Awaiting approval"
    APPROVED = "approved", "Approved (applied)"
    REJECTED = "rejected", "Rejected"


class RoleChange(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="role_changes"
    )
    roles_before = models.JSONField(default=list)  # the account's roles when proposed
    roles = models.JSONField(default=list)  # the whole new set, sorted
    reason = models.CharField(max_length=300)
    status = FSMField(default=RoleChangeStatus.PROPOSED, choices=RoleChangeStatus, protected=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        permissions = [
            ("propose_rolechange", "Can propose a change of a staff account's roles"),
            ("decide_rolechange", "Can approve or reject a proposed change of roles"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="proposed"),
                name="rolechange_one_open_per_user",
            )
        ]
        indexes = [models.Index(fields=["status", "proposed_at"])]

    def __str__(self):
        return f"Role change #{self.pk} for {self.user} ({self.status})"

    @transition(field=status, source=RoleChangeStatus.PROPOSED, target=RoleChangeStatus.APPROVED)
    def approve(self):
        pass

    @transition(field=status, source=RoleChangeStatus.PROPOSED, target=RoleChangeStatus.REJECTED)
    def reject(self):
        pass
